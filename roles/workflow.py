"""The two editorial roles and the approval workflow.

- "Redaktører" (editors) add and edit pages, reports, images and documents
  anywhere on the site and submit them for approval; they never publish. They
  replace or delete the file of an image or a document only while nothing live
  shows it (security/permissions.py), and delete or move only their own pages
  (pages/permissions.py).
- "Ansvarlige redaktører" (approvers) may also publish, approve, delete,
  replace a file that is live and change the site settings.

The workflow "Godkjenning" covers the whole page tree (both languages) and
the reports: an editor's change reaches the public only when an approver
accepts it. Created by ``load_seed_content``; like the rest of the seed, an
existing group or workflow that staff have changed is left as it is.
"""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowContentType,
    WorkflowPage,
    WorkflowTask,
)

# What Wagtail's own migrations create; replaced by the Norwegian roles below.
WAGTAIL_DEFAULT_GROUPS = ("Editors", "Moderators")
WAGTAIL_DEFAULT_WORKFLOW = "Moderators approval"

EDITORS = "Redaktører"
APPROVERS = "Ansvarlige redaktører"
WORKFLOW = "Godkjenning"
TASK = "Godkjenning av ansvarlig redaktør"

# Approvers may do everything editors may, and publish, approve and delete.
_EDITOR_PAGE = ["add_page", "change_page", "lock_page", "unlock_page"]
_EDITOR_COLLECTION = [
    "add_image",
    "change_image",
    "choose_image",
    "add_document",
    "change_document",
    "choose_document",
]
_EDITOR_MODEL = [
    "wagtailadmin.access_admin",
    "reports.add_report",
    "reports.change_report",
    "reports.lock_report",
    "reports.unlock_report",
    "simple_translation.submit_translation",
]
PAGE_PERMISSIONS = {EDITORS: _EDITOR_PAGE, APPROVERS: [*_EDITOR_PAGE, "publish_page"]}
COLLECTION_PERMISSIONS = {
    EDITORS: _EDITOR_COLLECTION,
    APPROVERS: [*_EDITOR_COLLECTION, "delete_image", "delete_document"],
}
MODEL_PERMISSIONS = {
    EDITORS: _EDITOR_MODEL,
    APPROVERS: [
        *_EDITOR_MODEL,
        "reports.publish_report",
        "reports.delete_report",
        "pages.change_sitesettings",
        "wagtailredirects.add_redirect",
        "wagtailredirects.change_redirect",
        "wagtailredirects.delete_redirect",
    ],
}


def permission(name, default_app=None):
    if "." in name:
        app_label, codename = name.split(".")
    else:
        app_label, codename = default_app, name
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def ensure_roles_and_workflow(site_roots, workflow_models=()):
    """Create the groups, their permissions and the workflow if they are missing.

    ``site_roots`` are the front pages of every language: page permissions are
    granted there, so the whole site in both languages is covered.
    ``workflow_models`` are the snippet models (reports) that go through the
    same approval as pages."""
    root_page = Page.get_first_root_node()
    # Wagtail's migrations make the root collection; an emptied database lacks it.
    root_collection = Collection.get_first_root_node() or Collection.add_root(name="Root")
    groups = {}
    for name in (EDITORS, APPROVERS):
        group, created = Group.objects.get_or_create(name=name)
        groups[name] = group
        if not created:
            continue
        for site_root in site_roots:
            for codename in PAGE_PERMISSIONS[name]:
                GroupPagePermission.objects.create(
                    group=group, page=site_root, permission=permission(codename, "wagtailcore")
                )
        for codename in COLLECTION_PERMISSIONS[name]:
            app = "wagtailimages" if codename.endswith("image") else "wagtaildocs"
            GroupCollectionPermission.objects.create(
                group=group, collection=root_collection, permission=permission(codename, app)
            )
        group.permissions.add(*[permission(codename) for codename in MODEL_PERMISSIONS[name]])

    workflow, created = Workflow.objects.get_or_create(name=WORKFLOW)
    if created:
        task, _ = GroupApprovalTask.objects.get_or_create(name=TASK)
        task.groups.set([groups[APPROVERS]])
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    assignment, _ = WorkflowPage.objects.get_or_create(
        page=root_page, defaults={"workflow": workflow}
    )
    if assignment.workflow.name == WAGTAIL_DEFAULT_WORKFLOW:
        assignment.workflow = workflow
        assignment.save()
        Workflow.objects.filter(name=WAGTAIL_DEFAULT_WORKFLOW).update(active=False)
    # Wagtail's English default groups would sit beside ours; drop them while unused.
    Group.objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS, user__isnull=True).delete()
    for model in workflow_models:
        WorkflowContentType.objects.get_or_create(
            content_type=ContentType.objects.get_for_model(model), defaults={"workflow": workflow}
        )
