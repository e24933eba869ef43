"""Guessing voting codes: the 5th wrong code within 10 minutes answers 429, counted per
evaluation and client address on the phone page and the API together, in the database (the
limit holds with the cache unreachable) and by the address the server saw, not the one a
client writes into X-Forwarded-For."""

import socket

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

WRONG = "WRONG234"
LIMITED = "输错投票码次数过多"  # the Chinese message of the limit


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


@pytest.fixture
def vote(api):
    """``vote(channel, evaluation, code, address, forwarded=None)`` → the response of the
    phone page (``"page"``) or the API (``"api"``) to a vote for "satisfied"."""

    def send(channel, evaluation, code, address, forwarded=None):
        extra = {"REMOTE_ADDR": address}
        if forwarded:
            extra["HTTP_X_FORWARDED_FOR"] = forwarded
        body = {"code": code, "choice": "satisfied"}
        if channel == "page":
            return Client().post(f"/board/vote/{evaluation.pk}/", body, **extra)
        return api().post(f"/api/evaluations/{evaluation.pk}/vote/", body, format="json",
                          **extra)

    return send


def _refused(response) -> bool:
    """A wrong code's ordinary answer: the API's 400, the page's form with its message."""
    if response.status_code == 400:
        return True
    return response.status_code == 200 and "投票码无效" in response.content.decode()


def _limited(response) -> bool:
    return (response.status_code == 429 and "Retry-After" in response
            and LIMITED in response.content.decode())


@pytest.mark.parametrize("fifth", ["page", "api"])
def test_the_fifth_wrong_code_answers_429_on_page_and_api_counted_together(
        net, open_evaluation, vote, cache_state, fifth):
    evaluation, codes = open_evaluation(2)
    for channel in ["page", "api", "page", "api"]:
        assert _refused(vote(channel, evaluation, WRONG, "10.1.1.1"))
    response = vote(fifth, evaluation, WRONG, "10.1.1.1")
    assert _limited(response), (response.status_code, response.content.decode()[:300])
    if fifth == "page":  # the form comes back with the message, ready for later
        assert 'name="code"' in response.content.decode()
    # From that address, even a right code waits, on either channel.
    for channel in ["page", "api"]:
        assert _limited(vote(channel, evaluation, codes[0][1], "10.1.1.1"))
    # The code was not used up: from another address it votes.
    assert vote("api", evaluation, codes[0][1], "10.2.2.2").status_code == 201


def test_rotating_x_forwarded_for_does_not_lift_the_limit(net, open_evaluation, vote):
    evaluation, _codes = open_evaluation(1)
    answers = [vote("api", evaluation, WRONG, "10.1.1.1", forwarded=f"172.16.0.{i}")
               for i in range(4)]
    assert all(_refused(r) for r in answers)
    assert _limited(vote("page", evaluation, WRONG, "10.1.1.1", forwarded="172.16.0.99"))


def test_behind_one_trusted_proxy_the_client_is_the_address_it_appended(
        net, open_evaluation, vote, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    evaluation, codes = open_evaluation(1)
    proxy = "10.0.0.1"  # every request reaches the server from the proxy
    # The guesser writes a new address into the header each time; the proxy appends theirs.
    for i in range(4):
        assert _refused(vote("api", evaluation, WRONG, proxy, forwarded=f"1.2.3.{i}, 5.5.5.5"))
    assert _limited(vote("page", evaluation, WRONG, proxy, forwarded="1.2.3.9, 5.5.5.5"))
    # A representative behind the same proxy, from another address, votes.
    assert vote("api", evaluation, codes[0][1], proxy, forwarded="6.6.6.6").status_code == 201


def test_right_codes_are_not_counted_nor_blocked_by_other_addresses(net, open_evaluation,
                                                                      vote):
    evaluation, codes = open_evaluation(3)
    other, _ = open_evaluation(1, village=net.v12, actor=net.township_staff)
    for _ in range(5):
        vote("api", evaluation, WRONG, "10.9.9.9")  # a guesser elsewhere is blocked …
    assert _limited(vote("api", evaluation, WRONG, "10.9.9.9"))
    # … and only themselves: four wrong codes, then the right ones of a shared address.
    for _ in range(4):
        assert _refused(vote("page", evaluation, WRONG, "10.1.1.1"))
    assert vote("page", evaluation, codes[0][1], "10.1.1.1").status_code == 200
    assert vote("api", evaluation, codes[1][1], "10.1.1.1").status_code == 201
    # The count is per evaluation: the blocked address still tries another evaluation's codes.
    assert _refused(vote("api", other, WRONG, "10.9.9.9"))
