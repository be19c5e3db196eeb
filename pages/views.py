from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page, Site

from .forms import SearchForm
from .models import Report

RESULTS_PER_PAGE = 20
# Enough for any reader; stops a one-letter query from ranking the whole site.
MAX_RESULTS = 200


def _section_titles(pages):
    """The top-level section (child of the front page) of each page, in one query."""
    prefixes = {page.path[: Page.steplen * 3] for page in pages if page.depth > 3}
    sections = Page.objects.filter(path__in=prefixes).values_list("path", "title")
    return dict(sections)


def search(request):
    """Search pages and reports in the language of the address (/sok/, /en/search/).

    A GET form: no cookie, no CSRF token. A query too long is answered with 400;
    characters that mean something to a search engine are treated as spaces.
    """
    form = SearchForm(request.GET)
    hits = []
    query = ""
    if form.is_valid() and form.cleaned_data["q"]:
        query = form.cleaned_data["q"]
        locale = Locale.get_active()
        # Wagtail's .public() here, not pages.visibility.public: the search
        # backends accept plain filters only.
        pages = list(
            Page.objects.live()
            .public()
            .filter(locale=locale)
            .specific()
            .search(query)[:MAX_RESULTS]
        )
        sections = _section_titles(pages)
        for page in pages:
            hits.append(
                {
                    "title": page.title,
                    "url": page.get_url(request),
                    "section": sections.get(page.path[: Page.steplen * 3], ""),
                    "excerpt": getattr(page, "summary", "") or page.search_description,
                }
            )
        reports = (
            Report.objects.live().filter(locale=locale).select_related("document", "related_page")
        )
        for report in reports.search(query)[:MAX_RESULTS]:
            owner = report.related_page
            hits.append(
                {
                    "title": report.title,
                    "url": report.url or (owner.get_url(request) if owner and owner.live else ""),
                    "section": _("Reports"),
                    "excerpt": report.summary or report.unavailable_note,
                    "language": report.language,
                }
            )
    results = Paginator(hits, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "pages/search.html",
        {
            "form": form,
            "query": query,
            "results": results,
            "result_count": len(hits),
            "page_query": f"q={request.GET.get('q', '')[:200]}" if query else "",
        },
        status=200 if form.is_valid() else 400,
    )


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

    if isinstance(sys.exc_info()[1], DatabaseError):
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = "30"
        return response
    return HttpResponse(loader.get_template("500.html").render(), status=500)


def page_not_found(request, exception):
    """Django's 404 handler, falling back to a static page when the database
    (which the site's menu and settings come from) cannot be reached."""
    from django.db import DatabaseError
    from django.http import HttpResponseNotFound
    from django.template import loader

    try:
        return HttpResponseNotFound(loader.get_template("404.html").render({}, request))
    except DatabaseError:
        return HttpResponseNotFound(loader.get_template("404_static.html").render())
