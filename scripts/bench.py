"""`make bench`: every speed and size target of the site, measured in one run,
printed as a table with its bar; exits non-zero when one falls short.

On this machine's stack (scripts/stack.py: throwaway PostgreSQL, gunicorn with
2 workers and production settings), with nginx serving the same page's HTML
as a static file for a yardstick and Varnish (deploy/varnish/kss.vcl) in
front of gunicorn:

- throughput with wrk -t2 -c10 -d10s of: the static file (nginx), the same
  bytes from a do-nothing WSGI app under gunicorn (the ceiling for Python, no
  bar), the page from the page cache, the page rendered afresh (a query string
  bypasses the page cache: exactly a cache miss), the page through Varnish;
  no errors;
- gunicorn workers' memory before and after 20 000 more requests;
- the seed command's time on a fresh PostgreSQL database and a fresh SQLite
  file;
- the tests that measure (tests/test_query_budget.py, test_weight.py,
  test_front_cache.py, test_cache.py, test_images.py) on PostgreSQL, which
  report their figures here;
- the whole test suite's time on SQLite (BENCH_SUITE=0 skips it).

Needs root, and Debian's postgresql, nginx, varnish and wrk.
"""

import json
import os
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from stack import (
    PAGE_MIX,
    PYTHON,
    ROOT,
    Postgres,
    free_port,
    manage,
    need,
    prepare,
    production_env,
    start_gunicorn,
    stop,
    wait_for,
    wrk,
)

PAGE = "/personvern/"  # a text page
MEMORY_REQUESTS = 20_000

rows = []  # (figure, measured, bar, ok)


def row(figure, measured, bar, ok):
    rows.append((figure, measured, bar, ok))


def start_nginx(workdir, html):
    """nginx serving `html` at PAGE, as the static yardstick."""
    # nginx's workers drop root: their files must be readable by anyone.
    root = workdir / "nginx-root"
    root.mkdir()
    for folder in (workdir, root):
        folder.chmod(0o755)
    (root / PAGE.strip("/")).mkdir(parents=True)
    (root / PAGE.strip("/")).chmod(0o755)
    (root / PAGE.strip("/") / "index.html").write_bytes(html)
    port = free_port()
    conf = workdir / "nginx.conf"
    conf.write_text(
        f"""
worker_processes 2;
pid {workdir}/nginx.pid;
error_log {workdir}/nginx-error.log;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    default_type text/html;
    client_body_temp_path {workdir}/nginx-body;
    proxy_temp_path {workdir}/nginx-proxy;
    fastcgi_temp_path {workdir}/nginx-fastcgi;
    uwsgi_temp_path {workdir}/nginx-uwsgi;
    scgi_temp_path {workdir}/nginx-scgi;
    server {{
        listen 127.0.0.1:{port};
        root {root};
    }}
}}
"""
    )
    subprocess.run(["nginx", "-c", str(conf)], check=True)
    return port, lambda: subprocess.run(
        ["nginx", "-c", str(conf), "-s", "stop"], check=False, stderr=subprocess.DEVNULL
    )


def start_varnish(workdir, backend_port):
    vcl = (ROOT / "deploy" / "varnish" / "kss.vcl").read_text()
    vcl = re.sub(r'\.port = "\d+";', f'.port = "{backend_port}";', vcl, count=1)
    (workdir / "kss.vcl").write_text(vcl)
    port = free_port()
    process = subprocess.Popen(
        [
            "varnishd",
            *("-F", "-j", "none", "-n", str(workdir / "varnish"), "-a", f"127.0.0.1:{port}"),
            *("-f", str(workdir / "kss.vcl"), "-s", "malloc,256m"),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return port, process


def worker_memory(master):
    """Resident memory of the gunicorn workers (the master's children), in KB."""
    children = subprocess.run(
        ["pgrep", "-P", str(master.pid)], capture_output=True, text=True, check=True
    ).stdout.split()
    total = 0
    for pid in children:
        status = Path(f"/proc/{pid}/status").read_text()
        total += int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1))
    return total


def ceiling(workdir, html, static_rps):
    """The same HTML from a do-nothing WSGI app under gunicorn: no bar, it
    shows how much of the static file's throughput any Python code can reach."""
    (workdir / "reference.html").write_bytes(html)
    port = free_port()
    env = {
        **os.environ,
        "BENCH_REFERENCE_HTML": str(workdir / "reference.html"),
        "PYTHONPATH": str(ROOT / "scripts"),
    }
    server = start_gunicorn(env, port, workdir / "reference.log", app="reference_wsgi")
    try:
        wait_for(f"http://127.0.0.1:{port}{PAGE}")
        result = wrk(f"http://127.0.0.1:{port}", [PAGE])
    finally:
        stop(server)
    share = result["rps"] / static_rps * 100
    row(
        "do-nothing WSGI app under gunicorn: requests/s",
        f"{result['rps']:.0f} = {share:.1f} % of static",
        "(gunicorn's ceiling)",
        True,
    )


def timed_seed(env):
    """Seconds for the seed command, interpreter start included, on a freshly
    migrated database."""
    manage(env, "migrate", "--noinput", "-v0")
    started = time.monotonic()
    manage(env, "load_seed_content", "-v0")
    return time.monotonic() - started


def throughput(name, url, path, static_rps, bar):
    result = wrk(url, [path])
    errors = result["socket_errors"] + result["non2xx"]
    share = result["rps"] / static_rps * 100 if static_rps else 0
    if bar is None:
        row(f"{name}: requests/s", f"{result['rps']:.0f}", "(yardstick)", errors == 0)
    else:
        row(
            f"{name}: requests/s",
            f"{result['rps']:.0f} = {share:.1f} % of static",
            f">= {bar} %",
            share >= bar and errors == 0,
        )
    if errors:
        row(f"{name}: errors", str(errors), "0", False)
    return result


def measuring_tests(postgres):
    """The tests that measure, on PostgreSQL; their figures come back here."""
    report = postgres.dir / "bench-report.jsonl"
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"},
        "DATABASE_URL": postgres.url,
        "KSS_BENCH_REPORT": str(report),
    }
    tests = [
        "tests/test_query_budget.py",
        "tests/test_cache.py",
        "tests/test_front_cache.py",
        "tests/test_weight.py",
        "tests/test_images.py",
    ]
    result = subprocess.run(
        [PYTHON, "-m", "pytest", "-q", "-p", "no:cacheprovider", *tests],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    summary = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else result.stderr
    row(
        "query budget, cache, Varnish, weight, image tests",
        summary,
        "all pass",
        result.returncode == 0,
    )
    if result.returncode:
        print(result.stdout[-4000:])
    figures = {}
    if report.exists():
        for line in report.read_text().splitlines():
            item = json.loads(line)
            figures[item["name"]] = item["value"]
    return figures


def measure_stack(postgres):
    """Seed times, static files, throughput and memory on the running stack."""
    workdir = postgres.dir
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = production_env(postgres, base)
    server = varnish = stop_nginx = None
    try:
        # Start-up: the seed on fresh databases.
        seconds = timed_seed(env)
        row("seed command, fresh PostgreSQL", f"{seconds:.1f} s", "< 10 s", seconds < 10)
        sqlite = {**env, "DATABASE_URL": f"sqlite:///{workdir}/seed.sqlite3"}
        seconds = timed_seed(sqlite)
        row("seed command, fresh SQLite", f"{seconds:.1f} s", "< 10 s", seconds < 10)
        prepare(env)

        server = start_gunicorn(env, port, workdir / "gunicorn.log")
        wait_for(base + PAGE)
        html = urllib.request.urlopen(base + PAGE).read()  # noqa: S310 (our own server)

        # Static files as a browser gets them: hashed, brotli, kept a year.
        css = re.search(rb'href="(/static/css/site\.[0-9a-f]+\.css)"', html)
        request = urllib.request.Request(  # noqa: S310
            base + css.group(1).decode(), headers={"Accept-Encoding": "br, gzip"}
        )
        with urllib.request.urlopen(request) as response:  # noqa: S310
            encoding = response.headers.get("Content-Encoding")
            max_age = int(re.search(r"max-age=(\d+)", response.headers["Cache-Control"]).group(1))
        row(
            "stylesheet: hashed name, encoding, max-age",
            f"{css.group(1).decode().rsplit('/', 1)[1]}, {encoding}, {max_age} s",
            "hashed, br, >= 1 year",
            encoding == "br" and max_age >= 365 * 24 * 3600,
        )

        nginx_port, stop_nginx = start_nginx(workdir, html)
        varnish_port, varnish = start_varnish(workdir, port)
        wait_for(f"http://127.0.0.1:{nginx_port}{PAGE}")
        wait_for(f"http://127.0.0.1:{varnish_port}{PAGE}")

        # Throughput, all in this one run: the bars are shares of the static file's.
        static = throughput("static file (nginx)", f"http://127.0.0.1:{nginx_port}", PAGE, 0, None)
        ceiling(workdir, html, static["rps"])
        throughput("cached page (gunicorn)", base, PAGE, static["rps"], 15)
        throughput("uncached page (gunicorn)", base, PAGE + "?bench=1", static["rps"], 2)
        throughput(
            "page through Varnish", f"http://127.0.0.1:{varnish_port}", PAGE, static["rps"], 50
        )

        # Memory: 20 000 requests over every page type, one in four rendered
        # afresh, in runs of 10 s (wrk cannot stop at a count).
        fresh = [p + ("&" if "?" in p else "?") + "fresh=1" for p in PAGE_MIX]
        mix = [
            path for quad in zip(PAGE_MIX, PAGE_MIX, PAGE_MIX, fresh, strict=True) for path in quad
        ]
        before = worker_memory(server)
        requests = errors = 0
        while requests < MEMORY_REQUESTS:
            result = wrk(base, mix)
            requests += result["requests"]
            errors += result["socket_errors"] + result["non2xx"]
        after = worker_memory(server)
        growth = (after - before) / before * 100
        row(
            f"worker memory over {requests} requests",
            f"{before // 1024} MB -> {after // 1024} MB ({growth:+.1f} %)",
            "<= +10 %",
            growth <= 10,
        )
        row("errors in the memory runs", str(errors), "0", errors == 0)
    finally:
        stop(varnish)
        if stop_nginx:
            stop_nginx()
        stop(server)


def main():
    need("wrk", "nginx", "varnishd")
    postgres = Postgres()
    try:
        measure_stack(postgres)
        figures = measuring_tests(postgres)
    finally:
        postgres.destroy()
    most = figures.get("queries per page, most")
    grown = figures.get("queries per page, most, 50x content")
    row("SQL queries per page type, most", str(most), "<= 15", most is not None and most <= 15)
    row(
        "... with 50x content (150 partners, 150 conferences, 1000 reports)",
        str(grown),
        "<= 15, no growth",
        grown is not None and grown <= 15,
    )
    visible = figures.get("publication visible through Varnish after (s)")
    row(
        "publication visible through Varnish",
        f"{visible} s",
        "<= 1 s",
        visible is not None and visible <= 1,
    )
    for path in ("/personvern/", "/en/privacy/"):
        raw = figures.get(f"weight {path} raw")
        packed = figures.get(f"weight {path} compressed")
        row(
            f"first view of {path}, uncompressed",
            f"{(raw or 0) / 1024:.1f} KB",
            "<= 60 KB",
            raw is not None and raw <= 60 * 1024,
        )
        row(
            f"first view of {path}, compressed",
            f"{(packed or 0) / 1024:.1f} KB",
            "<= 20 KB",
            packed is not None and packed <= 20 * 1024,
        )

    if os.environ.get("BENCH_SUITE", "1") != "0":
        started = time.monotonic()
        suite = subprocess.run(
            [PYTHON, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
            cwd=ROOT,
            env={
                k: v
                for k, v in os.environ.items()
                if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")
            },
            capture_output=True,
            text=True,
        )
        seconds = time.monotonic() - started
        last = suite.stdout.strip().splitlines()[-1] if suite.stdout.strip() else "no output"
        row(
            "whole test suite (SQLite)",
            f"{seconds:.0f} s ({last})",
            "< 300 s, all pass",
            seconds < 300 and suite.returncode == 0,
        )

    width = max(len(r[0]) for r in rows)
    measured = max(len(r[1]) for r in rows)
    print()
    print(f"{'figure':<{width}}  {'measured':<{measured}}  bar")
    for figure, value, bar, ok in rows:
        print(f"{figure:<{width}}  {value:<{measured}}  {bar:<18} {'ok' if ok else 'FAILED'}")
    failed = [r for r in rows if not r[3]]
    if failed:
        print(f"\n{len(failed)} figure(s) short of the bar.")
        return 1
    print("\nEvery figure meets its bar.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
