"""Tell targets from figures: layout counts, qualifiers, facts, baselines and what already exists."""

from __future__ import annotations

import re

from policykit.targets.context import TargetContext
from policykit.targets.deadlines import _deadline_hits
from policykit.targets.indicator import (
    _SEGMENT_BOUNDARY,
    LIST_SPAN,
    SPAN,
    _after_comparator,
    _inside_marks,
    _pos_cut,
    _segment_end,
    _segment_start_no_dun,
)
from policykit.targets.words import _words
from policykit.zh.numerals import Quantity

# ---------------------------------------------------------------- classification


def _eligible(quantity: Quantity, sentence: str, start: int, end: int) -> str | None:
    """Say why a quantity can never be a target ('drop'), is only a figure ('figure'), or None if it may be one."""
    if not quantity.unit or quantity.unit in ("年", "月", "日", "周年", "周岁", "岁"):
        return "drop"
    if _inside_marks(sentence, start, end):
        return "drop"
    if quantity.written_unit in _words().layout_units:
        return "figure"
    if quantity.written_unit == "条" and any(u in sentence for u in ("部分", "板块", "章")):
        return "figure"
    if quantity.chinese and quantity.factor == 1 and not quantity.vague and quantity.group == "count":
        return "figure"  # 三个方面, 十项重点任务: plans count categories in words and goals in digits
    return None


def _has_target_verb(left: str) -> bool:
    """Tell whether a verb that sets a goal (建成, 新增, 改建…) stands before the quantity."""
    return bool(_words().target_verbs.search(left))


_NOT_BETWEEN_QUALIFIER = re.compile(r"[和及与或至到]")


def _qualifier(
    text: str,
    quantity: Quantity,
    after_end: int,
    comparator_before: str | None,
    later: Quantity | None,
    earlier: Quantity | None = None,
) -> bool:
    """Tell whether a quantity qualifies a noun or states a condition instead of setting a goal."""
    after = text[after_end : after_end + 2]
    if after.startswith("的") and (len(after) == 1 or after[1] in _SEGMENT_BOUNDARY):
        return True  # 签约比例达到百分之九十五以上的，协议方可生效
    if comparator_before and after.startswith("的"):
        return True  # 禁止生产和使用厚度低于0.01毫米的地膜
    if text.startswith("部分", after_end) or text.startswith("的部分", after_end):
        return True  # 年应纳税所得额100万元至300万元部分
    if (
        earlier is not None
        and earlier.group == "count"
        and after.startswith("的")
        and not any(c in _SEGMENT_BOUNDARY for c in text[earlier.end : quantity.start])
    ):
        return True  # 推动50个产值过5亿元的项目: the amount describes the projects the count counts
    if later is None:
        return False
    between = text[quantity.end : later.start]
    if len(between) > 20 or any(c in _SEGMENT_BOUNDARY for c in between):
        return False
    if _NOT_BETWEEN_QUALIFIER.search(between) or later.group == "time" or not later.unit:
        return False
    _, later_end = _after_comparator(text, later.end)
    if text.startswith("的", later_end):
        return False  # 50个产值过5亿元的项目: the later amount is the qualifier, the count the goal
    return not _inside_marks(text, later.start, later.end)  # 实施500万元以上技改项目1.2万个


def _counts_its_list(text: str, quantity: Quantity, s_start: int) -> bool:
    """Tell whether a count just counts the list written before it (甲、乙、丙3个阶段), not a goal."""
    if quantity.group != "count" or quantity.upper is not None:
        return False
    head = text[_segment_start_no_dun(text, quantity.start, s_start) : quantity.start].rstrip()
    if "、" not in head or head.endswith("等"):
        return False
    return quantity.value == len(head.split("、"))


def _names_what_exists(text: str, quantity: Quantity, s_start: int) -> bool:
    """Tell whether a count is the object of 发挥/依托/用好/围绕: it names what exists, not a goal."""
    if quantity.group != "count":
        return False
    head = text[_segment_start_no_dun(text, quantity.start, s_start) : quantity.start]
    existing = _words().existing_verbs
    if not any(verb in head for verb in existing):
        return False  # the cheap test first: no such verb, nothing to segment
    tokens = _pos_cut(head[-SPAN:])
    verb_at = -1
    for index, (word, _) in enumerate(tokens):
        pair = word + (tokens[index + 1][0] if index + 1 < len(tokens) else "")
        if word in existing or pair in existing:
            verb_at = index
    if verb_at == -1:
        return False
    # 依托现有园区新建10个创新平台: a later verb takes the count as its own object
    return not any(
        (tag.startswith("v") and tag != "vn") or _words().target_verbs.fullmatch(word)
        for word, tag in tokens[verb_at + 2 :]
    )


def _describes_population(text: str, quantity: Quantity, after_end: int, comparator: str | None) -> bool:
    """Tell whether a count describes the people or the nation (14亿人的, 56个民族, 14亿人民)."""
    if text.startswith(_words().population_nouns, quantity.end):
        return True
    return quantity.written_unit == "人" and comparator is None and text.startswith("的", after_end)


_FRAME_END = re.compile(r"为(?!(?:主要)?目标)")


def _frames_a_place(text: str, quantity: Quantity, s_start: int, s_end: int) -> bool:
    """Tell whether a quantity sits in a 以…为 frame that describes a place or basis (以…15.6平方公里…为核心)."""
    head_start = max(_segment_start_no_dun(text, quantity.start, s_start), quantity.start - SPAN)
    head = text[head_start : quantity.start]
    if "以" not in head or not any(word == "以" and tag == "p" for word, tag in _pos_cut(head)):
        return False
    tail_end, s_end = quantity.end, min(s_end, quantity.end + SPAN)
    while tail_end < s_end and text[tail_end] not in "，,；;：:。！？!?\n":
        tail_end += 1
    return bool(_FRAME_END.search(text, quantity.end, tail_end))


_PREMISE_OF_TASK = re.compile(r"[，,；;]\s*(?:我们|各地|各级政府)?(?:要|需要|必须|务必|须)")


def _states_a_fact(
    text: str,
    quantity: Quantity,
    s_start: int,
    rest: str,
    comparator_before: str | None,
    direction: str | None,
    context: TargetContext,
    clause_year: int | None,
) -> bool:
    """Tell whether a sentence reports how things stand this year (今年高校毕业生超过1000万人), not a goal.

    Only `X超过N，要…` in the present counts: a level exceeded (no 到20XX deadline, no goal word before it,
    outside goal sections) that the next segment answers with a task (要/需要/必须) is the premise of that
    task. Without the task (今年财政支出超过23万亿元, 高速公路通车里程突破9300公里) it is a plan's goal.
    """
    if context.goal or comparator_before != ">" or direction is not None:
        return False
    if not _PREMISE_OF_TASK.match(text, _segment_end(text, quantity.end, len(text))):
        return False
    if clause_year is not None and clause_year != context.reference_year:
        return False
    head = text[max(s_start, quantity.start - LIST_SPAN) : quantity.start]
    if any(hit["year"] or hit["plan"] for hit in _deadline_hits(head)):
        return False
    return not _words().goal_words.search(head) and not _has_target_verb(rest)


def _counts_layout(text: str, quantity: Quantity, after_end: int, s_start: int) -> bool:
    """Tell whether a count counts the document's own parts: 8个方面, 四大类20个主要指标, 3个方面15条措施.

    >>> from policykit.zh.numerals import find_quantities
    >>> text = "重点做好以下8个方面工作，设置四大类20个主要指标。"
    >>> [_counts_layout(text, q, q.end, 0) for q in find_quantities(text)]
    [True, True]
    >>> text = "新建20个口袋公园。"
    >>> [_counts_layout(text, q, q.end, 0) for q in find_quantities(text)]
    [False]
    """
    if quantity.group != "count":
        return False
    words = _words()
    rest = text[after_end : after_end + 8].lstrip("大")
    if rest.startswith(words.layout_nouns):
        return True
    head = text[max(s_start, quantity.start - 12) : quantity.start]
    return bool(words.layout_verbs.search(head)) and rest.startswith(("大", "个方面", "条", "项", "类"))


def _states_a_rule(left: str) -> bool:
    """Tell whether a bound is a rule (补贴期限不得超过36个月), not a goal to reach.

    >>> _states_a_rule("补贴期限不得超过"), _states_a_rule("全区绿化覆盖率达到")
    (True, False)
    """
    return bool(_words().rule_markers.search(left))
