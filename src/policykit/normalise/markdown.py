"""Markdown marks around a document's text: pandoc and LLM conversions of Word files leave them.

A heading's ## or a bold's ** stands before the clause number the structure stage must see first;
they are layout, not text, and go before the line fixers measure or join anything.
"""

from __future__ import annotations

from policykit import pattern_cache
from policykit.zh.chars import INDENT
from policykit.zh.numbering import is_heading_line, match_numbering

_MARKDOWN_HEADING = pattern_cache.compile(rf"^([{INDENT}]*)#{{1,6}}[{INDENT}]+(?=\S)")
_MARKDOWN_BULLET = pattern_cache.compile(rf"^([{INDENT}]*)[-*+][{INDENT}]+(?=\S)")
_BOLD = "**"
_BOLD_AFTER = rf"{INDENT}、，。；：:（(）)．.》“"
"""What a bold's opening ** follows: the line's start, a space or a mark, never an ideograph (王** masks a name)."""
_BOLD_PAIR = pattern_cache.compile(rf"(?:^|(?<=[{_BOLD_AFTER}]))\*\*(?=[^\s*])(.+?)(?<=[^\s*])\*\*")
_BOLD_OPEN = pattern_cache.compile(rf"^[{INDENT}]*\*\*(?=[^\s*])")


def may_hold_markdown(text: str) -> bool:
    """Tell whether a markdown mark might be in the text: a document without one skips the line-by-line fixer.

    A mark is a #, a ** or a bullet (-, * or + after nothing but indentation, then a space); plain
    substring searches find them, where a pattern anchored at each line would test every character.
    """
    if "#" in text or "**" in text:
        return True
    for mark in "-*+":
        at = text.find(mark)
        while at != -1:
            if text[at + 1 : at + 2] in _INDENT_CHARS and not text[text.rfind("\n", 0, at) + 1 : at].strip(
                INDENT
            ):
                return True
            at = text.find(mark, at + 1)
    return False


_INDENT_CHARS = frozenset(INDENT)
_BOLD_LINES = 12
"""The most lines a column cuts a bold sentence into: an opening ** left unclosed that long is text."""


def strip_markdown_marks(text: str) -> str:
    """Drop markdown's heading marks, bold pairs and a bullet before a number: layout, not text.

    pandoc and LLM conversions of Word files write headings as `## （一）加强领导`,
    `**一、总体要求**`, `一、**总体要求**` or `- （二）…`; the number must open the line for the
    clause to be seen. A ** after an ideograph opens no bold: 王**、李** mask names.

    >>> strip_markdown_marks("## （一）加强领导"), strip_markdown_marks("**（二）强化保障。**各区要…")
    ('（一）加强领导', '（二）强化保障。各区要…')
    >>> strip_markdown_marks("- 三、**保障措施**"), strip_markdown_marks("#1机组"), strip_markdown_marks("- 坚持创新")
    ('三、保障措施', '#1机组', '- 坚持创新')
    >>> strip_markdown_marks("当事人：王**、李**")
    '当事人：王**、李**'
    """
    found = _MARKDOWN_HEADING.match(text)
    if found:
        text = found.group(1) + text[found.end() :]
    if _BOLD in text:
        text = _BOLD_PAIR.sub(r"\1", text)
    bullet = _MARKDOWN_BULLET.match(text)
    if bullet and (match_numbering(text[bullet.end() :]) or is_heading_line(text[bullet.end() :])):
        text = bullet.group(1) + text[bullet.end() :]
    return text


def strip_markdown(lines: list[str]) -> list[str]:
    """strip_markdown_marks on each line, and a bold a column cut in two: its ** at a line's start, the close below.

    >>> strip_markdown(["**（一）加快推进老旧小区改造，完善配", "套设施。**各区要落实。", "王**、李**"])
    ['（一）加快推进老旧小区改造，完善配', '套设施。各区要落实。', '王**、李**']
    """
    out: list[str] = []
    open_at: int | None = None  # the line whose opening ** waits for its close
    for k, line in enumerate(lines):
        line = strip_markdown_marks(line)
        if open_at is not None and k - open_at < _BOLD_LINES and _BOLD in line:
            close = line.index(_BOLD)
            out[open_at] = _BOLD_OPEN.sub(lambda m: m.group(0)[:-2], out[open_at], count=1)
            line = line[:close] + line[close + 2 :]
            open_at = None
        elif (opening := _BOLD_OPEN.match(line)) and _BOLD not in line[opening.end() :]:
            open_at = k
        out.append(line)
    return out


__all__ = ["may_hold_markdown", "strip_markdown", "strip_markdown_marks"]
