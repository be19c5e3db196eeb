"""The query budget: every public page type renders with at most 15 SQL
queries, and the same number when the content grows fiftyfold, so a listing,
menu or report list never costs a query per item.

Measured past the whole-page cache (it would answer with none), in a warm
process: the site's menu, settings and front page are already in the cache,
as they are on a running server after its first visitor.
"""

import uuid

import pytest
from django.conf import settings
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from conferences.models import ConferenceIndexPage, ConferencePage
from partners.models import PartnerIndexPage, PartnerPage
from reports.models import Report, ReportKind

pytestmark = pytest.mark.django_db

# Stock Wagtail routing and view restrictions (docs/performance.md).
BUDGET = 15

# One address per public page type and language, and the listings with
# filters and later pages of results.
PATHS = [
    "/",
    "/nettverk/",
    "/partnere/",
    "/partnere/sor-afrika/",
    "/konferanser/",
    "/konferanser/nordisk-forum-2014/",
    "/rapporter/",
    "/rapporter/?page=2",
    "/rapporter/?kind=annual_report&year_from=2000",
    "/personvern/",
    "/sok/?q=krisesenter",
    "/en/",
    "/en/network/",
    "/en/partners/",
    "/en/partners/cyprus/",
    "/en/conferences/",
    "/en/conferences/nordic-forum-2014/",
    "/en/reports/",
    "/en/privacy/",
    "/en/search/?q=shelter",
]

# Not pages, but read by machines page by page: they must not grow either.
FEEDS = ["/feed.atom", "/en/feed.atom", "/konferanser/kalender.ics", "/sitemap.xml"]

WITHOUT_PAGE_CACHE = [
    m for m in settings.MIDDLEWARE if m != "caching.page_cache.AnonymousPageCacheMiddleware"
]


def count_queries(client, paths):
    counts = {}
    for path in paths:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        counts[path] = len(captured.captured_queries)
    return counts


def grow_fiftyfold():
    """150 partners, 150 conferences and 1 000 reports in Norwegian, the
    reports spread over the partners, the conferences and none."""
    partners_index = PartnerIndexPage.objects.get(locale__language_code="nb")
    conferences_index = ConferenceIndexPage.objects.get(locale__language_code="nb")
    partners = [
        partners_index.add_child(
            instance=PartnerPage(
                title=f"Partner {n}",
                slug=f"partner-{n}",
                country=("ZA", "CY", "EE", "SE", "DK")[n % 5],
                organisation_name=f"Organisasjon {n}",
                summary=f"Samarbeid nummer {n}.",
                start_year=1990 + n % 30,
            )
        )
        for n in range(150)
    ]
    conferences = [
        conferences_index.add_child(
            instance=ConferencePage(
                title=f"Konferanse {n}",
                slug=f"konferanse-{n}",
                year=1990 + n % 30,
                city="Oslo",
                country="NO",
                summary=f"Konferanse nummer {n}.",
            )
        )
        for n in range(150)
    ]
    owners = [*partners, *conferences, None]
    nb = partners_index.locale
    kinds = [value for value, _label in ReportKind.choices]
    Report.objects.bulk_create(
        Report(
            translation_key=uuid.uuid4(),
            locale=nb,
            live=True,
            title=f"Rapport {n}",
            year=1990 + n % 35,
            kind=kinds[n % len(kinds)],
            country=("ZA", "CY", "EE", "NO")[n % 4],
            summary=f"Sammendrag {n}.",
            external_url=f"https://example.org/rapport-{n}.pdf",
            related_page=owners[n % len(owners)],
        )
        for n in range(1000)
    )


@override_settings(MIDDLEWARE=WITHOUT_PAGE_CACHE)
def test_every_page_type_stays_within_the_budget_at_any_size(client, bench_report):
    client.get("/")
    client.get("/en/")
    before = count_queries(client, PATHS + FEEDS)
    over = {path: n for path, n in before.items() if path in PATHS and n > BUDGET}
    assert not over, f"over the budget of {BUDGET} queries: {over}"

    grow_fiftyfold()
    client.get("/")
    client.get("/en/")
    # Big listings must really be listed, not cut off.
    assert "Partner 149" in client.get("/partnere/").content.decode()
    assert "Konferanse 149" in client.get("/konferanser/").content.decode()
    archive = client.get("/rapporter/").content.decode()
    assert "1013 rapporter" in archive and "Side 1 av 51" in archive
    after = count_queries(client, PATHS + FEEDS)
    bench_report("queries per page, most", max(before[path] for path in PATHS))
    bench_report("queries per page, most, 50x content", max(after[path] for path in PATHS))
    grew = {path: (before[path], after[path]) for path in before if after[path] != before[path]}
    assert not grew, f"queries grew with the content (before, after): {grew}"
