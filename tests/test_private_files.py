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


# --- No location or personal metadata leaves the site --------------------------

SECRET = "Hemmelig adresse, Storgata 1"


def photo_with_metadata(image_format):
    """A photo as a phone writes it: a GPS position in EXIF, an XMP packet, a
    comment and, in a JPEG, an IPTC caption; all naming the place."""
    import io

    from PIL import Image as PILImage

    exif = PILImage.Exif()
    exif[0x010E] = SECRET  # ImageDescription
    exif[0x0112] = 6  # Orientation: turned, so the pixels must turn when it goes
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (59.0, 54.0, 47.0)  # GPSLatitude
    gps[3], gps[4] = "E", (10.0, 45.0, 3.0)  # GPSLongitude
    xmp = (
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">'
        f"<rdf:Description>{SECRET}</rdf:Description></x:xmpmeta>"
    )
    buffer = io.BytesIO()
    image = PILImage.new("RGB", (800, 600), (74, 35, 90))
    options = {"exif": exif, "xmp": xmp.encode()}
    if image_format == "JPEG":
        options["comment"] = SECRET
    image.save(buffer, image_format, **options)
    data = buffer.getvalue()
    if image_format == "JPEG":
        # IPTC (Photoshop's APP13), which Pillow reads but does not write.
        caption = SECRET.encode()
        iptc = b"\x1c\x02\x78" + len(caption).to_bytes(2, "big") + caption
        resource = b"8BIM\x04\x04\x00\x00" + len(iptc).to_bytes(4, "big") + iptc
        app13 = b"Photoshop 3.0\x00" + resource
        data = data[:2] + b"\xff\xed" + (len(app13) + 2).to_bytes(2, "big") + app13 + data[2:]
    with PILImage.open(io.BytesIO(data)) as written:
        assert written.getexif().get_ifd(0x8825), "the GPS position is in the photo"
    assert SECRET.encode() in data
    return data


def assert_no_metadata(data, where):
    import io

    from PIL import Image as PILImage

    assert SECRET.encode() not in data, where
    for marker in (b"Exif\x00\x00", b"eXIf", b"EXIF", b"Photoshop 3.0"):
        assert marker not in data, (where, marker)
    assert b"adobe:ns:meta" not in data, where
    with PILImage.open(io.BytesIO(data)) as image:
        assert not image.getexif(), where
        assert not {"exif", "xmp", "XML:com.adobe.xmp", "comment", "photoshop"} & set(image.info)


@pytest.mark.parametrize("image_format", ["JPEG", "PNG", "WEBP"])
def test_a_photo_keeps_no_location_in_its_original_or_any_rendition(client, image_format):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse
    from PIL import Image as PILImage
    from wagtail.images.models import Image

    from tests.helpers import soup

    admin = make_user("sjef")
    admin.is_superuser = True
    admin.save()
    client.force_login(admin)
    name = f"skjermbilde.{image_format.lower()}"
    response = client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Fra kontoret",
            "description": "Et kontor",
            "file": SimpleUploadedFile(name, photo_with_metadata(image_format)),
            "collection": Collection.get_first_root_node().pk,
        },
    )
    assert response.status_code == 302, response.content[:2000]
    image = Image.objects.get(title="Fra kontoret")
    original = Path(image.file.path).read_bytes()
    assert_no_metadata(original, "the stored original")
    # Turned as the EXIF orientation said, and Wagtail knows the new size.
    assert (image.width, image.height) == (600, 800)
    with PILImage.open(io.BytesIO(original)) as stored:
        assert stored.size == (600, 800)
    assert image.file_size == len(original)

    # Every file the site serves of it: the original, and the renditions a
    # partner page's main photo is shown in (AVIF, WebP and JPEG, each width).
    page = PartnerPage.objects.get(slug="kypros")
    page.hero_image = image
    page.save_revision().publish()
    client.logout()
    html = soup(client.get(page.url))
    urls = {image.file.url}
    for tag in html.select("img, source"):
        for attribute in ("src", "srcset"):
            for candidate in tag.get(attribute, "").split(","):
                if "/media/" in candidate:
                    urls.add(candidate.split()[0])
    formats = {url.rsplit(".", 1)[-1] for url in urls}
    assert {"avif", "webp", "jpg"} <= formats, urls
    for url in sorted(urls):
        served = client.get(url)
        assert served.status_code == 200, url
        assert_no_metadata(b"".join(served.streaming_content), url)


def test_photos_uploaded_before_are_cleaned_and_their_renditions_made_again():
    from importlib import import_module

    from django.apps import apps
    from wagtail.images.models import Image

    from tests.helpers import make_image

    image = make_image("Gammelt bilde", (800, 600), "JPEG")
    # As a photo stored before cleaning began: its metadata on disk.
    Path(image.file.path).write_bytes(photo_with_metadata("JPEG"))
    old_rendition = image.get_rendition("width-400")
    migration = import_module("security.migrations.0002_strip_metadata_of_images_uploaded_before")
    migration.clean_images(apps, None)
    image = Image.objects.get(pk=image.pk)
    assert_no_metadata(Path(image.file.path).read_bytes(), "the cleaned original")
    assert (image.width, image.height) == (600, 800)
    assert not image.renditions.filter(pk=old_rendition.pk).exists()
    assert_no_metadata(Path(image.get_rendition("width-400").file.path).read_bytes(), "rendition")


# --- Editors' file changes go through approval --------------------------------


def new_pdf(name="ny-rapport.pdf", text=b"ny versjon"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, b"%PDF-1.4\n" + text + b"\n%%EOF\n")


def replace_document(client, document, upload):
    from django.urls import reverse

    return client.post(
        reverse("wagtaildocs:edit", args=[document.pk]),
        {"title": document.title, "file": upload, "collection": document.collection_id},
    )


def test_an_editor_may_not_replace_the_pdf_of_a_published_report(client):
    from roles.workflow import APPROVERS

    report = ReportFactory()
    before = Path(report.document.file.path).read_bytes()
    client.force_login(make_user("redaktor", EDITORS))
    response = replace_document(client, report.document, new_pdf())
    assert response.status_code == 200
    assert "bare en ansvarlig redaktør" in response.content.decode()
    assert Path(Document.objects.get(pk=report.document.pk).file.path).read_bytes() == before
    # Positive control: an approver may.
    client.force_login(make_user("ansvarlig", APPROVERS))
    assert replace_document(client, report.document, new_pdf()).status_code == 302
    replaced = Document.objects.get(pk=report.document.pk)
    assert b"ny versjon" in Path(replaced.file.path).read_bytes()


def test_an_editor_may_replace_a_file_nothing_published_shows(client):
    draft = ReportFactory(live=False)
    client.force_login(make_user("redaktor", EDITORS))
    assert replace_document(client, draft.document, new_pdf()).status_code == 302
    assert b"ny versjon" in Document.objects.get(pk=draft.document.pk).file.read()


def test_an_editor_may_not_replace_a_photo_a_live_page_shows(client):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse
    from wagtail.images.models import Image

    from roles.workflow import APPROVERS
    from tests.helpers import make_image, publish_page_with_image

    publish_page_with_image()
    image = Image.objects.get(title="Konferansesal")

    def replace(user):
        client.force_login(user)
        return client.post(
            reverse("wagtailimages:edit", args=[image.pk]),
            {
                "title": image.title,
                "description": image.description,
                "collection": image.collection_id,
                "file": SimpleUploadedFile("nytt.png", make_image("x").file.read()),
            },
        )

    response = replace(make_user("redaktor", EDITORS))
    assert response.status_code == 200 and "bare en ansvarlig redaktør" in response.content.decode()
    assert replace(make_user("ansvarlig", APPROVERS)).status_code == 302


def test_deleting_a_file_is_for_approvers(client):
    from django.urls import reverse

    from roles.workflow import APPROVERS

    document = ReportFactory().document
    url = reverse("wagtaildocs:delete", args=[document.pk])
    client.force_login(make_user("redaktor", EDITORS))
    assert client.post(url).status_code in (302, 403)
    assert Document.objects.filter(pk=document.pk).exists()
    client.force_login(make_user("ansvarlig", APPROVERS))
    assert client.post(url).status_code == 302
    assert not Document.objects.filter(pk=document.pk).exists()


def test_a_replaced_pdf_is_linked_at_its_new_address_at_once(client):
    from roles.workflow import APPROVERS
    from tests.helpers import committed

    report = ReportFactory(related_page=PartnerPage.objects.get(slug="kypros"))
    old_url = report.document.url
    for path in ("/rapporter/", "/partnere/kypros/"):
        assert old_url in client.get(path).content.decode()  # now in the page cache
    client.force_login(make_user("ansvarlig", APPROVERS))
    with committed():
        assert (
            replace_document(client, report.document, new_pdf("ny-utgave.pdf")).status_code == 302
        )
    client.logout()
    new_url = Document.objects.get(pk=report.document.pk).url
    assert new_url != old_url
    for path in ("/rapporter/", "/partnere/kypros/"):
        html = client.get(path).content.decode()
        assert new_url in html and old_url not in html, path
