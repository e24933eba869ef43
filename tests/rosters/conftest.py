import io

import pytest
from openpyxl import Workbook

HEADERS = ["户号", "户主姓名", "手机号", "组/自然村", "人口", "特殊家庭"]


def xlsx(rows, headers=HEADERS, name="roster.xlsx"):
    """An uploaded .xlsx with ``headers`` in row 1 and ``rows`` below."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    workbook = Workbook()
    sheet = workbook.active
    if headers:
        sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(),
                              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


@pytest.fixture
def upload(web):
    """``upload(user, rows, village=None)`` → the response of posting the roster page."""

    def send(user, rows, *, village=None, file=None, follow=True):
        data = {"file": file or xlsx(rows)}
        if village is not None:
            data["village"] = village.pk
        return web(user).post("/households/import/", data, follow=follow)

    return send
