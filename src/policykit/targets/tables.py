"""Indicator tables: one target per value cell, with the row as its evidence."""

from __future__ import annotations

import re
from collections.abc import Callable

from policykit import pattern_cache
from policykit.gongwen import is_page_number
from policykit.model import Clause, Document, TargetKind
from policykit.targets.words import _words
from policykit.zh.dates import dates, plan_year
from policykit.zh.numerals import Quantity, find_quantities

# ---------------------------------------------------------------- indicator tables

# (offset, indicator, printed cell, quantity, comparator, year, kind, row text, direction)
_Cell = tuple[int, str, str, Quantity, str | None, int | None, TargetKind, str, str | None]

_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
"""A cell's number, plain or grouped in thousands as spreadsheets and typeset tables print it (12,345.6)."""
_VALUE_CELL = pattern_cache.compile(
    rf"^(?P<sign>≥|>=|＞|>|≤|<=|＜|<|约)?\s*(?P<number>{_NUMBER})\s*(?P<pct>[%％])?$"
)
_EMPTY_CELL = pattern_cache.compile(r"^[-－—/／]+$")
_UNIT_HEADS = ("单位", "计量单位", "指标单位")  # a unit column's header cell
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
            name = cell[: len(cell) - size].strip()
            if name.endswith(("/", "／")):  # 件/万人: the unit is per a unit, the name is before both
                split = _split_unit(name[:-1])
                return (split[0], split[1] + name[-1] + tail) if split else None
            return name, tail
    return None


def _table_targets(text: str, reference_year: int | None) -> list[_Cell]:
    """Read a flattened indicator table (one cell per line: …/指标/单位/属性/完成值/目标值).

    Rows are found by their 属性 cell (预期性/约束性); the unit and indicator cells sit just before it and
    the value cells just after, the last of them being the target. Returns (offset, indicator, cell,
    quantity, comparator, year, kind, row text) for every value cell; earlier columns are kind 'achieved'.
    """
    cells, offset = [], 0
    for line in text.split("\n"):
        if line.strip():  # a blank line is no cell: the text's end, or page furniture blanked out
            cells.append((offset, line.strip()))
        offset += len(line) + 1
    names = [cell for _, cell in cells]
    if "单位" not in names or not any(_words().property_cell.match(n) for n in names):
        return []
    header_end = next(i for i, n in enumerate(names) if _words().property_cell.match(n))
    header = names[: _first_row_start(names, header_end)]
    if "属性" not in header:
        return []
    after = header[header.index("属性") + 1 :]
    columns: list[str] = []  # header lines after 属性 that name value columns (“十五五” / 目标值 joined)
    for piece in after:
        if columns and not re.search(r"值|年", columns[-1]):
            columns[-1] += piece
        elif re.search(r"值|年", piece) or plan_year(piece):
            columns.append(piece)
    # “十五五”目标: a column named by its plan is due at the plan's end
    columns = [c for c in columns if re.search(r"值|年", c) or plan_year(c)] or ["目标值"]
    found: list[_Cell] = []
    rows = [i for i, n in enumerate(names) if _words().property_cell.match(n)]
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
            if not (_BOUNDED_CELL.match(cell) or _EMPTY_CELL.match(cell)):
                break  # 55左右, ≥58: a cell may carry its bound after its number
            values.append(cell_index)
        # a row with fewer value cells than columns lost an empty 完成值; the next row's 序号 is not a value
        if "序号" in header and number + 1 < len(rows) and len(values) == len(columns):
            following = names[values[-1] + 1 : limit]
            if not any(re.fullmatch(r"\d{1,2}", c) for c in following):
                values = values[:-1]
        for position, cell_index in enumerate(values):
            hit = _BOUNDED_CELL.match(names[cell_index])
            if hit is None:
                continue
            column = columns[len(columns) - len(values) + position]
            unit = "%" if hit["pct"] else unit_text
            quantities = find_quantities(hit["number"] + unit.replace("％", "%"))
            if not quantities:
                continue
            kind: TargetKind = (
                "target" if position == len(values) - 1 and "完成" not in column else "achieved"
            )
            comparator = _CELL_SIGNS.get(hit["sign"] or "") or _AFTER_SIGNS.get(hit["after"] or "")
            year = _column_year(column, reference_year)
            printed = [_printed(names[i], unit_text) for i in values]
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
                    None,
                )
            )
    return found


def _printed(cell: str, unit_text: str) -> str:
    """A value cell with its unit, as a reader says it: ≥58%, 55万元/人左右 (the unit before its bound word)."""
    if _EMPTY_CELL.match(cell) or "%" in cell or "％" in cell:
        return cell
    hit = _BOUNDED_CELL.match(cell)
    if hit and hit["after"]:
        return cell[: hit.start("after")].rstrip() + unit_text + hit["after"]
    return cell + unit_text


def _first_row_start(names: list[str], property_at: int) -> int:
    """Where the first row begins, given its 属性 cell: its unit (or indicator-and-unit) cell, the indicator
    before a bare unit, and a 序号 number before that. Everything before it is the header, so a first
    indicator that holds 值 or 年 (单位地区生产总值…) is never read as a value column's name."""
    start = property_at - 1
    split = _split_unit(names[start]) if start >= 0 else None
    if split is not None and not split[0]:
        start -= 1  # the unit stands alone: the indicator is the cell before it
    if start > 0 and _SERIAL.match(names[start - 1]) and "序号" in names[: start - 1]:
        start -= 1
    return max(start, 0)


def _done_cells(text: str, reference_year: int | None) -> dict[int, int | None]:
    """The cells of an indicator table's 完成值 column, by offset, with the year that column is for.

    A row whose 完成值 cell is text (启动8个城中村整体改造项目) is read by the sentence reader, which
    cannot see columns; this tells it the cell reports a result, not a goal.
    """
    lines, offset, names = [], 0, []
    for line in text.split("\n"):
        if line.strip():
            lines.append(offset)
            names.append(line.strip())
        offset += len(line) + 1
    rows = [i for i, n in enumerate(names) if _words().property_cell.match(n)]
    if not rows or "属性" not in names[: rows[0]]:
        return {}
    header = names[names.index("属性") + 1 : rows[0]]
    done = next((piece for piece in header if "完成" in piece), None)
    if done is None:
        return {}
    heading = " ".join(header[: header.index(done) + 1])
    year = plan_year(heading) or _column_year(done, reference_year)
    return {lines[index + 1]: year for index in rows if index + 1 < len(names) and names[index + 1]}


# ---------------------------------------------------------------- allocation tables (annexes)

_RANGE_CELL = pattern_cache.compile(
    rf"^(?P<sign>≥|>=|＞|>|≤|<=|＜|<|约)?\s*(?P<number>{_NUMBER})(?:\s*[-－—~～至]\s*(?P<upper>{_NUMBER}))?"
    r"\s*(?P<pct>[%％])?$"
)
_UNIT_NOTE = pattern_cache.compile(
    r"单位[：:]\s*(?P<unit>[^）)\s，,；;]{1,8})|[（(](?P<bare>[^（）()]{1,8})[）)]\s*$"
)
_SERIAL = pattern_cache.compile(r"^\d{1,3}$")
_YEAR_LABEL = pattern_cache.compile(r"^(?P<year>20\d\d)年?(?:[-－—~～至](?P<end>20\d\d)年?)?")


def _is_unit_cell(cell: str) -> bool:
    """Tell whether a table cell is a unit (%, 万平方米, a rate such as 个/千人) or an empty cell's dash, not an
    indicator's name (人均收入 starts with a unit's character too).

    >>> [_is_unit_cell(c) for c in ("万平方米", "—", "个/千人", "吨标准煤/万元", "研发经费投入强度", "人均收入")]
    [True, True, True, True, False, False]
    """
    from policykit.zh.units import match_unit

    split = _split_unit(cell)
    if _EMPTY_CELL.match(cell) or (split is not None and not split[0]):
        return True
    bare = cell.lstrip("万亿千百十")
    return "/" in cell and bool(bare) and match_unit(bare) is not None


def _unit_of(*texts: str) -> str | None:
    """The unit a table states in its caption or header: （单位：万千瓦）, 装机容量（MW）."""
    from policykit.zh.units import magnitude, match_unit

    for text in texts:
        for found in _UNIT_NOTE.finditer(text):
            note = re.sub(r"^单位[：:]\s*", "", (found["unit"] or found["bare"] or "").strip())
            for size in range(min(3, len(note))):  # 万千瓦: a magnitude, then a unit that fills the note
                unit = match_unit(note, size)
                if unit is not None and size + len(unit.alias) == len(note) and magnitude(note[:size]):
                    return note
    return None


def _allocation_targets(text: str, caption: str, reference_year: int | None) -> list[_Cell]:
    """Read a flattened allocation table: one row per district or item, one column per year or type.

    Each value cell is one target; its indicator is the row and the column together, its unit the one the
    caption or header states, and a year column gives its year. A 主要指标 table (with 属性 cells) is read
    by `_table_targets` instead.

    >>> table = "\\n".join(["区", "2025年", "2026年", "浦东新区", "35-36", "40", "闵行区", "12", "15"])
    >>> rows = _allocation_targets(table, "附表1 各区光伏装机分解表（单位：兆瓦）", 2025)
    >>> [(indicator, q.value, q.upper, q.unit, year) for _, indicator, _, q, _, year, *_ in rows][:2]
    [('浦东新区光伏装机', 35000.0, 36000.0, '千瓦', 2025), ('浦东新区光伏装机', 40000.0, None, '千瓦', 2026)]
    """
    cells, offset = [], 0
    for line in text.split("\n"):
        if line.strip():
            cells.append((offset, line.strip()))
        offset += len(line) + 1
    names = [cell for _, cell in cells]
    if any(_words().property_cell.match(n) for n in names):
        return []
    first = next((i for i, n in enumerate(names) if _RANGE_CELL.match(n)), None)
    if first is None:
        return []
    serial = any(name.startswith("序号") for name in names[:first])  # 序号区: cells a PDF joined
    if serial and _SERIAL.match(names[first]) and first + 2 < len(names):
        first += 2  # 序号 1 / 浦东新区 / values: the serial and the label come before the first value

    def is_value(at: int) -> bool:
        return bool(_RANGE_CELL.match(names[at]) or _EMPTY_CELL.match(names[at]))

    def starts_row(at: int, number: int) -> bool:
        """The next 序号 (number) followed by a label: the next row begins, whatever the width so far."""
        return serial and names[at] == str(number) and at + 1 < len(names) and not is_value(at + 1)

    width = 0
    while first + width < len(names) and is_value(first + width) and not starts_row(first + width, 2):
        width += 1
    header = names[: first - 1]  # the cell before the first value is the first row's label
    leads = names[:2] if names and names[0] == caption.strip() else names[:1]  # the caption may open the text
    # 年份 / … then 2024年 / 东湖片区 (a label perhaps broken over two lines) / values: the year starts the row
    year_at = next((i for i in range(first - 2, max(first - 5, 0), -1) if _YEAR_LABEL.match(names[i])), 0)
    by_year = leads[-1:] in (["年份"], ["年度"]) and year_at > 0
    if by_year:
        header = names[:year_at]
    if serial and header and _SERIAL.match(header[-1]):
        header = header[:-1]
    if serial and _has_text_columns(names, first, width, is_value):
        return _serial_rows(cells, caption, reference_year, is_value)
    columns = header[-width:] if len(header) >= width else []
    units = _column_units(caption, header, columns)
    if not columns or units is None:
        return []
    subject = _words().caption_words.sub("", _UNIT_NOTE.sub("", caption).strip()).strip()
    subject = re.sub(r"^各(?:区|市|县|地|单位)", "", subject)
    caption_year = plan_year(caption)  # 各区“十四五”…分配表: the plan's end, not the year of the notice
    found: list[_Cell] = []
    index, number, row_year = year_at if by_year else first - 1, 1, None
    while index < len(names):
        if starts_row(index, number) or starts_row(index, number + 1):
            number = int(names[index]) + 1
            index += 1
        label_cells = []
        while index < len(names) and not is_value(index):
            label_cells.append(names[index])
            index += 1
        values: list[int] = []
        while (
            index < len(names) and len(values) < width and is_value(index) and not starts_row(index, number)
        ):
            values.append(index)
            index += 1
        if not label_cells or not values:
            break
        row = "".join(label_cells)
        dated = _YEAR_LABEL.match(row) if by_year else None
        if dated:  # 2020年-2023年 / 2024年: the row's cells are due (or done) in its last year
            row_year = int(dated["end"] or dated["year"])
        for position, cell_index in enumerate(values):
            hit = _RANGE_CELL.match(names[cell_index])
            if hit is None:
                continue
            column = columns[position] if position < len(columns) else ""
            year_hit = dates().year.search(column)
            year = int(year_hit.group(1)) if year_hit else None
            named = subject if year_hit and column.strip() == year_hit.group(0) else column
            unit = units[position] if position < len(units) else units[-1]
            read = _allocated(
                cells[cell_index], hit, unit, f"{row}{named}", year or caption_year or reference_year
            )
            if read is not None and row_year is not None:
                done = reference_year is not None and row_year < reference_year
                read = (*read[:5], row_year, "achieved" if done else "target")
            if read is not None:
                found.append((*read, f"{caption} {row} {column} {names[cell_index]}".strip(), None))
    return found


def _allocated(
    cell: tuple[int, str], hit: re.Match[str], unit: str, indicator: str, year: int | None
) -> tuple[int, str, str, Quantity, str | None, int | None, TargetKind] | None:
    """One value cell of an allocation table read in its column's unit ("" for a column of counts)."""
    raw = hit["number"] + ("-" + hit["upper"] if hit["upper"] else "") + ("%" if hit["pct"] else unit)
    quantities = find_quantities(raw)
    if not quantities:
        return None
    return cell[0], indicator, cell[1], quantities[0], _CELL_SIGNS.get(hit["sign"] or ""), year, "target"


def _column_units(caption: str, header: list[str], columns: list[str]) -> list[str] | None:
    """The unit of each value column: its own header's (新增装机容量（MW）), else the caption's (单位：万千瓦).

    Where one column states a unit and another states none and the caption none either, the other counts
    things (新增示范工程: 1, 3): it has no unit, not its neighbour's MW. None when no unit is stated at all.

    >>> _column_units("各区分配表", ["区域", "装机容量（MW）", "示范工程"], ["装机容量（MW）", "示范工程"])
    ['MW', '']
    >>> _column_units("分配表（单位：万千瓦）", ["区", "2025年", "2026年"], ["2025年", "2026年"])
    ['万千瓦', '万千瓦']
    """
    own = [_unit_of(column) for column in columns]
    shared = _unit_of(caption) or next((unit for unit in own if unit is not None), None)
    if shared is None:
        shared = _unit_of(*header)
    if shared is None:
        return None
    if not any(unit is not None for unit in own) or _unit_of(caption) is not None:
        return [unit or shared for unit in own]
    return [unit or "" for unit in own]


def _has_text_columns(names: list[str], first: int, width: int, is_value: Callable[[int], bool]) -> bool:
    """Tell whether a 序号 table's first row holds text cells besides its label: a description before its
    values (序号 / 子行业 / 建设区域 / 装机计划 / 责任单位) or a cell after them, before the next row's 序号."""
    one = next((i for i in range(first) if names[i] == "1"), None)
    if one is None:
        return False
    after = first + width
    trailing = after < len(names) and names[after] != "2" and not is_value(after)
    return first - one > 2 or trailing


def _serial_rows(
    cells: list[tuple[int, str]], caption: str, reference_year: int | None, is_value: Callable[[int], bool]
) -> list[_Cell]:
    """Read a 序号 allocation table whose rows hold text cells around their values, row by row.

    A row runs from its 序号 (or 合计/汇总) to the next one: its first cell after the 序号 names it, the
    values are the first run of number cells, text cells before or after them (建设区域, 责任单位) describe it.
    Each value's column is the header cell in its place when the row is as wide as the header; else, for
    a row of one value, the one header cell that states a unit.

    >>> table = "\\n".join(["序号", "子行业", "建设区域", "装机计划（兆瓦）", "责任单位", "1", "地铁", "车站", "35-36",
    ...                     "地铁集团", "2", "铁路", "站房", "15-20", "铁路局", "汇总", "50-56"])
    >>> [(indicator, q.value, q.upper, year) for _, indicator, _, q, _, year, *_ in _allocation_targets(table, "", 2023)]
    [('地铁装机计划', 35000.0, 36000.0, 2023), ('铁路装机计划', 15000.0, 20000.0, 2023), ('汇总装机计划', 50000.0, 56000.0, 2023)]
    """
    names = [cell for _, cell in cells]
    one = names.index("1")
    header, starts, number = names[:one], [], 1
    for index in range(one, len(names)):
        nxt = index + 1 < len(names) and not is_value(index + 1)
        if (names[index] == str(number) and nxt) or (names[index] in _TOTAL_CELLS and index + 1 < len(names)):
            starts.append(index)
            number += names[index] == str(number)
    caption_year = plan_year(caption)
    unit_cells = [cell for cell in header if _unit_of(cell) is not None]
    found: list[_Cell] = []
    for start, end in zip(starts, [*starts[1:], len(names)], strict=True):
        row = names[start:end]
        offset = 1 if _SERIAL.match(row[0]) else 0
        at = next((i for i in range(start + offset, end) if is_value(i)), None)
        if at is None or (at == start + offset and offset):
            continue
        label = names[start + offset] if offset else names[start]
        stop = at
        while stop < end and is_value(stop):
            stop += 1
        for index in range(at, stop):
            hit = _RANGE_CELL.match(names[index])
            if hit is None:
                continue
            if len(row) == len(header):
                column = header[index - start]
            elif stop - at == 1 and len(unit_cells) == 1:
                column = unit_cells[0]
            else:
                continue
            unit = _unit_of(column) or _unit_of(caption)
            if unit is None:
                continue
            year = _column_year(column, None) or caption_year or reference_year
            name = _UNIT_NOTE.sub("", column).strip()
            read = _allocated(cells[index], hit, unit, f"{label}{name}", year)
            if read is not None:
                found.append((*read, f"{caption} {' '.join(row)}".strip(), None))
    return found


_TOTAL_CELLS = frozenset({"合计", "汇总", "总计", "小计"})
"""The label of a table's total row, which has no 序号 of its own."""


_DIRECTED_CELL = pattern_cache.compile(
    rf"^(?P<change>[\u4e00-\u9fff]{{1,2}}?)?(?P<sign>≥|>=|＞|>|≤|<=|＜|<|约)?\s*(?P<number>{_NUMBER})\s*(?P<pct>[%％])?$"
)


def _values_before_property(text: str, year: int | None) -> list[_Cell]:
    """Read an indicator table whose value comes before its 属性 cell, with no 单位 column.

    序号 / 指标 / 预期值 / 属性, then rows such as 1 / 生产安全事故死亡人数 / 下降15% / 约束性: the value
    cell carries its change word and its unit. A value with no unit (<15000) takes the unit its indicator
    ends with (…受灾人次); with none there either it is left out.

    >>> table = "\\n".join(["序号", "指标", "预期值", "属性", "1", "生产安全事故死亡人数", "下降15%", "约束性"])
    >>> [(c[1], c[3].value, c[3].unit, c[4], c[8]) for c in _values_before_property(table, 2025)]
    [('生产安全事故死亡人数', 15.0, '%', None, 'decrease')]
    """
    words = _words()
    cells, offset = [], 0
    for line in text.split("\n"):
        if line.strip():
            cells.append((offset, re.sub(r"\s+", "", line)))
        offset += len(line) + 1
    names = [cell for _, cell in cells]
    rows = [i for i, n in enumerate(names) if words.property_cell.match(n)]
    if not rows or "属性" not in names[: rows[0]] or any(n in _UNIT_HEADS for n in names[: rows[0]]):
        return []
    changes = {word: "increase" for word in words.increase} | {word: "decrease" for word in words.decrease}
    found: list[_Cell] = []
    previous = names.index("属性") + 1
    for index in rows:
        row_start, row = previous, names[previous:index]
        previous = index + 1
        values: list[int] = []
        at = len(row) - 1
        while at >= 0 and _DIRECTED_CELL.match(row[at]):
            hit = _DIRECTED_CELL.match(row[at])
            if hit is None or (hit["change"] and hit["change"] not in changes):
                break
            values.insert(0, at)
            at -= 1
        if at < 0 or not values:
            continue
        indicator = row[at]
        for value_at in values:
            hit = _DIRECTED_CELL.match(row[value_at])
            if hit is None:
                continue
            # <15000 in a row named 年均每十万人受灾人次: the unit the indicator ends with. A cell whose row
            # names no unit either (<1 for a rate per million) is left out: what it counts is not written.
            named = _split_unit(indicator)
            unit = "%" if hit["pct"] else (named[1] if named else "")
            if not unit:
                continue
            quantities = find_quantities(hit["number"] + unit)
            if not quantities:
                continue
            position = row_start + value_at
            found.append(
                (
                    cells[position][0],
                    indicator,
                    row[value_at],
                    quantities[0],
                    _CELL_SIGNS.get(hit["sign"] or ""),
                    year,
                    "target",
                    f"{indicator}（{names[index]}） {row[value_at]}",
                    changes.get(hit["change"] or ""),
                )
            )
    return found


_CELL_BREAK = pattern_cache.compile(r"\t|\s*[|｜]\s*")
# A row laid out with runs of spaces (a PDF's text layer): two or more runs between cells make it a row.
_SPACED_BREAK = pattern_cache.compile(r"(?<=\S)(?: {2,}|\u3000+)(?=\S)")
# A value cell that may carry its bound in words after it (8左右, 95以上, 1.5以内).
_BOUNDED_CELL = pattern_cache.compile(
    rf"^(?P<sign>≥|>=|＞|>|≤|<=|＜|<|约)?\s*(?P<number>{_NUMBER})\s*(?P<pct>[%％])?\s*(?P<after>左右|以上|以下|以内)?$"
)
_AFTER_SIGNS = {"左右": "~", "以上": ">=", "以下": "<=", "以内": "<="}
_HEADER_END = pattern_cache.compile("属性")


def _split_cells(text: str) -> list[tuple[int, str]]:
    """The cells of a flattened table with their offsets: one a line, or a row a line split at tabs and bars."""
    cells, offset = [], 0
    for line in text.split("\n"):
        start = 0
        spaced = list(_SPACED_BREAK.finditer(line))
        breaks = (
            spaced if len(spaced) >= 2 and not _CELL_BREAK.search(line) else list(_CELL_BREAK.finditer(line))
        )
        for piece in [*breaks, None]:
            end = piece.start() if piece else len(line)
            cell = line[start:end]
            at = offset + start + len(cell) - len(cell.lstrip())
            joined = _words().property_cell_start.match(cell.strip()) or _HEADER_END.match(cell.strip())
            if joined and len(cell.strip()) > joined.end():  # 预期性服务贸易…: a row run into the next
                cells.append((at, joined.group(0)))
                at, cell = at + joined.end(), cell.strip()[joined.end() :]
            if cell.strip():
                cells.append((at, cell.strip()))
            start = piece.end() if piece else len(line)
        offset += len(line) + 1
    return cells


def _values_then_property(text: str, reference_year: int | None) -> list[_Cell]:
    """Read an indicator table whose 属性 column comes last: 指标 / 单位 / 2020年 / 2025年 / 属性.

    A row is its cells up to its 预期性/约束性 cell: a 序号, the indicator (its unit joined or in a cell of its
    own), then one value per column. The latest year column holds the targets and earlier year columns the
    results (kind 'achieved'); a column of no year (年均增长) restates the change between them ('figure').

    >>> table = "\\n".join(["指标\\t单位\\t2020年\\t2025年\\t属性", "森林覆盖率\\t%\\t41\\t≥43\\t约束性"])
    >>> [(c[1], c[3].value, c[4], c[5], c[6]) for c in _values_then_property(table, 2021)]
    [('森林覆盖率', 41.0, None, 2020, 'achieved'), ('森林覆盖率', 43.0, '>=', 2025, 'target')]
    """
    words = _words()
    cells = _split_cells(text)
    names = [cell for _, cell in cells]
    if "属性" not in names:
        return []
    header_end = names.index("属性")
    header = names[:header_end]
    if not any(words.property_cell.match(n) for n in names[header_end + 1 :]):
        return []
    first = next((i for i, n in enumerate(header) if n in _UNIT_HEADS), None)
    if first is None:
        first = next((i for i, n in enumerate(header) if n.startswith("指标")), None)  # not the caption
    columns = header[first + 1 :] if first is not None else []
    years = [dates().year.search(c) or plan_year(c) for c in columns]
    if not columns or not any(years):
        return []
    column_years = [_column_year(c, None) if y else None for c, y in zip(columns, years, strict=True)]
    last = max(y for y in column_years if y is not None)
    has_unit = first is not None and header[first] in _UNIT_HEADS
    named_at = next((i for i, n in enumerate(header) if n.startswith("指标")), 0)
    grouped = any(n != "序号" and "表" not in n for n in header[:named_at])  # 类别 | 指标 | …
    found: list[_Cell] = []
    start = header_end + 1
    for end in [i for i in range(start, len(names)) if words.property_cell.match(names[i])]:
        row, row_start, start = names[start:end], start, end + 1
        if len(row) < len(columns) + 1:
            continue
        values = row[len(row) - len(columns) :]
        if not all(_BOUNDED_CELL.match(v) or _EMPTY_CELL.match(v) for v in values):
            continue
        label = row[: len(row) - len(columns)]
        if label and _SERIAL.match(label[0]) and len(label) > 1:
            label = label[1:]
        unit_text = ""
        if has_unit and len(label) >= 2 and grouped and not _is_unit_cell(label[-1]):
            # 创新驱动 | 研发经费投入强度（%） |  | 2.4: the unit cell is empty, the last label cell is the name
            indicator = label[-1]
            note = _unit_of(indicator)
            if note:
                indicator, unit_text = _UNIT_NOTE.sub("", indicator).strip(), note
        elif has_unit and len(label) >= 2:
            unit_text = "" if _EMPTY_CELL.match(label[-1]) else label[-1]
            # 类型 | 指标名称 | 指标单位: a 指标单位 table names by the name cell (a 单位 table joins 类别 to it)
            named = first is not None and header[first] == "指标单位"
            indicator = label[-2] if grouped and named else "".join(label[:-1])
        elif has_unit:
            split = _split_unit(label[0])
            indicator, unit_text = split if split else (label[0], "")
        else:
            # a 类别 column before 指标 (its cell only on a group's first row when merged): the last label cell
            indicator = label[-1] if grouped else "".join(label)
            note = _unit_of(
                indicator
            )  # 森林覆盖率（%）, 造林面积（万亩）: the unit in brackets after the name
            if note:
                indicator, unit_text = _UNIT_NOTE.sub("", indicator).strip(), note
        printed = " ".join(f"{c} {v}" for c, v in zip(columns, values, strict=True))
        for position, value in enumerate(values):
            hit = _BOUNDED_CELL.match(value)
            unit = "%" if hit and hit["pct"] else unit_text
            if hit is None or not unit or not indicator:
                continue
            quantities = find_quantities(hit["number"] + unit.replace("％", "%"))
            if not quantities:
                continue
            year = column_years[position]
            kind: TargetKind = "figure" if year is None else "target" if year == last else "achieved"
            found.append(
                (
                    cells[row_start + len(row) - len(columns) + position][0],
                    indicator,
                    value if hit["pct"] or hit["after"] or not unit_text else value + unit_text,
                    quantities[0],
                    _CELL_SIGNS.get(hit["sign"] or "") or _AFTER_SIGNS.get(hit["after"] or ""),
                    year,
                    kind,
                    f"{indicator}（{names[end]}） {printed}",
                    None,
                )
            )
    return found


def table_text(document: Document, clause: Clause) -> str:
    """A table clause's text with the page furniture between its rows blanked, offsets kept.

    A table that runs over a page break holds that page's number and running head among its cells
    (structure keeps a clause's text whole); read as cells they would shift every row after them.
    """
    heads = {f.text.strip() for f in document.furniture if f.field == "running_head"}
    lines = clause.text.split("\n")
    if not any(line.strip() in heads or is_page_number(line) for line in lines if line.strip()):
        return clause.text
    return "\n".join(
        " " * len(line) if line.strip() and (line.strip() in heads or is_page_number(line)) else line
        for line in lines
    )


def has_cells(text: str) -> bool:
    """Tell whether a clause's text holds a row of cells: joined by bars, or laid out with runs of spaces."""
    return "|" in text or "｜" in text or len(_SPACED_BREAK.findall(text)) >= 2


def is_bar_header(text: str) -> bool:
    """A row of cells joined by bars, or laid out with runs of spaces, that heads an indicator table:
    指标 | 单位 | 2020年 | 2025年 | 属性.

    >>> is_bar_header("指标    2025年    2030年    属性"), is_bar_header("指标 2025年 2030年 属性")
    (True, False)
    """
    if "属性" not in text or not ("|" in text or "｜" in text or _SPACED_BREAK.search(text)):
        return False  # every clause is asked: most hold neither
    cells = [cell for _, cell in _split_cells(text)]
    return len(cells) >= 4 and "属性" in cells
