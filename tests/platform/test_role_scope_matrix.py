"""The role × scope matrix: every endpoint × every role × an object inside and outside scope.

The endpoints come from the URL configuration itself, so a new one fails
``test_the_table_covers_every_endpoint`` until its row is written in ``matrix_table``.
Each case runs in a savepoint that is rolled back, so writes see the same world.
"""

import contextlib
import os

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from rest_framework.test import APIClient

from tests.platform import endpoints
from tests.platform.matrix_table import ADMIN, ADMIN_OBJECTS, API, PAGES, ROLES, Row

pytestmark = pytest.mark.django_db
RECORD = os.environ.get("MATRIX_RECORD")  # write what the code answers instead of asserting
BANNER_WIDE = {"leader", "reviewer", "banner_admin"}


class _Undo(Exception):
    """Raised to roll a case's savepoint back."""


def undone(fn):
    """Run ``fn`` in a savepoint that is always rolled back; return its result."""
    box = {}
    with contextlib.suppress(_Undo), transaction.atomic():
        cache.clear()  # throttles count per case
        box["result"] = fn()
        raise _Undo
    return box["result"]


def test_the_table_covers_every_endpoint():
    api = endpoints.api_operations()
    assert sorted(api - set(API)) == [], "API operations missing from matrix_table.API"
    assert sorted(set(API) - api) == [], "rows of matrix_table.API that no URL serves"
    pages = endpoints.page_names()
    covered = {key.split(" ", 1)[1] for key in PAGES}
    assert sorted(pages - covered) == [], "pages missing from matrix_table.PAGES"
    assert sorted(covered - pages) == [], "rows of matrix_table.PAGES that no URL serves"
    admin = endpoints.admin_models()
    assert sorted(admin - set(ADMIN)) == [], "admin models missing from matrix_table.ADMIN"
    assert sorted(set(ADMIN) - admin) == []


def _client(kind, user):
    if kind == "api":
        client = APIClient()
        if user is not None:
            client.force_authenticate(user)
        return client
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _ids(response):
    data = response.json()
    rows = data["results"] if isinstance(data, dict) and "results" in data else data
    return {r["id"] for r in rows}


def _run(world, kind, key, row: Row, *, check_list=None):
    method, name = key.split(" ", 1)
    statuses = row.statuses()
    sides = ("in", "out") if row.is_sided() else ("in",)
    actual, problems = [], []
    for role in ROLES:
        user = world.user(role)
        got = []
        for side in sides:
            def call(side=side, user=user, role=role):
                client = _client(kind, user)
                url = endpoints.url_of(world, name, row, side)
                query = row.query(world, side) if row.query else None
                if row.body_by_role:
                    body = row.body_by_role(world, side, role)
                else:
                    body = row.body(world, side) if row.body else {}
                if method == "GET":
                    response = client.get(url, query)
                elif kind == "api":
                    send = getattr(client, method.lower())
                    response = send(url, body, format=row.format)
                else:
                    response = client.post(url, body)
                extra = check_list(role, response) if check_list else []
                return response.status_code, response.content[:300], extra

            status, content, extra = undone(call)
            got.append(status)
            want = statuses[role][0 if side == "in" else 1]
            if status != want:
                problems.append(f"{role}/{side}: expected {want}, got {status}: {content!r}")
            problems.extend(f"{role}/{side}: {p}" for p in extra)
        actual.append("/".join(str(s) for s in got) if len(set(got)) > 1 else str(got[0]))
    if RECORD:
        with open(RECORD, "a") as f:
            f.write(f'{key!r}: {" ".join(actual)!r}  # was {row.expect!r}\n')
        return
    assert not problems, f"{key}:\n" + "\n".join(problems)


def _list_checker(world, row: Row):
    """Ids a list must show (detail row 200) and must never show (detail row 404/403)."""
    if not row.list_of:
        return None
    detail = API[row.list_of]
    expected = detail.statuses()

    def check(role, response):
        if response.status_code != 200:
            return []
        ids = _ids(response)
        problems = []
        for i, side in enumerate(("in", "out")):
            obj = world.pick(detail.obj, side)
            visible = expected[role][i] == 200
            if visible and obj.pk not in ids:
                problems.append(f"list lacks {detail.obj} {side} ({obj.pk}) though it is in scope")
            if not visible and obj.pk in ids:
                problems.append(f"LEAK: list shows {detail.obj} {side} ({obj.pk}) outside scope")
        return problems

    return check


@pytest.mark.parametrize("key", sorted(API))
def test_api(world, key, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path  # uploads land in a directory that goes away
    row = API[key]
    _run(world, "api", key, row, check_list=_list_checker(world, row))


@pytest.mark.parametrize("key", sorted(PAGES))
def test_page(world, key):
    _run(world, "web", key, PAGES[key])


def _admin_checker(world, model, app_label):
    target = ADMIN_OBJECTS.get(model)
    if not target:
        return None
    if target.startswith("GET "):
        detail = API[target]
        name, expected = detail.obj, detail.statuses()

        def visible(role, side):
            return expected[role][0 if side == "in" else 1] == 200
    else:
        name = target

        def visible(role, side):
            return side == "in" or role in BANNER_WIDE

    model_name = model[len(app_label) + 1:]

    def check(role, response):
        if response.status_code != 200:
            return []
        html = response.content.decode()
        problems = []
        for side in ("in", "out"):
            obj = world.pick(name, side)
            link = f"/admin/{app_label}/{model_name}/{obj.pk}/change/"
            if visible(role, side) and link not in html:
                problems.append(f"changelist lacks {name} {side}")
            if not visible(role, side) and link in html:
                problems.append(f"LEAK: changelist shows {name} {side} outside scope")
        return problems

    return check


@pytest.mark.parametrize("key", sorted(ADMIN))
def test_admin_changelist(world, key):
    model = key.split(" ", 1)[1]
    app_label = "points_market" if model.startswith("points_market_") else model.split("_")[0]
    row = ADMIN[key]
    row_for_url = Row(row.expect, sided=False)
    name = f"GET admin:{app_label}_{model[len(app_label) + 1:]}_changelist"
    _run(world, "web", name, row_for_url, check_list=_admin_checker(world, model, app_label))


def test_an_anonymous_visitor_meets_no_server_error_on_any_page_or_admin_url(world):
    """Every page the matrix knows and every admin URL, logged out: a redirect to sign in (or
    the sign-in page itself), never a 5xx. A clerk's bookmark to /admin/ lands on /admin/login/."""
    problems = []

    def visitor():
        return Client(raise_request_exception=False)

    for key, row in sorted(PAGES.items()):
        method, name = key.split(" ", 1)
        for side in ("in", "out") if row.is_sided() else ("in",):
            url = endpoints.url_of(world, name, row, side)
            send = visitor().get if method == "GET" else visitor().post
            status = undone(lambda send=send, url=url: send(url).status_code)
            if status >= 500:
                problems.append(f"{method} {url}: {status}")
    for url in endpoints.admin_urls():
        for method in ("get", "post"):
            send = getattr(visitor(), method)
            status = undone(lambda send=send, url=url: send(url).status_code)
            if status >= 500:
                problems.append(f"{method.upper()} {url}: {status}")
    assert not problems, "\n".join(problems)
    login = visitor().get("/admin/", follow=True)
    assert login.status_code == 200 and login.redirect_chain[-1][0].startswith("/admin/login/")
