"""Files follow the content that shows them.

An image or a document is chosen by pages and reports; Wagtail's reference
index knows which. A document is served to a visitor only if one of them is
live and the visitor may open it; an image or a document shown by something
live is replaced or deleted only by those who may publish
(``security/forms.py``).
"""

from wagtail.models import DraftStateMixin, Page, ReferenceIndex


def _sources(obj):
    return (
        source for source, _refs in ReferenceIndex.get_references_to(obj).group_by_source_object()
    )


def _page_open_to(page, request):
    # An alias shows only what the page it copies shows, which is a source
    # of its own; taking the alias's word for it would skip the restrictions
    # of that page's section.
    if page.alias_of_id or not page.live:
        return False
    restrictions = page.get_view_restrictions()
    if request is None:
        return not restrictions
    return all(restriction.accept_request(request) for restriction in restrictions)


def _open_to(source, request):
    """May the visitor of ``request`` (``None``: anyone, not logged in) see ``source``?"""
    if isinstance(source, Page):
        return _page_open_to(source, request)
    if isinstance(source, DraftStateMixin) and not source.live:
        return False
    # A report belongs to a page, and is seen only where that page is.
    page = getattr(source, "related_page", None)
    if page is not None:
        return _page_open_to(page, request)
    return True


def is_live(source):
    if isinstance(source, DraftStateMixin):
        return source.live
    return True


def shown_to(obj, request=None):
    """Does content that the visitor of ``request`` may open show ``obj``?"""
    return any(_open_to(source, request) for source in _sources(obj))


def shown_live(obj):
    """Does anything live (restricted or not) show ``obj``?"""
    return any(is_live(source) for source in _sources(obj))
