"""Structure: normalised paragraphs → a clause tree with stable ids and source lines.

Every paragraph either opens a clause or is absorbed into the clause opened just before it,
so a clause's own text runs from its start to the next clause's start: concatenating own
texts in document order gives back the normalised document, nothing lost, nothing twice.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from policykit.model import Clause, Document, Metadata, Paragraph
from policykit.normalise import document_text
from policykit.zh.chars import squash
from policykit.zh.dates import dates
from policykit.zh.numbering import (
    BANNER,
    BOX,
    BYLINE,
    DASH_ITEM,
    INLINE_SHI,
    STYLE_BY_NAME,
    Numbering,
    chinese_ordinal,
    heading_of,
    is_heading_line,
    match_numbering,
)

_TASK_HEADING = re.compile(r"任务|举措|重点工作")
_TASK_COUNT = re.compile(
    r"([0-9]{1,2}|[一二三四五六七八九十]{1,3})(?:项|大|个)(?:重点|主要|攻坚)?(?:任务|行动|工程)"
)
_DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,12}〔\d{4}〕\d{1,4}号")
_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
_QUOTED_TITLE = re.compile(
    r"《([^《》]{4,80}(?:计划|方案|规划|意见|条例|办法|纲要|报告|规定)(?:（[^（）]{1,20}）)?)》"
)
_REVIEW_YEAR = re.compile(r"(\d{4})年工作回顾")
"""A work report reviews the previous year, so its own year is the reviewed year plus one."""
_ISSUER = re.compile(
    r"^[\u4e00-\u9fff（）]{2,30}(?:人民政府|人民代表大会常务委员会|委员会|办公厅|办公室|国务院|局|委|部)$"
)


@dataclass
class _Node:
    kind: str
    number: str
    heading: str
    start: int
    rank: float
    style: str = ""
    ordinal: int = 0
    children: list[_Node] = field(default_factory=list)


def _is_short_phrase(text: str, limit: int = 30) -> bool:
    return 4 <= len(text) <= limit and not re.search(r"[。；！？:：]", text) and match_numbering(text) is None


def find_table_of_contents(paragraphs: tuple[Paragraph, ...]) -> range:
    """Return the paragraph range of a 目录 block, whose entries repeat as real headings later.

    shanghai-urban-renewal-regulation-2021 lists 第一章…第八章 under 目 录 before the body.
    """
    for i, p in enumerate(paragraphs):
        if squash(p.text) in ("目录", "目次"):
            if i + 1 >= len(paragraphs):
                return range(0)
            first = squash(paragraphs[i + 1].text)
            for j in range(i + 2, len(paragraphs)):
                if squash(paragraphs[j].text) == first:
                    return range(i, j)
            return range(0)
    return range(0)


def find_bare_lists(
    paragraphs: tuple[Paragraph, ...], starts: list[int], text: str
) -> dict[int, tuple[int, bool]]:
    """Find runs of short unnumbered parallel phrases (a bare heading list).

    Map each run's first index → (length, whether the text before it announces tasks). The seed ends
    with its ten key tasks as ten bare lines; when the text before the run states how many there
    are (十项重点任务), the list takes exactly that many.
    """
    lists: dict[int, tuple[int, bool]] = {}
    i = 0
    while i < len(paragraphs):
        j = i
        while (
            j < len(paragraphs)
            and _is_short_phrase(paragraphs[j].text)
            and not BANNER.match(paragraphs[j].text)
        ):
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


_CELL = re.compile(r"^[^。；！？]{1,12}$")
_CAPTION = re.compile(r"^[^。；]{2,60}(?:表|清单)(?:（[^（）]{1,20}）)?$")
_NUMBER_CELL = re.compile(r"^[0-9.%％]+$")


def find_tables(paragraphs: tuple[Paragraph, ...]) -> dict[int, int]:
    """Find flattened tables (one cell per line); map first paragraph index → number of paragraphs.

    shanghai-minhang-urban-renewal-15th-fyp flattens its indicator table into lines such as
    `类别` / `序号` / `一级指标` / … / `1` / `既有居住建筑改造` / `万平方米` / `25`. A table starts
    with at least three short header cells soon followed by a number cell, and runs until the
    next heading or two ordinary sentences in a row.
    """
    tables: dict[int, int] = {}
    texts = [p.text for p in paragraphs]
    i = 0
    while i < len(texts):
        header = i
        while header < len(texts) and _CELL.match(texts[header]) and not _NUMBER_CELL.match(texts[header]):
            header += 1
        soon = texts[header : header + 3]
        if header - i >= 3 and any(_NUMBER_CELL.match(t) for t in soon) and not is_heading_line(texts[i]):
            end, prose = header, 0
            while end < len(texts) and not is_heading_line(texts[end]):
                prose = prose + 1 if len(texts[end]) > 40 and texts[end].endswith("。") else 0
                if prose == 2:
                    end -= 1
                    break
                end += 1
            tables[i] = end - i
            i = end
        else:
            i = max(header, i + 1)
    return tables


class _Builder:
    """Walks paragraphs once, keeping a stack of open numbered clauses."""

    def __init__(self, paragraphs: tuple[Paragraph, ...], text: str):
        self.paragraphs = paragraphs
        self.text = text
        self.starts: list[int] = []
        offset = 0
        for p in paragraphs:
            self.starts.append(offset)
            offset += len(p.text) + 1
        self.root = _Node("root", "", "", 0, -1)
        self.stack: list[_Node] = [self.root]
        self.last_ordinal: dict[str, int] = {}
        self.seen_heading = False

    def add(self, node: _Node, *, push: bool) -> _Node:
        if push:
            while self.stack[-1].rank >= node.rank:
                self.stack.pop()
        self.stack[-1].children.append(node)
        if push:
            self.stack.append(node)
        return node

    def accept_numbering(self, numbering: Numbering) -> bool:
        """Accept a numbered heading only where it continues or starts a sequence."""
        style = numbering.style.name
        open_same = next((n for n in reversed(self.stack) if n.style == style), None)
        if open_same is not None:
            if numbering.ordinal == open_same.ordinal + 1:
                while self.stack[-1] is not open_same:
                    self.stack.pop()
                self.stack.pop()
                return True
            return False
        return numbering.ordinal == 1 or numbering.ordinal == self.last_ordinal.get(style, -1) + 1

    def task_context(self) -> bool:
        return any(_TASK_HEADING.search(n.heading) for n in self.stack[1:])

    def build(self) -> _Node:
        paragraphs, starts = self.paragraphs, self.starts
        toc = find_table_of_contents(paragraphs)
        lists = find_bare_lists(paragraphs, starts, self.text)
        tables = find_tables(paragraphs)
        absorb_subtitle = False
        list_left = 0
        list_node: _Node | None = None
        i = 0
        while i < len(paragraphs):
            p, start = paragraphs[i], starts[i]
            text = p.text
            if i in tables:
                caption = next(
                    (
                        t
                        for t in (paragraphs[i].text, paragraphs[i - 1].text if i else "")
                        if _CAPTION.search(t)
                    ),
                    "",
                )
                self.add(_Node("table", "", caption, start, 99), push=False)
                i += tables[i]
                continue
            if i in toc:
                if i == toc.start:
                    self.add(_Node("toc", "", "目录", start, 99), push=False)
                i += 1
                continue
            if absorb_subtitle and _is_short_phrase(text, 24) and "，" not in text:
                absorb_subtitle = False
                i += 1
                continue
            absorb_subtitle = False
            if list_left:
                assert list_node is not None
                list_node.children.append(_Node(list_node.style, "", text, start, 99))
                list_left -= 1
                i += 1
                continue
            if i in lists:
                list_left, announced = lists[i]
                kind = "task" if announced or self.task_context() else "item"
                list_node = self.add(_Node("list", "", "", start, 99, style=kind), push=False)
                continue
            banner = BANNER.match(text)
            headline = (
                i + 1 < len(paragraphs)
                and BYLINE.match(paragraphs[i + 1].text)
                and _is_short_phrase(text, 40)
            )
            if banner or headline:
                node = _Node("section", "", banner.group(1) if banner else text, start, 4, style="banner")
                self.add(node, push=True)
                self.seen_heading = True
                absorb_subtitle = bool(banner)
                i += 2 if headline else 1
                continue
            numbering = match_numbering(text)
            if numbering and numbering.style.name == "shi" and len(_inline_items(text)) >= 2:
                numbering = None
            if numbering and self.accept_numbering(numbering):
                self.open_numbered(numbering, start)
                i += 1
                continue
            box = BOX.match(text)
            if box:
                # A box nests whatever follows it until a heading of its own level or higher.
                number, title = text[: box.end()].strip(), heading_of(text[box.end() :].strip())
                self.add(_Node("box", number, title, start, self.stack[-1].rank + 0.5, "box"), push=True)
                i += 1
                continue
            if DASH_ITEM.match(text) and self.seen_heading:
                self.add(_Node("item", "——", heading_of(text[2:]), start, 99, "dash"), push=False)
                i += 1
                continue
            kind = "paragraph" if self.seen_heading or len(self.stack) > 1 else "preamble"
            node = self.add(_Node(kind, "", "", start, 99), push=False)
            for ordinal, (offset, number) in enumerate(_inline_items(text), 1):
                node.children.append(
                    _Node(
                        "item",
                        number,
                        heading_of(text[offset + len(number) :]),
                        start + offset,
                        99,
                        "shi",
                        ordinal,
                    )
                )
            i += 1
        return self.root

    def open_numbered(self, numbering: Numbering, start: int) -> None:
        style = numbering.style
        heading = "" if style.name in ("article", "shi") else heading_of(numbering.rest)
        kind = style.kind
        while self.stack[-1].rank >= style.rank:
            self.stack.pop()
        under_tasks = bool(_TASK_HEADING.search(self.stack[-1].heading))
        if under_tasks or (kind == "item" and self.task_context()):
            kind = "task"
        node = _Node(kind, numbering.number, heading, start, style.rank, style.name, numbering.ordinal)
        self.add(node, push=True)
        self.last_ordinal[style.name] = numbering.ordinal
        self.seen_heading = True


def _inline_items(text: str) -> list[tuple[int, str]]:
    """Find an inline 一是…二是… enumeration; return (offset, number) of each item in sequence."""
    items: list[tuple[int, str]] = []
    for found in INLINE_SHI.finditer(text):
        if chinese_ordinal(found.group(1)) == len(items) + 1:
            items.append((found.start(), found.group(0)))
    return items if len(items) >= 2 else []


_POSITIONAL_PREFIX = {
    "paragraph": "p",
    "preamble": "p",
    "section": "s",
    "list": "l",
    "box": "box",
    "toc": "toc",
    "table": "t",
}


def _assign_ids(node: _Node, parent_id: str) -> list[tuple[_Node, str]]:
    """Give each child a path id: its number where it has one, else a positional suffix."""
    out: list[tuple[_Node, str]] = []
    counters: dict[str, int] = {}
    used: set[str] = set()
    for child in node.children:
        if child.ordinal:
            segment = f"{STYLE_BY_NAME[child.style].id_prefix}{child.ordinal}"
        elif child.style == "dash":
            counters["d"] = counters.get("d", 0) + 1
            segment = f"d{counters['d']}"
        elif node.kind == "list":
            counters["item"] = counters.get("item", 0) + 1
            segment = str(counters["item"])
        else:
            prefix = _POSITIONAL_PREFIX.get(child.kind, "p")
            counters[prefix] = counters.get(prefix, 0) + 1
            segment = f"{prefix}{counters[prefix]}"
        candidate, n = segment, 1
        while candidate in used:
            n += 1
            candidate = f"{segment}~{n}"
        used.add(candidate)
        child_id = f"{parent_id}.{candidate}" if parent_id else candidate
        out.append((child, child_id))
    return out


def _freeze(node: _Node, node_id: str, ends: dict[int, int], text: str, document_locate) -> Clause:
    children = tuple(
        _freeze(child, cid, ends, text, document_locate) for child, cid in _assign_ids(node, node_id)
    )
    own = text[node.start : ends[id(node)]]
    line, page = document_locate(node.start)
    return Clause(
        id=node_id,
        kind=node.kind,
        number=node.number,
        heading=node.heading,
        text=own,
        start=node.start,
        line=line,
        page=page,
        children=children,
    )


def _preorder(node: _Node):
    for child in node.children:
        yield child
        yield from _preorder(child)


def extract_metadata(paragraphs: tuple[Paragraph, ...], text: str) -> Metadata:
    """Read title, issuer, document number, date and plan period from where documents put them."""
    head = paragraphs[:40]
    title = None
    for p in head:
        candidate = p.text.strip()
        if (
            candidate
            and len(candidate) <= 100
            and not BANNER.match(candidate)
            and not _DATE.fullmatch(candidate)
            and not candidate.startswith(("—", "（", "("))
            and re.search(r"[\u4e00-\u9fff]", candidate)
            and not re.search(r"[。；]", candidate)
            and not candidate.endswith(("：", ":"))
        ):
            title = candidate
            break
    if title is None or BANNER.match(paragraphs[0].text if paragraphs else ""):
        quoted = _QUOTED_TITLE.search(text)
        if quoted:
            title = quoted.group(1)
    number = _DOC_NUMBER.search(text[:3000])
    date = _DATE.search(text[:3000])
    period = dates().period.search(text[:5000])  # one dash class: （2023－2025年） too
    issuer = None
    for k, p in enumerate(head):
        if _ISSUER.match(p.text) and k + 1 < len(head) and _DATE.fullmatch(head[k + 1].text.strip()):
            issuer = p.text
            break
    year = int(date.group(1)) if date else None
    review = _REVIEW_YEAR.search(text[:5000])
    if year is None and review:
        year = int(review.group(1)) + 1
    return Metadata(
        title=title,
        issuer=issuer,
        doc_number=number.group(0) if number else None,
        date=f"{int(date.group(1)):04d}-{int(date.group(2)):02d}-{int(date.group(3)):02d}" if date else None,
        period=f"{period.group(1)}-{period.group(2)}" if period else None,
        year=year,
    )


def build_document(
    paragraphs: tuple[Paragraph, ...], *, path: str = "-", name: str = "stdin", encoding: str = "utf-8"
) -> Document:
    """Build the clause tree of a normalised document."""
    text = document_text(paragraphs)
    line_map: list[tuple[int, int, int | None]] = []
    offset = 0
    for p in paragraphs:
        line_map.extend((offset + piece_offset, line, page) for piece_offset, line, page in p.pieces)
        offset += len(p.text) + 1
    document = Document(
        path=path, name=name, text=text, clauses=(), encoding=encoding, line_map=tuple(line_map)
    )
    root = _Builder(paragraphs, text).build()
    ordered = list(_preorder(root))
    ends = {id(a): b.start for a, b in itertools.pairwise(ordered)}
    if ordered:
        ends[id(ordered[-1])] = len(text)
    clauses = tuple(_freeze(child, cid, ends, text, document.locate) for child, cid in _assign_ids(root, ""))
    return Document(
        path=path,
        name=name,
        text=text,
        clauses=clauses,
        metadata=extract_metadata(paragraphs, text),
        encoding=encoding,
        line_map=tuple(line_map),
    )


__all__ = ["build_document", "extract_metadata", "find_bare_lists", "find_table_of_contents"]
