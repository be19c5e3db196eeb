"""Backups: a round trip through `manage.py backup` and `restore` gives back
the same rows and the same files, on SQLite and on PostgreSQL."""

import hashlib
import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management import call_command
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Page, Revision

from pages.models import StandardPage
from reports.models import Report
from tests.helpers import make_image

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

MODELS = [Page, Revision, Report, Image, Document]


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def checksums():
    media = Path(settings.MEDIA_ROOT)
    return {
        str(path.relative_to(media)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(media.rglob("*"))
        if path.is_file()
    }


def test_backup_and_restore_round_trip(tmp_path):
    make_image("Sal", (32, 24))
    document = Document(title="Årsrapport")
    document.file.save("arsrapport.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=True)
    page = StandardPage.objects.get(slug="personvern")
    page.summary = "En versjon til i historikken."
    page.save_revision().publish()
    before_counts, before_files = counts(), checksums()
    assert before_counts["Image"] == 1 and before_counts["Document"] == 1

    call_command("backup", dir=str(tmp_path), stdout=io.StringIO())
    (archive,) = tmp_path.glob("kss-*.tar.gz")

    # Lose things: pages, a report, revisions and the files.
    Page.objects.get(slug="kypros").delete()
    Report.objects.filter(locale__language_code="en").delete()
    Document.objects.all().delete()
    for path in Path(settings.MEDIA_ROOT).rglob("*.pdf"):
        path.unlink()
    assert counts() != before_counts

    call_command("restore", str(archive), yes=True, stdout=io.StringIO())

    assert counts() == before_counts
    assert checksums() == before_files
    assert StandardPage.objects.get(slug="personvern").summary == "En versjon til i historikken."


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path):
    from django.core.management.base import CommandError

    bogus = tmp_path / "kss-bogus.tar.gz"
    bogus.write_bytes(b"not an archive")
    with pytest.raises(CommandError):
        call_command("restore", str(bogus), yes=True, stdout=io.StringIO())
