"""The search page (/sok/, /en/search/): pages and reports of the language
of the address."""

from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page

from pages.visibility import visible_pages, visible_reports
from reports.models import Report, ReportIndexPage

from .forms import SearchForm

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
        pages = list(
            visible_pages(Page.objects.filter(locale=locale)).specific().search(query)[:MAX_RESULTS]
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
        found = list(Report.objects.live().filter(locale=locale).search(query)[:MAX_RESULTS])
        # The search backends filter on indexed fields only: which reports a
        # visitor may see is asked of the database for the hits, in one query.
        shown = visible_reports(Report.objects.filter(pk__in=[report.pk for report in found]))
        shown = {r.pk: r for r in shown.select_related("document", "related_page")}
        entries = {}  # the archive and its lists, looked up once for all hits
        for report in (shown[r.pk] for r in found if r.pk in shown):
            owner = report.related_page
            hits.append(
                {
                    "title": report.title,
                    # Its own entry in the archive, which says where to read it.
                    "url": ReportIndexPage.entry_url(report, request, memo=entries),
                    "section": f"{_('Reports')} · {owner.title}" if owner else _("Reports"),
                    "excerpt": report.summary or report.unavailable_note,
                    "language": report.language,
                }
            )
    results = Paginator(hits, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "search/search.html",
        {
            "form": form,
            "query": query,
            "results": results,
            "result_count": len(hits),
        },
        status=200 if form.is_valid() else 400,
    )
