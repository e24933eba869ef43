import pytest
from django.utils import timezone

from honours import services
from honours.models import VoteChoice

YEAR = timezone.localdate().year - 1
ALL_STARS = [code for code, _name in services.DEFAULT_STARS]


@pytest.fixture
def year():
    return YEAR


@pytest.fixture
def propose(net):
    """``propose(household, codes=ALL_STARS)`` → an evaluation proposed by v11's station staff."""

    def make(household=None, codes=None, actor=None):
        return services.star_evaluation_propose(
            household or net.h11,
            actor=actor or net.station_staff,
            year=YEAR,
            star_codes=ALL_STARS if codes is None else codes,
        )

    return make


@pytest.fixture
def in_notice(net, propose):
    """A ten-star evaluation of h11 approved by the township: in public notice."""
    evaluation = propose()
    return services.star_evaluation_approve(evaluation, actor=net.township_staff)


@pytest.fixture
def open_evaluation(net):
    """``open_evaluation(n)`` → (evaluation, [(representative, code), …]) in v11."""

    def make(n=3, village=None, actor=None):
        return services.evaluation_open(
            actor=actor or net.station_staff,
            village=village or net.v11,
            year=YEAR,
            representatives=[
                {"name": f"代表{i}", "phone": f"1390000{i:04d}"} for i in range(1, n + 1)
            ],
        )

    return make


CHOICES = [VoteChoice.SATISFIED, VoteChoice.BASICALLY_SATISFIED, VoteChoice.DISSATISFIED]


@pytest.fixture(autouse=True)
def _fresh_throttles():
    """The public board's throttle counts in the cache: each test starts with none."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def seat():
    """``seat(village, user, ...)`` → the village's moral review council, set up with these
    sitting members (today's term)."""
    import datetime

    from institutions.models import Council, CouncilKind, CouncilMember

    def make(village, *users):
        council, _created = Council.objects.get_or_create(village=village,
                                                          kind=CouncilKind.MORAL_REVIEW)
        for user in users:
            CouncilMember.objects.create(council=council, user=user,
                                         term_starts=datetime.date(2020, 1, 1))
        return council

    return make
