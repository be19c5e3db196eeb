"""Back up and restore the database and the uploaded files in one archive.

An archive (``.tar.gz``) holds ``manifest.json``, the database (``database.sqlite3``
made with SQLite's online backup API, or ``database.pgdump`` from ``pg_dump
--format=custom``), ``media/`` (images, ``MEDIA_ROOT``) and ``private_media/``
(documents, ``PRIVATE_MEDIA_ROOT``). Used by ``manage.py backup`` / ``restore``
and ``make backup`` / ``make restore``.

An archive holds password hashes, sessions and every draft: it is written
readable by its owner only. A restore trusts nothing in it: members outside
the archive's folder are refused by tarfile's ``data`` filter, and the
manifest may name only the database files above.
"""

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.utils import timezone

# 2: documents in private_media/ (security/storage.py); 1: everything in media/.
FORMAT_VERSION = 2
DATABASE_FILES = ("database.sqlite3", "database.pgdump")


class MissingMedia(ValueError):
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


def _restore_database(source):
    db = connection.settings_dict
    if source.name == "database.sqlite3":
        if connection.vendor != "sqlite":
            raise ValueError("This archive holds an SQLite database; DATABASE_URL is not SQLite.")
        connection.ensure_connection()
        origin = sqlite3.connect(source)
        with origin:
            origin.backup(connection.connection)
        origin.close()
        return
    if connection.vendor != "postgresql":
        raise ValueError("This archive holds a PostgreSQL dump; DATABASE_URL is not PostgreSQL.")
    connection.close()
    subprocess.run(  # noqa: S603
        [
            _pg_tool("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            *_pg_args(db),
            "-d",
            db["NAME"],
            str(source),
        ],
        env=_pg_env(db),
        check=True,
    )


def _owner_only_file(path):
    """A new file only its owner may read, whatever the umask."""
    return os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb")


def _media_folders():
    """(name in the archive, folder on disk) of the uploaded files."""
    return (
        ("media", Path(settings.MEDIA_ROOT)),
        ("private_media", Path(settings.PRIVATE_MEDIA_ROOT)),
    )


def backup(destination_dir):
    """Write a backup archive into ``destination_dir`` and return its path."""
    destination_dir = Path(destination_dir)
    destination_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    archive = destination_dir / f"kss-{stamp}.tar.gz"
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        database = _dump_database(work)
        manifest = {
            "format": FORMAT_VERSION,
            "created": timezone.now().isoformat(),
            "database": database,
            "vendor": connection.vendor,
        }
        (work / "manifest.json").write_text(json.dumps(manifest, indent=2))
        with _owner_only_file(archive) as out, tarfile.open(fileobj=out, mode="w:gz") as tar:
            tar.add(work / "manifest.json", arcname="manifest.json")
            tar.add(work / database, arcname=database)
            for name, folder in _media_folders():
                if folder.exists():
                    tar.add(folder, arcname=name)
    return archive


def _inside(work, name):
    """``work / name``, refused unless it stays inside ``work``."""
    path = (work / str(name)).resolve()
    if not path.is_relative_to(work.resolve()):
        raise ValueError(f"The archive names a path outside itself: {name!r}")
    return path


def _replace_folder(source, target):
    if target.exists():
        shutil.rmtree(target)
    if source.exists():
        shutil.copytree(source, target)
    else:
        target.mkdir(parents=True, exist_ok=True)


def restore(archive, allow_without_media=False):
    """Replace the database and the uploaded files with those in ``archive``.

    An archive without uploaded files is refused (``MissingMedia``) unless
    ``allow_without_media``: restoring it would delete every image and document.
    """
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(work, filter="data")
        manifest = json.loads(_inside(work, "manifest.json").read_text())
        if manifest.get("format") not in (1, FORMAT_VERSION):
            raise ValueError(f"Unknown backup format: {manifest.get('format')}")
        if manifest.get("database") not in DATABASE_FILES:
            raise ValueError(
                f"The manifest names no database of ours: {manifest.get('database')!r}"
            )
        database = _inside(work, manifest["database"])
        if not database.is_file():
            raise ValueError(f"The archive lacks its database, {manifest['database']}.")
        media = _inside(work, "media")
        if not media.is_dir() and not allow_without_media:
            raise MissingMedia(
                "The archive holds no uploaded files: restoring it would delete every image "
                "and document. Pass --without-media to restore it all the same."
            )
        _restore_database(database)
        public, private = (folder for _name, folder in _media_folders())
        _replace_folder(media, public)
        _replace_folder(_inside(work, "private_media"), private)
        if manifest["format"] == 1 and (public / "documents").exists():
            # Before documents were kept apart, they were in media/documents/.
            shutil.move(public / "documents", private / "documents")
    return manifest
