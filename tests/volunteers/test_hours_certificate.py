"""志愿服务时长证明: the hours the time bank recorded, printable by the volunteer and by staff
of their area; nobody else learns it exists."""

from decimal import Decimal

import pytest
from django.urls import reverse

from volunteers import selectors, services
from volunteers.models import EntryKind, Volunteer

pytestmark = pytest.mark.django_db


@pytest.fixture
def served(vnet):
    """vnet.vol: 1.5 h of an order, 2 h of an activity, 1 h entered by staff and reversed,
    and 0.5 h drawn for a household (spent, not unserved)."""
    vol = vnet.vol
    Volunteer.objects.filter(pk=vol.pk).update(political_status="league_member",
                                               employer="查日苏镇中心卫生院")
    services.timebank_deposit(vol, hours=Decimal("1.5"), kind=EntryKind.ORDER,
                              source_type="order", source_id=1)
    services.timebank_deposit(vol, hours=Decimal("2"), kind=EntryKind.ACTIVITY,
                              source_type="attendance", source_id=7)
    wrong = services.timebank_deposit(vol, hours=Decimal("1"), kind=EntryKind.STAFF_ENTERED,
                                      actor=vnet.station_staff)
    services.timebank_reverse(wrong, actor=vnet.station_staff, note="录错了")
    services.timebank_draw_for([vol], hours=Decimal("0.5"), source_type="order", source_id=2)
    return vol


def test_the_hours_are_what_the_volunteer_served(served):
    assert selectors.service_hours_of(served) == {
        "orders": Decimal("1.50"), "activities": Decimal("2.00"),
        "staff_entered": Decimal("0.00"), "total": Decimal("3.50")}
    assert selectors.timebank_balance(served) == Decimal("3.00")


def test_the_volunteer_prints_their_own_certificate(web, vnet, served):
    client = web(vnet.volunteer)
    bank = client.get(reverse("volunteers:time-bank")).content.decode()
    assert reverse("volunteers:certificate", args=[served.pk]) in bank
    r = client.get(reverse("volunteers:my-certificate"), follow=True)
    html = r.content.decode()
    assert r.status_code == 200
    assert "志愿服务时长证明" in html
    assert 'id="total-hours">3.50' in html
    assert "共青团员" in html and "查日苏镇中心卫生院" in html
    assert "certificate.css" in html  # the A4 print sheet


@pytest.mark.parametrize(("who", "status"), [
    ("station_staff", 200), ("township_staff", 200), ("banner_admin", 200), ("leader", 200),
    ("station_staff_other", 404), ("township_staff_other", 404), ("villager", 404),
    ("volunteer2", 404),
])
def test_staff_of_the_area_print_it_and_outsiders_get_404(web, vnet, served, who, status):
    r = web(getattr(vnet, who)).get(reverse("volunteers:certificate", args=[served.pk]))
    assert r.status_code == status
    if status == 200:
        assert 'id="total-hours">3.50' in r.content.decode()
