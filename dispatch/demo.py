"""Demo of the dispatch mechanism: a year of monthly submissions (most signed off on time, some
late, a few missing in the last month that is due) and a dispatch meeting at the banner every
month with its decisions.

Runs after ``reports.demo`` (INSTALLED_APPS order), so the townships' figures are frozen from
the stored monthly reports. Safe to run twice: a month's submissions and meetings that exist
are left alone.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from practice.models import Level, Unit

from . import services
from .models import Decision, Meeting, Submission, SubmissionEvent
from .models import SubmissionStatus as S

WORK = ["组织志愿服务活动日，覆盖全部嘎查村", "开展移风易俗宣讲，入户走访",
        "完成积分超市补货和积分兑换", "举办理论宣讲和政策解读", "整理站所台账，完善活动记录"]
PROBLEMS = ["部分嘎查志愿者年龄偏大", "牧区居住分散，活动组织难度大", "积分超市商品种类偏少", "",
            "网络信号差，线上派单不及时"]
HELP = ["请旗里协调宣讲骨干下沉", "申请增加积分超市物资", "", "请协调培训平台操作", ""]
PLAN = ["继续开展志愿服务活动日", "推进红白事简办和合约食堂", "开展十星级文明户评选",
        "做好冬季送温暖活动"]
DECISIONS = ["未开展志愿服务活动日的嘎查本月内补开，苏木镇督促落实",
             "超时工单由苏木镇逐单核查，一周内办结",
             "红白事违规事项由所在苏木镇约谈整改", "逾期未报月报的单位由一把手作出说明",
             "满意度偏低的苏木镇制定整改措施，下次调度会汇报"]


def _months(today):
    """The twelve months whose submissions have been created by now, oldest first."""
    year, month = services.previous_month(today)
    out = []
    for _n in range(12):
        out.append((year, month))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return out[::-1]


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _fill(ctx, months, today):
    """Create the months' submissions (figures frozen in by the service's own rule) with what
    staff wrote and how far each got, in one insert per month (no update of thousands of rows
    afterwards)."""
    from practice.models import User
    from practice.roles import STAFF_ROLES

    rng = ctx.rng
    now = timezone.now()
    last_due = max((m for m in months if services.deadline_for(*m) < today), default=None)
    staff_of = {}
    for user in User.objects.filter(role__in=STAFF_ROLES, unit__isnull=False).order_by("pk"):
        staff_of.setdefault(user.unit_id, user)
    units = list(Unit.objects.filter(level__in=services.SUBMISSION_LEVELS).order_by("path"))
    made = 0
    for year, month in months:
        have = set(Submission.objects.filter(year=year, month=month)
                   .values_list("unit_id", flat=True))
        todo = [u for u in units if u.pk not in have]
        if not todo:
            continue
        figures = services._figures(year, month, todo)
        due = services.deadline_for(year, month)
        rows, moves = [], []
        for unit in todo:
            s = Submission(unit=unit, year=year, month=month, deadline=due,
                           figures=figures.get(unit.pk, []))
            rows.append(s)
            roll = rng.random()
            if due >= today:  # the month due now: some signed off, some waiting, some drafts
                fate = "on_time" if roll < 0.4 else ("submitted" if roll < 0.7 else "draft")
            elif (year, month) == last_due:
                fate = "on_time" if roll < 0.8 else ("late" if roll < 0.92 else "missing")
            else:
                fate = "on_time" if roll < 0.88 else "late"
            if fate in ("draft", "missing") and roll > 0.97:
                continue  # nothing written at all
            s.work_done = "；".join(rng.sample(WORK, 2))
            s.problems = rng.choice(PROBLEMS)
            s.help_requested = rng.choice(HELP)
            s.next_plan = rng.choice(PLAN)
            if fate in ("draft", "missing"):
                continue
            staff, head = staff_of.get(unit.pk), unit.head_id
            submitted = min(now, _at(due - datetime.timedelta(days=rng.randint(1, 4)), 16))
            if fate == "late":
                submitted = min(now, _at(due + datetime.timedelta(days=rng.randint(1, 5)), 16))
            s.status, s.submitted_at, s.submitted_by = S.SUBMITTED, submitted, staff
            moves.append((s, staff and staff.pk, S.DRAFT, S.SUBMITTED, submitted))
            if fate in ("on_time", "late"):
                signed = min(now, submitted + datetime.timedelta(hours=rng.randint(1, 30)))
                if fate == "on_time" and timezone.localdate(signed) > due:
                    signed = _at(due, 18)
                s.status, s.signed_off_at, s.signed_off_by_id = S.SIGNED_OFF, signed, head
                s.on_time = timezone.localdate(signed) <= due
                moves.append((s, head, S.SUBMITTED, S.SIGNED_OFF, signed))
        Submission.objects.bulk_create(rows, batch_size=500)
        SubmissionEvent.objects.bulk_create(
            [SubmissionEvent(submission=s, actor_id=actor, from_status=a, to_status=b, at=at)
             for s, actor, a, b, at in moves], batch_size=500)
        made += len(rows)
    return made


def _meetings(ctx, banner, months, today):
    rng = ctx.rng
    townships = list(Unit.objects.filter(parent=banner, level=Level.TOWNSHIP).order_by("path"))
    heads = [t.head for t in townships if t.head_id]
    made = 0
    for year, month in months:
        held = services.deadline_for(year, month) + datetime.timedelta(days=3)
        if held > today or Meeting.objects.filter(unit=banner, year=year, month=month).exists():
            continue
        meeting = Meeting.objects.create(
            unit=banner, year=year, month=month, date=held, chair=banner.head,
            other_attendees="旗委宣传部\n旗文明办", created_by=banner.head,
            notes=f"听取各苏木镇{month}月工作汇报，研究部署下月重点工作。")
        meeting.attendees.set(rng.sample(heads, min(len(heads), 8)))
        Decision.objects.bulk_create([
            Decision(meeting=meeting, text=text, order=n,
                     unit=rng.choice(townships) if townships and rng.random() < 0.7 else None)
            for n, text in enumerate(rng.sample(DECISIONS, rng.randint(2, 4)), start=1)])
        made += 1
    # A decision that names a unit becomes that unit's supervised task: the supervision demo,
    # which runs next, takes them from here (supervision knows nothing of this app).
    ctx.extra.setdefault("task_origins", []).extend(
        Decision.objects.filter(unit__isnull=False).select_related("meeting"))
    return made


def seed(ctx) -> None:
    banner = Unit.objects.filter(level=Level.BANNER).order_by("pk").first()
    if banner is None:
        return
    today = timezone.localdate()
    months = _months(today)
    ctx.progress(f"月报：新建 {_fill(ctx, months, today)} 份")
    ctx.progress(f"月调度会：{_meetings(ctx, banner, months, today)} 次")
