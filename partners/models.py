from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.search import index

from pages.formatting import format_year_range
from pages.models import BasePage
from pages.pagination import page_of
from pages.visibility import visible_pages
from pages.world import Mark, OnTheMap
from reports.models import ReportsMixin
from reports.panels import ReportsPanel


class PartnerIndexPage(BasePage):
    parent_page_types = ["pages.InternationalWorkPage"]
    subpage_types = ["partners.PartnerPage"]
    max_count_per_parent = 1
    page_description = _("Lists the partner organisations abroad. There is one per language.")

    # Nine partners a page (three rows of three cards), so the list stays light
    # at any size.
    PARTNERS_PER_PAGE = 9

    class Meta:
        verbose_name = _("partner list")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        partners = visible_pages(PartnerPage.objects.child_of(self)).order_by("path")
        context["partners"] = page_of(partners, request, self.PARTNERS_PER_PAGE)
        return context


class PartnerPage(OnTheMap, ReportsMixin, BasePage):
    report_filter_name = "partner"
    parent_page_types = ["partners.PartnerIndexPage"]
    subpage_types = []
    page_description = _("One partner organisation abroad and KSS's cooperation with it.")

    country = CountryField(_("country"), help_text=_("The country the partner works in."))
    organisation_name = models.CharField(
        _("organisation"),
        max_length=255,
        help_text=_("The organisation's full name, as it writes it itself."),
    )
    acronym = models.CharField(
        _("acronym"), max_length=20, blank=True, help_text=_("For example SPAVO. Optional.")
    )
    website = models.URLField(
        _("website"), blank=True, help_text=_("The organisation's own website. Optional.")
    )
    start_year = models.PositiveSmallIntegerField(
        _("partnership began (year)"),
        null=True,
        blank=True,
        help_text=_("Leave empty if not known."),
    )
    end_year = models.PositiveSmallIntegerField(
        _("partnership ended (year)"),
        null=True,
        blank=True,
        help_text=_("Leave empty while the partnership goes on."),
    )
    funding_source = models.CharField(
        _("funding"),
        max_length=255,
        blank=True,
        help_text=_("Who funds the cooperation, e.g. FOKUS, EØS-midlene or Utenriksdepartementet."),
    )
    contact_person = models.CharField(
        _("contact person"),
        max_length=255,
        blank=True,
        help_text=_("The partner's leader or contact. Optional."),
    )
    contact_role = models.CharField(
        _("contact person's role"),
        max_length=255,
        blank=True,
        help_text=_("For example “leader of Masimanyane”."),
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("main image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown at the top of the page. Optional; give the image a description."),
    )

    facts_panels = [
        FieldRowPanel([FieldPanel("organisation_name"), FieldPanel("acronym")]),
        FieldRowPanel([FieldPanel("country"), FieldPanel("website")]),
        FieldRowPanel([FieldPanel("start_year"), FieldPanel("end_year")]),
        FieldPanel("funding_source"),
        MultiFieldPanel(
            [FieldPanel("contact_person"), FieldPanel("contact_role")],
            heading=_("Contact"),
        ),
    ]
    content_panels = BasePage.content_panels + [FieldPanel("hero_image")]

    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(facts_panels, heading=_("Facts")),
            ObjectList([ReportsPanel(heading=_("Reports"))], heading=_("Reports")),
            ObjectList(BasePage.promote_panels, heading=_("Promotion")),
            ObjectList(BasePage.settings_panels, heading=_("Settings")),
        ]
    )

    search_fields = BasePage.search_fields + [
        index.SearchField("organisation_name"),
        index.SearchField("acronym"),
        index.SearchField("contact_person"),
        index.SearchField("contact_role"),
        index.SearchField("funding_source"),
    ]

    def world_marks(self, request=None):
        return [
            Mark(
                "partner",
                self.organisation_name,
                self.get_url(request),
                country=self.country.code,
                start=self.start_year,
                end=self.end_year,
            )
        ]

    class Meta:
        verbose_name = _("partner")

    def clean(self):
        super().clean()
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValidationError({"end_year": _("The partnership cannot end before it began.")})
        # The main image's description is its alt text: without one, blind
        # readers would not know what it shows.
        if self.hero_image and not self.hero_image.description.strip():
            raise ValidationError(
                {
                    "hero_image": _(
                        "This image has no description. Add one under Images, so that "
                        "blind readers know what it shows."
                    )
                }
            )

    def structured_data(self, request):
        organisation = {
            "@type": "Organization",
            "name": self.organisation_name,
            "address": {"@type": "PostalAddress", "addressCountry": self.country.code},
            "description": self.summary,
            "mainEntityOfPage": self.get_full_url(request),
        }
        if self.acronym:
            organisation["alternateName"] = self.acronym
        if self.website:
            organisation["url"] = self.website
        return [organisation, *super().structured_data(request)]

    @property
    def display_name(self):
        if self.acronym and self.acronym not in self.organisation_name:
            return f"{self.organisation_name} ({self.acronym})"
        return self.organisation_name

    @property
    def years(self):
        return format_year_range(self.start_year, self.end_year)
