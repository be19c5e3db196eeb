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

import json
import sys
import threading
import time
import urllib.error
import urllib.request

from stack import Postgres, free_port, need, prepare, production_env, start_gunicorn, stop, wait_for
from stack import wrk as run_wrk

CONNECTIONS, SECONDS = 20, 30
OUTAGE_AT, OUTAGE_SECONDS = 10, 5


def wrk(base):
    return run_wrk(base, connections=CONNECTIONS, seconds=SECONDS)


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
    need("wrk")
    postgres = Postgres()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = production_env(postgres, base)
    server = None
    failures = []
    try:
        prepare(env)
        server = start_gunicorn(env, port, postgres.dir / "gunicorn.log")
        server_log = server.log
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
        stop(server)
        postgres.destroy()
    if failures:
        print("\nFAILED:\n  " + "\n  ".join(failures))
        return 1
    print("\nLoad and fault drill passed.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
