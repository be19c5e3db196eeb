"""The admin wholly in Norwegian as Chromium shows it: every admin route
(tests/admin_crawl.py) opened once per role after its scripts have drawn the
menu, the block editor, the minimap, the choosers; and the dialogs an
editor opens (publishing schedule, a page in moderation, a request for
changes). tests/test_admin_language.py checks the HTML the server sends,
with every state and form; this checks the screen after the scripts have
run, under the admin's own Content-Security-Policy: no English, no blocked
script, no script error, nothing asked of another host."""

import pytest
from playwright.sync_api import Error as PlaywrightError
from wagtail.models import Page

from tests.admin_crawl import build_world, make_staff, record, screens, typed_content
from tests.admin_language import english_on
from tests.browser import Watch

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "et-langt-passord-42"


def log_in(page, site_url, user):
    page.goto(site_url + "/admin/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_url(site_url + "/admin/")


def english_on_screen(page):
    """The English on the screen, once its scripts have settled; what staff
    typed in is not counted, whatever its language."""
    page.wait_for_load_state("networkidle")
    return english_on(page.content(), typed_content())


@pytest.mark.parametrize("role", ["editor", "approver", "superuser"])
def test_no_english_on_any_admin_screen_once_its_scripts_have_run(page, site_url, role):
    staff = make_staff()
    world = build_world(staff)
    content = typed_content()
    watch = Watch(page, site_url)
    log_in(page, site_url, staff[role])
    routes, _skipped = screens(world)
    found, walked, passed_by = {}, [], {}

    def visit(url):
        """The screen at ``url``, or why there is none."""
        nonlocal page
        try:
            response = page.goto(site_url + url)
        except PlaywrightError as error:  # an answer without a page (405 to a GET)
            # Chromium goes on to its own error page after Playwright has
            # given up, and that late navigation would interrupt every later
            # one: the walk goes on in a fresh tab of the same session.
            context = page.context
            page.close()
            page = context.new_page()
            watch.follow(page)
            return str(error).splitlines()[0]
        kind = response.headers.get("content-type", "")
        if response.status != 200 or not kind.startswith("text/html"):
            return f"{response.status} {kind}"
        if page.url.endswith("/admin/login/"):
            return "login"
        if not page.url.startswith(site_url + "/admin/"):
            return f"left the admin for {page.url}"
        return None

    for urls in filter(None, routes.values()):
        # One screen per route: the server-side walk sees every state.
        why = visit(urls[0])
        if why == "login":  # the session is gone (never by a screen): in again, once
            log_in(page, site_url, staff[role])
            why = visit(urls[0])
        if why is not None:
            passed_by[urls[0]] = why
            continue
        walked.append(urls[0])
        for string in english_on(page.content(), content):
            found.setdefault(string, urls[0])
    record(role, "Chromium", walked)
    assert found == {}, "\n".join(f"{text}  ←  {url}" for text, url in sorted(found.items()))
    watch.assert_clean(addresses_that_fail=True)
    assert len(walked) > {"editor": 70, "approver": 90, "superuser": 120}[role], "\n".join(
        f"{url}: {why}" for url, why in passed_by.items()
    )


def test_no_english_in_the_schedule_dialog(page, site_url):
    staff = make_staff()
    log_in(page, site_url, staff["editor"])
    kypros = Page.objects.get(slug="kypros")
    page.goto(f"{site_url}/admin/pages/{kypros.pk}/edit/")
    # The status panel, then its schedule dialog, as an editor opens them.
    page.get_by_role("button", name="Status").first.click()
    page.get_by_role("button", name="Sett tidsplan").click()
    dialog = page.get_by_role("dialog", name="Sett tidsplan for publisering")
    dialog.wait_for(state="visible")
    assert english_on(dialog.inner_html(), typed_content()) == set()
    assert english_on_screen(page) == set()


@pytest.mark.parametrize("role", ["editor", "approver"])
def test_no_english_on_a_page_in_moderation(page, site_url, role):
    from wagtail.models import Workflow

    staff = make_staff()
    kypros = Page.objects.get(slug="kypros")
    Workflow.objects.get(name="Godkjenning").start(kypros, staff["editor"])
    log_in(page, site_url, staff[role])
    page.goto(f"{site_url}/admin/pages/{kypros.pk}/edit/")
    # Its status, with the workflow's stages and who may act.
    page.get_by_role("button", name="Status").first.click()
    page.get_by_text("Til godkjenning").first.wait_for(state="visible")
    assert english_on_screen(page) == set(), english_on_screen(page)
    if role == "approver":
        # Asking for changes opens a dialog for the comment to the editor.
        page.get_by_role("button", name="Flere handlinger").click()
        page.get_by_role("button", name="Be om endringer").click()
        page.get_by_role("dialog").get_by_role("textbox").first.wait_for(state="visible")
        assert english_on_screen(page) == set(), english_on_screen(page)
    page.goto(f"{site_url}/admin/pages/{kypros.pk}/workflow_history/")
    assert english_on_screen(page) == set(), english_on_screen(page)
