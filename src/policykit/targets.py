"""Targets: the numeric goals a document sets, each with its indicator, comparator, deadline and evidence.

Cheap first: `find_quantities` (regular expressions) finds candidate numbers in a clause; only the
few characters around a quantity that survives the filters are segmented with jieba, to find where
its indicator begins and ends. Years, names (5G, “15分钟社区生活圈”), layout counts and cross-references
never become targets; results already achieved and other figures are kept only with `include_all`.
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
    )


# ---------------------------------------------------------------- years

_FIVE_YEAR_PLANS = {"十三五": 2020, "十四五": 2025, "十五五": 2030, "十六五": 2035}
_DEADLINE = re.compile(
    r"(?P<to>到|至|力争到|争取到|力争|预计到|于)?\s*(?P<year>20\d\d)\s*年(?P<fy>度)?"
    r"(?P<end>年底|底|末|上半年|前|以前|之前|底前|年底前)?"
    r"|(?P<rel>今年|本年度|本年|年内|明年)"
    r"|(?P<to5>到|至)?[“\"]?(?P<plan>十[三四五六]五)[”\"]?(?P<end5>末|期末|时期末)"
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


def _breaks_phrase(word: str, tag: str) -> bool:
    """Tell whether a token ends the phrase before it: numerals (五大), pronouns, adverbs, prepositions, times."""
    return (
        tag in _NOMINAL_BREAK
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


def _left_phrase(left: str) -> tuple[str, str]:
    """The noun phrase at the end of the left context, and the verb stripped from its head (发行, 建设)."""
    left = left.translate(_STRIP_QUOTES).strip()
    deadlines = list(_DEADLINE.finditer(left))
    if deadlines:
        left = left[deadlines[-1].end() :]
    if not left:
        return "", ""
    lead = _words().lead
    tokens = _pos_cut(left)
    start = 0
    for index, (word, tag) in enumerate(tokens):
        following = tokens[index + 1][1] if index + 1 < len(tokens) else ""
        if _breaks_phrase(word, tag) and (tag != "d" or following.startswith("v") or not following):
            start = index + 1  # an adverb ends the phrase only where it modifies a verb (率先建成)
    tokens = tokens[start:]
    verb = ""
    while tokens and (tokens[0][0] in lead or tokens[0][1] in ("c", "f", "u", "uj")):
        if tokens[0][1].startswith("v"):
            verb = tokens[0][0]
        tokens = tokens[1:]
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


def _right_indicator(right: str) -> str:
    """The counted noun right after a quantity (建成3个示范性街镇 → 示范性街镇), when a noun follows."""
    if right.startswith("“") and "”" in right:
        named = right.translate(_STRIP_QUOTES).strip()  # 3个“15分钟社区生活圈”示范性街镇: a named kind
        return named if len(named) <= 24 else ""
    right = right.translate(_STRIP_QUOTES).strip()
    if not right:
        return ""
    layered = re.match(r"[\d零〇一二两三四五六七八九十百千万亿]+级", right)  # 2个千亿级产业集群
    tokens = _pos_cut(right[layered.end() :] if layered else right)
    if layered and tokens:
        tokens[0] = (layered.group(0) + tokens[0][0], "n")
    if not tokens or (
        tokens[0][1].startswith(("v", "p", "d", "c", "u", "r", "m", "x", "f")) and tokens[0][1] != "vn"
    ):
        return ""
    kept = []
    for word, tag in tokens:
        if kept and (tag in ("p", "c", "x", "r", "m", "uj") or word in ("等", "的")):
            break
        kept.append(word)
    phrase = "".join(kept).removesuffix("的")
    return phrase if len(phrase) >= 2 else ""


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
    for quantity in quantities:
        verdict = _eligible(quantity, text, quantity.start, quantity.end)
        if verdict == "drop":
            continue
        seg_start = _segment_start(text, quantity.start, s_start)
        left = text[seg_start : quantity.start]
        comparator_after, after_end = _after_comparator(text, quantity.end)
        rest, comparator, direction = _strip_linking(left)
        comparator = comparator or comparator_after
        if comparator is None and quantity.vague:
            comparator = ">"
        if quantity.upper is not None:
            comparator = None
        # 分别 lists: 甲、乙、丙分别达到1500家、1200家和13家
        indicator = ""
        distribute = _distributed(text, quantity, seg_start, s_start, quantities)
        if distribute is not None:
            names, index, extra_comparator = distribute
            if len(names) > index:
                indicator = names[index]
            comparator = comparator or extra_comparator
            shared = names
        elif not rest.strip() and shared:
            indicator = ""
        if not indicator:
            right_end = _segment_end(text, after_end, s_end)
            if quantity.group == "count" and right_end > after_end:
                indicator = _right_indicator(text[after_end:right_end])
            if not indicator:
                indicator, verb = _left_phrase(rest)
                if not indicator and verb:
                    indicator = _object_of(text, verb, s_start, seg_start, s_end)
        if not indicator:
            indicator = previous_indicator
        previous_indicator = indicator or previous_indicator
        year = next((y for offset, y in reversed(deadlines) if offset < quantity.start), None) or clause_year
        if verdict == "figure" or indicator in words.layout_units:
            kind = "figure"
        elif quantity.group == "time" and not (comparator or direction):
            kind = "figure"  # 3个工作日 is a goal only when the text bounds or shortens it
        elif achieved:
            kind = "achieved"
        elif re.search(r"(?:比|较)(?:上年|去年|上一年)[^，。；]*$", left) and found:
            kind = "figure"  # 比上年增加1800亿元 restates the change of the level just given
        elif _BASELINE.match(text, after_end, _segment_end(text, after_end, s_end) + 1):
            kind = "figure"  # 由3万元提高到10万元, 现行16%的税率降至13%: the value being changed
        elif forecast and words.forecast_markers.search(
            text, _segment_start_no_dun(text, quantity.start, s_start), quantity.start
        ):
            kind = "figure"
        elif year or comparator or direction or future or context.goal or _has_target_verb(left):
            kind = "target"
        else:
            kind = "figure"
        if not indicator:
            kind = "figure" if kind == "target" else kind
        found.append(_Found(quantity, span, indicator, comparator, direction, year, kind))
    return found


_BASELINE = re.compile(
    r"[^，。；]{0,6}?(?:提高|提升|降|减|调整|增加|上调|下调|压缩|缩短|扩大)(?:低)?(?:到|至|为)"
)
_TARGET_VERB = re.compile(
    r"达到|达|突破|超过|提高|提升|增长|增加|下降|降低|减少|控制|新增|完成|建成|建设|培育|实施|打造|创建"
)


def _has_target_verb(left: str) -> bool:
    return bool(_TARGET_VERB.search(left))


_DISTRIBUTED_SPLIT = re.compile(r"[、和及与]|以及")


def _distributed(
    text: str, quantity: Quantity, seg_start: int, s_start: int, quantities: list[Quantity]
) -> tuple[list[str], int, str | None] | None:
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
    _, comparator, _ = _strip_linking(between)
    return names, len(members) - 1, comparator


def _segment_start_no_dun(text: str, position: int, floor: int) -> int:
    index = position - 1
    while index >= floor and text[index] not in "，,；;：:。！？!?\n":
        index -= 1
    return index + 1


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
        if opening and opening[0][0] <= 2:
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
    if head:
        if words.achieved_headings.search(head) and not words.goal_headings.search(head):
            achieved = True
        if words.goal_headings.search(head):
            goal = True
        found = _HEADING_YEAR.search(head)
        if found and not _RANGE_YEAR.search(head):
            heading_year = int(found.group(1))
            if context.reference_year is None or heading_year >= context.reference_year:
                year = heading_year
    body = clause.text.strip()
    if body.endswith(("：", ":")):
        lead = _deadlines(body, context.reference_year)
        if lead:
            year = lead[-1][1]
    return replace(context, achieved=achieved, goal=goal, year=year)


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


def _walk_targets(
    document: Document, include_all: bool, year: int | None
) -> Iterable[tuple[Clause, list[Target]]]:
    base = TargetContext(document=document.name, reference_year=_reference_year(document, year))

    def visit(clause: Clause, context: TargetContext, lead_year: int | None):
        own = context
        if lead_year is not None and own.year is None:
            own = replace(own, year=lead_year)
        found = extract_text(
            clause.text,
            clause=clause.id,
            context=own,
            include_all=include_all,
            locate=lambda offset, start=clause.start: document.locate(start + offset),
        )
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
