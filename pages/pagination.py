"""One way to cut a long list into pages of results."""

from django.core.paginator import Paginator


def page_of(items, request, per_page):
    """The page of ``items`` the request asks for (``?page=``); a bad or too
    large number gets the nearest page, never an error."""
    return Paginator(items, per_page).get_page(request.GET.get("page"))
