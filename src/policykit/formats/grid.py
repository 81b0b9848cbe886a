"""Lay a table's merged cells out on its grid, the same way in every reader, so no value moves column.

Indicator tables on government sites and in Word files merge cells: a category (环境质量) or a 属性
(约束性) spans the rows of its indicators, a heading (目标值) spans the year columns under it. Read cell by
cell, a row after a merged cell has one cell fewer and every value slides one column to the left, under
the wrong year. Every reader therefore places cells on the grid, and all agree on what a merged cell
gives: a cell spanning rows is repeated in each row it covers, so each row reads whole (its category,
its 属性, a value shared by two indicators), and a cell spanning columns keeps its text in its first
column with the rest left empty, so a full-width heading row is not printed once per column.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class GridCell:
    """One cell as a file writes it: its text, the rows and columns it spans, or the flag that it is the
    lower part of a cell merged with the one above (how .docx vMerge and RTF \\clvmrg write a merge)."""

    text: str
    rows: int = 1
    columns: int = 1
    merged_above: bool = False


def lay_out(rows: Iterable[Sequence[GridCell]]) -> list[list[str]]:
    """Place each row's cells on the table's grid: the text of every row's columns, merges resolved.

    >>> lay_out([[GridCell("环境质量", rows=2), GridCell("PM2.5"), GridCell("30")], [GridCell("优良天数"), GridCell("88")]])
    [['环境质量', 'PM2.5', '30'], ['环境质量', '优良天数', '88']]
    >>> lay_out([[GridCell("指标"), GridCell("目标值", columns=2)], [GridCell("A"), GridCell("1"), GridCell("2")]])
    [['指标', '目标值', ''], ['A', '1', '2']]
    >>> lay_out([[GridCell("约束性"), GridCell("x")], [GridCell("", merged_above=True), GridCell("y")]])
    [['约束性', 'x'], ['约束性', 'y']]
    """
    out: list[list[str]] = []
    pending: dict[int, tuple[str, int, int]] = {}  # column -> (text, rows still to cover, columns)
    previous: list[str] = []
    for cells in rows:
        row: list[str] = []
        carried: dict[int, tuple[str, int, int]] = {}  # the spans that go on into the next row
        for cell in cells:
            _fill(row, pending, carried)
            column = len(row)
            text = cell.text
            if cell.merged_above:
                text = previous[column] if column < len(previous) else ""
            width = max(1, cell.columns)
            row.extend([text] + [""] * (width - 1))
            if cell.rows > 1:
                carried[column] = (text, cell.rows - 1, width)
        _fill(row, pending, carried)
        while pending:  # a span below a short row keeps its column; one a wider cell overlapped just ends
            column = min(pending)
            if column >= len(row):
                row.extend([""] * (column - len(row)))
                _fill(row, pending, carried)
                continue
            text, left, width = pending.pop(column)
            if left > 1:
                carried[column] = (text, left - 1, width)
        pending = carried
        out.append(row)
        previous = row
    return out


def _fill(
    row: list[str], pending: dict[int, tuple[str, int, int]], carried: dict[int, tuple[str, int, int]]
) -> None:
    """Put the cells spanning down from rows above where the row has reached their column."""
    while len(row) in pending:
        column = len(row)
        text, left, width = pending.pop(column)
        row.extend([text] + [""] * (width - 1))
        if left > 1:
            carried[column] = (text, left - 1, width)


SAME_EDGE = 30
"""Twips: rows whose cell borders differ by less than half a point share a grid line."""


def on_edges(
    rows: Sequence[Sequence[tuple[str, bool, int]]], lefts: Sequence[int | None] = ()
) -> list[list[GridCell]]:
    """Cells given by their right edges (RTF \\cellx, Word 97 rgdxaCenter) as GridCells spanning columns.

    Word writes a cell merged across columns as one wider cell, so a row has fewer cells than the grid
    has columns; the grid's lines are the edges any row has. Each cell is (text, merged with the cell
    above, right edge in twips; 0 or less where the file gave none). `lefts` gives each row's left edge
    where the file says it: a row starting right of the table's left edge (Word's gridBefore) leaves
    the columns before it empty rather than sliding its cells left.

    >>> on_edges([[("指标", False, 1000), ("目标值", False, 3000)], [("A", False, 1000), ("1", False, 2000), ("2", False, 3000)]])[0]
    [GridCell(text='指标', rows=1, columns=1, merged_above=False), GridCell(text='目标值', rows=1, columns=2, merged_above=False)]
    >>> [c.text for c in on_edges([[("指标", False, 1000), ("2020年", False, 2000)], [("80", False, 2000)]], [0, 1000])[1]]
    ['', '80']
    """
    known = [left for left in lefts if left is not None]
    table_left = min(known, default=0)
    rows = [
        [("", False, left), *row] if left is not None and left - table_left > SAME_EDGE else row
        for row, left in itertools.zip_longest(rows, lefts[: len(rows)])
    ]
    lines: list[int] = []
    for edge in sorted({edge for row in rows for _, _, edge in row if edge > 0}):
        if not lines or edge - lines[-1] > SAME_EDGE:
            lines.append(edge)
    out = []
    for row in rows:
        cells, left = [], -(10**9)
        for text, merged, edge in row:
            if edge <= left or edge <= 0:  # no edge, or edges out of order: one column each, as written
                cells.append(GridCell(text, merged_above=merged))
                continue
            width = sum(1 for line in lines if left + SAME_EDGE < line <= edge + SAME_EDGE)
            cells.append(GridCell(text, columns=max(1, width), merged_above=merged))
            left = edge
        out.append(cells)
    return out
