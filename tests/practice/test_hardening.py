"""Login lock-out after five failures (web and API), password rules, CSRF on session requests."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def fail_web_login(client, username, times):
    for _ in range(times):
        client.post("/accounts/login/", {"username": username, "password": "wrong-password"})


def test_web_login_locks_after_five_failures(net):
    client = Client()
    fail_web_login(client, "villager", 5)
    response = client.post("/accounts/login/", {"username": "villager", "password": PASSWORD})
    assert response.status_code in (403, 429)
    assert "锁定" in response.content.decode()
    # Another account at the same address is not locked.
    response = client.post("/accounts/login/", {"username": "villager_b", "password": PASSWORD})
    assert response.status_code == 302


def test_four_failures_then_the_right_password_logs_in(net):
    client = Client()
    fail_web_login(client, "villager", 4)
    response = client.post("/accounts/login/", {"username": "villager", "password": PASSWORD})
    assert response.status_code == 302


def test_api_token_locks_after_five_failures(net, api):
    client = api()
    codes = [
        client.post("/api/auth/token/", {"username": "villager", "password": "x"}).status_code
        for _ in range(5)
    ]
    assert codes[:4] == [400, 400, 400, 400]
    assert codes[4] == 429  # the fifth failure locks
    response = client.post("/api/auth/token/", {"username": "villager", "password": PASSWORD})
    assert response.status_code == 429
    assert "锁定" in response.json()["detail"]


def test_staff_can_unlock_with_the_axes_command(net, api):
    from django.core.management import call_command

    client = api()
    for _ in range(5):
        client.post("/api/auth/token/", {"username": "villager", "password": "x"})
    call_command("axes_reset_username", "villager")
    response = client.post("/api/auth/token/", {"username": "villager", "password": PASSWORD})
    assert response.status_code == 200


@pytest.mark.parametrize("password", ["short-pw1", "password1234", "123456789012"])
def test_weak_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password)


def test_a_long_uncommon_password_is_accepted():
    validate_password("Horqin-steppe-2026")


def test_session_requests_without_csrf_token_are_refused(net):
    client = Client(enforce_csrf_checks=True)
    client.force_login(net.villager)
    response = client.post("/accounts/logout/")
    assert response.status_code == 403
    api_response = client.post("/api/auth/token/", {"username": "a", "password": "b"})
    # The token endpoint takes no session, so CSRF does not apply; it answers on its merits.
    assert api_response.status_code == 400
