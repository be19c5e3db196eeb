"""The editorial roles and the approval workflow (roles/workflow.py), made by
`migrate` itself: a deployment that never loads the seed content has them
too. Page permissions are granted at the root of the page tree, so they
cover every site and language; image and document permissions at the root
collection. What exists already (a group or a workflow staff have changed,
or one an earlier seed made) is left as it is."""

from django.contrib.auth.management import create_permissions
from django.contrib.contenttypes.management import create_contenttypes
from django.db import migrations

from roles.workflow import (
    APPROVERS,
    COLLECTION_PERMISSIONS,
    EDITORS,
    MODEL_PERMISSIONS,
    PAGE_PERMISSIONS,
    TASK,
    WAGTAIL_DEFAULT_GROUPS,
    WAGTAIL_DEFAULT_WORKFLOW,
    WORKFLOW,
)


def make_roles(apps, schema_editor):
    # Django makes content types and permissions after the last migration;
    # these need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_contenttypes(app_config, verbosity=0, apps=apps)
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    def permission(name, default_app=None):
        app_label, codename = name.split(".") if "." in name else (default_app, name)
        return Permission.objects.get(content_type__app_label=app_label, codename=codename)

    # Wagtail makes a snippet's publish, lock and unlock permissions after the
    # last migration too (wagtail.snippets.models.create_extra_permissions),
    # with these names; it leaves those that exist.
    report_type, _ = ContentType.objects.get_or_create(app_label="reports", model="report")
    for action in ("publish", "lock", "unlock"):
        Permission.objects.get_or_create(
            content_type=report_type,
            codename=f"{action}_report",
            defaults={"name": f"Can {action} report"},
        )

    root_page = Page.objects.filter(depth=1).first()
    root_collection = Collection.objects.filter(depth=1).first()
    groups = {}
    for name in (EDITORS, APPROVERS):
        group, created = Group.objects.get_or_create(name=name)
        groups[name] = group
        if not created:
            continue
        for codename in PAGE_PERMISSIONS[name]:
            GroupPagePermission.objects.create(
                group=group, page=root_page, permission=permission(codename, "wagtailcore")
            )
        for codename in COLLECTION_PERMISSIONS[name]:
            app = "wagtailimages" if codename.endswith("image") else "wagtaildocs"
            GroupCollectionPermission.objects.create(
                group=group, collection=root_collection, permission=permission(codename, app)
            )
        group.permissions.add(*[permission(codename) for codename in MODEL_PERMISSIONS[name]])

    workflow, created = Workflow.objects.get_or_create(name=WORKFLOW)
    if created:
        task_type, _ = ContentType.objects.get_or_create(
            app_label="wagtailcore", model="groupapprovaltask"
        )
        task = GroupApprovalTask.objects.create(name=TASK, content_type=task_type)
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
    WorkflowContentType.objects.get_or_create(
        content_type=report_type, defaults={"workflow": workflow}
    )


class Migration(migrations.Migration):
    dependencies = [
        ("roles", "0001_remove_wagtails_unused_default_workflow"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("simple_translation", "0001_initial"),
        ("pages", "0011_typographic_apostrophe"),
        ("reports", "0003_summary_one_or_two_sentences"),
    ]

    operations = [migrations.RunPython(make_roles, migrations.RunPython.noop)]
