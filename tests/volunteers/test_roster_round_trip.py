"""The volunteer roster imports its own export unchanged; errors name Excel rows in Chinese."""

import io
import re

import pytest
from openpyxl import Workbook, load_workbook

from volunteers.models import Membership, Team, Volunteer

pytestmark = pytest.mark.django_db

HEADERS = ["姓名", "手机号", "单位代码", "特长", "注册日期", "所在服务队"]


def _format(client, page, kind="xlsx"):
    form = client.get(page).context["form"]
    return next(value for value, label in form.fields["format"].choices if label == kind)


def _export(client, model):
    page = f"/admin/volunteers/{model}/export/"
    form = client.get(page).context["form"]
    data = {k: "on" for k, f in form.fields.items() if getattr(f, "is_selectable_field", False)}
    data.update(format=_format(client, page), resource=0)
    response = client.post(page, data)
    assert response.status_code == 200
    file = io.BytesIO(response.content)
    file.name = f"{model}.xlsx"
    return file


def _import(client, model, file):
    page = f"/admin/volunteers/{model}/import/"
    return client.post(page, {"import_file": file, "format": _format(client, page),
                              "resource": 0})


def _confirm(client, model, preview):
    form = preview.context["confirm_form"]
    return client.post(f"/admin/volunteers/{model}/process_import/", form.initial, follow=True)


def _xlsx(rows):
    workbook = Workbook()
    for row in [HEADERS, *rows]:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "volunteers.xlsx"
    return buffer


def _snapshot():
    return (list(Volunteer.objects.order_by("pk").values()),
            list(Membership.objects.order_by("pk").values()),
            list(Team.objects.order_by("pk").values()))


def test_the_volunteer_roster_imports_its_own_export_without_a_change(vnet, web):
    Volunteer.objects.filter(pk=vnet.vol.pk).update(skills="理发")  # one with, others without
    client = web(vnet.township_staff)
    exported = _export(client, "volunteer")
    sheet = load_workbook(exported).active
    assert [c.value for c in sheet[1]] == HEADERS
    exported.seek(0)
    before = _snapshot()
    preview = _import(client, "volunteer", exported)
    assert preview.status_code == 200
    result = preview.context["result"]
    assert not result.has_errors() and not result.has_validation_errors()
    assert result.totals["new"] == 0 and result.totals["update"] == 0
    assert result.totals["skip"] == 3
    # The preview shows each volunteer's team.
    assert preview.text.count("<span>沃德嘎查巾帼志愿服务队</span>") == 3
    done = _confirm(client, "volunteer", preview)
    assert done.status_code == 200
    assert _snapshot() == before


def test_the_team_roster_imports_its_own_export_without_a_change(vnet, web):
    client = web(vnet.township_staff)
    before = _snapshot()
    preview = _import(client, "team", _export(client, "team"))
    result = preview.context["result"]
    assert not result.has_errors() and not result.has_validation_errors()
    assert result.totals["new"] == 0 and result.totals["update"] == 0
    _confirm(client, "team", preview)
    assert _snapshot() == before


def test_a_new_volunteer_with_an_empty_skills_cell_is_imported(vnet, web):
    client = web(vnet.township_staff)
    preview = _import(client, "volunteer", _xlsx([
        ["其其格", "13611110021", "T1V1", None, "2024-03-01", vnet.team.name]]))
    result = preview.context["result"]
    assert not result.has_errors() and not result.has_validation_errors()
    table = preview.text[preview.text.index("import-preview"):]
    assert re.search(r"<td><ins[^>]*>沃德嘎查巾帼志愿服务队</ins></td>", table)
    _confirm(client, "volunteer", preview)
    v = Volunteer.objects.get(phone="13611110021")
    assert v.skills == "" and list(v.teams.all()) == [vnet.team]


def test_a_new_team_in_an_unchanged_row_is_joined(vnet, web):
    client = web(vnet.township_staff)
    preview = _import(client, "volunteer", _xlsx([
        ["志愿者甲", "13900000001", "T1V1", "", "2024-01-01",
         f"{vnet.team.name}；{vnet.team_t1.name}"]]))
    assert preview.context["result"].totals["update"] == 1
    _confirm(client, "volunteer", preview)
    assert set(vnet.vol.teams.all()) == {vnet.team, vnet.team_t1}


def test_errors_name_the_excel_row_and_the_chinese_column(vnet, web):
    client = web(vnet.township_staff)
    response = _import(client, "volunteer", _xlsx([
        ["其其格", "13611110022", "T1V1", "", "2024-03-01", ""],
        ["乌云", "13611110023", "NOPE", None, "2024-03-01", None],
    ]))
    result = response.context["result"]
    assert [row.number for row in result.invalid_rows] == [3]
    text = response.text
    assert "以下行的数据验证失败" in text and "某些行验数据证失败" not in text
    labels = re.findall(r'class="validation-error-field-label">([^<]*)<', text)
    assert labels == ["单位代码"] and "UNIT" not in text
    table = text[text.index("validation-error-count"):]
    assert "None" not in table[:table.index("</tbody>")]


def test_a_row_error_names_the_excel_row(vnet, web):
    client = web(vnet.township_staff)
    response = _import(client, "volunteer", _xlsx([
        ["其其格", "13611110024", "T1V1", "", "2024-03-01", ""],
        ["", "13611110025", "T1V1", "", "2024-03-01", ""],
    ]))
    result = response.context["result"]
    assert [line for line, _errors in result.row_errors()] == [3]
    assert "行号: 3 - 请填写姓名" in response.text


def test_a_bad_date_and_an_over_long_cell_are_named_in_chinese(vnet, web):
    client = web(vnet.township_staff)
    response = _import(client, "volunteer", _xlsx([
        ["其其格", "13611110031", "T1V1", "", "2024-13-45", ""],
        ["其其格", "13611110033", "T1V1", "x" * 300, "2024-03-01", ""],
    ]))
    result = response.context["result"]
    assert [row.number for row in result.invalid_rows] == [2, 3]
    assert "“2024-13-45”不是有效的日期" in response.text
    assert "不超过 200 字符" in response.text and "could not be parsed" not in response.text
    assert not Volunteer.objects.filter(phone__in=["13611110031", "13611110033"]).exists()
