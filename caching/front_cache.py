"""Telling Varnish what to forget (deploy/varnish/kss.vcl).

``PURGE <path>`` drops a path for every host and scheme; ``BAN /`` drops
everything. Each request waits at most the backend's ``TIMEOUT`` seconds,
and a whole send at most ``DEADLINE``, so that the worker that sends it
(``caching/tasks.py``, ``purge_front``) is not held up long by a Varnish that
is down or hangs; what did not get through is sent again by the queue.

Nothing happens unless ``WAGTAILFRONTENDCACHE`` names a backend
(``VARNISH_URL``, docs/deployment.md).
"""

import time
from urllib.error import HTTPError, URLError
from urllib.parse import quote
from urllib.request import Request, urlopen

from wagtail.contrib.frontend_cache.backends import BaseBackend
from wagtail.contrib.frontend_cache.utils import get_backends

# Seconds one send may take when Varnish does not answer.
DEADLINE = 2.0


class PurgeFailed(Exception):
    pass


class VarnishBackend(BaseBackend):
    """Wagtail's front-cache backend interface, for deploy/varnish/kss.vcl.

    ``LOCATION``: Varnish's address; ``TIMEOUT``: seconds to wait for each
    answer (default 0.5)."""

    def __init__(self, params):
        super().__init__(params)
        self.location = params["LOCATION"].rstrip("/")
        self.timeout = float(params.get("TIMEOUT", 0.5))

    def purge(self, url):
        self.send("PURGE", url)

    def purge_everything(self):
        self.send("BAN", "/")

    def send(self, method, path, timeout=None):
        request = Request(self.location + quote(path, safe="/?=&%"), method=method)  # noqa: S310
        try:
            with urlopen(request, timeout=timeout or self.timeout) as response:  # noqa: S310
                response.read()
        except HTTPError as error:
            raise PurgeFailed(f"{method} {path}: {error.code}") from error
        except (URLError, OSError) as error:
            raise PurgeFailed(f"{method} {path}: {error}") from error


def _backends():
    return list(get_backends().values())


def has_front_cache():
    return bool(_backends())


def send(paths, everything=False):
    """Purge ``paths`` (or everything) from every Varnish; raise PurgeFailed
    at the first that does not take it, or when ``DEADLINE`` has passed."""
    deadline = time.monotonic() + DEADLINE
    for backend in _backends():
        for method, path in [("BAN", "/")] if everything else [("PURGE", p) for p in sorted(paths)]:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise PurgeFailed("no time left")
            backend.send(method, path, timeout=min(backend.timeout, remaining))
