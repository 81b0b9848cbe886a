"""Track one indicator across editions: each year's target beside the result a later edition reports, judged.

Reads the targets and achieved figures extract finds (`include_all=True`), files them under canonical
indicators (data/indicators.yaml) or, for the rest, under names paired the way diff pairs targets, then
lines them up by year. Each row carries a verdict and the rule that decided it.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from policykit import pattern_cache
from policykit.config import data_yaml
from policykit.diff import near_names
from policykit.errors import UsageError
from policykit.model import Target
from policykit.track_rules import (
    TOLERANCE,
    VERDICTS,
    Direction,
    Indicator,
    Judgement,
    Verdict,
    canonical_indicators,
    judge,
    measured,
    meets_ceiling,
    meets_floor,
    near,
    parse_indicators,
    tolerance_for,
    within,
)
from policykit.zh.chars import squash

REGISTRY_SUFFIXES = (".yaml", ".yml")

# ---------------------------------------------------------------- rows and series


@dataclass(frozen=True)
class TrackRow:
    """One year of one indicator: the target for it, the result a later edition reports, the verdict."""

    year: int
    target: Target | None
    achieved: Target | None
    verdict: Verdict
    rule: str

    def to_dict(self) -> dict:
        return {
            "year": self.year,
            "target": self.target.to_dict() if self.target else None,
            "achieved": self.achieved.to_dict() if self.achieved else None,
            "verdict": self.verdict,
            "rule": self.rule,
        }


@dataclass(frozen=True)
class Series:
    """One indicator across the editions: its canonical name, its aliases, one row per year."""

    indicator: Indicator
    rows: tuple[TrackRow, ...]
    names: tuple[str, ...] = ()  # the wordings the editions actually used

    @property
    def name(self) -> str:
        return self.indicator.name

    @property
    def unit(self) -> str | None:
        return self.indicator.unit

    def matches(self, query: str) -> bool:
        """True when `query` is the indicator's canonical name, an alias or a wording the editions used."""
        key = squash(query)
        return key in self.indicator.names() or key in {squash(name) for name in self.names}

    def to_dict(self) -> dict:
        aliases = [a for a in dict.fromkeys((*self.indicator.aliases, *self.names)) if a != self.name]
        return {
            "indicator": self.name,
            "aliases": aliases,
            "unit": self.unit,
            "kind": self.indicator.kind,
            "direction": self.indicator.direction,
            "series": [row.to_dict() for row in self.rows],
        }


@dataclass(frozen=True)
class Edition:
    """One source of figures: a parsed document or a registry document, with the year it speaks from."""

    name: str
    year: int | None
    figures: tuple[Target, ...]
    path: str = ""
    series: str = ""  # the title without its years (山东省政府工作报告): editions of one series share it


@dataclass(frozen=True)
class Track:
    """Every indicator of a series of editions, each a Series; `unplaced` counts figures with no year."""

    series: tuple[Series, ...]
    editions: tuple[Edition, ...] = ()
    unplaced: int = 0
    warnings: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        return {
            "indicators": [series.to_dict() for series in self.series],
            "documents": [{"name": e.name, "year": e.year, "path": e.path} for e in self.editions],
            "unplaced": self.unplaced,
            "warnings": list(self.warnings),
        }


@dataclass
class _Group:
    indicator: Indicator
    canonical: bool
    figures: list[tuple[int, int, Target]] = field(default_factory=list)  # (edition, position, figure)


def _group_figures(editions: Sequence[Edition], canon: Sequence[Indicator]) -> list[_Group]:
    """File every target and achieved figure under a canonical indicator or a name group, in first-seen order.

    A figure whose name and unit match no canonical indicator joins the name group of the same unit whose
    name is its own or a near wording of it (diff's pairing rule), else starts a group of its own.
    """
    groups: dict[tuple[str, str], _Group] = {}
    for edition_index, edition in enumerate(editions):
        for position, figure in enumerate(edition.figures):
            if figure.kind not in ("target", "achieved") or not squash(figure.indicator):
                continue
            figure = with_change_noun(figure)
            indicator = canonical_for(figure, canon)
            if indicator is not None:
                key = ("canonical", indicator.name)
            else:
                key = _name_key(figure, groups, f"{edition_index}.{position}")
                indicator = Indicator(
                    name=figure.indicator, unit=figure.unit, direction=as_direction(figure.direction)
                )
            group = groups.setdefault(key, _Group(indicator, key[0] == "canonical"))
            group.figures.append((edition_index, position, figure))
    return list(groups.values())


def canonical_for(figure: Target, canon: Sequence[Indicator]) -> Indicator | None:
    """The canonical indicator a figure is, by its name or by its name without a closing change noun.

    A known wording followed by 涨幅, 增幅 or 降幅 (居民消费价格总水平涨幅) is that wording measured as a change,
    which is what the canonical indicator measures, and one followed by a word extract left on it
    (居民消费价格涨幅回落到, 国内生产总值年均) is that wording, and so is one after a verb a reworded sentence left
    before it (某市将致力于实现地区生产总值); the unit must still be the indicator's.

    >>> cpi = Indicator("居民消费价格涨幅", ("居民消费价格总水平",), "%")
    >>> f = Target("居民消费价格总水平涨幅", 3, "%", "<=", 2024, "target", "", "", "1", 1, None, "d")
    >>> canonical_for(f, [cpi]).name, canonical_for(replace(f, unit="人"), [cpi])
    ('居民消费价格涨幅', None)
    """
    found = next((i for i in canon if i.accepts(figure)), None)
    if found is not None:
        return found
    tails = (*(noun for noun, _ in _change_nouns()), *_name_tails())
    for tail in tails:
        if figure.indicator.endswith(tail) and len(figure.indicator) > len(tail):
            bare = replace(figure, indicator=figure.indicator[: -len(tail)])
            return next((i for i in canon if i.accepts(bare)), None)
    for lead in _name_leads():
        _, said, rest = figure.indicator.rpartition(lead)
        if said and rest:
            return next((i for i in canon if i.accepts(replace(figure, indicator=rest))), None)
    return None


@lru_cache(maxsize=1)
def _name_leads() -> tuple[str, ...]:
    """Verbs a reworded target may leave before a name (某市将致力于实现地区生产总值), from data/indicators.yaml."""
    return tuple(map(str, data_yaml("indicators.yaml").get("name_leads") or ()))


@lru_cache(maxsize=1)
def _name_tails() -> tuple[str, ...]:
    """Words extract may leave at the end of a name (回落到, 提高到, 年均), from data/indicators.yaml."""
    return tuple(map(str, data_yaml("indicators.yaml").get("name_tails") or ()))


def _name_key(figure: Target, groups: dict[tuple[str, str], _Group], where: str) -> tuple[str, str]:
    """The name group a figure joins: its own name's, a near wording's of the same unit, or a new one.

    A result near two target wordings (农村贫困人口: 减少农村贫困人口 / 农村贫困人口脱贫任务) joins the one with a
    target for its year; near a wording of results only, it stays with that. A bare name (项目, or a payer
    such as 中央财政) always starts a group of its own, and no other wording joins it.
    """
    name = squash(figure.indicator)
    if name in _generic_names() or name.endswith(_payers()):
        return (name, f"{figure.unit}@{where}")
    named = [
        k
        for k, g in groups.items()
        if k[0] != "canonical" and g.indicator.unit == figure.unit and "@" not in k[1]
    ]
    same = [k for k in named if k[0] == name]
    near = [
        k
        for k in named
        if k[0] != name
        and (near_names(k[0], name) or reordered(k[0], name) or same_total(k[0], name))
        and same_level(k[0], name)
        and not substituted(k[0], name)
    ]
    candidates = same + near

    def targets_in(key: tuple[str, str], year: int | None = None) -> bool:
        return any(f.kind == "target" and year in (None, f.year) for *_, f in groups[key].figures)

    if figure.kind == "achieved" and candidates and targets_in(candidates[0]):
        # near two target wordings, a result joins the one that set a target for its year
        candidates = [k for k in candidates if targets_in(k, figure.year)] + candidates
    return candidates[0] if candidates else (name, figure.unit)


@lru_cache(maxsize=1)
def _levels() -> tuple[str, ...]:
    """Administrative-level words (国家级, 省级, …), longest first: two names that differ in one are two indicators."""
    return tuple(sorted(map(str, data_yaml("indicators.yaml").get("levels") or ()), key=len, reverse=True))


@lru_cache(maxsize=1)
def _flows() -> tuple[str, ...]:
    """The words that make a figure a flow over its year (新增, 新培育, 累计), from data/indicators.yaml."""
    return tuple(map(str, data_yaml("indicators.yaml").get("flows") or ()))


@lru_cache(maxsize=1)
def _generic_names() -> frozenset[str]:
    """Names too bare to pair across editions (项目, 企业), from data/indicators.yaml."""
    return frozenset(map(str, data_yaml("indicators.yaml").get("generic_names") or ()))


@lru_cache(maxsize=1)
def _payers() -> tuple[str, ...]:
    """Words that end a name saying only who pays (中央财政, 省财政), from data/indicators.yaml."""
    return tuple(map(str, data_yaml("indicators.yaml").get("payers") or ()))


@lru_cache(maxsize=1)
def _change_nouns() -> tuple[tuple[str, Direction], ...]:
    """(noun, direction) for the nouns that name a change (降幅, 增速), from data/indicators.yaml."""
    raw = data_yaml("indicators.yaml").get("change_nouns") or {}
    return tuple(
        (str(noun), direction) for direction in ("increase", "decrease") for noun in raw.get(direction) or ()
    )


def with_change_noun(figure: Target) -> Target:
    """The figure with the direction its name's change noun gives, when no verb gave it one.

    >>> f = Target("单位国内生产总值能耗降幅", 3, "%", ">", 2024, "achieved", "", "", "1", 1, None, "d")
    >>> with_change_noun(f).direction, with_change_noun(replace(f, indicator="单位国内生产总值能耗")).direction
    ('decrease', None)
    >>> with_change_noun(replace(f, indicator="居民消费价格涨幅回落到")).direction
    'increase'
    """
    if figure.direction is not None:
        return figure
    name = next(
        (figure.indicator[: -len(t)] for t in _name_tails() if figure.indicator.endswith(t)), figure.indicator
    )
    for noun, direction in _change_nouns():
        if name.endswith(noun):  # 居民消费价格涨幅回落到2.6%: the noun before the verb extract left on
            return replace(figure, direction=direction)
    return figure


def is_flow(figure: Target) -> bool:
    """True when a figure counts what was added over its span (新培育专精特新企业300家), not a level.

    >>> f = Target("新培育专精特新企业", 300, "家", None, 2025, "target", "", "", "1", 1, None, "d")
    >>> is_flow(f), is_flow(replace(f, indicator="专精特新企业"))
    (True, False)
    """
    flows = _flows()
    if any(word in figure.indicator for word in flows):
        return True
    at = figure.text.find(figure.quantity) if figure.quantity else -1
    head = figure.text[:at] if at > 0 else ""
    clause = head[max(head.rfind(mark) for mark in "，,；;。") + 1 :]
    return any(word in clause for word in flows)  # 新增家庭养老床位1.4万张: the verb the indicator lost


def same_level(a: str, b: str, levels: Sequence[str] | None = None) -> bool:
    """True when two names carry the same administrative-level words, so near wordings may pair.

    >>> same_level("新增国家先进制造业集群", "新增省级先进制造业集群", ["国家", "省级"])
    False
    >>> same_level("城乡居民基础养老金月最低标准", "城乡居民基础养老金最低标准", ["国家", "省级"])
    True
    """

    def found(name: str) -> frozenset[str]:
        words = set()
        for word in _levels() if levels is None else levels:
            if word in name:
                words.add(word)
                name = name.replace(word, "")
        return frozenset(words)

    return found(a) == found(b)


def reordered(a: str, b: str) -> bool:
    """Two wordings with the same characters in another order (家庭养老床位新增 / 新增家庭养老床位), 4 or more.

    diff's near_names misses these when the moved word is long; they are one indicator.

    >>> reordered("家庭养老床位新增", "新增家庭养老床位"), reordered("交通投资", "投资交通项目")
    (True, False)
    """
    return len(a) >= 4 and a != b and sorted(a) == sorted(b)


@lru_cache(maxsize=1)
def _totals() -> tuple[str, ...]:
    """Words that end a name and make it a total of the bare name (总额, 总量), from data/indicators.yaml."""
    return tuple(map(str, data_yaml("indicators.yaml").get("totals") or ()))


def same_total(a: str, b: str) -> bool:
    """A total (中央政府投资总额) and a wording of its bare name with a word added inside it (中央政府公共投资).

    The bare name and the other wording must end in the same head noun: a word added at the end names
    another measure (能源消费总量 / 能源消费强度 are two indicators).

    >>> same_total("中央政府投资总额", "中央政府公共投资"), same_total("能源消费总量", "能源消费强度")
    (True, False)
    """
    for total, other in ((a, b), (b, a)):
        for word in _totals():
            if total.endswith(word) and len(total) > len(word) + 2:
                bare = total[: -len(word)]
                if bare != other and bare[-2:] == other[-2:] and near_names(bare, other):
                    return True
    return False


def substituted(a: str, b: str) -> bool:
    """Two names of one length that differ only where characters were swapped for others: two things
    (二氧化硫 / 二氧化碳, 一级 / 二级), not two wordings of one, however alike.

    >>> substituted("二氧化硫排放量", "二氧化碳排放量"), substituted("城镇新增就业", "城镇新增就业人数")
    (True, False)
    >>> substituted("家庭养老床位新增", "新增家庭养老床位")
    False
    """
    if len(a) != len(b) or a == b:
        return False
    return all(tag in ("equal", "replace") for tag, *_ in difflib.SequenceMatcher(None, a, b).get_opcodes())


def as_direction(word: str | None) -> Direction | None:
    """A figure's direction field as the Direction literal (None for anything else)."""
    if word == "increase":
        return "increase"
    if word == "decrease":
        return "decrease"
    return None


def _later(edition_year: int | None, year: int) -> bool:
    """A result counts only from an edition later than its year: a document cannot report its own year in full."""
    return edition_year is None or edition_year > year


# A clause this short that opens a sentence (五年累计, 近三年累计, 这五年) is an adverbial of the whole sentence.
_OPENING = 8


@lru_cache(maxsize=1)
def _spans() -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """(words, not after, not before) from data/indicators.yaml: what makes a figure speak of several years."""
    raw = data_yaml("indicators.yaml").get("spans") or {}
    words, after, before = (
        tuple(map(str, raw.get(key) or ())) for key in ("words", "not_after", "not_before")
    )
    return words, after, before


def _says_span(words: str) -> bool:
    """True when a stretch of text holds a span word that is neither a streak's (连续五年) nor a plan's name."""
    spans, after, before = _spans()
    for word in spans:
        start = words.find(word)
        while start >= 0:
            end = start + len(word)
            if not words[:start].endswith(after) and not words[end:].startswith(before):
                return True
            start = words.find(word, start + 1)
    return False


def spans_years(figure: Target) -> bool:
    """True when a figure covers several years: it has a start year, or its words before it say so.

    Extract may give a five-year review figure no start year (五年全国新增城镇就业5100万人); its own clause,
    or a short clause opening its sentence (五年累计，能耗下降19.1%), still marks it. A streak (粮食连续五年增产，
    总产量…) is one year's level, and so is a figure after a plan's name or another clause's 年均.

    >>> f = Target("城镇新增就业", 410, "万人", None, 2097, "achieved", "五年全省城镇新增就业410万人。", "410万人",
    ...            "1", 1, None, "d")
    >>> spans_years(f), spans_years(replace(f, text="五年累计，城镇新增就业410万人。"))
    (True, True)
    >>> spans_years(replace(f, text="全省城镇新增就业410万人。")), spans_years(replace(f, text="出台五年行动计划，新增410万人。"))
    (False, False)
    >>> spans_years(replace(f, text="粮食连续五年增产，总产量410万吨。", quantity="410万吨"))
    False
    """
    if figure.since is not None:
        return True
    at = figure.text.find(figure.quantity) if figure.quantity else -1
    head = figure.text[:at] if at > 0 else ""
    sentence = head[max(head.rfind(mark) for mark in "。；;！!？?") + 1 :]
    own = sentence[max(sentence.rfind(mark) for mark in "，,：:") + 1 :]
    cut = min((sentence.find(mark) for mark in "，," if mark in sentence), default=-1)
    opening = sentence[:cut] if 0 < cut <= _OPENING else ""
    return _says_span(own) or _says_span(opening)


def same_span(result: Target, target: Target | None) -> bool:
    """A result answers a target only over the same years and as the same measure: a five-year change
    (过去五年…下降8.1%, `since` 2018) is never one year's outcome, nor a level the outcome of a change.

    >>> one = Target("能耗", 3, "%", None, 2022, "target", "", "", "1", 1, None, "d", "decrease")
    >>> five = Target("能耗", 8.1, "%", None, 2022, "achieved", "", "", "1", 1, None, "d", "decrease", since=2018)
    >>> same_span(five, one), same_span(replace(five, since=None), one), same_span(five, None)
    (False, True, False)
    >>> same_span(replace(five, since=None, direction=None), one)
    False
    """
    if target is not None and target.direction and not result.direction:
        return False  # 再提高30元 is a change: the level 从450元提高到610元 reached is not its outcome
    if target is not None and is_flow(target) and not is_flow(result):
        return False  # 新培育300家 (a flow) is not met by 1356家 (the level reached)
    if target is None or not spans_years(target):
        return not spans_years(result)  # one year's figure: 五年…5100万人 is not its outcome
    if target.since is not None and result.since is not None:
        return result.since == target.since
    return spans_years(result)  # 今后五年…年均7.5% and 年均增长11.2% (since the plan's first year): one span


def _target_rank(item: tuple[int, int, Target]) -> tuple[int, bool, int]:
    """Which of a year's targets stands: the latest edition's; in it, one phrased as a goal (左右, 以上, a range)
    before a bare number (a result extract read as a target may sit beside it); then the first stated."""
    edition, position, figure = item
    return edition, figure.comparator is not None or figure.upper is not None, -position


def _series(group: _Group, editions: Sequence[Edition]) -> Series:
    """One row per year: the latest edition's target for it (see _target_rank), the earliest later edition's result."""
    indicator = group.indicator
    if indicator.direction is None:  # a name group measures changes the way its first target does
        first = next((f for _, _, f in group.figures if f.kind == "target"), None)
        if first is not None and first.direction:
            indicator = replace(indicator, direction=as_direction(first.direction))
    years = sorted({f.year for _, _, f in group.figures if f.year is not None})
    rows = []
    for year in years:
        targets = [(e, p, f) for e, p, f in group.figures if f.kind == "target" and f.year == year]
        target = max(targets, key=_target_rank)[2] if targets else None
        results = [
            (e, p, f)
            for e, p, f in group.figures
            if f.kind == "achieved"
            and f.year == year
            and same_span(f, target)
            and _later(editions[e].year, year)
        ]
        achieved = min(results, key=lambda item: (item[0], item[1]))[2] if results else None
        if target is None and achieved is None:
            continue
        judgement = judge(target, achieved, indicator)
        rows.append(TrackRow(year, target, achieved, judgement.verdict, judgement.rule))
    names = tuple(dict.fromkeys(f.indicator for _, _, f in group.figures))
    return Series(indicator, tuple(rows), names)


def track(
    editions: Sequence[Edition],
    *,
    indicators: Sequence[str] = (),
    canon: Sequence[Indicator] | None = None,
) -> Track:
    """Line up every indicator with a target across the editions (given oldest first), or those asked for.

    `indicators` selects by canonical name, alias or a wording the editions used; an indicator with
    results but no target anywhere is listed only when asked for.
    """
    canon = canonical_indicators() if canon is None else canon
    groups = _group_figures(editions, canon)
    order = {indicator.name: index for index, indicator in enumerate(canon)}
    groups.sort(key=lambda g: order[g.indicator.name] if g.canonical else len(order))  # stable: first seen
    every = [_series(group, editions) for group in groups]
    if indicators:
        chosen = [s for s in every if s.rows and any(s.matches(query) for query in indicators)]
        missing = [q for q in indicators if not any(s.matches(q) for s in chosen)]
        if missing:
            named = [s.name for s in every if any(r.target for r in s.rows)]
            known = ", ".join(named[:12]) + (f" (and {len(named) - 12} more)" if len(named) > 12 else "")
            raise UsageError(
                f"no indicator named {', '.join(missing)} in these documents; "
                f"try a canonical name or one of: {known}"
            )
    else:
        chosen = [s for s in every if any(row.target for row in s.rows)]
    unplaced = sum(
        1 for e in editions for f in e.figures if f.kind in ("target", "achieved") and f.year is None
    )
    return Track(tuple(chosen), tuple(editions), unplaced, mixed_series(editions))


def series_title(title: str | None) -> str:
    """A title without its years and edition marks, so the editions of one series compare equal.

    >>> series_title("2025年山东省政府工作报告"), series_title("政府工作报告（2024年）")
    ('山东省政府工作报告', '政府工作报告')
    """
    if not title:
        return ""
    return re.sub(r"[（(][^（）()]*[）)]|\d{4}(?:[-—–－至]\d{4})?年?|\s", "", title)


def mixed_series(editions: Sequence[Edition]) -> tuple[str, ...]:
    """A warning when the documents look like different series (a province's report beside the nation's)."""
    titles = sorted({e.series for e in editions if e.series})
    if len(titles) < 2:
        return ()
    return (
        f"these documents look like {len(titles)} different series ({'; '.join(titles)}): "
        "a target of one may be paired with a result of another",
    )


# ---------------------------------------------------------------- sources


def registry_editions(path: str | Path) -> list[Edition]:
    """Each document of a clause registry (data/clauses.yaml) as an edition of its recorded targets.

    The registry stores targets, not results, and no source lines: its figures carry line 0.
    """
    from policykit.registry import read_registry

    data = read_registry(Path(path))
    by_document: dict[str, list[Target]] = {doc["id"]: [] for doc in data.get("documents") or ()}
    for entry in data.get("clauses") or ():
        for item in entry.get("targets") or ():
            by_document.setdefault(entry["document"], []).append(
                Target(
                    indicator=str(item["indicator"]),
                    value=float(item["value"]),
                    unit=item.get("unit") or "",
                    comparator=item.get("comparator"),
                    year=item.get("year"),
                    kind="target",
                    text=entry.get("text", ""),
                    quantity=str(item.get("quantity", "")),
                    clause=entry["clause"],
                    line=0,
                    page=None,
                    document=entry["document"],
                    direction=item.get("direction"),
                    upper=item.get("upper"),
                )
            )
    editions = []
    for doc in data.get("documents") or ():
        period = str(doc.get("period") or doc.get("date") or "")
        years = [int(period[i : i + 4]) for i in range(len(period) - 3) if period[i : i + 4].isdigit()]
        editions.append(
            Edition(doc["id"], years[0] if years else None, tuple(by_document[doc["id"]]), str(path))
        )
    return editions


# How far into its sentence a year's review or plan words may stand ("2012年，在…的情况下，…全面实现年初确定的").
_SENTENCE_GAP = 120


# A year as a report writes it: four digits, maybe set apart from 年 by a space ("2024 年", as reprints and PDF text
# give it), and not the deadline of a plan ("到2030年").
_YEAR = r"(?<![\d到至])(?<![到至][ \t\u3000])(\d{4})[ \t\u3000]*年"


@lru_cache(maxsize=1)
def _report_year_patterns() -> tuple[tuple[re.Pattern[str], int], ...]:
    """(pattern, years to add) for the ways a work report dates itself, from data/indicators.yaml, in order."""
    raw = data_yaml("indicators.yaml").get("report_years") or {}
    scopes = "|".join(re.escape(str(word)) for word in raw.get("scopes") or ())
    scope = f"(?:{scopes})?" if scopes else ""
    found = [
        (pattern_cache.compile(rf"{re.escape(str(word))}{_YEAR}"), 1)
        for word in raw.get("reviewed_before") or ()
    ]
    found += [
        (pattern_cache.compile(rf"{_YEAR}{scope}{re.escape(str(w))}"), 1)
        for w in raw.get("reviewed_after") or ()
    ]
    sentence = rf"{_YEAR}[，,]?[^。；;]{{0,{_SENTENCE_GAP}}}?"
    found += [
        (pattern_cache.compile(sentence + re.escape(str(w))), 1)
        for w in raw.get("reviewed_in_sentence") or ()
    ]
    found += [
        (pattern_cache.compile(rf"{_YEAR}{scope}{re.escape(str(w))}"), 0)
        for w in raw.get("planned_after") or ()
    ]
    found += [
        (pattern_cache.compile(sentence + re.escape(str(w))), 0) for w in raw.get("planned_in_sentence") or ()
    ]
    # the year's targets announced ("2025年某市经济增长目标：5%左右", "2025年全省发展主要预期目标是"): a news item
    # quoting a report may carry no other date
    found += [
        (pattern_cache.compile(sentence + re.escape(str(w)) + "[是为：:]"), 0)
        for w in raw.get("planned_announced") or ()
    ]
    return tuple(found)


def report_year(text: str) -> int | None:
    """The year an undated work report speaks from: the one after the year it reviews, else the year it plans.

    >>> report_year("五年来……刚刚过去的2097年，地区生产总值增长5%。"), report_year("二、2098年工作总体部署")
    (2098, 2098)
    >>> report_year("2097年，我们全面实现年初确定的主要目标。"), report_year("2098年是“十九五”开局之年。")
    (2098, 2098)
    >>> report_year("到2030年，森林覆盖率达到45%。") is None
    True
    """
    for pattern, offset in _report_year_patterns():
        found = pattern.search(text)
        if found:
            return int(found.group(1)) + offset
    return None


def document_edition(
    path: str | Path, *, encoding: str | None = None, password: str | None = None
) -> Edition:
    """A document's targets and achieved figures, with the year it speaks from (what 今年 means)."""
    from policykit.pipeline import load_document
    from policykit.targets import extract_targets

    document = load_document(path, encoding=encoding, password=password)
    year = document.metadata.year
    if year is None and document.metadata.period is None:  # a plan's period dates it; a report may not be
        year = report_year(document.text)
    figures = extract_targets(document, include_all=True, year=year)
    return Edition(document.name, year, figures, str(path), series_title(document.metadata.title))


def load_editions(
    paths: Iterable[str | Path], *, encoding: str | None = None, password: str | None = None
) -> list[Edition]:
    """Read documents and registries (folders: the documents below them) into editions, oldest first
    (editions without a year keep their place last)."""
    from policykit.files import documents_in

    editions: list[Edition] = []
    for path in documents_in(paths).files:
        if str(path).lower().endswith(REGISTRY_SUFFIXES):
            editions.extend(registry_editions(path))
        else:
            editions.append(document_edition(path, encoding=encoding, password=password))
    return sorted(editions, key=lambda e: (e.year is None, e.year or 0))


def track_files(
    paths: Sequence[str | Path],
    *,
    indicators: Sequence[str] = (),
    encoding: str | None = None,
    password: str | None = None,
) -> Track:
    """Load documents (and registries) and track their indicators across them."""
    if not paths:
        raise UsageError("give at least one document or registry")
    return track(load_editions(paths, encoding=encoding, password=password), indicators=indicators)


__all__ = [
    "TOLERANCE",
    "VERDICTS",
    "Edition",
    "Indicator",
    "Judgement",
    "Series",
    "Track",
    "TrackRow",
    "canonical_for",
    "canonical_indicators",
    "document_edition",
    "is_flow",
    "judge",
    "load_editions",
    "measured",
    "meets_ceiling",
    "meets_floor",
    "near",
    "parse_indicators",
    "registry_editions",
    "reordered",
    "report_year",
    "same_level",
    "same_span",
    "same_total",
    "spans_years",
    "substituted",
    "tolerance_for",
    "track",
    "track_files",
    "within",
]
