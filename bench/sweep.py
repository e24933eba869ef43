"""Time every page, API list and admin list in-process for some users, slowest first.

`make bench` measures a chosen set of endpoints under load; this sweeps all the others, as the
given users see them, against a bench database (built by `make bench`), to find the one that is
slow for some role at some scale before a user does. Each URL without parameters is requested
once to warm up, then timed over a few requests.

Usage: python -m bench.sweep [--scale 10] [--top 8] [--repeat 3] admin leader town1 villager1 …
"""

from __future__ import annotations

import argparse
import os
import time

from bench.run import PG, env_for


def urls():
    from django.contrib import admin
    from django.urls import URLResolver, get_resolver, reverse

    def walk(patterns, prefix=""):
        for p in patterns:
            if isinstance(p, URLResolver):
                yield from walk(p.url_patterns, prefix + str(p.pattern))
            else:
                yield prefix + str(p.pattern)

    plain = sorted({"/" + r for r in walk(get_resolver().url_patterns)
                    if "<" not in r and "(?P" not in r and "^" not in r and "\\" not in r
                    and not r.startswith(("admin/", "bench/", "static", "media", "api/docs",
                                          "api/schema", "api/redoc"))})
    changelists = sorted(
        reverse(f"admin:{m._meta.app_label}_{m._meta.model_name}_changelist")
        for m in admin.site._registry)
    return plain + changelists


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("users", nargs="+")
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--top", type=int, default=8)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    os.environ.update(env_for(f"{PG}/civic_bench_{args.scale}"))
    os.environ["DEBUG"] = "1"  # the admin's assets without collectstatic
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    import logging

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from practice.models import User

    logging.disable(logging.WARNING)  # 403s and 405s of other roles' pages are expected
    targets = urls()
    for username in args.users:
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(User.objects.get(username=username))
        rows = []
        for url in targets:
            if client.get(url).status_code != 200:
                continue
            with CaptureQueriesContext(connection) as ctx:
                t0 = time.perf_counter()
                for _ in range(args.repeat):
                    client.get(url)
                ms = (time.perf_counter() - t0) / args.repeat * 1000
            rows.append((ms, len(ctx.captured_queries) // args.repeat, url))
        print(f"== {username}: {len(rows)} pages answered 200, slowest first")
        for ms, queries, url in sorted(rows, reverse=True)[:args.top]:
            print(f"  {ms:8.1f} ms  {queries:>4} queries  {url}")


if __name__ == "__main__":
    main()
