"""Who sees which units and households through the API, and 404 outside scope."""

import pytest

from practice.models import Level

pytestmark = pytest.mark.django_db


def ids(response):
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def test_anonymous_is_refused(net, api):
    assert api().get("/api/units/").status_code in (401, 403)
    assert api().get("/api/households/").status_code in (401, 403)


@pytest.mark.parametrize(
    ("who", "units", "households"),
    [
        ("banner_admin", "banner t1 t2 v11 v12 v21 b111 post1", "h11 h12 h21"),
        ("leader", "banner t1 t2 v11 v12 v21 b111 post1", "h11 h12 h21"),
        ("reviewer", "banner t1 t2 v11 v12 v21 b111 post1", "h11 h12 h21"),
        ("township_leader", "t1 v11 v12 b111 post1", "h11 h12"),
        ("township_staff", "t1 v11 v12 b111 post1", "h11 h12"),
        ("township_staff_other", "t2 v21", "h21"),
        ("station_staff", "v11 b111", "h11"),
        ("station_staff_other", "v21", "h21"),
        ("villager", "banner t1 v11", "h11"),
        ("villager_other", "banner t2 v21", "h21"),
        ("volunteer", "banner t1 v11", ""),
    ],
)
def test_each_role_sees_its_scope(net, api, who, units, households):
    client = api(getattr(net, who))
    want_units = {getattr(net, name).pk for name in units.split()}
    want_households = {getattr(net, name).pk for name in households.split()}
    assert ids(client.get("/api/units/?page_size=100")) == want_units
    assert ids(client.get("/api/households/?page_size=100")) == want_households


@pytest.mark.parametrize(
    ("who", "outside"),
    [
        ("township_staff", "v21"),
        ("station_staff", "v12"),
        ("station_staff", "t1"),
        ("villager", "v12"),
        ("township_staff_other", "t1"),
    ],
)
def test_units_outside_scope_answer_404(net, api, who, outside):
    response = api(getattr(net, who)).get(f"/api/units/{getattr(net, outside).pk}/")
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("who", "outside"),
    [
        ("villager", "h12"),
        ("villager", "h21"),
        ("station_staff", "h12"),
        ("township_staff", "h21"),
        ("volunteer", "h11"),
    ],
)
def test_households_outside_scope_answer_404(net, api, who, outside):
    response = api(getattr(net, who)).get(f"/api/households/{getattr(net, outside).pk}/")
    assert response.status_code == 404


def test_inside_scope_answers_200(net, api):
    assert api(net.township_staff).get(f"/api/households/{net.h12.pk}/").status_code == 200
    assert api(net.villager).get(f"/api/households/{net.h11.pk}/").status_code == 200


def test_units_filter_by_level_and_parent(net, api):
    client = api(net.banner_admin)
    assert ids(client.get("/api/units/?level=village")) == {net.v11.pk, net.v12.pk, net.v21.pk}
    assert ids(client.get(f"/api/units/?parent={net.t1.pk}")) == {
        net.v11.pk,
        net.v12.pk,
        net.post1.pk,
    }
    assert ids(client.get(f"/api/units/?level=village&parent={net.t1.pk}")) == {
        net.v11.pk,
        net.v12.pk,
    }


def test_bad_filter_value_is_a_400_naming_the_field(net, api):
    response = api(net.banner_admin).get("/api/units/?level=planet")
    assert response.status_code == 400
    assert "level" in response.json()


def test_households_search_by_number_name_and_phone(net, api):
    client = api(net.township_staff)
    assert ids(client.get("/api/households/?search=T1V2")) == {net.h12.pk}
    assert ids(client.get("/api/households/?search=包金山")) == {net.h11.pk}
    assert ids(client.get("/api/households/?search=13800000001")) == {net.h11.pk}


def test_lists_are_paginated(net, api):
    body = api(net.banner_admin).get("/api/units/?page_size=2").json()
    assert body["count"] == 8
    assert len(body["results"]) == 2
    assert body["next"]


def test_a_banner_department_hangs_under_the_banner_only(net):
    from django.core.exceptions import ValidationError

    from practice.models import Unit

    Unit(code="D01", name="旗文明办", level=Level.DEPARTMENT, parent=net.banner).full_clean()
    with pytest.raises(ValidationError) as refused:
        Unit(code="D02", name="旗民政局", level=Level.DEPARTMENT, parent=net.t1).full_clean()
    assert "parent" in refused.value.message_dict
