"""The bookings API: create, 400 naming every broken field, 409 when full, the flow by role."""

import pytest

from banquets import services
from banquets.models import Booking, Status
from tests.banquets.conftest import body, make_request

pytestmark = pytest.mark.django_db


def create(client, canteen, **kw):
    return client.post("/api/banquets/bookings/", body(canteen, **kw), format="json")


def test_a_villager_books_for_their_household(net, api, canteen):
    r = create(api(net.villager), canteen, tables=10)
    assert r.status_code == 201, r.content
    data = r.json()
    assert data["status"] == "submitted" and data["fee"] == "400.00"
    assert data["household"] == net.h11.pk
    assert data["id"] == Booking.objects.get().pk
    other = create(api(net.villager), canteen, household=net.h12.pk)
    assert other.status_code == 400 and "household" in other.json()


def test_staff_book_for_a_household_they_name(net, api, canteen):
    r = create(api(net.station_staff), canteen, household=net.h11.pk)
    assert r.status_code == 201, r.content
    assert create(api(net.station_staff), canteen).json() == {"household": ["请选择农户"]}
    outside = create(api(net.station_staff), canteen, household=net.h21.pk)
    assert outside.status_code == 400 and "household" in outside.json()


def test_the_400_names_the_field_of_every_broken_rule(net, api, canteen):
    r = create(api(net.villager), canteen, occasion="birthday", kind="banquet", tables=11,
               dishes_per_table=7, gift_limit=201)
    assert r.status_code == 400
    assert r.json() == {
        "kind": ["寿宴（生日）不办酒席，只可办茶话会"],
        "tables": ["酒席不得超过10桌"],
        "dishes_per_table": ["每桌菜品不得超过6个"],
        "gift_limit": ["礼金不得超过200元"],
    }
    r = create(api(net.villager), canteen, occasion="relocation", kind="tea_party")
    assert r.status_code == 400 and list(r.json()) == ["occasion"]
    assert Booking.objects.count() == 0


def test_a_tea_party_for_a_school_admission_is_booked(net, api, canteen):
    r = create(api(net.villager), canteen, occasion="school_admission", kind="tea_party",
               tables=3)
    assert r.status_code == 201 and r.json()["kind"] == "tea_party"


def test_a_full_canteen_answers_409(net, api, canteen):
    client = api(net.villager)
    assert create(client, canteen, tables=10).status_code == 201
    assert create(client, canteen, tables=9).status_code == 201
    r = create(client, canteen, tables=2)
    assert r.status_code == 409
    assert r.json()["code"] == "canteen_full" and r.json()["tables_left"] == 1
    assert Booking.objects.count() == 2


def test_a_canteen_outside_the_villagers_township_is_a_400(net, api, canteen_v21):
    r = create(api(net.villager), canteen_v21)
    assert r.status_code == 400 and "canteen" in r.json()


@pytest.mark.parametrize(
    ("who", "code"),
    [("villager", 201), ("station_staff", 201), ("township_staff", 201),
     ("banner_admin", 201), ("volunteer", 403), ("reviewer", 403), ("leader", 403),
     ("township_leader", 403)],
)
def test_who_may_book(net, api, canteen, who, code):
    household = None if who == "villager" else net.h11.pk
    r = create(api(getattr(net, who)), canteen, household=household)
    assert r.status_code == code, r.content


@pytest.fixture
def booking(net, canteen):
    return services.booking_create(household=net.h11, canteen=canteen,
                                   request=make_request(), actor=net.villager)


@pytest.mark.parametrize(
    ("who", "code"),
    [("villager", 200), ("villager_b", 404), ("villager_other", 404), ("volunteer", 403),
     ("station_staff", 200), ("station_staff_other", 404), ("township_staff", 200),
     ("township_staff_other", 404), ("township_leader", 200), ("leader", 200),
     ("reviewer", 200), ("banner_admin", 200)],
)
def test_who_may_read_a_booking(net, api, booking, who, code):
    assert api(getattr(net, who)).get(f"/api/banquets/bookings/{booking.pk}/").status_code == code


@pytest.mark.parametrize(
    ("who", "code"),
    [("villager", 403), ("volunteer", 403), ("reviewer", 403), ("leader", 403),
     ("station_staff_other", 404), ("township_staff_other", 404), ("station_staff", 200),
     ("township_staff", 200), ("banner_admin", 200)],
)
def test_who_may_approve(net, api, booking, who, code):
    r = api(getattr(net, who)).post(f"/api/banquets/bookings/{booking.pk}/approve/")
    assert r.status_code == code, r.content
    booking.refresh_from_db()
    assert booking.status == (Status.APPROVED if code == 200 else Status.SUBMITTED)


def test_the_council_rejects_with_a_reason(net, api, booking):
    client = api(net.station_staff)
    r = client.post(f"/api/banquets/bookings/{booking.pk}/reject/", {}, format="json")
    assert r.status_code == 400 and "reason" in r.json()
    r = client.post(f"/api/banquets/bookings/{booking.pk}/reject/", {"reason": "当日食堂检修"},
                    format="json")
    assert r.status_code == 200 and r.json()["status"] == "rejected"
    assert r.json()["reason"] == "当日食堂检修"
    again = client.post(f"/api/banquets/bookings/{booking.pk}/approve/")
    assert again.status_code == 409


@pytest.mark.parametrize(("first", "then"), [("approve", "approve"), ("approve", "reject"),
                                             ("cancel", "approve"), ("reject", "cancel"),
                                             ("cancel", "held")])
def test_a_refused_move_answers_409_with_the_status_it_has_now(net, api, booking, first, then):
    client = api(net.station_staff)
    done = client.post(f"/api/banquets/bookings/{booking.pk}/{first}/", {"reason": "检修"},
                       format="json")
    now = done.json()["status"]
    r = client.post(f"/api/banquets/bookings/{booking.pk}/{then}/", {"reason": "x", "tables": 1},
                    format="json")
    assert r.status_code == 409
    assert r.json() == {"code": "invalid_transition", "status": now,
                        "detail": f"当前状态为“{done.json()['status_display']}”，不能执行此操作。"}
    assert [e.to_status for e in booking.events.all()] == ["submitted", now]


def test_held_needs_the_tables_used_and_the_day(net, api, booking, today):
    client = api(net.station_staff)
    client.post(f"/api/banquets/bookings/{booking.pk}/approve/")
    r = client.post(f"/api/banquets/bookings/{booking.pk}/held/", {"tables": 6}, format="json")
    assert r.status_code == 409
    assert r.json()["code"] == "invalid_transition" and r.json()["status"] == "approved"
    Booking.objects.filter(pk=booking.pk).update(date=today)
    assert client.post(f"/api/banquets/bookings/{booking.pk}/held/", {},
                       format="json").status_code == 400
    r = client.post(f"/api/banquets/bookings/{booking.pk}/held/", {"tables": 6}, format="json")
    assert r.status_code == 200
    assert r.json()["status"] == "held" and r.json()["tables_used"] == 6
    assert r.json()["fee"] == "240.00" and float(r.json()["savings"]) > 0


@pytest.mark.parametrize(
    ("who", "code"),
    [("villager", 200), ("villager_b", 404), ("volunteer", 403), ("reviewer", 403),
     ("station_staff", 200), ("station_staff_other", 404)],
)
def test_who_may_cancel(net, api, booking, who, code):
    r = api(getattr(net, who)).post(f"/api/banquets/bookings/{booking.pk}/cancel/",
                                 {"reason": "改期"}, format="json")
    assert r.status_code == code, r.content


def test_lists_are_scoped_and_show_the_flag(net, api, canteen, canteen_v21, booking):
    other = services.booking_create(
        household=net.h21, canteen=canteen_v21,
        request=make_request(),
        actor=net.villager_other)
    services.violation_record(household=net.h11, actor=net.station_staff,
                              event_date=booking.date.replace(year=2025), rule="gift_limit",
                              description="礼金超标", support_withheld_until=booking.date)

    def ids(user):
        r = api(user).get("/api/banquets/bookings/")
        assert r.status_code == 200
        return {row["id"]: row["support_withheld"] for row in r.json()["results"]}

    assert ids(net.villager) == {booking.pk: True}
    assert ids(net.station_staff) == {booking.pk: True}
    assert ids(net.township_staff_other) == {other.pk: False}
    assert set(ids(net.leader)) == {booking.pk, other.pk}
    assert ids(net.villager_b) == {}


def test_the_list_runs_a_fixed_number_of_queries(net, api, canteen, django_assert_max_num_queries):
    for n in range(5):
        services.booking_create(household=net.h11, canteen=canteen,
                                request=make_request(tables=1 + n % 3), actor=net.villager)
    client = api(net.township_staff)
    with django_assert_max_num_queries(5):
        r = client.get("/api/banquets/bookings/")
    assert r.json()["count"] == 5


def test_filters_by_status(net, api, booking):
    client = api(net.station_staff)
    assert client.get("/api/banquets/bookings/?status=submitted").json()["count"] == 1
    assert client.get("/api/banquets/bookings/?status=held").json()["count"] == 0
    assert client.get("/api/banquets/bookings/?status=nonsense").status_code == 400
