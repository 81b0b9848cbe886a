"""Align two editions' clause trees: which old clause became which new one, and which pairs moved.

Clauses are paired in passes from the surest evidence to the weakest — identical text, then splits and
merges, then same number and heading or similar text (character bigrams), then reworded headings whose
children moved together, then clauses rewritten in place under paired parents. Order changes are found
with a weighted longest increasing subsequence, so a moved clause is one move rather than removed + added.
`policykit.diff` turns the alignment into changes; the registry uses it to carry uids across editions.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from typing import Literal

from policykit import pattern_cache
from policykit.gongwen import is_page_number
from policykit.model import Clause, ClauseKind, Document
from policykit.zh.chars import squash
from policykit.zh.numbering import TOC_LEADER, TOC_WORDS, chinese_ordinal, match_numbering

GroupKind = Literal["split", "merged"]
"""One old clause whose text now lies in several new ones, or several old ones joined into one."""

_EDGE_PUNCT = "。，、；：:;,.！？!? \u3000"
_NUMBER_MARKS = "()[]【】〔〕<>、.,:;·"
"""What a clause number wears around its ordinal, after NFKC (（一） → (一), １． → 1.)."""
_ORDINAL = pattern_cache.compile(r"\d+|[零〇一二两三四五六七八九十百千]+|[IVX]+")
"""A bare ordinal after NFKC (Ⅳ → IV, ① → 1), read as a number so that 一、 and 1. and Ⅰ. agree."""
_SENTENCE_END = "。！？；：!?;:"
_HEADING_STOPS = "。．.：:"
"""What a run-in heading ends with before its text, and loses when set on a line of its own."""
_CLOSERS = "”’」』）)》〉】"
REJOIN_PIECES = 60
"""Most paragraphs one side may cut a text into: a scrape that breaks at every link or subscript."""

MATCH_THRESHOLD = 0.5
"""Bigram Jaccard above which two unmatched clauses are taken as one clause edited."""
PROBE_GRAMS, PROBE_SHARE = 12, 0.3
"""How many of a clause's rarest bigrams are looked up to find clauses worth comparing with it."""
MOVE_COST = 10**15
"""Weight of one clause kept in order, above any sum of the lesser weights, so the fewest clauses are called moved."""
PARENT_KEPT = 10**9
"""Weight of a clause kept under its old parent: of two moves as few, the clause that changed parent moved."""
LENGTH_CAP = 10**4
"""Text length counted towards a clause's weight (longer texts kept in place break the last ties)."""
CONTAINMENT_THRESHOLD = 0.75
"""Share of the shorter clause's bigrams found in the longer one above which an expanded clause still matches."""
IN_PLACE_CONTAINMENT = 0.5
"""Share of a clause's bigrams kept by the clause at its own id and number above which it was rewritten there
and grew (1、推动绿色发展的 → 1.推动绿色发展，包括…): one clause modified, however much was added."""
CONTEXT_THRESHOLD = 0.25
"""Lower Jaccard accepted between clauses whose parents are already paired: a paragraph rewritten in place."""
SLOT_LONG, SLOT_FLOOR = 30, 0.1
"""Texts this long that share fewer bigrams than this are not one clause rewritten, whatever their slot."""
PART_CONTAINMENT = 0.6
"""Share of a part's bigrams that must come from the whole for it to count as a split/merge piece."""
PART_COVERAGE = 0.7
"""Share of the whole's bigrams the pieces must cover together for a split or merge."""

# ---------------------------------------------------------------- clause keys and similarity


_PUNCT_WIDTH_TABLE = str.maketrans(
    {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
)
"""ASCII punctuation and the full-width mark a Chinese text means by it (never the full stop: 1.5 stays)."""


def fold_punct_width(text: str) -> str:
    """Write ASCII commas, colons, brackets and the like as their full-width marks, as a comparison key.

    Two editions that differ only in the width of a mark say the same thing.

    >>> fold_punct_width("停车管理,保障通行(试行):第1.5条")
    '停车管理，保障通行（试行）：第1.5条'
    """
    return text.translate(_PUNCT_WIDTH_TABLE)


def number_key(number: str) -> str:
    """A clause number as layouts cannot change it: its ordinal, and whether brackets enclose it.

    Typists and converters write one number as （一）, (一) or 一), as 一、, 一． or Ⅰ., as 1. or １、;
    none of that is a renumbering.

    >>> [number_key(n) for n in ("（一）", "(一)", "一)", "一、", "一．", "Ⅰ.", "１．", "（1）", "①", "第五条")]
    ['()1', '()1', '()1', '1', '1', '1', '1', '()1', '()1', '第五条']
    """
    plain = squash(unicodedata.normalize("NFKC", number))
    circled = bool(number) and "CIRCLED" in unicodedata.name(number[0], "")
    enclosed = circled or any(mark in plain for mark in "()")
    core = plain.strip(_NUMBER_MARKS)
    if _ORDINAL.fullmatch(core):  # 第五条, 1.2, ——: compared as written
        with suppress(ValueError):  # 十四五 reads as no number
            core = str(chinese_ordinal(core))
    return ("()" if enclosed else "") + core


def full_of(clause: Clause, heads: frozenset[str] = frozenset()) -> str:
    """A clause's own text without its number, squashed, edge punctuation kept; what a layout cannot change.

    A table drops the page numbers and running heads (`heads`) it kept among its cells: the parser
    cannot lift furniture out of a grid of one-cell lines, and a page break falls where it falls.
    """
    text = clause.text
    if clause.kind == "table":
        text = "\n".join(
            line for line in text.split("\n") if not is_page_number(line) and line.strip() not in heads
        )
    text = squash(text)
    number = squash(clause.number)
    if number and text.startswith(number):
        text = text[len(number) :]
    return fold_punct_width(text)  # 管理,保障 and 管理，保障: one text in two widths


def body_of(clause: Clause) -> str:
    """A clause's own text without its leading number, squashed and trimmed of edge punctuation."""
    return full_of(clause).strip(_EDGE_PUNCT)


def ends_sentence(text: str) -> bool:
    """Tell whether text ends a sentence (or a lead-in before a colon), closing quotes aside.

    >>> ends_sentence("确保按期完成。”"), ends_sentence("重点地区细颗粒物（PM")
    (True, False)
    """
    return text.rstrip(_CLOSERS)[-1:] in tuple(_SENTENCE_END)


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


# ---------------------------------------------------------------- alignment


@dataclass
class Side:
    """One document flattened for alignment: clauses in order, their keys, bigrams and parents."""

    clauses: list[Clause]
    bodies: list[str]
    grams: list[frozenset[str]]
    parent: list[int | None]
    weight: list[int] = field(default_factory=list)
    full: list[str] = field(default_factory=list)
    _postings: dict[str, list[int]] | None = None

    @classmethod
    def of(cls, document: Document) -> Side:
        clauses: list[Clause] = []
        parent: list[int | None] = []
        index_of: dict[int, int] = {}
        entries: frozenset[str] | None = None
        for clause, ancestors in document.walk_with_ancestors():
            above = index_of.get(id(ancestors[-1])) if ancestors else None  # a 目录 is never a parent
            if clause.kind == "toc":
                entries = heading_keys(document) if entries is None else entries
                lead = above is None and all(c.kind == "preamble" for c in clauses)
                for piece in toc_leftovers(clause, entries, document, lead=lead):
                    clauses.append(piece)
                    parent.append(above)
                continue
            index_of[id(clause)] = len(clauses)
            clauses.append(clause)
            parent.append(above)
        heads = frozenset(f.text.strip() for f in document.furniture if f.field == "running_head")
        full = [full_of(clause, heads) for clause in clauses]
        bodies = [text.strip(_EDGE_PUNCT) for text in full]
        grams = [bigrams(body) for body in bodies]
        # the order check keeps the most clauses in place (fewest moves), text length breaking ties
        return cls(
            clauses, bodies, grams, parent, [MOVE_COST + min(len(body), LENGTH_CAP) for body in bodies], full
        )

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


def heading_keys(document: Document) -> frozenset[str]:
    """How a 目录 may name each headed clause: its first line whole, its heading, or its number and heading."""
    keys: set[str] = set()
    for clause in document.walk():
        if clause.kind == "toc" or not (clause.heading or clause.number):
            continue
        first = clause.text.strip().split("\n", 1)[0]
        keys.update(
            key
            for key in (squash(first), squash(clause.heading), squash(clause.number + clause.heading))
            if key
        )
    return frozenset(keys)


def toc_leftovers(
    toc: Clause, entries: frozenset[str], document: Document, *, lead: bool = False
) -> list[Clause]:
    """The lines of a 目录 clause that are not its entries, each as a paragraph (a preamble paragraph
    where the 目录 leads the document: `lead`); the entries are dropped.

    A 目录 only repeats the headings, so a diff compares the headings themselves, and a 目录 added to
    one edition changes no clause. The parser runs a 目录 block on to the first heading it lists, so
    text between the two (a notice's lead, a report's salutation) lies in it: that text is kept.
    """
    pieces: list[Clause] = []
    offset = 0
    for line in toc.text.split("\n"):
        at, offset = offset, offset + len(line) + 1
        key = squash(TOC_LEADER.sub("", line))
        if not key or key in TOC_WORDS or key in entries or _numbered_entry(line, entries):
            continue
        start = toc.start + at
        number, page = document.locate(start)
        kind: ClauseKind = "preamble" if lead else "paragraph"
        pieces.append(Clause(f"{toc.id}.p{len(pieces) + 1}", kind, "", "", line + "\n", start, number, page))
    return pieces


def _numbered_entry(line: str, entries: frozenset[str]) -> bool:
    """Tell whether a 目录 line names a heading under another number or none (一、总则 for 第一章 总则)."""
    numbering = match_numbering(line.strip())
    rest = squash(TOC_LEADER.sub("", numbering.rest)) if numbering is not None else ""
    return bool(rest) and rest in entries


@dataclass
class Run:
    """Consecutive clauses on each side whose texts, joined, are one text; where each side cuts it."""

    olds: list[int]
    news: list[int]
    cuts_a: list[int]
    cuts_b: list[int]
    text: str = ""


def _heading_only(side: Side, index: int) -> bool:
    """Tell whether a clause is a heading alone on its line: its text is its heading."""
    heading = fold_punct_width(squash(side.clauses[index].heading))
    return bool(heading) and side.full[index].strip(_EDGE_PUNCT) == heading


class Aligner:
    """Pairs old clauses with new ones in passes from the surest evidence to the weakest."""

    def __init__(self, old: Document, new: Document):
        self.a = Side.of(old)
        self.b = Side.of(new)
        self.pair: dict[int, int] = {}
        self.pair_back: dict[int, int] = {}
        self.similarity: dict[int, float] = {}
        self.groups: list[tuple[GroupKind, list[int], list[int]]] = []
        self.rebroken: dict[int, tuple[list[int], list[int]]] = {}
        """Old first piece → (old pieces, new pieces) of one text broken into paragraphs elsewhere."""
        self._taken_old: set[int] = set()
        self._taken_new: set[int] = set()

    def link(self, i: int, j: int, similarity: float) -> None:
        self.pair[i] = j
        self.pair_back[j] = i
        self.similarity[i] = similarity

    def free_old(self) -> list[int]:
        return [i for i in self.a.live() if i not in self.pair and not self.grouped(i, old=True)]

    def free_new(self) -> list[int]:
        return [j for j in self.b.live() if j not in self.pair_back and not self.grouped(j, old=False)]

    def grouped(self, index: int, *, old: bool) -> bool:
        """Tell whether a clause is in a split or merge, or is a later piece of a rebroken text."""
        return index in (self._taken_old if old else self._taken_new)

    def add_group(self, kind: GroupKind, olds: list[int], news: list[int]) -> None:
        self.groups.append((kind, olds, news))
        self._taken_old.update(olds)
        self._taken_new.update(news)

    def run(self) -> None:
        self.match_rebroken()
        self.match_identical()
        self.match_split_merge()
        self.match_similar()
        self.match_by_children()
        self.match_in_context()

    def match_rebroken(self) -> None:
        """Pass 0: one text cut into paragraphs at other places (a PDF's lines, a scrape's links).

        Runs of consecutive clauses whose texts, joined, are the same on both sides are one text. Where
        every break one side has and the other lacks falls inside a sentence, no editor made it: the
        first pieces are paired and `rebroken` records the run, which a diff reports as no change.
        Where a break ends a sentence, one paragraph became several (split) or several one (merged).
        """
        a_live, b_live = self.a.live(), self.b.live()
        a_texts, b_texts = set(self.a.full), set(self.b.full)
        # a piece with an identical twin on the other side is that twin's, never part of a run
        a_free = [i for i in a_live if self.a.full[i] not in b_texts]
        b_free = [j for j in b_live if self.b.full[j] not in a_texts]
        b_next = {j: b_free[k + 1] if k + 1 < len(b_free) else None for k, j in enumerate(b_free)}
        a_next = {i: a_free[k + 1] if k + 1 < len(a_free) else None for k, i in enumerate(a_free)}
        starts: dict[str, list[int]] = defaultdict(list)
        for j in b_free:
            starts[self.b.full[j][:1]].append(j)
        for i in a_free:
            if i in self._taken_old:
                continue
            text = self.a.full[i]
            for j in starts.get(text[:1], ()):
                if j in self._taken_new or number_key(self.a.clauses[i].number) != number_key(
                    self.b.clauses[j].number
                ):
                    continue
                run = self._rejoin(i, j, a_next, b_next)
                if run is not None:
                    self._record_run(run)
                    break

    def _rejoin(
        self, i: int, j: int, a_next: dict[int, int | None], b_next: dict[int, int | None]
    ) -> Run | None:
        """The runs of consecutive clauses from old i and new j whose joined texts are equal, if any.

        A heading set on a line of its own (（一）加强领导 / 各区要…) drops the full stop it had run in
        (（一）加强领导。各区要…): the stop the other side has there is carried over the break.
        """
        run = Run([i], [j], [], [])
        left, right = self.a.full[i], self.b.full[j]
        while left != right:
            if not (left.startswith(right) or right.startswith(left)):
                return None
            on_a = len(left) < len(right)
            side, follow, pieces, cuts = (
                (self.a, a_next, run.olds, run.cuts_a) if on_a else (self.b, b_next, run.news, run.cuts_b)
            )
            following = follow.get(pieces[-1])
            taken = (self._taken_old, self.pair) if on_a else (self._taken_new, self.pair_back)
            if (
                following is None
                or any(following in claimed for claimed in taken)
                or any(side.bodies[k] for k in range(pieces[-1] + 1, following))
                or side.clauses[following].number
                or len(pieces) >= REJOIN_PIECES
            ):
                return None
            shorter, longer = (left, right) if on_a else (right, left)
            piece = side.full[following]
            stop = longer[len(shorter)]
            if stop in _HEADING_STOPS and not piece.startswith(stop) and _heading_only(side, pieces[-1]):
                piece = stop + piece
            cuts.append(len(shorter))
            pieces.append(following)
            if on_a:
                left += piece
            else:
                right += piece
        if len(run.olds) == len(run.news) == 1:
            return None
        run.text = left
        return run

    def _record_run(self, run: Run) -> None:
        """Record a run of rejoined pieces as rebroken (breaks inside sentences), a split or a merge."""
        olds, news = run.olds, run.news
        own = set(run.cuts_a) ^ set(run.cuts_b)
        if not any(ends_sentence(run.text[:at]) for at in own):
            self.rebroken[olds[0]] = (olds, news)
            self.link(olds[0], news[0], 1.0)
            self._taken_old.update(olds[1:])
            self._taken_new.update(news[1:])
        elif len(olds) == 1:
            self.add_group("split", olds, news)
        elif len(news) == 1:
            self.add_group("merged", olds, news)

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
            rest_old: list[int] = []
            for i in olds:
                same_id = new_by_id.pop(self.a.clauses[i].id, None)
                if same_id is None:
                    rest_old.append(i)
                else:
                    self.link(i, same_id, 1.0)
            # a short heading quoted as a paragraph elsewhere (an index of clauses) is not the clause
            cross_kind = len(body) >= 20
            for i in rest_old:
                kind = self.a.clauses[i].kind
                free = next(
                    (
                        j
                        for j in news
                        if j not in self.pair_back and (cross_kind or self.b.clauses[j].kind == kind)
                    ),
                    None,
                )
                if free is not None:
                    self.link(i, free, 1.0)

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
                    or (
                        old.id == new.id
                        and number_key(old.number) == number_key(new.number) != ""
                        and contained >= IN_PLACE_CONTAINMENT
                        and self.same_parent(i, j)
                    )
                )
                if accept:
                    same_kind = old.kind == new.kind
                    score = (
                        similarity
                        + 0.5 * same_heading
                        + 0.2 * same_kind
                        + 0.05 * same_number
                        + 0.02 * (old.id == new.id)
                    )
                    scored.append((score, similarity, i, j))
        scored.sort(key=lambda item: (-item[0], item[2], item[3]))
        for _, similarity, i, j in scored:
            if i not in self.pair and j not in self.pair_back:
                self.link(i, j, similarity)

    def same_parent(self, i: int, j: int) -> bool:
        """Tell whether two clauses hang under one clause of both editions (or both at the top): an id
        shared under renumbered parents (old 第三条（二） and new 第三条（二）, once 第四条) is no slot."""
        above, below = self.a.parent[i], self.b.parent[j]
        if above is None or below is None:
            return above is below
        if self.pair.get(above) == below:
            return True
        heading = squash(self.a.clauses[above].heading)
        return (bool(heading) and heading == squash(self.b.clauses[below].heading)) or jaccard(
            self.a.grams[above], self.b.grams[below]
        ) >= MATCH_THRESHOLD

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
                self.add_group("split", [i], parts)
        olds, news = self.free_old(), self.free_new()
        if not olds or not news:
            return
        backward = Aligner.__new__(Aligner)
        backward.a, backward.b = self.b, self.a
        reverse = backward.candidates(news, olds)
        for j in news:
            parts = self._parts(self.b.grams[j], reverse[j], self.a.grams)
            if parts:
                self.add_group("merged", parts, [j])

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
            similarity = jaccard(self.a.grams[i], self.b.grams[j])
            if min(sizes) >= SLOT_LONG and similarity < SLOT_FLOOR:
                continue  # a paragraph written anew on another topic: removed and added, not reworded
            if max(sizes) <= 2 * min(sizes):
                self.link(i, j, similarity)


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


def _anchor(side: Side, index: int) -> int | None:
    """The nearest clause above one that has text of its own: a list container or an empty paragraph
    holding 一是…二是… items is no parent to pair, so its items hang from the clause above it."""
    parent = side.parent[index]
    while parent is not None and not side.bodies[parent]:
        parent = side.parent[parent]
    return parent


def _carried_weights(aligner: Aligner) -> dict[tuple[int, int], int]:
    """Weigh each pair by its text, whether it kept its parent, and the paired children it carries along.

    Moving a section with its paragraphs then costs more than moving one paragraph, so the order check
    calls the paragraph moved rather than the section around it; and where a paragraph left the only
    section it was in, the paragraph moved (it changed parent), not the section heading.
    """
    a, b = aligner.a, aligner.b
    weight = dict.fromkeys(aligner.pair, 0)
    for i, j in aligner.pair.items():
        parent = _anchor(a, i)
        kept = (aligner.pair.get(parent) if parent is not None else None) == _anchor(b, j)
        weight[i] = a.weight[i] + PARENT_KEPT * kept
    for i in sorted(aligner.pair, reverse=True):  # preorder reversed: children before their parent
        parent = _anchor(a, i)
        if (
            parent is not None
            and parent in aligner.pair
            and aligner.pair[parent] == _anchor(b, aligner.pair[i])
        ):
            weight[parent] += weight[i]
    return {(i, aligner.pair[i]): w for i, w in weight.items()}


def moved_pairs(aligner: Aligner) -> set[int]:
    """Old indexes of the pairs out of order, less those that moved only because their parent moved with them
    and those of a text said more than once (各位代表！), whose repeats are interchangeable. A heading
    repeated elsewhere (an annex listing the tasks) that carries its paragraphs along is no such repeat:
    its paragraphs say where it went."""
    a, b = aligner.a, aligner.b
    in_order = _weighted_lis([(i, j, weight) for (i, j), weight in _carried_weights(aligner).items()])
    moved = {i for i in aligner.pair if i not in in_order}
    said = Counter(a.bodies) + Counter(b.bodies)

    def carried_by_parent(i: int) -> bool:
        parent = _anchor(a, i)
        return parent is not None and aligner.pair.get(parent) == _anchor(b, aligner.pair[i])

    def carried(i: int) -> bool:
        return carried_by_parent(i) and _anchor(a, i) in moved

    carrying = {_anchor(a, k) for k in moved if carried_by_parent(k)}

    def repeated(i: int) -> bool:
        return i not in carrying and a.bodies[i] == b.bodies[aligner.pair[i]] and said[a.bodies[i]] > 2

    return {i for i in moved if not carried(i) and not repeated(i)}


def removed_position(i: int, aligner: Aligner) -> tuple[int, int]:
    """Place a removed clause after the new counterpart of the nearest matched clause before it."""
    for k in range(i - 1, -1, -1):
        if k in aligner.pair:
            return aligner.pair[k], i
    return -1, i


def align_clauses(old: Document, new: Document) -> Aligner:
    """Pair the clauses of two editions, running every pass; the aligner holds the pairs and groups."""
    aligner = Aligner(old, new)
    aligner.run()
    return aligner


__all__ = [
    "Aligner",
    "GroupKind",
    "align_clauses",
    "bigrams",
    "body_of",
    "jaccard",
    "moved_pairs",
    "removed_position",
]
