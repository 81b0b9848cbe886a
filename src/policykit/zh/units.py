"""Units that follow a number, and magnitude words, loaded once from data/units.yaml."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from policykit.config import data_yaml


@dataclass(frozen=True)
class Unit:
    """A unit as written (`alias`), the unit values are reported in (`base`) and the factor between them."""

    alias: str
    base: str
    factor: float
    group: str


@dataclass(frozen=True)
class UnitTable:
    """All known unit aliases by their text, the rate denominators and the magnitude words."""

    units: dict[str, Unit]
    per: frozenset[str]
    magnitudes: dict[str, int]
    longest: int
    words: dict[str, tuple[str, ...]]  # words that start with a unit's character (成果, 项目)
    digits: dict[str, Unit]  # units read only right after Arabic digits (a score: 90分, pairs: 38对)
    digits_not_after: tuple[str, ...]  # what before the digits makes them a time of day (9时30分)


@lru_cache(maxsize=1)
def unit_table() -> UnitTable:
    """Load the unit table from the package data (once per process)."""
    raw = data_yaml("units.yaml")
    units: dict[str, Unit] = {}
    for group in ("count", "time"):
        for entry in raw[group]:
            ((alias, base),) = entry.items() if isinstance(entry, dict) else ((entry, entry),)
            units[str(alias)] = Unit(str(alias), str(base), 1.0, group)
    for group in ("money", "measure", "percent"):
        for alias, target in raw[group].items():
            if isinstance(target, dict):
                ((base, factor),) = target.items()
            else:
                base, factor = target, 1
            units[str(alias)] = Unit(str(alias), str(base), float(factor), group)
    magnitudes = {str(k): int(v) for k, v in raw["magnitudes"].items()}
    words = {str(unit): tuple(map(str, listed)) for unit, listed in raw["unit_words"].items()}
    digits = {
        str(alias): Unit(str(alias), str(base), 1.0, str(group))
        for alias, entry in raw["digit_units"].items()
        for base, group in entry.items()
    }
    return UnitTable(
        units,
        frozenset(map(str, raw["per"])),
        magnitudes,
        max(map(len, units)),
        words,
        digits,
        tuple(map(str, raw["digit_unit_not_after"])),
    )


def match_unit(text: str, pos: int = 0) -> Unit | None:
    """Return the longest unit written at `pos`, with a rate denominator (吨/年) folded in.

    >>> match_unit("千瓦时的").base, match_unit("万吨/年", 1).base, match_unit("个百分点").base
    ('千瓦时', '吨/年', '百分点')
    >>> match_unit("氧化碳") is None
    True
    """
    table = unit_table()
    for size in range(min(table.longest, len(text) - pos), 0, -1):
        unit = table.units.get(text[pos : pos + size])
        if unit is None:
            continue
        end = pos + size
        if end < len(text) and text[end] == "/" and unit.group != "percent":
            for per_size in (3, 2, 1):
                per = text[end + 1 : end + 1 + per_size]
                if len(per) == per_size and per in table.per:
                    alias = text[pos : end + 1 + per_size]
                    return Unit(alias, f"{unit.base}/{per}", unit.factor, unit.group)
        return unit
    return None


def match_digit_unit(text: str, start: int, pos: int) -> Unit | None:
    """Return a unit only Arabic digits take (a score), written at `pos` after the digits that open at `start`.

    >>> match_digit_unit("满意度达到90分以上", 5, 7).base, match_digit_unit("上午9时30分", 4, 6)
    ('分', None)
    """
    table = unit_table()
    if text.endswith(table.digits_not_after, 0, start):
        return None  # 9时30分: a time of day
    for alias, unit in table.digits.items():
        if text.startswith(alias, pos):
            return unit
    return None


def magnitude(text: str) -> int | None:
    """Return the multiplier of a magnitude word (万 → 10⁴, 万亿 → 10¹²), 1 for '', None if not one.

    >>> magnitude("万亿"), magnitude(""), magnitude("万千")
    (1000000000000, 1, None)
    """
    if not text:
        return 1
    return unit_table().magnitudes.get(text)
