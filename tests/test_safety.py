"""Visitor safety without a browser: headers, the plain exit link, help lines,
no cookies, nothing in the logs."""

import logging

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Site

from pages.models import SiteSettings, StandardPage
from tests.helpers import PUBLIC_PAGES, soup

EXPECTED_CSP = {
    "default-src": "'none'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self'",
    "font-src": "'self'",
    "connect-src": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
    "base-uri": "'none'",
}


def assert_security_headers(response, admin=False):
    """What every response carries (security/middleware.py)."""
    permissions = dict(part.split("=") for part in response["Permissions-Policy"].split(", "))
    assert {"camera", "microphone", "geolocation", "payment", "usb"} <= set(permissions)
    assert set(permissions.values()) == {"()"}
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    if admin:
        assert response["X-Frame-Options"] == "SAMEORIGIN"
        assert response["Referrer-Policy"] == "same-origin"
    else:
        assert response["X-Frame-Options"] == "DENY"
        assert response["Referrer-Policy"] == "no-referrer"
        assert parse_csp(response["Content-Security-Policy"]) == EXPECTED_CSP


def parse_csp(header):
    return dict(part.strip().split(" ", 1) for part in header.split(";") if part.strip())


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        *PUBLIC_PAGES,
        "/finnes-ikke/",
        "/en/does-not-exist/",
        "/sok/?q=Kypros",
        "/en/search/?q=Cyprus",
    ],
)
def test_every_public_page_is_safe_to_visit(client, path):
    response = client.get(path)
    assert response.status_code in (200, 404)
    assert parse_csp(response["Content-Security-Policy"]) == EXPECTED_CSP
    assert response["Referrer-Policy"] == "no-referrer"
    assert_security_headers(response)
    assert not response.cookies, "no cookie for an anonymous visitor"

    page = soup(response) if response.status_code == 200 else None
    html = response.content.decode()
    assert "<script>" not in html and " style=" not in html, "nothing inline (CSP)"
    if page is not None:
        exit_link = page.select_one("a.quick-exit__button")
        assert exit_link["href"] == "https://www.yr.no/"
        assert set(exit_link["rel"]) >= {"nofollow", "noreferrer"}
        assert page.select_one('a.skip-link[href="#quick-exit"]') is not None
        assert page.select_one('.quick-exit [role="status"]') is not None
        for link in page.select('a[href^="http"]'):
            assert "noreferrer" in link.get("rel", []), link


@pytest.mark.django_db
def test_the_exit_and_help_lines_come_from_site_settings(client):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.quick_exit_url = "https://www.nrk.no/"
    settings.helpline_number = "116 006"
    settings.emergency_number = "112"
    settings.save()
    for path in ("/", "/en/partners/"):
        page = soup(client.get(path))
        assert page.select_one("a.quick-exit__button")["href"] == "https://www.nrk.no/"
        assert page.select_one('a[href="tel:116006"]').get_text(strip=True) == "116 006"
        assert page.select_one('a[href="tel:112"]') is not None
        assert page.select_one(
            '.help-banner a[href="https://www.krisesenter.com/her-finnes-hjelp"]'
        ).get_text(strip=True) in ("Finn et krisesenter nær deg", "Shelters in Norway")


@pytest.mark.django_db
def test_the_english_banner_also_points_readers_outside_norway_to_europe(client):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    assert settings.europe_help_url == "https://wave-network.org/find-help/"
    settings.europe_help_url = "https://example.org/helplines/"
    settings.save()
    english = soup(client.get("/en/partners/")).select_one(".help-banner")
    link = english.select_one('a[href="https://example.org/helplines/"]')
    assert link.get_text(strip=True) == "Help elsewhere in Europe"
    # The Norwegian banner is for readers in Norway: its list is the shelters'.
    norwegian = soup(client.get("/partnere/")).select_one(".help-banner")
    assert norwegian.select_one('a[href="https://example.org/helplines/"]') is None
    assert norwegian.select_one('a[href="https://www.krisesenter.com/her-finnes-hjelp"]')


@pytest.mark.django_db
def test_sites_on_the_old_front_page_default_move_to_the_list_of_shelters():
    from importlib import import_module

    from django.apps import apps

    migration = import_module("pages.migrations.0008_help_banner_links")
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.shelter_list_url = "https://www.krisesenter.com/"
    settings.save()
    migration.point_to_the_list(apps, None)
    settings.refresh_from_db()
    assert settings.shelter_list_url == "https://www.krisesenter.com/her-finnes-hjelp"
    # An address staff chose is theirs.
    settings.shelter_list_url = "https://www.example.no/krisesentre/"
    settings.save()
    migration.point_to_the_list(apps, None)
    settings.refresh_from_db()
    assert settings.shelter_list_url == "https://www.example.no/krisesentre/"


@pytest.mark.django_db
def test_the_exit_area_links_to_the_stay_safe_page_in_each_language(client):
    assert soup(client.get("/")).select_one(".quick-exit__help")["href"] == "/trygg-pa-nett/"
    assert soup(client.get("/en/")).select_one(".quick-exit__help")["href"] == (
        "/en/stay-safe-online/"
    )


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/admin/login/", "/admin/", "/admin/pages/"])
def test_the_admin_has_a_policy_it_works_under_that_reaches_no_other_host(client, admin_user, path):
    """Wagtail's admin runs inline scripts (its widgets start themselves with
    one), so its policy allows them; everything else is this host's only. That
    the admin works under it is proved in Chromium through the production
    stack (tests/test_admin_stack.py)."""
    if path != "/admin/login/":
        client.force_login(admin_user)
    response = client.get(path)
    assert response.status_code == 200
    policy = parse_csp(response["Content-Security-Policy"])
    assert policy["script-src"] == "'self' 'unsafe-inline'"
    assert policy["default-src"] == "'none'"
    assert policy["connect-src"] == policy["font-src"] == "'self'"
    assert policy["style-src"] == "'self' 'unsafe-inline'"
    assert policy["img-src"] == "'self' data: blob:"
    assert policy["frame-ancestors"] == policy["frame-src"] == "'self'"
    assert policy["form-action"] == "'self'"
    assert "unsafe-eval" not in response["Content-Security-Policy"]
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_external_links_in_rich_text_carry_noreferrer(client):
    page = StandardPage.objects.get(slug="personvern")
    page.body = [
        {"type": "paragraph", "value": '<p>Se <a href="https://example.org/">dette</a>.</p>'}
    ]
    page.save_revision().publish()
    link = soup(client.get("/personvern/")).find("a", href="https://example.org/")
    assert link["rel"] == ["noreferrer"]


@pytest.mark.django_db
def test_no_visitor_address_or_search_term_in_the_logs(client, caplog):
    caplog.set_level(logging.DEBUG)
    client.get("/finnes-ikke/?q=hemmelig-sokeord", REMOTE_ADDR="203.0.113.77")
    client.get("/partnere/?q=hemmelig-sokeord", REMOTE_ADDR="203.0.113.77")
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "203.0.113.77" not in logged
    assert "hemmelig-sokeord" not in logged


@pytest.mark.parametrize("status", [400, 403, "403 csrf", 500])
def test_error_pages_carry_the_quick_exit_and_need_no_database(rf, status):
    """Rendered with the database down (and blocked: no django_db mark on
    this test): the help lines the settings start from."""
    from unittest import mock

    from django.db import OperationalError
    from django.views import csrf, defaults

    from pages.views import server_error

    handler = {
        400: lambda r: defaults.bad_request(r, exception=None),
        403: lambda r: defaults.permission_denied(r, exception=None),
        "403 csrf": lambda r: csrf.csrf_failure(r, reason="CSRF cookie not set."),
        500: server_error,  # handler500
    }[status]
    from django.utils import translation

    # Under /en/ too: the error pages are Norwegian throughout, exit included.
    with (
        translation.override("en"),
        mock.patch("pages.models.SiteSettings.for_request", side_effect=OperationalError("down")),
    ):
        response = handler(rf.get("/"))
    status = int(str(status).split()[0])
    assert response.status_code == status
    page = BeautifulSoup(response.content, "html.parser")
    assert page.select_one("a.quick-exit__button")["href"] == "https://www.yr.no/"
    assert "Forlat siden raskt" in page.select_one("a.quick-exit__button").get_text()
    # Both skip links, as on every other page.
    assert [a["href"] for a in page.select("a.skip-link")] == ["#main", "#quick-exit"]
    assert page.select_one('a[href="tel:116006"]') is not None
    assert len(page.find_all("h1")) == 1


def test_the_404_page_renders_even_when_the_database_is_down(rf):
    from unittest import mock

    from django.db import OperationalError
    from django.http import Http404

    from pages.views import page_not_found

    with (
        mock.patch(
            "django.db.backends.utils.CursorWrapper.execute", side_effect=OperationalError("down")
        ),
        mock.patch("wagtail.models.Site.find_for_request", side_effect=OperationalError("down")),
    ):
        response = page_not_found(rf.get("/finnes-ikke/"), Http404())
    assert response.status_code == 404
    page = BeautifulSoup(response.content, "html.parser")
    assert page.h1.get_text(strip=True) == "Fant ikke siden"
    assert page.select_one("a.quick-exit__button")["href"] == "https://www.yr.no/"


@pytest.mark.django_db
def test_a_host_refused_before_any_view_still_gets_every_header(client):
    response = client.get("/", HTTP_HOST="angriper.example")
    assert response.status_code == 400
    assert_security_headers(response)


@pytest.mark.django_db
def test_a_middleware_that_fails_still_answers_with_every_header(client, monkeypatch):
    from caching.page_cache import CacheRuleMiddleware

    def fail(self, request):
        raise RuntimeError("a fault before the view")

    monkeypatch.setattr(CacheRuleMiddleware, "__call__", fail)
    client.raise_request_exception = False
    response = client.get("/")
    assert response.status_code == 500
    assert_security_headers(response)


@pytest.mark.django_db
def test_the_admin_and_documents_carry_them_too(admin_client):
    assert_security_headers(admin_client.get("/admin/"), admin=True)
    assert_security_headers(admin_client.get("/admin/login/"), admin=True)


@pytest.mark.django_db
def test_a_password_restriction_made_before_becomes_a_login_and_the_check_fails_on_one(capsys):
    """Shared passwords are stored in plain text and can be guessed without
    limit: the migration turns those made before into login restrictions and
    names them; the database check fails on any that appears again."""
    from importlib import import_module

    from django.apps import apps
    from django.core import checks
    from wagtail.models import PageViewRestriction

    page = StandardPage.objects.get(slug="personvern")
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type="password", password="hemmelig"
    )
    found = checks.run_checks(tags=[checks.Tags.database], databases=["default"])
    assert [error.id for error in found] == ["security.E001"]
    migration = import_module("security.migrations.0003_no_password_restrictions")
    migration.to_login(apps, None)
    restriction.refresh_from_db()
    assert restriction.restriction_type == "login" and restriction.password == ""
    assert "Personvern" in capsys.readouterr().out
    assert checks.run_checks(tags=[checks.Tags.database], databases=["default"]) == []
