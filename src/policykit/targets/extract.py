"""Read the targets of a text: split sentences, find indicators, classify each figure (targets.document walks a tree)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache

from policykit import pattern_cache
from policykit.model import Target, TargetKind
from policykit.targets.classify import Reading, classify
from policykit.targets.context import TargetContext
from policykit.targets.deadlines import (
    _deadlines,
    _past_year_opening,
)
from policykit.targets.indicator import (
    _LEADING_NOTE,
    _NUMERAL_CHARS,
    SPAN,
    _after_comparator,
    _described_count,
    _is_bare_verb,
    _left_phrase,
    _noun_before_verb,
    _object_of,
    _only_attributes,
    _past_abbreviation,
    _right_indicator,
    _segment_end,
    _segment_end_no_dun,
    _segment_start,
    _sentences,
    _strip_linking,
    _without_change_verb,
)
from policykit.targets.lists import _distributed, _doubled_names, _list_marks, _listed_changes, _shared_names
from policykit.targets.naming import (
    _BRACKETED_END,
    _BRACKETED_NOUN,
    _a_share_without_subject,
    _before_baseline,
    _beneficiaries,
    _changed_before,
    _changing_before,
    _granted,
    _left_phrase_bracketed,
    _level_before,
    _multiple_of_base,
    _named_after,
    _object_before,
    _relative_bound,
    _share_of_places,
    _short_list_end,
    _subject_of_sibling,
    _with_implied_unit,
    _with_list_units,
    _with_subject_of,
)
from policykit.targets.periods import RESET, looking_back, review_opening
from policykit.targets.predicates import _eligible, _in_a_word, _is_cjk_noun_start
from policykit.targets.results import signed_negative
from policykit.targets.words import _words
from policykit.targets.years import _past_scope_year, _target_since, _years_of_figure
from policykit.zh.dates import dates
from policykit.zh.numerals import Quantity, find_quantities, hide_separators
from policykit.zh.traditional import fold_traditional


@dataclass(frozen=True)
class _Found:
    """A quantity read in its sentence, before it becomes a Target."""

    quantity: Quantity
    sentence: tuple[int, int]
    indicator: str
    comparator: str | None
    direction: str | None
    year: int | None
    kind: TargetKind
    rule: str = ""  # the name of the rule that decided the kind (classify.RULES)
    since: int | None = None  # the first year of a figure over several years


_CAPPED_GRANT = pattern_cache.compile(r"(?:每[\u4e00-\u9fff]{1,3}?)*(?:最高|最多)?$")


_CLAUSE_BREAK = pattern_cache.compile("[，,；;]")
_SCOPE = pattern_cache.compile(r"([^，,；;。]{2,24})中[，,]")
_ALTERNATIVE_UNIT = pattern_cache.compile(r"[（(][\u4e00-\u9fff]{1,2}[）)]")


def _marks_a_result(sentence: str, markers: re.Pattern[str] | None = None) -> bool:
    """Tell whether a sentence holds a marker of a result (已建成, 截至, 现有), ignoring one a goal verb governs.

    >>> _marks_a_result("全区现有充电桩8000台"), _marks_a_result("改扩建现有20个中央储备库")
    (True, False)
    >>> _marks_a_result("改造提升超5000个已建成自然村的生活污水治理设施")
    False
    >>> _marks_a_result("培育链主企业3家；对首次取得型号合格证的整机企业，给予奖励")
    False
    """
    words = _words()
    for hit in (markers or words.achieved_markers).finditer(sentence):
        floor = max(0, hit.start() - SPAN)
        segment = max(sentence.rfind(mark, floor, hit.start()) for mark in "，,；;：:")
        if words.target_verbs.search(sentence, max(segment + 1, floor), hit.start()):
            continue
        clause = sentence[max(segment + 1, floor) :]
        opens = clause.startswith(words.recipient_openers) and not clause.startswith(
            words.not_recipient_openers
        )
        if opens and "的" in _CLAUSE_BREAK.split(clause, 1)[0]:
            continue  # 对首次取得型号合格证的企业，给予…: the marker describes who is rewarded
        return True
    return False


_YEAR_WRITTEN = pattern_cache.compile(r"(\d{4})年")
_FISCAL_YEAR = pattern_cache.compile(r"\d{4}\s{0,2}年度")


_ZERO_SHARE = pattern_cache.compile(r"(?:比例|比重|占比|率)(?:为|降为|降至|降到|保持为|控制为)$")


def _zero_share(text: str, quantity: Quantity) -> Quantity:
    """A bare 0 a share is set to (劣Ⅴ类水体比例为0) is 0 %: a share of nothing needs no unit written.

    >>> _zero_share("劣Ⅴ类水体比例为0", find_quantities("劣Ⅴ类水体比例为0")[0]).unit
    '%'
    """
    if quantity.unit or quantity.value != 0 or not _ZERO_SHARE.search(text, 0, quantity.start):
        return quantity
    return replace(quantity, unit="%", written_unit="%", group="percent")


def _own_deadlines(sentence: str, context: TargetContext) -> list[tuple[int, int]]:
    """The deadlines a sentence sets; in a notice to the public, a 年度 it names is the year its rule applies to,
    unless the sentence looks ahead (2099年度参保率力争达到95%).

    >>> _own_deadlines("2099年度个人缴费标准为每人每年400元", TargetContext(notice=True))
    []
    >>> _own_deadlines("到2099年，参保率达到95%", TargetContext(notice=True))
    [(0, 2099)]
    >>> _own_deadlines("2099年度参保率力争达到95%", TargetContext(notice=True))
    [(0, 2099)]
    """
    found = _deadlines(sentence, context.reference_year)
    if not context.notice or _looks_ahead(sentence):
        return found
    return [(at, year) for at, year in found if not _FISCAL_YEAR.match(sentence, at)]


def _clause_reports(text: str, start: int, stop: int, reference: int | None) -> bool:
    """Tell whether the clause before a figure reports a result: 2023年为86.5%, 目前已达到98.2% (in an evaluation,
    beside a goal's deadline in the same sentence: 规划目标为90%，2023年为86.5%，预计到2025年可如期实现).

    >>> _clause_reports("目标为90%，2023年为86.5%", 7, 13, 2024), _clause_reports("到2025年达到100%", 0, 9, 2024)
    (True, False)
    """
    clause = text[start:stop]
    if _deadlines(clause, reference):
        return False
    years = [int(hit.group(1)) for hit in _YEAR_WRITTEN.finditer(clause)]
    if years and reference is not None and all(year < reference for year in years):
        return True
    return _marks_a_result(clause)


def _looks_ahead(sentence: str) -> bool:
    """Tell whether a sentence speaks of the future (到2025年, 力争, 今年), ignoring 截至2025年 (a review)."""
    words = _words()
    for hit in words.future_markers.finditer(sentence):
        if not sentence.endswith(words.not_future_after, 0, hit.start()):
            return True
    return False


def _held_line(text: str, left: str, quantity: Quantity, after_end: int, end: int) -> str:
    """The red line an area is held as (守住18亿亩耕地红线 → 耕地红线): a goal wherever it stands, its comparator
    left unwritten as the text leaves it; "" for anything else, or a cap in another unit (用水总量控制红线).

    >>> text = "严守300万亩永久基本农田保护红线"
    >>> q = find_quantities(text)[0]
    >>> _held_line(text, "严守", q, q.end, len(text)), _held_line(text, "划定", q, q.end, len(text))
    ('永久基本农田保护红线', '')
    """
    words = _words()
    if quantity.unit not in words.floor_area_units or not left.rstrip().endswith(words.hold_verbs):
        return ""
    name = text[after_end : _segment_end(text, after_end, end)].strip()
    return name if name.endswith(words.floor_lines) and len(name) <= SPAN else ""


def _acts_on_a_count(text: str, left: str, after_end: int) -> bool:
    """Tell whether a verb of improving before a count has the counted things as its object: 缓拥堵提升15个点位
    (15 places improved), not 就业岗位增加1000个 (a stock grown by 1000) nor 提高3个百分点."""
    return _is_cjk_noun_start(text, after_end) and left.rstrip().endswith(_words().improve_verbs)


def _names_nothing(indicator: str) -> bool:
    """Tell whether an indicator is only words of counting and doing (累计改造新增, 新增): it names no thing."""
    residue = indicator
    for word in _words().keep_head:
        residue = residue.replace(word, "")
    return not residue or _is_bare_verb(residue)


def _carried_direction(indicator: str, rest: str, quantity: Quantity, before: _Found) -> str | None:
    """The change verb a clause without a verb of its own takes from the clause before it.

    规上工业增加值增长6%，服务业增加值8%: 8% is a growth too. A level (湿地保护率55%, 失业率5.5%左右) or a
    change noun (涨幅3%) after a growth is no growth, so a name that measures or changes itself keeps none.
    """
    words = _words()
    if before.direction is None or quantity.unit != "%" or before.quantity.unit != "%":
        return None
    if rest.strip() != indicator or indicator.endswith((*words.measure_ends, *words.change_nouns)):
        return None
    return before.direction


def _changes_of_figures(
    text: str, rest: str, quantities: list[Quantity], number: int, found: list[_Found]
) -> dict[int, str]:
    """For the first value of a 分别 list with no names but a comparison (同比, 比上年), the figure each value
    changes: 营业收入4280亿元、利润总额236亿元，同比分别增长7.2%和9.5% → 营业收入, 利润总额.

    The figures are the last ones read in the sentence, one per value of the list; {} when there are too few.
    """
    words = _words()
    head = rest.strip()
    if not head or not (head in words.period_comparisons or words.compared.fullmatch(head)):
        return {}
    listed = [quantities[number]]
    for later in quantities[number + 1 :]:
        if not words.list_joiners.fullmatch(text[listed[-1].end : later.start].strip()):
            break
        listed.append(later)
    figures: list[tuple[Quantity, str]] = []
    for figure in found:
        if not figures or figures[-1][0] is not figure.quantity:
            figures.append((figure.quantity, figure.indicator))
    if len(listed) < 2 or len(figures) < len(listed):
        return {}
    names = [name for _, name in figures[-len(listed) :]]
    if not all(names):
        return {}
    return {value.start: name for value, name in zip(listed, names, strict=True)}


def _read_sentence(
    text: str,
    span: tuple[int, int],
    quantities: list[Quantity],
    context: TargetContext,
    clause_year: int | None,
    review: tuple[int, int] | None = None,
) -> list[_Found]:
    words = _words()
    s_start, s_end = span
    sentence = text[s_start:s_end]
    deadlines = [(s_start + offset, year) for offset, year in _own_deadlines(sentence, context)]
    future = _looks_ahead(sentence)
    reference = context.reference_year
    # a task list for this year or later (2025年重点工作): 取得/实现 there are plans, not results
    ahead = clause_year is not None and reference is not None and clause_year >= reference
    settled = ahead and _marks_a_result(sentence, words.settled_markers)  # 人口已达2.5亿 among the tasks
    goal_ahead = context.evaluation and reference is not None and any(y >= reference for _, y in deadlines)
    achieved = (context.achieved and not goal_ahead) or (
        _marks_a_result(sentence) and not future and (settled or not ahead)
    )
    if deadlines and reference is not None and all(year < reference for _, year in deadlines):
        achieved = True  # 截至2025年底… or “十四五”期间累计… in a plan for 2026: a review inside the plan
    elif not deadlines and not future and clause_year is not None and reference is not None:
        achieved = (
            achieved or clause_year < reference
        )  # “十三五”时期，…。粮食产量连续保持在…: that period is over
    opening = _past_year_opening(sentence) or _past_scope_year(sentence, reference)
    own_year = context.reference_year or context.title_year  # 2024年，… in a 2025年工作方案 reviews
    if opening and own_year and opening < own_year and not future:
        achieved = True
    forecast = not any(sentence[d - s_start : d - s_start + 1] in "到至" for d, _ in deadlines)
    found: list[_Found] = []
    previous_indicator = ""
    shared: list[str] = []
    forecasting = False
    compared_names: dict[int, str] = {}  # the figure each value of a 同比分别 list changes
    deadline_starts = [offset for offset, _ in deadlines]
    list_marks = _list_marks(text, s_start, s_end)
    per_years = list(words.per_year.finditer(text, s_start, s_end))

    def yearly(start: int) -> bool:
        """A per-year word governs the figure at `start`: before it in its clause. In a plan, 年均 states a goal
        over the period (工业投资年均增长10%以上), due at its end; 每年/逐年 a figure with no deadline. In a
        review any per-year word before the figure keeps it from the period's end, as it always did."""
        review = achieved or context.review is not None
        return any(
            hit.end() <= start
            and (
                review
                or (
                    not _CLAUSE_BREAK.search(text, hit.end(), start)
                    and hit.group() not in words.period_average
                )
            )
            for hit in per_years
        )

    quantities = _with_list_units(text, quantities, s_start, s_end)
    for number, quantity in enumerate(quantities):
        quantity, implied_noun = _with_implied_unit(text, quantity, s_end)
        verdict = _eligible(quantity, text, quantity.start, quantity.end)
        if verdict == "drop":
            continue
        following = quantities[number + 1] if number + 1 < len(quantities) else None
        preceding = quantities[number - 1] if number else None
        seg_start = _segment_start(text, quantity.start, s_start)
        bracket = _BRACKETED_END.search(text, max(s_start, quantity.start - 10), quantity.start)
        if bracket and seg_start > bracket.start():
            # 文明实践中心（所、站）2.8万个: the bracket is part of the noun, not a boundary
            seg_start = _segment_start(text, bracket.start(), s_start)
        seg_start = _past_abbreviation(text, seg_start, s_start)
        left = text[seg_start : quantity.start]
        comparator_after, after_end = _after_comparator(text, quantity.end)
        alternative = _ALTERNATIVE_UNIT.match(text, after_end)
        if alternative:
            after_end = alternative.end()  # 超100条（个）幸福河湖: the unit's alternative is not the noun
        rest, comparator, direction = _strip_linking(left.rstrip(" \t\u3000"))  # 涨幅在 2%以内
        if quantity.written_unit == "倍" and rest.rstrip().endswith("的"):
            # 上市公司数量增至开市时的近三倍: the multiple is of 开市时; what grew is named before 增至
            changes = list(words.level_change.finditer(rest))
            if changes:
                rest = rest[: changes[-1].start()]
        share = quantity.written_unit in ("倍", "%")
        relative = _relative_bound(rest, share) if comparator is None else None
        if relative is not None:
            rest, comparator = relative  # 标准不低于当地低保标准的1.6倍: the bound is on what comes first
        elif comparator is None and share:
            rest = (
                _multiple_of_base(rest) or rest
            )  # 生活费标准按本市最低工资标准的1.2倍: the subject before 按
        if (
            comparator == "<="
            and quantity.group == "measure"
            and left.rstrip().endswith(words.superlatives)
            and _is_cjk_noun_start(text, after_end)
        ):
            comparator = None  # 全球最高10米液压支架: 最高 before the size of a thing is a record, not a cap
        if (
            comparator == ">"
            and quantity.group == "count"
            and left.rstrip().endswith(words.object_verbs)
            and _is_cjk_noun_start(text, after_end)
        ):
            comparator = None  # 突破百项关键技术: a breakthrough in each of them, not more than a hundred
        comparator_before = comparator
        comparator = comparator or comparator_after
        if comparator_after == "~" and left.rstrip().endswith(words.kept_at):
            comparator = "~"  # 政府负债率控制在50%左右: 控制在 holds it there, 左右 says how near
        if comparator is None and quantity.vague:
            comparator = ">"
        if quantity.upper is not None:
            comparator = None
        # 分别 lists: 甲、乙、丙分别达到1500家、1200家和13家
        indicator = ""
        baseline_in_list, governing = False, ""
        one_value: tuple[str, ...] = ()
        distribute = _distributed(text, quantity, list_marks, quantities)
        if distribute is not None:
            names, index, extra_comparator, extra_direction, baseline_in_list, listed_at, values = distribute
            governing = text[
                listed_at : min(quantity.start, listed_at + SPAN)
            ]  # 分别达到…: 达到 governs every value
            if len(names) > index:
                indicator = names[index]
            if values == 1 and not baseline_in_list:
                one_value = tuple(names)  # 甲、乙排放量分别下降2%: one value, each name changes by it
            comparator = comparator or extra_comparator
            direction = direction or extra_direction
            shared = names
        elif not rest.strip() and shared:
            indicator = ""
        if distribute is None and "分别" in left and quantity.start not in compared_names:
            compared_names.update(_changes_of_figures(text, rest, quantities, number, found))
        indicator = compared_names.get(quantity.start, indicator)
        if not indicator:
            # 35个（受益面积12万亩）低洼圩区: the noun comes after the note in brackets
            note = _LEADING_NOTE.match(text, after_end)
            right_start, retry_at = note.end() if note else after_end, None
            right_end = _segment_end(text, right_start, s_end)
            described_end = _segment_end_no_dun(text, right_end, s_end)
            stretch = text[after_end:described_end]
            listed_kind = _short_list_end(stretch)
            if listed_kind is not None:
                # 为超20000名视力、听力、肢体等残疾儿童: the kind after 等 is what the count counts
                right_start = after_end + listed_kind + 1
                right_end = _segment_end(text, right_start, s_end)
            elif "的" in text[right_end:described_end]:
                # 10个左右有条件、有基础、规模适当的城市: the noun after the last 的
                right_end = described_end
            elif text[right_end : right_end + 1] == "、" and _only_attributes(text[after_end:right_end]):
                # 3万亩旱涝保收、高产稳产示范牧场: the qualities share the noun after the last of them
                right_start, right_end = text.rfind("、", right_end, described_end) + 1, described_end
            elif (
                text[right_end : right_end + 1] == "、"
                and text[right_end - 1] in _words().shared_noun_modifiers
                and not _NUMERAL_CHARS & set(text[after_end:right_end])
            ):
                # 100个以上行业级、场景级大模型: the modifiers share the noun after the last one
                right_start, right_end = text.rfind("、", right_end, described_end) + 1, described_end
                suffix = next(
                    (i for i in range(right_start, right_end) if text[i] in _words().shared_noun_modifiers),
                    None,
                )
                retry_at = suffix + 1 if suffix is not None else None
            enumerated = rest.rstrip().endswith("等")
            right = (
                _right_indicator(text[right_start:right_end], enumerated) if right_end > right_start else ""
            )
            if listed_kind is not None and right:
                right = _noun_before_verb(right)  # 等残疾儿童免费提供…: the kind, not what is done for it
            if not right and retry_at is not None:
                right = _right_indicator(text[retry_at:right_end], enumerated)  # 半侵入式脑机接口产品
            bracketed = _BRACKETED_NOUN.match(text, right_start)
            if bracketed and right_end == bracketed.start(1):
                right = bracketed.group(0)  # 57个县（市）: the alternative belongs to the noun
            right = right or implied_noun
            reached = (
                text[right_start + len(right) : right_end] if text.startswith(right, right_start) else ""
            )
            if right and quantity.unit == "%" and reached.startswith(("达到", "符合")):
                right += reached  # 70%以上城市建成区达到海绵城市建设要求: the share is of what reaches it
            if text.startswith("的", after_end) and words.level_noun_after.match(text, after_end + 1):
                right = ""  # 稳定在5%左右的较低水平: the level, not what is measured
            if right in words.goal_nouns:
                right = ""  # 实现高职院校扩招100万人目标: the goal is the number, the words before name it
            if quantity.group == "count" or enumerated:
                indicator = right  # 建成3个示范性街镇, 赛得利纤维等3500多个拟竣工投产项目
            if not indicator:
                indicator, verb = _left_phrase_bracketed(_before_baseline(text, rest, quantity, preceding))
                listed = seg_start > s_start and text[seg_start - 1] == "、"
                # 93%的村庄和96%的农户: a value before 的 names the noun after it; 村庄和 is the last item's tail
                joined = text.startswith("的", after_end) and bool(words.list_joiner_end.search(rest))
                capped = _CAPPED_GRANT.sub("", indicator)  # 给予每人每年最高20万元资助: the grant, per head
                # 甲岛30公里原水管线: a short place name (not 自动驾驶示范区160平方公里连片运行, a thing measured)
                placed = (
                    len(indicator) <= 4
                    and indicator.endswith(words.place_ends)
                    and quantity.group == "measure"
                )
                if right and (not indicator or _is_bare_verb(capped) or listed or joined or placed):
                    # 发放1万元助学金, 严守18亿亩耕地红线; 电四小区、鲁汇一村共计约1.4万平方米成套改造:
                    # the last of a list of places before a total is not what the total measures
                    indicator = right
                if not indicator and verb:
                    indicator = _object_of(text, verb, s_start, seg_start, s_end)
                reached = rest.strip()
                if indicator in ("", reached) and reached in words.beneficiary_verbs and seg_start > s_start:
                    indicator = _beneficiaries(text, reached, s_start, seg_start) or indicator
                if not indicator and verb and quantity.written_unit in _words().event_units:
                    indicator = verb  # 全年培训40万人次: the verb names what is counted
        indicator = _without_change_verb(indicator)
        measured = next((n for n in words.measured_after_share if text.startswith(n, after_end)), "")
        if measured and quantity.unit == "%" and indicator and measured not in indicator:
            indicator += measured  # 建成区40%以上面积达到…要求: the share is of the 建成区's 面积
        held = list(words.holding_verbs.finditer(indicator))
        if held and held[-1].end() < len(indicator):
            indicator = indicator[held[-1].end() :]  # 我区共有历史建筑200处: what is had, not who has it
        if quantity.group == "count":
            # 占比超过10%的有44种: the count counts what the description before 的有 describes
            described = _described_count(left, previous_indicator)
            if described:
                # 104种工业产品中，…的有44种: the scope before names the kind the description picks out
                scope = _SCOPE.search(text, s_start, seg_start)
                kind = _left_phrase(scope.group(1))[0] if scope else ""
                indicator = described + kind if kind and not described.endswith(kind) else described
        # 甲、乙均达到90%: a value that ends its clause (not 均实现21个地级市全覆盖, a count of its own noun)
        ends_clause = after_end >= s_end or text[after_end] in "，,；;。、！？\n"
        shared_names = one_value or (
            _shared_names(text, quantity.start, s_start) if distribute is None and ends_clause else ()
        )
        if not shared_names and distribute is None and ends_clause and quantity.unit == "%":
            # 甲、乙排放量下降3%: each name changes by it
            shared_names = _listed_changes(text, quantity.start, s_start, direction is not None)
        if not shared_names and distribute is None and ends_clause:
            shared_names = _doubled_names(text, quantity, s_start)  # 甲和乙比2020年翻一番: each doubles
        if shared_names:
            indicator = shared_names[0]  # 甲、乙均达到90%: one value for every name
        if (
            distribute is None
            and not shared_names
            and preceding is not None
            and words.list_joiners.fullmatch(text[preceding.end : quantity.start].strip())
        ):
            # 死亡人数分别下降38.8%、37.3%和65.9%: 37.3%和 names nothing; the list's head and verb hold for all
            indicator = compared_names.get(quantity.start, "")
            if found and found[-1].quantity is preceding:
                direction = direction or found[-1].direction
        if (
            direction
            and quantity.group == "count"
            and distribute is None
            and _acts_on_a_count(text, left, after_end)
        ):
            # 缓拥堵提升15个点位: the verb works on the things counted, it changes no level by 15
            direction, done = None, _left_phrase(rest)[0]
            indicator = done + indicator if done and indicator and done not in indicator else indicator
        if not indicator and words.level_change.search(left):
            indicator = _changed_before(text, seg_start, s_start)  # 下调缴费比例，各地可降至16%
        if not indicator and not found:
            indicator = _changing_before(text, seg_start, s_start)  # 森林覆盖率稳步提升，到2025年达到45%
        if quantity.group == "count" and _names_nothing(indicator):
            # 出入口增加无障碍电梯，三年累计新增12台: the thing the clause before adds
            indicator = _object_before(text, seg_start, s_start) or indicator
        if not indicator and quantity.unit in ("人", "人次") and seg_start > s_start:
            # 发放价格补贴，约6700万人受益: the measure of the clause before names whom the count counts
            verb = next((v for v in words.participant_verbs if text.startswith(v, after_end)), "")
            indicator = _beneficiaries(text, verb, s_start, seg_start) if verb else ""
        if not indicator.strip("".join(words.keep_head)):
            # 国内生产总值增加到121万亿元，五年年均增长5.2%: 年均 names nothing
            indicator = previous_indicator or ("" if found else _level_before(text, seg_start, s_start))
        indicator = _subject_of_sibling(text, seg_start, s_start, indicator)  # 棉花播种面积保持稳定、产量…
        last = found[-1] if found else None  # the figure read before this one (not a date: 由2020年的7.2%)
        between = text[last.quantity.end : seg_start] if last else ""
        if last is not None and rest.lstrip().startswith(words.share_opener):
            # 非化石能源发电装机达到1.39亿千瓦，占比由31%提升至54%: the share is of the clause just before
            if last.quantity.start >= seg_start and last.indicator.endswith(indicator):
                indicator = last.indicator  # …占比由31%提升至54%: the level has the baseline's name
            elif len(re.findall("[，,、；;]", between)) == 1 and _a_share_without_subject(
                indicator, last.indicator
            ):
                indicator = last.indicator + indicator
        elif (
            last is not None
            and indicator in words.amount_nouns
            and last.indicator
            and not last.indicator.endswith((*words.amount_nouns, *words.measure_ends, *words.stock_nouns))
            and len(re.findall("[，,、；;]", between)) == 1
        ):
            # 转移支付增加1.5万亿元、规模近9.8万亿元: its 规模 (not 播种面积3320万亩、产量…: a measure is no subject)
            indicator = last.indicator + indicator
        if last is not None and len(re.findall("[，,、；;]", between)) == 1 and _is_bare_verb(indicator):
            # 老旧小区综合整治新开工300个、完工200个: the second stage has the first one's subject
            indicator = _with_subject_of(indicator, last.indicator)
        if (
            last is not None
            and direction is None
            and comparator_before is None
            and not re.search("[；;]", between)
        ):
            direction = _carried_direction(indicator, rest, quantity, last)
        if direction is None and signed_negative(text, quantity):
            direction = "decrease"  # 增速为负值（-19.4%）: the minus sign says it fell
        line = _held_line(text, left, quantity, after_end, s_end)  # 坚决守住18亿亩耕地红线: a goal anywhere
        indicator = line or _share_of_places(text, left, quantity, after_end) or indicator
        previous_indicator = indicator or previous_indicator
        before = bisect_left(deadline_starts, quantity.start)
        year = (deadlines[before - 1][1] if before else None) or clause_year
        from_period = False
        implied = bool(line) and not achieved
        if year is None and context.period_end:
            if yearly(quantity.start):
                implied = not achieved  # 每年投运150辆 in a plan's tasks: due every year, no one deadline
            else:
                year = context.period_end  # a plan's goal section: its goals are due at the period's end
                from_period = True
        # 规划目标为6.5%, 能源消耗降低14.5%为约束性指标: an evaluation quoting the plan's own goal
        quoted = context.evaluation and (
            left.rstrip().endswith(words.plan_goal_words)
            or text.startswith(words.plan_attribute_after, after_end)
        )
        year = context.plan_end if quoted else year
        reported = (
            context.evaluation
            and not achieved
            and _clause_reports(
                text, _segment_start(text, quantity.start, s_start), quantity.start, reference
            )
        )
        reading = Reading(
            text=text,
            quantity=quantity,
            sentence=span,
            left=governing or left,
            rest=rest,
            after_end=after_end,
            comparator_before=comparator_before,
            comparator=comparator,
            direction=direction,
            indicator=indicator,
            year=year,
            verdict=verdict,
            preceding=preceding,
            following=following,
            context=context,
            clause_year=clause_year,
            achieved=(achieved or reported) and not quoted,
            future=future,
            forecast=forecast,
            forecasting=forecasting,
            follows_a_figure=bool(found),
            baseline_in_list=baseline_in_list,
            from_period=from_period,
            grant=_granted(text, left, after_end),
            implied_goal=implied,
        )
        kind, rule = classify(reading)
        indicator = reading.grant if rule == "a subsidy rate" else indicator  # what is given at the rate
        if (
            rule == "a rate per step"
        ):  # 每多缴纳1年可减少1个月等待期: what each step changes follows the amount
            indicator = _named_after(text, after_end) or indicator
        forecasting = forecasting or rule == "a forecast"
        since = None
        if kind == "achieved" or rule == "the baseline of a change":
            year, since = _years_of_figure(text, reading, kind, s_start, review)
            year = year if year is not None or kind != "achieved" else clause_year  # 2024年预算执行情况
        elif kind == "target":
            since = _target_since(text, reading, s_start, year)
        found.extend(
            _Found(quantity, span, name, comparator, direction, year, kind, rule, since)
            for name in (shared_names or (indicator,))
        )
    return found


# ---------------------------------------------------------------- public API


def explain(text: str, *, year: int | None = None) -> list[tuple[str, TargetKind, str]]:
    """Say, for each quantity of a text, its kind and the rule that decided it (for doctests and debugging).

    >>> explain("重点做好以下8个方面工作，到2025年建成10个污水处理厂。")
    [('8个', 'figure', 'counts the document’s parts'), ('10个', 'target', 'sets a goal')]
    """
    context = TargetContext(reference_year=year)
    found = []
    spans = _sentences(text)
    quantities = find_quantities(text)
    for span in spans:
        members = [q for q in quantities if span[0] <= q.start < span[1]]
        found += [
            (f.quantity.raw, f.kind, f.rule) for f in _read_sentence(text, span, members, context, None)
        ]
    return found


EVIDENCE = 240  # the longest sentence a target carries whole; past it, the text around its quantity


def _evidence(text: str, sentence: tuple[int, int], quantity: Quantity) -> str:
    """The sentence a target was read from, or, for a very long one, the part around its quantity.

    Without the bound a 200 KB file of long 分别 sentences makes every target copy its whole sentence.
    """
    start, end = sentence
    if end - start <= EVIDENCE:
        return text[start:end].strip()
    half = EVIDENCE // 2
    left, right = max(start, quantity.start - half), min(end, quantity.end + half)
    return ("…" if left > start else "") + text[left:right].strip() + ("…" if right < end else "")


def extract_text(
    text: str,
    *,
    clause: str = "",
    line: int = 1,
    page: int | None = None,
    context: TargetContext | None = None,
    include_all: bool = False,
    locate: Callable[[int], tuple[int, int | None]] | None = None,
) -> list[Target]:
    """Read the targets of one clause's text; `locate` maps an offset in `text` to (line, page).

    >>> [(t.indicator, t.value, t.unit, t.comparator, t.year) for t in extract_text(
    ...     "到2025年，全区新型研发机构数量达到20家以上，人才总量突破96万人。")]
    [('新型研发机构数量', 20.0, '家', '>=', 2025), ('人才总量', 960000.0, '人', '>', 2025)]
    """
    context = context or TargetContext()
    text = fold_traditional(text)  # 達到1.2萬億元 in a Hong Kong copy: the words below are simplified
    # 五部委, 四方面, 二次供水: a numeral that begins a word is no figure
    quantities = [_zero_share(text, q) for q in find_quantities(text) if not _in_a_word(text, q)]
    if not quantities:
        return []
    source, text = text, hide_separators(text)  # 分别达到1，200亿元和…: a separator is no clause break
    if _words().achieved_openings.match(text.lstrip(" \u3000—")):
        context = replace(context, achieved=True)  # 过去一年，… opens a review of results
    spans = _sentences(text)
    starts = [start for start, _ in spans]
    by_sentence: dict[int, list[Quantity]] = {}
    for quantity in quantities:
        by_sentence.setdefault(bisect_right(starts, quantity.start) - 1, []).append(quantity)
    # A sentence that opens with a deadline (到2025年，… / 2027年前，…) sets it for the sentences after it in
    # the clause, until the next such sentence: 2027年前，实现…。推动5款以上…。2030年前，…
    years: list[int | None] = []
    running = context.year
    for start, end in spans:
        opening = _own_deadlines(text[start:end], context)
        lead = re.match(r"[^，。；：:]{0,8}[：:]", text[start:end])
        if opening and opening[0][0] <= max(2, lead.end() + 2 if lead else 0):
            if _dates_its_sentence(text, start + opening[0][0]):
                # 到明年底，…。再解决300万人…: a later year dates its sentence; the next ones plan the document's year
                running = running or context.reference_year
                years.append(opening[0][1])
                continue
            running = opening[0][1]
        years.append(running)
    reviews = _reviews(text, context)
    # 2099年是开局之年。过去一年，…取得了很大成绩。全省地区生产总值增长7.3%…: the review runs until a sentence looks ahead
    back = looking_back([text[a:b] for a, b in spans], context.reference_year, _looks_ahead)
    targets = []
    for index, members in by_sentence.items():
        own = replace(context, achieved=True) if back[index] and not context.achieved else context
        for found in _read_sentence(text, spans[index], members, own, years[index], reviews[index]):
            if found.kind != "target" and not include_all:
                continue
            where_line, where_page = locate(found.quantity.start) if locate else (line, page)
            quantity = found.quantity
            targets.append(
                Target(
                    indicator=found.indicator,
                    value=quantity.value,
                    unit=quantity.unit,
                    comparator=found.comparator,
                    year=found.year,
                    kind=found.kind,
                    text=_evidence(source, found.sentence, quantity),
                    quantity=quantity.raw,
                    clause=clause,
                    line=where_line,
                    page=where_page,
                    document=context.document,
                    direction=found.direction,
                    upper=quantity.upper,
                    since=found.since,
                )
            )
    return targets


def _dates_its_sentence(text: str, at: int) -> bool:
    """Tell whether the deadline at `at` is a relative later year (到明年底) that dates only its own sentence."""
    hit = dates().deadline.match(text, at)
    return bool(hit and hit["rel"] and hit["rel"] in _words().sentence_only_years)


def _reviews(text: str, context: TargetContext) -> list[tuple[int, int] | None]:
    """The multi-year review each sentence sits in: 过去五年/五年来 opens one, 过去一年 or 2025年， ends it."""
    running, found = context.review, []
    for opened in _openings(text, context.reference_year):
        if opened == RESET:
            running = None
        elif opened is not None:
            running = opened
        found.append(running)
    return found


@lru_cache(maxsize=256)
def _openings(text: str, reference: int | None) -> tuple[tuple[int, int] | None, ...]:
    """The review each sentence of a text opens (periods.review_opening), read once per text and year.

    A clause's text is read for its own targets and twice more for the review it leaves open
    (targets.document); the sentences are only those of recent clauses, so a small cache holds them.
    """
    return tuple(review_opening(text[start:end], reference) for start, end in _sentences(text))
