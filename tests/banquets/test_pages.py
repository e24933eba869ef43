"""The banquets pages: who opens which, what each shows, and the writes they make."""

import datetime

import pytest

from banquets import services
from banquets.models import Booking, Status, ViolationRecord
from tests.banquets.conftest import make_request

pytestmark = pytest.mark.django_db

FLAG = "村委会不予支持"


@pytest.fixture
def booking(net, canteen):
    return services.booking_create(household=net.h11, canteen=canteen, request=make_request(),
                                   actor=net.villager)


@pytest.fixture
def flagged(net, today):
    return services.violation_record(
        household=net.h11, actor=net.station_staff, event_date=today - datetime.timedelta(days=5),
        rule="tables", description="婚宴摆席15桌", support_withheld_until=today +
        datetime.timedelta(days=100))


def form_data(canteen, soon, **kw):
    data = {"canteen": canteen.pk, "occasion": "wedding", "kind": "banquet",
            "date": soon.isoformat(), "tables": 8, "dishes_per_table": 6, "gift_limit": 100,
            "formal_meals": 1}
    data.update(kw)
    return data


def test_the_booking_form_shows_the_villages_rules(net, web, canteen, banner_rules):
    r = web(net.villager).get("/banquets/")
    assert r.status_code == 200
    html = r.content.decode()
    assert "每桌菜品不超过6个" in html and "沃德嘎查合约食堂" in html
    assert 'data-check-url="/api/banquets/check/"' in html


def test_a_villager_books_through_the_form(net, web, canteen, soon):
    r = web(net.villager).post("/banquets/", form_data(canteen, soon))
    assert r.status_code == 302 and r.url == "/banquets/mine/"
    booking = Booking.objects.get()
    assert booking.household == net.h11 and booking.fee == 320


def test_the_form_shows_every_broken_rule(net, web, canteen, soon):
    r = web(net.villager).post("/banquets/", form_data(canteen, soon, occasion="birthday",
                                                        tables=11, dishes_per_table=7))
    html = r.content.decode()
    assert r.status_code == 200
    assert "不办酒席，只可办茶话会" in html and "酒席不得超过10桌" in html
    assert "每桌菜品不得超过6个" in html
    assert Booking.objects.count() == 0


def test_a_full_canteen_is_reported_on_the_form(net, web, canteen, soon):
    client = web(net.villager)
    client.post("/banquets/", form_data(canteen, soon, tables=10))
    client.post("/banquets/", form_data(canteen, soon, tables=10))
    r = client.post("/banquets/", form_data(canteen, soon, tables=1))
    assert r.status_code == 200 and "只剩0桌" in r.content.decode()


def test_my_bookings_and_cancel(net, web, booking, canteen):
    other = services.booking_create(household=net.h12, canteen=canteen,
                                    request=make_request(), actor=net.villager_b)
    client = web(net.villager)
    html = client.get("/banquets/mine/").content.decode()
    assert f"/banquets/bookings/{booking.pk}/cancel/" in html
    assert f"/banquets/bookings/{other.pk}/" not in html
    assert client.post(f"/banquets/bookings/{other.pk}/cancel/").status_code == 404
    assert client.post(f"/banquets/bookings/{booking.pk}/cancel/",
                       {"reason": "改期"}).status_code == 302
    booking.refresh_from_db()
    assert booking.status == Status.CANCELLED
    assert f"/banquets/bookings/{booking.pk}/cancel/" not in client.get(
        "/banquets/mine/").content.decode()


@pytest.mark.parametrize(
    ("who", "code"),
    [("villager", 403), ("volunteer", 403), ("station_staff", 200), ("township_staff", 200),
     ("reviewer", 200), ("leader", 200)],
)
def test_who_opens_the_approval_queue(net, web, who, code):
    assert web(getattr(net, who)).get("/banquets/queue/").status_code == code


def test_the_queue_shows_the_flag_and_the_council_approves(net, web, booking, flagged):
    client = web(net.station_staff)
    html = client.get("/banquets/queue/").content.decode()
    assert "包金山" in html and FLAG in html
    r = client.post(f"/banquets/bookings/{booking.pk}/approve/")
    assert r.status_code == 302
    booking.refresh_from_db()
    assert booking.status == Status.APPROVED


def test_the_queue_offers_the_moves_the_booking_allows_now(net, web, booking, today):
    client = web(net.station_staff)
    url = f"/banquets/bookings/{booking.pk}/"

    def offered():
        html = client.get("/banquets/queue/").content.decode()
        return {verb for verb in ("approve", "reject", "held", "cancel") if f"{url}{verb}/" in html}

    assert offered() == {"approve", "reject", "cancel"}
    services.booking_approve(booking, actor=net.station_staff)
    assert offered() == {"cancel"}
    Booking.objects.filter(pk=booking.pk).update(date=today)
    assert offered() == {"held", "cancel"}


def test_the_queue_is_scoped_and_readers_cannot_act(net, web, booking):
    assert "包金山" not in web(net.station_staff_other).get("/banquets/queue/").content.decode()
    html = web(net.reviewer).get("/banquets/queue/").content.decode()
    assert "包金山" in html and "/approve/" not in html
    assert web(net.reviewer).post(f"/banquets/bookings/{booking.pk}/approve/").status_code == 403
    assert web(net.station_staff_other).post(
        f"/banquets/bookings/{booking.pk}/approve/").status_code == 404


def test_a_villager_cannot_decide_on_their_own_booking(net, web, booking):
    r = web(net.villager).post(f"/banquets/bookings/{booking.pk}/approve/")
    assert r.status_code == 403
    assert "无权访问" in r.content.decode()
    booking.refresh_from_db()
    assert booking.status == Status.SUBMITTED


def test_a_page_for_another_role_is_the_403_page(net, web):
    r = web(net.villager).get("/banquets/queue/")
    assert r.status_code == 403 and "无权访问" in r.content.decode()


def test_a_bad_move_is_a_message_not_an_error(net, web, booking):
    client = web(net.station_staff)
    client.post(f"/banquets/bookings/{booking.pk}/reject/", {"reason": ""})
    booking.refresh_from_db()
    assert booking.status == Status.SUBMITTED
    r = client.get("/banquets/queue/")
    assert "请填写驳回理由" in r.content.decode()
    services.booking_cancel(booking, actor=net.villager, reason="改期")
    assert client.post(f"/banquets/bookings/{booking.pk}/approve/").status_code == 302
    assert "当前状态为“已取消”，不能执行此操作。" in client.get("/banquets/queue/").content.decode()


def test_the_calendar_shows_tables_left_without_names_to_villagers(net, web, booking, canteen):
    month = booking.date.strftime("%Y-%m")
    html = web(net.villager_b).get(
        f"/banquets/calendar/?canteen={canteen.pk}&month={month}").content.decode()
    assert f'data-date="{booking.date:%Y-%m-%d}"' in html
    assert "剩12桌" in html
    assert "包金山" not in html
    staff = web(net.station_staff).get(
        f"/banquets/calendar/?canteen={canteen.pk}&month={month}").content.decode()
    assert "包金山" in staff


def test_a_canteen_outside_scope_is_404_on_the_calendar(net, web, canteen_v21):
    assert web(net.villager).get(
        f"/banquets/calendar/?canteen={canteen_v21.pk}").status_code == 404


def test_the_violation_register_records_and_lists(net, web, today):
    client = web(net.station_staff)
    r = client.post("/banquets/violations/", {
        "household_number": "T1V1-0001", "event_date": today.isoformat(), "rule": "gift_limit",
        "description": "礼金每份500元", "support_withheld_until": (
            today + datetime.timedelta(days=30)).isoformat()})
    assert r.status_code == 302
    assert ViolationRecord.objects.get().household == net.h11
    html = client.get("/banquets/violations/").content.decode()
    assert "礼金每份500元" in html and FLAG in html
    outside = client.post("/banquets/violations/", {
        "household_number": "T2V1-0001", "event_date": today.isoformat(), "rule": "gift_limit",
        "description": "x", "support_withheld_until": today.isoformat()})
    assert outside.status_code == 200 and ViolationRecord.objects.count() == 1
    assert web(net.villager).get("/banquets/violations/").status_code == 403
    assert web(net.reviewer).post("/banquets/violations/", {}).status_code == 403


def test_the_printable_notice(net, web, banner_rules, canteen):
    html = web(net.villager).get("/banquets/notice/").content.decode()
    assert "沃德嘎查" in html and "每桌菜品不超过6个" in html and "沃德嘎查合约食堂" in html
    assert web(net.villager).get(f"/banquets/notice/?village={net.v21.pk}").status_code == 404
    staff = web(net.township_staff).get(f"/banquets/notice/?village={net.v12.pk}")
    assert staff.status_code == 200 and "伊胡塔嘎查" in staff.content.decode()


def test_the_admin_shows_the_flag_and_checks_the_rules(net, web, booking, flagged, canteen,
                                                       soon):
    client = web(net.station_staff)
    html = client.get("/admin/banquets/booking/").content.decode()
    assert FLAG in html
    r = client.post("/admin/banquets/booking/add/", {
        "household": net.h11.pk, "canteen": canteen.pk, "occasion": "full_month",
        "kind": "banquet", "date": soon.isoformat(), "tables": 12, "dishes_per_table": 6,
        "gift_limit": 100, "formal_meals": 1})
    assert r.status_code == 200
    assert "满月" in r.content.decode() and "酒席不得超过10桌" in r.content.decode()
    r = client.post("/admin/banquets/booking/add/", {
        "household": net.h11.pk, "canteen": canteen.pk, "occasion": "wedding",
        "kind": "banquet", "date": soon.isoformat(), "tables": 5, "dishes_per_table": 6,
        "gift_limit": 100, "formal_meals": 1})
    assert r.status_code == 302
    assert Booking.objects.count() == 2


def test_pages_keep_a_fixed_query_count(net, web, canteen, django_assert_max_num_queries):
    for n in range(6):
        services.booking_create(household=net.h11, canteen=canteen,
                                request=make_request(tables=1 + n % 2), actor=net.villager)
    client = web(net.station_staff)
    client.get("/banquets/queue/")
    with django_assert_max_num_queries(12):
        assert client.get("/banquets/queue/").status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(f"/banquets/calendar/?canteen={canteen.pk}").status_code == 200


def test_the_notice_lists_the_villages_with_their_townships_in_constant_queries(net, web):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from practice.models import Level, SiteKind, Unit

    client = web(net.banner_admin)

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            html = client.get("/banquets/notice/").content.decode()
        return len(ctx.captured_queries), html

    before, html = queries()
    assert "查日苏镇 沃德嘎查" in html
    for i in range(5):
        Unit.objects.create(code=f"T1N{i}", name=f"新嘎查{i}", level=Level.VILLAGE,
                            site_kind=SiteKind.STATION, parent=net.t1)
    after, html = queries()
    assert after == before and "查日苏镇 新嘎查4" in html
