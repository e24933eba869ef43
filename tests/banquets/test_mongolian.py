"""The banquet pages a villager reads speak Mongolian (traditional script) to whoever chose it:
the booking form and the rules it breaks, my bookings, the calendar, the live check; the rules
notice prints in both scripts whatever the page speaks; the council's pages stay Chinese."""

import re

import pytest
from django.conf import settings

from banquets import services
from practice.language import MONGOLIAN
from tests.banquets.conftest import body, make_request

pytestmark = pytest.mark.django_db

MONGOLIAN_LETTERS = re.compile(r"[\u1820-\u18AF]")
CYRILLIC = re.compile(r"[\u0400-\u04FF]")
# "No more than 10 tables may be laid.", "No more than 6 dishes per table."
TOO_MANY_TABLES = "10 ᠰᠢᠷᠡᠭᠡ\u202fᠡᠴᠡ ᠢᠯᠡᠭᠦᠦ ᠵᠠᠰᠠᠬᠤ ᠦᠭᠡᠢ."
TOO_MANY_DISHES = "ᠰᠢᠷᠡᠭᠡ ᠪᠦᠷᠢ\u202fᠳᠦ 6 ᠬᠣᠭᠣᠯᠠ\u202fᠠᠴᠠ ᠢᠯᠡᠭᠦᠦ ᠪᠣᠯᠬᠤ ᠦᠭᠡᠢ."
MY_BOOKINGS = "ᠮᠢᠨᠤ ᠵᠠᠬᠢᠶᠠᠯ"
WEDDING = "ᠬᠤᠷᠢᠮ"
NOTICE_TITLE = "ᠮᠡᠳᠡᠭᠳᠡᠯ"  # the notice's heading begins "Notice:"


def in_mongolian(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = MONGOLIAN
    return client


def form_data(canteen, soon, **kw):
    data = {"canteen": canteen.pk, "occasion": "wedding", "kind": "banquet",
            "date": soon.isoformat(), "tables": 8, "dishes_per_table": 6, "gift_limit": 100,
            "formal_meals": 1}
    data.update(kw)
    return data


def test_a_villager_reads_the_broken_rules_of_the_banquet_form_in_mongolian(
        net, web, canteen, banner_rules, soon):
    client = in_mongolian(web(net.villager))
    r = client.post("/banquets/", form_data(canteen, soon, tables=11, dishes_per_table=7))
    html = r.content.decode()
    assert r.status_code == 200 and r["Content-Language"] == MONGOLIAN
    assert TOO_MANY_TABLES in html and TOO_MANY_DISHES in html
    assert "不得超过" not in html  # not the Chinese rule
    assert not CYRILLIC.search(html)


def test_the_same_form_in_chinese_says_it_in_chinese(net, web, canteen, banner_rules, soon):
    r = web(net.villager).post("/banquets/", form_data(canteen, soon, tables=11))
    html = r.content.decode()
    assert "酒席不得超过10桌" in html and TOO_MANY_TABLES not in html


def test_the_live_check_answers_in_the_chosen_language(net, web, canteen, banner_rules):
    """What the booking form's script shows as the fields change (session, as the page)."""
    client = in_mongolian(web(net.villager))
    result = client.post("/api/banquets/check/", body(canteen, tables=11),
                         content_type="application/json")
    assert result["Content-Language"] == MONGOLIAN
    assert [v["message"] for v in result.json()["violations"]] == [TOO_MANY_TABLES]


def test_my_bookings_in_mongolian(net, web, canteen, banner_rules):
    services.booking_create(household=net.h11, canteen=canteen, request=make_request(),
                            actor=net.villager)
    r = in_mongolian(web(net.villager)).get("/banquets/mine/")
    html = r.content.decode()
    assert r["Content-Language"] == MONGOLIAN
    assert MY_BOOKINGS in html and WEDDING in html and not CYRILLIC.search(html)


def test_a_villager_cancelling_reads_what_was_done_in_mongolian(net, web, canteen,
                                                                banner_rules):
    booking = services.booking_create(household=net.h11, canteen=canteen,
                                      request=make_request(), actor=net.villager)
    client = in_mongolian(web(net.villager))
    r = client.post(f"/banquets/bookings/{booking.pk}/cancel/", {"reason": "改期"},
                    follow=True)
    html = r.content.decode()
    assert "ᠴᠤᠴᠠᠯᠠᠪᠠ" in html  # "Cancelled …"
    assert "已取消" not in html


@pytest.mark.parametrize("language", [settings.LANGUAGE_CODE, MONGOLIAN])
def test_the_notice_prints_in_both_scripts_whatever_the_page_speaks(net, web, canteen,
                                                                     banner_rules, language):
    client = web(net.villager)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    html = client.get("/banquets/notice/").content.decode()
    vertical = html.split('class="mong-vertical', 1)[1].split("</div>", 1)[0]
    assert NOTICE_TITLE in vertical and WEDDING in vertical
    assert "ᠬᠠᠮᠤᠭ ᠢᠯᠡᠭᠦᠦ 10 ᠰᠢᠷᠡᠭᠡ" in vertical  # "At most 10 tables …"
    chinese = html.split('class="notice-chinese"', 1)[1]
    assert "婚礼" in chinese and "10" in chinese and not MONGOLIAN_LETTERS.search(
        chinese.split("</article>")[0])


def test_the_councils_pages_stay_chinese(net, web, canteen, banner_rules):
    client = in_mongolian(web(net.township_staff))
    for path in ("/banquets/queue/", "/banquets/violations/", "/banquets/savings/"):
        r = client.get(path)
        assert r["Content-Language"] == settings.LANGUAGE_CODE, path


def test_the_canteen_is_named_in_the_readers_language(net, web, canteen, banner_rules):
    canteen.name_mn = "ᠣᠳᠣ ᠭᠡᠷ\u180eᠡ\u202fᠶᠢᠨ ᠬᠣᠭᠣᠯᠠᠨ\u202fᠤ ᠭᠠᠵᠠᠷ"
    canteen.save()
    mongolian = in_mongolian(web(net.villager)).get("/banquets/").content.decode()
    chinese = web(net.villager).get("/banquets/").content.decode()
    assert canteen.name_mn in mongolian and "沃德嘎查合约食堂" not in mongolian
    assert "沃德嘎查合约食堂" in chinese and canteen.name_mn not in chinese
