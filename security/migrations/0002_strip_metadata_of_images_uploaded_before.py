"""Images uploaded before photos were cleaned on upload (security/images.py)
are cleaned the same way, and their renditions, made from the photo as it
was, are dropped: Wagtail makes them again from the clean original."""

import io

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import migrations
from PIL import Image as PILImage


def clean_images(apps, schema_editor):
    from wagtail.utils.file import hash_filelike

    from security.images import without_metadata

    Image = apps.get_model("wagtailimages", "Image")
    Rendition = apps.get_model("wagtailimages", "Rendition")
    for image in Image.objects.all():
        if not default_storage.exists(image.file.name):
            continue
        with default_storage.open(image.file.name) as original:
            data, _format = without_metadata(original)
        for rendition in Rendition.objects.filter(image=image):
            default_storage.delete(rendition.file.name)
            rendition.delete()
        default_storage.delete(image.file.name)
        name = default_storage.save(image.file.name, ContentFile(data))
        with PILImage.open(io.BytesIO(data)) as clean:
            image.width, image.height = clean.size
        image.file = name
        image.file_size = len(data)
        image.file_hash = hash_filelike(io.BytesIO(data))
        image.save(update_fields=["file", "file_size", "file_hash", "width", "height"])


class Migration(migrations.Migration):
    dependencies = [
        ("security", "0001_documents_out_of_media_root"),
        ("wagtailimages", "0027_image_description"),
    ]
    operations = [migrations.RunPython(clean_images, migrations.RunPython.noop)]
