"""The two editorial roles and the approval workflow.

- "Redaktører" (editors) add and edit pages, reports, images and documents
  anywhere on the site and submit them for approval; they never publish. They
  replace or delete the file of an image or a document only while nothing live
  shows it (security/permissions.py), and delete or move only their own pages
  (pages/permissions.py).
- "Ansvarlige redaktører" (approvers) may also publish, approve, delete,
  replace a file that is live and change the site settings.

The workflow "Godkjenning" covers the whole page tree (both languages) and
the reports: an editor's change reaches the public only when an approver
accepts it. Made by ``migrate`` (roles/migrations/0002_editorial_roles.py),
so a deployment has them without the seed content; an existing group or
workflow that staff have changed is left as it is.
"""

# What Wagtail's own migrations create; replaced by the Norwegian roles below.
WAGTAIL_DEFAULT_GROUPS = ("Editors", "Moderators")
WAGTAIL_DEFAULT_WORKFLOW = "Moderators approval"

EDITORS = "Redaktører"
APPROVERS = "Ansvarlige redaktører"
WORKFLOW = "Godkjenning"
TASK = "Godkjenning av ansvarlig redaktør"

# Approvers may do everything editors may, and publish, approve and delete.
_EDITOR_PAGE = ["add_page", "change_page", "lock_page", "unlock_page"]
_EDITOR_COLLECTION = [
    "add_image",
    "change_image",
    "choose_image",
    "add_document",
    "change_document",
    "choose_document",
]
_EDITOR_MODEL = [
    "wagtailadmin.access_admin",
    "reports.add_report",
    "reports.change_report",
    "reports.lock_report",
    "reports.unlock_report",
    "simple_translation.submit_translation",
]
PAGE_PERMISSIONS = {EDITORS: _EDITOR_PAGE, APPROVERS: [*_EDITOR_PAGE, "publish_page"]}
COLLECTION_PERMISSIONS = {
    EDITORS: _EDITOR_COLLECTION,
    APPROVERS: [*_EDITOR_COLLECTION, "delete_image", "delete_document"],
}
MODEL_PERMISSIONS = {
    EDITORS: _EDITOR_MODEL,
    APPROVERS: [
        *_EDITOR_MODEL,
        "reports.publish_report",
        "reports.delete_report",
        "pages.change_sitesettings",
        "wagtailredirects.add_redirect",
        "wagtailredirects.change_redirect",
        "wagtailredirects.delete_redirect",
    ],
}
