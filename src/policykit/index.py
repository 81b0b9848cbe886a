"""The persistent search index: SQLite FTS5 over jieba search-mode tokens, kept under the XDG cache directory.

Each clause row stores its text, heading trail, line map, the space-joined search-mode tokens (indexed
by FTS5 with the unicode61 tokenizer, so every token, even one or two characters long, is a whole
term) and a bitmap of its word boundaries, so a warm query checks hits without loading jieba.
Files are re-parsed only when their size or mtime changed and their content hash too.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import zlib
from collections.abc import Callable, Iterator

from policykit.errors import InputError, PolicykitError
from policykit.search import ClauseRecord, Query, Term, match_record

SCHEMA_VERSION = 1
INDEX_FILE = "search-index.sqlite"
_WORD = re.compile(r"[^\W_]+")
_LONGEST_PIECE = 12
_SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE files(
    id INTEGER PRIMARY KEY, path TEXT UNIQUE NOT NULL, size INTEGER, mtime_ns INTEGER,
    hash TEXT, error TEXT, clauses INTEGER DEFAULT 0, chars INTEGER DEFAULT 0);
CREATE TABLE clauses(
    id INTEGER PRIMARY KEY, file_id INTEGER NOT NULL, clause TEXT, trail TEXT, text TEXT,
    lines TEXT, words TEXT, bounds BLOB);
CREATE INDEX clauses_by_file ON clauses(file_id);
CREATE TABLE vocab(term TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE VIRTUAL TABLE fts USING fts5(words, content='clauses', content_rowid='id', detail=none);
"""


def default_cache_dir() -> str:
    """$XDG_CACHE_HOME/policykit, else ~/.cache/policykit."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "policykit")


def _read(path: str) -> bytes:
    with open(path, "rb") as file:
        return file.read()


def _fingerprint() -> str:
    """Changes when the lexicon or the index layout changes, so the index is rebuilt with the new words."""
    lexicon = _read(os.path.join(os.path.dirname(__file__), "data", "lexicon.txt"))
    return f"{SCHEMA_VERSION}:{zlib.crc32(lexicon):08x}"


# ---------------------------------------------------------------- parsing (in worker processes)


def _digest(data: bytes) -> str:
    import hashlib

    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _parse_file(job: tuple[str, bool]):
    """Parse one file into clause rows; with `segment`, add the search tokens and boundary bitmap."""
    from policykit.pipeline import load_document
    from policykit.search import clause_records

    path, segment = job
    try:
        data = _read(path)
        stat = os.stat(path)
        digest = _digest(data)
        records = list(clause_records(load_document(path)))
    except PolicykitError as error:
        return path, None, str(error)
    except OSError as error:
        return path, None, f"{path}: cannot read: {error.strerror}"
    if not segment:
        return path, (stat.st_size, stat.st_mtime_ns, digest), records
    from policykit.zh.segment import tokenize

    rows = []
    for record in records:
        bits = bytearray(len(record.text) // 8 + 1)
        tokens = []
        for word, start, end in tokenize(record.text, mode="search"):
            bits[start >> 3] |= 1 << (start & 7)
            bits[end >> 3] |= 1 << (end & 7)
            if _WORD.fullmatch(word):
                tokens.append(word)
        lines = json.dumps(record.lines, separators=(",", ":"))
        rows.append((record.clause, record.path, record.text, lines, " ".join(tokens), bytes(bits)))
    return path, (stat.st_size, stat.st_mtime_ns, digest), rows


def parse_files(
    files: list[str], *, progress: Callable[[int, int], None] | None = None, segment: bool = True
) -> Iterator[tuple[str, object]]:
    """Yield (path, clause rows or records) per file in order, or (path, error message); both cores when many."""
    jobs = [(str(f), segment) for f in files]
    workers = min(os.cpu_count() or 1, len(jobs))
    if workers > 1 and len(jobs) >= 4:
        if segment:
            from policykit.zh.segment import tokenize

            tokenize("")  # load jieba once here; forked workers share it
        import multiprocessing

        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else None)
        with context.Pool(workers) as pool:
            for done, (path, stat, result) in enumerate(pool.imap(_parse_file, jobs, chunksize=4), 1):
                yield path, (stat, result) if stat else result
                if progress:
                    progress(done, len(jobs))
        return
    for done, job in enumerate(jobs, 1):
        path, stat, result = _parse_file(job)
        yield path, (stat, result) if stat else result
        if progress:
            progress(done, len(jobs))


# ---------------------------------------------------------------- the index


def fts_expression(part: str, containing: list[str] = ()) -> str | None:
    """An FTS5 query every clause with a word hit of `part` satisfies, or None when only a scan can tell.

    A word hit either contains a whole token of the clause (one of the part's substrings, or all its
    characters as one-character tokens) or lies inside one (a token `containing` the part: 低碳 in
    绿色低碳, where only 绿色 is a listed sub-word). Hits that start in one word and end inside the
    next compound without holding a token are not found this way; the scan (--no-index) finds them.
    """
    if len(part) < 2 or not _WORD.fullmatch(part):
        return None
    pieces = {
        part[i:j]
        for i in range(len(part))
        for j in range(i + 2, min(len(part), i + _LONGEST_PIECE) + 1)
        if _WORD.fullmatch(part[i:j])
    }
    alternatives = [f'"{piece}"' for piece in sorted(pieces.union(containing))]
    singles = sorted({ch for ch in part if _WORD.fullmatch(ch)})
    if singles:
        alternatives.append("(" + " AND ".join(f'"{ch}"' for ch in singles) + ")")
    return " OR ".join(alternatives) if alternatives else None


class SearchIndex:
    """An open index database; use `SearchIndex.open()` as a context manager."""

    def __init__(self, connection: sqlite3.Connection, path: str):
        self.db = connection
        self.path = path
        self._ids: dict[str, int] = {}
        self._keys: dict[str, str] = {}

    @classmethod
    def open(cls, cache_dir: str | os.PathLike | None = None) -> SearchIndex:
        folder = os.fspath(cache_dir) if cache_dir else default_cache_dir()
        try:
            os.makedirs(folder, exist_ok=True)
            connection = sqlite3.connect(os.path.join(folder, INDEX_FILE))
        except (OSError, sqlite3.Error) as error:
            raise InputError(
                f"cannot open the search index in {folder}: {error}; set XDG_CACHE_HOME or use --no-index"
            ) from None
        index = cls(connection, os.path.join(folder, INDEX_FILE))
        index._prepare()
        return index

    def __enter__(self) -> SearchIndex:
        return self

    def __exit__(self, *exc) -> None:
        self.db.close()

    def _prepare(self) -> None:
        db = self.db
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        fingerprint = _fingerprint()
        try:
            stored = db.execute("SELECT value FROM meta WHERE key='fingerprint'").fetchone()
        except sqlite3.OperationalError:
            stored = None
        if stored and stored[0] == fingerprint:
            return
        with db:
            for (name,) in db.execute(
                "SELECT name FROM sqlite_master WHERE type IN ('table','view')"
            ).fetchall():
                if name == "fts" or not name.startswith(("sqlite_", "fts_")):
                    db.execute(f'DROP TABLE IF EXISTS "{name}"')
            db.executescript(_SCHEMA)
            db.execute("INSERT INTO meta VALUES ('fingerprint', ?)", (fingerprint,))

    # ---- keeping it current

    def refresh(self, files: list[str], progress: Callable[[int, int], None] | None = None) -> list[str]:
        """Bring the given files up to date in the index; return messages for files that cannot be read."""
        db = self.db
        known = {
            path: (fid, size, mtime, digest, error)
            for fid, path, size, mtime, digest, error in db.execute(
                "SELECT id, path, size, mtime_ns, hash, error FROM files"
            )
        }
        todo: list[str] = []
        touched: list[tuple[int, int, int]] = []
        warnings: list[str] = []
        cwd = os.getcwd()
        for file in files:
            key = (
                file
                if os.path.isabs(file) and "/." not in file
                else os.path.normpath(os.path.join(cwd, file))
            )
            self._keys[file] = key
            try:
                stat = os.stat(key)
            except OSError as error:
                warnings.append(f"{file}: cannot read: {error.strerror}")
                continue
            entry = known.get(key)
            if entry and entry[1] == stat.st_size and entry[2] == stat.st_mtime_ns:
                if entry[4]:
                    warnings.append(entry[4])
                self._ids[key] = entry[0]
                continue
            if entry and entry[3]:
                try:
                    same = _digest(_read(key)) == entry[3]
                except OSError:
                    same = False
                if same:
                    touched.append((stat.st_size, stat.st_mtime_ns, entry[0]))
                    self._ids[key] = entry[0]
                    continue
            todo.append(key)
        if touched:
            with db:
                db.executemany("UPDATE files SET size=?, mtime_ns=? WHERE id=?", touched)
        if todo:
            self._index(todo, known, progress, warnings)
        return warnings

    def _index(self, todo: list[str], known: dict, progress, warnings: list[str]) -> None:
        db = self.db
        with db:
            for path in todo:
                entry = known.get(path)
                if entry:
                    self._forget(entry[0])
        pending = 0
        db.execute("BEGIN")
        try:
            for path, outcome in parse_files(todo, progress=progress, segment=True):
                if isinstance(outcome, str):
                    try:
                        stat = os.stat(path)
                    except OSError:
                        stat = None
                    db.execute(
                        "INSERT INTO files(path, size, mtime_ns, hash, error) VALUES (?,?,?,?,?)",
                        (path, stat and stat.st_size, stat and stat.st_mtime_ns, None, outcome),
                    )
                    warnings.append(outcome)
                    continue
                (size, mtime, digest), rows = outcome
                cursor = db.execute(
                    "INSERT INTO files(path, size, mtime_ns, hash, clauses, chars) VALUES (?,?,?,?,?,?)",
                    (path, size, mtime, digest, len(rows), sum(len(r[2]) for r in rows)),
                )
                file_id = cursor.lastrowid
                self._ids[path] = file_id
                first = db.execute("SELECT coalesce(max(id), 0) + 1 FROM clauses").fetchone()[0]
                db.executemany(
                    "INSERT INTO clauses(id, file_id, clause, trail, text, lines, words, bounds) "
                    "VALUES (?,?,?,?,?,?,?,?)",
                    [(first + i, file_id, *row) for i, row in enumerate(rows)],
                )
                db.executemany(
                    "INSERT INTO fts(rowid, words) VALUES (?,?)",
                    [(first + i, row[4]) for i, row in enumerate(rows)],
                )
                vocabulary = {word for row in rows for word in row[4].split()}
                db.executemany("INSERT OR IGNORE INTO vocab VALUES (?)", [(w,) for w in vocabulary])
                pending += len(rows)
                if pending > 20000:
                    db.execute("COMMIT")
                    db.execute("BEGIN")
                    pending = 0
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    def _forget(self, file_id: int) -> None:
        self.db.execute(
            "INSERT INTO fts(fts, rowid, words) SELECT 'delete', id, words FROM clauses WHERE file_id=?",
            (file_id,),
        )
        self.db.execute("DELETE FROM clauses WHERE file_id=?", (file_id,))
        self.db.execute("DELETE FROM files WHERE id=?", (file_id,))

    # ---- querying

    def find(self, query: Query, files: list[str], *, under: str | None = None):
        """Return ([(record, spans, hits per term)] in document order, clauses searched, mean clause length)."""
        db = self.db
        display: dict[int, str] = {}
        order: dict[int, int] = {}
        for i, file in enumerate(files):
            file_id = self._ids.get(self._keys.get(file, ""))
            if file_id is not None:
                display[file_id] = str(file)
                order[file_id] = i
        indexed = db.execute("SELECT count(*) FROM files").fetchone()[0]
        restrict = ""
        if len(display) < indexed:
            db.execute("CREATE TEMP TABLE IF NOT EXISTS wanted(id INTEGER PRIMARY KEY)")
            db.execute("DELETE FROM temp.wanted")
            db.executemany("INSERT INTO temp.wanted VALUES (?)", [(i,) for i in display])
            restrict = " AND c.file_id IN (SELECT id FROM temp.wanted)"
        total, characters = 0, 0
        if display:
            marks = ",".join("?" * len(display)) if len(display) < 900 else None
            sql = (
                f"SELECT sum(clauses), sum(chars) FROM files WHERE id IN ({marks})"
                if marks
                else "SELECT sum(clauses), sum(chars) FROM files WHERE id IN (SELECT id FROM temp.wanted)"
                if restrict
                else "SELECT sum(clauses), sum(chars) FROM files"
            )
            total, characters = db.execute(sql, list(display) if marks else []).fetchone()
            total, characters = total or 0, characters or 0
        candidates: dict[int, tuple] | None = None
        for group in query.groups:
            rows: dict[int, tuple] = {}
            for term in group:
                for row in self._candidates(term, restrict):
                    rows[row[0]] = row
            candidates = rows if candidates is None else {k: v for k, v in candidates.items() if k in rows}
            if not candidates:
                break
        found = []
        for row in sorted((candidates or {}).values(), key=lambda r: (order.get(r[1], 0), r[0])):
            _, file_id, clause, trail, text, lines, bounds = row
            if file_id not in display or (under and under not in (trail or "")):
                continue
            record = ClauseRecord(display[file_id], clause, trail, text, tuple(map(tuple, json.loads(lines))))
            outcome = match_record(record, query, lambda b=bounds: b)
            if outcome:
                found.append((record, *outcome))
        return found, total, characters / max(total, 1)

    def _containing(self, part: str) -> list[str]:
        if len(part) < 2 or not _WORD.fullmatch(part):
            return []
        return [t for (t,) in self.db.execute("SELECT term FROM vocab WHERE instr(term, ?) > 0", (part,))]

    def _candidates(self, term: Term, restrict: str) -> list[tuple]:
        select = "SELECT c.id, c.file_id, c.clause, c.trail, c.text, c.lines, c.bounds FROM clauses c WHERE 1"
        if term.mode == "regex":
            return self.db.execute(select + restrict).fetchall()
        conditions = []
        params: list[str] = []
        for part in term.parts:
            column = "lower(c.text)" if re.search("[a-z]", part) else "c.text"
            conditions.append(f" AND instr({column}, ?) > 0")
            params.append(part)
        if term.mode == "word":
            expressions = [e for e in (fts_expression(p, self._containing(p)) for p in term.parts) if e]
            if expressions:
                conditions.insert(0, " AND c.id IN (SELECT rowid FROM fts WHERE fts MATCH ?)")
                params.insert(0, " AND ".join(f"({e})" for e in expressions))
        return self.db.execute(select + "".join(conditions) + restrict, params).fetchall()
