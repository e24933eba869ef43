"""The workbook opens and holds the right numbers, as numbers, under Chinese headers."""

from io import BytesIO

import pytest
from openpyxl import load_workbook

from reports import services
from reports.models import MonthlyReport
from tests.reports.conftest import at, household

pytestmark = pytest.mark.django_db


@pytest.fixture
def reports(net, registry):
    registry.register("test.ratio", label="测试完成率", unit="%", agg="ratio")(
        lambda p: {net.v11.pk: (1, 4), net.v21.pk: (3, 4)})
    household(net.v11, "X1", at(2025, 2, 3))
    services.monthly_reports_build(2025, 2)
    for n in range(3):
        household(net.v11, f"Y{n}", at(2025, 3, 3))
    household(net.v21, "Y9", at(2025, 3, 3))
    services.monthly_reports_build(2025, 3)
    return {r.unit.code: r for r in MonthlyReport.objects.filter(month=3).select_related("unit")}


def download(api, user, report):
    response = api(user).get(f"/api/reports/monthly/{report.pk}/xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    return load_workbook(BytesIO(b"".join(response.streaming_content)
                                 if response.streaming else response.content))


def rows_by_code(ws, code_col):
    return {r[code_col]: r for r in ws.iter_rows(values_only=True) if r and r[code_col]}


def test_the_banner_workbook_has_a_summary_and_a_sheet_per_township(net, api, reports):
    wb = download(api, net.leader, reports["B"])
    assert wb.sheetnames == ["汇总", "测试旗", "查日苏镇", "努古斯台镇"]
    summary = wb["汇总"]
    header = next(r for r in summary.iter_rows(values_only=True) if r[0] == "指标")
    assert header == ("指标", "计量单位", "测试旗", "查日苏镇", "努古斯台镇")
    line = next(r for r in summary.iter_rows(values_only=True) if r[0] == "新增登记农户")
    assert line == ("新增登记农户", "户", 4, 3, 1)
    ratio = next(r for r in summary.iter_rows(values_only=True) if r[0] == "测试完成率")
    assert ratio == ("测试完成率", "%", 50, 25, 75)

    banner = wb["测试旗"]
    header = next(r for r in banner.iter_rows(values_only=True) if r[0] == "序号")
    assert header == ("序号", "指标", "计量单位", "本月", "上月", "环比增减", "指标代码")
    by_code = rows_by_code(banner, 6)
    assert by_code["practice.households_new"][3:6] == (4, 1, 3)
    cell = next(c for c in banner["D"] if c.value == 4)
    assert cell.data_type == "n"  # a number, not text

    t1 = rows_by_code(wb["查日苏镇"], 6)
    assert t1["practice.households_new"][3:6] == (3, 1, 2)
    assert rows_by_code(wb["努古斯台镇"], 6)["practice.households_new"][3:6] == (1, 0, 1)


def test_a_township_workbook_holds_only_that_township(net, api, reports):
    wb = download(api, net.township_leader, reports["T1"])
    assert wb.sheetnames == ["查日苏镇"]
    by_code = rows_by_code(wb["查日苏镇"], 6)
    assert by_code["practice.households_new"][3:6] == (3, 1, 2)
    assert by_code["test.ratio"][3] == 25


DANGEROUS = ["=HYPERLINK(\"http://x\",\"y\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A2)",
             "\t=1+1", "\r=1+1"]


@pytest.mark.parametrize("prefix", DANGEROUS)
def test_a_formula_like_unit_name_is_written_as_text(net, api, reports, prefix):
    from practice.models import Unit

    name = f"{prefix}查日苏镇"
    Unit.objects.filter(pk=net.t1.pk).update(name=name)
    wb = download(api, net.leader, reports["B"])
    # A carriage return comes back as a line feed or as itself (XML reads a bare one as a line
    # feed; with lxml installed openpyxl writes it as a character reference): either is text.
    def read(value):
        return value.replace("\r", "\n")

    shown = read(name)
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row
             if isinstance(c.value, str) and read(c.value).startswith(shown)]
    assert len(cells) >= 2  # the summary's column header and the township sheet's title
    assert [c.data_type for c in cells] == ["s"] * len(cells)
    assert shown in [read(c.value) for c in cells]


def test_a_fall_stays_a_negative_number(net, api, reports):
    for n in range(3):
        household(net.v21, f"Z{n}", at(2025, 2, 4))
    services.monthly_reports_build(2025, 2)
    wb = download(api, net.leader, reports["B"])
    row = next(r for r in wb["努古斯台镇"].iter_rows() if r[6].value == "practice.households_new")
    # 1 household this month, 3 the month before
    assert (row[3].value, row[4].value, row[5].value) == (1, 3, -2)
    assert row[5].data_type == "n"
