import pytest

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_token_login_and_me(net, api):
    response = api().post("/api/auth/token/", {"username": "station_staff", "password": PASSWORD})
    assert response.status_code == 200
    token = response.json()["token"]
    client = api()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    me = client.get("/api/me/").json()
    assert me["username"] == "station_staff"
    assert me["role"] == "station_staff"
    assert me["unit"] == {"id": net.v11.pk, "name": "沃德嘎查", "level": "village"}
    assert me["household"] is None


def test_me_of_a_villager_names_the_household(net, api):
    me = api(net.villager).get("/api/me/").json()
    assert me["household"] == net.h11.pk


def test_wrong_password_is_a_400_in_chinese(net, api):
    response = api().post("/api/auth/token/", {"username": "villager", "password": "nope"})
    assert response.status_code == 400
    assert "无法" in response.json()["non_field_errors"][0]


def test_missing_field_is_named(net, api):
    response = api().post("/api/auth/token/", {"username": "villager"})
    assert response.status_code == 400
    assert "password" in response.json()
    assert "该字段是必填项" in response.json()["password"][0]


def test_anonymous_me_is_refused(api):
    assert api().get("/api/me/").status_code in (401, 403)
