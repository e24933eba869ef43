"""A monthly report as an Excel workbook (openpyxl): numbers stay numbers, headers in Chinese.

For the banner's report: a summary sheet with the banner and every township side by side, then
one sheet per township. For a township's report: that township's sheet.
"""

from __future__ import annotations

from io import BytesIO

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from practice.exports import xlsx_append

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="C0392B")
INVALID_SHEET_CHARS = set("[]:*?/\\")


def filename(report) -> str:
    return f"monthly-report-{report.unit.code}-{report.year}-{report.month:02d}.xlsx"


def _number(value):
    """Decimal → int or float, so Excel stores a number, never text."""
    if value is None:
        return None
    f = float(value)
    return int(f) if f.is_integer() else f


def _sheet_title(name: str, taken: set) -> str:
    title = "".join(c for c in name if c not in INVALID_SHEET_CHARS)[:31] or "Sheet"
    base, n = title, 2
    while title in taken:
        suffix = f"({n})"
        title = base[: 31 - len(suffix)] + suffix
        n += 1
    taken.add(title)
    return title


def _header(ws, row: list[str]) -> None:
    xlsx_append(ws, row)
    for cell in ws[ws.max_row]:
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.freeze_panes = ws.cell(row=ws.max_row + 1, column=3)


def _widths(ws, widths: list[int]) -> None:
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w


def _title(ws, text: str, columns: int) -> None:
    xlsx_append(ws, [text])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=max(columns, 1))
    ws["A1"].font = Font(bold=True, size=14)
    ws["A1"].alignment = Alignment(horizontal="center")


def _unit_sheet(wb, report, previous: dict | None, taken: set) -> None:
    ws = wb.create_sheet(_sheet_title(report.unit.name, taken))
    head = str(report.unit.head) if report.unit.head_id else ""
    _title(ws, _("%(unit)s dispatch report %(year)s-%(month)02d")
           % {"unit": report.unit.name, "year": report.year, "month": report.month}, 6)
    xlsx_append(ws, [_("Head (一把手)"), head, _("Generated at"),
               timezone.localtime(report.generated_at).strftime("%Y-%m-%d %H:%M")])
    previous = previous or {}
    columns = [_("No."), _("Indicator"), _("Unit of measure"), _("This month"), _("Last month"),
               _("Month-on-month change"), _("Indicator code")]
    _header(ws, columns)
    for n, v in enumerate(report.values.all(), start=1):
        before = _number(previous.get(v.code))
        change = None
        if v.value is not None and before is not None:
            change = _number(v.value - previous[v.code])
        xlsx_append(ws, [n, v.label, v.measure, _number(v.value), before, change, v.code])
    _widths(ws, [6, 30, 12, 14, 14, 12, 28][: len(columns)])


def _summary_sheet(ws, reports, taken: set) -> None:
    banner = reports[0]
    ws.title = _sheet_title(_("Banner summary"), taken)
    columns = [_("Indicator"), _("Unit of measure")] + [r.unit.name for r in reports]
    _title(ws, _("%(unit)s dispatch report %(year)s-%(month)02d")
           % {"unit": banner.unit.name, "year": banner.year, "month": banner.month}, len(columns))
    _header(ws, columns)
    by_report = [{v.code: v.value for v in r.values.all()} for r in reports]
    for v in banner.values.all():
        xlsx_append(ws, [v.label, v.measure]
                    + [_number(values.get(v.code)) for values in by_report])
    ws.append([])
    xlsx_append(ws, [_("Head (一把手)"), ""] + [str(r.unit.head) if r.unit.head_id else ""
                                             for r in reports])
    _widths(ws, [30, 12] + [14] * len(reports))


def workbook_bytes(reports: list, *, previous: dict | None = None) -> bytes:
    """``reports``: the report asked for first, then (for the banner) its townships' reports;
    ``previous``: ``{unit_id: {code: value}}`` of the month before."""
    previous = previous or {}
    wb = Workbook()
    taken: set = set()
    first = reports[0]
    if len(reports) > 1 or first.unit.level == "banner":
        _summary_sheet(wb.active, reports, taken)
    else:
        wb.remove(wb.active)
    for r in reports:
        _unit_sheet(wb, r, previous.get(r.unit_id), taken)
    out = BytesIO()
    wb.save(out)
    return out.getvalue()
