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
    return {
        str(path): hashlib.sha256(path.read_bytes()).hexdigest()
        for media in (Path(settings.MEDIA_ROOT), Path(settings.PRIVATE_MEDIA_ROOT))
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
    assert any("private" in path for path in before_files)

    call_command("backup", dir=str(tmp_path), stdout=io.StringIO())
    (archive,) = tmp_path.glob("kss-*.tar.gz")

    # Lose things: pages, a report, revisions and the files.
    Page.objects.get(slug="kypros").delete()
    Report.objects.filter(locale__language_code="en").delete()
    Document.objects.all().delete()
    for path in Path(settings.PRIVATE_MEDIA_ROOT).rglob("*.pdf"):
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


def write_archive(path, manifest, members=(), database=True):
    """A hand-made archive: ``manifest`` and ``members`` as (name, bytes)."""
    import json
    import tarfile

    with tarfile.open(path, "w:gz") as tar:
        for name, data in [("manifest.json", json.dumps(manifest).encode()), *members]:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


@pytest.fixture
def archive(tmp_path):
    call_command("backup", dir=str(tmp_path / "backups"), stdout=io.StringIO())
    (path,) = (tmp_path / "backups").glob("kss-*.tar.gz")
    return path


def test_an_archive_and_its_folder_are_for_their_owner_only(archive):
    # Password hashes, sessions and drafts are inside.
    assert archive.stat().st_mode & 0o777 == 0o600
    assert archive.parent.stat().st_mode & 0o777 == 0o700


@pytest.mark.parametrize(
    "database", ["../../../../etc/passwd", "/etc/passwd", "media/../database.pgdump", "x.sql"]
)
def test_restore_reads_no_path_the_manifest_names_outside_its_own(tmp_path, database):
    from django.core.management.base import CommandError

    bogus = write_archive(
        tmp_path / "kss-bogus.tar.gz",
        {"format": 2, "created": "2026-11-30", "database": database, "vendor": "sqlite"},
        [("media/x.txt", b"x")],
    )
    before = counts()
    with pytest.raises(CommandError, match="names no database"):
        call_command("restore", str(bogus), yes=True, stdout=io.StringIO())
    assert counts() == before


def test_restore_refuses_an_archive_member_outside_the_archive(tmp_path):
    from django.core.management.base import CommandError

    bogus = write_archive(
        tmp_path / "kss-bogus.tar.gz",
        {"format": 2, "created": "2026-11-30", "database": "database.sqlite3"},
        [("../../outside.txt", b"x")],
    )
    with pytest.raises(CommandError):
        call_command("restore", str(bogus), yes=True, stdout=io.StringIO())
    assert not (tmp_path.parent / "outside.txt").exists()


def test_an_archive_without_media_is_refused_unless_told(archive, tmp_path):
    import tarfile

    from django.core.management.base import CommandError

    make_image("Sal", (32, 24))
    stripped = tmp_path / "kss-uten-filer.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(stripped, "w:gz") as target:
        for member in source.getmembers():
            if not member.name.startswith(("media", "private_media")):
                target.addfile(member, source.extractfile(member))
    files = checksums()
    with pytest.raises(CommandError, match="--without-media"):
        call_command("restore", str(stripped), yes=True, stdout=io.StringIO())
    assert checksums() == files and Image.objects.count() == 1
    # Positive control: told, it restores (and the files go with the rows).
    call_command("restore", str(stripped), yes=True, without_media=True, stdout=io.StringIO())
    assert Image.objects.count() == 0 and checksums() == {}


def test_without_a_terminal_restore_asks_for_yes_rather_than_crash(archive, monkeypatch):
    from django.core.management.base import CommandError

    def no_terminal(prompt):
        raise EOFError

    monkeypatch.setattr("builtins.input", no_terminal)
    with pytest.raises(CommandError, match="--yes"):
        call_command("restore", str(archive), stdout=io.StringIO())


def test_after_a_restore_no_cache_serves_the_site_as_it_was(archive, client):
    page = StandardPage.objects.get(slug="personvern")
    page.summary = "Endret etter sikkerhetskopien."
    page.save_revision().publish()
    assert "Endret etter sikkerhetskopien." in client.get("/personvern/").content.decode()
    call_command("restore", str(archive), yes=True, stdout=io.StringIO())
    assert "Endret etter sikkerhetskopien." not in client.get("/personvern/").content.decode()
