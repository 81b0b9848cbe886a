"""Tell targets from figures: the ordered RULES over a Reading, the first that holds decides (tests in predicates)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from policykit import pattern_cache
from policykit.model import TargetKind
from policykit.targets.context import TargetContext
from policykit.targets.indicator import (
    _SEGMENT_BOUNDARY,
    SPAN,
    _pos_cut,
    _segment_end,
    _segment_start_no_dun,
    _sized_category,
)
from policykit.targets.predicates import (
    _counts_its_list,
    _counts_layout,
    _describes_population,
    _first_in_sentence,
    _found_before,
    _frames_a_place,
    _has_target_verb,
    _is_cjk_noun_start,
    _measures_age,
    _names_what_exists,
    _part_in_brackets,
    _qualifier,
    _shortened_to,
    _states_a_condition,
    _states_a_fact,
    _states_a_rule,
)
from policykit.targets.results import (
    clause_reports_result,
    elapsed_in,
    level_with_its_growth,
    measured_against_goal,
    reports_progress,
    threshold_passed,
)
from policykit.targets.words import _words
from policykit.zh.numerals import Quantity

_YEAR = pattern_cache.compile(r"(?:19|20)\d\d年")
"""A year a sentence gives itself (2023年, 到2025年)."""
_STANDARD_REACH = 80
"""How far before an amount a standard it states or restates is looked for (the year that dates it, too)."""

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
    grant: str = ""  # what a per-unit rate is given as (按每张床位1万元给予一次性建设补助 → 一次性建设补助)
    implied_goal: bool = (
        False  # a plan's per-year amount (每年投运150辆), a red line held (守住18亿亩耕地红线)
    )


def _subsidy_rate(r: Reading) -> bool:
    """The rate of a subsidy, per unit it is paid for: 按每张床位1万元给予一次性建设补助 (named by what is given).

    >>> from policykit.targets.extract import explain
    >>> explain("对新建养老机构按每张床位1万元给予一次性建设补助。")
    [('1万元', 'figure', 'a subsidy rate')]
    """
    return bool(r.grant)


def _grant_cap(r: Reading) -> bool:
    """The most one award of a scheme pays: 给予最高1000万元支持, 每年最高补助30万元 (a rule of the scheme, no goal).

    >>> from policykit.targets.extract import explain
    >>> explain("到2027年，对新认定的示范企业给予最高50万元奖励。")
    [('50万元', 'figure', 'a grant cap')]
    >>> explain("到2027年，全市财政科技支出最高达到50亿元。")[0][1]
    'target'
    """
    if r.quantity.unit != "元" or r.comparator != "<=":
        return False
    words = _words()
    if not words.grant_cap.search(r.left):
        return False
    start = _segment_start_no_dun(r.text, r.quantity.start, r.sentence[0])
    return bool(
        words.grant_words.search(r.text, start, r.quantity.start)
        or words.grant_words.match(r.text, r.after_end)
    )


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
    if r.context.conditions and (r.comparator or r.quantity.upper is not None):
        return True  # 三、项目实施条件 / 1.单个库区可利用屋面总面积1500平方米以上: a threshold to meet
    if r.context.rules and r.year is None:
        return True  # 第十二条…单套建筑面积一般控制在60平方米以下: an article's bound is a standard, no dated goal
    if r.quantity.group == "time" and _counted_from_an_event(r.left):
        return True  # 事项发生后10个工作日内, 在收到办理结果3个工作日内: a time limit counted from an event
    if r.quantity.group == "time" and _words().procedure_limit.search(r.left.rstrip()):
        return True  # 应通过省系统在5个工作日内完成初审: a modal's time limit is the procedure's rule
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


def _counted_from_an_event(left: str) -> bool:
    """Whether a time limit's context names the event it counts from: ending in 后/之日起 (事项发生后), or
    opening with 在收到 (upon receiving it; 收到的投诉, the complaints received, names a thing).

    >>> _counted_from_an_event("事项发生后"), _counted_from_an_event("在收到业务属地的办理结果")
    (True, True)
    >>> _counted_from_an_event("收到的投诉办结时间缩短至")
    False
    """
    if left.rstrip().endswith(_words().event_start_words):
        return True
    left = left.lstrip()
    for opener in _words().event_openers:
        if left.startswith(opener):
            return not left.startswith("的", len(opener)) and not _has_target_verb(left)
    return False


def _standard_in_force(r: Reading) -> bool:
    """A standard a notice sets, in force from now: no goal, even under a dated title (关于印发2025年…标准的通知).

    >>> from policykit.targets.extract import explain
    >>> explain("全市城乡最低生活保障标准为每人每月1309元。")
    [('1309元', 'figure', 'a standard in force')]
    >>> explain("特困人员基本生活标准按本市最低生活保障标准的1.6倍确定。")
    [('1.6倍', 'figure', 'a standard in force')]
    >>> [kind for _, kind, _ in explain("农村特困人员基本生活标准每人每月分别为2413元、2512元。")]
    ['figure', 'figure']
    >>> explain("到2025年，城乡低保标准提高到每人每月1000元。")[0][1]
    'target'
    """
    if r.comparator or r.direction or r.future:
        return False
    near = max(r.sentence[0], r.quantity.start - _STANDARD_REACH)  # bounded: a long sentence stays linear
    stated = _words().standard_set.search(r.left)
    if stated is None and (r.quantity.group == "money" or r.quantity.unit == "倍"):
        # the sentence's later amounts restate or list it: …的1.5倍确定，为每人每月1963.5元; 分别为2413元、2512元
        stated = _words().standard_stated.search(r.text, near, r.quantity.start)
    # a goal verb between the standard and its amount (标准按…要求达到…的) makes it a goal; one inside
    # the standard's name (边缘家庭认定标准) does not
    if stated is None or _has_target_verb(stated.group()):
        return False
    # 2023年城乡低保标准为每人每月980元: the sentence dates it itself (a result, or a goal)
    return _YEAR.search(r.text, near, r.quantity.start) is None


def _request(r: Reading) -> bool:
    """What a letter reports someone asked for: 某市请求，由某集团合资，拟投资300亿元 (the asker's plan, no goal).

    >>> from policykit.targets.extract import explain
    >>> explain("某市请求支持港口建设，拟投资300亿元。")
    [('300亿元', 'figure', 'a request reported')]
    """
    return _found_before(_words().request_verbs, r.text, r.sentence[0], r.quantity.start, r.sentence[1])


def _deferred(r: Reading) -> bool:
    """A project put off for study or refused: 投资新建年产130根能力的项目需审慎研究 (no goal of the issuer).

    >>> from policykit.targets.extract import explain
    >>> explain("投资新建年产100台能力的项目需审慎研究。", year=2099)[0][1:]
    ('figure', 'a project deferred')
    >>> explain("到2099年，新建年产100台能力的项目2个。")[-1][1:]
    ('target', 'sets a goal')
    """
    words = _words()
    end = _segment_end(r.text, r.after_end, r.sentence[1])
    if words.deferral_words.search(r.text, r.after_end, end):
        return True
    # …年产130根能力的项目，需审慎研究: the next clause is only the deferral
    return bool(words.deferral_clause.match(r.text, end))


def _step_rate(r: Reading) -> bool:
    """What each step a rule counts by gives: 每多缴纳1年可减少1个月等待期 (a rule, no amount to reach).

    >>> from policykit.targets.extract import explain
    >>> explain("未连续参保的，每多缴纳1年可减少1个月等待期。")
    [('1个月', 'figure', 'a rate per step')]
    """
    step = r.preceding
    if step is None:
        return False
    start = _segment_start_no_dun(r.text, r.quantity.start, r.sentence[0])
    return step.start >= start and bool(_words().step_words.search(r.text, start, step.start))


def _year_count(r: Reading) -> bool:
    """A count of years: 享受相应的2个年度待遇, 连续3个会计年度 (a span, never an amount to reach).

    >>> from policykit.targets.extract import explain
    >>> explain("到2030年，参保满2个年度的居民享受待遇。")
    [('2个', 'figure', 'a count of years')]
    """
    if r.quantity.group != "count" or r.quantity.written_unit != "个":
        return False  # 建立150项年度任务清单: 年度 describes the tasks counted, not a span
    return r.text.startswith(_words().year_count_nouns, r.quantity.end)


def _eligibility_window(r: Reading) -> bool:
    """A time since an event that picks out who may apply: 出生90天内且已办理出生登记的婴儿, 毕业2年内的高校毕业生.

    >>> from policykit.targets.extract import explain
    >>> explain("（二）出生90天内且已办理出生登记的婴儿。")
    [('90天', 'figure', 'an eligibility window')]
    >>> explain("到2027年，新生儿访视在出生后7天内完成。")[0][1]
    'figure'
    """
    if r.quantity.group != "time" or not r.comparator:
        return False
    if not (
        r.left.rstrip().endswith(_words().since_event_end)
        or r.rest.rstrip().endswith(_words().since_event_end)
    ):
        return False
    return "的" in r.text[r.after_end : _segment_end(r.text, r.after_end, r.sentence[1])]


def _qualifies(r: Reading) -> bool:
    """A number that qualifies a noun or states a condition: 投资2000万元以上的技改项目.

    >>> from policykit.targets.extract import explain
    >>> explain("今年实施投资2000万元以上的技改项目3000个。", year=2025)
    [('2000万元', 'figure', 'qualifies a noun'), ('3000个', 'target', 'sets a goal')]
    """
    words = _words()
    if r.text.startswith("的", r.after_end) and words.level_noun_after.match(r.text, r.after_end + 1):
        return False  # 失业率稳定在5%左右的较低水平: the level the indicator stands at, no noun described
    if r.quantity.unit == "%" and words.share_use.match(r.text, r.after_end) and not _in_recipients_clause(r):
        return False  # 将不低于55%的福利彩票公益金用于养老服务: the share of a fund spent so
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
    if _sorts_by_amount(r):
        return True  # 在100万元以下的小型工程项目由建设单位申报: the amount sorts the projects
    if (r.comparator or r.quantity.upper is not None) and r.text.startswith(words.band_after, r.after_end):
        return True  # 考核得分90分以上的为优秀等次: a band of a grading scheme
    if r.text.startswith("的", r.after_end) and _for_recipients(r):
        return True  # 对新建日加氢能力500公斤及以上的加氢站，给予…: who the measure is for
    if r.after_end > r.quantity.end and r.text.startswith("的", r.after_end) and not _has_target_verb(r.left):
        tail = _pos_cut(r.rest[-SPAN:]) if r.rest.strip() else []
        if tail and (tail[-1][1].startswith("n") or words.money_nouns.fullmatch(tail[-1][0])):
            # 涉粉作业人数30人以上的金属粉尘企业, 年营业收入2000万元以下的小微企业 (jieba tags 收入 a verb):
            # a noun's bound picks out the firms
            return True
    return _qualifier(r.text, r.quantity, r.after_end, r.comparator_before, r.following, r.preceding)


def _sorts_by_amount(r: Reading) -> bool:
    """An amount bound or range right before the noun it sorts (在100万元以下的小型工程项目, 50万元至100万元项目),
    with no verb that sets a goal before it: the scope of a procedure, not a sum to reach.

    >>> from policykit.targets.extract import explain
    >>> explain("（1）在200万元以下的小型建设工程项目由建设单位申报。", year=2099)[0][1]
    'figure'
    >>> explain("（2）80万元至200万元项目由镇政府审核。", year=2099)[0][1]
    'figure'
    >>> explain("今年新增投资1000万元以上的项目20个。", year=2099)[1][1]
    'target'
    """
    words = _words()
    bound_after = r.comparator is not None and r.comparator_before is None  # 100万元以下, not 从不到70万亿元
    if r.quantity.group != "money" or not (bound_after or r.quantity.upper is not None):
        return False
    noun_at = r.after_end + 1 if r.text.startswith("的", r.after_end) else r.after_end
    if r.text.startswith((*words.increase, *words.decrease), noun_at) or words.level_change.match(
        r.text, noun_at
    ):
        return False  # 从80万元至100万元提高到…: a change follows, no noun
    return _is_cjk_noun_start(r.text, noun_at) and not _has_target_verb(r.left)


def _for_recipients(r: Reading) -> bool:
    """A size in a clause that names who a measure is for: 对…500公斤及以上的加氢站，给予…, 凡…的企业. A count or
    a share there may be the task's own (对200个以上的小区实施改造, 对80%以上的行政村实现覆盖) unless a grant follows
    (对研发投入占比30%以上的企业给予奖励)."""
    if not _in_recipients_clause(r):
        return False
    sized = r.quantity.group in ("measure", "money", "score")
    return sized or bool(_words().grant_words.search(r.text, r.after_end, r.sentence[1]))


def _in_recipients_clause(r: Reading) -> bool:
    """The figure's clause opens with 对/对于/凡: it names who a measure is for."""
    words = _words()
    start = _segment_start_no_dun(r.text, r.quantity.start, r.sentence[0])
    opens = r.text.startswith(words.recipient_openers, start)
    return opens and not r.text.startswith(words.not_recipient_openers, start)


def _weight(r: Reading) -> bool:
    """The weight of an item in an assessment: 指标测评占60分, 权重占5% (the scheme's design, no goal).

    >>> from policykit.targets.extract import explain
    >>> explain("考核实行百分制，其中指标测评占60分、企业满意度调查占30分。", year=2026)[0][1:]
    ('figure', 'a weight in an assessment')
    >>> explain("考核结果纳入综合考核，权重占5%。", year=2026)[0][1:]
    ('figure', 'a weight in an assessment')
    >>> explain("到2026年，企业满意度达到90分以上。")[0][1:]
    ('target', 'sets a goal')
    >>> [kind for _, kind, _ in explain("每发现一起扣2分；年度考核总分为100分，其中基础分80分。", year=2026)]
    ['figure', 'figure', 'figure']
    >>> explain("到2026年，综合评价总分达到90分以上。")[0][1:]
    ('target', 'sets a goal')
    """
    words = _words()
    if r.comparator or r.direction or _has_target_verb(r.left):
        return False  # 综合评价总分达到90分以上: a goal set on the score
    if r.quantity.unit == "分" and r.left.rstrip().endswith(words.weight_verbs):
        return True
    start = _segment_start_no_dun(r.text, r.quantity.start, r.sentence[0])
    return bool(words.weight_words.search(r.text, start, r.quantity.start))


def _draws_a_radius(r: Reading) -> bool:
    """A distance or time with 内 before a noun whose own value follows in the clause: 50米内换乘比例提高到86%.

    >>> from policykit.targets.extract import explain
    >>> [rule for _, _, rule in explain("去年，50米内换乘比例提高到86%。", year=2024)][0]
    'qualifies a noun'
    >>> [rule for _, _, rule in explain("到2025年，基本实现2小时内到达。")][0] != "qualifies a noun"
    True
    >>> [kind for _, kind, _ in explain("完成6个地铁站点80米公交接驳站点改造。", year=2099)]
    ['figure', 'figure']
    >>> [kind for _, kind, _ in explain("到2099年，新建地铁站点80个。")]
    ['target']
    """
    words = _words()
    later = r.following
    if r.quantity.group not in ("measure", "time"):
        return False
    noun_at = r.after_end
    ranged = next((word for word in words.radius_ranges if r.text.startswith(word, r.quantity.end)), "")
    if ranged:
        noun_at = r.quantity.end + len(ranged)  # 站点100米范围内公交配套服务占比: 范围内 is a radius like 内
    elif (
        r.quantity.written_unit in words.radius_units
        and r.quantity.start == r.after_end - len(r.quantity.raw)
        and r.left.endswith(words.radius_places)
    ):
        return _is_cjk_noun_start(
            r.text, noun_at
        )  # 完成4个站点50米公交配套站点改造: the stops near the station
    elif r.text[r.quantity.end : r.after_end].strip() not in words.radius_bounds:
        return False
    if not _is_cjk_noun_start(r.text, noun_at):
        return False
    if r.quantity.group == "measure" and r.comparator_before is None:
        return True  # 站点周边50米内配套公交设施建设: the distance bounds where the noun is, whatever follows
    between = r.text[noun_at : later.start] if later is not None else ""
    return later is not None and not any(c in _SEGMENT_BOUNDARY for c in between)


_FREQUENCY_GAP = 4
"""The most characters between a period and the count of times in it: 10天完成1次, 每3个月开展1次."""


def _frequency(r: Reading) -> bool:
    """How often something is done: 保洁频率提升至10天完成1次全线冲洗 (once in ten days, no count to reach).

    >>> from policykit.targets.extract import explain
    >>> explain("到2025年，10天完成1次全线冲洗，全年开展巡查3次。")[1:]
    [('1次', 'figure', 'a frequency'), ('3次', 'target', 'sets a goal')]
    """
    before = r.preceding
    if r.quantity.written_unit not in _words().frequency_units or before is None or before.group != "time":
        return False
    between = r.text[before.end : r.quantity.start]
    return len(between) <= _FREQUENCY_GAP and not any(c in _SEGMENT_BOUNDARY for c in between)


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
    """A 以…为 frame that describes a place (打造以杨浦滨江15.6平方公里滨水区域为核心的示范区), or a 针对…的 one that
    names what a measure is fitted to (针对5个老旧片区的不同特点), or a bracket naming a part (含…1座).

    >>> from policykit.targets.extract import explain
    >>> explain("打造以杨浦滨江15.6平方公里滨水区域为核心的示范区。")
    [('15.6平方公里', 'figure', 'frames a place')]
    """
    start = _segment_start_no_dun(r.text, r.quantity.start, r.sentence[0])
    if (
        r.text.startswith(_words().aim_openers, start)
        and "的" in r.text[r.after_end : _segment_end(r.text, r.after_end, r.sentence[1])]
    ):
        return True  # 针对范围内5个老旧居住片区的不同特点: what the measure is fitted to
    if _part_in_brackets(r.text, r.quantity.start, r.sentence[0]):
        return True  # 7座水闸（含东滩二期水闸1座）: a part of the count before, in brackets
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


def _explains_a_goal(r: Reading) -> bool:
    """A figure that explains a goal, not one: the condition of a consequence (有6%－7%的增速就能够实现充分就业)
    or the gap between this year's goal and last year's (就业预期目标比去年多20万人).

    >>> from policykit.targets.extract import explain
    >>> explain("稳增长是为了保就业，有6%－7%的增速就能够实现比较充分的就业。", year=2098)[0][1:]
    ('figure', 'explains a goal')
    >>> explain("城镇新增就业预期目标比去年多20万人。", year=2098)[0][1:]
    ('figure', 'explains a goal')
    >>> explain("今年城镇新增就业比去年多20万人。", year=2098)[0][1:]
    ('target', 'sets a goal')
    >>> explain("提出今年地区生产总值增长6%左右的目标，综合考虑了需要和可能。", year=2098)[0][1:]
    ('figure', 'explains a goal')
    >>> explain("今年提出地区生产总值增长6%左右的目标。", year=2098)[0][1]
    'target'
    """
    words = _words()
    change = words.change_of_level.search(r.left)
    if change and r.left[: change.start()].rstrip().endswith(tuple(words.goal_nouns)):
        return True
    start = max(r.sentence[0], r.quantity.start - _STANDARD_REACH)
    head = ("" if start == r.sentence[0] else "…") + r.text[
        start : r.quantity.start
    ]  # … : no clause starts there
    reason_end = min(r.sentence[1], r.after_end + _STANDARD_REACH)
    if words.goal_restated.search(head) and words.goal_reason.match(r.text, r.after_end, reason_end):
        return True  # 提出今年国内生产总值增长8%左右的目标，综合考虑了…: the goal restated to explain it
    if not r.left.lstrip().startswith(words.condition_openers):
        return False
    end = _segment_end(r.text, r.after_end, r.sentence[1])
    return bool(words.condition_consequents.search(r.text, r.after_end, end))


_GOAL_AFTER = pattern_cache.compile(r"[^，,；;。]{0,30}?(?:目标|任务)")


def _missed(r: Reading) -> bool:
    """A goal a review says was not reached (没有实现年初确定的…降低3%左右的目标): restated, not the result.

    >>> from policykit.targets.extract import explain
    >>> explain("全省没有实现年初确定的能耗降低3%左右的目标。", year=2098)[0][1:]
    ('figure', 'a goal missed')
    >>> explain("全省实现了年初确定的能耗降低3%左右的目标。", year=2098)[0][1] != "figure"
    True
    """
    before = r.text[max(r.sentence[0], r.quantity.start - _STANDARD_REACH) : r.quantity.start]
    return bool(_words().missed_goal.search(before)) and bool(_GOAL_AFTER.match(r.text, r.after_end))


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
    changed = words.baseline.match(r.text, r.after_end, end)
    if changed and r.quantity.group == "count" and not words.baseline_head.search(r.rest.rstrip()):
        gap = r.text[r.after_end : changed.end()]
        if _is_cjk_noun_start(r.text, r.after_end) and "的" not in gap:
            # 实现12个排水系统提高到3年一遇: the count is of what is raised, no level raised from
            return False
    if r.baseline_in_list or changed:
        return True
    if r.text.startswith(words.baseline_after, r.after_end):
        return True  # 在生均财政拨款水平达到12000元的基础上，逐步提高: the level built on
    if not words.baseline_head.search(r.rest.rstrip()):
        return False
    # 从15个县（市）扩大到57个县（市）: 从 opens the baseline; the change to a level follows in its clause, or
    # just after a comma (由8万吨/天，提高至15万吨/天)
    start = r.after_end + 1 if r.text[r.after_end : r.after_end + 1] in ("，", ",") else r.after_end
    clause_end = min(r.sentence[1], start + SPAN)
    for mark in "，,；;。":
        found = r.text.find(mark, start, clause_end)
        clause_end = found if found != -1 else clause_end
    level = words.level_change.search(r.text, start, clause_end)
    return level is not None and level.start() - start <= 12


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


def _reported_result(r: Reading) -> bool:
    """A result as statistics report it: progress on a goal, a level with its growth, a threshold passed.

    >>> from policykit.targets.extract import explain
    >>> explain("前十个月，全区城镇新增就业3200人，完成全年目标的88.5%。")[1:]
    [('3200人', 'achieved', 'reports a result'), ('88.5%', 'achieved', 'reports a result')]
    """
    settled = next((w for w in _words().settled_words if r.text.startswith(w, r.after_end)), "")
    if settled and not (
        r.quantity.group == "count" and _is_cjk_noun_start(r.text, r.after_end + len(settled))
    ):
        # 共计18.5平方公里已完成达标评估: 已 right after the amount says it is done, even in a goal section (not
        # 5000个已建成自然村, which counts a kind of village)
        return True
    if r.context.goal or (
        r.future and r.context.reference_year is not None and r.clause_year == r.context.reference_year
    ):
        return False  # a goal section, or a plan for this year: its 完成全年目标的… is a goal, its levels are due
    if measured_against_goal(r.text, r.quantity, r.sentence[1]):
        return True  # 上半年2.5%的增速与…预期目标仍有差距: the figure measured, not the goal
    undated = r.context.reference_year is None and r.context.title_year is None
    if undated and elapsed_in(r.text, r.sentence, _words().future_markers):
        return True  # 上半年，四省增速分别是2%、1.6%… in a report of no year: that half-year is over
    if undated and clause_reports_result(r.text, r.sentence, r.quantity, _words().future_markers):
        return True  # 过去两年，平均增速只有5.1%: a result, though the sentence goes on to a goal
    return (
        reports_progress(r.text, r.sentence, r.quantity)
        or level_with_its_growth(r.text, r.sentence, r.quantity)
        or threshold_passed(r.text, r.sentence, r.quantity)
    )


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
        r.year
        or r.comparator
        or r.direction
        or r.future
        or r.context.goal
        or r.implied_goal
        or _has_target_verb(r.left)
    )


RULES: tuple[tuple[str, TargetKind, Callable[[Reading], bool]], ...] = (
    ("a subsidy rate", "figure", _subsidy_rate),
    ("a count of years", "figure", _year_count),
    ("a request reported", "figure", _request),
    ("a project deferred", "figure", _deferred),
    ("a grant cap", "figure", _grant_cap),
    ("never a target", "figure", _never_a_target),
    ("counts the document’s parts", "figure", _layout),
    ("states a rule", "figure", _rule),
    ("a standard in force", "figure", _standard_in_force),
    ("a rate per step", "figure", _step_rate),
    ("a weight in an assessment", "figure", _weight),
    ("qualifies a noun", "figure", _qualifies),
    ("an eligibility window", "figure", _eligibility_window),
    ("counts its list", "figure", _list_count),
    ("names what exists", "figure", _existing),
    ("an event coped with", "figure", _coped_with),
    ("describes the population", "figure", _population),
    ("frames a place", "figure", _frame),
    ("a duration with no bound", "figure", _unbounded_time),
    ("a frequency", "figure", _frequency),
    ("explains a goal", "figure", _explains_a_goal),
    ("a goal missed", "figure", _missed),
    ("already achieved", "achieved", _reviewed),
    ("reports a result", "achieved", _reported_result),
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
