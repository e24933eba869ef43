"""A page of orders loads the rows it points at with one plain primary-key query per foreign key
(``ScopedQuerySet.load_related``, practice/related.py), the same rows prefetch_related loads."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from volunteers.models import Order
from volunteers.selectors import ORDER_RELATED

pytestmark = pytest.mark.django_db


def test_the_rows_are_those_prefetch_related_loads_with_one_query_a_key(vnet, orders):
    expected = {o.pk: [getattr(o, name) for name in ORDER_RELATED]
                for o in Order.objects.prefetch_related(*ORDER_RELATED)}
    with CaptureQueriesContext(connection) as ctx:
        loaded = list(Order.objects.load_related(*ORDER_RELATED).order_by("pk"))
        got = {o.pk: [getattr(o, name) for name in ORDER_RELATED] for o in loaded}
    assert got == expected
    # The orders, then one query per key (a waiting order has no team or volunteer: None,
    # without a query of its own).
    assert len(ctx.captured_queries) == 1 + len(ORDER_RELATED)
    assert all(" IN (" in q["sql"] for q in ctx.captured_queries[1:])
    waiting, accepted = loaded
    assert waiting.team is None and waiting.volunteer is None
    assert accepted.team == vnet.team and accepted.volunteer == vnet.vol


def test_slices_and_scoped_querysets_keep_the_keys_to_load(vnet, orders):
    qs = Order.objects.for_user(vnet.township_staff).load_related("village").order_by("-pk")
    with CaptureQueriesContext(connection) as ctx:
        page = list(qs[:1])
        assert page[0].village == vnet.v11
    assert len(ctx.captured_queries) == 2


def test_a_key_with_no_rows_makes_no_query(vnet):
    with CaptureQueriesContext(connection) as ctx:
        assert list(Order.objects.load_related(*ORDER_RELATED)) == []
    assert len(ctx.captured_queries) == 1


def test_values_querysets_are_left_alone(vnet, orders):
    rows = list(Order.objects.load_related("village").values("pk", "village"))
    assert {r["village"] for r in rows} == {vnet.v11.pk}


@pytest.mark.parametrize("name", ["description", "events", "no_such_field"])
def test_only_foreign_keys_of_the_model_are_accepted(vnet, orders, name):
    from django.core.exceptions import FieldDoesNotExist

    with pytest.raises((ValueError, FieldDoesNotExist)):
        list(Order.objects.load_related(name))


def test_a_brief_row_comes_with_the_orders_own_query(vnet, orders):
    """``load_brief("volunteer", "name")``: the volunteer's key and name read by the page's own
    query (a subquery per field), the volunteer's other fields deferred and read on use."""
    with CaptureQueriesContext(connection) as ctx:
        waiting, accepted = Order.objects.load_brief("volunteer", "name").order_by("pk")
        assert waiting.volunteer is None
        assert (accepted.volunteer.pk, accepted.volunteer.name) == (vnet.vol.pk, vnet.vol.name)
        assert accepted.volunteer == vnet.vol
    assert len(ctx.captured_queries) == 1
    assert not hasattr(accepted, "_brief_volunteer_name")
    assert accepted.volunteer.get_deferred_fields() >= {"phone", "unit_id", "user_id"}
    with CaptureQueriesContext(connection) as ctx:
        assert accepted.volunteer.phone == vnet.vol.phone  # a deferred field: one query
    assert len(ctx.captured_queries) == 1


def test_a_brief_row_follows_the_rows_changes(vnet, orders):
    waiting, accepted = orders
    vnet.vol.name = "改名的志愿者"
    vnet.vol.save()
    page = Order.objects.for_user(vnet.township_staff).load_brief("volunteer", "name")
    assert {o.pk: o.volunteer and o.volunteer.name for o in page} == {
        waiting.pk: None, accepted.pk: "改名的志愿者"}


def test_the_order_list_shows_the_volunteer_with_one_query(vnet, orders, api):
    with CaptureQueriesContext(connection) as ctx:
        response = api(vnet.township_staff).get("/api/orders/")
    assert response.status_code == 200
    shown = {row["id"]: row["volunteer"] for row in response.json()["results"]}
    waiting, accepted = orders
    assert shown == {waiting.pk: None,
                     accepted.pk: {"id": vnet.vol.pk, "name": vnet.vol.name}}
    assert sum("volunteers_volunteer" in q["sql"] for q in ctx.captured_queries) == 1
    assert not any(q["sql"].startswith('SELECT "volunteers_volunteer"')
                   for q in ctx.captured_queries)


@pytest.mark.parametrize("name", ["description", "events", "no_such_field"])
def test_only_a_foreign_key_can_be_loaded_brief(vnet, name):
    from django.core.exceptions import FieldDoesNotExist

    with pytest.raises((ValueError, FieldDoesNotExist)):
        Order.objects.load_brief(name, "name")


def test_a_brief_row_is_read_alongside_a_join_of_its_own_table(vnet, orders):
    """The outer query may join the same table (a filter on the volunteer's name): the
    subquery's names stay its own."""
    _waiting, accepted = orders
    page = list(Order.objects.filter(volunteer__name=vnet.vol.name)
                .load_brief("volunteer", "name", "phone"))
    assert page == [accepted]
    assert (page[0].volunteer.name, page[0].volunteer.phone) == (vnet.vol.name, vnet.vol.phone)
