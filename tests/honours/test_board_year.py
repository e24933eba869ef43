"""A ``year`` that is not a plain year on the public board shows the board's default year."""

import pytest

pytestmark = pytest.mark.django_db
NOT_YEARS = ["²", "٢٠٢٥", "9" * 40, "99999", "0", "-1", "2025.0"]


def test_the_public_board_api_shows_its_default_year_for_an_odd_year(net, api):
    url = f"/api/public/units/{net.v11.pk}/board/"
    client = api()
    client.raise_request_exception = False
    plain = client.get(url)
    assert plain.status_code == 200
    for year in NOT_YEARS:
        response = client.get(url, {"year": year})
        assert response.status_code == 200, (year, response.content[:200])
        assert response.json() == plain.json(), year


def test_the_board_page_shows_its_default_year_for_an_odd_year(net, web):
    client = web()
    client.raise_request_exception = False
    url = f"/board/units/{net.v11.pk}/"
    plain = client.get(url)
    assert plain.status_code == 200
    for year in NOT_YEARS:
        response = client.get(url, {"year": year})
        assert response.status_code == 200, (year, response.content[:200])
