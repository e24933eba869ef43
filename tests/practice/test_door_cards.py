"""The household's door card (门牌二维码): a station prints its village's cards eight to an A4
page; each QR code carries a signed id and nothing personal. Scanned by staff of the
household's area it opens the household's counter with a link to order for it; scanned by
anyone else it shows only the household's number and village and a way to sign in; a changed
code is a clear Chinese 404, never a 500."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.staticfiles import finders
from django.core import signing
from django.test import Client

from practice import door_cards
from practice.models import Household

pytestmark = pytest.mark.django_db


@pytest.fixture
def village(net):
    """v11 with eleven households (h11 and ten more), the first with a phone."""
    Household.objects.filter(pk=net.h11.pk).update(phone="13812341234",
                                                   address="沃德嘎查三组")
    for i in range(2, 12):
        Household.objects.create(village=net.v11, number=f"T1V1-{i:04d}", head_name=f"户主{i}")
    return net


def _cards(html):
    """Per printed page, its cards as (token, url)."""
    pages = re.findall(r'<section class="door-sheet">(.*?)</section>', html, re.S)
    return [re.findall(r'data-door-token="([^"]+)" data-door-url="([^"]+)"', p) for p in pages]


def test_a_station_prints_its_villages_cards_eight_to_a_page(village, web):
    r = web(village.station_staff).get("/households/door-cards/")
    assert r.status_code == 200
    html = r.content.decode()
    pages = _cards(html)
    assert [len(p) for p in pages] == [8, 3]
    assert html.count('class="door-card"') == 11
    assert "T1V1-0001" in html and "包金山" in html and "户主11" in html
    assert html.count("<svg") == 11  # the QR codes are drawn in the page, no request each
    assert "T1V2-0001" not in html  # v12's households are not v11's cards


def test_the_print_page_has_no_inline_style_and_prints_a4(village, web):
    html = web(village.station_staff).get("/households/door-cards/").content.decode()
    assert "style=" not in html and "<style" not in html
    assert '<link rel="stylesheet" href="/static/practice/door_cards.css">' in html
    with open(finders.find("practice/door_cards.css"), encoding="utf-8") as css:
        text = css.read()
    assert "size: A4" in text and "break-after: page" in text


def test_the_qr_code_carries_a_signed_id_and_nothing_personal(village, web):
    html = web(village.station_staff).get("/households/door-cards/").content.decode()
    h11 = Household.objects.get(pk=village.h11.pk)
    for token, url in _cards(html)[0] + _cards(html)[1]:
        assert urlsplit(url).path == f"/h/{token}/"
        for personal in ("包金山", "户主", "13812341234", "1234", "T1V1", "沃德", "三组"):
            assert personal not in url
        pk = door_cards.household_id_from(token)
        assert pk is not None and Household.objects.filter(pk=pk, village=village.v11).exists()
    assert door_cards.token_for(h11) in html
    # The id is signed with the door cards' own salt: Django's plain signer does not accept it.
    with pytest.raises(signing.BadSignature):
        signing.Signer().unsign(door_cards.token_for(h11))


def test_township_staff_choose_a_village_and_cannot_print_another_townships(village, web):
    client = web(village.township_staff)
    chooser = client.get("/households/door-cards/").content.decode()
    assert 'name="village"' in chooser and "沃德嘎查" in chooser and "柴达木嘎查" not in chooser
    assert 'class="door-card"' not in chooser
    r = client.get("/households/door-cards/", {"village": village.v11.pk})
    assert r.status_code == 200 and r.content.decode().count('class="door-card"') == 11
    for bad in (village.v21.pk, "abc", "99999999999999999999999"):
        r = client.get("/households/door-cards/", {"village": bad})
        assert r.status_code == 404


def _scan(user, household):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client, client.get(f"/h/{door_cards.token_for(household)}/")


@pytest.mark.parametrize("who", ["station_staff", "township_staff", "banner_admin"])
def test_staff_of_the_area_open_the_households_counter_with_a_link_to_order_for_it(
        village, who):
    client, r = _scan(getattr(village, who), village.h11)
    assert r.status_code == 302
    assert r["Location"] == f"/points/cashier/households/{village.h11.pk}/"
    counter = client.get(r["Location"]).content.decode()
    assert "包金山" in counter and "T1V1-0001" in counter
    link = re.search(r'<a class="button" href="([^"]+)" data-action="volunteers:assisted-order"',
                     counter)
    href = link.group(1).replace("&amp;", "&")
    assert urlsplit(href).path == "/volunteers/staff/assisted-order/"
    assert parse_qs(urlsplit(href).query) == {"household": ["T1V1-0001"]}
    order_page = client.get(href).content.decode()
    assert 'id="chosen-household"' in order_page and "包金山" in order_page


@pytest.mark.parametrize("who", [None, "villager", "villager_other", "volunteer",
                                 "station_staff_other", "township_staff_other", "leader",
                                 "reviewer"])
def test_anyone_else_sees_only_the_number_and_village_and_a_sign_in_link(village, who):
    user = getattr(village, who) if who else None
    client, r = _scan(user, village.h11)
    assert r.status_code == 200
    html = r.content.decode()
    main = re.search(r"<main.*</main>", html, re.S).group(0)
    assert "T1V1-0001" in main and "沃德嘎查" in main
    for personal in ("包金山", "13812341234", "1234", "三组", "积分"):
        assert personal not in main, personal
    login = re.search(r'id="login-link" href="([^"]+)"', main).group(1).replace("&amp;", "&")
    assert urlsplit(login).path == "/accounts/login/"
    assert parse_qs(urlsplit(login).query)["next"] == [
        f"/h/{door_cards.token_for(village.h11)}/"]


def test_a_household_outside_the_station_is_only_a_number_to_its_staff(village):
    _, r = _scan(village.station_staff, village.h12)  # v12: the same township, not v11
    assert r.status_code == 200 and "王玉梅" not in r.content.decode()
    _, r = _scan(village.township_staff, village.h12)
    assert r.status_code == 302


@pytest.mark.parametrize("token", ["garbage", "1", "1:", ":abc", "1:abc",
                                   "%E4%B8%AD:xyz", "9" * 40 + ":abc"])
def test_a_changed_or_made_up_code_is_a_chinese_not_found_page(village, token):
    r = Client().get(f"/h/{token}/")
    assert r.status_code == 404
    assert "门牌二维码无效" in r.content.decode()


def test_a_card_with_one_character_changed_is_refused(village, web):
    token = door_cards.token_for(village.h11)
    pk, signature = token.split(":")
    changed = [f"{int(pk) + 1}:{signature}",
               f"{pk}:{signature[:-1]}{'A' if signature[-1] != 'A' else 'B'}"]
    for bad in changed:
        r = web(village.station_staff).get(f"/h/{bad}/")
        assert r.status_code == 404 and "门牌二维码无效" in r.content.decode()


def test_a_card_of_a_household_since_removed_is_not_found(village):
    extra = Household.objects.create(village=village.v11, number="T1V1-0099", head_name="搬走户")
    token = door_cards.token_for(extra)
    extra.delete()
    r = Client().get(f"/h/{token}/")
    assert r.status_code == 404 and "门牌二维码无效" in r.content.decode()


def test_villagers_and_readers_may_not_print_cards(village, web):
    for who in ("villager", "volunteer", "leader", "reviewer"):
        assert web(getattr(village, who)).get("/households/door-cards/").status_code == 403
    r = Client().get("/households/door-cards/")
    assert r.status_code == 302 and r["Location"].startswith("/accounts/login/")


def test_the_print_page_asks_the_database_as_often_for_many_households_as_for_few(net, web):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = web(net.station_staff)
    client.get("/households/door-cards/")

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/households/door-cards/").status_code == 200
        return len(ctx.captured_queries)

    few = count()
    for i in range(2, 20):
        Household.objects.create(village=net.v11, number=f"T1V1-{i:04d}", head_name=f"户主{i}")
    assert count() == few
