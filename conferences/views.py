from django.http import Http404
from django.utils.translation import gettext
from wagtail.models import Site

from pages.visibility import public

from .calendar import calendar_response
from .models import ConferenceIndexPage, ConferencePage


def calendar(request, path):
    """``<conference list>/kalender.ics`` and ``<conference>/kalender.ics``
    (``calendar.ics`` too): Wagtail's page addresses end in a slash, so the
    calendar files are served here, next to the page they belong to."""
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    components = [component for component in path.split("/") if component]
    page = site.root_page.localized.specific.route(request, components).page.specific
    if page.get_view_restrictions().exists():
        raise Http404
    if isinstance(page, ConferenceIndexPage):
        conferences = (
            public(ConferencePage.objects.child_of(page).live())
            .exclude(start_date=None)
            .order_by("start_date")
        )
        name = gettext("Conferences – Krisesentersekretariatet")
        return calendar_response(conferences, name, request, "kalender.ics")
    if isinstance(page, ConferencePage) and page.start_date:
        return calendar_response([page], page.title, request, f"{page.slug}.ics")
    raise Http404("No calendar here.")
