"""The years of a figure: the year an achieved figure describes, the span of a change over several years,
and the year of a change's baseline."""

from __future__ import annotations

from policykit import pattern_cache
from policykit.model import TargetKind
from policykit.targets.classify import Reading, _baseline
from policykit.targets.deadlines import dates_a_noun
from policykit.targets.indicator import LIST_SPAN, _segment_start_no_dun
from policykit.targets.periods import is_period_flow, years_spanned
from policykit.targets.words import _words
from policykit.zh.dates import dates, plan_years


def _baseline_year(rest: str) -> int | None:
    """The year a change's baseline names right before it: 从2020年的60%提高到… → 2020.

    >>> _baseline_year("覆盖率从2020年的"), _baseline_year("覆盖率从") is None
    (2020, True)
    """
    found = _words().baseline_head.search(rest.rstrip())
    return int(found["year"]) if found and found["year"] else None


_SINCE_WORDS = ("以来", "起", "开始")
_STARTED = pattern_cache.compile(r"(20\d\d)[ \t]{0,2}年(?:以来|起|开始)")


def _achieved_year(text: str, start: int, position: int, reference: int | None) -> int | None:
    """The year an achieved figure describes: a year the sentence names before it, else the year before
    the document's own (the 2025 work report reviews 2024; a 2026 plan's 发展基础 describes 2025).

    >>> _achieved_year("截至2024年底，全市充电桩达到5万台", 0, 14, 2025), _achieved_year("去年国内生产总值增长5%", 0, 9, 2025)
    (2024, 2024)
    >>> _achieved_year("“十四五”期间累计完成投资500亿元", 0, 14, 2026), _achieved_year("比2020年下降18%", 0, 7, 2025)
    (2025, 2024)
    >>> _achieved_year("2013年以来新增的市场主体去年纳税4.76万亿元", 0, 20, 2022)
    2021
    """
    known = dates()
    head = text[start:position]
    years = [
        int(hit.group(1))
        for hit in known.year.finditer(head)
        if not head.endswith((*known.baseline_before, *_words().baseline_openers), 0, hit.start())
        and not head.startswith(_SINCE_WORDS, hit.end())  # 2013年以来: where a span starts, not its year
        and (reference is None or int(hit.group(1)) <= reference)
    ]
    if years:
        return years[-1]
    plans = [
        year
        for year in plan_years(_words().compared.sub("", head))  # 较“十三五”末改善: a baseline, not the year
        if reference is None or year <= reference
    ]
    if plans:
        return plans[-1]
    return reference - 1 if reference is not None else None


def _past_scope_year(sentence: str, reference: int | None) -> int | None:
    """A past year that opens a segment as its time scope: 按可比口径计算，2020年全国各类事故…下降43.3%.

    >>> _past_scope_year("按可比口径计算，2020年全国各类事故起数下降43.3%", 2021)
    2020
    >>> _past_scope_year("比2020年下降18%", 2021) is None, _past_scope_year("，2025年全市达到", 2021) is None
    (True, True)
    >>> _past_scope_year("全区2022年实现地区生产总值2800亿元", 2023)
    2022
    """
    if reference is None:
        return None
    lead = _words().lead
    for hit in dates().year.finditer(sentence):
        year = int(hit.group(1))
        at = hit.start()
        opening = max(sentence.rfind(mark, 0, at) for mark in "，,；;：:") + 1
        if (
            year < reference
            and (at == opening or sentence[opening:at] in lead)  # 全区2022年实现…: a subject before it
            and not sentence.startswith(("以来", "以前", "之前"), hit.end())
            and not dates_a_noun(sentence, hit.end())  # 完成2000年底前建成的老旧小区改造: no review
        ):
            return year
    return None


def _years_of_figure(
    text: str, reading: Reading, kind: TargetKind, s_start: int, review: tuple[int, int] | None
) -> tuple[int | None, int | None]:
    """The (year, since) of an achieved figure or a change's baseline.

    A baseline takes the year the text gives it (从2020年的…), else the year before a review's period,
    else the year before the one its change was achieved in: it is not the year of the change. An achieved figure takes the year its sentence names,
    else the review's last year; a change or a total over a review of several years (过去五年…下降8.1%,
    五年年均增长5.2%) also takes the period's first year, so `track` never reads it as one year's result.
    """
    quantity, reference = reading.quantity, reading.context.reference_year
    head_start = max(s_start, quantity.start - LIST_SPAN)
    year = _achieved_year(text, head_start, quantity.start, reference)
    if _baseline(reading):
        given = _baseline_year(reading.rest)
        if given is not None or kind != "achieved":
            return given, None
        if review:
            return review[0] - 1, None
        return (
            year - 1 if year is not None else None
        ), None  # 2018年关税总水平由9.8%降至7.5%: 9.8% is 2017's
    named = _achieved_year(text, head_start, quantity.start, None)
    segment = text[_segment_start_no_dun(text, quantity.start, s_start) : quantity.start]
    spanned = years_spanned(segment)
    if spanned and year is not None:
        return year, year - spanned + 1  # 十年增加近70万亿元
    compared = [
        hit
        for hit in _words().compared.finditer(text, head_start, quantity.start)
        if hit["year"] or hit["plan"]
    ]
    if compared and year is not None and reading.direction:
        hit = compared[-1]
        base = int(hit["year"]) if hit["year"] else dates().five_year_plans[hit["plan"]]
        if base < year - 1:
            return year, base + 1  # 比2020年下降14%: the change over 2021-2025
    started = _STARTED.search(text, head_start, quantity.start)
    if started and year is not None and is_period_flow(segment, reading.direction):
        return year, int(started.group(1))  # 2013年以来累计新增…: the total since that year
    if review and (named is None or named == review[1]):  # “十四五”时期 names the review's own end
        if is_period_flow(segment, reading.direction):
            return review[1], review[0]
        return review[1], None
    return year, None


def _target_since(text: str, reading: Reading, s_start: int, year: int | None) -> int | None:
    """The first year of a five-year plan's average or total goal: “十五五”…地区生产总值年均增长5% → 2026.

    Only where the clause names the plan whose end is the goal's year, and the goal is stated per year
    (年均) or as a total (累计): `track` then pairs it with the result over the same five years.
    """
    if year is None:
        return None
    quantity = reading.quantity
    segment = text[_segment_start_no_dun(text, quantity.start, s_start) : quantity.start]
    words = _words()
    if not (words.per_year.search(segment) or words.period_flow.search(segment)):
        return None
    return year - 4 if year in plan_years(text[: quantity.start]) else None
