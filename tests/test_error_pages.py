"""The error pages nginx and Varnish answer themselves (pages/errors.py):
made in advance in each language with the site's help lines and exit, made
again when those change. Through nginx: tests/test_cache_stack.py."""

import pytest
from bs4 import BeautifulSoup
from django.test import override_settings

from pages.errors import NGINX_STATUSES, render_error_pages
from pages.models import SiteSettings
from tests.helpers import committed

pytestmark = pytest.mark.django_db


def read(folder, language, status):
    return BeautifulSoup((folder / language / f"{status}.html").read_text(), "html.parser")


def test_each_page_in_each_language_keeps_the_exit_and_the_help_lines(tmp_path):
    settings = SiteSettings.objects.get()
    settings.helpline_number = "800 12 345"
    settings.quick_exit_url = "https://www.nrk.no/"
    settings.save()
    written = render_error_pages(tmp_path)
    assert len(written) == 2 * len(NGINX_STATUSES)
    for language in ("nb", "en"):
        for status in NGINX_STATUSES:
            page = read(tmp_path, language, status)
            assert page.html["lang"] == language
            assert page.select_one("a.quick-exit__button")["href"] == "https://www.nrk.no/"
            assert page.select_one('a[href="tel:80012345"]') is not None
            assert page.select_one('a[href="tel:112"]') is not None
            assert len(page.find_all("h1")) == 1
            # Nothing the public site's policy would block (script-src 'self').
            assert all(script.get("src") for script in page.find_all("script"))
            assert not page.select("[style]") and not page.find_all("style")
            home = page.select_one("main a")["href"]
            assert home == ("/en/" if language == "en" else "/")
    assert read(tmp_path, "nb", 503).h1.get_text() == "Midlertidig utilgjengelig"
    assert read(tmp_path, "en", 503).h1.get_text() == "Temporarily unavailable"
    assert read(tmp_path, "en", 413).h1.get_text() == "Too large"
    assert "Forlat siden raskt" in read(tmp_path, "nb", 502).get_text()
    assert "Exit this page" in read(tmp_path, "en", 502).get_text()


def test_a_change_to_the_help_lines_makes_them_again_where_a_deploy_made_them(tmp_path):
    made = tmp_path / "errors"
    with override_settings(ERROR_PAGES_ROOT=made):
        render_error_pages()
        settings = SiteSettings.objects.get()
        settings.helpline_number = "800 99 999"
        with committed():
            settings.save()
        assert read(made, "en", 502).select_one('a[href="tel:80099999"]') is not None
    # Positive control of "where a deploy made them": none made, none written.
    with override_settings(ERROR_PAGES_ROOT=tmp_path / "not-deployed"):
        with committed():
            settings.save()
        assert not (tmp_path / "not-deployed").exists()


def test_the_login_forms_csrf_failure_keeps_the_exit(client):
    """A login form left open until its token expired: the site's own 403,
    with the exit and the help lines. The positive control is the form
    itself, which the same client gets."""
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    assert browser.get("/admin/login/").status_code == 200
    response = browser.post("/admin/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    page = BeautifulSoup(response.content, "html.parser")
    assert page.h1.get_text() == "Skjemaet er utløpt"
    assert (
        page.select_one("a.quick-exit__button")["href"] == SiteSettings.objects.get().quick_exit_url
    )
    assert page.select_one('a[href="tel:116006"]') is not None
