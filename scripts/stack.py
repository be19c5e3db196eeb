"""The production stack on 127.0.0.1, for `make loadtest` and `make bench`.

A throwaway PostgreSQL, gunicorn with production settings, and wrk to drive
them. Needs root (PostgreSQL runs as the postgres user) and Debian's
postgresql and wrk packages.
"""

import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
WRK_SCRIPT = ROOT / "scripts" / "wrk-summary.lua"
# Every public page type in both languages, a filtered listing, search and
# the sitemap: the mix for load runs.
PAGE_MIX = (
    "/",
    "/nettverk/",
    "/partnere/",
    "/partnere/sor-afrika/",
    "/konferanser/",
    "/konferanser/nordisk-forum-2014/",
    "/rapporter/",
    "/rapporter/?kind=annual_report",
    "/personvern/",
    "/sok/?q=kypros",
    "/en/",
    "/en/partners/cyprus/",
    "/en/reports/",
    "/en/privacy/",
    "/en/search/?q=shelter",
    "/sitemap.xml",
)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def need(*programs):
    for program in programs:
        if shutil.which(program) is None:
            raise SystemExit(f"{program} is missing: apt-get install {program}")


class Postgres:
    """A PostgreSQL server of its own in a temporary folder, with a database
    `kss`; everything else the stack writes goes in the same folder."""

    def __init__(self):
        self.bin = sorted(Path("/usr/lib/postgresql").glob("*/bin"))[-1]
        self.dir = Path(tempfile.mkdtemp(prefix="kss-stack-"))
        shutil.chown(self.dir, "postgres", "postgres")
        self.port = free_port()
        self.as_postgres(
            self.bin / "initdb",
            *("-D", self.dir / "data", "-U", "postgres", "-A", "trust"),
            *("-E", "UTF8", "--locale=C.UTF-8"),
        )
        self.start()
        subprocess.run(
            [
                self.bin / "createdb",
                "-h",
                "127.0.0.1",
                "-p",
                str(self.port),
                "-U",
                "postgres",
                "kss",
            ],
            check=True,
        )
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/kss"

    def as_postgres(self, *args):
        subprocess.run(
            ["runuser", "-u", "postgres", "--", *map(str, args)],
            check=True,
            stdout=subprocess.DEVNULL,
        )

    def start(self):
        self.as_postgres(
            self.bin / "pg_ctl",
            *("-D", self.dir / "data", "-l", self.dir / "server.log", "-w", "-t", "60"),
            *("-o", f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1"),
            "start",
        )

    def stop(self):
        self.as_postgres(self.bin / "pg_ctl", "-D", self.dir / "data", "-m", "fast", "-w", "stop")

    def destroy(self):
        with contextlib.suppress(subprocess.CalledProcessError):
            self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


def production_env(postgres, base, **extra):
    """Production settings against the throwaway database, served on `base`."""
    return {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "kss_site.settings.production",
        "DATABASE_URL": postgres.url,
        "SECRET_KEY": "stack-" + os.urandom(24).hex(),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "WAGTAILADMIN_BASE_URL": base,
        "SECURE_SSL_REDIRECT": "false",
        "STATIC_ROOT": str(postgres.dir / "static"),
        "MEDIA_ROOT": str(postgres.dir / "media"),
        "CACHE_DIR": str(postgres.dir / "cache"),
        **extra,
    }


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def prepare(env):
    """Migrate, seed and collect the static files, as a deploy does."""
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_seed_content", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")


def start_gunicorn(env, port, log_path, workers=2, app="kss_site.wsgi"):
    """gunicorn as production runs it: sync workers, 2 of them."""
    log = open(log_path, "w")  # noqa: SIM115 (closed with the process)
    process = subprocess.Popen(
        [
            str(Path(PYTHON).parent / "gunicorn"),
            app,
            *("--workers", str(workers), "--bind", f"127.0.0.1:{port}", "--log-level", "warning"),
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    process.log = log
    return process


def stop(process):
    if process is not None and process.poll() is None:
        process.terminate()
        process.wait(timeout=30)


def wait_for(url, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)  # noqa: S310 (our own server)
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"{url} did not answer")


def wrk(base, paths=PAGE_MIX, *, connections=10, seconds=10):
    """wrk -t2 over `paths` in turn. Returns the summary: requests,
    socket_errors, non2xx, rps, p50_ms, p99_ms, statuses."""
    result = subprocess.run(
        [
            "wrk",
            *("-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "5s"),
            *("-s", str(WRK_SCRIPT), base),
            "--",
            *paths,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])
