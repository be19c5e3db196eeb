"""A page and its translations are open to the same readers.

Restricting the Norwegian page to logged-in readers or a group, and not its
English translation, would leave the same text public at another address,
listed and found. So a page's own view restrictions are copied to its
translations, whichever of them staff restricted, and lifted from them when
lifted; Wagtail then hides them from every list as it hides the page
(pages/visibility.py)."""

from contextvars import ContextVar

_syncing = ContextVar("syncing_restrictions", default=False)


def restrictions_of(page):
    from wagtail.models import PageViewRestriction

    return {
        (r.restriction_type, r.password, frozenset(r.groups.values_list("pk", flat=True)))
        for r in PageViewRestriction.objects.filter(page=page)
    }


def copy_to_translations(page):
    """Make the restrictions of each of ``page``'s translations the same as its own."""
    from wagtail.models import PageViewRestriction

    if _syncing.get():
        return
    token = _syncing.set(True)
    try:
        wanted = restrictions_of(page)
        for translation in page.get_translations():
            if restrictions_of(translation) == wanted:
                continue
            PageViewRestriction.objects.filter(page=translation).delete()
            for restriction_type, password, groups in wanted:
                copy = PageViewRestriction.objects.create(
                    page=translation, restriction_type=restriction_type, password=password
                )
                copy.groups.set(groups)
    finally:
        _syncing.reset(token)


def on_restriction_changed(sender, instance, raw=False, **kwargs):
    from django.db import transaction
    from wagtail.models import Page

    if raw:  # a restore loads every restriction as it was
        return
    page_id = instance.page_id
    # After the admin has set the groups too (they are saved after the row).
    transaction.on_commit(
        lambda: (page := Page.objects.filter(pk=page_id).first()) and copy_to_translations(page)
    )
