"""Fixtures of the platform-wide checks: one world built once per module, rolled back after."""

import pytest
from django.core.cache import cache
from django.db import transaction

from tests.platform.world import build_world


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The world of ``world.build_world``, built once for a module inside a transaction that is
    rolled back when the module ends; each test runs in a savepoint inside it."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield build_world()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            cache.clear()
