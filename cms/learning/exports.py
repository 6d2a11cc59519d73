"""A report table as a CSV or XLSX download (XLSX written with openpyxl).

    table = Table("completions", ["Week", "Completions"], [["2026-W01", 3]])
    table_download(table, "xlsx")    # an HttpResponse with the file attached

Text is always written as text: a cell an editor typed starting with "=" (a question prompt,
say) must not become a formula in the spreadsheet that opens it.
"""

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass

from django.http import HttpResponse

FORMULA_STARTS = ("=", "+", "-", "@")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = ("csv", "xlsx")


@dataclass(frozen=True)
class Table:
    name: str  # the file's name, without its extension
    headers: Sequence[str]
    rows: Sequence[Sequence]


def csv_bytes(table: Table) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(table.headers)
    for row in table.rows:
        # A leading apostrophe is how spreadsheets are told "this is text"; numbers are left alone.
        writer.writerow(
            f"'{cell}" if isinstance(cell, str) and cell.startswith(FORMULA_STARTS) else cell for cell in row
        )
    return buffer.getvalue().encode("utf-8-sig")  # the BOM makes spreadsheets read Urdu text as UTF-8


def xlsx_bytes(table: Table) -> bytes:
    # Imported here, not at the top: openpyxl is large and only report downloads need it.
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = table.name[:31]  # the longest sheet name Excel accepts
    for row_number, row in enumerate([table.headers, *table.rows], start=1):
        for column_number, value in enumerate(row, start=1):
            cell = sheet.cell(row=row_number, column=column_number, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # openpyxl would otherwise store "=..." as a formula
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def table_download(table: Table, file_format: str) -> HttpResponse:
    """The table as a file to download; ``file_format`` is one of FORMATS."""
    if file_format == "csv":
        response = HttpResponse(csv_bytes(table), content_type="text/csv; charset=utf-8")
    elif file_format == "xlsx":
        response = HttpResponse(xlsx_bytes(table), content_type=XLSX_TYPE)
    else:
        raise ValueError(f"unknown export format {file_format!r}; expected one of {', '.join(FORMATS)}")
    response["Content-Disposition"] = f'attachment; filename="{table.name}.{file_format}"'
    return response
