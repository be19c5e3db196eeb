"""`make stack`: the documented production stack from the checkout, on
loopback, with two app nodes, tested through nginx as a visitor's requests
go. A stack of its own in a temporary folder (STACK_DIR), beside any the
developer runs. Needs root and Debian's packages (the stack installs what is
missing); CI runs it, a local run without them skips it."""

import http.client
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from tests.conftest import REQUIRED, ROOT

pytestmark = pytest.mark.stack


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(port, path, method="GET", host="localhost"):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request(method, path, headers={"Host": host})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, dict(response.getheaders()), body


@pytest.fixture(scope="module")
def stack():
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        if REQUIRED:
            pytest.fail("make stack needs root and apt-get")
        pytest.skip("make stack needs root and apt-get")
    folder = Path(tempfile.mkdtemp(prefix="kss-stack-test-"))
    folder.chmod(0o755)  # PostgreSQL runs as its own user
    port = free_port()
    # The stack brings its own database and settings: the tests' must not leak in.
    env = {
        **{
            k: v
            for k, v in os.environ.items()
            if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")
        },
        "STACK_DIR": str(folder),
        "STACK_PORT": str(port),
        "NODES": "2",
        "KSS_ADMIN_PASSWORD": "stack-test-passord-42",
    }

    def run(*args):
        return subprocess.run(
            [sys.executable, "scripts/stack.py", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )

    up = run("up")

    class Stack:
        pass

    stack = Stack()
    stack.port, stack.folder, stack.run, stack.up = port, folder, run, up
    stack.state = json.loads((folder / "stack.json").read_text()) if up.returncode == 0 else {}
    yield stack
    run("down")
    shutil.rmtree(folder, ignore_errors=True)


def alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def pids(stack):
    return {p.stem: int(p.read_text()) for p in (stack.folder / "pids").glob("*.pid")}


def test_make_stack_brings_the_stack_up_and_says_where(stack):
    assert stack.up.returncode == 0, stack.up.stdout[-3000:] + stack.up.stderr[-3000:]
    assert f"Stack up: http://127.0.0.1:{stack.port}/" in stack.up.stdout
    names = set(pids(stack))
    assert names == {"postgres", "redis", "node1", "node2", "varnish", "nginx"}
    assert all(alive(pid) for pid in pids(stack).values())


def test_pages_come_through_nginx_and_varnish(stack):
    status, headers, body = get(stack.port, "/partnere/kypros/")
    assert status == 200 and b"SPAVO" in body
    assert "s-maxage" in headers["Cache-Control"]
    hits = varnish_stat(stack, "cache_hit")
    get(stack.port, "/partnere/kypros/?utm_source=nyhetsbrev")
    assert eventually(lambda: varnish_stat(stack, "cache_hit"), hits + 1) == hits + 1
    status, _, _ = get(stack.port, "/static/favicon.svg")
    assert status == 200
    assert get(stack.port, "/admin/login/")[0] == 200


def test_nobody_purges_through_nginx(stack):
    for method in ("PURGE", "BAN"):
        assert get(stack.port, "/partnere/kypros/", method=method)[0] in (403, 405)
    # The positive control: the application machine itself may, at Varnish.
    assert get(stack.state["varnish"], "/partnere/kypros/", method="PURGE")[0] == 200


def eventually(read, expected, seconds=3.0):
    """Varnish adds a worker thread's counts to its totals when the thread has
    nothing to do, which through nginx's kept-alive connections may be a
    moment later: the value once it is the one expected, or the last one."""
    deadline = time.monotonic() + seconds
    value = read()
    while value != expected and time.monotonic() < deadline:
        time.sleep(0.2)
        value = read()
    return value


def varnish_stat(stack, name):
    out = subprocess.run(
        ["varnishstat", "-n", str(stack.folder / "varnish"), "-1", "-f", f"MAIN.{name}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return int(out.split()[1])


def healthy(stack):
    """The app nodes Varnish's director sends to (scripts/stack.py healthy)."""
    return set(stack.run("healthy").stdout.split())


def test_a_node_stopped_costs_no_request_and_rejoins(stack):
    paths = ["/sok/?q=kypros", "/rapporter/?kind=report", "/partnere/", "/en/search/?q=cyprus"]
    assert stack.run("stop", "node1").returncode == 0
    statuses = [get(stack.port, paths[n % len(paths)])[0] for n in range(60)]
    assert statuses == [200] * 60
    assert stack.run("start-node", "1").returncode == 0
    deadline = time.monotonic() + 5
    while "node1" not in healthy(stack):
        assert time.monotonic() < deadline, "node 1 did not rejoin the director in 5 s"
        time.sleep(0.2)


def test_a_publication_through_one_node_shows_through_nginx_within_a_second(stack):
    assert b"SPAVO" in get(stack.port, "/partnere/kypros/")[2]
    script = (
        "from partners.models import PartnerPage;"
        "p = PartnerPage.objects.get(slug='kypros');"
        "p.summary = 'Publisert gjennom stabelen.';"
        "p.save_revision().publish()"
    )
    assert stack.run("manage", "shell", "-c", script).returncode == 0
    published = time.monotonic()
    while b"Publisert gjennom stabelen." not in get(stack.port, "/partnere/kypros/")[2]:
        assert time.monotonic() - published < 1, "not visible through nginx within 1 s"
        time.sleep(0.05)


def test_make_stack_down_stops_every_process(stack):
    before = pids(stack)
    down = stack.run("down")
    assert down.returncode == 0
    assert not any(alive(pid) for pid in before.values())
    assert not list((stack.folder / "pids").glob("*.pid"))
