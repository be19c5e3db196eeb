"""`make loadtest`: the load and fault drill (docs/deployment.md).

Starts a throwaway PostgreSQL and the production stack (gunicorn, 2 workers,
production settings) on 127.0.0.1, then:

1. drives wrk with 20 connections for 30 s over a mix of pages: there must be
   no socket errors and no non-2xx answers;
2. does it again, stopping PostgreSQL for 5 s in the middle: still no socket
   errors, only 503 answers while the database is down, and every answer a 200
   again within 1 s of the restart (a poller asks every 50 ms to time it).

Prints the figures and exits non-zero when one falls short. Needs root (to run
PostgreSQL as the postgres user), wrk and PostgreSQL from Debian's packages.
"""

import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONNECTIONS, SECONDS = 20, 30
OUTAGE_AT, OUTAGE_SECONDS = 10, 5


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Postgres:
    def __init__(self):
        self.bin = sorted(Path("/usr/lib/postgresql").glob("*/bin"))[-1]
        self.dir = Path(tempfile.mkdtemp(prefix="kss-loadtest-pg-"))
        shutil.chown(self.dir, "postgres", "postgres")
        self.port = free_port()
        self.as_postgres(
            self.bin / "initdb",
            "-D",
            self.dir / "data",
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
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
            "-D",
            self.dir / "data",
            "-l",
            self.dir / "server.log",
            "-w",
            "-t",
            "60",
            "-o",
            f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1",
            "start",
        )

    def stop(self):
        self.as_postgres(self.bin / "pg_ctl", "-D", self.dir / "data", "-m", "fast", "-w", "stop")

    def destroy(self):
        with contextlib.suppress(subprocess.CalledProcessError):
            self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


def wait_for(url, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)  # noqa: S310 (our own server)
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"{url} did not answer")


def wrk(base):
    result = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{CONNECTIONS}",
            f"-d{SECONDS}s",
            "--timeout",
            "5s",
            "-s",
            str(ROOT / "scripts" / "wrk-summary.lua"),
            base,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def poll(base, stop_event, timeline):
    while not stop_event.is_set():
        moment = time.monotonic()
        try:
            # Search is never cached, so it shows what the database does.
            status = urllib.request.urlopen(base + "/sok/?q=kypros", timeout=2).status  # noqa: S310
        except urllib.error.HTTPError as error:
            status = error.code
        except OSError:
            status = "socket error"
        timeline.append((moment, time.monotonic(), status))
        time.sleep(0.05)


def main():
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: apt-get install wrk")
    postgres = Postgres()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "kss_site.settings.production",
        "DATABASE_URL": postgres.url,
        "SECRET_KEY": "loadtest-" + os.urandom(24).hex(),
        "ALLOWED_HOSTS": "127.0.0.1",
        "WAGTAILADMIN_BASE_URL": base,
        "SECURE_SSL_REDIRECT": "false",
        "STATIC_ROOT": str(postgres.dir / "static"),
        "MEDIA_ROOT": str(postgres.dir / "media"),
        "CACHE_DIR": str(postgres.dir / "cache"),
    }
    python = sys.executable
    server = None
    failures = []
    try:
        for command in (
            ["migrate", "--noinput", "-v0"],
            ["load_seed_content", "-v0"],
            ["collectstatic", "--noinput", "-v0"],
        ):
            subprocess.run([python, "manage.py", *command], cwd=ROOT, env=env, check=True)
        server_log = open(postgres.dir / "gunicorn.log", "w")  # noqa: SIM115
        server = subprocess.Popen(
            [
                str(Path(python).parent / "gunicorn"),
                "kss_site.wsgi",
                "--workers",
                "2",
                "--bind",
                f"127.0.0.1:{port}",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
            stdout=server_log,
            stderr=subprocess.STDOUT,
        )
        wait_for(base + "/")

        steady = wrk(base)
        print("steady load:", json.dumps(steady))
        if steady["socket_errors"] or steady["non2xx"]:
            failures.append("errors or non-2xx answers under steady load")

        timeline, stop_polling = [], threading.Event()
        poller = threading.Thread(target=poll, args=(base, stop_polling, timeline))
        load = {}
        loader = threading.Thread(target=lambda: load.update(wrk(base)))
        loader.start()
        poller.start()
        time.sleep(OUTAGE_AT)
        stopped = time.monotonic()  # the database starts refusing as pg_ctl begins
        postgres.stop()
        time.sleep(OUTAGE_SECONDS)
        postgres.start()
        restarted = time.monotonic()
        loader.join()
        stop_polling.set()
        poller.join()

        statuses = set(load["statuses"])
        print("with a 5 s database outage:", json.dumps(load))
        # A request counts by when it was answered for the start of the outage,
        # and by when it was sent for the recovery.
        bad_after = [start for start, _, status in timeline if start >= restarted and status != 200]
        recovery = max(bad_after, default=restarted) - restarted
        outside = [
            status
            for start, end, status in timeline
            if status != 200 and (end < stopped or start > restarted + 1)
        ]
        server_log.flush()
        log = (postgres.dir / "gunicorn.log").read_text()
        logged = log.count("OperationalError")
        print(
            f"503s seen by the poller: {sum(1 for *_, status in timeline if status == 503)}; "
            f"last non-200 sent {recovery:.2f} s after the restart; "
            f"database errors logged: {logged}"
        )
        if not logged:
            failures.append("the outage was not logged")
        if load["socket_errors"]:
            failures.append("socket errors during the outage run")
        if not statuses <= {"200", "503"}:
            failures.append(f"answers other than 200 and 503: {sorted(statuses)}")
        if "503" not in statuses:
            failures.append("no 503 during the outage: the drill did not take")
        if outside:
            failures.append(f"non-200 answers outside the outage: {outside[:5]}")
        if recovery > 1:
            failures.append(f"recovered {recovery:.2f} s after the restart (bar: 1 s)")
    finally:
        if server is not None:
            server.terminate()
            server.wait()
        postgres.destroy()
    if failures:
        print("\nFAILED:\n  " + "\n  ".join(failures))
        return 1
    print("\nLoad and fault drill passed.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
