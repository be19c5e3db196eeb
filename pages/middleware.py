from django.conf import settings


class AdminReferrerPolicyMiddleware:
    """Public pages send no referrer at all (``SECURE_REFERRER_POLICY``), so a
    visit does not leak to the sites they link to. The admin needs
    ``same-origin``: under ``no-referrer`` a browser's POST carries
    ``Origin: null`` and Django's CSRF check refuses the login."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefix = settings.WAGTAIL_ADMIN_PREFIX

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(self.prefix):
            response.headers["Referrer-Policy"] = "same-origin"
        return response
