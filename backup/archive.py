"""Back up and restore the database and the uploaded files in one archive.

An archive (``.tar.gz``) holds ``manifest.json``, the database (``database.sqlite3``
made with SQLite's online backup API, or ``database.pgdump`` from ``pg_dump
--format=custom``) and ``media/``. Used by ``manage.py backup`` / ``restore``
and ``make backup`` / ``make restore``.
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

FORMAT_VERSION = 1


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


def backup(destination_dir):
    """Write a backup archive into ``destination_dir`` and return its path."""
    destination_dir = Path(destination_dir)
    destination_dir.mkdir(parents=True, exist_ok=True)
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    archive = destination_dir / f"kss-{stamp}.tar.gz"
    media = Path(settings.MEDIA_ROOT)
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
        with tarfile.open(archive, "w:gz") as tar:
            tar.add(work / "manifest.json", arcname="manifest.json")
            tar.add(work / database, arcname=database)
            if media.exists():
                tar.add(media, arcname="media")
    return archive


def restore(archive):
    """Replace the database and the uploaded files with those in ``archive``."""
    media = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(work, filter="data")
        manifest = json.loads((work / "manifest.json").read_text())
        if manifest.get("format") != FORMAT_VERSION:
            raise ValueError(f"Unknown backup format: {manifest.get('format')}")
        _restore_database(work / manifest["database"])
        if media.exists():
            shutil.rmtree(media)
        if (work / "media").exists():
            shutil.copytree(work / "media", media)
        else:
            media.mkdir(parents=True, exist_ok=True)
    return manifest
