"""Every page a villager, a volunteer or the public reads speaks Mongolian to whoever chose it,
in the traditional script, whole; every other page stays Chinese.

Each GET page of the role × scope matrix is rendered for every role with the language cookie
set to Mongolian, inside and outside the role's scope. On a page marked bilingual
(practice.language.bilingual) every message looked up must have a traditional-script
translation (a missing one would show in Chinese) and nothing may be Cyrillic; on any other
page the answer is Chinese.
"""

import re
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import resolve

from practice.language import MONGOLIAN
from tests.ops.live import matrix_gets
from tests.platform.catalogue_watch import watching
from tests.platform.matrix_table import ROLES

pytestmark = pytest.mark.django_db

CYRILLIC = re.compile(r"[\u0400-\u04FF]+")
MONGOLIAN_LETTERS = re.compile(r"[\u1820-\u18AF]")

# The pages the issue names, by url name: what a villager, a volunteer or the public reads.
READ_BY_VILLAGERS = {
    "home", "login", "login-phone", "login-phone-code",
    "volunteers:menu", "volunteers:order-new", "volunteers:my-orders", "volunteers:order",
    "volunteers:my-activities", "volunteers:checkin", "volunteers:time-bank",
    "volunteers:notifications", "volunteers:my-certificate",
    "volunteers:certificate", "volunteers:apply", "volunteers:application-status",
    "volunteers:team-orders", "volunteers:station", "volunteers:activity",
    "points_market:my-points", "points_market:deposit-receipt",
    "points_market:redemption-receipt", "points_market:poster",
    "banquets:book", "banquets:mine", "banquets:notice",
    "honours:index", "honours:board", "honours:my-board", "honours:vote",
    "honours:certificate",
    # mediation: the mediator's own cases (a mediator is usually a villager)
    "mediation:mine", "mediation:mine-case",
    "outreach:next-visit",
}




def _get(client, path, query):
    with transaction.atomic():
        cache.clear()
        response = client.get(path, query)
        transaction.set_rollback(True)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    text = body.decode("utf-8", "replace") if response.get("Content-Type", "").startswith(
        "text/") else ""
    return response, text


def _web_pages(world):
    for kind, key, path, query, _statuses, _side in matrix_gets(world):
        if kind == "web":
            yield key.split(" ", 1)[1], path, query


def test_the_pages_villagers_read_are_bilingual(world):
    marked = {name for name, path, _query in _web_pages(world)
              if getattr(resolve(path).func, "bilingual", False)}
    assert marked >= READ_BY_VILLAGERS, f"not bilingual: {sorted(READ_BY_VILLAGERS - marked)}"


def test_every_page_speaks_mongolian_whole_or_chinese(world):
    clients = {}
    for role in ROLES:
        client = Client()
        user = world.user(role)
        if user is not None:
            client.force_login(user)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = MONGOLIAN
        clients[role] = client
    cyrillic, broken, mongolian_pages = [], [], set()
    with watching(MONGOLIAN) as watch:
        for name, path, query in _web_pages(world):
            for role in ROLES:
                watch.where = f"{path}{'?' + urlencode(query) if query else ''} as {role}"
                response, text = _get(clients[role], path, query)
                if response.status_code >= 500:
                    broken.append(f"{watch.where}: {response.status_code}")
                if CYRILLIC.search(text):
                    cyrillic.append(f"{watch.where}: {CYRILLIC.search(text).group()}")
                if response.get("Content-Language") == MONGOLIAN:
                    mongolian_pages.add(name)
                    assert MONGOLIAN_LETTERS.search(text) or response.status_code in (301, 302)
                elif response.status_code == 200 and text:
                    assert response.get("Content-Language") == settings.LANGUAGE_CODE, name
    assert not broken, "pages that did not render:\n" + "\n".join(broken)
    assert not cyrillic, "Cyrillic on a page:\n" + "\n".join(cyrillic)
    assert not watch.found, "without a Mongolian translation:\n" + "\n".join(
        f"  {msgid!r} on {where}" for msgid, where in sorted(watch.found.items()))
    assert mongolian_pages >= READ_BY_VILLAGERS
