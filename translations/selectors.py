"""Reading the Mongolian catalogues and how much of each is reviewed."""

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

import polib
from django.conf import settings

from practice.language import MONGOLIAN

from .models import Review

LOCALE_FOLDER = "mn_Mong"
DOMAIN_FILE = "django.po"
PROJECT = "project"  # the slug of the project's own catalogue (locale/ at the root)


def root() -> Path:
    return Path(settings.TRANSLATIONS_CATALOGUE_ROOT)


def string_key(msgctxt, msgid) -> str:
    """A string's identity inside a catalogue (its context and message id)."""
    return hashlib.sha256(f"{msgctxt or ''}\x04{msgid}".encode()).hexdigest()[:24]


def review_key(language, catalogue, msgctxt, msgid) -> str:
    return hashlib.sha256(
        f"{language}\x00{catalogue}\x00{msgctxt or ''}\x04{msgid}".encode()).hexdigest()


def shown_msgstr(entry) -> str:
    """The translation of an entry as one text: the plural forms as a JSON list."""
    if entry.msgid_plural:
        return json.dumps([entry.msgstr_plural[k] for k in sorted(entry.msgstr_plural)],
                          ensure_ascii=False)
    return entry.msgstr


def msgstr_hash(text) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:16]


@dataclass(frozen=True)
class Catalogue:
    slug: str  # "project" or the app's folder
    path: str  # inside the catalogue root: "practice/locale/mn_Mong/LC_MESSAGES/django.po"

    @property
    def file(self) -> Path:
        return root() / self.path


def catalogue_path(slug: str) -> str:
    folder = Path("locale") if slug == PROJECT else Path(slug) / "locale"
    return str(folder / LOCALE_FOLDER / "LC_MESSAGES" / DOMAIN_FILE)


def catalogues() -> list[Catalogue]:
    """Every Mongolian catalogue of the project: the root's and each app's."""
    base = root()
    found = []
    if (base / catalogue_path(PROJECT)).is_file():
        found.append(Catalogue(PROJECT, catalogue_path(PROJECT)))
    for po in sorted(base.glob(f"*/locale/{LOCALE_FOLDER}/LC_MESSAGES/{DOMAIN_FILE}")):
        slug = po.relative_to(base).parts[0]
        if slug.startswith("."):
            continue
        found.append(Catalogue(slug, catalogue_path(slug)))
    return found


def catalogue(slug: str) -> Catalogue | None:
    return next((c for c in catalogues() if c.slug == slug), None)


def rosetta_index(cat: Catalogue) -> int | None:
    """The catalogue's number in rosetta's list of every catalogue (its editor's URL), or None
    when rosetta does not offer it."""
    from rosetta.poutil import find_pos
    from rosetta.views import get_app_name

    paths = find_pos(MONGOLIAN, project_apps=True, django_apps=True, third_party_apps=True)
    paths.sort(key=get_app_name)
    target = cat.file.resolve()
    return next((i for i, p in enumerate(paths) if Path(p).resolve() == target), None)


def relative_catalogue(path) -> str | None:
    """The catalogue path inside the project of a .po file rosetta names (None when the file
    lies outside it)."""
    try:
        return str(Path(path).resolve().relative_to(root().resolve()))
    except ValueError:
        return None


def read(path) -> polib.POFile:
    return polib.pofile(str(path), wrapwidth=78)


def entries(po) -> list:
    """The translatable strings of a catalogue (obsolete ones left out)."""
    return [e for e in po if not e.obsolete and e.msgid]


def current_reviews(language, catalogue_path_) -> dict[str, Review]:
    """{string key: review} of a catalogue's reviewed strings, their reviewer loaded."""
    rows = Review.objects.filter(language=language, catalogue=catalogue_path_).select_related(
        "reviewed_by")
    return {string_key(r.msgctxt, r.msgid): r for r in rows}


def is_reviewed(entry, review) -> bool:
    """Reviewed: translated (not fuzzy, not empty) and still the translation approved."""
    return review is not None and entry.translated() and shown_msgstr(entry) == review.msgstr


@dataclass
class Row:
    """One string of a catalogue as the review page shows it."""

    key: str
    msgctxt: str
    msgid: str
    msgid_plural: str
    msgstr: str
    translated: bool
    fuzzy: bool
    review: Review | None
    reviewed: bool

    @property
    def token(self) -> str:
        """What the page posts to mark it reviewed: the string and the translation shown."""
        return f"{self.key}:{msgstr_hash(self.msgstr)}"

    @property
    def changed_since_review(self) -> bool:
        return self.review is not None and not self.reviewed

    @property
    def forms(self) -> list[str]:
        return json.loads(self.msgstr) if self.msgid_plural else [self.msgstr]


def rows(cat: Catalogue, language=MONGOLIAN) -> list[Row]:
    reviews = current_reviews(language, cat.path)
    out = []
    for e in entries(read(cat.file)):
        key = string_key(e.msgctxt, e.msgid)
        review = reviews.get(key)
        out.append(Row(key=key, msgctxt=e.msgctxt or "", msgid=e.msgid,
                       msgid_plural=e.msgid_plural or "", msgstr=shown_msgstr(e),
                       translated=e.translated(), fuzzy=e.fuzzy, review=review,
                       reviewed=is_reviewed(e, review)))
    return out


@dataclass
class Share:
    total: int = 0
    translated: int = 0
    reviewed: int = 0

    @property
    def percent(self) -> float:
        return round(100 * self.reviewed / self.total, 1) if self.total else 0.0

    def add(self, other: "Share") -> None:
        self.total += other.total
        self.translated += other.translated
        self.reviewed += other.reviewed


@dataclass
class CatalogueShare:
    catalogue: Catalogue
    share: Share
    error: str = ""


@dataclass
class Overview:
    catalogues: list[CatalogueShare] = field(default_factory=list)
    whole: Share = field(default_factory=Share)


def share_of(cat: Catalogue, language=MONGOLIAN) -> Share:
    found = rows(cat, language)
    return Share(total=len(found), translated=sum(r.translated for r in found),
                 reviewed=sum(r.reviewed for r in found))


def overview(language=MONGOLIAN) -> Overview:
    """Each Mongolian catalogue with its strings, translated and reviewed, and the whole."""
    result = Overview()
    for cat in catalogues():
        try:
            share = share_of(cat, language)
        except (OSError, ValueError) as exc:  # a broken .po file: said on the page
            result.catalogues.append(CatalogueShare(cat, Share(), error=str(exc)))
            continue
        result.catalogues.append(CatalogueShare(cat, share))
        result.whole.add(share)
    return result
