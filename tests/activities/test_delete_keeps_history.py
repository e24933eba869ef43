"""Deleting an activity never deletes history: one with events is cancelled instead (its events
stay); only a planned draft without any history is deleted."""

from datetime import timedelta

import pytest
from django.utils import timezone

from volunteers.models import Activity, ActivityEvent, ActivityStatus

pytestmark = pytest.mark.django_db


def _moves(activity):
    return list(ActivityEvent.objects.filter(activity=activity)
                .values_list("from_status", "to_status"))


def test_deleting_an_activity_with_history_through_the_api_cancels_it(vnet, api, act):
    staff = api(vnet.station_staff)
    r = staff.delete(f"/api/activities/{act.pk}/")
    assert r.status_code == 200, r.content
    assert r.json()["status"] == "cancelled"
    act.refresh_from_db()
    assert act.status == ActivityStatus.CANCELLED and act.cancelled_at is not None
    assert _moves(act) == [("", "planned"), ("planned", "cancelled")]
    assert ActivityEvent.objects.filter(activity=act).last().note == "已删除；为保留记录改为取消。"
    # a second DELETE finds it cancelled already and changes nothing
    again = staff.delete(f"/api/activities/{act.pk}/")
    assert (again.status_code, again.json()["status"]) == (200, "cancelled")
    assert len(_moves(act)) == 2


def test_a_draft_without_history_is_still_deleted(vnet, api):
    start = timezone.now() + timedelta(days=3)
    draft = Activity.objects.create(unit=vnet.v11, title="草稿", starts_at=start,
                                    ends_at=start + timedelta(hours=1),
                                    created_by=vnet.station_staff)
    assert api(vnet.station_staff).delete(f"/api/activities/{draft.pk}/").status_code == 204
    assert not Activity.objects.filter(pk=draft.pk).exists()


def test_a_held_activity_cannot_be_deleted(vnet, api, act):
    staff = api(vnet.station_staff)
    staff.post(f"/api/activities/{act.pk}/held/", {}, format="json")
    r = staff.delete(f"/api/activities/{act.pk}/")
    assert r.status_code == 409
    assert (r.json()["code"], r.json()["status"]) == ("invalid_transition", "held")
    assert r.json()["detail"] == "已举行的活动是工作记录，不能删除。"
    assert Activity.objects.get(pk=act.pk).status == ActivityStatus.HELD


def test_delete_on_the_page_cancels_an_activity_with_history(vnet, web, act):
    r = web(vnet.station_staff).post(f"/volunteers/activities/{act.pk}/", {"action": "delete"},
                                     follow=True)
    assert r.redirect_chain[-1][0] == f"/volunteers/activities/{act.pk}/"
    assert "该活动已有记录，已改为取消而未删除。" in r.content.decode()
    assert Activity.objects.get(pk=act.pk).status == ActivityStatus.CANCELLED


def test_delete_on_the_page_deletes_a_draft_and_returns_to_the_list(vnet, web):
    start = timezone.now() + timedelta(days=3)
    draft = Activity.objects.create(unit=vnet.v11, title="草稿", starts_at=start,
                                    ends_at=start + timedelta(hours=1),
                                    created_by=vnet.station_staff)
    r = web(vnet.station_staff).post(f"/volunteers/activities/{draft.pk}/",
                                     {"action": "delete"}, follow=True)
    assert r.redirect_chain[-1][0] == "/volunteers/activities/"
    assert "活动已删除。" in r.content.decode()
    assert not Activity.objects.filter(pk=draft.pk).exists()
