"""`make audit`: Lighthouse 12.2.3 (mobile, local Chromium) on four pages.

Serves a freshly seeded copy of the site, runs Lighthouse on the front page, a
partner, a conference and the report archive, prints the scores and exits
non-zero if any page scores below the bar. Not part of the unit tests: the
scores take ~15 s a page and depend on the machine.
"""

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = ["/", "/partnere/sor-afrika/", "/konferanser/nordisk-forum-2014/", "/rapporter/"]
BARS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage "
    "--disable-background-networking --disable-component-update --disable-sync --no-first-run"
)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)  # noqa: S310 (our own local server)
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"The site did not start at {url}")


def main():
    python = sys.executable
    lighthouse = ROOT / "node_modules" / ".bin" / "lighthouse"
    workdir = Path(tempfile.mkdtemp(prefix="kss-audit-"))
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{workdir / 'audit.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "kss_site.settings.dev",
        "MEDIA_ROOT": str(workdir / "media"),
    }
    for command in (["migrate", "--noinput", "-v0"], ["load_seed_content", "-v0"]):
        subprocess.run([python, "manage.py", *command], cwd=ROOT, env=env, check=True)
    port = free_port()
    server = subprocess.Popen(
        [python, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    failures = []
    try:
        wait_for(base + "/")
        print(f"{'page':40} " + " ".join(f"{c:>15}" for c in BARS))
        for path in PAGES:
            report = workdir / "lighthouse.json"
            subprocess.run(
                [
                    str(lighthouse),
                    base + path,
                    "--quiet",
                    "--output=json",
                    f"--output-path={report}",
                    "--only-categories=" + ",".join(BARS),
                    f"--chrome-flags={CHROME_FLAGS}",
                ],
                env={**env, "CHROME_PATH": os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")},
                check=True,
            )
            categories = json.loads(report.read_text())["categories"]
            scores = {name: round(categories[name]["score"] * 100) for name in BARS}
            print(f"{path:40} " + " ".join(f"{scores[c]:>15}" for c in BARS))
            for name, bar in BARS.items():
                if scores[name] < bar:
                    failures.append(f"{path}: {name} {scores[name]} < {bar}")
                    audits = json.loads(report.read_text())["audits"]
                    for ref in categories[name]["auditRefs"]:
                        audit = audits[ref["id"]]
                        if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                            print(f"    {name}: {audit['id']} – {audit['title']}")
    finally:
        server.terminate()
        server.wait()
    if failures:
        print("\nBelow the bar:\n  " + "\n  ".join(failures))
        return 1
    print("\nEvery page meets the bar: " + ", ".join(f"{c} ≥ {b}" for c, b in BARS.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
