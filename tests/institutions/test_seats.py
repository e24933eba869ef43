"""Seats on a council: a person of the village, one sitting chair at a time, a person once per
council at a time, terms that end; who decides follows the council's setting."""

import datetime

import pytest

from institutions import selectors, services
from institutions.models import CouncilKind, Decider, Seat
from practice.exceptions import Conflict, InvalidInput

pytestmark = pytest.mark.django_db


def seat(net, council, user, seat=Seat.MEMBER, starts=None, ends=None):
    return services.member_seat(council, actor=net.station_staff, user=user, seat=seat,
                                term_starts=starts or datetime.date(2025, 1, 1), term_ends=ends)


def test_one_sitting_chair_at_a_time(net, villagers_council):
    seat(net, villagers_council, net.villager, Seat.CHAIR)
    with pytest.raises(InvalidInput) as err:
        seat(net, villagers_council, net.volunteer, Seat.CHAIR)
    assert "会长" in str(err.value.message) or "chair" in str(err.value.message)
    seat(net, villagers_council, net.volunteer, Seat.MEMBER)


def test_a_new_chair_after_the_old_term_ends(net, villagers_council, today):
    chair = seat(net, villagers_council, net.villager, Seat.CHAIR)
    services.member_end_term(chair, actor=net.station_staff,
                             term_ends=today - datetime.timedelta(days=1))
    seat(net, villagers_council, net.volunteer, Seat.CHAIR, starts=today)
    assert [m.user for m in selectors.sitting_members(villagers_council)] == [net.volunteer]


def test_a_person_sits_once_per_council_at_a_time(net, villagers_council, antidrug_council):
    seat(net, villagers_council, net.villager)
    with pytest.raises(InvalidInput):
        seat(net, villagers_council, net.villager, starts=datetime.date(2025, 6, 1))
    seat(net, antidrug_council, net.villager)  # another council: fine


def test_only_people_of_the_village_sit(net, villagers_council):
    with pytest.raises(InvalidInput) as err:
        seat(net, villagers_council, net.villager_other)
    assert "本村" in str(err.value.message) or "village" in str(err.value.message)


def test_a_term_cannot_end_before_it_starts_nor_twice(net, villagers_council):
    member = seat(net, villagers_council, net.villager)
    with pytest.raises(InvalidInput):
        services.member_end_term(member, actor=net.station_staff,
                                 term_ends=datetime.date(2024, 1, 1))
    services.member_end_term(member, actor=net.station_staff,
                             term_ends=datetime.date(2025, 6, 1))
    with pytest.raises(Conflict):
        services.member_end_term(member, actor=net.station_staff,
                                 term_ends=datetime.date(2025, 7, 1))


def test_who_decides_follows_the_council(net):
    council = services.council_set_up(actor=net.station_staff, village=net.v11,
                                      kind=CouncilKind.RED_WHITE, decider=Decider.CHAIR)
    seat(net, council, net.villager, Seat.CHAIR)
    seat(net, council, net.volunteer, Seat.MEMBER)
    assert selectors.may_decide(net.villager, net.v11.pk, CouncilKind.RED_WHITE)
    assert not selectors.may_decide(net.volunteer, net.v11.pk, CouncilKind.RED_WHITE)
    services.council_set_up(actor=net.station_staff, village=net.v11,
                            kind=CouncilKind.RED_WHITE, decider=Decider.ANY_MEMBER)
    assert selectors.may_decide(net.volunteer, net.v11.pk, CouncilKind.RED_WHITE)
    assert selectors.council_set_up(net.v11.pk, CouncilKind.RED_WHITE)


def test_the_seat_form_answers_a_second_chair_in_chinese(net, villagers_council, web, today):
    seat(net, villagers_council, net.villager, Seat.CHAIR)
    response = web(net.station_staff).post(
        f"/institutions/councils/{villagers_council.pk}/seat/",
        {"user": net.volunteer.pk, "seat": "chair", "term_starts": today.isoformat()})
    assert response.status_code == 400
    assert "已有会长" in response.content.decode()


def test_a_member_reads_the_council_page_on_the_phone(net, villagers_council, web):
    seat(net, villagers_council, net.villager, Seat.CHAIR)
    page = web(net.villager).get(f"/institutions/councils/{villagers_council.pk}/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "viewport" in body and net.villager.phone not in body
    assert "name=\"user\"" not in body  # no staff forms for a member
