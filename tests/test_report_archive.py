"""The report archive: newest first, filters as a plain GET form, pagination,
and a clear answer to any bad value."""

import re

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Locale

from conferences.models import ConferencePage
from partners.models import PartnerPage
from reports.models import Report
from tests.helpers import soup

pytestmark = pytest.mark.django_db


def titles(response):
    page = BeautifulSoup(response.content, "html.parser")
    return [t.get_text(strip=True) for t in page.select(".report-list__title")]


def years(response):
    return [
        li.select_one(".report-list__meta").get_text(" ", strip=True).split(" ")[0]
        for li in soup(response).select(".report-list__item")
    ]


def test_every_report_newest_first_with_undated_ones_last(client):
    response = client.get("/rapporter/")
    assert len(titles(response)) == 13
    dated = [y for y in years(response) if y.isdigit()]
    assert dated == sorted(dated, reverse=True)
    assert dated[0] == "2010"
    assert "13 rapporter" in response.content.decode()


@pytest.mark.parametrize(
    "query,count",
    [
        ("kind=annual_report", 2),
        ("year_from=2002&year_to=2003", 5),
        ("year_from=2004", 3),
        ("country=ZA", 6),
        ("country=ZA&year_to=2003", 3),
    ],
)
def test_filters_narrow_the_list(client, query, count):
    response = client.get(f"/rapporter/?{query}")
    assert response.status_code == 200
    assert len(titles(response)) == count


def test_partner_and_conference_filters(client):
    partner = PartnerPage.objects.get(slug="sor-afrika")
    assert len(titles(client.get(f"/rapporter/?partner={partner.pk}"))) == 6

    conference = ConferencePage.objects.get(slug="nordisk-forum-2014")
    Report.objects.create(
        title="Rapport fra Nordisk Forum",
        year=2014,
        kind="conference_report",
        external_url="https://example.org/nf2014.pdf",
        related_page=conference,
        locale=conference.locale,
        live=True,
    )
    response = client.get(f"/rapporter/?conference={conference.pk}")
    assert titles(response) == ["Rapport fra Nordisk Forum"]


def test_partner_page_links_to_the_archive_filtered_to_its_reports(client):
    page = soup(client.get("/partnere/sor-afrika/"))
    link = page.find("a", string="Disse rapportene i rapportarkivet")
    response = client.get(link["href"])
    assert len(titles(response)) == 6
    english = soup(client.get("/en/partners/south-africa/"))
    link = english.find("a", string="These reports in the report archive")
    assert link["href"].startswith("/en/reports/?partner=")
    assert len(titles(client.get(link["href"]))) == 6


@pytest.mark.parametrize(
    "query,message",
    [
        ("kind=bogus", "Velg et gyldig valg"),
        ("year_from=abc", "Oppgi et heltall"),
        ("year_from=2004&year_to=2001", "«Fra år» kan ikke være etter «Til år»."),
        ("year_to=99999", "Verdien må være mindre enn eller lik 2100"),
        ("partner=999999", "Velg et gyldig valg"),
        ("conference=abc", "Velg et gyldig valg"),
        ("country=XX", "Velg et gyldig valg"),
    ],
)
def test_a_bad_filter_value_gets_a_clear_400_page(client, query, message):
    response = client.get(f"/rapporter/?{query}")
    assert response.status_code == 400
    assert message in response.content.decode()
    assert titles(response) == []


@pytest.mark.parametrize("number", ["99", "0", "-1", "abc", "1e9", ""])
def test_a_bad_page_number_gets_the_nearest_page(client, number):
    response = client.get(f"/rapporter/?page={number}")
    assert response.status_code == 200
    assert len(titles(response)) == 13


def test_twenty_per_page_and_the_next_link_keeps_the_filters(client):
    locale = Locale.objects.get(language_code="nb")
    Report.objects.bulk_create(
        Report(
            title=f"Årsrapport {n}",
            year=1990,
            kind="annual_report",
            unavailable_note="Bare på papir.",
            locale=locale,
            live=True,
        )
        for n in range(25)
    )
    first = client.get("/rapporter/?kind=annual_report")
    assert len(titles(first)) == 20
    next_link = soup(first).select_one('.pagination a[rel="next"]')["href"]
    assert "kind=annual_report" in next_link and "page=2" in next_link
    second = client.get("/rapporter/" + next_link)
    assert len(titles(second)) == 7
    assert "Side 2 av 2" in second.content.decode()


def test_english_archive_filters_in_english(client):
    response = client.get("/en/reports/?kind=bogus")
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    response = client.get("/en/reports/?country=ZA")
    assert len(titles(response)) == 6
    assert "South Africa" in response.content.decode()


def test_reports_of_eu_seminars_in_brussels_are_not_about_belgium():
    brussels = Report.objects.filter(title__contains="Brussel")
    assert brussels.count() == 2 * 2  # both languages
    assert not brussels.exclude(country="").exists()


def test_the_archive_says_once_how_to_get_a_report_that_is_not_online(client):
    page = soup(client.get("/rapporter/"))
    notes = page.select(".report-archive__offline")
    assert len(notes) == 1
    assert notes[0].select_one('a[href="#kontakt"]') is not None
    assert page.select_one("#kontakt") is not None
    english = soup(client.get("/en/reports/")).select_one(".report-archive__offline")
    assert "are available from Krisesentersekretariatet" in english.get_text()


def test_no_such_word_when_every_report_listed_is_online(client):
    from tests.factories import ReportFactory

    ReportFactory(year=2020)
    page = soup(client.get("/rapporter/?year_from=2020"))
    assert len(page.select(".report-list__item")) == 1
    assert page.select_one(".report-archive__offline") is None


def test_each_report_links_to_its_partner_or_conference(client):
    page = soup(client.get("/rapporter/"))
    item = next(li for li in page.select(".report-list__item") if "rapport 2010" in li.get_text())
    assert item.select_one('.report-list__meta a[href="/partnere/sor-afrika/"]') is not None


def test_every_entry_says_its_country_once_and_no_period_contradicts_the_list(client):
    """The Jamaica and Pakistan reports belong to no partner: the entry names
    the country. A report of the South Africa partner names it once, by the
    partner's link."""
    archive = client.get("/rapporter/?country=JM").content.decode()
    entry = re.search(r'<li class="report-list__item".*?</li>', archive, re.S).group(0)
    assert "Jamaica" in re.search(r'report-list__meta">(.*?)</span>', entry, re.S).group(1)
    archive = client.get("/rapporter/?country=PK").content.decode()
    assert "Pakistan" in re.search(r'report-list__meta">(.*?)</span>', archive, re.S).group(1)
    south_africa = client.get("/rapporter/?country=ZA").content.decode()
    for meta in re.findall(r'report-list__meta">(.*?)</span>', south_africa, re.S):
        assert " ".join(meta.split()).count("Sør-Afrika") <= 1, meta
    # The list spans 2001–2026; no line says the page is about 2013–2014.
    full = client.get("/rapporter/").content.decode()
    assert "Teksten gjelder" not in full and 'page-header__dates"><span>' not in full
