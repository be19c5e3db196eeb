"""Purging the front cache (Varnish) when content changes.

Wagtail's ``frontend_cache`` app would purge only the published page itself,
and before the transaction commits; it is not installed. A page is shown in
more places than its own address: its
parents list it, its breadcrumb shows its ancestors, its translations link
to it, other pages choose it or its reports in their body, and the feeds and
the sitemap list it. Some pages are part of every page: the front pages, the
sections in the menu and the statement pages in the footer. This module
purges all of those, so a visitor behind Varnish sees a publication at once.

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


def _site_wide_urls():
    """Addresses that list every page: the feeds and the sitemap."""
    urls = []
    for site in Site.objects.all():
        paths = {reverse("sitemap")}
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                paths.add(reverse("feed"))
        urls += [site.root_url + path for path in sorted(paths)]
    return urls


def _is_on_every_page(page):
    """The front pages, the sections under them (the menu, whether or not a
    section has just been taken out of it) and the statement pages chosen in
    the site settings appear in the header or footer of every page."""
    from pages.models import SiteSettings

    if page.depth <= 3:
        return True
    chosen = SiteSettings.objects.values_list(
        "safety_page__translation_key",
        "privacy_page__translation_key",
        "accessibility_page__translation_key",
    )
    return any(page.translation_key in keys for keys in chosen)


def _referring_pages(obj):
    """Pages whose content chooses ``obj`` (a page, report, image or document)."""
    references = ReferenceIndex.get_references_to(obj)
    return [
        source for source, _refs in references.group_by_source_object() if isinstance(source, Page)
    ]


def purge_everything():
    batch = PurgeBatch()
    batch.add_pages(Page.objects.filter(depth__gte=2).live().specific(defer=True))
    batch.add_urls(_site_wide_urls())
    batch.purge()


def purge_page(page):
    """The page and everything that shows it."""
    if _is_on_every_page(page):
        purge_everything()
        return
    batch = PurgeBatch()
    batch.add_page(page)
    batch.add_pages(page.get_ancestors().filter(depth__gte=2).live().specific(defer=True))
    batch.add_pages(page.get_translations().live().specific(defer=True))
    batch.add_pages(_referring_pages(page))
    batch.add_urls(_site_wide_urls())
    batch.purge()


def purge_report(report):
    """The report archive of its language, the page it belongs to and the
    pages that list it in their body."""
    from pages.models import ReportIndexPage

    batch = PurgeBatch()
    batch.add_pages(ReportIndexPage.objects.live().filter(locale_id=report.locale_id))
    if report.related_page_id:
        batch.add_pages(Page.objects.filter(pk=report.related_page_id).specific(defer=True))
    batch.add_pages(_referring_pages(report))
    batch.add_urls(_site_wide_urls())
    batch.purge()


# Signal handlers, connected in PagesConfig.ready. Purges wait for the
# transaction to commit (else a visitor could fill the cache again with the
# old content in between) and are gathered, so that deleting a section with
# a hundred pages purges once.

_pending = threading.local()


def _schedule(key, purge):
    if not _enabled():
        return
    _pending.__dict__.setdefault("jobs", {})[key] = purge
    # Every time, not only for a new key: a rolled-back transaction drops its
    # callback but leaves the job, which the next commit must still flush.
    transaction.on_commit(_flush)


def _flush():
    jobs = _pending.__dict__.pop("jobs", {})
    if "everything" in jobs:
        jobs = {"everything": jobs["everything"]}
    for purge in jobs.values():
        purge()


def page_changed(instance, **kwargs):
    _schedule(("page", instance.pk), lambda: purge_page(instance))


def report_changed(instance, **kwargs):
    _schedule(("report", instance.pk), lambda: purge_report(instance))


def media_changed(instance, **kwargs):
    def purge():
        batch = PurgeBatch()
        batch.add_pages(_referring_pages(instance))
        batch.purge()

    _schedule((type(instance).__name__, instance.pk), purge)


def everything_changed(**kwargs):
    """Moves, deletions, site settings and view restrictions change addresses,
    menus or who may see what: rare, and simplest done wholesale."""
    _schedule("everything", purge_everything)
