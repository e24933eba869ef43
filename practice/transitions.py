"""One way to move a thing through its states: a table of moves, compare-and-set, an event row.

Orders, activities, canteen bookings and star evaluations each declare a :class:`Machine`::

    ORDER_FLOW = Machine(
        Order, OrderStatus, event=OrderEvent, event_fk="order",
        moves={"accept": ({S.DISPATCHED}, S.ACCEPTED), ...},
    )

and their services call ``ORDER_FLOW.move(order, "accept", actor=user, ...)``. The move is a
compare-and-set update (``UPDATE … WHERE status IN (allowed sources)``), so of two concurrent
requests exactly one wins; the loser, like any request for a move the current status does not
allow, gets :class:`InvalidTransition`: HTTP 409 with one body everywhere,
``{"code": "invalid_transition", "status": <current status>, "detail": <message>}``.

Pages, templates and the API ask :meth:`Machine.can` / :meth:`Machine.actions` which moves the
status allows now; the apps' services add who may take them.

Every event model derives from :class:`StatusEvent`: the same field names (``at``, ``actor``,
``from_status``, ``to_status``, ``note``), and rows that are never changed or deleted. Python
refuses ``delete()``; on PostgreSQL a trigger that every subclass inherits with ``Meta``
(django-pgtrigger, ``<app>.<Model>:append_only``) refuses any UPDATE or DELETE of the table, also
from ``queryset.update()``, bulk writes and raw SQL. A subclass that declares its own ``Meta``
without deriving from ``StatusEvent.Meta`` must list the trigger itself.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .append_only import APPEND_ONLY
from .exceptions import Conflict


class InvalidTransition(Conflict):
    """409: the thing is now in ``status``, which does not allow the move asked for."""

    def __init__(self, status, message=None, *, label=None):
        if message is None:
            message = _("It is now “%(status)s”; this action is not allowed.") % {
                "status": label if label is not None else status
            }
        super().__init__(message, code="invalid_transition", extra={"status": str(status)})


class StatusEvent(models.Model):
    """A recorded move (or a note on the thing's history). Subclasses add the foreign key to
    what they record, with ``on_delete=models.PROTECT``: history is append-only."""

    from_status = models.CharField(_("from"), max_length=16, blank=True)
    to_status = models.CharField(_("to"), max_length=16, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True,
                              blank=True, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(_("note"), blank=True)
    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)

    class Meta:
        abstract = True
        ordering = ["at", "pk"]
        triggers = [APPEND_ONLY]  # inherited: one trigger per table (practice/append_only.py)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("History cannot be deleted."))


class Machine:
    """The allowed moves of one model's ``status`` field, and the one way to make them.

    ``moves`` maps an action name to ``(statuses it may start from, status it leads to)``.
    ``event``/``event_fk`` name the :class:`StatusEvent` model that records each move and its
    foreign key to the moved object.
    """

    def __init__(self, model, statuses, *, moves: dict[str, tuple[Iterable[str], str]],
                 event=None, event_fk: str = "", field: str = "status"):
        self.model = model
        self.statuses = statuses
        self.moves = {action: (frozenset(sources), target)
                      for action, (sources, target) in moves.items()}
        self.event = event
        self.event_fk = event_fk
        self.field = field

    # --- reading the table ---------------------------------------------------------------
    def status_of(self, obj) -> str:
        return getattr(obj, self.field)

    def can(self, obj, action: str) -> bool:
        """Does the status ``obj`` has now allow ``action``?"""
        sources, _target = self.moves[action]
        return self.status_of(obj) in sources

    def actions(self, obj) -> list[str]:
        """The actions the current status allows, in the table's order."""
        status = self.status_of(obj)
        return [action for action, (sources, _t) in self.moves.items() if status in sources]

    def refuse(self, status, message=None) -> InvalidTransition:
        """The error for "not from this status" (for checks a service makes before moving)."""
        try:
            label = self.statuses(status).label
        except ValueError:
            label = status
        return InvalidTransition(status, message, label=label)

    def check(self, obj, action: str, message=None) -> None:
        if not self.can(obj, action):
            raise self.refuse(self.status_of(obj), message)

    # --- moving ----------------------------------------------------------------------------
    def move(self, obj, action: str, *, actor, note: str = "", guard=None, event_fields=None,
             changes=None, **more_changes):
        """Apply ``action`` to ``obj`` if its status (in the database, now) allows it.

        ``guard`` adds conditions to the update ("nobody holds it yet"); ``changes`` (or keyword
        arguments, unless a field's name is taken by a parameter, such as ``note``) are further
        fields written with the status; ``event_fields`` go on the event row. Returns the event
        row (or ``None`` without an event model). When no row changes, somebody moved it first:
        :class:`InvalidTransition` with the status it has now.
        """
        sources, target = self.moves[action]
        changes = {**self._touched(), **(changes or {}), **more_changes}
        self.check(obj, action)
        updated = self.model._default_manager.filter(
            pk=obj.pk, **{f"{self.field}__in": sources}, **(guard or {})
        ).update(**{self.field: target}, **changes)
        if updated != 1:
            current = (self.model._default_manager.filter(pk=obj.pk)
                       .values_list(self.field, flat=True).first())
            raise self.refuse(current)
        from_status = self.status_of(obj)
        for name, value in changes.items():
            setattr(obj, name, value)
        setattr(obj, self.field, target)
        return self.record(obj, actor=actor, from_status=from_status, to_status=target,
                           note=note, **(event_fields or {}))

    def _touched(self) -> dict:
        """``auto_now`` fields, which an ``UPDATE`` (unlike ``save()``) does not set itself."""
        now = timezone.now()
        return {f.name: now for f in self.model._meta.concrete_fields
                if getattr(f, "auto_now", False)}

    def record(self, obj, *, actor, from_status="", to_status="", note="", **fields):
        """Append an event row without a move (a note, an edit, a correction)."""
        if self.event is None:
            return None
        return self.event.objects.create(
            **{self.event_fk: obj}, actor=actor, from_status=from_status or "",
            to_status=to_status or "", note=note or "", **fields,
        )
