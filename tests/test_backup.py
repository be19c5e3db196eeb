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
    with pytest.raises(CommandError, match="--without-private"):
        call_command("restore", str(stripped), yes=True, without_media=True, stdout=io.StringIO())
    assert checksums() == files and Image.objects.count() == 1
    # Positive control: told, it restores (and the files go with the rows).
    call_command(
        "restore",
        str(stripped),
        yes=True,
        without_media=True,
        without_private=True,
        stdout=io.StringIO(),
    )
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


# --- A backup holds what the site serves, or refuses ------------------------------


def test_a_backup_says_what_it_holds_as_read_back_from_the_archive(tmp_path):
    make_image("Sal", (32, 24))
    out = io.StringIO()
    call_command("backup", dir=str(tmp_path), stdout=out)
    pages = Page.objects.filter(depth__gt=1).count()
    files = sum(1 for _ in Path(settings.MEDIA_ROOT).rglob("*") if _.is_file()) + sum(
        1 for _ in Path(settings.PRIVATE_MEDIA_ROOT).rglob("*") if _.is_file()
    )
    said = out.getvalue()
    assert f"{pages} pages, {Document.objects.count()} documents, 1 images; {files} files" in said


def test_a_backup_of_an_empty_site_is_refused(tmp_path):
    """Another site's settings (the development database, say) hold no pages:
    no archive, and a message saying which database was looked at."""
    from django.core.management.base import CommandError

    Page.objects.filter(depth__gt=1).delete()
    with pytest.raises(CommandError, match="holds no site"):
        call_command("backup", dir=str(tmp_path), stdout=io.StringIO())
    assert not list(tmp_path.glob("*.tar.gz"))


@pytest.mark.parametrize("setting", ["MEDIA_ROOT", "PRIVATE_MEDIA_ROOT"])
def test_a_backup_without_an_upload_folder_is_refused(tmp_path, setting):
    from django.core.management.base import CommandError
    from django.test import override_settings

    with (
        override_settings(**{setting: tmp_path / "finnes-ikke"}),
        pytest.raises(CommandError, match=f"{setting} is .*does not exist"),
    ):
        call_command("backup", dir=str(tmp_path / "b"), stdout=io.StringIO())
    assert not (tmp_path / "b").exists()


# --- A restore is all or nothing ----------------------------------------------------


def tampered(archive, target, change):
    """A copy of ``archive`` with ``change(name, data)`` applied to every
    member: it returns the (name, data, kind) to write, or None to leave it out."""
    import tarfile

    with tarfile.open(archive) as source, tarfile.open(target, "w:gz") as out:
        for member in source.getmembers():
            data = source.extractfile(member).read() if member.isfile() else None
            result = change(member, data)
            if result is None:
                continue
            member, data = result
            if data is None:
                out.addfile(member)
            else:
                member.size = len(data)
                out.addfile(member, io.BytesIO(data))
    return target


def one_file(archive_member_prefix):
    def change(member, data):
        if member.name.startswith(archive_member_prefix) and member.isfile():
            change.dropped = getattr(change, "dropped", 0) + 1
            if change.dropped == 1:
                return None
        return member, data

    return change


def as_file_named(name):
    import tarfile

    def change(member, data):
        if member.name == name and member.isdir():
            replacement = tarfile.TarInfo(name)
            return replacement, b"not a folder"
        if member.name.startswith(name + "/"):
            return None
        return member, data

    return change


def damaged_database(member, data):
    if member.name.startswith("database."):
        return member, b"SQLite format 3\x00" + b"\x00" * 200 if member.name.endswith(
            "sqlite3"
        ) else b"PGDMP garbage"
    return member, data


def site_state(client):
    from django.core.cache import caches

    from caching.page_cache import GENERATION_KEY

    client.get("/personvern/")  # the page cache holds it now
    generation = caches["pages"].get(GENERATION_KEY)
    assert generation is not None
    return counts(), checksums(), generation


@pytest.mark.parametrize(
    "change,refusal",
    [
        (one_file("media/"), "manifest says"),
        (one_file("private_media/"), "manifest says"),
        (as_file_named("private_media"), "not a folder"),
        (damaged_database, "cannot be read|damaged"),
    ],
    ids=["an image missing", "a document missing", "documents not a folder", "a damaged database"],
)
def test_a_crafted_archive_is_refused_and_the_site_is_as_it_was(tmp_path, client, change, refusal):
    from django.core.management.base import CommandError

    make_image("Sal", (32, 24))
    document = Document(title="Årsrapport")
    document.file.save("arsrapport.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=True)
    call_command("backup", dir=str(tmp_path / "backups"), stdout=io.StringIO())
    (archive,) = (tmp_path / "backups").glob("kss-*.tar.gz")

    make_image("Etter", (16, 16))  # changed since the backup: must stay
    bad = tampered(archive, tmp_path / "kss-tampered.tar.gz", change)
    before = site_state(client)
    with pytest.raises(CommandError, match=refusal):
        call_command("restore", str(bad), yes=True, stdout=io.StringIO())
    assert site_state(client) == before
    assert not [p for p in Path(settings.MEDIA_ROOT).parent.iterdir() if "-restore-" in p.name]


def test_an_archive_that_unpacks_larger_than_the_limit_is_refused_unpacked(
    archive, tmp_path, client
):
    """9.9 MB of archive can be a gigabyte on disk: the sizes the members
    declare are added up before anything is written."""
    import tarfile

    from django.core.management.base import CommandError
    from django.test import override_settings

    bomb = tmp_path / "kss-bomb.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(bomb, "w:gz") as out:
        for member in source.getmembers():
            out.addfile(member, source.extractfile(member) if member.isfile() else None)
        zeros = tarfile.TarInfo("media/original_images/nuller.bin")
        zeros.size = 64 * 1024 * 1024
        out.addfile(zeros, io.BytesIO(bytes(zeros.size)))
    assert bomb.stat().st_size < 2 * 1024 * 1024
    before = site_state(client)
    with (
        override_settings(BACKUP_RESTORE_MAX_BYTES=32 * 1024 * 1024),
        pytest.raises(CommandError, match="BACKUP_RESTORE_MAX_BYTES"),
    ):
        call_command("restore", str(bomb), yes=True, stdout=io.StringIO())
    assert site_state(client) == before
    assert not (Path(settings.MEDIA_ROOT) / "original_images" / "nuller.bin").exists()


def test_a_failed_database_restore_puts_the_files_back(archive, client, monkeypatch):
    """The last step, the database, fails: the folders swapped in are swapped
    back out, and the database is as it was."""
    from django.core.management.base import CommandError

    from backup import archive as archive_module

    make_image("Etter", (16, 16))
    before = site_state(client)

    def fails(source):
        raise OSError("the disk is full")

    monkeypatch.setattr(archive_module, "_restore_database", fails)
    with pytest.raises(CommandError, match="the disk is full"):
        call_command("restore", str(archive), yes=True, stdout=io.StringIO())
    assert site_state(client) == before
