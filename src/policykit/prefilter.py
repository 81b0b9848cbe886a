"""The substring test that rules a file out before it is parsed: cheap, and never wrong about a hit.

Every word match is also a substring match, and normalising only deletes whitespace and invisible
characters, maps full-width forms and radicals, and joins lines; so a raw file that holds no spelling of
a query's parts, in any of those forms, holds no clause that can match. A .txt is tested as decoded; a
.md through its text without marks, where a mark may sit inside a term.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache

from policykit.config import MARKDOWN_SUFFIXES
from policykit.query import Query, fold


def screen_file(path: str, shown: str, query: Query) -> tuple[str, str] | bool | None:
    """The substring test of a .txt or .md file: None when no clause can match, else a .txt's decoded
    text and encoding, or True for a file to read whole (a PDF named .txt, a Markdown file)."""
    data = read_bytes(path)
    if data.startswith(b"%PDF"):
        return True
    text, encoding = decode(data, shown)
    if not path.lower().endswith(MARKDOWN_SUFFIXES):
        return (text, encoding) if may_hold(text, query) else None
    if may_hold(text, query):
        return True
    if query.mode == "regex" or not _characters_present(text, query):
        return None
    # A mark may sit inside a term (氢**能**, [氢](url)能): the text without its marks decides.
    from policykit.formats.markdown import front_matter, markdown_lines

    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    plain = "\n".join(line for _, line in markdown_lines(lines, skip=front_matter(lines)[1]))
    return True if may_hold(plain, query) else None


TESTED_FIRST = (".txt", *MARKDOWN_SUFFIXES)
"""The files tested by substring before they are parsed: plain text, and Markdown through its text."""


def _characters_present(text: str, query: Query) -> bool:
    """Whether each character of some alternative of every group occurs in the text in one of its forms."""
    return all(
        any(
            all(any(form in text for form in forms) for part in term.parts for forms in part_variants(part))
            for term in group
        )
        for group in query.groups
    )


_READ_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0)
"""Computed once: the failed getattr on POSIX costs a raised AttributeError per file."""


def read_bytes(path: str) -> bytes:
    """A file's bytes through bare os calls: open() builds a buffered reader and asks isatty and tell,
    which costs more than reading a 10 KB document."""
    fd = os.open(path, _READ_FLAGS)
    try:
        size = os.fstat(fd).st_size
        data = os.read(fd, size + 1)
        if len(data) == size:  # a read of a regular file is short only at its end
            return data
        chunks = [data]
        while chunks[-1]:
            chunks.append(os.read(fd, 1 << 20))
        return b"".join(chunks)
    finally:
        os.close(fd)


def decode(data: bytes, shown: str) -> tuple[str, str]:
    """Decode as ingest does, with one UTF-8 pass for the common case (ingest tries UTF-8, then decodes)."""
    plain = data and not data.isspace() and b"\x00" not in data[:8000]
    if plain and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
    from policykit.ingest import decode_text

    return decode_text(data, shown)


_VARIANTS: dict[str, str] = {
    **{chr(c): chr(c) + chr(c - 32) + chr(c + 0xFEE0) + chr(c - 32 + 0xFEE0) for c in range(0x61, 0x7B)},
    **{chr(c): chr(c) + chr(c + 0xFEE0) for c in range(0x30, 0x3A)},
    "%": "%％",
    ".": ".．",
}
"""The characters normalising or folding turns into each character (a: a A ａ Ａ), so a raw text lacking
all of them cannot hold it. Radical code points (⼈ for 人) are added from zh.chars.radical_forms."""


@lru_cache(maxsize=64)
def part_variants(part: str) -> tuple[str, ...]:
    """For each distinct character of a query part, every raw character that reads as it."""
    from policykit.zh.chars import radical_forms

    radicals = radical_forms()
    return tuple(_VARIANTS.get(char, char) + radicals.get(char, "") for char in dict.fromkeys(part))


def may_hold(text: str, query: Query) -> bool:
    """The substring test on a raw decoded file: could `query.may_match(squashed(text))` be true?

    Each part is searched in the raw text as its characters in any of their forms with anything
    normalising deletes between them (_part_patterns), so no squashed copy of the file is built.
    """
    if query.mode == "regex":
        return True
    return all(
        any(all(_part_occurs(part, text) for part in term.parts) for term in group) for group in query.groups
    )


def _part_occurs(part: str, text: str) -> bool:
    return any(pattern.search(text) for pattern in _part_patterns(part))


@lru_cache(maxsize=64)
def _part_patterns(part: str) -> tuple[re.Pattern[str], ...]:
    """Patterns that find every raw spelling of `part` that squashed() turns into it: each character in
    any of its forms, with whitespace and invisible characters allowed between them.

    One pattern per form of the first character, so each starts with a literal the regex engine
    looks for at C speed; a class at the start would test every character of the file. They come
    from the user's query, so they are compiled here (under 1.5 ms for a Chinese term) and never
    kept in pattern_cache's store, which every later command reads whole at start-up.
    """
    from policykit.zh.chars import _CONTROL, ZERO_WIDTH

    between = f"[\\s{re.escape(ZERO_WIDTH)}{_CONTROL.pattern[1:-1]}]*"
    forms = dict(zip(dict.fromkeys(part), part_variants(part), strict=True))

    def one_of(char: str) -> str:
        return re.escape(char) if len(forms[char]) == 1 else f"[{''.join(map(re.escape, forms[char]))}]"

    rest = "".join(between + one_of(char) for char in part[1:])
    return tuple(re.compile(re.escape(first) + rest) for first in forms[part[0]])


def squashed(text: str) -> str:
    """The text as the clause texts hold it, folded, without whitespace: what may_hold must cover.

    Normalising only removes invisible characters, maps full-width letters and digits and radical code
    points, and joins lines, so every whitespace-free substring of a clause is a substring of this.
    """
    from policykit.zh.chars import halfwidth_alnum, strip_invisible, unify_radicals

    return fold("".join(unify_radicals(halfwidth_alnum(strip_invisible(text))).split()))
