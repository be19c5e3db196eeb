"""The content version (caching/page_cache.py) moves on every kind of change
once it commits, and what a process keeps for a version (the front page's
map, timeline and section cards, the menu) is never older than the last
change: a visitor sees it at once."""

import pytest
from django.test import RequestFactory
from wagtail.models import Page, PageViewRestriction, Site

from caching.page_cache import content_version
from pages.models import SiteSettings, StandardPage
from partners.models import PartnerIndexPage, PartnerPage
from reports.models import Report
from tests.factories import DocumentFactory, ImageFactory, PartnerPageFactory
from tests.helpers import committed

pytestmark = pytest.mark.django_db


def version():
    return content_version(RequestFactory().get("/"))


def publish():
    page = PartnerPage.objects.get(slug="kypros")
    page.summary = "Endret."
    page.save_revision().publish()


def withdraw():
    PartnerPage.objects.get(slug="kypros").unpublish()


def move():
    estonia = PartnerPage.objects.get(slug="estland")
    estonia.move(PartnerIndexPage.objects.get(locale__language_code="en"), pos="last-child")


def delete():
    StandardPage.objects.get(slug="tilgjengelighet").delete()


def restrict():
    page = Page.objects.get(slug="kypros")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)


def report():
    Report.objects.filter(locale__language_code="nb", live=True).first().unpublish()


def image():
    ImageFactory()


def document():
    DocumentFactory()


def settings_():
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.quick_exit_url = "https://www.nrk.no/"
    settings.save()


CHANGES = [publish, withdraw, move, delete, restrict, report, image, document, settings_]


@pytest.mark.parametrize("change", CHANGES, ids=lambda change: change.__name__.strip("_"))
def test_every_kind_of_change_moves_the_version_once_it_commits(change):
    before = version()
    assert before is not None and version() == before, "the version moves by itself"
    with committed():
        change()
        assert version() == before, "moved before the change committed"
    assert version() != before


def test_a_saved_draft_leaves_the_version():
    before = version()
    page = PartnerPage.objects.get(slug="kypros")
    page.summary = "Bare et utkast."
    with committed():
        page.save_revision()
    assert version() == before


def test_the_front_page_shows_a_new_partner_and_forgets_a_withdrawn_one_at_once(client):
    for path in ("/", "/", "/en/"):  # built, then answered from what was kept
        assert "Island" not in client.get(path).content.decode()
    with committed():
        iceland = PartnerPageFactory(
            parent=PartnerIndexPage.objects.get(locale__language_code="nb"),
            country="IS",
            organisation_name="Kvennaathvarf",
        )
    front = client.get("/").content.decode()
    assert "Island" in front and "Kvennaathvarf" in front
    with committed():
        iceland.unpublish()
    front = client.get("/").content.decode()
    assert "Island" not in front and "Kvennaathvarf" not in front


def test_a_section_card_follows_its_summary_in_every_language(client):
    for path in ("/", "/en/"):
        client.get(path)
    with committed():
        for section in Page.objects.get(slug="partnere").get_translations(inclusive=True):
            section = section.specific
            section.summary = f"Nytt sammendrag på {section.locale.language_code}."
            section.save_revision().publish()
    assert "Nytt sammendrag på nb." in client.get("/").content.decode()
    assert "Nytt sammendrag på en." in client.get("/en/").content.decode()


def test_the_timeline_forgets_a_withdrawn_report(client):
    report = Report.objects.filter(locale__language_code="nb", live=True, year__isnull=False)
    report = report.first()
    assert report.title in client.get("/").content.decode()
    with committed():
        report.unpublish()
    assert report.title not in client.get("/").content.decode()


def test_a_list_leaves_a_page_out_as_soon_as_it_is_restricted_and_back_when_lifted(client):
    """The answer to "which pages are restricted?" is kept per version
    (pages/visibility.py); a parameter keeps the list out of the page cache."""
    listing = "/partnere/?page=1"
    kypros = PartnerPage.objects.get(slug="kypros")
    assert kypros.organisation_name in client.get(listing).content.decode()
    with committed():
        restriction = PageViewRestriction.objects.create(
            page=kypros, restriction_type=PageViewRestriction.LOGIN
        )
    assert kypros.organisation_name not in client.get(listing).content.decode()
    with committed():
        restriction.delete()
    assert kypros.organisation_name in client.get(listing).content.decode()


def test_the_hreflang_links_follow_a_translation_withdrawn_and_published_again(client):
    """Each page's translations are kept per version (pages/translations.py)."""
    kypros = "/partnere/kypros/?x=1"  # a parameter keeps it out of the page cache
    english = PartnerPage.objects.get(slug="cyprus")
    assert 'rel="alternate" hreflang="en"' in client.get(kypros).content.decode()
    with committed():
        english.unpublish()
    assert 'rel="alternate" hreflang="en"' not in client.get(kypros).content.decode()
    with committed():
        english.save_revision().publish()
    assert 'rel="alternate" hreflang="en"' in client.get(kypros).content.decode()
