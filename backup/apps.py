from pathlib import Path

from django.apps import AppConfig
from django.conf import settings
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def make_the_upload_folders(**kwargs):
    """Both upload folders exist once the site is migrated, uploads or not: a
    backup refuses folders that do not exist (the settings of another site),
    so a new site's empty ones must be there. The private one is for the
    site's own user only."""
    Path(settings.MEDIA_ROOT).mkdir(parents=True, exist_ok=True)
    Path(settings.PRIVATE_MEDIA_ROOT).mkdir(mode=0o700, parents=True, exist_ok=True)


class BackupConfig(AppConfig):
    name = "backup"
    verbose_name = _("Backup and restore")

    def ready(self):
        # Sent once per app that has models (this one has none): mkdir is cheap.
        post_migrate.connect(make_the_upload_folders, dispatch_uid="backup:upload folders")
