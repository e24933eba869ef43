"""Hours = time present rounded to the nearest quarter hour (half up), capped by the length;
verified and staff-entered hours are kept apart and deposited in the time bank once."""

from datetime import timedelta
from decimal import Decimal

import pytest

from practice.exceptions import Conflict
from volunteers import activity_services, services
from volunteers.models import Attendance, EntryKind, HoursSource, TimeBankEntry

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("minutes", "hours"), [
    (0, "0.00"), (7, "0.00"), (7.5, "0.25"), (22, "0.25"), (22.5, "0.50"), (52, "0.75"),
    (53, "1.00"), (60, "1.00"), (97.5, "1.75"),
])
def test_time_present_is_rounded_to_the_nearest_quarter_half_up(minutes, hours):
    assert activity_services.round_to_quarter(timedelta(minutes=minutes)) == Decimal(hours)


def _in_out(vnet, act, token, minutes, start_offset=0):
    t0 = act.starts_at + timedelta(minutes=start_offset)
    activity_services.attendance_check_in(act, actor=vnet.volunteer, token=token, at=t0)
    return activity_services.attendance_check_out(act, actor=vnet.volunteer, token=token,
                                                  at=t0 + timedelta(minutes=minutes))


def test_qr_check_in_and_out_give_verified_hours_in_the_time_bank(vnet, act, token):
    att = _in_out(vnet, act, token, 68)  # 1 h 08 min → 1.25 h
    assert att.hours == Decimal("1.25") and att.hours_source == HoursSource.VERIFIED
    entry = TimeBankEntry.objects.get(account__volunteer=vnet.vol)
    assert entry.kind == EntryKind.ACTIVITY and entry.hours == Decimal("1.25")
    assert (entry.source_type, entry.source_id) == ("attendance", att.pk)
    assert services.balance_of(vnet.vol) == Decimal("1.25")


def test_hours_are_capped_by_the_activitys_length(vnet, act, token):
    att = _in_out(vnet, act, token, 200, start_offset=-30)  # 3 h 20 min at a 2-hour activity
    assert att.hours == Decimal("2.00")
    assert services.balance_of(vnet.vol) == Decimal("2.00")


def test_the_cap_is_the_exact_length_when_it_is_not_a_whole_quarter(vnet, plan):
    act = plan()
    act.ends_at = act.starts_at + timedelta(minutes=100)
    act.save()
    token = activity_services.checkin_token(act)
    att = _in_out(vnet, act, token, 100)  # 100 min rounds to 1.75 h but the activity is 1.67 h
    assert att.hours == Decimal("1.67")


def test_checking_out_again_deposits_nothing_more(vnet, act, token):
    att = _in_out(vnet, act, token, 60)
    again = activity_services.attendance_check_out(act, actor=vnet.volunteer, token=token,
                                                   at=act.starts_at + timedelta(minutes=90))
    assert again.pk == att.pk and again.hours == Decimal("1.00")
    assert TimeBankEntry.objects.filter(account__volunteer=vnet.vol).count() == 1
    assert services.balance_of(vnet.vol) == Decimal("1.00")


def test_checking_in_twice_keeps_the_first_arrival(vnet, act, token):
    first = activity_services.attendance_check_in(act, actor=vnet.volunteer, token=token,
                                                  at=act.starts_at)
    second = activity_services.attendance_check_in(act, actor=vnet.volunteer, token=token,
                                                   at=act.starts_at + timedelta(minutes=30))
    assert first.pk == second.pk and second.checked_in_at == act.starts_at


def test_less_than_half_a_quarter_earns_nothing_and_deposits_nothing(vnet, act, token):
    att = _in_out(vnet, act, token, 5)
    assert att.hours == Decimal("0.00")
    assert not TimeBankEntry.objects.filter(account__volunteer=vnet.vol).exists()


def test_checking_out_without_checking_in_is_refused(vnet, act, token):
    with pytest.raises(Conflict):
        activity_services.attendance_check_out(act, actor=vnet.volunteer, token=token)


def test_staff_add_hours_for_a_volunteer_who_forgot_to_check_out(vnet, act, token):
    activity_services.attendance_check_in(act, actor=vnet.volunteer, token=token, at=act.starts_at)
    att = activity_services.attendance_add_hours(act, actor=vnet.station_staff, volunteer=vnet.vol,
                                                 hours="1.5", note="忘记签退")
    assert att.hours == Decimal("1.50") and att.hours_source == HoursSource.STAFF_ENTERED
    entry = TimeBankEntry.objects.get(account__volunteer=vnet.vol)
    assert entry.kind == EntryKind.STAFF_ENTERED and entry.source_id == att.pk
    # The volunteer's late check-out cannot add the hours a second time.
    with pytest.raises(Conflict):
        activity_services.attendance_check_out(act, actor=vnet.volunteer, token=token)
    with pytest.raises(Conflict):
        activity_services.attendance_add_hours(act, actor=vnet.station_staff, volunteer=vnet.vol,
                                               hours="1")
    assert services.balance_of(vnet.vol) == Decimal("1.50")


def test_staff_check_in_or_out_makes_the_hours_staff_entered(vnet, act, token):
    activity_services.attendance_check_in(act, actor=vnet.station_staff, volunteer=vnet.vol2,
                                          at=act.starts_at)
    att = activity_services.attendance_check_out(act, actor=vnet.station_staff, volunteer=vnet.vol2,
                                                 at=act.starts_at + timedelta(minutes=60))
    assert att.hours_source == HoursSource.STAFF_ENTERED
    assert TimeBankEntry.objects.get(account__volunteer=vnet.vol2).kind == EntryKind.STAFF_ENTERED
    activity_services.attendance_check_in(act, actor=vnet.volunteer, token=token, at=act.starts_at)
    att = activity_services.attendance_check_out(act, actor=vnet.station_staff, volunteer=vnet.vol,
                                                 at=act.starts_at + timedelta(minutes=60))
    assert att.hours_source == HoursSource.STAFF_ENTERED


def test_staff_entered_hours_are_capped_by_the_length_too(vnet, act):
    from practice.exceptions import InvalidInput

    with pytest.raises(InvalidInput) as e:
        activity_services.attendance_add_hours(act, actor=vnet.station_staff, volunteer=vnet.vol,
                                               hours="2.5")
    assert e.value.field == "hours"
    assert not Attendance.objects.exists()


def test_a_cancelled_activity_takes_no_check_in(vnet, plan):
    act = plan()
    activity_services.activity_cancel(act, actor=vnet.station_staff, reason="大风")
    with pytest.raises(Conflict):
        activity_services.attendance_check_in(act, actor=vnet.volunteer,
                                              token=activity_services.checkin_token(act))
