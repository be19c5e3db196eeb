"""The report archive: every report of one language, filterable."""

from urllib.parse import urlencode

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page, get_page_models

from pages.models import BasePage
from pages.pagination import page_of
from pages.visibility import is_visible, visible_pages, visible_reports
from pages.world import Mark, OnTheMap

from ..forms import ReportFilterForm
from .library import Report, ReportsMixin


class ReportIndexPage(OnTheMap, BasePage):
    """The archive of every report in this language, with filters."""

    REPORTS_PER_PAGE = 20

    parent_page_types = ["pages.InternationalWorkPage"]
    subpage_types = []
    max_count_per_parent = 1
    page_description = _("Lists every report in the report library. There is one per language.")

    # The list dates itself, each report by its year: a period for the text
    # above it would read as the list's, which spans every year with reports.
    period = ""
    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("body")]

    class Meta:
        verbose_name = _("report archive")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        reports = visible_reports(Report.objects.filter(locale_id=self.locale_id))
        form = ReportFilterForm(
            request.GET,
            reports=reports,
            locale_id=self.locale_id,
            owner_models=[m for m in get_page_models() if issubclass(m, ReportsMixin)],
        )
        reports = form.filter(reports) if form.is_valid() else reports.none()
        page_of_reports = page_of(reports.for_listing(), request, self.REPORTS_PER_PAGE)
        context.update(
            filter_form=form,
            reports=page_of_reports,
            paginator=page_of_reports.paginator,
            is_filtered=any(form.data.get(name) for name in form.fields),
            # Said once, above the list, rather than by each report.
            some_not_online=any(not report.url for report in page_of_reports),
        )
        return context

    def world_marks(self, request=None):
        """Each report a visitor may see: its year on the timeline, leading to
        its entry in this archive, and its country on the map, leading here,
        filtered to that country. One query, whatever the number of reports."""
        reports = visible_reports(Report.objects.filter(locale_id=self.locale_id)).for_listing()
        address = self.get_url(request)

        def filtered(**query):
            return f"{address}?{urlencode(query)}"

        marks = []
        for position, report in enumerate(reports):
            if not (report.country or report.year):
                continue
            country = report.country.code or ""
            marks.append(
                Mark(
                    "report",
                    report.title,
                    self.entry_at(address, {}, position, report),
                    country=country,
                    start=report.year,
                    country_url=filtered(country=country) if country else "",
                    # Braces survive: the timeline fills in the years.
                    years_url=f"{address}?year_from={{first}}&year_to={{last}}"
                    if report.year
                    else "",
                )
            )
        return marks

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if not response.context_data["filter_form"].is_valid():
            response.status_code = 400
        return response

    @classmethod
    def url_for(cls, owner, request=None):
        """The archive in ``owner``'s language, filtered to the reports of
        ``owner`` (a partner or a conference), or an empty string: the
        archive offers only owners that anyone may see."""
        archive = visible_pages(cls.objects.filter(locale_id=owner.locale_id)).first()
        if archive is None or not is_visible(owner):
            return ""
        return f"{archive.get_url(request)}?{urlencode({owner.report_filter_name: owner.pk})}"

    @classmethod
    def entry_url(cls, report, request=None, memo=None):
        """The report's own entry: its anchor in the archive of its language,
        filtered to its partner or conference if it has one, on the page of
        the list that holds it; or an empty string if a visitor cannot see it.

        ``memo`` (a dict) keeps the archive and each list between calls, so a
        page of search hits costs two queries per language and owner, not per hit."""
        memo = {} if memo is None else memo
        archive_key = ("archive", report.locale_id)
        if archive_key not in memo:
            archive = visible_pages(cls.objects.filter(locale_id=report.locale_id)).first()
            memo[archive_key] = archive.get_url(request) if archive else None
        address = memo[archive_key]
        if address is None:
            return ""
        list_key = ("list", report.locale_id, report.related_page_id)
        if list_key not in memo:
            reports = visible_reports(Report.objects.filter(locale_id=report.locale_id))
            query = {}
            if report.related_page_id:
                owner = report.related_page.specific
                query[owner.report_filter_name] = owner.pk
                reports = reports.filter(related_page_id=owner.pk)
            memo[list_key] = (query, list(reports.for_listing().values_list("pk", flat=True)))
        query, listed = memo[list_key]
        if report.pk not in listed:
            return ""
        return cls.entry_at(address, query, listed.index(report.pk), report)

    @classmethod
    def entry_at(cls, address, query, position, report):
        """The anchor of ``report``, the ``position``-th of the list at
        ``address`` filtered by ``query``, on the page of the list that holds it."""
        page = position // cls.REPORTS_PER_PAGE + 1
        query = {**query, **({"page": page} if page > 1 else {})}
        return f"{address}{'?' + urlencode(query) if query else ''}#report-{report.pk}"
