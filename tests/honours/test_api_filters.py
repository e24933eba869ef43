"""The honours API's lists filter by year, village and kind or status; bad values are a 400
naming the parameter, in Chinese."""

import pytest

from honours.models import Honour, HonourKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def honours(net):
    rows = [(net.v11, 2025, HonourKind.TEN_STAR), (net.v11, 2026, HonourKind.BEAUTIFUL_FAMILY),
            (net.v12, 2026, HonourKind.TEN_STAR)]
    return [Honour.objects.create(village=village, year=year, kind_id=kind,
                                  person_name=f"获奖者{n}", certificate_no=f"C-{n}",
                                  awarded_by=net.township_staff)
            for n, (village, year, kind) in enumerate(rows)]


def certificates(response):
    assert response.status_code == 200, response.content
    return sorted(row["certificate_no"] for row in response.json()["results"])


def test_honours_filter_by_year_village_and_kind(net, api, honours):
    client = api(net.township_staff)
    assert certificates(client.get("/api/honours/?year=2026")) == ["C-1", "C-2"]
    assert certificates(client.get(f"/api/honours/?village={net.v11.pk}")) == ["C-0", "C-1"]
    assert certificates(client.get("/api/honours/?kind=ten_star&year=2026")) == ["C-2"]
    assert certificates(client.get("/api/honours/")) == ["C-0", "C-1", "C-2"]


@pytest.mark.parametrize("query", ["year=abc", "village=1e300", "kind=gold"])
def test_a_bad_filter_value_is_a_400_naming_it(net, api, honours, query):
    response = api(net.township_staff).get(f"/api/honours/?{query}")
    assert response.status_code == 400
    name = query.split("=")[0]
    assert name in response.json()


@pytest.mark.parametrize("path", ["/api/star-evaluations/", "/api/evaluations/"])
def test_the_evaluation_lists_refuse_an_unknown_status(net, api, path):
    response = api(net.township_staff).get(f"{path}?status=bogus")
    assert response.status_code == 400 and "status" in response.json()
    assert api(net.township_staff).get(f"{path}?year=2026").status_code == 200
