"""The persistent search index: SQLite FTS5 over character bigrams, with each clause's word boundaries.

An accelerator only: search answers from it for the files it holds unchanged and scans the rest,
with the same results either way. Each clause row stores its text, heading trail, line map, the
distinct bigrams of its letters and ideographs (FTS5, so a query finds the clauses holding every
bigram of a term: never fewer than hold the term) and a bitmap of its jieba word boundaries, so a
warm query checks word hits without loading jieba.

It follows SQLite's guidance for several processes: WAL (readers never wait for a writer), writers
take the lock up front (BEGIN IMMEDIATE) with a busy timeout, one transaction per batch of files so
a killed build leaves a consistent index. A file counts as unchanged only when size, mtime, ctime
and inode match and it was not modified in the seconds before it was indexed; otherwise its content
hash decides. A damaged index is checked (PRAGMA quick_check) and rebuilt with a note; a read-only
or full cache makes search go on without the index, saying so.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import sqlite3
import sys
import time
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from types import TracebackType
from typing import TextIO

from policykit import pattern_cache
from policykit.config import SEARCH_INDEX_FILE as INDEX_FILE
from policykit.config import cache_dir as default_cache_dir
from policykit.config import code_stamp
from policykit.errors import PolicykitError
from policykit.query import ClauseRecord, Hit, Query, Term, clause_records, fold, match_record

SCHEMA_VERSION = 2
LOCK_FILE = "search-index.build.lock"
_GRAM_RUN = pattern_cache.compile(r"[0-9a-z\u3400-\u4dbf\u4e00-\u9fff]{2,}")
_MAX_FTS_GRAMS = 48
_MAX_INSTR = 24
_RACY_NS = 2_000_000_000
_BATCH_CLAUSES = 20000
_CHECK_BYTES = 16 * 2**20
"""Indexes up to this size are quick_checked on every open (~20 ms); bigger ones by `policykit index`."""
_SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE files(
    id INTEGER PRIMARY KEY, path TEXT UNIQUE NOT NULL, size INTEGER, mtime_ns INTEGER, ctime_ns INTEGER,
    inode INTEGER, indexed_ns INTEGER, hash TEXT, error TEXT, clauses INTEGER DEFAULT 0,
    chars INTEGER DEFAULT 0);
CREATE TABLE clauses(
    id INTEGER PRIMARY KEY, file_id INTEGER NOT NULL, clause TEXT, trail TEXT, text TEXT,
    lines TEXT, grams TEXT, bounds BLOB);
CREATE INDEX clauses_by_file ON clauses(file_id);
CREATE VIRTUAL TABLE fts USING fts5(grams, content='clauses', content_rowid='id', detail=none);
"""
_UNWRITABLE = ("readonly", "read-only", "disk is full", "unable to open", "disk i/o error", "out of memory")

__all__ = ["INDEX_FILE", "IndexUnavailable", "SearchIndex", "build_index", "default_cache_dir"]


class IndexUnavailable(PolicykitError):
    """The index cannot be used here (read-only or full cache, a lock never freed): search goes on without."""


def _read(path: str) -> bytes:
    with open(path, "rb") as file:
        return file.read()


def _fingerprint() -> str:
    """Changes when the lexicon, the index layout or policykit's code changes, so the index is rebuilt
    with the new words and the new clause trees (an upgrade must not answer from the old parser's)."""
    lexicon = _read(os.path.join(os.path.dirname(__file__), "data", "lexicon.txt"))
    return f"{SCHEMA_VERSION}:{zlib.crc32(lexicon):08x}:{code_stamp():08x}"


def _digest(data: bytes) -> str:
    import hashlib

    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _key(path: str, cwd: str | None = None) -> str:
    """The absolute path as stored: bytes that are not UTF-8 written as \\xNN (SQLite holds UTF-8 only).

    `cwd` (the working directory, ending in a slash) saves asking for it once per path in a loop.
    """
    if path.startswith("/"):
        absolute = path if "/." not in path else os.path.abspath(path)
    elif path and not path.startswith(".") and "/." not in path and "//" not in path and path[-1] != "/":
        absolute = (cwd or os.path.join(os.getcwd(), "")) + path  # what abspath gives, without normpath
    else:
        absolute = os.path.abspath(path)
    if absolute.isascii():
        return absolute
    try:
        absolute.encode("utf-8")
        return absolute
    except UnicodeEncodeError:
        return os.fsencode(absolute).decode("utf-8", "backslashreplace")


def grams(text: str) -> set[str]:
    """The distinct character bigrams of the letter, digit and ideograph runs of folded text.

    >>> sorted(grams("发展氢能。PM2"))
    ['m2', 'pm', '发展', '展氢', '氢能']
    """
    found: set[str] = set()
    for run in _GRAM_RUN.findall(fold(text)):
        found.update(run[i : i + 2] for i in range(len(run) - 1))
    return found


# ---------------------------------------------------------------- parsing (in worker processes)


_Row = tuple[str, str, str, str, str, bytes]
"""A clause as stored: clause id, heading trail, text, line map (JSON), bigrams, boundary bitmap."""
_Parsed = tuple[str, tuple[os.stat_result, str] | None, list[_Row] | str]
"""(path, (stat, content hash) or None, the clause rows or an error message) for one file."""


def _parse_file(job: tuple[str, str]) -> _Parsed:
    """Parse one file into clause rows with their bigrams and boundary bitmap; or an error message."""
    from policykit.pipeline import load_document
    from policykit.zh.segment import tokenize

    path, shown = job
    try:
        info = os.stat(path)
        data = _read(path)
        records = list(clause_records(load_document(path)))
    except PolicykitError as error:
        return path, None, str(error)
    except OSError as error:
        return path, None, f"{shown}: cannot read: {error.strerror}"
    rows: list[_Row] = []
    for record in records:
        bits = bytearray(len(record.text) // 8 + 1)
        for _, start, end in tokenize(record.text, mode="search"):
            bits[start >> 3] |= 1 << (start & 7)
            bits[end >> 3] |= 1 << (end & 7)
        lines = json.dumps(record.lines, separators=(",", ":"))
        rows.append(
            (
                record.clause,
                record.path,
                record.text,
                lines,
                " ".join(sorted(grams(record.text))),
                bytes(bits),
            )
        )
    return path, (info, _digest(data)), rows


def parse_files(
    files: list[tuple[str, str]], *, progress: Callable[[int, int], None] | None = None
) -> Iterator[_Parsed]:
    """Yield (path, (stat, hash) or None, rows or error message) per (path, shown) in order, on the run's pool."""
    from policykit import parallel

    if files:
        from policykit.zh.segment import load

        load()  # the whole dictionary: many clauses to segment, and forked workers share it
    for done, result in enumerate(parallel.pmap(_parse_file, files), 1):
        yield result
        if progress:
            progress(done, len(files))


# ---------------------------------------------------------------- the index


def _unwritable(error: BaseException) -> bool:
    message = str(error).lower()
    return isinstance(error, OSError) or any(word in message for word in _UNWRITABLE)


class SearchIndex:
    """An open index database; use `SearchIndex.open()` as a context manager."""

    def __init__(self, connection: sqlite3.Connection, folder: str, notes: list[str]):
        self.db = connection
        self.folder = folder
        self.path = os.path.join(folder, INDEX_FILE)
        self.notes = notes

    @classmethod
    def open(
        cls, cache_dir: str | os.PathLike | None = None, *, rebuild: bool = False, check: bool | None = None
    ) -> SearchIndex:
        """Open (creating, or rebuilding when damaged or asked) the index in `cache_dir` or the default.

        With `check` (by default: when the file is small enough to check in a few milliseconds) the
        index is verified with PRAGMA quick_check first: garbage inside a page can otherwise go unseen.
        """
        folder = os.fspath(cache_dir) if cache_dir else default_cache_dir()
        path = os.path.join(folder, INDEX_FILE)
        notes: list[str] = []
        try:
            os.makedirs(folder, exist_ok=True)
        except OSError as error:
            raise IndexUnavailable(f"cannot create the index folder {folder}: {error.strerror}") from None
        if not os.access(folder, os.W_OK) or (os.path.exists(path) and not os.access(path, os.W_OK)):
            raise IndexUnavailable(f"the search index at {path} is read-only")
        if rebuild:
            _remove(path)
        elif os.path.exists(path) and (check or (check is None and os.path.getsize(path) <= _CHECK_BYTES)):
            problem = _check(path)
            if problem is not None:
                _remove(path)
                notes.append(f"the search index at {path} was damaged ({problem}): rebuilt it")
        for attempt in range(2):
            connection = None
            try:
                connection = _connect(path)
                index = cls(connection, folder, notes)
                index._prepare()
                return index
            except sqlite3.DatabaseError as error:
                if connection is not None:
                    connection.close()
                if _unwritable(error) or _busy(error):
                    raise IndexUnavailable(f"cannot use the search index at {path}: {error}") from None
                if attempt:
                    raise IndexUnavailable(f"cannot rebuild the search index at {path}: {error}") from None
                problem = _check(path) or str(error)
                _remove(path)
                notes.append(f"the search index at {path} was damaged ({problem}): rebuilt it")
        raise AssertionError("unreachable")

    def __enter__(self) -> SearchIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.db.close()

    def _prepare(self) -> None:
        db = self.db
        fingerprint = _fingerprint()
        if self._stored_fingerprint() == fingerprint:
            return
        _retry(lambda: db.execute("PRAGMA journal_mode=WAL").fetchone())
        with _write(db):
            if self._stored_fingerprint() == fingerprint:
                return  # another process built it while this one waited for the lock
            tables = db.execute("SELECT name FROM sqlite_master WHERE type IN ('table','view')").fetchall()
            for (name,) in tables:
                if name == "fts" or not name.startswith(("sqlite_", "fts_")):
                    db.execute(f'DROP TABLE IF EXISTS "{name}"')
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    db.execute(statement)
            db.execute("INSERT INTO meta VALUES ('fingerprint', ?)", (fingerprint,))

    def _stored_fingerprint(self) -> str | None:
        try:
            row = self.db.execute("SELECT value FROM meta WHERE key='fingerprint'").fetchone()
        except sqlite3.OperationalError as error:
            if "no such table" in str(error):
                return None
            raise
        return row[0] if row else None

    # ---- keeping it current

    def _known(self) -> dict[str, tuple]:
        """Every file row by path: id, path, size, mtime_ns, ctime_ns, inode, indexed_ns, hash, error, clauses, chars."""
        return {
            row[1]: row
            for row in self.db.execute(
                "SELECT id, path, size, mtime_ns, ctime_ns, inode, indexed_ns, hash, error, clauses, chars"
                " FROM files"
            )
        }

    def fresh(self, files: Iterable[str], stats: Mapping[str, os.stat_result] | None = None) -> list[str]:
        """The files the index holds as they are now: stat proves it, or for a file written just before
        it was indexed (stat cannot tell), its content hash; those are then stamped as checked.
        `stats` holds stat results the caller has just taken (the folder walk's), not taken again."""
        held, checked, _ = self._held(files, stats, self._known())
        self._stamp(checked)
        return held

    def fresh_and_find(
        self,
        query: Query,
        files: Iterable[str],
        stats: Mapping[str, os.stat_result] | None = None,
        *,
        under: str | None = None,
    ) -> tuple[list[str], list[Hit], int, int]:
        """`fresh` then `find` in one snapshot, reading the file table once: (held files, hits, clauses, characters)."""
        db = self.db
        db.execute("BEGIN")
        try:
            known = self._known()
            held, checked, keys = self._held(files, stats, known)
            found, total, characters = self._find(query, held, under, known, keys)
        finally:
            db.execute("COMMIT")
        self._stamp(checked)
        return held, found, total, characters

    def _held(
        self, files: Iterable[str], stats: Mapping[str, os.stat_result] | None, known: dict[str, tuple]
    ) -> tuple[list[str], list[tuple], dict[str, str]]:
        """The files held unchanged, (time, id) stamps for those only their content hash proved so, and
        each file's index key."""
        held = []
        checked: list[tuple] = []
        keys: dict[str, str] = {}
        cwd = os.path.join(os.getcwd(), "")
        for file in files:
            key = keys[file] = _key(file, cwd)
            entry = known.get(key)
            if entry is None or entry[8]:
                continue
            info = stats.get(file) if stats else None
            if info is None:
                try:
                    info = os.stat(file)
                except OSError:
                    continue
            if _unchanged(entry, info):
                held.append(file)
            elif entry[2:6] == _stat_row(info):
                try:
                    same = _digest(_read(file)) == entry[7]
                except OSError:
                    same = False
                if same:
                    held.append(file)
                    checked.append((time.time_ns(), entry[0]))
        return held, checked, keys

    def _stamp(self, checked: list[tuple]) -> None:
        if checked:
            with contextlib.suppress(sqlite3.Error), _write(self.db):
                self.db.executemany("UPDATE files SET indexed_ns=? WHERE id=?", checked)

    def refresh(self, files: list[str], progress: Callable[[int, int], None] | None = None) -> list[str]:
        """Bring the given files up to date in the index; return messages for files that cannot be read."""
        from policykit.files import display_path

        known = self._known()
        cwd = os.path.join(os.getcwd(), "")
        todo: list[tuple[str, str]] = []
        touched: list[tuple] = []
        warnings: list[str] = []
        for file in files:
            key = _key(file, cwd)
            try:
                info = os.stat(file)
            except OSError as error:
                warnings.append(f"{display_path(file)}: cannot read: {error.strerror}")
                continue
            entry = known.get(key)
            if entry and not entry[8]:
                if _unchanged(entry, info):
                    continue
                try:
                    same = entry[7] and _digest(_read(file)) == entry[7]
                except OSError:
                    same = False
                if same:
                    touched.append((*_stat_row(info), time.time_ns(), entry[0]))
                    continue
            todo.append((file, display_path(file)))
        try:
            if touched:
                with _write(self.db):
                    self.db.executemany(
                        "UPDATE files SET size=?, mtime_ns=?, ctime_ns=?, inode=?, indexed_ns=? WHERE id=?",
                        touched,
                    )
            if todo:
                self._index(todo, progress, warnings)
        except sqlite3.OperationalError as error:
            if _unwritable(error) or _busy(error):
                raise IndexUnavailable(f"cannot write the search index at {self.path}: {error}") from None
            raise
        return warnings

    def _index(
        self, todo: list[tuple[str, str]], progress: Callable[[int, int], None] | None, warnings: list[str]
    ) -> None:
        """Parse outside any lock, then write each batch of files in one short write transaction."""
        batch: list[_Parsed] = []
        pending = 0
        for path, stamp, outcome in parse_files(todo, progress=progress):
            if isinstance(outcome, str):
                warnings.append(outcome)
            batch.append((path, stamp, outcome))
            pending += 1 if isinstance(outcome, str) else len(outcome)
            if pending >= _BATCH_CLAUSES:
                self._store(batch)
                batch, pending = [], 0
        if batch:
            self._store(batch)

    def _store(self, batch: list[_Parsed]) -> None:
        db = self.db
        with _write(db):
            for path, stamp, outcome in batch:
                key = _key(path)
                row = db.execute("SELECT id, hash, error FROM files WHERE path=?", (key,)).fetchone()
                if (
                    row
                    and not isinstance(outcome, str)
                    and stamp is not None
                    and row[1] == stamp[1]
                    and not row[2]
                ):
                    continue  # another process stored this very content while this one parsed it
                if row:
                    self._forget(row[0])
                if isinstance(outcome, str):
                    info: tuple[int, int, int, int] | tuple[None, None, None, None]
                    try:
                        info = _stat_row(os.stat(path))
                    except OSError:
                        info = (None, None, None, None)
                    db.execute(
                        "INSERT INTO files(path, size, mtime_ns, ctime_ns, inode, error) VALUES (?,?,?,?,?,?)",
                        (key, *info, outcome),
                    )
                    continue
                assert stamp is not None, "a parsed file has its stat and hash"
                stat, digest = stamp
                cursor = db.execute(
                    "INSERT INTO files(path, size, mtime_ns, ctime_ns, inode, indexed_ns, hash, clauses, chars)"
                    " VALUES (?,?,?,?,?,?,?,?,?)",
                    (
                        key,
                        *_stat_row(stat),
                        time.time_ns(),
                        digest,
                        len(outcome),
                        sum(len(r[2]) for r in outcome),
                    ),
                )
                file_id = cursor.lastrowid
                first = db.execute("SELECT coalesce(max(id), 0) + 1 FROM clauses").fetchone()[0]
                db.executemany(
                    "INSERT INTO clauses(id, file_id, clause, trail, text, lines, grams, bounds) "
                    "VALUES (?,?,?,?,?,?,?,?)",
                    [(first + i, file_id, *row) for i, row in enumerate(outcome)],
                )
                db.executemany(
                    "INSERT INTO fts(rowid, grams) VALUES (?,?)",
                    [(first + i, row[4]) for i, row in enumerate(outcome)],
                )

    def _forget(self, file_id: int) -> None:
        self.db.execute(
            "INSERT INTO fts(fts, rowid, grams) SELECT 'delete', id, grams FROM clauses WHERE file_id=?",
            (file_id,),
        )
        self.db.execute("DELETE FROM clauses WHERE file_id=?", (file_id,))
        self.db.execute("DELETE FROM files WHERE id=?", (file_id,))

    def prune(self) -> int:
        """Drop the files that no longer exist from the index; return how many."""
        gone = [
            file_id
            for file_id, path in self.db.execute("SELECT id, path FROM files")
            if not os.path.exists(path)
        ]
        if gone:
            with _write(self.db):
                for file_id in gone:
                    self._forget(file_id)
        return len(gone)

    # ---- querying

    def find(self, query: Query, files: list[str], *, under: str | None = None) -> tuple[list[Hit], int, int]:
        """Return ([(record, spans, hits per term)] in document order, clauses searched, their characters)."""
        db = self.db
        db.execute("BEGIN")  # one snapshot: a writer replacing rows meanwhile cannot mix two versions
        try:
            return self._find(query, files, under, self._known())
        finally:
            db.execute("COMMIT")

    def _find(
        self,
        query: Query,
        files: list[str],
        under: str | None,
        known: dict[str, tuple],
        keys: dict[str, str] | None = None,
    ) -> tuple[list[Hit], int, int]:
        from policykit.files import display_path

        db = self.db
        display: dict[int, str] = {}
        order: dict[int, int] = {}
        cwd = os.path.join(os.getcwd(), "")
        total = characters = 0
        for i, file in enumerate(files):
            entry = known.get(keys[file] if keys else _key(file, cwd))
            if entry is not None and not entry[8] and entry[0] not in display:
                display[entry[0]] = display_path(file)
                order[entry[0]] = i
                total += entry[9] or 0
                characters += entry[10] or 0
        if not display:
            return [], 0, 0
        restrict = ""
        if len(display) < sum(1 for entry in known.values() if not entry[8]):
            # the index holds other files too: let SQLite leave their clauses out
            db.execute("CREATE TEMP TABLE IF NOT EXISTS wanted(id INTEGER PRIMARY KEY)")
            db.execute("DELETE FROM temp.wanted")
            db.executemany("INSERT INTO temp.wanted VALUES (?)", [(i,) for i in display])
            restrict = " AND c.file_id IN (SELECT id FROM temp.wanted)"
        candidates: dict[int, tuple] | None = None
        for group in query.groups:
            rows: dict[int, tuple] = {}
            for term in group:
                for row in self._candidates(term, restrict):
                    if row[1] in display:
                        rows[row[0]] = row
            candidates = rows if candidates is None else {k: v for k, v in candidates.items() if k in rows}
            if not candidates:
                break
        found: list[Hit] = []
        for row in sorted((candidates or {}).values(), key=lambda r: (order.get(r[1], 0), r[0])):
            _, file_id, clause, trail, text, lines, bounds = row
            if under and under not in (trail or ""):
                continue
            record = ClauseRecord(display[file_id], clause, trail, text, tuple(map(tuple, json.loads(lines))))
            outcome = match_record(record, query, _given(bounds))
            if outcome:
                found.append((record, *outcome))
        return found, total, characters

    def _candidates(self, term: Term, restrict: str) -> list[tuple]:
        """Rows that may hold the term: every bigram of it in FTS, every part by instr (capped, still a superset)."""
        select = "SELECT c.id, c.file_id, c.clause, c.trail, c.text, c.lines, c.bounds FROM clauses c WHERE 1"
        if term.mode == "regex":
            return self.db.execute(select + restrict).fetchall()
        conditions = []
        params: list[str] = []
        for part in sorted(term.parts, key=len, reverse=True)[:_MAX_INSTR]:
            column = "lower(c.text)" if re.search("[a-z]", part) else "c.text"
            conditions.append(f" AND instr({column}, ?) > 0")
            params.append(part)
        needed = sorted({gram for part in term.parts for gram in grams(part)})[:_MAX_FTS_GRAMS]
        if needed:
            conditions.insert(0, " AND c.id IN (SELECT rowid FROM fts WHERE fts MATCH ?)")
            params.insert(0, " AND ".join(f'"{gram}"' for gram in needed))
        return self.db.execute(select + "".join(conditions) + restrict, params).fetchall()


# ---------------------------------------------------------------- helpers


def _connect(path: str) -> sqlite3.Connection:
    connection = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
    connection.execute("PRAGMA busy_timeout=30000")
    connection.execute("PRAGMA synchronous=NORMAL")
    connection.execute("PRAGMA cell_size_check=ON")
    connection.execute("PRAGMA temp_store=MEMORY")  # the temp table of wanted files is never written out
    return connection


class _write:
    """A write transaction taken with BEGIN IMMEDIATE (retried while busy), rolled back on any error."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> sqlite3.Connection:
        _retry(lambda: self.db.execute("BEGIN IMMEDIATE"))
        return self.db

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if kind is None:
            _retry(lambda: self.db.execute("COMMIT"))
        elif self.db.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                self.db.execute("ROLLBACK")


def _given(bounds: bytes) -> Callable[[], bytes]:
    """A stored boundary bitmap in the form match_record asks for (a callable: the scan computes one lazily)."""
    return lambda: bounds


def _busy(error: BaseException) -> bool:
    message = str(error).lower()
    return "locked" in message or "busy" in message


def _retry(action: Callable[[], object], seconds: float = 60.0) -> object:
    """Run a statement, retrying while another connection holds the lock (beyond SQLite's busy timeout)."""
    deadline = time.monotonic() + seconds
    delay = 0.01
    while True:
        try:
            return action()
        except sqlite3.OperationalError as error:
            if not _busy(error) or time.monotonic() > deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 0.5)


def _stat_row(info: os.stat_result) -> tuple[int, int, int, int]:
    return info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino


def _unchanged(entry: tuple, info: os.stat_result) -> bool:
    """Stat proves a file unchanged only when nothing moved and it was not written just before indexing."""
    size, mtime, ctime, inode, indexed = entry[2:7]
    return (
        (size, mtime, ctime, inode) == _stat_row(info)
        and indexed is not None
        and mtime < indexed - _RACY_NS
        and ctime < indexed - _RACY_NS
    )


def _check(path: str) -> str | None:
    """What PRAGMA quick_check says is wrong with the database, or None when it cannot even run."""
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
        try:
            rows = connection.execute("PRAGMA quick_check").fetchall()
        finally:
            connection.close()
    except sqlite3.Error as error:
        return str(error)
    problems = [row[0] for row in rows if row[0] != "ok"]
    return "; ".join(problems[:3]) if problems else None


def _remove(path: str) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            os.remove(path + suffix)


def repair(cache_dir: str | os.PathLike | None, error: BaseException) -> str:
    """After a query hit damage: quick_check the index and delete it when damaged; say what was done."""
    folder = os.fspath(cache_dir) if cache_dir else default_cache_dir()
    path = os.path.join(folder, INDEX_FILE)
    if _busy(error) or _unwritable(error):
        return f"cannot use the search index at {path}: {error}"
    problem = _check(path)
    if problem is None:
        return f"the search index at {path} failed a query ({error})"
    _remove(path)
    return f"the search index at {path} was damaged ({problem}): removed it, the next search rebuilds it"


# ---------------------------------------------------------------- building


def build_index(
    paths: Iterable[str],
    *,
    cache_dir: str | os.PathLike | None = None,
    rebuild: bool = False,
    max_size: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[int, list[str], list[str]]:
    """Index the given files and folders (`policykit index`); return (files held, warnings, notes)."""
    from policykit.config import MAX_FILE_BYTES
    from policykit.files import expand_paths

    expanded = expand_paths(paths, max_size=MAX_FILE_BYTES if max_size is None else max_size)
    with SearchIndex.open(cache_dir, rebuild=rebuild, check=True) as index:
        warnings = list(expanded.warnings) + index.refresh(list(expanded.files), progress=progress)
        index.prune()
    from policykit.zh.segment import ensure_store

    ensure_store()  # jieba's word store, for the cold searches of files not indexed yet
    return len(expanded.files), warnings, list(index.notes)


def start_background_index(
    paths: Iterable[str | os.PathLike], folder: str, count: int, *, max_size: int | None
) -> str:
    """Start `policykit index` on these paths in a detached process; return the status line to show."""
    import subprocess

    lock = os.path.join(folder, LOCK_FILE)
    if _locked(lock):
        return f"an index build is already running in {folder}; this answer comes from scanning"
    argv = [sys.executable, "-m", "policykit", "index", "--quiet", "--background"]
    if max_size is not None:
        argv += ["--max-size", str(max_size)]
    argv += ["--", *(os.fspath(p) for p in paths)]
    env = {**os.environ, "POLICYKIT_CACHE_DIR": folder}
    try:
        subprocess.Popen(
            argv,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError as error:
        return f"could not start indexing in the background ({error.strerror}); run `policykit index`"
    return f"indexing {count} file(s) in the background into {folder}; later searches will be faster"


def _locked(lock: str) -> bool:
    """Tell whether a background build holds the build lock."""
    import fcntl

    try:
        handle = open(lock, "a")  # noqa: SIM115
    except OSError:
        return False
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        handle.close()
    return False


def hold_build_lock(folder: str) -> TextIO | None:
    """Take the background build lock for this process's life, or return None when another build holds it."""
    import fcntl

    os.makedirs(folder, exist_ok=True)
    handle = open(os.path.join(folder, LOCK_FILE), "a")  # noqa: SIM115
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        return None
    return handle
