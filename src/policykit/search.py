"""Search clauses by keyword across documents: whole words through jieba, substrings or regexes, with clause context.

A word hit for a term must start and end on a word boundary of the clause text, where the boundaries
are the starts and ends of every jieba search-mode token (words and the parts of compounds): 电池
matches 锂电池, but 国有 does not match 我国有 (我国/有). The persistent index (policykit.index) only
narrows the candidate clauses; every hit is checked against the same boundaries, with or without it.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from policykit.errors import InputError, UsageError
from policykit.formats import DOCUMENT_SUFFIXES as FORMAT_SUFFIXES

MODES = ("word", "substring", "regex")
DOCUMENT_SUFFIXES = FORMAT_SUFFIXES  # .txt .pdf .docx .doc .wps .ofd .html .htm
_ASCII_FOLD = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_BM25_K1 = 1.2
_BM25_B = 0.75


def fold(text: str) -> str:
    """Fold ASCII letters to lower case; keeps every offset where it was (unlike str.lower)."""
    return text.translate(_ASCII_FOLD)


# ---------------------------------------------------------------- query


@dataclass(frozen=True)
class Term:
    """One query term: a word, or a quoted phrase of words that must follow each other."""

    text: str
    parts: tuple[str, ...]
    mode: str = "word"
    pattern: re.Pattern = field(compare=False, repr=False, default=None)  # type: ignore[assignment]

    def spans(self, text: str, folded: str, bounds: Callable[[], bytes]) -> list[tuple[int, int]]:
        """Every non-overlapping hit of this term in a clause; `bounds` yields its boundary bitmap on demand."""
        if self.mode == "regex":
            return [m.span() for m in self.pattern.finditer(text) if m.end() > m.start()]
        if not all(part in folded for part in self.parts):
            return []
        found: list[tuple[int, int]] = []
        last_end = -1
        bitmap = None
        for m in self.pattern.finditer(folded):
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


@dataclass(frozen=True)
class Query:
    """Terms ANDed across groups, ORed within a group; a clause with any excluded term is dropped."""

    groups: tuple[tuple[Term, ...], ...]
    excluded: tuple[Term, ...] = ()
    mode: str = "word"

    @property
    def terms(self) -> tuple[Term, ...]:
        return tuple(term for group in self.groups for term in group)


def make_term(text: str, mode: str) -> Term:
    """Build a term; whitespace inside (from quotes) makes a phrase whose words may be run together."""
    if mode == "regex":
        try:
            return Term(text, (text,), mode, re.compile(text, re.IGNORECASE))
        except re.error as error:
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
    return Query(tuple(tuple(g) for g in groups), tuple(excluded), mode)


# ---------------------------------------------------------------- word boundaries


def boundary_bitmap(text: str) -> bytes:
    """Bit i is set when offset i starts or ends a jieba search-mode token (a word or a compound's part)."""
    from policykit.zh.segment import tokenize

    bits = bytearray(len(text) // 8 + 1)
    for _, start, end in tokenize(text, mode="search"):
        bits[start >> 3] |= 1 << (start & 7)
        bits[end >> 3] |= 1 << (end & 7)
    return bytes(bits)


def is_boundary(bitmap: bytes, offset: int) -> bool:
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
        line, page = self.lines[0][1], self.lines[0][2]
        for start, piece_line, piece_page in self.lines:
            if start > offset:
                break
            line, page = piece_line, piece_page
        return line, page


@dataclass(frozen=True)
class Match:
    """One clause that satisfies the query, with the offsets of every term hit in its text."""

    document: str
    clause: str
    path: str
    line: int
    page: int | None
    text: str
    spans: tuple[tuple[int, int], ...]
    score: float | None = None

    def to_dict(self) -> dict:
        row = {
            "document": self.document,
            "clause": self.clause,
            "path": self.path,
            "line": self.line,
            "page": self.page,
            "text": self.text,
            "spans": [list(span) for span in self.spans],
        }
        if self.score is not None:
            row["score"] = round(self.score, 4)
        return row


@dataclass(frozen=True)
class SearchResult:
    """The matches in output order, the files searched, and files that could not be read."""

    matches: tuple[Match, ...]
    files: tuple[str, ...]
    warnings: tuple[str, ...] = ()

    @property
    def exit_status(self) -> int:
        """grep's convention: 0 found, 1 nothing found, 2 nothing found and a file could not be read."""
        if self.matches:
            return 0
        return 2 if self.warnings else 1

    def counts(self) -> list[dict]:
        """Matching clauses and hits per document, in the order the documents were searched."""
        per_document: dict[str, list[int]] = {}
        for match in self.matches:
            entry = per_document.setdefault(match.document, [0, 0])
            entry[0] += 1
            entry[1] += len(match.spans)
        order = {name: i for i, name in enumerate(self.files)}
        return [
            {"document": name, "clauses": c, "hits": h}
            for name, (c, h) in sorted(per_document.items(), key=lambda kv: order.get(kv[0], 0))
        ]


def clause_records(document) -> Iterator[ClauseRecord]:
    """Turn a parsed Document into search records: heading trail and a line map local to each clause."""
    from bisect import bisect_right

    starts = [start for start, _, _ in document.line_map]
    for clause, ancestors in document.walk_with_ancestors():
        trail = [a.label for a in ancestors]
        if clause.heading:
            trail.append(clause.label)
        lines = [(0, clause.line, clause.page)]
        first = bisect_right(starts, clause.start)
        for start, line, page in document.line_map[first:]:
            if start >= clause.end:
                break
            lines.append((start - clause.start, line, page))
        yield ClauseRecord(document.path, clause.id, " > ".join(trail), clause.text.rstrip(), tuple(lines))


def match_record(
    record: ClauseRecord, query: Query, bounds: Callable[[], bytes]
) -> tuple[list[tuple[int, int]], list[int]] | None:
    """Return (sorted spans, hits per positive term) when the clause satisfies the query, else None."""
    folded = fold(record.text)
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


def bm25(hits: list[int], length: int, frequencies: list[int], total: int, average_length: float) -> float:
    """Okapi BM25 of one clause from its hits per term and each term's clause frequency."""
    score = 0.0
    for tf, df in zip(hits, frequencies, strict=True):
        if tf:
            idf = math.log((total - df + 0.5) / (df + 0.5) + 1)
            norm = _BM25_K1 * (1 - _BM25_B + _BM25_B * length / max(average_length, 1.0))
            score += idf * tf * (_BM25_K1 + 1) / (tf + norm)
    return score


def collect_matches(
    found: Iterable[tuple[ClauseRecord, list[tuple[int, int]], list[int]]],
    *,
    rank: bool,
    total_clauses: int,
    average_length: float,
) -> tuple[Match, ...]:
    """Build Match records in the order found, or by BM25 (best first) when ranking."""
    found = list(found)
    frequencies = [0] * (len(found[0][2]) if found else 0)
    if rank:
        for _, _, hits in found:
            for i, count in enumerate(hits):
                frequencies[i] += bool(count)
    matches = []
    for record, spans, hits in found:
        line, page = record.locate(spans[0][0] if spans else 0)
        score = (
            bm25(hits, len(record.text), frequencies, max(total_clauses, len(found)), average_length)
            if rank
            else None
        )
        matches.append(
            Match(record.document, record.clause, record.path, line, page, record.text, tuple(spans), score)
        )
    if rank:
        matches.sort(key=lambda m: -(m.score or 0.0))
    return tuple(matches)


# ---------------------------------------------------------------- files


def resolve_paths(paths: Iterable[str]) -> list[str]:
    """Expand files, folders (recursively: every readable document suffix) and glob patterns into document files, in order."""
    resolved: list[str] = []
    seen: set[str] = set()

    def add(path: str) -> None:
        if path not in seen:
            seen.add(path)
            resolved.append(path)

    for given in map(str, paths):
        if any(ch in given for ch in "*?["):
            import glob

            matches = sorted(glob.glob(given, recursive=True))
            if not matches:
                raise InputError("no file matches this pattern: check the glob", path=given)
            for match in matches:
                for file in _walk(match) if os.path.isdir(match) else [match]:
                    add(file)
        elif os.path.isdir(given):
            for file in _walk(given):
                add(file)
        elif os.path.exists(given):
            add(given)
        else:
            raise InputError("no such file or folder: check the path", path=given)
    return resolved


def _walk(folder: str) -> list[str]:
    """Document files under a folder, depth first in name order, hidden folders skipped."""
    found = []
    with os.scandir(folder) as entries:
        ordered = sorted(entries, key=lambda e: e.name)
    for entry in ordered:
        if entry.is_dir():
            if not entry.name.startswith("."):
                found.extend(_walk(entry.path))
        elif entry.name.lower().endswith(DOCUMENT_SUFFIXES):
            found.append(entry.path)
    return found


# ---------------------------------------------------------------- search


def search(
    query: str,
    paths: Iterable[str] = ("data/raw",),
    *,
    mode: str = "word",
    under: str | None = None,
    rank: bool = False,
    use_index: bool = True,
    cache_dir: str | os.PathLike | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> SearchResult:
    """Find the clauses that satisfy `query` in the given files, folders and globs.

    With `use_index` the persistent index under the XDG cache directory is brought up to date
    (only changed files are parsed again) and narrows the candidates; without it every file is parsed.
    """
    parsed = parse_query(query, mode)
    files = resolve_paths(paths)
    if use_index:
        from policykit.index import SearchIndex

        with SearchIndex.open(cache_dir) as index:
            warnings = index.refresh(files, progress=progress)
            found, total, average = index.find(parsed, files, under=under)
    else:
        found, total, average, warnings = _scan(parsed, files, under=under, progress=progress)
    matches = collect_matches(found, rank=rank, total_clauses=total, average_length=average)
    return SearchResult(matches, tuple(files), tuple(warnings))


def _scan(query: Query, files: list[str], *, under: str | None, progress):
    """Parse every file and test every clause: the reference the index must agree with."""
    from policykit.index import parse_files

    found = []
    warnings = []
    total = 0
    characters = 0
    for _, result in parse_files(files, progress=progress, segment=False):
        if isinstance(result, str):
            warnings.append(result)
            continue
        _, records = result
        for record in records:
            total += 1
            characters += len(record.text)
            if under and under not in record.path:
                continue
            outcome = match_record(record, query, lambda r=record: boundary_bitmap(r.text))
            if outcome:
                found.append((record, *outcome))
    return found, total, characters / max(total, 1), warnings
