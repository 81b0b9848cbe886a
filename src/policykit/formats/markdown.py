"""Markdown (.md) → `Source`: the text without its markup, each line keeping its line number.

Policy texts copied into Markdown keep their own numbering (第一条, 一、) under heading marks and
emphasis ("## 第一章 总则", "**第一条** 为了…"); the marks go, the numbering stays. Tables become
tab-separated rows; their |---| separator row is dropped. Line-based, as Markdown itself is.
"""

from __future__ import annotations

from policykit import pattern_cache
from policykit.model import Source, SourceLine

_FENCE = pattern_cache.compile(r"^\s{0,3}(```|~~~)")
_ATX = pattern_cache.compile(r"^\s{0,3}#{1,6}(?:\s+|$)(.*?)(?:\s+#+)?\s*$")
_SETEXT = pattern_cache.compile(r"^\s{0,3}(?:=+|-{2,})\s*$")
_RULE = pattern_cache.compile(r"^\s{0,3}(?:(?:\*\s*){3,}|(?:_\s*){3,})$")
_QUOTE = pattern_cache.compile(r"^\s{0,3}(?:>\s?)+")
_BULLET = pattern_cache.compile(r"^(\s*)[-*+]\s+(?!\[[ xX]\])")
_TABLE_SEPARATOR = pattern_cache.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_IMAGE = pattern_cache.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = pattern_cache.compile(r"\[([^\]]+)\]\([^)]*\)")
_STRONG = pattern_cache.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_CODE = pattern_cache.compile(r"`([^`]+)`")
_ESCAPE = pattern_cache.compile(r"\\([\\`*_{}\[\]()#+\-.!|>])")


def read_markdown(data: bytes, *, path: str, name: str) -> Source:
    """Read a Markdown file's text into lines numbered as in the file."""
    from policykit.ingest import decode_text

    text, encoding = decode_text(data, path)
    lines = markdown_lines(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    return Source(
        path=path,
        name=name,
        lines=tuple(SourceLine(t, n) for n, t in lines),
        encoding=f"markdown/{encoding}",
    )


def markdown_lines(raw: list[str]) -> list[tuple[int, str]]:
    """Strip Markdown from each line, keeping its number; table separator rows and fences go.

    >>> markdown_lines(["## 第一章 总则", "", "**第一条** 为了[规范](x.html)管理。", "| 指标 | 目标 |", "|---|---|", "| A | 5% |"])
    [(1, '第一章 总则'), (2, ''), (3, '第一条 为了规范管理。'), (4, '指标\\t目标'), (6, 'A\\t5%')]
    """
    out: list[tuple[int, str]] = []
    fenced = False
    for number, line in enumerate(raw, 1):
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if fenced:
            out.append((number, line))
            continue
        if "|" in line and _TABLE_SEPARATOR.match(line):
            continue
        if _SETEXT.match(line) and out and out[-1][1].strip():
            continue  # the underline of a setext heading
        if _RULE.match(line) or (_SETEXT.match(line) and line.strip().startswith("-")):
            out.append((number, ""))
            continue
        out.append((number, _inline(_block(line))))
    return out


def _block(line: str) -> str:
    heading = _ATX.match(line)
    if heading:
        return heading.group(1)
    line = _QUOTE.sub("", line)
    line = _BULLET.sub(r"\1", line)
    stripped = line.strip()
    if stripped.startswith("|") and stripped.endswith("|") and len(stripped) > 1:
        return "\t".join(cell.strip() for cell in stripped[1:-1].split("|"))
    return line


def _inline(text: str) -> str:
    text = _IMAGE.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _STRONG.sub(r"\2", text)
    text = _CODE.sub(r"\1", text)
    return _ESCAPE.sub(r"\1", text)
