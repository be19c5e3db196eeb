from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    name = "security"
    verbose_name = _("Security")

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
        from wagtail.documents import get_document_model
        from wagtail.images import get_image_model
        from wagtail.models import PageViewRestriction
        from wagtail.permissions import register_permission_policy

        from . import checks  # noqa: F401 (registers the system check)
        from .permissions import ApprovedDeletion
        from .translations import on_restriction_changed

        pre_save.connect(clean_new_image_files, sender=get_image_model())
        # Translations are open to the same readers (security/translations.py).
        for name, signal, sender in (
            ("saved", post_save, PageViewRestriction),
            ("deleted", post_delete, PageViewRestriction),
            ("groups", m2m_changed, PageViewRestriction.groups.through),
        ):
            signal.connect(
                on_restriction_changed,
                sender=sender,
                dispatch_uid=f"security.translations:restriction {name}",
            )
        # Who may download a file follows Wagtail's reference index
        # (security/files.py), which Wagtail updates in a background task: at
        # once here for what a publication shows.
        from wagtail.signals import page_published, published

        for signal in (page_published, published):
            signal.connect(index_what_goes_live, dispatch_uid=f"security.files:{id(signal)}")
        # Replaces the policies wagtail.images and wagtail.documents register
        # in their ready(), which is why this app comes after them in
        # INSTALLED_APPS.
        for model, label in (
            (get_image_model(), "wagtailimages.Image"),
            (get_document_model(), "wagtaildocs.Document"),
        ):
            register_permission_policy(
                model,
                ApprovedDeletion(model, auth_model=label, owner_field_name="uploaded_by_user"),
            )


def clean_new_image_files(instance, raw=False, **kwargs):
    """A file new to its image is stored without its metadata
    (security/images.py): an upload or a replacement not yet stored, a photo
    added in code, and a file stored before its row, as Wagtail's multiple
    uploader does when it finishes a pending upload (the raw copy it stored
    is deleted). Rows loaded as they are (``raw``: a restore, a fixture) keep
    their files."""
    from .images import strip_metadata

    if raw or not instance.file:
        return
    field = instance.file
    if field._committed:
        stored = type(instance).objects.filter(pk=instance.pk).values_list("file", flat=True)
        if instance.pk and field.name in stored:
            return  # the file it had: cleaned when it came
        raw_copy = field.name
        strip_metadata(instance)
        field.storage.delete(raw_copy)
    else:
        strip_metadata(instance)


def index_what_goes_live(instance, **kwargs):
    """The references of content that has just gone live, in Wagtail's index
    before the transaction commits: a document it no longer links is not
    served a moment longer, whenever the worker gets to Wagtail's own task
    (which does the same again)."""
    from wagtail.models import ReferenceIndex

    if ReferenceIndex.is_indexed(type(instance)):
        ReferenceIndex.create_or_update_for_object(instance)
