"""红白事简办节省金额 by occasion: a wedding is not a tea party. The assumptions are shown beside
the figure, the banner's administrators correct them, and the dashboard reads them as they are."""

import datetime
from decimal import Decimal

import pytest

from banquets import services
from banquets.models import Booking, SavingsAssumption
from tests.banquets.conftest import make_request

pytestmark = pytest.mark.django_db


def held(net, canteen, *, occasion, kind, tables, gift_limit=0):
    booking = services.booking_create(
        household=net.h11, canteen=canteen, actor=net.villager,
        request=make_request(occasion=occasion, kind=kind, tables=tables,
                             gift_limit=gift_limit))
    services.booking_approve(booking, actor=net.station_staff)
    Booking.objects.filter(pk=booking.pk).update(date=datetime.date.today())
    return services.booking_held(booking, actor=net.station_staff, tables_used=tables)


def test_each_occasion_saves_by_its_own_assumption(net, canteen, banner_rules):
    wedding = held(net, canteen, occasion="wedding", kind="banquet", tables=8)
    tea = held(net, canteen, occasion="school_admission", kind="tea_party", tables=2)
    # wedding: 25 × (800 + 10 × 100) = 45 000; school admission: 12 × (500 + 10 × 50) = 12 000
    assert wedding.cost_without_rules == Decimal("45000")
    assert tea.cost_without_rules == Decimal("12000")
    assert wedding.savings > tea.savings > 0


def test_an_event_never_saves_less_than_nothing(net, canteen, banner_rules):
    SavingsAssumption.objects.filter(occasion="birthday").update(
        usual_tables=1, usual_cost_per_table=10, usual_gift_per_guest=0)
    booking = held(net, canteen, occasion="birthday", kind="tea_party", tables=3)
    assert booking.savings == 0


def test_the_dashboard_reads_the_assumptions_as_they_are_now(net, canteen, banner_rules, api):
    held(net, canteen, occasion="wedding", kind="banquet", tables=8)  # under the rules 4 320
    SavingsAssumption.objects.filter(occasion="wedding").update(
        usual_tables=20, usual_cost_per_table=600, usual_gift_per_guest=50)  # 22 000
    year = datetime.date.today().year
    data = api(net.leader).get(f"/api/dashboard/summary/?year={year}").json()
    total = next(t for t in data["totals"] if t["code"] == "banquets.savings_yuan")
    # 8 tables × 500 + no gifts + fee 8 × 40 = 4 320 under the rules
    assert Decimal(str(total["value"])) == Decimal("22000") - Decimal("4320")
    meta = next(i for i in data["indicators"] if i["code"] == "banquets.savings_yuan")
    assert meta["details_url"] == "/banquets/savings/"


def test_the_assumptions_are_shown_beside_the_figure(net, web):
    dashboard = web(net.leader).get("/reports/").content.decode()
    assert 'href="/banquets/savings/"' in dashboard and "估算方法" in dashboard
    page = web(net.leader).get("/banquets/savings/").content.decode()
    assert page.count("<tr data-occasion=") == 9
    assert "婚礼" in page and "45000" in page
    assert "/admin/banquets/savingsassumption/" not in page  # a leader reads, does not edit


def test_the_banners_administrators_correct_them_and_nobody_else(net, web):
    wedding = SavingsAssumption.objects.get(occasion="wedding")
    url = f"/admin/banquets/savingsassumption/{wedding.pk}/change/"
    form = {"usual_tables": 18, "usual_cost_per_table": 700, "usual_gift_per_guest": 80,
            "basis": "2026 年入户调查"}
    assert web(net.township_staff).post(url, form).status_code == 403
    wedding.refresh_from_db()
    assert wedding.usual_tables == 25
    assert "/admin/banquets/savingsassumption/" in web(net.banner_admin).get(
        "/banquets/savings/").content.decode()
    assert web(net.banner_admin).post(url, form).status_code == 302
    wedding.refresh_from_db()
    assert (wedding.usual_tables, wedding.basis) == (18, "2026 年入户调查")
    assert web(net.banner_admin).get(
        "/admin/banquets/savingsassumption/add/").status_code == 403
