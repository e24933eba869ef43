"""Two people of the banner accept (or one returns) the same task at once: one wins."""

import pytest
from rest_framework.test import APIClient

from practice.models import Role
from supervision import services
from supervision.models import SupervisedTask, TaskEvent
from tests.factories import make_user
from tests.parallel import in_parallel
from tests.supervision.conftest import make_task

PARALLEL = 6


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_one_of_many_simultaneous_acceptances_wins(snet):
    task = make_task(snet, unit=snet.t1)
    services.task_request_close(task, actor=snet.township_staff)
    admins = [snet.banner_admin] + [make_user(f"admin{i}", Role.BANNER_ADMIN, snet.banner)
                                    for i in range(PARALLEL - 1)]

    def accept(user, verb):
        client = APIClient()
        client.force_authenticate(user)
        return lambda: client.post(f"/api/supervised-tasks/{task.pk}/{verb}/",
                                   {"reason": "不合格"}, format="json")

    answers = in_parallel([accept(u, "accept" if i % 2 else "return")
                           for i, u in enumerate(admins)])
    codes = sorted(r.status_code for r in answers)
    assert codes == [200] + [409] * (PARALLEL - 1)
    state = SupervisedTask.objects.get(pk=task.pk).state
    assert state in ("closed", "in_progress")
    assert all(r.json()["code"] == "invalid_transition" and r.json()["status"] == state
               for r in answers if r.status_code == 409)
    assert TaskEvent.objects.filter(task=task).count() == 3
