"""Where in the world and when (pages/world/): the front page's map and
timeline hold exactly what the published content says, follow a publication
at once, never show restricted or unpublished content, and the map is valid,
light SVG drawn from the committed outlines."""

import gzip
import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.db.models import Q
from django.templatetags.static import static
from django.utils import translation
from django_countries import countries
from wagtail.models import Locale, PageViewRestriction

from conferences.models import ConferencePage
from pages.models import NetworkMembership, NetworkPage
from pages.world.svg import LAND, LAND_FILE, land_svg, world_box
from partners.models import PartnerIndexPage, PartnerPage
from reports.models import Report
from tests.conftest import ROOT, require
from tests.helpers import committed, soup

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"
FRONT = {"nb": "/", "en": "/en/"}


def published_countries(language_code):
    """The countries of the published, public content, asked of Wagtail
    directly (not through pages/world/)."""
    locale = Locale.objects.get(language_code=language_code)
    public = dict(locale=locale)
    codes = set()
    for model in (PartnerPage, ConferencePage):
        codes |= set(
            model.objects.live().public().filter(**public).values_list("country", flat=True)
        )
    codes |= set(
        NetworkMembership.objects.filter(
            page__in=NetworkPage.objects.live().public().filter(**public)
        ).values_list("country", flat=True)
    )
    open_owner = (
        Q(related_page=None)
        | Q(related_page__in=PartnerPage.objects.live().public())
        | Q(related_page__in=ConferencePage.objects.live().public())
    )
    codes |= set(
        Report.objects.filter(open_owner, live=True, locale=locale).values_list(
            "country", flat=True
        )
    )
    return codes - {""}


def listed(client, language_code):
    """The countries the front page lists beside its map, as codes."""
    page = soup(client.get(FRONT[language_code]))
    with translation.override(language_code):
        by_name = {str(name): code for code, name in countries}
    return [by_name[a.get_text(strip=True)] for a in page.select(".world__list li > a")]


@pytest.mark.parametrize("language_code", ["nb", "en"])
def test_the_map_shows_the_countries_of_the_published_content(client, language_code):
    shown = listed(client, language_code)
    assert set(shown) == published_countries(language_code)
    # The seed's places: partners, Nordic Forum, Lithuania's shelter, the reports.
    assert {"ZA", "CY", "EE", "SE", "LT", "JM", "PK"} <= set(shown)
    assert len(shown) == len(set(shown))


def test_each_country_leads_to_what_the_site_has_about_it(client):
    links = {
        a.get_text(strip=True): a["href"]
        for a in soup(client.get("/")).select(".world__list li > a")
    }
    assert links["Sør-Afrika"] == "/partnere/sor-afrika/"  # the partner before its reports
    assert links["Sverige"] == "/konferanser/nordisk-forum-2014/"
    assert links["Jamaica"] == "/rapporter/?country=JM"
    assert re.fullmatch(r"/nettverk/#engagement-\d+", links["Litauen"])
    # Each address answers, and the engagement's card is there.
    for href in links.values():
        assert client.get(href).status_code == 200
    network = soup(client.get("/nettverk/"))
    assert network.select_one(links["Litauen"].partition("/nettverk/")[2]) is not None


def svg_of(client, path):
    page = client.get(path).content.decode()
    found = re.search(r"<svg class=\"world-map\".*?</svg>", page, re.S)
    assert found, "no map"
    return found.group(0), page


@pytest.mark.parametrize("path", FRONT.values())
def test_the_map_is_valid_svg_that_matches_its_list(client, path):
    markup, page = svg_of(client, path)
    svg = ET.fromstring(markup)  # well-formed XML, in the SVG namespace
    assert svg.tag == f"{SVG}svg"
    assert svg.get("aria-hidden") == "true"  # the list is what it says
    x, y, width, height = (int(n) for n in svg.get("viewBox").split())
    assert width > 0 and height > 0
    number, gap = r"-?\d+", r"(?: |(?=-))"
    ring = rf"M{number}{gap}{number}l{number}(?:{gap}{number})*z"
    for path_element in svg.iter(f"{SVG}path"):
        assert re.fullmatch(rf"(?:{ring})+", path_element.get("d")), path_element.get("d")[:80]
    # Every link in it is out of the keyboard's way; the list has them.
    links = list(svg.iter(f"{SVG}a"))
    assert links and all(a.get("tabindex") == "-1" for a in links)
    markers = [a for a in links if a.get("class") == "world-map__marker"]
    numbers = [int(a.find(f"{SVG}text").text) for a in markers]
    listed_links = [a["href"] for a in soup(client.get(path)).select(".world__list li > a")]
    assert numbers == list(range(1, len(listed_links) + 1))
    assert [a.get("href") for a in markers] == listed_links
    # Marked countries are hatched: they read without colour.
    assert svg.find(f"{SVG}defs/{SVG}pattern") is not None
    assert all(
        p.get("class") == "world-map__marked"
        for a in links
        if a not in markers
        for p in a.iter(f"{SVG}path")
    )


def test_the_map_and_timeline_add_at_most_25_kb_compressed(client):
    page = client.get("/").content.decode()
    parts = re.findall(r'<section class="(?:world|timeline)".*?</section>', page, re.S)
    assert len(parts) == 2
    added = len(gzip.compress("".join(parts).encode(), compresslevel=6))
    assert added <= 25 * 1024, added


@pytest.mark.parametrize("language_code", ["nb", "en"])
def test_the_timeline_is_the_content_s_years_in_order(client, language_code):
    page = soup(client.get(FRONT[language_code]))
    years = [int(h.get_text()) for h in page.select(".timeline__when")]
    assert years == sorted(years) and len(years) == len(set(years))
    locale = Locale.objects.get(language_code=language_code)
    report_years = set(
        Report.objects.filter(live=True, locale=locale)
        .exclude(year=None)
        .values_list("year", flat=True)
    )
    assert report_years <= set(years)
    assert 2014 in years  # Nordic Forum in Malmö
    entries = page.select(".timeline__events li")
    assert len(entries) >= len(report_years)
    assert all(li.select_one("a[href]") for li in entries)


def new_partner(slug, country, start_year, **extra):
    parent = PartnerIndexPage.objects.get(locale__language_code="nb")
    partner = PartnerPage(
        title=f"Partner {slug}",
        slug=slug,
        country=country,
        organisation_name=f"Organisasjon {slug}",
        start_year=start_year,
        end_year=start_year + 3,
        live=False,
        **extra,
    )
    parent.add_child(instance=partner)
    return partner


def test_a_published_partner_appears_at_once_and_a_restricted_one_never(client):
    assert "KE" not in listed(client, "nb")  # stored in the page cache now
    kenya = new_partner("kenya", "KE", 2019)
    with committed():
        kenya.save_revision().publish()
    assert "KE" in listed(client, "nb")
    timeline = soup(client.get("/")).select_one(".timeline").get_text(" ", strip=True)
    assert "Organisasjon kenya (2019–2022) · Kenya" in timeline

    # Published behind a login: on neither the map nor the timeline.
    uganda = new_partner("uganda", "UG", 2016)
    with committed():
        PageViewRestriction.objects.create(page=uganda, restriction_type=PageViewRestriction.LOGIN)
        uganda.save_revision().publish()
    # A draft: nowhere either.
    new_partner("malawi", "MW", 2017)
    page = soup(client.get("/"))
    assert "UG" not in listed(client, "nb") and "MW" not in listed(client, "nb")
    text = page.get_text(" ", strip=True)
    assert "Organisasjon uganda" not in text and "Organisasjon malawi" not in text
    # The positive control is still there.
    assert "KE" in listed(client, "nb")

    # Withdrawn: gone at once.
    kenya.refresh_from_db()
    with committed():
        kenya.unpublish()
    assert "KE" not in listed(client, "nb")


def test_a_report_with_a_new_country_is_on_the_map_at_once(client):
    assert "GH" not in listed(client, "nb")
    # One that the front page's body does not list (it would be forgotten
    # for that reason alone).
    report = Report.objects.filter(
        locale__language_code="nb", related_page__slug="sor-afrika"
    ).first()
    report.country = "GH"
    with committed():
        report.save_revision().publish()
    assert "GH" in listed(client, "nb")
    links = {
        a.get_text(strip=True): a["href"] for a in soup(client.get("/")).select(".world__list a")
    }
    assert links["Ghana"] == "/rapporter/?country=GH"


def test_the_committed_outlines_are_what_the_script_makes_from_the_pinned_package():
    import importlib.util

    source = ROOT / "node_modules" / "world-atlas" / "countries-110m.json"
    require(source, "world-atlas (npm ci)")
    pinned = json.loads((ROOT / "package.json").read_text())["devDependencies"]["world-atlas"]
    assert json.loads(source.with_name("package.json").read_text())["version"] == pinned
    spec = importlib.util.spec_from_file_location(
        "world_outlines", ROOT / "scripts/world_outlines.py"
    )
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    committed_file = json.loads((ROOT / "pages" / "world" / "outlines.json").read_text())
    assert committed_file["countries"] == script.outlines()


def test_the_land_is_one_static_file_drawn_from_the_committed_outlines(client):
    """Kept a year by browsers (hashed): the page carries only the marked countries."""
    assert LAND_FILE.read_text() == land_svg(), "make outlines"
    land = ET.fromstring(LAND_FILE.read_text())
    assert land.get("viewBox") == " ".join(map(str, world_box()))
    for path in FRONT.values():
        markup, _page = svg_of(client, path)
        image = ET.fromstring(markup).find(f"{SVG}image")
        assert image.get("href") == static(LAND)
        placed = [int(image.get(name)) for name in ("x", "y", "width", "height")]
        assert placed == list(world_box())


def test_a_year_with_many_of_a_kind_says_how_many_and_leads_to_them(client):
    from tests.factories import ReportFactory

    # Three reports of one year are named; a fourth turns them into a number.
    reports = ReportFactory.create_batch(3, year=1999, country="", document=None)
    for report in reports:
        report.unavailable_note = "Finnes bare på papir."
        report.save()
    with committed():
        reports[0].save_revision().publish()
    year = soup(client.get("/")).select_one(".timeline__year")
    assert year.select_one(".timeline__when").get_text() == "1999"
    assert len(year.select(".timeline__events li")) == 3
    fourth = ReportFactory(year=1999, country="", document=None, unavailable_note="På papir.")
    with committed():
        fourth.save_revision().publish()
    year = soup(client.get("/")).select_one(".timeline__year")
    (entry,) = year.select(".timeline__events li")
    assert entry.get_text(strip=True) == "4 rapporter"
    archive = soup(client.get(entry.a["href"]))
    assert entry.a["href"] == "/rapporter/?year_from=1999&year_to=1999"
    assert len(archive.select("[id^=report-]")) == 4


def test_years_beyond_the_latest_ten_share_one_row_that_leads_to_them(client):
    """However many years the content spans, the timeline has eleven rows at
    most: the earlier years say how many of each kind, and lead to them."""
    from tests.factories import ReportFactory

    reports = [
        ReportFactory(year=year, country="", document=None, unavailable_note="På papir.")
        for year in range(1970, 1975)
    ]
    with committed():
        for report in reports:
            report.save_revision().publish()
    rows = soup(client.get("/")).select(".timeline__year")
    years = [row.select_one(".timeline__when").get_text() for row in rows]
    assert len(rows) == 11 and years[0].startswith("1970–"), years
    assert all(year.isdigit() for year in years[1:])
    last_earlier = int(years[0].split("–")[1])
    assert last_earlier < int(years[1])
    earlier_reports = Report.objects.filter(
        live=True, locale__language_code="nb", year__gte=1970, year__lte=last_earlier
    ).count()
    entry = next(li for li in rows[0].select("li") if "rapport" in li.get_text())
    assert entry.get_text(strip=True) == f"{earlier_reports} rapporter"
    assert entry.a["href"] == f"/rapporter/?year_from=1970&year_to={last_earlier}"
    archive = soup(client.get(entry.a["href"]))
    assert len(archive.select("[id^=report-]")) == min(earlier_reports, 20)
