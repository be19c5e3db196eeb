import tarfile

from django.core.management.base import BaseCommand, CommandError

from backup.archive import restore


class Command(BaseCommand):
    help = (
        "Replace the database and the uploaded files with those in a backup archive. "
        "Everything changed since the backup is lost."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="A .tar.gz written by `manage.py backup`.")
        parser.add_argument("--yes", action="store_true", help="Do not ask for confirmation.")

    def handle(self, *args, **options):
        if not options["yes"]:
            answer = input("This replaces the database and all uploaded files. Continue? [y/N] ")
            if answer.strip().lower() not in ("y", "yes", "j", "ja"):
                raise CommandError("Restore cancelled.")
        try:
            manifest = restore(options["archive"])
        except (OSError, ValueError, tarfile.TarError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Restored the backup of {manifest['created']}."))
