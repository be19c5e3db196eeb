"""Making the caches forget, as background tasks that are never lost.

A change that commits asks the page cache to forget what it touched at once
(``caching/invalidation.py``) and queues ``purge_front`` for Varnish. The
queue is django-tasks with its database backend (``TASKS``,
docs/deployment.md): the tasks are rows of the site's own database, so they
outlive a worker that stops, and a Redis that fails, which is the very fault
some of them repair. ``manage.py db_worker`` runs them, beside the app.

A task that does not get through is queued again with back-off, until it
does (``again``):

- ``purge_front``: Varnish down or hanging; tried again after 0.5, 1, 2, 4
  and then every 5 seconds, so a change shows within seconds of Varnish
  answering again.
- ``forget_pages``: the page cache (Redis) did not take a change; tried every
  half second. When Redis takes it, Varnish is purged again for the same
  addresses: while Redis was away, Varnish may have fetched the old page from
  an app node that found it in Redis.

Without a queue that can wait (the tests and ``make dev`` run tasks at once),
a task that fails is logged and not tried again.
"""

import datetime
import logging

from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)

FRONT_BACKOFF = (0.5, 1.0, 2.0, 4.0, 5.0)
PAGES_BACKOFF = (0.5,)


def again(retried, attempt, backoff, **kwargs):
    """Queue ``retried`` again with ``kwargs``, after the delay ``backoff``
    gives this attempt (its last one from then on)."""
    backend = retried.get_backend()
    if not backend.supports_defer:
        logger.error(
            "%s did not get through and this task queue cannot try again later.", retried.name
        )
        return
    delay = backoff[min(attempt, len(backoff) - 1)]
    retried.using(run_after=timezone.now() + datetime.timedelta(seconds=delay)).enqueue(
        attempt=attempt + 1, **kwargs
    )


# Before Wagtail's own tasks (the indexes), which a publication queues too.
PRIORITY = 10


@task(priority=PRIORITY)
def purge_front(paths, everything=False, attempt=0):
    """Tell every Varnish to forget ``paths`` (or everything)."""
    from .front_cache import PurgeFailed, send

    try:
        send(paths, everything)
    except PurgeFailed:
        again(purge_front, attempt, FRONT_BACKOFF, paths=paths, everything=everything)
        raise


@task(priority=PRIORITY)
def forget_pages(paths, everything=False, attempt=0):
    """Make the page cache forget ``paths`` (or everything), then Varnish again."""
    from .front_cache import has_front_cache
    from .page_cache import CacheFault, forget

    try:
        forget(paths, everything)
    except CacheFault:
        again(forget_pages, attempt, PAGES_BACKOFF, paths=paths, everything=everything)
        raise
    if has_front_cache():
        purge_front.enqueue(paths=paths, everything=everything)
