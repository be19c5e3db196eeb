from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Report


class ReportViewSet(SnippetViewSet):
    model = Report
    icon = "doc-full"
    # Wagtail has its own "Reports" menu (Rapporter) for admin reports.
    menu_label = _("Report library")
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["title", "year", "kind", "related_page", "live"]
    list_filter = ["kind", "language", "locale"]
    search_fields = ["title", "summary"]
    ordering = ["-year", "title"]


register_snippet(ReportViewSet)
