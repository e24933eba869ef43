"""The database's half of "append-only": a trigger that refuses UPDATE and DELETE.

Ledgers (points entries, time-bank entries), histories (every :class:`~practice.transitions.
StatusEvent` subclass), the audit trail and cast votes are written once. Python already refuses
``save()`` of an existing row and ``delete()``; that does not stop ``queryset.update()``,
``queryset.delete()``, ``bulk_update()`` or raw SQL. On PostgreSQL the trigger below does: a model
lists it in its ``Meta`` (``triggers = [APPEND_ONLY]``; subclasses of ``StatusEvent`` inherit it
with ``StatusEvent.Meta``), ``makemigrations`` writes the migration, and any UPDATE or DELETE of
the table then fails with ``django.db.InternalError``. INSERT and TRUNCATE stay possible (tests
flush the database with TRUNCATE). SQLite, the embedded demo database, has no such trigger: the
migration operations do nothing there.

A correction is a new row (a reversal entry, an event), never an edit. The one sanctioned bypass,
for a data migration that truly must rewrite such rows, names the triggers it lifts::

    import pgtrigger
    with pgtrigger.ignore("points_market.Entry:append_only"):
        ...

(``pgtrigger.ignore`` lifts them for this connection and thread only; the README lists every
URI.)
"""

import pgtrigger

APPEND_ONLY = pgtrigger.Protect(name="append_only", operation=pgtrigger.Update | pgtrigger.Delete)


def is_append_only(model) -> bool:
    """Does ``model``'s table carry the trigger? (The admin offers such rows for reading only.)"""
    return any(trigger is APPEND_ONLY for trigger in getattr(model._meta, "triggers", ()))
