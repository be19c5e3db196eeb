"""Which strings a Norwegian member of staff meets in English on an admin
screen or in a mail (tests/test_admin_language.py and its browser twin).

Two nets, so that neither a known string nor an unknown one slips through:

- **Catalogue strings**: every msgid of Wagtail's and Django's admin
  catalogues, and of ours, that has no Norwegian translation at run time. A
  text on screen that is such a string, placeholders filled, is English.
- **English words**: what is left of a text once the content staff typed in
  (titles, names, summaries: ``World.content``) is taken out, holding a word
  that the admin's English uses and its Norwegian never does ("the",
  "draft", "saved"). This catches English that comes from no catalogue at
  all: a label Python builds from a field's name, a string in code that is
  not marked for translation, a choice label.
"""

import re
from functools import cache
from pathlib import Path

import django
import django_countries
import wagtail
from django.utils import translation

PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sdi]|%[sdi]|\{[a-z_]*\}")
WORD = re.compile(r"[^\W\d_]{2,}")
# Words the admin's English uses that are names or the same in Norwegian.
NEUTRAL = {
    "wagtail", "pdf", "url", "urls", "id", "html", "kss", "seo", "ok", "alt", "api",
    "gif", "jpeg", "jpg", "png", "webp", "avif", "svg", "utc", "json", "csv", "tsv",
    "xlsx", "email",
}  # fmt: skip


def _catalogues():
    """(English msgids, Norwegian msgstrs) of Wagtail's, Django's and our
    catalogues, by domain."""
    from django.conf import settings

    from tests.helpers import read_po

    roots = [Path(wagtail.__file__).parent, Path(django.__file__).parent]
    # Country names are Norwegian words too, where they are spelt as in English.
    countries = Path(django_countries.__file__).parent
    english, norwegian, ours = {}, set(), {}
    for domain in ("django", "djangojs"):
        english[domain] = set()
        for root in roots:
            for path in root.rglob(f"locale/en/LC_MESSAGES/{domain}.po"):
                english[domain] |= {msgid for _c, msgid, _s, _f in read_po(path, wrapped=True)}
        for root in [*roots, countries]:
            for path in root.rglob(f"locale/nb/LC_MESSAGES/{domain}.po"):
                norwegian |= {s for _c, _m, s, _f in read_po(path, wrapped=True) if s}
        ours[domain] = {}
        for folder in settings.LOCALE_PATHS:
            path = Path(folder) / "nb" / "LC_MESSAGES" / f"{domain}.po"
            if path.exists():
                for _context, msgid, msgstr, flags in read_po(path, wrapped=True):
                    ours[domain][msgid] = bool(msgstr) and "fuzzy" not in flags
                    if msgstr:
                        norwegian.add(msgstr)
    return english, norwegian, ours


@cache
def english_strings(placeholder=r"\S+"):
    """Patterns of the msgids the admin uses that have no Norwegian
    translation at run time. A placeholder matches one word on screens; a
    mail's may hold a whole title."""
    from django.utils.translation.trans_real import DjangoTranslation

    english, _norwegian, ours = _catalogues()
    untranslated = set()
    for domain in ("django", "djangojs"):
        norwegian = (
            DjangoTranslation("nb", domain="djangojs").gettext
            if domain == "djangojs"
            else translation.override("nb")(translation.gettext)
        )
        msgids = english[domain] | set(ours[domain])
        # Ours count as translated where Norwegian says the same ("Status").
        untranslated |= {m for m in msgids if norwegian(m) == m and not ours[domain].get(m, False)}
    patterns = {}
    for msgid in untranslated:
        # A word of its own, not glued to a placeholder ("{}st", an ordinal's
        # ending, would match any word that ends in "st").
        words = re.findall(r"(?:^|\s)([A-Za-z]{2,})(?=$|[\s.,:;!?…])", PLACEHOLDER.sub("\0", msgid))
        if not words or msgid.isupper() or (len("".join(words)) < 4 and msgid == words[0]):
            continue  # "ID", "URL", "%s: %s": the same in Norwegian
        # Texts are compared with their white space made single spaces ("%(count)s
        # hours", with a no-break space, reads as any other space), and the
        # first letter in either case: Django capitalises a field's name.
        stripped = msgid.strip()
        pieces = [re.sub(r"\s+", " ", p) for p in PLACEHOLDER.split(stripped)]
        pattern = placeholder.join(re.escape(p) for p in pieces)
        if stripped[:1].isalpha():
            first = stripped[0]
            pattern = f"[{first.lower()}{first.upper()}]" + pattern[1:]
        patterns[msgid] = re.compile(pattern)
    return patterns


@cache
def norwegian_texts():
    """Every Norwegian translation in the catalogues, in lower case: "April"
    is a Norwegian month as the date picker writes it, though Django's
    catalogue spells it "april"."""
    _english, norwegian, _ours = _catalogues()
    return frozenset(text.lower() for text in norwegian)


@cache
def english_words():
    """Words of the admin's English that its Norwegian never uses."""
    english, norwegian, ours = _catalogues()

    def words(texts):
        return {w.lower() for text in texts for w in WORD.findall(PLACEHOLDER.sub(" ", text))}

    msgids = english["django"] | english["djangojs"] | set(ours["django"]) | set(ours["djangojs"])
    return frozenset(words(msgids) - words(norwegian) - NEUTRAL)


def visible_texts(html):
    """The texts of a screen people read: its text, and the attributes that
    are read out or shown (title, aria-label, placeholder, alt, tooltips,
    the value of a button)."""
    from bs4 import BeautifulSoup

    page = BeautifulSoup(html, "html.parser")
    # Code is in no language (commands and addresses in the editor's guide).
    for hidden in page(["script", "style", "template", "code", "pre"]):
        hidden.decompose()
    # Text marked as English is English on purpose (a language's own name, the
    # English half of the site's bilingual error pages); a whole screen in
    # English is not.
    for english in page.find_all(lang=re.compile(r"^en\b")):
        if english.name not in ("html", "body"):
            english.decompose()
    # The date picker's button for choosing a range, which Wagtail never shows.
    for unused in page.select(".xdsoft_save_selected"):
        unused.decompose()
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
        if tag.name == "input" and tag.get("type") in ("submit", "button") and tag.get("value"):
            texts.add(" ".join(tag["value"].split()))
    return {text for text in texts if text}


@cache
def catalogue_strings_in(text):
    """The untranslated catalogue strings that ``text`` is, placeholders
    filled (remembered: screens repeat their menus and buttons)."""
    return frozenset(m for m, pattern in english_strings().items() if pattern.fullmatch(text))


@cache
def endonyms():
    """The languages' names in themselves ("English", "norsk (bokmål)"), as a
    list of languages to choose from shows them: not English in a Norwegian admin."""
    from django.conf import settings
    from django.conf.locale import LANG_INFO

    return frozenset(
        [name for _code, name in settings.LANGUAGES]
        + [LANG_INFO[code]["name_local"] for code, _name in settings.LANGUAGES]
    )


def english_in_texts(texts, content=()):
    """The catalogue strings and the English-worded texts among ``texts``.
    ``content``: what staff typed in, longest first, which is not English
    that the interface speaks however it is worded."""
    found = set()
    flagged = english_words()
    for text in set(texts) - endonyms():
        if text.lower() in norwegian_texts():
            continue
        # The minimap and listings cut long content short ("Vår samarbeidspartner er …").
        if text.endswith("…") and any(typed.startswith(text[:-1].rstrip()) for typed in content):
            continue
        # A count before a model's name ("1 page log entry") hides the name.
        uncounted = re.sub(r"^\d+\s+", "", text)
        if strings := catalogue_strings_in(text) | catalogue_strings_in(uncounted):
            found |= strings
            continue
        rest = text
        for typed in content:
            if typed in rest:  # cheap first; then only where it is whole words
                rest = re.sub(rf"(?<!\w){re.escape(typed)}(?!\w)", " ", rest)
        # Addresses, paths, time zones ("Europe/Oslo") and other identifiers.
        rest = re.sub(r"\S*[@/_]\S*", " ", rest)
        if english := [word for word in WORD.findall(rest) if word.lower() in flagged]:
            found.add(f"{text} [{', '.join(english)}]")
    return found


def english_on(html, content=()):
    """The English a screen shows (``english_in_texts`` of its texts)."""
    return english_in_texts(visible_texts(html), content)


def english_in_mail(message, content=()):
    """The English in a mail's subject or in any line of its text, where a
    placeholder may be several words."""
    lines = [message.subject, *message.body.splitlines()]
    texts = {" ".join(line.split()) for line in lines if line.strip()}
    found = {
        msgid
        for msgid, pattern in english_strings(r".+").items()
        if any(pattern.fullmatch(text) for text in texts)
    }
    return found | (english_in_texts(texts, content) - set(english_strings()))


# Wagtail's own Norwegian had these kinds of error where staff meet them (now
# corrected in locale_admin/): accents Norwegian does not write on verbs
# ("Avpublisér"), "snutt" for a snippet, "forelder" for a parent page,
# "anmeldelse" (a police report) for a review, compounds with a hyphen
# ("Telefon-lenke"), a doubled letter ("Tiittel").
ODD_NORWEGIAN = re.compile(
    r"\b\w+[eé]r\b(?<=ér)|\bsnutt\w*|\b[Ff]oreld\w*|\b[Ff]orelder\w*|anmeldelse"
    r"|\b[A-ZÆØÅ][a-zæøå]+-lenke\b|\b\w*-lenke\b|\bTiittel",
)


def odd_norwegian_on(html):
    """The texts of a screen that have one of the errors of ODD_NORWEGIAN."""
    return {text for text in visible_texts(html) if ODD_NORWEGIAN.search(text)}
