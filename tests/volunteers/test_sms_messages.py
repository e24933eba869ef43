"""The volunteers app's text messages reach the local gateway: an order dispatched (the team's
volunteers), accepted and completed (the household), overdue (the station), and the service
day reminder (the village's volunteers). A gateway that fails never fails the order."""

from datetime import timedelta

import pytest
from django.utils import timezone

from practice.models import SmsMessage, SmsStatus
from volunteers import services
from volunteers.models import Activity, ActivityCategory, ActivityStatus, Order
from volunteers.tasks import remind_service_days


@pytest.fixture
def sms_net(vnet, sms_gateway, daytime, django_capture_on_commit_callbacks):
    """Deliveries run on commit, as in production; the household has a contact phone too."""
    vnet.h11.phone = "13700000011"
    vnet.h11.save()
    vnet.station_staff.phone = "13600000001"
    vnet.station_staff.save()
    vnet.commit = lambda: django_capture_on_commit_callbacks(execute=True)
    return vnet


def _texts(gateway, template):
    return {r.json()["phone"]: r.json() for r in gateway.received
            if r.json()["template"] == template}


def test_a_dispatched_order_texts_each_volunteer_of_the_team(sms_net, sms_gateway, place):
    order = place()
    with sms_net.commit():
        services.order_dispatch(order, actor=sms_net.station_staff, team=sms_net.team)
    sent = _texts(sms_gateway, "order_dispatched")
    # the account's sign-in phone first, else the roster's
    assert set(sent) == {sms_net.volunteer.phone, "13900000002", "13900000003"}
    text = sent["13900000002"]["text"]
    assert text.startswith("【新时代文明实践】")
    assert str(order.pk) in text and "老人理发" in text and sms_net.team.name in text
    assert "已派给" in text  # in Chinese


def test_accepted_and_completed_text_every_phone_of_the_household(sms_net, sms_gateway, place):
    order = place()
    services.order_dispatch(order, actor=sms_net.station_staff, team=sms_net.team)
    with sms_net.commit():
        services.order_accept(order, actor=sms_net.volunteer)
    accepted = _texts(sms_gateway, "order_accepted")
    assert set(accepted) == {sms_net.villager.phone, "13700000011"}
    assert "志愿者甲" in accepted["13700000011"]["text"]
    with sms_net.commit():
        services.order_complete(order, actor=sms_net.volunteer, hours="1.5")
    completed = _texts(sms_gateway, "order_completed")
    assert set(completed) == {sms_net.villager.phone, "13700000011"}
    assert SmsMessage.objects.filter(phone="13700000011", status=SmsStatus.SENT).count() == 2


def test_an_overdue_order_texts_the_station(sms_net, sms_gateway, place):
    order = place()
    Order.objects.filter(pk=order.pk).update(submitted_at=timezone.now() - timedelta(days=3))
    with sms_net.commit():
        services.orders_flag_overdue()
    [text] = _texts(sms_gateway, "order_overdue").values()
    assert text["phone"] == sms_net.station_staff.phone
    assert str(order.pk) in text["text"] and "24" in text["text"]


def test_a_volunteer_who_turned_messages_off_is_not_texted(sms_net, sms_gateway, place):
    sms_net.volunteer2.sms_opt_out = True
    sms_net.volunteer2.save()
    with sms_net.commit():
        services.order_dispatch(place(), actor=sms_net.station_staff, team=sms_net.team)
    assert "13900000002" not in _texts(sms_gateway, "order_dispatched")


def test_a_failing_gateway_does_not_fail_the_order_and_delivers_later(sms_net, sms_gateway,
                                                                     api):
    from practice import sms

    sms_gateway.fail_next(20, status=500)
    client = api(sms_net.villager)
    with sms_net.commit():
        placed = client.post("/api/orders/", {"service_item": sms_net.item_v11.pk,
                                              "description": "家里老人需要理发"}, format="json")
    assert placed.status_code == 201
    oid = placed.json()["id"]
    with sms_net.commit():
        assert api(sms_net.station_staff).post(f"/api/orders/{oid}/dispatch/",
                                               {"team": sms_net.team.pk},
                                               format="json").status_code == 200
    with sms_net.commit():
        assert api(sms_net.volunteer).post(f"/api/orders/{oid}/accept/").status_code == 200
    assert Order.objects.get(pk=oid).status == "accepted"
    waiting = SmsMessage.objects.filter(status=SmsStatus.QUEUED)
    assert waiting.count() == 5 and all(m.attempts == 1 for m in waiting)

    sms_gateway.failures.clear()
    with sms_net.commit():
        sms.sweep(now=timezone.now() + timedelta(minutes=10))
    assert not SmsMessage.objects.exclude(status=SmsStatus.SENT).exists()
    ids = [r.json()["id"] for r in sms_gateway.received]
    assert len(ids) == 10 and len(set(ids)) == 5  # each message twice, with its own id


def test_the_village_volunteers_are_reminded_of_tomorrows_service_day(sms_net, sms_gateway):
    tomorrow = timezone.localtime() + timedelta(days=1)
    start = tomorrow.replace(hour=9, minute=30, second=0, microsecond=0)
    Activity.objects.create(unit=sms_net.v11, title="三月志愿服务活动日",
                            category=ActivityCategory.SERVICE_DAY, status=ActivityStatus.PLANNED,
                            starts_at=start, ends_at=start + timedelta(hours=3), place="村委会")
    Activity.objects.create(unit=sms_net.v21, title="别村的活动日",
                            category=ActivityCategory.SERVICE_DAY, status=ActivityStatus.PLANNED,
                            starts_at=start + timedelta(days=3),
                            ends_at=start + timedelta(days=3, hours=3))
    with sms_net.commit():
        remind_service_days.delay()
    sent = _texts(sms_gateway, "service_day_reminder")
    assert set(sent) == {sms_net.volunteer.phone, "13900000002", "13900000003"}
    text = sent["13900000003"]["text"]
    assert "沃德嘎查" in text and "三月志愿服务活动日" in text and "09:30" in text
    assert "村委会" in text
    with sms_net.commit():
        remind_service_days.delay()  # a second run reminds nobody twice
    assert len(_texts(sms_gateway, "service_day_reminder")) == 3
    assert len([r for r in sms_gateway.received
                if r.json()["template"] == "service_day_reminder"]) == 3


def test_staff_of_the_area_read_the_text_to_a_volunteer_without_an_account(sms_net, place):
    from tests.volunteers.conftest import join, make_volunteer

    rostered = make_volunteer("花名册志愿者", sms_net.v11, phone="13900000009")
    join(sms_net.team, rostered)
    with sms_net.commit():
        services.order_dispatch(place(), actor=sms_net.station_staff, team=sms_net.team)
    message = SmsMessage.objects.get(phone="13900000009")
    assert message.status == SmsStatus.SENT
    assert SmsMessage.objects.for_user(sms_net.station_staff).filter(pk=message.pk).exists()
    assert not SmsMessage.objects.for_user(sms_net.station_staff_other).filter(
        pk=message.pk).exists()
