"""Purging the front cache (Varnish) when content changes.

Wagtail's ``frontend_cache`` app would purge only the published page itself,
and before the transaction commits; it is not installed. A page is shown in
more places than its own address: its parents list it, its breadcrumb shows
its ancestors, its translations link to it, other pages choose it or its
reports in their body, and the feeds and the sitemap list it. This module is
the mechanism; each content app connects its own signals and says what a
change of its models touches (``pages/signals.py``, ``reports/signals.py``).

Nothing happens unless ``WAGTAILFRONTENDCACHE`` names a backend
(``VARNISH_URL``, docs/deployment.md).
"""

import threading

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from wagtail.contrib.frontend_cache.utils import PurgeBatch, get_backends
from wagtail.models import Page, ReferenceIndex, Site


def _enabled():
    return bool(get_backends())


def site_wide_urls():
    """Addresses that list every page: the feeds and the sitemap."""
    urls = []
    for site in Site.objects.all():
        paths = {reverse("sitemap")}
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                paths.add(reverse("feed"))
        urls += [site.root_url + path for path in sorted(paths)]
    return urls


def referring_pages(obj):
    """Pages whose content chooses ``obj`` (a page, report, image or document)."""
    references = ReferenceIndex.get_references_to(obj)
    return [
        source for source, _refs in references.group_by_source_object() if isinstance(source, Page)
    ]


def purge_everything():
    batch = PurgeBatch()
    batch.add_pages(Page.objects.filter(depth__gte=2).live().specific(defer=True))
    batch.add_urls(site_wide_urls())
    batch.purge()


def purge(pages=(), urls=()):
    """``pages`` at every address they have, ``urls`` as given, and the feeds
    and the sitemap, in one batch."""
    batch = PurgeBatch()
    batch.add_pages(pages)
    batch.add_urls([*urls, *site_wide_urls()])
    batch.purge()


# Purges wait for the transaction to commit (else a visitor could fill the
# cache again with the old content in between) and are gathered, so that
# deleting a section with a hundred pages purges once.

_pending = threading.local()


def schedule(key, job):
    """Run ``job`` (a purge) once the transaction commits; one job per ``key``."""
    if not _enabled():
        return
    _pending.__dict__.setdefault("jobs", {})[key] = job
    # Every time, not only for a new key: a rolled-back transaction drops its
    # callback but leaves the job, which the next commit must still flush.
    transaction.on_commit(_flush)


def _flush():
    jobs = _pending.__dict__.pop("jobs", {})
    if "everything" in jobs:
        jobs = {"everything": jobs["everything"]}
    for job in jobs.values():
        job()


# Signal handlers for Wagtail's own models, connected in CachingConfig.ready.


def media_changed(instance, **kwargs):
    schedule((type(instance).__name__, instance.pk), lambda: purge(referring_pages(instance)))


def everything_changed(**kwargs):
    """Moves, deletions, site settings and view restrictions change addresses,
    menus or who may see what: rare, and simplest done wholesale."""
    schedule("everything", purge_everything)
