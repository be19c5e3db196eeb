"""Both languages: every page translated at its English slug, and the language
switcher, hreflang, <html lang> and the sitemap agree."""

import xml.etree.ElementTree as ET

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail.users.models import UserProfile

from pages.models import InternationalWorkPage, StandardPage
from reports.models import Report
from tests.helpers import ENGLISH_OF, NORWEGIAN_TREE, soup, text_of

pytestmark = pytest.mark.django_db

SITE = "http://localhost"


def test_the_mapping_of_the_tests_is_the_seeded_tree():
    """NORWEGIAN_TREE and ENGLISH_OF (tests/helpers.py) describe the live site:
    every live Norwegian page, and the address of its English translation."""
    home = InternationalWorkPage.objects.get(locale__language_code="nb")
    english = Locale.objects.get(language_code="en")
    pages = home.get_descendants(inclusive=True).live()
    assert {page.url for page in pages} == set(NORWEGIAN_TREE)
    for page in pages:
        assert page.get_translation(english).url == ENGLISH_OF[page.url]


@pytest.mark.parametrize("nb_path,en_path", ENGLISH_OF.items())
def test_each_page_and_its_translation_agree(client, nb_path, en_path):
    nb, en = soup(client.get(nb_path)), soup(client.get(en_path))

    assert nb.html["lang"] == "nb"
    assert en.html["lang"] == "en"

    expected = {"nb": SITE + nb_path, "en": SITE + en_path, "x-default": SITE + nb_path}
    for page in (nb, en):
        links = page.select('head link[rel="alternate"][hreflang]')
        assert {link["hreflang"]: link["href"] for link in links} == expected

    switch_to_en = nb.select_one(".language-switcher a")
    assert (switch_to_en["href"], switch_to_en["hreflang"], switch_to_en.get_text()) == (
        en_path,
        "en",
        "English",
    )
    switch_to_nb = en.select_one(".language-switcher a")
    assert (switch_to_nb["href"], switch_to_nb["hreflang"]) == (nb_path, "nb")


def test_the_sitemap_lists_both_trees_with_the_same_alternates(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.fromstring(response.content)
    entries = {
        url.findtext("s:loc", namespaces=ns): {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", namespaces=ns)
        }
        for url in root.findall("s:url", ns)
    }
    expected_locations = {SITE + p for p in ENGLISH_OF} | {SITE + p for p in ENGLISH_OF.values()}
    assert set(entries) == expected_locations
    for nb_path, en_path in ENGLISH_OF.items():
        alternates = {"nb": SITE + nb_path, "en": SITE + en_path, "x-default": SITE + nb_path}
        assert entries[SITE + nb_path] == alternates
        assert entries[SITE + en_path] == alternates


def test_a_page_without_translation_switches_to_the_other_front_page(client):
    home = InternationalWorkPage.objects.get(locale__language_code="nb")
    lonely = StandardPage(title="Bare på norsk", slug="bare-pa-norsk")
    home.add_child(instance=lonely)
    lonely.save_revision().publish()

    page = soup(client.get("/bare-pa-norsk/"))
    assert page.select('head link[rel="alternate"][hreflang]') == []
    assert page.select_one(".language-switcher a")["href"] == "/en/"

    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"<loc>{SITE}/bare-pa-norsk/</loc>" in sitemap


def test_the_address_alone_decides_the_language(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en", HTTP_COOKIE="django_language=en")
    assert response.status_code == 200
    assert soup(response).html["lang"] == "nb"
    assert not response.cookies

    response = client.get("/en/", HTTP_ACCEPT_LANGUAGE="nb")
    assert response.status_code == 200
    assert soup(response).html["lang"] == "en"
    assert not response.cookies


def test_the_404_page_speaks_the_language_of_the_address(client):
    nb = client.get("/finnes-ikke/")
    en = client.get("/en/does-not-exist/")
    assert (nb.status_code, en.status_code) == (404, 404)
    assert "Fant ikke siden" in nb.content.decode()
    assert "Page not found" in en.content.decode()
    assert '<html lang="en">' in en.content.decode()


@pytest.mark.parametrize(
    "path,facts",
    [
        ("/en/", ["Visits from other countries", "Earlier international engagement"]),
        (
            "/en/network/",
            ["Women Against Violence, Europe", "Nordiske Kvinner Mot Vold", "Lithuania"],
        ),
        (
            "/en/partners/south-africa/",
            ["Masimanyane", "16 years", "FOKUS", "Lesley Ann Foster", "South Africa"],
        ),
        ("/en/partners/cyprus/", ["EEA Grants (EØS-midlene)", "SPAVO", "20 million euros"]),
        ("/en/partners/estonia/", ["EWSU", "Tallinn", "Tove Smaadahl", "Estonia"]),
        ("/en/conferences/nordic-forum-2014/", ["Malmö, Sweden", "about 30,000", "2014"]),
    ],
)
def test_english_pages_carry_the_facts(client, path, facts):
    text = text_of(client.get(path))
    for fact in facts:
        assert fact in text, fact


def test_reports_appear_in_both_trees_with_their_language_marked(client):
    assert Report.objects.filter(locale__language_code="en").count() == 13
    page = soup(client.get("/en/reports/"))
    items = page.select(".report-list__item")
    assert len(items) == 13
    jamaica = next(li for li in items if "Jamaica" in li.get_text())
    title = jamaica.select_one(".report-list__title")
    assert title["lang"] == "nb"
    assert "Norwegian" in jamaica.get_text()
    assert "feasibility study on setting up a counselling centre" in jamaica.get_text()
    tribunal = next(li for li in items if "International Tribunal" in li.get_text())
    assert not tribunal.select_one(".report-list__title").has_attr("lang")


def test_english_reports_belong_to_the_english_partner():
    for report in Report.objects.filter(locale__language_code="en", related_page__isnull=False):
        assert report.related_page.locale.language_code == "en"


def test_staff_can_start_a_translation_from_the_admin(client):
    admin = get_user_model().objects.create_superuser("redaktor", password="x")
    client.force_login(admin)
    home = InternationalWorkPage.objects.get(locale__language_code="nb")
    page = StandardPage(title="Ny side", slug="ny-side", summary="Kort.")
    home.add_child(instance=page)
    page.save_revision().publish()

    english = Locale.objects.get(language_code="en")
    response = client.post(
        reverse("simple_translation:submit_page_translation", args=[page.pk]),
        {"locales": [english.pk]},
    )
    assert response.status_code == 302
    translation = Page.objects.get(translation_key=page.translation_key, locale=english)
    assert translation.get_parent().specific == home.get_translation(english)


def test_the_admin_speaks_norwegian_to_staff_who_prefer_it(client):
    editor = get_user_model().objects.create_superuser("norsk", password="x")
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "nb"
    profile.save()
    client.force_login(editor)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    assert 'lang="nb"' in response.content.decode()
    assert "Sider" in response.content.decode()
