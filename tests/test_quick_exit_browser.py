"""The quick exit and the no-trace promise, in a real Chromium."""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.helpers import PUBLIC_PAGES

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

DESTINATION = "https://www.yr.no/"


@pytest.fixture
def exit_page(page, site_url):
    """A page whose exit destination answers locally (the network is closed),
    with Playwright's clock in charge of time, so a test can let seconds pass
    without waiting for them."""
    page.clock.install()
    page.route(
        DESTINATION + "**",
        lambda route: route.fulfill(status=200, content_type="text/html", body="<p>Været</p>"),
    )
    page.goto(site_url + "/")
    page.goto(site_url + "/partnere/kypros/")
    return page


def test_three_shift_presses_leave_for_the_neutral_site(exit_page, site_url):
    for _ in range(3):
        exit_page.keyboard.press("Shift")
    exit_page.wait_for_url(DESTINATION)
    # The page left is not the entry Back returns to.
    exit_page.go_back()
    exit_page.wait_for_url(site_url + "/")


def test_shift_used_with_another_key_does_not_count(exit_page, site_url):
    for _ in range(3):
        exit_page.keyboard.press("Shift+A")
    # Leaving covers the page at once, in the key's own handler: no cover, no exit.
    assert exit_page.locator(".quick-exit-overlay").count() == 0
    assert exit_page.url == site_url + "/partnere/kypros/"
    # The positive control: three presses of Shift alone do leave.
    for _ in range(3):
        exit_page.keyboard.press("Shift")
    exit_page.wait_for_url(DESTINATION)


def test_a_press_after_a_long_pause_starts_the_count_again(exit_page, site_url):
    status = exit_page.locator(".quick-exit__status")
    exit_page.keyboard.press("Shift")
    expect(status).to_have_text("Shift trykket. Trykk Shift 2 ganger til for å forlate siden.")
    exit_page.keyboard.press("Shift")
    expect(status).to_have_text("Shift trykket. Trykk Shift 1 gang til for å forlate siden.")
    # Past the five seconds a press counts for: the count starts again.
    exit_page.clock.fast_forward(6000)
    expect(status).to_have_text("Tiden for å forlate siden gikk ut.")
    exit_page.keyboard.press("Shift")
    expect(status).to_have_text("Shift trykket. Trykk Shift 2 ganger til for å forlate siden.")
    assert exit_page.url == site_url + "/partnere/kypros/"
    exit_page.keyboard.press("Shift")
    exit_page.keyboard.press("Shift")
    exit_page.wait_for_url(DESTINATION)


def test_clicking_the_button_leaves_and_replaces_the_history_entry(exit_page, site_url):
    exit_page.get_by_role("link", name="Forlat siden raskt").click()
    exit_page.wait_for_url(DESTINATION)
    exit_page.go_back()
    exit_page.wait_for_url(site_url + "/")


def test_the_cover_is_removed_when_the_page_is_shown_again(exit_page):
    exit_page.evaluate(
        """() => {
            const cover = document.createElement("div");
            cover.className = "quick-exit-overlay";
            document.body.appendChild(cover);
            window.dispatchEvent(new PageTransitionEvent("pageshow", {persisted: true}));
        }"""
    )
    assert exit_page.locator(".quick-exit-overlay").count() == 0


def test_the_exit_works_without_javascript(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.route(DESTINATION + "**", lambda route: route.fulfill(status=200, body="Været"))
    page.goto(site_url + "/en/partners/cyprus/")
    page.get_by_role("link", name="Exit this page").click()
    page.wait_for_url(DESTINATION)
    context.close()


def test_every_public_page_leaves_no_trace(page, site_url):
    """No request to another host, no cookie, nothing stored, no console error
    (a CSP violation shows up as one) on any public page of either language."""
    hosts, errors = set(), []
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    for path in [
        *PUBLIC_PAGES,
        "/finnes-ikke/",
        "/en/does-not-exist/",
        "/sok/?q=Kypros",
        "/en/search/?q=Cyprus",
    ]:
        page.goto(site_url + path)
        page.wait_for_load_state("load")
        stored = page.evaluate(
            "() => [document.cookie, localStorage.length, sessionStorage.length]"
        )
        assert stored == ["", 0, 0], path
    assert hosts == {urlsplit(site_url).netloc}
    not_found = "the server responded with a status of 404"
    assert [e for e in errors if not e.startswith("Failed to load resource: " + not_found)] == []
