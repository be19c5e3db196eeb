"""Dates and year ranges as a reader of each language expects them.

The patterns are gettext messages, so Norwegian gets “4.–18. april 2001” and
English “4–18 April 2001” from the same code.
"""

from django.utils.dateformat import format as date_format
from django.utils.translation import gettext, pgettext


def _day(value):
    return date_format(value, pgettext("date format: day only", "j"))


def _day_month(value):
    return date_format(value, pgettext("date format: day and month", "j F"))


def full_date(value):
    return date_format(value, pgettext("date format: day, month and year", "j F Y"))


def format_date_range(start, end=None, year=None):
    """Format a conference's dates; fall back to the year, or to nothing."""
    if start is None:
        return str(year) if year else ""
    if end is None or end == start:
        return full_date(start)
    if (start.year, start.month) == (end.year, end.month):
        first = _day(start)
    elif start.year == end.year:
        first = _day_month(start)
    else:
        first = full_date(start)
    return pgettext("date range", "%(start)s–%(end)s") % {"start": first, "end": full_date(end)}


def format_year_range(start=None, end=None):
    """Format a period of years: “1998–2013”, “since 2013”, “until 2013”."""
    if start and end:
        return f"{start}–{end}" if start != end else str(start)
    if start:
        return gettext("since %(year)s") % {"year": start}
    if end:
        return gettext("until %(year)s") % {"year": end}
    return ""
