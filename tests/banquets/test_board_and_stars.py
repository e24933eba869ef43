"""The banquets app feeds the public board and the ten-star rating."""

import datetime

import pytest

from banquets import services
from banquets.models import Rule
from honours import services as honours
from practice.exceptions import DomainError

pytestmark = pytest.mark.django_db


def test_the_public_board_shows_the_banquet_rules_in_force(net, api):
    body = api().get(f"/api/public/units/{net.v11.pk}/board/").json()
    section = next(s for s in body["sections"] if s["key"] == "banquet_rules")
    text = " ".join(row["rule"] for row in section["rows"])
    assert "10" in text and "6" in text and "200" in text


def test_a_banquet_violation_blocks_that_years_customs_reform_star(net):
    year = datetime.date.today().year
    services.violation_record(
        household=net.h11, actor=net.station_staff, event_date=datetime.date(year, 1, 5),
        rule=Rule.values[0], description="超标办宴",
        support_withheld_until=datetime.date(year, 12, 31),
    )
    honours.star_list_ensure(year)
    with pytest.raises(DomainError) as exc:
        honours.star_evaluation_propose(net.h11, actor=net.station_staff, year=year,
                                        star_codes=["customs_reform"], note="")
    assert "移风易俗" in str(exc.value.message)


def test_a_household_without_violation_may_earn_it(net):
    from practice.models import Household

    year = datetime.date.today().year
    neighbour = Household.objects.create(village=net.v11, number="T1V1-0002", head_name="宝音")
    honours.star_list_ensure(year)
    evaluation = honours.star_evaluation_propose(neighbour, actor=net.station_staff, year=year,
                                                 star_codes=["customs_reform"], note="")
    assert evaluation.pk
