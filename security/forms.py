"""The image and document forms of the admin, with two rules added:

- the file of an image or a document that something live shows is replaced
  only by those who may delete it (the approvers, roles/workflow.py). Editors
  upload a new one instead, and an approver swaps it, so a file change reaches
  the public only with approval, as a text change does;
- a file moves to a collection with other readers (a login-only collection
  and a public one) only with an approver (security/files.py), so that who may
  read it changes only with approval too."""

from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

from .files import may_change_readers
from .images import refuse_too_many_pixels


class ApprovedFileChanges:
    def __init__(self, *args, **kwargs):
        self.user = kwargs.get("user")
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned_data = super().clean()
        collection = cleaned_data.get("collection")
        if (
            self.instance.pk
            and collection is not None
            and self.user is not None
            and not may_change_readers(self.user, self._stored(), collection)
        ):
            self.add_error(
                "collection",
                _(
                    "The collection decides who may read the file, and this one has other "
                    "readers: only an approver may move the file there."
                ),
            )
        if (
            self.instance.pk
            and "file" in self.changed_data
            and self.user is not None
            # A new file is the old one deleted (security/permissions.py).
            and not self.permission_policy.user_has_permission_for_instance(
                self.user, "delete", self.instance
            )
        ):
            self.add_error(
                "file",
                _(
                    "This file is shown on a published page, so only an approver may "
                    "replace it. Upload the new file on its own and ask an approver to "
                    "swap them."
                ),
            )
        return cleaned_data

    def _stored(self):
        """The file as it is stored (the form changes its instance as it cleans)."""
        return type(self.instance).objects.get(pk=self.instance.pk)


class ImageForm(ApprovedFileChanges, BaseImageForm):
    def clean_file(self):
        file = self.cleaned_data.get("file")
        if file and "file" in self.changed_data:
            refuse_too_many_pixels(file)
        return file


class DocumentForm(ApprovedFileChanges, BaseDocumentForm):
    pass
