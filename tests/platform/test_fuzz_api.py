"""Schemathesis against /api/schema/: no 5xx and responses as the schema says.

Every operation of the published schema gets a few generated requests (``MAX_EXAMPLES``), each
sent twice through the WSGI application — as the banner's administrator and as a villager,
with their API tokens — over the shared world of ``tests.platform.world``, so ids often hit
real objects. Each operation's writes are rolled back after it.
"""

import os

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
)

pytestmark = pytest.mark.django_db
# CI runs a few examples per operation with a fixed seed; raise FUZZ_EXAMPLES to dig deeper.
MAX_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "6"))
CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]


@pytest.fixture(scope="module")
def wsgi_app(django_db_setup, django_db_blocker):
    """Django's WSGI application, kept from closing the test's connection after a request
    (as Django's own test client does)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture(scope="module")
def api_schema(wsgi_app, world):
    key = Token.objects.get_or_create(user=world.net.villager)[0].key  # the schema needs one
    return schemathesis.openapi.from_wsgi("/api/schema/?format=json", wsgi_app,
                                          headers={"Authorization": f"Token {key}"})


schema = schemathesis.pytest.from_fixture("api_schema")


@pytest.fixture
def tokens(world, db):
    return [
        Token.objects.get_or_create(user=world.net.banner_admin)[0].key,
        Token.objects.get_or_create(user=world.net.villager)[0].key,
    ]


@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck),
          derandomize=not os.environ.get("FUZZ_EXAMPLES"))
def test_the_api_holds_under_generated_requests(case, tokens):
    for key in tokens:
        cache.clear()  # throttles and cached figures start afresh for each request
        case.call_and_validate(headers={"Authorization": f"Token {key}"}, checks=CHECKS)
