"""One definition of the client's address, for the throttles, the sign-in lock-out and the
pages: REMOTE_ADDR, unless TRUSTED_PROXY_COUNT proxies in front append to X-Forwarded-For."""

import socket

import pytest
from axes.helpers import get_client_ip_address
from django.test import Client, RequestFactory

from practice.clients import client_address
from practice.throttling import PublicRateThrottle
from tests.factories import PASSWORD


def _request(remote="10.0.0.1", forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


@pytest.mark.parametrize(("proxies", "forwarded", "expected"), [
    (0, None, "10.0.0.1"),
    (0, "6.6.6.6", "10.0.0.1"),                    # nothing in front: the header is ignored
    (1, None, "10.0.0.1"),
    (1, "6.6.6.6, 5.5.5.5", "5.5.5.5"),            # the one our proxy appended
    (2, "6.6.6.6, 5.5.5.5, 4.4.4.4", "5.5.5.5"),   # the one the outer of two proxies appended
    (2, "5.5.5.5", "5.5.5.5"),                     # the outer proxy was reached directly
])
def test_the_address_is_taken_as_far_as_the_trusted_proxies(settings, proxies, forwarded,
                                                            expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = _request(forwarded=forwarded)
    assert client_address(request) == expected
    # The throttles and django-axes read the same address.
    assert PublicRateThrottle().get_ident(request) == expected
    assert get_client_ip_address(request) == expected


def _dead_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.django_db
def test_sign_in_locks_out_with_a_rotating_header_and_the_cache_down(net, settings):
    settings.CACHES = {"default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": f"redis://127.0.0.1:{_dead_port()}/0",
        "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 1},
    }}
    client = Client()
    for i in range(5):
        client.post("/accounts/login/", {"username": "villager", "password": "wrong-password"},
                    REMOTE_ADDR="10.1.1.1", HTTP_X_FORWARDED_FOR=f"172.16.0.{i}")
    response = client.post("/accounts/login/", {"username": "villager", "password": PASSWORD},
                           REMOTE_ADDR="10.1.1.1", HTTP_X_FORWARDED_FOR="172.16.0.99")
    assert response.status_code == 429
    assert "锁定" in response.content.decode()
