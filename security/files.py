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


def readers_of(collection):
    """Who may read a file kept in ``collection``: its view restrictions and
    those of the collections above it, by kind and groups."""
    return {
        (restriction.restriction_type, frozenset(restriction.groups.values_list("pk", flat=True)))
        for restriction in collection.get_view_restrictions()
    }


def may_change_readers(user, obj, collection):
    """May ``user`` move ``obj`` into ``collection``? Always, between
    collections with the same readers; where the move changes who may read
    the file, only with the delete permission of both collections, which only
    approvers have (roles/workflow.py): a login-only PDF made public, or a
    public one withdrawn, is a decision an approver takes."""
    from wagtail.permissions import policy_registry

    if obj.collection_id == collection.pk or readers_of(obj.collection) == readers_of(collection):
        return True
    # The delete permission itself, as security/permissions.py asks for it:
    # Wagtail's policy answers "delete" for anyone who may change a file.
    policy = policy_registry.get_by_type(type(obj))
    return all(
        policy._check_perm(user, ["delete"], collection=place)
        for place in (obj.collection, collection)
    )
