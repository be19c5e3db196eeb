from django.utils.html import format_html
from wagtail.rich_text import LinkHandler


class NoReferrerExternalLinkHandler(LinkHandler):
    """External links in rich text carry ``rel="noreferrer"``, like every other
    outbound link, so the site visited is not told where the reader came from
    even by a browser that ignores the page's Referrer-Policy."""

    identifier = "external"

    @classmethod
    def expand_db_attributes(cls, attrs):
        return format_html('<a href="{}" rel="noreferrer">', attrs.get("href", ""))
