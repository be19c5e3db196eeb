"""Small helpers shared by the tests."""

from bs4 import BeautifulSoup


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def text_of(response):
    """The visible text of a page, whitespace collapsed, as a reader sees it."""
    return " ".join(soup(response).get_text(" ").split())


def read_po(path):
    """The entries of a gettext catalogue: ``[(context, msgid, msgstr, flags)]``.

    Enough for our catalogue, which ``makemessages --no-wrap`` writes one string
    per line; the header entry (empty msgid) is left out.
    """
    import ast

    entries, entry = [], {}

    def finish():
        if entry.get("msgid"):
            entries.append(
                (entry.get("msgctxt"), entry["msgid"], entry.get("msgstr", ""), entry["flags"])
            )

    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            finish()
            entry = {}
            continue
        entry.setdefault("flags", set())
        if line.startswith("#,"):
            entry["flags"] |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith(("msgctxt ", "msgid ", "msgstr ")):
            key, _, literal = line.partition(" ")
            entry[key] = ast.literal_eval(literal)
        elif line.startswith('"') and entry.get("msgid") != "":
            raise AssertionError(f"{path}: wrapped line; run makemessages with --no-wrap")
    return entries
