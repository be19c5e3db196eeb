"""The page cache: anonymous visitors get stored pages; any publication shows
at once; staff, previews and search results never touch the shared cache."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from pages.models import SiteSettings, StandardPage
from partners.models import PartnerIndexPage, PartnerPage
from reports.models import Report

pytestmark = pytest.mark.django_db


def queries(client, path, **extra):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, **extra)
    return response, len(captured.captured_queries)


def test_the_second_anonymous_visit_is_served_without_the_database(client):
    first, first_queries = queries(client, "/partnere/kypros/")
    second, second_queries = queries(client, "/partnere/kypros/")
    assert first_queries > 0
    assert second_queries == 0
    assert second.content == first.content
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_a_published_change_shows_at_once(client):
    client.get("/partnere/kypros/")
    page = PartnerPage.objects.get(slug="kypros")
    page.summary = "Endret og publisert."
    page.save_revision().publish()
    assert "Endret og publisert." in client.get("/partnere/kypros/").content.decode()


def test_unpublishing_deleting_and_moving_show_at_once(client):
    for path in ("/personvern/", "/tilgjengelighet/", "/partnere/estland/"):
        assert client.get(path).status_code == 200
    StandardPage.objects.get(slug="personvern").unpublish()
    StandardPage.objects.get(slug="tilgjengelighet").delete()
    estonia = PartnerPage.objects.get(slug="estland")
    estonia.move(PartnerIndexPage.objects.get(locale__language_code="en"), pos="last-child")
    assert client.get("/personvern/").status_code == 404
    assert client.get("/tilgjengelighet/").status_code == 404
    # Wagtail leaves a redirect from the old address of a moved page.
    moved = client.get("/partnere/estland/")
    assert moved.status_code == 301 and moved["Location"] == "/en/partners/estland/"


def test_reports_and_site_settings_show_at_once(client):
    client.get("/rapporter/")
    client.get("/")
    report = Report.objects.get(title__contains="rapport 2010", locale__language_code="nb")
    report.unpublish()
    assert "rapport 2010" not in client.get("/rapporter/").content.decode()

    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.quick_exit_url = "https://www.nrk.no/"
    settings.save()
    assert 'href="https://www.nrk.no/"' in client.get("/").content.decode()


def test_logged_in_staff_are_never_served_or_stored(client):
    staff = get_user_model().objects.create_superuser("sjef", password="x")
    client.force_login(staff)
    _, staff_first = queries(client, "/partnere/")
    _, staff_second = queries(client, "/partnere/")
    assert staff_first > 0 and staff_second > 0
    client.logout()
    _, anonymous = queries(client, "/partnere/")
    assert anonymous > 0  # staff's views were not stored for anyone


def test_search_results_are_never_cached(client):
    _, first = queries(client, "/sok/", data={"q": "Kypros"})
    _, second = queries(client, "/sok/", data={"q": "Kypros"})
    assert first > 0 and second > 0


def test_errors_are_not_cached(client):
    _, first = queries(client, "/finnes-ikke/")
    _, second = queries(client, "/finnes-ikke/")
    assert first > 0 and second > 0


def test_addresses_with_a_query_string_are_never_cached(client):
    """Made-up query strings must not be able to fill the shared cache."""
    _, first = queries(client, "/rapporter/?kind=annual_report")
    _, second = queries(client, "/rapporter/?kind=annual_report")
    assert first > 0 and second > 0
    _, made_up = queries(client, "/partnere/?x=" + "y" * 5000)
    assert made_up > 0


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
    site.save()
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "http://internasjonalt.example.org/partnere/kypros/" in sitemap
