"""The report library (Report, ReportIndexPage) moves to its own app,
``reports``. The tables are renamed and every row stays; ``reports.0001``
takes the models over in Django's state and renames their content types, so
revisions, workflow states, permissions and the search index follow."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0002_report_workflow_and_locking"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterModelTable("Report", "reports_report"),
                migrations.AlterModelTable("ReportIndexPage", "reports_reportindexpage"),
            ],
            state_operations=[
                migrations.DeleteModel("Report"),
                migrations.DeleteModel("ReportIndexPage"),
            ],
        ),
    ]
