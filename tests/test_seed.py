"""The seed command builds the whole tree of DESIGN.md, once, and respects edits."""

import io
import re

import pytest
from django.core.management import call_command
from wagtail.models import Page, Revision, Site

from pages.models import InternationalWorkPage
from reports.models import Report
from tests.helpers import NORWEGIAN_TREE, soup, text_of

pytestmark = pytest.mark.django_db


# Every "Rapport fra …" / "Les mer" line of the seed text, typos fixed.
SEED_REPORT_TITLES = [
    "Rapport fra forundersøkelse angående opprettelse av rådgivningssenter på Jamaica i "
    "perioden 4-18 april 2001",
    "A Study on the Feasibility of Holding an International Tribunal on Violence Against Women",
    "Masimanyane Women’s Support Centre i Sør Afrika, rapport 2010",
    "Masimanyane Women’s Support Centre i Sør Afrika, rapport 2003",
    "Masimanyane Women’s Support Centre i Sør Afrika, årsrapport 2003",
    "Masimanyane Women’s Support Centre i Sør Afrika, årsrapport 2002",
    "Informasjon om våre venner på Masimanyane Women’s Support Centre i Sør Afrika",
    "Krisesentersekretariatets Sør Afrikanske partnerorganisasjon kom med viktige innspill til "
    "den norske delegasjonen under FNs kvinnekommisjonsmøte (CSW) i New York",
    "Krisesentersekretariatet har inngått samarbeid om opprettelse av krisesenter på Kypros",
    "Rapport fra Regional konferanse om vold mot kvinner i Pakistan 05",
    "Rapport fra samarbeidsseminar i Brussel om vold mot kvinner med funksjonshemning – sept. 02",
    "Woman Incorporated & Krisesentersekretariatet – 6.mnd rapport – oktober 01-mars 02",
    "Rapport om arbeidet mot vold mot kvinner med funksjonshemning fra studietur til Brussel "
    "20.-21. september 2004",
]


@pytest.mark.parametrize("path,title", NORWEGIAN_TREE.items())
def test_every_page_of_the_tree_is_served_at_its_slug(client, path, title):
    response = client.get(path)
    assert response.status_code == 200
    h1s = [h.get_text(strip=True) for h in soup(response).find_all("h1")]
    assert h1s == [title]


def test_the_seed_creates_the_thirteen_reports_once():
    assert Report.objects.filter(locale__language_code="nb").count() == 13
    titles = Report.objects.filter(locale__language_code="nb").values_list("title", flat=True)
    assert sorted(titles) == sorted(SEED_REPORT_TITLES)


@pytest.mark.parametrize("title", SEED_REPORT_TITLES)
def test_every_seed_report_is_listed_in_the_archive(client, title):
    assert title in text_of(client.get("/rapporter/"))


@pytest.mark.parametrize(
    "path,titles",
    [
        ("/", SEED_REPORT_TITLES[:2]),
        ("/partnere/sor-afrika/", SEED_REPORT_TITLES[2:8]),
        ("/partnere/kypros/", SEED_REPORT_TITLES[8:9]),
        ("/konferanser/", SEED_REPORT_TITLES[9:]),
    ],
)
def test_reports_are_listed_where_the_seed_puts_them(client, path, titles):
    text = text_of(client.get(path))
    for title in titles:
        assert title in text


def test_a_second_run_changes_nothing():
    counts = (Page.objects.count(), Report.objects.count(), Revision.objects.count())
    out = io.StringIO()
    call_command("load_seed_content", stdout=out)
    assert "nothing changed" in out.getvalue()
    assert (Page.objects.count(), Report.objects.count(), Revision.objects.count()) == counts


def test_a_staff_edit_survives_a_second_run(client):
    partner = Page.objects.get(url_path__endswith="/partnere/kypros/").specific
    partner.summary = "Redigert av sekretariatet."
    partner.save_revision().publish()
    report = Report.objects.get(
        title__startswith="Rapport fra Regional konferanse", locale__language_code="nb"
    )
    report.title = "Regional konferanse i Pakistan 2005"
    report.save()

    call_command("load_seed_content", stdout=io.StringIO())

    assert "Redigert av sekretariatet." in text_of(client.get("/partnere/kypros/"))
    assert not Report.objects.filter(
        title__startswith="Rapport fra Regional konferanse", locale__language_code="nb"
    ).exists()
    assert Page.objects.filter(url_path__endswith="/partnere/kypros/").count() == 1


def test_the_site_answers_on_localhost_and_127_0_0_1(client):
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, InternationalWorkPage)
    for host in ("localhost", "127.0.0.1", "localhost:8000", "127.0.0.1:8000"):
        response = client.get("/", HTTP_HOST=host)
        assert response.status_code == 200
        assert "Internasjonalt arbeid" in response.content.decode()
    assert not Page.objects.filter(title="Welcome to your new Wagtail site!").exists()


def test_typos_of_the_seed_text_are_fixed(client):
    text = " ".join(text_of(client.get(path)) for path in NORWEGIAN_TREE)
    for typo in [
        "Krsesentersekretraiatet",
        "Maismanyane",
        "informajonsutveksling",
        "samerbeid",
        "bitt gjennomført",
        "er at av disse",
        "av av",
        # Slips of the seed's prose; report titles keep the documents' own spelling.
        "Tilstede",
        "likestilling og styrke",
        "i Sør Afrika har",
        "leder ved masimanyane",
    ]:
        assert not re.search(re.escape(typo), text), typo


def test_the_english_reads_as_written_in_english(client):
    from tests.helpers import ENGLISH_OF

    text = " ".join(text_of(client.get(path)) for path in ENGLISH_OF.values())
    for slip in ["put weight on", "a good cooperation", ") (", "leader of masimanyane"]:
        assert slip not in text, slip
    assert "Lesley Ann Foster, leader of Masimanyane" in text
    # The help lines are Norway's: a reader abroad must not take them for hers.
    banner = soup(client.get("/en/")).select_one(".help-banner").get_text(" ", strip=True)
    assert "In danger in Norway?" in banner and "Norwegian help line" in banner


@pytest.mark.parametrize("language_code", ["nb", "en"])
def test_every_lead_is_one_or_two_sentences(language_code):
    for page in Page.objects.live().filter(locale__language_code=language_code).specific():
        lead = getattr(page, "summary", "")
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", lead.strip()) if s]
        assert len(sentences) <= 2, (page.url_path, sentences)
