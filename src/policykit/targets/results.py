"""How reports state results: progress on a goal, a level beside its growth, a threshold passed, a minus sign.

Statistics releases, budget execution reports and news of them give figures that are already reached; they
use the same verbs as goals (完成, 突破, 增长), so these shapes, not the verbs, tell them apart.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import replace
from functools import lru_cache

from policykit import pattern_cache
from policykit.config import data_yaml
from policykit.zh.numerals import Quantity, find_quantities

_MINUS = "-－−"
_NOT_BEFORE_MINUS = "0123456789.．%％~～"
"""What stands before the minus of a range (6%-6.5%, 3-5个): a sign follows none of them."""


@lru_cache(maxsize=1)
def _words() -> tuple[tuple[str, ...], ...]:
    raw = data_yaml("targets.yaml")
    return (
        tuple(map(str, raw["progress_ratios"])),
        tuple(map(str, raw["goal_markers_of_progress"])),
        tuple(map(str, raw["progress_headings"])),
        tuple(map(str, raw["elapsed_periods"])),
        tuple(map(str, raw["future_false_friends"])),
        tuple(map(str, raw["clause_result_words"])),
    )


def progress_heading(head: str) -> bool:
    """Tell whether a heading reports progress on a goal (城镇新增就业完成全年目标任务95.0%): it heads results.

    >>> progress_heading("城镇新增就业人数完成全年目标任务95.0%"), progress_heading("主要目标任务")
    (True, False)
    """
    return any(word in head for word in _words()[2])


_MONTHS_SO_FAR = pattern_cache.compile(r"(?<!\d)1\s*[-—–～~至]\s*(?:[2-9]|1[0-2])月(?!\d)")
"""1-9月, 1—3月: the months of a year so far, as statistics releases head their figures."""


def elapsed_period(sentence: str, future: re.Pattern[str]) -> bool:
    """Tell whether a sentence reports an elapsed part of a year (前三季度, 上半年, 1-9月) and looks nowhere ahead.

    `future` finds the words that look ahead; 今年 is not one of them here: 今年一季度 has passed.

    >>> import re
    >>> ahead = re.compile("力争|今年|将")
    >>> elapsed_period("今年一季度，全县税收收入达到52.3亿元", ahead), elapsed_period("1-9月，出口增长5%", ahead)
    (True, True)
    >>> elapsed_period("一季度主要城市财政收入过千亿的省份共有3个", ahead)
    True
    >>> elapsed_period("力争上半年完成招标", ahead), elapsed_period("全年增长5%", ahead)
    (False, False)
    """
    if not any(word in sentence for word in _words()[3]) and not _MONTHS_SO_FAR.search(sentence):
        return False
    for word in _words()[4]:
        sentence = sentence.replace(word, "")  # 主要城市: its 要 looks nowhere
    return all(hit.group() == "今年" for hit in future.finditer(sentence))


_last_elapsed: list[object] = [None, -1, -1, False]


def elapsed_in(text: str, sentence: tuple[int, int], future: re.Pattern[str]) -> bool:
    """elapsed_period for the sentence at `sentence` of `text`, asked once however many figures it holds."""
    start, end = sentence
    if not _sentence_facts(text, start, end)[1]:
        return False
    if not (_last_elapsed[0] is text and _last_elapsed[1] == start and _last_elapsed[2] == end):
        _last_elapsed[:] = [text, start, end, elapsed_period(text[start:end], future)]
    return bool(_last_elapsed[3])


def clause_reports_result(
    text: str, sentence: tuple[int, int], quantity: Quantity, future: re.Pattern[str]
) -> bool:
    """Tell whether the figure's own clause or the one before reports a result (过去两年，平均增速只有5.1%).

    A sentence may mix results and goals (…只有5.1%，2019年设定目标是6%…): the clause decides, not the sentence.

    >>> import re
    >>> ahead = re.compile("目标|力争")
    >>> s = "过去两年，平均增速只有5.1%，当年设定目标是6%，当年实际增长是6.1%。"
    >>> [clause_reports_result(s, (0, len(s)), q, ahead) for q in find_quantities(s)][1:]
    [True, False, True]
    """
    start = sentence[0]
    own = _clause_start(text, quantity.start, start)
    before = _clause_start(text, max(start, own - 1), start) if own > start else own
    words, false_friends = _words()[5], _words()[4]

    def plain(window: str) -> str:
        for word in false_friends:
            window = window.replace(word, "")  # 主要: its 要 looks nowhere
        return window

    own_text, before_text = plain(text[own : quantity.start]), plain(text[before:own])
    if future.search(own_text):
        return False
    if any(word in own_text for word in words):
        return True
    return any(word in before_text for word in words) and future.search(before_text) is None


_REACH = 60
"""How far before a figure its clause is looked for: a clause longer than that is cut there (a long sentence stays linear)."""


def _clause_start(text: str, position: int, floor: int) -> int:
    floor = max(floor, position - _REACH)
    return max(text.rfind(mark, floor, position) for mark in "，,；;。") + 1 or floor


_last: list[object] = [None, -1, -1, ()]
"""The sentence last asked about (its text, start, end) and its facts: every figure of a sentence asks the same."""


def _sentence_facts(text: str, start: int, end: int) -> tuple[bool, bool, bool]:
    """(holds a progress ratio and no goal word, holds an elapsed period, looks ahead), once per sentence."""
    if _last[0] is text and _last[1] == start and _last[2] == end:
        return _last[3]  # type: ignore[return-value]
    ratios, goals = _words()[:2]
    body = text[start:end]
    progress = any(ratio in body for ratio in ratios) and not any(goal in body for goal in goals)
    elapsed = any(word in body for word in _words()[3]) or _MONTHS_SO_FAR.search(body) is not None
    facts = (progress, elapsed, _patterns()["ahead"].search(body) is not None)
    _last[:] = [text, start, end, facts]
    return facts


def reports_progress(text: str, sentence: tuple[int, int], quantity: Quantity) -> bool:
    """Tell whether the sentence reports progress on a goal (完成全年目标的95.0%): its figures are results.

    A goal word of its own (力争, 确保) makes it a goal again; the goal's own size (全年目标1100万人) stays one.

    >>> s = "前三季度，城镇新增就业1045万人，完成全年目标的95.0%。"
    >>> [reports_progress(s, (0, len(s)), q) for q in find_quantities(s)]
    [True, True]
    >>> s = "力争完成全年目标的110%。"
    >>> reports_progress(s, (0, len(s)), find_quantities(s)[0])
    False
    """
    ratios = _words()[0]
    start, end = sentence
    if not _sentence_facts(text, start, end)[0]:
        return False
    clause = text[_clause_start(text, quantity.start, start) : quantity.start].rstrip()
    if clause.endswith(ratios):
        return True  # 完成全年目标任务95.0%: the ratio itself
    return not clause.endswith(("目标", "目标为", "目标是", "计划", "任务"))


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    """The result shapes' patterns, built once from data/targets.yaml's words."""
    raw = data_yaml("targets.yaml")

    def one_of(key: str) -> str:
        return "(?:" + "|".join(re.escape(str(w)) for w in sorted(raw[key], key=len, reverse=True)) + ")"

    change = f"{one_of('growth_bases')}?{one_of('growth_verbs')}"
    return {
        "growth_after": pattern_cache.compile(
            rf"[，,]\s*{change}\s*\d+(?:\.\d+)?\s*[%％](?!\s*{one_of('goal_bounds')})"
        ),
        "growth_before": pattern_cache.compile(rf"\d{one_of('statistic_units')}[，,]\s*{change}\s*$"),
        "goal_before": pattern_cache.compile(rf"(?:{one_of('goal_before_level')}|到20\d\d|至20\d\d)"),
        "passed": pattern_cache.compile(rf"{one_of('passing_verbs')}$"),
        "passing": pattern_cache.compile(one_of("passing_verbs")),
        "exact": pattern_cache.compile(rf"^{one_of('threshold_marks')}?[，,]\s*{one_of('exact_verbs')}$"),
        "ahead": pattern_cache.compile(rf"(?:{one_of('looking_ahead')}|到20\d\d|至20\d\d)"),
        "quoted_goal": pattern_cache.compile(rf"[”」](?:的)?{one_of('goal_kinds')}?目标"),
        "measured": pattern_cache.compile(
            rf"(?:的)?(?:增速|增幅|增长|水平)?与[^。；;]{{0,40}}目标[^。；;]{{0,6}}{one_of('gap_words')}"
        ),
    }


@lru_cache(maxsize=1)
def _rounding() -> tuple[str, ...]:
    return tuple(map(str, data_yaml("targets.yaml")["rounding_words"]))


def level_with_its_growth(text: str, sentence: tuple[int, int], quantity: Quantity) -> bool:
    """Tell whether a level is given with its own growth rate (增加值812.6亿元，增长5.4%), as statistics report it.

    The rate counts too. A goal says 年均, 左右 or 以上, sets a deadline or a target verb first, or rounds the
    level (规模近9.8万亿元，增长18%: a budget's size).

    >>> s = "全市第三产业增加值812.6亿元，增长5.4%。"
    >>> [level_with_its_growth(s, (0, len(s)), q) for q in find_quantities(s)]
    [True, True]
    >>> s = "到2027年，全市第三产业增加值达到900亿元，年均增长6%。"
    >>> [level_with_its_growth(s, (0, len(s)), q) for q in find_quantities(s)]
    [False, False, False]
    >>> s = "转移支付规模近9.8万亿元，增长18%。"
    >>> [level_with_its_growth(s, (0, len(s)), q) for q in find_quantities(s)]
    [False, False]
    """
    start, end = sentence
    level = quantity
    if quantity.unit == "%":
        previous = text[max(start, quantity.start - 24) : quantity.start]
        if not _patterns()["growth_before"].search(previous):
            return False
        floor = max(start, quantity.start - _REACH)
        levels = [q for q in find_quantities(text[floor : quantity.start]) if q.unit != "%"]
        if not levels:
            return False
        level = replace(levels[-1], start=floor + levels[-1].start, end=floor + levels[-1].end)
    elif not _patterns()["growth_after"].match(text, quantity.end, end):
        return False
    if text[max(start, level.start - 2) : level.start].endswith(_rounding()):
        return False
    clause_start = _clause_start(text, level.start, start)
    return not _patterns()["goal_before"].search(text, max(start, clause_start - 12), level.start)


def threshold_passed(text: str, sentence: tuple[int, int], quantity: Quantity) -> bool:
    """Tell whether a figure is a threshold passed with the exact figure after it (突破900亿元，达到936.2亿元).

    Both are results: the round one passed, the exact one reached. A sentence looking ahead sets goals.

    >>> s = "全年外贸进出口总额突破900亿元，达到936.2亿元。"
    >>> [threshold_passed(s, (0, len(s)), q) for q in find_quantities(s)]
    [True, True]
    >>> s = "到2027年，外贸进出口总额突破1000亿元，达到1200亿元。"
    >>> [threshold_passed(s, (0, len(s)), q) for q in find_quantities(s)]
    [False, False, False]
    """
    start, end = sentence
    if _sentence_facts(text, start, end)[2]:
        return False
    window = max(start, quantity.start - _REACH)
    if not _patterns()["passing"].search(text, max(start, window - 3), quantity.start):
        return (
            False  # no passing verb before the figure, so none right before a pair's first: skip the reading
        )
    figures = find_quantities(text[window : min(end, quantity.end + _REACH)])
    for first, second in itertools.pairwise(figures):
        pair = (window + first.start, window + second.start)
        if quantity.start not in pair or first.unit != quantity.unit or second.unit != first.unit:
            continue
        passed = _patterns()["passed"].search(text, max(start, pair[0] - 3), pair[0])
        between = text[window + first.end : pair[1]].strip()
        if passed and _patterns()["exact"].match(between) and second.value > first.value:
            return True
    return False


def quoted_goal(text: str, end: int) -> bool:
    """Tell whether a quotation closing soon after a figure is named a goal (“全年增长5.5%”的预期目标).

    >>> s = "与年初提出的“全年增长6%”的预期目标仍有差距"
    >>> quoted_goal(s, s.index("%") + 1), quoted_goal("打造“15分钟社区生活圈”", 9)
    (True, False)
    """
    closing = min(
        (at for at in (text.find("”", end, end + 31), text.find("」", end, end + 31)) if at != -1), default=-1
    )
    return closing != -1 and _patterns()["quoted_goal"].match(text, closing) is not None


def measured_against_goal(text: str, quantity: Quantity, end: int) -> bool:
    """Tell whether a figure is set against a goal to show the gap (上半年2.5%的增速与…预期目标仍有差距): a result.

    >>> s = "上半年3.1%的增速与年初提出的“全年增长6%”的预期目标仍有差距。"
    >>> [measured_against_goal(s, q, len(s)) for q in find_quantities(s)]
    [True, False]
    """
    return _patterns()["measured"].match(text, quantity.end, end) is not None


def signed_negative(text: str, quantity: Quantity) -> bool:
    """Tell whether a minus sign stands before the figure (增速为-12.9%), not the dash of a range (6%-6.5%).

    >>> s = "增速为负值（-12.9%）"
    >>> signed_negative(s, find_quantities(s)[0])
    True
    >>> s = "目标是6%-6.5%"
    >>> [signed_negative(s, q) for q in find_quantities(s)]
    [False]
    """
    at = quantity.start
    if at < 1 or text[at - 1] not in _MINUS or quantity.unit not in ("%", "个百分点"):
        return False
    return at < 2 or text[at - 2] not in _NOT_BEFORE_MINUS
