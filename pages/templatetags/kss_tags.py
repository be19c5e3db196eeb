"""Navigation for the base template: menu, breadcrumb, languages, footer."""

from django import template
from django.conf import settings
from django.utils import timezone
from django.utils.translation import get_language
from wagtail.images.models import Filter, Picture
from wagtail.images.shortcuts import get_renditions_or_not_found
from wagtail.models import Page, Site

from caching.page_cache import remember
from pages import formatting
from pages.structured_data import json_ld
from pages.translations import alternates, live_translations
from pages.visibility import visible_pages

register = template.Library()


def _build_chrome(request, site):
    """Plain data, so that it pickles small into a shared cache."""
    from pages.models import SiteSettings

    language = get_language()
    roots = live_translations(site.root_page) if site else {}
    root = roots.get(language) or (site.root_page if site else None)
    menu = []
    if root is not None:
        for child in visible_pages(root.get_children().in_menu()):
            menu.append(
                {
                    "path": child.path,
                    "title": child.title,
                    "url": child.get_url(request),
                }
            )
    site_settings = SiteSettings.for_site(site) if site else SiteSettings()
    chosen = {
        name: getattr(site_settings, field) for name, field in SiteSettings.STATEMENT_PAGES.items()
    }
    # Each chosen page in the language of the address, else as chosen; left
    # out where the visitor may not open it.
    keys = [page.translation_key for page in chosen.values() if page is not None]
    visible = visible_pages(Page.objects.filter(translation_key__in=keys)).select_related("locale")
    statements = {}
    for name, page in chosen.items():
        versions = [
            v for v in visible if page is not None and v.translation_key == page.translation_key
        ]
        in_language = [v for v in versions if v.locale.language_code == language]
        shown = next(iter(in_language or [v for v in versions if v.pk == page.pk]), None)
        if shown is not None:
            statements[name] = {"title": shown.title, "url": shown.get_url(request)}
    return {
        # The values only, not the model with the pages it chose.
        "settings": {
            field.name: getattr(site_settings, field.name)
            for field in SiteSettings._meta.concrete_fields
            if not field.is_relation
        },
        "root_url": root.get_url(request) if root is not None else "/",
        "front_pages": {code: page.get_url(request) for code, page in roots.items()},
        "menu": menu,
        "statements": {**statements, "links": list(statements.values())},
    }


def _chrome(request):
    """What surrounds every page of a language: the site settings, the front
    page, the main menu and the statement pages. Remembered on the request and,
    until the next publication, in the cache."""
    if "_kss_chrome" not in request.__dict__:
        site = Site.find_for_request(request)
        name = f"chrome:{site.pk if site else 0}:{get_language()}"
        request._kss_chrome = remember(request, name, lambda: _build_chrome(request, site))
    return request._kss_chrome


@register.simple_tag(takes_context=True)
def site_chrome(context):
    return _chrome(context["request"])


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    current = context.get("page")
    path = getattr(current, "path", "")
    items = [
        {**item, "is_current": path.startswith(item["path"]), "is_page": path == item["path"]}
        for item in _chrome(context["request"])["menu"]
    ]
    return {"items": items}


@register.inclusion_tag("includes/breadcrumb.html", takes_context=True)
def breadcrumb(context):
    page = context.get("page")
    return {
        "ancestors": getattr(page, "breadcrumb_ancestors", []),
        "page": page,
        "request": context.get("request"),
    }


@register.simple_tag(takes_context=True)
def site_root_url(context):
    return _chrome(context["request"])["root_url"]


@register.inclusion_tag("includes/alternate_links.html", takes_context=True)
def alternate_links(context):
    """``<link rel="alternate" hreflang>`` for every translation of the page."""
    page = context.get("page")
    if not isinstance(page, Page):
        return {"links": []}
    return {"links": alternates(page, context["request"])}


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to the other languages: the translation of this page where there is
    one, else that language's front page."""
    request = context["request"]
    page = context.get("page")
    translations = live_translations(page, request) if isinstance(page, Page) else {}
    front_pages = _chrome(request)["front_pages"]
    links = []
    for code, name in settings.LANGUAGES:
        if code == get_language():
            continue
        url = translations[code].get_url(request) if code in translations else front_pages.get(code)
        if url:
            links.append({"code": code, "name": name, "url": url})
    return {"links": links}


@register.simple_tag(takes_context=True)
def structured_data(context):
    """The page's schema.org JSON-LD, ready for a <script type="application/ld+json">."""
    page = context.get("page")
    if not hasattr(page, "structured_data"):
        return ""
    return json_ld(page.structured_data(context["request"]))


# Images are at most as wide as the text column (42rem, 672 px; twice that on
# sharp screens): a phone takes a 400 or 700 px AVIF, an old browser a JPEG.
PICTURE_WIDTHS = (400, 700, 1000, 1400)
PICTURE_FORMATS = ("avif", "webp", "jpeg")
PICTURE_SIZES = "(min-width: 44rem) 42rem, calc(100vw - 2rem)"


@register.simple_tag
def column_picture(image, alt, lazy=False):
    """Wagtail's ``{% picture %}`` for the text column, with only the widths the
    image can give: Wagtail does not enlarge, so asking a 640 px image for 1000
    and 1400 px would list one file under three widths, which HTML forbids.
    ``lazy`` for images below the opening of the page."""
    # Largest first: Wagtail takes the first for the <img>, whose width and
    # height then give the image its natural size in the column.
    widths = [min(image.width, PICTURE_WIDTHS[-1])]
    widths += [width for width in reversed(PICTURE_WIDTHS) if width < widths[0]]
    specs = [f"format-{fmt}|width-{width}" for fmt in PICTURE_FORMATS for width in widths]
    renditions = get_renditions_or_not_found(image, [Filter(spec=spec) for spec in specs])
    attrs = {"alt": alt}
    if len(widths) > 1:
        attrs["sizes"] = PICTURE_SIZES
    if lazy:
        attrs.update(loading="lazy", decoding="async")
    return Picture(renditions, attrs).__html__()


@register.filter
def full_date(value):
    """A date as the language of the page writes it: "30. november 2026", "30 November 2026"."""
    if not value:
        return ""
    return formatting.full_date(timezone.localdate(value) if hasattr(value, "hour") else value)


@register.filter
def card_grid(items):
    """The classes of a grid of cards: three to a row at full width, two when
    three would leave the last card alone on its row (four, say) and two do
    not."""
    count = len(items)
    if count % 3 == 1 and count % 2 == 0:
        return "cards cards--pairs"
    return "cards"
