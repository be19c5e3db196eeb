"""Docs that match the code: every file, folder and module that the README
and docs/ name in backticks exists (issue 28)."""

import importlib
import importlib.util
import re

from tests.conftest import ROOT

DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
PACKAGES = {
    "kss_site",
    "pages",
    "partners",
    "conferences",
    "reports",
    "search",
    "caching",
    "security",
    "roles",
    "staff",
    "seeding",
    "backup",
    "tests",
    "scripts",
}
# Made by running the site, its tests or the stack: named, never committed.
MADE = (".venv", ".local", ".stack", "build", "node_modules", "static_collected")
FILE = re.compile(r"^[\w.-]+(/[\w.-]+)*(/|\.[a-z]{2,7})$")
# A file's name without its folder (`site.py` beside `seeding/content/`).
BARE_FILE = re.compile(r"\.(py|html|md|txt|json|css|js|svg|vcl|conf|toml)$")
MODULE = re.compile(r"^[a-z_]+(\.[A-Za-z_]+)+$")


def named(text):
    """What a document names in backticks: ``(kind, name)``, kind "file" or "module"."""
    for token in re.findall(r"`([^`\s]+)`", text):
        token = token.rstrip(",.;:")
        top = token.split("/")[0].split(".")[0]
        # A path under a setting (STATIC_ROOT/errors/) is the deployment's.
        if top.isupper():
            continue
        if FILE.match(token) and "/" in token and not token.startswith(MADE):
            yield "file", token
        elif MODULE.match(token) and top in PACKAGES and not BARE_FILE.search(token):
            yield "module", token


def exists(kind, name):
    if kind == "file":
        return (ROOT / name).exists()
    parts = name.split(".")
    for cut in range(len(parts), 0, -1):
        module = ".".join(parts[:cut])
        try:
            spec = importlib.util.find_spec(module)
        except ImportError:
            spec = None
        if spec is None:
            continue
        if cut == len(parts):
            return True  # found, not run: a settings module needs its environment
        found = importlib.import_module(module)
        try:
            for attribute in parts[cut:]:
                found = getattr(found, attribute)
        except AttributeError:
            return False
        return True
    return False


def test_every_file_and_module_the_docs_name_exists():
    names = {(kind, name, doc.name) for doc in DOCS for kind, name in named(doc.read_text())}
    assert len(names) > 100  # the docs are read
    missing = sorted((doc, name) for kind, name, doc in names if not exists(kind, name))
    assert missing == []


def test_a_name_that_does_not_exist_is_found():
    """The positive control."""
    found = set(named("See `pages/nowhere.py`, `caching.page_cache.nothing` and `docs/`."))
    assert found == {
        ("file", "pages/nowhere.py"),
        ("module", "caching.page_cache.nothing"),
        ("file", "docs/"),
    }
    assert not exists("file", "pages/nowhere.py")
    assert not exists("module", "caching.page_cache.nothing")
    assert exists("module", "caching.page_cache.remember") and exists("file", "docs/")
