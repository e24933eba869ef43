"""Every page, export and API answer the role × scope matrix reaches speaks Chinese.

While the module runs, every lookup in the Simplified Chinese catalogue (gettext, pgettext,
ngettext, npgettext, from code, templates and lazy strings alike) that finds no translation in
any catalogue — the apps', the project's ``locale/``, Django's and the add-ons' — is recorded
with the page being rendered. The world is built under the same watch, since some texts are
written into the database when an object is made (an order's timeline note, a monthly report's
indicator labels) and read back later: a text recorded then fails only if it shows on a page
(found by its message id, so one with placeholders, such as "%(hours)s h", is left to the
tests of its own page). Spreadsheets are opened and their cells read. Every page is rendered as
every role, inside and outside the role's scope, so the Chinese 403 and 404 answers are read
too.
"""

import io
import json
from urllib.parse import urlencode

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook
from rest_framework.test import APIClient

from tests.ops.live import matrix_gets
from tests.platform.catalogue_watch import watching
from tests.platform.matrix_table import ADMIN_OBJECTS, API, ROLES
from tests.platform.world import build_world

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _text(response) -> str:
    """What the user reads: the page, the JSON, or every cell of a spreadsheet."""
    content_type = response.get("Content-Type", "")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if content_type.startswith(XLSX):
        workbook = load_workbook(io.BytesIO(body), read_only=True)
        return "\n".join(str(cell) for ws in workbook.worksheets
                         for row in ws.iter_rows(values_only=True) for cell in row
                         if cell is not None)
    if content_type.startswith("application/json"):
        return json.dumps(json.loads(body or b"null"), ensure_ascii=False)
    if content_type.startswith(("text/", "application/javascript")):
        return body.decode(response.charset or "utf-8", "replace")
    return ""  # images and PDFs carry no message


def _client(kind, user):
    client = APIClient() if kind == "api" else Client()
    if user is not None:
        (client.force_authenticate if kind == "api" else client.force_login)(user)
    return client


def _get(client, path, query):
    """The status and the text of a GET, whose traces (a read mark) are rolled back."""
    with transaction.atomic():
        cache.clear()  # throttles count per page, as in the matrix
        response = client.get(path, query)
        transaction.set_rollback(True)
    return response.status_code, _text(response)


@pytest.fixture(scope="module")
def watched_world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), watching("zh") as watch:
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield build_world(), watch
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            cache.clear()


def _pages(world):
    """(kind, path, query) of every GET of the matrix, of the admin's change form of each
    object the matrix's changelists show, and of the admin's roster import and export pages."""
    for kind, _key, path, query, _statuses, _side in matrix_gets(world):
        yield kind, path, query
    for model, ref in sorted(ADMIN_OBJECTS.items()):
        app = "points_market" if model.startswith("points_market_") else model.split("_")[0]
        obj = world.pick(API[ref].obj if ref in API else ref, "in")
        yield "web", reverse(f"admin:{app}_{model[len(app) + 1:]}_change", args=[obj.pk]), None
    for model in ("team", "volunteer"):
        for page in ("import", "export"):
            yield "web", f"/admin/volunteers/{model}/{page}/", None


def test_every_page_and_export_speaks_chinese(watched_world):
    world, watch = watched_world
    stored = dict(watch.found)  # met while the world was built: wrong only where shown
    watch.found.clear()
    shown: dict[str, str] = {}
    broken: list[str] = []  # a page that failed to render says nothing of its words
    clients = {(kind, role): _client(kind, world.user(role)) for kind in ("api", "web")
               for role in ROLES}  # signed in once, outside the savepoints each GET runs in
    for kind, path, query in _pages(world):
        for role in ROLES:
            watch.where = f"{path}{'?' + urlencode(query) if query else ''} as {role}"
            status, text = _get(clients[kind, role], path, query)
            if status >= 500 or status == 429:
                broken.append(f"{watch.where}: {status}")
            for msgid in stored:
                if msgid in text:
                    shown.setdefault(msgid, watch.where)
    assert not broken, "pages that did not render:\n" + "\n".join(broken)
    found = {**watch.found, **shown}
    assert not found, "untranslated in Chinese:\n" + "\n".join(
        f"  {msgid!r} on {where}" for msgid, where in sorted(found.items()))

