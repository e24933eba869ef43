"""Rate limits, and the ones that must hold when the cache is down.

Every limit counts per client address as :func:`practice.clients.client_address` defines it,
so a forged ``X-Forwarded-For`` does not make a new client.

DRF's throttles keep their history in the cache: with the cache unreachable they let everything
through, which is acceptable for a limit that only spares the server (the public board). A limit
that protects a secret (voting codes) is counted in the database instead, with
:class:`DatabaseLimit`; sign-in lock-outs are django-axes' database rows.
"""

from datetime import timedelta
from math import ceil

from django.utils import timezone
from rest_framework.throttling import AnonRateThrottle

from .clients import client_address
from .models import RateLimitHit

IDENT_LENGTH = RateLimitHit._meta.get_field("ident").max_length


class DatabaseLimit:
    """At most ``limit`` counted events of one ``ident`` within ``window``, counted as rows of
    :class:`RateLimitHit` (so they survive a cache outage and are shared by every process).

    ``retry_after(ident)`` answers None while the ident may go on, else the seconds until its
    oldest counted event leaves the window; ``hit(ident)`` counts one event. To make the check
    and the count exact under concurrent requests, call both while holding a row lock that the
    requests share (the voting codes hold their evaluation's)."""

    def __init__(self, scope: str, *, limit: int, window: timedelta):
        self.scope = scope
        self.limit = limit
        self.window = window

    def _hits(self, ident: str):
        return RateLimitHit.objects.filter(scope=self.scope, ident=ident[:IDENT_LENGTH])

    def retry_after(self, ident: str) -> int | None:
        since = timezone.now() - self.window
        recent = list(self._hits(ident).filter(at__gte=since).order_by("-at")
                      .values_list("at", flat=True)[: self.limit])
        if len(recent) < self.limit:
            return None
        return max(ceil((recent[-1] - since).total_seconds()), 1)

    def hit(self, ident: str) -> None:
        # Rows that left the window are of no more use: each ident sweeps its own.
        self._hits(ident).filter(at__lt=timezone.now() - self.window).delete()
        RateLimitHit.objects.create(scope=self.scope, ident=ident[:IDENT_LENGTH])


class PublicRateThrottle(AnonRateThrottle):
    """DRF's anonymous rate (``DEFAULT_THROTTLE_RATES["anon"]``) per client address, in the
    cache: it spares the server and is lifted while the cache is down."""

    def get_ident(self, request):
        return client_address(request)
