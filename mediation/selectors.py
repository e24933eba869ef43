"""Reads of mediation: the cases a person may see, a mediator's own cases, a village's
mediators, and the counts (per village, kind, outcome and month, never a name) that leaders
and the banner's administrators read instead of cases."""

from __future__ import annotations

import datetime

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth

from practice.exceptions import Forbidden
from practice.models import Level, Unit
from practice.roles import Role
from practice.scoping import Scope

from .models import CaseStatus, DisputeKind, MediationCase, Mediator, Outcome, serving_q

# Who reads the counts: everybody who works with cases or mediators, and leaders. Reviewers
# (third-party raters of services) have nothing to do with disputes: not even counts.
COUNT_ROLES = frozenset({Role.STATION_STAFF, Role.TOWNSHIP_STAFF, Role.LEADER,
                         Role.BANNER_ADMIN})


def cases_for(user, *, status=None, kind=None, village=None, mediator=None):
    qs = MediationCase.objects.for_user(user).select_related("village", "mediator__user")
    if status:
        qs = qs.filter(status=status)
    if kind:
        qs = qs.filter(kind=kind)
    if village is not None:
        qs = qs.filter(village=village)
    if mediator is not None:
        qs = qs.filter(mediator=mediator)
    return qs.order_by("-opened_on", "-pk")


def my_cases(user):
    """The cases of which ``user`` is the serving mediator (whatever else they may see)."""
    if not getattr(user, "is_authenticated", False):
        return MediationCase.objects.none()
    return (MediationCase.objects.filter(serving_q("mediator__"), mediator__user_id=user.pk)
            .select_related("village", "mediator__user").order_by("status", "-opened_on",
                                                                    "-pk"))


def open_cases_of(mediator) -> int:
    return MediationCase.objects.filter(mediator=mediator, status=CaseStatus.OPEN).count()


def is_mediator(user) -> bool:
    """Does ``user`` serve as a mediator today (anywhere)?"""
    return bool(getattr(user, "is_authenticated", False)
                and Mediator.objects.filter(serving_q(), user_id=user.pk).exists())


def case_detail(user, pk):
    """The case ``pk`` if ``user`` may see it, with its village and mediator; else None."""
    return (MediationCase.objects.for_user(user)
            .select_related("village", "village__parent", "mediator__user", "created_by")
            .filter(pk=pk).first())


def active_q(on=None) -> Q:
    return serving_q(on=on)


def active_mediators(village, on=None):
    return (Mediator.objects.filter(active_q(on), village=village).select_related("user")
            .order_by("pk"))


def mediators_for(user, *, village=None, active=None):
    qs = Mediator.objects.for_user(user).select_related("village", "user")
    if village is not None:
        qs = qs.filter(village=village)
    if active is True:
        qs = qs.filter(active_q())
    elif active is False:
        qs = qs.exclude(active_q())
    return qs.annotate(
        open_cases=Count("cases", filter=Q(cases__status=CaseStatus.OPEN))
    ).order_by("village__path", "-active_from", "pk")


def candidates(village):
    """Accounts that may be appointed mediators of ``village``: its villagers and its station
    staff, active."""
    from practice.models import User

    return (User.objects.filter(is_active=True).filter(
        Q(household__village=village) | Q(role=Role.STATION_STAFF, unit=village))
        .order_by("real_name", "pk"))


# --- counts ---------------------------------------------------------------------------------
def may_read_counts(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active and (
        user.is_superuser or user.role in COUNT_ROLES))


# Where the counts' readers read them: their unit's subtree, the shared rule of
# practice/scoping.py (the cases' own scope, which shows leaders none, is for cases).
CASE_AREA = Scope(unit="village")
VILLAGE_AREA = Scope(unit="")


def _in_area(scope, model, user):
    q = scope.q_for(user, model)
    return model.objects.none() if q is None else model.objects.filter(q)


def _area(user):
    """The cases of the villages whose counts ``user`` reads."""
    return _in_area(CASE_AREA, MediationCase, user)


def case_counts(user, *, year: int, month: int | None = None, village: Unit | None = None,
                kind: str | None = None) -> list[dict]:
    """Cases opened in ``year`` (and ``month``) in the user's area, per village, kind and month
    opened: how many were opened, are still open, were settled, referred, dropped. Numbers
    only — no party, summary, mediator or case number leaves this function.

    Raises :class:`Forbidden` for a role that may not read them (reviewers, villagers)."""
    if not may_read_counts(user):
        raise Forbidden()
    qs = _area(user).filter(opened_on__year=year)
    if month:
        qs = qs.filter(opened_on__month=month)
    if village is not None:
        qs = qs.filter(village__path__startswith=village.path)
    if kind:
        qs = qs.filter(kind=kind)
    rows = (qs.annotate(month=TruncMonth("opened_on"))
            .values("village_id", "village__name", "village__parent__name", "kind", "month")
            .annotate(opened=Count("id"),
                      open=Count("id", filter=Q(status=CaseStatus.OPEN)),
                      settled=Count("id", filter=Q(outcome=Outcome.SETTLED)),
                      referred=Count("id", filter=Q(outcome=Outcome.REFERRED)),
                      dropped=Count("id", filter=Q(outcome=Outcome.DROPPED)))
            .order_by("month", "village__parent__name", "village__name", "kind"))
    labels = dict(DisputeKind.choices)
    out = []
    for r in rows:
        month_value = r["month"]
        if isinstance(month_value, datetime.datetime):
            month_value = month_value.date()
        out.append({
            "village": r["village_id"], "village_name": r["village__name"],
            "township_name": r["village__parent__name"] or "",
            "kind": r["kind"], "kind_label": str(labels.get(r["kind"], r["kind"])),
            "month": month_value.strftime("%Y-%m") if month_value else "",
            "opened": r["opened"], "open": r["open"], "settled": r["settled"],
            "referred": r["referred"], "dropped": r["dropped"],
        })
    return out


def count_totals(rows) -> dict:
    keys = ("opened", "open", "settled", "referred", "dropped")
    return {k: sum(r[k] for r in rows) for k in keys}


def count_villages(user):
    """Villages of the user's area (for the counts page's filter)."""
    return _in_area(VILLAGE_AREA, Unit, user).filter(level=Level.VILLAGE).order_by("path")
