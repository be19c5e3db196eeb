"""Before going live: the dashboard tells staff what the site still lacks
(contact details, help lines a person has checked), and Wagtail's unused
English default workflow is gone."""

import datetime

import pytest
from wagtail.models import GroupApprovalTask, Site, Task, Workflow

from pages.models import SiteSettings
from roles.workflow import APPROVERS, EDITORS
from tests.helpers import make_user, soup

pytestmark = pytest.mark.django_db

CONTACT = "Kontaktopplysningene er ikke fylt ut"
HELP_LINES = "Ingen har bekreftet at numrene og adressene til hjelpetelefonene stemmer"


def settings():
    return SiteSettings.for_site(Site.objects.get(is_default_site=True))


def client_as(client, name, role):
    from wagtail.users.models import UserProfile

    user = make_user(name, role)
    UserProfile.objects.filter(pk=UserProfile.get_for_user(user).pk).update(preferred_language="nb")
    client.force_login(user)
    return client


def dashboard(client, role):
    return soup(client_as(client, "ansatt", role).get("/admin/")).select_one(
        "#before-going-live-section"
    )


def test_the_dashboard_lists_what_the_site_lacks_and_where_to_fill_it_in(client):
    panel = dashboard(client, APPROVERS)
    text = " ".join(panel.get_text(" ").split())
    assert CONTACT in text and HELP_LINES in text
    link = panel.select_one('a[href*="/admin/settings/pages/sitesettings/"]')
    assert link.get_text(strip=True) == "Fyll dem ut under Innstillinger → Nettstedsinnstillinger"


def test_an_editor_sees_it_too_and_is_told_who_fills_it_in(client):
    panel = dashboard(client, EDITORS)
    assert HELP_LINES in panel.get_text(" ")
    assert panel.select_one('a[href*="/admin/settings/"]') is None
    assert "En ansvarlig redaktør fyller dem ut" in panel.get_text(" ")


def test_the_panel_goes_when_nothing_is_missing(client):
    site_settings = settings()
    site_settings.contact_email = "post@krisesenter.com"
    site_settings.help_lines_checked_on = datetime.date(2026, 12, 4)
    site_settings.save()
    assert dashboard(client, APPROVERS) is None
    # Positive control: one thing missing again, and the panel is back with it alone.
    site_settings.contact_email = ""
    site_settings.save()
    client.logout()
    panel = soup(client_as(client, "ansvarlig2", APPROVERS).get("/admin/"))
    text = " ".join(panel.select_one("#before-going-live-section").get_text(" ").split())
    assert CONTACT in text and HELP_LINES not in text


def test_a_changed_help_line_must_be_checked_again():
    site_settings = settings()
    site_settings.help_lines_checked_on = datetime.date(2026, 12, 1)
    site_settings.save()
    site_settings.contact_phone = "22 00 00 00"  # not a help line: the check stands
    site_settings.save()
    assert settings().help_lines_checked_on == datetime.date(2026, 12, 1)
    site_settings.helpline_number = "116 117"
    site_settings.save()
    assert settings().help_lines_checked_on is None
    # Changed and checked in the same save: the new date stands.
    site_settings.helpline_number = "116 006"
    site_settings.help_lines_checked_on = datetime.date(2026, 12, 4)
    site_settings.save()
    assert settings().help_lines_checked_on == datetime.date(2026, 12, 4)


def test_wagtails_unused_default_workflow_and_task_are_gone():
    assert not Workflow.objects.filter(name="Moderators approval").exists()
    assert not Task.objects.filter(name="Moderators approval").exists()
    assert list(Workflow.objects.values_list("name", flat=True)) == ["Godkjenning"]


def test_a_default_workflow_that_has_been_used_is_kept():
    from importlib import import_module

    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import TaskState, WorkflowState

    from tests.factories import ReportFactory

    migration = import_module("roles.migrations.0001_remove_wagtails_unused_default_workflow")
    task = GroupApprovalTask.objects.create(name="Moderators approval")
    used = Workflow.objects.create(name="Moderators approval")
    used.workflow_tasks.create(task=task, sort_order=0)
    # A report went through it once: its history is kept.
    report = ReportFactory()
    report_type = ContentType.objects.get_for_model(report)
    state = WorkflowState.objects.create(
        content_object=report,
        content_type=report_type,
        base_content_type=report_type,
        workflow=used,
        status="approved",
        requested_by=make_user("redaktor", EDITORS),
    )
    TaskState.objects.create(
        workflow_state=state,
        task=task,
        revision=report.save_revision(),
        status="approved",
        content_type=ContentType.objects.get_for_model(GroupApprovalTask),
    )
    migration.remove_the_unused_default(apps, None)
    assert Workflow.objects.filter(pk=used.pk).exists()
    assert Task.objects.filter(pk=task.pk).exists()
    # Positive control: unused, the same are removed.
    unused_task = GroupApprovalTask.objects.create(name="Moderators approval")
    Workflow.objects.filter(pk=used.pk).delete()
    migration.remove_the_unused_default(apps, None)
    assert not Task.objects.filter(pk=unused_task.pk).exists()
