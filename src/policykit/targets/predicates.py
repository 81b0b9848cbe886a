"""Tests on a quantity in its sentence (a qualifier, a layout count, a fact, a rule) that classify's RULES combine."""

from __future__ import annotations

import re
from functools import lru_cache

from policykit import pattern_cache
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
    _strip_linking,
)
from policykit.targets.results import quoted_goal
from policykit.targets.words import _words
from policykit.zh.numerals import Quantity


def _eligible(quantity: Quantity, sentence: str, start: int, end: int) -> str | None:
    """Say why a quantity can never be a target ('drop'), is only a figure ('figure'), or None if it may be one."""
    if not quantity.unit:
        return "drop"
    written = quantity.written_unit or quantity.unit  # 6个月 is a duration in 月, 6月 a month
    if written in _words().date_units and not _measures_age(sentence, start, quantity):
        return "drop"
    if _inside_marks(sentence, start, end) and not quoted_goal(sentence, end):
        return "drop"  # “15分钟社区生活圈” names a programme; “全年增长5.5%”的预期目标 quotes a goal
    if quantity.chinese and quantity.raw[:1] in "十百千万亿" and _names_a_programme(sentence, end):
        return "drop"  # 万名大学生助企服务专项计划: a round magnitude that names a programme
    if quantity.written_unit in _words().layout_units:
        return "figure"
    if quantity.vague and quantity.raw.startswith(_words().magnitude_guesses):
        return "figure"  # 承载着数亿人就业: an order of magnitude, no figure stated
    if sentence.endswith(_words().streak_words, 0, start):
        return "figure"  # 连续10次获评国家A级: a streak, not an amount to reach
    if quantity.group == "count" and _words().milestone_nouns.match(sentence, end):
        return "figure"  # 连续迈上4个万亿元台阶: steps climbed, not an amount of the indicator
    if quantity.written_unit in _words().action_units and _verb_follows(sentence, end):
        return "figure"  # 先后4次降低存款准备金率: how often a measure was taken, not an amount of it
    if quantity.written_unit == "条" and any(u in sentence for u in ("部分", "板块", "章")):
        return "figure"
    if quantity.chinese and quantity.factor == 1 and not quantity.vague and quantity.group == "count":
        if quantity.value > 1 and quantity.written_unit in _words().worded_count_units:
            return None  # 完成三幅安置房地块出让, 增至近三倍: things and multiples, no category
        if quantity.value >= 100 and quantity.raw[:1] not in "十百千万亿":
            return None  # 供水工程一千二百处: no plan has a hundred categories (每十万人 is a rate's base)
        if _inside_a_name(quantity, sentence, start, end):
            return "drop"  # 残疾人两项补贴: the count is part of the scheme's name, never a figure
        return "figure"  # 三个方面, 十项重点任务: plans count categories in words and goals in digits
    return None


def _inside_a_name(quantity: Quantity, text: str, start: int, end: int) -> bool:
    """Tell whether a small count in words sits inside a name, a noun right before it and one after:
    残疾人两项补贴纳入预算 (a scheme's name), not 完成两项改革 (a verb counts what it does).

    >>> from policykit.zh.numerals import find_quantities
    >>> [_inside_a_name(q, t, q.start, q.end) for t in ("残疾人两项补贴纳入预算", "完成两项改革")
    ...  for q in find_quantities(t)]
    [True, False]
    """
    if quantity.value > 10 or not _is_cjk_noun_start(text, end):
        return False
    before = _pos_cut(text[max(0, start - 6) : start])
    if not before or before[-1][0] in _words().lead:
        return False  # 全市三个项目: the place the clause speaks of, no name
    return before[-1][1] in _words().name_before_count_tags


_BASELINE_OF_YEARS = pattern_cache.compile(r"(?:从|由)(?:\d+(?:\.\d+)?年)?$")


def _verb_follows(text: str, end: int) -> bool:
    """Tell whether a verb starts right after a quantity (4次降低存款准备金率): the number counts the acts.

    >>> _verb_follows("先后4次降低存款准备金率", 4), _verb_follows("开展培训100次。", 9)
    (True, False)
    """
    tokens = _pos_cut(text[end : end + 6])
    return bool(tokens) and tokens[0][1] == "v"


def _measures_age(text: str, start: int, quantity: Quantity) -> bool:
    """Tell whether an age in 岁 or a span in 年 is the value of an indicator measured in them:
    人均预期寿命提高到80岁以上, 平均受教育年限从13.5年提高到14年.

    >>> from policykit.zh.numerals import find_quantities
    >>> text = "人均预期寿命提高到80岁以上，3岁以下婴幼儿"
    >>> [_measures_age(text, q.start, q) for q in find_quantities(text)]
    [True, False]
    >>> text = "平均受教育年限从13.5年提高到14年，用3年时间"
    >>> [_measures_age(text, q.start, q) for q in find_quantities(text)]
    [True, True, False]
    """
    words = _words()
    ends = {"岁": words.age_indicators, "年": words.year_indicators}.get(quantity.unit)
    if not ends:
        return False
    rest = _strip_linking(text[max(0, start - SPAN) : start])[0].rstrip()
    return _BASELINE_OF_YEARS.sub("", rest).endswith(ends)


def _names_a_programme(text: str, end: int) -> bool:
    """Tell whether the words after a number end a programme's name before the clause ends.

    >>> _names_a_programme("实施万名大学生助企服务专项计划，", 4), _names_a_programme("培训万名乡村工匠。", 4)
    (True, False)
    >>> _names_a_programme("培养万名工程师。", 4)
    False
    """
    stop = end
    while stop < min(len(text), end + 16) and text[stop] not in _SEGMENT_BOUNDARY:
        stop += 1
    # the word must end the name (专项计划，), not begin another word (万名工程师)
    return any(
        hit.end() == stop or text[hit.end()] in "”》）"
        for hit in _words().programme_words.finditer(text, end, stop)
    )


def _has_target_verb(left: str) -> bool:
    """Tell whether a verb that sets a goal (建成, 新增, 改建…) stands before the quantity."""
    return bool(_words().target_verbs.search(left))


_NOT_BETWEEN_QUALIFIER = pattern_cache.compile(r"[和及与或至到]")


def _bounds_before_a_noun(text: str, after_end: int) -> bool:
    """Tell whether a 、 list of bounds that ends in 的 and a noun follows a bound: the bounds define a kind.

    >>> _bounds_before_a_noun("入井人数超过30人、井深超过800米的金属非金属地下矿山，", 9)
    True
    >>> _bounds_before_a_noun("企业超过30家、产值超过80亿元。", 7)
    False
    """
    if not text.startswith("、", after_end):
        return False
    end = after_end + 1
    while end < len(text) and end - after_end < LIST_SPAN and text[end] not in "，,；;。：:！？\n":
        end += 1
    items = text[after_end + 1 : end].split("、")
    last = items[-1]
    if "的" not in last or not _is_cjk_noun_start(last, last.rfind("的") + 1):
        return False
    before = _words().before
    return all(re.search(r"\d", item) and any(word in item for word, _ in before) for item in items)


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
    # a round threshold written as a bare magnitude (超百亿元) after a bound word picks out a kind of thing
    threshold = quantity.group != "count" and quantity.raw[:1] in "十百千万亿" and not quantity.vague
    if (
        threshold
        and earlier is not None
        and earlier.group == "count"
        and not any(c in _SEGMENT_BOUNDARY for c in text[earlier.end : quantity.start])
    ):
        return True  # 191家工业企业营业收入超百亿元: the bound picks out the firms the count counts
    if threshold and _is_cjk_noun_start(text, after_end):
        tokens = _pos_cut(text[after_end : after_end + 6])
        if tokens and not tokens[0][1].startswith(("v", "d", "p", "c", "u", "m", "r", "x")):
            return True  # 生产总值超千亿元县, 营收过百亿元农产品加工企业: the amount describes the noun
    if comparator_before and _bounds_before_a_noun(text, after_end):
        return True  # 入井人数超过30人、井深超过800米的金属非金属地下矿山: each bound picks out the mines
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
    if (
        later.group == "count"
        and quantity.group != "count"  # 5家以上…的自主创新企业、10家以上…: two counts, two goals
        and "的" in between
        and len(between) <= 30
        and not any(mark in between for mark in "，,；;。：:")
    ):
        return True  # 年产值超100亿元、具备较强国际竞争力的龙头企业2家: the amount describes the firms
    if len(between) > 20 or any(c in _SEGMENT_BOUNDARY for c in between):
        return False
    if (
        _NOT_BETWEEN_QUALIFIER.search(between)
        or later.group == "time"
        or not later.unit
        or (later.written_unit or later.unit) in _words().date_units
    ):
        return False
    _, later_end = _after_comparator(text, later.end)
    if text.startswith("的", later_end):
        return False  # 50个产值过5亿元的项目: the later amount is the qualifier, the count the goal
    if quantity.group == "count" and later.raw[:1] in "十百千万亿" and _strip_linking(between)[1] is not None:
        return False  # 191家工业企业营业收入超百亿元: a bound on what the count counts, the count stands
    return not _inside_marks(text, later.start, later.end)  # 实施500万元以上技改项目1.2万个


def _counts_its_list(text: str, quantity: Quantity, s_start: int) -> bool:
    """Tell whether a count just counts the list written before it (甲、乙、丙3个阶段), not a goal."""
    if quantity.group != "count" or quantity.upper is not None:
        return False
    head = text[_segment_start_no_dun(text, quantity.start, s_start) : quantity.start].rstrip()
    if "、" not in head:
        return False
    if text.startswith(("以上", "及以上", "左右", "多"), quantity.end) or quantity.vague:
        return False  # a list is counted exactly; …数据共享中心等创新平台5个以上 bounds a goal
    if re.search(r"\d|的", head):
        return False  # 产值超100亿元、具备…的龙头企业2家: described firms, not a list of names
    return quantity.value == len(head.split("、"))  # 高端装备、…、新材料等4个万亿级产业: 等 closes it


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
    """Tell whether a count describes the people or the nation (14亿人的, 56个民族, 14亿人民, 近14亿人口的).

    >>> from policykit.zh.numerals import find_quantities
    >>> [_describes_population(t, find_quantities(t)[0], 0, None) for t in ("近14亿人口的大国", "扩招100万人")]
    [True, False]
    """
    nouns = _words().population_nouns
    if text.startswith(nouns, quantity.end):
        return True
    if quantity.written_unit == "人" and text.startswith(nouns, quantity.end - 1):
        return True  # 14亿人口: the 人 read as the unit starts the noun
    return quantity.written_unit == "人" and comparator is None and text.startswith("的", after_end)


_FRAME_END = pattern_cache.compile(r"为(?!(?:主要)?目标)")


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

    Only `X超过N，要…` (or `X有N…，要…`) in the present counts: a level exceeded (no 到20XX deadline, no goal word before it,
    outside goal sections) that the next segment answers with a task (要/需要/必须) is the premise of that
    task. Without the task (今年财政支出超过23万亿元, 高速公路通车里程突破9300公里) it is a plan's goal.
    """
    exists = rest.rstrip().endswith(_words().existence_verbs)  # 我国有2.9亿在校学生，要…
    if context.goal or (comparator_before != ">" and not exists) or direction is not None:
        return False
    if not _words().premise_of_task.match(text, _segment_end(text, quantity.end, len(text))):
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
    >>> text = "庆成宫整体院落腾退等48项重点任务全面完成。"
    >>> [_counts_layout(text, q, q.end, 0) for q in find_quantities(text)]
    [False]
    >>> text = "规划确定的20项主要指标中，15项已达到序时进度；重点任务中，完成12项。"
    >>> [_counts_layout(text, q, q.end, 0) for q in find_quantities(text)]
    [True, True, False]
    """
    if quantity.group != "count":
        return False
    words = _words()
    rest = text[after_end : after_end + 8].lstrip("大")
    head = text[max(s_start, quantity.start - 12) : quantity.start]
    noun = next((n for n in words.layout_nouns if rest.startswith(n)), None)
    if noun is not None:
        # 48项重点任务全面完成, 完成10项重点任务: tasks carried out are counted results, not the text's parts
        noun_end = text.find(noun, after_end) + len(noun)
        return not (words.done_after.match(text, noun_end) or words.done_before.search(head))
    subset = head.rstrip("，, ").endswith(tuple(f"{n}中" for n in words.layout_nouns))
    if subset and not (words.done_after.match(text, after_end) or words.done_before.search(head)):
        return True  # 18项主要指标中，12项已达到序时进度: how many of the document's own items
    return bool(words.layout_verbs.search(head)) and rest.startswith(("大", "个方面", "条", "项", "类"))


def _states_a_rule(left: str) -> bool:
    """Tell whether a bound is a rule (补贴期限不得超过36个月), not a goal to reach.

    >>> _states_a_rule("补贴期限不得超过"), _states_a_rule("全区绿化覆盖率达到")
    (True, False)
    """
    return bool(_words().rule_markers.search(left))


@lru_cache(maxsize=64)
def _first_in_sentence(pattern: re.Pattern[str], text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of the pattern's first match in a sentence, found once per sentence, not once per figure.

    A sentence with no full stop can hold thousands of figures; searching it again for each was quadratic.
    """
    match = pattern.search(text, start, end)
    return match.span() if match else None


def _found_before(pattern: re.Pattern[str], text: str, start: int, stop: int, end: int) -> bool:
    """pattern.search(text, start, stop) for a `stop` inside the sentence [start, end), mostly from the cache.

    >>> p = re.compile("是指|所称")
    >>> [_found_before(p, "本法所称工时，是指每日8小时。", 0, stop, 15) for stop in (2, 4, 12)]
    [False, True, True]
    """
    first = _first_in_sentence(pattern, text, start, end)
    if first is None:
        return False  # no match in the whole sentence, so none before `stop`
    if first[1] <= stop:
        return True
    if first[0] >= stop:
        return False  # nothing starts before the first match
    return pattern.search(text, start, stop) is not None  # `stop` cuts the first match: a shorter word in it?


def _states_a_condition(text: str, after_end: int, end: int) -> bool:
    """Tell whether the clause a figure sits in is a condition: it ends in 的 before a comma (…的，应当…)
    or a semicolon (（一）…未在3个月内退回原租住的直管房的；, an item of a list of conditions).

    >>> _states_a_condition("在六个月内重新招用人员的，应当通知", 3, 18)
    True
    >>> _states_a_condition("建成10个示范项目，推动…", 6, 12), _states_a_condition("超过10亿元的企业，", 6, 10)
    (False, False)
    """
    stop = min(end, after_end + SPAN)
    index = after_end
    while index < stop and text[index] not in "，,；;。：:！？\n":
        index += 1
    return (
        index < stop
        and text[index] in "，,；;"
        and text[after_end:index].rstrip().endswith("的")
        and index - after_end > 1
    )


def _is_cjk_noun_start(text: str, at: int) -> bool:
    """Tell whether a Chinese word (not 的, not punctuation) starts at `at`."""
    return at < len(text) and "\u4e00" <= text[at] <= "\u9fff" and text[at] not in "的和及或"


def _shortened_to(before: str) -> bool:
    """Tell whether the words before a value cut something down to it: 缩短至, 压缩到, 降至 (a decrease verb, then
    到/至).

    >>> _shortened_to("平均办理时限缩短至"), _shortened_to("审批时间压缩到"), _shortened_to("企业开办用")
    (True, True, False)
    """
    words = _words()
    before = before.rstrip()
    return before.endswith(words.level_suffix) and before[:-1].endswith(words.decrease)


def _part_in_brackets(text: str, position: int, floor: int) -> bool:
    """Tell whether a quantity stands in a bracket that names a part of the count before it.

    >>> _part_in_brackets("实现7座水闸（含东滩二期水闸1座）全部达标", 16, 0), _part_in_brackets("新建水闸7座", 4, 0)
    (True, False)
    """
    opened = max(text.rfind("（", floor, position), text.rfind("(", floor, position))
    closed = max(text.rfind("）", floor, position), text.rfind(")", floor, position))
    return opened > closed and text.startswith(_words().part_openers, opened + 1)


def _in_a_word(text: str, quantity: Quantity) -> bool:
    """Tell whether a quantity written in a Chinese numeral begins a word (五部委, 四方面, 二次供水): no figure.

    >>> from policykit.zh.numerals import find_quantities
    >>> [_in_a_word(t, find_quantities(t)[0]) for t in ("从四方面入手", "五部委表示", "新建四个方面的设施", "4部委")]
    [True, True, False, False]
    """
    unit_at = quantity.end - len(quantity.written_unit)
    return quantity.chinese and text.startswith(_words().numeral_words, unit_at)
