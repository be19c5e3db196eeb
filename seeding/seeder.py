"""The machinery behind ``manage.py load_seed_content`` (the content is in
``seeding/content/``).

Every seeded page and report gets a translation key derived from a stable name
(``uuid5``). The seeder looks objects up by that key and the locale, creates
what is missing and leaves what exists alone. So:

- running the command twice changes nothing;
- an object staff have edited, renamed or moved keeps their edit;
- the English page built for a Norwegian one shares its translation key, so
  Wagtail knows the two are translations of each other.

A page staff have deleted is created again on the next run; unpublish it
instead to hide it.
"""

import uuid
from collections import Counter

from django.db import transaction
from django.utils.html import escape
from wagtail.models import Locale, Page

from reports.models import Report

# Said of every seeded report: the seed text names them, but their files are not
# part of it. Staff replace the note when they upload the PDF.
NOT_ONLINE = {"nb": "Ikke tilgjengelig på nett.", "en": "Not available online."}

SEED_NAMESPACE = uuid.UUID("5b3c3c36-2f7e-4c1e-9d07-6b1f0e6c4a51")


def seed_key(name):
    return uuid.uuid5(SEED_NAMESPACE, name)


def _block(block_type, value):
    # Block ids are stored, as the editor stores them, so a revision of a
    # seeded page compares equal to the page itself.
    return {"type": block_type, "value": value, "id": str(uuid.uuid4())}


def heading(text, level="h2"):
    return _block("heading", {"text": text, "level": level})


# The source text is the international part of the secretariat's report for
# 2013–2014: every page made from it says so by its heading (BasePage.period).
SOURCE_PERIOD = {"period_start": 2013, "period_end": 2014}


def paragraph(*sentences, links=None):
    """A paragraph of plain sentences; ``links`` maps words in them to an
    address, such as the contact details at the foot of every page (#kontakt)."""
    html = escape(" ".join(sentences))
    for words, href in (links or {}).items():
        words = escape(words)
        assert words in html, words
        html = html.replace(words, f'<a href="{escape(href)}">{words}</a>', 1)
    return _block("paragraph", f"<p>{html}</p>")


def report_list(title, reports):
    return _block("reports", {"heading": title, "reports": [r.pk for r in reports]})


class Seeder:
    def __init__(self):
        # What this run created, by kind: the command's summary.
        self.created = Counter()
        self._created_pks = set()

    def locale(self, language_code):
        locale, _ = Locale.objects.get_or_create(language_code=language_code)
        return locale

    def _created(self, obj):
        self.created[type(obj)._meta.verbose_name] += 1
        self._created_pks.add((type(obj)._meta.label, obj.pk))

    def created_now(self, obj):
        """Did this run create ``obj``?"""
        return (type(obj)._meta.label, obj.pk) in self._created_pks

    def page(self, name, parent, model, **fields):
        """The page seeded as ``name`` in the parent's locale, created if missing."""
        return self._page(name, parent, model, parent.locale, fields)

    def root_page(self, name, model, language_code, **fields):
        """A site root (one per language) directly under Wagtail's tree root."""
        tree_root = Page.get_first_root_node()
        if tree_root is None:
            # Wagtail's migrations make this node; an emptied database (a flushed
            # test database, say) no longer has it.
            tree_root = Page.add_root(
                instance=Page(title="Root", slug="root", locale=self.locale(language_code))
            )
        return self._page(name, tree_root, model, self.locale(language_code), fields)

    def _page(self, name, parent, model, locale, fields):
        key = seed_key(name)
        existing = Page.objects.filter(translation_key=key, locale=locale).first()
        if existing is not None:
            return existing.specific
        with transaction.atomic():
            page = model(translation_key=key, locale=locale, **fields)
            parent.add_child(instance=page)
            page.save_revision(log_action=False).publish(log_action=False)
        self._created(page)
        return page

    def find_page(self, name, locale):
        page = Page.objects.filter(translation_key=seed_key(name), locale=locale).first()
        return page.specific if page else None

    def report(self, name, language_code, **fields):
        """The report seeded as ``name`` in this language, created if missing."""
        key = seed_key(name)
        locale = self.locale(language_code)
        existing = Report.objects.filter(translation_key=key, locale=locale).first()
        if existing is not None:
            return existing
        with transaction.atomic():
            report = Report(translation_key=key, locale=locale, live=False, **fields)
            report.full_clean()
            report.save()
            report.save_revision(log_action=False).publish(log_action=False)
        self._created(report)
        return report

    def reports(self, language_code, specs, **defaults):
        """Seed a group of reports described as ``{name: spec}``.

        A report keeps its own title (as printed on it) in every language; the
        ``summary`` says in the page's language what it is. ``defaults`` fill in
        what a spec leaves out (the partner's country, say).
        """
        seeded = []
        for name, spec in specs.items():
            fields = {
                "country": "",
                **defaults,
                **{key: spec[key] for key in ("year", "country") if key in spec},
                "title": spec["title"],
                "kind": spec["kind"],
                "language": spec.get("language", "nb"),
                "summary": spec.get("summary", {}).get(language_code, ""),
                "unavailable_note": NOT_ONLINE[language_code],
            }
            seeded.append(self.report(name, language_code, **fields))
        return seeded
