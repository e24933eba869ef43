"""Profile one endpoint in-process: where a request's time goes, without wrk or gunicorn.

Runs the platform's WSGI application against a bench database (built by `make bench`) with the
bench's settings (Redis cache, BENCH=1), warms it, times N requests and prints the mean time
per request and the functions that took it (cProfile).

Usage: python -m bench.profile /api/households/ --user town1 [--scale 1] [-n 500] [--top 30]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import sys
import time

from bench.run import PASSWORD, PG, env_for


def get_environ(path: str, query: str, token: str) -> dict:
    """The WSGI environ of an API GET with a token, as gunicorn would pass it."""
    return {
        "REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "8765", "HTTP_HOST": "127.0.0.1",
        "wsgi.url_scheme": "http", "wsgi.input": io.BytesIO(b""), "wsgi.errors": sys.stderr,
        "HTTP_AUTHORIZATION": f"Token {token}", "SERVER_PROTOCOL": "HTTP/1.1",
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("path")
    parser.add_argument("--user", default="admin")
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("-n", type=int, default=500)
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--sort", default="tottime")
    parser.add_argument("--callers", help="also print the callers of functions matching this")
    args = parser.parse_args()

    os.environ.update(env_for(f"{PG}/civic_bench_{args.scale}"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.handlers.wsgi import WSGIHandler
    from rest_framework.authtoken.models import Token

    from practice.models import User

    user = User.objects.get(username=args.user)
    assert user.check_password(PASSWORD) or True  # the bench's accounts share one password
    token = Token.objects.get_or_create(user=user)[0].key
    app = WSGIHandler()
    path, _, query = args.path.partition("?")

    def request():
        status = []
        body = b"".join(app(get_environ(path, query, token),
                            lambda s, h, *a: status.append(s)))
        return status[0], body

    for _ in range(20):
        status, body = request()
    print(f"{args.path}: {status}, {len(body)} bytes")
    rounds = []
    for _ in range(5):
        t0 = time.perf_counter()
        for _ in range(args.n // 5):
            request()
        rounds.append((time.perf_counter() - t0) / (args.n // 5) * 1000)
    rounds.sort()
    print(f"{rounds[0]:.2f} ms a request at best, {rounds[2]:.2f} ms median, five rounds of "
          f"{args.n // 5} (no profiler)")
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(args.n):
        request()
    profiler.disable()
    stats = pstats.Stats(profiler).sort_stats(args.sort)
    stats.print_stats(args.top)
    if args.callers:
        stats.print_callers(args.callers)


if __name__ == "__main__":
    main()
