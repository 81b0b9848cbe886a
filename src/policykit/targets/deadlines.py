"""Deadlines and periods: the year a sentence, heading or plan sets for its targets (patterns in zh/dates)."""

from __future__ import annotations

import re

from policykit import pattern_cache
from policykit.zh.dates import dates, period, plan_years, year_value

# A year followed by 的 and a number is what a multiple or share is of (2020年的2倍, 2020年的一半).
_MULTIPLE_OF_YEAR = pattern_cache.compile(r"的(?:近|约|超过)?[\d一二两三四五六七八九十]")
# A year with 底前/以前 and a verb then 的 (2000年底前建成的小区) dates the noun after it.
_DATES_A_NOUN = pattern_cache.compile(r"[\u4e00-\u9fff]{1,4}?的")
_LEVEL_OF_YEAR = pattern_cache.compile(r"(?:同期)?(?:的)?水平")
_BEFORE_THEN_NOUN = pattern_cache.compile(r"(?:底前|底以前|以前|之前|前)[\u4e00-\u9fff]{1,4}?的")


def dates_a_noun(sentence: str, after_year: int) -> bool:
    """Tell whether the year ending at `after_year` (after 年) dates a noun: 2000年底前建成的小区, 2015年以前竣工的.

    >>> dates_a_noun("完成2000年底前建成的老旧小区改造", 7), dates_a_noun("2025年底前完成改造", 5)
    (True, False)
    """
    return _BEFORE_THEN_NOUN.match(sentence, after_year) is not None


def _deadline_hits(text: str) -> list[re.Match[str]]:
    """Every year, relative year or five-year plan written as a deadline or scope."""
    return list(dates().deadline.finditer(text))


def _deadlines(sentence: str, reference_year: int | None) -> list[tuple[int, int]]:
    """Find the deadlines a sentence sets, as (offset, year): 到2025年, 2025年底前, 今年, 到“十四五”末."""
    known = dates()
    found = []
    for hit in known.deadline.finditer(sentence):
        if hit["rel"]:
            if reference_year is not None:
                found.append((hit.start(), reference_year + known.relative_years[hit["rel"]]))
        elif hit["plan"]:
            if sentence[: hit.start("plan")].rstrip('“"').endswith(known.baseline_before):
                continue  # 投入强度高于“十三五”时期实际: what is compared with, not a deadline
            found.append((hit.start(), known.five_year_plans[hit["plan"]]))
        else:
            start = hit.start("year")
            if known.range_year.match(sentence, max(0, start - 5)) or known.range_year.match(sentence, start):
                continue
            before = sentence[max(0, start - 2) : start]
            if any(word in before for word in known.baseline_before):
                continue  # 比2020年下降: a baseline, not a deadline
            if _MULTIPLE_OF_YEAR.match(sentence, hit.end()):
                continue  # 提高到2020年的2倍: the year the multiple is of, not a deadline
            if not hit["end"] and _LEVEL_OF_YEAR.match(sentence, hit.end()):
                continue  # 恢复到2019年水平的90%: the year of a level the goal is a share of
            if hit["end"] and not hit["to"] and _DATES_A_NOUN.match(sentence, hit.end()):
                continue  # 完成2000年底前建成的老旧小区改造: the year dates what is changed, not the goal
            year = year_value(hit["year"])
            is_scope = (
                hit["to"] or hit["end"] or hit["fy"] or start == 0 or sentence[start - 1] in "，,。；：\n"
            )
            if is_scope and (reference_year is None or year >= reference_year or hit["to"] or hit["end"]):
                found.append((hit.start(), year))
    return found


def _heading_year(heading: str) -> int | None:
    """The single year a heading names (2025年重点任务), not one end of a range (2023-2025年)."""
    known = dates()
    found = known.heading_year.search(heading)
    if found and not known.range_year.search(heading):
        return int(found.group(1))
    return None


def _period_end(heading: str) -> int | None:
    """The last year of a period a heading names: 重点任务清单（2023-2025年） → 2025."""
    found = period(heading)
    return found[1] if found else None


def _past_year_opening(sentence: str) -> int | None:
    """The year a sentence opens with, as a review does: 2024年，全市… → 2024."""
    found = dates().past_year_opening.match(sentence)
    return int(found.group(1)) if found else None


__all__ = [
    "_deadline_hits",
    "_deadlines",
    "_heading_year",
    "_past_year_opening",
    "_period_end",
    "dates_a_noun",
    "plan_years",
]
