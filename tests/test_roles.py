"""The editorial roles come from migrate alone (roles/migrations/): on a
database that never had the seed content, an editor may edit a new page
but not publish it, an approver may publish it, and changes to pages and
reports go through the approval workflow."""

import json
import os
import subprocess
import sys

from tests.conftest import ROOT

CHECK = """
import json
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Page, Workflow, WorkflowContentType
from pages.models import StandardPage
from reports.models import Report
from roles.workflow import APPROVERS, EDITORS, WORKFLOW
root = Page.get_first_root_node()
seeded = Page.objects.filter(depth=2).exclude(slug="home").exists()
page = root.add_child(instance=StandardPage(title="Ny side", slug="ny-side", live=False))
users = {}
for name in (EDITORS, APPROVERS):
    user = get_user_model().objects.create_user(name.split()[0].lower(), password="x")
    user.groups.add(Group.objects.get(name=name))
    users[name] = page.permissions_for_user(user)
print(json.dumps({
    "seeded": seeded,
    "editor edits": users[EDITORS].can_edit(),
    "editor publishes": users[EDITORS].can_publish(),
    "approver publishes": users[APPROVERS].can_publish(),
    "page workflow": getattr(page.get_workflow(), "name", None),
    "report workflow": getattr(WorkflowContentType.objects.filter(
        content_type__model="report").first(), "workflow_id", None)
        == Workflow.objects.get(name=WORKFLOW).pk,
    "english groups": list(Group.objects.filter(name__in=["Editors", "Moderators"])
        .values_list("name", flat=True)),
}))
"""


def test_migrate_alone_gives_the_editorial_roles_and_the_workflow(tmp_path):
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "kss_site.settings.dev",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "PRIVATE_MEDIA_ROOT": str(tmp_path / "private"),
    }

    def manage(*args):
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stderr[-3000:]
        return result.stdout

    manage("migrate", "--noinput", "-v0")
    found = json.loads(manage("shell", "-c", CHECK).strip().splitlines()[-1])
    assert found == {
        "seeded": False,  # no seed content: the roles come from migrate
        "editor edits": True,
        "editor publishes": False,
        "approver publishes": True,
        "page workflow": "Godkjenning",
        "report workflow": True,
        "english groups": [],
    }
