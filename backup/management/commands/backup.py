from django.conf import settings
from django.core.management.base import BaseCommand

from backup.archive import backup


class Command(BaseCommand):
    help = "Back up the database and the uploaded files into one .tar.gz archive."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dir", default=str(settings.BASE_DIR / "backups"), help="Where to put the archive."
        )

    def handle(self, *args, **options):
        archive = backup(options["dir"])
        self.stdout.write(self.style.SUCCESS(f"Backup written to {archive}"))
