"""What a change to a page, the site settings or a network entry touches in
the caches. Connected in ``PagesConfig.ready``; the mechanism is in
``caching/``."""

from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished

from caching import front_cache
from caching.page_cache import invalidate

from .models import NetworkMembership, SiteSettings


def _is_on_every_page(page):
    """The front pages, the sections under them (the menu, whether or not a
    section has just been taken out of it) and the statement pages chosen in
    the site settings appear in the header or footer of every page."""
    if page.depth <= 3:
        return True
    chosen = SiteSettings.objects.values_list(
        "safety_page__translation_key",
        "privacy_page__translation_key",
        "accessibility_page__translation_key",
    )
    return any(page.translation_key in keys for keys in chosen)


def purge_page(page):
    """The page and everything that shows it."""
    if _is_on_every_page(page):
        front_cache.purge_everything()
        return
    front_cache.purge(
        pages=[
            page,
            *page.get_ancestors().filter(depth__gte=2).live().specific(defer=True),
            *page.get_translations().live().specific(defer=True),
            *front_cache.referring_pages(page),
        ]
    )


def page_changed(instance, **kwargs):
    front_cache.schedule(("page", instance.pk), lambda: purge_page(instance))


def connect():
    # dispatch_uid names this module: tests/test_layout.py checks it.
    page_published.connect(page_changed, dispatch_uid=f"{__name__}:front-published")
    page_unpublished.connect(page_changed, dispatch_uid=f"{__name__}:front-unpublished")
    for signal in (post_save, post_delete):
        for model in (SiteSettings, NetworkMembership):
            signal.connect(
                invalidate, sender=model, dispatch_uid=f"{__name__}:{model}:{id(signal)}"
            )
        signal.connect(
            front_cache.everything_changed,
            sender=SiteSettings,
            dispatch_uid=f"{__name__}:front-settings:{id(signal)}",
        )
