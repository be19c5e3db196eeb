"""A cache of whole pages for anonymous visitors.

Most visitors are anonymous and read the same pages, so a rendered page is
kept (Django's cache: local memory by default, Redis when ``REDIS_URL`` is set)
and served again without touching the database. Any publication, withdrawal,
move or deletion of a page, any publication of a report and any change to the
site settings or redirects bumps a generation number that is part of every
key, so the next request renders afresh: nobody sees an edit late.

Never cached: logged-in staff (anyone with a session cookie), the admin and
its previews, search results, addresses with a query string (filters, pages
of results: otherwise anyone could fill the cache with made-up addresses),
anything but a plain 200 without cookies.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation
from django.utils.cache import get_max_age, patch_cache_control
from wagtail.models import Site

GENERATION_KEY = "kss:page-cache:generation"
TIMEOUT = getattr(settings, "PAGE_CACHE_SECONDS", 600)


def invalidate(**kwargs):
    """Signal handler: everything cached so far is stale."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 1, None)


def _generation():
    return cache.get_or_set(GENERATION_KEY, 1, None)


def remember(name, compute):
    """``compute()``, kept in the cache until the next publication.

    For what many pages share and every publication may change, such as the
    menu and the site settings: built once per generation instead of queried
    on every render."""
    key = f"kss:fragment:{_generation()}:{name}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, TIMEOUT)
    return value


def _search_paths():
    paths = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            paths.append(reverse("search"))
    return tuple(paths)


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.excluded = (
            settings.WAGTAIL_ADMIN_PREFIX,
            settings.STATIC_URL,
            settings.MEDIA_URL,
            "/documents/",
            *_search_paths(),
        )

    def cacheable_request(self, request):
        return (
            request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and not request.META.get("QUERY_STRING")
            and not request.path.startswith(self.excluded)
        )

    def key(self, request):
        # Hashed: a key of fixed length whatever the address. The scheme is
        # part of it so that a plain-HTTP request still meets the HTTPS redirect.
        address = f"{request.scheme}://{request.get_host()}{request.path}".encode()
        return f"kss:page:{_generation()}:{hashlib.sha256(address).hexdigest()}"

    def cacheable_response(self, request, response):
        user = getattr(request, "user", None)
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and get_max_age(response) != 0
            and not (user is not None and user.is_authenticated)
        )

    def __call__(self, request):
        if not self.cacheable_request(request):
            return self.private(self.get_response(request))
        key = self.key(request)
        cached = cache.get(key)
        if cached is not None:
            return cached
        response = self.get_response(request)
        if not self.cacheable_response(request, response):
            return self.private(response)
        # A front cache (Varnish, deploy/varnish/kss.vcl) may keep the page as
        # long as this cache does, and is purged on publication like it;
        # browsers ask again every time, so nobody reads an old version.
        patch_cache_control(response, public=True, max_age=0, s_maxage=TIMEOUT)
        cache.set(key, response, TIMEOUT)
        return response

    @staticmethod
    def private(response):
        """What is not stored here is not stored in a shared cache either."""
        if not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True)
        return response


class CachedSiteMiddleware:
    """Finds the request's Wagtail site, with its front page, in the cache.

    Wagtail looks the site up with a query on every request, then loads the
    front page again to route from it. Both change only on a save, which
    starts a new generation. After CommonMiddleware, so only allowed host
    names make keys."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        def find():
            site = Site.find_for_request(request)
            if site is not None:
                site.root_page = site.root_page.specific
            return site

        # Wagtail has no public way to be given the site of a request:
        # Site.find_for_request keeps its answer in this attribute and reads it
        # back first, so setting it is how the cached answer reaches Wagtail.
        request._wagtail_site = remember(f"site:{request.get_host()}:{request.get_port()}", find)
        return self.get_response(request)
