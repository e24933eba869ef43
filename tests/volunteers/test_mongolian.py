"""The villager's and volunteer's pages in Mongolian (traditional script) beside Chinese: the
order form's errors, the Mongolian names of service items and teams, and the texts the
platform writes into records (timeline notes, notifications) shown in the reader's language."""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from practice.language import MONGOLIAN
from volunteers import services
from volunteers.models import EventKind, Notification, Order, OrderEvent

pytestmark = pytest.mark.django_db

MONGOLIAN_LETTERS = re.compile(r"[\u1820-\u18AF]")
ITEM_MN = "ᠥᠲᠡᠭᠦᠰ\u202fᠦᠨ ᠦᠰᠦ ᠵᠠᠰᠠᠬᠤ"  # 老人理发
TEAM_MN = "ᠡᠮᠡᠭᠲᠡᠴᠦᠳ\u202fᠦᠨ ᠪᠠᠭ"


def _client(user, language=None):
    client = Client()
    client.force_login(user)
    if language:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def _in(language, msgid):
    with translation.override(language):
        return translation.gettext(msgid)


def test_a_villager_reading_mongolian_reads_the_order_forms_error_in_mongolian(vnet):
    client = _client(vnet.villager, MONGOLIAN)
    past = timezone.localtime() - timedelta(days=2)
    response = client.post("/volunteers/order/", {
        "service_item": vnet.item_v11.pk, "description": "ᠥᠪᠡᠭᠡ ᠳᠤ ᠦᠰᠦ ᠵᠠᠰᠠᠬᠤ",
        "preferred_time": past.strftime("%Y-%m-%dT%H:%M"), "contact_phone": "13800000000"})
    assert response.status_code == 200
    assert response["Content-Language"] == MONGOLIAN
    text = response.content.decode()
    error = _in(MONGOLIAN, "The preferred time has already passed.")
    assert MONGOLIAN_LETTERS.search(error) and error in text
    assert _in("zh-hans", "The preferred time has already passed.") not in text
    # A field Django checks itself: the phone number.
    response = client.post("/volunteers/order/", {
        "service_item": vnet.item_v11.pk, "description": "x", "contact_phone": "12"})
    assert MONGOLIAN_LETTERS.search(response.content.decode())
    assert not Order.objects.exists()


def test_the_same_error_in_chinese_for_whoever_did_not_choose_mongolian(vnet):
    past = timezone.localtime() - timedelta(days=2)
    response = _client(vnet.villager).post("/volunteers/order/", {
        "service_item": vnet.item_v11.pk, "description": "理发",
        "preferred_time": past.strftime("%Y-%m-%dT%H:%M")})
    text = response.content.decode()
    assert _in("zh-hans", "The preferred time has already passed.") in text
    assert not MONGOLIAN_LETTERS.search(text.split("<main", 1)[-1].split("</main>")[0])


def test_mongolian_names_show_on_the_menu_and_orders_in_mongolian_and_chinese_otherwise(vnet):
    vnet.item_v11.name_mn = ITEM_MN
    vnet.item_v11.save()
    vnet.team.name_mn = TEAM_MN
    vnet.team.save()
    order = services.order_place(actor=vnet.villager, service_item=vnet.item_v11,
                                 description="理发")
    services.order_dispatch(order, actor=vnet.station_staff, team=vnet.team)

    mongolian = _client(vnet.villager, MONGOLIAN)
    menu = mongolian.get("/volunteers/").content.decode()
    assert ITEM_MN in menu and ">老人理发<" not in menu
    # An item without a Mongolian name keeps its Chinese one.
    assert "政策宣讲" in menu
    mine = mongolian.get("/volunteers/my-orders/").content.decode()
    assert ITEM_MN in mine and TEAM_MN in mine
    detail = mongolian.get(f"/volunteers/orders/{order.pk}/").content.decode()
    assert ITEM_MN in detail and TEAM_MN in detail

    chinese = _client(vnet.villager)
    menu = chinese.get("/volunteers/").content.decode()
    assert "老人理发" in menu and ITEM_MN not in menu
    assert TEAM_MN not in chinese.get("/volunteers/my-orders/").content.decode()


def test_the_api_gives_the_mongolian_names(vnet):
    vnet.item_v11.name_mn = ITEM_MN
    vnet.item_v11.save()
    client = _client(vnet.villager)
    response = client.get(reverse("service-item-detail", args=[vnet.item_v11.pk]))
    assert response.status_code == 200
    assert response.json()["name_mn"] == ITEM_MN


def test_a_mongolian_name_in_cyrillic_is_refused(vnet):
    from django.core.exceptions import ValidationError

    vnet.team.name_mn = "Эмэгтэйчүүдийн баг"
    with pytest.raises(ValidationError):
        vnet.team.full_clean()


def test_notifications_and_timeline_notes_show_in_the_readers_language(vnet, accepted):
    """Stored in Chinese (what was sent), shown in the reader's language."""
    message = Notification.objects.filter(user=vnet.villager).order_by("pk").last()
    assert message.message.startswith(_in("zh-hans", "A volunteer accepted your order."))
    page = _client(vnet.villager, MONGOLIAN).get("/volunteers/notifications/").content.decode()
    assert _in(MONGOLIAN, "A volunteer accepted your order.") in page
    assert _in("zh-hans", "A volunteer accepted your order.") not in page
    page = _client(vnet.villager).get("/volunteers/notifications/").content.decode()
    assert _in("zh-hans", "A volunteer accepted your order.") in page

    services.order_complete(accepted, actor=vnet.volunteer, hours="2")
    note = OrderEvent.objects.get(order=accepted, kind=EventKind.COMPLETED)
    assert note.note == _in("zh-hans", "%(hours)s h") % {"hours": "2.00"}
    page = _client(vnet.villager, MONGOLIAN).get(f"/volunteers/orders/{accepted.pk}/")
    assert _in(MONGOLIAN, "%(hours)s h") % {"hours": "2.00"} in page.content.decode()


def test_rows_written_before_keep_their_chinese_and_read_in_mongolian(vnet, place):
    """Rows from before the message ids: recognised by their Chinese (or English) text."""
    order = place()
    chinese = _in("zh-hans", "Your order was dispatched to a volunteer team.")
    Notification.objects.create(user=vnet.villager, order=order,
                                message=f"{chinese}（#{order.pk} 老人理发）")
    late = _in("zh-hans", "Not dispatched within %(h)d hours.") % {"h": 48}
    OrderEvent.objects.create(order=order, kind=EventKind.OVERDUE, note=late)
    OrderEvent.objects.create(order=order, kind=EventKind.OVERDUE,
                              note="Not accepted within 12 hours.")
    OrderEvent.objects.create(order=order, kind=EventKind.RETURNED, note="家里没人")

    client = _client(vnet.villager, MONGOLIAN)
    page = client.get("/volunteers/notifications/").content.decode()
    assert _in(MONGOLIAN, "Your order was dispatched to a volunteer team.") in page
    assert f"（#{order.pk} 老人理发）" in page
    detail = client.get(f"/volunteers/orders/{order.pk}/").content.decode()
    assert _in(MONGOLIAN, "Not dispatched within %(h)d hours.") % {"h": 48} in detail
    assert _in(MONGOLIAN, "Not accepted within %(h)d hours.") % {"h": 12} in detail
    assert "家里没人" in detail  # what a person wrote is shown as written
    # In Chinese the rows read as they were written.
    detail = _client(vnet.villager).get(f"/volunteers/orders/{order.pk}/").content.decode()
    assert late in detail


def test_staff_pages_stay_chinese_when_mongolian_is_chosen(vnet):
    client = _client(vnet.station_staff, MONGOLIAN)
    response = client.get("/volunteers/staff/orders/")
    assert response.status_code == 200
    assert response["Content-Language"] == settings.LANGUAGE_CODE
    # The order page is read by the household too: bilingual, for the household; the staff
    # read it in Chinese.
    order = services.order_place(actor=vnet.villager, service_item=vnet.item_v11,
                                 description="理发")
    response = client.get(f"/volunteers/orders/{order.pk}/")
    assert response["Content-Language"] == settings.LANGUAGE_CODE
    response = _client(vnet.villager, MONGOLIAN).get(f"/volunteers/orders/{order.pk}/")
    assert response["Content-Language"] == MONGOLIAN


def test_the_certificate_sets_the_mongolian_vertically_beside_the_chinese_in_any_language(
        vnet):
    vnet.team.name_mn = TEAM_MN
    vnet.team.save()
    for language in (None, MONGOLIAN):
        page = _client(vnet.volunteer, language).get(
            f"/volunteers/volunteers/{vnet.vol.pk}/certificate/").content.decode()
        chinese, mongolian = page.split('id="certificate-mn"', 1)
        assert _in("zh-hans", "Certificate of volunteer service hours") in chinese
        assert 'class="mong-vertical"' in chinese[-200:]
        assert _in(MONGOLIAN, "Certificate of volunteer service hours") in mongolian
        assert TEAM_MN in mongolian and vnet.team.name in chinese


def _placeholders(text):
    return sorted(re.findall(r"%\(\w+\)[sd]|\{\w+\}", text))


def test_every_text_sent_or_written_for_villagers_and_volunteers_has_a_mongolian_translation():
    """Notifications, text messages, timeline notes, order statuses and timeline labels: the
    pages cannot reach every one of them, so the catalogue is read here."""
    from volunteers import texts, wording
    from volunteers.models import EventKind, OrderStatus

    msgids = [*wording.NOTES, *wording.MESSAGES, *wording.OUTCOMES]
    with translation.override(MONGOLIAN):
        for msgid in msgids:
            text = translation.gettext(msgid)
            assert MONGOLIAN_LETTERS.search(text), msgid
            assert _placeholders(text) == _placeholders(msgid), msgid
        for label in [*OrderStatus.labels, *EventKind.labels]:
            assert MONGOLIAN_LETTERS.search(str(label)), label
    for name, template in texts.TEMPLATES.items():
        with translation.override(MONGOLIAN):
            text = str(template)
        with translation.override("en"):
            english = str(template)
        assert MONGOLIAN_LETTERS.search(text), name
        assert _placeholders(text) == _placeholders(english), name


def test_staff_give_the_mongolian_names_in_the_admin(vnet, web):
    client = web(vnet.banner_admin)
    url = f"/admin/volunteers/serviceitem/{vnet.item_banner.pk}/change/"
    page = client.get(url).content.decode()
    assert 'name="name_mn"' in page
    data = {"name": vnet.item_banner.name, "category": vnet.item_banner.category,
            "description": "", "unit": vnet.banner.pk, "active": "on"}
    refused = client.post(url, {**data, "name_mn": "Бодлогын сурталчилгаа"})
    assert refused.status_code == 200
    vnet.item_banner.refresh_from_db()
    assert vnet.item_banner.name_mn == ""
    mongolian = "ᠪᠣᠳᠣᠯᠭ᠎ᠠ ᠶᠢᠨ ᠰᠤᠷᠲᠠᠯᠴᠢᠯᠭ᠎ᠠ"
    client.post(url, {**data, "name_mn": mongolian})
    vnet.item_banner.refresh_from_db()
    assert vnet.item_banner.name_mn == mongolian
    assert 'name="name_mn"' in client.get(
        f"/admin/volunteers/team/{vnet.team.pk}/change/").content.decode()
