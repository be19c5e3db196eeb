"""The image and document forms of the admin, with one rule added: the file
of an image or a document that something live shows is replaced only by
those who may delete it (the approvers, roles/workflow.py). Editors upload a
new one instead, and an approver swaps it, so a file change reaches the
public only with approval, as a text change does."""

from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm


class ApprovedFileChanges:
    def __init__(self, *args, **kwargs):
        self.user = kwargs.get("user")
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned_data = super().clean()
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


class ImageForm(ApprovedFileChanges, BaseImageForm):
    pass


class DocumentForm(ApprovedFileChanges, BaseDocumentForm):
    pass
