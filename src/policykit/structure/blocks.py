"""Blocks the structure stage sets apart before it walks the paragraphs: a 目录, flattened tables, bare lists.

Each finder looks at the normalised paragraphs alone and returns where its blocks stand, so the
builder (policykit.structure) can pass over them as whole blocks and never read their lines as headings.
"""

from __future__ import annotations

import re

from policykit import pattern_cache
from policykit.model import Paragraph
from policykit.zh.chars import squash
from policykit.zh.numbering import (
    BANNER,
    STYLE_BY_NAME,
    TOC_LEADER,
    TOC_WORDS,
    Numbering,
    alternatives,
    chinese_ordinal,
    is_heading_line,
    layout_words,
    match_numbering,
)

_WORDS = layout_words()
_TASK_COUNT = pattern_cache.compile(
    rf"([0-9]{{1,2}}|[一二三四五六七八九十]{{1,3}})(?:{alternatives(_WORDS['task_count']['measures'])})"
    rf"(?:{alternatives(_WORDS['task_count']['qualifiers'])})?(?:{alternatives(_WORDS['task_count']['nouns'])})"
)


_PHRASE_LONGEST = 30
"""The longest paragraph a bare list's entry may be (is_short_phrase's default limit)."""


def is_short_phrase(text: str, limit: int = _PHRASE_LONGEST) -> bool:
    return 4 <= len(text) <= limit and not _SENTENCE_MARK.search(text) and match_numbering(text) is None


_SENTENCE_MARK = pattern_cache.compile(r"[。；！？:：]")


_TOC_SCAN = 80
"""How far into a document a 目录 without its heading word is looked for: it stands before the body."""


def _toc_key(text: str) -> str:
    """An entry as its heading reads in the body: leaders, page number and letter-spacing gone."""
    return squash(TOC_LEADER.sub("", text))


_TOC_FIRST = pattern_cache.compile("[" + "".join(sorted({re.escape(word[0]) for word in TOC_WORDS})) + "]")
"""The first characters of the 目录 words: a paragraph holding none of them is no 目录 heading, unsquashed."""


def _has_leader(text: str) -> bool:
    """Tell whether a line ends in a 目录 entry's leader and page number (character tests rule most out).

    TOC_LEADER ends in a page number (digits, then `$`, which may stand before a final newline); a
    paragraph ending otherwise is not searched.
    """
    return (
        (text[-1:].isdigit() or (text[-1:] == "\n" and text[-2:-1].isdigit()))
        and ("…" in text or "." in text or "·" in text or " " in text or "　" in text)
        and bool(TOC_LEADER.search(text))
    )


def _readings(paragraphs: tuple[Paragraph, ...], j: int) -> set[str]:
    """How a 目录 entry may give heading j: whole, without its number (总体要求 for 一、总体要求), or
    with the title on the next line where the number stands alone (第一章 / 总则)."""
    here = _toc_key(paragraphs[j].text)
    readings = {here}
    numbering = match_numbering(paragraphs[j].text)
    if numbering is not None:
        readings.add(squash(numbering.rest))
        if not numbering.rest and j + 1 < len(paragraphs):
            after = squash(paragraphs[j + 1].text)
            readings |= {here + after, after}
    return readings


def find_table_of_contents(paragraphs: tuple[Paragraph, ...]) -> range:
    """Return the paragraph range of a 目录 block, whose entries repeat as real headings later.

    shanghai-urban-renewal-regulation-2021 lists 第一章…第八章 under 目 录 before the body; a
    typeset 目录 gives each entry a dotted leader and page number (一、总体要求……3), with or
    without the heading word. The block runs to where its first entry comes back as a heading.
    """
    for i, p in enumerate(paragraphs):
        if _TOC_FIRST.search(p.text) and squash(p.text) in TOC_WORDS:
            start, first = i, i + 1
        elif (
            i < _TOC_SCAN
            and i + 2 < len(paragraphs)
            and _has_leader(p.text)  # the first of the three, asked before any generator is built
            and all(_has_leader(q.text) and is_heading_line(q.text) for q in paragraphs[i : i + 3])
        ):
            start, first = i, i
        else:
            continue
        if first >= len(paragraphs):
            return range(0)
        key = _toc_key(paragraphs[first].text)
        for j in range(first + 1, len(paragraphs)):
            if not _has_leader(paragraphs[j].text) and key in _readings(paragraphs, j):
                return range(start, _last_entry(paragraphs, first, j) + 1)
        return range(0)
    return range(0)


_TOC_BODY_LINE = 100
"""The longest body paragraph a 目录 entry is compared with: a heading, not a paragraph of prose."""


def _last_entry(paragraphs: tuple[Paragraph, ...], first: int, body: int) -> int:
    """The last line of a 目录 whose entries run from `first`, the body starting at `body`.

    An entry carries a leader and page number, or a heading number, or comes back as a heading in
    the body; a line of neither between two entries is an entry wrapped onto a second line. A 目录
    set after a notice's title stands before its 发文字号, 主送 and lead text: the first of those
    ends it, and what follows is the notice again.
    """
    headings: set[str] = set()

    def entry(k: int) -> bool:
        text = paragraphs[k].text
        if _has_leader(text) or match_numbering(text) is not None:
            return True
        if not headings:  # the body's headings, read once and only for an entry without a number
            headings.add("")
            for b in range(body, len(paragraphs)):
                if len(paragraphs[b].text) <= _TOC_BODY_LINE:
                    headings.update(_readings(paragraphs, b))
        return _toc_key(text) in headings

    last = first
    for k in range(first + 1, body):
        if entry(k):
            last = k
        elif k > last + 1 or not (k + 1 < body and entry(k + 1)):
            break
    return last


def find_bare_lists(
    paragraphs: tuple[Paragraph, ...], starts: list[int], text: str
) -> dict[int, tuple[int, bool]]:
    """Find runs of short unnumbered parallel phrases (a bare heading list).

    Map each run's first index → (length, whether the text before it announces tasks). The seed ends
    with its ten key tasks as ten bare lines; when the text before the run states how many there
    are (十项重点任务), the list takes exactly that many.
    """
    lists: dict[int, tuple[int, bool]] = {}
    # Whether each paragraph may stand in a list, asked once; the length test (is_short_phrase's
    # first) rules out most paragraphs without a call.
    phrase = [
        4 <= len(p.text) <= _PHRASE_LONGEST and is_short_phrase(p.text) and not BANNER.match(p.text)
        for p in paragraphs
    ]
    i = 0
    while i < len(paragraphs):
        j = i
        while j < len(paragraphs) and phrase[j]:
            j += 1
        if j - i >= 3:
            lengths = [len(p.text) for p in paragraphs[i:j]]
            if max(lengths) <= 2 * min(lengths) and all("，" in p.text for p in paragraphs[i:j]):
                stated = [chinese_ordinal(m.group(1)) for m in _TASK_COUNT.finditer(text[: starts[i]])]
                count = j - i
                if stated and 3 <= stated[-1] <= count:
                    count = stated[-1]
                lists[i] = (count, bool(stated))
            i = j
        else:
            i = max(j, i + 1)
    return lists


_CELL = pattern_cache.compile(r"^[^。；！？]{1,12}$")
_CELL_LONGEST = 13
"""The longest text _CELL can match (12 characters, and the newline `$` may stand before): a length test first."""
_UNIT_SUFFIX = pattern_cache.compile(r"[（(][^（）()。；]{1,12}[）)]$")
"""A header cell's unit in brackets (PM2.5浓度（微克/立方米）, 投资（亿元）), which a cell's length leaves out."""


def _is_header_cell(text: str) -> bool:
    """Tell whether a line can be a header cell: short, no sentence, a bracketed unit not counted."""
    if len(text) <= _CELL_LONGEST:
        return bool(_CELL.match(text))
    unit = _UNIT_SUFFIX.search(text) if text[-1] in "）)" else None
    return unit is not None and unit.start() <= 12 and bool(_CELL.match(text[: unit.start()]))


CAPTION = pattern_cache.compile(r"^[^。；]{2,60}(?:表|清单)(?:（[^（）]{1,20}）)?$")
_NUMBER_CELL = pattern_cache.compile(r"^[0-9.%％]+$")


def find_tables(paragraphs: tuple[Paragraph, ...]) -> dict[int, int]:
    """Find flattened tables (one cell per line); map first paragraph index → number of paragraphs.

    Page furniture (a page number or running head where the page broke) is not looked at: a table
    that runs over a page break is found as one, and holds the furniture between its rows.

    shanghai-minhang-urban-renewal-15th-fyp flattens its indicator table into lines such as
    `类别` / `序号` / `一级指标` / … / `1` / `既有居住建筑改造` / `万平方米` / `25`. A table starts
    with at least three short header cells soon followed by a number cell, and runs until the
    next heading or two ordinary sentences in a row. A run of two or more tab-separated lines is a
    table too: the Word, .doc and HTML readers write each table row as one line of cells.
    """
    body = [k for k, p in enumerate(paragraphs) if not p.furniture]
    found = _find_tables([paragraphs[k].text for k in body])
    return {body[first]: body[first + count - 1] - body[first] + 1 for first, count in found.items()}


def _find_tables(texts: list[str]) -> dict[int, int]:
    tables: dict[int, int] = {}
    i = 0
    while i < len(texts):
        rows = 0
        if "\t" in texts[i]:
            rows = next((k for k in range(i, len(texts)) if "\t" not in texts[k]), len(texts)) - i
        if rows >= 2:  # tab-separated rows, as the .docx/.doc/HTML readers write a table
            tables[i] = rows
            i += rows
            continue
        header = i
        while (
            header < len(texts)
            and (
                (len(texts[header]) <= _CELL_LONGEST and _CELL.match(texts[header]))
                or (texts[header].endswith(("）", ")")) and _is_header_cell(texts[header]))
            )
            and not _NUMBER_CELL.match(texts[header])
            and "\t" not in texts[header]
            and not (header > i and is_heading_line(texts[header]))  # a heading ends what stood above it
        ):
            header += 1
        if (
            header - i >= 3
            and any(_NUMBER_CELL.match(t) for t in texts[header : header + 3])
            and not is_heading_line(texts[i])
        ):
            end, prose = header, 0
            indicators = any(_INDICATOR_HEADER.match(squash(t)) for t in texts[i:header])
            while end < len(texts) and not is_heading_line(texts[end]):
                text = texts[end]
                if indicators and text.endswith(_SENTENCE_ENDS) and not text.startswith(_TABLE_NOTE):
                    break  # an indicator table's cells are names and figures: a sentence is the text again
                prose = prose + 1 if len(text) > 40 and text.endswith("。") else 0
                if prose == 2:
                    end -= 1
                    break
                end += 1
            tables[i] = end - i
            i = end
        elif header <= i + 1 or not is_heading_line(texts[i]):
            i = max(header, i + 1)
        else:
            i += 1  # 附表1 title, then its table
    return tables


_SENTENCE_ENDS = ("。", "！", "？", "；")
_TABLE_NOTE = tuple(_WORDS["table_notes"])
"""A table's note (注：带*的为新增指标。) ends in a full stop, yet it belongs to the table."""
_INDICATOR_HEADER = pattern_cache.compile(rf"^(?:{alternatives('indicator_table_header')}|\d{{4}}年)$")
"""A header cell of an indicator table (单位, 属性, 2025年), whose cells never hold a sentence."""


NUMBERED_CAPTION = pattern_cache.compile(r"^附?表\s*[0-9一二三四五六七八九十]{1,3}(?![0-9])")


def split_at_captions(tables: dict[int, int], paragraphs: tuple[Paragraph, ...]) -> dict[int, int]:
    """Split a flattened table where a numbered caption (表2 …任务表) starts the next one.

    Annex tables often follow each other with nothing but a caption between them; each is its own table.
    """
    split: dict[int, int] = {}
    for first, count in tables.items():
        start = first
        for k in range(first + 1, first + count):
            text = paragraphs[k].text.strip()
            if NUMBERED_CAPTION.match(text) and CAPTION.match(text):
                split[start] = k - start
                start = k
        split[start] = first + count - start
    return split


__all__ = [
    "CAPTION",
    "NUMBERED_CAPTION",
    "find_bare_lists",
    "find_table_of_contents",
    "find_tables",
    "is_short_phrase",
    "split_at_captions",
]


_TIGHT_DECIMAL = pattern_cache.compile(
    r"^(\d{1,2}(?:[.．]\d{1,2}){0,2})(?=[\u4e00-\u9fff\u2160-\u216b“《（])"
)
"""A decimal number run straight into its heading (1总则, 1.1编制目的, 3.1.2Ⅰ级响应…), as a PDF or a web page
that dropped the space leaves it; alone it is as likely a figure (1.5倍), so only an outline of them counts."""
_DECIMAL_STYLES = ("arabic_space", "decimal2", "decimal3")
"""The styles of a decimal outline's levels, 1 / 1.1 / 1.1.1, whatever the spacing."""
_TIGHT_OUTLINE_LEAST = 4
"""The fewest tight decimal headings that make an outline (one of them below the top level)."""


def find_tight_decimals(paragraphs: tuple[Paragraph, ...]) -> dict[int, Numbering]:
    """Find decimal headings with no space after the number where they make an outline; map index → numbering.

    Each must continue the outline so far (1, 1.1, 1.2, 2, 2.1, 2.1.1 …: a next sibling, a first child,
    or the next of an ancestor), and a top-level one is a title, short and without a clause mark, so
    a figure that opens a sentence (3个工作日内…, 1.5倍…) is never taken.

    >>> from policykit.model import Paragraph as P
    >>> found = find_tight_decimals(tuple(P(t, ((0, 1, None),)) for t in (
    ...     "1总则", "1.1编制目的", "为了…。", "1.2编制依据", "2组织体系", "2.1指挥部", "3个工作日内报告。")))
    >>> [(k, n.number, n.rest) for k, n in found.items()]
    [(0, '1', '总则'), (1, '1.1', '编制目的'), (3, '1.2', '编制依据'), (4, '2', '组织体系'), (5, '2.1', '指挥部')]
    """
    found: dict[int, Numbering] = {}
    path: list[int] = []  # the outline's open numbers: [3, 1] after 3.1
    for k, paragraph in enumerate(paragraphs):
        text = paragraph.text
        if not text[:1].isdigit() or paragraph.furniture:
            continue
        number = _TIGHT_DECIMAL.match(text)
        if number is None or match_numbering(text) is not None:
            continue
        parts = [int(x) for x in re.split("[.．]", number.group(1))]
        rest = text[number.end() :]
        if len(parts) == 1 and (len(rest) > _PHRASE_LONGEST or _SENTENCE_MARK.search(rest) or "，" in rest):
            continue
        if not _continues(path, parts):
            continue
        path = parts
        style = STYLE_BY_NAME[_DECIMAL_STYLES[len(parts) - 1]]
        found[k] = Numbering(style=style, number=number.group(1), ordinal=parts[-1], rest=rest)
    deeper = any("." in n.number or "．" in n.number for n in found.values())
    return found if len(found) >= _TIGHT_OUTLINE_LEAST and deeper else {}


def _continues(path: list[int], parts: list[int]) -> bool:
    """Tell whether an outline number follows the open path: its first child, or the next at some level."""
    if not path:
        return parts == [1]
    depth = len(parts)
    if depth == len(path) + 1:
        return parts[:-1] == path and parts[-1] == 1
    return depth <= len(path) and parts[:-1] == path[: depth - 1] and parts[-1] == path[depth - 1] + 1
