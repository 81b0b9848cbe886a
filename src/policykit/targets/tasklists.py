"""Task lists with a column per year (重点任务 / 2024年工作项目 / 2025年计划): the year of each cell in them."""

from __future__ import annotations

from itertools import pairwise

from policykit import pattern_cache
from policykit.zh.dates import dates

_DATED_COLUMN = pattern_cache.compile(
    r"(?P<year>(?:19|20)\d\d)\s*年度?[\u4e00-\u9fff]{0,6}?(?=(?:19|20)\d\d|$)"
)
"""A column of a task list for one year: 2024年工作项目, 2025年计划, 2026年 (two a flattening joined: 2024年…2025年计划)."""
_TASK_CELL = pattern_cache.compile(r"^[（(]\d{1,3}[）)]")
"""A task list's row: its task cell opens with the task's number, （1）建设精品道路300条。"""
_HEADER_CELL = 16
"""The longest cell beside a task list's year columns (重点任务（2024-2026）, 牵头部门): a header, never prose."""


def _column_years(cell: str) -> list[int]:
    """The years of the year columns a header cell names, [] when it is not only that."""
    years, at = [], 0
    while at < len(cell):
        hit = _DATED_COLUMN.match(cell, at)
        if hit is None:
            return []
        years.append(int(hit["year"]))
        at = hit.end()
    return years


def dated_cells(text: str) -> dict[int, int]:
    """The year of each cell of a task list's year columns, by the cell's offset in `text`.

    A task list (重点任务 / 2024年工作项目 / 2025年计划 / 2026年计划, one cell per line) states each year's part of
    a task in that year's column: after each numbered task cell, one cell per year column, in order. The year
    columns are consecutive years between short header cells; a cell that names a year of its own keeps it.

    >>> text = "\\n".join(["重点任务", "2024年工作项目", "2025年计划", "牵头", "（1）建成公园30个。", "建成10个。", "建成20个。"])
    >>> sorted(dated_cells(text).values())
    [2024, 2025]
    >>> dated_cells("\\n".join(["2024年工作回顾", "2025年工作安排", "（1）建成公园30个。", "建成10个。"]))
    {}
    """
    cells, offset = [], 0
    for line in text.split("\n"):
        if line.strip():
            cells.append((offset, line.strip()))
        offset += len(line) + 1
    years: list[int] = []
    first = 0
    for index, (_, cell) in enumerate(cells):
        named = _column_years(cell) if len(cell) <= 2 * _HEADER_CELL else []
        if named and (not years or named[0] == years[-1] + 1) and all(b == a + 1 for a, b in pairwise(named)):
            first = index if not years else first
            years.extend(named)
            continue
        if len(years) >= 2 and first > 0 and _short(cells[first - 1][1]) and _short(cell):
            break
        years = []
    else:
        return {}
    found: dict[int, int] = {}
    for row in range(index, len(cells)):
        if not _TASK_CELL.match(cells[row][1]):
            continue
        for (at, cell), year in zip(cells[row + 1 : row + 1 + len(years)], years, strict=False):
            if _TASK_CELL.match(cell):
                break
            if not dates().year.search(cell):
                found[at] = year
    return found


def _short(cell: str) -> bool:
    """A header's cell: short, and no sentence."""
    return len(cell) <= _HEADER_CELL and "。" not in cell
