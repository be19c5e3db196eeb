import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

# Playwright's sync API runs an event loop in the test thread; without this the
# ORM raises SynchronousOnlyOperation inside live_server tests.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ROOT = Path(__file__).resolve().parent.parent
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# In CI (KSS_REQUIRE_BROWSER=1) a missing browser or checker fails the run.
REQUIRED = os.environ.get("KSS_REQUIRE_BROWSER") == "1"


def require(path, what):
    """Skip a test whose tool is missing locally; fail it in CI."""
    if not Path(path).exists():
        if REQUIRED:
            pytest.fail(f"{what} is missing at {path}; run `make test` (npm ci) first")
        pytest.skip(f"{what} is missing at {path}; run `make test` to install it")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test starts from the seeded site, as a visitor sees it after `make run`.

    The seeded database is also kept serialized: transactional tests (the live
    server's) get it back from there after their flush, much faster than
    seeding again."""
    from django.db import connections

    with django_db_blocker.unblock():
        call_command("load_seed_content", verbosity=0)
        for connection in connections.all():
            SEEDED[connection.alias] = connection.creation.serialize_db_to_string()


# The seeded database, serialized once per session by django_db_setup.
SEEDED = {}


def _uses_database(request):
    from django.test import TransactionTestCase

    if request.node.get_closest_marker("django_db") is not None:
        return True
    if request.cls is not None and issubclass(request.cls, TransactionTestCase):
        return True
    return bool({"db", "transactional_db", "site_url", "live_server"} & set(request.fixturenames))


@pytest.fixture(autouse=True)
def _seeded_rollback(request):
    """Hands the serialized seed to this test's connections before anything
    else: Playwright's event loop gives the test thread new connection objects,
    which would not carry it, and an emptied database would stay empty.

    Django keeps the copy it restores from in a private attribute of the
    connection (``_test_serialized_contents``, set by ``create_test_db``); it
    has no public way to hand over a copy made after the migrations.

    Tests without the database (the layout, formatting) need no seed."""
    if not _uses_database(request):
        return
    request.getfixturevalue("django_db_setup")
    from django.db import connections

    for alias, contents in SEEDED.items():
        connections[alias]._test_serialized_contents = contents


@pytest.fixture(autouse=True)
def _clear_cache():
    """Wagtail caches the sites' root paths; a test's rolled-back Site must not
    leak into the next test through the cache, nor its changes that waited
    for a commit that never came; nor a rolled-back image's renditions."""
    from django.core.cache import caches

    from caching.invalidation import discard_pending
    from caching.page_cache import forget_outage

    def clear():
        for cache in caches.all():
            cache.clear()
        discard_pending()
        forget_outage()

    clear()
    yield
    clear()


def pytest_collection_modifyitems(config, items):
    """Browser tests need Debian's Chromium. CI sets KSS_REQUIRE_BROWSER=1 so a
    missing browser fails the run instead of skipping the tests."""
    if os.path.exists(CHROMIUM):
        return
    if REQUIRED:
        raise pytest.UsageError(f"KSS_REQUIRE_BROWSER=1 but there is no Chromium at {CHROMIUM}")
    skip = pytest.mark.skip(reason=f"no Chromium at {CHROMIUM}")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def site_url(live_server, django_db_serialized_rollback, transactional_db):
    """The seeded site on a live server, for browser tests. Transactional tests
    empty the database after each test; the seeded content comes back from its
    serialized copy (django_db_setup).

    The first such test of a session can find the database as the migrations
    left it, Wagtail's welcome page and all; the seed command, which builds
    only what is missing, puts the site there."""
    from wagtail.models import Page

    if Page.objects.filter(title="Welcome to your new Wagtail site!").exists():
        call_command("load_seed_content", verbosity=0)
    return live_server.url


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(autouse=True, scope="session")
def _clean_test_media():
    from django.conf import settings

    yield
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)
    shutil.rmtree(settings.PRIVATE_MEDIA_ROOT, ignore_errors=True)


@pytest.fixture
def varnish(site_url, tmp_path):
    """Debian's Varnish with the project's VCL (deploy/varnish/kss.vcl) in
    front of the live server; yields its base URL and a stats reader."""
    import re
    import socket
    import subprocess
    import time
    import urllib.request

    varnishd = shutil.which("varnishd") or "/usr/sbin/varnishd"
    require(varnishd, "Varnish (apt-get install varnish)")
    backend_port = int(site_url.rsplit(":", 1)[1])
    vcl = (ROOT / "deploy" / "varnish" / "kss.vcl").read_text()
    vcl = re.sub(r'\.port = "\d+";', f'.port = "{backend_port}";', vcl, count=1)
    (tmp_path / "kss.vcl").write_text(vcl)
    shutil.copy(ROOT / "deploy" / "varnish" / "addresses.vcl", tmp_path)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    workdir = tmp_path / "varnish"
    process = subprocess.Popen(
        [
            varnishd,
            "-F",
            "-j",
            "none",
            "-n",
            str(workdir),
            "-a",
            f"127.0.0.1:{port}",
            "-f",
            str(tmp_path / "kss.vcl"),
            "-s",
            "malloc,32m",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(url + "/robots.txt", timeout=2)  # noqa: S310 (our own)
            break
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                pytest.fail("Varnish did not start")
            time.sleep(0.2)

    varnishstat = shutil.which("varnishstat") or "/usr/bin/varnishstat"

    def stat(name):
        out = subprocess.run(
            [varnishstat, "-n", str(workdir), "-1", "-f", f"MAIN.{name}"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        return int(out.split()[1])

    yield url, stat
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def queue(settings, django_db_serialized_rollback, transactional_db):
    """The task queue as production has it (django_tasks_db, in the test's
    database) instead of tasks run at once; ``run(seconds)`` is the worker
    (`manage.py db_worker`) for that long, or until nothing is left to do.
    The worker takes a transaction of its own: the test's database is
    transactional (the seed comes back after it, as for ``site_url``)."""
    import time

    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    class Queue:
        @staticmethod
        def waiting():
            return DBTaskResult.objects.filter(status="READY").count()

        def run(self, seconds=10.0):
            deadline = time.monotonic() + seconds
            while True:
                call_command(
                    "db_worker", batch=True, reload=False, startup_delay=False, verbosity=0
                )
                if not self.waiting() or time.monotonic() > deadline:
                    return
                time.sleep(0.1)

    return Queue()


@pytest.fixture(scope="session")
def bench_report():
    """Records a measured figure for `make bench` (scripts/bench.py), which
    runs the tests that measure with KSS_BENCH_REPORT naming a file."""
    import json

    path = os.environ.get("KSS_BENCH_REPORT")

    def record(name, value):
        if path:
            with open(path, "a") as report:
                report.write(json.dumps({"name": name, "value": value}) + "\n")

    return record


@pytest.fixture
def redis_server(tmp_path):
    """Debian's redis-server on a port of its own, without persistence; can be
    stopped, started again, paused (hanging) and resumed."""
    import signal
    import socket
    import subprocess
    import time

    from scripts.stack import redis_command

    binary = shutil.which("redis-server") or "/usr/bin/redis-server"
    require(binary, "Redis (apt-get install redis-server)")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]

    class Server:
        url = f"redis://127.0.0.1:{port}/0"
        process = None
        client = None

        def start(self):
            self.process = subprocess.Popen(
                redis_command(binary, port, tmp_path),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            deadline = time.monotonic() + 10
            while True:
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    return
                except OSError:
                    if time.monotonic() > deadline:
                        pytest.fail("Redis did not start")
                    time.sleep(0.05)

        def stop(self):
            self.process.terminate()
            self.process.wait(timeout=10)

        def pause(self):
            self.process.send_signal(signal.SIGSTOP)

        def resume(self):
            self.process.send_signal(signal.SIGCONT)

        def commands(self):
            """How many commands Redis has run, by its own count. Through one
            connection, so that each reading adds exactly one (its INFO) to
            the next."""
            import redis

            if self.client is None:
                self.client = redis.Redis.from_url(self.url)
            stats = self.client.info("commandstats")
            return sum(entry["calls"] for entry in stats.values())

    server = Server()
    server.start()
    yield server
    if server.process.poll() is None:
        server.resume()
        server.stop()


@pytest.fixture(scope="session")
def stack():
    """`make stack` with two app nodes, once per session (tests/stack.py).
    tests/test_stack.py brings it down in its last test: test files that use
    it sort before that one."""
    import shutil as _shutil

    from tests.stack import Stack

    if os.geteuid() != 0 or not _shutil.which("apt-get"):
        if REQUIRED:
            pytest.fail("make stack needs root and apt-get")
        pytest.skip("make stack needs root and apt-get")
    stack = Stack()
    assert stack.up.returncode == 0, stack.up.stdout[-3000:] + stack.up.stderr[-3000:]
    yield stack
    if os.environ.get("KSS_KEEP_STACK") == "1":  # to read its logs afterwards
        print(f"The stack is kept in {stack.folder}")
        return
    stack.destroy()


_session = {"started": 0.0}


def pytest_sessionstart(session):
    import time

    _session["started"] = time.time()


def pytest_terminal_summary(terminalreporter):
    """How many admin screens the language walks saw, per role:
    tests/test_admin_language.py and its browser twin write the lists to
    build/admin-walk/ (tests/admin_crawl.py); those of this run are counted."""
    from tests.admin_crawl import WALK_FOLDER

    written = (
        sorted(
            path
            for path in WALK_FOLDER.glob("*.txt")
            if path.stat().st_mtime >= _session["started"]
        )
        if WALK_FOLDER.exists()
        else []
    )
    if not written:
        return
    terminalreporter.section("admin screens walked")
    for path in written:
        role, how = path.stem.split("-", 1)
        screens = len(path.read_text().split())
        terminalreporter.write_line(f"{role}: {screens} screens ({how}), {path.relative_to(ROOT)}")


@pytest.fixture(scope="session")
def production_static(tmp_path_factory):
    """The static files as production has them: collectstatic with WhiteNoise's
    compressed manifest storage."""
    from django.conf import settings

    from tests.helpers import PRODUCTION_ENV

    root = tmp_path_factory.mktemp("static")
    result = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=settings.BASE_DIR,
        env={
            **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
            **PRODUCTION_ENV,
            "DJANGO_SETTINGS_MODULE": "kss_site.settings.production",
            "STATIC_ROOT": str(root),
        },
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return root
