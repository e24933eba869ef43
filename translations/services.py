"""The rules of the translators' review: what makes a string reviewed, and writing the reviewed
catalogue back to the repository's .po files."""

import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from practice.language import MONGOLIAN

from . import selectors
from .models import Review


def review_record(*, language, catalogue, entry, user, via) -> Review:
    """``user`` approves the entry's present translation."""
    review, _created = Review.objects.update_or_create(
        key=selectors.review_key(language, catalogue, entry.msgctxt, entry.msgid),
        defaults={"language": language, "catalogue": catalogue,
                  "msgctxt": entry.msgctxt or "", "msgid": entry.msgid,
                  "msgstr": selectors.shown_msgstr(entry), "reviewed_by": user,
                  "reviewed_at": timezone.now(), "via": via})
    return review


def review_withdraw(*, language, catalogue, entry) -> None:
    Review.objects.filter(
        key=selectors.review_key(language, catalogue, entry.msgctxt, entry.msgid)).delete()


def rosetta_entry_changed(sender, *, user, pofile, language_code, **kwargs):
    """Rosetta's ``entry_changed``: a translator saved a string (``sender``, as now edited).
    Saved translated and not fuzzy, it is reviewed by them; left fuzzy or empty, it is not
    reviewed by anybody."""
    catalogue = selectors.relative_catalogue(pofile)
    if catalogue is None:
        return
    if sender.translated():
        review_record(language=language_code, catalogue=catalogue, entry=sender, user=user,
               via=Review.Via.ROSETTA)
    else:
        review_withdraw(language=language_code, catalogue=catalogue, entry=sender)


@dataclass
class Marked:
    marked: int = 0
    changed: int = 0  # the translation changed after the page showed it: not marked
    unknown: int = 0  # no longer in the catalogue, or not translated


@transaction.atomic
def reviews_mark(*, cat: selectors.Catalogue, tokens, user, language=MONGOLIAN) -> Marked:
    """Mark the strings the review page showed as reviewed by ``user``. Each token names the
    string and the translation shown; a translation changed since is not approved unseen."""
    po = selectors.read(cat.file)
    by_key = {selectors.string_key(e.msgctxt, e.msgid): e for e in selectors.entries(po)}
    result = Marked()
    for token in dict.fromkeys(tokens):
        key, _sep, shown = str(token).partition(":")
        entry = by_key.get(key)
        if entry is None or not entry.translated():
            result.unknown += 1
        elif selectors.msgstr_hash(selectors.shown_msgstr(entry)) != shown:
            result.changed += 1
        else:
            review_record(language=language, catalogue=cat.path, entry=entry, user=user,
                   via=Review.Via.PAGE)
            result.marked += 1
    return result


@dataclass
class WriteBack:
    catalogue: str
    updated: int = 0  # msgstr set or fuzzy cleared in the repository's .po
    unchanged: int = 0  # already so
    stale: int = 0  # the site's translation changed after the review: not written
    missing: int = 0  # the string (or the catalogue) is not in the repository
    compiled: bool = False


def _set_msgstr(entry, approved: str) -> bool:
    """Give a repository entry the approved translation and clear fuzzy; True if it changed."""
    changed = False
    if selectors.shown_msgstr(entry) != approved:
        if entry.msgid_plural:
            entry.msgstr_plural = dict(enumerate(json.loads(approved)))
        else:
            entry.msgstr = approved
        changed = True
    if "fuzzy" in entry.flags:
        entry.flags.remove("fuzzy")
        entry.previous_msgctxt = entry.previous_msgid = entry.previous_msgid_plural = None
        changed = True
    return changed


def catalogues_write_back(*, repo: Path, language=MONGOLIAN) -> list[WriteBack]:
    """For every string reviewed on this site (its catalogue under the catalogue root still has
    the approved translation), set that translation in the same catalogue under ``repo``, clear
    fuzzy, and compile the .mo beside it. A second run changes nothing."""
    repo = Path(repo)
    reviews = defaultdict(list)
    for review in Review.objects.filter(language=language).order_by("catalogue", "pk"):
        reviews[review.catalogue].append(review)
    results = []
    for path, rows in sorted(reviews.items()):
        result = WriteBack(catalogue=path)
        results.append(result)
        site = selectors.root() / path
        current = {}
        if site.is_file():
            current = {selectors.string_key(e.msgctxt, e.msgid): e
                       for e in selectors.entries(selectors.read(site))}
        target = repo / path
        po = selectors.read(target) if target.is_file() else None
        for review in rows:
            entry = current.get(selectors.string_key(review.msgctxt, review.msgid))
            if entry is None or not selectors.is_reviewed(entry, review):
                result.stale += 1
                continue
            theirs = po.find(review.msgid, msgctxt=review.msgctxt or None) if po else None
            if theirs is None or theirs.obsolete:
                result.missing += 1
            elif _set_msgstr(theirs, review.msgstr):
                result.updated += 1
            else:
                result.unchanged += 1
        if po is None:
            continue
        mo = target.with_suffix(".mo")
        if result.updated:
            po.save(str(target))
        if result.updated or not mo.exists():
            po.save_as_mofile(str(mo))
            result.compiled = True
    return results
