"""Navigation for the base template: menu, breadcrumb, languages, footer."""

from django import template
from django.conf import settings
from django.utils.translation import get_language
from wagtail.models import Page, Site

from pages.structured_data import json_ld
from pages.translations import alternates, live_translations

register = template.Library()


def _site_root(request):
    """The front page in the current language (remembered on the request)."""
    if "_kss_site_root" not in request.__dict__:
        site = Site.find_for_request(request)
        roots = live_translations(site.root_page, request) if site else {}
        request._kss_site_root = roots.get(get_language()) or (site.root_page if site else None)
    return request._kss_site_root


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    request = context["request"]
    current = context.get("page")
    root = _site_root(request)
    items = []
    if root is not None:
        for child in root.get_children().live().in_menu():
            is_current = bool(current and current.path.startswith(child.path))
            items.append({"page": child, "is_current": is_current, "is_page": current == child})
    return {"root": root, "items": items, "request": request}


@register.inclusion_tag("includes/breadcrumb.html", takes_context=True)
def breadcrumb(context):
    page = context.get("page")
    if not hasattr(page, "breadcrumb_ancestors") or page.depth <= 2:
        return {"ancestors": []}
    return {"ancestors": page.breadcrumb_ancestors, "page": page}


@register.simple_tag(takes_context=True)
def site_root_url(context):
    request = context["request"]
    root = _site_root(request)
    return root.get_url(request) if root else "/"


@register.simple_tag(takes_context=True)
def statement_pages(context):
    """The "stay safe", privacy and accessibility pages chosen in the site
    settings, in the current language, fetched in one query."""
    site_settings = context["settings"]["pages"]["SiteSettings"]
    chosen = {
        "safety": site_settings.safety_page,
        "privacy": site_settings.privacy_page,
        "accessibility": site_settings.accessibility_page,
    }
    keys = [page.translation_key for page in chosen.values() if page is not None]
    translated = {
        page.translation_key: page
        for page in Page.objects.live().filter(
            translation_key__in=keys, locale__language_code=get_language()
        )
    }
    pages = {
        name: translated.get(page.translation_key, page)
        for name, page in chosen.items()
        if page is not None
    }
    return {**pages, "links": list(pages.values())}


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
    site = Site.find_for_request(request)
    roots = live_translations(site.root_page, request) if site else {}
    current = get_language()
    links = []
    for code, name in settings.LANGUAGES:
        target = translations.get(code) or roots.get(code)
        if code == current or target is None:
            continue
        links.append({"code": code, "name": name, "url": target.get_url(request)})
    return {"links": links}


@register.simple_tag(takes_context=True)
def structured_data(context):
    """The page's schema.org JSON-LD, ready for a <script type="application/ld+json">."""
    page = context.get("page")
    if not hasattr(page, "structured_data"):
        return ""
    return json_ld(page.structured_data(context["request"]))
