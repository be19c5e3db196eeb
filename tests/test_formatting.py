"""Dates read naturally in each language."""

import datetime

import pytest
from django.utils import translation

from pages.formatting import format_date_range, format_year_range

D = datetime.date


@pytest.mark.parametrize(
    "language,start,end,year,expected",
    [
        ("nb", D(2001, 4, 4), D(2001, 4, 18), None, "4.–18. april 2001"),
        ("en", D(2001, 4, 4), D(2001, 4, 18), None, "4–18 April 2001"),
        ("nb", D(2014, 5, 30), D(2014, 6, 2), None, "30. mai–2. juni 2014"),
        ("en", D(2014, 5, 30), D(2014, 6, 2), None, "30 May–2 June 2014"),
        ("nb", D(2014, 12, 30), D(2015, 1, 2), None, "30. desember 2014–2. januar 2015"),
        ("nb", D(2004, 9, 20), D(2004, 9, 20), None, "20. september 2004"),
        ("en", D(2004, 9, 20), None, None, "20 September 2004"),
        ("nb", None, None, 2014, "2014"),
        ("en", None, None, None, ""),
    ],
)
def test_date_ranges(language, start, end, year, expected):
    with translation.override(language):
        assert format_date_range(start, end, year) == expected


@pytest.mark.parametrize(
    "language,start,end,expected",
    [
        ("nb", 1998, 2013, "1998–2013"),
        ("nb", 2013, None, "siden 2013"),
        ("en", 2013, None, "since 2013"),
        ("nb", None, 2013, "til 2013"),
        ("nb", 2013, 2013, "2013"),
        ("nb", None, None, ""),
    ],
)
def test_year_ranges(language, start, end, expected):
    with translation.override(language):
        assert format_year_range(start, end) == expected
