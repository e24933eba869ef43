"""Concurrent requests for the tests that prove money, points, hours and bookings hold."""

import threading

from django.db import connection


def in_parallel(calls):
    """Run each ``call()`` in its own thread — so on its own database connection — all released
    at the same moment; return what each returned, in order. A call that raises gives its
    exception in its place: refusals are outcomes the tests check."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(i, call):
        try:
            barrier.wait()
            results[i] = call()
        except Exception as exc:  # noqa: BLE001 — handed to the test as the call's outcome
            results[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results
