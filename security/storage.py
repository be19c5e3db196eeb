"""Where uploaded files live.

Images and their renditions are public: they stay under ``MEDIA_ROOT``, which
the web server serves at ``/media/``. Documents are not: whether a visitor may
have one depends on the pages and reports that link it (``security/files.py``),
so they live under ``PRIVATE_MEDIA_ROOT``, which no web server serves, and
reach a visitor only through Wagtail's document view at ``/documents/``. So do
the multiple uploader's pending uploads (``wagtail_uploads/``): a file kept
there while a field of its form is missing is no one's to read yet, and is
removed after a day (``manage.py remove_pending_uploads``).
"""

from django.conf import settings
from django.core.files.storage import FileSystemStorage

# Wagtail's Document.file uploads to "documents/", UploadedFile.file to
# "wagtail_uploads/".
PRIVATE_FOLDERS = ("documents", "wagtail_uploads")


def is_private(name):
    name = str(name).replace("\\", "/")
    return any(name == folder or name.startswith(folder + "/") for folder in PRIVATE_FOLDERS)


class MediaStorage(FileSystemStorage):
    """Django's file system storage under ``MEDIA_ROOT``, with the documents'
    names handed to one under ``PRIVATE_MEDIA_ROOT``.

    Wagtail has no setting for the documents' storage, and a document model of
    our own would be a migration of every document and of every link to one.
    A file keeps the same name in either place, so moving the folder is all a
    change of place takes (``security/migrations/0001_...``)."""

    def _private(self):
        # Read each time: the tests move the folder with override_settings.
        return FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT)

    def _for(self, name):
        return self._private() if is_private(name) else super()

    def path(self, name):
        return self._for(name).path(name)

    def _open(self, name, mode="rb"):
        return self._for(name)._open(name, mode)

    def _save(self, name, content):
        return self._for(name)._save(name, content)

    def delete(self, name):
        return self._for(name).delete(name)

    def exists(self, name):
        return self._for(name).exists(name)

    def listdir(self, path):
        return self._for(path).listdir(path)

    def size(self, name):
        return self._for(name).size(name)

    def get_accessed_time(self, name):
        return self._for(name).get_accessed_time(name)

    def get_created_time(self, name):
        return self._for(name).get_created_time(name)

    def get_modified_time(self, name):
        return self._for(name).get_modified_time(name)

    def url(self, name):
        if is_private(name):
            # Never an address under /media/: documents are linked by
            # Document.url, the view that checks who may have them. Wagtail's
            # serve view takes NotImplementedError as "this storage has no URL".
            raise NotImplementedError("Documents have no public address; use Document.url.")
        return super().url(name)
