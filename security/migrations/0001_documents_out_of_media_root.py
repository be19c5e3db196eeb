"""Documents uploaded before they were kept apart (security/storage.py) move
from MEDIA_ROOT/documents/ to PRIVATE_MEDIA_ROOT/documents/, where no web
server serves them. Files only: the database names them the same."""

import shutil
from pathlib import Path

from django.conf import settings
from django.db import migrations


def move_documents(apps, schema_editor):
    Document = apps.get_model("wagtaildocs", "Document")
    for name in Document.objects.values_list("file", flat=True):
        old = Path(settings.MEDIA_ROOT) / name
        new = Path(settings.PRIVATE_MEDIA_ROOT) / name
        if old.is_file() and not new.exists():
            new.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(old, new)


class Migration(migrations.Migration):
    dependencies = [("wagtaildocs", "0014_alter_document_file_size")]
    operations = [migrations.RunPython(move_documents, migrations.RunPython.noop)]
