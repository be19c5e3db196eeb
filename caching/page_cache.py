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
like, ``caching/addresses.py``) are dropped before the cache key and before
the page sees them, so a link from a newsletter is a hit; the VCL is made
from the same list. A parameter a page reads (filters, search, pages of
results) makes the response private: otherwise anyone could fill the cache
with made-up addresses.

**Keys.** The app keeps one entry per path, holding a copy per scheme and host
(a feed's links carry the host it was asked for). Beside it, a *marker* per
path, which a change sets to a new value, and one *generation* for the whole
site, which a change to everything moves on. An entry is valid only with the
generation and the marker it was rendered under: a render that started before
a change committed is never answered from, whenever it is stored. A hit is one
cache round trip (generation, marker and entry read together).

**The content version** moves on every change the caches are told of
(publication, withdrawal, move, deletion, restriction, report, image,
document, settings: ``forget`` is called for each, after the commit). It is
read with the page, so knowing it costs no round trip, and what a process
keeps in memory for many requests (``remember``: the site, the menu, the
front page's map and cards) is kept for one version: nothing shown is older
than the last change.

**Still current when stored.** Before a render is marked public, the
generation and its marker are read again; if a change committed while it was
rendered, the response is private, so Varnish does not keep it either.

**Faults.** The page cache is ``CACHES["pages"]`` (Redis through django-redis
in production). When it does not answer, a read is a miss and the process
leaves it alone for ``RETRY_AFTER`` seconds, with one line in the log for the
outage; a change it did not take raises ``CacheFault``, and the task queue
tries again until it does (``caching/tasks.py``).

**Invalidation** is decided in ``caching/invalidation.py``, once the
transaction commits, and reaches this cache and Varnish alike.
"""

import hashlib
import logging
import time
from functools import cache
from urllib.parse import unquote

import redis
from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.core.handlers.wsgi import WSGIRequest
from django.http import HttpResponse, QueryDict
from django.http.response import ResponseHeaders
from django.urls import reverse
from django.utils import translation
from django.utils.cache import get_max_age, patch_cache_control
from wagtail.models import Site

from security.middleware import add_security_headers

from .addresses import without_tracking

logger = logging.getLogger(__name__)

GENERATION_KEY = "kss:page-cache:generation"
CONTENT_KEY = "kss:content-version"
TIMEOUT = getattr(settings, "PAGE_CACHE_SECONDS", 600)
# How long Varnish may keep answering with a copy past its time while it
# fetches a fresh one (never after a purge: a purge removes the copy).
STALE_SECONDS = getattr(settings, "PAGE_CACHE_STALE_SECONDS", 60)
# A marker outlives every entry rendered before it was set: those stored
# before live TIMEOUT, those stored after it at most a render later (gunicorn
# stops a request at 30 s).
MARKER_SECONDS = TIMEOUT + 60
# Seconds a process reads nothing from a cache that did not answer.
RETRY_AFTER = 2.0
FAULTS = (redis.exceptions.RedisError, OSError)


class CacheFault(Exception):
    """The page cache did not take a change."""


def _store():
    return caches["pages"]


_health = {"down_since": None, "retry_at": 0.0}


def _went_down(error):
    if _health["down_since"] is None:
        _health["down_since"] = time.monotonic()
        logger.error(
            "The page cache (Redis) does not answer (%s): pages are served without it "
            "until it does.",
            error,
        )
    _health["retry_at"] = time.monotonic() + RETRY_AFTER


def _answered():
    if _health["down_since"] is not None:
        outage = time.monotonic() - _health["down_since"]
        _health["down_since"] = None
        logger.warning("The page cache (Redis) answers again after %.1f s.", outage)


def forget_outage():
    """For the tests: each starts with a cache that answers."""
    _health.update(down_since=None, retry_at=0.0)


def _read(default, operation, *args, **kwargs):
    """``operation(...)`` on the page cache, or ``default`` when it does not
    answer (or did not, less than ``RETRY_AFTER`` seconds ago)."""
    if _health["down_since"] is not None and time.monotonic() < _health["retry_at"]:
        return default
    try:
        result = operation(*args, **kwargs)
    except FAULTS as error:
        _went_down(error)
        return default
    _answered()
    return result


def _current(key):
    """The current generation or content version (``key``), or None when the
    cache does not answer. A new one starts from the clock, so a cache emptied
    by a restart never hands out a value a process still remembers things for."""
    cache = _store()
    value = _read(None, cache.get, key)
    if value is None:
        _read(False, cache.add, key, time.time_ns(), None)
        value = _read(None, cache.get, key)
    return value


def _hashed(kind, path):
    # A key of fixed length and safe characters whatever the address.
    return f"kss:{kind}:" + hashlib.sha256(path.encode("utf-8", "surrogatepass")).hexdigest()


def _key(path):
    return _hashed("page", path)


def _marker(path):
    return _hashed("forgotten", path)


def forget(paths, everything=False):
    """Make the stored pages at ``paths`` (every scheme and host) invalid, or,
    with ``everything``, every stored page and what ``remember`` keeps.
    Raises ``CacheFault`` when the cache does not take it."""
    cache = _store()
    try:
        # First: a process that reads the new version builds what it keeps
        # afresh, and the markers below are no use without it.
        cache.set(CONTENT_KEY, time.time_ns(), None)
        if everything:
            try:
                cache.incr(GENERATION_KEY)
            except ValueError:  # no generation yet (an emptied cache)
                cache.set(GENERATION_KEY, time.time_ns(), None)
        elif paths:
            token = time.time_ns()
            # The addresses as the middleware sees them (request.path): decoded.
            cache.set_many({_marker(unquote(path)): token for path in paths}, MARKER_SECONDS)
    except FAULTS as error:
        _went_down(error)
        raise CacheFault(f"The page cache did not take the change: {error}") from error
    _answered()


# What many pages share (the site, the menu, the settings, the front page's
# map), kept in this process's memory for one content version. The version is
# read from the cache with the page (``CacheRuleMiddleware``), so using it
# costs no round trip.
_shared = {"version": None, "values": {}}


def content_version(request):
    """The content version this request is answered in: read once, with the
    page; None when the cache does not answer."""
    if getattr(request, "content_version", None) is None:
        request.content_version = _current(CONTENT_KEY)
    return request.content_version


def remember(request, name, compute):
    """``compute()``, kept in this process until the content version moves on.

    For what many pages share and a change may alter, such as the menu, the
    site settings and the front page's map: built once per version and
    process instead of on every render. ``name`` says everything the value
    depends on besides the content (the site, the language). Read-only for
    its users: every request of the process gets the same object."""
    version = content_version(request)
    if version is None:  # the cache does not answer: nothing is kept
        return compute()
    if _shared["version"] != version:
        _shared["version"], _shared["values"] = version, {}
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


@cache
def _excluded():
    """Address prefixes never stored: the admin, files, search."""
    return (
        settings.WAGTAIL_ADMIN_PREFIX,
        settings.STATIC_URL,
        settings.MEDIA_URL,
        "/documents/",
        *_search_paths(),
    )


def _may_be_shared(request):
    """The rule, but for the query string: a GET or HEAD without a session,
    at an address that is not excluded."""
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith(_excluded())
    )


def _lookup(request):
    """What the cache holds for ``request``'s path, read in one round trip:
    ``(found, state, entry)``; ``entry`` is None unless it is valid, that is
    rendered under the generation and marker of ``state``."""
    key, marker = _key(request.path), _marker(request.path)
    found = _read({}, _store().get_many, [GENERATION_KEY, CONTENT_KEY, marker, key])
    state = {"generation": found.get(GENERATION_KEY), "marker": found.get(marker)}
    entry = found.get(key)
    valid = entry is not None and {k: entry.get(k) for k in state} == state
    return found, state, entry if valid else None


def stored_copy(environ):
    """The stored ``(status, headers, content)`` for a WSGI request, or None:
    the rule and the lookup of ``CacheRuleMiddleware``, on Django's own reading
    of the request (its path, scheme and host), without the rest of Django's
    request handling (caching/wsgi.py)."""
    try:
        request = WSGIRequest(environ)
        if not _may_be_shared(request) or without_tracking(request.META["QUERY_STRING"]):
            return None
        variant = f"{request.scheme}://{request.get_host()}"
    except (DisallowedHost, UnicodeError, ValueError):
        return None  # Django answers it, with its 400
    _found, _state, entry = _lookup(request)
    if entry is None or variant not in entry["copies"]:
        return None
    return entry["copies"][variant]


class CacheRuleMiddleware:
    """The rule above, and the app's copy of the pages it marks public."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self.may_be_shared(request):
            return self.mark_private(request, self.get_response(request))
        cache = _store()
        key, marker = _key(request.path), _marker(request.path)
        variant = f"{request.scheme}://{request.get_host()}"
        found, state, entry = _lookup(request)
        generation = state["generation"] or _current(GENERATION_KEY)
        request.content_version = found.get(CONTENT_KEY) or _current(CONTENT_KEY)
        # What the page is rendered under: valid as long as neither moves on.
        state["generation"] = generation
        valid = entry is not None
        if valid and variant in entry["copies"]:
            return self.rebuild(entry["copies"][variant])
        response = self.get_response(request)
        if not self.is_shareable(request, response) or generation is None:
            return self.mark_private(request, response)
        # A change that committed while this was rendered: not for any cache.
        now = _read({}, cache.get_many, [GENERATION_KEY, marker])
        if {"generation": now.get(GENERATION_KEY), "marker": now.get(marker)} != state:
            return self.mark_private(request, response)
        patch_cache_control(
            response,
            public=True,
            max_age=0,
            s_maxage=TIMEOUT,
            stale_while_revalidate=STALE_SECONDS,
        )
        copies = entry["copies"] if valid else {}
        # Stored as sent, with the security headers the outermost middleware
        # adds on the way out, so StoredPages (caching/wsgi.py) sends a copy
        # as it is, without rebuilding anything.
        headers = ResponseHeaders(dict(response.items()))
        add_security_headers(request.path, headers)
        copies[variant] = (response.status_code, list(headers.items()), response.content)
        _read(None, cache.set, key, {**state, "copies": copies}, TIMEOUT)
        return response

    def may_be_shared(self, request):
        if not _may_be_shared(request):
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
    content version on. After CommonMiddleware, so only allowed host names
    make keys."""

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
