"""Who may delete or replace an image or a document."""

from wagtail.permission_policies.collections import CollectionOwnershipPermissionPolicy

from .files import shown_live


class ApprovedDeletion(CollectionOwnershipPermissionPolicy):
    """Wagtail's policy for images and documents, but for one thing: Wagtail
    lets whoever may change one delete it, and deleting (or replacing,
    ``security/forms.py``) one that something live shows here takes the
    delete permission of its collection, which only approvers have
    (roles/workflow.py). A file nothing live shows is the editors' as before."""

    def user_has_any_permission_for_instance(self, user, actions, instance):
        if "delete" in actions and shown_live(instance):
            others = [action for action in actions if action != "delete"]
            if self._check_perm(user, ["delete"], collection=instance.collection):
                return True
            return bool(others) and super().user_has_any_permission_for_instance(
                user, others, instance
            )
        return super().user_has_any_permission_for_instance(user, actions, instance)
