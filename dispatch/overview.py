"""The 月调度 view: one month of the mechanism for a unit and the units below it.

What the leaders' dashboard links to: the month's submissions (on time, late, missing), the
supervised tasks still open and overdue by unit, and the unit's dispatch meeting with each
decision's tasks and their state. A township's head sees the same for the township. Reads only;
every query goes through the user's scope.
"""

from __future__ import annotations

from datetime import date

from django.contrib.contenttypes.models import ContentType

from practice.models import Level, Unit
from supervision import selectors as supervision

from . import selectors
from .models import Meeting


def _rows(user, unit: Unit, year: int, month: int, today: date) -> list[dict]:
    """The unit itself and each unit below it: its submission's standing, open and overdue tasks
    (its own and those of the units below it)."""
    # The townships first, then the banner's departments.
    below = sorted(selectors.below_units(unit), key=lambda u: (u.level == Level.DEPARTMENT,
                                                               u.path))
    units = [unit, *below]
    submissions = {s.unit_id: s for s in selectors.month_submissions(user, year, month)
                   .filter(unit__in=units)}
    tasks = supervision.open_and_overdue_by_unit(user, today)
    paths = dict(Unit.objects.filter(pk__in=tasks).values_list("pk", "path"))
    rows = []
    for u in units:
        own = u.pk == unit.pk
        counts = {"open": 0, "overdue": 0}
        for unit_id, c in tasks.items():
            path = paths.get(unit_id, "")
            if (unit_id == u.pk) if own else path.startswith(u.path):
                counts["open"] += c["open"]
                counts["overdue"] += c["overdue"]
        submission = submissions.get(u.pk)
        standing = selectors.standing(submission, today) if submission else None
        rows.append({
            "unit": u, "own": own, "submission": submission, "standing": standing,
            "standing_label": selectors.standing_label(standing) if standing else "",
            "tasks_open": counts["open"], "tasks_overdue": counts["overdue"],
        })
    return rows


def decisions_with_tasks(user, meeting, today: date) -> list[dict]:
    """Each decision of ``meeting`` with the supervised tasks raised from it (those the user
    sees) and which of them are overdue."""
    items = list(meeting.decisions.all())
    if not items:
        return []
    raised = supervision.tasks_of_origins(user, items)
    ct = ContentType.objects.get_for_model(items[0]).pk
    out = []
    for d in items:
        tasks = raised.get((ct, d.pk), [])
        out.append({"decision": d, "tasks": tasks,
                    "overdue": [t for t in tasks if t.is_overdue(today)]})
    return out


def month_overview(user, unit: Unit, year: int, month: int, today: date) -> dict:
    """``unit`` must already be in the user's scope."""
    rows = _rows(user, unit, year, month, today)
    submissions = [r["submission"] for r in rows if r["submission"] is not None and not r["own"]]
    meeting = (Meeting.objects.for_user(user).filter(unit=unit, year=year, month=month)
               .select_related("chair").prefetch_related("decisions__unit").first())
    decisions = decisions_with_tasks(user, meeting, today) if meeting is not None else []
    return {
        "rows": rows,
        "counts": selectors.tally(submissions, today),
        "tasks_open": sum(r["tasks_open"] for r in rows if not r["own"]) + (
            rows[0]["tasks_open"] if rows else 0),
        "tasks_overdue": sum(r["tasks_overdue"] for r in rows if not r["own"]) + (
            rows[0]["tasks_overdue"] if rows else 0),
        "meeting": meeting,
        "decisions": decisions,
    }
