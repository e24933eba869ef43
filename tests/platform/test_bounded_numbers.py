"""Numbers in query strings and bodies are bounded: a page number past any database's integers,
a ``year`` of unusual digits or a body nested past Python's recursion answer 4xx, never 500."""

import pytest
from rest_framework.pagination import PageNumberPagination
from rest_framework.test import APIClient

from tests.platform import endpoints
from tests.platform.matrix_table import API

pytestmark = pytest.mark.django_db
HUGE = "4611686018427387904"  # 2**62: times a page size, past a bigint


def _page_numbered_lists():
    """Every API list the URL configuration pages by number (the matrix's rows of them)."""
    found = []
    for key, row in sorted(API.items()):
        method, name = key.split(" ", 1)
        if method != "GET":
            continue
        for _route, url_name, callback in endpoints.walk():
            if url_name != name:
                continue
            cls = getattr(callback, "cls", None)
            pagination = getattr(cls, "pagination_class", None)
            if (getattr(callback, "actions", {}).get("get") == "list" and pagination
                    and issubclass(pagination, PageNumberPagination)):
                found.append((key, row))
            break
    return found


PAGE_NUMBERED = _page_numbered_lists()


def test_the_page_numbered_lists_are_found():
    assert len(PAGE_NUMBERED) >= 10, [k for k, _ in PAGE_NUMBERED]


@pytest.mark.parametrize("key", [k for k, _ in PAGE_NUMBERED])
def test_a_huge_page_number_is_an_invalid_page_not_a_500(world, key):
    row = API[key]
    name = key.split(" ", 1)[1]
    client = APIClient(raise_request_exception=False)
    # The banner's administrator, or the first role the row lets in (mediation's cases are
    # refused to the banner: counts only).
    allowed = [role for role, (inside, _out) in row.statuses().items() if inside == 200]
    caller = "banner_admin" if "banner_admin" in allowed else allowed[-1]
    client.force_authenticate(getattr(world.net, caller))
    query = dict(row.query(world, "in")) if row.query else {}
    for page in (HUGE, "9" * 40):
        response = client.get(endpoints.url_of(world, name, row, "in"), {**query, "page": page})
        assert response.status_code == 404, (page, response.content[:300])
        assert response.json()["detail"] == "无效页面。"


DEEP = ["[" * 100_000 + "]" * 100_000, '{"a":' * 100_000 + "1" + "}" * 100_000]


@pytest.mark.parametrize("body", DEEP, ids=["list", "object"])
def test_a_body_nested_too_deeply_is_a_400_with_a_chinese_message(world, body):
    for user, url in ((world.net.villager, "/api/orders/"),
                      (world.net.station_staff, "/api/points/deposits/"),
                      (None, "/api/auth/token/")):
        client = APIClient(raise_request_exception=False)
        if user is not None:
            client.force_authenticate(user)
        response = client.post(url, body, content_type="application/json")
        assert response.status_code == 400, (url, response.content[:300])
        assert response.json()["detail"] == "请求内容嵌套过深。", url


EXOTIC_BODIES = [
    '{"household": NaN, "lines": []}',
    '{"household": Infinity, "lines": []}',
    '{"household": 9223372036854775808, "lines": [{"category": 1, "weight_jin": "1"}]}',
    '{"household": 1, "lines": [{"category": -9223372036854775809, "weight_jin": "1"}]}',
    '{"household": 1e308, "lines": [{"category": 1e999, "weight_jin": 1e308}]}',
    '{"household": 1, "lines": [{"category": 1, "weight_jin": "1e400000"}]}',
]


@pytest.mark.parametrize("body", EXOTIC_BODIES)
def test_huge_and_exotic_numbers_in_a_body_are_refused_not_a_500(world, body):
    """Past a bigint an id is no household of the cashier's (404); NaN, the infinities and
    numbers past a float are malformed (400)."""
    client = APIClient(raise_request_exception=False)
    client.force_authenticate(world.net.station_staff)
    response = client.post("/api/points/deposits/", body, content_type="application/json")
    assert response.status_code in (400, 404), (body, response.content[:300])
