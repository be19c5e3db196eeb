"""One Report model shared by every section.

A report may have a PDF in the document library, an address elsewhere, or
neither (many older reports exist on paper only). It is listed either way, but
linked only where there is something to link to.
"""

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, PageChooserPanel
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Page,
    PreviewableMixin,
    RevisionMixin,
    TranslatableMixin,
    WorkflowMixin,
    get_page_models,
)
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin

from caching.dependencies import ShownOnPages
from pages.models import InternationalWorkPage

from ..choices import ReportKind, ReportLanguage


class ReportQuerySet(SearchableQuerySetMixin, models.QuerySet):
    def live(self):
        return self.filter(live=True)

    def for_listing(self):
        """Newest first; reports without a known year last."""
        return self.select_related("document", "related_page").order_by(
            F("year").desc(nulls_last=True), "title", "pk"
        )


def archives(locale_id):
    """The report archive pages of a language. By model label: the archive's
    module imports this one."""
    return apps.get_model("reports", "ReportIndexPage").objects.filter(locale_id=locale_id)


class ReportsMixin(ShownOnPages, models.Model):
    """A page that reports can belong to (partners and conferences).

    Reports point at the page (``Report.related_page``); the page lists them.
    ``report_filter_name`` names the report archive's filter for this page type
    (``/rapporter/?partner=12``; ``{% report_archive_url page %}`` links there).
    The archive's filter names the page, so the caches forget the archive when
    the page changes.
    """

    report_filter_name = None

    class Meta:
        abstract = True

    def pages_showing(self):
        return list(archives(self.locale_id))

    # The latest few on the page; all of them in the archive, filtered to it.
    LATEST_REPORTS = 10

    @cached_property
    def latest_reports(self):
        """The newest reports of this page, and whether there are more (one
        beyond the few shown is fetched to tell, rather than counting)."""
        reports = list(
            Report.objects.live().filter(related_page=self).for_listing()[: self.LATEST_REPORTS + 1]
        )
        return reports[: self.LATEST_REPORTS], len(reports) > self.LATEST_REPORTS


class ReportOwnerChooserPanel(PageChooserPanel):
    """Offers only the page types that list their own reports.

    The list is worked out from the ``ReportsMixin`` so that this app does not
    need to name the sections that use it.
    """

    def get_form_options(self):
        self.page_type = [m for m in get_page_models() if issubclass(m, ReportsMixin)]
        return super().get_form_options()


class Report(
    ShownOnPages,
    WorkflowMixin,
    TranslatableMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    index.Indexed,
    models.Model,
):
    title = models.CharField(
        _("title"),
        max_length=255,
        help_text=_("The report's own title, as printed on it."),
    )
    year = models.PositiveSmallIntegerField(
        _("year"),
        null=True,
        blank=True,
        help_text=_("The year the report covers or was published. Leave empty if unknown."),
    )
    kind = models.CharField(
        _("kind"),
        max_length=32,
        choices=ReportKind.choices,
        default=ReportKind.REPORT,
        help_text=_("What sort of document this is."),
    )
    country = CountryField(
        _("country"),
        blank=True,
        help_text=_("The country the report is about. Leave empty if it is about several."),
    )
    language = models.CharField(
        _("language of the report"),
        max_length=8,
        choices=ReportLanguage.choices,
        default=ReportLanguage.NORWEGIAN,
        help_text=_("The language the report itself is written in."),
    )
    summary = models.TextField(
        _("summary"),
        blank=True,
        help_text=_("One or two sentences on what the report is about. Optional."),
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("PDF file"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Upload or choose the report as a PDF."),
    )
    external_url = models.URLField(
        _("address elsewhere"),
        blank=True,
        help_text=_("If the report is published on another website, its full address."),
    )
    unavailable_note = models.CharField(
        _("why there is no file"),
        max_length=255,
        blank=True,
        help_text=_(
            "If there is neither a file nor an address, say why, e.g. “Only available on paper”."
        ),
    )
    related_page = models.ForeignKey(
        Page,
        verbose_name=_("partner or conference"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reports",
        help_text=_("The partner or conference this report belongs to, if any."),
    )

    objects = ReportQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("year"), FieldPanel("kind")]),
        FieldRowPanel([FieldPanel("country"), FieldPanel("language")]),
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("document"), FieldPanel("external_url"), FieldPanel("unavailable_note")],
            heading=_("Where to read it"),
        ),
        ReportOwnerChooserPanel("related_page"),
    ]

    search_fields = [
        index.SearchField("title"),
        index.SearchField("summary"),
        # The admin's search box completes words as they are typed, in both.
        index.AutocompleteField("title"),
        index.AutocompleteField("summary"),
        index.FilterField("locale"),
        index.FilterField("live"),
        index.FilterField("year"),
        index.FilterField("kind"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("report")
        verbose_name_plural = _("reports")

    def __str__(self):
        return f"{self.title} ({self.year})" if self.year else self.title

    def clean(self):
        super().clean()
        if not (self.document_id or self.external_url or self.unavailable_note):
            raise ValidationError(
                {
                    "unavailable_note": _(
                        "Upload a PDF, give an address, or say why the report has neither."
                    )
                }
            )
        if self.related_page_id and not isinstance(self.related_page.specific, ReportsMixin):
            raise ValidationError({"related_page": _("Choose a partner or a conference page.")})

    def get_preview_template(self, request, mode_name):
        return "reports/report_preview.html"

    def get_preview_context(self, request, mode_name):
        return {**super().get_preview_context(request, mode_name), "preview_reports": [self]}

    @property
    def url(self):
        """Where to read the report, or an empty string: never a dead link."""
        if self.document_id:
            return self.document.url
        return self.external_url

    def pages_showing(self):
        """The archive of its language, the front page (its map and timeline)
        and the page it belongs to (the pages that list it in their body are
        found by the caches themselves)."""
        pages = list(archives(self.locale_id))
        pages += InternationalWorkPage.objects.filter(locale_id=self.locale_id)
        if self.related_page_id:
            pages.append(self.related_page)
        return pages

    @property
    def file_extension(self):
        return self.document.file_extension.upper() if self.document_id else ""

    @property
    def file_size(self):
        return self.document.get_file_size() if self.document_id else None
