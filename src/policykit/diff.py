"""Diff two editions of a document: align their clause trees, then diff words inside aligned clauses.

Generic diffs fail on Chinese: whitespace splitting turns a one-digit change into a replaced sentence,
character diffs turn 13.5%→14% into 3.5→4, and nothing sees a clause that moved or was renumbered.
Here clauses are aligned first — identical text, then same number and heading, then text similarity
(character bigrams), then splits and merges — and order changes are found with a weighted longest
increasing subsequence, so a moved clause is one `moved` change rather than removed + added.
Inside a changed pair the text is diffed on jieba words in which a number with its unit is one word.
"""

from __future__ import annotations

import difflib
import re
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from policykit.model import Clause, Document, Target
from policykit.zh.chars import squash

CHANGE_TYPES = ("added", "removed", "modified", "moved", "renumbered", "split", "merged")

_EDGE_PUNCT = "。，、；：:;,.！？!? \u3000"
_DATE_PART = re.compile(r"\d(?:年|月)$")
_PHRASE = re.compile(r"[^，。；！？：、\n]*[，。；！？：、\n]|[^，。；！？：、\n]+")

MATCH_THRESHOLD = 0.5
"""Bigram Jaccard above which two unmatched clauses are taken as one clause edited."""
PROBE_GRAMS, PROBE_SHARE = 12, 0.3
"""How many of a clause's rarest bigrams are looked up to find clauses worth comparing with it."""
MOVE_COST = 1000
"""Weight of one clause kept in order, above any text length, so the fewest clauses are called moved."""
CONTAINMENT_THRESHOLD = 0.75
"""Share of the shorter clause's bigrams found in the longer one above which an expanded clause still matches."""
CONTEXT_THRESHOLD = 0.25
"""Lower Jaccard accepted between clauses whose parents are already paired: a paragraph rewritten in place."""
PART_CONTAINMENT = 0.6
"""Share of a part's bigrams that must come from the whole for it to count as a split/merge piece."""
PART_COVERAGE = 0.7
"""Share of the whole's bigrams the pieces must cover together for a split or merge."""


@dataclass(frozen=True)
class Segment:
    """One run of a word diff: `equal` text, or old text replaced/deleted/inserted by new text."""

    op: str
    old: str
    new: str

    def to_dict(self) -> dict:
        return {"op": self.op, "old": self.old, "new": self.new}


@dataclass(frozen=True)
class Change:
    """One clause-level change, with the clauses on each side (two or more on one side for split/merged).

    `segments` is the word diff of old → new text where the text changed (empty otherwise).
    """

    type: str
    old: tuple[Clause, ...]
    new: tuple[Clause, ...]
    segments: tuple[Segment, ...] = ()
    similarity: float = 1.0

    @property
    def text_changed(self) -> bool:
        return any(segment.op != "equal" for segment in self.segments)

    def to_dict(self) -> dict:
        def side(clauses: tuple[Clause, ...]):
            refs = [clause_ref(clause) for clause in clauses]
            return None if not refs else refs[0] if len(refs) == 1 else refs

        record = {"type": self.type, "old": side(self.old), "new": side(self.new)}
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
    def type(self) -> str:
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
class DocumentDiff:
    """Everything that changed between two editions; unchanged clause pairs are only counted."""

    old: Document
    new: Document
    changes: tuple[Change, ...]
    target_changes: tuple[TargetChange, ...] = ()
    unchanged: int = 0
    targets_compared: bool = False

    @property
    def has_differences(self) -> bool:
        return bool(self.changes or self.target_changes)

    def counts(self) -> dict[str, int]:
        """Number of changes of each type (every type listed), unchanged pairs, and target changes in all
        with how many of them are targets added and removed."""
        counts = dict.fromkeys(CHANGE_TYPES, 0)
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
        }


def clause_ref(clause: Clause) -> dict:
    """A clause as evidence: id, number, heading, source line (and page) and its own text."""
    ref = {"id": clause.id, "number": clause.number, "heading": clause.heading, "line": clause.line}
    if clause.page is not None:
        ref["page"] = clause.page
    ref["text"] = clause.text.strip()
    return ref


def target_ref(target: Target) -> dict:
    """A target's comparable fields and the evidence it came from."""

    def number(x: float | None) -> float | int | None:
        return int(x) if x is not None and float(x).is_integer() else x

    ref = {
        "value": number(target.value),
        "upper": number(getattr(target, "upper", None)),
        "unit": target.unit,
        "comparator": target.comparator,
        "year": target.year,
        "quantity": target.quantity,
        "clause": target.clause,
        "line": target.line,
        "text": target.text,
    }
    if target.page is not None:
        ref["page"] = target.page
    return ref


def document_ref(document: Document) -> dict:
    return {"document": document.name, "path": document.path, "title": document.metadata.title}


# ---------------------------------------------------------------- clause keys and similarity


def body_of(clause: Clause) -> str:
    """A clause's own text without its leading number, squashed and trimmed of edge punctuation."""
    text = squash(clause.text)
    number = squash(clause.number)
    if number and text.startswith(number):
        text = text[len(number) :]
    return text.strip(_EDGE_PUNCT)


def bigrams(text: str) -> frozenset[str]:
    """Character bigrams of a text (single characters for one-character texts)."""
    if len(text) < 2:
        return frozenset(text)
    return frozenset(text[i : i + 2] for i in range(len(text) - 1))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a and not b:
        return 1.0
    shared = len(a & b)
    return shared / (len(a) + len(b) - shared)


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


# ---------------------------------------------------------------- alignment


@dataclass
class _Side:
    """One document flattened for alignment: clauses in order, their keys, bigrams and parents."""

    clauses: list[Clause]
    bodies: list[str]
    grams: list[frozenset[str]]
    parent: list[int | None]
    weight: list[int] = field(default_factory=list)
    _postings: dict[str, list[int]] | None = None

    @classmethod
    def of(cls, document: Document) -> _Side:
        clauses: list[Clause] = []
        parent: list[int | None] = []
        index_of: dict[int, int] = {}
        for clause, ancestors in document.walk_with_ancestors():
            index_of[id(clause)] = len(clauses)
            clauses.append(clause)
            parent.append(index_of[id(ancestors[-1])] if ancestors else None)
        bodies = [body_of(clause) for clause in clauses]
        grams = [bigrams(body) for body in bodies]
        # the order check keeps the most clauses in place (fewest moves), text length breaking ties
        return cls(clauses, bodies, grams, parent, [MOVE_COST + len(body) for body in bodies])

    def postings(self) -> dict[str, list[int]]:
        """Bigram → indexes of the clauses containing it, built once."""
        if self._postings is None:
            self._postings = defaultdict(list)
            for index, grams in enumerate(self.grams):
                for gram in grams:
                    self._postings[gram].append(index)
            self._postings = dict(self._postings)
        return self._postings

    def live(self) -> list[int]:
        """Indexes of clauses with text to compare (list containers and the like have none)."""
        return [i for i, body in enumerate(self.bodies) if body]


class _Aligner:
    """Pairs old clauses with new ones in passes from the surest evidence to the weakest."""

    def __init__(self, old: Document, new: Document):
        self.a = _Side.of(old)
        self.b = _Side.of(new)
        self.pair: dict[int, int] = {}
        self.pair_back: dict[int, int] = {}
        self.similarity: dict[int, float] = {}
        self.groups: list[tuple[str, list[int], list[int]]] = []

    def link(self, i: int, j: int, similarity: float) -> None:
        self.pair[i] = j
        self.pair_back[j] = i
        self.similarity[i] = similarity

    def free_old(self) -> list[int]:
        return [i for i in self.a.live() if i not in self.pair and not self._grouped(i, old=True)]

    def free_new(self) -> list[int]:
        return [j for j in self.b.live() if j not in self.pair_back and not self._grouped(j, old=False)]

    def _grouped(self, index: int, *, old: bool) -> bool:
        return any(index in (olds if old else news) for _, olds, news in self.groups)

    def run(self) -> None:
        self.match_identical()
        self.match_split_merge()
        self.match_similar()
        self.match_by_children()
        self.match_in_context()

    def match_identical(self) -> None:
        """Pass 1: identical text (number aside); among repeats prefer the same id, then document order."""
        by_body: dict[str, list[int]] = defaultdict(list)
        for j in self.b.live():
            by_body[self.b.bodies[j]].append(j)
        waiting: dict[str, list[int]] = defaultdict(list)
        for i in self.a.live():
            waiting[self.a.bodies[i]].append(i)
        for body, olds in waiting.items():
            news = by_body.get(body)
            if not news:
                continue
            new_by_id = {self.b.clauses[j].id: j for j in news}
            rest_old = []
            for i in olds:
                j = new_by_id.pop(self.a.clauses[i].id, None)
                if j is None:
                    rest_old.append(i)
                else:
                    self.link(i, j, 1.0)
            # a short heading quoted as a paragraph elsewhere (an index of clauses) is not the clause
            cross_kind = len(body) >= 20
            for i in rest_old:
                kind = self.a.clauses[i].kind
                j = next(
                    (
                        j
                        for j in news
                        if j not in self.pair_back and (cross_kind or self.b.clauses[j].kind == kind)
                    ),
                    None,
                )
                if j is not None:
                    self.link(i, j, 1.0)

    def candidates(self, olds: Sequence[int], news: Sequence[int]) -> dict[int, dict[int, int]]:
        """For each old clause, the new clauses worth comparing with it and how many bigrams they share.

        Only new clauses sharing one of the old clause's rarer bigrams are compared (a prefix filter):
        similar clauses share most bigrams, so they share rare ones too, and the common ones
        (城市, 发展) would put every clause next to every other.
        """
        postings = self.b.postings()
        allowed = set(news)
        shared: dict[int, dict[int, int]] = {}
        for i in olds:
            grams = self.a.grams[i]
            present = sorted((len(postings[g]), g) for g in grams if g in postings)
            probe = present[: max(PROBE_GRAMS, int(len(present) * PROBE_SHARE))]
            found = {j for _, g in probe for j in postings[g] if j in allowed}
            shared[i] = {j: len(grams & self.b.grams[j]) for j in found}
        return shared

    def match_similar(self) -> None:
        """Pass 3: same number and heading, same id, or similar text; best-scoring pairs first."""
        olds, news = self.free_old(), self.free_new()
        shared = self.candidates(olds, news)
        by_id = {self.b.clauses[j].id: j for j in news}
        by_heading: dict[str, list[int]] = defaultdict(list)
        for j in news:
            if self.b.clauses[j].heading:
                by_heading[squash(self.b.clauses[j].heading)].append(j)
        scored: list[tuple[float, float, int, int]] = []
        for i in olds:
            old = self.a.clauses[i]
            size_a = len(self.a.grams[i])
            options = {
                j for j, count in shared[i].items() if count >= 0.3 * min(size_a, len(self.b.grams[j]))
            }
            if old.id in by_id:
                options.add(by_id[old.id])
            heading = squash(old.heading)
            if heading:
                options.update(by_heading.get(heading, ()))
            for j in options:
                new = self.b.clauses[j]
                count = shared[i].get(j, 0)
                similarity = count / (size_a + len(self.b.grams[j]) - count) if count else 0.0
                same_heading = bool(heading) and heading == squash(new.heading)
                same_number = bool(old.number) and squash(old.number) == squash(new.number)
                contained = count / max(1, min(size_a, len(self.b.grams[j])))
                accept = (
                    similarity >= MATCH_THRESHOLD
                    or same_heading
                    or (old.id == new.id and same_number and similarity >= 0.3)
                    or (contained >= CONTAINMENT_THRESHOLD and similarity >= 0.3)
                )
                if accept:
                    same_kind = old.kind == new.kind
                    score = (
                        similarity
                        + 0.5 * same_heading
                        + 0.2 * same_kind
                        + 0.2 * same_number
                        + 0.1 * (old.id == new.id)
                    )
                    scored.append((score, similarity, i, j))
        scored.sort(key=lambda item: (-item[0], item[2], item[3]))
        for _, similarity, i, j in scored:
            if i not in self.pair and j not in self.pair_back:
                self.link(i, j, similarity)

    def match_split_merge(self) -> None:
        """Pass 2: one clause whose text now lies in several clauses (split), or several in one (merged).

        Before similarity matching, which would pair the whole with its largest piece and call the rest new.
        """
        olds, news = self.free_old(), self.free_new()
        if not olds or not news:
            return
        forward = self.candidates(olds, news)
        for i in olds:
            parts = self._parts(self.a.grams[i], forward[i], self.b.grams)
            if parts:
                self.groups.append(("split", [i], parts))
        olds, news = self.free_old(), self.free_new()
        if not olds or not news:
            return
        backward = _Aligner.__new__(_Aligner)
        backward.a, backward.b = self.b, self.a
        reverse = backward.candidates(news, olds)
        for j in news:
            parts = self._parts(self.b.grams[j], reverse[j], self.a.grams)
            if parts:
                self.groups.append(("merged", parts, [j]))

    @staticmethod
    def _parts(whole: frozenset[str], shared: dict[int, int], grams: list[frozenset[str]]) -> list[int]:
        """The pieces that together make up `whole` when no single one does; [] otherwise."""
        if len(whole) < 8:
            return []
        pieces = [
            k
            for k, count in shared.items()
            if len(grams[k]) >= 4 and count >= PART_CONTAINMENT * len(grams[k])
        ]
        if len(pieces) < 2:
            return []
        covered = frozenset().union(*(grams[k] & whole for k in pieces))
        best = max(len(grams[k] & whole) for k in pieces)
        if len(covered) < PART_COVERAGE * len(whole) or best >= PART_COVERAGE * len(whole):
            return []
        return sorted(pieces)

    def match_by_children(self) -> None:
        """Pass 4: a headed clause whose heading was reworded but whose children mostly moved together."""
        olds, news = self.free_old(), set(self.free_new())
        children_a: dict[int, list[int]] = defaultdict(list)
        for i, parent in enumerate(self.a.parent):
            if parent is not None:
                children_a[parent].append(i)
        for i in olds:
            kids = [k for k in children_a.get(i, ()) if k in self.pair]
            if len(kids) < 1 or len(kids) * 2 < len(children_a[i]):
                continue
            parents = Counter(self.b.parent[self.pair[k]] for k in kids)
            j, votes = parents.most_common(1)[0]
            if j is not None and j in news and votes * 2 > len(children_a[i]):
                self.link(i, j, jaccard(self.a.grams[i], self.b.grams[j]))
                news.discard(j)

    def match_in_context(self) -> None:
        """Pass 5: clauses still free under paired parents, matched at a lower similarity."""
        olds, news = self.free_old(), self.free_new()
        if not olds or not news:
            return
        shared = self.candidates(olds, news)
        scored = []
        for i in olds:
            parent = self.a.parent[i]
            if parent is None or parent not in self.pair:
                continue
            for j, count in shared[i].items():
                if self.b.parent[j] != self.pair[parent]:
                    continue
                similarity = count / (len(self.a.grams[i]) + len(self.b.grams[j]) - count)
                if similarity >= CONTEXT_THRESHOLD:
                    scored.append((similarity, i, j))
        scored.sort(key=lambda item: (-item[0], item[1], item[2]))
        for similarity, i, j in scored:
            if i not in self.pair and j not in self.pair_back:
                self.link(i, j, similarity)
        self.match_same_slot()

    def match_same_slot(self) -> None:
        """Pass 6: a clause still free in the same slot on both sides (same id and kind, paired parents,
        similar length) is one clause rewritten, such as the signature date of a yearly notice."""
        by_id = {self.b.clauses[j].id: j for j in self.free_new()}
        for i in self.free_old():
            old = self.a.clauses[i]
            j = by_id.get(old.id)
            if j is None or self.b.clauses[j].kind != old.kind or old.heading or self.b.clauses[j].heading:
                continue  # a reworded heading is a different clause; only unheaded text keeps its slot
            parent = self.a.parent[i]
            if (self.pair.get(parent) if parent is not None else None) != self.b.parent[j]:
                continue
            sizes = len(self.a.bodies[i]), len(self.b.bodies[j])
            if max(sizes) <= 2 * min(sizes):
                self.link(i, j, jaccard(self.a.grams[i], self.b.grams[j]))


def _weighted_lis(pairs: Sequence[tuple[int, int, int]]) -> set[int]:
    """Old indexes of the heaviest run of pairs (old, new, weight) whose new indexes increase with old."""
    if not pairs:
        return set()
    ordered = sorted(pairs)
    ranks = sorted({new for _, new, _ in ordered})
    size = len(ranks)
    tree_best = [0] * (size + 1)
    tree_at = [-1] * (size + 1)
    best_total: list[int] = []
    previous: list[int] = []
    for index, (_, new, weight) in enumerate(ordered):
        rank = bisect_left(ranks, new)  # query prefix [0, rank): strictly smaller new index
        best, at, k = 0, -1, rank
        while k > 0:
            if tree_best[k] > best:
                best, at = tree_best[k], tree_at[k]
            k -= k & -k
        best_total.append(best + weight)
        previous.append(at)
        k = rank + 1
        while k <= size:
            if best_total[index] > tree_best[k]:
                tree_best[k], tree_at[k] = best_total[index], index
            k += k & -k
    index = max(range(len(ordered)), key=best_total.__getitem__)
    keep: set[int] = set()
    while index != -1:
        keep.add(ordered[index][0])
        index = previous[index]
    return keep


def _carried_weights(aligner: _Aligner) -> dict[tuple[int, int], int]:
    """Weigh each pair by its text plus the paired children it carries along (same parent on both sides).

    Moving a section with its paragraphs then costs more than moving one paragraph, so the order check
    calls the paragraph moved rather than the section around it.
    """
    a, b = aligner.a, aligner.b
    weight = dict.fromkeys(aligner.pair, 0)
    for i in aligner.pair:
        weight[i] = a.weight[i]
    for i in sorted(aligner.pair, reverse=True):  # preorder reversed: children before their parent
        parent = a.parent[i]
        if (
            parent is not None
            and parent in aligner.pair
            and aligner.pair[parent] == b.parent[aligner.pair[i]]
        ):
            weight[parent] += weight[i]
    return {(i, aligner.pair[i]): w for i, w in weight.items()}


def align(old: Document, new: Document) -> tuple[list[Change], int]:
    """Align the clause trees and classify every pair; return the changes and the unchanged count."""
    aligner = _Aligner(old, new)
    aligner.run()
    a, b = aligner.a, aligner.b
    in_order = _weighted_lis([(i, j, weight) for (i, j), weight in _carried_weights(aligner).items()])
    moved = {i for i in aligner.pair if i not in in_order}

    def carried(i: int) -> bool:
        """A clause that moved only because its parent moved with it."""
        parent = a.parent[i]
        return (
            parent is not None and parent in moved and aligner.pair.get(parent) == b.parent[aligner.pair[i]]
        )

    ranked: list[tuple[tuple[int, int], Change]] = []
    unchanged = 0
    for i, j in aligner.pair.items():
        old_clause, new_clause = a.clauses[i], b.clauses[j]
        text_changed = squash(old_clause.text) != squash(new_clause.text)
        renumbered = squash(old_clause.number) != squash(new_clause.number)
        body_changed = a.bodies[i] != b.bodies[j]
        if i in moved and not carried(i):
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
    for kind, olds, news in aligner.groups:
        change = Change(kind, tuple(a.clauses[i] for i in olds), tuple(b.clauses[j] for j in news))
        ranked.append(((news[0], olds[0]), change))
    grouped_old = {i for _, olds, _ in aligner.groups for i in olds}
    grouped_new = {j for _, _, news in aligner.groups for j in news}
    for j in b.live():
        if j not in aligner.pair_back and j not in grouped_new:
            ranked.append(((j, -1), Change("added", (), (b.clauses[j],), similarity=0.0)))
    for i in a.live():
        if i not in aligner.pair and i not in grouped_old:
            ranked.append(
                (_removed_position(i, aligner), Change("removed", (a.clauses[i],), (), similarity=0.0))
            )
    ranked.sort(key=lambda item: item[0])
    return [change for _, change in ranked], unchanged


def _removed_position(i: int, aligner: _Aligner) -> tuple[int, int]:
    """Place a removed clause after the new counterpart of the nearest matched clause before it."""
    for k in range(i - 1, -1, -1):
        if k in aligner.pair:
            return aligner.pair[k], i
    return -1, i


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


def target_changes(old_targets: Iterable[Target], new_targets: Iterable[Target]) -> list[TargetChange]:
    """Pair targets by indicator (and kind, in order); report pairs whose value, unit, comparator or year
    moved, then the new edition's unpaired targets as added and the old edition's as removed.

    Only targets of kind 'target' are reported added or removed: achieved results and other figures
    come and go with every edition's review of the past year.
    """
    olds, news = list(old_targets), list(new_targets)
    waiting: dict[tuple[str, str], list[int]] = defaultdict(list)
    for index, target in enumerate(news):
        waiting[_target_key(target)].append(index)
    changed: list[TargetChange] = []
    paired_new: set[int] = set()
    unpaired_old: set[int] = set()
    for index, target in enumerate(olds):
        pool = waiting.get(_target_key(target))
        if not pool:
            unpaired_old.add(index)
            continue
        same_unit = [j for j in pool if news[j].unit == target.unit]
        counterpart = (same_unit or pool)[0]
        pool.remove(counterpart)
        paired_new.add(counterpart)
        change = TargetChange(target.indicator, target, news[counterpart])
        if change.fields:
            changed.append(change)
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
    changes, unchanged = align(old, new)
    found: list[TargetChange] = []
    if targets:
        from policykit.targets import extract_targets

        found = target_changes(extract_targets(old), extract_targets(new))
    return DocumentDiff(old, new, tuple(changes), tuple(found), unchanged, targets)


__all__ = [
    "CHANGE_TYPES",
    "Change",
    "DocumentDiff",
    "Segment",
    "TargetChange",
    "align",
    "diff_documents",
    "diff_tokens",
    "near_names",
    "target_changes",
    "word_diff",
]
