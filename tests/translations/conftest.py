"""Mongolian catalogues of our own in a temporary project folder: rosetta finds them through
LOCALE_PATHS, the review page and the write-back command through TRANSLATIONS_CATALOGUE_ROOT.
The committed catalogues are never touched."""

import hashlib
import io
from pathlib import Path

import polib
import pytest

from practice.models import User
from practice.roles import Role
from tests.factories import make_user

ORDER = "ᠦᠢᠯᠡᠴᠢᠯᠡᠭᠡ ᠵᠠᠬᠢᠶᠠᠯᠠᠬᠤ"
POINTS = "ᠮᠢᠨᠤ ᠣᠨᠤᠭ᠎ᠠ"
SEND = "ᠢᠯᠡᠭᠡᠬᠦ"
HOUSEHOLD = "ᠥᠷᠬᠡ"
PLURAL = ["%(n)s ᠣᠨᠤᠭ᠎ᠠ", "%(n)s ᠣᠨᠤᠭ᠎ᠠ ᠨᠤᠭᠤᠳ"]


def write_catalogue(path: Path, extra=()) -> Path:
    """A Mongolian catalogue of six strings: three translated, one with a context, one fuzzy
    draft, one untranslated, one with plural forms (five translated, one of them fuzzy)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    po = polib.POFile(wrapwidth=78)
    po.header = "DRAFT written by the project team; to be reviewed by the banner's translators."
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "mn_Mong",
                   "Plural-Forms": "nplurals=2; plural=(n != 1);"}
    po.append(polib.POEntry(msgid="Order a service", msgstr=ORDER))
    po.append(polib.POEntry(msgid="My points", msgstr=POINTS))
    po.append(polib.POEntry(msgid="Send", msgctxt="button", msgstr=SEND))
    po.append(polib.POEntry(msgid="Household", msgstr=HOUSEHOLD, flags=["fuzzy"]))
    po.append(polib.POEntry(msgid="Village", msgstr=""))
    po.append(polib.POEntry(msgid="%(n)s point", msgid_plural="%(n)s points",
                            msgstr_plural={0: PLURAL[0], 1: PLURAL[1]}))
    for entry in extra:
        po.append(entry)
    po.save(str(path))
    po.save_as_mofile(str(path.with_suffix(".mo")))
    return path


def po_at(root: Path, slug: str) -> Path:
    folder = root / "locale" if slug == "project" else root / slug / "locale"
    return folder / "mn_Mong" / "LC_MESSAGES" / "django.po"


@pytest.fixture
def site(tmp_path, settings):
    """A project folder with the root catalogue and an app's ("villagers")."""
    root = tmp_path / "site"
    for slug in ("project", "villagers"):
        write_catalogue(po_at(root, slug))
    settings.TRANSLATIONS_CATALOGUE_ROOT = root
    settings.LOCALE_PATHS = [*settings.LOCALE_PATHS, root / "locale", root / "villagers" / "locale"]
    return root


@pytest.fixture
def translator(net):
    """A township clerk who reads Mongolian, granted the translators' permission."""
    from django.core.management import call_command

    user = make_user("translator", Role.TOWNSHIP_STAFF, net.t1)
    call_command("translations_translator", "translator", stdout=io.StringIO())
    return User.objects.get(pk=user.pk)


def rosetta_field(msgid, msgstr, msgctxt=""):
    """The name of a string's text box in rosetta's form."""
    return "m_" + hashlib.md5(f"{msgid}{msgstr}{msgctxt}".encode()).hexdigest()  # noqa: S324
