"""Structure: normalised paragraphs → a clause tree with stable ids and source lines.

Every paragraph either is a 公文 part (版头, 主送, 落款, 版记: read into metadata and kept as the
document's furniture), opens a clause, or is absorbed into the clause opened just before it. So a
clause's own text runs from its start to the next clause's or part's start: clauses and furniture
in document order give back the normalised document, nothing lost, nothing twice.
"""

from __future__ import annotations

import heapq
import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Literal

from policykit import pattern_cache
from policykit.gongwen import find_parts
from policykit.metadata import extract_metadata
from policykit.model import Clause, ClauseKind, Document, Furniture, Paragraph
from policykit.normalise import TITLE_END, document_text
from policykit.structure.blocks import (
    CAPTION,
    NUMBERED_CAPTION,
    find_bare_lists,
    find_table_of_contents,
    find_tables,
    find_tight_decimals,
    is_short_phrase,
    split_at_captions,
)
from policykit.zh.chars import squash
from policykit.zh.numbering import (
    APPENDIX,
    BANNER,
    BOX,
    BYLINE,
    DASH_ITEM,
    GLOSSARY,
    INLINE_SHI,
    SHI,
    STYLE_BY_NAME,
    Numbering,
    alternatives,
    appendix_id_prefix,
    chinese_ordinal,
    heading_of,
    is_heading_line,
    layout_words,
    match_numbering,
    run_in_number,
)

_WORDS = layout_words()
_TASK_HEADING = pattern_cache.compile(alternatives("task_headings"))
_CLOSING_PARAGRAPHS = 3
"""The most paragraphs closing words run to, salutation included (各位代表！ / 奋斗创造历史…)."""
_SALUTATION = pattern_cache.compile(rf"^(?:{alternatives(_WORDS['salutations'])})[！!，,]")
"""A salutation opening a paragraph; after the last heading it starts the closing remarks."""
_CLOSING_FORMULA = pattern_cache.compile(rf"^(?:{alternatives('closing_formulas')})[。！!.]?$")
"""特此通知。 alone: the notice's own closing words, never the last item's text."""
_FORMULA_LONGEST = 8
"""The longest line _CLOSING_FORMULA can match: a length test rules out nearly every paragraph first."""
_ATTENDANCE = pattern_cache.compile(rf"^(?:{alternatives('attendance_labels')})[\s　]*[：:]")
"""出席：张三、李四 after a meeting summary's last item: the summary's own list of who met."""
_ATTACHED_WORD = _WORDS["attached"]
_ATTACHED = pattern_cache.compile(rf"^{_ATTACHED_WORD}[：:][\s　]*([^。；！？，]{{2,40}})$")
"""附：…名单 after the 落款: an annex under the short label, whose colon 附件：… leaves to the 附件说明 list."""
_STANDING = pattern_cache.compile(r"[（(][^（）()]{1,12}[）)]")
"""An appendix's standing in brackets after its number, 附录A（资料性） / （规范性）: no title of its own."""
_COURTESY = pattern_cache.compile(rf"^(?:{alternatives('courtesy_closings')})")
"""感谢您对…的关心和支持。 in a reply's last paragraphs: its own closing words, never its last point's."""
_COURTESY_PARAGRAPHS = 2
"""How many of the body's last paragraphs closing thanks may stand in."""
_NOTES = pattern_cache.compile(rf"^(?:{alternatives('notes_headings')})[：:]?$")
"""注释： alone after the last section: the notes that follow are the document's own."""
_UNIT_LINE = pattern_cache.compile(r"[（(]?(?:计量)?单位[：:][^\n。，；]{1,12}\n")
"""单位：万元 between a table's caption and its rows: the table's unit, which leaves the caption its own."""
_ATTENDANCE_INITIALS = frozenset(word[0] for word in _WORDS["attendance_labels"])
"""First characters of the attendance labels: a set lookup rules out nearly every paragraph first."""
_EFFECTIVE = pattern_cache.compile(
    rf"^本[\u4e00-\u9fff]{{0,4}}(?:{alternatives('document_types')})自[^。]{{1,30}}(?:{alternatives('effective_verbs')})"
)
"""本决定自2025年7月1日起施行: the document's effective date, said by the document itself."""
_SALUTATION_SPAN = 8
"""How much of a paragraph's start a salutation (各位代表！) takes: all _SALUTATION needs to see."""


@dataclass(slots=True)
class _Node:
    kind: ClauseKind | Literal["root"]
    number: str
    heading: str
    start: int
    rank: float
    style: str = ""
    ordinal: int = 0
    children: list[_Node] = field(default_factory=list)


_BOX_DEPTH = 0.01
"""How far below the heading it stands in a box ranks: any heading of a lower level nests in it."""

_ARTICLE_WORD = "第"
"""The first character of a 第N条 number: a paragraph without it opens no run-in article."""

_INSERTED = "之"
"""The word of an inserted article's number (第二条之一): it follows its base article, same ordinal."""

_ITEM_RANK = STYLE_BY_NAME["cn_paren"].rank
"""The rank of an article's items (项, （一）) and finer: one paragraph each, kind item."""

_RESTART_LOOKAHEAD = 3
"""How many paragraphs (a preamble or two) may stand between an annexed document's title and its 一、."""

_TITLED = frozenset({"part", "pian", "bufen", "fenbian", "chapter", "subsection"})
"""第X编/篇/部分/章/节: levels that always carry a title, so a bare number's title is on the next line."""


class _Builder:
    """Walks paragraphs once, keeping a stack of open numbered clauses."""

    def __init__(
        self, paragraphs: tuple[Paragraph, ...], text: str, starts: list[int], toc: range, signed: int
    ):
        self.paragraphs = paragraphs
        self.signed = signed  # the first paragraph after the 落款 (signature, date): what follows is annexed
        self.toc = toc
        self.text = text
        self.starts = starts
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
            inserted = numbering.ordinal == open_same.ordinal and _INSERTED in numbering.number[1:]
            if numbering.ordinal == open_same.ordinal + 1 or (
                inserted and numbering.number != open_same.number
            ):
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
        toc = self.toc
        lists = find_bare_lists(paragraphs, starts, self.text)
        tight = find_tight_decimals(paragraphs)
        tables = split_at_captions(find_tables(paragraphs), paragraphs)
        absorb_subtitle = absorb_title = False
        closing = _closing_remarks(paragraphs)
        body_end = min(self.signed, len(paragraphs))
        courtesy = next(
            (
                k
                for k in range(max(0, body_end - _COURTESY_PARAGRAPHS), body_end)
                if _COURTESY.match(paragraphs[k].text)
            ),
            None,
        )
        list_left = 0
        list_node: _Node | None = None
        list_kind: ClauseKind = "item"  # what the open list's entries are: task or item
        i = 0
        while i < len(paragraphs):
            p, start = paragraphs[i], starts[i]
            text = p.text
            if i in tables:
                caption = next(
                    (
                        t
                        for t in (paragraphs[i].text, paragraphs[i - 1].text if i else "")
                        if CAPTION.search(t) or (NUMBERED_CAPTION.match(t) and is_short_phrase(t, 40))
                    ),
                    "",
                )
                top = self.stack[-1]
                if (
                    caption
                    and i
                    and caption == paragraphs[i - 1].text
                    and top.start == starts[i - 1]
                    and top.heading
                    and not NUMBERED_CAPTION.match(caption)
                ):  # 附件2：活动信息报送表 / rows: the annex's title, not its number (附表1 … is the table's own)
                    caption = top.heading
                if (
                    not caption
                    and top.kind in ("box", "appendix")
                    and all(
                        c.kind == "paragraph" and _UNIT_LINE.match(self.text, c.start) for c in top.children
                    )
                ):
                    caption = top.heading  # the table is the whole box or annex: its title names it
                self.add(_Node("table", "", caption, start, 99), push=False)
                i += tables[i]
                if self.stack[-1].kind == "box" and len(self.stack[-1].children) == 1:
                    self.stack.pop()  # a box that is one table (专栏1 主要指标) ends with the table
                continue
            if i in toc:
                if i == toc.start:
                    self.add(_Node("toc", "", "目录", start, 99), push=False)
                i += 1
                continue
            if absorb_title and self.stack[-1].heading == self.title_line(i) != "":
                absorb_title = False
                i += 1
                continue
            absorb_title = False
            if absorb_subtitle and is_short_phrase(text, 24) and "，" not in text:
                absorb_subtitle = False
                i += 1
                continue
            absorb_subtitle = False
            # A line is_heading_line rejects matches none of APPENDIX, GLOSSARY, BANNER and BOX: most
            # paragraphs skip those four patterns on one remembered answer.
            heading = is_heading_line(text)
            # before the body, the file is the annex; after the 落款 it is an annex again (附：… there only)
            signed = i >= self.signed
            annexed = (heading and (self.seen_heading or signed)) or (signed and text[:1] == _ATTACHED_WORD)
            if annexed and self.open_appendix(i):
                absorb_title = True
                i += 1
                continue
            restarted = not heading and self.seen_heading and len(text) <= 40 and TITLE_END.search(text)
            if restarted and self.open_restarted_document(i):
                i += 1
                continue
            if list_left:
                assert list_node is not None
                list_node.children.append(_Node(list_kind, "", text, start, 99))
                list_left -= 1
                i += 1
                continue
            if i in lists:
                list_left, announced = lists[i]
                list_kind = "task" if announced or self.task_context() else "item"
                list_node = self.add(_Node("list", "", "", start, 99, style=list_kind), push=False)
                continue
            banner = BANNER.match(text) if heading else None
            headline = (
                i + 1 < len(paragraphs) and BYLINE.match(paragraphs[i + 1].text) and is_short_phrase(text, 40)
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
            if numbering is None and text.startswith(_ARTICLE_WORD):
                numbering = self.next_article(text)
            if numbering is None and tight:
                numbering = tight.get(i)  # 1.1编制目的: a decimal outline typed with no space
            if numbering and self.accept_numbering(numbering):
                node = self.open_numbered(numbering, start)
                if _SECOND_ITEM in text and numbering.style.name != "shi":  # （一）深化…。一是…；二是…
                    node.children.extend(_shi_items(text, start))  # items of the heading's own text
                if not node.heading and node.style in _TITLED and i + 1 < len(paragraphs):
                    # 第一章 / 总则: a centred heading whose title a PDF reader put on a line of its own
                    node.heading = self.title_line(i + 1)
                    absorb_title = bool(node.heading)
                i += 1
                continue
            box = BOX.match(text) if heading else None
            if box:
                # A box nests whatever follows it until the next box or a heading of its own level or
                # higher. Boxes are siblings, never nested, so a run of boxes keeps the tree flat.
                number, title = text[: box.end()].strip(), heading_of(text[box.end() :].strip())
                open_box = next((k for k, n in enumerate(self.stack) if n.kind == "box"), None)
                if open_box is not None:
                    del self.stack[open_box:]
                rank = self.stack[-1].rank + _BOX_DEPTH
                self.add(_Node("box", number, title, start, rank, "box"), push=True)
                i += 1
                continue
            if DASH_ITEM.match(text) and self.seen_heading:
                self.add(_Node("item", "——", heading_of(text[2:]), start, 99, "dash"), push=False)
                i += 1
                continue
            top = self.stack[-1]
            if (
                len(self.stack) > 2
                and self.stack[-2].kind == "article"
                and top.number
                and top.rank >= _ITEM_RANK
            ):
                self.stack.pop()  # an article's item (（一）…；) is one paragraph: the next is the article's own
            if (
                i in (closing, courtesy)
                or (len(text) <= _FORMULA_LONGEST and (_CLOSING_FORMULA.match(text) or _NOTES.match(text)))
                or (text[:1] in _ATTENDANCE_INITIALS and _ATTENDANCE.match(text))
                or (text.startswith("本") and _EFFECTIVE.match(text) and self.ends_run_in_item())
            ):
                del self.stack[
                    1:
                ]  # 各位代表！… after the last heading, 特此通知。: the document's own closing
            kind: ClauseKind = "paragraph" if self.seen_heading or len(self.stack) > 1 else "preamble"
            node = self.add(_Node(kind, "", "", start, 99), push=False)
            if _SECOND_ITEM in text:  # a C-speed scan rules out nearly every paragraph before the call
                node.children.extend(_shi_items(text, start))
            i += 1
        _close_last_items(self.root, self.text)
        return self.root

    def ends_run_in_item(self) -> bool:
        """Tell whether the open clause is a numbered item or section that runs into its text (no article).

        After 三、在第十八条后增加一条…。 the decision's 本决定自…起施行。 is its own; after （二十）施行,
        a title alone, the sentence is that section's text.
        """
        top = self.stack[-1]
        return (
            bool(top.number) and top.kind not in ("article", "chapter", "part") and _runs_in(self.text, top)
        )

    def next_article(self, text: str) -> Numbering | None:
        """Read 第N条 run into its text as an article where N is the next article's number, whatever follows.

        第二条有关部门… looks like a citation (第五条有关规定), but at a paragraph's start right after
        第一条 only the next article can stand there.
        """
        numbering = run_in_number(text, "article")
        expected = self.last_ordinal.get("article", 0) + 1
        return numbering if numbering is not None and numbering.ordinal == expected else None

    def open_appendix(self, i: int) -> bool:
        """Open an appendix (附件1) or glossary (名词解释) node where line i is one; tell whether it was.

        An appendix sits at the top level and its numbering starts afresh, so its 一、 is not read
        as out of sequence and it never nests under the body's last task. A glossary nests in the
        appendix it is the title or a part of, else it too sits at the top level.
        """
        text, start = self.paragraphs[i].text, self.starts[i]
        appendix = APPENDIX.match(text)
        top = self.stack[-1]
        if (
            appendix
            and top.kind == "appendix"
            and not top.heading
            and not top.children
            and top.start == self.starts[i - 1]
            and not top.number.startswith(appendix.group(1))
        ):
            top.heading = heading_of(text)  # 附件1 / 附表1　…目标: the annexed table's number and caption
            return True
        attached = _ATTACHED.match(text) if appendix is None and i >= self.signed else None
        if appendix:
            title, number_end = heading_of(appendix.group(3).strip()), appendix.start(3)
            if _STANDING.fullmatch(title):  # 附录A（资料性） / its title: the note goes with the number
                title, number_end = "", appendix.end(3)
            ordinal = chinese_ordinal(appendix.group(2)) if appendix.group(2) else 0
            if not title and i + 1 < len(self.paragraphs):
                title = self.title_line(i + 1)
            node = _Node("appendix", text[:number_end].strip(), title, start, -0.5, "", ordinal)
            node.style = appendix_id_prefix(appendix.group(1))
        elif attached:  # 附：…名单 after the 落款: what follows is annexed
            node = _Node(
                "appendix", text[: attached.start(1)].strip(), heading_of(attached.group(1)), start, -0.5
            )
            node.style = appendix_id_prefix(next(iter(_WORDS["appendix"])))
        elif GLOSSARY.match(text):
            title = squash(text).rstrip(":：")
            if top.kind == "appendix" and top.heading == title and not top.children:
                return False  # 附件2 / 名词解释: the word is that appendix's title line
            node = _Node("glossary", "", title, start, -0.4)
        else:
            return False
        self.add(node, push=True)
        self.last_ordinal.clear()
        self.seen_heading = True
        return True

    def open_restarted_document(self, i: int) -> bool:
        """Open line i as an annexed document where it is a title whose body restarts the numbering.

        A notice may print two rules after its 落款 with no 附件 label: the second's 甲办法 title line
        is followed by 一、 after the first ended at 三、, so it opens a part whose numbering starts afresh.
        """
        title = self.title_line(i)
        if not title:
            return False
        for j in range(i + 1, min(i + 1 + _RESTART_LOOKAHEAD, len(self.paragraphs))):
            numbering = match_numbering(self.paragraphs[j].text)
            if numbering is None:
                continue
            open_same = any(n.style == numbering.style.name for n in self.stack)
            if numbering.ordinal != 1 or not open_same or self.last_ordinal.get(numbering.style.name, 0) < 2:
                return False
            node = _Node("appendix", "", title, self.starts[i], -0.5, "")
            node.style = appendix_id_prefix(next(iter(_WORDS["appendix"])))
            self.add(node, push=True)
            self.last_ordinal.clear()
            return True
        return False

    def title_line(self, i: int) -> str:
        """Return paragraph i as a title where it is one (short, no sentence marks, not numbered)."""
        text = self.paragraphs[i].text.strip()
        if len(text) > 60 or re.search(r"[。；！？]", text) or APPENDIX.match(text):
            return ""
        if is_heading_line(text) and not GLOSSARY.match(text):
            return ""
        return heading_of(text)

    def open_numbered(self, numbering: Numbering, start: int) -> _Node:
        style = numbering.style
        # 一是… leads a paragraph as it leads an inline item: its first words name it too
        heading = "" if style.name == "article" else heading_of(numbering.rest)
        kind = style.kind
        while self.stack[-1].rank >= style.rank:
            self.stack.pop()
        under_tasks = bool(_TASK_HEADING.search(self.stack[-1].heading))
        if under_tasks or (kind == "item" and self.task_context()):
            kind = "task"
        if self.stack[-1].kind == "article" and style.rank >= _ITEM_RANK:
            kind = "item"  # （一）…； in an article is one of its items (项), never a section heading
        if kind == "item" and not heading and numbering.rest:
            # An item (项) is one long sentence more often than not: its first phrase names it.
            heading = heading_of(numbering.rest.split("，", 1)[0])
        node = _Node(kind, numbering.number, heading, start, style.rank, style.name, numbering.ordinal)
        self.add(node, push=True)
        self.last_ordinal[style.name] = numbering.ordinal
        self.seen_heading = True
        return node


def _closing_remarks(paragraphs: tuple[Paragraph, ...]) -> int | None:
    """The first paragraph of a speech's closing remarks: its last salutation, with no heading after it.

    A work report addresses 各位代表！ again before government self-building, defence and foreign
    affairs after its last numbered task; those stay with the tasks. The last salutation opens the
    closing words (奋斗创造历史，实干成就未来…).

    >>> from policykit.model import Paragraph as P
    >>> _closing_remarks(tuple(P(t, ((0, 1, None),)) for t in ("一、任务", "各位代表！", "让我们团结奋斗！")))
    1
    >>> _closing_remarks(tuple(P(t, ((0, 1, None),)) for t in ("各位代表：", "一、回顾", "经济增长。")))
    """
    last_heading = max((k for k, p in enumerate(paragraphs) if is_heading_line(p.text)), default=-1)
    if last_heading < 0:
        return None
    start = next(
        (k for k in range(len(paragraphs) - 1, last_heading, -1) if _SALUTATION.match(paragraphs[k].text)),
        None,
    )
    if start is None or len(paragraphs) - start > _CLOSING_PARAGRAPHS:
        return None  # closing words are a paragraph or two; more is a section's own text
    if any(DASH_ITEM.match(p.text) for p in paragraphs[start:]):
        return None  # ——发展质量明显提升…: a list of results goes on, nothing closes
    return start


def _close_last_items(root: _Node, text: str) -> None:
    """Hand the paragraphs after the last item of a run back to its parent, past what its siblings hold.

    A report's review lists 一是…六是 as paragraphs, each holding as many paragraphs as its run
    goes on for; the section's own text follows the last one (一年来，中国特色大国外交… /
    各位代表！…), which nothing marks. The last item holds as many paragraphs as the most any
    earlier item holds, and never a salutation: the rest goes back to the section. Numbered items
    run into their text (（五）从严从实…。…, 20.深化国际交流合作。…) hold nothing when none before
    them in a run of three or more holds anything, or no item of their style in the document but the
    last of a run does: what follows the last is its parent's again (本方案各项任务纳入…). Where that
    parent is a 专栏 box holding nothing but the run, the box ends with its list, and what follows goes
    back to the section around the box (专栏1 / 1.… 3.… / 在此基础上，引导中小企业…).
    """
    runs: list[tuple[_Node, list[_Node]]] = []
    count: dict[str, int] = {}
    holding: dict[str, int] = {}  # items of a style, the last of each run aside, that hold clauses
    nodes = [root]
    while nodes:
        node = nodes.pop()
        if not node.children:
            continue
        nodes.extend(node.children)
        numbered = [c for c in node.children if c.number and c.kind in _RUN_KINDS]
        if not numbered:
            continue
        items = [c for c in numbered if c.style == numbered[-1].style]
        runs.append((node, items))
        for item in numbered:
            count[item.style] = count.get(item.style, 0) + 1
            if item is not numbered[-1] and item.children:
                holding[item.style] = holding.get(item.style, 0) + 1
    for node, items in runs:
        last = items[-1]
        if len(items) < 2 or not last.children or any(c.kind != "paragraph" for c in last.children):
            continue
        if last.style == "shi":
            held = max(len(c.children) for c in items[:-1])
        elif _runs_in(text, last) and (
            (len(items) >= 3 and not any(c.children for c in items[:-1]))
            or (count[last.style] >= 3 and not holding.get(last.style))
            or (_is_list_box(node) and not any(c.children for c in items[:-1]))
            or (
                not items[0].children
                and _runs_in(text, items[0])
                and all(_LIST_SUMMARY.match(text, c.start) for c in last.children)
            )
        ):
            held = 0
        else:
            continue
        keep = next(
            (
                k
                for k, c in enumerate(last.children)
                if k >= held or _SALUTATION.match(text[c.start : c.start + _SALUTATION_SPAN])
            ),
            len(last.children),
        )
        if keep < len(last.children):
            moved, after = last.children[keep:], last
            del last.children[keep:]
            if _is_list_box(node):
                node, after = (
                    _parent(root, node),
                    node,
                )  # a box that is a list ends with it: the section goes on
            at = node.children.index(after) + 1
            node.children[at:at] = moved


_SIGNATURE_FIELDS = frozenset({"signature", "date"})
"""The 公文 parts of the 落款: an appendix heading after them opens an annex even where no heading came before."""


def _is_list_box(node: _Node) -> bool:
    """Tell whether a node is a 专栏 box that holds a list and nothing else: a panel of projects (01 … 02 …).

    Run-in items that make up a whole box hold no text of their own even two of them: what follows is
    the section's again (专栏3-1 / 01…。 02…。 / 建成后，…)."""
    return node.kind == "box" and all(c.number for c in node.children)


def _parent(root: _Node, node: _Node) -> _Node:
    """The node holding `node` (searched for: asked only where a box's list ends with text after it)."""
    return next(n for n in itertools.chain([root], _preorder(root)) if any(c is node for c in n.children))


_LIST_SUMMARY = pattern_cache.compile(rf"[ \u3000]*(?:{alternatives('list_summaries')})")
"""在此基础上，… after a list: the words that sum it up, so the paragraph is its parent's, even after two items."""
_RUN_KINDS = frozenset({"section", "item", "task"})
"""Kinds of numbered clause that stand in a run of parallel items: articles and chapters hold their text."""


def _runs_in(text: str, node: _Node) -> bool:
    """Tell whether a numbered heading runs into its text: a sentence goes on after its heading, or the
    heading is a whole sentence (1.培育智能工厂50家、数字化车间200个。), an item complete on its line."""
    line = text[node.start : text.find("\n", node.start)]
    return (len(line) > len(node.number) + len(node.heading) + 2 and "。" in line[:-1]) or line.endswith("。")


_FIRST_ITEM, _SECOND_ITEM = f"一{SHI}", f"二{SHI}"


def _shi_items(text: str, start: int) -> list[_Node]:
    """The inline 一是…二是… items of a paragraph starting at `start`, as item nodes (none for most)."""
    return [
        _Node("item", number, heading_of(text[offset + len(number) :]), start + offset, 99, "shi", ordinal)
        for ordinal, (offset, number) in enumerate(_inline_items(text), 1)
    ]


def _inline_items(text: str) -> list[tuple[int, str]]:
    """Find an inline 一是…二是… enumeration; return (offset, number) of each item in sequence."""
    items: list[tuple[int, str]] = []
    # The run opens with 一是 and goes on with 二是 (chinese_ordinal of the number just before 是 is 1, then
    # 2): two scans at C speed rule out nearly every paragraph, even one saying 是 often, before the regex.
    if _FIRST_ITEM not in text or _SECOND_ITEM not in text:
        return items
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
    "appendix": "ax",
    "glossary": "gl",
}


def _assign_ids(node: _Node, parent_id: str) -> list[tuple[_Node, str]]:
    """Give each child a path id: its number where it has one, else a positional suffix."""
    out: list[tuple[_Node, str]] = []
    counters: dict[str, int] = {}
    used: set[str] = set()
    for child in node.children:
        if child.kind == "appendix":
            counters[child.style] = counters.get(child.style, 0) + 1
            segment = f"{child.style}{child.ordinal or counters[child.style]}"
        elif child.ordinal:
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


def _freeze(
    node: _Node,
    node_id: str,
    ends: dict[int, int],
    text: str,
    document_locate: Callable[[int], tuple[int, int | None]],
) -> Clause:
    assert node.kind != "root", "the root holds the clauses; it is never one"
    children = (
        tuple([_freeze(child, cid, ends, text, document_locate) for child, cid in _assign_ids(node, node_id)])
        if node.children
        else ()
    )
    start = node.start
    line, page = document_locate(start)
    # Positional, in Clause's field order (id, kind, number, heading, text, start, line, page,
    # children): a frozen dataclass takes keywords at about twice the cost, once per clause.
    return Clause(
        node_id,
        node.kind,
        node.number,
        node.heading,
        text[start : ends[id(node)]],
        start,
        line,
        page,
        children,
    )


def _preorder(node: _Node) -> Iterator[_Node]:
    """Yield the nodes under `node` in document order, without recursion (a tree may be deep)."""
    stack = list(reversed(node.children))
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(current.children))


def build_document(
    paragraphs: tuple[Paragraph, ...] | list[Paragraph],
    *,
    path: str = "-",
    name: str = "stdin",
    encoding: str = "utf-8",
) -> Document:
    """Build the clause tree of a normalised document; a list given is emptied, freeing it before clause texts are cut."""
    given, paragraphs = paragraphs, tuple(paragraphs)
    text = document_text(paragraphs)
    line_map: list[tuple[int, int, int | None]] = []
    offset = 0
    for p in paragraphs:
        line_map.extend((offset + piece_offset, line, page) for piece_offset, line, page in p.pieces)
        offset += len(p.text) + 1
    document = Document(
        path=path, name=name, text=text, clauses=(), encoding=encoding, line_map=tuple(line_map)
    )
    starts = list(itertools.accumulate((len(p.text) + 1 for p in paragraphs[:-1]), initial=0))
    table_rows = frozenset(
        k for first, count in find_tables(paragraphs).items() for k in range(first, first + count)
    )
    body = [k for k, p in enumerate(paragraphs) if not p.furniture]
    toc_lines = frozenset(body[k] for k in find_table_of_contents(tuple(paragraphs[k] for k in body)))
    parts = find_parts(paragraphs, skip=table_rows | toc_lines)
    at_parts = {part.index for part in parts}
    taken = sorted(at_parts)
    kept = [k for k in range(len(paragraphs)) if k not in at_parts]
    in_toc = [n for n, k in enumerate(kept) if k in toc_lines]
    toc = range(in_toc[0], in_toc[-1] + 1) if in_toc else range(0)
    # A notice of prose alone (no numbered heading) still annexes what follows its 落款 (附件1 …).
    signed_at = min((p.index for p in parts if p.field in _SIGNATURE_FIELDS), default=len(paragraphs))
    signed = next((n for n, k in enumerate(kept) if k > signed_at), len(kept))
    root = _Builder(tuple(paragraphs[k] for k in kept), text, [starts[k] for k in kept], toc, signed).build()
    # Each node's own text, and each 公文 part's, runs to the start of whichever comes next, so the
    # clauses and the furniture together hold every character once.
    ordered = list(_preorder(root))
    events = list(
        heapq.merge(((starts[k], k) for k in taken), ((n.start, n) for n in ordered), key=lambda e: e[0])
    )
    ends: dict[int, int] = {}
    spans: dict[int, int] = {}
    for (_start, item), following in itertools.pairwise([*events, (len(text), None)]):
        if isinstance(item, int):
            spans[item] = following[0]
        else:
            ends[id(item)] = following[0]
    metadata = extract_metadata(paragraphs, text, parts, not_title=toc_lines | table_rows)
    if isinstance(given, list):
        given.clear()
    del paragraphs, ordered, events
    clauses = tuple(_freeze(child, cid, ends, text, document.locate) for child, cid in _assign_ids(root, ""))
    by_index = {part.index: part.field for part in reversed(parts)}
    furniture = tuple(Furniture(by_index[k], starts[k], text[starts[k] : spans[k]]) for k in taken)
    return Document(
        path=path,
        name=name,
        text=text,
        clauses=clauses,
        metadata=metadata,
        encoding=encoding,
        line_map=tuple(line_map),
        furniture=furniture,
    )


__all__ = ["build_document", "extract_metadata", "find_bare_lists", "find_table_of_contents"]
