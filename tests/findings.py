"""What the blind-read findings tests share: extracting an invented text, and hand-made targets and editions."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from policykit.model import Target
from policykit.pipeline import parse_text
from policykit.targets import extract_targets
from policykit.track import Edition


def figures(text: str, year: int | None = None) -> tuple[Target, ...]:
    """Every figure `extract --all` reads in the text (targets, results and plain figures)."""
    return extract_targets(parse_text(text), include_all=True, year=year)


def targets(text: str, year: int | None = None) -> list[Target]:
    """The figures read as targets."""
    return [f for f in figures(text, year) if f.kind == "target"]


def figure(indicator: str, value: float, *, year: int, kind: str = "target", **fields) -> Target:
    """A target (or result) as extract would give it, in % unless `unit` says otherwise."""
    return Target(
        indicator=indicator,
        value=value,
        unit=fields.pop("unit", "%"),
        comparator=fields.pop("comparator", None),
        year=year,
        kind=kind,
        text=fields.pop("text", f"{indicator}{value}"),
        quantity=str(value),
        clause="p1",
        line=1,
        page=None,
        document="d.txt",
        **fields,
    )


def edition(name: str, year: int, *found: Target) -> Edition:
    """A report of `year` holding the given figures, as track reads one."""
    return Edition(name, year, tuple(replace(f, document=name) for f in found))


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path
