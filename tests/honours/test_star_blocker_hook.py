"""Another app blocks a star through the hook registry; the services refuse it with its reason."""

import pytest

from honours import services
from practice import star_blockers as hooks
from practice.exceptions import InvalidInput
from tests.honours.conftest import ALL_STARS

pytestmark = pytest.mark.django_db

REASON = "该户本年度有违规办宴记录"


@pytest.fixture
def violators():
    """Households blocked from the customs-reform star, as a banquets app would register."""
    blocked = set()

    def blocker(household, year):
        return REASON if household.pk in blocked else None

    hooks.register_star_blocker(services.STAR_CUSTOMS_REFORM, blocker)
    yield blocked
    hooks.unregister_star_blocker(services.STAR_CUSTOMS_REFORM, blocker)


def test_a_blocked_star_is_refused_with_the_reason(net, propose, violators):
    violators.add(net.h11.pk)
    with pytest.raises(InvalidInput) as err:
        propose()
    assert REASON in str(err.value.message) and err.value.field == "stars"


def test_the_other_stars_can_still_be_earned(net, propose, violators):
    violators.add(net.h11.pk)
    evaluation = propose(codes=[c for c in ALL_STARS if c != services.STAR_CUSTOMS_REFORM])
    assert evaluation.star_count == 9 and not evaluation.is_ten_star


def test_other_households_are_not_blocked(net, propose, violators):
    violators.add(net.h11.pk)
    assert propose(household=net.h12, actor=_staff_of(net, net.v12)).is_ten_star


def test_a_violation_recorded_after_the_proposal_blocks_the_approval(net, propose, violators):
    evaluation = propose()
    violators.add(net.h11.pk)
    with pytest.raises(InvalidInput) as err:
        services.star_evaluation_approve(evaluation, actor=net.township_staff)
    assert REASON in str(err.value.message)


def _staff_of(net, village):
    from tests.factories import make_user

    return make_user(f"staff-{village.code}", "station_staff", village)
