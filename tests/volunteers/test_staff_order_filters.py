"""The staff order list's filters as a clerk sees them: a team picked by name among the teams
of their scope, a button that says 筛选, a plain message with a way back when nothing matches,
and the admin's overdue filter with two different choices."""

import re

import pytest

from volunteers import services

pytestmark = pytest.mark.django_db
URL = "/volunteers/staff/orders/"


def _team_options(html):
    select = html.split('name="team"', 1)[1].split("</select>", 1)[0]
    return dict(re.findall(r'<option value="(\d+)"[^>]*>([^<]+)</option>', select))


def test_the_team_filter_offers_the_teams_of_the_users_scope_by_name(vnet, web):
    html = web(vnet.township_staff).get(URL).text
    options = _team_options(html)
    assert options == {str(vnet.team.pk): vnet.team.name,
                       str(vnet.team_t1.pk): vnet.team_t1.name}
    assert vnet.team_other.name not in html  # another township's team
    assert "服务队编号" not in html
    assert f'<optgroup label="{vnet.v11.name}">' in html  # same-named teams told apart
    station = _team_options(web(vnet.station_staff).get(URL).text)
    assert station == {str(vnet.team.pk): vnet.team.name}


def test_choosing_a_team_by_name_lists_its_orders(vnet, web, place, accepted):
    waiting = place()
    html = web(vnet.township_staff).get(URL, {"team": vnet.team.pk}).text
    assert f"#{accepted.pk} " in html and f"#{waiting.pk} " not in html
    assert f'<option value="{vnet.team.pk}" selected>' in html


def test_a_team_outside_the_scope_filters_nothing_and_says_so(vnet, web, place):
    order = place()
    r = web(vnet.township_staff).get(URL, {"team": vnet.team_other.pk})
    assert r.status_code == 200 and f"#{order.pk} " in r.text
    assert "选择一个有效的选项" in r.text


def test_the_filter_button_says_shaixuan(vnet, web):
    html = web(vnet.township_staff).get(URL).text
    assert '<button type="submit">筛选</button>' in html and "过滤器" not in html
    html = web(vnet.station_staff).get("/volunteers/activities/").text
    assert '<button type="submit">筛选</button>' in html


def test_an_empty_filtered_list_says_nothing_matches_and_offers_to_clear(vnet, web, place):
    place()
    client = web(vnet.township_staff)
    html = client.get(URL, {"status": "completed"}).text
    assert "没有符合筛选条件的订单。" in html and "还没有订单。" not in html
    assert f'<a class="button" href="{URL}">清除筛选</a>' in html


def test_an_empty_list_without_filters_says_there_are_no_orders_yet(vnet, web):
    html = web(vnet.township_staff).get(URL).text
    assert "还没有订单。" in html and "清除筛选" not in html


def test_paging_links_keep_the_filters_once(vnet, web, place):
    for _ in range(21):
        place()
    html = web(vnet.township_staff).get(URL, {"status": "submitted", "page": "1"}).text
    assert 'href="?status=submitted&page=2"' in html


def test_the_admin_overdue_filter_offers_overdue_and_not_overdue(vnet, web, place):
    services.order_dispatch(place(), actor=vnet.station_staff, team=vnet.team)
    html = web(vnet.township_staff).get("/admin/volunteers/order/").text
    block = html.split('data-filter-title="超时"', 1)[1].split("</details>", 1)[0]
    choices = re.findall(r'<a href="[^"]*"[^>]*>([^<]+)</a>', block)
    assert choices == ["全部", "超时", "未超时"]
