"""Markdown (.md) → `Source`: the text without its markup, each line keeping its line number.

Policy texts copied into Markdown keep their own numbering (第一条, 一、) under heading marks and
emphasis ("## 第一章 总则", "**第一条** 为了…"); the marks go, the numbering stays. Tables become
tab-separated rows; their |---| separator row is dropped. Line-based, as Markdown itself is.
A YAML front matter block (--- 标题: … 文号: … ---, as document collections write it) is the file's
metadata, not text, and HTML comments (<!-- INFO END -->) are never shown: both become blank lines.
"""

from __future__ import annotations

import datetime
import html
from typing import Any

from policykit import pattern_cache
from policykit.model import Metadata, Source, SourceLine

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
_COMMENT = pattern_cache.compile(r"<!--.*?(?:-->|$)")
_TAG = pattern_cache.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
"""An HTML tag: its name is ASCII, so <上海市…管理办法> (a title nested in 《》) is text."""
_FRONT_MATTER_END = ("---", "...")
_KEY_VALUE = pattern_cache.compile(r"^([^\s:：#][^:：]{0,40})[:：]\s*(.*)$")
_NO_VALUE = frozenset({"-", "—", "--", "无", "暂无", "null", "None", "N/A"})
"""What a collection writes for a key it has no value for (文号: -)."""
_LEADING_BLANKS = 5
"""Blank lines a scraper may leave before the front matter's opening ---."""
_FRONT_MATTER_LINES = 200
"""A front matter block longer than this is not one: the file opened with a rule, then prose."""


def read_markdown(data: bytes, *, path: str, name: str) -> Source:
    """Read a Markdown file's text into lines numbered as in the file."""
    from policykit.ingest import decode_text

    text, encoding = decode_text(data, path)
    raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    fields, size = front_matter(raw)
    lines = markdown_lines(raw, skip=size)
    return Source(
        path=path,
        name=name,
        lines=tuple(SourceLine(t, n) for n, t in lines),
        encoding=f"markdown/{encoding}",
        metadata=_metadata(fields),
    )


def front_matter(raw: list[str]) -> tuple[dict[str, Any], int]:
    """The YAML front matter at the top of a Markdown file, and how many lines it takes (0 when none).

    >>> front_matter(["---", "标题: 关于开展申报的通知", "文号: 沪交〔2022〕4号", "---", "# 关于开展申报的通知"])
    ({'标题': '关于开展申报的通知', '文号': '沪交〔2022〕4号'}, 4)
    """
    first = next((k for k, line in enumerate(raw[:_LEADING_BLANKS]) if line.strip()), None)
    if first is None or raw[first].strip() != "---":
        return {}, 0
    for end in range(first + 1, min(len(raw), first + _FRONT_MATTER_LINES + 1)):
        if raw[end].strip() in _FRONT_MATTER_END:
            break
    else:
        return {}, 0
    import yaml

    from policykit.config import load_yaml

    block = raw[first + 1 : end]
    try:
        fields = load_yaml("\n".join(block))
    except yaml.YAMLError:  # collections write `文号: -`, which YAML refuses: read key: value lines
        fields = _key_values(block)
    if not isinstance(fields, dict) or not fields:
        return {}, 0
    return {str(key): value for key, value in fields.items()}, end + 1


def _key_values(block: list[str]) -> dict[str, str] | None:
    """`key: value` lines as a dict, or None when a line is something else (then it is no front matter)."""
    fields: dict[str, str] = {}
    for line in block:
        if not line.strip() or line[:1].isspace():
            continue  # a blank line, or an indented continuation of the value above
        found = _KEY_VALUE.match(line)
        if not found:
            return None
        fields[found.group(1).strip()] = (found.group(2) or "").strip()
    return fields


def _metadata(fields: dict[str, Any]) -> Metadata | None:
    """Title, 文号, issuer and date from front matter keys, by the labels a web page's metadata block uses."""
    if not fields:
        return None
    from policykit.formats.html.meta import labelled_metadata
    from policykit.formats.html.words import page_words

    words = page_words()
    values: dict[str, str] = {}
    for field, labels in words.labels.items():
        for label in (*labels, *words.meta_tags.get(field, ()), field):
            found = fields.get(label)  # a scalar only: str() of a list of aliases could be exponential
            value = str(found).strip() if isinstance(found, str | int | float | datetime.date) else ""
            if value and value not in _NO_VALUE and field not in values:
                values[field] = value
    return labelled_metadata(values)


def markdown_lines(raw: list[str], skip: int = 0) -> list[tuple[int, str]]:
    """Strip Markdown from each line, keeping its number; table separator rows and fences go, and the
    first `skip` lines (front matter) and HTML comments are blank.

    >>> markdown_lines(["## 第一章 总则", "", "**第一条** 为了[规范](x.html)管理。", "| 指标 | 目标 |", "|---|---|", "| A | 5% |"])
    [(1, '第一章 总则'), (2, ''), (3, '第一条 为了规范管理。'), (4, '指标\\t目标'), (6, 'A\\t5%')]
    """
    out: list[tuple[int, str]] = [(number, "") for number in range(1, skip + 1)]
    fenced = False
    commented = False
    for number, line in enumerate(raw[skip:], skip + 1):
        if commented or "<!--" in line:
            line, commented = _uncomment(line, commented)
            if not line.strip():
                out.append((number, ""))
                continue
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


def _uncomment(line: str, commented: bool) -> tuple[str, bool]:
    """The line without its HTML comments, and whether a comment is still open at its end."""
    if commented:
        close = line.find("-->")
        if close < 0:
            return "", True
        line = line[close + 3 :]
    kept = _COMMENT.sub("", line)
    opened = line.rfind("<!--")
    return kept, opened >= 0 and line.find("-->", opened) < 0


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
    if (
        "<" in text
    ):  # raw HTML, which Markdown lets through (<p style=…>text</p>): the tags go, the text stays
        text = _TAG.sub("", text)
        if "&" in text:
            text = html.unescape(text)
    text = _IMAGE.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _STRONG.sub(r"\2", text)
    text = _CODE.sub(r"\1", text)
    return _ESCAPE.sub(r"\1", text)
