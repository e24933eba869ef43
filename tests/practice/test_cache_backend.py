"""The Redis cache backend keeps one client per connection pool (config/cache.py) and still
reads and writes like Django's own."""

import pytest
from django.conf import settings

from tests.conftest import skip_or_fail


@pytest.fixture
def redis_cache():
    import redis

    from config.cache import RedisCache

    url = settings.REDIS_URL or "redis://127.0.0.1:6379/15"
    try:
        redis.Redis.from_url(url).ping()
    except redis.exceptions.ConnectionError:
        skip_or_fail("needs Redis (REDIS_URL)")
    cache = RedisCache(url, {"KEY_PREFIX": "cache-backend-test"})
    yield cache
    cache.clear()


def test_one_client_serves_every_call(redis_cache):
    client = redis_cache._cache.get_client()
    assert redis_cache._cache.get_client(write=True) is client
    assert redis_cache._cache.get_client("some key") is client


def test_values_round_trip(redis_cache):
    redis_cache.set("answer", {"value": 42}, 30)
    assert redis_cache.get("answer") == {"value": 42}
    assert redis_cache.get_many(["answer", "missing"]) == {"answer": {"value": 42}}
    assert redis_cache.add("answer", "other", 30) is False
    assert redis_cache.add("counter", 1, 30) is True
    assert redis_cache.incr("counter") == 2
    redis_cache.delete("answer")
    assert redis_cache.get("answer") is None


def test_the_platform_uses_it_with_redis():
    if not settings.REDIS_URL:
        pytest.skip("the embedded set-up caches in local memory")
    assert settings.CACHES["default"]["BACKEND"] == "config.cache.RedisCache"
