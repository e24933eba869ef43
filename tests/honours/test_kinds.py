"""Kinds of honour are data: the banner adds 好媳妇 without a release and it is awarded like any
other; the kinds the rules rely on keep their codes and cannot be deleted."""

import pytest
from django.conf import settings

from honours import services
from honours.models import Honour, HonourKind
from practice.exceptions import Conflict, Forbidden, InvalidInput
from practice.language import MONGOLIAN
from tests.honours.conftest import YEAR

pytestmark = pytest.mark.django_db


@pytest.fixture
def good_daughter(net):
    return services.honour_kind_create(actor=net.banner_admin, code="good_daughter_in_law",
                                       name="好媳妇", name_mn="ᠰᠠᠢᠨ ᠪᠡᠷᠡ", order=40)


def test_the_kinds_of_before_are_rows_with_the_same_codes():
    codes = set(HonourKind.objects.values_list("code", flat=True))
    assert {"ten_star", "beautiful_family", "customs_leader", "party_member"} <= codes
    assert HonourKind.objects.get(code="ten_star").is_fixed


def test_a_kind_added_by_the_banner_is_awarded_and_listed_by_its_code(net, api, good_daughter):
    client = api(net.station_staff)
    response = client.post("/api/honours/", {"village": net.v11.pk, "year": YEAR,
                                             "kind": "good_daughter_in_law",
                                             "household": net.h11.pk}, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["kind"] == "good_daughter_in_law"
    assert response.json()["kind_display"] == "好媳妇"
    listed = client.get("/api/honours/?kind=good_daughter_in_law").json()["results"]
    assert [h["kind"] for h in listed] == ["good_daughter_in_law"]
    assert client.get("/api/honours/?kind=no_such_kind").status_code == 400


def test_the_staff_form_offers_the_kinds_of_the_table(net, web, good_daughter):
    page = web(net.station_staff).get("/board/honours/").content.decode()
    assert 'value="good_daughter_in_law"' in page and "好媳妇" in page


def test_the_board_and_certificate_show_the_kinds_name_in_the_readers_language(
        net, web, good_daughter):
    honour = services.honour_award(actor=net.station_staff, village=net.v11, year=YEAR,
                                   kind=good_daughter, household=net.h11)
    client = web()
    board = client.get(f"/board/units/{net.v11.pk}/?year={YEAR}").content.decode()
    assert "好媳妇" in board
    certificate = client.get(f"/board/units/{net.v11.pk}/certificates/{honour.pk}/")
    text = certificate.content.decode()
    assert "好媳妇" in text and "ᠰᠠᠢᠨ ᠪᠡᠷᠡ" in text  # Chinese beside Mongolian
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = MONGOLIAN
    board = client.get(f"/board/units/{net.v11.pk}/?year={YEAR}").content.decode()
    assert "ᠰᠠᠢᠨ ᠪᠡᠷᠡ" in board


def test_only_the_banner_edits_kinds_and_everyone_reads_them(net, api, good_daughter):
    assert api(net.villager).get("/api/honour-kinds/").status_code == 200
    refused = api(net.township_staff).post("/api/honour-kinds/", {"code": "x", "name": "某"},
                                           format="json")
    assert refused.status_code == 403
    with pytest.raises(Forbidden):
        services.honour_kind_create(actor=net.township_staff, code="x", name="某")
    renamed = api(net.banner_admin).patch(f"/api/honour-kinds/{good_daughter.pk}/",
                                          {"name": "好儿媳"}, format="json")
    assert renamed.status_code == 200 and renamed.json()["name"] == "好儿媳"
    moved = api(net.banner_admin).patch(f"/api/honour-kinds/{good_daughter.pk}/",
                                        {"code": "other"}, format="json")
    assert moved.status_code == 400 and "不能修改" in moved.content.decode()


def test_bad_kinds_are_refused_in_chinese(net, api, good_daughter):
    client = api(net.banner_admin)
    for body in ({"code": "good_daughter_in_law", "name": "重复"}, {"code": "a b", "name": "某"},
                 {"code": "ok", "name": ""}, {"code": "ok2", "name": "某", "name_mn": "Сайн"}):
        response = client.post("/api/honour-kinds/", body, format="json")
        assert response.status_code in (400, 409), (body, response.content)
        assert any("\u4e00" <= ch <= "\u9fff" for ch in response.content.decode()), body
    with pytest.raises(InvalidInput):
        services.honour_kind_create(actor=net.banner_admin, code="", name="某")


def test_a_fixed_kind_cannot_be_deleted_by_the_api_or_the_admin(net, api, web):
    ten_star = HonourKind.objects.get(code=HonourKind.TEN_STAR)
    response = api(net.banner_admin).delete(f"/api/honour-kinds/{ten_star.pk}/")
    assert response.status_code == 409
    assert "不能删除" in response.json()["detail"]
    admin = web(net.banner_admin)
    page = admin.post(f"/admin/honours/honourkind/{ten_star.pk}/delete/", {"post": "yes"},
                      follow=True)
    assert "不能删除" in page.content.decode()
    assert HonourKind.objects.filter(code=HonourKind.TEN_STAR).exists()
    with pytest.raises(Conflict):
        services.honour_kind_delete(ten_star, actor=net.banner_admin)


def test_an_awarded_kind_cannot_be_deleted_but_an_unused_one_can(net, api, good_daughter):
    services.honour_award(actor=net.station_staff, village=net.v11, year=YEAR,
                          kind=good_daughter, household=net.h11)
    client = api(net.banner_admin)
    assert client.delete(f"/api/honour-kinds/{good_daughter.pk}/").status_code == 409
    spare = services.honour_kind_create(actor=net.banner_admin, code="spare", name="备用")
    assert client.delete(f"/api/honour-kinds/{spare.pk}/").status_code == 204
    assert Honour.objects.filter(kind=good_daughter).count() == 1


def test_the_banner_adds_a_kind_in_the_admin(net, web):
    admin = web(net.banner_admin)
    response = admin.post("/admin/honours/honourkind/add/",
                          {"code": "good_mother_in_law", "name": "好婆婆",
                           "name_mn": "ᠰᠠᠢᠨ ᠬᠠᠳᠠᠮ ᠡᠬᠡ", "order": 50})
    assert response.status_code == 302, response.content.decode()[:2000]
    kind = HonourKind.objects.get(code="good_mother_in_law")
    assert kind.name == "好婆婆" and not kind.is_fixed
    assert web(net.township_staff).get("/admin/honours/honourkind/add/").status_code == 403
