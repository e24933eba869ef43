"""API tokens end: on sign-out, on a password change, and when the account is deactivated."""

import pytest
from rest_framework.test import APIClient

from practice.models import User
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Another-secret-2024"


def sign_in(username="station_staff", password=PASSWORD):
    response = APIClient().post("/api/auth/token/", {"username": username, "password": password})
    assert response.status_code == 200
    return response.json()["token"]


def with_token(token):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


def test_delete_signs_the_token_out(net):
    token = sign_in()
    client = with_token(token)
    assert client.get("/api/me/").status_code == 200

    assert client.delete("/api/auth/token/").status_code == 204

    refused = client.get("/api/me/")
    assert refused.status_code == 401
    assert refused.json()["detail"] == "认证令牌无效。"


def test_signing_in_after_signing_out_gives_a_new_token_that_works(net):
    old = sign_in()
    assert with_token(old).delete("/api/auth/token/").status_code == 204
    new = sign_in()
    assert new != old
    assert with_token(new).get("/api/me/").status_code == 200


def test_delete_without_a_token_is_refused_in_chinese(net):
    response = APIClient().delete("/api/auth/token/")
    assert response.status_code == 401
    assert response.json()["detail"] == "身份认证信息未提供。"


def test_delete_with_a_revoked_token_is_refused(net):
    client = with_token(sign_in())
    client.delete("/api/auth/token/")
    assert client.delete("/api/auth/token/").status_code == 401


def test_a_stale_token_does_not_stop_signing_in(net):
    client = with_token(sign_in())
    client.delete("/api/auth/token/")
    response = client.post("/api/auth/token/", {"username": "station_staff", "password": PASSWORD})
    assert response.status_code == 200


def test_a_password_change_ends_the_old_token(net):
    token = sign_in()
    user = User.objects.get(username="station_staff")
    user.set_password(NEW_PASSWORD)
    user.save()

    assert with_token(token).get("/api/me/").status_code == 401
    assert with_token(sign_in(password=NEW_PASSWORD)).get("/api/me/").status_code == 200


def test_the_old_token_fails_after_three_password_changes(net):
    token = sign_in()
    user = User.objects.get(username="station_staff")
    for number in range(3):
        user.set_password(f"{NEW_PASSWORD}-{number}")
        user.save()
    assert with_token(token).get("/api/me/").status_code == 401


def test_a_password_change_in_the_admin_ends_the_old_token(net, web):
    token = sign_in()
    response = web(net.banner_admin).post(
        f"/admin/practice/user/{net.station_staff.pk}/password/",
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"},
    )
    assert response.status_code == 302
    assert with_token(token).get("/api/me/").status_code == 401


def test_saving_a_user_without_a_new_password_keeps_the_token(net):
    token = sign_in()
    user = User.objects.get(username="station_staff")
    user.real_name = "新名字"
    user.save()
    assert with_token(token).get("/api/me/").status_code == 200


def test_a_deactivated_user_is_refused_at_once(net):
    token = sign_in()
    User.objects.filter(username="station_staff").update(is_active=False)
    response = with_token(token).get("/api/me/")
    assert response.status_code == 401
    assert "删除" in response.json()["detail"]  # 用户……或……已删除


def test_a_deactivated_user_is_refused_on_writes_too(net):
    token = sign_in()
    User.objects.filter(username="station_staff").update(is_active=False)
    assert with_token(token).delete("/api/auth/token/").status_code == 401
