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
