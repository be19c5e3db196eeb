"""Wagtail's database search backend, with each language's own stemming on
PostgreSQL.

The stock backend indexes and queries everything with one text-search
configuration. Here an object is indexed with the configuration of its own
language (``norwegian`` for nb, ``english`` for en) and a query uses the
configuration of the language being read, which is also the only language
searched. Other databases keep the stock backend.
"""

from contextvars import ContextVar

from django.db import connection
from django.utils.translation import get_language
from modelsearch.backends.database import SearchBackend as DatabaseSearchBackend

TEXT_SEARCH_CONFIGS = {"nb": "norwegian", "en": "english"}

_indexing_language = ContextVar("indexing_language", default=None)


def text_search_config(language_code):
    return TEXT_SEARCH_CONFIGS.get((language_code or "").split("-")[0], "simple")


def SearchBackend(params):  # noqa: N802 (Wagtail looks the backend up by this name)
    if connection.vendor != "postgresql":
        return DatabaseSearchBackend(params)

    from modelsearch.backends.database.postgres.postgres import (
        PostgresIndex,
        PostgresSearchBackend,
    )

    class LanguageIndex(PostgresIndex):
        def add_items(self, model, objs):
            by_language = {}
            for obj in objs:
                locale = getattr(obj, "locale", None)
                by_language.setdefault(getattr(locale, "language_code", None), []).append(obj)
            for language_code, group in by_language.items():
                token = _indexing_language.set(language_code)
                try:
                    super().add_items(model, group)
                finally:
                    _indexing_language.reset(token)

    class LanguagePostgresSearchBackend(PostgresSearchBackend):
        index_class = LanguageIndex

        @property
        def config(self):
            return text_search_config(_indexing_language.get() or get_language())

        @config.setter
        def config(self, value):
            # The base class stores SEARCH_CONFIG here; the language decides instead.
            pass

    return LanguagePostgresSearchBackend(params)
