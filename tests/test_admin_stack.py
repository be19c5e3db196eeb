"""Staff at work through the production front: Chromium, as an editor and as
an approver, through `make stack` (nginx → Varnish → two app nodes,
PostgreSQL, Redis), with the admin's scripts running under the policy the
app sends for /admin/ (ADMIN_CONTENT_SECURITY_POLICY) and nginx passes on.

Every step is done as a person does it (typing, choosing, clicking), and
each screen on the way is watched: no Content-Security-Policy violation, no
script error and no request to another host, for an editor, an approver and
a superuser, all with e-mail addresses (Gravatar would be asked for them).

This file sorts before tests/test_stack.py, whose last test brings the
session's stack down."""

import datetime
import os
import re

import pytest
from PIL import Image

from tests.browser import Watch
from tests.stack import ADMIN_PASSWORD, shell

pytestmark = [pytest.mark.stack, pytest.mark.browser]

PASSWORD = "et-langt-passord-42"


@pytest.fixture(scope="module")
def staff(stack):
    """An editor, an approver (both with e-mail addresses, in Norwegian) in the
    stack's database; the superuser `admin` is made by `make stack`."""
    shell(
        stack,
        "from django.contrib.auth import get_user_model;"
        "from django.contrib.auth.models import Group;"
        "from wagtail.users.models import UserProfile;"
        "from roles.workflow import APPROVERS, EDITORS;"
        "User = get_user_model();"
        "admin = User.objects.get(username='admin'); admin.email = 'admin@kss.example.org';"
        "admin.save();"
        "[User.objects.create_user(name, email=f'{name}@kss.example.org',"
        f" password='{PASSWORD}').groups.add(Group.objects.get(name=group))"
        " for name, group in (('redaktor', EDITORS), ('ansvarlig', APPROVERS))];"
        "UserProfile.objects.filter(user__username__in=['redaktor', 'ansvarlig', 'admin'])"
        ".update(preferred_language='nb')",
    )
    return {"redaktor": PASSWORD, "ansvarlig": PASSWORD, "admin": ADMIN_PASSWORD}


@pytest.fixture
def admin_as(page, stack, staff):
    """Logs a member of staff in through nginx, as they would, and watches."""
    watches = []

    def log_in(name):
        watch = Watch(page, stack.url)
        watches.append(watch)
        page.goto(stack.url + "/admin/login/")
        page.fill("#id_username", name)
        page.fill("#id_password", staff[name])
        page.get_by_role("button", name="Logg inn").click()
        page.wait_for_url(stack.url + "/admin/")
        return watch

    yield log_in
    for watch in watches:
        watch.assert_clean()


def page_id(stack, slug):
    return shell(
        stack,
        "from wagtail.models import Page;"
        f"print(Page.objects.get(slug='{slug}', locale__language_code='nb').pk)",
    )


def photo(path):
    """A photo no one has uploaded before (Wagtail asks about duplicates)."""
    colour = tuple(os.urandom(3))
    Image.new("RGB", (800, 500), colour).save(path, "JPEG")
    return path


def messages(page):
    return " ".join(page.locator(".messages").all_inner_texts())


def open_actions(page):
    """The save button's menu of further actions."""
    page.get_by_role("button", name="Flere handlinger").click()


def test_an_editor_adds_a_partner_with_a_new_photo_and_submits_it(page, stack, admin_as, tmp_path):
    watch = admin_as("redaktor")
    parent = shell(
        stack,
        "from partners.models import PartnerIndexPage;"
        "print(PartnerIndexPage.objects.get(locale__language_code='nb').pk)",
    )
    # Sider → Partnere → Legg til underside, as the guide says: partners hold
    # only partner pages, so the form opens at once.
    page.goto(f"{stack.url}/admin/pages/{parent}/")
    page.get_by_role("link", name="Legg til underside").first.click()
    page.wait_for_url(f"{stack.url}/admin/pages/add/partners/partnerpage/{parent}/")
    page.fill("#id_title", "Tanzania")
    page.fill("#id_summary", "Et samarbeid med kvinneorganisasjoner i Tanzania.")
    # The photo: chosen in the chooser, uploaded there.
    page.get_by_role("button", name="Velg et bilde").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_role("tab", name="Last opp").click()
    dialog.locator("input[type=file]").set_input_files(photo(tmp_path / "dar-es-salaam.jpg"))
    dialog.get_by_label("Tittel").fill("Kontoret i Dar es Salaam")
    dialog.get_by_label("Beskrivelse").fill("Inngangen til kontoret i Dar es Salaam")
    dialog.get_by_role("button", name="Last opp").click()
    page.get_by_text("Kontoret i Dar es Salaam").wait_for()
    page.get_by_role("tab", name="Fakta").click()
    page.fill("#id_organisation_name", "Coalition on Violence Against Women")
    page.select_option("#id_country", "TZ")
    page.fill("#id_start_year", "2020")

    page.get_by_role("button", name="Lagre kladd").click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))
    assert 'Siden "Tanzania" er opprettet.' in messages(page)

    open_actions(page)
    page.get_by_role("button", name=re.compile("^Send inn til Godkjenning")).click()
    page.wait_for_url(f"{stack.url}/admin/pages/{parent}/")
    assert 'Siden "Tanzania" er sendt til godkjenning.' in messages(page)
    assert shell(
        stack,
        "from partners.models import PartnerPage;"
        "p = PartnerPage.objects.get(slug='tanzania', locale__language_code='nb');"
        "print(p.live, p.hero_image.title, p.current_workflow_state.status)",
    ) == ("False Kontoret i Dar es Salaam in_progress")
    assert len(watch.screens) >= 3


def test_an_approver_approves_it_and_it_is_public(page, stack, admin_as):
    admin_as("ansvarlig")
    tanzania = page_id(stack, "tanzania")
    # The dashboard lists what waits for the approver.
    page.get_by_role("link", name="Tanzania").first.click()
    page.wait_for_url(f"{stack.url}/admin/pages/{tanzania}/edit/")
    open_actions(page)
    page.get_by_role("button", name="Godkjenn", exact=True).click()
    page.wait_for_load_state("networkidle")
    assert 'Siden "Tanzania" er oppdatert.' in messages(page)
    public = page.context.new_page()
    response = public.goto(stack.url + "/partnere/tanzania/")
    assert response.status == 200
    assert public.get_by_role("heading", level=1).inner_text() == "Tanzania"
    public.close()


def test_an_editor_uploads_reports_and_adds_one_to_the_library(page, stack, admin_as, tmp_path):
    admin_as("redaktor")
    files = []
    for n in (1, 2):
        path = tmp_path / f"arsrapport-{n}.pdf"
        path.write_bytes(b"%PDF-1.4\n%" + os.urandom(8).hex().encode() + b"\n%%EOF\n")
        files.append(path)
    page.goto(stack.url + "/admin/documents/multiple/add/")
    page.locator("input[type=file]").set_input_files(files)
    page.get_by_text("Opplasting vellykket").nth(1).wait_for()

    page.goto(stack.url + "/admin/snippets/reports/report/")
    page.get_by_role("link", name=re.compile("Legg til rapport")).first.click()
    page.fill("#id_title", "Årsrapport fra Dar es Salaam")
    page.fill("#id_year", "2026")
    page.select_option("#id_kind", index=1)
    page.get_by_role("button", name="Velg et dokument").click()
    page.get_by_role("dialog").get_by_role("link", name="arsrapport-1").first.click()
    page.get_by_role("dialog").wait_for(state="hidden")
    page.get_by_role("button", name="Lagre kladd").click()
    page.wait_for_url(re.compile(r"/admin/snippets/reports/report/edit/\d+/$"))
    assert "Årsrapport fra Dar es Salaam (2026)" in messages(page)
    assert (
        shell(
            stack,
            "from reports.models import Report;"
            "r = Report.objects.get(title='Årsrapport fra Dar es Salaam');"
            "print(r.document.title, r.live)",
        )
        == "arsrapport-1 False"
    )


def test_an_editor_translates_a_page(page, stack, admin_as):
    admin_as("redaktor")
    tanzania = page_id(stack, "tanzania")
    page.goto(f"{stack.url}/admin/pages/{tanzania}/edit/")
    page.locator("header").get_by_role("button", name="Handlinger").click()
    page.get_by_role("link", name="Oversett").click()
    page.get_by_label("Engelsk").check()
    page.get_by_role("button", name=re.compile("Send")).last.click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))
    assert "Tanzania" in messages(page)
    assert (
        shell(
            stack,
            "from partners.models import PartnerPage;"
            "p = PartnerPage.objects.get(slug='tanzania', locale__language_code='nb');"
            "print(p.get_translations().get().locale.language_code)",
        )
        == "en"
    )


def test_an_approver_schedules_a_publication_and_compares_revisions(page, stack, admin_as):
    admin_as("ansvarlig")
    tanzania = page_id(stack, "tanzania")
    page.goto(f"{stack.url}/admin/pages/{tanzania}/edit/")
    page.fill("#id_summary", "Et samarbeid som begynte i 2020.")
    page.get_by_role("button", name="Status").first.click()
    page.get_by_role("button", name="Sett tidsplan").click()
    dialog = page.get_by_role("dialog", name="Sett tidsplan for publisering")
    when = datetime.date.today() + datetime.timedelta(days=2)
    day = when.isoformat()
    months = "januar februar mars april mai juni juli august september oktober november desember"
    day_shown = f"{when.day}. {months.split()[when.month - 1]} {when.year} 10:00"
    dialog.locator("#id_go_live_at").fill(f"{day} 09:00")
    # The time is chosen in the picker, which then closes.
    page.locator(".xdsoft_datetimepicker:visible .xdsoft_time", has_text="10:00").click()
    # Saving the schedule saves a draft; publishing it then schedules it.
    dialog.get_by_role("button", name="Lagre tidsplanen").click()
    page.wait_for_url(f"{stack.url}/admin/pages/{tanzania}/edit/")
    open_actions(page)
    page.get_by_role("button", name="Planlegg publisering").click()
    page.wait_for_load_state("networkidle")
    assert (
        shell(
            stack,
            "from partners.models import PartnerPage;"
            "p = PartnerPage.objects.get(slug='tanzania', locale__language_code='nb');"
            "r = p.scheduled_revision;"
            "print(r is not None and r.approved_go_live_at.date().isoformat(), p.summary)",
        )
        == f"{day} Et samarbeid med kvinneorganisasjoner i Tanzania."
    )

    page.goto(f"{stack.url}/admin/pages/{tanzania}/history/")
    # The draft with the new summary against the published version before it
    # (the newest row is the scheduling, with the same text).
    menus = page.locator("main").get_by_role("button", name=re.compile("Flere valg|Handlinger"))
    menus.nth(1).click()
    page.get_by_role("link", name="Sammenlign med forrige versjon").first.click()
    page.wait_for_url(re.compile(r"/revisions/compare/"))
    # The summary's words that went and came, and the date the schedule set.
    added = " ".join(page.locator("main .addition").all_inner_texts())
    removed = " ".join(page.locator("main .deletion").all_inner_texts())
    assert "som begynte i 2020." in added and "med kvinneorganisasjoner i Tanzania." in removed
    assert day_shown in added and "None" not in page.locator("main").inner_text()


def test_a_superuser_meets_no_other_host_either(page, stack, admin_as):
    """The dashboard of a superuser with an e-mail address: Wagtail would ask
    releases.wagtail.org and Gravatar; the watch fails on any such request."""
    watch = admin_as("admin")
    for path in ("/admin/", "/admin/users/", "/admin/account/", "/admin/pages/search/?q=kypros"):
        page.goto(stack.url + path)
        page.wait_for_load_state("networkidle")
    assert {"/admin/", "/admin/users/", "/admin/account/"} <= watch.screens
    # The superuser's avatar is drawn by the site itself.
    assert page.locator("img[src*='gravatar']").count() == 0


def test_the_watch_sees_a_blocked_script_and_another_host(page, stack, staff):
    """Positive control: a script from another host, and an inline one under
    the public pages' policy, are both seen."""
    watch = Watch(page, stack.url)
    page.goto(stack.url + "/partnere/")
    # An inline script: the public pages' policy refuses it.
    page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = '1';"
        " document.body.append(s); }"
    )
    page.wait_for_timeout(300)
    assert watch.violations(), watch.console
    with pytest.raises(Exception, match="ERR_NAME_NOT_RESOLVED|net::"):
        page.goto("http://gravatar.invalid/avatar/x")
    assert [url for _, url in watch.elsewhere()] == ["http://gravatar.invalid/avatar/x"]
