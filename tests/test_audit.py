"""make audit (scripts/audit.py): a Lighthouse run that ends in a runtime
error is run again, a bounded number of times, and reported as an error,
never as a score."""

import importlib.util
import json
import sys

from tests.conftest import ROOT

# The scripts import one another as they do when run (python scripts/audit.py).
sys.path.insert(0, str(ROOT / "scripts"))
spec = importlib.util.spec_from_file_location("audit", ROOT / "scripts" / "audit.py")
audit_script = importlib.util.module_from_spec(spec)
spec.loader.exec_module(audit_script)

SCORES = {c: {"score": 1.0} for c in audit_script.BARS}
NO_NAVSTART = {
    "runtimeError": {"code": "NO_NAVSTART", "message": "No navigationStart event found"},
    "categories": {c: {"score": None} for c in audit_script.BARS},
}


def lighthouse_giving(*results):
    """A stand-in for Lighthouse that writes ``results`` in turn; counts its runs."""
    runs = []

    def run(url, report, env):
        runs.append(url)
        result = results[min(len(runs), len(results)) - 1]
        if result is not None:
            report.write_text(json.dumps(result))

    run.runs = runs
    return run


def test_a_runtime_error_is_run_again_and_then_scored(tmp_path):
    run = lighthouse_giving(NO_NAVSTART, {"categories": SCORES})
    scores, error = audit_script.audit("http://x/", tmp_path / "r.json", {}, run=run)
    assert error is None and scores == dict.fromkeys(audit_script.BARS, 100)
    assert len(run.runs) == 2


def test_an_error_every_time_is_reported_as_the_error_not_a_score(tmp_path):
    run = lighthouse_giving(NO_NAVSTART)
    scores, error = audit_script.audit("http://x/", tmp_path / "r.json", {}, run=run)
    assert scores is None and error.startswith("NO_NAVSTART")
    assert len(run.runs) == audit_script.ATTEMPTS


def test_no_report_at_all_is_an_error_too(tmp_path):
    run = lighthouse_giving(None)
    scores, error = audit_script.audit("http://x/", tmp_path / "r.json", {}, run=run)
    assert scores is None and "no report" in error
