"""Demo of the reports: last year's and this year's assessments, and the stored monthly reports.

``seed_demo`` calls :func:`seed` after every app has seeded its data, so the reports hold the
apps' figures. Safe to run twice: assessments and items are looked up by their natural keys, a
month's reports are replaced, a finalised assessment is left alone.
"""

from __future__ import annotations

import statistics
from decimal import Decimal

from django.utils import timezone

from practice.indicators import Period
from practice.models import Level, Unit
from reports import figures, services

from .models import GROUP_LEVEL, Assessment, AssessmentGroup, ManualScore

NOTES = ["台账齐全，阵地规范", "活动记录完整", "督查发现问题已整改", "按时参加会议",
         "缺席一次，已说明原因"]


DEPARTMENT_NOTES = ["职责落实到位，台账完整", "牵头开展志愿服务活动", "督办事项按期办结",
                    "参加月调度会并汇报", "一项任务逾期，已说明原因"]


def _targets(year: int, codes: list[str], townships: list[Unit]) -> dict[str, Decimal]:
    """A target per indicator: the assessed units' median of ``year`` (at least 1)."""
    values = figures.period_values(Period.year(year), codes)
    out = {}
    for code in codes:
        numbers = [float(values[t.pk][code]) for t in townships
                   if values.get(t.pk, {}).get(code) is not None]
        median = statistics.median(numbers) if numbers else 0
        out[code] = max(Decimal("1"), Decimal(str(round(median, 2))))
    return out


def _configure(year: int, banner: Unit, group, ctx, actor) -> Assessment:
    units = list(Unit.objects.filter(parent=banner, level=GROUP_LEVEL[group]).order_by("path"))
    title = (f"{year}年度新时代文明实践综合考核" if group == AssessmentGroup.TOWNSHIPS
             else f"{year}年度旗直各单位新时代文明实践考核")
    assessment, _created = Assessment.objects.get_or_create(
        unit=banner, year=year, group=group, defaults={"title": title}
    )
    if assessment.finalised:
        return assessment
    codes = [code for code, _w, _h in services.default_items(group)]
    targets = _targets(year - 1 if year == timezone.localdate().year else year, codes, units)
    services.assessment_defaults_apply(assessment, targets=targets)
    rng = ctx.rng
    notes = NOTES if group == AssessmentGroup.TOWNSHIPS else DEPARTMENT_NOTES
    have = set(ManualScore.objects.filter(item__assessment=assessment)
               .values_list("item_id", "unit_id"))
    new_scores = []
    for item in assessment.manual_items.all():
        for u in units:
            if (item.pk, u.pk) in have:
                continue
            score = Decimal(rng.randint(int(item.max_score) * 5, int(item.max_score) * 10)) / 10
            new_scores.append(ManualScore(item=item, unit=u, score=score,
                                          note=rng.choice(notes), scored_by=actor))
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

    for group in AssessmentGroup:
        previous = _configure(last, banner, group, ctx, actor)
        if not previous.finalised:
            services.assessment_finalise(previous, actor=actor)
        _configure(this, banner, group, ctx, actor)
    ctx.progress(f"年度综合考核（苏木镇、旗直单位）：{last} 年已定稿，{this} 年进行中")
