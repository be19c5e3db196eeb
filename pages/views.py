from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.utils import translation
from wagtail.models import Site


def robots_txt(request):
    """Everything public may be indexed except search results; names the sitemap."""
    site = Site.find_for_request(request)
    root_url = site.root_url if site else request.build_absolute_uri("/").rstrip("/")
    search_paths = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            search_paths.append(reverse("search"))
    lines = [
        "User-agent: *",
        f"Disallow: {settings.WAGTAIL_ADMIN_PREFIX}",
        *(f"Disallow: {path}" for path in search_paths),
        "",
        f"Sitemap: {root_url}{reverse('sitemap')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def server_error(request):
    """Django's 500 handler, except that a database that cannot be reached gets a
    static "503 Service Unavailable" page with Retry-After. Neither renders
    anything that needs the database. Django has already logged the error."""
    import sys

    from django.db import DatabaseError
    from django.template import loader

    from .errors import help_lines

    context = {"help": help_lines()}  # the database may be what failed
    if isinstance(sys.exc_info()[1], DatabaseError):
        response = HttpResponse(loader.get_template("503.html").render(context), status=503)
        response["Retry-After"] = "30"
        return response
    return HttpResponse(loader.get_template("500.html").render(context), status=500)


def page_not_found(request, exception):
    """Django's 404 handler, falling back to a static page when the database
    (which the site's menu and settings come from) cannot be reached."""
    from django.db import DatabaseError
    from django.http import HttpResponseNotFound
    from django.template import loader

    try:
        return HttpResponseNotFound(loader.get_template("404.html").render({}, request))
    except DatabaseError:
        from .errors import help_lines

        context = {"help": help_lines()}
        return HttpResponseNotFound(loader.get_template("404_static.html").render(context))
