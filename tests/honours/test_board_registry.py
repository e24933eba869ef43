"""Other apps add sections to the public board through the registry; personal keys never show."""

import pytest

from practice import board

pytestmark = pytest.mark.django_db


@pytest.fixture
def section():
    def rules(unit):
        return [{"title": f"{unit.name}宴席不超过10桌", "phone": "13912345678",
                 "detail": {"address": "某组某号", "limit": "6个菜"}}]

    before = board.registered_sections()  # the apps' own, put back afterwards
    board.register_board_section("banquet_rules", "现行办宴标准", rules, order=40)
    board.register_board_section("broken", "坏掉的栏目", lambda unit: 1 / 0, order=50)
    board.register_board_section("summary", "活动预告", lambda unit: {"count": 3}, order=30)
    yield
    for key in ("banquet_rules", "broken", "summary"):
        board.unregister_board_section(key)
    for s in before:
        board.register_board_section(s.key, s.title, s.func, order=s.order)


def test_registered_sections_show_in_order_on_the_api_and_page(net, api, web, section):
    body = api().get(f"/api/public/units/{net.v11.pk}/board/").json()
    assert [s["key"] for s in body["sections"]] == ["summary", "banquet_rules"]
    assert body["sections"][1]["rows"][0]["title"] == "沃德嘎查宴席不超过10桌"
    assert body["sections"][0]["data"] == {"count": 3}
    html = web().get(f"/board/units/{net.v11.pk}/").content.decode()
    assert "现行办宴标准" in html and "沃德嘎查宴席不超过10桌" in html and "活动预告" in html


def test_personal_keys_are_dropped_from_sections(net, api, web, section):
    body = api().get(f"/api/public/units/{net.v11.pk}/board/").content.decode()
    html = web().get(f"/board/units/{net.v11.pk}/").content.decode()
    for text in (body, html):
        assert "13912345678" not in text and "某组某号" not in text
    assert "6个菜" in html


def test_a_failing_section_does_not_take_the_board_down(net, api, section):
    r = api().get(f"/api/public/units/{net.t1.pk}/board/")
    assert r.status_code == 200
    assert "broken" not in [s["key"] for s in r.json()["sections"]]
