"""The API's JSON renderer (practice/api/renderers.py, orjson) writes what DRF's writes: the
same bytes for every answer of the role × scope matrix's world, and for any nesting of the
values serializers produce."""

import datetime
import uuid
from decimal import Decimal

import pytest
from django.utils.translation import gettext_lazy
from hypothesis import given, settings
from hypothesis import strategies as st
from rest_framework.renderers import JSONRenderer as DRFRenderer

from practice.api.renderers import JSONRenderer

drf, ours = DRFRenderer(), JSONRenderer()

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(2**63), max_value=2**64 - 1),
    st.text(), st.decimals(allow_nan=False, allow_infinity=False, places=2),
    st.datetimes(timezones=st.sampled_from([datetime.UTC, None])), st.dates(), st.uuids(),
)
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                      | st.dictionaries(st.text(), inner, max_size=4), max_leaves=20)


@settings(max_examples=300, deadline=None)
@given(values)
def test_any_nesting_of_serializer_values_renders_to_the_same_bytes(value):
    assert ours.render(value) == drf.render(value)


def test_what_only_drfs_encoder_knows_renders_the_same():
    value = {"lazy": gettext_lazy("reversed"), "set": {3}, "bytes": b"ok", "big": 2**70,
             "line": "a\u2028b\u2029c", "time": datetime.time(8, 30), "keys": {1: "一", None: 2},
             "gap": datetime.timedelta(hours=1, minutes=30), "id": uuid.UUID(int=1),
             "money": Decimal("12.50"), "when": datetime.datetime(2026, 11, 29, 8, 0,
                                                                  tzinfo=datetime.UTC)}
    assert ours.render(value) == drf.render(value)
    assert ours.render(None) == drf.render(None) == b""


def test_floats_are_the_same_numbers():
    import json

    value = [0.1, 1e16, 1.5e-7, -2.0, 3.0]
    assert json.loads(ours.render(value)) == json.loads(drf.render(value)) == value


def test_an_indented_answer_is_drfs():
    value = {"a": [1, 2]}
    media = "application/json; indent=2"
    expected = b'{\n  "a": [\n    1,\n    2\n  ]\n}'
    assert ours.render(value, media) == drf.render(value, media) == expected


@pytest.mark.django_db
def test_every_answer_of_the_matrix_world_renders_to_the_same_bytes(api):
    from django.urls import reverse

    from tests.platform.matrix_table import API
    from tests.platform.world import build_world

    world = build_world()
    rendered = 0
    for key, row in API.items():
        method, name = key.split(" ", 1)
        if method != "GET" or row.kwargs is not None:
            continue
        kwargs = {"pk": world.pick(row.obj, "in").pk} if row.obj else {}
        for role in ("banner_admin", "villager", "volunteer"):
            response = api(world.user(role)).get(reverse(name, kwargs=kwargs))
            json_answer = response.get("Content-Type", "").startswith("application/json")
            if response.status_code == 200 and hasattr(response, "data") and json_answer:
                assert type(response.accepted_renderer) is JSONRenderer
                assert ours.render(response.data) == drf.render(response.data), (key, role)
                rendered += 1
    assert rendered >= 40
