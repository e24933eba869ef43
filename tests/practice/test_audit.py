"""The audit trail records who changed what, also through queryset.update() and bulk writes."""

import pytest

from practice.audit import set_actor
from practice.models import AuditLog, Household

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def records(obj, action=None):
    qs = AuditLog.objects.filter(table=obj._meta.db_table, row_id=str(obj.pk))
    return qs.filter(action=action) if action else qs


def test_queryset_update_is_recorded_with_before_and_after(net):
    set_actor(net.township_staff)
    Household.objects.filter(pk=net.h11.pk).update(address="一组一号")
    set_actor(None)
    row = records(net.h11, "update").get()
    assert row.changes["address"] == ("", "一组一号")
    assert row.actor_id == net.township_staff.pk


def test_bulk_create_and_delete_are_recorded(net):
    created = Household.objects.bulk_create(
        [Household(village=net.v11, number=f"T1V1-9{i}", head_name="宝音") for i in range(3)]
    )
    assert sum(records(h, "insert").count() for h in created) == 3
    Household.objects.filter(number__startswith="T1V1-9").delete()
    assert sum(records(h, "delete").count() for h in created) == 3


def test_an_admin_change_names_the_staff_member(net, web):
    response = web(net.township_staff).post(f"/admin/practice/household/{net.h12.pk}/change/", {
        "village": net.v12.pk, "number": net.h12.number, "head_name": "王玉梅", "address": "二组",
        "phone": "",
    })
    assert response.status_code == 302
    row = records(net.h12, "update").get()
    assert row.actor_id == net.township_staff.pk
    assert row.changes == {"address": ("", "二组")}


def test_a_read_sets_no_actor_and_the_actor_does_not_leak_between_requests(net, web):
    web(net.township_staff).post(f"/admin/practice/household/{net.h12.pk}/change/", {
        "village": net.v12.pk, "number": net.h12.number, "head_name": "王玉梅", "address": "三组",
        "phone": "",
    })
    Household.objects.filter(pk=net.h12.pk).update(address="四组")  # no request, no actor
    latest = records(net.h12, "update").order_by("-id").first()
    assert latest.actor_id is None


def test_audit_records_cannot_be_deleted_through_the_model(net):
    Household.objects.filter(pk=net.h11.pk).update(address="x")
    with pytest.raises(Exception, match="不可删除|never deleted"):
        records(net.h11).first().delete()
