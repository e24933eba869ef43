"""The browser admin shows each staff member only their own subtree and refuses villagers."""

import pytest

from practice.models import Household, Unit

pytestmark = pytest.mark.django_db


def changelist_names(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return {str(obj) for obj in response.context["cl"].result_list}


def test_villagers_and_volunteers_cannot_open_the_admin(net, web):
    for who in (net.villager, net.volunteer):
        response = web(who).get("/admin/")
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]


def test_township_staff_see_only_their_township_in_the_unit_changelist(net, web):
    names = changelist_names(web(net.township_staff), "/admin/practice/unit/")
    assert names == {
        "查日苏镇",
        "沃德嘎查",
        "伊胡塔嘎查",
        "志愿土豆种植基地",
        "查日苏镇文明实践驿站",
    }


def test_station_staff_see_only_their_village_households(net, web):
    names = changelist_names(web(net.station_staff), "/admin/practice/household/")
    assert names == {str(net.h11)}


def test_banner_admin_sees_every_household(net, web):
    names = changelist_names(web(net.banner_admin), "/admin/practice/household/")
    assert names == {str(net.h11), str(net.h12), str(net.h21)}


def test_an_object_outside_scope_is_not_found_in_the_admin(net, web):
    response = web(net.township_staff).get(f"/admin/practice/household/{net.h21.pk}/change/")
    # Django's admin redirects to the index with a "does not exist" message.
    assert response.status_code == 302
    assert Household.objects.filter(pk=net.h21.pk).exists()


def test_foreign_key_choices_are_scoped(net, web):
    response = web(net.township_staff).get("/admin/practice/household/add/")
    choices = {str(c) for c in response.context["adminform"].form.fields["village"].queryset}
    assert choices == {"沃德嘎查", "伊胡塔嘎查"}


def test_staff_can_add_a_household_inside_their_township(net, web):
    response = web(net.township_staff).post(
        "/admin/practice/household/add/",
        {
            "village": net.v12.pk,
            "number": "T1V2-0002",
            "head_name": "宝音",
            "address": "",
            "phone": "",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Household.objects.get(number="T1V2-0002").village == net.v12


def test_staff_cannot_create_a_household_outside_their_township(net, web):
    response = web(net.township_staff).post(
        "/admin/practice/household/add/",
        {
            "village": net.v21.pk,
            "number": "T2V1-0009",
            "head_name": "宝音",
        },
    )
    assert response.status_code == 200  # the form refuses the out-of-scope choice
    assert "village" in response.context["adminform"].form.errors
    assert not Household.objects.filter(number="T2V1-0009").exists()


def test_staff_cannot_move_a_unit_out_of_their_subtree(net, web):
    response = web(net.township_staff).post(
        f"/admin/practice/unit/{net.v12.pk}/change/",
        {
            "code": net.v12.code,
            "name": net.v12.name,
            "level": "village",
            "parent": net.t2.pk,
            "site_kind": "station",
            "address": "",
        },
    )
    assert response.status_code == 200
    net.v12.refresh_from_db()
    assert net.v12.parent == net.t1


def test_station_staff_cannot_make_a_banner_admin(net, web):
    response = web(net.station_staff).get("/admin/practice/user/add/")
    roles = {value for value, _label in response.context["adminform"].form.fields["role"].choices}
    assert "banner_admin" not in roles
    assert "township_staff" not in roles


def test_leaders_read_but_do_not_change(net, web):
    client = web(net.township_leader)
    assert client.get("/admin/practice/household/").status_code == 200
    assert client.get("/admin/practice/household/add/").status_code == 403


def test_admin_speaks_chinese(net, web):
    response = web(net.banner_admin).get("/admin/")
    assert "站点管理" in response.content.decode() or "管理" in response.content.decode()


def test_unit_changelist_query_count_does_not_grow(net, web, django_assert_max_num_queries):
    client = web(net.banner_admin)
    client.get("/admin/practice/unit/")
    for i in range(30):
        Unit.objects.create(code=f"T1V{i + 10}", name=f"村{i}", level="village", parent=net.t1)
    with django_assert_max_num_queries(12):
        client.get("/admin/practice/unit/")


def test_honours_are_in_the_admin_read_only_and_scoped(net, web):
    from honours.models import Honour

    Honour.objects.create(village=net.v11, year=2025, kind="ten_star", household=net.h11,
                          person_name="包金山", certificate_no="C-1",
                          awarded_by=net.station_staff)
    Honour.objects.create(village=net.v21, year=2025, kind="ten_star", household=net.h21,
                          person_name="乌云", certificate_no="C-2",
                          awarded_by=net.station_staff_other)
    client = web(net.township_staff)
    assert changelist_names(client, "/admin/honours/honour/") == {
        str(Honour.objects.get(certificate_no="C-1"))
    }
    assert client.get("/admin/honours/honour/add/").status_code == 403
