"""An admin wholly in Norwegian, found by walking it: every screen an
editor, an approver and a superuser can reach, from the admin's URL
patterns (tests/admin_crawl.py), with content in every state, and every
form on them sent empty and as it stands, show no English
(tests/admin_language.py). Wagtail's own Norwegian catalogue lacks many
strings; locale_admin/ supplies them, and corrects its odd ones. What the
admin's scripts draw is walked in Chromium (tests/test_admin_language_browser.py)."""

import pytest
from django.test import Client
from wagtail.users.models import UserProfile

from partners.models import PartnerIndexPage
from reports.models import Report
from roles.workflow import APPROVERS, EDITORS
from tests.admin_crawl import build_world, crawl, make_staff, record, typed_content
from tests.admin_language import english_on
from tests.helpers import make_user

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ["editor", "approver", "superuser"])
def test_no_english_anywhere_in_the_admin(role):
    staff = make_staff()
    world = build_world(staff)
    walk = crawl(Client(raise_request_exception=False), staff[role], world, typed_content())
    shown = walk.shown()
    record(role, f"server, {walk.sent} forms sent", shown)
    assert walk.errors == []
    assert walk.english == {}, "\n".join(
        f"{s}  ←  {url}" for s, url in sorted(walk.english.items())
    )
    # The walk reached what the role works in, not a login page over and over.
    assert len(shown) > {"editor": 150, "approver": 200, "superuser": 250}[role]


@pytest.mark.parametrize("url", ["/admin/login/", "/admin/password_reset/"])
def test_no_english_before_logging_in(url):
    assert english_on(Client(HTTP_ACCEPT_LANGUAGE="nb").get(url).content.decode()) == set()


def test_no_english_on_the_password_reset_steps():
    """The steps after asking: the mail's link, the new password, done."""
    from django.core import mail

    staff = make_staff()
    client = Client(HTTP_ACCEPT_LANGUAGE="nb")
    done = client.post("/admin/password_reset/", {"email": staff["editor"].email}, follow=True)
    assert english_on(done.content.decode()) == set()
    link = next(line for line in mail.outbox[0].body.splitlines() if "/confirm/" in line)
    form = client.get(link.strip(), follow=True)
    assert b'name="new_password1"' in form.content
    assert english_on(form.content.decode()) == set()
    errors = client.post(form.wsgi_request.path, {"new_password1": "a", "new_password2": "b"})
    assert english_on(errors.content.decode()) == set()


def test_the_finder_finds_english_where_there_is_some():
    """Positive control: a catalogue string nobody has translated, as text
    and in an attribute; an English sentence that is in no catalogue; but not
    the same words when they are content staff typed in, nor Norwegian."""
    from tests.admin_language import english_strings

    untranslated = sorted(m for m in english_strings() if "%" not in m and "{" not in m)
    assert "Toggle breadcrumbs" not in untranslated  # locale_admin/ has it
    msgid = untranslated[0]
    assert english_on(f"<p>{msgid}</p>") == {msgid}
    assert english_on(f'<button aria-label="{msgid}"></button>') == {msgid}
    assert english_on('<button aria-label="Vis eller skjul brødsmulesti"></button>') == set()
    hard_coded = "<h2>Your changes were saved as a draft</h2>"
    assert english_on(hard_coded) == {
        "Your changes were saved as a draft [Your, changes, were, saved, as, draft]"
    }
    typed = "Women’s Support Centre"
    assert english_on(f"<td>{typed}</td>", content=[typed]) == set()
    assert english_on(f"<td>Endre «{typed}»</td>", content=[typed]) == set()
    assert english_on("<td>Edit «Kypros»</td>", content=["Kypros"]) == {"Edit «Kypros» [Edit]"}
    assert english_on('<p lang="en">We could not understand the request.</p>') == set()
    assert english_on('<html lang="en"><body><p>Save draft</p></body></html>') != set()


def test_the_finder_of_odd_norwegian_sees_wagtails_old_errors():
    """Positive control: the errors Wagtail's own catalogue had are seen; the
    corrected words are not."""
    from tests.admin_language import odd_norwegian_on

    for odd in (
        "Avpublisér",
        "Slett valgte snutter",
        "Ny foreldreside",
        "Telefon-lenke",
        "Venter på din anmeldelse",
        "Tiittel på siden",
    ):
        assert odd_norwegian_on(f"<p>{odd}</p>") == {odd}, odd
    for good in (
        "Avpubliser",
        "Ny overordnet side",
        "Telefonlenke",
        "Venter på at du ser over",
        "Tittelen på siden",
        "Send inn til Godkjenning",
        "Bruker",
    ):
        assert odd_norwegian_on(f"<p>{good}</p>") == set(), good


def test_the_walk_follows_the_url_patterns():
    """Every admin route is walked or named as not a screen, with why; a
    route the rules cannot fill fails the walk."""
    from django.urls import path

    from tests import admin_crawl

    staff = make_staff()
    world = build_world(staff)
    routes, skipped = admin_crawl.screens(world)
    assert len(routes) + len(skipped) == len(admin_crawl.admin_routes())
    assert all(skipped.values())
    unknown = ("admin/kss/<int:gizmo_id>/", path("", lambda r: None))
    original = admin_crawl.admin_routes
    admin_crawl.admin_routes = lambda: [*original(), unknown]
    try:
        with pytest.raises(AssertionError, match="gizmo_id"):
            admin_crawl.screens(world)
    finally:
        admin_crawl.admin_routes = original


def norwegian_editor(client):
    user = make_user("redaktor", EDITORS)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "nb"
    profile.save()
    client.force_login(user)
    return user


def test_the_report_library_shows_the_editors_language_first(client):
    from tests.helpers import soup

    norwegian_editor(client)
    page = soup(client.get("/admin/snippets/reports/report/"))
    headings = [th.get_text(" ", strip=True) for th in page.select("thead th")]
    assert "Nettstedsspråk" in headings and "Publisert" in headings
    rows = page.select("tbody tr")
    assert len(rows) == Report.objects.filter(locale__language_code="nb").count()
    assert all("Norsk" in row.get_text() for row in rows)
    assert all("True" not in row.get_text() for row in rows)
    assert all(("Ja" in row.get_text()) or ("Nei" in row.get_text()) for row in rows)
    # "All languages" lists both.
    both = soup(client.get("/admin/snippets/reports/report/?locale="))
    assert len(both.select("tbody tr")) == min(Report.objects.count(), 20)


def test_the_explorer_lists_pages_as_the_menu_does(client):
    from pages.models import InternationalWorkPage
    from tests.helpers import soup

    norwegian_editor(client)
    home = InternationalWorkPage.objects.get(locale__language_code="nb")
    # An edit to the last section would put it first under Wagtail's default.
    last = home.get_children().last().specific
    last.save_revision()
    listing = soup(client.get(f"/admin/pages/{home.pk}/"))
    shown = [a.get_text(strip=True) for a in listing.select("tbody .title-wrapper a")]
    in_tree = [page.title for page in home.get_children()]
    assert shown[: len(in_tree)] == in_tree, shown


def test_approval_mails_are_in_norwegian(client, django_capture_on_commit_callbacks):
    from django.core import mail
    from django.urls import reverse

    from partners.models import PartnerPage
    from tests.admin_language import english_in_mail
    from tests.test_editorial import PAGE_TYPES, add_page, nb

    editor, approver = make_user("redaktor", EDITORS), make_user("ansvarlig", APPROVERS)
    for user in (editor, approver):
        user.email = f"{user.username}@kss.example.org"
        user.save()
        UserProfile.objects.filter(pk=UserProfile.get_for_user(user).pk).update(
            preferred_language="nb"
        )
    parent = nb(PartnerIndexPage)

    def submit(slug):
        client.force_login(editor)
        with django_capture_on_commit_callbacks(execute=True):
            add_page(client, PartnerPage, parent, PAGE_TYPES[1][2], slug, "action-submit")
        return PartnerPage.objects.get(slug=slug)

    def decide(page, action):
        client.force_login(approver)
        task_state = page.current_workflow_task_state
        with django_capture_on_commit_callbacks(execute=True):
            url = reverse(
                "wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk]
            )
            client.post(url, {"comment": "Se over avsnitt to."})

    decide(submit("kenya"), "reject")
    decide(submit("uganda"), "approve")
    subjects = [(m.to, m.subject) for m in mail.outbox]
    # Each kind of notice went out: the submission to the approver, the
    # request for changes and the approval to the editor.
    assert any("ansvarlig@kss.example.org" in to for to, _ in subjects), subjects
    assert sum("redaktor@kss.example.org" in to for to, _ in subjects) >= 2, subjects
    assert any("avvist" in m.body for m in mail.outbox), subjects
    assert any("godkjent" in m.body for m in mail.outbox), subjects
    for message in mail.outbox:
        assert english_in_mail(message) == set(), (message.subject, message.body)


def test_the_mail_finder_finds_english_where_there_is_some():
    from django.core.mail import EmailMessage

    from tests.admin_language import PLACEHOLDER, english_in_mail, english_strings

    # Any msgid still untranslated, with its placeholders filled by several words.
    # Every one of them, whichever the set's order would have picked.
    for msgid in sorted(m for m in english_strings(r".+") if PLACEHOLDER.search(m)):
        line = PLACEHOLDER.sub("Ny side om Kenya", msgid)
        assert msgid in english_in_mail(EmailMessage(subject="Hei", body=f"Hei,\n\n{line}\n"))
    msgid = sorted(m for m in english_strings(r".+") if PLACEHOLDER.search(m))[0]
    line = PLACEHOLDER.sub("Ny side om Kenya", msgid)
    assert msgid in english_in_mail(EmailMessage(subject="Hei", body=f"Hei,\n\n{line}\n"))
    assert msgid in english_in_mail(EmailMessage(subject=line, body=""))
    norwegian = 'Siden "Ny side om Kenya" er godkjent i arbeidsflyten "Godkjenning".'
    assert english_in_mail(EmailMessage(subject="Hei", body=norwegian)) == set()


def test_the_admin_template_overrides_are_wagtails_own_with_only_the_words_translated():
    """templates/wagtailadmin/ holds copies of Wagtail's templates that write
    English without gettext (staff/admin_templates.py): each must be
    Wagtail's installed template with only those words changed, or an
    upgrade of Wagtail would be hidden behind an old copy."""
    from staff.admin_templates import FIXES, expected, override_path

    overrides = {
        path.relative_to(override_path("")).as_posix()
        for path in override_path("wagtailadmin").rglob("*")
        if path.is_file()
    }
    assert overrides == set(FIXES)
    for name in FIXES:
        assert override_path(name).read_text() == expected(name), name
