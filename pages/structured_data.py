"""schema.org JSON-LD for search engines and link previews.

Each page type adds what it is (``structured_data`` on the model); every page
gets a BreadcrumbList. Rendered by the ``structured_data`` template tag.
"""

import json

from django.utils.safestring import mark_safe

# Escape what could end the <script> element or start a comment inside it.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}

KSS = {
    "@type": "NGO",
    "name": "Krisesentersekretariatet",
    "alternateName": "KSS",
    "url": "https://www.krisesenter.com/",
}


def breadcrumb_list(page, request):
    crumbs = [*page.breadcrumb_ancestors, page]
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": crumb.title,
                "item": crumb.get_full_url(request),
            }
            for position, crumb in enumerate(crumbs, start=1)
        ],
    }


def json_ld(items):
    """A JSON-LD document as the body of a <script type="application/ld+json">."""
    document = {"@context": "https://schema.org", "@graph": items}
    return mark_safe(json.dumps(document, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES))  # noqa: S308
