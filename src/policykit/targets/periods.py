"""Reviews of several years: the period a 过去五年 / 五年来 / “十四五”时期 review covers, and the figures of it.

A government work report reviews one year and, at the end of a term or a plan, five; a figure of the
five-year review (单位国内生产总值能耗下降8.1%) is a change over the period, not the last year's outcome,
so it carries the period's first year (`since`) as well as its last (`year`). A level reached at the end
(国内生产总值增加到121万亿元) describes the last year alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from policykit import pattern_cache
from policykit.targets.words import _words
from policykit.zh.dates import dates

Span = tuple[int, int]  # (first year, last year) of a review

_DIGITS = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_COUNT = r"[两二三四五六七八九]?十[二三四五六七八九]?|[两二三四五六七八九]|[2-9]|1\d|20"
RESET = (0, 0)  # what a one-year opening returns: the review of several years ends there


def _count(word: str) -> int:
    """The number of years a count of years names: 五 → 5, 十 → 10, 十二 → 12, 12 → 12.

    >>> _count("五"), _count("十"), _count("十二"), _count("二十"), _count("12")
    (5, 10, 12, 20, 12)
    """
    if word.isdigit():
        return int(word)
    if "十" not in word:
        return _DIGITS[word]
    tens, _, ones = word.partition("十")
    return (_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[ones] if ones else 0)


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The span of years (过去五年, 五年来), a sentence opening one, a plan's period, a one-year opening."""
    words = _words()
    before = "|".join(map(re.escape, words.span_before))
    after = "|".join(map(re.escape, words.span_after))
    span = pattern_cache.compile(
        rf"(?<![\d.．年])(?P<pre>{before})?(?P<n>{_COUNT})年(?![度底末前内])(?P<post>{after})?"
    )
    lead = r"^[ \t\u3000—]{0,4}(?:各位代表[，,！!]?)?"
    opening = pattern_cache.compile(
        lead + rf"(?:经过|在)?(?P<pre>{before})?(?P<n>{_COUNT})年(?P<post>{after})?"
    )
    plan = pattern_cache.compile(
        lead + rf"[“\"]?(?P<plan>{dates().plan.pattern})[”\"]?(?:时期|期间|以来|的五年|这五年|五年)"
    )
    one_year = pattern_cache.compile(
        lead
        + "(?:"
        + "|".join(map(re.escape, words.one_year_openings))
        + r"|(?:20\d\d)年(?:[，,]|[一二三四五六七八九十]{1,2}月|底|末|全年|以来))"
    )
    return span, opening, plan, one_year


_SPAN_OPENS = pattern_cache.compile(r"(?:累计)?[，,]")
"""After a bare count of years, what makes it open a review (五年，全省… / 五年累计，…), not name a thing (三年行动)."""


def looking_back(sentences: list[str], reference: int | None, ahead: Callable[[str], bool]) -> list[bool]:
    """For each sentence of a clause, whether a review opened inside the clause runs over it: a sentence that opens
    with 过去一年 / 五年来 / 五年累计， starts one, a sentence that looks ahead (`ahead`: 今年, 到2025年) ends it.

    >>> looking_back(["2099年是开局之年", "过去一年，成绩很大", "增长7%", "做好今年的工作"], 2099, lambda s: "今年" in s)
    [False, True, True, False]
    """
    openings = _words().achieved_openings
    running, found = False, []
    for sentence in sentences:
        opened = review_opening(sentence, reference)
        if openings.match(sentence.lstrip(" \u3000—")) or (opened is not None and opened != RESET):
            running = True
        elif ahead(sentence):
            running = False
        found.append(running)
    return found


def review_opening(sentence: str, reference: int | None) -> Span | None:
    """The review a sentence opens: a span of years, RESET for a one-year review, None for neither.

    >>> review_opening("五年来，我们深入贯彻党中央决策部署", 2023), review_opening("过去五年极不寻常", 2023)
    ((2018, 2022), (2018, 2022))
    >>> review_opening("“十四五”时期是江苏发展历程中极不平凡的五年", 2026), review_opening("过去一年，我国经济", 2023)
    ((2021, 2025), (0, 0))
    >>> review_opening("五年来的经验", None) is None, review_opening("到2027年，实现", 2026) is None
    (True, True)
    """
    if reference is None:
        return None
    _, opening, plan, one_year = _patterns()
    if one_year.match(sentence):
        return RESET
    found = opening.match(sentence)
    if found and (found["pre"] or found["post"] or _SPAN_OPENS.match(sentence, found.end())):
        count = _count(found["n"])
        if count >= 2:
            return (reference - count, reference - 1)
    planned = plan.match(sentence)
    if planned:
        end = dates().five_year_plans[planned["plan"]]
        if end < reference:
            return (end - 4, end)
    return None


def heading_review(heading: str, reference: int | None) -> Span | None:
    """The span a review heading names with no single year: 过去五年工作回顾, “十四五”时期取得的成就."""
    if reference is None or dates().heading_year.search(heading):
        return None
    found = review_opening(heading, reference)
    return found if found and found != RESET else None


def years_spanned(head: str) -> int | None:
    """The count of years a figure's own words give it (五年年均增长, 十年增加, 近三年累计), if any.

    A count of years is a span only with 过去/近/这 before it, 来/以来/间 after it, or a change or a
    total right after it; 连续9年 (the same level every year) and 三年行动 (a name) are none.

    >>> years_spanned("五年年均增长"), years_spanned("十年增加近"), years_spanned("近三年累计")
    (5, 10, 3)
    >>> years_spanned("连续9年稳定在"), years_spanned("实施三年行动，完成"), years_spanned("2025年达到")
    (None, None, None)
    """
    words = _words()
    span, _, _, _ = _patterns()
    found = None
    for hit in span.finditer(head):
        if head.endswith("连续", 0, hit.start()):
            continue
        rest = head[hit.end() :]
        spans = hit["pre"] or hit["post"] or words.period_flow.match(rest)
        changes = rest.startswith((*words.increase, *words.decrease))
        if (spans or changes) and _count(hit["n"]) >= 2:
            found = _count(hit["n"])
    return found


_LEVEL_WORDS = pattern_cache.compile(r"达到|达|为|突破|超过|到")
"""Words that make a clause a level reached, whatever verb it opens with."""


def is_period_flow(segment: str, direction: str | None) -> bool:
    """Tell whether a figure of a multi-year review is a change or a total over it, not a level reached.

    >>> is_period_flow("单位国内生产总值能耗", "decrease"), is_period_flow("城镇新增就业年均", None)
    (True, True)
    >>> is_period_flow("国内生产总值增加到", None)
    False
    >>> is_period_flow("棚户区住房改造", None), is_period_flow("建成高标准农田", None)
    (True, True)
    >>> is_period_flow("建成区绿化覆盖率达到", None), is_period_flow("建成区面积", None)
    (False, False)
    >>> is_period_flow("每年实施", None), is_period_flow("建成过江通道4座、在建", None)
    (False, False)
    """
    words = _words()
    if direction is not None or words.period_flow.search(segment):
        return True
    segment = segment.strip()
    tail = segment.rpartition("、")[2]
    if tail.startswith((*words.stage_verbs, *words.work_done_verbs)):
        segment = tail  # 建成过江通道4座、在建(8座): the last item has a verb of its own
    if any(hit.group() not in words.period_average for hit in words.per_year.finditer(segment)):
        return False  # 每年实施(20项重点民生实事): one year's work, done every year
    if segment.endswith(words.work_done_verbs):
        return True  # 棚户区住房改造(2600多万套): the work the period did
    # 建成高标准农田(1亿亩): the clause opens with the work, its noun follows (not 建成区…达到, a level)
    levels = (*words.measure_ends, *words.amount_nouns, *words.stock_nouns)
    return (
        segment.startswith(words.work_done_verbs)
        and not _LEVEL_WORDS.search(segment)
        and not segment.endswith(levels)  # 建成区面积: a stock
    )


@lru_cache(maxsize=1)
def _span_tail() -> re.Pattern[str]:
    words = _words()
    before = "|".join(map(re.escape, words.span_before))
    after = "|".join(map(re.escape, words.span_after))
    flows = words.period_flow.pattern
    return pattern_cache.compile(rf"(?<![\d.．年])(?:{before})?(?:{_COUNT})年(?:{after})?(?:{flows})?$")


def without_span(phrase: str) -> str:
    """Cut a span of years off the end of an indicator: 居民人均可支配收入五年(增长) → 居民人均可支配收入.

    >>> without_span("资产总额五年"), without_span("五年年均"), without_span("连续9年"), without_span("2025年")
    ('资产总额', '', '连续9年', '2025年')
    """
    found = _span_tail().search(phrase)
    if found is None or phrase.endswith("连续", 0, found.start()):
        return phrase
    return phrase[: found.start()]
