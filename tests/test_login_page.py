"""The login for restricted pages (/_util/login/) is a page of the site: the
quick exit, the help lines, both languages, no cookie until the visitor logs
in, a sensible default afterwards, and the same lockout as the admin."""

import pytest
from django.test import override_settings
from wagtail.models import PageViewRestriction

from partners.models import PartnerPage
from tests.helpers import make_user, soup

pytestmark = pytest.mark.django_db

SAME_SITE = {"HTTP_SEC_FETCH_SITE": "same-origin"}


@pytest.fixture
def reader():
    return make_user("partner")


@pytest.fixture
def restricted():
    page = PartnerPage.objects.get(slug="kypros")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    return page


def log_in(client, path="/_util/login/", password="et-langt-passord-42", **headers):  # noqa: S107
    return client.post(path, {"username": "partner", "password": password}, **headers)


@pytest.mark.parametrize(
    "path,heading,exit_text",
    [
        ("/_util/login/", "Logg inn for å lese denne siden", "Forlat siden raskt"),
        ("/en/_util/login/", "Log in to read this page", "Exit this page"),
    ],
)
def test_the_login_page_is_a_page_of_the_site_in_its_language(client, path, heading, exit_text):
    response = client.get(path)
    page = soup(response)
    assert page.h1.get_text(strip=True) == heading
    assert exit_text in page.select_one("a.quick-exit__button").get_text()
    assert page.select_one(".help-banner a[href^='tel:']") is not None
    assert page.select_one("input[autocomplete=current-password]") is not None
    # No cookie, not even the CSRF cookie, until the form is sent.
    assert not response.cookies
    assert "csrfmiddlewaretoken" not in response.content.decode()
    assert response["Referrer-Policy"] == "same-origin"


def test_a_restricted_page_sends_its_visitor_here_and_back(client, reader, restricted):
    response = client.get(restricted.url)
    assert response.status_code == 302
    login_url = response["Location"]
    assert login_url.startswith("/_util/login/?next=")
    assert not client.get(login_url).cookies
    logged_in = client.post(
        login_url, {"username": "partner", "password": "et-langt-passord-42"}, **SAME_SITE
    )
    assert logged_in.status_code == 302 and logged_in["Location"] == restricted.url
    # The cookies it sets end with the browser (docs/safety.md).
    assert set(logged_in.cookies) == {"sessionid", "csrftoken"}
    for cookie in logged_in.cookies.values():
        assert not cookie["max-age"] and not cookie["expires"], cookie
        assert cookie["samesite"] == "Lax"
    assert logged_in.cookies["sessionid"]["httponly"]
    assert client.get(restricted.url).status_code == 200


@pytest.mark.parametrize("path,front_page", [("/_util/login/", "/"), ("/en/_util/login/", "/en/")])
def test_without_next_a_login_leads_to_the_front_page_of_its_language(
    client, reader, path, front_page
):
    response = log_in(client, path, **SAME_SITE)
    assert response.status_code == 302 and response["Location"] == front_page


@pytest.mark.parametrize(
    "headers",
    [
        {},  # no browser form sends neither
        {"HTTP_SEC_FETCH_SITE": "cross-site"},
        {"HTTP_ORIGIN": "https://angriper.example"},
        {"HTTP_ORIGIN": "null"},
    ],
)
def test_a_login_sent_from_another_site_is_refused(client, reader, headers):
    response = log_in(client, **headers)
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session


def test_an_older_browser_that_sends_only_its_origin_logs_in(client, reader):
    response = log_in(client, HTTP_ORIGIN="http://testserver")
    assert response.status_code == 302


def test_a_wrong_password_is_said_in_norwegian_and_sets_no_cookie(client, reader):
    response = log_in(client, password="feil", **SAME_SITE)
    assert response.status_code == 200
    assert "Vennligst oppgi korrekt brukernavn og passord" in response.content.decode()
    assert not response.cookies


@override_settings(AXES_ENABLED=True)
def test_the_admins_lockout_guards_it_too(client, reader):
    for _ in range(4):
        assert (
            log_in(client, password="feil", REMOTE_ADDR="198.51.100.7", **SAME_SITE).status_code
            == 200
        )
    assert (
        log_in(client, password="feil", REMOTE_ADDR="198.51.100.7", **SAME_SITE).status_code == 429
    )
    assert log_in(client, REMOTE_ADDR="198.51.100.7", **SAME_SITE).status_code == 429
    assert log_in(client, REMOTE_ADDR="198.51.100.8", **SAME_SITE).status_code == 302


def test_password_protected_pages_are_not_offered(client):
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    admin = get_user_model().objects.create_superuser("sjef", password="x")
    client.force_login(admin)
    page = PartnerPage.objects.get(slug="kypros")
    dialog = client.get(reverse("wagtailadmin_pages:set_privacy", args=[page.pk])).json()["html"]
    assert 'value="login"' in dialog
    assert 'value="password"' not in dialog


def test_with_djangos_csrf_check_on_the_form_still_goes_through():
    """The test client skips CSRF checks unless told; a browser's request meets them."""
    from django.test import Client

    make_user("partner")
    strict = Client(enforce_csrf_checks=True)
    assert not strict.get("/_util/login/").cookies
    assert log_in(strict, **SAME_SITE).status_code == 302
    assert log_in(Client(enforce_csrf_checks=True)).status_code == 403


@override_settings(AXES_ENABLED=True)
def test_a_login_leaves_no_record_of_the_address(client, reader):
    from axes.models import AccessAttempt, AccessLog

    assert log_in(client, **SAME_SITE).status_code == 302
    assert not AccessLog.objects.exists() and not AccessAttempt.objects.exists()


def test_the_privacy_statement_says_what_a_login_stores(client):
    from tests.helpers import text_of

    norwegian = text_of(client.get("/personvern/"))
    assert "Først når du logger inn, lagres to informasjonskapsler" in norwegian
    assert "høyst 12 timer" in norwegian
    english = text_of(client.get("/en/privacy/"))
    assert "Only when you log in are two cookies stored" in english
