"""Canonical indicators (data/indicators.yaml) and the rules that judge a result against its target.

Split from track.py: what an indicator is and how one year is judged, without the lining up of editions.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from policykit.config import load_yaml, read_data
from policykit.errors import RegistryError
from policykit.model import Target
from policykit.zh.chars import squash

Verdict = Literal["met", "missed", "no outcome yet", "not comparable"]
Kind = Literal["floor", "ceiling", "band"]
Direction = Literal["increase", "decrease"]
VERDICTS: tuple[Verdict, ...] = ("met", "missed", "no outcome yet", "not comparable")

# `~` (左右, 约) is met within this share of the target unless the indicator sets its own tolerance:
# 5.5%左右 accepts 4.95–6.05, 1200万人左右 accepts 1080万–1320万.
TOLERANCE = 0.1

_SPEC_KEYS = frozenset({"name", "aliases", "unit", "kind", "direction", "tolerance"})


# ---------------------------------------------------------------- canonical indicators


@dataclass(frozen=True)
class Indicator:
    """A canonical indicator: its name, the wordings that mean it, and how its targets are judged."""

    name: str
    aliases: tuple[str, ...] = ()
    unit: str | None = None
    kind: Kind = "floor"
    direction: Direction | None = None
    tolerance: float | None = None

    def names(self) -> frozenset[str]:
        """Every wording of the indicator, whitespace removed."""
        return frozenset(squash(name) for name in (self.name, *self.aliases))

    def accepts(self, figure: Target) -> bool:
        """True when the figure is this indicator: one of its wordings, in its unit."""
        return squash(figure.indicator) in self.names() and self.unit in (None, figure.unit)


def _indicator_from(entry: object, where: str) -> Indicator:
    if not isinstance(entry, dict) or not entry.get("name"):
        raise RegistryError(f"{where}: each indicator needs a name")
    unknown = set(entry) - _SPEC_KEYS
    if unknown:
        raise RegistryError(f"{where}: unknown key(s) {', '.join(sorted(unknown))} in {entry['name']}")
    if entry.get("kind") not in (None, "floor", "ceiling", "band"):
        raise RegistryError(f"{where}: kind of {entry['name']} must be floor, ceiling or band")
    if entry.get("direction") not in (None, "increase", "decrease"):
        raise RegistryError(f"{where}: direction of {entry['name']} must be increase or decrease")
    return Indicator(
        name=str(entry["name"]),
        aliases=tuple(str(alias) for alias in entry.get("aliases") or ()),
        unit=entry.get("unit"),
        kind=entry.get("kind") or "floor",
        direction=entry.get("direction"),
        tolerance=entry.get("tolerance"),
    )


_TOP_KEYS = frozenset(
    {
        "indicators",
        "levels",
        "flows",
        "change_nouns",
        "generic_names",
        "report_years",
        "spans",
        "totals",
        "payers",
        "name_tails",
        "name_leads",
    }
)


def parse_indicators(text: str, where: str = "indicators.yaml") -> tuple[Indicator, ...]:
    """Read canonical indicators from YAML text; unknown keys and values are rejected, not ignored."""
    raw = load_yaml(text) or {}
    if isinstance(raw, dict) and set(raw) - _TOP_KEYS:
        raise RegistryError(f"{where}: unknown top-level key(s) {', '.join(sorted(set(raw) - _TOP_KEYS))}")
    entries = raw.get("indicators") if isinstance(raw, dict) else None
    if not isinstance(entries, list):
        raise RegistryError(f"{where}: expected a list under 'indicators'")
    found = tuple(_indicator_from(entry, where) for entry in entries)
    seen: dict[str, str] = {}
    for indicator in found:
        for name in indicator.names():
            if seen.setdefault(name, indicator.name) != indicator.name:
                raise RegistryError(f"{where}: {name} names both {seen[name]} and {indicator.name}")
    return found


@lru_cache(maxsize=1)
def canonical_indicators() -> tuple[Indicator, ...]:
    """The canonical indicators shipped in data/indicators.yaml, loaded once."""
    text = read_data("indicators.yaml").decode("utf-8")
    return parse_indicators(text)


# ---------------------------------------------------------------- verdict rules


def tolerance_for(value: float, given: float | None = None) -> float:
    """The `~` tolerance around a target: the indicator's own, else TOLERANCE of the target's size.

    >>> tolerance_for(5.5), tolerance_for(12_000_000), tolerance_for(3, 0.5)
    (0.55, 1200000.0, 0.5)
    """
    return given if given is not None else round(abs(value) * TOLERANCE, 10)


def meets_floor(achieved: float, bound: float, *, strict: bool = False) -> bool:
    """A floor (以上, 不低于, 超过) is met at or above its bound; strictly above for 超过.

    >>> meets_floor(8.1, 6), meets_floor(5.9, 6), meets_floor(6, 6, strict=True)
    (True, False, False)
    """
    return achieved > bound if strict else achieved >= bound


def meets_ceiling(achieved: float, bound: float, *, strict: bool = False) -> bool:
    """A ceiling (以内, 控制在, 不超过) is met at or below its bound: a lower result meets it.

    >>> meets_ceiling(0.2, 3), meets_ceiling(5.6, 5.5), meets_ceiling(3, 3, strict=True)
    (True, False, False)
    """
    return achieved < bound if strict else achieved <= bound


def within(achieved: float, low: float, high: float) -> bool:
    """A range (6%-6.5%) is met between its bounds, both included.

    >>> within(6.1, 6, 6.5), within(6.6, 6, 6.5), within(5.9, 6, 6.5)
    (True, False, False)
    """
    return min(low, high) <= achieved <= max(low, high)


def near(achieved: float, value: float, tolerance: float) -> bool:
    """`~` (左右, 约) on a band indicator is met within the tolerance on either side.

    >>> near(5.2, 5, 0.5), near(3, 5.5, 0.55), near(6.2, 5.5, 0.55)
    (True, False, False)
    """
    return abs(achieved - value) <= tolerance + 1e-9


def measured(figure: Target, direction: str | None) -> tuple[float, float | None]:
    """The figure's value (and range top) as a change in `direction`: a change the other way is negative.

    >>> from dataclasses import replace
    >>> fall = Target("单位国内生产总值能耗", 3.1, "%", None, 2018, "achieved", "", "", "1", 1, None, "d", "decrease")
    >>> measured(fall, "decrease"), measured(fall, "increase"), measured(replace(fall, direction=None), "decrease")
    ((3.1, None), (-3.1, None), (3.1, None))
    """
    if figure.direction is None or direction is None or figure.direction == direction:
        return figure.value, figure.upper
    upper = -figure.upper if figure.upper is not None else None
    return (-figure.value, upper) if upper is None else (upper, -figure.value)


def _number(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{round(x, 6):g}"


@dataclass(frozen=True)
class Judgement:
    """A verdict and the rule, with its numbers, that decided it."""

    verdict: Verdict
    rule: str


def judge(target: Target | None, achieved: Target | None, indicator: Indicator) -> Judgement:
    """Judge one year: the target's comparator decides; `~` and a plain number follow the indicator's kind.

    Explicit comparators win over the kind (以上 is a floor even on a ceiling indicator); a range checks both
    bounds; `~` is met within the tolerance below a floor indicator's target, above a ceiling's, on either
    side of a band's; a plain number is a ceiling on a ceiling indicator and a floor otherwise.
    """
    if target is None:
        return Judgement("not comparable", "no target for this year")
    if achieved is None:
        return Judgement("no outcome yet", f"no later document gives the {target.year} result")
    if achieved.unit != target.unit:
        return Judgement("not comparable", f"target in {target.unit}, result in {achieved.unit}")
    value, upper = measured(target, indicator.direction)
    got, _ = measured(achieved, indicator.direction)
    a, v = _number(got), _number(value)
    comparator = target.comparator
    if upper is not None:
        ok, rule = within(got, value, upper), f"range: {v} ≤ {a} ≤ {_number(upper)}"
    elif comparator in (">=", ">"):
        strict = comparator == ">"
        ok, rule = meets_floor(got, value, strict=strict), f"floor: {a} {'>' if strict else '≥'} {v}"
    elif comparator in ("<=", "<"):
        strict = comparator == "<"
        ok, rule = meets_ceiling(got, value, strict=strict), f"ceiling: {a} {'<' if strict else '≤'} {v}"
    elif comparator == "~":
        tol = tolerance_for(value, indicator.tolerance)
        t = _number(tol)
        if indicator.kind == "ceiling":
            ok, rule = meets_ceiling(got, value + tol), f"≈ on a ceiling indicator: {a} ≤ {v} + {t}"
        elif indicator.kind == "band":
            ok, rule = near(got, value, tol), f"≈ on a band indicator: |{a} − {v}| ≤ {t}"
        else:
            ok, rule = meets_floor(got, value - tol), f"≈ on a floor indicator: {a} ≥ {v} − {t}"
    elif indicator.kind == "ceiling":
        ok, rule = meets_ceiling(got, value), f"stated amount on a ceiling indicator: {a} ≤ {v}"
    else:
        ok, rule = meets_floor(got, value), f"stated amount as a floor: {a} ≥ {v}"
    return Judgement("met" if ok else "missed", rule)
