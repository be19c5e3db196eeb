"""One address, one copy: how the caches spell the address of a page.

A browser, a newsletter or a crawler may spell the same page several ways:
``/%70artnere/x/``, ``/partnere/x%2f``, ``/partnere//x/``, ``/partnere/x/?``
or ``/partnere/x/?utm_source``. The app routes them all to the same page, so
both caches must keep them under one address, or a purge of that address
leaves the other spellings answering with a withdrawn page.

The app keys its page cache by ``request.path``, which its server has
already decoded. Varnish spells an address the same way before it looks it
up or purges it, with the subroutine this module writes (``vcl()``, committed
as deploy/varnish/addresses.vcl and checked by tests/test_addresses.py):
escapes of unreserved characters and of "/" decoded, the others in capitals,
runs of "/" as one (the app answers 404 to those; behind Varnish they get
the page). Both drop the parameters in ``TRACKING``, with or without a value
(newsletters, social networks and ad platforms add them to links and no page
reads them), and empty pairs.
"""

import re
import string
from urllib.parse import parse_qsl, urlencode

# One list, for the app and for Varnish.
TRACKING_NAMES = (
    "utm_[a-z_]+",
    "fbclid",
    "gclid",
    "dclid",
    "gbraid",
    "wbraid",
    "msclkid",
    "mc_cid",
    "mc_eid",
    "_hsenc",
    "_hsmi",
    "igshid",
    "yclid",
    "twclid",
    "ttclid",
    "li_fat_id",
    "ref_src",
    "s_cid",
)
TRACKING = re.compile(rf"^({'|'.join(TRACKING_NAMES)})$", re.IGNORECASE)

# Characters a percent-escape may stand for without changing the address
# (RFC 3986, 2.3), and "/", which the app's server decodes before routing.
UNRESERVED = string.ascii_letters + string.digits + "-._~"


def without_tracking(query_string):
    """The query string without the parameters in ``TRACKING`` and without
    empty pairs (``?``, ``&&``), in its order; "" when nothing else is left."""
    if not query_string:
        return ""
    pairs = parse_qsl(query_string, keep_blank_values=True)
    kept = [(name, value) for name, value in pairs if not TRACKING.match(name)]
    if not kept:
        return ""
    if len(kept) == len(pairs) and "&&" not in query_string and not query_string.endswith("&"):
        return query_string
    return urlencode(kept)


def vcl():
    """deploy/varnish/addresses.vcl: ``kss_normalise_url``, which spells
    ``req.url`` as the app does before Varnish looks it up or purges it."""

    def path(pattern, replacement):
        return (
            f"        set req.http.X-KSS-Path = regsuball(req.http.X-KSS-Path, "
            f'"{pattern}", "{replacement}");'
        )

    decoded = [path(f"(?i)%{ord(c):02X}", c) for c in UNRESERVED + "/"]
    capitals = [path(f"%{x}([0-9A-Fa-f])", f"%{x.upper()}\\1") for x in "abcdef"]
    capitals += [path(f"%([0-9A-F]){x}", f"%\\1{x.upper()}") for x in "abcdef"]
    tracking = "|".join(TRACKING_NAMES)
    lines = [
        "# Made by caching/addresses.py: python -m caching.addresses > this file;",
        "# tests/test_addresses.py checks it is up to date. Do not edit by hand.",
        "",
        "sub kss_normalise_url {",
        '    set req.http.X-KSS-Path = regsub(req.url, "\\?.*$", "");',
        '    set req.http.X-KSS-Query = regsub(req.url, "^[^?]*\\??", "");',
        "    # Percent-escapes the app's server decodes before routing (unreserved",
        "    # characters and the slash); the rest in capitals, as the app writes them.",
        '    if (req.http.X-KSS-Path ~ "%") {',
        *decoded,
        *capitals,
        "    }",
        '    set req.http.X-KSS-Path = regsuball(req.http.X-KSS-Path, "/{2,}", "/");',
        "    # Tracking parameters, with or without a value, and empty pairs.",
        '    if (req.http.X-KSS-Query != "") {',
        "        set req.http.X-KSS-Query = regsuball(req.http.X-KSS-Query,",
        f'            "(?i)(^|&)({tracking})(=[^&]*)?(?=&|$)", "");',
        '        set req.http.X-KSS-Query = regsuball(req.http.X-KSS-Query, "&{2,}", "&");',
        '        set req.http.X-KSS-Query = regsuball(req.http.X-KSS-Query, "^&|&$", "");',
        "    }",
        '    if (req.http.X-KSS-Query == "") {',
        "        set req.url = req.http.X-KSS-Path;",
        "    } else {",
        '        set req.url = req.http.X-KSS-Path + "?" + req.http.X-KSS-Query;',
        "    }",
        "    unset req.http.X-KSS-Path;",
        "    unset req.http.X-KSS-Query;",
        "}",
    ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(vcl(), end="")
