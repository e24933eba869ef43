"""Spreadsheets we hand out never carry a live formula.

A name such as ``=HYPERLINK("http://x","y")`` or ``+cmd|' /C calc'!A0``, typed into a form or
imported by staff, would run as a formula in whoever opens an export. The rule, for every
export (the admin's import-export rosters, the reports workbook, any CSV):

- a text value that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is
  *formula-like*;
- in an .xlsx file it is written as a string-typed cell, unchanged (no prefix), so reading the
  file back gives exactly what was written;
- in a CSV file it gets a leading ``'`` (what spreadsheets take for "this is text"), which our
  importer strips again;
- numbers stay numbers: only ``str`` values are ever touched.

A value that already starts with ``'`` before a formula-like character gets one more ``'``, so
stripping one on import always gives back the original.
"""

from __future__ import annotations

from io import BytesIO

import tablib
from import_export.formats import base_formats
from openpyxl import Workbook
from openpyxl.styles import Font

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_TEXT_MARK = "'"


def is_formula_like(value) -> bool:
    """A text value a spreadsheet could take for a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def _needs_mark(value) -> bool:
    return isinstance(value, str) and value.lstrip(CSV_TEXT_MARK).startswith(FORMULA_STARTS)


def csv_value(value):
    """A value as it goes into a CSV cell: formula-like text behind a ``'``."""
    return CSV_TEXT_MARK + value if _needs_mark(value) else value


def csv_unmark(value):
    """The inverse of :func:`csv_value`, for a cell read from a CSV file."""
    if _needs_mark(value) and value.startswith(CSV_TEXT_MARK):
        return value[1:]
    return value


def xlsx_as_text(cell) -> None:
    """Keep a formula-like text cell a plain string (openpyxl takes ``=…`` for a formula)."""
    if is_formula_like(cell.value):
        cell.data_type = "s"


def xlsx_append(ws, values) -> None:
    """``ws.append(values)``, with every formula-like text written as text."""
    ws.append(list(values))
    for cell in ws[ws.max_row]:
        xlsx_as_text(cell)


def _cell_value(value):
    # What openpyxl stores as is; anything else (a lazy string, a UUID) as its text.
    if value is None or isinstance(value, str | int | float | bool):
        return value
    from datetime import date, datetime, time
    from decimal import Decimal

    if isinstance(value, Decimal | date | datetime | time):
        return value
    return str(value)


def dataset_xlsx(dataset: tablib.Dataset) -> bytes:
    """A tablib dataset as an .xlsx workbook: bold headers, formula-like text kept as text."""
    wb = Workbook()
    ws = wb.active
    ws.title = (dataset.title or "Sheet")[:31]
    if dataset.headers:
        xlsx_append(ws, [_cell_value(h) for h in dataset.headers])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        ws.freeze_panes = "A2"
    for row in dataset:
        xlsx_append(ws, [_cell_value(v) for v in row])
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def _map(dataset: tablib.Dataset, fn) -> tablib.Dataset:
    copy = tablib.Dataset(headers=dataset.headers, title=dataset.title)
    for row in dataset:
        copy.append([fn(v) for v in row])
    return copy


class CSV(base_formats.CSV):
    """CSV for the admin's import and export: formula-like text marked on the way out and
    unmarked on the way in."""

    def export_data(self, dataset, **kwargs):
        return super().export_data(_map(dataset, csv_value), **kwargs)

    def create_dataset(self, in_stream, **kwargs):
        return _map(super().create_dataset(in_stream, **kwargs), csv_unmark)


class XLSX(base_formats.XLSX):
    """.xlsx for the admin's import and export: formula-like text written as string cells."""

    def export_data(self, dataset, **kwargs):
        return dataset_xlsx(dataset)


# The only formats an admin page imports or exports (``formats`` of an ImportExportMixin admin).
FORMATS = [CSV, XLSX]
