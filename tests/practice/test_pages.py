"""What every page shares: a role guard with a Chinese 403 page, and a domain error from a
service that a page did not handle itself answered with its message and status, never a 500."""

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.practice.pages_urls")]


@pytest.mark.parametrize(("kind", "status", "message"), [
    ("invalid", 400, "数量必须是整数。"),
    ("forbidden", 403, "您的角色无权执行此操作。"),
    ("missing", 404, "未找到。"),
    ("conflict", 409, "积分不足。"),
    ("moved", 409, "当前状态为“已举办”，不能执行此操作。"),
])
def test_an_unhandled_domain_error_is_a_page_with_its_message(net, web, kind, status, message):
    response = web(net.township_staff).get(f"/raise/{kind}/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == status
    assert message in response.content.decode()


def test_the_wrong_role_gets_the_403_page_in_chinese(net, web):
    response = web(net.villager).get("/raise/conflict/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 403
    assert "您的角色无权打开此页面。" in response.content.decode()


def test_an_anonymous_visitor_is_sent_to_sign_in(web):
    response = web().get("/raise/conflict/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_pages_speak_chinese_to_a_phone_set_to_english(net, web):
    response = web(net.villager).get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.status_code == 200
    assert '<html lang="zh-hans">' in response.content.decode()
