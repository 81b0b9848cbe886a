"""The jieba wrapper: one place that loads jieba quietly, with the policy lexicon added.

Default jieba splits 碳中和 into 碳/中/和 and 新质生产力 into pieces; the lexicon in
`policykit/data/lexicon.txt` (word, frequency, POS tag per line) keeps such terms whole.
jieba is imported on first use only, so commands that never segment stay fast.
"""

from __future__ import annotations

import gc
import logging
import sys
from functools import cache
from importlib.resources import files


def lexicon() -> list[tuple[str, int, str]]:
    """Return the policy lexicon as (word, frequency, POS tag) entries."""
    entries = []
    for raw in files("policykit").joinpath("data/lexicon.txt").read_text(encoding="utf-8").splitlines():
        parts = raw.split()
        if parts and not raw.startswith("#"):
            entries.append(
                (parts[0], int(parts[1]) if len(parts) > 1 else 20000, parts[2] if len(parts) > 2 else "n")
            )
    return entries


@cache
def _jieba():
    # jieba's start-up unmarshals a ~500k-entry dictionary, and the cyclic GC scanning those
    # objects as they are made costs about a third of the load (marshal.load of jieba's cache:
    # 1.5 s with the GC, 1.0 s without, on the project's 2-core machine); none of them form cycles.
    collecting = gc.isenabled()
    gc.disable()
    # jieba._compat imports pkg_resources (~0.15 s) only to open its own data files, and falls back
    # to plain open() when that import fails: hide it for the moment jieba is imported.
    hidden = "pkg_resources" not in sys.modules
    if hidden:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]
    try:
        import jieba

        jieba.setLogLevel(logging.WARNING)
        jieba.initialize()
        for word, freq, tag in lexicon():
            jieba.add_word(word, freq=freq, tag=tag)
    finally:
        if hidden:
            sys.modules.pop("pkg_resources", None)
        if collecting:
            gc.enable()
    return jieba


@cache
def _posseg():
    """jieba's POS tagger (its HMM tables and word tags cost ~0.3 s more): loaded only for pos_cut."""
    _jieba()
    collecting = gc.isenabled()
    gc.disable()
    hidden = "pkg_resources" not in sys.modules
    if hidden:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]
    try:
        import jieba.posseg
    finally:
        if hidden:
            sys.modules.pop("pkg_resources", None)
        if collecting:
            gc.enable()
    return jieba.posseg


def cut(text: str) -> list[str]:
    """Segment text into words (precise mode) with the policy lexicon."""
    return _jieba().lcut(text)


def cut_for_search(text: str) -> list[str]:
    """Segment for indexing: words plus their shorter parts (锂电池 also yields 电池)."""
    return _jieba().lcut_for_search(text)


def tokenize(text: str, mode: str = "default") -> list[tuple[str, int, int]]:
    """Segment with character offsets: (word, start, end); mode 'search' adds the parts of compounds."""
    return list(_jieba().tokenize(text, mode=mode))


def pos_cut(text: str) -> list[tuple[str, str]]:
    """Segment with part-of-speech tags: [(word, tag), ...]."""
    return [(pair.word, pair.flag) for pair in _posseg().lcut(text)]
