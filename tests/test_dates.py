"""Dates: every page says when it was last updated, and the seed's pages the
years their text describes (2013–2014), so "i år" reads in its time."""

import datetime

import pytest
from django.utils import timezone

from pages.models import StandardPage
from partners.models import PartnerPage
from tests.helpers import PUBLIC_PAGES, soup

pytestmark = pytest.mark.django_db

STATEMENTS = {"/personvern/", "/tilgjengelighet/", "/trygg-pa-nett/"}


def dates(client, path):
    return soup(client.get(path)).select_one(".page-header__dates")


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_every_page_says_when_it_was_last_updated(client, path):
    line = dates(client, path)
    assert line is not None
    time = line.select_one("time")
    assert time["datetime"] == timezone.localdate().isoformat()
    english = path.startswith("/en/")
    assert ("Last updated" if english else "Sist oppdatert") in line.get_text()


def test_the_seed_pages_say_which_years_they_describe(client):
    line = dates(client, "/partnere/sor-afrika/").get_text(" ", strip=True)
    assert "Teksten gjelder: 2013–2014" in line
    assert "Period described: 2013–2014" in dates(client, "/en/partners/south-africa/").get_text()
    # The statements are written for now, not for 2013–2014.
    for path in STATEMENTS & set(PUBLIC_PAGES):
        assert "Teksten gjelder" not in dates(client, path).get_text(), path


def test_the_date_is_the_last_publication_in_the_readers_language(client):
    page = PartnerPage.objects.get(slug="kypros")
    page.last_published_at = datetime.datetime(2026, 3, 4, 12, tzinfo=datetime.UTC)
    page.save()
    assert "Sist oppdatert 4. mars 2026" in dates(client, "/partnere/kypros/").get_text(
        " ", strip=True
    )


def test_a_period_that_ends_before_it_starts_is_refused():
    from django.core.exceptions import ValidationError

    page = StandardPage.objects.get(slug="personvern")
    page.period_start, page.period_end = 2014, 2013
    with pytest.raises(ValidationError) as refused:
        page.full_clean()
    assert "period_end" in refused.value.message_dict
