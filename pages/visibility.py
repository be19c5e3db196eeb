"""Which pages and reports a visitor may see: the one answer every list,
link and feed of the site asks.

Wagtail decides who may open a page: ``live``, and no view restriction
(login, group or password) on the page or an ancestor, with aliases resolved
to the page they copy (``Page.get_view_restrictions``). Lists here show what
anyone may open without logging in, so they are the same for every visitor
and can be cached: Wagtail's own ``.live().public()``, less aliases of pages
that are not public. A restricted page is reached by its address, by those
it lets in.

A report is visible when it is live and belongs to no page, or to a visible one.

Within a request the restrictions are read once per content version in each
process (``VisibilityMiddleware``); outside a request (commands, signal
handlers) every call reads them afresh.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.db.models import Q
from wagtail.models import Page

from caching.page_cache import remember

_request_memo = ContextVar("kss_visibility", default=None)


def _aliases_of(private):
    """A condition matching every alias, at any depth, of a page that matches
    ``private``, and everything below such an alias; ``None`` if there are none.

    Wagtail's ``.public()`` looks at the tree only: an alias placed outside a
    private section, of a page inside one, would pass it. Only paths are
    compared, so the search backends accept the condition as they accept
    ``.public()``."""
    aliases = dict(Page.objects.exclude(alias_of=None).values_list("pk", "alias_of_id"))
    if not aliases:
        return None
    # Follow each chain of aliases to the page it finally copies.
    sources = {}
    for alias in aliases:
        source, seen = aliases[alias], {alias}
        while source in aliases and source not in seen:
            seen.add(source)
            source = aliases[source]
        sources[alias] = source
    private_sources = set(
        Page.objects.filter(private, pk__in=set(sources.values())).values_list("pk", flat=True)
    )
    hidden = [alias for alias, source in sources.items() if source in private_sources]
    if not hidden:
        return None
    condition = Q()
    for path in Page.objects.filter(pk__in=hidden).values_list("path", flat=True):
        condition |= Q(path__startswith=path)
    return condition


def _hidden():
    """The condition for pages a visitor who is not logged in may not open,
    apart from drafts: Wagtail's own (``PageQuerySet.private_q()``, the
    condition ``.public()`` excludes), and aliases of such pages."""
    memo = _request_memo.get()
    if memo is not None and "hidden" in memo:
        return memo["hidden"]
    hidden = _read_hidden()
    if memo is not None:
        memo["hidden"] = hidden
    return hidden


def _read_hidden():
    private = Page.objects.private_q()
    # With no restriction at all Wagtail's condition matches nothing, and no
    # alias can copy a private page.
    restricted = private != Q(pk__in=[])
    aliases = _aliases_of(private) if restricted else None
    return private if aliases is None else private | aliases


def visible_pages(pages):
    """``pages`` (a Wagtail page queryset) without those a visitor who is not
    logged in may not open."""
    return pages.live().exclude(_hidden())


def is_visible(page):
    """May a visitor who is not logged in open ``page``?"""
    return visible_pages(Page.objects.filter(pk=page.pk)).exists()


def visible_reports(reports):
    """``reports`` (a report queryset) without drafts and without those that
    belong only to a page a visitor may not open."""
    return reports.filter(live=True).filter(
        Q(related_page=None) | Q(related_page__in=visible_pages(Page.objects.all()))
    )


@contextmanager
def one_answer_per_request():
    token = _request_memo.set({})
    try:
        yield
    finally:
        _request_memo.reset(token)


class VisibilityMiddleware:
    """Reads the view restrictions once per content version in each process
    (``caching.page_cache.remember``), however many lists and requests ask: a
    restriction added or lifted, a page moved or an alias made moves the
    version on, once it commits. Wagtail's own check when it serves a page
    is untouched."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with one_answer_per_request():
            _request_memo.get()["hidden"] = remember(request, "visibility:hidden", _read_hidden)
            return self.get_response(request)
