import pytest

from volunteers.models import OrderStatus, TimeBankEntry

pytestmark = pytest.mark.django_db


def _post(client, url, data=None):
    return client.post(url, data or {}, format="json")


def test_the_whole_lifecycle_through_the_api(vnet, api):
    villager, staff, vol = api(vnet.villager), api(vnet.station_staff), api(vnet.volunteer)
    r = _post(villager, "/api/orders/", {"service_item": vnet.item_v11.pk,
                                         "description": "给老人理发"})
    assert r.status_code == 201, r.content
    assert r.data["status"] == "submitted" and r.data["id"]
    oid = r.data["id"]
    r = _post(staff, f"/api/orders/{oid}/dispatch/", {"team": vnet.team.pk})
    assert r.status_code == 200 and r.data["status"] == "dispatched"
    assert r.data["team"]["id"] == vnet.team.pk
    r = _post(vol, f"/api/orders/{oid}/accept/")
    assert r.status_code == 200 and r.data["status"] == "accepted"
    r = _post(vol, f"/api/orders/{oid}/complete/", {"hours": "1.5"})
    assert r.status_code == 200 and r.data["status"] == "completed"
    assert r.data["hours"] == "1.50"
    r = _post(villager, f"/api/orders/{oid}/rate/", {"score": 5, "comment": "满意"})
    assert r.status_code == 200 and r.data["status"] == "rated"
    r = _post(api(vnet.reviewer), f"/api/orders/{oid}/review/", {"score": 4, "comment": "好"})
    assert r.status_code == 201
    r = villager.get(f"/api/orders/{oid}/")
    assert [e["kind"] for e in r.data["events"]] == [
        "placed", "dispatched", "accepted", "completed", "rated", "reviewed"]
    assert TimeBankEntry.objects.get().hours == 1.5


def test_accepting_a_taken_order_answers_409_with_its_status(vnet, api, accepted):
    r = _post(api(vnet.volunteer2), f"/api/orders/{accepted.pk}/accept/")
    assert r.status_code == 409
    assert (r.data["code"], r.data["status"]) == ("invalid_transition", "accepted")


def test_a_move_not_allowed_answers_409(vnet, api, place):
    order = place()
    r = _post(api(vnet.villager), f"/api/orders/{order.pk}/rate/", {"score": 3})
    assert r.status_code == 409
    assert (r.data["code"], r.data["status"]) == ("invalid_transition", "submitted")
    assert r.data["detail"] == "当前状态为“已点单”，不能执行此操作。"


@pytest.mark.parametrize(("path", "data", "field"), [
    ("complete", {"hours": 0}, "hours"),
    ("complete", {"hours": 25}, "hours"),
    ("complete", {"hours": -2}, "hours"),
    ("complete", {}, "hours"),
])
def test_bad_hours_answer_400_naming_the_field(vnet, api, accepted, path, data, field):
    r = _post(api(vnet.volunteer), f"/api/orders/{accepted.pk}/{path}/", data)
    assert r.status_code == 400 and field in r.data


@pytest.mark.parametrize("score", [0, 6, "很好"])
def test_scores_outside_1_to_5_answer_400(vnet, api, accepted, score):
    _post(api(vnet.volunteer), f"/api/orders/{accepted.pk}/complete/", {"hours": 1})
    r = _post(api(vnet.villager), f"/api/orders/{accepted.pk}/rate/", {"score": score})
    assert r.status_code == 400 and "score" in r.data


def test_an_unknown_or_foreign_team_answers_400_naming_team(vnet, api, place):
    order = place()
    staff = api(vnet.township_staff)
    r = _post(staff, f"/api/orders/{order.pk}/dispatch/", {"team": 999999})
    assert r.status_code == 400 and "team" in r.data
    r = _post(staff, f"/api/orders/{order.pk}/dispatch/", {"team": vnet.team_other.pk})
    assert r.status_code == 400 and "team" in r.data


def test_placing_needs_a_description_and_a_known_item(vnet, api):
    r = _post(api(vnet.villager), "/api/orders/", {"service_item": vnet.item_v11.pk})
    assert r.status_code == 400 and "description" in r.data
    r = _post(api(vnet.villager), "/api/orders/", {"service_item": vnet.item_v21.pk,
                                                   "description": "x"})
    assert r.status_code == 400 and "service_item" in r.data


def test_cancel_return_escalate_and_claim(vnet, api, place):
    a, b, c = place(), place(), place()
    assert _post(api(vnet.villager), f"/api/orders/{a.pk}/cancel/",
                 {"reason": "不需要了"}).data["status"] == "cancelled"
    r = _post(api(vnet.station_staff), f"/api/orders/{b.pk}/escalate/")
    assert r.status_code == 200 and r.data["handler_unit"]["id"] == vnet.t1.pk
    r = _post(api(vnet.team_leader), f"/api/orders/{c.pk}/claim/")
    assert r.status_code == 200 and r.data["status"] == "dispatched"
    r = _post(api(vnet.volunteer), f"/api/orders/{c.pk}/return/", {})
    assert r.status_code == 400 and "reason" in r.data
    r = _post(api(vnet.volunteer), f"/api/orders/{c.pk}/return/", {"reason": "设备不足"})
    assert r.status_code == 200 and r.data["status"] == "submitted"


def test_list_filters_by_status_unit_and_overdue(vnet, api, place):
    from django.utils import timezone

    a, b = place(), place()
    services_order = place(actor=vnet.villager_b, item=vnet.item_t1)
    b.__class__.objects.filter(pk=b.pk).update(overdue_at=timezone.now())
    staff = api(vnet.township_staff)
    ids = lambda r: {o["id"] for o in r.data["results"]}  # noqa: E731
    assert ids(staff.get("/api/orders/", {"overdue": "true"})) == {b.pk}
    assert ids(staff.get("/api/orders/", {"unit": vnet.v12.pk})) == {services_order.pk}
    assert ids(staff.get("/api/orders/", {"status": ["submitted"]})) == {
        a.pk, b.pk, services_order.pk}
    assert ids(staff.get("/api/orders/", {"status": ["rated"]})) == set()
    assert OrderStatus.SUBMITTED == "submitted"


def test_the_order_list_and_detail_have_fixed_query_budgets(vnet, api, place,
                                                            django_assert_max_num_queries):
    for _ in range(5):
        place()
    client = api(vnet.township_staff)
    client.get("/api/orders/")
    with django_assert_max_num_queries(4):
        r = client.get("/api/orders/")
    assert len(r.data["results"]) == 5
    oid = r.data["results"][0]["id"]
    with django_assert_max_num_queries(5):
        client.get(f"/api/orders/{oid}/")


def test_teams_and_items_are_scoped(vnet, api):
    r = api(vnet.township_staff).get("/api/teams/")
    names = {t["name"] for t in r.data["results"]}
    assert names == {vnet.team.name, vnet.team_t1.name}
    r = api(vnet.volunteer).get("/api/teams/")
    assert [t["id"] for t in r.data["results"]] == [vnet.team.pk]
    r = api(vnet.villager).get("/api/service-items/")
    assert {i["id"] for i in r.data["results"]} == {
        vnet.item_banner.pk, vnet.item_t1.pk, vnet.item_v11.pk}


def test_me_names_the_volunteer_and_their_teams(vnet, api):
    r = api(vnet.volunteer).get("/api/me/")
    assert r.data["volunteer"] == vnet.vol.pk and r.data["teams"] == [vnet.team.pk]
    r = api(vnet.villager).get("/api/me/")
    assert r.data["volunteer"] is None and r.data["teams"] == []


def test_the_order_list_shows_each_orders_rows_and_volunteer(vnet, api, orders):
    waiting, accepted = orders
    rows = {row["id"]: row for row in api(vnet.township_staff).get("/api/orders/").json()[
        "results"]}
    assert rows[waiting.pk]["volunteer"] is None and rows[waiting.pk]["team"] is None
    assert rows[accepted.pk]["volunteer"] == {"id": vnet.vol.pk, "name": vnet.vol.name}
    assert rows[accepted.pk]["team"] == {"id": vnet.team.pk, "name": vnet.team.name}
    assert rows[accepted.pk]["service_item"] == {
        "id": vnet.item_t1.pk, "name": vnet.item_t1.name, "name_mn": "",
        "category": vnet.item_t1.category}
    assert rows[accepted.pk]["village"]["id"] == vnet.v11.pk
    assert rows[accepted.pk]["handler_unit"]["id"] == accepted.handler_unit_id


def test_a_renamed_volunteer_shows_under_the_new_name(vnet, api, orders):
    _waiting, accepted = orders
    client = api(vnet.township_staff)
    client.get("/api/orders/")
    vnet.vol.name = "改名的志愿者"
    vnet.vol.save()
    rows = {row["id"]: row for row in client.get("/api/orders/").json()["results"]}
    assert rows[accepted.pk]["volunteer"]["name"] == "改名的志愿者"
    assert client.get(f"/api/orders/{accepted.pk}/").json()["volunteer"]["name"] == "改名的志愿者"
