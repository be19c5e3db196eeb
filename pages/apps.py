from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = _("Pages")

    def ready(self):
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

        from .cache import invalidate
        from .models import NetworkMembership, Report, SiteSettings

        # Anything that can change what a visitor sees empties the page cache.
        for signal in (page_published, page_unpublished, post_page_move, published, unpublished):
            signal.connect(invalidate, dispatch_uid=f"kss-cache-{id(signal)}")
        watched = (
            *get_page_models(),
            Report,
            SiteSettings,
            Redirect,
            Document,
            Image,
            NetworkMembership,
            Site,
            PageViewRestriction,
        )
        for model in watched:
            post_save.connect(invalidate, sender=model, dispatch_uid=f"kss-cache-save-{model}")
            post_delete.connect(invalidate, sender=model, dispatch_uid=f"kss-cache-del-{model}")

        # And the front cache (Varnish), when one is configured.
        from . import frontend_cache as front

        page_published.connect(front.page_changed, dispatch_uid="kss-front-published")
        page_unpublished.connect(front.page_changed, dispatch_uid="kss-front-unpublished")
        post_page_move.connect(front.everything_changed, dispatch_uid="kss-front-moved")
        for signal in (published, unpublished, post_delete):
            signal.connect(
                front.report_changed, sender=Report, dispatch_uid=f"kss-front-r{id(signal)}"
            )
        for model in (Image, Document):
            post_save.connect(front.media_changed, sender=model, dispatch_uid=f"kss-front-{model}")
        for model in get_page_models():
            post_delete.connect(
                front.everything_changed, sender=model, dispatch_uid=f"kss-front-del-{model}"
            )
        for model in (SiteSettings, PageViewRestriction, Site):
            post_save.connect(
                front.everything_changed, sender=model, dispatch_uid=f"kss-front-save-{model}"
            )
            post_delete.connect(
                front.everything_changed, sender=model, dispatch_uid=f"kss-front-del-{model}"
            )
