"""Mail works: production takes its mail settings from EMAIL_URL, an approver
hears of a submission, and a forgotten password can be reset by e-mail."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from kss_site.settings.mail import email_settings
from partners.models import PartnerPage
from roles.workflow import APPROVERS, EDITORS
from tests.helpers import PRODUCTION_ENV, make_user


def test_an_smtp_address_with_starttls_and_a_sender():
    config = email_settings(
        "smtp+tls://nettsted%40kss.no:p%40ss%2Ford@smtp.example.org:587?from=nettsted@kss.no"
    )
    assert config == {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "smtp.example.org",
        "EMAIL_PORT": 587,
        "EMAIL_HOST_USER": "nettsted@kss.no",
        "EMAIL_HOST_PASSWORD": "p@ss/ord",
        "EMAIL_USE_TLS": True,
        "EMAIL_USE_SSL": False,
        "EMAIL_TIMEOUT": 10,
        "DEFAULT_FROM_EMAIL": "nettsted@kss.no",
        "SERVER_EMAIL": "nettsted@kss.no",
    }


def test_ssl_plain_and_files():
    assert email_settings("smtp+ssl://smtp.example.org")["EMAIL_PORT"] == 465
    assert email_settings("smtp+ssl://smtp.example.org")["EMAIL_USE_SSL"] is True
    plain = email_settings("smtp://relay.internal")
    assert plain["EMAIL_PORT"] == 25 and not plain["EMAIL_USE_TLS"] and not plain["EMAIL_USE_SSL"]
    files = email_settings("file:///var/spool/kss-mail")
    assert files["EMAIL_FILE_PATH"] == "/var/spool/kss-mail"


@pytest.mark.parametrize("url", ["http://smtp.example.org", "smtp://", "file://", "nonsense"])
def test_a_wrong_address_stops_the_start(url):
    with pytest.raises(ImproperlyConfigured):
        email_settings(url)


def test_production_does_not_start_without_mail():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "EMAIL_URL"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=settings.BASE_DIR,
        env={
            "PATH": os.environ["PATH"],
            "DJANGO_SETTINGS_MODULE": "kss_site.settings.production",
            **env,
        },
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0 and "EMAIL_URL must be set" in result.stderr


@pytest.mark.django_db
def test_an_approver_is_told_of_a_submission(client, django_capture_on_commit_callbacks):
    approver = make_user("ansvarlig", APPROVERS)
    approver.email = "ansvarlig@kss.example.org"
    approver.save()
    from partners.models import PartnerIndexPage
    from tests.test_editorial import PAGE_TYPES, add_page, nb

    client.force_login(make_user("redaktor", EDITORS))
    with django_capture_on_commit_callbacks(execute=True):
        add_page(
            client, PartnerPage, nb(PartnerIndexPage), PAGE_TYPES[1][2], "kenya", "action-submit"
        )
    to_approver = [m for m in mail.outbox if "ansvarlig@kss.example.org" in m.to]
    assert to_approver, [m.subject for m in mail.outbox]
    page = PartnerPage.objects.get(slug="kenya")
    assert "Ny kenya" in to_approver[0].subject
    assert reverse("wagtailadmin_pages:edit", args=[page.pk]) in to_approver[0].body


@pytest.mark.django_db
def test_a_forgotten_password_is_reset_by_mail(client):
    editor = make_user("redaktor", EDITORS)
    editor.email = "redaktor@kss.example.org"
    editor.save()
    response = client.post(
        reverse("wagtailadmin_password_reset"), {"email": "redaktor@kss.example.org"}
    )
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == ["redaktor@kss.example.org"]
    link = next(
        line for line in message.body.splitlines() if "/admin/password_reset/confirm/" in line
    )
    # The link works: it leads to the form for a new password.
    path = link.strip().split("://", 1)[-1].split("/", 1)[-1]
    confirm = client.get("/" + path, follow=True)
    assert confirm.status_code == 200
    assert 'name="new_password1"' in confirm.content.decode()


def links_in(message):
    """Every address in a mail, its text and its HTML part."""
    import re

    parts = [message.body] + [content for content, _kind in getattr(message, "alternatives", [])]
    return sorted(
        {
            link.rstrip(".,)\"'")
            for part in parts
            for link in re.findall(r"https?://[^\s<>\"]+", part)
        }
    )


@pytest.mark.django_db
def test_every_link_of_every_notice_leads_where_it_says(client, django_capture_on_commit_callbacks):
    """The notices of the approval workflow, for a page and for a report:
    sent from the configured sender, every link on the site's address, and
    each opens, for the staff member it was sent to, a screen with what it
    names (the page to review, its preview, the edit form, the live page)."""
    from urllib.parse import urlsplit

    from wagtail.users.models import UserProfile

    from partners.models import PartnerIndexPage
    from reports.models import Report
    from tests.test_editorial import PAGE_TYPES, add_page, nb, report_form

    editor, approver = make_user("redaktor", EDITORS), make_user("ansvarlig", APPROVERS)
    for user in (editor, approver):
        user.email = f"{user.username}@kss.example.org"
        user.save()
        UserProfile.objects.filter(pk=UserProfile.get_for_user(user).pk).update(
            preferred_language="nb"
        )
    by_address = {user.email: user for user in (editor, approver)}

    def act(user, action):
        client.force_login(user)
        with django_capture_on_commit_callbacks(execute=True):
            response = action()
        assert response.status_code == 302, response.content.decode()[:2000]

    def decide(user, obj, verdict, name):
        task_state = obj.current_workflow_task_state
        url = reverse(f"{name}:workflow_action", args=[obj.pk, verdict, task_state.pk])
        act(user, lambda: client.post(url, {"comment": "Se over avsnitt to."}))

    parent = nb(PartnerIndexPage)
    act(
        editor,
        lambda: add_page(client, PartnerPage, parent, PAGE_TYPES[1][2], "kenya", "action-submit"),
    )
    page = PartnerPage.objects.get(slug="kenya")
    decide(approver, page, "approve", "wagtailadmin_pages")
    add = reverse("wagtailsnippets_reports_report:add") + "?locale=nb"
    act(editor, lambda: client.post(add, report_form("Rapport fra Nairobi", "action-submit")))
    report = Report.objects.get(title="Rapport fra Nairobi")
    decide(approver, report, "reject", "wagtailsnippets_reports_report")

    assert {m.subject for m in mail.outbox}, "no notices were sent"
    base = settings.WAGTAILADMIN_BASE_URL
    names = {"Ny kenya", "Rapport fra Nairobi"}
    seen = set()
    for message in mail.outbox:
        assert message.from_email == settings.DEFAULT_FROM_EMAIL != "webmaster@localhost"
        (address,) = message.to
        recipient = by_address[address]
        for link in links_in(message):
            assert link.startswith(base + "/"), (message.subject, link)
            path = urlsplit(link).path
            client.force_login(recipient)
            response = client.get(path, follow=True)
            assert response.status_code == 200, (message.subject, link)
            shown = response.content.decode()
            if "notifications" not in urlsplit(link).fragment and "/account/" not in path:
                assert any(name in shown for name in names), (message.subject, link)
            seen.add(path.split("/")[2] if path.startswith("/admin/") else "public")
    # The review, preview and edit links of both kinds, and the live page.
    assert {"pages", "snippets", "public", "account"} <= seen, seen
