"""Rate limits that must hold when the cache is down.

DRF's throttles keep their history in the cache: with the cache unreachable they let everything
through. A limit that protects a secret (a voting code) is counted in the database instead.
"""

from datetime import timedelta

from django.utils import timezone
from rest_framework.throttling import SimpleRateThrottle

from .models import RateLimitHit


class DatabaseRateThrottle(SimpleRateThrottle):
    """``SimpleRateThrottle`` with its history as rows of :class:`RateLimitHit`: a subclass
    names ``scope`` and ``rate`` and, as DRF's own, ``get_cache_key`` (None: not limited)."""

    def allow_request(self, request, view):
        if self.rate is None:
            return True
        ident = self.get_cache_key(request, view)
        if ident is None:
            return True
        now = timezone.now()
        since = now - timedelta(seconds=self.duration)
        hits = RateLimitHit.objects.filter(scope=self.scope, ident=ident[:100])
        hits.filter(at__lt=since).delete()
        recent = list(hits.order_by("at").values_list("at", flat=True)[: self.num_requests])
        if len(recent) >= self.num_requests:
            self.wait_seconds = max((recent[0] - since).total_seconds(), 1)
            return False
        RateLimitHit.objects.create(scope=self.scope, ident=ident[:100])
        return True

    def wait(self):
        return getattr(self, "wait_seconds", None)
