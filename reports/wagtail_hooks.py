from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, LocaleColumn
from wagtail.models import Locale
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from .models import Report


class YesNoColumn(Column):
    """ "Ja" or "Nei": Wagtail's BooleanColumn labels its icons "True" and "False"."""

    def get_value(self, instance):
        return _("Yes") if super().get_value(instance) else _("No")


class ReportIndexView(IndexView):
    """The report library in the editor's own language at first: each report
    exists once per language, and both together list it twice. The language
    filter's "All" shows both."""

    def get_filterset_kwargs(self):
        kwargs = super().get_filterset_kwargs()
        if "locale" not in self.request.GET:
            language = translation.get_language()
            if Locale.objects.filter(language_code=language).exists():
                data = kwargs["data"].copy()
                data["locale"] = language
                kwargs["data"] = data
        return kwargs


class RevertToADraft:
    """Restoring an old version saves a draft, and a draft may lack required
    fields until it is published, as in Wagtail's own edit view. Wagtail's
    revert view checks the whole model even for a draft, so a version sent
    with its title emptied was a 500 instead of a draft."""

    def save_instance(self):
        instance = self.form.save(commit=not self.object.live)
        self.has_content_changes = self.form.has_changed()
        self.new_revision = instance.save_revision(
            user=self.request.user,
            log_action=True,
            previous_revision=self.revision,
            clean=not self.saving_as_draft,
        )
        return instance


class ReportViewSet(SnippetViewSet):
    model = Report
    icon = "doc-full"
    index_view_class = ReportIndexView
    # Wagtail has its own "Reports" menu (Rapporter) for admin reports.
    menu_label = _("Report library")
    menu_order = 200
    add_to_admin_menu = True
    list_display = [
        "title",
        "year",
        "kind",
        "related_page",
        LocaleColumn(label=_("Site language")),
        YesNoColumn("live", label=_("Published"), sort_key="live"),
    ]
    list_filter = ["kind", "language"]
    # The search box completes words in the model's own index
    # (Report.search_fields: title and summary). Naming fields here made
    # SQLite's backend ask its full-text table for a "summary" column.
    ordering = ["-year", "title"]

    @property
    def revisions_revert_view_class(self):
        return type(
            "RevisionsRevertView", (RevertToADraft, super().revisions_revert_view_class), {}
        )


register_snippet(ReportViewSet)
