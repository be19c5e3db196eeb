"""PendingPurge gives way to the task queue (caching/tasks.py). Purges it
still held are not lost: Varnish and the page cache forget everything once
the worker runs."""

from django.db import migrations


def queue_what_was_pending(apps, schema_editor):
    if not apps.get_model("caching", "PendingPurge").objects.exists():
        return
    from caching.tasks import forget_pages

    forget_pages.enqueue(paths=[], everything=True)


class Migration(migrations.Migration):
    dependencies = [
        ("caching", "0002_pending_purge_target"),
        (
            "django_tasks_database",
            "0019_rename_django_task_new_ordering_idx_tasks_db_new_ordering_idx_and_more",
        ),
    ]

    operations = [
        migrations.RunPython(queue_what_was_pending, migrations.RunPython.noop),
        migrations.DeleteModel(name="PendingPurge"),
    ]
