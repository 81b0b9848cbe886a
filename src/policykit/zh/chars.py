"""Character classes and mappings for Chinese policy text."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from policykit import pattern_cache
from policykit.config import read_data
from policykit.run_cache import RunCache

ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
"""Invisible characters left by web scrapes and word processors (seen in gov-work-report-2021)."""

TERMINAL_PUNCT = "。！？!?；;：:”’」』）)…"
SENTENCE_STOPS = "。！？；"
"""Marks that end a sentence inside a paragraph and never a heading, a running head or a label."""
"""Marks after which a line break is a real paragraph end rather than a wrap."""

CLOSING_PUNCT = "，。、；：！？）》」』”’%％"
"""Marks that cannot begin a line in Chinese typesetting, so a line starting with one continues the last."""

INDENT = " \t\u3000\u00a0\u2002\u2003"
"""Indentation characters: ASCII space, tab, ideographic, no-break, en and em spaces (web pages indent with em spaces)."""

_FULLWIDTH_ALNUM = {
    **{chr(0xFF10 + i): chr(0x30 + i) for i in range(10)},
    **{chr(0xFF21 + i): chr(0x41 + i) for i in range(26)},
    **{chr(0xFF41 + i): chr(0x61 + i) for i in range(26)},
    "％": "%",
}
_FULLWIDTH_TABLE = str.maketrans(_FULLWIDTH_ALNUM)
_FULLWIDTH_POINT = pattern_cache.compile(r"(?<=[0-9０-９])．(?=[0-9０-９])")
_CONTROL = pattern_cache.compile(r"[\x00-\x08\x0b-\x1f\x7f\u2028\u2029]")
_ZERO_WIDTH_TABLE = str.maketrans(dict.fromkeys(ZERO_WIDTH))


def _any_of(chars: Iterable[str]) -> re.Pattern[str]:
    """One character class of the characters a fixer maps: a C-speed test that the fixer would change nothing.

    `str.translate` with a dict table looks every character up, which is slow on CJK text; most lines
    hold none of the mapped characters, so each fixer first searches for one. Runs of consecutive code
    points become ranges: the regex engine tests a class of a few ranges far faster than one of many
    scattered characters (the radical table has 1,308).
    """
    return pattern_cache.compile(_class_source(chars))


def _class_source(chars: Iterable[str]) -> str:
    """The source of a character class of `chars`, consecutive code points as ranges."""
    runs: list[list[int]] = []
    for code in sorted(set(map(ord, chars))):
        if runs and code == runs[-1][1] + 1:
            runs[-1][1] = code
        else:
            runs.append([code, code])
    parts = (re.escape(chr(a)) + (f"-{re.escape(chr(b))}" if b > a else "") for a, b in runs)
    return "[" + "".join(parts) + "]"


_FULLWIDTH_ANY = _any_of([*_FULLWIDTH_ALNUM, "．"])
_INVISIBLE_ANY = pattern_cache.compile(f"{_any_of(ZERO_WIDTH).pattern}|{_CONTROL.pattern}")


def halfwidth_alnum(text: str) -> str:
    """Map full-width digits, Latin letters, % and decimal points to ASCII; keep Chinese punctuation.

    >>> halfwidth_alnum("增长１２．５％，ＬＮＧ接卸能力")
    '增长12.5%，LNG接卸能力'
    """
    if not _FULLWIDTH_ANY.search(text):
        return text
    return _FULLWIDTH_POINT.sub(".", text).translate(_FULLWIDTH_TABLE)


def strip_invisible(text: str) -> str:
    """Remove zero-width and control characters (but not newlines or tabs).

    >>> strip_invisible("人\\u200b民")
    '人民'
    """
    if not _INVISIBLE_ANY.search(text):
        return text
    return _CONTROL.sub("", text.translate(_ZERO_WIDTH_TABLE))


@lru_cache(maxsize=1)
def _radical_table() -> dict[int, str]:
    """The radical → unified ideograph table from data/radicals.txt, loaded once."""
    table: dict[int, str] = {}
    raw = read_data("radicals.txt").decode("utf-8")
    for line in raw.splitlines():
        fields = line.split("#", 1)[0].split()
        if len(fields) == 2:
            table[ord(fields[0])] = fields[1]
    return table


def unify_radicals(text: str) -> str:
    """Map radical and compatibility code points to the ideographs they print as (browser-printed PDFs).

    >>> unify_radicals("⼈⼯智能，⼈⺠群众的意⻅")
    '人工智能，人民群众的意见'
    """
    if text.isascii() or not _radical_any().search(text):
        return text
    return text.translate(_radical_table())


@lru_cache(maxsize=1)
def _radical_any() -> re.Pattern[str]:
    return _any_of(chr(code) for code in _radical_table())


def fix_characters(texts: list[str]) -> list[str]:
    """strip_invisible, then halfwidth_alnum, then unify_radicals on each text, as a line's character fixes.

    One search over all the texts rules out each fixer whose characters none of them hold (most
    documents have no radicals, many no full-width letters), so those cost nothing per line.

    >>> fix_characters(["⼈\u200b⺠", "１２％"])
    ['人民', '12%']
    """
    joined = "\n".join(texts)
    if not _any_fix().search(joined):  # one scan of the text, not three, for a file that needs no fix
        return list(texts)
    fixers = [
        fixer
        for fixer, guard in (
            (strip_invisible, _INVISIBLE_ANY),
            (halfwidth_alnum, _FULLWIDTH_ANY),
            (unify_radicals, _radical_any()),
        )
        if guard.search(joined)
    ]
    if not fixers:
        return list(texts)
    fixed = []
    for text in texts:
        for fixer in fixers:
            text = fixer(text)
        fixed.append(text)
    return fixed


@lru_cache(maxsize=1)
def _any_fix() -> re.Pattern[str]:
    """Matches wherever one of fix_characters' guards would: a character some fixer changes."""
    guards = (_INVISIBLE_ANY, _FULLWIDTH_ANY, _radical_any())
    return pattern_cache.compile("|".join(f"(?:{guard.pattern})" for guard in guards))


@lru_cache(maxsize=1)
def radical_forms() -> dict[str, str]:
    """Each ideograph with the radical and compatibility code points that print as it (人: ⼈).

    A raw-text prefilter needs them: a file may spell a word with these before normalise unifies it.

    >>> radical_forms()["民"]
    '⺠'
    """
    forms: dict[str, str] = {}
    for code, unified in _radical_table().items():
        forms[unified] = forms.get(unified, "") + chr(code)
    return forms


def squash(text: str) -> str:
    """Remove all whitespace: Chinese text does not depend on it, and layouts and editions re-space freely.

    >>> squash("目    录\\n第一章  总则")
    '目录第一章总则'
    """
    return "".join(text.split())


def is_cjk(char: str) -> bool:
    """Tell whether a character is a CJK ideograph."""
    return "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf"


def common_hanzi_share(text: str, sample: int = 20000) -> float:
    """Share of the ideographs in `text` that are common ones: GB 2312 level 1 (the 3,755 most used
    Simplified) or Big5 level 1 (the 5,401 most used Traditional).

    Right-decoded Chinese, in either script, scores near 1; bytes decoded with the wrong Chinese codec
    (Big5 read as GB18030, or the reverse) give rare characters and score near 0.5, which is how ingest
    tells them apart.

    >>> common_hanzi_share("推动高质量发展"), common_hanzi_share("推動高質量發展")
    (1.0, 1.0)
    >>> common_hanzi_share("推動高質量發展".encode("big5").decode("gb18030", errors="replace")) < 0.8
    True
    """
    ideographs = [c for c in text[:sample] if is_cjk(c)]
    if not ideographs:
        return 0.0
    return sum(map(_common_hanzi, ideographs)) / len(ideographs)


def _common_hanzi(char: str) -> bool:
    try:
        if 0xB0 <= char.encode("gb2312")[0] <= 0xD7:
            return True
    except UnicodeEncodeError:
        pass
    try:
        return 0xA4 <= char.encode("big5")[0] <= 0xC6
    except UnicodeEncodeError:
        return False


def display_width(text: str) -> int:
    """Width in half-width columns: ideographs and full-width marks count 2, as on the printed page.

    >>> display_width("产业规模突破4400亿元")
    20
    """
    if text.isascii():
        return len(text)
    return _WIDTH(text)


def display_widths(texts: list[str]) -> list[int]:
    """display_width of each text, as a file's lines: whether any is wide or astral is asked of all at once.

    >>> display_widths(["产业规模", "PM2.5", ""])
    [8, 5, 0]
    """
    joined = "\n".join(texts)
    if joined.isascii():
        return [len(text) for text in texts]
    return _WIDTH.many(texts, joined)


def char_width(char: str) -> int:
    """The definition display_width follows: 2 for East Asian wide, full-width and ambiguous characters."""
    return 2 if unicodedata.east_asian_width(char) in "WFA" else 1


class _Widths(dict[str, int]):
    """Each character's width, computed on first sight: reading it back is a C-level dict lookup."""

    def __missing__(self, char: str) -> int:
        width = self[char] = char_width(char)
        return width


class _Width:
    """display_width past ASCII: per-character widths remembered, or one regex once the text is large.

    The sum over a dict of widths costs ~100 ns a character. A class of every narrow code point of the
    BMP counts them at C speed instead: width = length + wide characters, and the wide ones are what
    removing the narrow ones leaves. Building the class from unicodedata takes ~16 ms, so a process uses
    it from the first call only when an earlier run stored it (`early`), else past `switch` characters.
    Text with astral characters keeps the dict path.
    """

    switch = 200_000

    def __init__(self, *, early: bool = True) -> None:
        self.widths = _Widths()
        self.seen = 0
        self.narrow: re.Pattern[str] | None = None
        self.early = early

    def _choose(self, size: int) -> None:
        """Take the regex path once `size` more characters bring the total past `switch`, or early."""
        if self.narrow is None:
            self.seen += size
            if self.seen > self.switch or (self.early and _narrow_bmp_is_stored()):
                self.narrow = _narrow_bmp()
            self.early = False  # asked once per process

    def __call__(self, text: str) -> int:
        self._choose(len(text))
        if self.narrow is not None and not _ASTRAL.search(text):
            return len(text) + len(self.narrow.sub("", text))
        return sum(map(self.widths.__getitem__, text))

    def many(self, texts: list[str], joined: str) -> list[int]:
        """Each text's width, `joined` being them all: one astral test, and no regex call for an ASCII line."""
        self._choose(len(joined))
        if self.narrow is None or _ASTRAL.search(joined):
            return [len(text) if text.isascii() else self(text) for text in texts]
        narrow = self.narrow.sub
        return [len(text) if text.isascii() else len(text) + len(narrow("", text)) for text in texts]


_ASTRAL = pattern_cache.compile("[\U00010000-\U0010ffff]")


_NARROW_BMP = RunCache("narrow-bmp", max_entries=4)
"""unicodedata version -> the narrow class's source, so later runs skip the 65,536 width lookups."""


def _narrow_bmp_is_stored() -> bool:
    return _NARROW_BMP.get(unicodedata.unidata_version) is not None


def _narrow_bmp() -> re.Pattern[str]:
    """A class of every BMP code point of width 1 (surrogates included: they never occur in decoded text)."""
    source = _NARROW_BMP.get(unicodedata.unidata_version)
    if source is None:
        source = _class_source(chr(code) for code in range(0x10000) if char_width(chr(code)) == 1)
        _NARROW_BMP.put(unicodedata.unidata_version, source)
    return pattern_cache.compile(source)


_WIDTH = _Width()
