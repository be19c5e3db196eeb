import subprocess
import tarfile

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from backup.archive import Refused, describe, restore
from caching import invalidation


class Command(BaseCommand):
    help = (
        "Replace the database and the uploaded files with those in a backup archive. "
        "Everything changed since the backup is lost."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="A .tar.gz written by `manage.py backup`.")
        parser.add_argument(
            "--yes", action="store_true", help="Do not ask for confirmation (no terminal needed)."
        )
        parser.add_argument(
            "--without-media",
            action="store_true",
            help="Restore an archive that holds no images, deleting those there are.",
        )
        parser.add_argument(
            "--without-private",
            action="store_true",
            help="Restore an archive that holds no documents, deleting those there are.",
        )

    def handle(self, *args, **options):
        if not options["yes"]:
            try:
                answer = input(
                    "This replaces the database and all uploaded files. Continue? [y/N] "
                )
            except EOFError:
                raise CommandError(
                    "No terminal to ask for confirmation: add --yes (make restore ... YES=1)."
                ) from None
            if answer.strip().lower() not in ("y", "yes", "j", "ja"):
                raise CommandError("Restore cancelled.")
        try:
            manifest = restore(
                options["archive"],
                allow_without_media=options["without_media"],
                allow_without_private=options["without_private"],
            )
        except (Refused, OSError, tarfile.TarError, subprocess.CalledProcessError) as error:
            raise CommandError(f"Nothing was restored; the site is as it was. {error}") from error
        # Every page may differ now: the app's page cache and Varnish forget
        # them all, as after any change (caching/invalidation.py).
        with transaction.atomic():
            invalidation.forget_everything()
        self.stdout.write(self.style.SUCCESS(f"Restored the backup of {manifest['created']}."))
        if "holds" in manifest:
            self.stdout.write(f"The site now holds: {describe(manifest['holds'])}.")
