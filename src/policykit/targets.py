"""Targets: the numeric goals a document sets, each with its indicator, comparator, deadline and evidence.

Cheap first: `find_quantities` (regular expressions) finds candidate numbers in a clause; only the
few characters around a quantity that survives the filters are segmented with jieba, to find where
its indicator begins and ends. Years, names (5G, “15分钟社区生活圈”), layout counts and cross-references
never become targets; results already achieved and other figures are kept only with `include_all`.

Deadlines: the year is the one the text sets (到2025年 scopes its sentence and the clauses it leads; 今年 is
the document's year). Where the text sets none, a plan's period sets it in two places only: a goals section
(a 目标/指标 heading) of a document whose title gives a period (（2023-2025年） → 2025), and a clause whose own
heading names a period (重点任务清单（2023-2025年）). A figure stated per year (每年/年均) keeps no year there,
and tasks elsewhere in the plan keep none: the seed annotation gives a year only where the text says it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path

from policykit.model import Clause, Document, Target
from policykit.zh.numerals import Quantity, find_quantities

__all__ = ["TargetContext", "attach_targets", "extract_files", "extract_targets", "extract_text"]

KINDS = ("target", "achieved", "figure")


@dataclass(frozen=True)
class TargetContext:
    """What a clause inherits from the document and its headings."""

    document: str = ""
    reference_year: int | None = None  # the document's own year: what 今年 means
    year: int | None = None  # a deadline set by a heading or a lead-in clause
    achieved: bool = False  # inside a review of past results
    goal: bool = False  # inside a section about goals or indicators
    plan_end: int | None = None  # the last year of the plan's period (（2023-2025年） → 2025)
    period_end: int | None = (
        None  # the deadline a goal section or a period heading implies when the text sets none
    )


@dataclass(frozen=True)
class _Words:
    """The word lists of data/targets.yaml, compiled for matching."""

    before: tuple[tuple[str, str], ...]
    after: tuple[tuple[str, str], ...]
    increase: tuple[str, ...]
    decrease: tuple[str, ...]
    linking: tuple[str, ...]
    keep_head: frozenset[str]
    lead: frozenset[str]
    achieved_headings: re.Pattern[str]
    achieved_openings: re.Pattern[str]
    achieved_markers: re.Pattern[str]
    future_markers: re.Pattern[str]
    goal_headings: re.Pattern[str]
    layout_units: frozenset[str]
    forecast_markers: re.Pattern[str]
    existing_verbs: frozenset[str]
    population_nouns: tuple[str, ...]


def _alternation(words: Iterable[str]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


@lru_cache(maxsize=1)
def _words() -> _Words:
    import yaml

    raw = yaml.safe_load(resources.files("policykit").joinpath("data/targets.yaml").read_text("utf-8"))

    def pairs(table: dict) -> tuple[tuple[str, str], ...]:
        found = [(str(word), sign) for sign, words in table.items() for word in words]
        return tuple(sorted(found, key=lambda pair: -len(pair[0])))

    def longest_first(words: list) -> tuple[str, ...]:
        return tuple(sorted(map(str, words), key=len, reverse=True))

    return _Words(
        before=pairs(raw["comparators_before"]),
        after=pairs(raw["comparators_after"]),
        increase=longest_first(raw["increase"]),
        decrease=longest_first(raw["decrease"]),
        linking=longest_first(raw["linking"]),
        keep_head=frozenset(raw["keep_head"]),
        lead=frozenset(raw["lead"]),
        achieved_headings=_alternation(raw["achieved_headings"]),
        achieved_openings=re.compile("^(?:" + _alternation(raw["achieved_openings"]).pattern + ")"),
        achieved_markers=_alternation(raw["achieved_markers"]),
        future_markers=_alternation(raw["future_markers"]),
        goal_headings=_alternation(raw["goal_headings"]),
        layout_units=frozenset(raw["layout_units"]),
        forecast_markers=_alternation(raw["forecast_markers"]),
        existing_verbs=frozenset(raw["existing_verbs"]),
        population_nouns=longest_first(raw["population_nouns"]),
    )


# ---------------------------------------------------------------- years

_FIVE_YEAR_PLANS = {"十三五": 2020, "十四五": 2025, "十五五": 2030, "十六五": 2035}
_DEADLINE = re.compile(
    r"(?P<to>到|至|力争到|争取到|力争|预计到|于)?\s*(?P<year>20\d\d)\s*年(?P<fy>度)?"
    r"(?P<end>年底|底|末|上半年|前|以前|之前|底前|年底前)?"
    r"|(?P<rel>今年|本年度|本年|年内|明年)"
    r"|(?P<to5>到|至)?[“\"]?(?P<plan>十[三四五六]五)[”\"]?(?P<end5>末|期末|时期末|期间)"
)
_RANGE_YEAR = re.compile(r"20\d\d\s*[-－—~～至到]\s*20\d\d")
_PAST_YEAR_OPENING = re.compile(r"^\s*(20\d\d)年(?:[，,]|[一二三四五六七八九十]{1,2}月|底|末)")


def _deadlines(sentence: str, reference_year: int | None) -> list[tuple[int, int]]:
    """Find the deadlines a sentence sets, as (offset, year): 到2025年, 2025年底前, 今年, 到“十四五”末."""
    found = []
    for hit in _DEADLINE.finditer(sentence):
        if hit["rel"]:
            if reference_year is not None:
                found.append((hit.start(), reference_year + (1 if hit["rel"] == "明年" else 0)))
        elif hit["plan"]:
            found.append((hit.start(), _FIVE_YEAR_PLANS[hit["plan"]]))
        else:
            start = hit.start("year")
            if _RANGE_YEAR.match(sentence, max(0, start - 5)) or _RANGE_YEAR.match(sentence, start):
                continue
            before = sentence[max(0, start - 2) : start]
            if "比" in before or "较" in before or "与" in before:
                continue  # 比2020年下降: a baseline, not a deadline
            year = int(hit["year"])
            is_scope = (
                hit["to"] or hit["end"] or hit["fy"] or start == 0 or sentence[start - 1] in "，,。；：\n"
            )
            if is_scope and (reference_year is None or year >= reference_year or hit["to"] or hit["end"]):
                found.append((hit.start(), year))
    return found


# ---------------------------------------------------------------- sentences and spans

_SENTENCE_END = re.compile(r"[。！？!?\n]+|……")
_SEGMENT_BOUNDARY = "，,；;：:。！？!?、（）()\n"
_QUOTES = '“”‘’"《》「」『』〈〉【】'
_STRIP_QUOTES = str.maketrans("", "", _QUOTES)


def _sentences(text: str) -> list[tuple[int, int]]:
    """Split text into (start, end) sentence spans."""
    spans, start = [], 0
    for hit in _SENTENCE_END.finditer(text):
        if hit.start() > start:
            spans.append((start, hit.end()))
        start = hit.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _inside_marks(text: str, start: int, end: int) -> bool:
    """Tell whether a span sits inside quotation marks, a title 《》 or a document-number bracket 〔〕."""
    for opening, closing in (("“", "”"), ("《", "》"), ("〔", "〕"), ("[", "]"), ("「", "」")):
        left = text.rfind(opening, 0, start)
        if left != -1 and text.rfind(closing, left, start) == -1:
            right = text.find(closing, end)
            if right != -1 and right - end <= 30 and text.find(opening, end, right) == -1:
                return True
    return False


def _segment_start(text: str, position: int, floor: int) -> int:
    """Offset just after the last segment boundary before `position` (not before `floor`)."""
    index = position - 1
    while index >= floor and text[index] not in _SEGMENT_BOUNDARY:
        index -= 1
    return index + 1


def _segment_end(text: str, position: int, ceiling: int) -> int:
    index = position
    while index < ceiling and text[index] not in _SEGMENT_BOUNDARY:
        index += 1
    return index


# ---------------------------------------------------------------- comparators, directions, indicators


def _strip_linking(left: str) -> tuple[str, str | None, str | None]:
    """Peel comparator, change and linking words off the end of the left context.

    Returns (what remains, comparator, direction).
    """
    words = _words()
    comparator = direction = None
    changed = True
    while changed and left:
        changed = False
        for word, sign in words.before:
            if left.endswith(word):
                comparator = comparator or sign
                left, changed = left[: -len(word)], True
                break
        if changed:
            continue
        for suffix in ("到", "至"):
            for verb in (*words.increase, *words.decrease):
                if left.endswith(verb + suffix):
                    left, changed = left[: -len(verb) - 1], True
                    break
            if changed:
                break
        if changed:
            continue
        for verb, name in ((v, "increase") for v in words.increase):
            if left.endswith(verb) and direction is None:
                direction, left, changed = name, left[: -len(verb)], True
                break
        if changed:
            continue
        for verb in words.decrease:
            if left.endswith(verb) and direction is None:
                direction, left, changed = "decrease", left[: -len(verb)], True
                break
        if changed:
            continue
        for word in words.linking:
            if (left.endswith(word) and word not in words.keep_head) or left == word:
                left, changed = left[: -len(word)], True
                break
    return left, comparator, direction


_NOMINAL_BREAK = {"q", "r", "p", "d", "t", "x", "uj", "ul", "ud", "ug", "uz", "uv", "y", "e", "o", "zg"}
_NUMERAL_CHARS = set("零〇一二两三四五六七八九十百千万亿0123456789")


_AGE_WORDS = frozenset({"青年", "少年", "老年", "中年", "幼年", "成年", "童年"})


def _breaks_phrase(word: str, tag: str) -> bool:
    """Tell whether a token ends the phrase before it: numerals (五大), pronouns, adverbs, prepositions, times."""
    return (
        (tag in _NOMINAL_BREAK and not (tag == "t" and word in _AGE_WORDS))
        or bool(_COUNTED_WORD.match(word))
        or (tag in ("m", "mq") and bool(_NUMERAL_CHARS & set(word)))
    )


_COUNTED_WORD = re.compile(r"^[零〇一二两三四五六七八九十百千万亿\d]+[大项个类条种批]?$")


def _pos_cut(text: str) -> list[tuple[str, str]]:
    from policykit.zh.segment import pos_cut

    return pos_cut(text)


def _left_indicator(left: str) -> str:
    """The noun phrase at the end of the left context: after the last numeral, pronoun, adverb or preposition."""
    return _left_phrase(left)[0]


_DURATION_WORDS = frozenset({"小时", "分钟", "天", "日"})
_QUOTED_NAME = re.compile(r"“([^“”]{1,20})”")


def _cut_keeping_names(text: str) -> list[tuple[str, str]]:
    """Segment text, keeping a quoted name with numerals whole (“百县千企万店” is one name, not 千/万)."""
    tokens: list[tuple[str, str]] = []
    position = 0
    for name in _QUOTED_NAME.finditer(text):
        if not _NUMERAL_CHARS & set(name.group(1)):
            continue
        tokens += _pos_cut(text[position : name.start()].translate(_STRIP_QUOTES))
        tokens.append((name.group(1), "nz"))
        position = name.end()
    tail = text[position:].translate(_STRIP_QUOTES)
    return tokens + (_pos_cut(tail) if tail else [])


def _left_phrase(left: str) -> tuple[str, str]:
    """The noun phrase at the end of the left context, and the verb stripped from its head (发行, 建设)."""
    left = left.strip()
    deadlines = list(_DEADLINE.finditer(left))
    if deadlines:
        left = left[deadlines[-1].end() :]
    if not left.translate(_STRIP_QUOTES).strip():
        return "", ""
    lead = _words().lead
    tokens = [(word, tag) for word, tag in _cut_keeping_names(left) if word.strip()]
    start = 0
    for index, (word, tag) in enumerate(tokens):
        following = tokens[index + 1][1] if index + 1 < len(tokens) else ""
        if index + 2 < len(tokens) and tokens[index + 1][0] in _DURATION_WORDS and _COUNTED_WORD.match(word):
            continue  # 公园二十四小时开放比例: a duration that modifies the noun, not a count before it
        if _breaks_phrase(word, tag) and (tag != "d" or following.startswith("v") or not following):
            if index == len(tokens) - 1 and tag in ("d", "q") and index > start:
                break  # 片区更新, 数据集: a last token jieba tags as adverb or classifier is the head noun
            start = index + 1  # an adverb ends the phrase only where it modifies a verb (率先建成)
    tokens = tokens[start:]
    etc = [index for index, (word, _) in enumerate(tokens) if word == "等"]
    if etc and len("".join(word for word, _ in tokens[etc[-1] + 1 :])) >= 4:
        tokens = tokens[etc[-1] + 1 :]  # 威海碳纤维、枣庄欣旺达等“源网荷储”一体化试点: the kind after 等
    elif etc and etc[-1] == len(tokens) - 1:
        tokens = tokens[:-1]
    verb = ""
    while tokens and (tokens[0][0] in lead or tokens[0][1] in ("c", "f", "u", "uj")):
        if tokens[0][1].startswith("v"):
            verb = tokens[0][0]
        tokens = tokens[1:]
    run = 0
    while (
        run < len(tokens) - 1
        and tokens[run][1] in ("v", "a", "ad", "d")
        and tokens[run][0] not in _words().keep_head
    ):
        run += 1
    if sum(tag in ("v", "d") for _, tag in tokens[:run]) >= 2:
        verb, tokens = tokens[run - 1][0], tokens[run:]  # 继续巩固落实好高等职业教育…: a chain of verbs
    phrase = "".join(word for word, _ in tokens)
    if len(phrase) > 24:
        kept, length = [], 0
        for word, _ in reversed(tokens):
            if length + len(word) > 24:
                break
            kept.insert(0, word)
            length += len(word)
        phrase = "".join(kept)
    return phrase, verb


def _right_indicator(right: str, enumerated: bool = False) -> str:
    """The counted noun right after a quantity (建成3个示范性街镇 → 示范性街镇), when a noun follows."""
    if right.startswith("“") and "”" in right:
        named = right.translate(_STRIP_QUOTES).strip()  # 3个“15分钟社区生活圈”示范性街镇: a named kind
        return named if len(named) <= 24 else ""
    right = right.translate(_STRIP_QUOTES).strip().removeprefix("的")
    if not right:
        return ""
    layered = re.match(r"[\d零〇一二两三四五六七八九十百千万亿]+级", right)  # 2个千亿级产业集群
    tokens = _pos_cut(right[layered.end() :] if layered else right)
    if layered and tokens:
        tokens[0] = (layered.group(0) + tokens[0][0], "n")
    lead = _words().lead
    while len(tokens) > 1 and tokens[0][0] in lead and tokens[0][1].startswith(("v", "d")):
        tokens = tokens[1:]  # 3500多个拟竣工投产项目
    if enumerated and tokens and len("".join(word for word, _ in tokens)) <= 12:
        return "".join(word for word, _ in tokens)  # 赛得利纤维等3500多个竣工投产项目: the kind counted
    if tokens and tokens[0][1].startswith(("v", "a")) and "的" in right:
        described = right[right.rfind("的") + 1 :]  # 300个具有辐射引领作用的高水平…实训基地
        tokens = _pos_cut(described) if len(described) >= 2 else tokens
    if not tokens or (
        tokens[0][1].startswith(("v", "p", "d", "c", "u", "r", "m", "x", "f")) and tokens[0][1] != "vn"
    ):
        return ""
    kept = []
    for index, (word, tag) in enumerate(tokens):
        if kept and tag == "c" and word in ("及", "和", "与") and _plain_nouns(tokens[index + 1 :]):
            kept.extend(w for w, _ in tokens[index:])  # 80万平米屋面及相关设施改造: both conjuncts
            break
        if kept and (tag in ("p", "c", "x", "r", "m", "uj") or word in ("等", "的")):
            break
        kept.append(word)
    phrase = "".join(kept).removesuffix("的")
    return phrase if len(phrase) >= 2 else ""


def _plain_nouns(tokens: list[tuple[str, str]]) -> bool:
    """Tell whether a short rest of a segment is one noun phrase (相关设施改造), with no numbers or clauses."""
    return 0 < len("".join(w for w, _ in tokens)) <= 10 and not any(
        tag in ("p", "c", "x", "r", "m", "uj", "d") or word in ("等", "的") for word, tag in tokens
    )


def _segment_end_no_dun(text: str, position: int, ceiling: int) -> int:
    index = position
    while index < ceiling and text[index] not in "，,；;：:。！？!?（）()\n":
        index += 1
    return index


def _object_of(text: str, verb: str, floor: int, position: int, ceiling: int) -> str:
    """Find what an object-less verb counts from its earlier use: 发行超长期特别国债…，今年先发行1万亿元."""
    index = text.rfind(verb, floor, position)
    if index == -1:
        return ""
    start = index + len(verb)
    phrase = text[start : _segment_end(text, start, ceiling)].translate(_STRIP_QUOTES).strip()
    return phrase if 2 <= len(phrase) <= 16 else ""


def _after_comparator(text: str, end: int) -> tuple[str | None, int]:
    for word, sign in _words().after:
        if text.startswith(word, end):
            return sign, end + len(word)
    return None, end


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


@dataclass(frozen=True)
class _Found:
    """A quantity read in its sentence, before it becomes a Target."""

    quantity: Quantity
    sentence: tuple[int, int]
    indicator: str
    comparator: str | None
    direction: str | None
    year: int | None
    kind: str


def _read_sentence(
    text: str,
    span: tuple[int, int],
    quantities: list[Quantity],
    context: TargetContext,
    clause_year: int | None,
) -> list[_Found]:
    words = _words()
    s_start, s_end = span
    sentence = text[s_start:s_end]
    deadlines = [(s_start + offset, year) for offset, year in _deadlines(sentence, context.reference_year)]
    future = bool(words.future_markers.search(sentence))
    achieved = context.achieved or (bool(words.achieved_markers.search(sentence)) and not future)
    opening = _PAST_YEAR_OPENING.match(sentence)
    if opening and context.reference_year and int(opening.group(1)) < context.reference_year and not future:
        achieved = True
    forecast = not any(sentence[d - s_start : d - s_start + 1] in "到至" for d, _ in deadlines)
    found: list[_Found] = []
    previous_indicator = ""
    shared: list[str] = []
    forecasting = False
    for quantity in quantities:
        verdict = _eligible(quantity, text, quantity.start, quantity.end)
        if verdict == "drop":
            continue
        seg_start = _segment_start(text, quantity.start, s_start)
        left = text[seg_start : quantity.start]
        comparator_after, after_end = _after_comparator(text, quantity.end)
        rest, comparator, direction = _strip_linking(left)
        comparator_before = comparator
        comparator = comparator or comparator_after
        if comparator is None and quantity.vague:
            comparator = ">"
        if quantity.upper is not None:
            comparator = None
        # 分别 lists: 甲、乙、丙分别达到1500家、1200家和13家
        indicator = ""
        distribute = _distributed(text, quantity, seg_start, s_start, quantities)
        if distribute is not None:
            names, index, extra_comparator, extra_direction = distribute
            if len(names) > index:
                indicator = names[index]
            comparator = comparator or extra_comparator
            direction = direction or extra_direction
            shared = names
        elif not rest.strip() and shared:
            indicator = ""
        if not indicator:
            right_end = _segment_end(text, after_end, s_end)
            described_end = _segment_end_no_dun(text, right_end, s_end)
            right_start = after_end
            if "的" in text[right_end:described_end]:
                # 10个左右有条件、有基础、规模适当的城市: the noun after the last 的
                right_end = described_end
            elif (
                text[right_end : right_end + 1] == "、"
                and text[right_end - 1] in "级型类"
                and not _NUMERAL_CHARS & set(text[after_end:right_end])
            ):
                # 100个以上行业级、场景级大模型: the modifiers share the noun after the last one
                right_start, right_end = text.rfind("、", right_end, described_end) + 1, described_end
            enumerated = rest.rstrip().endswith("等")
            right = (
                _right_indicator(text[right_start:right_end], enumerated) if right_end > right_start else ""
            )
            if quantity.group == "count" or enumerated:
                indicator = right  # 建成3个示范性街镇, 赛得利纤维等3500多个拟竣工投产项目
            if not indicator:
                indicator, verb = _left_phrase(rest)
                listed = seg_start > s_start and text[seg_start - 1] == "、"
                if right and (not indicator or _is_bare_verb(indicator) or listed):
                    # 发放1万元助学金, 严守18亿亩耕地红线; 电四小区、鲁汇一村共计约1.4万平方米成套改造:
                    # the last of a list of places before a total is not what the total measures
                    indicator = right
                if not indicator and verb:
                    indicator = _object_of(text, verb, s_start, seg_start, s_end)
        if not indicator:
            indicator = previous_indicator
        previous_indicator = indicator or previous_indicator
        year = next((y for offset, y in reversed(deadlines) if offset < quantity.start), None) or clause_year
        if year is None and context.period_end and not _PER_YEAR.search(text, s_start, quantity.start):
            year = context.period_end  # a plan's goal section: its goals are due at the period's end
        if verdict == "figure" or indicator in words.layout_units:
            kind = "figure"
        elif _qualifier(text, quantity, after_end, comparator_before, quantities):
            kind = "figure"  # 投资2000万元以上的技改项目, 厚度低于0.01毫米的地膜, 达到95%以上的，
        elif _counts_its_list(text, quantity, s_start):
            kind = "figure"  # 谋划策划、项目计划、实施方案、实施建设、运营管理5个阶段
        elif _names_what_exists(text, quantity, s_start):
            kind = "figure"  # 发挥好9个国家区域医疗中心服务功能: the centres exist, the count is no goal
        elif _describes_population(text, quantity, after_end, comparator):
            kind = "figure"  # 保障好14亿人的粮食安全, 56个民族
        elif _frames_a_place(text, quantity, s_start, s_end):
            kind = "figure"  # 打造以杨浦滨江15.6平方公里滨水区域…为特色的示范区
        elif quantity.group == "time" and not (comparator or direction):
            kind = "figure"  # 3个工作日 is a goal only when the text bounds or shortens it
        elif achieved:
            kind = "achieved"
        elif re.search(r"(?:比|较)(?:上年|去年|上一年)[^，。；]*$", left) and found:
            kind = "figure"  # 比上年增加1800亿元 restates the change of the level just given
        elif _BASELINE.match(text, after_end, _segment_end(text, after_end, s_end) + 1):
            kind = "figure"  # 由3万元提高到10万元, 现行16%的税率降至13%: the value being changed
        elif forecast and (
            words.forecast_markers.search(
                text, _segment_start_no_dun(text, quantity.start, s_start), quantity.start
            )
            or (forecasting and text.startswith("其中", _segment_start_no_dun(text, quantity.start, s_start)))
        ):
            kind = "figure"  # 预计全年退税减税约2.5万亿元，其中留抵退税约1.5万亿元
            forecasting = True
        elif _states_a_fact(
            text, quantity, s_start, rest, comparator_before, direction, context, clause_year
        ):
            kind = "figure"  # 今年高校毕业生超过1000万人: how things are, not what to reach
        elif year or comparator or direction or future or context.goal or _has_target_verb(left):
            kind = "target"
        else:
            kind = "figure"
        if not indicator:
            kind = "figure" if kind == "target" else kind
        found.append(_Found(quantity, span, indicator, comparator, direction, year, kind))
    return found


_PER_YEAR = re.compile(r"每年|年均|每一年|逐年|当年")
_BASELINE = re.compile(
    r"[^，。；]{0,6}?(?:提高|提升|降|减|调整|增加|上调|下调|压缩|缩短|扩大)(?:低)?(?:到|至|为)"
)
_TARGET_VERB = re.compile(
    r"达到|达|突破|超过|提高|提升|增长|增加|下降|降低|减少|控制|新增|完成|建成|建设|培育|实施|打造|创建|新建|争创"
)


def _has_target_verb(left: str) -> bool:
    return bool(_TARGET_VERB.search(left))


def _is_bare_verb(phrase: str) -> bool:
    """Tell whether a phrase is only a verb, with its adverbs (发放, 严守, 坚决守住): no noun to measure."""
    tokens = _pos_cut(phrase)
    return bool(tokens) and all(tag.startswith(("v", "a", "d")) and tag != "vn" for _, tag in tokens)


_NOT_BETWEEN_QUALIFIER = re.compile(r"[和及与或至到]")


def _qualifier(
    text: str, quantity: Quantity, after_end: int, comparator_before: str | None, quantities
) -> bool:
    """Tell whether a quantity qualifies a noun or states a condition instead of setting a goal."""
    after = text[after_end : after_end + 2]
    if after.startswith("的") and (len(after) == 1 or after[1] in _SEGMENT_BOUNDARY):
        return True  # 签约比例达到百分之九十五以上的，协议方可生效
    if comparator_before and after.startswith("的"):
        return True  # 禁止生产和使用厚度低于0.01毫米的地膜
    if text.startswith("部分", after_end) or text.startswith("的部分", after_end):
        return True  # 年应纳税所得额100万元至300万元部分
    for later in quantities:
        if later.start < quantity.end:
            continue
        between = text[quantity.end : later.start]
        if len(between) > 20 or any(c in _SEGMENT_BOUNDARY for c in between):
            return False
        if _NOT_BETWEEN_QUALIFIER.search(between) or later.group == "time" or not later.unit:
            return False
        return not _inside_marks(text, later.start, later.end)  # 实施500万元以上技改项目1.2万个
    return False


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
    tokens = _pos_cut(head) if head else []
    verb_at = -1
    for index, (word, _) in enumerate(tokens):
        pair = word + (tokens[index + 1][0] if index + 1 < len(tokens) else "")
        if word in existing or pair in existing:
            verb_at = index
    if verb_at == -1:
        return False
    # 依托现有园区新建10个创新平台: a later verb takes the count as its own object
    return not any(
        (tag.startswith("v") and tag != "vn") or _TARGET_VERB.fullmatch(word)
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
    head_start = _segment_start_no_dun(text, quantity.start, s_start)
    head = text[head_start : quantity.start]
    if "以" not in head or not any(word == "以" and tag == "p" for word, tag in _pos_cut(head)):
        return False
    tail_end = quantity.end
    while tail_end < s_end and text[tail_end] not in "，,；;：:。！？!?\n":
        tail_end += 1
    return bool(_FRAME_END.search(text, quantity.end, tail_end))


_PREMISE_OF_TASK = re.compile(r"[，,；;]\s*(?:我们|各地|各级政府)?(?:要|需要|必须|务必|须)")
_GOAL_WORDS = re.compile(r"力争|确保|要|拟|将|计划|预期|目标|争取|届时|必须|努力")


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
    head = text[s_start : quantity.start]
    if any(hit["year"] or hit["plan"] for hit in _DEADLINE.finditer(head)):
        return False
    return not _GOAL_WORDS.search(head) and not _has_target_verb(rest)


_DISTRIBUTED_SPLIT = re.compile(r"[、和及与]|以及")


def _distributed(
    text: str, quantity: Quantity, seg_start: int, s_start: int, quantities: list[Quantity]
) -> tuple[list[str], int, str | None, str | None] | None:
    """For a quantity in a 分别 list, return the names before 分别 and this quantity's index among the values."""
    # the 分别 list sits in one segment, but values are separated by 、 which is a segment boundary
    head_start = _segment_start_no_dun(text, quantity.start, s_start)
    head = text[head_start : quantity.start]
    mark = head.find("分别")
    if mark == -1:
        return None
    values_start = head_start + mark + 2
    members = [q for q in quantities if values_start <= q.start <= quantity.start]
    between = text[values_start : members[0].start] if members else ""
    names_text = text[head_start : head_start + mark]
    names_text = re.sub(r"^.*?(?:20\d\d年(?:底|末)?(?:前)?)", "", names_text)
    names = [
        _left_indicator(_strip_linking(part)[0]) or part.strip()
        for part in _DISTRIBUTED_SPLIT.split(names_text)
    ]
    names = [name for name in names if name]
    if len(names) < 2:
        return None
    shared_tail = re.search(r"(?:建成|覆盖|达标|利用|治理|完成)?率$|比例$|比重$|占比$", names[-1])
    if shared_tail:  # 美丽河湖、美丽海湾建成率分别达到30%、50%: every name takes the last one's 建成率
        names = [n if re.search(r"率$|比例$|比重$|占比$", n) else n + shared_tail.group(0) for n in names]
    direction = None
    change = head[mark + 2 :].lstrip().removeprefix("再")  # 分别再提高30元和5元
    for verb, name in [(v, "increase") for v in _words().increase] + [
        (v, "decrease") for v in _words().decrease
    ]:
        if change.startswith(verb) and not change.startswith(("到", "至"), len(verb)):
            direction = name
            break
    _, comparator, _ = _strip_linking(between)
    return names, len(members) - 1, comparator, direction


def _segment_start_no_dun(text: str, position: int, floor: int) -> int:
    index = position - 1
    while index >= floor and text[index] not in "，,；;：:。！？!?\n":
        index -= 1
    return index + 1


# ---------------------------------------------------------------- indicator tables

_PROPERTY_CELL = re.compile(r"^(?:预期性|约束性)$")
_VALUE_CELL = re.compile(r"^(?P<sign>≥|>=|＞|>|≤|<=|＜|<|约)?\s*(?P<number>\d+(?:\.\d+)?)\s*(?P<pct>[%％])?$")
_EMPTY_CELL = re.compile(r"^[-－—/／]+$")
_CELL_SIGNS = {
    "≥": ">=",
    ">=": ">=",
    "＞": ">",
    ">": ">",
    "≤": "<=",
    "<=": "<=",
    "＜": "<",
    "<": "<",
    "约": "~",
}


def _column_year(header: str, reference_year: int | None) -> int | None:
    """The year a value column is for: “十五五”目标值 → 2030, 2025年目标值 → 2025."""
    plan = re.search(r"十[三四五六]五", header)
    if plan:
        return _FIVE_YEAR_PLANS[plan.group(0)]
    year = re.search(r"(20\d\d)\s*年", header)
    return int(year.group(1)) if year else reference_year


def _split_unit(cell: str) -> tuple[str, str] | None:
    """Split an indicator cell from its unit: `万平方米` alone, or `完整社区覆盖率%` joined by the flattening."""
    from policykit.zh.units import magnitude, match_unit

    for size in range(min(len(cell), 6), 0, -1):
        tail = cell[len(cell) - size :]
        bare = tail.lstrip("万亿千百十")
        unit = match_unit(bare) if bare else None
        if unit is not None and len(unit.alias) == len(bare) and magnitude(tail[: size - len(bare)]):
            return cell[: len(cell) - size].strip(), tail
    return None


def _table_targets(
    text: str, reference_year: int | None
) -> list[tuple[int, str, str, Quantity, str | None, int | None, str, str]]:
    """Read a flattened indicator table (one cell per line: …/指标/单位/属性/完成值/目标值).

    Rows are found by their 属性 cell (预期性/约束性); the unit and indicator cells sit just before it and
    the value cells just after, the last of them being the target. Returns (offset, indicator, cell,
    quantity, comparator, year, kind, row text) for every value cell; earlier columns are kind 'achieved'.
    """
    cells, offset = [], 0
    for line in text.split("\n"):
        cells.append((offset, line.strip()))
        offset += len(line) + 1
    names = [cell for _, cell in cells]
    if "单位" not in names or not any(_PROPERTY_CELL.match(n) for n in names):
        return []
    header_end = next(i for i, n in enumerate(names) if _PROPERTY_CELL.match(n))
    header = names[:header_end]
    if "属性" not in header:
        return []
    after = header[header.index("属性") + 1 :]
    columns: list[str] = []  # header lines after 属性 that name value columns (“十五五” / 目标值 joined)
    for piece in after:
        if columns and not re.search(r"值|年", columns[-1]):
            columns[-1] += piece
        elif re.search(r"值|年|十[三四五六]五", piece):
            columns.append(piece)
    columns = [c for c in columns if re.search(r"值|年", c)] or ["目标值"]
    found = []
    rows = [i for i, n in enumerate(names) if _PROPERTY_CELL.match(n)]
    for number, index in enumerate(rows):
        limit = rows[number + 1] if number + 1 < len(rows) else len(names)
        unit_cell = names[index - 1]
        split = _split_unit(unit_cell)
        if split is None:
            continue
        indicator, unit_text = split
        if not indicator:
            indicator = names[index - 2]
        values: list[int] = []
        for cell_index in range(index + 1, min(limit, index + 1 + len(columns))):
            cell = names[cell_index]
            if not (_VALUE_CELL.match(cell) or _EMPTY_CELL.match(cell)):
                break
            values.append(cell_index)
        # a row with fewer value cells than columns lost an empty 完成值; the next row's 序号 is not a value
        if "序号" in header and number + 1 < len(rows) and len(values) == len(columns):
            following = names[values[-1] + 1 : limit]
            if not any(re.fullmatch(r"\d{1,2}", c) for c in following):
                values = values[:-1]
        for position, cell_index in enumerate(values):
            hit = _VALUE_CELL.match(names[cell_index])
            if hit is None:
                continue
            column = columns[len(columns) - len(values) + position]
            unit = "%" if hit["pct"] else unit_text
            quantities = find_quantities(hit["number"] + unit.replace("％", "%"))
            if not quantities:
                continue
            kind = "target" if position == len(values) - 1 and "完成" not in column else "achieved"
            comparator = _CELL_SIGNS.get(hit["sign"] or "")
            year = _column_year(column, reference_year)
            printed = [
                names[i]
                + ("" if _EMPTY_CELL.match(names[i]) or "%" in names[i] or "％" in names[i] else unit_text)
                for i in values
            ]
            cells_text = " ".join(
                f"{columns[len(columns) - len(values) + k]} {v}" for k, v in enumerate(printed)
            )
            row = f"{indicator}（{names[index]}） {cells_text}"
            found.append(
                (
                    cells[cell_index][0],
                    indicator,
                    printed[position],
                    quantities[0],
                    comparator,
                    year,
                    kind,
                    row,
                )
            )
    return found


# ---------------------------------------------------------------- public API


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
    quantities = find_quantities(text)
    if not quantities:
        return []
    if _words().achieved_openings.match(text.lstrip(" \u3000—")):
        context = replace(context, achieved=True)  # 过去一年，… opens a review of results
    spans = _sentences(text)
    starts = [start for start, _ in spans]
    by_sentence: dict[int, list[Quantity]] = {}
    for quantity in quantities:
        by_sentence.setdefault(bisect_right(starts, quantity.start) - 1, []).append(quantity)
    clause_year = context.year
    if spans:
        opening = _deadlines(text[spans[0][0] : spans[0][1]], context.reference_year)
        lead = re.match(r"[^，。；：:]{0,8}[：:]", text[spans[0][0] : spans[0][1]])
        if opening and opening[0][0] <= max(2, lead.end() + 2 if lead else 0):
            clause_year = opening[0][1]  # a clause that opens with 到2025年 sets it for all its sentences
    targets = []
    for index, members in by_sentence.items():
        for found in _read_sentence(text, spans[index], members, context, clause_year):
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
                    text=text[found.sentence[0] : found.sentence[1]].strip(),
                    quantity=quantity.raw,
                    clause=clause,
                    line=where_line,
                    page=where_page,
                    document=context.document,
                    direction=found.direction,
                    upper=quantity.upper,
                )
            )
    return targets


_HEADING_YEAR = re.compile(r"(?<![\d\-－—~～至])(20\d\d)年(?![\d\-－—~～至])")


def _child_context(clause: Clause, context: TargetContext) -> TargetContext:
    """What a clause passes on to its children: review sections, goal sections, heading years."""
    words = _words()
    head = clause.heading or clause.label
    achieved = context.achieved
    goal = context.goal
    year = context.year
    period_end = context.period_end
    if head:
        if words.achieved_headings.search(head) and not words.goal_headings.search(head):
            achieved = True
        if words.goal_headings.search(head):
            goal = True
            period_end = context.plan_end or period_end
        period_end = _period_end(head) or period_end
        found = _HEADING_YEAR.search(head)
        if found and not _RANGE_YEAR.search(head):
            heading_year = int(found.group(1))
            if context.reference_year is None or heading_year >= context.reference_year:
                year = heading_year
        elif re.search(r"今年|本年度", head) and context.reference_year:
            year = context.reference_year  # 对今年政府工作的建议
        elif words.goal_headings.search(head):
            plans = re.findall(r"十[三四五六]五", head)
            if plans:
                year = _FIVE_YEAR_PLANS[plans[-1]]  # “十四五”时期主要目标任务
    body = clause.text.strip()
    if body.endswith(("：", ":")):
        lead = _deadlines(body, context.reference_year)
        if lead:
            year = lead[-1][1]
    return replace(context, achieved=achieved, goal=goal, year=year, period_end=period_end)


_PERIOD_RANGE = re.compile(r"20\d\d\s*[-－—~～至到]\s*(20\d\d)\s*年")


def _period_end(heading: str) -> int | None:
    """The last year of a period a heading names: 重点任务清单（2023-2025年） → 2025."""
    found = _PERIOD_RANGE.search(heading)
    return int(found.group(1)) if found else None


def _reference_year(document: Document, year: int | None) -> int | None:
    if year is not None:
        return year
    if document.metadata.year:
        return document.metadata.year
    if document.metadata.period:
        found = re.match(r"(\d{4})", document.metadata.period)
        if found:
            return int(found.group(1))
    return None


def _table_rows(
    document: Document, clause: Clause, context: TargetContext, include_all: bool
) -> list[Target]:
    """The targets of an indicator table clause, one per value cell, each with its row as evidence."""
    targets = []
    for offset, indicator, cell, quantity, comparator, year, kind, row in _table_targets(
        clause.text, context.reference_year
    ):
        if kind != "target" and not include_all:
            continue
        line, page = document.locate(clause.start + offset)
        targets.append(
            Target(
                indicator=indicator,
                value=quantity.value,
                unit=quantity.unit,
                comparator=comparator,
                year=year,
                kind=kind,
                text=row,
                quantity=cell,
                clause=clause.id,
                line=line,
                page=page,
                document=context.document,
                upper=None,
            )
        )
    return targets


def _walk_targets(
    document: Document, include_all: bool, year: int | None
) -> Iterable[tuple[Clause, list[Target]]]:
    base = TargetContext(
        document=document.name,
        reference_year=_reference_year(document, year),
        plan_end=_period_end(f"{document.metadata.period}年") if document.metadata.period else None,
    )

    def visit(clause: Clause, context: TargetContext, lead_year: int | None):
        own = context
        if lead_year is not None and own.year is None:
            own = replace(own, year=lead_year)
        if _period_end(clause.heading or ""):
            own = replace(own, period_end=_period_end(clause.heading or ""))  # a task list for 2023-2025
        found = extract_text(
            clause.text,
            clause=clause.id,
            context=own,
            include_all=include_all,
            locate=lambda offset, start=clause.start: document.locate(start + offset),
        )
        if clause.kind == "table":
            found.extend(_table_rows(document, clause, own, include_all))
        yield clause, found
        inner = _child_context(clause, context)
        child_lead: int | None = None
        for child in clause.children:
            yield from visit(child, inner, child_lead)
            if child.text.strip().endswith(("：", ":")):
                lead = _deadlines(child.text, inner.reference_year)
                child_lead = lead[-1][1] if lead else None

    top_lead: int | None = None
    for clause in document.clauses:
        yield from visit(clause, base, top_lead)
        if clause.text.strip().endswith(("：", ":")):
            lead = _deadlines(clause.text, base.reference_year)
            top_lead = lead[-1][1] if lead else None


def extract_targets(
    document: Document, *, include_all: bool = False, year: int | None = None
) -> tuple[Target, ...]:
    """Read every target of a parsed document, in document order.

    `year` is the document's own year (what 今年 means) when its metadata does not say;
    `include_all` also returns results already achieved (kind 'achieved') and other figures ('figure').
    """
    return tuple(target for _, found in _walk_targets(document, include_all, year) for target in found)


def attach_targets(document: Document, *, include_all: bool = False, year: int | None = None) -> Document:
    """Return a copy of the document whose clauses carry their targets."""
    by_clause = {clause.id: tuple(found) for clause, found in _walk_targets(document, include_all, year)}

    def rebuild(clause: Clause) -> Clause:
        return replace(
            clause,
            targets=by_clause.get(clause.id, ()),
            children=tuple(rebuild(child) for child in clause.children),
        )

    return replace(document, clauses=tuple(rebuild(clause) for clause in document.clauses))


def extract_files(
    paths: Sequence[str | Path],
    *,
    include_all: bool = False,
    year: int | None = None,
    encoding: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[Target, ...]:
    """Load and extract several documents into one combined tuple of targets, reporting progress per file."""
    from policykit.pipeline import load_document

    targets: list[Target] = []
    for done, path in enumerate(paths):
        document = load_document(path, encoding=encoding)
        targets.extend(extract_targets(document, include_all=include_all, year=year))
        if progress is not None:
            progress(done + 1, len(paths))
    return tuple(targets)
