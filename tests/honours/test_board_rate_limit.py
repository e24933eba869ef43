"""The public board's API is limited per client address (60 a minute), and a client that
writes a new X-Forwarded-For into each request is still one client."""

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def test_rotating_x_forwarded_for_does_not_lift_the_boards_limit(net, api):
    allowed = int(settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["anon"].split("/")[0])
    client = api()
    url = f"/api/public/units/{net.v11.pk}/board/"
    answers = [
        client.get(url, REMOTE_ADDR="10.1.1.1", HTTP_X_FORWARDED_FOR=f"172.16.{i // 250}.{i % 250}")
        .status_code
        for i in range(allowed + 1)
    ]
    assert answers[:allowed] == [200] * allowed
    assert answers[allowed] == 429
    # Another address is another client.
    assert client.get(url, REMOTE_ADDR="10.2.2.2").status_code == 200
