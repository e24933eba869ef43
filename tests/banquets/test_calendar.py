"""The canteen calendar: weekday headings over the month grid, and past days without tables
left (a past day can no longer be booked)."""

import calendar
import datetime
import re

import pytest

from banquets.selectors import today as local_today

pytestmark = pytest.mark.django_db


def _month(web, user, canteen, first):
    return web(user).get(
        f"/banquets/calendar/?canteen={canteen.pk}&month={first:%Y-%m}").content.decode()


def _days(html):
    """{date: the day's text} of the month grid."""
    return {m.group(1): re.sub(r"<[^>]+>|\s+", "", m.group(2)) for m in re.finditer(
        r'<li class="day[^"]*" data-date="([\d-]+)">(.*?)</li>', html, re.S)}


def test_the_month_has_weekday_headings_monday_first(net, web, canteen):
    html = _month(web, net.villager, canteen, local_today().replace(day=1))
    headings = re.findall(r'<li class="weekday"><abbr title="([^"]+)">(.)</abbr></li>', html)
    assert [h for _t, h in headings] == list("一二三四五六日")
    assert [t for t, _h in headings][0] == "星期一"
    first = local_today().replace(day=1)
    blanks = html.count('<li class="blank"')
    assert blanks == first.weekday()  # the 1st stands under its own weekday


def test_past_days_show_no_tables_left(net, web, canteen):
    today = local_today()
    last_month = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    days = _days(_month(web, net.villager, canteen, last_month))
    assert len(days) == calendar.monthrange(last_month.year, last_month.month)[1]
    assert all("剩" not in text and "已过" in text for text in days.values())

    days = _days(_month(web, net.villager, canteen, today.replace(day=1)))
    for date, text in days.items():
        if date < today.isoformat():
            assert "已过" in text and "剩" not in text, date
        else:
            assert "剩20桌" in text and "已过" not in text, date
