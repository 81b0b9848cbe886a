"""Ruled tables on a PDF page: rows whose cells stand apart by wide white, aligned from row to row.

Read as lines, a table row joins its cells with spaces ("1 森林覆盖率 % 40 42 约束性"), and no reader
after it can tell a cell from a word. Where two or more rows in a run each hold three cells or more
and the cells line up column by column (by their left edge, centre or right edge), each cell becomes
a line of its own and each row a paragraph, as a PDF-to-text tool flattens a table (the corpus texts
that came from PDFs have their indicator tables so, and `structure` and `extract` read them).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from policykit.pdf.layout import Line  # which imports this module

CELL_GAP_EMS = 1.5
"""White between two cells of a row, in ems: more than a typed space or two (第一章　总则)."""
_MIN_CELLS = 3
_ALIGN_EMS = 1.0  # two cells are in one column when an edge or their centres lie this close


def table_rows(lines: Sequence[Line]) -> set[int]:
    """Indexes of the lines that are rows of a ruled table: runs of two or more rows of aligned cells."""
    rows: set[int] = set()
    for index in range(1, len(lines)):
        previous, line = lines[index - 1], lines[index]
        if previous.page == line.page and _aligned(previous, line):
            rows.update((index - 1, index))
    return rows


def _aligned(upper: Line, lower: Line) -> bool:
    """Whether two rows have three cells or more each, nearly all in the same columns."""
    if len(upper.cells) < _MIN_CELLS or len(lower.cells) < _MIN_CELLS:
        return False
    size = max(upper.size, lower.size, 1.0)
    matched = sum(
        1
        for x0, x1, _ in lower.cells
        if any(
            abs(x0 - a0) <= _ALIGN_EMS * size
            or abs(x1 - a1) <= _ALIGN_EMS * size
            or abs((x0 + x1) / 2 - (a0 + a1) / 2) <= _ALIGN_EMS * size
            for a0, a1, _ in upper.cells
        )
    )
    return matched >= min(len(upper.cells), len(lower.cells)) - 1 >= _MIN_CELLS - 1
