"""The editor's guide, docs/redaktorveiledning.md, served inside the admin to
staff who are logged in (the help menu leads there), with its screenshots
from docs/images/redaktor/. The one file is both the guide in the repository
and the guide staff read."""

import re
from functools import cache
from pathlib import Path

import markdown
from django.conf import settings
from django.http import FileResponse, Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

GUIDE = Path(settings.BASE_DIR) / "docs" / "redaktorveiledning.md"
IMAGES = GUIDE.parent / "images" / "redaktor"


@cache
def _rendered(modified):
    html = markdown.markdown(
        GUIDE.read_text(encoding="utf-8"), extensions=["toc", "fenced_code", "tables"]
    )
    title, _heading, body = html.partition("</h1>")
    return re.sub(r"<[^>]+>", "", title), body


def guide(request):
    title, body = _rendered(GUIDE.stat().st_mtime)
    title = title or _("Editor's guide")
    return TemplateResponse(
        request,
        "staff/guide.html",
        {"page_title": title, "header_title": title, "header_icon": "help", "guide": body},
    )


def guide_image(request, name):
    """A screenshot of the guide: a PNG in its own folder, nothing else."""
    if not re.fullmatch(r"[\w-]+\.png", name) or not (IMAGES / name).is_file():
        raise Http404("No such screenshot.")
    return FileResponse((IMAGES / name).open("rb"), content_type="image/png")
