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

from caching import backends
from caching.models import PendingPurge
from caching.page_cache import _key
from partners.models import PartnerPage
from tests.helpers import committed
from tests.test_query_budget import PATHS, illustrate_and_attach_files

# Pages the app may keep: no search, no filters.
PAGE_TYPES = [path for path in PATHS if "?" not in path]

pytestmark = pytest.mark.django_db


def redis_caches(server):
    return {
        **settings.CACHES,
        "default": {
            "BACKEND": "caching.backends.ResilientRedisCache",
            "LOCATION": server.url,
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
        },
    }


def queries(client, path):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    return response, len(captured.captured_queries)


@pytest.fixture
def on_redis(redis_server, monkeypatch):
    """The site with its cache in the Redis of ``redis_server``; Redis is
    tried again 0.2 s after it failed, not 2 s, to keep the tests short."""
    monkeypatch.setattr(backends, "RETRY_AFTER", 0.2)
    with override_settings(CACHES=redis_caches(redis_server)):
        caches["default"].clear()
        yield redis_server


def test_pages_are_kept_in_redis(client, on_redis):
    assert queries(client, "/partnere/kypros/")[1] > 0
    assert queries(client, "/partnere/kypros/")[1] == 0


def test_a_render_costs_two_round_trips_and_a_hit_one(client, on_redis):
    """Counted by Redis itself, on every page type, photos included: a page
    not yet kept reads the generation and the entry together and stores the
    page; the menu, the site and the images' renditions come from the
    process's memory (each is read once per process and generation)."""
    illustrate_and_attach_files()
    for path in PAGE_TYPES:
        client.get(path)
        caches["default"].delete_many([_key(path)])
        before = on_redis.commands()
        assert client.get(path).status_code == 200
        assert on_redis.commands() - before - 1 <= 2, f"{path}: a render"
        before = on_redis.commands()
        assert client.get(path).status_code == 200
        assert on_redis.commands() - before - 1 == 1, f"{path}: a hit"


def test_redis_down_serves_pages_uncached_and_comes_back(client, on_redis, caplog):
    client.get("/partnere/kypros/")
    on_redis.stop()
    with caplog.at_level(logging.WARNING, logger="caching.backends"):
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


def test_a_change_made_while_redis_hangs_shows_when_it_is_back(client, on_redis):
    """The stored page survives the outage in Redis; the change that should
    have made the cache forget it must not leave it answering."""
    assert "Skrevet mens Redis sov." not in client.get("/partnere/kypros/").content.decode()
    on_redis.pause()
    try:
        page = PartnerPage.objects.get(slug="kypros")
        page.summary = "Skrevet mens Redis sov."
        with committed():
            page.save_revision().publish()
        assert PendingPurge.objects.filter(target=PendingPurge.Target.APP).exists()
    finally:
        on_redis.resume()
    time.sleep(0.3)
    assert "Skrevet mens Redis sov." in client.get("/partnere/kypros/").content.decode()


def test_retry_purges_moves_the_generation_on_for_workers_that_saw_no_outage(client, on_redis):
    from django.core.management import call_command

    client.get("/partnere/kypros/")
    page = PartnerPage.objects.get(slug="kypros")
    page.summary = "Endret under et avbrudd en annen arbeider så."
    page.save_revision().publish()  # not committed: the cache was not told
    PendingPurge.objects.create(target=PendingPurge.Target.APP)
    assert "avbrudd" not in client.get("/partnere/kypros/").content.decode()
    call_command("retry_purges")
    assert not PendingPurge.objects.exists()
    assert "avbrudd" in client.get("/partnere/kypros/").content.decode()


def test_with_the_database_down_stored_pages_still_answer(client):
    client.get("/partnere/kypros/")
    client.raise_request_exception = False
    with mock.patch(
        "django.db.backends.utils.CursorWrapper.execute",
        side_effect=OperationalError("could not connect to server"),
    ):
        assert client.get("/partnere/kypros/").status_code == 200
        assert client.get("/partnere/estland/").status_code == 503
