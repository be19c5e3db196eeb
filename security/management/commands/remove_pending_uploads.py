import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone
from wagtail.models import UploadedFile


class Command(BaseCommand):
    help = (
        "Remove the multiple uploader's pending uploads (files waiting for a field of "
        "their form) older than a day, with their files. Run daily (docs/deployment.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--hours", type=int, default=24, help="Keep those younger than this.")

    def handle(self, *args, hours, **options):
        # UploadedFile keeps no time of its own; its file does.
        threshold = timezone.now() - datetime.timedelta(hours=hours)
        removed = 0
        for upload in UploadedFile.objects.all():
            storage = upload.file.storage
            if storage.exists(upload.file.name):
                if storage.get_modified_time(upload.file.name) > threshold:
                    continue
                storage.delete(upload.file.name)
            upload.delete()
            removed += 1
        if options["verbosity"]:
            self.stdout.write(f"Removed {removed} pending upload(s).")
