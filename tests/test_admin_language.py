"""An admin wholly in Norwegian: with Norwegian as their language, an editor
and an approver see no English string on the screens they use. Wagtail's own
Norwegian catalogue lacks many; locale_admin/ supplies them. The strings are
found from Wagtail's and Django's English catalogues (tests/admin_language.py)."""

import pytest
from django.test import Client
from wagtail.models import Page, Site
from wagtail.users.models import UserProfile

from partners.models import PartnerIndexPage
from reports.models import Report
from roles.workflow import APPROVERS, EDITORS
from tests.admin_language import english_on
from tests.factories import DocumentFactory
from tests.helpers import make_image, make_user

pytestmark = pytest.mark.django_db


def screens():
    """Every admin screen an editor or approver works in."""
    image, document = make_image("Sal"), DocumentFactory()
    report = Report.objects.filter(locale__language_code="nb").first()
    page = Page.objects.get(slug="kypros")
    parent = page.get_parent()
    return [
        "/admin/",
        f"/admin/pages/{parent.pk}/",
        "/admin/pages/search/?q=kypros",
        f"/admin/pages/{page.pk}/edit/",
        f"/admin/pages/{page.pk}/history/",
        f"/admin/pages/add/partners/partnerpage/{parent.pk}/",
        f"/admin/pages/{page.pk}/copy/",
        f"/admin/translation/submit/page/{page.pk}/",
        "/admin/images/",
        f"/admin/images/{image.pk}/",
        "/admin/images/multiple/add/",
        "/admin/documents/",
        f"/admin/documents/edit/{document.pk}/",
        "/admin/documents/multiple/add/",
        "/admin/snippets/reports/report/",
        f"/admin/snippets/reports/report/edit/{report.pk}/",
        "/admin/snippets/reports/report/add/?locale=nb",
        "/admin/account/",
    ]


def approver_screens():
    """The screens only an approver works in: the site settings and the
    approvals waiting."""
    return [
        f"/admin/settings/pages/sitesettings/{Site.objects.get(is_default_site=True).pk}/",
        "/admin/reports/workflow/",
        "/admin/reports/workflow_tasks/",
        "/admin/reports/site-history/",
    ]


@pytest.mark.parametrize("role", [EDITORS, APPROVERS])
def test_no_english_on_the_screens_of_a_norwegian_editor(client, role):
    user = make_user("redaktor", role)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "nb"
    profile.save()
    client.force_login(user)
    english = {}
    for url in screens():
        response = client.get(url)
        assert response.status_code == 200, url
        found = english_on(response.content.decode())
        if found:
            english[url] = sorted(found)
    assert english == {}


@pytest.mark.parametrize("url", ["/admin/login/", "/admin/password_reset/"])
def test_no_english_before_logging_in(url):
    assert english_on(Client(HTTP_ACCEPT_LANGUAGE="nb").get(url).content.decode()) == set()


def test_the_finder_finds_english_where_there_is_some():
    """Positive control: a screen showing a string nobody has translated yet,
    as text and in an attribute, is caught; its Norwegian is not."""
    from tests.admin_language import english_strings

    untranslated = sorted(m for m in english_strings() if "%" not in m and "{" not in m)
    assert "Toggle breadcrumbs" not in untranslated  # locale_admin/ has it
    msgid = untranslated[0]
    assert english_on(f"<p>{msgid}</p>") == {msgid}
    assert english_on(f'<button aria-label="{msgid}"></button>') == {msgid}
    assert english_on('<button aria-label="Vis eller skjul brødsmulesti"></button>') == set()


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


def test_no_english_on_the_screens_only_an_approver_uses(client):
    """The site settings and the approvals waiting, as an approver sees them
    (an editor is refused them)."""
    approver = make_user("ansvarlig", APPROVERS)
    UserProfile.objects.filter(pk=UserProfile.get_for_user(approver).pk).update(
        preferred_language="nb"
    )
    client.force_login(approver)
    english = {}
    for url in approver_screens():
        response = client.get(url)
        assert response.status_code == 200, url
        if found := english_on(response.content.decode()):
            english[url] = sorted(found)
    assert english == {}
