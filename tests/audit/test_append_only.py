"""The database itself refuses to change or delete append-only rows (PostgreSQL triggers).

For each ledger, history, audit and vote table a row is written through the services, then every
way of changing or deleting it — ``queryset.update()``, ``queryset.delete()``,
``bulk_update()``, Django's own ``Model.delete`` past the model's override, raw ``UPDATE`` and
``DELETE`` — must fail and leave the row as it was. TRUNCATE still works, and so does the one
sanctioned bypass for data migrations (``pgtrigger.ignore`` with the trigger's URI).
"""

import re
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pgtrigger
import pytest
from django.conf import settings
from django.db import DatabaseError, connection, models, transaction
from django.utils import timezone

from banquets import services as banquet_services
from banquets.models import BookingEvent, Canteen, RuleSet
from dispatch import services as dispatch_services
from dispatch.models import SubmissionEvent
from honours import services as honour_services
from honours.models import BallotCast, MoralReview, StarEvaluationEvent, Vote, VoteChoice
from institutions import services as institution_services
from institutions.models import CompactVersion
from mediation import services as mediation_services
from mediation.models import CaseEvent, CaseSession
from points_market.models import Entry
from points_market.services import deposit_record
from practice.models import AuditLog
from supervision import services as supervision_services
from supervision.models import ProgressPhoto, ProgressReport, TaskEvent
from tests.banquets.conftest import make_request
from tests.points_market.conftest import make_market
from tests.supervision.conftest import png
from volunteers import activity_services
from volunteers import services as volunteer_services
from volunteers.models import (
    ActivityEvent,
    ApplicationEvent,
    EntryKind,
    OrderEvent,
    TimeBankEntry,
)

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

# model → (field, a different value) to try writing
CHANGES = {
    Entry: ("points", 999_999),
    TimeBankEntry: ("hours", Decimal("99.00")),
    OrderEvent: ("note", "改写的历史"),
    ActivityEvent: ("note", "改写的历史"),
    ApplicationEvent: ("note", "改写的历史"),
    BookingEvent: ("note", "改写的历史"),
    StarEvaluationEvent: ("note", "改写的历史"),
    AuditLog: ("action", "forged"),
    Vote: ("choice", VoteChoice.DISSATISFIED),
    BallotCast: ("channel", "paper"),
    SubmissionEvent: ("note", "改写的历史"),
    TaskEvent: ("note", "改写的历史"),
    ProgressReport: ("note", "改写的进展"),
    ProgressPhoto: ("image", "supervision/forged.png"),
    CaseEvent: ("note", "改写的历史"),
    CaseSession: ("note", "改写的调解经过"),
    CompactVersion: ("text", "改写的村规民约"),
    MoralReview: ("opinion", "disagree"),
}
PROTECTED = list(CHANGES)


@pytest.fixture
def rows(vnet):
    """One row of every append-only table, each written the way the platform writes it."""
    net = vnet
    market = make_market(net)
    deposit = deposit_record(net.h11, actor=net.station_staff, lines=[
        {"category": market.newspaper.pk, "weight_jin": "10"}])
    hours = volunteer_services.timebank_deposit(
        net.vol, hours=Decimal("2"), kind=EntryKind.STAFF_ENTERED, actor=net.station_staff,
        note="义务劳动")
    order = volunteer_services.order_place(actor=net.villager, service_item=net.item_v11,
                                           description="家里老人需要理发")
    tomorrow = timezone.now() + timedelta(days=1)
    activity = activity_services.activity_create(
        actor=net.station_staff, unit=net.v11, title="移风易俗宣讲", starts_at=tomorrow,
        ends_at=tomorrow + timedelta(hours=2))
    application = volunteer_services.application_submit(
        actor=None, client="203.0.113.9", name="报名人", phone="13612340000", village=net.v11,
        teams=[net.team])
    RuleSet.objects.create(unit=net.banner, effective_from=date(2018, 1, 1), title="旗红白事规定")
    canteen = Canteen.objects.create(village=net.v11, name="沃德嘎查合约食堂", capacity=20)
    booking = banquet_services.booking_create(household=net.h11, canteen=canteen,
                                              request=make_request(), actor=net.villager)
    star = honour_services.star_evaluation_propose(
        net.h11, actor=net.station_staff, year=date.today().year - 1,
        star_codes=[code for code, _name in honour_services.DEFAULT_STARS])
    evaluation, codes = honour_services.evaluation_open(
        actor=net.station_staff, village=net.v11, year=date.today().year - 1,
        representatives=[{"name": "代表1", "phone": "13900000001"}])
    honour_services.vote_cast_with_code(evaluation, code=codes[0][1],
                                        choice=VoteChoice.SATISFIED)
    submission = dispatch_services.submissions_create(2025, 5)[0]
    dispatch_services.submission_update(submission, actor=net.banner_admin, work_done="宣讲",
                                        next_plan="走访")
    dispatch_services.submission_submit(submission, actor=net.banner_admin)
    task = supervision_services.task_create(
        actor=net.banner_admin, title="整治村容村貌", unit=net.t1,
        deadline=timezone.localdate() + timedelta(days=5))
    report = supervision_services.task_progress(task, actor=net.township_staff, note="已部署")
    pictured = supervision_services.task_progress(task, actor=net.township_staff,
                                                  note="已完成", photos=[png()])
    mediator = mediation_services.mediator_appoint(
        actor=net.station_staff, village=net.v11, user=net.villager,
        active_from=date.today() - timedelta(days=10))
    case = mediation_services.case_open(
        actor=net.station_staff, village=net.v11, kind="neighbours", parties="甲；乙",
        summary="院墙界线", mediator=mediator)
    session = mediation_services.case_add_session(case, actor=net.villager, note="上门调解")
    council = institution_services.council_set_up(actor=net.station_staff, village=net.v11,
                                                  kind="moral_review")
    institution_services.member_seat(council, actor=net.station_staff, user=net.villager,
                                     term_starts=date.today() - timedelta(days=10))
    review = honour_services.star_evaluation_review(star, actor=net.villager, opinion="agree")
    compact = institution_services.compact_adopt(
        actor=net.station_staff, village=net.v11, text="一、禁赌。", adopted_on=date.today(),
        minutes="村民大会通过。")
    return {
        CaseEvent: CaseEvent.objects.filter(case=case).first(),
        CaseSession: session,
        CompactVersion: compact,
        MoralReview: review,
        SubmissionEvent: SubmissionEvent.objects.filter(submission=submission).first(),
        TaskEvent: TaskEvent.objects.filter(task=task).first(),
        ProgressReport: report,
        ProgressPhoto: pictured.photos.first(),
        Entry: deposit.entry,
        TimeBankEntry: hours,
        OrderEvent: OrderEvent.objects.filter(order=order).first(),
        ActivityEvent: ActivityEvent.objects.filter(activity=activity).first(),
        ApplicationEvent: ApplicationEvent.objects.filter(application=application).first(),
        BookingEvent: BookingEvent.objects.filter(booking=booking).first(),
        StarEvaluationEvent: StarEvaluationEvent.objects.filter(evaluation=star).first(),
        AuditLog: AuditLog.objects.filter(table="points_market_entry").first(),
        Vote: Vote.objects.get(evaluation=evaluation),
        BallotCast: BallotCast.objects.get(evaluation=evaluation),
    }


def _stored(model, row):
    return model._default_manager.filter(pk=row.pk).values().get()


def _refused(attempt):
    """``attempt()`` fails in the database; the transaction goes on."""
    with pytest.raises(DatabaseError, match="Cannot update or delete rows"), \
            transaction.atomic():
        attempt()


def _label(model):
    return model._meta.label


@pytest.fixture(params=PROTECTED, ids=_label)
def protected(request, rows):
    model = request.param
    row = rows[model]
    assert row is not None
    return model, row, _stored(model, row)


def test_update_through_the_orm_is_refused(protected):
    model, row, before = protected
    field, value = CHANGES[model]
    _refused(lambda: model._default_manager.filter(pk=row.pk).update(**{field: value}))
    setattr(row, field, value)
    _refused(lambda: model._default_manager.bulk_update([row], [field]))
    assert _stored(model, row) == before


def test_delete_through_the_orm_is_refused(protected):
    model, row, before = protected
    _refused(lambda: model._default_manager.filter(pk=row.pk).delete())
    # Django's own delete, past the model's refusal in Python
    _refused(lambda: models.Model.delete(row))
    assert _stored(model, row) == before


def test_raw_sql_update_and_delete_are_refused(protected):
    model, row, before = protected
    field, value = CHANGES[model]
    table, column = model._meta.db_table, model._meta.get_field(field).column
    pk = model._meta.pk.column

    def execute(sql, params):
        with connection.cursor() as cursor:
            cursor.execute(sql, params)

    _refused(lambda: execute(f'UPDATE "{table}" SET "{column}" = %s WHERE "{pk}" = %s',
                             [value, row.pk]))
    _refused(lambda: execute(f'DELETE FROM "{table}" WHERE "{pk}" = %s', [row.pk]))
    _refused(lambda: execute(f'DELETE FROM "{table}"', []))
    assert _stored(model, row) == before


def test_every_protected_model_carries_the_trigger_and_the_readme_names_it():
    from django.apps import apps

    from practice.append_only import is_append_only

    carrying = {m._meta.label for m in apps.get_models() if is_append_only(m)}
    assert carrying == {_label(m) for m in PROTECTED}
    readme = (Path(settings.BASE_DIR) / "README.md").read_text()
    documented = set(re.findall(r"`([\w.]+):append_only`", readme))
    assert documented == carrying


def test_the_sanctioned_bypass_lets_a_data_migration_rewrite_a_row(rows):
    entry = rows[Entry]
    with pgtrigger.ignore("points_market.Entry:append_only"):
        Entry.objects.filter(pk=entry.pk).update(reason="迁移时补记")
    assert Entry.objects.get(pk=entry.pk).reason == "迁移时补记"
    # only inside the block, and only that table
    _refused(lambda: Entry.objects.filter(pk=entry.pk).update(reason="再改"))
    with pgtrigger.ignore("points_market.Entry:append_only"):
        _refused(lambda: TimeBankEntry.objects.filter(pk=rows[TimeBankEntry].pk)
                 .update(note="再改"))


@pytest.mark.django_db(transaction=True)
def test_truncate_still_empties_the_tables(rows):
    tables = ", ".join(f'"{m._meta.db_table}"' for m in PROTECTED)
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {tables} CASCADE")
    for model in PROTECTED:
        assert not model._default_manager.exists(), model
