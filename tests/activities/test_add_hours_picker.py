"""The 补录时长 picker tells two volunteers of the same name apart by village and masked
phone, and never shows a full number."""

import re

import pytest

from tests.volunteers.conftest import join, make_volunteer
from volunteers.selectors import mask_phone, volunteer_label

pytestmark = pytest.mark.django_db


def test_two_namesakes_are_told_apart_by_village_and_masked_phone(vnet, act, web):
    a = make_volunteer("吴萨仁", vnet.v11, phone="13812341234")
    b = make_volunteer("吴萨仁", vnet.v12, phone="13956785678")
    c = make_volunteer("吴萨仁", vnet.v11)
    join(vnet.team, a, b, c)
    html = web(vnet.station_staff).get(f"/volunteers/activities/{act.pk}/").content.decode()
    picker = re.search(r'<select name="volunteer".*?</select>', html, re.S).group(0)
    labels = re.findall(r"<option value=\"\d+\"[^>]*>([^<]*)</option>", picker)
    assert "吴萨仁 · 沃德嘎查 · 138****1234" in labels
    assert "吴萨仁 · 伊胡塔嘎查 · 139****5678" in labels
    assert "吴萨仁 · 沃德嘎查" in labels
    assert "志愿者甲 · 沃德嘎查 · 139****0001" in labels
    for full in ("13812341234", "13956785678", "13900000001"):
        assert full not in html


def test_the_label_rule_lives_in_one_place(vnet):
    assert mask_phone("13812341234") == "138****1234"
    assert mask_phone("") == "" and mask_phone(None) == ""
    assert volunteer_label(vnet.vol) == "志愿者甲 · 沃德嘎查 · 139****0001"


def _picker_labels(html):
    picker = re.search(r'<select name="volunteer".*?</select>', html, re.S)
    return re.findall(r"<option value=\"\d+\"[^>]*>([^<]*)</option>", picker.group(0)) \
        if picker else []


def test_the_picker_finds_a_volunteer_by_name_or_phone_as_written(vnet, act, web):
    a = make_volunteer("吴萨仁", vnet.v11, phone="13812341234")
    b = make_volunteer("吴萨仁", vnet.v12, phone="13956785678")
    join(vnet.team, a, b)
    client = web(vnet.station_staff)
    url = f"/volunteers/activities/{act.pk}/"
    assert _picker_labels(client.get(url, {"who": "139 5678 5678"}).content.decode()) == [
        "吴萨仁 · 伊胡塔嘎查 · 139****5678"]
    assert sorted(_picker_labels(client.get(url, {"who": "吴萨仁"}).content.decode())) == [
        "吴萨仁 · 伊胡塔嘎查 · 139****5678", "吴萨仁 · 沃德嘎查 · 138****1234"]
    html = client.get(url, {"who": "查无此人"}).content.decode()
    assert _picker_labels(html) == [] and 'id="no-volunteer-found"' in html
    # Only the activity's own people: a volunteer of no organising team is not offered.
    make_volunteer("外人", vnet.v11, phone="13700000000")
    assert _picker_labels(client.get(url, {"who": "13700000000"}).content.decode()) == []
