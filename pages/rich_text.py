from django.utils.html import format_html
from wagtail.models import Page
from wagtail.rich_text import LinkHandler
from wagtail.rich_text.pages import PageLinkHandler

from .visibility import visible_pages


class NoReferrerExternalLinkHandler(LinkHandler):
    """External links in rich text carry ``rel="noreferrer"``, like every other
    outbound link, so the site visited is not told where the reader came from
    even by a browser that ignores the page's Referrer-Policy."""

    identifier = "external"

    @classmethod
    def expand_db_attributes(cls, attrs):
        return format_html('<a href="{}" rel="noreferrer">', attrs.get("href", ""))


class VisiblePageLinkHandler(PageLinkHandler):
    """A link in rich text to a page a visitor may not open keeps its words and
    loses its address, as Wagtail's own handler does for a deleted page."""

    @classmethod
    def get_many(cls, attrs_list):
        pages = super().get_many(attrs_list)
        ids = {page.pk for page in pages if page is not None}
        visible = (
            set(visible_pages(Page.objects.filter(pk__in=ids)).values_list("pk", flat=True))
            if ids
            else set()
        )
        return [page if page is not None and page.pk in visible else None for page in pages]
