"""Staff editing: editors write and submit, approvers publish; nothing reaches
the public without approval, by any admin route."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, Revision, WorkflowState
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    querydict_from_html,
    rich_text,
    streamfield,
)

from conferences.models import ConferenceIndexPage, ConferencePage
from pages.models import InternationalWorkPage, NetworkPage, StandardPage
from partners.models import PartnerIndexPage, PartnerPage
from reports.models import Report, ReportIndexPage
from roles.workflow import APPROVERS, EDITORS
from tests.helpers import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    user = make_user("redaktor", EDITORS)
    client.force_login(user)
    return user


@pytest.fixture
def approver():
    return make_user("ansvarlig", APPROVERS)


def body(text="Et avsnitt."):
    return streamfield([("paragraph", rich_text(f"<p>{text}</p>"))])


def nb(model):
    return model.objects.get(locale__language_code="nb")


# (model, parent, extra form data, whether the one existing must go first)
PAGE_TYPES = [
    (StandardPage, lambda: nb(InternationalWorkPage), {}, None),
    (
        PartnerPage,
        lambda: nb(PartnerIndexPage),
        {
            "country": "KE",
            "organisation_name": "COVAW",
            "acronym": "",
            "website": "",
            "start_year": "2020",
            "end_year": "",
            "funding_source": "",
            "contact_person": "",
            "contact_role": "",
        },
        None,
    ),
    (
        ConferencePage,
        lambda: nb(ConferenceIndexPage),
        {
            "start_date": "2027-04-04",
            "end_date": "2027-04-07",
            "year": "",
            "city": "Haag",
            "country": "NL",
            "participants": "",
            "kss_role": "participant",
        },
        None,
    ),
    (
        NetworkPage,
        lambda: nb(InternationalWorkPage),
        {"memberships": inline_formset([])},
        NetworkPage,
    ),
    (ReportIndexPage, lambda: nb(InternationalWorkPage), {}, ReportIndexPage),
    (PartnerIndexPage, lambda: nb(InternationalWorkPage), {}, PartnerIndexPage),
    (ConferenceIndexPage, lambda: nb(InternationalWorkPage), {}, ConferenceIndexPage),
]


def add_page(client, model, parent, extra, slug, action):
    data = nested_form_data(
        {"title": f"Ny {slug}", "slug": slug, "summary": "Kort.", "body": body(), **extra}
    )
    data[action] = action
    url = reverse(
        "wagtailadmin_pages:add", args=[model._meta.app_label, model._meta.model_name, parent.pk]
    )
    return client.post(url, data)


@pytest.mark.parametrize("model,parent,extra,existing", PAGE_TYPES)
def test_an_editor_creates_and_submits_each_page_type_but_cannot_publish(
    client, editor, approver, model, parent, extra, existing
):
    if existing is not None:
        nb(existing).delete()  # one per language: make room for a new one
    parent = parent()

    response = add_page(client, model, parent, extra, "utkast-publisert", "action-publish")
    published_try = model.objects.filter(slug="utkast-publisert").first()
    assert published_try is None or not published_try.live, response.status_code
    if published_try is not None:
        published_try.delete()  # saved as a draft; clear the way for the next one

    response = add_page(client, model, parent, extra, "til-godkjenning", "action-submit")
    assert response.status_code == 302
    page = model.objects.get(slug="til-godkjenning")
    assert not page.live
    assert page.workflow_in_progress
    assert page.current_workflow_state.workflow.name == "Godkjenning"

    # The positive control: the same publication by an approver goes live.
    page.delete()
    client.force_login(approver)
    add_page(client, model, parent, extra, "utkast-publisert", "action-publish")
    assert model.objects.get(slug="utkast-publisert").live


@pytest.fixture
def submitted_page(client, editor):
    parent = nb(PartnerIndexPage)
    add_page(client, PartnerPage, parent, PAGE_TYPES[1][2], "kenya", "action-submit")
    return PartnerPage.objects.get(slug="kenya")


@pytest.mark.parametrize("who,goes_live", [("editor", False), ("approver", True)])
def test_only_an_approver_approves_and_the_page_goes_live(
    client, submitted_page, editor, approver, who, goes_live
):
    assert client.get("/partnere/kenya/").status_code == 404
    client.force_login({"editor": editor, "approver": approver}[who])
    task_state = submitted_page.current_workflow_task_state
    client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[submitted_page.pk, "approve", task_state.pk],
        ),
        {"comment": "Ser bra ut."},
    )
    submitted_page.refresh_from_db()
    assert submitted_page.live is goes_live
    client.logout()
    assert client.get("/partnere/kenya/").status_code == (200 if goes_live else 404)


@pytest.mark.parametrize("who,goes_live", [("editor", False), ("approver", True)])
def test_only_an_approver_publishes_by_bulk_action(client, editor, approver, who, goes_live):
    client.force_login({"editor": editor, "approver": approver}[who])
    page = StandardPage.objects.get(slug="personvern")
    page.unpublish()
    client.post(
        reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"]) + f"?id={page.pk}",
        {"include_descendants": ""},
    )
    page.refresh_from_db()
    assert page.live is goes_live


@pytest.mark.parametrize("who,goes_live", [("editor", False), ("approver", True)])
def test_only_an_approver_publishes_a_copy(client, editor, approver, who, goes_live):
    client.force_login({"editor": editor, "approver": approver}[who])
    page = PartnerPage.objects.get(slug="kypros")
    client.post(
        reverse("wagtailadmin_pages:copy", args=[page.pk]),
        {
            "new_title": "Kypros kopi",
            "new_slug": "kypros-kopi",
            "new_parent_page": page.get_parent().pk,
            "copy_subpages": "",
            "publish_copies": "on",
            "alias": "",
        },
    )
    copy = Page.objects.filter(slug="kypros-kopi").first()
    assert (copy is not None and copy.live) is goes_live


def test_moving_a_draft_does_not_publish_it(client, submitted_page):
    target = nb(PartnerIndexPage)
    client.post(reverse("wagtailadmin_pages:move_confirm", args=[submitted_page.pk, target.pk]))
    submitted_page.refresh_from_db()
    assert not submitted_page.live


@pytest.mark.parametrize("who,goes_live", [("editor", False), ("approver", True)])
def test_only_an_approver_publishes_an_old_revision(client, editor, approver, who, goes_live):
    client.force_login({"editor": editor, "approver": approver}[who])
    page = StandardPage.objects.get(slug="personvern")
    first = page.latest_revision
    page.summary = "Ny tekst som ikke er godkjent."
    page.save_revision()
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "summary": "Fra en gammel versjon.",
            "body": body(),
            "action-publish": "action-publish",
        }
    )
    client.post(reverse("wagtailadmin_pages:revisions_revert", args=[page.pk, first.pk]), data)
    client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    page.refresh_from_db()
    assert (page.summary == "Fra en gammel versjon.") is goes_live
    client.logout()
    assert ("Fra en gammel versjon." in client.get("/personvern/").content.decode()) is goes_live


def report_form(title, action):
    return {
        "title": title,
        "year": "2026",
        "kind": "report",
        "country": "",
        "language": "nb",
        "summary": "",
        "external_url": "https://example.org/rapport.pdf",
        "unavailable_note": "",
        action: action,
    }


def test_an_editor_cannot_publish_a_report(client, editor):
    add = reverse("wagtailsnippets_reports_report:add") + "?locale=nb"
    client.post(add, report_form("Ny rapport", "action-publish"))
    assert not Report.objects.filter(title="Ny rapport", live=True).exists()
    response = client.post(add, report_form("Rapport til godkjenning", "action-submit"))
    assert response.status_code == 302, response.content.decode()[:3000]
    report = Report.objects.get(title="Rapport til godkjenning")
    assert not report.live
    assert WorkflowState.objects.for_instance(report).filter(status="in_progress").exists()


def test_an_approver_publishes_a_report_with_the_same_form(client, approver):
    client.force_login(approver)
    add = reverse("wagtailsnippets_reports_report:add") + "?locale=nb"
    client.post(add, report_form("Ny rapport", "action-publish"))
    assert Report.objects.get(title="Ny rapport").live


def test_a_report_without_file_link_or_reason_is_refused_in_norwegian(client, editor):
    response = client.post(
        reverse("wagtailsnippets_reports_report:add") + "?locale=nb",
        {
            "title": "Uten fil",
            "year": "2020",
            "kind": "report",
            "country": "",
            "language": "nb",
            "summary": "",
            "external_url": "",
            "unavailable_note": "",
            "action-submit": "action-submit",
        },
    )
    assert response.status_code == 200
    assert "Last opp en PDF, skriv en adresse, eller si hvorfor" in response.content.decode()
    assert not Report.objects.filter(title="Uten fil").exists()


def test_a_page_scheduled_in_the_past_goes_live_on_publish_scheduled(client):
    page = StandardPage.objects.get(slug="tilgjengelighet")
    page.unpublish()
    page.summary = "Planlagt tekst."
    revision = page.save_revision(
        approved_go_live_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    assert revision.approved_go_live_at is not None
    assert not StandardPage.objects.get(pk=page.pk).live

    call_command("publish_scheduled")

    page.refresh_from_db()
    assert page.live
    assert "Planlagt tekst." in client.get("/tilgjengelighet/").content.decode()


def test_expiry_takes_a_page_down(client):
    page = StandardPage.objects.get(slug="tilgjengelighet")
    page.expire_at = timezone.now() - datetime.timedelta(minutes=1)
    page.save()
    call_command("publish_scheduled")
    page.refresh_from_db()
    assert not page.live and page.expired
    assert client.get("/tilgjengelighet/").status_code == 404


def test_every_edit_leaves_a_revision_and_reverting_restores_the_text_exactly(client):
    admin = get_user_model().objects.create_superuser("sjef", password="x")
    client.force_login(admin)
    page = PartnerPage.objects.get(slug="estland")
    original_body = list(page.body.raw_data)
    original_summary = page.summary
    before = Revision.page_revisions.filter(object_id=str(page.pk)).count()
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    form = {
        "title": page.title,
        "slug": page.slug,
        "country": "EE",
        "organisation_name": page.organisation_name,
        "acronym": "EWSU",
        "website": "",
        "start_year": "",
        "end_year": "",
        "funding_source": "EØS-midlene",
        "contact_person": "",
        "contact_role": "",
    }
    for text in ("Første endring.", "Andre endring."):
        client.post(edit_url, nested_form_data({**form, "summary": text, "body": body(text)}))
    revisions = Revision.page_revisions.filter(object_id=str(page.pk)).order_by("created_at")
    assert revisions.count() == before + 2

    first = revisions[before - 1]  # the published seed text
    first.as_object().save_revision(user=admin).publish()
    page.refresh_from_db()
    assert page.summary == original_summary
    assert list(page.body.raw_data) == original_body


def body_form_data(body):
    """The editor's form data for a body StreamField (it is built by JavaScript
    in the browser, so it is not in the edit page's HTML)."""
    items = []
    for block in body:
        if block.block_type == "paragraph":
            items.append(("paragraph", rich_text(block.value.source)))
        elif block.block_type == "heading":
            items.append(("heading", dict(block.value)))
        elif block.block_type == "reports":
            reports = streamfield([("item", report.pk) for report in block.value["reports"]])
            items.append(("reports", {"heading": block.value["heading"], "reports": reports}))
        else:
            raise AssertionError(f"add {block.block_type} to body_form_data")
    return nested_form_data({"body": streamfield(items)})


PREVIEW_PAGES = [
    ("/", "Internasjonalt arbeid"),
    ("/nettverk/", "Nettverk"),
    ("/partnere/", "Partnere"),
    ("/partnere/kypros/", "Kypros"),
    ("/konferanser/", "Konferanser"),
    ("/konferanser/nordisk-forum-2014/", "Nordisk Forum 2014"),
    ("/rapporter/", "Rapporter"),
    ("/personvern/", "Personvern"),
]


@pytest.mark.parametrize("path,title", PREVIEW_PAGES)
def test_each_page_type_previews_like_the_public_page(client, path, title):
    admin = get_user_model().objects.create_superuser("sjef", password="x")
    client.force_login(admin)
    page = Page.objects.get(url_path=f"/internasjonalt-arbeid{path}").specific
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert edit.status_code == 200
    # The editor's preview panel posts the form, then shows the result.
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    data = querydict_from_html(edit.content.decode(), form_id="page-edit-form").copy()
    data.update(body_form_data(page.body))
    assert client.post(preview_url, data).json()["is_valid"]
    preview = client.get(preview_url)
    assert preview.status_code == 200
    html = preview.content.decode()
    assert f"<h1>{title}</h1>" in html
    assert 'class="quick-exit__button"' in html


def test_a_report_previews_as_it_is_listed(client):
    admin = get_user_model().objects.create_superuser("sjef", password="x")
    client.force_login(admin)
    report = Report.objects.get(title__contains="rapport 2010", locale__language_code="nb")
    edit = client.get(reverse("wagtailsnippets_reports_report:edit", args=[report.pk]))
    preview_url = reverse("wagtailsnippets_reports_report:preview_on_edit", args=[report.pk])
    data = querydict_from_html(edit.content.decode(), form_id="w-editor-form")
    assert client.post(preview_url, data).json()["is_valid"]
    response = client.get(preview_url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Masimanyane Women’s Support Centre i Sør Afrika, rapport 2010" in html
    assert "Ikke tilgjengelig på nett." in html


def test_partner_and_conference_editors_have_a_reports_tab(client):
    admin = get_user_model().objects.create_superuser("sjef", password="x")
    client.force_login(admin)
    partner = PartnerPage.objects.get(slug="sor-afrika")
    html = client.get(reverse("wagtailadmin_pages:edit", args=[partner.pk])).content.decode()
    for tab in ("Innhold", "Fakta", "Rapporter", "Synlighet"):
        assert tab in html
    assert "Masimanyane Women’s Support Centre i Sør Afrika, rapport 2010" in html
    assert "Legg til en rapport" in html
    conference = ConferencePage.objects.get(slug="nordisk-forum-2014")
    html = client.get(reverse("wagtailadmin_pages:edit", args=[conference.pk])).content.decode()
    assert "Ingen rapporter hører til denne siden ennå." in html


EXPECTED_PREVIEW = {
    "heading": "Besøk fra andre land",
    "paragraph": "Krisesentersekretariatet ser solidaritetsarbeid som viktig.",
    "quote": "Lesley Ann Foster, Masimanyane",
    "image": "En bildeblokk viser det valgte bildet",
    "reports": "Et eksempel på en rapportliste",
    "call_to_action": "Les mer om partnerne våre.",
}


@pytest.mark.parametrize("block", list(EXPECTED_PREVIEW))
def test_every_body_block_has_a_preview_and_a_description(client, block):
    from pages.blocks import BodyBlock

    admin = get_user_model().objects.create_superuser("sjef", password="x")
    client.force_login(admin)
    child = BodyBlock().child_blocks[block]
    assert child.meta.description and child.meta.icon
    response = client.get(reverse("wagtailadmin_block_preview"), {"id": child.definition_prefix})
    assert response.status_code == 200
    assert EXPECTED_PREVIEW[block] in response.content.decode()


def test_the_editors_guide_screenshots_exist_and_are_current():
    """Every screenshot the guide shows exists, was made by the script, and with
    the Wagtail in use (run `make screenshots` after upgrading Wagtail)."""
    import json
    import re
    from pathlib import Path

    import wagtail
    from django.conf import settings

    docs = Path(settings.BASE_DIR) / "docs"
    guide = (docs / "redaktorveiledning.md").read_text(encoding="utf-8")
    referenced = re.findall(r"\]\((images/redaktor/[^)]+\.png)\)", guide)
    assert len(referenced) >= 10
    manifest = json.loads((docs / "images/redaktor/manifest.json").read_text())
    assert manifest["wagtail"] == wagtail.__version__
    for path in referenced:
        file = docs / path
        assert file.name in manifest["screenshots"], path
        assert file.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", path


def test_a_partnership_cannot_end_before_it_began_says_the_form_in_norwegian(client, editor):
    parent = nb(PartnerIndexPage)
    extra = {**PAGE_TYPES[1][2], "start_year": "2015", "end_year": "2010"}
    response = add_page(client, PartnerPage, parent, extra, "baklengs", "action-submit")
    assert response.status_code == 200
    assert "Samarbeidet kan ikke slutte før det begynte." in response.content.decode()
    assert not PartnerPage.objects.filter(slug="baklengs").exists()


def test_shared_password_privacy_is_not_offered(client):
    admin = get_user_model().objects.create_superuser("sjef", password="x")
    client.force_login(admin)
    page = StandardPage.objects.get(slug="personvern")
    response = client.get(reverse("wagtailadmin_pages:set_privacy", args=[page.pk]))
    assert response.status_code == 200
    html = response.json()["html"]
    assert 'value="password"' not in html
    assert 'value="login"' in html


# --- Another's pages ----------------------------------------------------------


def draft_owned_by(user, slug):
    home = nb(InternationalWorkPage)
    page = StandardPage(title=f"Utkast {slug}", slug=slug, owner=user, live=False)
    home.add_child(instance=page)
    page.save_revision(user=user)
    return page


def delete(client, page):
    client.post(reverse("wagtailadmin_pages:delete", args=[page.pk]))
    return Page.objects.filter(pk=page.pk).exists()


def move(client, page, destination):
    client.post(reverse("wagtailadmin_pages:move_confirm", args=[page.pk, destination.pk]))
    return Page.objects.get(pk=page.pk).get_parent().pk == destination.pk


def test_an_editor_cannot_delete_a_draft_someone_else_owns(client):
    author = make_user("forfatter", EDITORS)
    page = draft_owned_by(author, "annens-utkast")
    client.force_login(make_user("kollega", EDITORS))
    assert delete(client, page), "another editor deleted it"
    # Positive controls: its author may, and so may an approver.
    client.force_login(author)
    assert not delete(client, page)
    other = draft_owned_by(author, "annet-utkast")
    client.force_login(make_user("ansvarlig", APPROVERS))
    assert not delete(client, other)


def test_an_editor_cannot_move_a_draft_someone_else_owns(client):
    from tests.factories import PartnerIndexPageFactory, PartnerPageFactory

    author = make_user("forfatter", EDITORS)
    page = PartnerPageFactory(parent=nb(PartnerIndexPage), owner=author, live=False)
    destination = PartnerIndexPageFactory(parent=nb(InternationalWorkPage), slug="tidligere")
    client.force_login(make_user("kollega", EDITORS))
    assert not move(client, page, destination), "another editor moved it"
    client.force_login(author)
    assert move(client, page, destination)


def test_the_explorer_offers_an_editor_no_delete_for_anothers_draft(client):
    author = make_user("forfatter", EDITORS)
    page = draft_owned_by(author, "annens-side")
    client.force_login(make_user("kollega", EDITORS))
    assert client.get(reverse("wagtailadmin_pages:delete", args=[page.pk])).status_code in (
        302,
        403,
    )
    client.force_login(author)
    assert client.get(reverse("wagtailadmin_pages:delete", args=[page.pk])).status_code == 200
