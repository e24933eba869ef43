"""Staff add a second phone to a household and change its listed phone (page and API)."""

import pytest
from django.urls import reverse

from practice.models import Household, User
from practice.roles import Role
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_staff_add_a_second_phone_through_the_api(net, api):
    response = api(net.station_staff).post(f"/api/households/{net.h11.pk}/phones/",
                                           {"phone": "13700005555"}, format="json")
    assert response.status_code == 201, response.content
    son = User.objects.get(phone="13700005555")
    assert son.username == "13700005555" and son.household == net.h11
    assert son.role == Role.VILLAGER and son.unit == net.v11 and not son.has_usable_password()
    # The household's first account is still there: two accounts order for it now.
    assert set(User.objects.filter(household=net.h11).values_list("username", flat=True)) == {
        "villager", "13700005555"}


def test_a_phone_of_another_households_account_is_a_conflict(net, api):
    response = api(net.township_staff).post(f"/api/households/{net.h12.pk}/phones/",
                                            {"phone": net.villager.phone}, format="json")
    assert response.status_code == 409
    assert "不属于本户" in response.json()["phone"][0]
    net.villager.refresh_from_db()
    assert net.villager.household == net.h11


def test_a_bad_phone_is_a_400_in_chinese(net, api):
    response = api(net.station_staff).post(f"/api/households/{net.h11.pk}/phones/",
                                           {"phone": "12345"}, format="json")
    assert response.status_code == 400
    assert "11" in response.json()["phone"][0]


def test_other_townships_and_villagers_cannot_add_phones(net, api):
    url = f"/api/households/{net.h11.pk}/phones/"
    assert api(net.station_staff_other).post(url, {"phone": "13700005556"},
                                             format="json").status_code == 404
    assert api(net.villager).post(url, {"phone": "13700005556"},
                                  format="json").status_code == 403
    assert not User.objects.filter(phone="13700005556").exists()


def test_changing_the_listed_phone_moves_the_old_account_out(net, api):
    Household.objects.filter(pk=net.h11.pk).update(phone=net.villager.phone)
    response = api(net.station_staff).post(f"/api/households/{net.h11.pk}/phone/",
                                           {"phone": "13700006666"}, format="json")
    assert response.status_code == 200 and response.json()["phone"] == "13700006666"
    net.villager.refresh_from_db()
    assert net.villager.household is None and not net.villager.is_active
    assert User.objects.get(phone="13700006666").household == net.h11


def test_a_staff_member_whose_phone_leaves_keeps_their_account(net, api):
    clerk = make_user("clerk", Role.STATION_STAFF, net.v11, household=net.h11,
                      phone="13700007777")
    Household.objects.filter(pk=net.h11.pk).update(phone=clerk.phone)
    api(net.station_staff).post(f"/api/households/{net.h11.pk}/phone/", {"phone": ""},
                                format="json")
    clerk.refresh_from_db()
    assert clerk.household is None and clerk.is_active
    assert Household.objects.get(pk=net.h11.pk).phone == ""


def test_the_household_page_adds_and_changes_phones(net, web):
    client = web(net.station_staff)
    page = client.get(reverse("practice:household", args=[net.h11.pk]))
    assert page.status_code == 200 and "本户的登录账号" in page.text
    client.post(reverse("practice:household-phone-add", args=[net.h11.pk]),
                {"phone": "13700008888"})
    page = client.get(reverse("practice:household", args=[net.h11.pk]))
    assert "13700008888" in page.text and "已添加手机号" in page.text
    response = client.post(reverse("practice:household-phone-add", args=[net.h11.pk]),
                           {"phone": "13700008888"}, follow=True)
    assert "已是本户一个账号的登录手机号" in response.text
    assert web(net.station_staff_other).get(
        reverse("practice:household", args=[net.h11.pk])).status_code == 404
