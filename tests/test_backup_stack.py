"""Backups of `make stack`: `make backup` takes the stack's PostgreSQL and
both of its upload folders while the stack runs, and a restore the stack
refuses leaves its database, its files and its caches as they were, as a
visitor through nginx sees them. The round trip itself and each refusal on
the test database are tests/test_backup.py."""

import hashlib
import io
import json
import subprocess
import tarfile

import pytest

from tests.conftest import ROOT
from tests.stack import Visitor, shell

pytestmark = pytest.mark.stack

CHANGED = "Endret etter sikkerhetskopien av stakken."


def make_backup(stack, folder):
    result = subprocess.run(
        ["make", "backup", f"DIR={folder}"],
        cwd=ROOT,
        env=stack.env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    (archive,) = folder.glob("kss-*.tar.gz")
    return archive, result.stdout


def counts(stack):
    return json.loads(
        shell(
            stack,
            "import json;"
            "from wagtail.models import Page, Revision;"
            "from wagtail.documents.models import Document;"
            "from wagtail.images.models import Image;"
            "print(json.dumps({m.__name__: m.objects.count()"
            " for m in (Page, Revision, Document, Image)}))",
        )
    )


def files(stack):
    return {
        str(path.relative_to(stack.folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for folder in ("media", "private")
        for path in sorted((stack.folder / folder).rglob("*"))
        if path.is_file()
    }


def state(stack):
    """What the site is: its rows, its files, the page cache's generation in
    Redis and the page a visitor gets through nginx and Varnish."""
    generation = shell(
        stack,
        "from django.core.cache import caches;"
        "from caching.page_cache import GENERATION_KEY;"
        "print(caches['pages'].get(GENERATION_KEY))",
    )
    status, _, body = Visitor(stack).request("GET", "/partnere/kypros/")
    return counts(stack), files(stack), generation, status, CHANGED in body.decode()


@pytest.fixture(scope="module")
def backed_up(stack, tmp_path_factory):
    """A document uploaded to the stack, `make backup`, then a change made
    after it: a restore that went through would lose the change."""
    document = shell(
        stack,
        "from django.core.files.base import ContentFile;"
        "from wagtail.documents.models import Document;"
        "d = Document(title='Styrereferat');"
        "d.file.save('styrereferat.pdf', ContentFile(b'%PDF-1.4\\n%%EOF\\n'), save=True);"
        "print(d.file.name)",
    )
    image = shell(
        stack,
        "import io;"
        "from PIL import Image as P;"
        "from django.core.files.images import ImageFile;"
        "from wagtail.images.models import Image;"
        "b = io.BytesIO(); P.new('RGB', (40, 30), 'teal').save(b, 'PNG');"
        "i = Image(title='Styremøte'); i.file = ImageFile(b, name='styremote.png'); i.save();"
        "print(i.file.name)",
    )
    folder = tmp_path_factory.mktemp("stack-backups")
    archive, said = make_backup(stack, folder)
    shell(
        stack,
        "from partners.models import PartnerPage;"
        "p = PartnerPage.objects.get(slug='kypros');"
        f"p.summary = '{CHANGED}';"
        "p.save_revision().publish()",
    )
    return archive, said, document, image


def test_make_backup_takes_the_running_stacks_database_and_both_folders(stack, backed_up):
    archive, said, document, image = backed_up
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        names = set(tar.getnames())
    assert manifest["vendor"] == "postgresql" and "database.pgdump" in names
    assert f"private_media/{document}" in names
    documents = counts(stack)["Document"]
    assert manifest["holds"]["documents"] == documents >= 1
    assert f"media/{image}" in names
    on_disk = files(stack)
    media_files = sum(1 for path in on_disk if path.startswith("media/"))
    assert manifest["holds"]["folders"]["media"]["files"] == media_files
    # What it holds, as read back, is what it prints.
    assert f"{manifest['holds']['pages']} pages, {documents} documents" in said


def retar(archive, target, change):
    """``archive`` copied to ``target``, each member through ``change(member,
    data)``, which returns (member, data) or None to leave it out."""
    with tarfile.open(archive) as source, tarfile.open(target, "w:gz") as out:
        for member in source.getmembers():
            data = source.extractfile(member).read() if member.isfile() else None
            result = change(member, data)
            if result is not None:
                member, data = result
                if data is not None:
                    member.size = len(data)
                out.addfile(member, io.BytesIO(data) if data is not None else None)
    return target


def without_the_document(document):
    return lambda member, data: (
        None
        if member.name == f"private_media/{document}"
        else (
            member,
            data,
        )
    )


def without_private_media(member, data):
    return None if member.name.split("/")[0] == "private_media" else (member, data)


def with_a_damaged_dump(member, data):
    return (member, b"PGDMP" + bytes(200)) if member.name == "database.pgdump" else (member, data)


def with_a_dump_that_fails_half_way(stack, tmp_path):
    """A dump PostgreSQL lists and counts like the stack's, which fails when
    restored: a copy of the database with a row-level policy for a role that
    no longer exists when the restore creates it, after it dropped the tables."""
    import os

    port = stack.state["postgres"]
    psql = ["psql", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "-v", "ON_ERROR_STOP=1"]
    env = {**os.environ}
    dump, plain = tmp_path / "failing.pgdump", tmp_path / "kss.sql"
    pg_dump = ["pg_dump", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "--no-owner"]
    steps = [
        [*pg_dump, "-f", str(plain), "kss"],  # no TEMPLATE: the app nodes are connected
        [*psql, "-c", "CREATE ROLE kss_vanished"],
        [*psql, "-c", "CREATE DATABASE kss_failing"],
        [*psql, "-q", "-d", "kss_failing", "-f", str(plain)],
        [*psql, "-d", "kss_failing", "-c", "CREATE POLICY p ON wagtailcore_page TO kss_vanished"],
        [*pg_dump, "--format=custom", "--no-privileges", "-f", str(dump), "kss_failing"],
        [*psql, "-c", "DROP DATABASE kss_failing"],
        [*psql, "-c", "DROP ROLE kss_vanished"],
    ]
    for step in steps:
        subprocess.run(step, check=True, env=env, capture_output=True)
    data = dump.read_bytes()
    return lambda member, old: (member, data) if member.name == "database.pgdump" else (member, old)


@pytest.mark.parametrize(
    "crafted,refusal",
    [
        ("document missing", "manifest says"),
        ("no private uploads", "--without-private"),
        ("damaged dump", "cannot be read"),
        ("dump failing half way", "kss_vanished"),
    ],
)
def test_a_refused_restore_leaves_the_stack_as_it_was(stack, backed_up, tmp_path, crafted, refusal):
    archive, _, document, _ = backed_up
    change = {
        "document missing": lambda: without_the_document(document),
        "no private uploads": lambda: without_private_media,
        "damaged dump": lambda: with_a_damaged_dump,
        "dump failing half way": lambda: with_a_dump_that_fails_half_way(stack, tmp_path),
    }[crafted]()
    bad = retar(archive, tmp_path / "kss-crafted.tar.gz", change)
    before = state(stack)
    assert before[3:] == (200, True)  # the change since the backup is served

    result = stack.run("manage", "restore", str(bad), "--yes")
    assert result.returncode != 0
    assert "Nothing was restored; the site is as it was." in result.stderr
    assert refusal in result.stderr
    assert state(stack) == before
    leftovers = [p.name for p in stack.folder.iterdir() if "restore" in p.name]
    assert leftovers == []


def test_the_same_archive_untouched_restores(stack, backed_up):
    """Positive control: the archive the refusals were crafted from restores,
    and the change made since is gone for the visitor."""
    archive, _, document, _ = backed_up
    result = stack.run("manage", "restore", str(archive), "--yes")
    assert result.returncode == 0, result.stderr[-2000:]
    status, _, body = Visitor(stack).request("GET", "/partnere/kypros/")
    assert status == 200 and CHANGED not in body.decode()
    assert f"private/{document}" in files(stack)
