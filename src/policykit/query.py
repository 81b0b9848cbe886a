"""The search query model and clause matching, shared by the plain scan (search) and the index (index).

A word hit for a term must start and end on a word boundary of the clause text, where the boundaries
are the starts and ends of every jieba search-mode token (words and the parts of compounds): 电池
matches 锂电池, but 国有 does not match 我国有 (我国/有). Every word hit is also a substring hit, so a
plain substring test finds every candidate clause and jieba runs only on those.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from policykit import pattern_cache
from policykit.errors import UsageError

if TYPE_CHECKING:
    from policykit.model import Document

MODES = ("word", "substring", "regex")
REGEX_SECONDS = float(os.environ.get("POLICYKIT_REGEX_TIMEOUT", "2"))
"""Longest time one --regex term may spend on one clause before the search is refused."""

_UPPER = pattern_cache.compile("[A-Z]+")
_LETTER = pattern_cache.compile("[A-Za-z]")
_SURROGATE = pattern_cache.compile("[\ud800-\udfff]")


def fold(text: str) -> str:
    """Fold ASCII letters to lower case; keeps every offset where it was (unlike str.lower)."""
    # Only the runs of capitals change: str.translate would look up every character, slow on CJK text.
    return _UPPER.sub(_lower, text) if _UPPER.search(text) else text


def _lower(found: re.Match[str]) -> str:
    return found.group().lower()


# ---------------------------------------------------------------- query


@dataclass(frozen=True)
class Term:
    """One query term: a word, or a quoted phrase of words that must follow each other."""

    text: str
    parts: tuple[str, ...]
    mode: str = "word"
    pattern: object = field(compare=False, repr=False, default=None)

    def spans(self, text: str, folded: str, bounds: Callable[[], bytes]) -> list[tuple[int, int]]:
        """Every non-overlapping hit of this term in a clause; `bounds` yields its boundary bitmap on demand."""
        if self.mode == "regex":
            return _regex_spans(self, text)
        if not all(part in folded for part in self.parts):
            return []
        found: list[tuple[int, int]] = []
        last_end = -1
        bitmap = None
        for m in self.pattern.finditer(folded):  # type: ignore[attr-defined]
            edges = [m.start(g) for g in range(1, len(self.parts) + 1)]
            edges += [m.end(g) for g in range(1, len(self.parts) + 1)]
            start, end = edges[0], edges[-1]
            if start < last_end:
                continue
            if self.mode == "word":
                bitmap = bitmap if bitmap is not None else bounds()
                if not all(is_boundary(bitmap, edge) for edge in edges):
                    continue
            found.append((start, end))
            last_end = end
        return found


def _regex_spans(term: Term, text: str) -> list[tuple[int, int]]:
    """Regex hits under a time limit: the `regex` module stops a runaway match and honours Ctrl-C."""
    started = time.monotonic()
    try:
        return [
            m.span()
            for m in term.pattern.finditer(text, timeout=REGEX_SECONDS)  # type: ignore[attr-defined]
            if m.end() > m.start()
        ]
    except TimeoutError:
        raise UsageError(
            f"the regular expression {term.text!r} ran for over {time.monotonic() - started:.0f} s on one "
            "clause: nested repeats such as (.+)+ backtrack without end; simplify it"
        ) from None


@dataclass(frozen=True)
class Query:
    """Terms ANDed across groups, ORed within a group; a clause with any excluded term is dropped."""

    groups: tuple[tuple[Term, ...], ...]
    excluded: tuple[Term, ...] = ()
    mode: str = "word"
    source: str = ""
    folds: bool = field(init=False, compare=False, repr=False, default=True)
    """Whether a clause must be case-folded before matching: only when a word or phrase term has an
    ASCII letter (folding changes nothing else, and regexes match the text as it is)."""

    def __post_init__(self) -> None:
        terms = [term for terms in (*self.groups, self.excluded) for term in terms]
        letters = any(term.mode != "regex" and _LETTER.search(term.text) for term in terms)
        object.__setattr__(self, "folds", letters)

    def may_match(self, squashed: str) -> bool:
        """Tell whether text (folded, without whitespace) could hold a match: every group has a term whose
        parts all occur in it. False proves no clause of the text matches; regexes always say True."""
        if self.mode == "regex":
            return True
        return all(
            any(all(part in squashed for part in term.parts) for term in group) for group in self.groups
        )


def clause_test(query: Query) -> Callable[[str], bool]:
    """The cold scan's test of a clause text: `query.may_match(fold(text))`, folding only when it matters.

    fold only turns A-Z into a-z, so a part with no letter occurs in the folded text exactly where it
    occurs in the text itself; most Chinese queries skip the fold of every clause (Query.folds).
    """
    if query.folds:
        return lambda text: query.may_match(fold(text))
    return query.may_match


def make_term(text: str, mode: str) -> Term:
    """Build a term; whitespace inside (from quotes) makes a phrase whose words may be run together."""
    if mode == "regex":
        import regex

        try:
            return Term(text, (text,), mode, regex.compile(text, regex.IGNORECASE | regex.VERSION0))
        except regex.error as error:
            raise UsageError(f"bad regular expression {text!r}: {error}") from None
    parts = tuple(fold(part) for part in text.split())
    if not parts:
        raise UsageError("empty search term: give a word, or quote a phrase")
    body = r"\s*".join(f"({re.escape(part)})" for part in parts)
    # A lookahead finds overlapping occurrences too, so a rejected one cannot hide a valid one after it.
    return Term(" ".join(parts), parts, mode, re.compile(f"(?={body})"))


def parse_query(query: str, mode: str = "word") -> Query:
    """Parse `a b` (AND), `a OR b`, `-a` (exclude) and `"a b"` (phrase) into a Query."""
    if mode not in MODES:
        raise UsageError(f"unknown search mode {mode!r}: use one of {', '.join(MODES)}")
    bad = _SURROGATE.search(query)
    if bad:
        raw = query.encode("utf-8", "surrogateescape")[:40]
        raise UsageError(
            f"the query is not valid UTF-8 ({raw!r}): use a UTF-8 terminal, or convert it, e.g. with iconv"
        )
    import shlex

    lexer = shlex.shlex(query, posix=True)
    lexer.whitespace_split = True
    lexer.commenters = ""
    lexer.quotes = '"'
    lexer.escape = ""
    try:
        tokens = list(lexer)
    except ValueError:
        raise UsageError(f'unbalanced quote in query {query!r}: close the phrase with "') from None
    groups: list[list[Term]] = []
    excluded: list[Term] = []
    join_next = False
    for token in tokens:
        if token == "OR":
            if not groups or join_next:
                raise UsageError("OR needs a term on each side, e.g. 氢能 OR 光伏")
            join_next = True
            continue
        if token.startswith("-") and len(token) > 1:
            if join_next:
                raise UsageError("cannot OR an excluded term: write 氢能 OR 光伏 -海上")
            excluded.append(make_term(token[1:], mode))
            continue
        term = make_term(token, mode)
        if join_next:
            groups[-1].append(term)
            join_next = False
        else:
            groups.append([term])
    if join_next:
        raise UsageError("OR needs a term on each side, e.g. 氢能 OR 光伏")
    if not groups:
        raise UsageError("the query has no term to find: give at least one term that is not excluded")
    return Query(tuple(tuple(g) for g in groups), tuple(excluded), mode, query)


# ---------------------------------------------------------------- word boundaries


def boundary_bitmap(text: str) -> bytes:
    """Bit i is set when offset i starts or ends a jieba search-mode token (a word or a compound's part)."""
    from policykit.zh.segment import tokenize

    bits = bytearray(len(text) // 8 + 1)
    for _, start, end in tokenize(text, mode="search"):
        bits[start >> 3] |= 1 << (start & 7)
        bits[end >> 3] |= 1 << (end & 7)
    return bytes(bits)


def hit_bitmap(text: str, folded: str, parts: Iterable[str]) -> bytes:
    """boundary_bitmap's bits at every start and end of an occurrence of `parts` in `folded`; others may be 0.

    jieba cuts a text in blocks (runs its re_han matches, and the pieces between them) and cuts each
    block on its own, so the tokens of a block do not depend on the rest of the text. A term's edges
    are the starts and ends of its parts' occurrences, and the blocks holding an occurrence's
    characters decide both edges' bits (a block's own ends are always token edges), so only they are
    segmented. A long clause with one hit costs one sentence's segmentation, not the whole clause's.
    """
    from policykit.zh.wordstore import import_jieba

    wanted: list[tuple[int, int]] = []
    for part in set(parts):
        at = folded.find(part)
        while at >= 0 and part:
            wanted.append((at, at + len(part) - 1))  # the first and last character
            at = folded.find(part, at + 1)
    bits = bytearray(len(text) // 8 + 1)
    if not wanted:
        return bytes(bits)
    wanted.sort()
    offset = 0
    k = 0
    for block in import_jieba().re_han_default.split(text):
        end = offset + len(block)
        while k < len(wanted) and wanted[k][1] < offset:
            k += 1
        if block and k < len(wanted) and wanted[k][0] < end:  # some wanted character lies in the block
            for _, start, stop in _tokens(block):
                bits[(offset + start) >> 3] |= 1 << ((offset + start) & 7)
                bits[(offset + stop) >> 3] |= 1 << ((offset + stop) & 7)
        offset = end
    return bytes(bits)


def _tokens(text: str) -> list[tuple[str, int, int]]:
    from policykit.zh.segment import tokenize

    return tokenize(text, mode="search")


def is_boundary(bitmap: bytes, offset: int) -> bool:
    """Tell whether bit `offset` of a boundary bitmap is set."""
    return bool(bitmap[offset >> 3] >> (offset & 7) & 1)


# ---------------------------------------------------------------- records


@dataclass(frozen=True)
class ClauseRecord:
    """What search needs of one clause: its text, where it is, and its line map (offset in text, line, page)."""

    document: str
    clause: str
    path: str
    text: str
    lines: tuple[tuple[int, int, int | None], ...]

    def locate(self, offset: int) -> tuple[int, int | None]:
        """The line and page of an offset in the clause text."""
        line, page = self.lines[0][1], self.lines[0][2]
        for start, piece_line, piece_page in self.lines:
            if start > offset:
                break
            line, page = piece_line, piece_page
        return line, page


def clause_records(
    document: Document, keep: Callable[[str], bool] | None = None, *, name: str | None = None
) -> Iterator[ClauseRecord]:
    """Turn a parsed Document into search records: heading trail and a line map local to each clause.

    `keep` tests a clause's text first, so a search builds records only for its candidates; `name`
    replaces the document's path as the records' document name.
    """
    from bisect import bisect_right

    line_map = document.line_map
    starts = [start for start, _, _ in line_map]
    document_name = document.path if name is None else name
    for clause, ancestors in document.walk_with_ancestors():
        text = clause.text.rstrip()
        if keep is not None and not keep(text):
            continue
        trail = [a.label for a in ancestors]
        if clause.heading:
            trail.append(clause.label)
        lines = [(0, clause.line, clause.page)]
        end = clause.end
        k = bisect_right(starts, clause.start)
        while k < len(starts) and starts[k] < end:  # indexing, not slicing: a slice copies the map's rest
            start, line, page = line_map[k]
            lines.append((start - clause.start, line, page))
            k += 1
        yield ClauseRecord(document_name, clause.id, " > ".join(trail), text, tuple(lines))


Hit = tuple[ClauseRecord, list[tuple[int, int]], list[int]]
"""A clause that satisfies a query: its record, the sorted spans, and the hits of each positive term."""


def match_record(
    record: ClauseRecord, query: Query, bounds: Callable[[], bytes]
) -> tuple[list[tuple[int, int]], list[int]] | None:
    """Return (sorted spans, hits per positive term) when the clause satisfies the query, else None."""
    folded = fold(record.text) if query.folds else record.text
    cache: list[bytes] = []

    def cached_bounds() -> bytes:
        if not cache:
            cache.append(bounds())
        return cache[0]

    spans: list[tuple[int, int]] = []
    hits: list[int] = []
    for group in query.groups:
        satisfied = False
        for term in group:
            found = term.spans(record.text, folded, cached_bounds)
            hits.append(len(found))
            if found:
                satisfied = True
                spans.extend(found)
        if not satisfied:
            return None
    for term in query.excluded:
        if term.spans(record.text, folded, cached_bounds):
            return None
    return sorted(set(spans)), hits
