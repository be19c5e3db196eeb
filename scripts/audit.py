"""`make audit`: Lighthouse 12.2.3 (mobile, local Chromium) on four pages.

Serves a freshly seeded copy of the site as `make run` serves it (DEBUG off,
hashed and compressed static files, gunicorn), runs Lighthouse on the front
page, a partner, a conference and the report archive, prints the scores and
exits non-zero if any page scores below the bar. Not part of the unit tests:
the scores take ~15 s a page and depend on the machine.

Lighthouse sometimes ends a run with a runtime error instead of scores
(NO_NAVSTART on a loaded machine): such a page is run again, up to ATTEMPTS
times, and if it never gives scores the error is reported as such.
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from stack import free_port, wait_for

ROOT = Path(__file__).resolve().parent.parent
PAGES = ["/", "/partnere/sor-afrika/", "/konferanser/nordisk-forum-2014/", "/rapporter/"]
BARS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
ATTEMPTS = 3
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage "
    "--disable-background-networking --disable-component-update --disable-sync --no-first-run"
)


def run_lighthouse(url, report, env):
    """One Lighthouse run on ``url``; its report (JSON) is written to ``report``."""
    lighthouse = ROOT / "node_modules" / ".bin" / "lighthouse"
    subprocess.run(
        [
            str(os.environ.get("LIGHTHOUSE", lighthouse)),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            "--only-categories=" + ",".join(BARS),
            f"--chrome-flags={CHROME_FLAGS}",
        ],
        env={**env, "CHROME_PATH": os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")},
        check=False,
    )


def audit(url, report, env, run=run_lighthouse, attempts=ATTEMPTS):
    """(scores, None) for ``url``, or (None, the runtime error) if every one of
    ``attempts`` runs ended without scores. The last report stays in ``report``."""
    error = "no report"
    for _attempt in range(attempts):
        report.unlink(missing_ok=True)
        run(url, report, env)
        try:
            result = json.loads(report.read_text())
        except (OSError, ValueError):
            error = "Lighthouse wrote no report"
            continue
        runtime_error = result.get("runtimeError")
        categories = result.get("categories", {})
        if runtime_error or any(categories.get(c, {}).get("score") is None for c in BARS):
            runtime_error = runtime_error or {}
            error = f"{runtime_error.get('code', 'NO_SCORE')}: {runtime_error.get('message', '')}"
            continue
        return {name: round(categories[name]["score"] * 100) for name in BARS}, None
    return None, error


def serve(workdir):
    """The seeded site as make run serves it, on a free port; returns
    (process, base address, environment)."""
    python = sys.executable
    env = {
        **{k: v for k, v in os.environ.items() if k != "REDIS_URL"},
        "DATABASE_URL": f"sqlite:///{workdir / 'audit.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "kss_site.settings.local",
        "MEDIA_ROOT": str(workdir / "media"),
        "PRIVATE_MEDIA_ROOT": str(workdir / "private"),
        "STATIC_ROOT": str(workdir / "static"),
        "LOCAL_DIR": str(workdir / "local"),
    }
    for command in (
        ["migrate", "--noinput", "-v0"],
        ["load_seed_content", "-v0"],
        ["collectstatic", "--noinput", "-v0"],
    ):
        subprocess.run([python, "manage.py", *command], cwd=ROOT, env=env, check=True)
    port = free_port()
    server = subprocess.Popen(
        [
            str(Path(python).parent / "gunicorn"),
            "kss_site.wsgi",
            *("--config", "deploy/gunicorn/local.py", "--bind", f"127.0.0.1:{port}"),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return server, f"http://127.0.0.1:{port}", env


def main():
    workdir = Path(tempfile.mkdtemp(prefix="kss-audit-"))
    server, base, env = serve(workdir)
    failures = []
    try:
        wait_for(base + "/")
        print(f"{'page':40} " + " ".join(f"{c:>15}" for c in BARS))
        for path in PAGES:
            report = workdir / "lighthouse.json"
            scores, error = audit(base + path, report, env)
            if error:
                print(f"{path:40} Lighthouse failed {ATTEMPTS} times: {error}")
                failures.append(f"{path}: no scores, Lighthouse's runtime error {error}")
                continue
            print(f"{path:40} " + " ".join(f"{scores[c]:>15}" for c in BARS))
            result = json.loads(report.read_text())
            categories, audits = result["categories"], result["audits"]
            for name, bar in BARS.items():
                if scores[name] < bar:
                    failures.append(f"{path}: {name} {scores[name]} < {bar}")
                    for ref in categories[name]["auditRefs"]:
                        audit_result = audits[ref["id"]]
                        if (
                            ref["weight"]
                            and audit_result["score"] is not None
                            and audit_result["score"] < 1
                        ):
                            print(f"    {name}: {audit_result['id']} – {audit_result['title']}")
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
