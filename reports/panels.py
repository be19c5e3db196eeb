from django.urls import reverse
from wagtail.admin.panels import Panel


class ReportsPanel(Panel):
    """The "Reports" tab of partner and conference pages: the reports that
    belong to the page, with links to edit them or add another."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "reports/panels/reports_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            page = self.instance
            saved = bool(page.pk)
            context.update(
                saved=saved,
                reports=list(page.reports.all().order_by("-year", "title")) if saved else [],
                add_url=reverse("wagtailsnippets_reports_report:add")
                + (f"?locale={page.locale.language_code}" if saved else ""),
            )
            return context
