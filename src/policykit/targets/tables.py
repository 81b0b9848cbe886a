"""Indicator tables: one target per value cell, with the row as its evidence."""

from __future__ import annotations

import re

from policykit.model import Clause, Document, Target
from policykit.targets.context import TargetContext
from policykit.zh.dates import dates, plan_year
from policykit.zh.numerals import Quantity, find_quantities

# ---------------------------------------------------------------- indicator tables

_PROPERTY_CELL = re.compile(r"^(?:预期性|约束性)$")
_VALUE_CELL = re.compile(r"^(?P<sign>≥|>=|＞|>|≤|<=|＜|<|约)?\s*(?P<number>\d+(?:\.\d+)?)\s*(?P<pct>[%％])?$")
_EMPTY_CELL = re.compile(r"^[-－—/／]+$")
_CELL_SIGNS = {
    "≥": ">=",
    ">=": ">=",
    "＞": ">",
    ">": ">",
    "≤": "<=",
    "<=": "<=",
    "＜": "<",
    "<": "<",
    "约": "~",
}


def _column_year(header: str, reference_year: int | None) -> int | None:
    """The year a value column is for: “十五五”目标值 → 2030, 2025年目标值 → 2025."""
    plan = plan_year(header)
    if plan:
        return plan
    year = dates().year.search(header)
    return int(year.group(1)) if year else reference_year


def _split_unit(cell: str) -> tuple[str, str] | None:
    """Split an indicator cell from its unit: `万平方米` alone, or `完整社区覆盖率%` joined by the flattening."""
    from policykit.zh.units import magnitude, match_unit

    for size in range(min(len(cell), 6), 0, -1):
        tail = cell[len(cell) - size :]
        bare = tail.lstrip("万亿千百十")
        unit = match_unit(bare) if bare else None
        if unit is not None and len(unit.alias) == len(bare) and magnitude(tail[: size - len(bare)]):
            return cell[: len(cell) - size].strip(), tail
    return None


def _table_targets(
    text: str, reference_year: int | None
) -> list[tuple[int, str, str, Quantity, str | None, int | None, str, str]]:
    """Read a flattened indicator table (one cell per line: …/指标/单位/属性/完成值/目标值).

    Rows are found by their 属性 cell (预期性/约束性); the unit and indicator cells sit just before it and
    the value cells just after, the last of them being the target. Returns (offset, indicator, cell,
    quantity, comparator, year, kind, row text) for every value cell; earlier columns are kind 'achieved'.
    """
    cells, offset = [], 0
    for line in text.split("\n"):
        cells.append((offset, line.strip()))
        offset += len(line) + 1
    names = [cell for _, cell in cells]
    if "单位" not in names or not any(_PROPERTY_CELL.match(n) for n in names):
        return []
    header_end = next(i for i, n in enumerate(names) if _PROPERTY_CELL.match(n))
    header = names[:header_end]
    if "属性" not in header:
        return []
    after = header[header.index("属性") + 1 :]
    columns: list[str] = []  # header lines after 属性 that name value columns (“十五五” / 目标值 joined)
    for piece in after:
        if columns and not re.search(r"值|年", columns[-1]):
            columns[-1] += piece
        elif re.search(r"值|年", piece) or plan_year(piece):
            columns.append(piece)
    columns = [c for c in columns if re.search(r"值|年", c)] or ["目标值"]
    found = []
    rows = [i for i, n in enumerate(names) if _PROPERTY_CELL.match(n)]
    for number, index in enumerate(rows):
        limit = rows[number + 1] if number + 1 < len(rows) else len(names)
        unit_cell = names[index - 1]
        split = _split_unit(unit_cell)
        if split is None:
            continue
        indicator, unit_text = split
        if not indicator:
            indicator = names[index - 2]
        values: list[int] = []
        for cell_index in range(index + 1, min(limit, index + 1 + len(columns))):
            cell = names[cell_index]
            if not (_VALUE_CELL.match(cell) or _EMPTY_CELL.match(cell)):
                break
            values.append(cell_index)
        # a row with fewer value cells than columns lost an empty 完成值; the next row's 序号 is not a value
        if "序号" in header and number + 1 < len(rows) and len(values) == len(columns):
            following = names[values[-1] + 1 : limit]
            if not any(re.fullmatch(r"\d{1,2}", c) for c in following):
                values = values[:-1]
        for position, cell_index in enumerate(values):
            hit = _VALUE_CELL.match(names[cell_index])
            if hit is None:
                continue
            column = columns[len(columns) - len(values) + position]
            unit = "%" if hit["pct"] else unit_text
            quantities = find_quantities(hit["number"] + unit.replace("％", "%"))
            if not quantities:
                continue
            kind = "target" if position == len(values) - 1 and "完成" not in column else "achieved"
            comparator = _CELL_SIGNS.get(hit["sign"] or "")
            year = _column_year(column, reference_year)
            printed = [
                names[i]
                + ("" if _EMPTY_CELL.match(names[i]) or "%" in names[i] or "％" in names[i] else unit_text)
                for i in values
            ]
            cells_text = " ".join(
                f"{columns[len(columns) - len(values) + k]} {v}" for k, v in enumerate(printed)
            )
            row = f"{indicator}（{names[index]}） {cells_text}"
            found.append(
                (
                    cells[cell_index][0],
                    indicator,
                    printed[position],
                    quantities[0],
                    comparator,
                    year,
                    kind,
                    row,
                )
            )
    return found


def _table_rows(
    document: Document, clause: Clause, context: TargetContext, include_all: bool
) -> list[Target]:
    """The targets of an indicator table clause, one per value cell, each with its row as evidence."""
    targets = []
    for offset, indicator, cell, quantity, comparator, year, kind, row in _table_targets(
        clause.text, context.reference_year
    ):
        if kind != "target" and not include_all:
            continue
        line, page = document.locate(clause.start + offset)
        targets.append(
            Target(
                indicator=indicator,
                value=quantity.value,
                unit=quantity.unit,
                comparator=comparator,
                year=year,
                kind=kind,
                text=row,
                quantity=cell,
                clause=clause.id,
                line=line,
                page=page,
                document=context.document,
                upper=None,
            )
        )
    return targets
