"""`make run` serves the site as visitors get it: DEBUG off, the site's own
404 with the quick exit, hashed and compressed static files, several workers
that all see a publication at once, and the addresses printed when ready.
Run as the README says, on a database and folders of its own."""

import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import time

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.make_run


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("make-run")
    port = free_port()
    env = {
        **{
            k: v
            for k, v in os.environ.items()
            if k not in ("DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE")
        },
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        "STATIC_ROOT": str(folder / "static"),
        "MEDIA_ROOT": str(folder / "media"),
        "PRIVATE_MEDIA_ROOT": str(folder / "private"),
        "LOCAL_DIR": str(folder / "local"),
        "KSS_ADMIN_PASSWORD": "make-run-passord-42",
        "PORT": str(port),
    }
    env.pop("REDIS_URL", None)
    log = open(folder / "make-run.log", "w+")  # noqa: SIM115 (closed below)
    process = subprocess.Popen(
        ["make", "run", f"PORT={port}"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 240
    while "The site is ready" not in (folder / "make-run.log").read_text():
        assert process.poll() is None, (folder / "make-run.log").read_text()[-3000:]
        assert time.monotonic() < deadline, "make run was not ready in 4 minutes"
        time.sleep(0.5)

    class Site:
        pass

    site = Site()
    site.port, site.env, site.process, site.folder = port, env, process, folder
    site.output = (folder / "make-run.log").read_text()
    yield site
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=30)
    log.close()


def get(site, path, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", site.port, timeout=30)
    connection.request("GET", path, headers=headers or {})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, body


def test_it_says_where_the_site_and_the_admin_are(site):
    base = f"http://127.0.0.1:{site.port}"
    for line in (f"{base}/", f"{base}/en/", f"{base}/admin/", "(user: admin)"):
        assert line in site.output


def test_a_missing_page_is_the_sites_own_404(site):
    status, _, body = get(site, "/finnes-ikke/")
    html = body.decode()
    assert status == 404
    assert "quick-exit__button" in html
    assert "URLconf" not in html and "DEBUG" not in html


def test_static_files_are_hashed_and_compressed(site):
    _, _, body = get(site, "/")
    (css,) = re.findall(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', body.decode())
    status, headers, _ = get(site, css, {"Accept-Encoding": "br, gzip"})
    assert status == 200
    assert headers["content-encoding"] in ("br", "gzip")
    assert "immutable" in headers["cache-control"]


def test_every_worker_sees_a_publication_at_once(site):
    processes = gunicorn_processes(site.port)
    workers = [pid for pid, parent in processes.items() if parent in processes]
    assert len(workers) >= 2, "several worker processes"
    for _ in range(12):  # every worker has the page in the shared cache
        assert b"SPAVO" in get(site, "/partnere/kypros/")[2]
    script = (
        "from partners.models import PartnerPage;"
        "p = PartnerPage.objects.get(slug='kypros');"
        "p.summary = 'Publisert mens make run kjører.';"
        "p.save_revision().publish()"
    )
    subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env={**site.env, "DJANGO_SETTINGS_MODULE": "kss_site.settings.local"},
        check=True,
        capture_output=True,
    )
    for _ in range(12):
        assert b"Publisert mens make run kj\xc3\xb8rer." in get(site, "/partnere/kypros/")[2]


def gunicorn_processes(port):
    """{pid: parent pid} of the gunicorn serving ``port`` (from /proc, as
    procps may not be installed)."""
    from pathlib import Path

    found = {}
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            command = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            parent = int((proc / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except OSError:
            continue
        if "gunicorn" in command and f"127.0.0.1:{port}" in command:
            found[int(proc.name)] = parent
    return found


def test_the_mails_to_staff_lead_to_the_address_make_run_serves(site):
    """Whatever PORT is: the notices of the approval workflow, written to
    .local/mail/, link to http://127.0.0.1:PORT and each link opens its
    screen; the sender is the configured one, not webmaster@localhost."""
    from pathlib import Path

    from tests.stack import assert_notices_lead_where_they_say

    def run_shell(script):
        subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", script],
            cwd=ROOT,
            env={**site.env, "DJANGO_SETTINGS_MODULE": "kss_site.settings.local"},
            check=True,
            capture_output=True,
        )

    followed = assert_notices_lead_where_they_say(
        site.port, run_shell, Path(site.env["LOCAL_DIR"]) / "mail", "nettsted@localhost"
    )
    assert any("/edit/" in path for path in followed)
    assert any(not path.startswith("/admin/") for path in followed)  # the live page
    # The sitemap is on the same address.
    assert f"http://127.0.0.1:{site.port}/partnere/" in get(site, "/sitemap.xml")[2].decode()


def test_make_backup_takes_the_site_make_run_serves(site, tmp_path):
    """Its database and both upload folders, not the development settings'
    (an empty database there would be refused); no stack runs here."""
    import json
    import sqlite3
    import tarfile

    result = subprocess.run(
        ["make", "backup", f"DIR={tmp_path}"],
        cwd=ROOT,
        env={**site.env, "STACK_DIR": str(tmp_path / "no-stack")},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    (archive,) = tmp_path.glob("kss-*.tar.gz")
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    db = sqlite3.connect(site.folder / "db.sqlite3")
    (pages,) = db.execute("SELECT COUNT(*) FROM wagtailcore_page WHERE depth > 1").fetchone()
    db.close()
    assert manifest["database"] == "database.sqlite3"
    assert manifest["holds"]["pages"] == pages > 20
    assert f"{pages} pages" in result.stdout
