"""Dates are bounded to what the domain allows, with Chinese messages, never a 500.

* a canteen booking: from today to twelve months ahead (the API, the form and the admin ask
  the same service), and a booking written past that before cannot be approved;
* an order's preferred time: from now to ninety days ahead (the API and the form);
* a ``month=YYYY-MM`` the pages show: from 2000-01 to December of next year. A page shows this
  month with a message (200) for any other month; the API answers 400 naming ``month``.
Every page and API list of the role × scope matrix, given far ``month``, ``year``, ``from`` and
``to`` values, answers below 500.
"""

import datetime

import pytest
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from banquets.models import Booking, Status
from tests.platform import endpoints
from tests.platform.matrix_table import API, PAGES
from tests.platform.test_role_scope_matrix import undone

pytestmark = pytest.mark.django_db

FAR = ["9999-12", "0001-01", "1999-12", "2026-13", "99999-01"]
MONTH_MESSAGE = "请按 YYYY-MM 填写"
BOOKING_MESSAGE = "最多只能提前 12 个月预订"


def _web(user):
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def _api(user):
    client = APIClient(raise_request_exception=False)
    client.force_authenticate(user)
    return client


# --- months of calendars, statistics and reports ---------------------------------------------
@pytest.mark.parametrize("path", ["/banquets/calendar/", "/volunteers/service-days/",
                                  "/points/statistics/"])
@pytest.mark.parametrize("month", FAR)
def test_a_month_out_of_range_shows_this_month_with_a_message(world, path, month):
    response = undone(lambda: _web(world.net.township_staff).get(path, {"month": month}))
    assert response.status_code == 200, response.content[:300]
    page = response.content.decode()
    assert MONTH_MESSAGE in page
    assert timezone.localdate().strftime("%Y") in page


@pytest.mark.parametrize("path", ["/banquets/calendar/", "/volunteers/service-days/",
                                  "/points/statistics/"])
def test_a_month_in_range_is_shown_without_a_message(world, path):
    last = datetime.date(timezone.localdate().year + 1, 12, 1).strftime("%Y-%m")
    for month in ("2000-01", last):
        response = undone(lambda month=month: _web(world.net.township_staff).get(
            path, {"month": month}))
        assert response.status_code == 200
        assert MONTH_MESSAGE not in response.content.decode(), month


@pytest.mark.parametrize("month", FAR)
def test_the_service_day_gaps_api_refuses_a_month_out_of_range(world, month):
    response = _api(world.net.township_staff).get("/api/activities/service-day-gaps/",
                                                   {"month": month})
    assert response.status_code == 400
    assert MONTH_MESSAGE in response.json()["month"][0]


def _gets(table):
    for key, row in sorted(table.items()):
        method, name = key.split(" ", 1)
        if method == "GET" and row.statuses()["banner_admin"][0] == 200:
            yield key, row, name


FAR_QUERIES = [{"month": "9999-12"}, {"month": "0001-01"}, {"year": "9999"}, {"year": "1"},
               {"year": "10000"}, {"from": "0001-01-01", "to": "9999-12-31"},
               {"date_from": "0001-01-01", "date_to": "9999-12-31"}]


def test_far_months_years_and_dates_never_give_a_server_error(world):
    problems = []
    for kind, table in (("web", PAGES), ("api", API)):
        for key, row, name in _gets(table):
            url = endpoints.url_of(world, name, row, "in")
            base = row.query(world, "in") if row.query else {}
            for query in FAR_QUERIES:
                client = (_web if kind == "web" else _api)(world.net.banner_admin)
                params = {**base, **query}
                response = undone(lambda client=client, url=url, params=params: client.get(
                    url, params))
                if response.status_code >= 500:
                    problems.append(f"{key} {query}: {response.status_code}")
    assert not problems, "\n".join(problems)


# --- canteen bookings ------------------------------------------------------------------------
def _a_year_on(day):
    """The same day next year (28 February for 29 February)."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def _booking(world, date, **extra):
    return {"canteen": world.canteen_in.pk, "household": world.household_in.pk,
            "occasion": "wedding", "kind": "banquet", "date": date, "tables": 5,
            "dishes_per_table": 6, "gift_limit": 100, "formal_meals": 1, **extra}


@pytest.mark.parametrize("url", ["/api/banquets/check/", "/api/banquets/bookings/"])
def test_the_api_refuses_a_booking_past_twelve_months(world, url):
    latest = _a_year_on(timezone.localdate())
    for date in ("9999-12-31", (latest + datetime.timedelta(days=1)).isoformat()):
        response = undone(lambda date=date: _api(world.net.villager).post(
            url, _booking(world, date), format="json"))
        if url.endswith("check/"):
            assert response.status_code == 200
            messages = [v["message"] for v in response.json()["violations"]]
            assert response.json()["ok"] is False
        else:
            assert response.status_code == 400, response.content[:300]
            messages = response.json()["date"]
        assert any(BOOKING_MESSAGE in m for m in messages), (date, messages)
    response = undone(lambda: _api(world.net.villager).post(
        "/api/banquets/check/", _booking(world, latest.isoformat(), tables=1), format="json"))
    assert not [v for v in response.json()["violations"] if v["field"] == "date"]


def test_the_booking_form_refuses_a_date_past_twelve_months(world):
    def post():
        return _web(world.net.villager).post("/banquets/", _booking(world, "9999-12-31"))

    response = undone(post)
    assert response.status_code == 200
    assert BOOKING_MESSAGE in response.content.decode()
    assert not Booking.objects.filter(date=datetime.date(9999, 12, 31)).exists()


def test_the_admin_refuses_a_booking_past_twelve_months(world):
    def post():
        return _web(world.net.banner_admin).post("/admin/banquets/booking/add/", {
            **_booking(world, "9999-12-31"),
            "events-TOTAL_FORMS": 0, "events-INITIAL_FORMS": 0})

    response = undone(post)
    assert response.status_code == 200
    assert BOOKING_MESSAGE in response.content.decode()


def test_a_booking_written_past_twelve_months_cannot_be_approved(world):
    def approve():
        Booking.objects.filter(pk=world.booking_in.pk).update(date=datetime.date(9999, 12, 31))
        response = _api(world.net.station_staff).post(
            f"/api/banquets/bookings/{world.booking_in.pk}/approve/")
        return response, Booking.objects.get(pk=world.booking_in.pk).status

    response, status = undone(approve)
    assert response.status_code == 400
    assert BOOKING_MESSAGE in response.json()["date"][0]
    assert status == Status.SUBMITTED


# --- an order's preferred time ---------------------------------------------------------------
def _order_times():
    now = timezone.localtime()
    return {
        "1900-01-01T09:00": "期望时间已过",
        (now - datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"): "期望时间已过",
        (now + datetime.timedelta(days=91)).strftime("%Y-%m-%dT%H:%M"): "90 天内",
        "9999-12-31T23:59": "90 天内",
    }


def test_the_api_refuses_a_preferred_time_out_of_range(world):
    for when, message in _order_times().items():
        response = undone(lambda when=when: _api(world.net.villager).post("/api/orders/", {
            "service_item": world.item_in.pk, "description": "修电视", "preferred_time": when,
        }, format="json"))
        assert response.status_code == 400, (when, response.content[:300])
        assert message in response.json()["preferred_time"][0], when
    soon = (timezone.localtime() + datetime.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    response = undone(lambda: _api(world.net.villager).post("/api/orders/", {
        "service_item": world.item_in.pk, "description": "修电视", "preferred_time": soon,
    }, format="json"))
    assert response.status_code == 201


def test_the_order_form_refuses_a_preferred_time_out_of_range(world):
    for when, message in _order_times().items():
        response = undone(lambda when=when: _web(world.net.villager).post("/volunteers/order/", {
            "service_item": world.item_in.pk, "description": "修电视", "preferred_time": when,
        }))
        assert response.status_code == 200, when
        assert message in response.content.decode(), when
