"""What the fuzzing found, pinned as plain tests: a null body is a 400, not a 500; responses
with an empty phone or a staff member's empty household match the published schema."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_a_vote_with_a_null_body_is_a_400_not_a_500(net, api):
    from honours import services

    evaluation, _codes = services.evaluation_open(
        actor=net.station_staff, village=net.v11, year=2025,
        representatives=[{"name": "代表", "phone": ""}])
    for client in (api(net.villager), api(None)):
        r = client.post(f"/api/evaluations/{evaluation.pk}/vote/", "null",
                        content_type="application/json")
        assert r.status_code == 400, r.content


def _schema_json():
    """The published schema, as a signed-in reader (it is not public)."""
    from tests.factories import make_user

    client = Client()
    client.force_login(make_user("schema-reader", "villager"))
    r = client.get("/api/schema/?format=json")
    assert r.status_code == 200
    return r.json()


def _schema():
    return _schema_json()["components"]["schemas"]


def test_an_empty_phone_is_valid_in_the_household_and_order_schemas(net):
    schemas = _schema()
    assert "pattern" not in schemas["Household"]["properties"]["phone"]
    assert "pattern" not in schemas["Order"]["properties"]["contact_phone"]


def test_me_may_have_no_household_or_unit(net, api):
    me = _schema()["Me"]["properties"]
    assert me["household"].get("nullable") is True
    assert api(net.banner_admin).get("/api/me/").json()["household"] is None


def test_a_volunteer_completing_with_not_a_number_hours_gets_a_message_not_a_500(world, db):
    order = world.accepted_in
    client = Client(raise_request_exception=False)
    client.force_login(world.net.volunteer)
    r = client.post(f"/volunteers/orders/{order.pk}/", {"action": "complete", "hours": "NaN"})
    assert r.status_code == 302
    order.refresh_from_db()
    assert order.status == "accepted"


def test_the_schema_describes_what_new_code_and_a_households_points_answer(db):
    paths = _schema_json()["paths"]

    def ref(path, method, status):
        content = paths[path][method]["responses"][status]["content"]["application/json"]
        return content["schema"].get("$ref", content["schema"])

    new_code = "/api/evaluations/{id}/representatives/{rep_pk}/new-code/"
    assert ref(new_code, "post", "200").endswith("/RepresentativeCode")
    assert ref("/api/evaluations/{id}/representatives/", "post", "201").endswith(
        "/RepresentativeCode")
    assert ref("/api/points/households/{id}/", "get", "200").endswith("/HouseholdPoints")


@pytest.mark.parametrize("url", [
    "/api/units/?parent=-2.276701841707257e%2B84",
    "/api/units/?parent=99999999999999999999",
    "/api/banquets/canteens/?village=-1.7813875506502937e%2B307",
    "/api/banquets/violations/?household=-1.7976931348623157e%2B308",
    "/api/banquets/bookings/?canteen=1e300",
    "/api/orders/?village=99999999999999999999",
    "/api/orders/?unit=99999999999999999999",
    "/api/service-items/?unit=1e300",
    "/api/households/?township=1e300",
    "/api/reports/monthly/?year=1e300",
])
def test_a_number_too_big_for_the_database_in_a_filter_is_a_400(world, api, url):
    r = api(world.net.banner_admin).get(url)
    assert r.status_code == 400, r.content


def test_representatives_are_listed_unpaginated_as_the_schema_says(db):
    paths = _schema_json()["paths"]
    schema = paths["/api/evaluations/{id}/representatives/"]["get"]["responses"]["200"]
    assert schema["content"]["application/json"]["schema"]["type"] == "array"
