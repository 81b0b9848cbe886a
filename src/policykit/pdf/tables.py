"""Ruled tables on a PDF page: rows whose cells stand apart by wide white, aligned from row to row.

Read as lines, a table row joins its cells with spaces ("1 森林覆盖率 % 40 42 约束性"), and no reader
after it can tell a cell from a word. Where two or more rows in a run each hold three cells or more
and the cells line up column by column (by their left edge, centre or right edge), each cell becomes
a line of its own and each row a paragraph, as a PDF-to-text tool flattens a table (the corpus texts
that came from PDFs have their indicator tables so, and `structure` and `extract` read them).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from policykit.zh.numbering import is_heading_line

if TYPE_CHECKING:
    from policykit.pdf.layout import Line  # which imports this module

CELL_GAP_EMS = 1.5
"""White between two cells of a row, in ems: more than a typed space or two (第一章　总则)."""
_MIN_CELLS = 3
_ALIGN_EMS = 1.0  # two cells are in one column when an edge or their centres lie this close


def table_rows(lines: Sequence[Line]) -> set[int]:
    """Indexes of the lines that are rows of a ruled table: runs of two or more rows of aligned cells.

    A short line or two between two rows (a sub-heading row, 其中：) does not break the run.
    """
    rows: set[int] = set()
    last = -1  # the last line of three cells or more
    for index, line in enumerate(lines):
        if len(line.cells) < _MIN_CELLS:
            continue
        if last >= 0 and _between_rows(lines, last, index) and _aligned(lines[last], line):
            rows.update((last, index))
        last = index
    return rows


_BETWEEN_ROWS = 2  # lines at most between two rows of one table: sub-heading rows


def _between_rows(lines: Sequence[Line], upper: int, lower: int) -> bool:
    """Whether the lines between two rows on one page are short lines inside the table, or none."""
    if lines[upper].page != lines[lower].page or lower - upper - 1 > _BETWEEN_ROWS:
        return False
    x0, x1 = lines[upper].x0, lines[upper].x1
    return all(
        line.x0 >= x0 - line.size and line.x1 - line.x0 < 0.5 * (x1 - x0) for line in lines[upper + 1 : lower]
    )


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


Rule = tuple[float, float, float]
"""A horizontal rule on a page: (x0, x1, y from the top)."""
_RULE_THICKNESS = 3.0  # points: a row rule is a hairline, or a thin filled box as Word draws a border
_RULE_LENGTH = 20.0  # points: shorter, it is a mark (a dash drawn as a path), no row's edge
_WALL_LENGTH = 8.0  # points: a column rule runs down at least one row of text
_RULE_NEAR_EMS = 2.0  # a row's first and last lines stand within this of its rules (cell padding)
_WRAP_GAP_EMS = 0.6  # white between a cell's wrapped lines, at most: its line spacing
_FULL_EMS = 0.9  # a wrapped line ends closer than this to its column's widest: one more ideograph did not fit


def horizontal_rule(x0: float, x1: float, y0: float, y1: float) -> bool:
    """Tell whether a drawn path's box is a horizontal rule: thin and wide."""
    return y1 - y0 <= _RULE_THICKNESS and x1 - x0 >= _RULE_LENGTH


def vertical_rule(x0: float, x1: float, y0: float, y1: float) -> bool:
    """Tell whether a drawn path's box is a vertical rule (a table's column line): thin and tall."""
    return x1 - x0 <= _RULE_THICKNESS and y1 - y0 >= _WALL_LENGTH


def box_sides(x0: float, x1: float, y0: float, y1: float) -> tuple[list[Rule], list[Rule]]:
    """A stroked rectangle's sides: its top and bottom as rules (x0, x1, y), its left and right as walls
    (x, y0, y1). LibreOffice and some 方正 exports draw each table cell as a box of its own."""
    across = [(x0, x1, y0), (x0, x1, y1)] if x1 - x0 >= _RULE_LENGTH else []
    down = [(x0, y0, y1), (x1, y0, y1)] if y1 - y0 >= _WALL_LENGTH else []
    return across, down


def joined_rules(rules: Sequence[Rule]) -> tuple[Rule, ...]:
    """Rules (x0, x1, y) on one line that meet end to end, joined: a row's border drawn cell by cell
    (each cell's own box, or a segment a cell) is one rule under the whole row."""
    lines: list[list[Rule]] = []  # rules at one height (within half a point), top to bottom
    for rule in sorted(rules, key=lambda rule: rule[2]):
        if lines and rule[2] - lines[-1][-1][2] <= 0.5:
            lines[-1].append(rule)
        else:
            lines.append([rule])
    out: list[Rule] = []
    for line in lines:
        start = len(out)
        for x0, x1, y in sorted(line):
            if len(out) > start and x0 <= out[-1][1] + _RULE_THICKNESS:
                out[-1] = (out[-1][0], max(out[-1][1], x1), out[-1][2])
            else:
                out.append((x0, x1, y))
    return tuple(out)


def wall_between(left: float, right: float, top: float, bottom: float, walls: Sequence[Rule]) -> bool:
    """Whether a column rule stands in the white from `left` to `right` along the row from `top` to `bottom`."""
    middle = (top + bottom) / 2
    return any(left <= x <= right and y0 <= middle <= y1 for x, y0, y1 in walls)


def join_wrapped_cells(lines: Sequence[Line], rules: dict[int, tuple[Rule, ...]]) -> list[Line]:
    """Join the lines of one ruled table row into one line, each wrapped cell's lines into one cell.

    A long indicator name wraps inside its cell (单位地区生产总值二氧化碳 / 排放降低（%）): read line by
    line, the tail would be a row of its own, and the rows around it no run of aligned rows. The
    lines between the same two rules are one row when one of them holds the row's cells and every
    other line's parts each fall in one of its columns; other cells may stand at the row's top or
    centred down it.
    """
    out: list[Line] = []
    index = 0
    while index < len(lines):
        end = index + 1
        page_rules = rules.get(lines[index].page, ())
        while (
            end < len(lines)
            and lines[end].page == lines[index].page
            and not _rule_between(lines[end - 1], lines[end], page_rules)
        ):
            end += 1
        out.extend(_rows(lines[index:end], page_rules))
        index = end
    return out


def join_unruled_cells(lines: Sequence[Line]) -> list[Line]:
    """Join a rule-less table row's lines into one: no rule bounds the row, so its column geometry does.

    Rows of a table without rules stand apart by more white than the lines of a wrapped cell. A line
    close to a row (no more than a cell's line spacing away) whose every part sits in one of the
    table's columns, the others empty, and where the row's cell fills its column (one more ideograph
    did not fit) or is empty (the row's other cells centred down a wrapped one), continues that cell.
    A row's tails may have kept the next row out of the table's run of rows: a pass after a change
    finds it.
    """
    out = list(lines)
    for _ in range(_PASSES):
        joined = _join_unruled(out)
        if len(joined) == len(out):
            break
        out = joined
    return out


_PASSES = 3


def _join_unruled(lines: Sequence[Line]) -> list[Line]:
    """One pass of `join_unruled_cells` over the table rows `table_rows` finds."""
    rows = table_rows(lines)
    if not rows:
        return list(lines)
    columns: dict[int, list[tuple[float, float]]] = {}
    for page in {lines[index].page for index in rows}:
        columns[page] = _columns(
            [part for index in rows if lines[index].page == page for part in lines[index].cells]
        )
    taken: dict[int, int] = {}  # line index → the row index it continues
    for index in sorted(rows):
        line = lines[index]
        centred = _single_row(lines, index, rows)
        for step in (-1, 1) if centred else (1,):
            near = index
            while 0 <= near + step < len(lines):
                other = lines[near + step]
                if (
                    near + step in rows
                    or near + step in taken
                    or not _continues_cell(line, other, lines[near], columns[line.page], empty=centred)
                ):
                    break
                near += step
                taken[near] = index
    if not taken:
        return list(lines)
    out: list[Line] = []
    members: dict[int, list[int]] = {}
    for part, row in taken.items():
        members.setdefault(row, []).append(part)
    for index, line in enumerate(lines):
        if index in taken:
            continue
        if index in members:
            run = [lines[k] for k in sorted([index, *members[index]])]
            out.extend(_joined_or_not(run))
        else:
            out.append(line)
    return out


def _single_row(lines: Sequence[Line], index: int, rows: set[int]) -> bool:
    """Whether no other row of the table stands within a cell's line spacing of row `index`: rows set
    apart by white, so a line just above it may be a wrapped cell's head with the row centred down it."""
    line = lines[index]
    gap = _WRAP_GAP_EMS * max(line.size, 1.0)
    return not any(
        lines[k].page == line.page and lines[k].top - gap <= line.bottom and line.top - gap <= lines[k].bottom
        for k in (index - 3, index - 2, index - 1, index + 1, index + 2, index + 3)
        if k in rows
    )


def _continues_cell(
    row: Line, line: Line, neighbour: Line, columns: Sequence[tuple[float, float]], *, empty: bool
) -> bool:
    """Whether `line`, next to `neighbour` (the row or a line already on it), holds only pieces of the row's
    cells: close by, each part in a column of its own where the row's cell fills the column (or, `empty`,
    has no text)."""
    size = max(row.size, 1.0)
    if line.page != row.page or len(line.cells) >= _MIN_CELLS or is_heading_line(line.text.strip()):
        return False
    if max(line.top - neighbour.bottom, neighbour.top - line.bottom) > _WRAP_GAP_EMS * size:
        return False
    slack = 0.5 * size
    used: set[int] = set()
    for x0, x1, _ in _parts(line):
        slot = next((k for k, (a, b) in enumerate(columns) if a - slack <= x0 and x1 <= b + slack), None)
        if slot is None or slot in used:
            return False
        used.add(slot)
        a, b = columns[slot]
        cells = [c for c in row.cells if a - slack <= c[0] and c[1] <= b + slack]
        if not (any(c[1] > b - _FULL_EMS * size for c in cells) or (empty and not cells)):
            return False
    return True


def _spans(rule: Rule, x0: float, x1: float) -> bool:
    """Whether a rule runs under most of the stretch from x0 to x1."""
    return min(rule[1], x1) - max(rule[0], x0) >= 0.5 * (x1 - x0)


def _rule_between(upper: Line, lower: Line, rules: Sequence[Rule]) -> bool:
    """Whether a rule under both lines lies between their middles."""
    x0, x1 = min(upper.x0, lower.x0), max(upper.x1, lower.x1)
    return any(
        (upper.top + upper.bottom) / 2 < y < (lower.top + lower.bottom) / 2 and _spans((a, b, y), x0, x1)
        for a, b, y in rules
    )


def _rows(run: Sequence[Line], rules: Sequence[Rule]) -> list[Line]:
    """The lines between two rules, a ruled table row's lines joined into one (the run as it is otherwise).

    Between a three-line table's rules (三线表) stand all its body rows: there a line goes on the row
    above only where it lies close under it and each of its parts in a column the line above fills.
    """
    if len(run) < 2 or not _bounded(run, rules):
        return list(run)
    anchors = sum(1 for line in run if len(line.cells) >= _MIN_CELLS)
    if anchors == 1:
        return _joined_or_not(run)
    if anchors == 0:
        return list(run)
    columns = _columns([part for line in run for part in _parts(line)])
    out: list[Line] = []
    group: list[Line] = []  # a row of cells and the lines of its wrapped cells under it
    for line in run:
        if group and len(line.cells) < _MIN_CELLS and _wraps_on(group[-1], line, columns):
            group.append(line)
            continue
        out.extend(_joined_or_not(group))
        group = [line] if len(line.cells) >= _MIN_CELLS else []
        if not group:
            out.append(line)
    out.extend(_joined_or_not(group))
    return out


def _joined_or_not(group: Sequence[Line]) -> list[Line]:
    """A row's lines joined into one where they can be, else as they are."""
    joined = _joined(group) if len(group) > 1 else None
    return [joined] if joined is not None else list(group)


def _parts(line: Line) -> tuple[tuple[float, float, str], ...]:
    """A line's cells, or the line as one part."""
    return line.cells or ((line.x0, line.x1, line.text),)


def _bounded(run: Sequence[Line], rules: Sequence[Rule]) -> bool:
    """Whether a rule runs just above the run's first line and another just under its last."""
    size = max(max(line.size for line in run), 1.0)
    x0, x1 = min(line.x0 for line in run), max(line.x1 for line in run)
    first, last = run[0], run[-1]
    above = any(
        first.top - _RULE_NEAR_EMS * size <= y <= first.top and _spans((a, b, y), x0, x1) for a, b, y in rules
    )
    below = any(
        last.bottom <= y <= last.bottom + _RULE_NEAR_EMS * size and _spans((a, b, y), x0, x1)
        for a, b, y in rules
    )
    return above and below


def _wraps_on(upper: Line, lower: Line, columns: Sequence[tuple[float, float]]) -> bool:
    """Whether `lower` holds the tails of cells wrapped in `upper`: close under it, each of its parts in a
    column where `upper` reaches the column's widest text (a shorter cell had no need to wrap)."""
    size = max(upper.size, 1.0)
    if lower.top - upper.bottom > _WRAP_GAP_EMS * size or is_heading_line(lower.text.strip()):
        return False  # a sub-heading row ((二)绿色低碳) under a row is no cell's tail
    for x0, x1, _ in _parts(lower):
        column = next((c for c in columns if c[0] <= x0 and x1 <= c[1]), None)
        if column is None or not any(
            column[0] <= a and b <= column[1] and b > column[1] - _FULL_EMS * size
            for a, b, _ in _parts(upper)
        ):
            return False
    return True


def _joined(run: Sequence[Line]) -> Line | None:
    """The run's lines as one row, each column's pieces one cell; None when two parts of a line share a column."""
    anchor = max(run, key=lambda line: len(line.cells))
    parts = [_parts(line) for line in run]
    columns = _columns([part for line in parts for part in line])
    texts: list[list[str]] = [[] for _ in columns]
    for line in parts:
        slots = [next(k for k, (a, b) in enumerate(columns) if a <= x0 and x1 <= b) for x0, x1, _ in line]
        if len(set(slots)) < len(slots):
            return None  # two parts of a line in one column: no row of cells
        for slot, (_, _, text) in zip(slots, line, strict=True):
            texts[slot].append(text.strip())
    cells = tuple((a, b, _join(pieces)) for (a, b), pieces in zip(columns, texts, strict=True))
    return replace(
        anchor,
        text=" ".join(text for _, _, text in cells if text),
        x0=min(line.x0 for line in run),
        x1=max(line.x1 for line in run),
        top=min(line.top for line in run),
        bottom=max(line.bottom for line in run),
        cells=cells,
    )


def _columns(parts: Sequence[tuple[float, float, str]]) -> list[tuple[float, float]]:
    """The columns a row's parts stand in: their spans, overlapping ones merged, left to right."""
    columns: list[tuple[float, float]] = []
    for x0, x1, _ in sorted(parts):
        if columns and x0 < columns[-1][1]:
            columns[-1] = (columns[-1][0], max(columns[-1][1], x1))
        else:
            columns.append((x0, x1))
    return columns


def _join(pieces: Sequence[str]) -> str:
    """A cell's wrapped lines as one: a space only between two Latin words or numbers.

    >>> _join(["单位地区生产总值二氧化碳", "排放降低（%）"]), _join(["CO2", "emissions"])
    ('单位地区生产总值二氧化碳排放降低（%）', 'CO2 emissions')
    """
    text = ""
    for piece in pieces:
        if (
            text
            and piece
            and text[-1].isascii()
            and text[-1].isalnum()
            and piece[0].isascii()
            and piece[0].isalnum()
        ):
            text += " "
        text += piece
    return text
