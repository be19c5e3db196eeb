"""The query budget: every public page type renders with at most 15 SQL
queries, and no more when the content grows fiftyfold, so a listing, menu or
report list never costs a query per item. The front pages too: their map,
timeline and section cards are built once per content version in a process
(``InternationalWorkPage.shared_parts``).

15 is what stock Wagtail needs (docs/performance.md): its routing loads each
level of the address and its view-restriction check the ancestors, and the
English partner page with a main image and a photo in its body takes the
most. The grown
content looks like real content (tests/factories.py): reports with PDF files,
partner pages with images, conferences with dates, some of them upcoming.

Measured past the whole-page cache (it would answer with none), in a warm
process: each address is rendered once before it is counted, as on a running
server after its first visitor (images then have their renditions).
"""

import pytest
from django.conf import settings
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from conferences.models import ConferenceIndexPage
from partners.models import PartnerIndexPage, PartnerPage
from reports.models import Report
from tests.factories import (
    ConferencePageFactory,
    DocumentFactory,
    ImageFactory,
    PartnerPageFactory,
    ReportFactory,
    illustrated_body,
)
from tests.helpers import ROUND_TRIP, first_view

pytestmark = pytest.mark.django_db

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
    m for m in settings.MIDDLEWARE if m != "caching.page_cache.CacheRuleMiddleware"
]


def count_queries(client, paths, sizes=None):
    """Queries per address; with ``sizes``, the HTML's size goes there."""
    for path in paths:
        client.get(path)  # warm: the first visit makes the images' renditions
    counts = {}
    for path in paths:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        counts[path] = len(captured.captured_queries)
        if sizes is not None:
            sizes[path] = len(response.content)
    return counts


def illustrate_and_attach_files():
    """The seeded site as it will look once staff add photos and PDFs: the
    measured partner pages get a main image and an image in the body, every
    report its PDF. Measured before and after growing, so only the amount of
    content changes between the two."""
    for slug in ("sor-afrika", "cyprus"):
        page = PartnerPage.objects.get(slug=slug)
        page.hero_image, page.body = ImageFactory(), illustrated_body()
        page.save_revision().publish()
    # Files are slow to write: twenty PDFs, shared by the reports.
    documents = [DocumentFactory() for _ in range(20)]
    for n, report in enumerate(Report.objects.order_by("pk")):
        report.document = documents[n % len(documents)]
        report.save(update_fields=["document"])
    return documents


def grow_fiftyfold(documents):
    """150 partners, 150 conferences (with dates, some to come) and 1 000
    reports with PDFs in Norwegian, the reports spread over the partners, the
    conferences and none."""
    partners_index = PartnerIndexPage.objects.get(locale__language_code="nb")
    conferences_index = ConferenceIndexPage.objects.get(locale__language_code="nb")
    partners = [PartnerPageFactory(parent=partners_index) for _ in range(150)]
    conferences = [ConferencePageFactory(parent=conferences_index) for _ in range(150)]
    owners = [*partners, *conferences, None]
    Report.objects.bulk_create(
        ReportFactory.build(
            related_page=owners[n % len(owners)], document=documents[n % len(documents)]
        )
        for n in range(1000)
    )


@override_settings(MIDDLEWARE=WITHOUT_PAGE_CACHE)
def test_every_page_type_stays_within_the_budget_at_any_size(
    client, bench_report, django_capture_on_commit_callbacks, production_static
):
    # The changes commit, as in the admin: the caches and what each process
    # keeps for a content version forget what they touch.
    with django_capture_on_commit_callbacks(execute=True):
        documents = illustrate_and_attach_files()
    size_before, size_after = {}, {}
    before = count_queries(client, PATHS + FEEDS, size_before)
    over = {path: n for path, n in before.items() if path in PATHS and n > BUDGET}
    assert not over, f"over the budget of {BUDGET}: {over}"

    with django_capture_on_commit_callbacks(execute=True):
        grow_fiftyfold(documents)
    # Big listings are listed a page at a time, every page within reach.
    partners = client.get("/partnere/").content.decode()
    assert partners.count('class="card"') == 9 and "Side 1 av 17" in partners
    last = client.get("/partnere/?page=17").content.decode()
    assert last.count('class="card"') == 153 - 16 * 9
    conferences = client.get("/konferanser/").content.decode()
    assert "Kommende konferanser" in conferences and "Side 1 av" in conferences
    archive = client.get("/rapporter/").content.decode()
    assert "1013 rapporter" in archive and "Side 1 av 51" in archive
    after = count_queries(client, PATHS + FEEDS, size_after)
    bench_report("queries per page, most", max(before[path] for path in PATHS))
    bench_report("queries per page, most, 50x content", max(after[path] for path in PATHS))
    grew = {path: (before[path], after[path]) for path in before if after[path] > before[path]}
    assert not grew, f"queries grew with the content (before, after): {grew}"
    # Long lists paginate: no page type grows beyond half as big again. (A
    # filter or a search finds more with more content, by design; the feeds and
    # the sitemap list everything.)
    page_types = [path for path in PATHS if "?" not in path]
    heavier = {
        path: (size_before[path], size_after[path])
        for path in page_types
        if size_after[path] > 1.5 * size_before[path]
    }
    bench_report(
        "HTML at 50x content, most, as a share of today's",
        round(max(size_after[p] / size_before[p] for p in page_types), 2),
    )
    assert not heavier, f"page types that grew past 1.5 times their size (bytes): {heavier}"
    # And every first view still fits in one round trip (tests/test_weight.py).
    over_a_round_trip = {
        path: compressed
        for path in page_types
        if (compressed := first_view(client, path, production_static)[1]) > ROUND_TRIP
    }
    assert not over_a_round_trip, f"over {ROUND_TRIP} bytes compressed: {over_a_round_trip}"
