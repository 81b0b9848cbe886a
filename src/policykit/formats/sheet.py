"""Spreadsheets (.xlsx, .xls and WPS .et, .ods) → `Source`: each visible sheet as its name, then its tables.

Indicator tables (附件：主要指标表.xlsx) reach analysts as workbooks. Each sheet is read as the .docx
reader reads a table: rows of cells joined by tabs, merged cells laid on the grid (formats.grid), so
`extract` finds the same targets in a sheet as in the same table pasted into Word. Numbers come out as
the sheet shows them (formats.numfmt: 0.35 under 0% is 35%). A block of rows set apart by empty rows is
a table of its own; a row with one cell above or below a block (a title, 单位：亿元, a 注：) is a line of
text, as it is on the page. The sheet's name is a line before it, unless it is a default (Sheet1, 工作表1).

openpyxl reads .xlsx and xlrd the BIFF workbooks (.xls, .et): both are in the `office` extra, loaded
only when a spreadsheet is met. .ods needs neither: LibreOffice stores each cell's shown text.
"""

from __future__ import annotations

import contextlib
import io
import re
import struct
import warnings
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from policykit import pattern_cache
from policykit.errors import InputError
from policykit.formats import Element, make_source, open_zip, parse_xml, table_lines, zip_errors
from policykit.formats.grid import GridCell, lay_out
from policykit.model import Source

_DEFAULT_NAME = pattern_cache.compile(r"(?i)^(?:sheet|工作表|feuil|tabelle|hoja)\s*\d*$|^表\s*\d+$")
_MAX_ROWS = 100_000  # a sheet formatted "to the edge" says 1,048,576 rows; its text ends long before
_MAX_COLUMNS = 256
_MAX_MERGED = 1_000_000  # cells covered by merged ranges in all: a title row across 10 columns merges 10
_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\b[^>]*?\bref=[\"']([A-Za-z]{1,3}\d{1,7}:[A-Za-z]{1,3}\d{1,7})")
_EXTRA = "pip install 'policykit[office]'"
_XLS_EMPTY = (0, 6)  # xlrd's XL_CELL_EMPTY and XL_CELL_BLANK (a formatted empty cell)
_ODS_HIDDEN = ("collapse", "filter")  # rows and columns hidden, or filtered out, in an .ods


@dataclass(frozen=True)
class Sheet:
    """A sheet's name, its rows of cells as the file writes them (merges as spans), and the rows and
    columns it hides (from 0): a reader never sees those, often helper figures beside the table."""

    name: str
    rows: list[list[GridCell]]
    hidden_rows: frozenset[int] = frozenset()
    hidden_columns: frozenset[int] = frozenset()


def read_xlsx(data: bytes, *, path: str, name: str) -> Source:
    """Read an Excel 2007+ workbook (.xlsx, .xlsm) into numbered lines, one table per block of rows."""
    try:
        import openpyxl
    except ImportError:
        raise InputError(f"reading an .xlsx workbook needs openpyxl: {_EXTRA}", path=path) from None
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        _check_merges(open_zip(data, path), path)  # a ZIP or merge bomb is refused before openpyxl reads it
        with warnings.catch_warnings():  # "no default style", "unknown extension": nothing for the reader
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
        sheets = list(_xlsx_sheets(book))
    except zip_errors(KeyError, ValueError, TypeError, SyntaxError, AttributeError, IndexError) as error:
        raise InputError(
            f"cannot open this Excel workbook ({error or 'a damaged part'}): re-save it in Excel or WPS",
            path=path,
        ) from None
    except InvalidFileException as error:
        raise InputError(
            f"cannot open this Excel workbook ({error}): re-save it as .xlsx", path=path
        ) from None
    return make_source(sheets_lines(sheets), path=path, name=name, encoding="xlsx")


class _MergeBomb(Exception):
    """A sheet whose merged ranges cover more than _MAX_MERGED cells (the .xls reader says so in one line)."""


def _check_merges(package: Any, path: str) -> None:
    """Refuse a workbook whose merged ranges cover more than _MAX_MERGED cells: openpyxl makes an object for
    every cell a range covers as it loads the sheet, and A1:XFD1048576 is 17 billion of them."""
    from openpyxl.utils.cell import range_boundaries

    covered = 0
    for member in package.namelist():
        if not member.startswith("xl/worksheets/") or not member.endswith(".xml"):
            continue
        for ref in _MERGE.findall(package.read(member)):
            with contextlib.suppress(ValueError, TypeError):
                left, top, right, bottom = range_boundaries(ref.decode("ascii", "replace"))
                covered += (right - left + 1) * (bottom - top + 1)
        if covered > _MAX_MERGED:
            raise InputError(
                f"this workbook merges {covered:,} cells into ranges (a table merges tens): not a workbook to read",
                path=path,
            )


def _xlsx_sheets(book: Any) -> Iterator[Sheet]:
    """Each visible worksheet of an openpyxl workbook, its cells printed with their number formats."""
    from openpyxl.utils import column_index_from_string

    for sheet in book.worksheets:
        if sheet.sheet_state != "visible":
            continue
        spans = {
            (merged.min_row, merged.min_col): (
                merged.max_row - merged.min_row + 1,
                merged.max_col - merged.min_col + 1,
            )
            for merged in sheet.merged_cells.ranges
        }
        covered = {
            (row, column)
            for merged in sheet.merged_cells.ranges
            for row in range(merged.min_row, merged.max_row + 1)
            for column in range(merged.min_col, merged.max_col + 1)
        } - set(spans)
        # the sheet's extent is where its values are: styled empty cells can reach row 1,048,576, and
        # iter_rows would create every cell up to its max_row (openpyxl keeps the written ones in _cells)
        filled = [at for at, cell in getattr(sheet, "_cells", {}).items() if cell.value is not None]
        if not filled:
            continue
        last_row = min(max(row for row, _ in filled), _MAX_ROWS)
        last_column = min(max(column for _, column in filled), _MAX_COLUMNS)
        rows = []
        for cells in sheet.iter_rows(min_row=1, max_row=last_row, max_col=last_column):
            row = []
            for cell in cells:
                at = (cell.row, cell.column)
                if at in covered:
                    continue
                height, width = spans.get(at, (1, 1))
                row.append(GridCell(_xlsx_text(cell, book.epoch), rows=height, columns=width))
            rows.append(row)
        hidden_columns: set[int] = set()
        for key, dimension in sheet.column_dimensions.items():
            if dimension.hidden:
                first = dimension.min or column_index_from_string(key)
                hidden_columns.update(range(first - 1, max(first, dimension.max or first)))
        hidden_rows = {number - 1 for number, dimension in sheet.row_dimensions.items() if dimension.hidden}
        yield Sheet(sheet.title, rows, frozenset(hidden_rows), frozenset(hidden_columns))


def _xlsx_text(cell: Any, epoch: Any) -> str:
    """One cell as shown: its value through its number format, a Chinese built-in date format too."""
    from openpyxl.utils.datetime import from_excel

    from policykit.formats.numfmt import ZH_BUILTIN, shown

    value, code = cell.value, cell.number_format
    format_id = getattr(getattr(cell, "_style", None), "numFmtId", 0)
    if code == "General" and format_id in ZH_BUILTIN:  # openpyxl reads the id but knows no code for it
        code = ZH_BUILTIN[format_id]
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            with contextlib.suppress(ValueError, OverflowError, TypeError):
                value = from_excel(value, epoch)
    return str(shown(value, code))


def read_xls(data: bytes, *, path: str, name: str) -> Source:
    """Read an Excel 97-2003 (BIFF8) or Excel 5 workbook, as Excel and WPS (.et) write them, into lines."""
    try:
        import xlrd
    except ImportError:
        raise InputError(f"reading an .xls or .et workbook needs xlrd: {_EXTRA}", path=path) from None
    from xlrd.compdoc import CompDocError

    try:
        book = xlrd.open_workbook(
            file_contents=data, formatting_info=True, logfile=io.StringIO(), ragged_rows=True
        )
        sheets = list(_xls_sheets(book))
    except _MergeBomb as error:
        raise InputError(
            f"sheet {error} merges more than {_MAX_MERGED:,} cells into ranges (a table merges tens): "
            "not a workbook to read",
            path=path,
        ) from None
    except xlrd.XLRDError as error:
        message = str(error)
        if "encrypt" in message.lower():
            raise InputError(
                "this workbook is password-protected: open it in Excel or WPS and save it without one",
                path=path,
            ) from None
        raise InputError(
            f"cannot open this .xls workbook ({message}): re-save it as .xlsx", path=path
        ) from None
    except (
        *(CompDocError, AssertionError, IndexError, KeyError, ValueError, EOFError, OSError),
        *(struct.error, OverflowError, TypeError, ZeroDivisionError),  # xlrd on a damaged record
    ) as error:
        raise InputError(
            f"cannot open this .xls workbook ({error or 'a damaged record'}; truncated or damaged?): "
            "re-save it as .xlsx",
            path=path,
        ) from None
    return make_source(sheets_lines(sheets), path=path, name=name, encoding="xls")


def _xls_sheets(book: Any) -> Iterator[Sheet]:
    """Each visible sheet of an xlrd workbook, its numbers printed with their cells' formats."""

    for sheet in book.sheets():
        if sheet.visibility != 0:
            continue
        if sum((rhi - rlo) * (chi - clo) for rlo, rhi, clo, chi in sheet.merged_cells) > _MAX_MERGED:
            raise _MergeBomb(sheet.name)
        spans = {(rlo, clo): (rhi - rlo, chi - clo) for rlo, rhi, clo, chi in sheet.merged_cells}
        covered = {
            (row, column)
            for rlo, rhi, clo, chi in sheet.merged_cells
            for row in range(rlo, rhi)
            for column in range(clo, chi)
        } - set(spans)
        rows = []
        for r in range(min(sheet.nrows, _MAX_ROWS)):
            row = []
            types = sheet.row_types(r)
            while types and types[-1] in _XLS_EMPTY:  # no text to its right: formatted empty cells
                types = types[:-1]
            for c in range(min(len(types), _MAX_COLUMNS)):
                if (r, c) in covered:
                    continue
                height, width = spans.get((r, c), (1, 1))
                text = _xls_text(book, sheet.cell(r, c)) if types[c] not in _XLS_EMPTY else ""
                row.append(GridCell(text, rows=height, columns=width))
            rows.append(row)
        hidden_rows = frozenset(r for r, info in sheet.rowinfo_map.items() if info.hidden)
        hidden_columns = frozenset(c for c, info in sheet.colinfo_map.items() if info.hidden)
        yield Sheet(sheet.name, rows, hidden_rows, hidden_columns)


def _xls_text(book: Any, cell: Any) -> str:
    """One BIFF cell as shown: text as written, a number or date through its format, an error as #N/A."""
    import xlrd

    from policykit.formats.numfmt import ZH_BUILTIN, is_date_code, shown

    kind = cell.ctype
    if kind in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return ""
    if kind == xlrd.XL_CELL_TEXT:
        return str(cell.value)
    if kind == xlrd.XL_CELL_BOOLEAN:
        return "TRUE" if cell.value else "FALSE"
    if kind == xlrd.XL_CELL_ERROR:
        return str(xlrd.error_text_from_code.get(cell.value, "#ERR"))
    code = "General"
    xf = (
        book.xf_list[cell.xf_index]
        if cell.xf_index is not None and cell.xf_index < len(book.xf_list)
        else None
    )
    if xf is not None and xf.format_key in book.format_map:
        code = book.format_map[xf.format_key].format_str
    elif xf is not None and xf.format_key in ZH_BUILTIN:
        code = ZH_BUILTIN[xf.format_key]
    value = cell.value
    if kind == xlrd.XL_CELL_DATE or is_date_code(code):
        with contextlib.suppress(ValueError, OverflowError, xlrd.xldate.XLDateError):
            value = xlrd.xldate.xldate_as_datetime(value, book.datemode)
    return str(shown(value, code))


def read_ods(data: bytes, *, path: str, name: str) -> Source:
    """Read an OpenDocument spreadsheet (.ods, or flat .fods) into lines: each cell's text as LibreOffice
    stored it for display, merged cells on the grid as the .odt reader lays them."""
    from policykit.formats.odt import OFFICE, TABLE, odf_table_rows, package_parts

    content = data if not data.startswith(b"PK") else package_parts(data, path, kind=".ods")[0]
    root = parse_xml(content, path=path, damaged="this .ods has a damaged content.xml ({error}): re-save it")
    body = root.find(f"{{{OFFICE}}}body/{{{OFFICE}}}spreadsheet")
    if body is None:
        raise InputError("this OpenDocument file holds no spreadsheet", path=path)
    style = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
    hidden = {  # a hidden sheet's table style says table:display="false"
        entry.get(f"{{{style}}}name")
        for entry in root.iter(f"{{{style}}}style")
        if any(p.get(f"{{{TABLE}}}display") == "false" for p in entry.iter(f"{{{style}}}table-properties"))
    }
    lines: list[str] = []
    for table in body.iter(f"{{{TABLE}}}table"):
        if table.get(f"{{{TABLE}}}style-name") in hidden:
            continue
        for row in list(table.iter(f"{{{TABLE}}}table-row")):
            if row.get(f"{{{TABLE}}}visibility") in _ODS_HIDDEN and row.getparent() is not None:
                row.getparent().remove(row)
        rows = [[GridCell(text) for text in row] for row in odf_table_rows(table)]
        sheet = Sheet(table.get(f"{{{TABLE}}}name", ""), rows, hidden_columns=_ods_hidden_columns(table))
        lines.extend(sheets_lines([sheet]))
    return make_source(lines, path=path, name=name, encoding="ods")


def _ods_hidden_columns(table: Element) -> frozenset[int]:
    """The columns a sheet hides (table:table-column with table:visibility collapse), counted from 0."""
    from policykit.formats.odt import TABLE

    hidden: set[int] = set()
    column = 0
    for entry in table.iter(f"{{{TABLE}}}table-column"):
        try:
            repeat = max(1, min(int(entry.get(f"{{{TABLE}}}number-columns-repeated", "1")), _MAX_COLUMNS))
        except ValueError:
            repeat = 1
        if entry.get(f"{{{TABLE}}}visibility") in _ODS_HIDDEN:
            hidden.update(range(column, column + repeat))
        column += repeat
    return frozenset(hidden)


def sheets_lines(sheets: Iterable[Sheet]) -> list[str]:
    """Write sheets as lines: a sheet's name (unless a default one), then each block of rows as a table.

    >>> sheets_lines([Sheet("主要指标", [[GridCell("附件：主要指标表", columns=2)], [GridCell("指标"), GridCell("2025年")],
    ...     [GridCell("森林覆盖率"), GridCell("42%")], [], [GridCell("注：约束性指标。")]])])
    ['主要指标', '附件：主要指标表', '', '指标\\t2025年', '森林覆盖率\\t42%', '', '注：约束性指标。']
    """
    lines: list[str] = []
    for sheet in sheets:
        title = sheet.name
        grid = [
            [text for c, text in enumerate(row) if c not in sheet.hidden_columns]
            for r, row in enumerate(lay_out(sheet.rows))
            if r not in sheet.hidden_rows
        ]
        grid = _without_empty_columns(grid)
        if not any(any(row) for row in grid):
            continue
        if title.strip() and not _DEFAULT_NAME.match(title.strip()):
            lines.append(title.strip())
        for block in _blocks(grid):
            lines.extend(_block_lines(block))
    return lines


def _without_empty_columns(grid: list[list[str]]) -> list[list[str]]:
    """Drop the columns no row fills (a table starting at column B, spacer columns, a sheet's far edge)."""
    width = max((len(row) for row in grid), default=0)
    kept = [c for c in range(width) if any(c < len(row) and row[c].strip() for row in grid)]
    return [[row[c] if c < len(row) else "" for c in kept] for row in grid]


def _blocks(grid: list[list[str]]) -> Iterator[list[list[str]]]:
    """Split a sheet's rows into blocks at empty rows: each block is a table or a few lines of text."""
    block: list[list[str]] = []
    for row in grid:
        if any(cell.strip() for cell in row):
            block.append(row)
        elif block:
            yield block
            block = []
    if block:
        yield block


def _block_lines(block: Sequence[list[str]]) -> list[str]:
    """A block's lines: the one-cell rows above and below it as text, the rows between as a table."""
    filled = [[cell for cell in row if cell.strip()] for row in block]
    start, end = 0, len(block)
    while start < end and len(filled[start]) <= 1:
        start += 1
    while end > start and len(filled[end - 1]) <= 1:
        end -= 1
    before = [" ".join(cells[0].split()) for cells in filled[:start]]
    after = [" ".join(cells[0].split()) for cells in filled[end:]]
    return [*before, *(table_lines(block[start:end]) if end > start else []), *after]
