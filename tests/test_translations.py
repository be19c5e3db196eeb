"""The Norwegian interface is complete: no string reaches a Norwegian page in English."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings

from tests.helpers import NORWEGIAN_TREE, read_po

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "nb" / "LC_MESSAGES" / "django.po"


def project_sources():
    """manage.py, the configuration, the templates and every app of this
    project (not those installed from packages)."""
    from django.apps import apps

    base = Path(settings.BASE_DIR)
    own = [Path(c.path).name for c in apps.get_app_configs() if Path(c.path).parent == base]
    return ["manage.py", "kss_site", "templates", *own]


def test_every_string_in_the_catalogue_is_translated():
    entries = read_po(CATALOGUE)
    assert entries
    untranslated = [msgid for _, msgid, msgstr, _ in entries if not msgstr]
    fuzzy = [msgid for _, msgid, _, flags in entries if "fuzzy" in flags]
    assert untranslated == []
    assert fuzzy == []
    # A "#|" line is what msgmerge leaves of a fuzzy guess; its msgstr is suspect.
    assert "\n#|" not in CATALOGUE.read_text(encoding="utf-8")


def test_the_catalogue_holds_every_string_of_the_code_and_templates(tmp_path):
    """Extract the strings afresh from a copy of the sources and compare: a new
    {% translate %} or gettext() without a Norwegian entry fails here."""
    for name in project_sources():
        source = Path(settings.BASE_DIR) / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, tmp_path / name)
    (tmp_path / "locale").mkdir()
    subprocess.run(
        [
            *(sys.executable, "manage.py", "makemessages", "-l", "nb", "--no-location"),
            # Wagtail's own templates, overridden for a word (staff/admin_templates.py).
            *("--no-wrap", "--ignore=templates/wagtailadmin/*"),
        ],
        cwd=tmp_path,
        check=True,
        capture_output=True,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "kss_site.settings.test"},
    )
    fresh = {
        (ctx, msgid)
        for ctx, msgid, _, _ in read_po(tmp_path / CATALOGUE.relative_to(settings.BASE_DIR))
    }
    committed = {(ctx, msgid) for ctx, msgid, _, _ in read_po(CATALOGUE)}
    assert sorted(fresh - committed, key=str) == [], "run makemessages and translate"
    assert sorted(committed - fresh, key=str) == [], "remove obsolete entries (makemessages)"


def english_interface_strings():
    """msgids whose Norwegian translation differs, so they are English words."""
    return {
        msgid.split("%(")[0].strip()
        for _, msgid, msgstr, _ in read_po(CATALOGUE)
        if msgstr != msgid and len(msgid.split("%(")[0].strip()) > 2
    }


@pytest.mark.django_db
@pytest.mark.parametrize("path", [*NORWEGIAN_TREE, "/finnes-ikke/"])
def test_no_english_interface_text_on_a_norwegian_page(client, path):
    page = BeautifulSoup(client.get(path).content, "html.parser")
    # Passages marked as another language (a report's English title, the
    # switcher's "English") are allowed; everything else must be Norwegian.
    for element in page.select("[lang]:not(html)"):
        if element["lang"] != "nb":
            element.decompose()
    for invisible in page(["script", "style"]):
        invisible.decompose()
    text = " ".join(page.get_text(" ").split())
    attributes = " ".join(
        str(element.get(name, ""))
        for element in page.find_all(True)
        for name in ("aria-label", "title", "alt", "placeholder")
    )
    leaks = [
        s
        for s in english_interface_strings()
        if re.search(rf"(?<!\w){re.escape(s)}(?!\w)", f"{text} {attributes}")
    ]
    assert leaks == []


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_the_admins_norwegian_keeps_the_placeholders_it_is_filled_with(domain):
    """locale_admin/ is written by hand: a placeholder lost or misspelt would
    raise when Wagtail fills it in, on a screen or in a mail. Named ones may be
    left out ("Dette er sendt til godkjenning" needs no model name); positional
    ones must all stay, in number."""
    path = Path(settings.BASE_DIR) / "locale_admin" / "nb" / "LC_MESSAGES" / f"{domain}.po"
    named = re.compile(r"%\((\w+)\)[sd]|\{(\w+)\}")
    positional = re.compile(r"%[sd]")
    wrong = []
    for _context, msgid, msgstr, _flags in read_po(path):
        if not msgstr:
            continue
        if not set(named.findall(msgstr)) <= set(named.findall(msgid)):
            wrong.append((msgid, msgstr))
        if len(positional.findall(msgstr)) != len(positional.findall(msgid)):
            wrong.append((msgid, msgstr))
    assert wrong == []
