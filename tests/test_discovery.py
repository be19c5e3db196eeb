"""What machines read: robots.txt, JSON-LD, Open Graph, iCalendar, Atom and
redirects — each parsed with a real parser."""

import datetime
import json
import xml.etree.ElementTree as ET

import pytest
from icalendar import Calendar
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page

from conferences.models import ConferenceIndexPage, ConferencePage
from tests.helpers import PUBLIC_PAGES, soup

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def json_ld(response):
    scripts = soup(response).select('script[type="application/ld+json"]')
    assert len(scripts) == 1
    document = json.loads(scripts[0].string)
    assert document["@context"] == "https://schema.org"
    return {item["@type"]: item for item in document["@graph"]}


def test_robots_txt_names_the_sitemap_and_keeps_search_out(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://localhost/sitemap.xml" in lines
    assert {"Disallow: /admin/", "Disallow: /sok/", "Disallow: /en/search/"} <= set(lines)
    assert client.get("/sitemap.xml").status_code == 200


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_every_page_has_breadcrumbs_open_graph_and_a_description(client, path):
    response = client.get(path)
    items = json_ld(response)
    crumbs = items["BreadcrumbList"]["itemListElement"]
    assert [c["position"] for c in crumbs] == list(range(1, len(crumbs) + 1))
    assert crumbs[-1]["item"] == "http://localhost" + path
    page = soup(response)
    assert crumbs[-1]["name"] == page.h1.get_text(strip=True)

    description = page.select_one('meta[name="description"]')["content"]
    assert len(description) > 20
    og = {m["property"]: m["content"] for m in page.select('meta[property^="og:"]')}
    assert og["og:title"] == page.h1.get_text(strip=True)
    assert og["og:description"] == description
    assert og["og:url"] == "http://localhost" + path
    assert og["og:locale"] == ("en_GB" if path.startswith("/en/") else "nb_NO")


def test_the_front_page_describes_kss_as_an_ngo_in_its_networks(client):
    for path in ("/", "/en/"):
        ngo = json_ld(client.get(path))["NGO"]
        assert ngo["name"] == "Krisesentersekretariatet"
        assert {org["alternateName"] for org in ngo["memberOf"]} == {"WAVE", "NKMV", "FNN"}


def test_partners_are_organisations(client):
    organisation = json_ld(client.get("/partnere/kypros/"))["Organization"]
    assert organisation["name"] == (
        "Association for the Prevention and Handling of Violence in the Family"
    )
    assert organisation["alternateName"] == "SPAVO"
    assert organisation["address"]["addressCountry"] == "CY"


def test_conferences_are_events(client):
    event = json_ld(client.get("/konferanser/nordisk-forum-2014/"))["Event"]
    assert event["name"] == "Nordisk Forum 2014"
    assert event["startDate"] == "2014"
    assert event["location"]["address"] == {
        "@type": "PostalAddress",
        "addressLocality": "Malmø",
        "addressCountry": "SE",
    }
    assert event["organizer"]["name"] == "Krisesentersekretariatet"
    assert event["maximumAttendeeCapacity"] == 30000
    english = json_ld(client.get("/en/conferences/nordic-forum-2014/"))["Event"]
    assert english["location"]["name"] == "Malmö, Sweden"


def test_json_ld_cannot_break_out_of_its_script(client):
    page = ConferencePage.objects.get(slug="nordisk-forum-2014")
    page.summary = "</script><script>alert(1)</script>"
    page.save_revision().publish()
    html = client.get("/konferanser/nordisk-forum-2014/").content.decode()
    assert "<script>alert(1)" not in html
    assert json_ld(client.get("/konferanser/nordisk-forum-2014/"))["Event"]["description"] == (
        "</script><script>alert(1)</script>"
    )


@pytest.fixture
def dated_conference():
    index = ConferenceIndexPage.objects.get(locale__language_code="nb")
    conference = ConferencePage(
        title="Verdenskonferansen 2027",
        slug="verdenskonferansen-2027",
        summary="Den femte verdenskonferansen for krisesentre.",
        start_date=datetime.date(2027, 4, 4),
        end_date=datetime.date(2027, 4, 7),
        city="Haag",
        country="NL",
    )
    index.add_child(instance=conference)
    conference.save_revision().publish()
    return conference


def test_a_dated_conference_is_an_event_with_its_days(client, dated_conference):
    event = json_ld(client.get("/konferanser/verdenskonferansen-2027/"))["Event"]
    assert (event["startDate"], event["endDate"]) == ("2027-04-04", "2027-04-07")
    assert event["location"]["address"]["addressCountry"] == "NL"


def test_every_dated_conference_of_a_grown_site_carries_its_days(client):
    """Conferences built the way staff build them, with dates: each page's
    JSON-LD has the dates its facts show."""
    from tests.factories import ConferencePageFactory

    index = ConferenceIndexPage.objects.get(locale__language_code="nb")
    for conference in ConferencePageFactory.create_batch(3, parent=index):
        event = json_ld(client.get(conference.url))["Event"]
        assert event["startDate"] == conference.start_date.isoformat()
        assert event["endDate"] == conference.end_date.isoformat()


def parse_calendar(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def test_a_dated_conference_has_its_own_calendar_file(client, dated_conference):
    calendar = parse_calendar(client.get("/konferanser/verdenskonferansen-2027/kalender.ics"))
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Verdenskonferansen 2027"
    assert event["UID"] == f"{dated_conference.translation_key}@krisesenter.com"
    # All-day: dates, not times, and the end is the day after the last day.
    assert event.decoded("DTSTART") == datetime.date(2027, 4, 4)
    assert event.decoded("DTEND") == datetime.date(2027, 4, 8)
    assert event["DTSTART"].params["VALUE"] == "DATE"
    assert str(event["LOCATION"]) == "Haag, Nederland"
    assert str(event["URL"]) == "http://localhost/konferanser/verdenskonferansen-2027/"

    page = soup(client.get("/konferanser/verdenskonferansen-2027/"))
    assert page.find("a", string="Legg til i kalenderen")["href"] == (
        "/konferanser/verdenskonferansen-2027/kalender.ics"
    )


def test_the_uid_is_stable_across_edits(client, dated_conference):
    before = parse_calendar(client.get("/konferanser/kalender.ics")).walk("VEVENT")[0]["UID"]
    dated_conference.title = "Verdenskonferansen for krisesentre 2027"
    dated_conference.save_revision().publish()
    after = parse_calendar(client.get("/konferanser/kalender.ics")).walk("VEVENT")[0]["UID"]
    assert before == after


def test_the_conference_calendar_lists_dated_conferences_only(client, dated_conference):
    calendar = parse_calendar(client.get("/konferanser/kalender.ics"))
    assert [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")] == ["Verdenskonferansen 2027"]
    assert str(calendar["X-WR-CALNAME"]) == "Konferanser – Krisesentersekretariatet"
    english = parse_calendar(client.get("/en/conferences/calendar.ics"))
    assert english.walk("VEVENT") == []
    page = soup(client.get("/konferanser/"))
    assert page.find("a", string="Abonner på konferansekalenderen")["href"] == (
        "/konferanser/kalender.ics"
    )


@pytest.mark.parametrize(
    "path",
    [
        "/konferanser/nordisk-forum-2014/kalender.ics",
        "/partnere/kalender.ics",
        "/finnes-ikke/kalender.ics",
    ],
)
def test_no_calendar_where_there_are_no_dates(client, path):
    assert client.get(path).status_code == 404


def parse_feed(response):
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)


def test_the_atom_feed_lists_new_reports_and_pages_per_language(client):
    feed = parse_feed(client.get("/feed.atom"))
    assert feed.tag == f"{ATOM}feed"
    entries = feed.findall(f"{ATOM}entry")
    assert 0 < len(entries) <= 30
    titles = [e.findtext(f"{ATOM}title") for e in entries]
    for entry in entries:
        assert entry.findtext(f"{ATOM}id").startswith("tag:krisesenter.com,2026:")
        assert entry.findtext(f"{ATOM}updated")
        assert entry.find(f"{ATOM}link").get("href").startswith("http")
    assert "Tilgjengelighet" in titles
    assert any(t.startswith("Rapport fra") or "rapport" in t for t in titles)

    english = parse_feed(client.get("/en/feed.atom"))
    english_titles = [e.findtext(f"{ATOM}title") for e in english.findall(f"{ATOM}entry")]
    assert "Accessibility" in english_titles
    assert "Tilgjengelighet" not in english_titles


def test_a_report_without_a_file_links_to_its_place_in_the_archive(client):
    feed = parse_feed(client.get("/feed.atom"))
    links = [e.find(f"{ATOM}link").get("href") for e in feed.findall(f"{ATOM}entry")]
    anchored = [link for link in links if "#report-" in link]
    assert anchored
    path, _, anchor = anchored[0].removeprefix("http://localhost").partition("#")
    assert soup(client.get(path)).find(id=anchor) is not None


@pytest.mark.parametrize("path", ["/", "/en/partners/"])
def test_every_page_links_its_languages_feed(client, path):
    link = soup(client.get(path)).select_one('link[type="application/atom+xml"]')
    assert link["href"] == ("/en/feed.atom" if path.startswith("/en/") else "/feed.atom")


def test_staff_can_redirect_an_old_address(client):
    page = Page.objects.get(url_path__endswith="/partnere/kypros/")
    Redirect.objects.create(old_path="/gamle-sider/kypros", redirect_page=page)
    response = client.get("/gamle-sider/kypros/")
    assert response.status_code == 301
    assert response["Location"] == "/partnere/kypros/"
