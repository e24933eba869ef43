"""Every message the honours pages, the door card and the printouts show has a Mongolian
translation in the traditional script.

Each GET page of the role × scope matrix that these pages are is rendered for every role with
Mongolian chosen. A message of their own (the honours catalogue, and the door card and QR sheet
templates) met without a translation would show in Chinese. The page frame (the header, the menu,
the switcher) and the sections other apps add to the board are translated with those apps.
"""

import re
from urllib.parse import urlencode

import polib
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
from tests.platform.world import build_world

pytestmark = pytest.mark.django_db

MONGOLIAN_LETTERS = re.compile(r"[\u1820-\u18AF]")
CYRILLIC = re.compile(r"[\u0400-\u04FF]")
CATALOGUE = "locale/mn_Mong/LC_MESSAGES/django.po"
OURS = {"honours:index", "honours:board", "honours:my-board", "honours:vote",
        "honours:certificate", "practice:door", "practice:door-cards", "volunteers:qr-codes"}
TEMPLATES = ["honours/templates/honours/board.html", "honours/templates/honours/board_index.html",
             "honours/templates/honours/vote.html", "honours/templates/honours/certificate.html",
             "templates/practice/door.html", "templates/practice/door_cards.html",
             "volunteers/templates/volunteers/qr_codes.html"]


def _our_msgids() -> set[str]:
    base = settings.BASE_DIR
    found = set()
    for app in ("honours", "practice"):
        found |= {e.msgid for e in polib.pofile(str(base / app / CATALOGUE))}
    for path in TEMPLATES:
        text = (base / path).read_text(encoding="utf-8")
        found |= set(re.findall(r'{%\s*translate\s+"(.+?)"\s*%}', text))
        found |= set(re.findall(r"{%\s*blocktranslate[^%]*%}(.+?){%\s*(?:plural|endblocktranslate)",
                                text))
    return {re.sub(r"{{\s*(\w+)\s*}}", r"%(\1)s", m) for m in found}


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield build_world()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            cache.clear()


def test_our_pages_have_every_message_of_their_own_in_mongolian(world):
    clients = {}
    for role in ROLES:
        client = Client()
        user = world.user(role)
        if user is not None:
            client.force_login(user)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = MONGOLIAN
        clients[role] = client
    seen, cyrillic, mongolian = set(), [], set()
    with watching(MONGOLIAN) as watch:
        for kind, key, path, query, _statuses, _side in matrix_gets(world):
            name = key.split(" ", 1)[1]
            if kind != "web" or name not in OURS:
                continue
            seen.add(name)
            for role in ROLES:
                watch.where = f"{path}{'?' + urlencode(query) if query else ''} as {role}"
                with transaction.atomic():
                    cache.clear()
                    response = clients[role].get(path, query)
                    transaction.set_rollback(True)
                assert response.status_code < 500, watch.where
                text = response.content.decode()
                if CYRILLIC.search(text):
                    cyrillic.append(watch.where)
                if getattr(resolve(path).func, "bilingual", False) and response.status_code == 200:
                    assert response["Content-Language"] == MONGOLIAN, watch.where
                    assert MONGOLIAN_LETTERS.search(text), watch.where
                    mongolian.add(name)
    assert seen == OURS
    assert mongolian >= OURS - {"honours:my-board", "practice:door-cards", "volunteers:qr-codes"}
    assert not cyrillic
    ours = _our_msgids()
    missing = {m: w for m, w in watch.found.items() if m in ours}
    assert not missing, "without a Mongolian translation:\n" + "\n".join(
        f"  {m!r} on {w}" for m, w in sorted(missing.items()))
