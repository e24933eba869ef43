"""The totals of page-numbered lists are counted once per query and kept (practice/counts.py):
the next page of the same list does not count again, a household added through the platform
shows in the total on the very next request, and each scope keeps its own total. A page with
room to spare tells its own total (practice/api/pagination.py); the lists below ask for pages
of one household so that their pages are full and their totals counted.

These tests commit (transaction=True): inside a transaction nothing is kept, which is what the
other tests of the suite see.
"""

import time

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import URLResolver, get_resolver
from rest_framework.pagination import PageNumberPagination

from practice import counts
from practice.models import Household

pytestmark = pytest.mark.django_db(transaction=True)


def counted(queries) -> bool:
    return any(q["sql"].startswith("SELECT COUNT(*)") for q in queries)


def households(client, **params):
    params.setdefault("page_size", 1)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/api/households/", params)
    assert response.status_code == 200, response.content
    return response.json(), counted(ctx.captured_queries)


def test_the_next_page_reuses_the_total(net, api):
    client = api(net.banner_admin)
    first, did_count = households(client, page_size=1)
    assert (first["count"], did_count) == (3, True)
    second, did_count = households(client, page_size=1, page=2)
    assert (second["count"], did_count) == (3, False)
    assert first["results"] != second["results"] and second["next"]


def test_a_household_added_shows_in_the_total_at_once(net, api):
    client = api(net.banner_admin)
    assert households(client)[0]["count"] == 3
    Household.objects.create(village=net.v12, number="T1V2-0002", head_name="白音")
    again, did_count = households(client)
    assert (again["count"], did_count) == (4, True)
    Household.objects.filter(number="T1V2-0002").delete()
    assert households(client)[0]["count"] == 3


def test_each_scope_and_filter_keeps_its_own_total(net, api):
    town1, town2 = api(net.township_staff), api(net.township_staff_other)
    assert households(town1)[0]["count"] == 2
    assert households(town2)[0]["count"] == 1
    assert households(town1, village=net.v11.pk)[0]["count"] == 1
    assert households(town1)[0]["count"] == 2 and households(town2)[0]["count"] == 1


def test_writes_without_signals_show_within_the_kept_time(net, api, monkeypatch):
    monkeypatch.setattr(counts, "SECONDS", 1)
    client = api(net.banner_admin)
    assert households(client)[0]["count"] == 3
    Household.objects.bulk_create([Household(village=net.v11, number="T1V1-0009",
                                             head_name="那仁")])
    assert households(client) == (households(client)[0], False)
    assert households(client)[0]["count"] == 3  # kept: bulk_create sends no signal
    time.sleep(1.2)
    assert households(client)[0]["count"] == 4


def test_nothing_is_kept_inside_a_transaction(net, api):
    client = api(net.banner_admin)
    with transaction.atomic():
        Household.objects.create(village=net.v11, number="T1V1-0003", head_name="巴特尔")
        inside, did_count = households(client)
        assert (inside["count"], did_count) == (4, True)
        assert households(client)[1] is True
        transaction.set_rollback(True)
    assert households(client)[0]["count"] == 3


def page_numbered_lists():
    found, todo = set(), list(get_resolver().url_patterns)
    while todo:
        pattern = todo.pop()
        if isinstance(pattern, URLResolver):
            todo.extend(pattern.url_patterns)
            continue
        view = getattr(pattern.callback, "cls", None)
        paginator = getattr(view, "pagination_class", None)
        if (paginator and issubclass(paginator, PageNumberPagination)
                and getattr(view, "queryset", None) is not None):
            found.add(view)
    return found


def test_every_page_numbered_list_keeps_its_total():
    views = page_numbered_lists()
    assert len(views) >= 10
    models = {view.queryset.model for view in views}
    missing = sorted(m.__name__ for m in models if not counts.registered(m))
    assert not missing, f"register their models with practice.counts: {missing}"


def test_an_empty_query_counts_zero():
    assert counts.count(Household.objects.none()) == 0
    assert counts.count(Household.objects.filter(pk__in=[])) == 0


def test_every_list_answers_every_role_as_it_does_without_kept_totals(api):
    """Every list of the role × scope matrix, as every role, outside a transaction (totals
    kept) and inside one (counted as before): the same status and the same page, twice."""
    from django.urls import reverse

    from tests.platform.matrix_table import API, ROLES
    from tests.platform.world import build_world

    world = build_world()
    lists = [key for key, row in API.items() if row.list_of]
    assert len(lists) >= 10
    for key in lists:
        url = reverse(key.split(" ", 1)[1])
        for role in ROLES:
            client = api(world.user(role))
            first, second = client.get(url), client.get(url)
            with transaction.atomic():
                counted_anew = client.get(url)
                transaction.set_rollback(True)
            assert first.status_code == API[key].statuses()[role][0], (key, role)
            assert first.status_code == second.status_code == counted_anew.status_code
            if first.status_code == 200:
                assert first.json() == second.json() == counted_anew.json(), (key, role)


def test_forget_counts_everything_anew(net, api):
    """What the demo loader calls after its bulk inserts."""
    client = api(net.banner_admin)
    assert households(client)[0]["count"] == 3
    Household.objects.bulk_create([Household(village=net.v21, number="T2V1-0009",
                                             head_name="其木格")])
    assert households(client)[0]["count"] == 3
    counts.forget()
    fresh, did_count = households(client)
    assert (fresh["count"], did_count) == (4, True)


def test_a_page_with_room_to_spare_tells_its_own_total(net, api):
    client = api(net.banner_admin)
    whole, did_count = households(client, page_size=20)
    assert (whole["count"], len(whole["results"]), did_count) == (3, 3, False)
    last, did_count = households(client, page_size=2, page=2)
    assert (last["count"], len(last["results"]), did_count) == (3, 1, False)
    assert last["previous"] and not last["next"]
    full, did_count = households(client, page_size=3)
    assert (full["count"], did_count) == (3, True)
    assert households(client, page_size=2, page="last")[0]["results"] == last["results"]
    for page in (3, 0, "x"):
        with CaptureQueriesContext(connection):
            response = client.get("/api/households/", {"page_size": 2, "page": page})
        assert response.status_code == 404, page


def test_the_total_is_kept_under_its_querys_own_sql(net):
    """The page's SQL names the total: the key is the one of the query the total counts."""
    from django.core.cache import cache

    from practice.api.pagination import CountKeptPaginator

    queryset = Household.objects.order_by("number")
    paginator = CountKeptPaginator(queryset, 1)
    assert [h.number for h in paginator.page(2)] == [queryset[1].number]
    assert paginator.count == 3
    assert cache.get(counts.query_key(*queryset.query.sql_with_params()))[1] == 3


def test_a_total_kept_here_costs_no_cache_round_trip(net, api, monkeypatch):
    from django.core.cache import cache
    from rest_framework.authtoken.models import Token

    client = api()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=net.banner_admin)}")
    assert households(client)[1] is True
    assert households(client)[1] is False
    reads = []

    def counting(name):
        method = getattr(cache, name)

        def read(*args, **kwargs):
            reads.append(name)
            return method(*args, **kwargs)
        return read

    for name in ("get", "get_many"):
        monkeypatch.setattr(cache, name, counting(name))
    kept, did_count = households(client)
    assert (kept["count"], did_count) == (3, False)
    assert reads == ["get_many"]  # the token, with the generations of the counted models


def test_a_total_kept_here_is_counted_again_when_another_worker_moves_the_generation(net, api):
    from django.core.cache import cache

    client = api(net.banner_admin)
    households(client)
    assert households(client)[1] is False
    # What a save in another worker does: the shared generation moves; this process's kept
    # total is of the older one.
    Household.objects.bulk_create([Household(village=net.v11, number="T1V1-0010",
                                             head_name="乌力吉")])
    cache.incr(counts.GENERATION)
    again, did_count = households(client)
    assert (again["count"], did_count) == (4, True)


def test_a_kept_total_never_shows_fewer_rows_than_the_page_has_read(net, api):
    client = api(net.banner_admin)
    assert households(client)[0]["count"] == 3
    Household.objects.bulk_create([  # no signal: the kept total stays 3 for a while
        Household(village=net.v11, number=f"T1V1-002{i}", head_name="宝音") for i in range(3)])
    page, did_count = households(client, page=4)
    assert did_count is False and len(page["results"]) == 1
    assert page["count"] == 4 and page["previous"]
