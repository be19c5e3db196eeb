"""One cache model for every response, and the cache of whole pages in the app.

**The rule** (``CacheRuleMiddleware``, first in ``MIDDLEWARE`` after the
security headers): a page an anonymous visitor asked for with GET, answered
200 without setting a cookie,
at an address whose query string no page reads, is ``public`` with
``s-maxage`` and ``stale-while-revalidate``, and browsers ask again each time
(``max-age=0``). Every other response is ``private``, and ``no-store`` when it
sets a cookie or answers a logged-in user. Varnish (deploy/varnish/kss.vcl)
stores what the rule marks public and nothing else; so does this module, for
deployments without Varnish (``make run`` included).

**Addresses.** Query parameters no page reads (``utm_*``, ``fbclid`` and the
like, ``TRACKING``) are dropped before the cache key and before the page sees
them, so a link from a newsletter is a hit; the same list is in the VCL. A
parameter a page reads (filters, search, pages of results) makes the response
private: otherwise anyone could fill the cache with made-up addresses.

**Keys.** The app keeps one entry per path, holding a copy per scheme and host
(a feed's links carry the host it was asked for). An entry is valid while its
generation is the current one: ``forget`` deletes entries, or moves the
generation on. A hit is one cache round trip: the
generation and the entry are read together.

**Invalidation** is decided in ``caching/invalidation.py``, once the
transaction commits, and reaches this cache and Varnish alike.
"""

import hashlib
import re
import time
from urllib.parse import parse_qsl, unquote, urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, QueryDict
from django.urls import reverse
from django.utils import translation
from django.utils.cache import get_max_age, patch_cache_control
from wagtail.models import Site

GENERATION_KEY = "kss:page-cache:generation"
TIMEOUT = getattr(settings, "PAGE_CACHE_SECONDS", 600)
# How long Varnish may keep answering with a copy past its time while it
# fetches a fresh one (never after a purge: a purge removes the copy).
STALE_SECONDS = getattr(settings, "PAGE_CACHE_STALE_SECONDS", 60)

# Parameters that newsletters, social networks and ad platforms add to links
# and no page reads. Keep in step with the regex in deploy/varnish/kss.vcl
# (tests/test_front_cache.py sends each one through Varnish).
TRACKING = re.compile(
    r"^(utm_[a-z_]+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|mc_cid|mc_eid|_hsenc|_hsmi"
    r"|igshid|yclid|twclid|ttclid|li_fat_id|ref_src|s_cid)$",
    re.IGNORECASE,
)


def without_tracking(query_string):
    """The query string without the parameters in ``TRACKING``, in its order."""
    if not query_string:
        return ""
    pairs = parse_qsl(query_string, keep_blank_values=True)
    kept = [(name, value) for name, value in pairs if not TRACKING.match(name)]
    if len(kept) == len(pairs):
        return query_string
    return urlencode(kept)


def _generation():
    """The current generation, or None when the cache does not answer. A new
    one starts from the clock, so a cache emptied by a restart never hands out
    a number a process still remembers values for."""
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, time.time_ns(), None)
        generation = cache.get(GENERATION_KEY)
    return generation


def _key(path):
    # Hashed: a key of fixed length and safe characters whatever the address.
    return "kss:page:" + hashlib.sha256(path.encode("utf-8", "surrogatepass")).hexdigest()


def forget(paths, everything=False):
    """Drop the stored pages at ``paths`` (every scheme and host), or, with
    ``everything``, every stored page and fragment."""
    if everything:
        try:
            cache.incr(GENERATION_KEY)
        except ValueError:
            cache.set(GENERATION_KEY, time.time_ns(), None)
    else:
        cache.delete_many([_key(unquote(path)) for path in paths])
    if getattr(cache, "is_down", False):
        # Redis did not take it. The worker moves the generation on when
        # Redis answers again (caching/backends.py); retry_purges does it for
        # the others, which may not have noticed the outage.
        from .models import PendingPurge

        PendingPurge.objects.create(target=PendingPurge.Target.APP)


# What many pages share (the site, the menu, the settings), kept in this
# process's memory for one generation. The generation is read from the cache
# with the page (``CacheRuleMiddleware``), so using it costs no round trip.
_shared = {"generation": None, "values": {}}


def generation_of(request):
    """The generation this request is answered in: read once, with the page."""
    if getattr(request, "cache_generation", None) is None:
        request.cache_generation = _generation()
    return request.cache_generation


def remember(request, name, compute):
    """``compute()``, kept in this process until the generation moves on.

    For what many pages share and a change may alter, such as the menu and
    the site settings: built once per generation and process instead of on
    every render. Read-only for its users: every request of the process gets
    the same object."""
    generation = generation_of(request)
    if generation is None:  # the cache does not answer: nothing is kept
        return compute()
    if _shared["generation"] != generation:
        _shared["generation"], _shared["values"] = generation, {}
    values = _shared["values"]
    if name not in values:
        values[name] = compute()
    return values[name]


def _search_paths():
    paths = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            paths.append(reverse("search"))
    return tuple(paths)


class CacheRuleMiddleware:
    """The rule above, and the app's copy of the pages it marks public."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.excluded = (
            settings.WAGTAIL_ADMIN_PREFIX,
            settings.STATIC_URL,
            settings.MEDIA_URL,
            "/documents/",
            *_search_paths(),
        )

    def __call__(self, request):
        if not self.may_be_shared(request):
            return self.mark_private(request, self.get_response(request))
        key = _key(request.path)
        variant = f"{request.scheme}://{request.get_host()}"
        found = cache.get_many([GENERATION_KEY, key])
        generation = found.get(GENERATION_KEY) or _generation()
        request.cache_generation = generation
        entry = found.get(key)
        if entry is not None and entry["generation"] == generation and variant in entry["copies"]:
            return self.rebuild(entry["copies"][variant])
        response = self.get_response(request)
        if not self.is_shareable(request, response):
            return self.mark_private(request, response)
        patch_cache_control(
            response,
            public=True,
            max_age=0,
            s_maxage=TIMEOUT,
            stale_while_revalidate=STALE_SECONDS,
        )
        copies = entry["copies"] if entry and entry["generation"] == generation else {}
        copies[variant] = (response.status_code, list(response.items()), response.content)
        cache.set(key, {"generation": generation, "copies": copies}, TIMEOUT)
        return response

    def may_be_shared(self, request):
        if request.method not in ("GET", "HEAD"):
            return False
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            return False
        if request.path.startswith(self.excluded):
            return False
        query = request.META.get("QUERY_STRING", "")
        if query and without_tracking(query):
            return False
        if query:
            # Only tracking parameters: the page sees the bare address, and so
            # do the links it builds from it (pagination, say).
            request.META["QUERY_STRING"] = ""
            request.GET = QueryDict()
        return True

    @staticmethod
    def is_shareable(request, response):
        user = getattr(request, "user", None)
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not response.has_header("Cache-Control")
            and get_max_age(response) is None
            and not (user is not None and user.is_authenticated)
        )

    @staticmethod
    def mark_private(request, response):
        """What is not stored here is not stored in a shared cache either. A
        response that says for itself how to cache it (static files, Wagtail's
        private pages) keeps its word."""
        if response.has_header("Cache-Control"):
            return response
        user = getattr(request, "user", None)
        if response.cookies or (user is not None and user.is_authenticated):
            patch_cache_control(response, private=True, no_store=True)
        else:
            patch_cache_control(response, private=True)
        return response

    @staticmethod
    def rebuild(copy):
        status, headers, content = copy
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        return response


class CachedSiteMiddleware:
    """Finds the request's Wagtail site, with its front page, and the sites'
    root paths in this process's memory.

    Wagtail looks the site up with a query on every request, loads the front
    page again to route from it, and reads the root paths from the cache.
    They change only when a site or a front page changes, which moves the
    generation on. After CommonMiddleware, so only allowed host names make
    keys."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        def find():
            site = Site.find_for_request(request)
            if site is not None:
                site.root_page = site.root_page.specific
            return site

        # Wagtail has no public way to be given the site of a request, or the
        # sites' root paths: Site.find_for_request and Page._get_site_root_paths
        # keep their answers in these attributes and read them back first, so
        # setting them is how the remembered answers reach Wagtail.
        request._wagtail_site = remember(
            request, f"site:{request.get_host()}:{request.get_port()}", find
        )
        request._wagtail_cached_site_root_paths = remember(
            request, "site-root-paths", Site.get_site_root_paths
        )
        return self.get_response(request)
