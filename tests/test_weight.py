"""A light first view: every page type, with everything it loads before it
can show (HTML, CSS, JavaScript, favicon), weighs at most 60 KB before
compression and 14 KB after (one round trip); the static files are hashed and
precompressed (brotli and gzip), and nothing the page needs before it can
show comes from another host. At fiftyfold content: tests/test_query_budget.py."""

import json

import pytest
from wagtail.models import Page, get_page_models

from pages.visibility import visible_pages
from tests.helpers import ROUND_TRIP, first_view

pytestmark = pytest.mark.django_db

RAW_LIMIT = 60 * 1024


def test_static_files_are_hashed_and_compressed(production_static):
    manifest = json.loads((production_static / "staticfiles.json").read_text())["paths"]
    for name in ("css/site.css", "js/quick-exit.js", "favicon.svg", "world/land.svg"):
        hashed = production_static / manifest[name]
        assert hashed.name != name.rsplit("/", 1)[-1], name
        assert hashed.with_name(hashed.name + ".br").exists(), name
        assert hashed.with_name(hashed.name + ".gz").exists(), name


def one_page_of_each_type():
    """A public page of every page type in every language, from the content."""
    found = {}
    for model in get_page_models():
        if model is Page:
            continue
        for page in visible_pages(model.objects.all()).select_related("locale"):
            found.setdefault((model.__name__, page.locale.language_code), page.url)
    return found


def test_every_page_type_s_first_view_fits_in_one_round_trip(client, production_static):
    """TCP's first flight is ten segments, about 14 KB: a first view that
    fits shows after one round trip, which on a slow phone network is most
    of the wait."""
    pages = one_page_of_each_type()
    # The walk reaches every page type in both languages (a positive control).
    assert {name for name, _code in pages} == {
        m.__name__ for m in get_page_models() if m is not Page
    }
    assert {code for _name, code in pages} == {"nb", "en"}
    heavy = {}
    for (name, code), path in sorted(pages.items()):
        raw, compressed, _assets = first_view(client, path, production_static)
        if raw > RAW_LIMIT or compressed > ROUND_TRIP:
            heavy[f"{name} ({code}) {path}"] = (raw, compressed)
    assert not heavy, f"over {RAW_LIMIT} bytes raw or {ROUND_TRIP} compressed: {heavy}"


@pytest.mark.parametrize("path", ["/personvern/", "/en/privacy/", "/", "/en/"])
def test_first_view_weights_for_the_bench(client, path, production_static, bench_report):
    raw, compressed, _assets = first_view(client, path, production_static)
    bench_report(f"weight {path} raw", raw)
    bench_report(f"weight {path} compressed", compressed)
    assert compressed <= ROUND_TRIP
