"""`make help` lists every target of the Makefile with one line each."""

import re
import subprocess

from tests.conftest import ROOT


def test_make_help_lists_every_target_with_a_line():
    makefile = (ROOT / "Makefile").read_text()
    targets = set(re.search(r"^\.PHONY: (.*)$", makefile, re.M).group(1).split())
    assert {"run", "test", "help"} <= targets  # the list is read from the Makefile
    listed = subprocess.run(
        ["make", "--no-print-directory", "help"], cwd=ROOT, capture_output=True, text=True
    ).stdout.splitlines()
    described = {line.split()[0]: line.split(None, 1)[1] for line in listed if line.strip()}
    assert set(described) == targets
    assert all(len(text) > 10 for text in described.values()), described
