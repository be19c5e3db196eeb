"""`make loadtest`: the load, scale-out and fault drill (docs/deployment.md).

Runs on `make stack` with two app nodes (started here, and stopped again, if
it is not running already), through nginx as a visitor's requests go:

1. wrk with 20 connections for 20 s over a mix of pages: no socket errors, no
   non-2xx answers;
2. the same while app node 1 is stopped half-way: still none (Varnish sends
   to the other node); node 1 is started again and must be back in Varnish's
   director within 5 s;
3. a publication made through node 2 is visible through nginx within 1 s;
4. wrk again while PostgreSQL is stopped for 5 s: no socket errors, only 503
   answers while the database is down, and every answer a 200 again within
   1 s of the restart (a poller asks every 50 ms to time it).

Prints the figures and exits non-zero when one falls short. Needs root and
wrk (Debian's packages; `make stack` installs the rest).
"""

import json
import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

from stack import PYTHON, ROOT, Stack, need
from stack import wrk as run_wrk

CONNECTIONS, SECONDS = 20, 20
OUTAGE_AT, OUTAGE_SECONDS = 8, 5


def wrk(base):
    return run_wrk(base, connections=CONNECTIONS, seconds=SECONDS)


def status_of(url):
    try:
        return urllib.request.urlopen(url, timeout=2).status  # noqa: S310 (our own stack)
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return "socket error"


def poll(url, stop_event, timeline):
    while not stop_event.is_set():
        moment = time.monotonic()
        status = status_of(url)
        timeline.append((moment, time.monotonic(), status))
        time.sleep(0.05)


def scale_out(stack, failures):
    base = stack.url
    load = {}
    loader = threading.Thread(target=lambda: load.update(wrk(base)))
    loader.start()
    time.sleep(SECONDS / 2)
    stack.stop_process("node1")
    loader.join()
    print("with app node 1 stopped half-way:", json.dumps(load))
    if load["socket_errors"] or load["non2xx"]:
        failures.append(f"failed requests while a node stopped: {json.dumps(load)}")

    stack.start_node(1)
    started = time.monotonic()
    while "node1" not in stack.healthy_nodes():
        if time.monotonic() - started > 5:
            failures.append("node 1 did not rejoin Varnish's director within 5 s")
            break
        time.sleep(0.2)
    else:
        print(f"node 1 back in the director after {time.monotonic() - started:.1f} s")


def publication_through_one_node(stack, failures):
    """Publish with node 2's settings (the same database, Redis and Varnish)
    and time how long until nginx shows it."""
    page = "/partnere/kypros/"
    urllib.request.urlopen(stack.url + page).read()  # noqa: S310 (stored in Varnish now)
    marker = f"Publisert {time.time():.0f}."
    script = (
        "from partners.models import PartnerPage;"
        "p = PartnerPage.objects.get(slug='kypros');"
        f"p.summary = {marker!r};"
        "p.save_revision().publish()"
    )
    subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", script], cwd=ROOT, env=stack.env(), check=True
    )
    published = time.monotonic()
    while marker not in urllib.request.urlopen(stack.url + page).read().decode():  # noqa: S310
        if time.monotonic() - published > 1:
            failures.append("a publication was not visible through nginx within 1 s")
            return
        time.sleep(0.05)
    print(f"publication visible through nginx after {time.monotonic() - published:.2f} s")


def database_outage(stack, failures):
    base = stack.url
    timeline, stop_polling = [], threading.Event()
    # Search is never cached, so it shows what the database does.
    poller = threading.Thread(target=poll, args=(base + "/sok/?q=kypros", stop_polling, timeline))
    load = {}
    loader = threading.Thread(target=lambda: load.update(wrk(base)))
    loader.start()
    poller.start()
    time.sleep(OUTAGE_AT)
    stopped = time.monotonic()  # the database starts refusing as it begins to stop
    stack.stop_process("postgres")
    time.sleep(OUTAGE_SECONDS)
    stack.start_postgres()
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
    print(
        f"503s seen by the poller: {sum(1 for *_, status in timeline if status == 503)}; "
        f"last non-200 sent {recovery:.2f} s after the restart"
    )
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


def main():
    need("wrk")
    stack = Stack()
    started_here = not stack.running()
    if started_here:
        os.environ.setdefault("KSS_ADMIN_PASSWORD", os.urandom(12).hex())
        stack.up(int(os.environ.get("STACK_PORT", "8080")), 2)
    elif len(stack.state.get("nodes", [])) < 2:
        raise SystemExit("The running stack has one app node: make stack-down, then run again.")
    failures = []
    try:
        steady = wrk(stack.url)
        print("steady load through nginx:", json.dumps(steady))
        if steady["socket_errors"] or steady["non2xx"]:
            failures.append("errors or non-2xx answers under steady load")
        scale_out(stack, failures)
        publication_through_one_node(stack, failures)
        database_outage(stack, failures)
    finally:
        if started_here:
            stack.down()
    if failures:
        print("\nFAILED:\n  " + "\n  ".join(failures))
        return 1
    print("\nLoad, scale-out and fault drill passed.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
