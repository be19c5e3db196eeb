"""Wagtail's migrations make a workflow and a task named "Moderators approval"
for its English default groups; this site's approval is "Godkjenning"
(roles/workflow.py). Left in place, the unused English task sits in every list
of tasks and workflows staff meet. Removed while nothing has gone through it;
one that has a history is kept."""

from django.db import migrations

WAGTAIL_DEFAULT = "Moderators approval"


def remove_the_unused_default(apps, schema_editor):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Task = apps.get_model("wagtailcore", "Task")
    WorkflowState = apps.get_model("wagtailcore", "WorkflowState")
    TaskState = apps.get_model("wagtailcore", "TaskState")
    for workflow in Workflow.objects.filter(name=WAGTAIL_DEFAULT):
        if not WorkflowState.objects.filter(workflow=workflow).exists():
            workflow.delete()
    for task in Task.objects.filter(name=WAGTAIL_DEFAULT):
        used = TaskState.objects.filter(task=task).exists()
        if not used and not task.workflow_tasks.exists():
            task.delete()


class Migration(migrations.Migration):
    dependencies = [("wagtailcore", "0098_apitoken")]

    operations = [migrations.RunPython(remove_the_unused_default, migrations.RunPython.noop)]
