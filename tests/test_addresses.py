"""One spelling per address (caching/addresses.py): the app's list of
tracking parameters is the one Varnish uses, and each spelling of a page the
app routes to it is one copy in Varnish. Through the stack, after a
withdrawal and a rename: tests/test_cache_stack.py."""

import time
from pathlib import Path

import pytest

from caching.addresses import TRACKING, vcl, without_tracking
from tests.conftest import ROOT


def test_the_committed_vcl_is_the_one_the_app_writes():
    committed = (ROOT / "deploy" / "varnish" / "addresses.vcl").read_text()
    assert committed == vcl(), "python -m caching.addresses > deploy/varnish/addresses.vcl"
    assert 'include "./addresses.vcl";' in Path(ROOT / "deploy/varnish/kss.vcl").read_text()


@pytest.mark.parametrize(
    ("query", "left"),
    [
        ("", ""),
        ("utm_source=nyhetsbrev", ""),
        ("utm_source", ""),
        ("UTM_Medium=e-post&fbclid", ""),
        ("&", ""),
        ("&&utm_campaign=x&", ""),
        ("side=2", "side=2"),
        ("side=2&utm_source=x", "side=2"),
        ("utm_source&side=2", "side=2"),
        ("side=2&&q=kypros", "side=2&q=kypros"),
        ("q=", "q="),
    ],
)
def test_tracking_parameters_and_empty_pairs_go_and_the_rest_stays(query, left):
    assert without_tracking(query) == left


def test_the_list_names_what_newsletters_and_ad_platforms_add():
    for name in ("utm_source", "utm_content", "fbclid", "gclid", "mc_cid", "msclkid"):
        assert TRACKING.match(name)
    for name in ("side", "q", "kind", "partner", "utm"):
        assert not TRACKING.match(name)


SPELLINGS = [
    "/partnere/kypros/",
    "/partnere/kypros/?",
    "/partnere/kypros/?&",
    "/%70artnere/kypros/",
    "/partnere/kypros%2f",
    "/partnere/kypros%2F",
    "/partnere//kypros/",
    "/partnere/kypros/?utm_source",
    "/partnere/kypros/?utm_source=nyhetsbrev&fbclid=abc",
]


def test_every_spelling_is_one_copy_in_varnish(varnish):
    """The first asks the app; each other spelling is a hit on that copy."""
    import urllib.request

    base, stat = varnish

    def hits():
        # Varnish adds a thread's counts to its totals a moment later.
        time.sleep(0.3)
        return stat("cache_hit") + stat("cache_miss") * 1000

    for n, path in enumerate(SPELLINGS):
        before = hits()
        with urllib.request.urlopen(base + path, timeout=5) as response:  # noqa: S310
            assert response.status == 200 and b"SPAVO" in response.read(), path
        assert hits() - before == (1 if n else 1000), f"{path}: a {'miss' if n else 'hit'}"
