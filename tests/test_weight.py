"""A light first view: a text page with everything it loads (HTML, CSS,
JavaScript, favicon) weighs at most 60 KB before compression and 20 KB after,
the static files are hashed and precompressed (brotli and gzip), and nothing
the page needs before it can show comes from another host."""

import gzip
import json
import os
import subprocess
import sys
from urllib.parse import urlsplit

import pytest
from django.conf import settings

from tests.helpers import PRODUCTION_ENV, soup

pytestmark = pytest.mark.django_db

RAW_LIMIT = 60 * 1024
COMPRESSED_LIMIT = 20 * 1024


@pytest.fixture(scope="module")
def production_static(tmp_path_factory):
    """The static files as production has them: collectstatic with WhiteNoise's
    compressed manifest storage."""
    root = tmp_path_factory.mktemp("static")
    result = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=settings.BASE_DIR,
        env={
            **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
            **PRODUCTION_ENV,
            "DJANGO_SETTINGS_MODULE": "kss_site.settings.production",
            "STATIC_ROOT": str(root),
        },
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return root


def test_static_files_are_hashed_and_compressed(production_static):
    manifest = json.loads((production_static / "staticfiles.json").read_text())["paths"]
    for name in ("css/site.css", "js/quick-exit.js", "favicon.svg"):
        hashed = production_static / manifest[name]
        assert hashed.name != name.rsplit("/", 1)[-1], name
        assert hashed.with_name(hashed.name + ".br").exists(), name
        assert hashed.with_name(hashed.name + ".gz").exists(), name


@pytest.mark.parametrize("path", ["/personvern/", "/en/privacy/"])
def test_a_text_page_first_view_is_light(client, path, production_static, bench_report):
    response = client.get(path)
    html = response.content
    document = soup(response)
    manifest = json.loads((production_static / "staticfiles.json").read_text())["paths"]

    assets = [
        link["href"] for link in document.select("head link[rel~=stylesheet], head link[rel~=icon]")
    ]
    assets += [script["src"] for script in document.select("script[src]")]
    assert len(assets) == 3, assets  # the stylesheet, the favicon, the quick exit
    raw, compressed = len(html), len(gzip.compress(html, compresslevel=6))
    for url in assets:
        # Same host: nothing render-blocking (or at all) from another one.
        assert not urlsplit(url).netloc, url
        name = urlsplit(url).path.removeprefix(settings.STATIC_URL)
        hashed = production_static / manifest[name]
        raw += hashed.stat().st_size
        compressed += hashed.with_name(hashed.name + ".br").stat().st_size
    bench_report(f"weight {path} raw", raw)
    bench_report(f"weight {path} compressed", compressed)
    assert raw <= RAW_LIMIT, f"{raw} bytes before compression"
    assert compressed <= COMPRESSED_LIMIT, f"{compressed} bytes compressed"
