"""Demo of the reports: last year's and this year's assessments, and the stored monthly reports.

``seed_demo`` calls :func:`seed` after every app has seeded its data, so the reports hold the
apps' figures. Safe to run twice: assessments and items are looked up by their natural keys, a
month's reports are replaced, a finalised assessment is left alone.
"""

from __future__ import annotations

import statistics
from decimal import Decimal

from django.utils import timezone

from practice.indicators import Period, all_indicators
from practice.models import Level, Unit
from reports import figures, services

from .models import Assessment, AssessmentItem, ManualItem, ManualScore

# The indicators an assessment weighs when the apps provide them (code, weight, higher is better).
PREFERRED = [
    ("orders.completed", 20, True),
    ("orders.completion_rate", 15, True),
    ("orders.avg_rating", 10, True),
    ("volunteers.hours", 15, True),
    ("activities.held", 10, True),
    ("points.issued", 10, True),
    ("banquets.violations", 10, False),
    ("practice.households_new", 10, True),
]
MANUAL = [("督查检查", Decimal("10")), ("一把手出席领导小组会议", Decimal("5"))]
NOTES = ["台账齐全，阵地规范", "活动记录完整", "督查发现问题已整改", "按时参加会议",
         "缺席一次，已说明原因"]


def _targets(year: int, codes: list[str], townships: list[Unit]) -> dict[str, Decimal]:
    """A target per indicator: the townships' median of ``year`` (at least 1)."""
    values = figures.period_values(Period.year(year), codes)
    out = {}
    for code in codes:
        numbers = [float(values[t.pk][code]) for t in townships
                   if values.get(t.pk, {}).get(code) is not None]
        median = statistics.median(numbers) if numbers else 0
        out[code] = max(Decimal("1"), Decimal(str(round(median, 2))))
    return out


def _configure(year: int, banner: Unit, townships: list[Unit], ctx, actor) -> Assessment:
    assessment, _created = Assessment.objects.get_or_create(
        unit=banner, year=year, defaults={"title": f"{year}年度新时代文明实践综合考核"}
    )
    if assessment.finalised:
        return assessment
    known = {i.code for i in all_indicators()}
    chosen = [p for p in PREFERRED if p[0] in known]
    targets = _targets(year - 1 if year == timezone.localdate().year else year,
                       [c for c, _w, _h in chosen], townships)
    for order, (code, weight, higher) in enumerate(chosen, start=1):
        AssessmentItem.objects.get_or_create(
            assessment=assessment, code=code,
            defaults={"weight": Decimal(weight), "target": targets[code],
                      "cap": Decimal("1.2"), "higher_is_better": higher, "order": order},
        )
    rng = ctx.rng
    have = set(ManualScore.objects.filter(item__assessment=assessment)
               .values_list("item_id", "unit_id"))
    new_scores = []
    for order, (name, max_score) in enumerate(MANUAL, start=1):
        item, _c = ManualItem.objects.get_or_create(
            assessment=assessment, name=name, defaults={"max_score": max_score, "order": order}
        )
        for t in townships:
            if (item.pk, t.pk) in have:
                continue
            score = Decimal(rng.randint(int(max_score) * 5, int(max_score) * 10)) / 10
            new_scores.append(ManualScore(item=item, unit=t, score=score,
                                          note=rng.choice(NOTES), scored_by=actor))
    ManualScore.objects.bulk_create(new_scores)
    return assessment


def seed(ctx) -> None:
    banner = Unit.objects.filter(level=Level.BANNER).order_by("pk").first()
    if banner is None:
        return
    townships = list(Unit.objects.filter(parent=banner, level=Level.TOWNSHIP).order_by("path"))
    actor = ctx.users.get("admin")
    today = timezone.localdate()
    last, this = today.year - 1, today.year

    months = [(last, m) for m in range(1, 13)] + [(this, m) for m in range(1, today.month)]
    for year, month in months:
        services.monthly_reports_build(year, month)
    ctx.progress(f"月调度报表：{len(months)} 个月 × {len(townships) + 1} 个单位")

    previous = _configure(last, banner, townships, ctx, actor)
    if not previous.finalised:
        services.assessment_finalise(previous, actor=actor)
    _configure(this, banner, townships, ctx, actor)
    ctx.progress(f"年度综合考核：{last} 年已定稿，{this} 年进行中")
