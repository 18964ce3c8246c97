"""Reading an HR export row by row: CSV (encoding and delimiter sniffed) or XLSX (read-only).

Rows are streamed; a file is never held in memory whole. Row numbers are the ones a spreadsheet
shows: the header is row 1, a record with a quoted line break inside is still one row, and a
blank row keeps its number.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...errors import InputError

DELIMITERS = (",", ";", "\t", "|")
SAMPLE = 64 * 1024
csv.field_size_limit(1024 * 1024)  # one cell over 1 MB is not an HR export


@dataclass(frozen=True)
class Row:
    file: str
    number: int  # as a spreadsheet shows it; the header is row 1
    cells: tuple[str, ...]  # text as read; XLSX numbers and dates come as their plain text


@dataclass(frozen=True)
class Sniffed:
    encoding: str  # utf-8-sig, utf-8, utf-16 or gb18030
    delimiter: str


def sniff_encoding(head: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with a BOM, otherwise GB18030 (a superset of GBK,
    which Chinese Excel writes when it saves "CSV")."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        codecs.getincrementaldecoder("gb18030")().decode(head, final=False)
        return "gb18030"
    except UnicodeDecodeError:
        raise InputError("the export is neither UTF-8 nor GB18030/GBK text", hint="save it "
                         "from Excel as 'CSV UTF-8' or as .xlsx") from None


def sniff_delimiter(first_line: str) -> str:
    """The delimiter used most in the header line (comma when none is)."""
    counts = {d: first_line.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: (counts[d], -DELIMITERS.index(d)))
    return best if counts[best] else ","


def _text_lines(path: Path) -> tuple[Sniffed, io.TextIOWrapper]:
    raw = path.open("rb")
    head = raw.read(SAMPLE)
    raw.seek(0)
    try:
        encoding = sniff_encoding(head)
    except InputError as err:
        raw.close()
        raise InputError(err.message, file=str(path), hint=err.hint) from None
    stream = io.TextIOWrapper(raw, encoding=encoding, newline="")
    sample = head.decode(encoding, errors="ignore").lstrip("\ufeff")
    first = sample.splitlines()[0] if sample else ""
    return Sniffed(encoding, sniff_delimiter(first)), stream


def _csv_rows(path: Path, name: str) -> Iterator[Row]:
    sniffed, stream = _text_lines(path)
    with stream:
        reader = csv.reader(stream, delimiter=sniffed.delimiter)
        number = 0
        try:
            for record in reader:
                number += 1
                cells = tuple(c.strip() for c in record)
                if number == 1 and cells:
                    cells = (cells[0].lstrip("\ufeff"),) + cells[1:]
                yield Row(name, number, cells)
        except UnicodeDecodeError:
            raise InputError(f"row {number + 1} is not {sniffed.encoding} text (the file mixes "
                             "encodings)", file=name, hint="save it again as 'CSV UTF-8' or "
                             ".xlsx") from None
        except csv.Error as err:
            raise InputError(f"row {number + 1}: {err}", file=name) from None


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def xlsx_safe() -> bool:
    """openpyxl parses workbooks with defusedxml when it is installed (no entity expansion)."""
    from openpyxl.xml import DEFUSEDXML

    return bool(DEFUSEDXML)


def _xlsx_rows(path: Path, name: str, sheet: str | None) -> Iterator[Row]:
    try:
        import openpyxl
    except ImportError:  # pragma: no cover - a dependency of perfdx
        raise InputError("reading .xlsx needs openpyxl", file=name,
                         hint="pip install openpyxl defusedxml") from None
    if not xlsx_safe():
        raise InputError("refusing to read .xlsx without defusedxml (a hostile workbook could "
                         "expand XML entities without bound)", file=name,
                         hint="pip install defusedxml") from None
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as err:  # zipfile, XML and openpyxl errors: not a workbook we can read
        raise InputError(f"cannot read the workbook: {type(err).__name__}: {err}",
                         file=name) from None
    try:
        if sheet is not None:
            if sheet not in book.sheetnames:
                from ...errors import did_you_mean

                raise InputError(f"no sheet named {sheet!r}", file=name,
                                 hint=did_you_mean(sheet, book.sheetnames) or
                                 "sheets: " + ", ".join(book.sheetnames))
            ws = book[sheet]
        else:
            ws = book.worksheets[0]
        for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
            cells = tuple(_cell_text(v) for v in values)
            while cells and cells[-1] == "":
                cells = cells[:-1]
            yield Row(name, number, cells)
    finally:
        book.close()


def read_rows(path: str, *, sheet: str | None = None) -> Iterator[Row]:
    """Every row of an export, header first, streamed. XLSX by extension, CSV otherwise."""
    p = Path(path)
    if not p.is_file():
        raise InputError("export not found" if not p.exists() else "export is not a file",
                         file=path)
    if p.suffix.lower() in (".xlsx", ".xlsm"):
        return _xlsx_rows(p, path, sheet)
    if p.suffix.lower() == ".xls":
        raise InputError("the old .xls format is not read", file=path,
                         hint="save it from Excel as .xlsx or CSV UTF-8")
    return _csv_rows(p, path)


def is_blank(row: Row) -> bool:
    return not any(row.cells)
