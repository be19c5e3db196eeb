"""Django's Redis cache, for which Redis being away is a miss, not an error.

When Redis does not answer (down, or hanging past the socket timeouts of
``CACHES``), every cache operation answers as if nothing were stored, one
line goes to the log, and Redis is left alone for ``RETRY_AFTER`` seconds so
that no request waits for it. The first operation that works again says so
in the log and moves the page cache's generation on (and answers that one
operation as a miss): a change made while Redis was away could not make it
forget what that change touched.
``manage.py retry_purges`` does the same for a worker that saw nothing of
the outage (``PendingPurge`` with no address and ``target="app"``).

Wagtail's own uses of the cache (site root paths, renditions) go through
here too.
"""

import logging
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient

logger = logging.getLogger(__name__)

RETRY_AFTER = 2.0


def _errors():
    import redis

    return (redis.exceptions.RedisError, OSError)


class ReusedClient(RedisCacheClient):
    """Django's Redis client, but one ``redis.Redis`` per connection pool,
    made once. Django makes a new one for every operation, and making one
    fills a table of 170 reply parsers: about 0.3 ms, more than half of what
    answering a page from the cache costs. A ``redis.Redis`` is safe to share
    between threads; its connections come from the pool as before."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClient
        self.down_since = None
        self._retry_at = 0.0

    @property
    def is_down(self):
        return self.down_since is not None

    def _call(self, default, method, *args, **kwargs):
        if self.down_since is not None and time.monotonic() < self._retry_at:
            return default
        try:
            result = method(*args, **kwargs)
        except _errors() as error:
            if self.down_since is None:
                self.down_since = time.monotonic()
                logger.error(
                    "The cache (Redis) does not answer (%s): pages are served without it "
                    "until it does.",
                    error,
                )
            self._retry_at = time.monotonic() + RETRY_AFTER
            return default
        if self.down_since is not None:
            outage = time.monotonic() - self.down_since
            self.down_since = None
            logger.warning("The cache (Redis) answers again after %.1f s.", outage)
            from .page_cache import forget

            forget((), everything=True)
            # What was read may be from before the outage: a miss this once.
            return default
        return result

    def add(self, *args, **kwargs):
        return self._call(False, super().add, *args, **kwargs)

    def get(self, key, default=None, version=None):
        return self._call(default, super().get, key, default, version)

    def set(self, *args, **kwargs):
        return self._call(None, super().set, *args, **kwargs)

    def touch(self, *args, **kwargs):
        return self._call(False, super().touch, *args, **kwargs)

    def delete(self, *args, **kwargs):
        return self._call(False, super().delete, *args, **kwargs)

    def get_many(self, *args, **kwargs):
        return self._call({}, super().get_many, *args, **kwargs)

    def has_key(self, *args, **kwargs):
        return self._call(False, super().has_key, *args, **kwargs)

    def incr(self, *args, **kwargs):
        return self._call(None, super().incr, *args, **kwargs)

    def set_many(self, *args, **kwargs):
        return self._call([], super().set_many, *args, **kwargs)

    def delete_many(self, *args, **kwargs):
        return self._call(None, super().delete_many, *args, **kwargs)

    def clear(self):
        return self._call(False, super().clear)
