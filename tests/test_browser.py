"""What only a real browser can show: layout on a small phone, and that the
page asks nothing of any other host."""

from urllib.parse import urlsplit

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PAGES = [
    "/",
    "/nettverk/",
    "/partnere/",
    "/partnere/sor-afrika/",
    "/konferanser/",
    "/rapporter/",
    # English titles and menus are longer ("International work", "Search").
    "/en/",
    "/en/partners/south-africa/",
    "/en/reports/",
]


@pytest.mark.parametrize("path", PAGES)
def test_no_horizontal_scrolling_on_a_320px_phone(page, site_url, path):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(site_url + path)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert page.locator("h1").count() == 1


def test_pages_load_nothing_from_other_hosts(page, site_url):
    hosts = set()
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    for path in PAGES:
        page.goto(site_url + path)
    assert hosts == {urlsplit(site_url).netloc}


def test_the_exit_link_is_visible_and_leads_to_the_neutral_site(page, site_url):
    page.goto(site_url + "/partnere/kypros/")
    exit_link = page.get_by_role("link", name="Forlat siden raskt")
    assert exit_link.is_visible()
    assert exit_link.get_attribute("href") == "https://www.yr.no/"
    assert "noreferrer" in exit_link.get_attribute("rel")


def test_staff_can_log_in_to_the_admin_in_a_real_browser(page, site_url):
    """The admin's own Referrer-Policy lets the login POST through CSRF."""
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_superuser("redaktor", password="et-langt-passord-42")
    page.goto(site_url + "/admin/login/")
    page.fill("#id_username", "redaktor")
    page.fill("#id_password", "et-langt-passord-42")
    page.click("button[type=submit]")
    page.wait_for_url(site_url + "/admin/")
    assert page.locator("text=Forbidden").count() == 0


def test_a_reader_logs_in_to_a_restricted_page_with_no_cookie_before(page, site_url):
    """The login for restricted pages has no CSRF cookie: the browser's own
    Origin and Sec-Fetch-Site headers let the form through (security/views.py)."""
    from wagtail.models import PageViewRestriction

    from partners.models import PartnerPage
    from tests.helpers import make_user

    make_user("partner")
    restricted = PartnerPage.objects.get(slug="kypros")
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.LOGIN)
    page.goto(site_url + "/partnere/kypros/")
    assert "/_util/login/" in page.url
    assert page.context.cookies() == []
    page.fill("#id_username", "partner")
    page.fill("#id_password", "et-langt-passord-42")
    page.click(".login-form button[type=submit]")
    page.wait_for_url(site_url + "/partnere/kypros/")
    assert "SPAVO" in page.content()
    cookies = {cookie["name"]: cookie for cookie in page.context.cookies()}
    assert set(cookies) == {"sessionid", "csrftoken"}
    assert all(cookie["expires"] == -1 for cookie in cookies.values()), "ends with the browser"
