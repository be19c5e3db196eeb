from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.http import Http404, HttpResponse
from django.utils.http import content_disposition_header
from wagtail import hooks
from wagtail.documents import get_document_model
from wagtail.permissions import policy_registry

from .files import shown_to


# After Wagtail's own hook (order 0), which answers a private collection with
# its login page.
@hooks.register("before_serve_document", order=1)
def serve_documents_only_where_their_content_is_seen(document, request):
    """A document goes to a visitor only if a live page or report that the
    visitor may open links it; staff who may choose it in the admin may have
    any. Otherwise it does not exist, as far as the visitor can tell.

    Then, behind nginx (``DOCUMENTS_ACCEL_URL``), nginx sends the file from its
    internal location, so a worker does not stream it; without nginx Wagtail
    streams it itself."""
    policy = policy_registry.get_by_type(get_document_model())
    staff = policy.user_has_any_permission_for_instance(
        request.user, ["change", "choose"], document
    )
    if not staff and not shown_to(document, request):
        raise Http404("No such document.")
    accel = getattr(settings, "DOCUMENTS_ACCEL_URL", "")
    if not accel:
        return None  # Wagtail's view streams it (security/views.py mends its headers)
    relative = Path(document.file.path).relative_to(settings.PRIVATE_MEDIA_ROOT)
    response = HttpResponse(content_type=document.content_type)
    response["X-Accel-Redirect"] = accel + quote(relative.as_posix())
    # With the file's name, as Wagtail's view sends it.
    response["Content-Disposition"] = content_disposition_header(
        document.content_disposition != "inline", document.filename
    )
    # As Wagtail's view sends them: a PDF may not run anything in the site's name.
    response["Content-Security-Policy"] = "default-src 'none'"
    response["X-Content-Type-Options"] = "nosniff"
    if request.method == "HEAD":
        # nginx answers HEAD from the file's own size.
        response["Content-Length"] = document.file.size
    return response


@hooks.register("before_bulk_action")
def move_files_only_where_the_readers_are_the_same(request, action_type, objects, action):
    """The bulk "add to collection" of images and documents keeps the rule of
    their edit forms (security/forms.py): a move that changes who may read a
    file takes an approver."""
    from django.contrib import messages
    from django.shortcuts import redirect
    from django.utils.translation import gettext as _

    from .files import may_change_readers

    if action_type != "add_to_collection":
        return None
    collection = action.cleaned_form.cleaned_data.get("collection")
    refused = [obj for obj in objects if not may_change_readers(request.user, obj, collection)]
    if not refused:
        return None
    messages.error(
        request,
        _(
            "%(collection)s has other readers than where %(files)s is kept: only an approver "
            "may move it there."
        )
        % {"collection": collection.name, "files": ", ".join(str(obj) for obj in refused)},
    )
    return redirect(request.GET.get("next") or "wagtailadmin_home")
