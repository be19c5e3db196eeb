from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CachingConfig(AppConfig):
    name = "caching"
    verbose_name = _("Caches")

    def ready(self):
        """Wagtail's own models and signals; each content app connects its own
        models (``pages/signals.py``, ``reports/signals.py``)."""
        from django.db.models.signals import post_delete, post_save
        from wagtail.contrib.redirects.models import Redirect
        from wagtail.documents.models import Document
        from wagtail.images.models import Image
        from wagtail.models import PageViewRestriction, Site, get_page_models
        from wagtail.signals import (
            page_published,
            page_unpublished,
            post_page_move,
            published,
            unpublished,
        )

        from . import front_cache
        from .page_cache import invalidate

        def uid(purpose, sender=None, signal=None):
            # Names the connecting module: tests/test_layout.py checks it.
            return f"{__name__}:{purpose}:{sender}:{id(signal)}"

        # Anything that can change what a visitor sees empties the page cache.
        for signal in (page_published, page_unpublished, post_page_move, published, unpublished):
            signal.connect(invalidate, dispatch_uid=uid("cache", signal=signal))
        for model in (*get_page_models(), Redirect, Document, Image, Site, PageViewRestriction):
            for signal in (post_save, post_delete):
                signal.connect(invalidate, sender=model, dispatch_uid=uid("cache", model, signal))

        # And the front cache (Varnish), when one is configured.
        post_page_move.connect(front_cache.everything_changed, dispatch_uid=uid("front-moved"))
        for model in (Image, Document):
            post_save.connect(
                front_cache.media_changed, sender=model, dispatch_uid=uid("front", model)
            )
        for model in get_page_models():
            post_delete.connect(
                front_cache.everything_changed, sender=model, dispatch_uid=uid("front", model)
            )
        for model in (PageViewRestriction, Site):
            for signal in (post_save, post_delete):
                signal.connect(
                    front_cache.everything_changed,
                    sender=model,
                    dispatch_uid=uid("front", model, signal),
                )
