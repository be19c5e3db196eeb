from django.conf import settings


class SecurityHeadersMiddleware:
    """Headers Django does not set, and the admin's exceptions to the public ones.

    - ``Cross-Origin-Resource-Policy: same-origin`` everywhere.
    - Public pages send no referrer at all (``SECURE_REFERRER_POLICY``), so a
      visit does not leak to the sites they link to. The admin needs
      ``same-origin``: under ``no-referrer`` a browser's POST carries
      ``Origin: null`` and Django's CSRF check refuses the login.
    - Public pages may not be framed (``X_FRAME_OPTIONS = "DENY"``); the admin
      shows its preview in a frame of its own, so it gets ``SAMEORIGIN``.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefix = settings.WAGTAIL_ADMIN_PREFIX

    def __call__(self, request):
        response = self.get_response(request)
        response.headers["Cross-Origin-Resource-Policy"] = "same-origin"
        if request.path.startswith(self.prefix):
            response.headers["Referrer-Policy"] = "same-origin"
            response.headers["X-Frame-Options"] = "SAMEORIGIN"
        return response
