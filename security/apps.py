from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    name = "security"
    verbose_name = _("Security")

    def ready(self):
        from django.db.models.signals import pre_save
        from wagtail.documents import get_document_model
        from wagtail.images import get_image_model
        from wagtail.permissions import register_permission_policy

        from .permissions import ApprovedDeletion

        pre_save.connect(clean_new_image_files, sender=get_image_model())
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
    """A file not yet stored (an upload, a replacement, a photo added in code)
    is stored without its metadata (security/images.py). Rows loaded as they
    are (``raw``: a restore, a fixture) keep their files."""
    from .images import strip_metadata

    if not raw and instance.file and not instance.file._committed:
        strip_metadata(instance)
