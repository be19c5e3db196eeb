from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page, Site

from pages.visibility import visible_pages, visible_reports

from .models import Report, ReportIndexPage

FEED_LENGTH = 30


class LatestFeed(Feed):
    """New and updated reports and pages in the language of the address
    (/feed.atom, /en/feed.atom)."""

    feed_type = Atom1Feed

    def get_object(self, request):
        self.request = request
        self.locale = Locale.get_active()
        site = Site.find_for_request(request)
        return site.root_page.localized if site else None

    def title(self, root):
        return _("Krisesentersekretariatet – international work")

    def subtitle(self, root):
        return _("New and updated reports and pages")

    def link(self, root):
        return root.get_full_url(self.request) if root else "/"

    def items(self, root):
        pages = (
            visible_pages(Page.objects.filter(locale=self.locale))
            .exclude(last_published_at=None)
            .order_by("-last_published_at")
            .specific()[:FEED_LENGTH]
        )
        reports = (
            visible_reports(Report.objects.filter(locale=self.locale))
            .exclude(last_published_at=None)
            .select_related("document", "related_page")
            .order_by("-last_published_at")[:FEED_LENGTH]
        )
        self.archive = visible_pages(ReportIndexPage.objects.filter(locale=self.locale)).first()
        merged = sorted([*pages, *reports], key=lambda item: item.last_published_at, reverse=True)
        return merged[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return getattr(item, "summary", "") or ""

    def item_link(self, item):
        if isinstance(item, Report):
            if item.url:
                return self.request.build_absolute_uri(item.url)
            if self.archive is not None:
                return f"{self.archive.get_full_url(self.request)}#report-{item.pk}"
            return self.link(None)
        return item.get_full_url(self.request)

    def item_guid(self, item):
        kind = "report" if isinstance(item, Report) else "page"
        # A tag URI (RFC 4151): stable across edits, renames and moves.
        return f"tag:krisesenter.com,2026:{kind}/{item.translation_key}/{self.locale.language_code}"

    def item_guid_is_permalink(self, item):
        return False

    def item_updateddate(self, item):
        return item.last_published_at

    def item_pubdate(self, item):
        return item.first_published_at
