import datetime

import pytest
from django.utils import timezone

from mediation import services
from practice.models import Household
from practice.roles import Role
from tests.factories import make_user

PARTIES = "张秘密 13912345678；李隐私"
SUMMARY = "两家因院墙界线发生争执"


@pytest.fixture
def mnet(net):
    """The network with a mediator in v11 (the villager of h11), a second mediator there
    (another villager of v11) and one in v21; an open case in v11 mediated by the first and
    one in v21."""
    net.today = timezone.localdate()
    since = net.today - datetime.timedelta(days=60)
    net.h11b = Household.objects.create(village=net.v11, number="T1V1-0002", head_name="巴特尔")
    net.villager_b11 = make_user("villager_b11", Role.VILLAGER, net.v11, net.h11b)
    net.mediator = services.mediator_appoint(
        actor=net.station_staff, village=net.v11, user=net.villager,
        background="retired_cadre", active_from=since)
    net.mediator_b = services.mediator_appoint(
        actor=net.station_staff, village=net.v11, user=net.villager_b11,
        background="business_person", active_from=since)
    net.mediator_other = services.mediator_appoint(
        actor=net.station_staff_other, village=net.v21, user=net.villager_other,
        background="old_party_member", active_from=since)
    net.case = open_case(net, net.mediator)
    net.case_other = open_case(net, net.mediator_other, actor=net.station_staff_other,
                               village=net.v21)
    return net


def open_case(net, mediator, *, actor=None, village=None, kind="neighbours", days_ago=3,
              parties=PARTIES, summary=SUMMARY):
    return services.case_open(
        actor=actor or net.station_staff, village=village or mediator.village, kind=kind,
        parties=parties, summary=summary, mediator=mediator,
        opened_on=timezone.localdate() - datetime.timedelta(days=days_ago))
