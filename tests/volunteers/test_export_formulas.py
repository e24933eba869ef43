"""Rosters exported from the admin never carry a live formula, and come back unchanged.

A team named ``=HYPERLINK(...)`` or ``+cmd|...`` is written to .xlsx as a string cell with its
exact text, and to CSV behind a ``'`` that the admin import strips again.
"""

import csv
import io

import pytest
import tablib
from django.contrib import admin
from import_export.admin import ImportExportMixin
from openpyxl import load_workbook

from practice import exports
from volunteers.models import Team, TeamKind

pytestmark = pytest.mark.django_db

DANGEROUS = ["=HYPERLINK(\"http://x\",\"y\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A2)",
             "\t=1+1", "\r=1+1"]
# XML reads a bare carriage return as a line feed (XML 1.0, 2.11 End-of-Line Handling), in any
# .xlsx cell, formula-like or not; openpyxl with lxml installed writes one as a character
# reference, which comes back as itself. Either way the text is the same to a reader.
def xml_read(text):
    return text.replace("\r", "\n")


EXPORT_URL = "/admin/volunteers/team/export/"
IMPORT_URL = "/admin/volunteers/team/import/"


@pytest.fixture
def teams(vnet):
    return {text: Team.objects.create(name=f"{text}队", kind=TeamKind.OTHER, unit=vnet.t1,
                                      description=text)
            for text in DANGEROUS}


def _choice(form, field, name):
    return next(value for value, label in form.fields[field].choices if name in str(label).lower())


def export(client, fmt):
    form = client.get(EXPORT_URL).context["form"]
    data = {"format": _choice(form, "format", fmt), "resource": 0}
    data.update({name: "on" for name in form.fields if name.startswith("teamresource_")})
    response = client.post(EXPORT_URL, data)
    assert response.status_code == 200, response.content[:500]
    return response.content


def admin_import(client, content, fmt, name):
    upload = io.BytesIO(content)
    upload.name = name
    form = client.get(IMPORT_URL).context["form"]
    preview = client.post(IMPORT_URL, {"import_file": upload, "resource": 0,
                                       "format": _choice(form, "format", fmt)})
    assert preview.status_code == 200
    assert "confirm_form" in preview.context, preview.content.decode()
    confirm = preview.context["confirm_form"]
    done = client.post("/admin/volunteers/team/process_import/", confirm.initial)
    assert done.status_code == 302, done.content.decode()[:2000]


def test_formula_like_text_is_a_string_cell_in_the_xlsx_export(vnet, web, teams):
    wb = load_workbook(io.BytesIO(export(web(vnet.township_staff), "xlsx")))
    cells = {xml_read(c.value) if isinstance(c.value, str) else c.value: c
             for row in wb.active.iter_rows() for c in row}
    for text in DANGEROUS:
        for value in (xml_read(text), xml_read(f"{text}队")):
            assert cells[value].data_type == "s", value
    rows = list(wb.active.iter_rows(values_only=True))
    assert ("+cmd|' /C calc'!A0队", "其他服务队", "T1", "+cmd|' /C calc'!A0") in rows


def test_formula_like_text_starts_with_a_quote_in_the_csv_export(vnet, web, teams):
    rows = list(csv.reader(io.StringIO(export(web(vnet.township_staff), "csv").decode(),
                                       newline="")))
    by_description = {r[3]: r for r in rows[1:]}
    for text in DANGEROUS:
        assert by_description[f"'{text}"][0] == f"'{text}队"
    assert [vnet.team_t1.name] == [r[0] for r in rows if r[0] == vnet.team_t1.name]


@pytest.mark.parametrize("fmt,name", [("csv", "teams.csv"), ("xlsx", "teams.xlsx")])
def test_an_exported_roster_imports_back_unchanged(vnet, web, teams, fmt, name):
    # Not the carriage return: the admin import reads one as a line feed in any text (CSV is
    # read in text mode, .xlsx is XML), formula-like or not.
    teams.pop("\r=1+1").delete()
    client = web(vnet.township_staff)
    content = export(client, fmt)
    Team.objects.filter(pk__in=[t.pk for t in teams.values()]).update(description="改过")
    before = Team.objects.count()
    admin_import(client, content, fmt, name)
    assert Team.objects.count() == before  # each row found its team by the name
    for text, team in teams.items():
        team.refresh_from_db()
        assert (team.name, team.description) == (f"{text}队", text)


def test_numbers_stay_numbers_and_text_stays_text():
    data = tablib.Dataset(["-5", -5, -2.5, "'=1", "a-b"], headers=["a", "b", "c", "d", "e"])
    line = exports.CSV().export_data(data).splitlines()[1]
    assert line == "'-5,-5,-2.5,''=1,a-b"
    back = exports.CSV().create_dataset(exports.CSV().export_data(data))
    assert list(back[0]) == ["-5", "-5", "-2.5", "'=1", "a-b"]
    ws = load_workbook(io.BytesIO(exports.XLSX().export_data(data))).active
    cells = list(ws.iter_rows(min_row=2))[0]
    assert [(c.value, c.data_type) for c in cells] == [
        ("-5", "s"), (-5, "n"), (-2.5, "n"), ("'=1", "s"), ("a-b", "s")]


def test_every_import_export_admin_uses_the_safe_formats():
    admins = [a for a in admin.site._registry.values() if isinstance(a, ImportExportMixin)]
    assert admins
    for model_admin in admins:
        assert model_admin.get_export_formats() == exports.FORMATS, model_admin
        assert model_admin.get_import_formats() == exports.FORMATS, model_admin
