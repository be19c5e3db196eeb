"""The front cache: Varnish keeps what the application marks as shared, and a
publication purges the page and everything that shows it, so a visitor
behind Varnish sees the change at once."""

import contextlib
import time
import urllib.request

import pytest
from django.db import transaction
from wagtail.contrib.frontend_cache.backends import BaseBackend
from wagtail.models import Site

from pages.models import SiteSettings
from partners.models import PartnerIndexPage, PartnerPage
from reports.models import Report
from tests.helpers import publish_page_with_image

ALL_PAGES = 28


class RecordingBackend(BaseBackend):
    """Keeps the purged addresses instead of sending them anywhere."""

    batches = []

    def purge(self, url):
        self.purge_batch([url])

    def purge_batch(self, urls):
        self.batches.append(sorted(urls))


@pytest.fixture
def purged(settings, django_capture_on_commit_callbacks):
    settings.WAGTAILFRONTENDCACHE = {
        "recording": {"BACKEND": "tests.test_front_cache.RecordingBackend"}
    }
    RecordingBackend.batches = []

    class Purges:
        def __call__(self):
            return {
                url.removeprefix("http://localhost")
                for batch in RecordingBackend.batches
                for url in batch
            }

        def batches(self):
            return len(RecordingBackend.batches)

        def on_commit(self):
            return django_capture_on_commit_callbacks(execute=True)

    return Purges()


@pytest.mark.django_db
def test_publishing_a_partner_purges_it_its_parents_translations_and_lists(purged):
    page = PartnerPage.objects.get(slug="kypros")
    with purged.on_commit():
        page.summary = "Ny tekst."
        page.save_revision().publish()
    urls = purged()
    for expected in (
        "/partnere/kypros/",
        "/partnere/",
        "/",
        "/en/partners/cyprus/",
        "/feed.atom",
        "/en/feed.atom",
        "/sitemap.xml",
    ):
        assert expected in urls, expected
    # Not every page: an unrelated partner keeps its cached copy.
    assert "/partnere/estland/" not in urls


@pytest.mark.django_db
def test_a_change_to_what_every_page_shows_purges_every_page(purged):
    section = PartnerIndexPage.objects.get(slug="partnere")  # in the main menu
    with purged.on_commit():
        section.title = "Partnerne våre"
        section.save_revision().publish()
    assert len([u for u in purged() if not u.endswith((".atom", ".xml", ".ics"))]) == ALL_PAGES

    RecordingBackend.batches = []
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    with purged.on_commit():
        site_settings.helpline_number = "116 123"
        site_settings.save()
    assert "/partnere/estland/" in purged() and "/en/privacy/" in purged()


@pytest.mark.django_db
def test_a_report_purges_its_archive_and_the_page_it_belongs_to(purged):
    report = Report.objects.filter(locale__language_code="nb", related_page__isnull=False).first()
    owner = report.related_page
    with purged.on_commit():
        report.summary = "Endret."
        report.save_revision().publish()
    urls = purged()
    assert "/rapporter/" in urls and owner.url in urls
    assert "/en/reports/" not in urls


@pytest.mark.django_db
def test_conference_calendars_are_purged_with_their_pages(purged):
    from conferences.models import ConferencePage

    page = ConferencePage.objects.get(slug="nordisk-forum-2014")
    with purged.on_commit():
        page.save_revision().publish()
    assert {"/konferanser/nordisk-forum-2014/kalender.ics", "/konferanser/kalender.ics"} <= purged()


@pytest.mark.django_db
def test_changing_an_image_purges_the_pages_that_show_it(purged):
    from wagtail.images.models import Image

    with purged.on_commit():
        path = publish_page_with_image()
    image = Image.objects.get(title="Konferansesal")
    RecordingBackend.batches = []
    with purged.on_commit():
        image.description = "Salen etter åpningen"
        image.save()
    assert path in purged()
    assert "/partnere/kypros/" not in purged()


@pytest.mark.django_db
def test_a_purge_lost_to_a_rollback_does_not_hold_back_the_next(purged):
    page = PartnerPage.objects.get(slug="kypros")
    with purged.on_commit(), contextlib.suppress(RuntimeError), transaction.atomic():
        page.save_revision().publish()
        raise RuntimeError("the publication fails after the signal")
    assert purged() == set()
    page = PartnerPage.objects.get(slug="kypros")  # as it is after the rollback
    with purged.on_commit():
        page.save_revision().publish()
    assert "/partnere/kypros/" in purged()


@pytest.mark.django_db
def test_deleting_a_section_purges_once(purged):
    with purged.on_commit():
        PartnerIndexPage.objects.get(slug="partnere").delete()
    assert purged.batches() == 1, RecordingBackend.batches


@pytest.mark.django_db
def test_nothing_is_purged_without_a_front_cache(settings, django_capture_on_commit_callbacks):
    settings.WAGTAILFRONTENDCACHE = {}
    with django_capture_on_commit_callbacks() as callbacks:
        PartnerPage.objects.get(slug="kypros").save_revision().publish()
    assert not [c for c in callbacks if "front_cache" in getattr(c, "__module__", "")]


@pytest.mark.django_db
def test_only_anonymous_pages_are_marked_for_shared_caches(client, django_user_model):
    page = client.get("/partnere/kypros/")
    assert "public" in page["Cache-Control"] and "s-maxage=" in page["Cache-Control"]
    for path in ("/sok/?q=kypros", "/rapporter/?kind=annual_report", "/finnes-ikke/"):
        response = client.get(path)
        assert "s-maxage" not in response.get("Cache-Control", ""), path
        assert "private" in response.get("Cache-Control", "") or "no-cache" in response.get(
            "Cache-Control", ""
        ), path
    staff = django_user_model.objects.create_superuser("redaktor", password="x" * 20)
    client.force_login(staff)
    assert "s-maxage" not in client.get("/partnere/kypros/").get("Cache-Control", "")


def fetch(url):
    with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (our own)
        return response.read().decode()


def test_a_publication_is_visible_through_varnish_within_a_second(varnish, settings, bench_report):
    base, stat = varnish
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": base,
        }
    }
    assert "Kypros" in fetch(base + "/partnere/kypros/")
    hits = stat("cache_hit")
    fetch(base + "/partnere/kypros/")
    assert stat("cache_hit") == hits + 1, "Varnish did not keep the page"

    page = PartnerPage.objects.get(slug="kypros")
    page.summary = "Publisert akkurat nå."
    started = time.monotonic()
    page.save_revision().publish()
    while "Publisert akkurat nå." not in fetch(base + "/partnere/kypros/"):
        assert time.monotonic() - started < 1, "the change was not visible through Varnish in 1 s"
        time.sleep(0.05)
    bench_report(
        "publication visible through Varnish after (s)", round(time.monotonic() - started, 3)
    )
    # The partner list (a parent) was purged as well.
    assert "Publisert akkurat nå." in fetch(base + "/partnere/")


def test_varnish_never_stores_search_results_or_staff_pages(varnish):
    base, stat = varnish
    for _ in range(2):
        fetch(base + "/sok/?q=kypros")
        staff = {"Cookie": "sessionid=abc"}
        request = urllib.request.Request(base + "/partnere/kypros/", headers=staff)  # noqa: S310
        urllib.request.urlopen(request, timeout=5).read()  # noqa: S310 (our own)
    assert stat("cache_hit") == 0


@pytest.mark.django_db
def test_taking_a_section_out_of_the_menu_purges_every_page(purged):
    section = PartnerIndexPage.objects.get(slug="partnere")
    section.show_in_menus = False
    with purged.on_commit():
        section.save_revision().publish()
    assert "/konferanser/nordisk-forum-2014/" in purged()
