from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from backup.archive import Refused, backup, describe


class Command(BaseCommand):
    help = (
        "Back up the database and both upload folders of the site these settings run "
        "(DJANGO_SETTINGS_MODULE, DATABASE_URL, MEDIA_ROOT, PRIVATE_MEDIA_ROOT) into one "
        ".tar.gz archive, read it back and say what it holds."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dir", default=str(settings.BASE_DIR / "backups"), help="Where to put the archive."
        )

    def handle(self, *args, **options):
        try:
            archive, holds = backup(options["dir"])
        except Refused as error:
            raise CommandError(f"No backup written. {error}") from error
        self.stdout.write(self.style.SUCCESS(f"Backup written to {archive}"))
        self.stdout.write(f"It holds, read back from the archive: {describe(holds)}.")
