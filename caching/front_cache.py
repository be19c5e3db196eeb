"""Telling Varnish what to forget (deploy/varnish/kss.vcl), and not losing it
when Varnish does not answer.

``PURGE <path>`` drops a path for every host and scheme; ``BAN /`` drops
everything. Each request waits at most ``TIMEOUT`` seconds, and a whole flush
at most ``DEADLINE``: a publication is never held up longer than that by a
Varnish that is down or hangs. What Varnish did not take is kept in the
database (``PendingPurge``) and sent first the next time anything is, and by
``manage.py retry_purges`` (run every minute beside ``publish_scheduled``),
until Varnish answers.

Nothing happens unless ``WAGTAILFRONTENDCACHE`` names a backend
(``VARNISH_URL``, docs/deployment.md).
"""

import logging
import time
from urllib.error import HTTPError, URLError
from urllib.parse import quote
from urllib.request import Request, urlopen

from wagtail.contrib.frontend_cache.backends import BaseBackend
from wagtail.contrib.frontend_cache.utils import get_backends

logger = logging.getLogger(__name__)

# Seconds a whole flush may add to a publication when Varnish does not answer.
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


def _send(backends, paths, everything, deadline):
    """Send to every backend; raise PurgeFailed at the first that fails or
    when the deadline has passed."""
    for backend in backends:
        if everything:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise PurgeFailed("no time left")
            backend.send("BAN", "/", timeout=min(backend.timeout, remaining))
            continue
        for path in sorted(paths):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise PurgeFailed("no time left")
            backend.send("PURGE", path, timeout=min(backend.timeout, remaining))


def forget(paths, everything=False):
    """Purge ``paths`` (or everything) from every Varnish, after what an
    earlier flush could not send. Called once the transaction has committed."""
    backends = _backends()
    if not backends:
        return
    from .models import PendingPurge

    deadline = time.monotonic() + DEADLINE
    pending = list(PendingPurge.objects.filter(target=PendingPurge.Target.FRONT))
    try:
        if pending:
            _send(
                backends,
                {p.path for p in pending if p.path},
                any(not p.path for p in pending),
                deadline,
            )
            PendingPurge.objects.filter(pk__in=[p.pk for p in pending]).delete()
        _send(backends, paths, everything, deadline)
    except PurgeFailed as error:
        logger.warning("Varnish did not take a purge (%s); kept to send again.", error)
        PendingPurge.objects.bulk_create(
            [PendingPurge(path="")] if everything else [PendingPurge(path=p) for p in paths]
        )


def retry_pending():
    """Make the caches forget what they missed before. True when nothing is left."""
    from . import page_cache
    from .models import PendingPurge

    app = PendingPurge.objects.filter(target=PendingPurge.Target.APP)
    if app.exists():
        app_rows = list(app.values_list("pk", flat=True))
        page_cache.forget((), everything=True)
        if not getattr(page_cache.cache, "is_down", False):
            PendingPurge.objects.filter(pk__in=app_rows).delete()
    if PendingPurge.objects.filter(target=PendingPurge.Target.FRONT).exists():
        forget(set(), everything=False)
    return not PendingPurge.objects.exists()
