"""The tree builder: one walk over the paragraphs, reading each as a heading, an annex, a list, a table or text.

A stack of open numbered clauses decides where each paragraph hangs: a heading closes what ranks at or
below it; an appendix (附件1, or a title whose numbering restarts after the 落款) opens a top-level part.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from policykit import pattern_cache
from policykit.config import data_yaml
from policykit.model import ClauseKind, Paragraph
from policykit.normalise import TITLE_END
from policykit.structure.blocks import (
    CAPTION,
    NUMBERED_CAPTION,
    find_bare_lists,
    find_tables,
    find_tight_decimals,
    is_short_phrase,
    split_at_captions,
)
from policykit.structure.closing import (
    _ATTENDANCE,
    _ATTENDANCE_INITIALS,
    _CLOSING_FORMULA,
    _COURTESY,
    _COURTESY_PARAGRAPHS,
    _EFFECTIVE,
    _FORMULA_LONGEST,
    _NOTES,
    _WORDS,
    _closing_remarks,
)
from policykit.structure.nodes import _Node
from policykit.structure.runs import _close_last_items, _runs_in
from policykit.zh.chars import squash
from policykit.zh.numbering import (
    APPENDIX,
    BANNER,
    BOX,
    BRACKET_HEAD,
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
    match_numbering,
    run_in_number,
)

_TASK_HEADING = pattern_cache.compile(alternatives("task_headings"))
_ATTACHED_WORD = _WORDS["attached"]
_ATTACHED = pattern_cache.compile(rf"^{_ATTACHED_WORD}[：:][\s　]*([^。；！？，]{{2,40}})$")
"""附：…名单 after the 落款: an annex under the short label, whose colon 附件：… leaves to the 附件说明 list."""
_STANDING = pattern_cache.compile(r"[（(][^（）()]{1,12}[）)]")
"""An appendix's standing in brackets after its number, 附录A（资料性） / （规范性）: no title of its own."""
_ARTICLE_TITLE = pattern_cache.compile(r"[（(【]([^（）()【】，。；：\n]{2,16})[）)】]")
"""第一条（目的和依据）, 第三条【范围】: the article's own short title in brackets right after its number."""
_DECIMAL_STYLES = frozenset({"decimal2", "decimal3"})
_TERM_CHAPTERS = frozenset(str(word) for word in _WORDS["term_chapters"])
_TERM = pattern_cache.compile(r"^([\u4e00-\u9fff（）()、·]{2,30})[ \u3000]+(?=[A-Za-z])")
"""2.0.5 某设施维护管理 the maintenance and management of…: a 术语 entry, its Chinese term the heading."""
_LIST_SENTENCE = pattern_cache.compile(r"[；;。：:]\s*$")
"""A sentence's end: 1 井内应保持清洁、无积水； under 4.1.1 is a list item; 4 土建工程 (or 3 促进消费，扩大内需) a chapter."""
_UNIT_LINE = pattern_cache.compile(r"[（(]?(?:计量)?单位[：:][^\n。，；]{1,12}\n")
"""单位：万元 between a table's caption and its rows: the table's unit, which leaves the caption its own."""

_SKIPPED = 2
"""How far a top-level section's numeral may run ahead of the open one's (一、 … 三、): one left out."""
_TITLE_LONGEST = 30
"""The longest title of a section that skips a numeral: a longer line is a numbered sentence."""
_SENTENCE_MARK = pattern_cache.compile(r"[。；;！!？?]|[，,：:、]\s*$")
"""A sentence's stop anywhere, or a clause's end at its close: the line is text, not a title alone."""

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

_BARE_STYLE = "cn_dun"
"""The one numbering style whose number may stand bare on its line (三 for 三、): a section's."""
_CN_DIGITS = "一二三四五六七八九十"
_DUN = "、"
_BARE_LONGEST = 3
"""The longest bare section numeral (二十三): a longer line is never one."""
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
            if (
                numbering.ordinal == open_same.ordinal + 1
                or (inserted and numbering.number != open_same.number)
                or self.skips_one_section(numbering, open_same)
            ):
                while self.stack[-1] is not open_same:
                    self.stack.pop()
                self.stack.pop()
                return True
            return False
        return numbering.ordinal == 1 or numbering.ordinal == self.last_ordinal.get(style, -1) + 1

    def skips_one_section(self, numbering: Numbering, open_same: _Node) -> bool:
        """Tell whether 三、 right after section 一、 is section 三 of an excerpt or reprint that lost 二、.

        Only a top-level section skips, by one, and only where it and the open one are both titles alone
        on their lines: a numbered sentence (三、加强…。) or a list item in the body is still no heading.
        """
        if (
            numbering.style.name != _BARE_STYLE
            or numbering.ordinal != open_same.ordinal + _SKIPPED
            or not _is_title(numbering.rest)
            or any(n.number and n.kind != "appendix" for n in self.stack[: self.stack.index(open_same)])
        ):
            return False
        end = self.text.find("\n", open_same.start)
        sibling = match_numbering(self.text[open_same.start : end if end >= 0 else len(self.text)].strip())
        return sibling is not None and _is_title(sibling.rest)

    def listed_in_decimal(self, numbering: Numbering) -> bool:
        """Tell whether a bare-number sentence (1 …；) is a list item of the open 3.0.2 / 4.1.1, not a chapter."""
        return any(n.style in _DECIMAL_STYLES for n in self.stack) and bool(
            _LIST_SENTENCE.search(numbering.rest)
        )

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
            restarted = (
                not heading and (self.seen_heading or signed) and len(text) <= 40 and TITLE_END.search(text)
            )
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
            banner = (BANNER.match(text) or _bracket_head(text)) if heading else None
            headline = (
                i + 1 < len(paragraphs) and BYLINE.match(paragraphs[i + 1].text) and is_short_phrase(text, 40)
            )
            if banner or headline:
                node = _Node("section", "", banner.group(1) if banner else text, start, 4, style="banner")
                self.add(node, push=True)
                self.seen_heading = True
                absorb_subtitle = bool(banner) and text[0] != "【"  # a newspaper banner's subtitle follows it
                i += 2 if headline else 1
                continue
            numbering = match_numbering(text)
            if numbering and numbering.style.name == "shi" and len(_inline_items(text)) >= 2:
                numbering = None
            if numbering and text.isascii() and self.translates(numbering, i):
                numbering = None  # I. Work Permits under 一、工作许可: the heading's translation, its text
            if numbering is None and text.startswith(_ARTICLE_WORD):
                numbering = self.next_article(text)
            if numbering is None and tight:
                numbering = tight.get(i)  # 1.1编制目的: a decimal outline typed with no space
            if numbering is None and len(text) <= _BARE_LONGEST:
                numbering = self.bare_section(text)  # 三 alone (## 三): the next section, its text below
            if numbering and numbering.style.name == "arabic_space" and self.listed_in_decimal(numbering):
                numbering = replace(numbering, style=STYLE_BY_NAME["arabic_dot"])
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

    def translates(self, numbering: Numbering, i: int) -> bool:
        """Tell whether a Latin-script heading at line i translates the heading just above it: same ordinal.

        A bilingual page sets 一、工作许可 / I. Work Permits: one heading in two languages, not two sections.
        """
        top = self.stack[-1]
        return (
            bool(top.number)
            and top.start == self.starts[i - 1]
            and not top.children
            and top.ordinal == numbering.ordinal
            and not self.paragraphs[i - 1].text.isascii()
        )

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
        The first follows the 落款 with no annex open yet: it opens a part too where another such title
        comes after it; a notice that issues one plan so wraps it, and the plan is the document's body.
        An article never holds a titled document: a title after the last of the articles whose body opens
        at 一、 (关于《…办法》的起草说明) is a part of its own.
        """
        style = self.restarted_style(i)
        if style is None:
            return False
        if (
            not (open_same := any(n.style == style for n in self.stack))
            or self.last_ordinal.get(style, 0) < 2
        ):
            first = i >= self.signed and not any(n.kind == "appendix" for n in self.stack)
            after_articles = self.stack[-1].kind == "article" and self.last_ordinal.get("article", 0) >= 2
            if open_same or not (after_articles or (first and self.another_document_follows(i, style))):
                return False
        node = _Node("appendix", "", self.title_line(i), self.starts[i], -0.5, "")
        node.style = appendix_id_prefix(next(iter(_WORDS["appendix"])))
        self.add(node, push=True)
        self.last_ordinal.clear()
        return True

    def restarted_style(self, i: int) -> str | None:
        """The numbering style whose first number (一、, 第一条) opens the body under a title at line i, or None."""
        if not self.title_line(i):
            return None
        for j in range(i + 1, min(i + 1 + _RESTART_LOOKAHEAD, len(self.paragraphs))):
            numbering = match_numbering(self.paragraphs[j].text)
            if numbering is not None:
                return numbering.style.name if numbering.ordinal == 1 else None
        return None

    def another_document_follows(self, i: int, style: str) -> bool:
        """Tell whether a later title line opens a body numbered afresh in `style`: a second annexed document."""
        return any(
            len(p.text) <= 40
            and TITLE_END.search(p.text)
            and not is_heading_line(p.text)
            and self.restarted_style(j) == style
            for j, p in enumerate(self.paragraphs[i + 1 :], i + 1)
        )

    def title_line(self, i: int) -> str:
        """Return paragraph i as a title where it is one (short, no sentence marks, not numbered)."""
        text = self.paragraphs[i].text.strip()
        if len(text) > 60 or re.search(r"[。；！？]", text) or APPENDIX.match(text):
            return ""
        if is_heading_line(text) and not GLOSSARY.match(text):
            return ""
        return heading_of(text)

    def bare_section(self, text: str) -> Numbering | None:
        """三 alone on its line while section 二、 is open: section 三, whose title sits on no line (## 三).

        Only the next numeral of an open 一、 sequence counts: a lone 三 anywhere else is text.
        """
        bare = text.strip()
        if not bare or bare.strip(_CN_DIGITS):
            return None
        found = match_numbering(bare + _DUN)
        if found is None or found.style.name != _BARE_STYLE or found.rest:
            return None
        if self.last_ordinal.get(_BARE_STYLE) != found.ordinal - 1:
            return None
        if not any(node.style == _BARE_STYLE for node in self.stack):
            return None
        return replace(found, number=bare)

    def open_numbered(self, numbering: Numbering, start: int) -> _Node:
        style = numbering.style
        # 一是… leads a paragraph as it leads an inline item: its first words name it too
        heading = "" if style.name == "article" else heading_of(numbering.rest)
        titled = _ARTICLE_TITLE.match(numbering.rest.lstrip()) if style.name == "article" else None
        if titled and titled.group(1).strip(_CN_DIGITS + "0123456789"):  # not 第五条（一）…: an item's number
            heading = titled.group(1)
        if (
            not heading
            and style.name in _DECIMAL_STYLES
            and (term := _TERM.match(numbering.rest))
            and any(squash(node.heading) in _TERM_CHAPTERS for node in self.stack)
        ):
            heading = term.group(1)  # a term too long with its English name (and definition) to be a title
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


def _is_title(line: str) -> bool:
    """Tell whether a numbered line's words are a title alone: short, with no sentence mark in them."""
    return 0 < len(line) <= _TITLE_LONGEST and not _SENTENCE_MARK.search(line)


def _bracket_head(text: str) -> re.Match[str] | None:
    """A 【…】 head alone on its line, unless its words are a web page's button (【打印】, 【关闭窗口】)."""
    head = BRACKET_HEAD.match(text)
    return None if head is None or head.group(1) in _chrome_words() else head


@lru_cache(maxsize=1)
def _chrome_words() -> frozenset[str]:
    """The words of a web page's toolbar (data/html.yaml `chrome`), read where a 【…】 line first asks."""
    return frozenset(data_yaml("html.yaml")["chrome"])


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
