"""The report archive: every report of one language, filterable."""

from urllib.parse import urlencode

from django.utils.translation import gettext_lazy as _
from wagtail.models import get_page_models

from pages.models import BasePage
from pages.pagination import page_of
from pages.visibility import is_visible, visible_pages, visible_reports

from ..forms import ReportFilterForm
from .library import Report, ReportsMixin


class ReportIndexPage(BasePage):
    """The archive of every report in this language, with filters."""

    REPORTS_PER_PAGE = 20

    parent_page_types = ["pages.InternationalWorkPage"]
    subpage_types = []
    max_count_per_parent = 1
    page_description = _("Lists every report in the report library. There is one per language.")

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
        )
        return context

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
