"""Hostile text in every form a role reaches: never a 5xx, and a NUL is never stored.

Generated from the role × scope matrix: for each role, every page of ``matrix_table.PAGES``
the role opens (200, the object inside its scope) is fetched, each ``<form>`` on it is read
(the CSRF token and hidden fields kept, other fields filled with valid values from the form's
own options), and the form is sent once per hostile value in each of its text fields: a NUL
character, 100,000 characters, emoji (4-byte UTF-8) and right-to-left marks. The API's
writeable endpoints of the matrix get the same values in each text field of their bodies.

PostgreSQL is where a NUL fails (its driver refuses it); on SQLite, which would store it, the
database is searched for it after each post. Each post runs in a savepoint rolled back after.
"""

import datetime
import html
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.db import connection, models
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from tests.platform import endpoints
from tests.platform.matrix_table import API, PAGES, ROLES
from tests.platform.test_role_scope_matrix import undone

pytestmark = pytest.mark.django_db

HOSTILE = {
    "nul": "前\x00后",
    "long": "长" * 100_000,
    "emoji": "点赞👍🏽👨‍👩‍👧",
    "rtl": "\u200f\u202e反向文字\u202c",
}
TEXT_TYPES = {"text", "search", "tel", "email", "url", "password", ""}
NUL_ANSWER = "提交的内容含有空字符"
TOO_LARGE_ANSWER = "请求内容过大"


class _Forms(HTMLParser):
    """The forms of a page: ``{"action", "method", "fields": [...], "buttons": [...]}``."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms, self._form, self._select, self._textarea = [], None, None, None

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "form":
            self._form = {"action": a.get("action", ""), "method": a.get("method", "get").lower(),
                          "fields": [], "buttons": []}
            self.forms.append(self._form)
        if self._form is None:
            return
        if tag == "input" and a.get("name"):
            kind = a.get("type", "text").lower()
            if kind in ("submit", "image"):
                self._form["buttons"].append((a["name"], a.get("value", "")))
            elif kind != "file":
                self._form["fields"].append({"tag": "input", **a, "type": kind})
        elif tag == "button" and a.get("name") and a.get("type", "submit") == "submit":
            self._form["buttons"].append((a["name"], a.get("value", "")))
        elif tag == "textarea" and a.get("name"):
            self._textarea = {"tag": "textarea", **a, "type": "textarea", "value": ""}
            self._form["fields"].append(self._textarea)
        elif tag == "select" and a.get("name"):
            self._select = {"tag": "select", **a, "type": "select", "options": []}
            self._form["fields"].append(self._select)
        elif tag == "option" and self._select is not None:
            self._select["options"].append((a.get("value", ""), "selected" in a))

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea["value"] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def _default(field):
    """A valid value for a field that is not under test, taken from the form where it can."""
    kind, value = field["type"], field.get("value", "")
    if kind == "select":
        chosen = [v for v, selected in field["options"] if selected]
        offered = [v for v, _selected in field["options"] if v]
        return chosen or offered[:1]
    if kind in ("checkbox", "radio"):
        return [value or "on"] if "checked" in field else []
    if value:
        return [html.unescape(value)]
    if kind == "date":
        soon = timezone.localdate() + datetime.timedelta(days=21)
        return [field.get("min") or soon.isoformat()]
    if kind == "datetime-local":
        soon = timezone.localtime() + datetime.timedelta(days=2)
        return [field.get("min") or soon.strftime("%Y-%m-%dT%H:%M")]
    if kind == "number":
        return [field.get("min") or "1"]
    if kind == "tel" or "phone" in field["name"]:
        return ["13800000000"]
    return ["测试"] if kind in TEXT_TYPES | {"textarea"} else []


def _fill(form):
    data = {}
    radios = set()
    for field in form["fields"]:
        name = field["name"]
        values = _default(field)
        if field["type"] == "radio":
            if name in radios:
                continue
            group = [f for f in form["fields"] if f["name"] == name]
            values = next((_default(f) for f in group if "checked" in f), [group[0].get("value")])
            radios.add(name)
        if values:
            data.setdefault(name, []).extend(values)
    return data


def _text_fields(form):
    return [f["name"] for f in form["fields"]
            if f["type"] in TEXT_TYPES | {"textarea"} and f["name"] != "csrfmiddlewaretoken"]


def _text_columns():
    """{table: [its text columns]} over every concrete model."""
    found = {}
    for model in apps.get_models():
        if model._meta.proxy:
            continue
        columns = [f.column for f in model._meta.concrete_fields
                   if isinstance(f, models.CharField | models.TextField)]
        if columns:
            found[model._meta.db_table] = columns
    return found


def _stored_nul():
    """Tables whose text holds a NUL (SQLite stores one; PostgreSQL cannot, its driver
    refuses the value, which would have been a 500)."""
    if connection.vendor != "sqlite":
        return []
    hits = []
    with connection.cursor() as cursor:
        for table, columns in _text_columns().items():
            holds = " OR ".join(f"instr(CAST({connection.ops.quote_name(c)} AS BLOB), x'00') > 0"
                                for c in columns)
            cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(table)} "  # noqa: S608
                           f"WHERE {holds} LIMIT 1")
            if cursor.fetchone():
                hits.append(table)
    return hits


def _pages_of(role):
    for key, row in sorted(PAGES.items()):
        method, name = key.split(" ", 1)
        if method == "GET" and row.statuses()[role][0] == 200:
            yield name, row


def _posts(world, role):
    """``(page, form action, method, data, field, hostile name)`` for every post to make."""
    user = world.user(role)
    client = Client()
    if user is not None:
        client.force_login(user)
    for name, row in _pages_of(role):
        url = endpoints.url_of(world, name, row, "in")
        query = row.query(world, "in") if row.query else None
        response = undone(lambda url=url, query=query: client.get(url, query))
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        parser = _Forms()
        parser.feed(response.content.decode())
        for form in parser.forms:
            action = html.unescape(form["action"]) or url
            if urlsplit(action).netloc:
                continue  # a form to another site
            base = _fill(form)
            buttons = form["buttons"] or [None]
            for field in _text_fields(form):
                for button in buttons:
                    for hostile, value in HOSTILE.items():
                        data = {**base, field: [value]}
                        if button:
                            data[button[0]] = [button[1]]
                        yield url, action, form["method"], data, field, hostile


@pytest.mark.parametrize("role", ROLES)
def test_hostile_text_in_every_form_never_gives_a_server_error(world, role):
    user = world.user(role)
    problems, posts = [], 0
    for page, action, method, data, field, hostile in list(_posts(world, role)):
        client = Client(raise_request_exception=False)
        if user is not None:
            client.force_login(user)

        def send(client=client, action=action, method=method, data=data, hostile=hostile):
            send = client.post if method == "post" else client.get
            response = send(action, data)
            return response, (_stored_nul() if hostile == "nul" else [])

        response, stored = undone(send)
        posts += 1
        where = f"{method.upper()} {action} (form of {page}) {field}={hostile}"
        if response.status_code >= 500:
            problems.append(f"{where}: {response.status_code}")
        if stored:
            problems.append(f"{where}: NUL stored in {stored}")
        # A form of many fields, each filled with long text, can exceed the body's cap: it is
        # refused whole (413) before its text is read, which refuses the NUL too.
        refused = {400: NUL_ANSWER, 413: TOO_LARGE_ANSWER}
        if hostile == "nul" and response.status_code not in refused:
            problems.append(f"{where}: NUL answered {response.status_code}, not refused")
        elif hostile == "nul" and refused[response.status_code] not in response.content.decode():
            problems.append(f"{where}: NUL refused without the Chinese message")
    assert not problems, f"{len(problems)} of {posts} posts:\n" + "\n".join(problems)


def _api_bodies(world):
    """``(key, role, url, method, body, field)`` for each text value of the matrix's JSON
    bodies, sent as the first role the row lets write."""
    for key, row in sorted(API.items()):
        method, name = key.split(" ", 1)
        if method == "GET" or row.format != "json" or not (row.body or row.body_by_role):
            continue
        statuses = row.statuses()
        role = next((r for r in ROLES if r != "anonymous" and statuses[r][0] < 300), None)
        if role is None:
            continue
        body = row.body_by_role(world, "in", role) if row.body_by_role else row.body(world, "in")
        for field, value in body.items():
            if isinstance(value, str):
                yield key, role, endpoints.url_of(world, name, row, "in"), method, body, field


def test_hostile_text_in_the_api_bodies_never_gives_a_server_error(world):
    problems, sent = [], 0
    for key, role, url, method, body, field in list(_api_bodies(world)):
        for hostile, value in HOSTILE.items():
            client = APIClient(raise_request_exception=False)
            client.force_authenticate(world.user(role))

            def send(client=client, url=url, method=method, body=body, field=field,
                     value=value, hostile=hostile):
                response = getattr(client, method.lower())(url, {**body, field: value},
                                                           format="json")
                return response, (_stored_nul() if hostile == "nul" else [])

            response, stored = undone(send)
            sent += 1
            where = f"{key} as {role}: {field}={hostile}"
            if response.status_code >= 500:
                problems.append(f"{where}: {response.status_code}")
            if stored:
                problems.append(f"{where}: NUL stored in {stored}")
            if hostile == "nul" and (response.status_code != 400
                                     or response.json().get("code") != "nul_character"):
                problems.append(f"{where}: NUL answered {response.status_code}")
    assert sent > 20
    assert not problems, f"{len(problems)} of {sent} requests:\n" + "\n".join(problems)


def test_a_nul_in_the_admin_or_a_query_string_is_refused_too(world):
    """The admin's forms and every query string pass the same check as the pages' forms."""
    admin = Client(raise_request_exception=False)
    admin.force_login(world.net.banner_admin)

    def post():
        response = admin.post("/admin/volunteers/serviceitem/add/",
                              {"name": "理发\x00", "category": "elderly",
                               "unit": world.unit_in.pk})
        return response, _stored_nul()

    response, stored = undone(post)
    assert response.status_code == 400 and NUL_ANSWER in response.content.decode()
    assert stored == []
    response = admin.get("/admin/volunteers/order/", {"q": "\x00"})
    assert response.status_code == 400 and NUL_ANSWER in response.content.decode()
    api = APIClient(raise_request_exception=False)
    api.force_authenticate(world.net.banner_admin)
    response = api.get("/api/households/", {"search": "a\x00"})
    assert response.status_code == 400
    assert response.json()["code"] == "nul_character"
    assert NUL_ANSWER in response.json()["detail"]
