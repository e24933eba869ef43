"""Writes of the reports: build a month's reports, start a build, score and finalise assessments.

A month's build computes every indicator first (one aggregate query each, see
``practice.indicators``) and only then replaces the stored figures in one transaction, so a
failing indicator or a failing write leaves the previous figures of that month untouched.
"""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from practice import outbox, pictures
from practice.exceptions import Conflict, Forbidden, InvalidInput
from practice.indicators import Period, all_indicators, evaluate
from practice.models import Level, Unit
from practice.roles import STAFF_ROLES, has_role
from practice.scoping import unit_in_scope

from . import figures, selectors
from .models import (
    Assessment,
    AssessmentGroup,
    AssessmentItem,
    ManualItem,
    ManualScore,
    ManualScoreEvidence,
    MonthlyReport,
    ReportRun,
    ReportValue,
)

# The units that get a stored monthly report: the banner and its townships. Banner departments
# (旗直单位) do not: their figures come from the same period figures as the assessment's.
REPORT_LEVELS = (Level.BANNER, Level.TOWNSHIP)

# The default items of each group's assessment: (indicator code, weight, higher is better).
# A code no app registers (the app is not installed) is skipped without error, so the items
# follow the indicators as apps are added (dispatch.*, supervision.*).
DEFAULT_ITEMS = {
    AssessmentGroup.TOWNSHIPS: [
        ("orders.completed", 20, True),
        ("orders.completion_rate", 15, True),
        ("orders.avg_rating", 10, True),
        ("volunteers.hours", 15, True),
        ("activities.held", 10, True),
        ("points.issued", 10, True),
        ("banquets.violations", 10, False),
        ("practice.households_new", 10, True),
        ("dispatch.submissions_on_time", 10, True),
        ("supervision.tasks_closed_on_time", 10, True),
        ("supervision.tasks_escalated", 5, False),
        ("supervision.field_visits", 5, True),
    ],
    AssessmentGroup.DEPARTMENTS: [
        ("dispatch.submissions_on_time", 20, True),
        ("supervision.tasks_closed_on_time", 30, True),
        ("supervision.tasks_escalated", 20, False),
    ],
}
# Manual items of each group: (name, maximum score).
DEFAULT_MANUAL = {
    AssessmentGroup.TOWNSHIPS: [("督查检查", Decimal("10")),
                                ("一把手出席领导小组会议", Decimal("5"))],
    AssessmentGroup.DEPARTMENTS: [("履行文明实践职责", Decimal("20")),
                                  ("一把手出席领导小组会议", Decimal("10"))],
}


def local_today() -> date:
    return timezone.localdate()


def previous_month(today: date | None = None) -> tuple[int, int]:
    today = today or local_today()
    if today.month == 1:
        return today.year - 1, 12
    return today.year, today.month - 1


def validate_month(year, month) -> tuple[int, int]:
    """A month that has ended (reports are built for finished months only)."""
    try:
        year, month = int(year), int(month)
    except (TypeError, ValueError):
        raise InvalidInput(_("Give the year and month as numbers."), field="month") from None
    if not 1 <= month <= 12:
        raise InvalidInput(_("The month must be between 1 and 12."), field="month")
    if year < 2000:
        raise InvalidInput(_("The year must be 2000 or later."), field="year")
    today = local_today()
    if (year, month) >= (today.year, today.month):
        raise InvalidInput(
            _("Reports are built for months that have ended; %(year)s-%(month)02d has not.")
            % {"year": year, "month": month},
            field="month",
        )
    return year, month


def _as_decimal(value) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, Decimal):
        return value.quantize(Decimal("0.0001"))
    return Decimal(str(round(float(value), 4)))


def _run_update(run: ReportRun | None, **fields) -> None:
    if run is None:
        return
    for name, value in fields.items():
        setattr(run, name, value)
    ReportRun.objects.filter(pk=run.pk).update(**fields)


def compute_month(year: int, month: int, units: list[Unit], *, run=None):
    """``(indicators, {unit_id: {code: value}})`` for ``units``: one query per indicator."""
    indicators = all_indicators()
    step = max(1, len(indicators) // 10)

    def progress(done, total):
        if run is not None and (done % step == 0 or done == total):
            _run_update(run, progress=int(90 * done / total))

    return indicators, evaluate(Period.month(year, month), units, progress=progress)


def monthly_reports_build(year: int, month: int, *, run: ReportRun | None = None):
    """Build (or rebuild) the reports of ``year-month``: one per township and one for the banner.

    Returns the stored reports. Running it twice gives the same single report per unit and month.
    """
    year, month = validate_month(year, month)
    _run_update(run, state=ReportRun.State.RUNNING, started_at=timezone.now(), progress=0,
                error="")
    try:
        units = list(Unit.objects.filter(level__in=REPORT_LEVELS).order_by("path"))
        with translation.override(settings.LANGUAGE_CODE):
            indicators, values = compute_month(year, month, units, run=run)
            meta = [(i.code, str(i.label)[:100], str(i.unit)[:30], i.order) for i in indicators]
        reports = _store_month(year, month, units, meta, values, run)
    except Exception as exc:
        _run_update(run, state=ReportRun.State.FAILED, error=f"{type(exc).__name__}: {exc}"[:2000],
                    finished_at=timezone.now())
        raise
    _run_update(run, state=ReportRun.State.DONE, progress=100, finished_at=timezone.now())
    figures.invalidate()
    return reports


def _store_month(year, month, units, meta, values, run):
    """Replace the month's figures atomically; the number of queries depends on nothing but
    the number of report units and indicators."""
    now = timezone.now()
    with transaction.atomic():
        # Create the missing report rows (a parallel build may be doing the same: ignore
        # conflicts on the unique (unit, year, month) constraint), then lock them all.
        MonthlyReport.objects.bulk_create(
            [MonthlyReport(unit=u, year=year, month=month, generated_at=now, run=run)
             for u in units],
            ignore_conflicts=True,
        )
        reports = list(
            MonthlyReport.objects.select_for_update()
            .filter(year=year, month=month, unit__in=units)
            .order_by("pk")
        )
        ids = [r.pk for r in reports]
        MonthlyReport.objects.filter(pk__in=ids).update(generated_at=now, run=run)
        ReportValue.objects.filter(report_id__in=ids).delete()
        ReportValue.objects.bulk_create(
            [
                ReportValue(report_id=r.pk, code=code, label=label, measure=measure,
                            value=_as_decimal(values.get(r.unit_id, {}).get(code)), order=order)
                for r in reports
                for code, label, measure, order in meta
            ],
            batch_size=500,
        )
    for r in reports:
        r.generated_at, r.run = now, run
    return reports


def report_run_start(*, year, month, actor=None) -> ReportRun:
    """Queue a build of ``year-month`` and return its run; the task starts after commit.

    The task goes through the outbox: if the broker is down the run stays queued and is sent
    when the broker is back (practice/outbox.py).
    """
    if actor is not None and not (actor.is_superuser or has_role(actor, *STAFF_ROLES)):
        raise Forbidden()
    year, month = validate_month(year, month)
    task_id = str(uuid.uuid4())
    run = ReportRun.objects.create(year=year, month=month, started_by=actor, task_id=task_id)
    outbox.enqueue("reports.tasks.build_monthly_reports", task_id=task_id, year=year,
                   month=month, run_id=run.pk)
    return run


def report_run_for_task(run_id, year, month, task_id="") -> ReportRun:
    """The run a task reports on: the queued one; for a scheduled build, the one an earlier
    delivery of the same task started (the broker delivers a task again when its worker was
    lost, or Celery retries it, under the same id), else a new one."""
    if run_id:
        run = ReportRun.objects.filter(pk=run_id).first()
        if run is not None:
            return run
    if task_id:
        run = ReportRun.objects.filter(task_id=task_id, year=year, month=month).order_by("pk")
        if (first := run.first()) is not None:
            return first
    return ReportRun.objects.create(year=year, month=month, task_id=task_id or "")


# --- assessments -------------------------------------------------------------------------
def _assessment_locked(assessment: Assessment) -> Assessment:
    locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if locked.finalised:
        raise Conflict(_("This assessment is finalised and can no longer change."),
                       code="assessment_finalised")
    return locked


def _check_banner_staff(actor, assessment):
    if actor is None:
        return
    if not (actor.is_superuser or has_role(actor, *STAFF_ROLES)):
        raise Forbidden()
    if not unit_in_scope(actor, assessment.unit):
        raise Forbidden(_("Only the assessing unit's staff may do this."))


def default_items(group) -> list[tuple[str, int, bool]]:
    """The group's default indicator items whose indicator is registered."""
    known = {i.code for i in all_indicators()}
    return [item for item in DEFAULT_ITEMS[AssessmentGroup(group)] if item[0] in known]


def assessment_defaults_apply(assessment: Assessment, *, targets=None) -> None:
    """Give ``assessment`` its group's default items (those it lacks): indicators with a target
    (``targets[code]``, else 1) and manual items. Safe to run twice."""
    targets = targets or {}
    for order, (code, weight, higher) in enumerate(default_items(assessment.group), start=1):
        AssessmentItem.objects.get_or_create(
            assessment=assessment, code=code,
            defaults={"weight": Decimal(weight), "target": targets.get(code, Decimal("1")),
                      "cap": Decimal("1.2"), "higher_is_better": higher, "order": order},
        )
    for order, (name, max_score) in enumerate(DEFAULT_MANUAL[assessment.group], start=1):
        ManualItem.objects.get_or_create(
            assessment=assessment, name=name, defaults={"max_score": max_score, "order": order}
        )


EVIDENCE_EXTENSIONS = frozenset({"pdf", "jpg", "jpeg", "png", "gif", "webp", "doc", "docx",
                                 "xls", "xlsx"})
IMAGE_EXTENSIONS = frozenset({"jpg", "jpeg", "png", "gif", "webp"})
EVIDENCE_MAX_FILES = 10


def evidence_max_bytes() -> int:
    return getattr(settings, "ASSESSMENT_EVIDENCE_MAX_BYTES", 10 * 1024 * 1024)


def evidence_check(upload) -> None:
    """A PDF, an office document or a photo, at most 10 MB; a photo must be a picture."""
    name = getattr(upload, "name", "") or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in EVIDENCE_EXTENSIONS:
        raise InvalidInput(_("Evidence must be a PDF, Word or Excel file or a photo "
                             "(JPEG, PNG, GIF, WebP)."), field="evidence")
    limit = evidence_max_bytes()
    if upload.size > limit:
        raise InvalidInput(_("The file %(name)s is too large (at most %(mb)d MB).")
                           % {"name": name, "mb": limit // (1024 * 1024)}, field="evidence")
    if extension in IMAGE_EXTENSIONS:
        if pictures.picture_format(upload) is None:
            raise InvalidInput(_("The file %(name)s is not a picture.") % {"name": name},
                               field="evidence")
    elif extension == "pdf":
        upload.seek(0)
        if upload.read(5) != b"%PDF-":
            raise InvalidInput(_("The file %(name)s is not a PDF.") % {"name": name},
                               field="evidence")
    upload.seek(0)


def manual_score_set(item: ManualItem, unit: Unit, *, score, note="", evidence=(),
                     actor=None) -> ManualScore:
    """Record (or correct) a unit's score on a manual item, with the reason (required) and any
    evidence (files or photos, added to what the score already has). Who scored it and when
    are kept."""
    with transaction.atomic():
        assessment = _assessment_locked(item.assessment)
        _check_banner_staff(actor, assessment)
        note = (note or "").strip()
        if not note:
            raise InvalidInput(_("Give the reason for the score in the note."), field="note")
        if len(note) > 300:
            raise InvalidInput(_("The note may be at most 300 characters."), field="note")
        evidence = [f for f in (evidence or ()) if f]
        if len(evidence) > EVIDENCE_MAX_FILES:
            raise InvalidInput(_("Attach at most %(n)d files.") % {"n": EVIDENCE_MAX_FILES},
                               field="evidence")
        for upload in evidence:
            evidence_check(upload)
        try:
            score = Decimal(str(score))
        except ArithmeticError:
            raise InvalidInput(_("Enter the score as a number."), field="score") from None
        if score < 0 or score > item.max_score:
            raise InvalidInput(
                _("The score must lie between 0 and %(max)s.") % {"max": item.max_score},
                field="score",
            )
        if unit.parent_id != assessment.unit_id or unit.level != assessment.unit_level:
            raise InvalidInput(_("Only the units of the assessed group directly below the "
                                 "assessing unit are scored."), field="unit")
        obj, _created = ManualScore.objects.update_or_create(
            item=item, unit=unit,
            defaults={"score": score, "note": note, "scored_by": actor,
                      "scored_at": timezone.now()},
        )
        for upload in evidence:
            proof = ManualScoreEvidence(score=obj, uploaded_by=actor,
                                        name=(upload.name or "")[-150:])
            proof.file.save(upload.name or f"evidence-{obj.pk}", upload, save=False)
            proof.save()
    return obj


def assessment_finalise(assessment: Assessment, *, actor=None) -> Assessment:
    """Freeze the assessment: its results are stored and later data no longer changes them."""
    with transaction.atomic():
        locked = _assessment_locked(assessment)
        _check_banner_staff(actor, locked)
        now = timezone.now()
        with translation.override(settings.LANGUAGE_CODE):
            snapshot = selectors.assessment_compute(locked, use_cache=False)
        snapshot.update(finalised=True, finalised_at=now.isoformat(),
                        finalised_by=str(actor) if actor else None)
        updated = Assessment.objects.filter(pk=locked.pk, finalised=False).update(
            finalised=True, finalised_at=now, finalised_by=actor, snapshot=snapshot
        )
        if updated != 1:  # pragma: no cover - the row lock makes this impossible
            raise Conflict(_("This assessment is finalised and can no longer change."),
                           code="assessment_finalised")
    locked.refresh_from_db()
    return locked
