"""What a change to a report touches in the caches. Connected in
``ReportsConfig.ready``; the mechanism is in ``caching/``."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import published, unpublished

from caching import front_cache
from caching.page_cache import invalidate

from .models import Report, ReportIndexPage


def purge_report(report):
    """The report archive of its language, the page it belongs to and the
    pages that list it in their body."""
    pages = [
        *ReportIndexPage.objects.live().filter(locale_id=report.locale_id),
        *front_cache.referring_pages(report),
    ]
    if report.related_page_id:
        pages += Page.objects.filter(pk=report.related_page_id).specific(defer=True)
    front_cache.purge(pages)


def report_changed(instance, **kwargs):
    front_cache.schedule(("report", instance.pk), lambda: purge_report(instance))


def connect():
    for signal in (published, unpublished, post_delete):
        signal.connect(
            report_changed, sender=Report, dispatch_uid=f"{__name__}:front-r{id(signal)}"
        )
    post_save.connect(invalidate, sender=Report, dispatch_uid=f"{__name__}:cache-save-report")
    post_delete.connect(invalidate, sender=Report, dispatch_uid=f"{__name__}:cache-del-report")
