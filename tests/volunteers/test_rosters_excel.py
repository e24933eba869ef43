import io
import re

import pytest
import tablib
from openpyxl import Workbook

from volunteers.models import Membership, Team, Volunteer
from volunteers.resources import TeamResource, VolunteerResource

pytestmark = pytest.mark.django_db

HEADERS = ["姓名", "手机号", "单位代码", "特长", "注册日期", "所在服务队"]


def _sheet(rows, headers=HEADERS):
    return tablib.Dataset(*rows, headers=headers)


def test_a_phone_that_comes_twice_is_one_person(vnet):
    data = _sheet([
        ["其其格", "13611110001", "T1V1", "理发", "2024-03-01", vnet.team.name],
        ["其其格", "13611110001", "T1V1", "理发、维修", "2024-03-01", ""],
    ])
    result = VolunteerResource(user=vnet.township_staff).import_data(data, dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    assert Volunteer.objects.filter(phone="13611110001").count() == 1
    again = VolunteerResource(user=vnet.township_staff).import_data(data, dry_run=False)
    assert not again.has_errors()
    assert Volunteer.objects.filter(phone="13611110001").count() == 1
    v = Volunteer.objects.get(phone="13611110001")
    assert v.skills == "理发、维修"
    assert Membership.objects.filter(volunteer=v, team=vnet.team).count() == 1


def _errors(result):
    messages = [str(e.error) for row in result.row_errors() for e in row[1]]
    for row in result.invalid_rows:
        messages += [str(m) for msgs in row.error_dict.values() for m in msgs]
    return " ".join(messages)


def test_bad_rows_are_reported_in_chinese_and_nothing_is_written(vnet):
    data = _sheet([
        ["巴特尔", "12345", "T1V1", "", "2024-03-01", ""],
        ["", "13611110002", "T1V1", "", "2024-03-01", ""],
        ["乌云", "13611110003", "NOPE", "", "2024-03-01", ""],
        ["图雅", "13611110004", "T2V1", "", "2024-03-01", ""],
    ])
    before = Volunteer.objects.count()
    result = VolunteerResource(user=vnet.township_staff).import_data(data, dry_run=True,
                                                                    raise_errors=False)
    assert result.has_errors() or result.has_validation_errors()
    text = _errors(result)
    assert "不是有效的11位手机号" in text
    assert "请填写姓名" in text
    assert "不存在" in text
    assert "不在您的辖区内" in text
    assert Volunteer.objects.count() == before


def test_teams_import_and_export_round_trip(vnet):
    data = _sheet([["查日苏镇青年志愿服务队", "巾帼志愿服务队", "T1", "新队"]],
                  headers=["队名", "类型", "单位代码", "说明"])
    result = TeamResource(user=vnet.township_staff).import_data(data, dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    team = Team.objects.get(name="查日苏镇青年志愿服务队")
    assert team.kind == "women" and team.unit == vnet.t1
    exported = TeamResource(user=vnet.township_staff).export(Team.objects.for_user(
        vnet.township_staff))
    assert "查日苏镇青年志愿服务队" in exported.csv and "巾帼志愿服务队" in exported.csv
    assert vnet.team_other.name not in exported.csv


def test_township_staff_preview_an_xlsx_in_the_admin(vnet, web):
    wb = Workbook()
    ws = wb.active
    ws.append(HEADERS)
    ws.append(["其其格", "13611110009", "T1V1", "理发", "2024-03-01", ""])
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    buf.name = "volunteers.xlsx"
    client = web(vnet.township_staff)
    page = client.get("/admin/volunteers/volunteer/import/")
    assert page.status_code == 200
    formats = page.context["form"].fields["format"].choices
    xlsx = next(value for value, label in formats if "xlsx" in str(label).lower())
    r = client.post("/admin/volunteers/volunteer/import/",
                    {"import_file": buf, "format": xlsx, "resource": 0})
    assert r.status_code == 200
    assert "其其格" in r.text and "confirm" in r.text.lower()
    assert not Volunteer.objects.filter(phone="13611110009").exists()


def test_station_staff_cannot_import(vnet, web):
    assert web(vnet.station_staff).get("/admin/volunteers/volunteer/import/").status_code == 403


def _xlsx(rows):
    wb = Workbook()
    for row in [HEADERS, *rows]:
        wb.active.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    buf.name = "volunteers.xlsx"
    return buf


def test_the_import_page_names_a_bad_cell_by_its_chinese_column(vnet, web):
    client = web(vnet.township_staff)
    formats = client.get("/admin/volunteers/volunteer/import/").context["form"] \
        .fields["format"].choices
    xlsx = next(value for value, label in formats if "xlsx" in str(label).lower())
    r = client.post("/admin/volunteers/volunteer/import/", {
        "import_file": _xlsx([["乌云", "13611110003", "NOPE", "", "2024-03-01", ""]]),
        "format": xlsx, "resource": 0})
    assert r.status_code == 200
    labels = re.findall(r'class="validation-error-field-label">([^<]*)<', r.text)
    assert labels == ["单位代码"]
    assert "单位代码“NOPE”不存在" in r.text


def test_the_export_page_lists_the_columns_by_their_chinese_headers(vnet, web):
    page = web(vnet.township_staff).get("/admin/volunteers/volunteer/export/")
    assert page.status_code == 200
    labels = [str(f.label) for f in page.context["form"].fields.values()
              if getattr(f, "is_selectable_field", False)]
    assert labels == HEADERS
    assert "全选" in page.text
