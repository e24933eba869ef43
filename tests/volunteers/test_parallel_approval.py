"""The station and the team leader press "approve" at the same instant: one approval, one
volunteer, one membership; the other answers 409 (PostgreSQL)."""

import pytest
from rest_framework.test import APIClient

from tests.parallel import in_parallel
from volunteers import services
from volunteers.models import ApplicationEvent, Membership, Volunteer

N = 6


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_approvals_approve_once(vnet):
    application = services.application_submit(
        actor=None, client="203.0.113.5", name="敖日格勒", phone="13655556666",
        village=vnet.v11, teams=[vnet.team])
    deciders = [vnet.station_staff, vnet.team_leader, vnet.township_staff] * (N // 3)

    def press(user):
        def call():
            client = APIClient()
            client.force_authenticate(user)
            r = client.post(f"/api/volunteer-applications/{application.pk}/approve/")
            return r.status_code, r.json()
        return call

    results = in_parallel([press(u) for u in deciders])

    assert sorted(code for code, _ in results) == [200] + [409] * (N - 1)
    assert all((body["code"], body["status"]) == ("invalid_transition", "approved")
               for code, body in results if code == 409)
    volunteer = Volunteer.objects.get(phone="13655556666")
    assert Membership.objects.filter(volunteer=volunteer).count() == 1
    assert ApplicationEvent.objects.filter(application=application,
                                           to_status="approved").count() == 1
