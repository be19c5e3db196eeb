"""Which of the admin's strings are still English for a Norwegian editor:
the strings of Wagtail's and Django's catalogues that have no Norwegian
translation, neither theirs nor ours (tests/test_admin_language.py)."""

import re
from functools import cache
from pathlib import Path

import django
import wagtail
from django.utils import translation

PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sdi]|%[sdi]|\{[a-z_]*\}")


def read_catalogue(path):
    """{msgid: translated?} of a gettext catalogue, wrapped lines and all."""
    from tests.helpers import read_po

    return {
        msgid: bool(msgstr) and "fuzzy" not in flags
        for _context, msgid, msgstr, flags in read_po(path, wrapped=True)
    }


@cache
def english_strings(placeholder=r"\S+"):
    """Patterns of the msgids Wagtail and Django's admin apps use that have no
    Norwegian translation at run time (ours, in LOCALE_PATHS, count too). A
    placeholder matches one word on screens; a mail's may hold a whole title."""
    # Every string they use is in their English catalogues; the Norwegian
    # ones hold only those translated. Python's strings ("django") and the
    # admin scripts' ("djangojs", served by /admin/jsi18n/) are apart.
    from django.conf import settings
    from django.utils.translation.trans_real import DjangoTranslation

    roots = [Path(wagtail.__file__).parent, Path(django.__file__).parent / "contrib"]
    untranslated = set()
    for domain in ("django", "djangojs"):
        msgids = set()
        for root in roots:
            for path in root.rglob(f"locale/en/LC_MESSAGES/{domain}.po"):
                msgids |= set(read_catalogue(path))
        # Ours count even where Norwegian says the same ("Status", "Alias").
        ours = set()
        for folder in settings.LOCALE_PATHS:
            path = Path(folder) / "nb" / "LC_MESSAGES" / f"{domain}.po"
            if path.exists():
                ours |= set(read_catalogue(path))
        norwegian = (
            DjangoTranslation("nb", domain="djangojs").gettext
            if domain == "djangojs"
            else translation.override("nb")(translation.gettext)
        )
        untranslated |= {m for m in msgids - ours if norwegian(m) == m}
    patterns = {}
    for msgid in untranslated:
        # A word of its own, not glued to a placeholder ("{}st", an ordinal's
        # ending, would match any word that ends in "st").
        words = re.findall(r"(?:^|\s)([A-Za-z]{2,})(?=$|[\s.,:;!?…])", PLACEHOLDER.sub("\0", msgid))
        if not words or msgid.isupper() or (len("".join(words)) < 4 and msgid == words[0]):
            continue  # "ID", "URL", "%s: %s": the same in Norwegian
        # Texts are compared with their white space made single spaces ("%(count)s
        # hours", with a no-break space, reads as any other space).
        pieces = (re.sub(r"\s+", " ", p) for p in PLACEHOLDER.split(msgid.strip()))
        pattern = placeholder.join(re.escape(p) for p in pieces)
        patterns[msgid] = re.compile(pattern)
    return patterns


def english_on(html):
    """The English strings of ``english_strings`` that a screen shows, as text
    or in the attributes people read (title, aria-label, placeholder, alt)."""
    from bs4 import BeautifulSoup

    page = BeautifulSoup(html, "html.parser")
    for hidden in page(["script", "style", "template"]):
        hidden.decompose()
    texts = {" ".join(t.split()) for t in page.stripped_strings}
    for tag in page.find_all(True):
        for attribute in (
            "title",
            "aria-label",
            "placeholder",
            "alt",
            "data-w-tooltip-content-value",
        ):
            if tag.get(attribute):
                texts.add(" ".join(str(tag[attribute]).split()))
    # A count before a model's name ("1 page log entry") hides the name.
    texts |= {re.sub(r"^\d+\s+", "", text) for text in texts}
    found = set()
    for msgid, pattern in english_strings().items():
        if any(pattern.fullmatch(text) for text in texts):
            found.add(msgid)
    return found


def english_in_mail(message):
    """The English strings of ``english_strings`` in a mail's subject or in
    any line of its text, where a placeholder may be several words."""
    lines = [message.subject, *message.body.splitlines()]
    texts = {" ".join(line.split()) for line in lines if line.strip()}
    return {
        msgid
        for msgid, pattern in english_strings(r".+").items()
        if any(pattern.fullmatch(text) for text in texts)
    }
