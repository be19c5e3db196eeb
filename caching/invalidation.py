"""What the caches forget when content changes: decided here, in one place,
and done once the transaction commits, for the app's page cache and Varnish
alike.

Both caches keep pages by address and forget them by path (every host and
scheme). What a change touches:

- a page published, withdrawn, renamed, moved or deleted: its addresses (the
  old ones too), its ancestors (they list it), its translations (they link to
  it), its aliases, the pages that link to it or choose it, the pages it says
  show it (``ShownOnPages``), and everything when it is on every page (a hook,
  ``page_shown_on_every_page``: the front pages, the menu, the footer's pages);
- an object that declares ``ShownOnPages``: the pages it names, or everything;
- an image or a document: the pages, and the objects on pages, that choose it;
- a redirect: its old address; a site or a view restriction: everything;
- always: the feeds and the sitemap, which list everything.

Work done inside a transaction that rolls back is not lost: the next commit
flushes it (a few addresses too many, never one too few).
"""

import logging
import threading

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from wagtail import hooks
from wagtail.models import Page, ReferenceIndex

from . import front_cache, page_cache, tasks
from .dependencies import ShownOnPages

logger = logging.getLogger(__name__)

_pending = threading.local()


def _state():
    state = _pending.__dict__
    state.setdefault("paths", set())
    state.setdefault("everything", False)
    # A change that touches no page (an image nobody has chosen yet) still
    # moves the content version on.
    state["changed"] = True
    return state


def _schedule():
    # Every time, not only for the first change: a rolled-back transaction
    # drops its callback but leaves the paths, which the next commit flushes.
    transaction.on_commit(_flush)


def discard_pending():
    """Forget what is waiting for a commit. For the tests: a test's
    transaction never commits, and what it left must not reach the next."""
    _pending.__dict__.clear()


def forget_paths(paths):
    _state()["paths"].update(paths)
    _schedule()


def forget_everything():
    _state()["everything"] = True
    _schedule()


def site_wide_paths():
    """Addresses that list every page: the feeds and the sitemap."""
    paths = {reverse("sitemap")}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            paths.add(reverse("feed"))
    return paths


def page_paths(page):
    """Every address of ``page`` on its site: the page and the files beside it
    (``get_cached_paths``: the calendar files of a conference, say)."""
    parts = page.get_url_parts()
    if parts is None:
        return set()
    page_path = parts[2]
    suffixes = page.specific_deferred.get_cached_paths()
    return {page_path.rstrip("/") + "/" + suffix.lstrip("/") for suffix in suffixes}


def is_on_every_page(page):
    return any(answer(page) for answer in hooks.get_hooks("page_shown_on_every_page"))


def _pages_around(page):
    """The page and the pages that show it (see the module's docstring)."""
    specific = page.specific_deferred
    pages = [
        page,
        *page.get_ancestors().filter(depth__gte=2),
        *page.get_translations(),
        *Page.objects.filter(alias_of=page),
        *referring_pages(page),
    ]
    if isinstance(specific, ShownOnPages):
        pages += specific.pages_showing()
    return pages


def forget_page(page):
    """``page`` and what shows it, at the addresses it has now."""
    if is_on_every_page(page):
        forget_everything()
        return
    paths = set()
    for shown in _pages_around(page):
        paths |= page_paths(shown)
    forget_paths(paths)


def forget_subtree(page):
    """The addresses ``page`` and everything below it have now (before a move
    or a deletion takes them away)."""
    paths = set()
    for shown in [page, *page.get_descendants()]:
        paths |= page_paths(shown)
    forget_paths(paths)


def forget_renamed(page, before):
    """The addresses a new slug took away from ``page`` and its descendants."""
    old, new = before.get_url_parts(), page.get_url_parts()
    if old is None or new is None:
        return
    old_path, new_path = old[2], new[2]
    paths = set()
    for shown in [page, *page.get_descendants()]:
        for path in page_paths(shown):
            if path.startswith(new_path):
                paths.add(old_path + path[len(new_path) :])
    forget_paths(paths)


def forget_shown(obj):
    """An object that declares ``ShownOnPages`` changed."""
    if obj.shown_on_every_page:
        forget_everything()
        return
    paths = set()
    for page in [*obj.pages_showing(), *referring_pages(obj)]:
        paths |= page_paths(page)
    forget_paths(paths)


def referring_pages(obj):
    """Pages whose content chooses ``obj`` (a page, report, image or document)."""
    references = ReferenceIndex.get_references_to(obj)
    return [
        source for source, _refs in references.group_by_source_object() if isinstance(source, Page)
    ]


def forget_chosen(obj):
    """An image or a document changed: the pages that choose it, and the
    pages showing the objects (reports) that choose it."""
    paths = set()
    for source, _refs in ReferenceIndex.get_references_to(obj).group_by_source_object():
        if isinstance(source, Page):
            paths |= page_paths(source)
        elif isinstance(source, ShownOnPages):
            forget_shown(source)
    forget_paths(paths)


def _flush():
    state = _pending.__dict__
    paths = state.pop("paths", set())
    everything = state.pop("everything", False)
    if not state.pop("changed", False):
        return
    paths = sorted(paths | site_wide_paths())
    # The page cache at once, in this request: the next visitor gets the
    # change. What it does not take, the queue tries again (caching/tasks.py).
    try:
        page_cache.forget(paths, everything=everything)
    except page_cache.CacheFault:
        tasks.forget_pages.enqueue(paths=paths, everything=everything)
    if front_cache.has_front_cache():
        tasks.purge_front.enqueue(paths=paths, everything=everything)
