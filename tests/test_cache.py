"""The app's page cache follows the one rule (caching/page_cache.py) and
forgets exactly what a change touched, once the change commits
(caching/invalidation.py): anonymous visitors get stored pages, an edit shows
at once, nothing else is stored, and a draft changes nothing."""

import contextlib

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from caching.addresses import TRACKING
from pages.models import SiteSettings, StandardPage
from partners.models import PartnerIndexPage, PartnerPage
from reports.models import Report
from tests.factories import DocumentFactory
from tests.helpers import committed

pytestmark = pytest.mark.django_db


def queries(client, path, **extra):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, **extra)
    return response, len(captured.captured_queries)


def is_stored(client, path, **extra):
    """Asked again, is the page answered from the cache (no query at all)?"""
    client.get(path, **extra)
    return is_stored_before_asking(client, path, **extra)


def is_stored_before_asking(client, path, **extra):
    return queries(client, path, **extra)[1] == 0


def test_the_second_anonymous_visit_is_served_without_the_database(client):
    first, first_queries = queries(client, "/partnere/kypros/")
    second, second_queries = queries(client, "/partnere/kypros/")
    assert first_queries > 0
    assert second_queries == 0
    assert second.content == first.content
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_a_stored_page_says_so_for_every_cache(client):
    cache_control = client.get("/partnere/kypros/")["Cache-Control"]
    for directive in ("public", "max-age=0", "s-maxage=600", "stale-while-revalidate=60"):
        assert directive in cache_control


def test_a_published_change_shows_at_once(client):
    client.get("/partnere/kypros/")
    page = PartnerPage.objects.get(slug="kypros")
    page.summary = "Endret og publisert."
    with committed():
        page.save_revision().publish()
    assert "Endret og publisert." in client.get("/partnere/kypros/").content.decode()


def test_a_change_shows_only_once_it_has_committed(client):
    """A visitor who comes while the publication's transaction is still open
    gets the old page, and it is not kept once the publication commits."""
    client.get("/partnere/kypros/")
    page = PartnerPage.objects.get(slug="kypros")
    page.summary = "Publisert i en transaksjon."
    with committed(), transaction.atomic():
        page.save_revision().publish()
        assert "Publisert i en transaksjon." not in client.get("/partnere/kypros/").content.decode()
    assert "Publisert i en transaksjon." in client.get("/partnere/kypros/").content.decode()


def test_a_saved_draft_forgets_nothing(client):
    for path in ("/partnere/kypros/", "/partnere/", "/rapporter/"):
        client.get(path)
    page = PartnerPage.objects.get(slug="kypros")
    page.summary = "Bare et utkast."
    with committed():
        page.save_revision()
    assert is_stored(client, "/partnere/kypros/") and is_stored(client, "/partnere/")
    report = Report.objects.filter(related_page=page).first()
    report.summary = "Også et utkast."
    with committed():
        report.save_revision()
    assert is_stored(client, "/rapporter/") and is_stored(client, "/partnere/kypros/")
    # The positive control: publishing the same draft is forgotten at once.
    with committed():
        report.save_revision().publish()
    assert not is_stored_before_asking(client, "/rapporter/")


def test_a_publication_forgets_what_it_touched_and_nothing_else(client):
    for path in ("/partnere/kypros/", "/partnere/", "/partnere/estland/", "/en/partners/cyprus/"):
        client.get(path)
    page = PartnerPage.objects.get(slug="kypros")
    with committed():
        page.save_revision().publish()
    assert queries(client, "/partnere/kypros/")[1] > 0  # the page
    assert queries(client, "/partnere/")[1] > 0  # its parent lists it
    assert queries(client, "/en/partners/cyprus/")[1] > 0  # its translation links to it
    assert queries(client, "/partnere/estland/")[1] == 0  # an unrelated partner stays


def test_unpublishing_deleting_and_moving_show_at_once(client):
    for path in ("/personvern/", "/tilgjengelighet/", "/partnere/estland/"):
        assert client.get(path).status_code == 200
    with committed():
        StandardPage.objects.get(slug="personvern").unpublish()
    with committed():
        StandardPage.objects.get(slug="tilgjengelighet").delete()
    estonia = PartnerPage.objects.get(slug="estland")
    with committed():
        estonia.move(PartnerIndexPage.objects.get(locale__language_code="en"), pos="last-child")
    assert client.get("/personvern/").status_code == 404
    assert client.get("/tilgjengelighet/").status_code == 404
    # Wagtail leaves a redirect from the old address of a moved page.
    moved = client.get("/partnere/estland/")
    assert moved.status_code == 301 and moved["Location"] == "/en/partners/estland/"


def test_a_new_page_of_its_own_is_forgotten_when_it_goes(client):
    """A top-level page that is in no menu and chosen by no setting: its own
    address is forgotten when it is withdrawn or deleted."""
    from pages.models import InternationalWorkPage

    home = InternationalWorkPage.objects.get(locale__language_code="nb")
    page = StandardPage(title="Offentlig", slug="offentlig", summary="Til alle.")
    with committed():
        home.add_child(instance=page)
        page.save_revision().publish()
    assert client.get("/offentlig/").status_code == 200
    with committed():
        page.unpublish()
    assert client.get("/offentlig/").status_code == 404
    with committed():
        page.save_revision().publish()
    assert client.get("/offentlig/").status_code == 200
    with committed():
        page.delete()
    assert client.get("/offentlig/").status_code == 404


def test_a_renamed_page_leaves_its_old_address(client):
    page = PartnerPage.objects.get(slug="kypros")
    assert client.get("/partnere/kypros/").status_code == 200
    page.slug = "kypros-spavo"
    with committed():
        page.save_revision().publish()
    assert client.get("/partnere/kypros-spavo/").status_code == 200
    # The old address now redirects (Wagtail) or is gone; never the old page.
    assert client.get("/partnere/kypros/").status_code in (301, 404)


def test_reports_and_site_settings_show_at_once(client):
    client.get("/rapporter/")
    client.get("/")
    report = Report.objects.get(title__contains="rapport 2010", locale__language_code="nb")
    with committed():
        report.unpublish()
    assert "rapport 2010" not in client.get("/rapporter/").content.decode()

    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.quick_exit_url = "https://www.nrk.no/"
    with committed():
        settings.save()
    assert 'href="https://www.nrk.no/"' in client.get("/").content.decode()


def test_logged_in_staff_are_never_served_or_stored(client):
    staff = get_user_model().objects.create_superuser("sjef", password="x")
    client.force_login(staff)
    response, staff_first = queries(client, "/partnere/")
    _, staff_second = queries(client, "/partnere/")
    assert staff_first > 0 and staff_second > 0
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    client.logout()
    _, anonymous = queries(client, "/partnere/")
    assert anonymous > 0  # staff's views were not stored for anyone


def test_search_results_are_never_cached(client):
    response, first = queries(client, "/sok/", data={"q": "Kypros"})
    _, second = queries(client, "/sok/", data={"q": "Kypros"})
    assert first > 0 and second > 0
    assert response["Cache-Control"] == "private"


def test_errors_are_not_cached(client):
    _, first = queries(client, "/finnes-ikke/")
    response, second = queries(client, "/finnes-ikke/")
    assert first > 0 and second > 0
    assert response["Cache-Control"] == "private"


def test_addresses_a_page_reads_are_never_cached(client):
    """Made-up query strings must not be able to fill the shared cache."""
    _, first = queries(client, "/rapporter/?kind=annual_report")
    response, second = queries(client, "/rapporter/?kind=annual_report")
    assert first > 0 and second > 0
    assert "public" not in response["Cache-Control"]
    _, made_up = queries(client, "/partnere/?x=" + "y" * 5000)
    assert made_up > 0


TRACKED = ["utm_source", "utm_medium", "utm_campaign", "utm_content", "fbclid", "gclid", "mc_cid"]


@pytest.mark.parametrize("name", TRACKED)
def test_a_tracking_parameter_is_a_hit_on_the_bare_page(client, name):
    assert TRACKING.match(name)
    client.get("/partnere/kypros/")
    response, count = queries(client, f"/partnere/kypros/?{name}=nyhetsbrev")
    assert count == 0 and response.status_code == 200


def test_a_tracking_parameter_beside_a_filter_leaves_the_filter(client):
    response = client.get("/rapporter/?kind=annual_report&utm_source=nyhetsbrev&page=1")
    assert response.status_code == 200
    assert "public" not in response["Cache-Control"]
    titles = response.content.decode().count('class="report-list__item"')
    assert titles == 2  # the two annual reports: the filter still counts


def test_the_page_does_not_see_the_tracking_parameters(client):
    """Links the page builds from its own address carry none of them."""
    from tests.factories import ReportFactory

    ReportFactory.create_batch(25, document=None, external_url="https://example.org/r.pdf")
    html = client.get("/rapporter/?utm_source=nyhetsbrev&fbclid=abc").content.decode()
    assert "page=2" in html and "utm_source" not in html and "fbclid" not in html


def test_a_copy_per_host_and_scheme(client):
    """A feed's links carry the host it was asked for: another host, or
    plain HTTP, is not answered with that copy."""
    report = Report.objects.get(title__contains="rapport 2010", locale__language_code="nb")
    report.document = DocumentFactory()
    with committed():
        report.save_revision().publish()
    feed = client.get("/feed.atom", HTTP_HOST="127.0.0.1").content.decode()
    other = client.get("/feed.atom", HTTP_HOST="localhost").content.decode()
    assert "http://127.0.0.1/documents/" in feed
    assert "http://localhost/documents/" in other and "127.0.0.1" not in other


@override_settings(
    SECURE_SSL_REDIRECT=True, SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https")
)
def test_a_page_stored_for_https_does_not_answer_plain_http(client):
    https = {"HTTP_X_FORWARDED_PROTO": "https"}
    assert client.get("/partnere/kypros/", **https).status_code == 200
    assert client.get("/partnere/kypros/", **https).status_code == 200  # from the cache
    plain = client.get("/partnere/kypros/")
    assert plain.status_code == 301 and plain["Location"].startswith("https://")


def test_a_change_to_the_site_shows_at_once(client):
    assert "http://localhost/partnere/kypros/" in client.get("/sitemap.xml").content.decode()
    site = Site.objects.get(is_default_site=True)
    site.hostname = "internasjonalt.example.org"
    with committed():
        site.save()
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "http://internasjonalt.example.org/partnere/kypros/" in sitemap


def test_a_rolled_back_change_is_forgotten_with_the_next_commit(client):
    """The work of a transaction that rolls back is flushed by the next
    commit: a few addresses too many, never one too few."""
    client.get("/partnere/kypros/")
    page = PartnerPage.objects.get(slug="kypros")
    with committed(), contextlib.suppress(RuntimeError), transaction.atomic():
        page.save_revision().publish()
        raise RuntimeError("the publication fails after the signal")
    assert is_stored(client, "/partnere/kypros/")
    estonia = PartnerPage.objects.get(slug="estland")
    with committed():
        estonia.save_revision().publish()
    assert queries(client, "/partnere/kypros/")[1] > 0
