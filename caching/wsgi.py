"""Stored pages answered before Django's request handling.

A hit in the app's page cache costs one Redis round trip and rebuilding the
response; through Django it also costs the request object, a dozen
middlewares and their signals, about as much again. ``StoredPages`` wraps
the WSGI application (kss_site/wsgi.py) and answers a stored page itself,
by the same rule and the same lookup as ``CacheRuleMiddleware``
(``page_cache.stored_copy``), with the headers stored with the copy (the
security headers included, ``security.middleware.add_security_headers``);
everything else, every miss
included, goes to Django, which stores what it renders. Invalidation is the
page cache's: a copy is answered only with the generation and marker it was
rendered under. docs/performance.md.
"""

from http import HTTPStatus

from . import page_cache


class StoredPages:
    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        copy = page_cache.stored_copy(environ)
        if copy is None:
            return self.application(environ, start_response)
        status, headers, content = copy  # the headers as sent, security ones included
        start_response(f"{status} {HTTPStatus(status).phrase}", headers)
        # A HEAD answer has the headers of the GET and no body (PEP 3333).
        return [] if environ["REQUEST_METHOD"] == "HEAD" else [content]
