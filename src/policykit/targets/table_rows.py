"""Indicator tables read row by row: which reader a table clause takes, and the table whose 属性 cell sits before
its base and target columns (序号 / 指标名称 / 指标属性 / 基准值 / 目标值)."""

from __future__ import annotations

import re

from policykit import pattern_cache
from policykit.model import Clause, Document, Target, TargetKind
from policykit.targets.context import TargetContext
from policykit.targets.tables import (
    _BOUNDED_CELL,
    _CELL_SIGNS,
    _SERIAL,
    _UNIT_HEADS,
    _allocation_targets,
    _Cell,
    _column_year,
    _table_targets,
    _values_before_property,
    _values_then_property,
    table_text,
)
from policykit.targets.words import _words
from policykit.zh.dates import plan_year
from policykit.zh.numerals import find_quantities

_CELL_NOTE = pattern_cache.compile(r"^[（(](?P<inner>[^（）()]+)[）)]$|[（(][^（）()\d]*[）)]$")
_DONE_COLUMN = pattern_cache.compile(r"基准|现状|完成|实际")


def _property_then_values(text: str, reference_year: int | None) -> list[_Cell]:
    """Read an indicator table with no 单位 column whose 属性 cell sits between the indicator and the values:
    序号 / 指标名称 / 指标属性 / 基准值（2020年） / 目标值（2025年） / 目标值（2035年).

    Cells broken over two lines are joined (指标 / 属性; 120.14 / 平方公里); a row starts at its 属性 cell and takes
    a cell a column (基准/现状/完成: results; 目标, else the last: targets); a value in words gives nothing.

    >>> t = "\\n".join(["指标", "属性", "基准值", "（2020年）", "目标值", "（2025年）", "1", "水域面积", "约束性",
    ...                 "10.5", "平方公里", "11.2", "平方公里"])
    >>> [(c[1], c[3].value, c[3].unit, c[5], c[6]) for c in _property_then_values(t, 2021)]
    [('水域面积', 10.5, '平方公里', 2020, 'achieved'), ('水域面积', 11.2, '平方公里', 2025, 'target')]
    """
    from policykit.zh.units import match_unit

    lines, offset = [], 0
    for line in text.split("\n"):
        if line.strip():
            lines.append((offset, line.strip()))
        offset += len(line) + 1
    names = [cell for _, cell in lines]
    rows = [i for i, n in enumerate(names) if _words().property_cell.match(n)]
    if not rows:
        return []
    header = names[: rows[0]]
    at = next((i for i, n in enumerate(header) if n.endswith("属性") and len(n) <= 4), None)
    if at is None or any(n in _UNIT_HEADS for n in header):
        return []
    columns: list[str] = []
    for piece in header[at + 1 : -1]:  # the last header line is the first row's indicator
        if _SERIAL.match(piece):
            break  # the first row's 序号: the header ends before it
        if columns and (piece[0] in "（(" or not re.search(r"值|年", columns[-1])):
            columns[-1] += piece  # 目标值 / （2025年）: one header cell broken over two lines
        else:
            columns.append(piece)
    if not columns or not all(re.search(r"值|年", c) or plan_year(c) for c in columns):
        return []
    targeted = [c for c in columns if "目标" in c] or columns[-1:]
    found: list[_Cell] = []
    for number, index in enumerate(rows):
        limit = rows[number + 1] - 1 if number + 1 < len(rows) else len(names)
        indicator = names[index - 1]
        if indicator[0] in "（(" and index >= 2 and not _SERIAL.match(names[index - 2]):
            # 供水水质综合合格率 / （国标…）: a name broken before its note
            indicator = names[index - 2] + indicator
        if _SERIAL.match(indicator) or _BOUNDED_CELL.match(indicator):
            continue
        values: list[tuple[int, str]] = []
        at = index + 1
        while at < limit and len(values) < len(columns):
            cell = names[at]
            unit = names[at + 1] if at + 1 < limit else ""
            if _BOUNDED_CELL.match(cell) and unit and match_unit(unit) is not None and len(unit) <= 6:
                # 120.14 / 平方公里: a value and its unit broken over two lines
                values.append((at, cell + unit))
                at += 2
                continue
            if _SERIAL.match(cell) and at + 1 == limit - 1 and int(cell) == number + 2:
                break  # the next row's 序号
            values.append((at, cell))
            at += 1
        printed = " ".join(f"{c} {v}" for c, (_, v) in zip(columns, values, strict=False))
        for column, (cell_at, cell) in zip(columns, values, strict=False):
            bare = _CELL_NOTE.sub(lambda m: m["inner"] or "", cell).strip()  # （86.4％）, ≥98％（除危废外）
            amount = bare.lstrip("≥>＞≤<＜约=")
            quantities = [q for q in find_quantities(amount) if q.unit and q.raw == amount]
            if not quantities:
                continue  # a number with no unit, or a cell in words (完成市级考核要求, 基本消除)
            sign = re.match(r"[≥>＞≤<＜约]|>=|<=", bare)
            kind: TargetKind = (
                "achieved" if _DONE_COLUMN.search(column) else "target" if column in targeted else "achieved"
            )
            found.append(
                (
                    lines[cell_at][0],
                    indicator,
                    cell,
                    quantities[0],
                    _CELL_SIGNS.get(sign.group(0)) if sign else None,
                    _column_year(column, reference_year),
                    kind,
                    f"{indicator}（{names[index]}） {printed}",
                    None,
                )
            )
    return found


def _table_rows(
    document: Document, clause: Clause, context: TargetContext, include_all: bool, header: str | None = None
) -> list[Target]:
    """The targets of an indicator table clause, one per value cell, each with its row as evidence.

    `header` is given for a table of bar-joined rows (指标 | 单位 | … | 属性) that the text holds as paragraphs:
    "" when the clause holds its own header, else the header row of an earlier paragraph.
    """
    targets = []
    text = table_text(document, clause)
    if header is not None:
        read = _values_then_property(f"{header}\n{text}", context.reference_year)
    else:
        read = (
            _table_targets(text, context.period_end or context.reference_year)  # a plan's 目标值: its end
            or _property_then_values(text, context.period_end or context.reference_year)
            or _values_before_property(text, context.period_end or context.reference_year)
            or _values_then_property(text, context.reference_year)
            or _allocation_targets(text, clause.heading or "", context.reference_year)
        )
    shift = len(header) + 1 if header else 0
    for offset, indicator, cell, quantity, comparator, year, kind, row, direction in read:
        if kind != "target" and not include_all:
            continue
        line, page = document.locate(clause.start + offset - shift)
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
                direction=direction,
                upper=quantity.upper,
            )
        )
    return targets
