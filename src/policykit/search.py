"""Search clauses by keyword across documents: whole words through jieba, substrings or regexes, with clause context.

A cold search never segments the corpus: each file is first tested by plain substring (every word hit
is a substring hit, so nothing is missed), only files that may match are parsed, and only their
candidate clauses are segmented to check word boundaries. While this process tests the files, a worker
forked first (parallel.Prefork) imports the parser and parses each file that may match as soon as it
is found, and this process loads the segmenter: neither import waits for the other. The persistent index (policykit.index) is an
accelerator for files it already holds; results are the same with and without it.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from functools import lru_cache, partial
from itertools import chain
from typing import TYPE_CHECKING

from policykit import pattern_cache
from policykit.config import DEFAULT_SOURCES, DOCUMENT_SUFFIXES, MAX_FILE_BYTES, index_path
from policykit.errors import PolicykitError, UsageError
from policykit.files import display_path, expand_paths
from policykit.parallel import Prefork, pmap
from policykit.prefilter import TESTED_FIRST, screen_file
from policykit.query import (
    MODES,
    ClauseRecord,
    Hit,
    Query,
    Term,
    boundary_bitmap,
    clause_records,
    clause_test,
    fold,
    hit_bitmap,
    is_boundary,
    make_term,
    match_record,
    parse_query,
)

if TYPE_CHECKING:
    from policykit.model import Document

__all__ = [
    "DOCUMENT_SUFFIXES",
    "MODES",
    "ClauseRecord",
    "Match",
    "Query",
    "SearchResult",
    "Term",
    "boundary_bitmap",
    "clause_records",
    "display_path",
    "fold",
    "is_boundary",
    "make_term",
    "match_record",
    "parse_query",
    "search",
]

STDIN = "-"
"""The path that stands for standard input: searched as one document, read once and never indexed."""

_BM25_K1 = 1.2
_BM25_B = 0.75
BUILD_MODES = ("wait", "background", "never")


# ---------------------------------------------------------------- results


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
    """The matches in output order, the files searched, files that could not be read, and notes on how
    the search ran (index state) that do not change its outcome."""

    matches: tuple[Match, ...]
    files: tuple[str, ...]
    warnings: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def exit_status(self) -> int:
        """grep's convention: 0 found, 1 nothing found, 2 nothing found and a file could not be read."""
        if self.matches:
            return 0
        return 2 if self.warnings else 1

    def first(self, limit: int | None) -> tuple[SearchResult, int]:
        """The result cut to its first `limit` matches (the best ones when ranked), and how many were cut."""
        if limit is None or len(self.matches) <= limit:
            return self, 0
        return replace(self, matches=self.matches[:limit]), len(self.matches) - limit

    def counts(self) -> list[dict]:
        """Matching clauses and hits per document, in the order the documents were searched (a table's
        rows that hold hits count once, as their clause)."""
        per_document: dict[str, list[int]] = {}
        seen: set[tuple[str, str]] = set()
        for match in self.matches:
            entry = per_document.setdefault(match.document, [0, 0])
            entry[0] += (match.document, match.clause) not in seen
            entry[1] += len(match.spans)
            seen.add((match.document, match.clause))
        order = {name: i for i, name in enumerate(self.files)}
        return [
            {"document": name, "clauses": c, "hits": h}
            for name, (c, h) in sorted(per_document.items(), key=lambda kv: order.get(kv[0], 0))
        ]


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
    found: Iterable[Hit],
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
        score = (
            bm25(hits, len(record.text), frequencies, max(total_clauses, len(found)), average_length)
            if rank
            else None
        )
        for start, text, local in _evidence(record, spans):
            line, page = record.locate(start + (local[0][0] if local else 0))
            matches.append(Match(record.document, record.clause, record.path, line, page, text, local, score))
    if rank:
        matches.sort(key=lambda m: -(m.score or 0.0))
    return tuple(matches)


_TABLE_ID = pattern_cache.compile(r"(?:^|\.)t\d+(?:~\d+)?$")


def is_table_id(clause: str) -> bool:
    """Whether a clause id names a table (its last segment t1, t2 …): its matches are rows, not the clause."""
    return bool(_TABLE_ID.search(clause))


_SERIAL_CELL = pattern_cache.compile(r"[ \t\u3000]*(\d{1,3})[.．、]?[ \t\u3000]*")


def _evidence(
    record: ClauseRecord, spans: list[tuple[int, int]]
) -> list[tuple[int, str, tuple[tuple[int, int], ...]]]:
    """What a match shows: the clause text, or in a table each row that holds a hit, as (offset, text, spans).

    A table's text is all its rows (a 60-row indicator table flattened to one cell per line); the hit's
    row is the evidence. Rows are tab-separated lines, or run from one serial-number cell (1, 2, 3 …) to
    the next; a table with neither shows whole.
    """
    if not is_table_id(record.clause):
        return [(0, record.text, tuple(spans))]
    rows = _table_rows(record.text)
    if not rows:
        return [(0, record.text, tuple(spans))]
    shown = []
    for start, end in [(0, rows[0][0]), *rows]:  # the caption and header first: a hit there is shown too
        inside = tuple((a - start, b - start) for a, b in spans if start <= a < end)
        if inside:
            row_end = max(end, max(b for a, b in spans if start <= a < end))
            shown.append((start, record.text[start:row_end], inside))
    return shown if shown else [(0, record.text, tuple(spans))]


def _table_rows(text: str) -> list[tuple[int, int]]:
    """A table's rows as (start, end) offsets, the lines before the first row (caption, header) in none."""
    starts, offset = [], 0
    lines = text.split("\n")
    tabbed = sum("\t" in line for line in lines) >= 2
    serial = 1
    for line in lines:
        if (tabbed and "\t" in line) or (
            not tabbed and (found := _SERIAL_CELL.fullmatch(line)) and int(found.group(1)) == serial
        ):
            starts.append(offset)
            serial += 1
        offset += len(line) + 1
    if len(starts) < 2:
        return []
    if tabbed:  # a tab row is its own line: what follows the last row (a note) is no row
        ends = [text.find("\n", start) + 1 or len(text) for start in starts]
    else:
        ends = [*starts[1:], len(text)]
    return list(zip(starts, ends, strict=True))


# ---------------------------------------------------------------- search


def search(
    query: str,
    paths: Iterable[str | os.PathLike] = (DEFAULT_SOURCES,),
    *,
    mode: str = "word",
    under: str | None = None,
    rank: bool = False,
    use_index: bool = True,
    cache_dir: str | os.PathLike | None = None,
    progress: Callable[[int, int], None] | None = None,
    build: str = "wait",
    max_size: int | None = MAX_FILE_BYTES,
    password: str | None = None,
) -> SearchResult:
    """Find the clauses that satisfy `query` in the given files, folders and globs.

    With `use_index`, files the index holds unchanged are answered from it; the rest are scanned.
    `build` says what to do about those: "wait" brings the index up to date first, "background"
    answers now and updates the index in a detached process, "never" leaves the index alone.
    An index that cannot be opened or written is skipped with a note: the answer is the same.
    With a `password` (for encrypted PDFs, the same for every file) PDFs are always scanned: the
    index never holds the text of a document that needed a password.
    """
    if build not in BUILD_MODES:
        raise UsageError(f"unknown index build mode {build!r}: use one of {', '.join(BUILD_MODES)}")
    parsed = parse_query(query, mode)
    given = [os.fsdecode(path) for path in paths]
    stdin = STDIN in given  # read once, in this process, never indexed
    named = [path for path in given if path != STDIN]
    expanded = expand_paths(named, max_size=max_size)
    files = list(expanded.files) + ([STDIN] if stdin else [])
    warnings = list(expanded.warnings)
    notes: list[str] = []
    indexed: list[Hit] = []
    total, characters = 0, 0
    to_scan = files
    indexable = [file for file in expanded.files if not (password and file.lower().endswith(".pdf"))]
    if use_index and build != "wait" and _no_index_yet(cache_dir):
        use_index = False  # nothing to answer from yet: scan, and have the index built meanwhile
        if build == "background" and indexable and os.environ.get("POLICYKIT_BACKGROUND_INDEX") != "0":
            from policykit.index import start_background_index

            folder = os.path.dirname(index_path(cache_dir))
            notes.append(start_background_index(named, folder, len(indexable), max_size=max_size))
    if use_index:
        import sqlite3

        from policykit.index import IndexUnavailable, SearchIndex, start_background_index

        try:
            with SearchIndex.open(cache_dir) as index:
                notes.extend(index.notes)
                if build == "wait":
                    warnings.extend(index.refresh(indexable, progress=progress))
                    fresh = indexable
                    indexed, total, characters = index.find(parsed, fresh, under=under)
                else:
                    fresh, indexed, total, characters = index.fresh_and_find(
                        parsed, indexable, expanded.stats, under=under
                    )
                held = set(fresh)
                to_scan = [file for file in files if file not in held]
                location = index.folder
        except IndexUnavailable as error:
            notes.append(f"{error}; searching without the index")
            to_scan, indexed, total, characters = files, [], 0, 0
        except sqlite3.DatabaseError as error:  # damage found mid-query: answer by scanning, repair
            from policykit.index import repair

            notes.append(f"{repair(cache_dir, error)}; searching without the index")
            to_scan, indexed, total, characters = files, [], 0, 0
        else:
            if build == "background" and to_scan and os.environ.get("POLICYKIT_BACKGROUND_INDEX") != "0":
                unindexed = [file for file in to_scan if file != STDIN]
                if unindexed:
                    notes.append(start_background_index(named, location, len(unindexed), max_size=max_size))
    scanned, scan_total, scan_characters, scan_warnings = _scan(
        parsed,
        to_scan,
        under=under,
        full=rank,
        progress=progress if to_scan is files else None,
        password=password,
        stats=expanded.stats,
    )
    warnings.extend(scan_warnings)
    total += scan_total
    characters += scan_characters
    shown = tuple(display_path(file) for file in files)
    found = _in_file_order(shown, indexed + scanned)
    matches = collect_matches(
        found, rank=rank, total_clauses=total, average_length=characters / max(total, 1)
    )
    return SearchResult(matches, shown, tuple(warnings), tuple(notes))


def _no_index_yet(cache_dir: str | os.PathLike | None) -> bool:
    """True when no index file exists yet where one can be written: the first search scans, no SQLite opened.

    An unwritable cache is left to SearchIndex.open, which says why the index cannot be used.
    """
    path = index_path(cache_dir)
    if os.path.exists(path):
        return False
    folder = os.path.dirname(path)
    while not os.path.isdir(folder) and os.path.dirname(folder) != folder:
        folder = os.path.dirname(folder)
    return os.access(folder, os.W_OK)


def _in_file_order(shown: tuple[str, ...], found: list[Hit]) -> list[Hit]:
    """Merge hits from the index and the scan in the order the files were given, clause order within."""
    order = {name: i for i, name in enumerate(shown)}
    return sorted(found, key=lambda item: order.get(item[0].document, 0))


def _scan(
    query: Query,
    files: list[str],
    *,
    under: str | None,
    full: bool,
    progress: Callable[[int, int], None] | None = None,
    password: str | None = None,
    stats: Mapping[str, os.stat_result] | None = None,
) -> tuple[list[Hit], int, int, list[str]]:
    """Test every file by substring, parse those that may match, and check their candidate clauses.

    Returns (hits, clauses counted, their characters, warnings). The clause counts (for --rank)
    cover every file only with `full`; otherwise files ruled out by substring are not parsed.
    Up to `_PARENT_TEST_BYTES` of text files are tested here, so a search that rules everything out
    starts no worker; past that the workers test their own files.
    """
    if not files:
        return [], 0, 0, []

    found: list[Hit] = []
    warnings: list[str] = []
    total = 0
    characters = 0
    bounds: dict[str, bytes] = {}

    parts = [part for terms in (*query.groups, query.excluded) for term in terms for part in term.parts]

    def bitmap(text: str) -> bytes:
        if text not in bounds:
            bounds[text] = hit_bitmap(text, fold(text) if query.folds else text, parts)
        return bounds[text]

    jobs: list[_Job] = []
    tested_here = not full and _text_bytes(files, stats) <= _PARENT_TEST_BYTES
    early = Prefork.start(_warm_parser, _scan_file) if tested_here else None
    streamed: set[int] = set()  # the jobs sent to the early worker, by index
    streamed_characters = 0
    try:
        for file in files:
            if file == STDIN:
                continue  # read below, in this process: a pool worker must not take the parent's stdin
            if not tested_here or not file.lower().endswith(TESTED_FIRST):
                jobs.append((file, query.source, query.mode, full, password, None))
                continue
            try:
                tested = screen_file(file, display_path(file), query)
            except (PolicykitError, OSError) as problem:
                warnings.append(_unreadable(problem, display_path(file)))
                continue
            if tested is None:
                continue
            if early and isinstance(tested, tuple) and streamed_characters < _EARLY_WORKER_CHARACTERS:
                early.send((file, query.source, query.mode, full, password, None))  # it re-reads the file
                streamed.add(len(jobs))
                streamed_characters += len(tested[0])
            jobs.append((file, query.source, query.mode, full, password, tested))
        early_outcomes = _early_outcomes(early, query) if early and streamed else None
    finally:
        if early:
            early.close()
    if early_outcomes is None:
        streamed = set()
    skipped = len(files) - len(jobs) - (STDIN in files)
    rest = [job for i, job in enumerate(jobs) if i not in streamed]
    if any(job[5] is not None or not job[0].lower().endswith(TESTED_FIRST) for job in rest):
        # Files that will be parsed: loaded here, before the pool forks, every worker shares it; each
        # would otherwise import the pipeline (normalise, structure, their patterns) itself, ~50 ms of
        # CPU per worker. Text files the workers test themselves are most often ruled out: a search
        # that finds nothing in them never needs the parser.
        import policykit.pipeline  # noqa: F401
    outcomes: Iterable[_Outcome] = chain(
        early_outcomes or (), chain.from_iterable(pmap(_scan_files, _batches(rest, stats), chunk=1))
    )
    if STDIN in files:
        stdin_job: _Job = (STDIN, query.source, query.mode, full, password, None)
        outcomes = chain(outcomes, [_scan_file(stdin_job)])
    for done, (error, records, counted, length) in enumerate(outcomes, skipped + 1):
        if progress:
            progress(done, len(files))
        if error:
            warnings.append(error)
            continue
        total += counted
        characters += length
        for record in records:
            if under and under not in record.path:
                continue
            outcome = match_record(record, query, partial(bitmap, record.text))
            if outcome:
                found.append((record, *outcome))
    if progress and not jobs:
        progress(len(files), len(files))
    return found, total, characters, warnings


def _warm_parser() -> None:
    """What a worker imports before it can parse a text file and pick its candidate clauses."""
    import policykit.pipeline  # noqa: F401


def _early_outcomes(early: Prefork, query: Query) -> list[_Outcome] | None:
    """The early worker's outcomes for the files sent to it, this process meanwhile loading the
    segmenter the word test needs; None when the worker failed (the pool parses those files then)."""
    if query.mode == "word":
        from policykit.zh.segment import tokenize

        tokenize(query.source[:8], mode="search")  # jieba and the word store, loaded meanwhile
    return early.results()


_EARLY_WORKER_CHARACTERS = 400_000
"""About as much text as the early worker parses (~0.1 s) while the parent tests files; the files that
may match past it go to the pool. Each file sent is re-read there: sending its decoded text would fill
the pipe and stall the parent until the worker has finished its imports."""

_PARENT_TEST_BYTES = 48 * 2**20
"""Text up to this size is tested by substring in the parent: below it, starting workers costs more."""

_Job = tuple[str, str, str, bool, "str | None", "tuple[str, str] | bool | None"]
"""(path, query source, mode, full, password, the parent's test: decoded text and encoding, True, or None)."""


_Outcome = tuple["str | None", list[ClauseRecord], int, int]
"""What a worker found in one file: (error, candidate clause records, clauses in the file, their characters)."""

_BATCHES_PER_WORKER = 64
"""Jobs go to the pool in runs of about equal bytes, this many per worker: one message per run rather
than per file (the parent's pickling of 5,000 one-file jobs cost as much CPU as a worker's testing),
and enough runs that a worker given the costly files does not hold up the end."""


def _text_bytes(files: list[str], stats: Mapping[str, os.stat_result] | None) -> int:
    """The total size of the .txt and .md files among `files` (other formats are always parsed in workers)."""
    return sum(_size(file, stats) for file in files if file.lower().endswith(TESTED_FIRST))


def _size(file: str, stats: Mapping[str, os.stat_result] | None) -> int:
    info = stats.get(file) if stats else None
    if info is None:
        try:
            info = os.stat(file)
        except OSError:
            return 0
    return info.st_size


def _batches(jobs: list[_Job], stats: Mapping[str, os.stat_result] | None) -> list[list[_Job]]:
    """Consecutive jobs grouped into runs of about equal bytes (a file larger than a run is a run alone)."""
    sizes = [_size(job[0], stats) for job in jobs]
    from policykit.parallel import worker_count

    target = sum(sizes) / (worker_count() * _BATCHES_PER_WORKER)
    batches: list[list[_Job]] = []
    run: list[_Job] = []
    filled = 0
    for job, size in zip(jobs, sizes, strict=True):
        run.append(job)
        filled += size
        if filled >= target:
            batches.append(run)
            run, filled = [], 0
    if run:
        batches.append(run)
    return batches


@lru_cache(maxsize=8)
def _query(source: str, mode: str) -> Query:
    return parse_query(source, mode)


def _scan_files(jobs: list[_Job]) -> list[_Outcome]:
    """In a worker: the outcome of each job of a run, in order."""
    return [_scan_file(job) for job in jobs]


def _scan_file(job: _Job) -> _Outcome:
    """In a worker: (error, candidate clause records, clauses in the file, their characters)."""
    path, source, mode, full, password, tested = job
    query = _query(source, mode)
    shown = display_path(path)
    try:
        document = _document_if_it_may_match(path, shown, query, full, password, tested)
        if document is None:
            return None, [], 0, 0
        lengths = [len(clause.text.rstrip()) for clause in document.walk()]
        name = shown if shown != path else None
        candidates = list(clause_records(document, clause_test(query), name=name))
    except (PolicykitError, OSError) as error:
        return _unreadable(error, shown), [], 0, 0
    return None, candidates, len(lengths), sum(lengths)


def _unreadable(error: PolicykitError | OSError, shown: str) -> str:
    """The warning for a file a search cannot read: policykit's own one line, or the system's reason."""
    if isinstance(error, PolicykitError):
        return display_path(str(error))
    return f"{shown}: cannot read: {error.strerror}"


def _document_if_it_may_match(
    path: str,
    shown: str,
    query: Query,
    full: bool,
    password: str | None = None,
    tested: tuple[str, str] | bool | None = None,
) -> Document | None:
    """Parse a file, or return None when its raw text proves no clause can match (text files only).

    `tested` is the outcome of `screen_file` when the caller has run it already.
    """
    if tested is None and not full and path.lower().endswith(TESTED_FIRST):
        tested = screen_file(path, shown, query)
        if tested is None:
            return None
    if not isinstance(tested, tuple):
        from policykit.pipeline import load_document

        return load_document(path, password=password)
    from policykit.ingest import source_from_text
    from policykit.pipeline import document_from_source

    text, encoding = tested
    name = os.path.splitext(os.path.basename(path))[0]
    return document_from_source(source_from_text(text, path=path, name=name, encoding=encoding))
