"""Two people close the same case at once (the mediator on the phone, the station at its
desk): exactly one wins; the other is told the case is closed now."""

import pytest
from rest_framework.test import APIClient

from mediation.models import CaseEvent, MediationCase
from tests.parallel import in_parallel

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_one_of_two_simultaneous_closes_wins(mnet):
    def close(user, outcome):
        client = APIClient()
        client.force_authenticate(user)
        return lambda: client.post(f"/api/mediation/cases/{mnet.case.pk}/close/",
                                   {"outcome": outcome}, format="json")

    calls = [close(mnet.villager, "settled"), close(mnet.station_staff, "dropped"),
             close(mnet.township_staff, "settled"), close(mnet.villager, "dropped")]
    answers = in_parallel(calls)
    codes = sorted(r.status_code for r in answers)
    assert codes == [200, 409, 409, 409]
    case = MediationCase.objects.get(pk=mnet.case.pk)
    winner = next(r for r in answers if r.status_code == 200).json()
    assert case.status == "closed" and case.outcome == winner["outcome"]
    assert all(r.json()["status"] == "closed" for r in answers if r.status_code == 409)
    assert CaseEvent.objects.filter(case=case, to_status="closed").count() == 1
