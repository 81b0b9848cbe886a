"""The mutation probe's reading of raw text: lines, their numbering styles, renumbering as an editor would.

Read off the text with patterns of its own, never off policykit's parse, so the probe's expectations do
not inherit the parser's mistakes (tests/test_diff_mutations.py).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

# ---------------------------------------------------------------- numbering, read off the raw text

_CN_DIGITS = "零一二三四五六七八九"
_CN = "[一二三四五六七八九十百零]+"
_INDENT = re.compile(r"^\s*")


@dataclass(frozen=True)
class Style:
    """A numbering style as an editor types it: how to read it off a line, how to write ordinal n."""

    name: str
    rank: int
    pattern: re.Pattern[str]
    chinese: bool
    template: str  # {n} stands for the ordinal


STYLES = (
    Style("chapter", 1, re.compile(rf"^第({_CN})章(?=[ \u3000\xa0])"), True, "第{n}章"),
    Style("article", 3, re.compile(rf"^第({_CN})条(?=[ \u3000\xa0])"), True, "第{n}条"),
    Style("cn_dun", 4, re.compile(rf"^({_CN})、"), True, "{n}、"),
    Style("cn_paren", 5, re.compile(rf"^（({_CN})）"), True, "（{n}）"),
    Style("arabic_dot", 6, re.compile(r"^(\d{1,2})[.．](?![\d%])"), False, "{n}."),
    Style("arabic_paren", 7, re.compile(r"^（(\d{1,2})）"), False, "（{n}）"),
)


def cn_number(n: int) -> str:
    """Write 1-99 in Chinese numerals as documents number their parts (十, 十二, 二十三).

    >>> [cn_number(n) for n in (1, 10, 12, 20, 23)]
    ['一', '十', '十二', '二十', '二十三']
    """
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else "十" if tens == 1 else _CN_DIGITS[tens] + "十"
    return head + (_CN_DIGITS[ones] if ones else "")


def read_cn(text: str) -> int:
    """Read a Chinese ordinal of 1-99 (the inverse of cn_number)."""
    if "十" not in text:
        return _CN_DIGITS.index(text)
    tens, _, ones = text.partition("十")
    return (_CN_DIGITS.index(tens) if tens else 1) * 10 + (_CN_DIGITS.index(ones) if ones else 0)


@dataclass
class Line:
    """One line of the raw text; `style` and `ordinal` where it opens with a number."""

    text: str
    style: Style | None = None
    ordinal: int = 0

    @property
    def body(self) -> str:
        return self.text.strip()

    @property
    def number(self) -> str:
        match = self.style.pattern.match(self.body) if self.style else None
        return match.group(0) if match else ""

    def numbered(self, n: int) -> Line:
        """This line with its number rewritten as ordinal n in its own style."""
        assert self.style is not None
        indent = _INDENT.match(self.text).group(0)  # type: ignore[union-attr]
        digits = cn_number(n) if self.style.chinese else str(n)
        mark = self.style.template.format(n=digits)
        if self.style.name == "arabic_dot":
            mark = mark[:-1] + self.number[-1]  # keep the typist's . or ．
        return Line(indent + mark + self.body[len(self.number) :], self.style, n)


def read_lines(text: str) -> list[Line]:
    lines = []
    for raw in text.split("\n"):
        line = Line(raw)
        for style in STYLES:
            match = style.pattern.match(line.body)
            if match:
                try:
                    ordinal = read_cn(match.group(1)) if style.chinese else int(match.group(1))
                except ValueError:
                    continue
                line.style, line.ordinal = style, ordinal
                break
        lines.append(line)
    return lines


def restarts(lines: Sequence[Line], style: Style) -> bool:
    """Tell whether a style's numbering starts again at 1 under each higher heading (or runs on)."""
    ordinals = [line.ordinal for line in lines if line.style is style]
    return 1 in ordinals[1:]


def renumber(lines: Sequence[Line], style: Style, restart: bool) -> list[Line]:
    """Number a style's lines in order as an editor would: from 1, again under each higher heading."""
    out, counter = [], 0
    for line in lines:
        if line.style is not None and line.style.rank < style.rank and restart:
            counter = 0
        if line.style is style:
            counter += 1
            line = line if line.ordinal == counter else line.numbered(counter)
        out.append(line)
    return out


def renumber_all(lines: Sequence[Line], original: Sequence[Line]) -> list[Line]:
    """Renumber every style numbered consistently in the original: an item's sub-items may run on across items."""
    out = list(lines)
    for style in consistent_styles(original):
        out = renumber(out, style, restarts(original, style))
    return out


def consistent_styles(lines: Sequence[Line]) -> list[Style]:
    """The styles whose numbering `renumber` reproduces as it stands: edits to them renumber safely."""
    found = []
    for style in STYLES:
        if sum(line.style is style for line in lines) < 2:
            continue
        again = renumber(lines, style, restarts(lines, style))
        if all(a.text == b.text for a, b in zip(again, lines, strict=True)):
            found.append(style)
    return found


def block_end(lines: Sequence[Line], start: int) -> int:
    """The line after a numbered line's block: up to the next sibling or higher heading."""
    rank = lines[start].style.rank  # type: ignore[union-attr]
    for k in range(start + 1, len(lines)):
        style = lines[k].style
        if style is not None and style.rank <= rank:
            return k
    return len(lines)


def plain(text: str) -> str:
    """Text without any whitespace or zero-width characters, in NFKC: what layouts and normalising cannot change."""
    return re.sub(r"[\s\u200b-\u200f\ufeff]+", "", unicodedata.normalize("NFKC", text))


def unnumbered(text: str) -> str:
    """A line's plain text after its number."""
    body = text.strip()
    for style in STYLES:
        match = style.pattern.match(body)
        if match:
            return plain(body[match.end() :])
    return plain(body)
