import runpy

import pytest
import requests
from django.conf import settings as django_settings
from django.core.cache import caches

from tests.ops.live import dead_port
from tests.platform.world import build_world
from tests.volunteers.conftest import vnet  # noqa: F401  (the volunteers' network fixture)

SETTINGS_FILE = django_settings.BASE_DIR / "config" / "settings.py"


@pytest.fixture
def dead_cache(settings, monkeypatch):
    """The cache exactly as config/settings.py builds it for a REDIS_URL whose Redis is down;
    returns that Redis's address (``redis://127.0.0.1:<port>``).

    The settings module is run again with that REDIS_URL, so the backend and its OPTIONS
    (IGNORE_EXCEPTIONS, timeouts, logging of the ignored failures) are the production ones.
    Overriding CACHES resets Django's cache handler (the setting_changed signal); the live
    server's request threads build their cache from the new settings too.
    """
    server = f"redis://127.0.0.1:{dead_port()}"
    monkeypatch.setenv("REDIS_URL", f"{server}/0")
    conf = runpy.run_path(str(SETTINGS_FILE))
    assert conf["CACHES"]["default"]["BACKEND"] == "django_redis.cache.RedisCache"
    assert conf["CACHES"]["default"]["LOCATION"].startswith(f"{server}/")
    settings.CACHES = conf["CACHES"]
    settings.DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = conf["DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS"]
    backend = caches["default"]
    assert type(backend).__module__ == "django_redis.cache", "the cache handler kept the old one"
    return server


@pytest.fixture
def http():
    """``http()`` → a requests session, closed after the test: no keep-alive connection
    outlives it in the live server's threads."""
    made = []

    def make():
        made.append(requests.Session())
        return made[-1]

    yield make
    for session in made:
        session.close()


@pytest.fixture
def world(transactional_db):
    """The role × scope matrix's world, committed: the live server's threads read it (built
    while Redis still works; the drills take it away afterwards)."""
    return build_world()
