"""Files follow their page (docs/safety.md, "Files follow their page"):
a document is served only where the content that links it is seen, never
from a folder the web server serves, and the photos carry no location."""

from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings
from wagtail.documents.models import Document
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction

from partners.models import PartnerPage
from roles.workflow import EDITORS
from tests.factories import DocumentFactory, ReportFactory
from tests.helpers import make_user

pytestmark = pytest.mark.django_db


def download(client, document):
    response = client.get(document.url)
    if response.status_code == 200 and response.streaming:
        response.body = b"".join(response.streaming_content)
    return response


def test_a_document_is_kept_where_no_web_server_serves_it():
    document = DocumentFactory()
    path = Path(document.file.path)
    assert path.is_file()
    assert path.is_relative_to(settings.PRIVATE_MEDIA_ROOT)
    assert not path.is_relative_to(settings.MEDIA_ROOT)
    with pytest.raises(NotImplementedError):
        document.file.url  # noqa: B018


def test_not_under_media_either(client):
    document = ReportFactory().document
    assert download(client, document).status_code == 200
    assert client.get(f"/media/{document.file.name}").status_code == 404


def test_the_pdf_of_a_published_report_is_served(client):
    response = download(client, ReportFactory().document)
    assert response.status_code == 200
    assert response.body.startswith(b"%PDF")


def test_the_pdf_of_an_unpublished_report_is_not(client):
    report = ReportFactory(live=False)
    assert download(client, report.document).status_code == 404
    # Positive control: staff see what they are about to publish.
    client.force_login(make_user("redaktor", EDITORS))
    assert download(client, report.document).status_code == 200


def test_a_document_no_content_links_is_not_served(client):
    document = DocumentFactory()
    assert download(client, document).status_code == 404
    client.force_login(make_user("redaktor", EDITORS))
    assert download(client, document).status_code == 200


def test_the_pdf_of_a_report_on_a_restricted_page_goes_only_to_those_it_lets_in(client):
    page = PartnerPage.objects.get(slug="kypros")
    report = ReportFactory(related_page=page)
    assert download(client, report.document).status_code == 200
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    assert download(client, report.document).status_code == 404
    # Anyone logged in passes a login restriction, staff or not.
    client.force_login(make_user("partner"))
    assert download(client, report.document).status_code == 200


def test_a_pdf_linked_from_a_draft_page_is_not_served(client):
    page = PartnerPage.objects.get(slug="kypros")
    report = ReportFactory(related_page=page)
    page.unpublish()
    assert download(client, report.document).status_code == 404


def test_a_document_in_a_private_collection_asks_for_a_login(client):
    collection = Collection.get_first_root_node().add_child(name="Intern")
    report = ReportFactory(document__collection=collection)
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    response = download(client, report.document)
    assert response.status_code == 302 and "login" in response["Location"]
    client.force_login(make_user("partner"))
    assert download(client, report.document).status_code == 200


@override_settings(DOCUMENTS_ACCEL_URL="/_documents/")
def test_behind_nginx_the_app_checks_and_nginx_sends(client):
    report = ReportFactory(live=False)
    assert download(client, report.document).status_code == 404
    report.live = True
    report.save()
    response = client.get(report.document.url)
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/_documents/{report.document.file.name}"
    assert response.content == b""
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Security-Policy"] == "default-src 'none'"


def test_documents_uploaded_before_move_out_of_media_root():
    from importlib import import_module

    from django.apps import apps

    document = DocumentFactory()
    private = Path(document.file.path)
    old = Path(settings.MEDIA_ROOT) / document.file.name
    old.parent.mkdir(parents=True, exist_ok=True)
    private.rename(old)
    migration = import_module("security.migrations.0001_documents_out_of_media_root")
    migration.move_documents(apps, None)
    assert private.is_file() and not old.exists()
    assert Document.objects.get(pk=document.pk).file.read().startswith(b"%PDF")


def test_an_alias_does_not_open_what_its_source_hides(client):
    page = PartnerPage.objects.get(slug="kypros")
    report = ReportFactory(related_page=page)
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    page.create_alias(
        parent=Page.objects.get(depth=2, locale__language_code="nb"), update_slug="kypros-kopi"
    )
    assert download(client, report.document).status_code == 404
