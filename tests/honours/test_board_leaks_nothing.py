"""The public board shows names and results only: no phone number or address of the demo data
appears in its HTML or JSON, for a village and for its township."""

import re

import pytest
from django.core.management import call_command

from honours.models import Representative
from practice.models import Household, Unit, User

pytestmark = pytest.mark.django_db

PHONE = re.compile(r"1[3-9]\d{9}")


@pytest.fixture
def demo(db):
    call_command("seed_demo", "--force", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return Unit.objects.get(code="T05V01"), Unit.objects.get(code="T05")


def test_the_demo_board_of_station1s_village_leaks_no_personal_field(demo, api, web):
    village, township = demo
    secrets = set()
    for hh in Household.objects.filter(village__path__startswith=township.path):
        secrets |= {hh.phone, hh.address}
    secrets |= set(User.objects.exclude(phone=None).values_list("phone", flat=True))
    secrets |= set(Representative.objects.exclude(phone="").values_list("phone", flat=True))
    secrets.discard("")
    assert len(secrets) > 100  # the demo really has personal data to leak

    for unit in (village, township):
        pages = [
            api().get(f"/api/public/units/{unit.pk}/board/").content.decode(),
            web().get(f"/board/units/{unit.pk}/").content.decode(),
        ]
        for text in pages:
            assert "沃德嘎查" in text
            leaked = [s for s in secrets if s in text]
            assert leaked == []
            assert PHONE.findall(text) == []
            for key in ('"phone"', '"address"', '"id_number"', '"number"'):
                assert key not in text


def test_the_demo_board_shows_the_closed_evaluation_and_honours(demo, api):
    village, _township = demo
    body = api().get(f"/api/public/units/{village.pk}/board/").json()
    assert body["satisfaction"] and body["satisfaction"][0]["votes"] == 33
    kinds = {h["kind"] for h in body["honours"]}
    assert {"ten_star", "beautiful_family", "customs_leader", "party_member"} <= kinds
    assert body["ten_star_households"]
    assert len(body["in_notice"]) == 4  # this year's ratings awaiting objections
