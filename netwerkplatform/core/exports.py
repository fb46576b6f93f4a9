"""The one way to write a spreadsheet (CSV or XLSX) for people to download.

Spreadsheet programs run a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and, in
some, a tab or carriage return first) as a formula: ``=HYPERLINK(...)`` in a note typed
by anyone becomes a link that leaks data when clicked. Every text cell goes through
``safe_cell``, which puts an apostrophe in front (OWASP's advice); numbers stay numbers.
Every CSV/XLSX in the project is written here — a test fails on any ``csv.writer`` or
``openpyxl`` use elsewhere.
"""

import csv
import io
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal

from django.http import HttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe_cell(value):
    """A value a spreadsheet shows as text and never runs; numbers and dates unchanged."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float | Decimal | date | datetime):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def safe_row(row: Iterable) -> list:
    return [safe_cell(cell) for cell in row]


class _SafeWriter:
    """``csv.writer`` with semicolons (Dutch Excel) that escapes every cell."""

    def __init__(self, target):
        self._writer = csv.writer(target, delimiter=";")

    def writerow(self, row: Iterable) -> None:
        self._writer.writerow(safe_row(row))

    def writerows(self, rows: Iterable[Iterable]) -> None:
        for row in rows:
            self.writerow(row)


def csv_writer(target) -> _SafeWriter:
    return _SafeWriter(target)


def csv_response(filename: str, rows: Iterable[Iterable] = ()) -> HttpResponse:
    """A download; the byte-order mark makes spreadsheet programs read accents right."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    csv_writer(response).writerows(rows)
    return response


def xlsx_response(filename: str, rows: Iterable[Iterable], *, sheet_title: str) -> HttpResponse:
    from openpyxl import Workbook  # imported late: only exports need it

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(sheet_title)[:31]
    for row in rows:
        sheet.append(safe_row(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
