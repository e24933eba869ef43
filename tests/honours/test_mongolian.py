"""The honours pages, the door card and the printouts in Mongolian (traditional script).

The public board, the voting page, the certificate and a scanned door card speak Mongolian, whole,
to whoever chose it; the door cards and the station QR sheet (staff pages, in Chinese) carry the
Mongolian beside the Chinese whatever the page speaks; units show their Mongolian names where
people read Mongolian; a Mongolian name must be written in the traditional script.
"""

import re

import pytest
from django.conf import settings
from django.urls import reverse

from honours import services
from honours.models import HonourKind, VoteChoice
from practice import door_cards
from practice.admin import UnitAdmin
from practice.language import MONGOLIAN
from practice.models import Unit

pytestmark = pytest.mark.django_db

MONGOLIAN_LETTERS = re.compile(r"[\u1820-\u18AF]")
CYRILLIC = re.compile(r"[\u0400-\u04FF]")
WODE_MN = "ᠣᠳᠣ ᠭᠠᠴᠠᠭ\u180eᠠ"  # 沃德嘎查


def _mongolian(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = MONGOLIAN
    return client


def test_a_villager_who_votes_with_a_wrong_code_reads_the_error_in_mongolian(net, web,
                                                                             open_evaluation):
    evaluation, _codes = open_evaluation(3)
    client = _mongolian(web(net.villager))
    response = client.post(reverse("honours:vote", args=[evaluation.pk]),
                           {"code": "WRONG-CODE", "choice": VoteChoice.SATISFIED})
    text = response.content.decode()
    assert response["Content-Language"] == MONGOLIAN
    assert "ᠡᠨᠡ ᠨᠢᠭᠤᠴᠠ ᠳ᠋ᠤᠭᠠᠷ ᠬᠦᠴᠦᠨ ᠦᠭᠡᠢ" in text  # This voting code is not valid.
    assert "投票码无效" not in text and not CYRILLIC.search(text)
    # Without a code: asked for it, in Mongolian.
    response = client.post(reverse("honours:vote", args=[evaluation.pk]),
                           {"code": "", "choice": "x"})
    assert "ᠨᠢᠭᠤᠴᠠ ᠳ᠋ᠤᠭᠠᠷ\u202fᠢᠶᠠᠨ ᠣᠷᠣᠭᠤᠯᠤᠭᠠᠷᠠᠢ" in response.content.decode()


def test_the_vote_page_stays_chinese_for_whoever_did_not_choose_mongolian(net, web,
                                                                          open_evaluation):
    evaluation, _codes = open_evaluation(3)
    response = web().post(reverse("honours:vote", args=[evaluation.pk]),
                          {"code": "WRONG", "choice": "x"})
    text = response.content.decode()
    assert response["Content-Language"] == settings.LANGUAGE_CODE
    assert not MONGOLIAN_LETTERS.search(text.split('id="language-choice"')[0])


def test_the_board_shows_a_units_mongolian_name_to_mongolian_readers_only(net, web):
    Unit.objects.filter(pk=net.v11.pk).update(name_mn=WODE_MN)
    chinese = web().get(reverse("honours:board", args=[net.v11.pk])).content.decode()
    assert net.v11.name in chinese and WODE_MN not in chinese
    board = reverse("honours:board", args=[net.v11.pk])
    mongolian = _mongolian(web()).get(board).content.decode()
    assert WODE_MN in mongolian
    assert "ᠣᠯᠠᠨ\u202fᠳᠤ ᠵᠠᠷᠯᠠᠬᠤ" in mongolian  # public notice
    # The township's board lists the village by its Mongolian name.
    township = _mongolian(web()).get(reverse("honours:board", args=[net.t1.pk]))
    township = township.content.decode()
    assert WODE_MN in township


def test_a_unit_without_a_mongolian_name_shows_its_chinese_name_in_mongolian(net, web):
    board = reverse("honours:board", args=[net.v11.pk])
    mongolian = _mongolian(web()).get(board).content.decode()
    assert net.v11.name in mongolian


def test_the_unit_admin_refuses_cyrillic_in_the_mongolian_name_in_chinese(net, rf):
    from django.contrib.admin.sites import site

    request = rf.get("/")
    request.user = net.banner_admin
    form_class = UnitAdmin(Unit, site).get_form(request, net.v11)
    assert "name_mn" in form_class.base_fields
    data = {f: getattr(net.v11, f) for f in ("code", "name", "level", "site_kind", "address")}
    data["parent"] = net.v11.parent_id
    form = form_class(data={**data, "name_mn": "Вод гацаа"}, instance=net.v11)
    assert not form.is_valid()
    assert "蒙古文名称请用传统蒙古文" in str(form.errors["name_mn"])
    form = form_class(data={**data, "name_mn": WODE_MN}, instance=net.v11)
    assert form.is_valid(), form.errors
    form.save()
    net.v11.refresh_from_db()
    assert net.v11.name_mn == WODE_MN


def test_the_certificate_is_bilingual_whatever_the_page_speaks(net, web):
    Unit.objects.filter(pk=net.v11.pk).update(name_mn=WODE_MN)
    honour = services.honour_award(actor=net.station_staff, village=net.v11, year=2025,
                                   kind=HonourKind.BEAUTIFUL_FAMILY, person_name="包金山")
    url = reverse("honours:certificate", args=[net.v11.pk, honour.pk])
    for client in (web(), _mongolian(web())):
        text = client.get(url).content.decode()
        assert 'class="mong-vertical" lang="mn-mong"' in text
        assert "ᠬᠦᠨᠳᠦᠯᠡᠯ\u202fᠦᠨ ᠭᠡᠷᠡᠴᠢᠯᠡᠬᠡ" in text  # certificate of honour
        assert "荣誉证书" in text and "最美家庭" in text
        assert WODE_MN in text and net.v11.name in text


def test_door_cards_and_the_qr_sheet_carry_mongolian_beside_chinese(net, web):
    Unit.objects.filter(pk=net.v11.pk).update(name_mn=WODE_MN)
    staff = web(net.station_staff)
    cards = staff.get(f"{reverse('practice:door-cards')}?village={net.v11.pk}").content.decode()
    assert cards.count('class="mong-vertical"') == 1
    assert "ᠥᠷᠲᠡᠭᠡ ᠳᠡᠭᠡᠷ\u180eᠡ ᠰᠢᠷᠪᠢᠨ\u180eᠡ" in cards and WODE_MN in cards
    assert "门牌" in cards
    sheet = staff.get(reverse("volunteers:qr-codes")).content.decode()
    assert 'class="mong-vertical"' in sheet and WODE_MN in sheet
    assert "ᠰᠢᠷᠪᠢᠵᠦ ᠦᠢᠯᠡᠴᠢᠯᠡᠭᠡ ᠵᠠᠬᠢᠶᠠᠯᠠᠬᠤ" in sheet


def test_a_scanned_door_card_speaks_mongolian_to_a_villager_who_chose_it(net, web):
    Unit.objects.filter(pk=net.v11.pk).update(name_mn=WODE_MN)
    url = f"/h/{door_cards.token_for(net.h11)}/"
    text = _mongolian(web()).get(url).content.decode()
    assert WODE_MN in text and "ᠨᠡᠪᠲᠡᠷᠡᠬᠦ" in text
    bad = _mongolian(web()).get("/h/forged/")
    assert bad.status_code == 404 and "ᠬᠦᠴᠦᠨ ᠦᠭᠡᠢ" in bad.content.decode()


def test_the_default_stars_read_in_mongolian_on_the_board(net, web, in_notice):
    board = reverse("honours:board", args=[net.v11.pk])
    mongolian = _mongolian(web()).get(board).content.decode()
    assert "ᠰᠣᠶᠣᠯᠲᠠᠢ ᠶᠣᠰᠣᠲᠠᠢ" in mongolian and "文明礼貌" not in mongolian
    assert "文明礼貌" in web().get(board).content.decode()


def test_the_voting_page_names_the_village_in_mongolian(net, web, open_evaluation):
    Unit.objects.filter(pk=net.v11.pk).update(name_mn=WODE_MN)
    evaluation, _codes = open_evaluation(2)
    url = reverse("honours:vote", args=[evaluation.pk])
    text = _mongolian(web()).get(url).content.decode()
    assert f"{WODE_MN} {evaluation.year} ᠣᠨ\u202fᠤ ᠰᠡᠳᠭᠢᠯ" in text
    assert evaluation.title in web().get(url).content.decode()
