"""Render extracted targets: records for the machine formats, a rich table with the source for the terminal."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from policykit.model import Target, plain_number
from policykit.render import iter_rows, render_rows
from policykit.zh.chars import squash

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.table import Table

COLUMNS = (
    "document",
    "clause",
    "line",
    "page",
    "indicator",
    "comparator",
    "value",
    "upper",
    "unit",
    "year",
    "direction",
    "kind",
    "quantity",
    "text",
)
_SIGNS = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "~": "≈"}
_ARROWS = {"increase": "↑", "decrease": "↓"}


def format_value(target: Target) -> str:
    """The normalised value as a reader scans it: sign, digits with separators, unit (≥ 1,100,000 人)."""

    def number(x: float) -> str:
        value = plain_number(x)
        return f"{value:,}" if isinstance(value, int) else f"{value:,.6g}"

    sign = _SIGNS.get(target.comparator or "", "")
    arrow = _ARROWS.get(target.direction or "", "")
    span = number(target.value) + (f"–{number(target.upper)}" if target.upper is not None else "")
    return " ".join(part for part in (arrow, sign, span, target.unit) if part)


_PRINTED_SIGNS = {
    "≥": "≥",
    ">=": "≥",
    "＞": ">",
    ">": ">",
    "≤": "≤",
    "<=": "≤",
    "＜": "<",
    "<": "<",
    "约": "≈",
}


def format_printed(target: Target) -> str:
    """The quantity as the document prints it, with the comparator read around it (> 4400亿元, ↑ ≈ 5%)."""
    arrow = _ARROWS.get(target.direction or "", "")
    quantity = squash(target.quantity)
    own = next(
        (mark for mark in sorted(_PRINTED_SIGNS, key=len, reverse=True) if quantity.startswith(mark)), ""
    )
    if own:
        sign, quantity = _PRINTED_SIGNS[own], quantity[len(own) :]
    else:
        sign = _SIGNS.get(target.comparator or "", "")
    return " ".join(part for part in (arrow, sign, quantity) if part)


def _same_number(printed: str, normalised: str) -> bool:
    """Tell whether the printed form already says the normalised value (5% and 5 %, 700台 and 700 台)."""
    return printed.replace(" ", "").replace(",", "") == normalised.replace(" ", "").replace(",", "")


def snippet(target: Target, width: int = 22) -> tuple[str, int, int]:
    """A window of the source sentence around the quantity, with the quantity's position in it."""
    text = " ".join(target.text.split())
    at = text.find(target.quantity)
    if at == -1:
        return (text if len(text) <= width else text[: width - 1] + "…"), -1, -1
    start = max(0, min(at - width // 3, len(text) - width))
    end = min(len(text), start + width)
    window = ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")
    offset = at - start + (1 if start else 0)
    return window, offset, offset + len(target.quantity)


def targets_to_rows(targets: Sequence[Target]) -> list[dict]:
    """Targets as JSON-ready records (the keys of `Target.to_dict`)."""
    return [target.to_dict() for target in targets]


def render_targets(targets: Sequence[Target], fmt: str) -> str:
    """Render targets in one of the machine formats: json, jsonl, csv, yaml."""
    return render_rows(targets_to_rows(targets), fmt, columns=COLUMNS)


def iter_targets(targets: Iterable[Target], fmt: str) -> Iterator[str]:
    """`render_targets` in pieces: json and jsonl write one target's record at a time."""
    return iter_rows((target.to_dict() for target in targets), fmt, columns=COLUMNS)


def targets_table(targets: Sequence[Target], *, show_kind: bool = False, title: str | None = None) -> Table:
    """Build a rich Table: where each target is, what it measures, its value and the sentence it came from."""
    from rich.table import Table
    from rich.text import Text

    several = len({target.document for target in targets}) > 1
    table = Table(title=title, header_style="bold", show_lines=False, expand=False)
    if several:
        table.add_column("document", overflow="ellipsis", no_wrap=True, max_width=12)
    table.add_column("clause", overflow="fold", min_width=6, max_width=12)
    table.add_column("indicator", overflow="fold", min_width=8, max_width=24)
    table.add_column("target", no_wrap=True, justify="right", max_width=18, overflow="ellipsis")
    table.add_column("year", no_wrap=True, min_width=4)
    if show_kind:
        table.add_column("kind", no_wrap=True, min_width=8)
    table.add_column("source", overflow="fold", min_width=12, max_width=48)
    for target in targets:
        window, start, end = snippet(target)
        source = Text(window, style="dim")
        if start >= 0:
            source.stylize("bold not dim", start, end)
        where = f"{target.clause}\nL{target.line}" + (f" p{target.page}" if target.page else "")
        printed = format_printed(target)
        normalised = format_value(replace(target, comparator=None, direction=None))
        value = Text(printed)
        if not _same_number(printed.lstrip("↑↓≥≤<>≈ "), normalised):
            value.append("\n" + normalised, style="dim")  # the base-unit value, as in JSON and CSV
        cells: list[RenderableType] = [where, target.indicator or "?", value, str(target.year or "")]
        if show_kind:
            cells.append(target.kind)
        row = ([target.document] if several else []) + cells + [source]
        table.add_row(*row)
    return table
