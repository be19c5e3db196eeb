"""What an editor may do to a page beyond Wagtail's defaults."""

from wagtail.models import PagePermissionTester


class OwnPagesOnly(PagePermissionTester):
    """Wagtail lets anyone who may change pages delete or move a draft,
    whoever wrote it. Here someone who may not publish (an editor,
    roles/workflow.py) deletes or moves only pages they own, with every page
    below them; approvers and superusers as Wagtail decides. (Moving is
    checked as deleting: ``PagePermissionTester.can_move``.)"""

    def can_delete(self, ignore_bulk=False):
        allowed = super().can_delete(ignore_bulk=ignore_bulk)
        if not allowed or self.user.is_superuser or "publish" in self.permissions:
            return allowed
        return not self.page.get_descendants(inclusive=True).exclude(owner=self.user).exists()
