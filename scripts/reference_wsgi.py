"""Reference applications for `make bench`, each answering every request with
the bytes of the file named by BENCH_REFERENCE_HTML, read once, under
gunicorn exactly like the site:

- ``application``: a do-nothing WSGI app, what gunicorn itself can do on
  this machine, the ceiling for anything written in Python;
- ``django_application``: the site's own Django (its settings, signals and
  request handling) with a first middleware that answers from memory, before
  any lookup: the ceiling for any page cache inside Django;
- ``redis_application``: the do-nothing app that first reads three keys from
  the stack's Redis in one round trip (one of them the page), as a page-cache
  hit does: the ceiling for any page cache that app nodes share through Redis.
"""

import os
from pathlib import Path

BODY = Path(os.environ["BENCH_REFERENCE_HTML"]).read_bytes()
HEADERS = [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(BODY)))]


def application(environ, start_response):
    start_response("200 OK", HEADERS)
    return [BODY]


class AnswerFromMemory:
    def __init__(self, get_response):
        from django.http import HttpResponse

        self.response = HttpResponse

    def __call__(self, request):
        return self.response(BODY)


def _django():
    import django
    from django.conf import settings

    django.setup(set_prefix=False)
    settings.MIDDLEWARE = ["reference_wsgi.AnswerFromMemory", *settings.MIDDLEWARE]
    from django.core.handlers.wsgi import WSGIHandler

    return WSGIHandler()


django_application = _django() if os.environ.get("BENCH_REFERENCE_DJANGO") else None


def _redis():
    import redis

    client = redis.Redis.from_url(os.environ["REDIS_URL"])
    keys = ["bench:reference:generation", "bench:reference:marker", "bench:reference:page"]
    client.mset(dict(zip(keys, [b"1", b"2", BODY], strict=True)))

    def application(environ, start_response):
        client.mget(keys)
        start_response("200 OK", HEADERS)
        return [BODY]

    return application


redis_application = _redis() if os.environ.get("BENCH_REFERENCE_REDIS") else None
