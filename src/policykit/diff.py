"""Diff two editions of a document: align their clause trees, then diff words inside aligned clauses.

Generic diffs fail on Chinese: whitespace splitting turns a one-digit change into a replaced sentence,
character diffs turn 13.5%→14% into 3.5→4, and nothing sees a clause that moved or was renumbered.
Here clauses are aligned first (`policykit.align`: identical text, splits and merges, same number and
heading, text similarity, then order by a weighted longest increasing subsequence), so a moved clause is
one `moved` change rather than removed + added. Inside a changed pair the text is diffed on jieba words
in which a number with its unit is one word.
"""

from __future__ import annotations

import difflib
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal, get_args

from policykit import pattern_cache
from policykit.align import (
    Aligner,
    align_clauses,
    bigrams,
    jaccard,
    moved_pairs,
    number_key,
    removed_position,
)
from policykit.model import Clause, Document, Target
from policykit.zh.chars import squash

ChangeType = Literal["added", "removed", "modified", "moved", "renumbered", "split", "merged"]
"""How a clause changed between editions; split and merged have several clauses on one side."""
CHANGE_TYPES: tuple[ChangeType, ...] = get_args(ChangeType)
TargetChangeType = Literal["changed", "added", "removed"]
SegmentOp = Literal["equal", "replace", "delete", "insert"]

_DATE_PART = pattern_cache.compile(r"\d(?:年|月)$")
_PHRASE = pattern_cache.compile(r"[^，。；！？：、\n]*[，。；！？：、\n]|[^，。；！？：、\n]+")


@dataclass(frozen=True)
class Segment:
    """One run of a word diff: `equal` text, or old text replaced/deleted/inserted by new text."""

    op: SegmentOp
    old: str
    new: str

    def to_dict(self) -> dict:
        return {"op": self.op, "old": self.old, "new": self.new}


@dataclass(frozen=True)
class Change:
    """One clause-level change, with the clauses on each side (two or more on one side for split/merged).

    `segments` is the word diff of old → new text where the text changed (empty otherwise).
    """

    type: ChangeType
    old: tuple[Clause, ...]
    new: tuple[Clause, ...]
    segments: tuple[Segment, ...] = ()
    similarity: float = 1.0

    @property
    def text_changed(self) -> bool:
        return any(segment.op != "equal" for segment in self.segments)

    def to_dict(self) -> dict:
        def side(clauses: tuple[Clause, ...]) -> dict | list[dict] | None:
            refs = [clause.to_dict(evidence=True) for clause in clauses]
            return None if not refs else refs[0] if len(refs) == 1 else refs

        record: dict = {"type": self.type, "old": side(self.old), "new": side(self.new)}
        if self.type in ("modified", "moved", "renumbered"):
            record["text_changed"] = self.text_changed
            record["similarity"] = round(self.similarity, 3)
        if self.text_changed:
            record["segments"] = [segment.to_dict() for segment in self.segments]
        return record


@dataclass(frozen=True)
class TargetChange:
    """A target on both sides with a different value (or range top), unit, comparator or year, or on one side only.

    `old` is None for a target the new edition added, `new` is None for one it dropped.
    """

    indicator: str
    old: Target | None
    new: Target | None

    @property
    def type(self) -> TargetChangeType:
        """'changed', 'added' (no old target) or 'removed' (no new target)."""
        return "added" if self.old is None else "removed" if self.new is None else "changed"

    @property
    def fields(self) -> tuple[str, ...]:
        """The fields that differ: value, unit, comparator, year (none for an added or removed target)."""
        if self.old is None or self.new is None:
            return ()
        return tuple(
            name
            for name in ("value", "upper", "unit", "comparator", "year")
            if getattr(self.old, name, None) != getattr(self.new, name, None)
        )

    def to_dict(self) -> dict:
        return {
            "type": self.type,
            "indicator": self.indicator,
            "changed": list(self.fields),
            "old": target_ref(self.old) if self.old is not None else None,
            "new": target_ref(self.new) if self.new is not None else None,
        }


@dataclass(frozen=True)
class NumberingChange:
    """One level's numbering typed in another style throughout (一、二、 → 第一节 第二节): one note for the
    level rather than a renumbering per clause. `old_style` and `new_style` show the style by the first
    restyled clause's number; `count` is how many paired clauses changed style."""

    old_style: str
    new_style: str
    count: int

    def to_dict(self) -> dict:
        return {"old": self.old_style, "new": self.new_style, "clauses": self.count}


@dataclass(frozen=True)
class DocumentDiff:
    """Everything that changed between two editions; unchanged clause pairs are only counted."""

    old: Document
    new: Document
    changes: tuple[Change, ...]
    target_changes: tuple[TargetChange, ...] = ()
    unchanged: int = 0
    targets_compared: bool = False
    numbering: tuple[NumberingChange, ...] = ()

    @property
    def has_differences(self) -> bool:
        return bool(self.changes or self.target_changes or self.numbering)

    def counts(self) -> dict[str, int]:
        """Number of changes of each type (every type listed), unchanged pairs, and target changes in all
        with how many of them are targets added and removed."""
        counts: dict[str, int] = dict.fromkeys(CHANGE_TYPES, 0)
        for change in self.changes:
            counts[change.type] += 1
        counts["unchanged"] = self.unchanged
        counts["target_changes"] = len(self.target_changes)
        counts["targets_added"] = sum(change.type == "added" for change in self.target_changes)
        counts["targets_removed"] = sum(change.type == "removed" for change in self.target_changes)
        return counts

    def to_dict(self) -> dict:
        return {
            "old": document_ref(self.old),
            "new": document_ref(self.new),
            "summary": self.counts(),
            "changes": [change.to_dict() for change in self.changes],
            "target_changes": [change.to_dict() for change in self.target_changes],
            "numbering": [note.to_dict() for note in self.numbering],
        }


_TARGET_REF_FIELDS = ("value", "upper", "unit", "comparator", "year", "quantity", "clause", "line", "text")


def target_ref(target: Target) -> dict:
    """A target's comparable fields and the evidence it came from: a projection of `Target.to_dict`."""
    record = target.to_dict()
    ref = {key: record[key] for key in _TARGET_REF_FIELDS}
    if target.page is not None:
        ref["page"] = target.page
    return ref


def document_ref(document: Document) -> dict:
    """A document as a diff names it: name, path and title."""
    return {"document": document.name, "path": document.path, "title": document.metadata.title}


# ---------------------------------------------------------------- word diff


def diff_tokens(text: str) -> list[str]:
    """Split text into jieba words, keeping each number with its magnitude, unit or % as one word.

    A date such as 2026年6月 stays one word too, so a changed deadline is one change.
    """
    from policykit.zh.numerals import find_quantities
    from policykit.zh.segment import cut

    spans: list[list[int]] = []
    for quantity in find_quantities(text):
        joins_date = quantity.unit in ("月", "日") and bool(spans) and spans[-1][1] == quantity.start
        if joins_date and _DATE_PART.search(text[spans[-1][0] : spans[-1][1]]):
            spans[-1][1] = quantity.end
        else:
            spans.append([quantity.start, quantity.end])
    words: list[str] = []
    position = 0
    for start, end in spans:
        if start > position:
            words.extend(cut(text[position:start]))
        words.append(text[start:end])
        position = end
    if position < len(text):
        words.extend(cut(text[position:]))
    return words


def word_diff(old: str, new: str) -> tuple[Segment, ...]:
    """Diff two texts word by word; short equal runs between two edits are folded into one edit.

    Phrases (text between Chinese punctuation) are compared first, and only phrases that differ are
    segmented with jieba: a revised 50 KB report keeps most of its phrases, and segmentation is the
    expensive step.
    """
    old_phrases, new_phrases = _PHRASE.findall(old), _PHRASE.findall(new)
    raw: list[Segment] = []
    matcher = difflib.SequenceMatcher(None, old_phrases, new_phrases, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        old_part, new_part = "".join(old_phrases[i1:i2]), "".join(new_phrases[j1:j2])
        if op != "replace":
            raw.append(Segment(op, old_part, new_part))
            continue
        old_words, new_words = diff_tokens(old_part), diff_tokens(new_part)
        words = difflib.SequenceMatcher(None, old_words, new_words, autojunk=False)
        for word_op, a1, a2, b1, b2 in words.get_opcodes():
            raw.append(Segment(word_op, "".join(old_words[a1:a2]), "".join(new_words[b1:b2])))
    return _fold(_merge_equal(raw))


def _merge_equal(segments: list[Segment]) -> list[Segment]:
    """Join neighbouring equal runs (phrase-level and word-level diffs meet at phrase edges)."""
    out: list[Segment] = []
    for segment in segments:
        if not segment.old and not segment.new:
            continue
        if out and segment.op == "equal" and out[-1].op == "equal":
            out[-1] = Segment("equal", out[-1].old + segment.old, out[-1].new + segment.new)
        else:
            out.append(segment)
    return out


def _fold(segments: list[Segment]) -> tuple[Segment, ...]:
    """Fold an equal run of one or two characters between two edits into the edit around it.

    Word diffs of rewritten Chinese sentences otherwise alternate edit/的/edit/，/edit, which is harder
    to read than one replaced phrase.
    """
    out: list[Segment] = []
    for index, segment in enumerate(segments):
        bridge = (
            segment.op == "equal"
            and len(squash(segment.old)) <= 2
            and 0 < index < len(segments) - 1
            and out
            and out[-1].op != "equal"
            and segments[index + 1].op != "equal"
        )
        if bridge:
            previous = out.pop()
            out.append(Segment("replace", previous.old + segment.old, previous.new + segment.new))
            continue
        if out and segment.op != "equal" and out[-1].op != "equal":
            previous = out.pop()
            segment = Segment("replace", previous.old + segment.old, previous.new + segment.new)
        out.append(segment)
    return tuple(
        Segment("delete" if not s.new else "insert" if not s.old else s.op, s.old, s.new)
        if s.op == "replace"
        else s
        for s in out
    )


# ---------------------------------------------------------------- alignment → changes


def _style_of(number: str) -> tuple[str, int] | None:
    """A clause number's numbering style and ordinal (cn_dun 1 for 一、, subsection 1 for 第一节)."""
    from policykit.zh.numbering import match_numbering

    found = match_numbering(number.strip()) if number.strip() else None
    return (found.style.name, found.ordinal) if found is not None else None


def restyled_numbering(aligner: Aligner) -> tuple[set[int], list[NumberingChange]]:
    """Pairs whose number only changed style with a whole level (kept ordinal), and one note per level.

    A level is restyled when at least two paired clauses moved from one style to another and they are
    most of the old edition's clauses in that style: an editor who retypes 一、二、 as 第一节 第二节 made
    one change, not one per heading. A pair whose ordinal moved too (a heading deleted before it) is
    still renumbered. Styles a layout swaps (一、 and Ⅰ., （一） and (一)) are no change at all.
    """
    a, b = aligner.a, aligner.b
    styles_a = [_style_of(clause.number) for clause in a.clauses]
    in_style = Counter(style[0] for style in styles_a if style is not None)
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, j in aligner.pair.items():
        old, new = styles_a[i], _style_of(b.clauses[j].number)
        if old is None or new is None or old[0] == new[0]:
            continue
        if number_key(a.clauses[i].number) != number_key(b.clauses[j].number):
            groups[(old[0], new[0])].append(i)
    kept: set[int] = set()
    notes: list[NumberingChange] = []
    for (old_style, _), members in groups.items():
        if len(members) < 2 or 2 * len(members) <= in_style[old_style]:
            continue
        first = min(members)
        new_number = b.clauses[aligner.pair[first]].number.strip()
        notes.append(NumberingChange(a.clauses[first].number.strip(), new_number, len(members)))
        for i in members:
            same = _style_of(b.clauses[aligner.pair[i]].number)
            if same is not None and same[1] == styles_a[i][1]:  # type: ignore[index]
                kept.add(i)
    return kept, sorted(notes, key=lambda note: note.old_style)


def align(old: Document, new: Document) -> tuple[list[Change], int]:
    """Align the clause trees and classify every pair; return the changes and the unchanged count."""
    changes, unchanged, _ = _align(old, new)
    return changes, unchanged


def _align(old: Document, new: Document) -> tuple[list[Change], int, list[NumberingChange]]:
    """Align and classify (see `align`), with the numbering levels typed in a new style."""
    aligner = align_clauses(old, new)
    a, b = aligner.a, aligner.b
    moved = moved_pairs(aligner)
    restyled, notes = restyled_numbering(aligner)
    ranked: list[tuple[tuple[int, int], Change]] = []
    unchanged = 0
    for i, j in aligner.pair.items():
        old_clause, new_clause = a.clauses[i], b.clauses[j]
        if i in aligner.rebroken and i not in moved:
            unchanged += len(aligner.rebroken[i][0])  # one text, broken into paragraphs elsewhere
            continue
        numbers = number_key(old_clause.number), number_key(new_clause.number)
        if i in restyled:
            numbers = (numbers[0], numbers[0])
        text_changed = numbers[0] != numbers[1] or a.full[i] != b.full[j]
        # a number dropped or given (a dash item now a paragraph) is an edit of the text, not a renumbering
        renumbered = all(numbers) and numbers[0] != numbers[1]
        body_changed = a.bodies[i] != b.bodies[j]
        kind: ChangeType
        if i in moved:
            kind = "moved"
        elif renumbered:
            kind = "renumbered"
        elif body_changed or text_changed:
            kind = "modified"
        else:
            unchanged += 1
            continue
        segments = word_diff(old_clause.text.strip(), new_clause.text.strip()) if text_changed else ()
        if kind == "moved" and not body_changed and not renumbered:
            segments = ()
        change = Change(kind, (old_clause,), (new_clause,), segments, aligner.similarity[i])
        ranked.append(((j, i), change))
    for group, olds, news in aligner.groups:
        change = Change(group, tuple(a.clauses[i] for i in olds), tuple(b.clauses[j] for j in news))
        ranked.append(((news[0], olds[0]), change))
    for j in b.live():
        if j not in aligner.pair_back and not aligner.grouped(j, old=False):
            ranked.append(((j, -1), Change("added", (), (b.clauses[j],), similarity=0.0)))
    for i in a.live():
        if i not in aligner.pair and not aligner.grouped(i, old=True):
            ranked.append(
                (removed_position(i, aligner), Change("removed", (a.clauses[i],), (), similarity=0.0))
            )
    ranked.sort(key=lambda item: item[0])
    return [change for _, change in ranked], unchanged, notes


# ---------------------------------------------------------------- targets


def _indicator_key(indicator: str) -> str:
    return squash(indicator)


def _target_key(target: Target) -> tuple[str, str]:
    return _indicator_key(target.indicator), target.kind


def _restatements(targets: Sequence[Target], unpaired: set[int]) -> set[int]:
    """Unpaired targets that repeat a target of the same edition stated earlier (a summary restating a goal).

    Such a repeat is not a target one edition has and the other lacks, so it is not reported added or removed.
    """
    seen: set[tuple] = set()
    repeats: set[int] = set()
    for index, target in enumerate(targets):
        same = (*_target_key(target), target.value, target.upper, target.unit, target.comparator, target.year)
        if index in unpaired and same in seen:
            repeats.add(index)
        seen.add(same)
    return repeats


def near_names(old: str, new: str) -> bool:
    """Two wordings of one indicator: one holds the other (at least 4 characters), or they differ by a word.

    >>> near_names("城乡居民基础养老金月最低标准", "城乡居民基础养老金最低标准"), near_names("投资", "交通投资")
    (True, False)
    """
    a, b = _indicator_key(old), _indicator_key(new)
    shorter, longer = sorted((a, b), key=len)
    if len(shorter) >= 4 and shorter in longer:
        return True
    return difflib.SequenceMatcher(None, a, b).ratio() >= 0.8


def _renamed_pairs(
    olds: Sequence[Target], news: Sequence[Target], unpaired_old: set[int], unpaired_new: set[int]
) -> list[tuple[int, int]]:
    """Pair leftover targets whose indicators are two wordings of one name, same kind and unit, in order.

    Extraction may name a goal a little differently in two editions (居民医保人均财政补助标准 / 居民医保);
    such a pair is one target that changed, not one removed and one added.
    """
    pairs = []
    taken: set[int] = set()
    for i in sorted(unpaired_old):
        for j in sorted(unpaired_new - taken):
            old, new = olds[i], news[j]
            if old.kind == new.kind and old.unit == new.unit and near_names(old.indicator, new.indicator):
                pairs.append((i, j))
                taken.add(j)
                break
    return pairs


def _pair_by_sentence(olds: Sequence[Target], news: Sequence[Target]) -> dict[int, int]:
    """Pair targets of one indicator across editions: same unit first, then those stated in the most
    similar sentences, then in order.

    An indicator as general as 项目 or 投资 recurs in many sentences of a yearly report; pairing its
    mentions in order pairs a road programme's 2 projects with an industrial plan's 3900.
    """
    grams_old = [bigrams(squash(t.text)) for t in olds]
    grams_new = [bigrams(squash(t.text)) for t in news]
    scored = sorted(
        (olds[i].unit != news[j].unit, -jaccard(grams_old[i], grams_new[j]), i, j)
        for i in range(len(olds))
        for j in range(len(news))
    )
    pairs: dict[int, int] = {}
    taken: set[int] = set()
    for _, _, i, j in scored:
        if i not in pairs and j not in taken:
            pairs[i] = j
            taken.add(j)
    return pairs


def target_changes(old_targets: Iterable[Target], new_targets: Iterable[Target]) -> list[TargetChange]:
    """Pair targets by indicator and kind (by the sentences they are stated in, then in order); report pairs
    whose value, unit, comparator or year moved, then the new edition's unpaired targets as added and the old edition's as removed.

    Only targets of kind 'target' are reported added or removed: achieved results and other figures
    come and go with every edition's review of the past year.
    """
    olds, news = list(old_targets), list(new_targets)
    pools: dict[tuple[str, str], tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    for index, target in enumerate(olds):
        pools[_target_key(target)][0].append(index)
    for index, target in enumerate(news):
        pools[_target_key(target)][1].append(index)
    paired: dict[int, int] = {}
    for old_ids, new_ids in pools.values():
        found = _pair_by_sentence([olds[i] for i in old_ids], [news[j] for j in new_ids])
        paired.update({old_ids[a]: new_ids[b] for a, b in found.items()})
    changed: list[TargetChange] = []
    for index in sorted(paired):
        change = TargetChange(olds[index].indicator, olds[index], news[paired[index]])
        if change.fields:
            changed.append(change)
    paired_new = set(paired.values())
    unpaired_old = set(range(len(olds))) - set(paired)
    unpaired_new = set(range(len(news))) - paired_new
    for i, j in _renamed_pairs(olds, news, unpaired_old, unpaired_new):
        unpaired_old.discard(i)
        unpaired_new.discard(j)
        change = TargetChange(olds[i].indicator, olds[i], news[j])
        if change.fields:
            changed.append(change)
    unpaired_new -= _restatements(news, unpaired_new)
    unpaired_old -= _restatements(olds, unpaired_old)
    added = [
        TargetChange(news[j].indicator, None, news[j])
        for j in sorted(unpaired_new)
        if news[j].kind == "target"
    ]
    removed = [
        TargetChange(olds[i].indicator, olds[i], None)
        for i in sorted(unpaired_old)
        if olds[i].kind == "target"
    ]
    return [*changed, *added, *removed]


# ---------------------------------------------------------------- entry point


def diff_documents(old: Document, new: Document, *, targets: bool = True) -> DocumentDiff:
    """Compare two editions of a document: clause changes (with word diffs) and target changes."""
    changes, unchanged, notes = _align(old, new)
    found: list[TargetChange] = []
    if targets:
        from policykit.targets import extract_targets

        found = target_changes(extract_targets(old), extract_targets(new))
    return DocumentDiff(old, new, tuple(changes), tuple(found), unchanged, targets, tuple(notes))


__all__ = [
    "CHANGE_TYPES",
    "Change",
    "ChangeType",
    "DocumentDiff",
    "NumberingChange",
    "Segment",
    "TargetChange",
    "align",
    "diff_documents",
    "diff_tokens",
    "near_names",
    "target_changes",
    "word_diff",
]
