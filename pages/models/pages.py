"""The shared page types: the landing page, networks and statements."""

from django.db import models
from django.template.loader import render_to_string
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.models import Orderable, Page, Site
from wagtail.search import index

from caching.page_cache import remember
from pages.structured_data import KSS
from pages.visibility import visible_pages
from pages.world import Mark, OnTheMap, countries_of, marks_in, timeline_of
from pages.world.svg import world_map

from .base import BasePage


class InternationalWorkPage(BasePage):
    """The landing page and the root of the site in each language."""

    parent_page_types = ["wagtailcore.Page"]
    page_description = _("The front page of the international work. There is one per language.")

    class Meta:
        verbose_name = _("international work (front page)")

    def shared_parts(self, request):
        """What the front page shows of the rest of the site: the sections in
        the menu as cards, and the map and the timeline (pages/world/),
        rendered. Built once per content version, site and language in each
        process (``remember``): at any amount of content a render of the
        front page costs what its own fields cost."""

        def build():
            marks = marks_in(self.locale_id, request)
            countries = countries_of(marks)
            world = {"world_countries": countries, "world_map": world_map(countries)}
            return {
                "sections": list(visible_pages(self.get_children().in_menu()).specific()),
                "world": render_to_string("pages/includes/world.html", world),
                "timeline": render_to_string(
                    "pages/includes/timeline.html", {"timeline": timeline_of(marks)}
                ),
            }

        site = Site.find_for_request(request)
        name = f"front:{self.pk}:{site.pk if site else 0}:{get_language()}"
        return remember(request, name, build)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.shared_parts(request))
        return context

    def structured_data(self, request):
        """KSS as an NGO, a member of the networks on the network page."""
        sections = self.shared_parts(request)["sections"]
        network = next((s for s in sections if isinstance(s, NetworkPage)), None)
        members_of = []
        if network is not None:
            members_of = [
                {
                    "@type": "Organization",
                    "name": membership.name,
                    **({"alternateName": membership.acronym} if membership.acronym else {}),
                    **({"url": membership.website} if membership.website else {}),
                }
                for membership in network.current_memberships
                if membership.acronym
            ]
        organisation = {
            **KSS,
            "description": self.summary,
            "mainEntityOfPage": self.get_full_url(request),
            "memberOf": members_of,
        }
        return [organisation, *super().structured_data(request)]


class NetworkPage(OnTheMap, BasePage):
    parent_page_types = ["pages.InternationalWorkPage"]
    subpage_types = []
    max_count_per_parent = 1
    page_description = _("The networks KSS belongs to and its earlier engagements abroad.")

    content_panels = BasePage.content_panels + [
        InlinePanel("memberships", label=_("Networks and engagements"), heading=_("Networks")),
    ]

    # A search for WAVE, NKMV or Lithuania finds the page that names them.
    search_fields = BasePage.search_fields + [
        index.RelatedFields(
            "memberships",
            [
                index.SearchField("name"),
                index.SearchField("acronym"),
                index.SearchField("description"),
            ],
        ),
    ]

    class Meta:
        verbose_name = _("network page")

    def world_marks(self, request=None):
        """Engagements in one country (a shelter started in Lithuania), by
        their card on this page."""
        address = self.get_url(request)
        return [
            Mark(
                "network",
                membership.name,
                f"{address}#engagement-{membership.pk}",
                country=membership.country.code or "",
                start=membership.since_year,
            )
            for membership in self.memberships.all()
            if membership.country or membership.since_year
        ]

    @cached_property
    def _memberships(self):
        """Each with ``page_link``, its page on this site if a visitor may see
        it (one query for all), else None."""
        memberships = list(self.memberships.select_related("related_page"))
        chosen = [m.related_page_id for m in memberships if m.related_page_id]
        visible = set(
            visible_pages(Page.objects.filter(pk__in=chosen)).values_list("pk", flat=True)
        )
        for membership in memberships:
            membership.page_link = (
                membership.related_page if membership.related_page_id in visible else None
            )
        return memberships

    @property
    def current_memberships(self):
        return [m for m in self._memberships if m.status == NetworkMembership.Status.MEMBER]

    @property
    def past_engagements(self):
        return [m for m in self._memberships if m.status == NetworkMembership.Status.PAST]


class NetworkMembership(Orderable):
    class Region(models.TextChoices):
        NORDIC = "nordic", _("Nordic")
        EUROPEAN = "european", _("European")
        GLOBAL = "global", _("Global")

    class Status(models.TextChoices):
        MEMBER = "member", _("Current network or cooperation")
        PAST = "past", _("Earlier engagement")

    page = ParentalKey(NetworkPage, on_delete=models.CASCADE, related_name="memberships")
    name = models.CharField(
        _("name"), max_length=255, help_text=_("The organisation's or network's full name.")
    )
    acronym = models.CharField(
        _("acronym"), max_length=20, blank=True, help_text=_("For example WAVE. Optional.")
    )
    region = models.CharField(
        _("region"),
        max_length=16,
        choices=Region.choices,
        help_text=_("Where the network works."),
    )
    country = CountryField(
        _("country"), blank=True, help_text=_("For work in one country only. Optional.")
    )
    status = models.CharField(
        _("status"),
        max_length=8,
        choices=Status.choices,
        default=Status.MEMBER,
        help_text=_("Is KSS part of it now, or was it an earlier engagement?"),
    )
    website = models.URLField(_("website"), blank=True, help_text=_("Full address. Optional."))
    since_year = models.PositiveSmallIntegerField(
        _("since (year)"), null=True, blank=True, help_text=_("The year KSS joined. Optional.")
    )
    description = models.TextField(
        _("description"), help_text=_("What the network is and what KSS does in it.")
    )
    related_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page on this site"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A partner or conference page about it, linked from the card. Optional."),
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("acronym")]),
        FieldRowPanel([FieldPanel("region"), FieldPanel("country"), FieldPanel("status")]),
        FieldRowPanel([FieldPanel("website"), FieldPanel("since_year")]),
        FieldPanel("description"),
        FieldPanel("related_page"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("network or engagement")
        verbose_name_plural = _("networks and engagements")

    def __str__(self):
        return self.name


class StandardPage(BasePage):
    """A plain text page: privacy, accessibility, staying safe online."""

    parent_page_types = ["pages.InternationalWorkPage"]
    subpage_types = []
    page_description = _("A plain page of text, such as the privacy statement.")

    class Meta:
        verbose_name = _("text page")


__all__ = [
    "InternationalWorkPage",
    "NetworkMembership",
    "NetworkPage",
    "StandardPage",
]
