"""The admin wholly in Norwegian as Chromium shows it: what the admin's
scripts draw (the menu, the block editor, the minimap, the keyboard
shortcuts) and the dialogs an editor opens (publishing schedule, workflow
status) carry no English either. tests/test_admin_language.py checks the
HTML the server sends; this checks the screen after the scripts have run."""

import pytest
from wagtail.models import Page
from wagtail.users.models import UserProfile

from roles.workflow import APPROVERS, EDITORS
from tests.admin_language import english_on
from tests.helpers import make_user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def log_in(page, site_url, name, group):
    user = make_user(name, group)
    UserProfile.objects.filter(pk=UserProfile.get_for_user(user).pk).update(preferred_language="nb")
    page.goto(site_url + "/admin/login/")
    page.fill("#id_username", name)
    page.fill("#id_password", "et-langt-passord-42")
    page.click("button[type=submit]")
    page.wait_for_url(site_url + "/admin/")
    return user


def english_on_screen(page):
    page.wait_for_load_state("networkidle")
    return english_on(page.content())


@pytest.mark.parametrize("role", [EDITORS, APPROVERS])
def test_no_english_on_the_screens_once_their_scripts_have_run(page, site_url, role):
    from tests.test_admin_language import approver_screens, screens

    log_in(page, site_url, "ansatt", role)
    found = {}
    for url in screens() + (approver_screens() if role == APPROVERS else []):
        page.goto(site_url + url)
        for msgid in english_on_screen(page):
            found.setdefault(msgid, url)
    assert found == {}


def test_no_english_in_the_schedule_dialog(page, site_url):
    log_in(page, site_url, "redaktor", EDITORS)
    kypros = Page.objects.get(slug="kypros")
    page.goto(f"{site_url}/admin/pages/{kypros.pk}/edit/")
    # The status panel, then its schedule dialog, as an editor opens them.
    page.get_by_role("button", name="Status").first.click()
    page.get_by_role("button", name="Sett tidsplan").click()
    dialog = page.get_by_role("dialog", name="Sett tidsplan for publisering")
    dialog.wait_for(state="visible")
    assert english_on(dialog.inner_html()) == set()
    assert english_on_screen(page) == set()


@pytest.mark.parametrize("role", [EDITORS, APPROVERS])
def test_no_english_on_a_page_in_moderation(page, site_url, role):
    from wagtail.models import Workflow

    kypros = Page.objects.get(slug="kypros")
    Workflow.objects.get(name="Godkjenning").start(kypros, make_user("redaktor", EDITORS))
    log_in(page, site_url, "ansatt", role)
    page.goto(f"{site_url}/admin/pages/{kypros.pk}/edit/")
    # Its status, with the workflow's stages and who may act.
    page.get_by_role("button", name="Status").first.click()
    page.get_by_text("Til godkjenning").first.wait_for(state="visible")
    assert english_on_screen(page) == set(), english_on_screen(page)
    if role == APPROVERS:
        # Asking for changes opens a dialog for the comment to the editor.
        page.get_by_role("button", name="Flere handlinger").click()
        page.get_by_role("button", name="Be om endringer").click()
        page.get_by_role("dialog").get_by_role("textbox").first.wait_for(state="visible")
        assert english_on_screen(page) == set(), english_on_screen(page)
    page.goto(f"{site_url}/admin/pages/{kypros.pk}/workflow_history/")
    assert english_on_screen(page) == set(), english_on_screen(page)
