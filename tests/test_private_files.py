"""Files follow their page (docs/safety.md, "Files follow their page"):
a document is served only where the content that links it is seen, never
from a folder the web server serves, and the photos carry no location."""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings
from wagtail.documents.models import Document
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction

from partners.models import PartnerPage
from roles.workflow import EDITORS
from tests.factories import DocumentFactory, ReportFactory
from tests.helpers import assert_no_metadata, make_user, photo_with_metadata

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


def superuser_client(client):
    admin = make_user("sjef")
    admin.is_superuser = True
    admin.save()
    client.force_login(admin)
    return client


def upload_in_the_chooser(client, data):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    client.post(
        reverse("wagtailimages_chooser:create"),
        {
            "image-chooser-upload-title": "Stien",
            "image-chooser-upload-description": "En sti",
            "image-chooser-upload-file": SimpleUploadedFile("sti.jpg", data),
            "image-chooser-upload-collection": Collection.get_first_root_node().pk,
        },
    )


def upload_in_the_multiple_uploader(client, data):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": SimpleUploadedFile("sti.jpg", data)},
    )


def replace_the_file(client, data):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from tests.helpers import make_image

    image = make_image("Stien")
    client.post(
        reverse("wagtailimages:edit", args=[image.pk]),
        {
            "title": "Stien",
            "description": "En sti",
            "file": SimpleUploadedFile("sti.jpg", data),
            "collection": image.collection_id,
            "tags": "",
        },
    )


def save_in_the_shell(client, data):
    import io

    from django.core.files.images import ImageFile
    from wagtail.images.models import Image

    Image(title="Stien", file=ImageFile(io.BytesIO(data), name="sti.jpg")).save()


@pytest.mark.parametrize(
    "path",
    [upload_in_the_chooser, upload_in_the_multiple_uploader, replace_the_file, save_in_the_shell],
    ids=["the chooser", "the multiple uploader", "replacement", "the shell"],
)
def test_every_way_a_photo_reaches_storage_leaves_it_clean(client, path):
    from wagtail.images.models import Image

    originals = Path(settings.MEDIA_ROOT, "original_images")
    before = set(originals.glob("*"))
    path(superuser_client(client), photo_with_metadata("JPEG"))
    image = Image.objects.filter(file__contains="sti").get()
    assert_no_metadata(Path(image.file.path).read_bytes(), "the original")
    rendition = image.get_rendition("fill-200x200|format-jpeg")
    assert_no_metadata(Path(rendition.file.path).read_bytes(), "a rendition")
    # Nothing of the photo as it came is left beside it.
    assert set(originals.glob("*")) - before == {Path(image.file.path)}


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


def test_a_pdf_a_published_report_no_longer_links_is_not_served_before_the_worker_runs(
    client, queue
):
    """Wagtail updates its reference index in a background task; which
    document a visitor may download follows a publication at once all the
    same. The positive control: the document the report links now is served."""
    from django_tasks_db.models import DBTaskResult

    report = ReportFactory()
    queue.run()  # the report's references, as the worker records them
    old, new = report.document, DocumentFactory()
    assert download(client, old).status_code == 200
    assert download(client, new).status_code == 404
    report.document = new
    report.save_revision().publish()
    waiting = DBTaskResult.objects.filter(status="READY", task_path__startswith="wagtail.")
    assert waiting.exists(), "Wagtail's own task has not run"
    assert download(client, old).status_code == 404
    assert download(client, new).status_code == 200


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


# --- Who may read a file changes only with an approver --------------------------


@pytest.fixture
def collections():
    """A login-only collection and two public ones, each with a PDF."""
    root = Collection.get_first_root_node()
    internal = root.add_child(name="Interne rapporter")
    CollectionViewRestriction.objects.create(collection=internal, restriction_type="login")
    places = {
        "internal": internal,
        "public": root.add_child(name="Rapporter"),
        "other public": root.add_child(name="Seminarer"),
    }
    files = {name: DocumentFactory(collection=place) for name, place in places.items()}
    return places, files


def move(client, document, collection):
    from django.urls import reverse

    return client.post(
        reverse("wagtaildocs:edit", args=[document.pk]),
        {"title": document.title, "collection": collection.pk},
    )


@pytest.mark.parametrize(("source", "target"), [("internal", "public"), ("public", "internal")])
def test_an_editor_cannot_change_who_may_read_a_file_by_moving_it(
    client, collections, source, target
):
    from roles.workflow import APPROVERS

    places, files = collections
    document = files[source]
    client.force_login(make_user("redaktor", EDITORS))
    refused = move(client, document, places[target])
    assert refused.status_code == 200
    assert "bare en ansvarlig redaktør kan flytte filen dit" in refused.content.decode()
    assert Document.objects.get(pk=document.pk).collection == places[source]
    # Positive control: an approver may.
    client.force_login(make_user("ansvarlig", APPROVERS))
    assert move(client, document, places[target]).status_code == 302
    assert Document.objects.get(pk=document.pk).collection == places[target]


def test_an_editor_moves_a_file_between_collections_with_the_same_readers(client, collections):
    places, files = collections
    client.force_login(make_user("redaktor", EDITORS))
    assert move(client, files["public"], places["other public"]).status_code == 302
    assert Document.objects.get(pk=files["public"].pk).collection == places["other public"]


def test_the_bulk_move_keeps_the_same_rule(client, collections):
    from django.urls import reverse

    from roles.workflow import APPROVERS

    places, files = collections
    url = reverse("wagtail_bulk_action", args=["wagtaildocs", "document", "add_to_collection"])
    query = f"?id={files['internal'].pk}&id={files['public'].pk}&next=/admin/documents/"
    client.force_login(make_user("redaktor", EDITORS))
    refused = client.post(url + query, {"collection": places["other public"].pk}, follow=True)
    assert "bare en ansvarlig redaktør" in refused.content.decode()
    assert Document.objects.get(pk=files["internal"].pk).collection == places["internal"]
    client.force_login(make_user("ansvarlig", APPROVERS))
    client.post(url + query, {"collection": places["other public"].pk})
    assert Document.objects.get(pk=files["internal"].pk).collection == places["other public"]


def test_only_those_who_manage_collections_change_their_readers(client, collections):
    """The privacy of a collection is set by superusers, who manage the
    collections; neither role may (roles/workflow.py)."""
    from django.contrib.auth import get_user_model

    from roles.workflow import APPROVERS

    places, _files = collections
    url = f"/admin/collections/{places['internal'].pk}/privacy/"
    for role in (EDITORS, APPROVERS):
        client.force_login(make_user(f"ansatt-{len(role)}", role))
        client.post(url, {"restriction_type": "none"})
        assert CollectionViewRestriction.objects.filter(collection=places["internal"]).exists()
    client.force_login(get_user_model().objects.create_superuser("sjef", password="x-passord-42"))
    assert client.post(url, {"restriction_type": "none"}).status_code == 200
    assert not CollectionViewRestriction.objects.filter(collection=places["internal"]).exists()


# --- Every path by which an image reaches storage, and no raw upload public ----


def test_a_pending_upload_is_kept_out_of_media_and_finished_without_its_location(client):
    """Wagtail's multiple uploader keeps a file whose form misses a field as a
    pending upload; it is not under /media/, and the image made from it when
    the form is finished has neither metadata nor a raw copy left behind."""
    import json

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse
    from wagtail.images.models import Image
    from wagtail.models import UploadedFile

    client.force_login(make_user("redaktor", EDITORS))
    response = client.post(
        reverse("wagtailimages:add_multiple"),
        # A title too long for the form: it fails on that, not on the file.
        {
            "title": "x" * 300,
            "files[]": SimpleUploadedFile("kontor.jpg", photo_with_metadata("JPEG")),
        },
    )
    assert response.status_code == 200
    assert UploadedFile.objects.exists(), response.content[:1000]
    upload = UploadedFile.objects.get()
    stored = Path(upload.file.path)
    assert stored.is_relative_to(settings.PRIVATE_MEDIA_ROOT)
    assert not (Path(settings.MEDIA_ROOT) / upload.file.name).exists()
    assert client.get(settings.MEDIA_URL + upload.file.name).status_code == 404
    finished = client.post(
        reverse("wagtailimages:create_multiple_from_uploaded_image", args=[upload.pk]),
        {
            f"uploaded-image-{upload.pk}-title": "Kontoret",
            f"uploaded-image-{upload.pk}-description": "Et kontor",
            f"uploaded-image-{upload.pk}-collection": Collection.get_first_root_node().pk,
            f"uploaded-image-{upload.pk}-tags": "",
        },
    )
    assert json.loads(finished.content)["success"], finished.content[:2000]
    image = Image.objects.get(title="Kontoret")
    assert_no_metadata(Path(image.file.path).read_bytes(), "the original")
    rendition = image.get_rendition("width-400|format-jpeg")
    assert_no_metadata(Path(rendition.file.path).read_bytes(), "a rendition")
    assert not stored.exists()  # the pending upload's raw file
    raw = list(Path(settings.MEDIA_ROOT, "original_images").glob("kontor*"))
    assert [p.name for p in raw] == [Path(image.file.name).name]


def test_pending_uploads_are_removed_after_a_day():
    import os
    import time

    from django.core.files.base import ContentFile
    from django.core.management import call_command
    from wagtail.models import UploadedFile

    old = UploadedFile.objects.create(file=ContentFile(b"gammel", name="gammel.jpg"))
    new = UploadedFile.objects.create(file=ContentFile(b"ny", name="ny.jpg"))
    day_ago = time.time() - 25 * 3600
    os.utime(old.file.path, (day_ago, day_ago))
    old_path = Path(old.file.path)
    call_command("remove_pending_uploads", verbosity=0)
    assert list(UploadedFile.objects.all()) == [new]
    assert not old_path.exists() and Path(new.file.path).exists()


def animation(frames=50, size=2000):
    import io

    from PIL import Image as PILImage

    pictures = [PILImage.new("P", (size, size), n) for n in range(frames)]
    buffer = io.BytesIO()
    pictures[0].save(buffer, "GIF", save_all=True, append_images=pictures[1:], loop=0)
    return buffer.getvalue()


@pytest.mark.parametrize("view", ["wagtailimages:add", "wagtailimages:add_multiple"])
def test_an_animation_of_too_many_pixels_in_all_is_refused_in_norwegian(client, view):
    """50 frames of 2000 × 2000 are 200 million pixels, over the limit of 40
    million: refused, in Norwegian, by the form and by the multiple uploader.
    Positive control: 5 frames of the same size (20 million) are taken."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse
    from wagtail.images.models import Image
    from wagtail.models import UploadedFile

    client.force_login(make_user("redaktor", EDITORS))

    def upload(data, title):
        return client.post(
            reverse(view),
            {
                "title": title,
                "collection": Collection.get_first_root_node().pk,
                "file": SimpleUploadedFile(f"{title}.gif", data),
                "files[]": SimpleUploadedFile(f"{title}.gif", data),
            },
        )

    refused = upload(animation(), "bombe")
    assert "Bildet er for stort: 200 millioner bildepunkter" in refused.content.decode()
    assert not Image.objects.filter(title__startswith="bombe").exists()
    assert not UploadedFile.objects.exists()
    upload(animation(frames=5), "kort")
    assert Image.objects.filter(title__startswith="kort").exists()


def test_refusing_an_animation_keeps_a_worker_within_fifty_megabytes():
    """Measured in a process of its own: the highest resident memory while the
    form refuses the 200-megapixel animation, against the same process before."""
    import subprocess
    import sys
    import textwrap

    script = textwrap.dedent(
        """
        import resource, django
        django.setup()
        from django.core.exceptions import ValidationError
        from django.core.files.uploadedfile import SimpleUploadedFile
        from wagtail.images.fields import WagtailImageField
        from security.images import refuse_too_many_pixels
        from tests.test_private_files import animation
        upload = SimpleUploadedFile("bombe.gif", animation())
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        # What the image form does with the file: Wagtail's field, then ours.
        try:
            refuse_too_many_pixels(WagtailImageField().clean(upload))
            refused = False
        except ValidationError:
            refused = True
        after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(refused, (after - before) // 1024)
        """
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "kss_site.settings.test"}
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    refused, megabytes = result.stdout.split()
    assert refused == "True", result.stderr[-2000:]
    assert int(megabytes) < 50


@pytest.mark.parametrize("accel", ["", "/_documents/"], ids=["from the app", "by nginx"])
def test_a_download_says_what_it_is_and_a_head_request_gets_no_body(client, accel):
    """No Content-Encoding for a file sent as it is, the file's name in
    Content-Disposition, and for HEAD the headers of the GET without a body
    (gunicorn warns about a body on a HEAD answer)."""
    report = ReportFactory(related_page=PartnerPage.objects.get(slug="kypros"))
    document = report.document
    with override_settings(DOCUMENTS_ACCEL_URL=accel):
        got = download(client, document)
        head = client.head(document.url)
    for response in (got, head):
        assert response.status_code == 200
        assert "Content-Encoding" not in response, response["Content-Encoding"]
        assert document.filename in response["Content-Disposition"]
        assert response["Content-Type"] == document.content_type
        assert response["X-Content-Type-Options"] == "nosniff"
    assert not head.streaming and head.content == b""
    assert int(head["Content-Length"]) == document.file.size
    if not accel:
        assert got.body == document.file.open("rb").read()
