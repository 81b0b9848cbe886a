"""Fold the traditional characters of a Hong Kong, Macao or Taiwan copy of a mainland plan to the simplified ones
extract's word lists are written in (data/traditional.txt), one character to one so that every offset holds."""

from __future__ import annotations

import re
from functools import lru_cache

from policykit import pattern_cache
from policykit.config import read_data


@lru_cache(maxsize=1)
def _table() -> tuple[dict[int, str], re.Pattern[str]]:
    """The translation table and a character class of every traditional character it maps."""
    pairs: dict[str, str] = {}
    for line in read_data("traditional.txt").decode("utf-8").splitlines():
        if line.startswith("#"):
            continue
        for entry in line.split():
            if len(entry) != 2 or entry[0] == entry[1]:
                raise ValueError(f"data/traditional.txt: {entry!r} is not a traditional-simplified pair")
            pairs[entry[0]] = entry[1]
    return str.maketrans(pairs), pattern_cache.compile("[" + "".join(sorted(pairs)) + "]")


def has_traditional(text: str) -> bool:
    """Tell whether the text holds a character the fold maps (one C-speed search)."""
    return _table()[1].search(text) is not None


def fold_traditional(text: str) -> str:
    """The text with its traditional characters simplified, of the same length: 達到1.2萬億元 → 达到1.2万亿元.

    >>> fold_traditional("不低於90%，控制在5.5%以內，提高2個百分點")
    '不低于90%，控制在5.5%以内，提高2个百分点'
    """
    table, present = _table()
    return text.translate(table) if present.search(text) else text
