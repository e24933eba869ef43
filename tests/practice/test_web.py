import pytest

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_home_needs_a_login(web):
    response = web().get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_login_page_is_chinese_and_fits_a_phone(web):
    html = web().get("/accounts/login/").content.decode()
    assert 'lang="zh-hans"' in html
    assert "登录" in html
    assert 'name="viewport"' in html
    assert "cdn" not in html.lower()


def test_login_then_home_shows_the_role_and_unit(net, web):
    client = web()
    response = client.post(
        "/accounts/login/", {"username": "township_staff", "password": PASSWORD}, follow=True
    )
    html = response.content.decode()
    assert "查日苏镇" in html
    assert "/admin/" in html  # staff get the admin link


def test_villager_home_has_no_admin_link(net, web):
    html = web(net.villager).get("/").content.decode()
    assert "/admin/" not in html
    assert str(net.h11) in html


def test_logout_is_a_post(net, web):
    client = web(net.villager)
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert client.get("/").status_code == 302
