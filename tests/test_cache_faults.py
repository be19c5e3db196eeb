"""The caches when something fails: Redis down or hanging, the database down.
Against Debian's redis-server (the ``redis_server`` fixture); Varnish's faults
are in tests/test_front_cache.py."""

import logging
import time
from unittest import mock

import pytest
from django.conf import settings
from django.core.cache import caches
from django.db import OperationalError, connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from caching import page_cache
from caching.page_cache import _key
from partners.models import PartnerPage
from tests.helpers import committed
from tests.test_query_budget import PATHS, illustrate_and_attach_files

# Pages the app may keep: no search, no filters.
PAGE_TYPES = [path for path in PATHS if "?" not in path]

pytestmark = pytest.mark.django_db


def redis_caches(server):
    """The production settings' caches (kss_site/settings/base.py), on ``server``."""
    redis = {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": server.url,
        "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.25, "SOCKET_TIMEOUT": 0.25},
    }
    return {
        **settings.CACHES,
        "default": {**redis, "OPTIONS": {**redis["OPTIONS"], "IGNORE_EXCEPTIONS": True}},
        "pages": redis,
    }


def queries(client, path):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    return response, len(captured.captured_queries)


@pytest.fixture
def on_redis(redis_server, monkeypatch):
    """The site with its cache in the Redis of ``redis_server``; Redis is
    tried again 0.2 s after it failed, not 2 s, to keep the tests short."""
    monkeypatch.setattr(page_cache, "RETRY_AFTER", 0.2)
    with override_settings(CACHES=redis_caches(redis_server)):
        caches["pages"].clear()
        yield redis_server


def test_pages_are_kept_in_redis(client, on_redis):
    assert queries(client, "/partnere/kypros/")[1] > 0
    assert queries(client, "/partnere/kypros/")[1] == 0


def test_a_render_costs_three_round_trips_and_a_hit_one(client, on_redis):
    """Counted by Redis itself, on every page type, photos included: a page
    not yet kept reads the generation, its marker and the entry together,
    reads the first two again before it is stored (still current?) and stores
    it; the menu, the site and the images' renditions come from the process's
    memory (each is read once per process and generation)."""
    illustrate_and_attach_files()
    for path in PAGE_TYPES:
        client.get(path)
        caches["pages"].delete_many([_key(path)])
        before = on_redis.commands()
        assert client.get(path).status_code == 200
        assert on_redis.commands() - before - 1 <= 3, f"{path}: a render"
        before = on_redis.commands()
        assert client.get(path).status_code == 200
        assert on_redis.commands() - before - 1 == 1, f"{path}: a hit"


def test_redis_down_serves_pages_uncached_and_comes_back(client, on_redis, caplog):
    client.get("/partnere/kypros/")
    on_redis.stop()
    with caplog.at_level(logging.WARNING, logger="caching.page_cache"):
        for path in ("/partnere/kypros/", "/", "/rapporter/", "/en/partners/cyprus/"):
            response, count = queries(client, path)
            assert response.status_code == 200, path
            assert count > 0, path  # rendered, not from a cache
            assert response["X-Content-Type-Options"] == "nosniff"
            assert "default-src 'none'" in response["Content-Security-Policy"]
    outage = [r for r in caplog.records if "does not answer" in r.getMessage()]
    assert len(outage) == 1, "one line for the outage, not one per request"

    on_redis.start()
    time.sleep(0.3)
    client.get("/partnere/kypros/")
    client.get("/partnere/kypros/")
    assert queries(client, "/partnere/kypros/")[1] == 0, "the cache is used again"
    assert any("answers again" in r.getMessage() for r in caplog.records)


def test_a_hanging_redis_holds_no_request_for_long(client, on_redis):
    client.get("/partnere/kypros/")
    on_redis.pause()
    try:
        started = time.monotonic()
        response = client.get("/partnere/kypros/")
        assert response.status_code == 200
        assert time.monotonic() - started < 1.5
    finally:
        on_redis.resume()


def test_a_change_made_while_redis_hangs_shows_when_it_is_back(client, on_redis, queue):
    """The stored page survives the outage in Redis; the change that should
    have made the cache forget it waits in the queue, which tries again until
    Redis takes it."""
    assert "Skrevet mens Redis sov." not in client.get("/partnere/kypros/").content.decode()
    on_redis.pause()
    try:
        page = PartnerPage.objects.get(slug="kypros")
        page.summary = "Skrevet mens Redis sov."
        with committed():
            page.save_revision().publish()
        queue.run(seconds=1)
        assert queue.waiting() == 1, "tried, failed and queued again"
    finally:
        on_redis.resume()
    time.sleep(0.3)
    assert "Skrevet mens Redis sov." not in client.get("/partnere/kypros/").content.decode()
    queue.run(seconds=5)
    assert queue.waiting() == 0
    assert "Skrevet mens Redis sov." in client.get("/partnere/kypros/").content.decode()


def test_a_render_that_spans_a_publication_is_not_kept(client, on_redis):
    """A visitor's render reads the page before an editor's publication
    commits and is done after it: the old page goes to that visitor, marked
    private, and is answered to no one else, here or in Varnish."""
    from django.db import transaction

    page = PartnerPage.objects.get(slug="kypros")
    path = "/partnere/kypros/"
    middleware_response = {}
    original = page_cache.CacheRuleMiddleware.is_shareable

    def publish_while_rendering(request, response):
        # The render is done (with the old summary); the publication commits.
        page.summary = "Publisert midt i en visning."
        with committed(), transaction.atomic():
            page.save_revision().publish()
        middleware_response["rendered"] = response.content.decode()
        return original(request, response)

    with mock.patch.object(
        page_cache.CacheRuleMiddleware, "is_shareable", staticmethod(publish_while_rendering)
    ):
        during = client.get(path)
    assert "Publisert midt i en visning." not in middleware_response["rendered"]
    assert "private" in during["Cache-Control"] and "s-maxage" not in during["Cache-Control"]
    assert "Publisert midt i en visning." in client.get(path).content.decode()
    # The positive control: a render no change overtook is kept.
    assert queries(client, path)[1] == 0


def test_with_the_database_down_stored_pages_still_answer(client):
    client.get("/partnere/kypros/")
    client.raise_request_exception = False
    with mock.patch(
        "django.db.backends.utils.CursorWrapper.execute",
        side_effect=OperationalError("could not connect to server"),
    ):
        assert client.get("/partnere/kypros/").status_code == 200
        assert client.get("/partnere/estland/").status_code == 503
