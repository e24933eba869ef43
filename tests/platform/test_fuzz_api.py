"""Schemathesis against /api/schema/: no 5xx and responses as the schema says.

Every operation of the published schema gets a few generated requests (``MAX_EXAMPLES``), each
sent twice through the WSGI application — as the banner's administrator and as a villager,
with their API tokens — over the shared world of ``tests.platform.world``, so ids often hit
real objects. Each operation's writes are rolled back after it.

Numbers a schema declares are generated within their types; a client need not keep to them.
So any integer in a generated query or body may also become a huge or exotic number
(:data:`EXOTIC`: past a bigint, past a float, NaN and the infinities), which must be a 4xx too.
"""

import os

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
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
# JSON has no NaN or infinities (a body with them is refused by DRF's strict parser, a 400);
# a query string may say anything.
EXOTIC_JSON = [2**63, -(2**63) - 1, 2**62, 2**64, 10**30, -(10**30), 1e308, -1e308, 1e-308]
EXOTIC = [*EXOTIC_JSON, float("nan"), float("inf"), float("-inf")]


def _or_exotic(value, exotic):
    """``value``, or where it holds integers, the same with some of them ``exotic`` numbers."""
    if isinstance(value, bool):
        return st.just(value)
    if isinstance(value, int):
        return st.one_of(st.just(value), st.sampled_from(exotic))
    if isinstance(value, dict):
        return st.fixed_dictionaries({k: _or_exotic(v, exotic) for k, v in value.items()})
    if isinstance(value, list):
        return st.tuples(*(_or_exotic(item, exotic) for item in value)).map(list)
    return st.just(value)


def flatmap_query(context, query):
    return _or_exotic(query, EXOTIC)


def flatmap_body(context, body):
    return _or_exotic(body, EXOTIC_JSON)


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
    loaded = schemathesis.openapi.from_wsgi("/api/schema/?format=json", wsgi_app,
                                            headers={"Authorization": f"Token {key}"})
    loaded.hook(flatmap_query)  # integers may come huge or exotic (EXOTIC)
    loaded.hook(flatmap_body)
    return loaded


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
        # The WSGI transport hands the body over as sent: ask for it uncompressed (a browser or
        # an HTTP client would undo the gzip itself).
        case.call_and_validate(headers={"Authorization": f"Token {key}",
                                        "Accept-Encoding": "identity"}, checks=CHECKS)
