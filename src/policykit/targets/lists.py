"""Lists of names and values: 分别 lists, names sharing one value (均/都) or one rate, and their shared heads."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

from policykit import pattern_cache
from policykit.targets.deadlines import _deadline_hits
from policykit.targets.indicator import (
    LIST_SPAN,
    _after_comparator,
    _left_indicator,
    _pos_cut,
    _segment_start_no_dun,
    _strip_linking,
)
from policykit.targets.words import _words
from policykit.zh.numerals import Quantity

_LIST_END = pattern_cache.compile(r"[，,；;：:。！？!?\n]")


@dataclass(frozen=True)
class _ListMarks:
    """Where a sentence's 分别 marks and the boundaries that end a 分别 list sit, found once per sentence."""

    start: int
    lists: list[int]
    ends: list[int]


def _list_marks(text: str, s_start: int, s_end: int) -> _ListMarks:
    """Find every 分别 and every list-ending boundary of a sentence in one pass each."""
    sentence = text[s_start:s_end]
    return _ListMarks(
        s_start,
        [s_start + hit.start() for hit in re.finditer("分别", sentence)],
        [s_start + hit.start() for hit in _LIST_END.finditer(sentence)],
    )


def _distributed(
    text: str, quantity: Quantity, marks: _ListMarks, quantities: list[Quantity]
) -> tuple[list[str], int, str | None, str | None, bool, int, int] | None:
    """For a quantity in a 分别 list: the names before 分别, its index among the values, the list's
    comparator and direction, whether it is a baseline (分别从A、B提高到C、D: A and B are), where
    分别 is (the verb after it governs every value) and how many values the list has."""
    # the 分别 list sits in one segment, but values are separated by 、 which is a segment boundary
    end = bisect_left(marks.ends, quantity.start)
    head_start = marks.ends[end - 1] + 1 if end else marks.start
    first_mark = bisect_left(marks.lists, head_start)
    if first_mark == len(marks.lists) or marks.lists[first_mark] + 2 > quantity.start:
        return None
    head = text[head_start : quantity.start]
    mark = marks.lists[first_mark] - head_start
    values_start = head_start + mark + 2
    # 起数和死亡人数分别比2019年下降4.8%和1.8%: what the change is measured from is no value of the list
    compared = _words().compared.match(text, values_start, quantity.start)
    skipped = compared.end() - values_start if compared else 0
    values_start += skipped
    # 分别从209元、280元提高到217元、290元: the values before 提高到 are baselines, the levels follow it
    end = (
        marks.ends[bisect_right(marks.ends, quantity.start)]
        if bisect_right(marks.ends, quantity.start) < len(marks.ends)
        else len(text)
    )
    changes = list(_words().level_change.finditer(text, values_start, min(end, values_start + LIST_SPAN)))
    before = [hit for hit in changes if hit.end() <= quantity.start]
    baseline = bool(changes) and not before
    if before:
        values_start = before[-1].end()
    first = bisect_left(quantities, values_start, key=_start_of)
    count = bisect_right(quantities, quantity.start, key=_start_of) - first
    between = text[values_start : quantities[first].start] if count else ""
    names = _list_names(text[head_start : head_start + mark])
    segment = bisect_left(marks.ends, quantity.start)
    if segment and all(name in _words().period_comparisons for name in names):  # 同比分别增长: no names
        clause_start = marks.ends[segment - 2] + 1 if segment > 1 else marks.start
        names = _names_of_clause_before(text, clause_start, head_start)
    values = bisect_left(quantities, end, key=_start_of) - first
    if len(names) > values >= 2:
        # 信息传输软件和信息技术服务业、租赁和商务服务业…分别增长10.9%、10.4%: 和 joins words inside a name
        by_dun = _list_names(text[head_start : head_start + mark], only_dun=True)
        names = by_dun if len(by_dun) == values else names
    if len(names) < 2:
        return None
    direction = None
    change = head[mark + 2 + skipped :].lstrip().removeprefix("再")  # 分别再提高30元和5元
    for verb, name in [(v, "increase") for v in _words().increase] + [
        (v, "decrease") for v in _words().decrease
    ]:
        if change.startswith(verb) and not change.startswith(_words().level_suffix, len(verb)):
            direction = name
            break
    _, comparator, _ = _strip_linking(between)
    if comparator is None:
        # 分别稳定在3900万头、13.5亿只以上: a bound after the list's last value bounds every value
        last = quantities[bisect_right(quantities, end, key=_start_of) - 1]
        comparator = _after_comparator(text, last.end)[0] if last.start >= quantity.start else None
    return list(names), count - 1, comparator, direction, baseline, head_start + mark, values


def _names_of_clause_before(text: str, start: int, stop: int) -> tuple[str, ...]:
    """The names of a clause with no figure before a 分别 list that names nothing (甲醛、乙醛排放总量首次双下降，
    比上年分别下降2.4%和3.6%): the list before the clause's change verb.

    >>> _names_of_clause_before("甲醛、乙醛排放总量首次双下降，", 0, 15)
    ('甲醛排放总量', '乙醛排放总量')
    >>> _names_of_clause_before("甲醛、乙醛排放总量近年来首次出现双下降，", 0, 20)
    ('甲醛排放总量', '乙醛排放总量')
    >>> _names_of_clause_before("能耗下降3%，", 0, 7)
    ()
    """
    clause = text[start : max(start, stop - 1)]
    verb = _words().names_predicate.search(clause)
    if verb is None or any(char.isdigit() for char in clause):
        return ()
    names = ""
    for word, tag in _pos_cut(clause[: verb.start()]):
        if names and (tag[:1] in ("t", "d", "m") or word in _words().verb_adverbs):
            break  # 二氧化硫排放总量近年来首次出现双下降: the names end where the time and adverbs start
        names += word
    return _list_names(names)


def _start_of(quantity: Quantity) -> int:
    return quantity.start


@lru_cache(maxsize=1024)
def _list_names(names_text: str, only_dun: bool = False) -> tuple[str, ...]:
    """The names before 分别, each the indicator of one value (read once per list, not once per value);
    `only_dun` splits at 、 alone, for a list whose names hold 和 themselves."""
    names_text = _words().compared_to.sub("", names_text)  # 甲、乙比2020年分别下降…: not a deadline
    years = [hit for hit in _deadline_hits(names_text) if hit["year"]]
    if years:
        names_text = names_text[years[0].end() :]  # 到2025年底前甲、乙分别…: the names follow the deadline
    names = [
        _left_indicator(_strip_linking(part)[0]) or part.strip()
        for part in (names_text.split("、") if only_dun else _words().list_joiners.split(names_text))
    ]
    names = [name for name in names if name]
    names = _with_shared_head(names)
    tail = _shared_tail(names[-1]) if names else ""
    if tail:  # 美丽河湖、美丽海湾建成率分别达到30%、50%: every name takes the last one's 建成率
        words = _words()
        ends = (*words.measure_ends, *words.amount_nouns, tail)
        names = [n if n.endswith(ends) else n + tail for n in names]
    return tuple(names)


def _with_shared_head(names: list[str]) -> list[str]:
    """Give a one-word name that only qualifies a noun the head of the last name it parallels.

    In 城市和县城污水处理率 the last name is 县城 + 污水处理率; 城市, a word of the same kind as 县城, shares
    污水处理率. A name that is a noun of its own (粮食和重要农产品, 森林覆盖率和森林蓄积量) keeps its words.

    >>> _with_shared_head(["城市", "县城污水处理率"]), _with_shared_head(["省级", "市级财政投入"])
    (['城市污水处理率', '县城污水处理率'], ['省级财政投入', '市级财政投入'])
    >>> _with_shared_head(["粮食", "重要农产品"]), _with_shared_head(["森林覆盖率", "森林蓄积量"])
    (['粮食', '重要农产品'], ['森林覆盖率', '森林蓄积量'])
    """
    if len(names) < 2:
        return names
    tokens = _pos_cut(names[-1])
    if len(tokens) < 2:
        return names
    first, first_tag = tokens[0]
    head = names[-1][len(first) :]
    if len(head) < 2 or not tokens[1][1].startswith(("n", "v", "j")):
        return names
    words = _words()
    shared = []
    for name in names[:-1]:
        own = _pos_cut(name)
        # a qualifier is one short word (城市, 国家级); 全国文明城市、国家历史文化名城 are two names
        if len(own) == 1 and len(name) <= 3 and not name.endswith((*words.measure_ends, tokens[-1][0])):
            tag = own[0][1]
            parallel = tag == first_tag and len(name) == len(first)
            if tag in words.qualifier_tags or parallel:
                name += head
        shared.append(name)
    return [*shared, names[-1]]


def _shared_names(text: str, position: int, floor: int) -> tuple[str, ...]:
    """The names a list gives one value with 均/都 (甲、乙均达到90%以上): each is an indicator of it.

    >>> _shared_names("游客人数、旅游收入均增长10%以上", 12, 0)
    ('游客人数', '旅游收入')
    >>> _shared_names("均衡性转移支付增长10%", 9, 0), _shared_names("全市都达到10%", 5, 0)
    ((), ())
    >>> _shared_names("甲新城和乙新城地区生产总值年均增长6%", 17, 0)  # 年均 is one word, no 均 of its own
    ()
    """
    words = _words()
    head = text[_segment_start_no_dun(text, position, floor) : position]
    for word in words.shared_value_words:
        at = head.rfind(word)
        if at <= 0 or _strip_linking(head[at + len(word) :])[0].strip() or not _stands_alone(head, at):
            continue
        listed = head[:at]
        if re.search(r"\d", listed) or "等" in listed or not words.list_joiners.search(listed):
            return ()  # 甲、乙等绿色产品产量均增长: the kind after 等 is the one indicator
        names = _list_names(listed)
        return names if len(names) >= 2 else ()
    return _listed_rates(head)


def _stands_alone(text: str, at: int) -> bool:
    """Tell whether a word starts at `at`, not inside one (均 in 年均, 人均, 平均; 均达 starts with it)."""
    offset = 0
    for token, _ in _pos_cut(text):
        if offset >= at:
            return offset == at
        offset += len(token)
    return False


def _listed_changes(text: str, position: int, floor: int, changes: bool = True) -> tuple[str, ...]:
    """Names listed with 、 before one rate of change (二氧化硫、氮氧化物排放量要下降3%): each changes by it.

    A level after such a list (水果、蔬菜产量达到…) is their total, one indicator; a rate holds for each name.
    A change noun after 等 (…等增幅均超过10%) is what every name has.

    >>> _listed_changes("今年二氧化硫、氮氧化物排放量要下降3%", 17, 0)
    ('二氧化硫排放量', '氮氧化物排放量')
    >>> _listed_changes("其中甲转移支付、乙奖补资金等增幅均超过10%", 19, 0)
    ('甲转移支付增幅', '乙奖补资金增幅')
    >>> _listed_changes("绿色、有机等农产品产量增长10%", 14, 0), _listed_changes("甲、乙零售额合计增长5%", 12, 0)
    ((), ())
    """
    words = _words()
    head = text[_segment_start_no_dun(text, position, floor) : position]
    rest = _strip_linking(head)[0].rstrip()
    for word in words.shared_value_words:
        rest = rest.removesuffix(word)
    listed, etc, tail = rest.rpartition("等")
    if not etc:
        listed, tail = rest, ""
    elif tail not in words.change_nouns:
        return ()  # 绿色、有机等农产品产量: the kind after 等 is the one indicator
    if not (changes or tail) or "、" not in listed or re.search(r"\d|[“”\"]", listed):
        return ()  # 电动汽车、锂电池、光伏产品“新三样”: a named group is one indicator
    if words.total_words.search(head) or words.goal_words.search(listed) or "把" in listed:
        return ()  # 甲、乙零售额合计增长: their total; 精简会议、坚决把文件压减: clauses, not names
    names = [name + tail for name in _list_names(listed, only_dun=True)]
    return tuple(names) if len(names) >= 2 else ()


def _doubled_names(text: str, quantity: Quantity, floor: int) -> tuple[str, ...]:
    """Names joined with 和/与/、 before one doubling (甲和乙比2020年翻一番): each of them doubles.

    >>> from policykit.zh.numerals import find_quantities
    >>> text = "经济总量和城乡居民人均收入比2020年翻一番以上"
    >>> _doubled_names(text, find_quantities(text)[-1], 0)
    ('经济总量', '城乡居民人均收入')
    >>> text = "甲和乙两地贸易额合计翻一番"
    >>> _doubled_names(text, find_quantities(text)[-1], 0)
    ()
    """
    if not quantity.raw.startswith("翻"):
        return ()
    words = _words()
    head = words.compared.sub("", text[_segment_start_no_dun(text, quantity.start, floor) : quantity.start])
    listed = _strip_linking(head)[0].strip()
    if re.search(r"\d", listed) or words.total_words.search(head) or not words.list_joiners.search(listed):
        return ()  # 甲和乙合计翻一番: their total, one indicator
    names = _list_names(listed)
    return names if len(names) >= 2 and all(len(name) >= 2 for name in names) else ()


def _listed_rates(head: str) -> tuple[str, ...]:
    """Rates listed with 、 before one value (孕产妇产后访视率、0—6岁儿童健康管理率达到90%以上): each has it.

    Only where every name is a rate of its own; 甲、乙产量达到… is one name with its list of kinds.

    >>> _listed_rates("其中孕产妇产后访视率、0—6岁儿童健康管理率达到")
    ('孕产妇产后访视率', '儿童健康管理率')
    >>> _listed_rates("水果、蔬菜产量达到"), _listed_rates("森林覆盖率达到")
    ((), ())
    """
    rest = _strip_linking(head)[0]
    if "、" not in rest or "等" in rest:
        return ()
    parts = [_left_indicator(part) for part in rest.split("、")]
    ratio = _words().ratio_end
    if len(parts) < 2 or not all(part and ratio.search(part) for part in parts):
        return ()
    return tuple(parts)


def _shared_tail(last: str) -> str:
    """The part of a list's last name that the earlier names share: the verb phrase and its ratio word,
    or its noun of amount (粮食和重要农产品产量: 产量).

    >>> _shared_tail("店招设置审批率"), _shared_tail("美丽海湾建成率"), _shared_tail("重要农产品产量")
    ('设置审批率', '建成率', '产量')
    >>> _shared_tail("上市高新技术企业")
    ''
    """
    if not _words().ratio_end.search(last):
        return next((noun for noun in _words().amount_nouns if last.endswith(noun) and last != noun), "")
    tokens = _pos_cut(last)
    offset = 0
    for index, (word, tag) in enumerate(tokens):
        if index and tag.startswith("v") and len(word) >= 2:
            return last[offset:]  # 户外广告和店招设置审批率: 设置审批率 is what both are measured by
        offset += len(word)
    found = re.search(r"(?:建成|覆盖|达标|利用|治理|完成)?率$|比例$|比重$|占比$", last)
    return found.group(0) if found else ""
