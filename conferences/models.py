from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.http import Http404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.search import index

from pages.formatting import format_date_range
from pages.models import BasePage
from pages.pagination import page_of
from pages.structured_data import KSS
from pages.visibility import visible_pages
from pages.world import Mark, OnTheMap
from reports.models import ReportsMixin
from reports.panels import ReportsPanel

from .calendar import calendar_response


class CalendarMixin(RoutablePageMixin):
    """A calendar file beside the page (``<page>/kalender.ics``, in English
    ``calendar.ics``; either name answers in both languages), as a Wagtail
    route, so view restrictions apply to it as to the page. ``kss_site/urls.py``
    lets addresses ending in ``.ics`` reach Wagtail's page view."""

    CALENDAR_NAMES = ("kalender.ics", "calendar.ics")

    @path("kalender.ics/")
    @path("calendar.ics/")
    def calendar(self, request):
        conferences = self.calendar_conferences()
        if conferences is None:
            raise Http404("No calendar here.")
        return calendar_response(conferences, self.calendar_name(), request, self.calendar_file())

    def calendar_url(self, request=None):
        """The calendar file in the page's language, or an empty string (also
        in the preview of a page not yet saved, which has no address)."""
        url = self.get_url(request)
        if url is None or self.calendar_conferences() is None:
            return ""
        return url + gettext("calendar.ics")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["calendar_url"] = self.calendar_url(request)
        return context

    def get_cached_paths(self):
        # The front cache keeps the calendar files too; purging the page purges them.
        return ["/", *self.CALENDAR_NAMES]


# The groups of the conference list, in their order.
UPCOMING, PAST, UNDATED = 0, 1, 2


class ConferenceIndexPage(CalendarMixin, BasePage):
    parent_page_types = ["pages.InternationalWorkPage"]
    subpage_types = ["conferences.ConferencePage"]
    max_count_per_parent = 1
    page_description = _("Lists the conferences, upcoming first. There is one per language.")

    # Nine conferences a page, so the list stays light at any size: the
    # upcoming ones first (soonest first), then the past ones (newest first),
    # then those with no date at all.
    CONFERENCES_PER_PAGE = 9

    class Meta:
        verbose_name = _("conference list")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        today = timezone.localdate()
        upcoming = Q(end_date__gte=today)
        # Neither a date nor a year: it cannot be called past any more than
        # upcoming ("uten dato"), so it is listed on its own, last.
        undated = Q(start_date=None, year=None)
        conferences = (
            visible_pages(ConferencePage.objects.child_of(self))
            .annotate(
                group=Case(
                    When(upcoming, then=Value(UPCOMING)),
                    When(undated, then=Value(UNDATED)),
                    default=Value(PAST),
                ),
                soonest=Case(When(upcoming, then=F("start_date"))),
            )
            .order_by(
                "group",
                "soonest",
                F("year").desc(nulls_last=True),
                F("start_date").desc(nulls_last=True),
                "title",
            )
        )
        page = page_of(conferences, request, self.CONFERENCES_PER_PAGE)
        context.update(
            conferences=page,
            upcoming=[c for c in page if c.group == UPCOMING],
            past=[c for c in page if c.group == PAST],
            undated=[c for c in page if c.group == UNDATED],
        )
        return context

    def calendar_conferences(self):
        """Every dated conference a visitor may see."""
        conferences = visible_pages(ConferencePage.objects.child_of(self))
        return conferences.exclude(start_date=None).order_by("start_date")

    def calendar_name(self):
        return gettext("Conferences – Krisesentersekretariatet")

    def calendar_file(self):
        return "kalender.ics"


class ConferencePage(OnTheMap, CalendarMixin, ReportsMixin, BasePage):
    class Role(models.TextChoices):
        ORGANISER = "organiser", _("Organiser")
        CO_ORGANISER = "co_organiser", _("Co-organiser")
        STEERING_GROUP = "steering_group", _("Member of the steering group")
        SPEAKER = "speaker", _("Speaker")
        PARTICIPANT = "participant", _("Participant")

    report_filter_name = "conference"
    parent_page_types = ["conferences.ConferenceIndexPage"]
    subpage_types = []
    page_description = _("A conference KSS has organised, helped to organise or taken part in.")

    start_date = models.DateField(
        _("first day"), null=True, blank=True, help_text=_("Leave empty if only the year is known.")
    )
    end_date = models.DateField(
        _("last day"),
        null=True,
        blank=True,
        help_text=_("Leave empty for a one-day conference or if not known."),
    )
    year = models.PositiveSmallIntegerField(
        _("year"),
        null=True,
        blank=True,
        help_text=_("Filled in from the first day; give it yourself when only the year is known."),
    )
    city = models.CharField(_("city"), max_length=100, blank=True, help_text=_("Where it is held."))
    country = CountryField(_("country"), blank=True, help_text=_("Where it is held."))
    participants = models.PositiveIntegerField(
        _("number of participants"), null=True, blank=True, help_text=_("Leave empty if not known.")
    )
    participants_approximate = models.BooleanField(
        _("the number is approximate"),
        default=False,
        help_text=_("Tick if the number is an estimate (shown as “about 30 000”)."),
    )
    kss_role = models.CharField(
        _("KSS’s role"),
        max_length=20,
        choices=Role.choices,
        blank=True,
        help_text=_("What KSS did at the conference."),
    )

    facts_panels = [
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]), FieldPanel("year")],
            heading=_("When"),
        ),
        FieldRowPanel([FieldPanel("city"), FieldPanel("country")], heading=_("Where")),
        FieldRowPanel([FieldPanel("participants"), FieldPanel("participants_approximate")]),
        FieldPanel("kss_role"),
    ]

    edit_handler = TabbedInterface(
        [
            ObjectList(BasePage.content_panels, heading=_("Content")),
            ObjectList(facts_panels, heading=_("Facts")),
            ObjectList([ReportsPanel(heading=_("Reports"))], heading=_("Reports")),
            ObjectList(BasePage.promote_panels, heading=_("Promotion")),
            ObjectList(BasePage.settings_panels, heading=_("Settings")),
        ]
    )

    search_fields = BasePage.search_fields + [index.SearchField("city")]

    class Meta:
        verbose_name = _("conference")

    def world_marks(self, request=None):
        return [
            Mark(
                "conference",
                self.title,
                self.get_url(request),
                country=self.country.code or "",
                start=self.start_date.year if self.start_date else self.year,
                day=self.start_date,
            )
        ]

    def clean(self):
        super().clean()
        if self.end_date and not self.start_date:
            raise ValidationError({"start_date": _("Give the first day as well as the last.")})
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The conference cannot end before it starts.")})
        if self.start_date:
            if self.year and self.year != self.start_date.year:
                raise ValidationError({"year": _("The year must match the first day.")})
            self.year = self.start_date.year
        if self.start_date and not self.end_date:
            self.end_date = self.start_date

    def calendar_conferences(self):
        """This conference, if its dates are known."""
        return [self] if self.start_date else None

    def calendar_name(self):
        return self.title

    def calendar_file(self):
        return f"{self.slug}.ics"

    def structured_data(self, request):
        event = {
            "@type": "Event",
            "name": self.title,
            "description": self.summary,
            "url": self.get_full_url(request),
            "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        }
        # ISO 8601 allows a year alone where that is all that is known.
        if self.start_date:
            event["startDate"] = self.start_date.isoformat()
            event["endDate"] = (self.end_date or self.start_date).isoformat()
        elif self.year:
            event["startDate"] = str(self.year)
        if self.city or self.country:
            address = {"@type": "PostalAddress"}
            if self.city:
                address["addressLocality"] = self.city
            if self.country:
                address["addressCountry"] = self.country.code
            event["location"] = {
                "@type": "Place",
                "name": ", ".join(filter(None, [self.city, self.country.name])),
                "address": address,
            }
        if self.kss_role in (self.Role.ORGANISER, self.Role.CO_ORGANISER, self.Role.STEERING_GROUP):
            event["organizer"] = KSS
        if self.participants:
            # schema.org has no head count for past events; capacity is the nearest.
            event["maximumAttendeeCapacity"] = self.participants
        return [event, *super().structured_data(request)]

    @cached_property
    def when(self):
        """The dates as a reader expects them, e.g. “4.–18. april 2001” or “2014”."""
        return format_date_range(self.start_date, self.end_date, self.year)
