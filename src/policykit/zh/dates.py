"""Years, deadlines and plan periods as Chinese policy text writes them, built once from data/dates.yaml.

Every pattern here is bounded (at most two spaces between a year and its 年), so a line of 80,000
spaces costs one pass, and every range uses the one dash class, so （2023－2025年） is a period.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from policykit import pattern_cache
from policykit.config import data_yaml

__all__ = ["Dates", "dates", "period", "plan_year", "plan_years", "year_value"]

_GAP = r"[ \t\u3000]{0,2}"  # the spaces a PDF or a typist leaves inside a date, never an unbounded run
_CN_DIGIT = "〇一二三四五六七八九"
_CN_YEAR = r"二[〇○零][〇○零一二三四五六七八九]{2}"  # 二〇二五, as formal text writes a year


def year_value(text: str) -> int:
    """A year written in digits or in Chinese numerals, as a number.

    >>> year_value("2025"), year_value("二〇二五"), year_value("二○三○")
    (2025, 2025, 2030)
    """
    if text.isdigit():
        return int(text)
    return int("".join(str(_CN_DIGIT.index(char)) for char in text.replace("○", "〇").replace("零", "〇")))


def _alternation(words: Iterable[object]) -> str:
    return "|".join(re.escape(str(w)) for w in sorted(words, key=lambda w: -len(str(w))))


@dataclass(frozen=True)
class Dates:
    """The compiled date and period patterns, with the words they were built from."""

    dashes: str
    five_year_plans: dict[str, int]
    relative_years: dict[str, int]
    past_years: dict[str, int]
    baseline_before: tuple[str, ...]
    range_mark: str  # a regex class: any dash, 至 or 到
    plan: re.Pattern[str]  # 十四五
    deadline: re.Pattern[str]  # 到2025年底, 今年, 到“十四五”末
    range_year: re.Pattern[str]  # 2023-2025 (at a position, with match)
    period: re.Pattern[str]  # 2023－2025年, 2021年-2025年: groups 1 and 2 are the ends
    heading_year: re.Pattern[str]  # a single year in a heading, not one end of a range
    past_year_opening: re.Pattern[str]  # 2024年，… / 2024年底… at the start of a sentence
    year: re.Pattern[str]  # 2025年 (group 1 is the year)


@lru_cache(maxsize=1)
def dates() -> Dates:
    """Load data/dates.yaml and compile its patterns (once per process)."""
    raw = data_yaml("dates.yaml")
    dashes = str(raw["dashes"])
    range_mark = "[" + re.escape(dashes + "".join(map(str, raw["range_words"]))) + "]"
    plans = {str(k): int(v) for k, v in raw["five_year_plans"].items()}
    relative = {str(k): int(v) for k, v in raw["relative_years"].items()}
    plan = _alternation(plans)
    deadline = pattern_cache.compile(
        rf"(?P<to>{_alternation(raw['deadline_before'])})?{_GAP}(?P<year>20\d\d|{_CN_YEAR}){_GAP}年(?P<fy>度)?"
        rf"(?P<end>{_alternation(raw['deadline_after'])})?"
        rf"|(?P<rel>{_alternation(relative)})"
        rf"|(?P<to5>到|至)?[“\"]?(?P<plan>{plan})[”\"]?(?P<end5>{_alternation(raw['plan_deadline_after'])})"
    )
    return Dates(
        dashes=dashes,
        five_year_plans=plans,
        relative_years=relative,
        past_years={str(k): int(v) for k, v in raw["past_years"].items()},
        baseline_before=tuple(map(str, raw["baseline_before"])),
        range_mark=range_mark,
        plan=pattern_cache.compile(plan),
        deadline=deadline,
        range_year=pattern_cache.compile(rf"20\d\d{_GAP}{range_mark}{_GAP}20\d\d"),
        period=pattern_cache.compile(rf"((?:19|20)\d\d){_GAP}年?{_GAP}{range_mark}{_GAP}(20\d\d){_GAP}年"),
        heading_year=pattern_cache.compile(
            rf"(?<![\d{re.escape(dashes)}至])(20\d\d)年(?![\d{re.escape(dashes)}至])"
        ),
        past_year_opening=pattern_cache.compile(
            r"^[ \t\u3000]{0,8}(20\d\d)年(?:[，,]|[一二三四五六七八九十]{1,2}月|底|末)"
        ),
        year=pattern_cache.compile(rf"(20\d\d){_GAP}年"),
    )


def period(text: str) -> tuple[int, int] | None:
    """The first span of years the text names, as (first, last).

    >>> period("青岛西海岸新区绿色低碳高质量发展三年行动方案（2023－2025年）"), period("2021年—2025年")
    ((2023, 2025), (2021, 2025))
    >>> period("到2025年") is None
    True
    """
    found = dates().period.search(text)
    return (int(found.group(1)), int(found.group(2))) if found else None


def plan_years(text: str) -> list[int]:
    """The last years of every five-year plan the text names, in order: 十四五…十五五 → [2025, 2030]."""
    known = dates()
    return [known.five_year_plans[name] for name in known.plan.findall(text)]


def plan_year(text: str) -> int | None:
    """The last year of the first five-year plan the text names: “十四五”时期 → 2025."""
    found = dates().plan.search(text)
    return dates().five_year_plans[found.group(0)] if found else None
