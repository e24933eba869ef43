"""The client's address: one definition for rate limits, sign-in lock-outs and the pages.

``X-Forwarded-For`` is written by whoever sends the request, so it is believed only as far as
the proxies we run ourselves: with ``TRUSTED_PROXY_COUNT = n`` (0 by default: nothing in front)
the address is the one ``n`` hops from the right of the header, the one our outermost proxy
saw; the entries to its left came from the client and are ignored. With no trusted proxy, or
no header, it is ``REMOTE_ADDR``. DRF's ``NUM_PROXIES`` reads the header the same way.
"""

from django.conf import settings


def client_address(request) -> str | None:
    """The address of the client that sent ``request`` (a Django or DRF request); None for a
    request that came over no connection (one built in-process, as a test client's login)."""
    meta = request.META
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = meta.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",")]
        # Fewer hops than proxies: the outermost proxy was reached directly; its client is
        # the leftmost entry (as DRF's ``get_ident`` takes it).
        address = hops[-min(proxies, len(hops))]
        if address:
            return address
    return meta.get("REMOTE_ADDR") or None
