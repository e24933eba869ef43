"""Every change of the audited objects leaves who, when, before and after — whatever the path.

Paths: the API (token or session), the admin, a service called by a task (no actor),
``queryset.update()`` and bulk writes. Runs on PostgreSQL, where the triggers live.
"""

import datetime
import json

import pytest
from django.utils import timezone

from banquets.models import Booking, Canteen, RuleSet, ViolationRecord
from points_market.models import Account, Entry
from points_market.services import deposit_record
from practice.audit import set_actor
from practice.models import AuditLog
from tests.points_market.conftest import make_market

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def trail(obj, action=None):
    qs = AuditLog.objects.filter(table=obj._meta.db_table, row_id=str(obj.pk)).order_by("id")
    return list(qs.filter(action=action) if action else qs)


def token_client(api, user):
    from rest_framework.authtoken.models import Token

    client = api()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


def test_a_points_deposit_through_the_api_names_the_cashier(net, api):
    market = make_market(net)
    response = token_client(api, net.station_staff).post(
        "/api/points/deposits/",
        {"household": net.h11.pk, "lines": [{"category": market.newspaper.pk,
                                             "weight_jin": "10"}]},
        format="json",
    )
    assert response.status_code == 201, response.content
    entry = Entry.objects.latest("id")
    [insert] = trail(entry, "insert")
    assert insert.actor_id == net.station_staff.pk
    account = Account.objects.get(household=net.h11)
    change = trail(account, "update")[-1].changes
    assert "balance" in change


def test_ledger_rows_changed_behind_the_services_back_are_recorded(net):
    market = make_market(net)
    deposit_record(net.h11, actor=net.station_staff,
                   lines=[{"category": market.newspaper, "weight_jin": "10"}])
    account = Account.objects.get(household=net.h11)
    Account.objects.filter(pk=account.pk).update(balance=account.balance + 5)  # no actor
    record = trail(account, "update")[-1]
    assert record.actor_id is None
    assert record.changes["balance"] == (account.balance, account.balance + 5)


def booking_body(canteen, date):
    return {"canteen": canteen.pk, "occasion": "wedding", "kind": "banquet",
            "date": date.isoformat(), "tables": 8, "dishes_per_table": 6, "gift_limit": 200}


def test_a_booking_and_its_approval_are_recorded_with_their_actors(net, api):
    canteen = Canteen.objects.create(village=net.v11, name="沃德嘎查合约食堂", capacity=20)
    date = timezone.localdate() + datetime.timedelta(days=20)
    response = token_client(api, net.villager).post(
        "/api/banquets/bookings/", booking_body(canteen, date), format="json")
    assert response.status_code == 201, response.content
    booking = Booking.objects.get(pk=response.json()["id"])
    assert trail(booking, "insert")[0].actor_id == net.villager.pk
    client = api()
    client.force_login(net.station_staff)  # a session request: the middleware names the actor
    assert client.post(f"/api/banquets/bookings/{booking.pk}/approve/").status_code == 200
    approval = trail(booking, "update")[-1]
    assert approval.actor_id == net.station_staff.pk
    assert approval.changes["status"] == ("submitted", "approved")


def test_bulk_status_changes_of_bookings_are_each_recorded(net):
    canteen = Canteen.objects.create(village=net.v11, name="食堂", capacity=50)
    date = timezone.localdate() + datetime.timedelta(days=30)
    rows = Booking.objects.bulk_create([
        Booking(household=net.h11, canteen=canteen, occasion="wedding", kind="banquet",
                date=date, tables=2, dishes_per_table=4, gift_limit=100, fee=80)
        for _ in range(3)
    ])
    set_actor(net.banner_admin)
    Booking.objects.filter(pk__in=[b.pk for b in rows]).update(status="cancelled")
    set_actor(None)
    for booking in rows:
        assert trail(booking, "insert")
        assert trail(booking, "update")[-1].actor_id == net.banner_admin.pk


def test_violations_recorded_through_the_api_and_deleted_in_bulk_leave_a_trace(net, api):
    response = token_client(api, net.station_staff).post("/api/banquets/violations/", {
        "household": net.h11.pk, "event_date": timezone.localdate().isoformat(),
        "rule": "tables", "description": "超过10桌",
        "support_withheld_until": (timezone.localdate() + datetime.timedelta(days=365)
                                   ).isoformat(),
    }, format="json")
    assert response.status_code == 201, response.content
    violation = ViolationRecord.objects.get()
    assert trail(violation, "insert")[0].actor_id == net.station_staff.pk
    ViolationRecord.objects.all().delete()
    assert trail(violation, "delete")


def test_a_rule_set_changed_in_the_admin_names_the_administrator(net, web):
    ruleset = RuleSet.objects.create(unit=net.banner, title="旗规定",
                                     effective_from=timezone.localdate()
                                     + datetime.timedelta(days=10))
    client = web(net.banner_admin)
    page = client.get(f"/admin/banquets/ruleset/{ruleset.pk}/change/")
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if isinstance(value, list | tuple | dict):
            data[name] = json.dumps(value)
        elif value is None:
            data[name] = ""
        elif isinstance(value, datetime.date):
            data[name] = value.isoformat()
        else:
            data[name] = value
    data["max_tables"] = 8
    response = client.post(f"/admin/banquets/ruleset/{ruleset.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    record = trail(ruleset, "update")[-1]
    assert record.actor_id == net.banner_admin.pk
    assert record.changes["max_tables"] == (10, 8)


def test_the_audit_trail_admin_filters_by_table_and_action_without_reading_the_trail(net, web):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    booking_table, user_table = Booking._meta.db_table, "practice_user"
    net.villager.real_name = "改名"
    net.villager.save()
    client = web(net.banner_admin)
    with CaptureQueriesContext(connection) as ctx:
        page = client.get("/admin/practice/auditlog/")
    assert page.status_code == 200
    assert not any("DISTINCT" in q["sql"] and "practice_auditlog" in q["sql"]
                   for q in ctx.captured_queries)
    choices = {f.title: [c["display"] for c in f.choices(page.context["cl"])]
               for f in page.context["cl"].filter_specs}
    tables = next(v for k, v in choices.items() if str(k) == "数据表")
    assert booking_table in tables and user_table in tables and "practice_auditlog" not in tables
    filtered = client.get(f"/admin/practice/auditlog/?table={user_table}&action=update")
    rows = filtered.context["cl"].result_list
    assert rows and all(r.table == user_table and r.action == "update" for r in rows)
    # The actions in Chinese, in the filter and in the list (the trigger stores insert/update).
    actions = next(v for k, v in choices.items() if str(k) == "操作")
    assert [str(a) for a in actions] == ["全部", "新增", "修改", "删除"]
    assert '<td class="field-action_label">修改</td>' in filtered.text
