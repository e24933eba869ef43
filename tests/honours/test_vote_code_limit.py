"""Guessing voting codes is slowed down per address, and the limit holds without the cache."""

import socket

import pytest

pytestmark = pytest.mark.django_db


def _dead_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(params=["cache up", "cache unreachable"])
def cache_state(request, settings):
    if request.param == "cache unreachable":
        settings.CACHES = {"default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{_dead_port()}/0",
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 1},
        }}
    return request.param


def test_the_21st_guess_in_a_minute_is_refused(net, api, open_evaluation, cache_state):
    evaluation, codes = open_evaluation(2)
    url = f"/api/evaluations/{evaluation.pk}/vote/"
    guesser = api()
    for _ in range(20):
        r = guesser.post(url, {"code": "WRONG234", "choice": "satisfied"}, format="json",
                         REMOTE_ADDR="10.1.1.1")
        assert r.status_code == 400
    r = guesser.post(url, {"code": codes[0][1], "choice": "satisfied"}, format="json",
                     REMOTE_ADDR="10.1.1.1")
    assert r.status_code == 429
    assert "Retry-After" in r
    # Another address still votes, and the code guessed at was not used up.
    r = api().post(url, {"code": codes[0][1], "choice": "satisfied"}, format="json",
                   REMOTE_ADDR="10.2.2.2")
    assert r.status_code == 201, r.content
