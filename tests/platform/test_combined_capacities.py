"""One person, one account: an account that is several things at once sees and opens the
union of what each of them gives.

The matrix's personas are combined in place: the world's volunteer joins the villager's
household (a villager who volunteers), and the village's station clerk joins it too (a clerk
who lives in the village). For every GET row of the role × scope matrix, in and out of scope,
the combined account gets 200 where either of its parts gets 200, and otherwise one of its
parts' refusals; every list shows what either part's list must show and nothing neither may see.
"""

import pytest
from rest_framework.test import APIClient

from practice.models import Household, User
from tests.platform import endpoints
from tests.platform.matrix_table import API, PAGES
from tests.platform.test_role_scope_matrix import _client, _ids, undone
from volunteers.models import Order

pytestmark = pytest.mark.django_db

# combined account: (its own persona in the table, the persona whose household it joins)
COMBOS = {
    "villager+volunteer": ("volunteer", "villager"),
    "station_staff+household": ("station_staff", "villager"),
}
GET_ROWS = sorted([("api", k) for k in API if k.startswith("GET ")]
                  + [("web", k) for k in PAGES if k.startswith("GET ")])


def _combined(world, combo) -> User:
    persona, household_of = COMBOS[combo]
    user = User.objects.get(pk=world.user(persona).pk)
    user.household_id = world.user(household_of).household_id
    user.save(update_fields=["household"])
    return user


def _want(row, parts, side):
    index = 0 if side == "in" else 1
    statuses = row.statuses()
    return {statuses[p][index] for p in parts}


@pytest.mark.parametrize("combo", sorted(COMBOS))
@pytest.mark.parametrize(("kind", "key"), GET_ROWS)
def test_a_combined_account_gets_the_union_of_its_parts(world, combo, kind, key, settings,
                                                        tmp_path):
    settings.MEDIA_ROOT = tmp_path
    row = (API if kind == "api" else PAGES)[key]
    parts = COMBOS[combo]
    name = key.split(" ", 1)[1]
    detail = API[row.list_of] if kind == "api" and row.list_of else None
    problems = []
    for side in ("in", "out") if row.is_sided() else ("in",):
        def call(side=side):
            client = _client(kind, _combined(world, combo))
            url = endpoints.url_of(world, name, row, side)
            response = client.get(url, row.query(world, side) if row.query else None)
            ids = _ids(response) if detail and response.status_code == 200 else None
            return response.status_code, response.content[:300], ids

        status, content, ids = undone(call)
        wanted = _want(row, parts, side)
        # A row may say what a combination gets instead, "in/out" (its ``why`` tells why): the
        # staff role going on where the villager only reads.
        instead = row.extra.get("combined", {}).get(combo)
        if instead is not None:
            want = int(instead.split("/")[0 if side == "in" else -1])
            if status != want:
                problems.append(f"{side}: expected {want}, got {status}")
        elif 200 in wanted and status != 200 or 200 not in wanted and status not in wanted:
            problems.append(f"{side}: expected one of {sorted(wanted)}, got {status}: {content!r}")
        if ids is None:
            continue
        for obj_side in ("in", "out"):
            obj = world.pick(detail.obj, obj_side)
            # The detail row may say what the combination sees of that object instead (a
            # mediator's case is the person's, not their household's).
            said = detail.extra.get("combined", {}).get(combo)
            visible = (int(said.split("/")[0 if obj_side == "in" else -1]) == 200 if said
                       else 200 in _want(detail, parts, obj_side))
            if visible and obj.pk not in ids:
                problems.append(f"{side}: list lacks {detail.obj} {obj_side} though a part sees it")
            if not visible and obj.pk in ids:
                problems.append(f"{side}: LEAK: list shows {detail.obj} {obj_side}")
    assert not problems, f"{combo} {key}:\n" + "\n".join(problems)


def test_a_clerk_who_lives_in_another_township_sees_her_own_household_and_no_neighbour(world):
    """The union reaches outside the clerk's subtree exactly as far as her own household."""
    def check():
        clerk = User.objects.get(pk=world.net.station_staff.pk)
        clerk.household = world.household_out
        clerk.save(update_fields=["household"])
        client = APIClient()
        client.force_authenticate(clerk)
        households = _ids(client.get("/api/households/", {"page_size": 100}))
        neighbour = Household.objects.filter(village=world.unit_out).exclude(
            pk=world.household_out.pk)
        assert neighbour.exists()
        assert world.household_out.pk in households
        assert world.household_in.pk in households  # her work
        assert not neighbour.filter(pk__in=households).exists()
        orders = _ids(client.get("/api/orders/", {"page_size": 100}))
        assert world.order_out.pk in orders  # her household's order in the other township
        assert set(Order.objects.filter(household=world.household_out).values_list(
            "pk", flat=True)) <= orders
        assert client.get(f"/api/households/{neighbour.first().pk}/").status_code == 404

    undone(check)


def test_a_clerk_with_a_household_orders_for_it_as_a_villager_and_for_others_as_staff(world):
    def check():
        clerk = User.objects.get(pk=world.net.station_staff.pk)
        clerk.household = world.household_in
        clerk.save(update_fields=["household"])
        client = APIClient()
        client.force_authenticate(clerk)
        assert client.get("/api/me/").json()["capacities"] == ["station_staff", "villager"]
        own = client.post("/api/orders/", {"service_item": world.item_in.pk,
                                           "description": "给自家老人理发"}, format="json")
        assert own.status_code == 201, own.content
        assert own.json()["household"] == world.household_in.pk
        second = Household.objects.create(village=world.unit_in, number="T1V1-0777",
                                          head_name="巴特尔")
        assisted = client.post("/api/orders/", {"service_item": world.item_in.pk,
                                                "household": second.pk,
                                                "description": "帮邻居修水管"}, format="json")
        assert assisted.status_code == 201, assisted.content
        assert assisted.json()["household"] == second.pk
        outside = client.post("/api/orders/", {"service_item": world.item_out.pk,
                                               "household": world.household_out.pk,
                                               "description": "越界"}, format="json")
        assert outside.status_code in (400, 403, 404)

    undone(check)


def test_a_villager_who_volunteers_has_both_menus_and_takes_orders(world):
    def check():
        person = User.objects.get(pk=world.net.villager.pk)
        assert not person.has_volunteer_profile
        volunteer = world.vol_in
        volunteer.user = None
        volunteer.save()
        volunteer.user = person
        volunteer.save()  # the profile moves to the villager's account
        person.refresh_from_db()
        assert person.has_volunteer_profile
        assert not User.objects.get(pk=world.net.volunteer.pk).has_volunteer_profile
        from django.test import Client

        web = Client()
        web.force_login(person)
        home = web.get("/").content.decode()
        for page in ("/volunteers/my-orders/", "/volunteers/team-orders/"):
            assert f'href="{page}"' in home, page
        client = APIClient()
        client.force_authenticate(person)
        assert client.get("/api/me/").json()["capacities"] == ["villager", "volunteer"]
        accepted = client.post(f"/api/orders/{world.dispatched_in.pk}/accept/", {},
                               format="json")
        assert accepted.status_code == 200, accepted.content
        mine = _ids(client.get("/api/orders/", {"page_size": 100}))
        assert {world.dispatched_in.pk, world.order_in.pk} <= mine

    undone(check)
