"""Where in the world and when: the landing page's map and timeline, made
from the content, never by hand.

A page type whose content has places or years inherits ``OnTheMap`` and
says what they are (``world_marks``): a partner its country and the years of
the partnership, a conference its country and date, the network page its
engagements in one country, the report archive its reports. The landing page
gathers the marks of every page a visitor may open in its language
(``marks_in``), so a page published, withdrawn or restricted appears or
disappears at once; the caches forget the landing page with its descendants
(``caching/``), and with a report (``Report.pages_showing``).

This module knows no section: the sections name themselves by the mixin.
"""

from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_countries import countries
from wagtail.models import get_page_models

from pages.visibility import visible_pages

# What a mark is, in the order the map prefers to link to it: a country
# leads to its partner before its conference, and to the report archive last.
KINDS = {
    "partner": _("Partner"),
    "conference": _("Conference"),
    "network": _("Network or engagement"),
    "report": _("Report"),
}


@dataclass(frozen=True)
class Mark:
    kind: str  # a key of KINDS
    title: str
    url: str
    country: str = ""  # ISO 3166-1 alpha-2, or "" when not in one country
    start: int | None = None  # year
    end: int | None = None  # year, for a period
    day: date | None = None  # a dated event, to order it within its year
    # Where the map sends a reader for this country, if not ``url`` (a
    # report: the archive filtered to its country).
    country_url: str = ""
    # Where all of its kind from a span of years are listed, with ``{first}``
    # and ``{last}`` for the years (a report: the archive filtered to them),
    # for a year, or the earlier years, with many.
    years_url: str = ""

    @property
    def kind_label(self):
        return KINDS[self.kind]

    @property
    def country_name(self):
        return countries.name(self.country) if self.country else ""

    @property
    def period(self):
        """ "2010–2014" for a period with an end; "" for a single year."""
        return f"{self.start}–{self.end}" if self.end and self.end != self.start else ""


class OnTheMap:
    """A page type with places or years for the landing page's map and timeline."""

    def world_marks(self, request=None):
        """The page's marks (``Mark``): a list, empty when it has none.
        Addresses come from ``page.get_url(request)``, which reads the sites
        the request already knows rather than asking the cache again."""
        return []


def marks_in(locale_id, request=None):
    """The marks of every page of a language that a visitor may open."""
    marks = []
    for model in get_page_models():
        if issubclass(model, OnTheMap) and not model._meta.abstract:
            # Their addresses need their language: one query for all.
            pages = model.objects.filter(locale_id=locale_id).select_related("locale")
            for page in visible_pages(pages):
                marks += page.world_marks(request)
    return marks


@dataclass
class Country:
    code: str
    url: str
    marks: list = field(default_factory=list)
    number: int = 0

    @property
    def name(self):
        return countries.name(self.code)

    @property
    def summary(self):
        """What the site has about the country: "a partner, 6 reports"."""
        counted = {}
        for mark in self.marks:
            counted[mark.kind] = counted.get(mark.kind, 0) + 1
        return ", ".join(how_many(kind, count) for kind in KINDS if (count := counted.get(kind)))


def how_many(kind, count):
    """ "a partner", "6 reports": how many marks of a kind, in words."""
    words = {
        "partner": lambda n: ngettext("a partner", "%(count)d partners", n),
        "conference": lambda n: ngettext("a conference", "%(count)d conferences", n),
        "network": lambda n: ngettext("an engagement", "%(count)d engagements", n),
        "report": lambda n: ngettext("a report", "%(count)d reports", n),
    }
    return words[kind](count) % {"count": count}


def countries_of(marks):
    """The marked countries, by name, each with the address of the best
    page about it, numbered for the map."""
    found = {}
    order = list(KINDS)
    for mark in sorted(marks, key=lambda m: order.index(m.kind)):
        if not mark.country:
            continue
        country = found.setdefault(
            mark.country, Country(mark.country, mark.country_url or mark.url)
        )
        country.marks.append(mark)
    result = sorted(found.values(), key=lambda c: str(c.name))
    for number, country in enumerate(result, 1):
        country.number = number
    return result


# A year shows each partner, conference, engagement and report by name up
# to this many of a kind; beyond it, how many. The latest years have a row
# each, up to YEARS_SHOWN of them; the years before share one row, which
# says how many of each kind. So the timeline stays short however much
# content there is, and however many years it spans.
NAMED_PER_YEAR = 3
YEARS_SHOWN = 10


@dataclass(frozen=True)
class Several:
    """Many marks of one kind in one year, told as a number."""

    kind: str
    count: int
    url: str = ""

    @property
    def text(self):
        return how_many(self.kind, self.count)


def _several(kind, marks, first, last):
    template = marks[0].years_url
    return Several(kind, len(marks), template.format(first=first, last=last) if template else "")


def timeline_of(marks):
    """The dated marks by year, oldest first: ``[(year, [Mark or Several])]``;
    with more than ``YEARS_SHOWN`` years, the earlier ones first as one row
    ``("1990–2011", [Several])``."""
    order = list(KINDS)
    dated = sorted(
        (m for m in marks if m.start),
        key=lambda m: (m.start, order.index(m.kind), m.day or date(m.start, 12, 31), m.title),
    )
    years = {}
    for mark in dated:
        years.setdefault(mark.start, {}).setdefault(mark.kind, []).append(mark)
    timeline = []
    shown = list(years)[-YEARS_SHOWN:]
    earlier = list(years)[: -len(shown)] if len(years) > YEARS_SHOWN else []
    if earlier:
        first, last = earlier[0], earlier[-1]
        together = {}
        for year in earlier:
            for kind, of_kind in years[year].items():
                together.setdefault(kind, []).extend(of_kind)
        together = sorted(together.items(), key=lambda item: order.index(item[0]))
        timeline.append(
            (f"{first}–{last}", [_several(kind, marks, first, last) for kind, marks in together])
        )
    for year in shown:
        entries = []
        for kind, of_kind in years[year].items():
            if len(of_kind) <= NAMED_PER_YEAR:
                entries += of_kind
            else:
                entries.append(_several(kind, of_kind, year, year))
        timeline.append((year, entries))
    return timeline
