from datetime import date
from types import SimpleNamespace

import pytest

from practice.roles import Role
from tests.factories import make_user
from volunteers import services
from volunteers.models import Membership, ServiceItem, Team, TeamKind, Volunteer


def make_volunteer(name, unit, *, user=None, phone=None):
    return Volunteer.objects.create(name=name, unit=unit, user=user, phone=phone,
                                    registered_on=date(2024, 1, 1))


def join(team, *volunteers):
    for v in volunteers:
        Membership.objects.create(team=team, volunteer=v, joined_on=date(2024, 1, 1))


@pytest.fixture
def vnet(net):
    """The shared network plus teams, volunteers and a menu.

    team (v11): ``vol`` (net.volunteer), ``vol2`` (a second volunteer user), led by ``lead``.
    team_t1 (township t1), team_other (t2: outside t1). Items: banner, t1, v11, v21.
    """
    n = SimpleNamespace(**vars(net))
    n.volunteer2 = make_user("volunteer2", Role.VOLUNTEER, net.v11)
    n.team_leader = make_user("team_leader", Role.VOLUNTEER, net.v11)
    n.volunteer_other = make_user("volunteer_other", Role.VOLUNTEER, net.v21)
    n.vol = make_volunteer("志愿者甲", net.v11, user=net.volunteer, phone="13900000001")
    n.vol2 = make_volunteer("志愿者乙", net.v11, user=n.volunteer2, phone="13900000002")
    n.lead = make_volunteer("队长", net.v11, user=n.team_leader, phone="13900000003")
    n.vol_other = make_volunteer("外镇志愿者", net.v21, user=n.volunteer_other)
    n.team = Team.objects.create(name="沃德嘎查巾帼志愿服务队", kind=TeamKind.WOMEN, unit=net.v11,
                                 leader=n.lead)
    join(n.team, n.vol, n.vol2, n.lead)
    n.team_t1 = Team.objects.create(name="查日苏镇宣讲队", kind=TeamKind.LECTURE, unit=net.t1)
    n.team_other = Team.objects.create(name="努古斯台镇乌兰牧骑", kind=TeamKind.ULAN_MUQIR,
                                       unit=net.t2)
    join(n.team_other, n.vol_other)
    n.item_banner = ServiceItem.objects.create(name="政策宣讲", category="policy", unit=net.banner)
    n.item_t1 = ServiceItem.objects.create(name="农牧技术指导", category="farming", unit=net.t1)
    n.item_v11 = ServiceItem.objects.create(name="老人理发", category="elderly", unit=net.v11)
    n.item_v21 = ServiceItem.objects.create(name="家电维修", category="repair", unit=net.v21)
    return n


@pytest.fixture
def place(vnet):
    """``place(**kw)`` → an order placed by ``vnet.villager`` for 老人理发."""

    def make(actor=None, item=None, **kw):
        kw.setdefault("description", "家里老人需要理发")
        return services.order_place(actor=actor or vnet.villager,
                                    service_item=item or vnet.item_v11, **kw)

    return make


@pytest.fixture
def accepted(vnet, place):
    order = place()
    services.order_dispatch(order, actor=vnet.station_staff, team=vnet.team)
    services.order_accept(order, actor=vnet.volunteer)
    return order


@pytest.fixture
def orders(vnet, place):
    """Two orders of ``vnet.villager``: one waiting, one accepted by ``vnet.vol`` of
    ``vnet.team`` (for 农牧技术指导)."""
    waiting = place()
    accepted = place(item=vnet.item_t1)
    services.order_dispatch(accepted, actor=vnet.station_staff, team=vnet.team)
    services.order_accept(accepted, actor=vnet.volunteer)
    return waiting, accepted
