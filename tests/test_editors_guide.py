"""The editor's guide (docs/redaktorveiledning.md) quotes the screens' real
labels: every label it sets in italics or bold, and every step of a menu path
("Sider → Internasjonalt arbeid → Partnere"), is on the screens the guide
walks through, as a Norwegian editor or approver sees them."""

import html
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.test import Client
from wagtail.models import Page, Workflow
from wagtail.users.models import UserProfile

from roles.workflow import APPROVERS, EDITORS
from tests.helpers import make_user, read_po

pytestmark = pytest.mark.django_db

GUIDE = Path(settings.BASE_DIR) / "docs" / "redaktorveiledning.md"


def quoted_labels():
    text = re.sub(r"```.*?```", "", GUIDE.read_text(encoding="utf-8"), flags=re.S)
    text = re.sub(r"`[^`]*`", "", text)
    labels = set()
    for quoted in re.findall(r"(?<![*\w])\*{1,2}([^*\n]+?)\*{1,2}(?![*\w])", text):
        labels |= {step.strip() for step in quoted.split("→")}
    return labels


def guide_screens():
    """The screens the guide walks through, in its order."""
    partners = Page.objects.get(slug="partnere")
    conferences = Page.objects.get(slug="konferanser")
    kypros = Page.objects.get(slug="kypros")
    revision = kypros.latest_revision
    return [
        "/admin/",
        "/admin/account/",
        f"/admin/pages/{partners.get_parent().pk}/",
        f"/admin/pages/{partners.pk}/",
        f"/admin/pages/{partners.pk}/add_subpage/",
        f"/admin/pages/add/partners/partnerpage/{partners.pk}/",
        f"/admin/pages/{conferences.pk}/add_subpage/",
        f"/admin/pages/add/conferences/conferencepage/{conferences.pk}/",
        "/admin/documents/",
        "/admin/documents/multiple/add/",
        "/admin/snippets/reports/report/",
        "/admin/snippets/reports/report/add/?locale=nb",
        f"/admin/translation/submit/page/{kypros.pk}/",
        f"/admin/pages/{kypros.pk}/edit/",
        f"/admin/pages/{kypros.pk}/history/",
        f"/admin/pages/{kypros.pk}/revisions/{revision.pk}/view/",
        f"/admin/pages/{kypros.pk}/revisions/{revision.pk}/revert/",
        "/admin/reports/workflow/",
        "/admin/settings/pages/sitesettings/",
    ]


def screen_text(content):
    """What a screen says, its scripts' options (the rich-text toolbar's
    labels, escaped as JSON) included."""
    text = html.unescape(content.decode())
    return re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m[1], 16)), text)


def test_every_label_the_guide_quotes_is_on_its_screens():
    kypros = Page.objects.get(slug="kypros")
    editor = make_user("redaktor", EDITORS)
    # Two edits, so the history has a version to go back to, then a submission,
    # so the approver has something to approve.
    for _edit in range(2):
        kypros.specific.save_revision(user=editor, log_action=True)
    Workflow.objects.get(name="Godkjenning").start(kypros, editor)
    seen = []
    for user in (editor, make_user("ansvarlig", APPROVERS)):
        UserProfile.objects.filter(pk=UserProfile.get_for_user(user).pk).update(
            preferred_language="nb"
        )
        client = Client()
        client.force_login(user)
        for url in guide_screens():
            response = client.get(url)
            if response.status_code == 200:
                seen.append(screen_text(response.content))
    # What a visitor sees (headings such as "Kommende konferanser" show only
    # when there is something under them: the site's catalogue has them), and
    # the roles by their group names.
    public = Client()
    seen += [screen_text(public.get(path).content) for path in ("/", "/konferanser/")]
    seen += [
        msgstr
        for _context, _msgid, msgstr, _flags in read_po(
            Path(settings.BASE_DIR) / "locale" / "nb" / "LC_MESSAGES" / "django.po", wrapped=True
        )
    ]
    seen += list(Group.objects.values_list("name", flat=True))
    everything = "\n".join(seen)
    missing = {label for label in quoted_labels() if label not in everything}
    assert missing == set(), " / ".join(sorted(missing))


def test_the_guide_quotes_labels_at_all():
    # The finder above finds what it should: a guide without labels would pass.
    labels = quoted_labels()
    assert {"Sider", "Partnere", "Lagre kladd", "Send inn til Godkjenning"} <= labels
    assert len(labels) >= 30
