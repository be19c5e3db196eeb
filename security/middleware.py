from functools import cache

from csp.utils import build_policy, default_config
from django.conf import settings
from django.core.exceptions import BadRequest
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.datastructures import MultiValueDictKeyError

from .views import LOGIN_PATH

# Browser features the site does not use, switched off for it and for
# anything it might show. Only names Chromium knows: an unknown one is an
# error in its console ("bluetooth" is unknown to Chromium 156).
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
)


class SecurityHeadersMiddleware:
    """The security headers on every response, and the admin's exceptions.

    First in ``MIDDLEWARE``, so it also sees the answers given before Django's
    normal flow: a 400 for a host not allowed or a 500 from a middleware never
    pass the middlewares that usually set these headers (Django's security,
    clickjacking and django-csp's). What they set is kept; what they did not
    get to is filled in from the same settings.

    - ``Permissions-Policy``: ``PERMISSIONS_POLICY``.
    - ``Cross-Origin-Resource-Policy: same-origin`` everywhere.
    - Public pages send no referrer at all (``SECURE_REFERRER_POLICY``), so a
      visit does not leak to the sites they link to. The admin needs
      ``same-origin``: under ``no-referrer`` a browser's POST carries
      ``Origin: null`` and Django's CSRF check refuses the login. So does the
      login for restricted pages, whose check is the origin alone
      (security/views.py). ``same-origin`` sends nothing to other sites either.
    - Public pages may not be framed (``X_FRAME_OPTIONS = "DENY"``); the admin
      shows its preview in a frame of its own, so it gets ``SAMEORIGIN``.
    - Public pages get django-csp's strict ``CONTENT_SECURITY_POLICY``; the
      admin, whose scripts it would block, ``ADMIN_CONTENT_SECURITY_POLICY``
      (kss_site/settings/base.py says why each part is there). nginx fills in
      a policy only where the app sent none, so this is the one browsers get.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        add_security_headers(request.path, response.headers)
        return response


@cache
def _header_sets():
    return {
        "admin_policy": build_policy(
            config=default_config(settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"])
        ),
        "public": {
            "Content-Security-Policy": build_policy(),
            "Referrer-Policy": settings.SECURE_REFERRER_POLICY,
            "X-Frame-Options": settings.X_FRAME_OPTIONS,
        },
        "everywhere": {
            "Permissions-Policy": PERMISSIONS_POLICY,
            "Cross-Origin-Resource-Policy": "same-origin",
            "Cross-Origin-Opener-Policy": settings.SECURE_CROSS_ORIGIN_OPENER_POLICY,
            "X-Content-Type-Options": "nosniff",
        },
    }


@receiver(setting_changed)
def _forget_header_sets(**kwargs):
    _header_sets.cache_clear()


def add_security_headers(path, headers):
    """The headers ``SecurityHeadersMiddleware`` promises, on the response
    ``headers`` of the address ``path``: also for a stored page answered
    before Django (caching/wsgi.py)."""
    sets = _header_sets()
    for name, value in sets["everywhere"].items():
        headers.setdefault(name, value)
    if path.startswith(settings.WAGTAIL_ADMIN_PREFIX):
        headers["Referrer-Policy"] = "same-origin"
        headers["X-Frame-Options"] = "SAMEORIGIN"
        headers.setdefault("Content-Security-Policy", sets["admin_policy"])
        return
    for name, value in sets["public"].items():
        headers.setdefault(name, value)
    if path.endswith("/" + LOGIN_PATH):
        headers["Referrer-Policy"] = "same-origin"


class MalformedFormMiddleware:
    """A form sent without fields it always has, or with something else than
    a number where it names a page, is bad input, not a crash: a 400 page,
    and nothing saved.

    Wagtail's page editor has its scripts add the body's fields
    (``body-count`` and the rest) when it is sent; sent without them (scripts
    blocked or not loaded), Wagtail reads a field that is not there. Its copy
    form looks up the chosen parent page before it validates the form, so an
    empty choice reaches the database as the id "". Both would be a 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if request.method != "POST":
            return None
        missing = isinstance(exception, MultiValueDictKeyError)
        # Django's own words when a field's value cannot be an id.
        not_an_id = isinstance(exception, ValueError) and "expected a number" in str(exception)
        if missing or not_an_id:
            raise BadRequest("A form arrived without fields it needs.") from exception
        return None
