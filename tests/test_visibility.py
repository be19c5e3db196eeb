"""A page a visitor may not open appears nowhere for that visitor.

Wagtail decides who may open a page: a view restriction (login, group or
password) on the page or an ancestor, resolved through aliases. Every list,
link and feed of the site asks ``pages.visibility``, so a restricted page, a
page below one, an alias of one at any depth and a report attached only to
such pages are left out of menus, index pages, the report archive and each of
its filters, search, the Atom feed, the calendar, the sitemap, hreflang and
the language switcher, JSON-LD and related links, in both languages.

Each test has its positive control: the same place lists the page while it
is public.
"""

import datetime
import json
import xml.etree.ElementTree as ET

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Page, PageViewRestriction

from conferences.models import ConferenceIndexPage, ConferencePage
from pages.models import InternationalWorkPage, NetworkPage, StandardPage
from pages.visibility import is_visible, visible_pages, visible_reports
from partners.models import PartnerIndexPage, PartnerPage
from reports.models import Report
from tests.helpers import committed, soup, text_of

pytestmark = pytest.mark.django_db

KINDS = [PageViewRestriction.LOGIN, PageViewRestriction.GROUPS, PageViewRestriction.PASSWORD]
CYPRUS_REPORT = "Krisesentersekretariatet har inngått samarbeid om opprettelse av krisesenter"


def restrict(page, kind):
    with committed():
        restriction = PageViewRestriction.objects.create(
            page=page,
            restriction_type=kind,
            password="hemmelig-passord" if kind == PageViewRestriction.PASSWORD else "",
        )
        if kind == PageViewRestriction.GROUPS:
            restriction.groups.add(Group.objects.get_or_create(name="Styret")[0])
    return restriction


def nb(model, **filters):
    return model.objects.get(locale__language_code="nb", **filters)


def en(model, **filters):
    return model.objects.get(locale__language_code="en", **filters)


@pytest.fixture(params=KINDS)
def kind(request):
    return request.param


@pytest.fixture
def hide_cyprus(kind):
    """Cyprus made private in both languages; call to do it, so that a test
    can look at the public site first."""

    def hide():
        restrict(nb(PartnerPage, slug="kypros"), kind)
        restrict(en(PartnerPage, slug="cyprus"), kind)

    return hide


def atom_titles(client, path):
    feed = ET.fromstring(client.get(path).content)
    return [e.findtext("{http://www.w3.org/2005/Atom}title") for e in feed.iter()]


def sitemap(client):
    return client.get("/sitemap.xml").content.decode()


# --- The page itself, and aliases of it ---------------------------------------


def test_a_restricted_page_does_not_answer_the_visitor(client, hide_cyprus, kind):
    assert client.get("/partnere/kypros/").status_code == 200
    hide_cyprus()
    response = client.get("/partnere/kypros/")
    if kind == PageViewRestriction.PASSWORD:
        assert response.status_code == 200 and "SPAVO" not in response.content.decode()
        assert soup(response).select_one('input[name="password"]') is not None
    else:
        assert response.status_code == 302 and "/_util/login/" in response["Location"]


def test_an_alias_of_an_alias_of_a_restricted_page_stays_closed(client, hide_cyprus):
    source = nb(PartnerPage, slug="kypros")
    index = nb(PartnerIndexPage)
    first = source.create_alias(parent=index, update_slug="kypros-kopi")
    second = first.create_alias(parent=index, update_slug="kypros-kopi-av-kopi")
    assert client.get("/partnere/kypros-kopi-av-kopi/").status_code == 200
    assert "kypros-kopi-av-kopi" in sitemap(client)
    assert "/partnere/kypros-kopi/" in client.get("/sok/", {"q": "SPAVO"}).content.decode()

    hide_cyprus()
    assert "kypros-kopi" not in client.get("/sok/", {"q": "SPAVO"}).content.decode()
    for alias in (first, second):
        assert "SPAVO" not in client.get(alias.url).content.decode()
        assert not is_visible(alias)
    listing = text_of(client.get("/partnere/"))
    assert "Kypros" not in listing and "SPAVO" not in listing
    assert "kypros-kopi" not in sitemap(client)
    assert "Kypros" not in atom_titles(client, "/feed.atom")


def test_an_alias_of_a_page_in_a_private_section_stays_closed(client, kind):
    """Wagtail checks an alias against its source page's own restrictions but
    not those of the source's ancestors; the site adds that check."""
    conference = nb(ConferencePage, slug="nordisk-forum-2014")
    # Under a parent that is no translation of the restricted section, so
    # only the source's ancestry can close it.
    alias = conference.create_alias(
        parent=nb(StandardPage, slug="personvern"),
        update_slug="nordisk-forum-2014-alias",
    )
    assert client.get(alias.url).status_code == 200
    assert "nordisk-forum-2014-alias" in sitemap(client)

    restrict(nb(ConferenceIndexPage), kind)
    assert "Malmø" not in client.get(alias.url).content.decode()
    assert not is_visible(alias)
    assert "nordisk-forum-2014-alias" not in sitemap(client)


# --- Index pages, menus and cards ---------------------------------------------


def test_the_partner_lists_leave_a_private_partner_out(client, hide_cyprus):
    assert "Kypros" in text_of(client.get("/partnere/"))
    assert "Cyprus" in text_of(client.get("/en/partners/"))
    hide_cyprus()
    for path, name in (("/partnere/", "Kypros"), ("/en/partners/", "Cyprus")):
        listing = text_of(client.get(path))
        assert name not in listing and "SPAVO" not in listing, path
        assert "Estland" in listing or "Estonia" in listing


def test_a_page_below_a_restriction_is_left_out_too(client, kind):
    """In both languages, as the restriction follows the translation."""
    assert is_visible(nb(PartnerPage, slug="kypros"))
    assert "/en/partners/cyprus/" in sitemap(client)
    assert "Kypros" in atom_titles(client, "/feed.atom")
    restrict(nb(PartnerIndexPage), kind)
    for page in (nb(PartnerPage, slug="kypros"), en(PartnerPage, slug="cyprus")):
        assert not is_visible(page), page
    assert "/partnere/kypros/" not in sitemap(client)
    assert "/en/partners/cyprus/" not in sitemap(client)
    assert "Kypros" not in atom_titles(client, "/feed.atom")
    assert "Cyprus" not in atom_titles(client, "/en/feed.atom")
    assert is_visible(nb(ConferenceIndexPage))


def test_the_menu_and_the_front_page_cards_leave_a_private_section_out(client, kind):
    def english_cards():
        return [a["href"] for a in soup(client.get("/en/")).select("main .cards a")]

    assert "Konferanser" in [a.get_text(strip=True) for a in soup(client.get("/")).select("nav a")]
    assert "/en/conferences/" in english_cards()
    restrict(nb(ConferenceIndexPage), kind)
    for path in ("/", "/partnere/", "/personvern/"):
        page = soup(client.get(path))
        assert "Konferanser" not in [a.get_text(strip=True) for a in page.select("nav a")], path
        assert "/konferanser/" not in str(page.select_one("header")), path
    cards = soup(client.get("/")).select("main .cards a")
    assert "/konferanser/" not in [a["href"] for a in cards]
    assert "/en/conferences/" not in english_cards()
    assert "/en/partners/" in english_cards()


def test_the_conference_lists_and_calendar_leave_a_private_conference_out(client, kind):
    index = nb(ConferenceIndexPage)
    conference = ConferencePage(
        title="Lukket møte 2027",
        slug="lukket-mote-2027",
        summary="Et møte for styret.",
        start_date=datetime.date(2027, 3, 1),
        city="Tallinn",
        country="EE",
    )
    index.add_child(instance=conference)
    conference.save_revision().publish()

    def archive_filter():
        response = client.get(f"/rapporter/?conference={conference.pk}")
        return response.status_code, "Lukket møte 2027" in response.content.decode()

    assert "Lukket møte 2027" in text_of(client.get("/konferanser/"))
    assert "Lukket møte 2027" in client.get("/konferanser/kalender.ics").content.decode()
    assert archive_filter() == (200, True)

    restrict(conference, kind)
    assert archive_filter() == (400, False)
    assert "Lukket møte 2027" not in text_of(client.get("/konferanser/"))
    assert "Lukket møte 2027" not in client.get("/konferanser/kalender.ics").content.decode()
    assert (
        "Lukket møte 2027"
        not in client.get("/konferanser/lukket-mote-2027/kalender.ics").content.decode()
    )


# --- The report archive and every filter ---------------------------------------


def archive_titles(client, path):
    return [t.get_text(strip=True) for t in soup(client.get(path)).select(".report-list__title")]


def test_the_archive_and_its_filters_leave_a_private_partner_and_its_reports_out(
    client, hide_cyprus
):
    kypros = nb(PartnerPage, slug="kypros")
    before = soup(client.get("/rapporter/"))
    filtered = client.get(f"/rapporter/?partner={kypros.pk}")
    assert filtered.status_code == 200
    assert soup(filtered).select_one(".filters__chosen strong").get_text() == "Kypros"
    assert "CY" in [o["value"] for o in before.select("#id_country option")]
    assert any(CYPRUS_REPORT in t for t in archive_titles(client, "/rapporter/"))

    hide_cyprus()
    after = soup(client.get("/rapporter/"))
    assert "Kypros" not in after.get_text()
    # The only report about Cyprus belongs to the private partner.
    assert "CY" not in [o["value"] for o in after.select("#id_country option")]
    assert not any(CYPRUS_REPORT in t for t in archive_titles(client, "/rapporter/"))
    refused = client.get(f"/rapporter/?partner={kypros.pk}")
    assert refused.status_code == 400 and "Kypros" not in refused.content.decode()
    cyprus = en(PartnerPage, slug="cyprus")
    assert client.get(f"/en/reports/?partner={cyprus.pk}").status_code == 400


def test_a_report_attached_to_a_private_page_is_not_visible(hide_cyprus):
    report = Report.objects.get(title__startswith=CYPRUS_REPORT, locale__language_code="nb")
    assert report in visible_reports(Report.objects.all())
    hide_cyprus()
    assert report not in visible_reports(Report.objects.all())
    unattached = Report.objects.filter(related_page=None, locale__language_code="nb").first()
    assert unattached in visible_reports(Report.objects.all())


# --- Search and the Atom feed ------------------------------------------------


def search_titles(client, path, query):
    page = soup(client.get(path, {"q": query}))
    return [t.get_text(strip=True) for t in page.select(".search-results__title")]


def test_search_finds_neither_a_private_page_nor_its_reports(client, hide_cyprus):
    assert "Kypros" in search_titles(client, "/sok/", "Kypros")
    assert any(CYPRUS_REPORT in t for t in search_titles(client, "/sok/", "Kypros"))
    assert "Cyprus" in search_titles(client, "/en/search/", "Cyprus")
    hide_cyprus()
    assert search_titles(client, "/sok/", "SPAVO") == []
    found = search_titles(client, "/sok/", "Kypros")
    assert "Kypros" not in found and not any(CYPRUS_REPORT in t for t in found)
    assert "Cyprus" not in search_titles(client, "/en/search/", "Cyprus")


def test_the_feed_leaves_a_private_page_and_its_reports_out(client, hide_cyprus):
    page = nb(PartnerPage, slug="kypros")
    page.save_revision().publish()  # the newest entry of the feed
    assert "Kypros" in atom_titles(client, "/feed.atom")
    report = Report.objects.get(title__startswith=CYPRUS_REPORT, locale__language_code="nb")
    with committed():
        report.save_revision().publish()
    assert report.title in atom_titles(client, "/feed.atom")
    hide_cyprus()
    titles = atom_titles(client, "/feed.atom")
    assert "Kypros" not in titles and report.title not in titles
    assert "Cyprus" not in atom_titles(client, "/en/feed.atom")


# --- Sitemap, hreflang and the language switcher -----------------------------


def test_the_sitemap_leaves_a_private_page_out(client, hide_cyprus):
    assert "/partnere/kypros/" in sitemap(client)
    hide_cyprus()
    assert "/partnere/kypros/" not in sitemap(client)
    assert "/en/partners/cyprus/" not in sitemap(client)


def languages(client, path):
    page = soup(client.get(path))
    hreflang = [link["href"] for link in page.select('head link[rel="alternate"][hreflang]')]
    switcher = [a["href"] for a in page.select(".language-switcher a")]
    return hreflang, switcher


def test_a_public_page_does_not_link_a_translation_no_one_may_open(client):
    """A translation withdrawn is left out of hreflang and the switcher. (A
    restricted one cannot be: its restriction reaches the page too, below.)"""
    hreflang, switcher = languages(client, "/partnere/kypros/")
    assert "http://localhost/en/partners/cyprus/" in hreflang and "/en/partners/cyprus/" in switcher
    with committed():
        en(PartnerPage, slug="cyprus").unpublish()
    hreflang, switcher = languages(client, "/partnere/kypros/")
    assert not any("cyprus" in href for href in hreflang + switcher)
    # The switcher leads to the other language's front page instead.
    assert switcher == ["/en/"]


@pytest.mark.parametrize("restricted,other", [("nb", "en"), ("en", "nb")])
def test_a_restriction_reaches_the_translations_and_so_does_lifting_it(
    admin_client, client, restricted, other
):
    """Restricting a page in the admin, in either language, restricts its
    translation the same way: neither is public or listed. Lifting it lifts both."""
    pages = {"nb": nb(PartnerPage, slug="kypros"), "en": en(PartnerPage, slug="cyprus")}
    lists = {"nb": "/partnere/", "en": "/en/partners/"}
    group = Group.objects.get_or_create(name="Styret")[0]
    privacy = f"/admin/pages/{pages[restricted].pk}/privacy/"
    with committed():
        response = admin_client.post(privacy, {"restriction_type": "groups", "groups": [group.pk]})
    assert response.status_code == 200
    for language, page in pages.items():
        (restriction,) = PageViewRestriction.objects.filter(page=page)
        assert restriction.restriction_type == "groups", language
        assert list(restriction.groups.all()) == [group], language
        assert client.get(page.url).status_code in (302, 403), language
        assert page.title not in text_of(client.get(lists[language])), language
    with committed():
        admin_client.post(privacy, {"restriction_type": "none"})
    for language, page in pages.items():
        assert not PageViewRestriction.objects.filter(page=page).exists(), language
        assert client.get(page.url).status_code == 200, language
        assert page.title in text_of(client.get(lists[language])), language


# --- JSON-LD and related links --------------------------------------------------


def json_ld(client, path):
    script = soup(client.get(path)).select_one('script[type="application/ld+json"]')
    return json.loads(script.string)["@graph"]


def test_json_ld_leaves_out_the_networks_of_a_private_network_page(client, kind):
    (ngo,) = [item for item in json_ld(client, "/") if item["@type"] == "NGO"]
    assert {m["alternateName"] for m in ngo["memberOf"]} == {"WAVE", "NKMV", "FNN"}
    restrict(nb(NetworkPage), kind)
    (ngo,) = [item for item in json_ld(client, "/") if item["@type"] == "NGO"]
    assert ngo["memberOf"] == []
    assert "/nettverk/" not in json.dumps(json_ld(client, "/"))


def test_a_report_list_and_a_call_to_action_leave_a_private_page_out(client, hide_cyprus):
    report = Report.objects.get(title__startswith=CYPRUS_REPORT, locale__language_code="nb")
    kypros = nb(PartnerPage, slug="kypros")
    home = nb(InternationalWorkPage)
    page = StandardPage(
        title="Nyheter",
        slug="nyheter",
        summary="Siste nytt.",
        body=[
            {"type": "reports", "value": {"heading": "Les mer", "reports": [report.pk]}},
            {
                "type": "call_to_action",
                "value": {"text": "Møt partneren.", "label": "Til Kypros", "page": kypros.pk},
            },
            {
                "type": "paragraph",
                "value": f'<p>Se <a linktype="page" id="{kypros.pk}">partneren</a>.</p>',
            },
        ],
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    html = client.get("/nyheter/").content.decode()
    assert CYPRUS_REPORT in html and html.count('href="/partnere/kypros/"') == 2

    hide_cyprus()
    html = client.get("/nyheter/").content.decode()
    assert CYPRUS_REPORT not in html
    assert "/partnere/kypros/" not in html and "Til Kypros" not in html
    assert "partneren" in html  # the words of a link stay; the address goes


def test_a_private_statement_page_leaves_the_footer(client, kind):
    footer = soup(client.get("/partnere/")).select_one("footer")
    assert footer.find("a", href="/personvern/") is not None
    assert soup(client.get("/en/partners/")).select_one("footer").find("a", href="/en/privacy/")
    restrict(nb(StandardPage, slug="personvern"), kind)
    footer = soup(client.get("/partnere/")).select_one("footer")
    assert footer.find("a", href="/personvern/") is None
    footer = soup(client.get("/en/partners/")).select_one("footer")
    assert footer.find("a", href="/en/privacy/") is None
    assert footer.find("a") is not None


def test_a_private_partner_page_does_not_link_the_archive_filter_it_cannot_use(client):
    page = soup(client.get("/partnere/sor-afrika/"))
    assert page.find("a", string="Disse rapportene i rapportarkivet") is not None
    restrict(nb(PartnerPage, slug="sor-afrika"), PageViewRestriction.LOGIN)
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.create_user("leser", password="x" * 20))
    page = soup(client.get("/partnere/sor-afrika/"))
    assert page.h1.get_text(strip=True) == "Sør-Afrika"
    assert page.find("a", string="Disse rapportene i rapportarkivet") is None


# --- The helper itself --------------------------------------------------------


def test_the_helper_builds_on_wagtails_public_and_live(kind):
    kypros = nb(PartnerPage, slug="kypros")
    assert is_visible(kypros)
    restrict(kypros, kind)
    assert not is_visible(kypros)
    assert set(visible_pages(Page.objects.all())) <= set(Page.objects.live().public())
    estonia = nb(PartnerPage, slug="estland")
    estonia.unpublish()
    assert not is_visible(estonia)
