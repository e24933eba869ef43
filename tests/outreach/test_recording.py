import datetime

import pytest
from django.utils import timezone

from outreach import services
from practice.exceptions import Conflict, Forbidden, InvalidInput
from tests.outreach.conftest import past_stop, plan, png, stop_data
from volunteers.models import ActivityStatus

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_a_stop_is_recorded_with_its_figures_photos_and_activity(onet):
    stop = past_stop(onet)
    services.stop_record(
        stop, actor=onet.township_staff, people_served=35,
        given={onet.haircut.pk: 12, onet.checkup.pk: 30}, photos=[png(), png("b.png")],
        activity_title="流动驿站进嘎查义诊", activity_unit="village")
    stop.refresh_from_db()
    assert stop.status == "done" and stop.people_served == 35
    assert {g.service_item.name: g.count for g in stop.given.all()} == {"理发": 12, "量血压": 30}
    assert stop.photos.count() == 2
    activity = stop.activities.get()
    assert activity.unit == onet.v11
    assert activity.status == ActivityStatus.HELD and activity.participants == 35


def test_the_posts_staff_hold_the_activity_at_the_post(onet):
    stop = past_stop(onet)
    services.stop_record(stop, actor=onet.post_staff, people_served=5,
                         activity_title="政策宣讲")
    activity = stop.activities.get()
    assert activity.unit == onet.m1
    assert list(activity.teams.all()) == [] or activity.teams.get() == onet.team


def test_a_done_stop_may_be_corrected(onet):
    stop = past_stop(onet)
    services.stop_record(stop, actor=onet.township_staff, people_served=10,
                         given={onet.haircut.pk: 3})
    services.stop_record(stop, actor=onet.township_staff, people_served=12,
                         given={onet.checkup.pk: 4})
    stop.refresh_from_db()
    assert stop.people_served == 12
    assert [(g.service_item, g.count) for g in stop.given.all()] == [(onet.checkup, 4)]


@pytest.mark.parametrize("people", [-1, "十", None, "", 10**9])
def test_people_served_must_be_a_whole_number_not_negative(onet, people):
    with pytest.raises(InvalidInput) as e:
        services.stop_record(past_stop(onet), actor=onet.township_staff, people_served=people)
    assert e.value.field == "people_served"


def test_counts_must_be_whole_and_of_the_menu(onet):
    stop = past_stop(onet)
    with pytest.raises(InvalidInput):
        services.stop_record(stop, actor=onet.township_staff, people_served=1,
                             given={onet.haircut.pk: -3})
    with pytest.raises(InvalidInput):
        services.stop_record(stop, actor=onet.township_staff, people_served=1,
                             given={onet.other_item.pk: 3})


def test_at_most_six_photos_and_only_pictures(onet):
    stop = past_stop(onet)
    with pytest.raises(InvalidInput):
        services.stop_record(stop, actor=onet.township_staff, people_served=1,
                             photos=[png(f"{i}.png") for i in range(7)])
    from django.core.files.uploadedfile import SimpleUploadedFile

    with pytest.raises(InvalidInput):
        services.stop_record(stop, actor=onet.township_staff, people_served=1,
                             photos=[SimpleUploadedFile("x.png", b"not a picture")])


def test_a_stop_not_yet_started_is_not_recorded_done(onet):
    round_ = plan(onet, [stop_data(onet)])
    with pytest.raises(Conflict):
        services.stop_record(round_.stops.get(), actor=onet.township_staff, people_served=3)


def test_cancelling_needs_a_reason_and_ends_the_stop(onet):
    stop = past_stop(onet)
    with pytest.raises(InvalidInput):
        services.stop_cancel(stop, actor=onet.township_staff, reason=" ")
    services.stop_cancel(stop, actor=onet.township_staff, reason="车辆故障")
    stop.refresh_from_db()
    assert stop.status == "cancelled" and stop.cancel_reason == "车辆故障"
    with pytest.raises(Conflict):
        services.stop_record(stop, actor=onet.township_staff, people_served=3)


@pytest.mark.parametrize("who", ["township_staff_other", "station_staff", "leader"])
def test_others_may_not_record(onet, who):
    with pytest.raises(Forbidden):
        services.stop_record(past_stop(onet), actor=getattr(onet, who), people_served=3)


def test_the_monthly_indicators_count_stops_made_and_people_served(onet):
    from practice.indicators import Period, evaluate

    stop = past_stop(onet, days_ago=0) if timezone.localtime().hour >= 11 else past_stop(onet)
    services.stop_record(stop, actor=onet.township_staff, people_served=40)
    cancelled = past_stop(onet, days_ago=2)
    services.stop_cancel(cancelled, actor=onet.township_staff, reason="下雨")
    day = stop.date
    period = Period.month(day.year, day.month)
    result = evaluate(period, [onet.t1, onet.t2, onet.banner],
                      ["outreach.stops_made", "outreach.people_served"])
    assert result[onet.t1.pk] == {"outreach.stops_made": 1, "outreach.people_served": 40}
    assert result[onet.t2.pk] == {"outreach.stops_made": 0, "outreach.people_served": 0}
    assert result[onet.banner.pk]["outreach.people_served"] == 40
    assert datetime.date.today()  # the period is the stop's own month
