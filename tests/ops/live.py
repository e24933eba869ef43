"""Helpers of the fault drills that run the real server: a dead port and a signed-in client."""

import socket

from django.urls import reverse

from tests.factories import PASSWORD
from tests.platform import endpoints
from tests.platform.matrix_table import ADMIN, API, PAGES


def dead_port() -> int:
    """A port on 127.0.0.1 where nothing listens: bound by the system, then closed."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def login(http, base, username):
    """A web session through the login form (with its CSRF token) and an API token."""
    web = http()
    form = web.get(f"{base}/accounts/login/", timeout=30)
    assert form.status_code == 200, form.text[:300]
    done = web.post(f"{base}/accounts/login/", timeout=30, allow_redirects=False, data={
        "username": username, "password": PASSWORD,
        "csrfmiddlewaretoken": web.cookies["csrftoken"]},
        headers={"Referer": f"{base}/accounts/login/"})
    assert done.status_code == 302, f"{username}: web login answered {done.status_code}"
    assert "sessionid" in web.cookies
    api = http()
    answer = api.post(f"{base}/api/auth/token/", timeout=30,
                      json={"username": username, "password": PASSWORD})
    assert answer.status_code == 200, answer.text[:300]
    api.headers["Authorization"] = f"Token {answer.json()['token']}"
    me = api.get(f"{base}/api/me/", timeout=30)
    assert me.status_code == 200 and me.json()["username"] == username, me.text[:300]
    return web, api


def post_form(web, base, path, data, **kwargs):
    """POST a form of the site as a browser would: with the CSRF token and a same-site Referer."""
    return web.post(f"{base}{path}", data={**data, "csrfmiddlewaretoken": web.cookies["csrftoken"]},
                    headers={"Referer": f"{base}{path}"}, timeout=30, **kwargs)


def matrix_gets(world):
    """(kind, key, path, query, {role: (in, out)}, side index) of every GET of the matrix."""
    for table, kind in ((API, "api"), (PAGES, "web")):
        for key, row in sorted(table.items()):
            method, name = key.split(" ", 1)
            if method == "GET":
                sides = ("in", "out") if row.is_sided() else ("in",)
                for i, side in enumerate(sides):
                    query = row.query(world, side) if row.query else None
                    path = endpoints.url_of(world, name, row, side)
                    yield kind, key, path, query, row.statuses(), i
    for key, row in sorted(ADMIN.items()):
        model = key.split(" ", 1)[1]
        app = "points_market" if model.startswith("points_market_") else model.split("_")[0]
        path = reverse(f"admin:{app}_{model[len(app) + 1:]}_changelist")
        yield "web", key, path, None, row.statuses(), 0
