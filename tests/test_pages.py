"""Each page type shows its facts the way a visitor reads them."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.models import Page, Site

from conferences.models import ConferenceIndexPage, ConferencePage
from pages.models import SiteSettings
from partners.models import PartnerPage
from reports.models import Report
from tests.helpers import soup, text_of

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path,facts",
    [
        (
            "/",
            [
                "solidaritetsarbeid",
                "Besøk fra andre land",
                "ofre for menneskehandel",
                "Tidligere internasjonalt engasjement",
            ],
        ),
        (
            "/nettverk/",
            [
                "Women Against Violence, Europe",
                "Nordiske Kvinner Mot Vold (NKMV)",
                "Feministisk Nettverk Norden (FNN)",
                "rundt 30 000 deltagere",
                "Litauen",
                "Utenriksdepartementet",
                "i 15 år partnere",
                "FOKUS",
            ],
        ),
        (
            "/partnere/sor-afrika/",
            [
                "Masimanyane Women’s Support Centre",
                "Sør-Afrika",
                "16 år",
                "FOKUS",
                "Lesley Ann Foster, leder ved Masimanyane",
                "CSW i New York",
                "likestillingsminister",
            ],
        ),
        (
            "/partnere/kypros/",
            [
                "Association for the Prevention and Handling of Violence in the Family (SPAVO)",
                "Kypros",
                "EØS-midlene",
                "27 programmer",
                "20 millioner euro",
                "Høsten 2013",
                "dokumentasjon fra politiet",
            ],
        ),
        (
            "/partnere/estland/",
            [
                "Estonian Women’s Shelters Union (EWSU)",
                "Estland",
                "EØS-midlene",
                "Tallinn",
                "Tove Smaadahl",
                "ROSA ved Mildrid Mikkelsen",
            ],
        ),
        (
            "/konferanser/nordisk-forum-2014/",
            ["2014", "Malmø, Sverige", "30 000", "styringsgruppen", "Feministisk Nettverk Norden"],
        ),
    ],
)
def test_page_shows_the_seed_facts(client, path, facts):
    text = text_of(client.get(path))
    for fact in facts:
        assert fact.lower() in text.lower(), fact


def test_partner_index_shows_each_partners_key_facts(client):
    cards = soup(client.get("/partnere/")).select(".card")
    by_title = {
        card.h2.get_text(strip=True): " ".join(card.get_text(" ").split()) for card in cards
    }
    assert set(by_title) == {"Sør-Afrika", "Kypros", "Estland"}
    assert "Masimanyane Women’s Support Centre" in by_title["Sør-Afrika"]
    assert "FOKUS" in by_title["Sør-Afrika"]
    assert "SPAVO" in by_title["Kypros"]
    assert "EØS-midlene" in by_title["Estland"]


def test_partner_years_are_shown_when_known(client):
    partner = Page.objects.get(url_path__endswith="/partnere/estland/").specific
    partner.start_year, partner.end_year = 2012, None
    partner.save_revision().publish()
    assert "siden 2012" in text_of(client.get("/partnere/")).lower()


def test_conference_index_separates_upcoming_and_past(client):
    index = ConferenceIndexPage.objects.get(locale__language_code="nb")
    next_year = datetime.date.today().year + 1
    upcoming = ConferencePage(
        title="Nordisk konferanse neste år",
        slug="nordisk-konferanse-neste-ar",
        start_date=datetime.date(next_year, 4, 4),
        end_date=datetime.date(next_year, 4, 18),
        city="Oslo",
        country="NO",
    )
    index.add_child(instance=upcoming)
    upcoming.save_revision().publish()

    page = soup(client.get("/konferanser/"))
    upcoming_section, past_section, undated_section = page.select("main section")[:3]
    assert "Nordisk konferanse neste år" in upcoming_section.get_text()
    assert f"4.–18. april {next_year}" in upcoming_section.get_text()
    past_text = past_section.get_text()
    assert "Nordisk Forum 2014" in past_text
    assert "neste år" not in past_text
    # Neither a date nor a year: not "past", but "without a date".
    assert "Verdenskonferansen for krisesentrene" not in past_text
    assert undated_section.h2.get_text() == "Konferanser uten dato"
    assert "Verdenskonferansen for krisesentrene" in undated_section.get_text()
    assert "Uten dato" in undated_section.get_text()


def test_a_report_without_a_file_is_listed_without_a_link(client):
    page = soup(client.get("/rapporter/"))
    title = "Rapport fra Regional konferanse om vold mot kvinner i Pakistan 05"
    item = next(li for li in page.select(".report-list__item") if title in li.get_text())
    assert item.find("a") is None
    assert "2005" in item.get_text()
    assert "Konferanserapport" in item.get_text()


def test_a_report_with_a_pdf_links_to_it_with_format_and_size(client):
    document = Document(title="Årsrapport")
    document.file.save("arsrapport.pdf", ContentFile(b"%PDF-1.4\n" + b"0" * 2048), save=True)
    report = Report.objects.get(title__contains="årsrapport 2002", locale__language_code="nb")
    report.document = document
    report.save()

    page = soup(client.get("/partnere/sor-afrika/"))
    link = page.find("a", string=lambda s: s and "årsrapport 2002" in s)
    assert link is not None
    assert link["href"] == document.url
    meta = link.find_parent("li").select_one(".report-list__meta").get_text()
    assert "PDF" in meta and "KB" in meta


def test_a_report_with_an_external_address_links_there_without_referrer(client):
    report = Report.objects.get(title__contains="rapport 2010", locale__language_code="nb")
    report.external_url = "https://example.org/rapport-2010.pdf"
    report.save()
    link = soup(client.get("/partnere/sor-afrika/")).find(
        "a", href="https://example.org/rapport-2010.pdf"
    )
    assert link is not None and "noreferrer" in link["rel"]


def test_an_unpublished_report_is_not_listed(client):
    report = Report.objects.get(title__contains="rapport 2010", locale__language_code="nb")
    report.unpublish()
    assert "rapport 2010" not in text_of(client.get("/partnere/sor-afrika/"))
    assert "rapport 2010" not in text_of(client.get("/rapporter/"))


def test_a_report_in_another_language_is_marked(client):
    page = soup(client.get("/"))
    title = page.select_one('.report-list__title[lang="en"]')
    assert title is not None
    assert "International Tribunal" in title.get_text()


def test_navigation_marks_the_current_section(client):
    page = soup(client.get("/partnere/kypros/"))
    current = page.select(".main-nav a.is-current")
    assert [a.get_text(strip=True) for a in current] == ["Partnere"]
    crumbs = [a.get_text(strip=True) for a in page.select(".breadcrumb a")]
    assert crumbs == ["Internasjonalt arbeid", "Partnere"]


def test_help_lines_come_from_site_settings(client):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.helpline_number = "116 123"
    settings.save()
    page = soup(client.get("/nettverk/"))
    assert page.find("a", href="tel:116123") is not None
    assert page.find("a", href="tel:112") is not None


def test_unknown_addresses_get_the_sites_404_page(client):
    response = client.get("/finnes-ikke/")
    assert response.status_code == 404
    page = BeautifulSoup(response.content, "html.parser")
    assert page.h1.get_text(strip=True) == "Fant ikke siden"
    assert page.select_one(".quick-exit__button") is not None


@pytest.mark.parametrize(
    "path,links",
    [
        (
            "/nettverk/",
            {
                "NKMV": "/konferanser/nordiske-kvinner-mot-vold-2015/",
                "FNN": "/konferanser/nordisk-forum-2014/",
                "Sør-Afrika": "/partnere/sor-afrika/",
            },
        ),
        (
            "/en/network/",
            {
                "NKMV": "/en/conferences/nordic-women-against-violence-2015/",
                "FNN": "/en/conferences/nordic-forum-2014/",
                "South Africa": "/en/partners/south-africa/",
            },
        ),
    ],
)
def test_the_network_cards_link_to_their_pages_on_this_site(client, path, links):
    cards = soup(client.get(path)).select(".card")
    for words, href in links.items():
        (card,) = [c for c in cards if words in c.h3.get_text()]
        assert card.select_one(f'a[href="{href}"]') is not None, words


def test_a_card_does_not_link_a_page_no_longer_published(client):
    PartnerPage.objects.get(slug="sor-afrika").unpublish()
    cards = soup(client.get("/nettverk/")).select(".card")
    (card,) = [c for c in cards if "Sør-Afrika" in c.h3.get_text()]
    assert card.select_one('a[href="/partnere/sor-afrika/"]') is None
