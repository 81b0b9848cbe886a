"""Tell targets from figures: layout counts, qualifiers, facts, baselines and what already exists."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from policykit import pattern_cache
from policykit.model import TargetKind
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
    _sized_category,
    _strip_linking,
)
from policykit.targets.words import _words
from policykit.zh.numerals import Quantity

# ---------------------------------------------------------------- classification


def _eligible(quantity: Quantity, sentence: str, start: int, end: int) -> str | None:
    """Say why a quantity can never be a target ('drop'), is only a figure ('figure'), or None if it may be one."""
    if not quantity.unit:
        return "drop"
    written = quantity.written_unit or quantity.unit  # 6个月 is a duration in 月, 6月 a month
    if written in _words().date_units and not _measures_age(sentence, start, quantity):
        return "drop"
    if _inside_marks(sentence, start, end):
        return "drop"
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
        return "figure"  # 三个方面, 十项重点任务: plans count categories in words and goals in digits
    return None


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
    return bool(words.layout_verbs.search(head)) and rest.startswith(("大", "个方面", "条", "项", "类"))


def _states_a_rule(left: str) -> bool:
    """Tell whether a bound is a rule (补贴期限不得超过36个月), not a goal to reach.

    >>> _states_a_rule("补贴期限不得超过"), _states_a_rule("全区绿化覆盖率达到")
    (True, False)
    """
    return bool(_words().rule_markers.search(left))


# ---------------------------------------------------------------- the kind of a figure, rule by rule


@dataclass(frozen=True)
class Reading:
    """A quantity read in its sentence: everything the kind rules look at."""

    text: str
    quantity: Quantity
    sentence: tuple[int, int]
    left: str  # the segment before the quantity
    rest: str  # `left` with comparator, change and linking words peeled off
    after_end: int  # after the quantity and a comparator written after it (以上)
    comparator_before: str | None
    comparator: str | None
    direction: str | None
    indicator: str
    year: int | None
    verdict: str | None  # what `_eligible` said
    preceding: Quantity | None
    following: Quantity | None
    context: TargetContext
    clause_year: int | None
    achieved: bool  # the sentence reviews results
    future: bool  # the sentence looks ahead
    forecast: bool  # no 到/至 deadline: 预计 makes a forecast
    forecasting: bool  # an earlier figure of the sentence was a forecast
    follows_a_figure: bool  # the sentence already gave a figure
    baseline_in_list: bool = False  # a 分别 list's value before its 提高到 (分别从209元、280元提高到…)
    from_period: bool = False  # the year is only the plan's period end, not one the text gives


def _never_a_target(r: Reading) -> bool:
    """A chapter, part or counted category (三个方面, 十项重点任务): the document's own layout.

    >>> from policykit.targets.extract import explain
    >>> explain("《行动计划》分3个板块，落实十项重点任务。")
    [('3个', 'figure', 'never a target'), ('十项', 'figure', 'never a target')]
    """
    return r.verdict == "figure" or r.indicator in _words().layout_units


def _layout(r: Reading) -> bool:
    """A count of the document's parts: 重点做好以下8个方面工作, 四大类20个主要指标.

    >>> from policykit.targets.extract import explain
    >>> explain("全年设置四大类20个主要指标。")
    [('20个', 'figure', 'counts the document’s parts')]
    """
    return _counts_layout(r.text, r.quantity, r.after_end, r.sentence[0])


def _rule(r: Reading) -> bool:
    """A bound a 办法 sets as a rule (补贴期限不得超过36个月), or an amount of a penalty clause.

    >>> from policykit.targets.extract import explain
    >>> explain("补贴期限不得超过36个月。")
    [('36个月', 'figure', 'states a rule')]
    >>> [rule for _, _, rule in explain("拒不改正的，对单位处一万元以上五万元以下罚款。")]
    ['states a rule', 'states a rule']
    """
    start, end = r.sentence
    if r.context.rules and r.year is None:
        return True  # 第十二条…单套建筑面积一般控制在60平方米以下: an article's bound is a standard, no dated goal
    if r.quantity.group == "time" and r.left.rstrip().endswith(_words().event_start_words):
        return True  # 目录更新后30天内, 事项发生后10个工作日内: a time limit counted from an event
    if _states_a_condition(r.text, r.after_end, end):
        return True  # 在六个月内重新招用人员的，应当…: the clause is the condition of a rule
    if _found_before(_words().definition_words, r.text, start, r.quantity.start, end):
        return True  # 非全日制用工，是指…每日工作时间不超过四小时…的用工形式: a definition
    if r.comparator and r.text[start : start + 8].lstrip().startswith(_words().rule_openers):
        return True  # 对于…需求较大的地区，…其配套建筑用地占比不超过8%: a bound for the case the rule names
    if _words().soft_rule_markers.search(r.left) and r.year is None and not r.context.goal:
        return True  # 补贴原则上不超过3年: with no goal's deadline or section, 原则上 sets a rule
    return (
        _states_a_rule(r.left) or _first_in_sentence(_words().penalty_words, r.text, start, end) is not None
    )


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


def _qualifies(r: Reading) -> bool:
    """A number that qualifies a noun or states a condition: 投资2000万元以上的技改项目.

    >>> from policykit.targets.extract import explain
    >>> explain("今年实施投资2000万元以上的技改项目3000个。", year=2025)
    [('2000万元', 'figure', 'qualifies a noun'), ('3000个', 'target', 'sets a goal')]
    """
    words = _words()
    if r.text.startswith("的", r.after_end) and words.level_noun_after.match(r.text, r.after_end + 1):
        return False  # 失业率稳定在5%左右的较低水平: the level the indicator stands at, no noun described
    if r.text.startswith(words.dimension_nouns, r.quantity.end):
        return True  # 3.8米直径新一代运载火箭: the number is the rocket's size
    if (
        r.quantity.group == "measure"
        and r.text.endswith(words.superlatives, 0, r.quantity.start)
        and _is_cjk_noun_start(r.text, r.after_end)
    ):
        return True  # 全球最高10米液压支架: a record size of the thing, not an amount
    if r.quantity.written_unit in words.attribute_units and _is_cjk_noun_start(r.text, r.after_end):
        return True  # 更新改建沿街2层老建筑: the storeys describe the buildings
    if r.quantity.group == "measure" and words.plan_noun_after.match(r.text, r.after_end):
        return True  # 形成1平方公里规划实施方案: the area a plan covers
    if r.quantity.group != "count" and r.text.startswith("级", r.quantity.end):
        return True  # 25兆瓦级风电主轴轴承, 百万千瓦级基地: a size class of the noun after it
    if r.text.startswith(words.category_bounds, r.quantity.end) and _is_cjk_noun_start(r.text, r.after_end):
        return True  # 关停淘汰10万千瓦及以下燃煤机组: 以下 with a noun after it names a category
    if _sized_category(r.text, r.quantity.written_unit, r.text[r.quantity.end : r.after_end], r.after_end):
        return True  # 基本消除56人以上大班额: the size names the kind, it is no floor of people
    if _draws_a_radius(r):
        return True  # 50米内换乘比例提高到86%: the distance bounds where the ratio is measured
    if r.after_end > r.quantity.end and r.text.startswith("的", r.after_end) and not _has_target_verb(r.left):
        tail = _pos_cut(r.rest[-SPAN:]) if r.rest.strip() else []
        if tail and tail[-1][1].startswith("n"):
            return True  # 涉粉作业人数30人以上的金属粉尘企业: a noun's bound picks out the firms
    return _qualifier(r.text, r.quantity, r.after_end, r.comparator_before, r.following, r.preceding)


def _draws_a_radius(r: Reading) -> bool:
    """A distance or time with 内 before a noun whose own value follows in the clause: 50米内换乘比例提高到86%.

    >>> from policykit.targets.extract import explain
    >>> [rule for _, _, rule in explain("去年，50米内换乘比例提高到86%。", year=2024)][0]
    'qualifies a noun'
    >>> [rule for _, _, rule in explain("到2025年，基本实现2小时内到达。")][0] != "qualifies a noun"
    True
    """
    later = r.following
    if r.quantity.group not in ("measure", "time") or later is None:
        return False
    if r.text[r.quantity.end : r.after_end].strip() not in _words().radius_bounds:
        return False
    between = r.text[r.after_end : later.start]
    return _is_cjk_noun_start(r.text, r.after_end) and not any(c in _SEGMENT_BOUNDARY for c in between)


def _is_cjk_noun_start(text: str, at: int) -> bool:
    """Tell whether a Chinese word (not 的, not punctuation) starts at `at`."""
    return at < len(text) and "\u4e00" <= text[at] <= "\u9fff" and text[at] not in "的和及或"


def _list_count(r: Reading) -> bool:
    """A count of the list just written: 谋划策划、项目计划、实施方案、实施建设、运营管理5个阶段.

    >>> from policykit.targets.extract import explain
    >>> explain("到2025年，完成谋划策划、项目计划、实施方案、实施建设、运营管理5个阶段。")[0][1:]
    ('figure', 'counts its list')
    """
    return _counts_its_list(r.text, r.quantity, r.sentence[0])


def _coped_with(r: Reading) -> bool:
    """A count of what befell a place, the object of 应对/抵御: 成功应对22轮强降水和“桦加沙”等15个台风.

    >>> from policykit.targets.extract import explain
    >>> [rule for _, _, rule in explain("去年成功应对18轮强降雨和9个台风。", year=2026)]
    ['an event coped with', 'an event coped with']
    """
    if r.quantity.group != "count":
        return False
    start = _segment_start_no_dun(r.text, r.quantity.start, r.sentence[0])
    return bool(_words().coped_verbs.search(r.text, start, r.quantity.start))


def _existing(r: Reading) -> bool:
    """The object of 发挥/依托/用好: what exists, not a goal (发挥好9个国家区域医疗中心服务功能).

    >>> from policykit.targets.extract import explain
    >>> explain("发挥好9个国家区域医疗中心服务功能。")
    [('9个', 'figure', 'names what exists')]
    """
    return _names_what_exists(r.text, r.quantity, r.sentence[0])


def _population(r: Reading) -> bool:
    """The people or the nation: 保障好14亿人的粮食安全, 56个民族.

    >>> from policykit.targets.extract import explain
    >>> explain("保障好14亿人的粮食安全。")
    [('14亿人', 'figure', 'describes the population')]
    """
    return _describes_population(r.text, r.quantity, r.after_end, r.comparator)


def _frame(r: Reading) -> bool:
    """A 以…为 frame that describes a place: 打造以杨浦滨江15.6平方公里滨水区域为核心的示范区.

    >>> from policykit.targets.extract import explain
    >>> explain("打造以杨浦滨江15.6平方公里滨水区域为核心的示范区。")
    [('15.6平方公里', 'figure', 'frames a place')]
    """
    return _frames_a_place(r.text, r.quantity, r.sentence[0], r.sentence[1])


def _unbounded_time(r: Reading) -> bool:
    """A duration is a goal only when the text bounds or shortens it: 3个工作日内 is, 用3个工作日 is not.

    >>> from policykit.targets.extract import explain
    >>> explain("到2025年，企业开办用3个工作日。")
    [('3个工作日', 'figure', 'a duration with no bound')]
    >>> explain("到2025年，纠纷平均办理时限缩短至7个工作日。")[0][1]
    'target'
    """
    if r.quantity.group != "time" or r.comparator or r.direction:
        return False
    if _shortened_to(r.text[max(r.sentence[0], r.quantity.start - 6) : r.quantity.start]):
        return False  # 办理时限缩短至7个工作日: a duration cut to a level is a goal like 5个工作日以内
    return not _measures_age(r.text, r.quantity.start, r.quantity)  # 受教育年限提高到11.3年: a level in years


def _shortened_to(before: str) -> bool:
    """Tell whether the words before a value cut something down to it: 缩短至, 压缩到, 降至 (a decrease verb, then
    到/至).

    >>> _shortened_to("平均办理时限缩短至"), _shortened_to("审批时间压缩到"), _shortened_to("企业开办用")
    (True, True, False)
    """
    words = _words()
    before = before.rstrip()
    return before.endswith(words.level_suffix) and before[:-1].endswith(words.decrease)


def _reviewed(r: Reading) -> bool:
    """A result already achieved: a review section, 截至2024年底, 已建成.

    >>> from policykit.targets.extract import explain
    >>> explain("截至目前，全区已建成充电桩8000台。")
    [('8000台', 'achieved', 'already achieved')]
    """
    return r.achieved


def _restates(r: Reading) -> bool:
    """The change of a level just given: 拟安排专项债券3.9万亿元、比上年增加1000亿元.

    >>> from policykit.targets.extract import explain
    >>> [kind for _, kind, _ in explain("拟安排地方政府专项债券3.9万亿元、比上年增加1000亿元。", year=2024)]
    ['target', 'figure']
    """
    return r.follows_a_figure and bool(_words().change_of_level.search(r.left))


def _baseline(r: Reading) -> bool:
    """The value being changed: 由3万元提高到10万元, 现行16%的税率降至13%.

    >>> from policykit.targets.extract import explain
    >>> explain("将起征点由月销售额3万元提高到10万元。", year=2019)[0][1:]
    ('figure', 'the baseline of a change')
    >>> [kind for _, kind, _ in explain("甲补贴、乙补贴分别从每人每月209元、280元提高到217元、290元。", year=2026)]
    ['figure', 'figure', 'target', 'target']
    """
    words = _words()
    end = _segment_end(r.text, r.after_end, r.sentence[1]) + 1
    if r.baseline_in_list or words.baseline.match(r.text, r.after_end, end):
        return True
    if r.text.startswith(words.baseline_after, r.after_end):
        return True  # 在生均财政拨款水平达到12000元的基础上，逐步提高: the level built on
    if not words.baseline_head.search(r.rest.rstrip()):
        return False
    # 从15个县（市）扩大到57个县（市）: 从 opens the baseline; the change to a level follows in its clause
    clause_end = min(r.sentence[1], r.after_end + SPAN)
    for mark in "，,；;。":
        found = r.text.find(mark, r.after_end, clause_end)
        clause_end = found if found != -1 else clause_end
    level = words.level_change.search(r.text, r.after_end, clause_end)
    return level is not None and level.start() - r.after_end <= 12


def _forecast(r: Reading) -> bool:
    """A forecast with no deadline: 预计今年高校毕业生超过1170万人, 预计财政收入…，其中….

    The size of a measure the government takes itself (预计全年退税减税约2.5万亿元) is its plan, not a forecast.

    >>> from policykit.targets.extract import explain
    >>> [rule for _, _, rule in explain("预计今年高校毕业生超过1170万人，其中农村学生300万人。", year=2024)]
    ['a forecast', 'a forecast']
    >>> [rule for _, _, rule in explain("预计全年退税减税约2.5万亿元，其中留抵退税约1.5万亿元。", year=2022)]
    ['sets a goal', 'sets a goal']
    """
    if not r.forecast:
        return False
    words = _words()
    start = _segment_start_no_dun(r.text, r.quantity.start, r.sentence[0])
    marker = words.forecast_markers.search(r.text, start, r.quantity.start)
    if marker is not None:
        return not words.planned_amounts.search(r.text, marker.end(), r.quantity.start)
    return r.forecasting and r.text.startswith("其中", start)


def _fact(r: Reading) -> bool:
    """How things stand this year, the premise of a task: 今年高校毕业生超过1000万人，要….

    >>> from policykit.targets.extract import explain
    >>> explain("今年高校毕业生超过1000万人，要做好就业工作。", year=2022)[0][1:]
    ('figure', 'states a fact')
    >>> explain("全省有3200所乡村学校，要办好每一所学校。", year=2022)[0][1:]
    ('figure', 'states a fact')
    """
    return _states_a_fact(
        r.text,
        r.quantity,
        r.sentence[0],
        r.rest,
        r.comparator_before,
        r.direction,
        r.context,
        r.clause_year,
    )


def _stock(r: Reading) -> bool:
    """How things stand, with no goal word: 我国有上亿市场主体; in a plan, 全区常住人口60.5万人.

    For a stock noun or a verb of having, only where the plan's period is all that gives a year: a deadline, a comparator, a change or a goal
    verb makes the same words a goal (到2030年，常住人口控制在2500万人以内).

    >>> from policykit.targets.classify import Reading
    >>> from policykit.targets.extract import extract_text
    >>> from policykit.targets.context import TargetContext
    >>> plan = TargetContext(reference_year=2023, period_end=2025)
    >>> [(t.indicator, t.kind) for t in extract_text("全区常住人口60.5万人，建成口袋公园10个。", context=plan, include_all=True)]
    [('常住人口', 'figure'), ('口袋公园', 'target')]
    """
    words = _words()
    if r.direction or r.future or r.context.goal or r.comparator_before or _has_target_verb(r.left):
        return False
    if r.rest.rstrip().endswith(words.existence_verbs):
        return True  # 我国有上亿市场主体，而且还在不断增加: what there is, with no goal word
    if not r.from_period or r.comparator:
        return False
    start = _segment_start_no_dun(r.text, r.quantity.start, r.sentence[0])  # 共有历史建筑200处、街坊30个
    return r.indicator in words.stock_nouns or bool(
        words.holding_verbs.search(r.text, start, r.quantity.start)
    )


def _goal(r: Reading) -> bool:
    """A deadline, a comparator, a direction, a goal section or a target verb: 到2025年…达到20家以上.

    >>> from policykit.targets.extract import explain
    >>> explain("到2025年，全区新型研发机构数量达到20家以上。")
    [('20家', 'target', 'sets a goal')]
    """
    return bool(
        r.year or r.comparator or r.direction or r.future or r.context.goal or _has_target_verb(r.left)
    )


RULES: tuple[tuple[str, TargetKind, Callable[[Reading], bool]], ...] = (
    ("never a target", "figure", _never_a_target),
    ("counts the document’s parts", "figure", _layout),
    ("states a rule", "figure", _rule),
    ("qualifies a noun", "figure", _qualifies),
    ("counts its list", "figure", _list_count),
    ("names what exists", "figure", _existing),
    ("an event coped with", "figure", _coped_with),
    ("describes the population", "figure", _population),
    ("frames a place", "figure", _frame),
    ("a duration with no bound", "figure", _unbounded_time),
    ("already achieved", "achieved", _reviewed),
    ("restates a change", "figure", _restates),
    ("the baseline of a change", "figure", _baseline),
    ("a forecast", "figure", _forecast),
    ("states a fact", "figure", _fact),
    ("states what the place has", "figure", _stock),
    ("sets a goal", "target", _goal),
)
"""The kind of a figure: the first rule that holds decides, in this order; none holding means 'figure'."""


def classify(reading: Reading) -> tuple[TargetKind, str]:
    """Return (kind, the name of the rule that decided it) for a quantity read in its sentence."""
    for name, kind, holds in RULES:
        if holds(reading):
            if kind == "target" and not reading.indicator:
                return "figure", "no indicator"
            return kind, name
    return "figure", "no goal"
