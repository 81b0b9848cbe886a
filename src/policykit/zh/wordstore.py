"""jieba's dictionary as a SQLite file read one word at a time, so a few segmentations cost milliseconds.

jieba loads its whole 500k-entry dictionary (and, for POS tags, 350k more tag entries) before it cuts
a single sentence: about 1 s, where a cold search needs the word boundaries of a handful of clauses
and `parse` the tags of a few dozen phrases. The store holds the same frequencies and tags (the policy
lexicon included) and answers jieba's own lookups lazily through dict subclasses, so jieba's code
runs unchanged and gives the same tokens. It is written once per jieba dictionary and lexicon under
the cache directory; past a budget of lookups a run switches to the full dictionary (zh.segment).
"""

from __future__ import annotations

import os
import sqlite3
import sys
import zlib
from functools import cache
from typing import Any

_UNSEEN = object()
LOOKUP_BUDGET = 200_000
"""Store lookups after which a run is better served by loading the whole dictionary."""


class _Lookup(dict[str, object]):
    """A mapping jieba reads (`in`, `[]`, `.get`) that asks SQLite on a miss and remembers the answer."""

    def __init__(self, db: sqlite3.Connection, table: str) -> None:
        super().__init__()
        self.statement = f"SELECT value FROM {table} WHERE word=?"
        self.db = db
        self.asked = 0

    def _fetch(self, word: str) -> object:
        self.asked += 1
        row = self.db.execute(self.statement, (word,)).fetchone()
        value = row[0] if row else None
        dict.__setitem__(self, word, value)
        return value

    def _value(self, word: str) -> object:
        value = dict.get(self, word, _UNSEEN)
        return self._fetch(word) if value is _UNSEEN else value

    def __contains__(self, word: object) -> bool:
        return self._value(word) is not None  # type: ignore[arg-type]

    def __getitem__(self, word: str) -> object:
        value = self._value(word)
        if value is None:
            raise KeyError(word)
        return value

    def get(self, word: str, default: object = None) -> object:
        value = self._value(word)
        return default if value is None else value


def import_jieba(module: str = "jieba") -> Any:
    """Import jieba (or a submodule) without pkg_resources and with the cyclic GC paused.

    jieba._compat imports pkg_resources (~0.15 s) only to open its own data files and falls back to
    plain open() when that import fails; jieba's tables are large and hold no cycles.
    """
    import gc
    import importlib

    collecting = gc.isenabled()
    gc.disable()
    hidden = "pkg_resources" not in sys.modules
    if hidden:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]
    try:
        return importlib.import_module(module)
    finally:
        if hidden:
            sys.modules.pop("pkg_resources", None)
        if collecting:
            gc.enable()


def fingerprint() -> str:
    """Changes with jieba's version, its dictionary file and the policy lexicon."""
    jieba = import_jieba()

    lexicon = os.path.join(os.path.dirname(os.path.dirname(__file__)), "data", "lexicon.txt")
    with open(lexicon, "rb") as handle:
        crc = zlib.crc32(handle.read())
    dictionary = os.path.join(os.path.dirname(jieba.__file__), "dict.txt")
    size = os.path.getsize(dictionary) if os.path.exists(dictionary) else 0
    return f"{jieba.__version__}-{size}-{crc:08x}"


def store_path() -> str:
    from policykit.config import cache_dir

    return os.path.join(cache_dir(), f"jieba-words-{fingerprint()}.sqlite")


def write_store(freq: dict, total: int, tags: dict, path: str) -> None:
    """Write the frequencies and tags of a loaded jieba to `path` (atomically: a temp file, then rename)."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    temporary = f"{path}.{os.getpid()}.tmp"
    db = sqlite3.connect(temporary, isolation_level=None)
    try:
        db.execute("PRAGMA journal_mode=OFF")
        db.execute("PRAGMA synchronous=OFF")
        db.execute("BEGIN")
        db.execute("CREATE TABLE freq(word TEXT PRIMARY KEY, value INTEGER) WITHOUT ROWID")
        db.execute("CREATE TABLE tags(word TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID")
        db.execute("CREATE TABLE meta(key TEXT PRIMARY KEY, value) WITHOUT ROWID")
        db.executemany("INSERT INTO freq VALUES (?,?)", freq.items())
        db.executemany("INSERT INTO tags VALUES (?,?)", tags.items())
        db.execute("INSERT INTO meta VALUES ('total', ?)", (total,))
        db.execute("COMMIT")
    finally:
        db.close()
    os.replace(temporary, path)


@cache
def _open() -> tuple[sqlite3.Connection, int] | None:
    path = store_path()
    if not os.path.exists(path):
        return None
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True, check_same_thread=False)
        total = db.execute("SELECT value FROM meta WHERE key='total'").fetchone()[0]
    except (sqlite3.Error, TypeError):
        return None
    return db, total


@cache
def tokenizer():
    """A jieba Tokenizer whose dictionary is the store, or None when there is no store yet."""
    opened = _open()
    if opened is None:
        return None
    db, total = opened
    jieba = import_jieba()
    light = jieba.Tokenizer()
    light.FREQ = _Lookup(db, "freq")
    light.total = total
    light.initialized = True
    return light


def import_posseg() -> Any:
    """Import jieba.posseg without the default tagger it builds reading all of dict.txt's tags (~0.3 s):
    the default tokenizer points at an empty file for that moment. Our taggers bring their own tags."""
    jieba = import_jieba()
    if "jieba.posseg" not in sys.modules:
        dictionary = jieba.dt.dictionary
        jieba.dt.dictionary = os.devnull
        try:
            import_jieba("jieba.posseg")
        finally:
            jieba.dt.dictionary = dictionary
    return import_jieba("jieba.posseg")


@cache
def pos_tokenizer():
    """A jieba POSTokenizer over the store's frequencies and tags, or None when there is no store yet."""
    light = tokenizer()
    if light is None:
        return None
    posseg = import_posseg()
    tagger = object.__new__(posseg.POSTokenizer)
    tagger.tokenizer = light
    tagger.word_tag_tab = _Lookup(light.FREQ.db, "tags")
    return tagger


def lookups() -> int:
    """How many store lookups this run has made (to know when the whole dictionary pays off)."""
    light = tokenizer() if _open.cache_info().currsize else None
    if light is None:
        return 0
    tagger = pos_tokenizer() if pos_tokenizer.cache_info().currsize else None
    return light.FREQ.asked + (tagger.word_tag_tab.asked if tagger else 0)
