"""Which translations of a page a visitor can be sent to.

Shared by the language switcher, the ``hreflang`` links in every page's head
and the sitemap, so the three always agree.
"""

from collections import defaultdict

from django.conf import settings
from wagtail.models import Locale

from caching.page_cache import remember
from pages.visibility import visible_pages


def live_translations(page, request=None):
    """``{language_code: page}`` for the live, public translations of ``page``,
    the page itself included, in the order of ``settings.LANGUAGES``.

    Remembered on the request (the switcher, the head and the sitemap entry of
    one page all ask) and, with a request, in the process for the content
    version (``caching.page_cache.remember``): a translation published,
    withdrawn or restricted moves it on."""

    def read():
        translations = visible_pages(page.get_translations(inclusive=True))
        return _in_language_order(
            {t.locale.language_code: t for t in translations.select_related("locale")}
        )

    if request is None:
        return read()
    memo = request.__dict__.setdefault("_kss_translations", {})
    if page.pk not in memo:
        memo[page.pk] = remember(request, f"translations:{page.pk}", read)
    return memo[page.pk]


def _in_language_order(by_code):
    return {code: by_code[code] for code, _ in settings.LANGUAGES if code in by_code}


def remember_translations(pages, request):
    """Give ``live_translations`` the answers for ``pages``, a list that holds
    every live, public translation of each of its pages (the sitemap's)."""
    codes = dict(Locale.objects.values_list("pk", "language_code"))
    groups = defaultdict(dict)
    for page in pages:
        groups[page.translation_key][codes[page.locale_id]] = page
    memo = request.__dict__.setdefault("_kss_translations", {})
    for page in pages:
        memo[page.pk] = _in_language_order(groups[page.translation_key])


def alternates(page, request=None):
    """``[(hreflang, absolute URL)]`` for a page with at least one translation:
    one per language, plus ``x-default`` for the default language's page.
    Empty for a page that exists in one language only."""
    translations = live_translations(page, request)
    if len(translations) < 2:
        return []
    links = [(code, p.get_full_url(request)) for code, p in translations.items()]
    default = translations.get(settings.LANGUAGE_CODE)
    if default is not None:
        links.append(("x-default", default.get_full_url(request)))
    return links
