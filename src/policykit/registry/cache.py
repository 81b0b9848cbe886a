"""The source cache: what validate needs from each source (clause texts, targets), kept by sha256.

Parsing and extracting every source is most of a cold `validate`; the facts are cached under the
source's hash and the code's fingerprint, and the sources the cache lacks are parsed in worker processes.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from policykit import config
from policykit.parallel import pmap, worker_count
from policykit.zh.chars import squash


@dataclass(frozen=True)
class SourceTarget:
    """A target as extract reads it, reduced to what validate compares."""

    value: float
    unit: str
    year: int | None
    comparator: str | None
    quantity: str


@dataclass
class SourceFacts:
    """What validate needs from one source: each clause's own text (whitespace removed) and its targets."""

    path: Path
    sha256: str
    loaded: bool = False
    clauses: dict[str, str] = field(default_factory=dict)
    squashed: str = ""
    targets: dict[str, list[SourceTarget]] = field(default_factory=dict)
    error: str | None = None


def cache_dir() -> Path:
    """Where parsed-source facts are kept between runs: the one cache directory of config."""
    return Path(config.cache_dir())


_NOT_READING_SOURCES = frozenset({"__main__.py", "entry.py", "search.py", "index.py", "diff.py", "align.py"})
"""Modules that play no part in parsing or extracting a source, so editing them keeps cached facts."""
_NOT_READING_PACKAGES = ("render/", "cli/", "batch/")


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of the package's code and data: any change to the parser or extract invalidates cached facts."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        relative = path.relative_to(package).as_posix()
        if relative in _NOT_READING_SOURCES or relative.startswith(_NOT_READING_PACKAGES):
            continue
        if path.suffix in (".py", ".yaml", ".txt", ".json") and "__pycache__" not in path.parts:
            digest.update(relative.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


PARALLEL_MIN_SOURCES = 4
"""Below this many sources to parse, worker processes cost more than they save."""


def _cache_file(check: SourceFacts) -> Path:
    return cache_dir() / "sources" / f"{check.sha256}-{code_fingerprint()}.json"


def _cached_record(check: SourceFacts) -> dict | None:
    try:
        return json.loads(_cache_file(check).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _store(check: SourceFacts, record: dict) -> None:
    if "error" in record:
        return
    cached = _cache_file(check)
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        temporary = cached.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
        temporary.replace(cached)
    except OSError:
        pass  # a read-only cache only costs time


def _apply(check: SourceFacts, record: dict) -> None:
    check.loaded = True
    if "error" in record:
        check.error = record["error"]
        return
    check.clauses = dict(record["clauses"])
    check.squashed = "".join(check.clauses.values())
    for clause_id, *fields in record["targets"]:
        check.targets.setdefault(clause_id, []).append(SourceTarget(*fields))


def load_facts(check: SourceFacts, use_cache: bool) -> None:
    """Fill a source check from the cache when the source and the code are unchanged, else by parsing."""
    if check.loaded:
        return
    record = _cached_record(check) if use_cache else None
    if record is None:
        record = _read_source_facts(check.path)
        if use_cache:
            _store(check, record)
    _apply(check, record)


def prefetch_facts(checks: list[SourceFacts], use_cache: bool) -> None:
    """Parse the sources the cache lacks in worker processes, one per core, when there are enough of them."""
    todo = []
    for check in checks:
        record = _cached_record(check) if use_cache else None
        if record is None:
            todo.append(check)
        else:
            _apply(check, record)
    if len(todo) < PARALLEL_MIN_SOURCES or worker_count() < 2:
        return
    try:
        paths = [check.path for check in todo]
        records = list(pmap(_read_source_facts, paths, min_jobs=PARALLEL_MIN_SOURCES))
    except (OSError, RuntimeError):  # no processes here (sandbox, frozen app): parse in this one
        return
    for check, record in zip(todo, records, strict=True):
        if use_cache:
            _store(check, record)
        _apply(check, record)


def _read_source_facts(path: Path) -> dict:
    from policykit.errors import PolicykitError
    from policykit.pipeline import load_document
    from policykit.targets import extract_targets

    try:
        document = load_document(path)
    except PolicykitError as error:
        return {"error": str(error)}
    return {
        "clauses": [[clause.id, squash(clause.text)] for clause in document.walk()],
        "targets": [
            [t.clause, t.value, t.unit, t.year, t.comparator, t.quantity] for t in extract_targets(document)
        ],
    }
