"""The visitor's address, as the login lockout (django-axes) counts it."""

import ipaddress

from django.conf import settings


def client_address(request):
    """``REMOTE_ADDR``; behind ``PROXY_COUNT`` proxies of our own, the address
    the outermost one was reached from.

    Each proxy appends the address it got the request from to
    X-Forwarded-For, so only the last ``PROXY_COUNT`` entries are ours; what
    comes before them the client wrote, and trusting it would let anyone pick
    a new address for every guess. (django-ipware, which axes can use,
    answers no address at all once a client adds an entry of its own, and
    axes does not let us turn that strictness off.)"""
    remote = request.META.get("REMOTE_ADDR")
    count = settings.PROXY_COUNT
    if not count:
        return remote
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if len(forwarded) < count:
        return remote
    try:
        return str(ipaddress.ip_address(forwarded[-count]))
    except ValueError:
        return remote
