"""Deadlines and periods: the year a sentence, heading or plan sets for its targets."""

from __future__ import annotations

import re

_FIVE_YEAR_PLANS = {"十三五": 2020, "十四五": 2025, "十五五": 2030, "十六五": 2035}
_DEADLINE = re.compile(
    r"(?P<to>到|至|力争到|争取到|力争|预计到|于)?\s*(?P<year>20\d\d)\s*年(?P<fy>度)?"
    r"(?P<end>年底|底|末|上半年|前|以前|之前|底前|年底前)?"
    r"|(?P<rel>今年|本年度|本年|年内|明年)"
    r"|(?P<to5>到|至)?[“\"]?(?P<plan>十[三四五六]五)[”\"]?(?P<end5>末|期末|时期末|期间)"
)
_RANGE_YEAR = re.compile(r"20\d\d\s*[-－—~～至到]\s*20\d\d")
_PAST_YEAR_OPENING = re.compile(r"^\s*(20\d\d)年(?:[，,]|[一二三四五六七八九十]{1,2}月|底|末)")


def _deadlines(sentence: str, reference_year: int | None) -> list[tuple[int, int]]:
    """Find the deadlines a sentence sets, as (offset, year): 到2025年, 2025年底前, 今年, 到“十四五”末."""
    found = []
    for hit in _DEADLINE.finditer(sentence):
        if hit["rel"]:
            if reference_year is not None:
                found.append((hit.start(), reference_year + (1 if hit["rel"] == "明年" else 0)))
        elif hit["plan"]:
            found.append((hit.start(), _FIVE_YEAR_PLANS[hit["plan"]]))
        else:
            start = hit.start("year")
            if _RANGE_YEAR.match(sentence, max(0, start - 5)) or _RANGE_YEAR.match(sentence, start):
                continue
            before = sentence[max(0, start - 2) : start]
            if "比" in before or "较" in before or "与" in before:
                continue  # 比2020年下降: a baseline, not a deadline
            year = int(hit["year"])
            is_scope = (
                hit["to"] or hit["end"] or hit["fy"] or start == 0 or sentence[start - 1] in "，,。；：\n"
            )
            if is_scope and (reference_year is None or year >= reference_year or hit["to"] or hit["end"]):
                found.append((hit.start(), year))
    return found


_HEADING_YEAR = re.compile(r"(?<![\d\-－—~～至])(20\d\d)年(?![\d\-－—~～至])")


_PERIOD_RANGE = re.compile(r"20\d\d\s*[-－—~～至到]\s*(20\d\d)\s*年")


def _period_end(heading: str) -> int | None:
    """The last year of a period a heading names: 重点任务清单（2023-2025年） → 2025."""
    found = _PERIOD_RANGE.search(heading)
    return int(found.group(1)) if found else None
