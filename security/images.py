"""Photos leave no trace of where they were taken.

A photo from a shelter or a partner's office may carry its GPS position, the
camera's owner, a caption or an editing history (EXIF, XMP, IPTC, comments).
Every image is re-encoded when it is stored, with nothing but its pixels and
its colour profile, so neither the original under /media/original_images/
nor any rendition made from it carries them.
"""

import io

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, ImageSequence
from wagtail.utils.file import hash_filelike

# Pillow's writers take the metadata from the image's info unless told
# otherwise; these say "none".
NO_METADATA = {"exif": b"", "xmp": b"", "comment": b""}
ORIENTATION = 0x0112


def without_metadata(file):
    """The image in ``file`` re-encoded with its pixels, turned the way its
    EXIF orientation says, and its ICC colour profile: bytes, and the format."""
    file.seek(0)
    with Image.open(file) as image:
        image_format = image.format
        options = dict(NO_METADATA)
        if image.info.get("icc_profile"):
            options["icc_profile"] = image.info["icc_profile"]
        turned = image.getexif().get(ORIENTATION, 1) != 1
        if image_format == "JPEG" and not turned:
            # The original itself, with its quantisation tables and
            # subsampling: as close to a lossless copy as Pillow writes.
            frames = [image]
            options.update(quality="keep", subsampling="keep", optimize=True)
        else:
            frames = [ImageOps.exif_transpose(f.copy()) for f in ImageSequence.Iterator(image)]
            if image_format in ("JPEG", "WEBP", "AVIF"):
                options["quality"] = 90
            if image.info.get("lossless"):
                options["lossless"] = True
        # Animation and transparency, which are not metadata.
        for key in ("duration", "loop", "disposal", "background", "transparency"):
            if key in image.info:
                options[key] = image.info[key]
        if len(frames) > 1:
            options.update(save_all=True, append_images=frames[1:])
        for frame in frames:
            frame.info = {}
        out = io.BytesIO()
        frames[0].save(out, image_format, **options)
    return out.getvalue(), image_format


def strip_metadata(image_model_instance):
    """Replace the not yet stored file of a Wagtail image with its clean copy,
    and the size and hash Wagtail keeps of it."""
    field = image_model_instance.file
    data, _format = without_metadata(field.file)
    name = field.name.rsplit("/", 1)[-1]
    image_model_instance.file = ContentFile(data, name=name)
    image_model_instance.file_size = len(data)
    image_model_instance.file_hash = hash_filelike(io.BytesIO(data))


def refuse_too_many_pixels(file):
    """An animation is as many pictures as it has frames: frames × pixels
    within WAGTAILIMAGES_MAX_IMAGE_PIXELS, as one picture's pixels are.
    Wagtail multiplies by the frames, but reads one frame from the file's
    header, so a GIF of 50 frames of 2000 × 2000 passed a limit of 40 million
    and took a worker to a gigabyte when it was drawn. Counting the frames
    reads their headers, not their pixels."""
    limit = settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
    if not limit:
        return
    file.seek(0)
    with Image.open(file) as image:
        pixels = image.width * image.height * getattr(image, "n_frames", 1)
    file.seek(0)
    if pixels > limit:
        raise ValidationError(
            _(
                "The image is too large: %(pixels)s million pixels in all its frames, "
                "and at most %(limit)s million are allowed. Make it smaller or shorter."
            )
            % {"pixels": round(pixels / 1e6), "limit": round(limit / 1e6)},
            code="file_too_many_pixels",
        )
