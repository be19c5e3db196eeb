"""The changes the caches follow, connected in ``CachingConfig.ready``:
Wagtail's own models and signals, and every model that declares
``ShownOnPages`` (``caching/dependencies.py``). What each change touches is
in ``caching/invalidation.py``."""

from django.apps import apps
from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import DraftStateMixin, PageViewRestriction, Site, get_page_models
from wagtail.signals import (
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
    pre_page_move,
    published,
    unpublished,
)

from . import invalidation
from .dependencies import ShownOnPages


def page_changed(instance, **kwargs):
    invalidation.forget_page(instance)


def page_saved(instance, created, raw=False, **kwargs):
    # A page that is live from its creation appears without a publication:
    # an alias, a copy kept live, a page added in code. (Not rows loaded
    # as they are, ``raw``: a restore or a fixture.)
    if created and instance.live and not raw:
        invalidation.forget_page(instance)


def page_renamed(instance, instance_before, **kwargs):
    invalidation.forget_renamed(instance, instance_before)
    invalidation.forget_page(instance)


def page_moving(instance, parent_page_before, **kwargs):
    # Before the move: the addresses it is about to lose, and the list it leaves.
    invalidation.forget_subtree(instance)
    invalidation.forget_paths(invalidation.page_paths(parent_page_before))
    if invalidation.is_on_every_page(instance):
        invalidation.forget_everything()


def page_moved(instance, **kwargs):
    invalidation.forget_subtree(instance)
    invalidation.forget_page(instance)


def page_deleting(instance, **kwargs):
    # Before the deletion (pre_delete comes for each page of a deleted
    # subtree): the address still resolves, and the site settings still name
    # a statement page that is about to go.
    invalidation.forget_paths(invalidation.page_paths(instance))
    if invalidation.is_on_every_page(instance):
        invalidation.forget_everything()
    parent = instance.path[: -instance.steplen]
    for page in invalidation.Page.objects.filter(path=parent):
        invalidation.forget_paths(invalidation.page_paths(page))


def shown_object_changed(instance, raw=False, **kwargs):
    if raw:
        return
    invalidation.forget_shown(instance)


def chosen_file_changed(instance, raw=False, **kwargs):
    if raw:
        return
    invalidation.forget_chosen(instance)


def redirect_changed(instance, raw=False, **kwargs):
    if raw:
        return
    invalidation.forget_paths({instance.old_path, instance.old_path.rstrip("/") + "/"})


def everything_changed(raw=False, **kwargs):
    if raw:
        return
    invalidation.forget_everything()


def connect():
    def uid(purpose, sender=None, signal=None):
        # Names the connecting module: tests/test_layout.py checks it.
        return f"{__name__}:{purpose}:{sender}:{id(signal)}"

    page_published.connect(page_changed, dispatch_uid=uid("published"))
    page_unpublished.connect(page_changed, dispatch_uid=uid("unpublished"))
    page_slug_changed.connect(page_renamed, dispatch_uid=uid("renamed"))
    pre_page_move.connect(page_moving, dispatch_uid=uid("moving"))
    post_page_move.connect(page_moved, dispatch_uid=uid("moved"))
    for model in get_page_models():
        pre_delete.connect(page_deleting, sender=model, dispatch_uid=uid("deleting", model))
        post_save.connect(page_saved, sender=model, dispatch_uid=uid("saved", model))

    for model in (Site, PageViewRestriction):
        for signal in (post_save, post_delete):
            signal.connect(everything_changed, sender=model, dispatch_uid=uid("all", model, signal))
    for signal in (post_save, post_delete):
        signal.connect(redirect_changed, sender=Redirect, dispatch_uid=uid("to", Redirect, signal))
        for model in (get_image_model(), get_document_model()):
            signal.connect(
                chosen_file_changed, sender=model, dispatch_uid=uid("file", model, signal)
            )

    # Models that say they are shown on pages: a draft saved changes nothing.
    for model in apps.get_models():
        if not issubclass(model, ShownOnPages) or issubclass(model, invalidation.Page):
            continue
        signals = (published, unpublished, post_delete)
        if not issubclass(model, DraftStateMixin):
            signals = (post_save, post_delete)
        for signal in signals:
            signal.connect(
                shown_object_changed, sender=model, dispatch_uid=uid("shown", model, signal)
            )
