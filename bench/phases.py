"""Where a request's time goes, by phase, in-process: what a list costs beyond the floor.

Runs requests against a bench database (built by `make bench`) with the bench's settings, like
`bench.profile`, but without a profiler: a few timers wrapped around the phases every API
request passes through, each phase's time its own (a query run while serializing counts as
the database's, not the serializer's). Prints milliseconds per request by phase for each URL,
side by side, so a page compares with the one-query floor phase by phase:

- ``auth``: DRF's ``initial()`` (the token's lookup, permissions, throttles);
- ``sql compile``: Django building the SQL of a query (``SQLCompiler.as_sql``);
- ``database``: the driver's ``execute`` and fetch (round trip, PostgreSQL's work, rows
  converted to Python values);
- ``rows``: model instances made of the rows (``Model.from_db``);
- ``serialize``: serializers turning instances into data;
- ``render``: the data encoded as JSON;
- ``other``: the rest — WSGI, middleware, URL routing, the view, querysets built, pagination.

Usage: python -m bench.phases [--scale 10] [-n 200] /bench/floor/pk/?id=5 /api/households/@town1
(``@user`` after a URL: the user it is requested as; admin when left out).
"""

from __future__ import annotations

import argparse
import os
import time
from collections import defaultdict

from bench.profile import get_environ
from bench.run import PG, env_for

PHASES = ("auth", "sql compile", "database", "rows", "serialize", "render", "other")


class Timers:
    """Exclusive time per phase: while a phase runs inside another, the outer one waits."""

    def __init__(self):
        self.spent = defaultdict(float)
        self.stack: list[list] = []  # [phase, started]

    def enter(self, phase):
        now = time.perf_counter()
        if self.stack:
            top = self.stack[-1]
            self.spent[top[0]] += now - top[1]
        self.stack.append([phase, now])

    def leave(self):
        now = time.perf_counter()
        phase, started = self.stack.pop()
        self.spent[phase] += now - started
        if self.stack:
            self.stack[-1][1] = now

    def wrap(self, owner, name, phase):
        original = getattr(owner, name)
        timers = self

        def timed(*args, **kwargs):
            timers.enter(phase)
            try:
                return original(*args, **kwargs)
            finally:
                timers.leave()

        timed.__wrapped__ = original
        setattr(owner, name, timed)


def instrument(timers: Timers):
    from django.db.backends.utils import CursorWrapper
    from django.db.models import Model
    from django.db.models.sql.compiler import SQLCompiler
    from rest_framework import serializers
    from rest_framework.response import Response
    from rest_framework.views import APIView

    timers.wrap(APIView, "initial", "auth")
    timers.wrap(SQLCompiler, "as_sql", "sql compile")
    for name in ("_execute", "_executemany"):
        timers.wrap(CursorWrapper, name, "database")
    for name in ("fetchone", "fetchmany", "fetchall"):  # reached through __getattr__
        setattr(CursorWrapper, name, lambda self, *a, _name=name, **k: _timed_call(
            timers, "database", getattr(self.cursor, _name), *a, **k))
    from_db = Model.__dict__["from_db"].__func__  # a classmethod: keep each model's own cls
    Model.from_db = classmethod(lambda cls, *a, **k: _timed_call(timers, "rows", from_db, cls,
                                                                 *a, **k))
    for cls in (serializers.Serializer, serializers.ListSerializer):
        data = cls.__dict__["data"]
        cls.data = property(lambda self, _get=data.fget: _timed_call(
            timers, "serialize", _get, self))
    rendered = Response.__dict__["rendered_content"]
    Response.rendered_content = property(lambda self, _get=rendered.fget: _timed_call(
        timers, "render", _get, self))


def _timed_call(timers, phase, func, *args, **kwargs):
    timers.enter(phase)
    try:
        return func(*args, **kwargs)
    finally:
        timers.leave()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("urls", nargs="+")
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("-n", type=int, default=200)
    args = parser.parse_args()

    os.environ.update(env_for(f"{PG}/civic_bench_{args.scale}"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.handlers.wsgi import WSGIHandler
    from rest_framework.authtoken.models import Token

    from practice.models import User

    timers = Timers()
    instrument(timers)
    app = WSGIHandler()
    columns = []
    for spec in args.urls:
        url, _, username = spec.partition("@")
        token = Token.objects.get_or_create(user=User.objects.get(username=username or "admin"))
        path, _, query = url.partition("?")

        def request(path=path, query=query, key=token[0].key):
            status = []
            timers.enter("other")
            try:
                b"".join(app(get_environ(path, query, key),
                             lambda s, h, *a: status.append(s)))
            finally:
                timers.leave()
            return status[0]

        for _ in range(20):
            status = request()
        if not status.startswith("200"):
            raise SystemExit(f"{spec}: {status}")
        timers.spent.clear()
        for _ in range(args.n):
            request()
        columns.append((spec, {p: timers.spent[p] / args.n * 1000 for p in PHASES}))

    width = max(len(spec) for spec, _ in columns) + 2
    print(f"ms per request by phase (scale {args.scale}, {args.n} requests each, in-process)")
    print("phase".ljust(13) + "".join(spec.rjust(width) for spec, _ in columns))
    for phase in PHASES:
        print(phase.ljust(13) + "".join(f"{spent[phase]:.3f}".rjust(width)
                                         for _, spent in columns))
    print("total".ljust(13) + "".join(f"{sum(spent.values()):.3f}".rjust(width)
                                      for _, spent in columns))


if __name__ == "__main__":
    main()
