"""Property-based: whatever a visitor (or a bot) puts in the address of the
search page or the report archive, the answer is a page, never a server error.

Runs on whatever database DATABASE_URL points at; CI runs it on SQLite and on
PostgreSQL. 100 examples a test by default; KSS_FUZZ_EXAMPLES sets another
number (CI: 1 000).
"""

import os
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

ARCHIVE_KEYS = ["year_from", "year_to", "kind", "country", "partner", "conference", "page"]

# Any text, lone surrogates and NUL included, plus values that look plausible.
values = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec=None), max_size=50),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.sampled_from(["", '"', "'", "\x00", "2004", "annual_report", "BE", "1e3", "%", "null"]),
    st.just("x" * 10_000),
)


def encode(value):
    return quote(value.encode("utf-8", "surrogatepass"), safe="")


def query_string(pairs):
    return "&".join(f"{encode(key)}={encode(value)}" for key, value in pairs)


FUZZ = settings(
    max_examples=int(os.environ.get("KSS_FUZZ_EXAMPLES", "100")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@FUZZ
@given(
    query=values,
    page=st.one_of(st.none(), values),
    language=st.sampled_from(["/sok/", "/en/search/"]),
)
def test_search_never_fails(client, query, page, language):
    pairs = [("q", query)] + ([("page", page)] if page is not None else [])
    response = client.get(f"{language}?{query_string(pairs)}")
    assert response.status_code in (200, 400)


@FUZZ
@given(
    pairs=st.lists(
        st.tuples(st.one_of(st.sampled_from(ARCHIVE_KEYS), st.text(max_size=10)), values),
        max_size=6,
    ),
    language=st.sampled_from(["/rapporter/", "/en/reports/"]),
)
def test_report_archive_never_fails(client, pairs, language):
    response = client.get(f"{language}?{query_string(pairs)}")
    assert response.status_code in (200, 400)
