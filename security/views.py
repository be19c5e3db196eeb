from django.contrib.auth.views import LoginView
from django.middleware.csrf import CsrfViewMiddleware
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views.csrf import csrf_failure
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.debug import sensitive_post_parameters

# The addresses whose answers send the origin in a form's POST (below):
# SecurityHeadersMiddleware gives them "Referrer-Policy: same-origin".
LOGIN_PATH = "_util/login/"


def is_same_origin(request):
    """Did this POST come from a page of this site?

    Browsers say so in Sec-Fetch-Site; older ones send only Origin, which is
    compared as Django's CSRF check compares it (with CSRF_TRUSTED_ORIGINS).
    A request with neither is refused: it did not come from a browser's form."""
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site == "same-origin"
    if "HTTP_ORIGIN" not in request.META:
        return False
    return CsrfViewMiddleware(lambda request: None)._origin_verified(request)


@method_decorator(csrf_exempt, name="dispatch")
class RestrictedPageLoginView(LoginView):
    """Where Wagtail sends a visitor of a page for logged-in readers
    (/_util/login/, /en/_util/login/): a page of the site, with the quick exit
    and the help lines, in the language of its address.

    It sets no cookie until the visitor sends the form. Django's CSRF check
    needs a cookie from the page that shows the form; instead, the POST must
    come from this site (``is_same_origin``), which is what the cookie would
    prove, and Django's login() then sets the session and a new CSRF token.
    django-axes counts the failures as it counts the admin's."""

    template_name = "security/login.html"

    # LoginView.dispatch adds csrf_protect, whose cookie this page does
    # without (post() below); the rest of what it adds, kept.
    @method_decorator(sensitive_post_parameters())
    @method_decorator(never_cache)
    def dispatch(self, request, *args, **kwargs):
        return super(LoginView, self).dispatch(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if not is_same_origin(request):
            return csrf_failure(request, reason="The login form was sent from another site.")
        return super().post(request, *args, **kwargs)

    def get_default_redirect_url(self):
        # Without ?next=, the front page of the address's language, not
        # Django's /accounts/profile/, which this site does not have.
        return reverse("wagtail_serve", args=[""])


def serve_document(request, document_id, document_filename):
    """Wagtail's view for a document, its answer mended: Wagtail's send-file
    helper sends ``Content-Encoding: None`` for a file that is not encoded
    (browsers and proxies may take it for an encoding), and streams the file
    to a HEAD request too, which gunicorn logs as an error. Who may have the
    file is decided by the hooks (security/wagtail_hooks.py)."""
    from django.http import HttpResponse
    from wagtail.documents.views.serve import serve

    response = serve(request, document_id, document_filename)
    if response.get("Content-Encoding") == "None":
        del response["Content-Encoding"]
    if request.method == "HEAD" and response.streaming:
        response.close()
        headers = HttpResponse(status=response.status_code)
        for name, value in response.items():
            headers[name] = value
        return headers
    return response
