"""Back up and restore the database and the uploaded files in one archive.

An archive (``.tar.gz``) holds ``manifest.json``, the database (``database.sqlite3``
made with SQLite's online backup API, or ``database.pgdump`` from ``pg_dump
--format=custom``), ``media/`` (images, ``MEDIA_ROOT``) and ``private_media/``
(documents and pending uploads, ``PRIVATE_MEDIA_ROOT``). Used by ``manage.py
backup`` / ``restore`` and ``make backup`` / ``make restore``.

A backup holds what the site serves, or refuses: it will not write an archive
of an empty database or of upload folders that do not exist (the settings of
another site, a shell without the deployment's environment), and it reads
the archive back before it says it succeeded.

A restore is all or nothing. It unpacks into staging folders beside the
targets, checks everything (the manifest, the database readable, both upload
folders present, sizes within ``BACKUP_RESTORE_MAX_BYTES``, the counts the
manifest promises), and only then swaps the folders by renaming and restores
the database; if that fails the folders are swapped back and the database is
as it was.

An archive holds password hashes, sessions and every draft: it is written
readable by its owner only. A restore trusts nothing in it: members outside
the archive's folder, links and devices are refused by tarfile's ``data``
filter, and the manifest may name only the database files above.
"""

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, connection
from django.utils import timezone

# 3: the manifest says what the archive holds; 2: documents in private_media/
# (security/storage.py); 1: everything in media/.
FORMAT_VERSION = 3
DATABASE_FILES = ("database.sqlite3", "database.pgdump")
# What a summary counts, by the table that holds it.
TABLES = {
    "pages": "wagtailcore_page",
    "documents": "wagtaildocs_document",
    "images": "wagtailimages_image",
}


class Refused(ValueError):
    """The backup or restore would not do what the operator expects: nothing
    was written or changed, and the message says why."""


class MissingMedia(Refused):
    """The archive has no uploaded files; restoring it would delete them all."""


def _pg_env(db):
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return env


def _pg_tool(name):
    """The PostgreSQL client program ``name`` (from the postgresql-client package)."""
    path = shutil.which(name)
    if path is None:
        raise OSError(f"{name} is not installed: apt-get install postgresql-client")
    return path


def _pg_args(db):
    args = []
    for flag, key in (("-h", "HOST"), ("-p", "PORT"), ("-U", "USER")):
        if db.get(key):
            args += [flag, str(db[key])]
    return args


def _media_folders():
    """(name in the archive, folder on disk) of the uploaded files."""
    return (
        ("media", Path(settings.MEDIA_ROOT)),
        ("private_media", Path(settings.PRIVATE_MEDIA_ROOT)),
    )


def _where_the_database_is():
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"the SQLite file {db['NAME']}"
    return f"the {connection.vendor} database {db.get('NAME')} on {db.get('HOST') or 'localhost'}"


# --- What a site and an archive hold ------------------------------------------


def _count_rows(cursor_execute):
    counts = {}
    for name, table in TABLES.items():
        counts[name] = cursor_execute(f"SELECT COUNT(*) FROM {table}")  # noqa: S608 (our names)
    counts["pages"] = max(counts["pages"] - 1, 0)  # Wagtail's root is no page of the site
    return counts


def _site_counts():
    with connection.cursor() as cursor:

        def execute(sql):
            cursor.execute(sql)
            return cursor.fetchone()[0]

        return _count_rows(execute)


def _folder_counts(folder):
    files = [path for path in folder.rglob("*") if path.is_file()] if folder.is_dir() else []
    return {"files": len(files), "bytes": sum(path.stat().st_size for path in files)}


def _dump_counts(dump):
    """The pages, documents and images in a database file of an archive."""
    if dump.name == "database.sqlite3":
        with _sqlite(dump) as db:
            return _count_rows(lambda sql: db.execute(sql).fetchone()[0])
    counts = {}
    for name, table in TABLES.items():
        # The table's rows as pg_restore writes them: one line each inside COPY.
        data = subprocess.run(  # noqa: S603
            [_pg_tool("pg_restore"), "--data-only", f"--table={table}", "-f", "-", str(dump)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        rows, inside = 0, False
        for line in data.splitlines():
            if line.startswith("COPY "):
                inside = True
            elif line == "\\.":
                inside = False
            elif inside:
                rows += 1
        counts[name] = rows
    counts["pages"] = max(counts["pages"] - 1, 0)
    return counts


@contextmanager
def _sqlite(path):
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        yield db
    finally:
        db.close()


def describe(holds):
    size = sum(folder["bytes"] for folder in holds["folders"].values())
    files = sum(folder["files"] for folder in holds["folders"].values())
    return (
        f"{holds['pages']} pages, {holds['documents']} documents, {holds['images']} images; "
        f"{files} files, {size / 1_000_000:.1f} MB"
    )


# --- Backup -----------------------------------------------------------------------


def _check_the_site():
    """Refuse a backup that would not hold the site: no database tables, an
    empty site, or upload folders that do not exist."""
    try:
        counts = _site_counts()
    except DatabaseError as error:
        raise Refused(
            f"{_where_the_database_is()} has no site's tables ({error}). Run the backup with "
            "the running site's settings (docs/deployment.md, Backups)."
        ) from error
    if counts["pages"] == 0 or (counts["pages"] == 1 and _only_wagtails_welcome_page()):
        raise Refused(
            f"{_where_the_database_is()} holds no site (no pages). Run the backup with the "
            "running site's settings: DJANGO_SETTINGS_MODULE and DATABASE_URL "
            "(docs/deployment.md, Backups)."
        )
    for setting, (_name, folder) in zip(
        ("MEDIA_ROOT", "PRIVATE_MEDIA_ROOT"), _media_folders(), strict=True
    ):
        if not folder.is_dir():
            raise Refused(
                f"{setting} is {folder}, which does not exist: its files would be missing from "
                "the backup. Set it as the running site has it."
            )
    return counts


def _only_wagtails_welcome_page():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT title FROM wagtailcore_page WHERE depth = 2"  # the one page there is
        )
        titles = [row[0] for row in cursor.fetchall()]
    return titles == ["Welcome to your new Wagtail site!"]


def _dump_database(target_dir):
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        target = target_dir / "database.sqlite3"
        destination = sqlite3.connect(target)
        with destination:
            connection.connection.backup(destination)
        destination.close()
        return target.name
    if connection.vendor == "postgresql":
        target = target_dir / "database.pgdump"
        subprocess.run(  # noqa: S603
            [
                _pg_tool("pg_dump"),
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                *_pg_args(db),
                "-f",
                str(target),
                db["NAME"],
            ],
            env=_pg_env(db),
            check=True,
        )
        return target.name
    raise NotImplementedError(f"No backup for {connection.vendor}")


def _owner_only_file(path):
    """A new file only its owner may read, whatever the umask."""
    return os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb")


def backup(destination_dir):
    """Write a backup archive into ``destination_dir``; return its path and
    what it holds, as read back from the archive."""
    _check_the_site()
    destination_dir = Path(destination_dir)
    destination_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    archive = destination_dir / f"kss-{stamp}.tar.gz"
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        database = _dump_database(work)
        holds = _dump_counts(work / database)
        holds["folders"] = {name: _folder_counts(folder) for name, folder in _media_folders()}
        manifest = {
            "format": FORMAT_VERSION,
            "created": timezone.now().isoformat(),
            "database": database,
            "vendor": connection.vendor,
            "holds": holds,
        }
        (work / "manifest.json").write_text(json.dumps(manifest, indent=2))
        with _owner_only_file(archive) as out, tarfile.open(fileobj=out, mode="w:gz") as tar:
            tar.add(work / "manifest.json", arcname="manifest.json")
            tar.add(work / database, arcname=database)
            for name, folder in _media_folders():
                tar.add(folder, arcname=name)
    try:
        with tempfile.TemporaryDirectory() as check:
            read_back = _unpack_and_check(archive, Path(check))
    except Refused:
        archive.unlink()
        raise
    return archive, read_back["holds"]


# --- Restore ----------------------------------------------------------------------


def _inside(work, name):
    """``work / name``, refused unless it stays inside ``work``."""
    path = (work / str(name)).resolve()
    if not path.is_relative_to(work.resolve()):
        raise Refused(f"The archive names a path outside itself: {name!r}")
    return path


def _unpack(archive, work):
    limit = settings.BACKUP_RESTORE_MAX_BYTES
    try:
        with tarfile.open(archive, "r:gz") as tar:
            members = tar.getmembers()
            size = sum(member.size for member in members)
            if size > limit:
                raise Refused(
                    f"The archive unpacks to {size / 1e9:.1f} GB, more than "
                    f"BACKUP_RESTORE_MAX_BYTES ({limit / 1e9:.1f} GB): nothing was restored."
                )
            tar.extractall(work, members=members, filter="data")
    except (tarfile.TarError, EOFError, OSError) as error:
        raise Refused(f"This is not a readable backup archive: {error}") from error


def _check_database_file(database):
    if database.name == "database.sqlite3":
        if connection.vendor != "sqlite":
            raise Refused("This archive holds an SQLite database; DATABASE_URL is not SQLite.")
        try:
            with _sqlite(database) as db:
                result = db.execute("PRAGMA integrity_check").fetchone()[0]
                db.execute("SELECT COUNT(*) FROM wagtailcore_page").fetchone()
        except sqlite3.DatabaseError as error:
            raise Refused(f"The archive's database cannot be read: {error}") from error
        if result != "ok":
            raise Refused(f"The archive's database is damaged: {result}")
        return
    if connection.vendor != "postgresql":
        raise Refused("This archive holds a PostgreSQL dump; DATABASE_URL is not PostgreSQL.")
    listing = subprocess.run(  # noqa: S603
        [_pg_tool("pg_restore"), "--list", str(database)], capture_output=True, text=True
    )
    if listing.returncode != 0 or "wagtailcore_page" not in listing.stdout:
        raise Refused(f"The archive's database cannot be read: {listing.stderr.strip()}")


def _unpack_and_check(archive, work, allow_without_media=False, allow_without_private=False):
    """Unpack ``archive`` into ``work`` and check everything in it; return
    its manifest. Raises Refused, having changed nothing outside ``work``."""
    _unpack(archive, work)
    try:
        manifest = json.loads(_inside(work, "manifest.json").read_text())
    except (OSError, ValueError) as error:
        raise Refused(f"The archive has no readable manifest: {error}") from error
    if not isinstance(manifest, dict) or manifest.get("format") not in (1, 2, FORMAT_VERSION):
        raise Refused(f"Unknown backup format: {manifest.get('format')!r}")
    if manifest.get("database") not in DATABASE_FILES:
        raise Refused(f"The manifest names no database of ours: {manifest.get('database')!r}")
    database = _inside(work, manifest["database"])
    if not database.is_file():
        raise Refused(f"The archive lacks its database, {manifest['database']}.")
    _check_database_file(database)
    for name, allowed, option in (
        ("media", allow_without_media, "--without-media"),
        ("private_media", allow_without_private or manifest["format"] == 1, "--without-private"),
    ):
        folder = _inside(work, name)
        if folder.exists() and not folder.is_dir():
            raise Refused(f"The archive's {name} is not a folder.")
        if not folder.is_dir() and not allowed:
            what = "images" if name == "media" else "documents"
            raise MissingMedia(
                f"The archive holds no {name}/: restoring it would delete every {what[:-1]} "
                f"and {'its renditions' if name == 'media' else 'pending upload'}. "
                f"Pass {option} to restore it all the same."
            )
    if manifest["format"] == FORMAT_VERSION:
        promised = manifest.get("holds") or {}
        found = _dump_counts(database)
        found["folders"] = {
            name: _folder_counts(_inside(work, name)) for name, _folder in _media_folders()
        }
        for key in ("pages", "documents", "images"):
            if found[key] != promised.get(key):
                raise Refused(
                    f"The archive's database holds {found[key]} {key}; its manifest says "
                    f"{promised.get(key)}. It is not the archive that was written."
                )
        for name, counts in found["folders"].items():
            promised_folder = (promised.get("folders") or {}).get(name)
            if _inside(work, name).is_dir() and counts != promised_folder:
                raise Refused(
                    f"The archive's {name}/ holds {counts['files']} files "
                    f"({counts['bytes']} bytes); its manifest says {promised_folder}."
                )
        manifest["holds"] = found
    return manifest


def _snapshot_sqlite():
    """A copy of the SQLite database to put back if the restore fails."""
    connection.ensure_connection()
    handle, name = tempfile.mkstemp(suffix=".sqlite3")
    os.close(handle)
    copy = sqlite3.connect(name)
    with copy:
        connection.connection.backup(copy)
    copy.close()
    return Path(name)


def _copy_sqlite(source):
    connection.ensure_connection()
    origin = sqlite3.connect(source)
    with origin:
        origin.backup(connection.connection)
    origin.close()


def _restore_database(source):
    """Replace the database with ``source``: all of it, or nothing."""
    if source.name == "database.sqlite3":
        before = _snapshot_sqlite()
        try:
            _copy_sqlite(source)
        except Exception:
            _copy_sqlite(before)
            raise
        finally:
            before.unlink(missing_ok=True)
        return
    db = connection.settings_dict
    connection.close()
    # One transaction: if anything fails, PostgreSQL keeps the database as it was.
    subprocess.run(  # noqa: S603
        [
            _pg_tool("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            *_pg_args(db),
            "-d",
            db["NAME"],
            str(source),
        ],
        env=_pg_env(db),
        check=True,
    )


def _stage_beside(target, source):
    """``source``'s files in a new folder beside ``target`` (same file system,
    so that putting it in place is a rename)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staged = Path(tempfile.mkdtemp(prefix=f".{target.name}-restore-", dir=target.parent))
    if source.is_dir():
        shutil.copytree(source, staged, dirs_exist_ok=True)
    return staged


def restore(archive, allow_without_media=False, allow_without_private=False):
    """Replace the database and the uploaded files with those in ``archive``,
    all or nothing; return its manifest."""
    targets = dict(_media_folders())
    staged, moved, placed = {}, {}, []
    beside = targets["media"].parent
    beside.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".kss-restore-", dir=beside) as work:
        work = Path(work)
        manifest = _unpack_and_check(archive, work, allow_without_media, allow_without_private)
        try:
            for name, target in targets.items():
                staged[name] = _stage_beside(target, work / name)
            if manifest["format"] == 1 and (staged["media"] / "documents").exists():
                # Before documents were kept apart, they were in media/documents/.
                shutil.move(staged["media"] / "documents", staged["private_media"] / "documents")
            # Everything is checked and in place beside the targets: swap.
            for name, target in targets.items():
                if target.exists():
                    moved[name] = target.with_name(f"{staged[name].name}-before")
                    target.rename(moved[name])
                staged[name].rename(target)
                placed.append(name)
            _restore_database(_inside(work, manifest["database"]))
        except BaseException:
            # Back as it was: the restored folders out, the site's own back in.
            for name in placed:
                targets[name].rename(staged[name])
            for name, before in moved.items():
                before.rename(targets[name])
            raise
        finally:
            for folder in [*staged.values(), *moved.values()]:
                if folder.exists():
                    shutil.rmtree(folder, ignore_errors=True)
    return manifest
