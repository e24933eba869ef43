"""The API token's user is cached (practice/auth.py) and every change to it applies at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


def token_client(user):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


def get(client, path):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    token_queries = [q for q in ctx.captured_queries if "authtoken_token" in q["sql"]]
    return response, token_queries


def household_numbers(response):
    return sorted(row["number"] for row in response.json()["results"])


def test_second_request_does_not_look_the_token_up(net):
    client = token_client(net.township_staff)
    first, looked_up = get(client, "/api/households/")
    assert first.status_code == 200 and len(looked_up) == 1
    second, looked_up = get(client, "/api/households/")
    assert second.status_code == 200 and looked_up == []
    assert household_numbers(second) == household_numbers(first) == ["T1V1-0001", "T1V2-0001"]


def test_cache_off_looks_the_token_up_every_time(net, settings):
    settings.AUTH_TOKEN_CACHE_SECONDS = 0
    client = token_client(net.township_staff)
    for _ in range(2):
        response, looked_up = get(client, "/api/households/")
        assert response.status_code == 200 and len(looked_up) == 1


def test_a_move_to_another_unit_applies_to_the_next_request(net):
    client = token_client(net.township_staff)
    assert household_numbers(get(client, "/api/households/")[0]) == ["T1V1-0001", "T1V2-0001"]
    net.township_staff.unit = net.t2
    net.township_staff.save()
    assert household_numbers(get(client, "/api/households/")[0]) == ["T2V1-0001"]


def test_a_new_role_applies_to_the_next_request(net):
    client = token_client(net.villager)
    assert get(client, "/api/me/")[0].json()["role"] == "villager"
    net.villager.role = "volunteer"
    net.villager.save()
    assert get(client, "/api/me/")[0].json()["role"] == "volunteer"


def test_a_deactivated_user_is_refused_at_once(net):
    client = token_client(net.township_staff)
    assert get(client, "/api/households/")[0].status_code == 200
    net.township_staff.is_active = False
    net.township_staff.save()
    response = get(client, "/api/households/")[0]
    assert response.status_code == 401


def test_a_deleted_token_is_refused_at_once(net):
    client = token_client(net.township_staff)
    assert get(client, "/api/households/")[0].status_code == 200
    Token.objects.filter(user=net.township_staff).delete()
    assert get(client, "/api/households/")[0].status_code == 401


def test_a_moved_unit_gives_the_cached_user_the_new_path(net):
    # The station's village moves to the other township: its path changes, and the cached
    # user's unit (whose path every scoped query uses) must change with it.
    client = token_client(net.station_staff)
    assert household_numbers(get(client, "/api/households/")[0]) == ["T1V1-0001"]
    net.v11.parent = net.t2
    net.v11.save()
    assert household_numbers(get(client, "/api/households/")[0]) == ["T1V1-0001"]
    township = token_client(net.township_staff_other)
    assert household_numbers(get(township, "/api/households/")[0]) == ["T1V1-0001", "T2V1-0001"]


def test_an_unknown_token_is_refused_and_not_cached(net):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token " + "0" * 40)
    for _ in range(2):
        response, looked_up = get(client, "/api/households/")
        assert response.status_code == 401 and len(looked_up) == 1


def test_the_password_hash_stays_out_of_the_cache(net):
    import pickle

    from django.core.cache import cache

    from practice.auth import _entry_key

    user = net.township_staff
    user.set_password("A-long-enough-password-2026")
    user.save()
    token = Token.objects.create(user=user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert client.get("/api/me/").status_code == 200
    _generation, cached = cache.get(_entry_key(token.key))
    assert cached.user.pk == user.pk
    assert user.password.encode() not in pickle.dumps(cached)
    # Anything that needs the hash still gets it (read again), and saving keeps it.
    assert cached.user.check_password("A-long-enough-password-2026")
    cached.user.__dict__.pop("password", None)
    cached.user.real_name = "改名"
    cached.user.save()
    user.refresh_from_db()
    assert user.real_name == "改名" and user.check_password("A-long-enough-password-2026")
