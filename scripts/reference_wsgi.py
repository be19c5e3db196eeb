"""A do-nothing WSGI application for `make bench`: it answers every request
with the bytes of the file named by BENCH_REFERENCE_HTML, read once. Run under
gunicorn exactly like the site, it shows what gunicorn itself can do on this
machine, the ceiling for any Python page cache."""

import os
from pathlib import Path

BODY = Path(os.environ["BENCH_REFERENCE_HTML"]).read_bytes()
HEADERS = [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(BODY)))]


def application(environ, start_response):
    start_response("200 OK", HEADERS)
    return [BODY]
