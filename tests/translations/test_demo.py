"""The demo's translator: town1 may open the review, twice seeded or once."""

import io

import pytest

from practice.demo import new_context
from practice.models import User
from practice.roles import Role
from tests.factories import make_user
from translations import demo
from translations.access import may_translate

pytestmark = pytest.mark.django_db


def test_town1_is_the_demos_translator(net):
    town1 = make_user("town1", Role.TOWNSHIP_STAFF, net.t1)
    assert not may_translate(town1)
    ctx = new_context(scale=1, stdout=io.StringIO())
    demo.seed(ctx)
    demo.seed(ctx)
    town1 = User.objects.get(pk=town1.pk)  # a fresh account: its permissions read anew
    assert may_translate(town1) and town1.role == Role.TOWNSHIP_STAFF
