from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    name = "security"
    verbose_name = _("Security")

    def ready(self):
        from django.db.models.signals import pre_save
        from wagtail.images import get_image_model

        pre_save.connect(clean_new_image_files, sender=get_image_model())


def clean_new_image_files(instance, raw=False, **kwargs):
    """A file not yet stored (an upload, a replacement, a photo added in code)
    is stored without its metadata (security/images.py). Rows loaded as they
    are (``raw``: a restore, a fixture) keep their files."""
    from .images import strip_metadata

    if not raw and instance.file and not instance.file._committed:
        strip_metadata(instance)
