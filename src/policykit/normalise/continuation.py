"""Line fixers that rejoin a sentence a layout broke where no column width shows the break.

A page too short to show its column, or a source that broke a sentence itself, leaves lines that
stop mid-sentence without filling a column (policykit.normalise's wrap fixers need one). The layout
still tells: where a text indents each paragraph's first line, or sets a blank line after each
paragraph, a line at the margin or with no blank above it goes on with the paragraph before.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from policykit.gongwen import is_part_line
from policykit.zh.chars import TERMINAL_PUNCT, is_cjk

if TYPE_CHECKING:
    from policykit.normalise.lines import _Line


def ends_sentence_strictly(text: str) -> bool:
    """Tell whether a line ends a sentence once closing quotes and brackets are set aside.

    >>> ends_sentence_strictly("形成辐射全国的“星地一体化”"), ends_sentence_strictly("建设“五个中心”。”")
    (False, True)
    """
    return ends_sentence(text.rstrip(_CLOSING_MARKS))


_CLOSING_MARKS = "”’」』）)"


def ends_sentence(text: str) -> bool:
    """Tell whether a line ends on punctuation that closes a paragraph.

    >>> ends_sentence("的重要性不言而喻。"), ends_sentence("到2025年产业规模突")
    (True, False)
    """
    return bool(text) and text[-1] in TERMINAL_PUNCT


def join_unindented_continuation(lines: list[_Line], i: int) -> bool:
    """Join line i to i-1 where the paragraph began indented (or the text sets a blank line after each
    paragraph) and line i, not indented, goes on with its sentence.

    A document that indents each paragraph's first line starts no paragraph at the margin, so a line
    there after one that stops mid-sentence continues it, however short the line above: a column the
    wrap fixers cannot see in a short page (`　　（一）按照物业服务合同的约定，接受物业服务企业提供的` /
    `服务；`), or a break the source put inside a sentence (`程，今年预期目标设定` / `为6%以上，…`).
    The caller asks it only where the paragraph or the line holds prose (holds_prose) or the line is a
    numbered heading's cut tail (heading_tail). A heading, a 公文 part, a line after a finished
    sentence or a whole note in brackets is no continuation, nor is a line that stops mid-sentence
    before a gap that is no page break: a newspaper's headline block (` 《…三年行动计划》出台` /
    `列出十项重点任务，提出…成果` / blank), whose lines end on no mark.

    >>> from policykit.normalise.lines import _lines
    >>> lines = _lines("　　各区要把促进民营经济发展摆上重要议事日", "程，今年预期目标设定", "为6%以上，确保落地见效。", "　　二、加强保障")
    >>> [join_unindented_continuation(lines, k) for k in (1, 2, 3)]
    [True, True, False]
    """
    prev, cur = lines[i - 1], lines[i]
    return (
        not prev.blank
        and not cur.blank
        and not cur.indented
        and not cur.heading
        and not ends_sentence_strictly(prev.text)
        and not _ends_with_note(prev.text)
        and not is_part_line(cur.text)
        and (ends_sentence(cur.text) or _ends_english(cur.text) or not _before_gap(lines, i))
    )


def _ends_english(text: str) -> bool:
    """Tell whether a line of English ends a sentence (`025.`): a Chinese text's full stop is 。, and a
    number alone (1.) is a heading, asked of the line before."""
    return text[-1] == "." and text.isascii()


def _ends_with_note(text: str) -> bool:
    """Tell whether a line ends with a whole note in brackets, after a sentence or alone: a paragraph's end.

    >>> _ends_with_note("…来沪共创北斗事业。（牵头部门：市人力资源社会保障局）"), _ends_with_note("（责任单位：区发展改革委）")
    (True, True)
    >>> _ends_with_note("推动区域全面经济伙伴关系协定（RCEP）")
    False
    """
    if not text.endswith("）"):
        return False
    opening = text.rfind("（")
    return opening == 0 or (opening > 0 and text[opening - 1] in "。！？；")


_SPACED = 0.6
"""The share of text lines a blank line follows in a text that sets a blank line after each paragraph."""


def blank_separated(lines: list[_Line]) -> bool:
    """Tell whether the text puts a blank line after its paragraphs, so two lines with none between are one.

    gov-work-report-2023 as scraped: `…共建“一带一路”扎实推进。推动` / `区域全面经济伙伴关系协定` /
    `（RCEP）生效实施，…`, three lines of one paragraph in a text of blank-separated paragraphs.
    """
    text_lines = gaps = 0
    for line, following in itertools.pairwise(lines):
        if not line.blank:
            text_lines += 1
            gaps += following.blank
    return text_lines >= 3 and gaps >= _SPACED * text_lines


def _before_gap(lines: list[_Line], i: int) -> bool:
    """Tell whether blank lines and no page break follow line i (or nothing does): a paragraph's end."""
    j = i + 1
    while j < len(lines) and lines[j].blank:
        if lines[j].furniture:
            return False
        j += 1
    return j > i + 1 or j == len(lines)


def heading_tail(lines: list[_Line], i: int, numbered: bool) -> bool:
    """Tell whether line i is the tail of a heading (numbered, 专栏, 附件) the column cut: shorter than the line above.

    `（二）实施建筑和市政基础设施领域设备` / `更新行动`: a heading holds no prose mark, yet its tail is
    a few words, where a body paragraph set at the margin after it would be a long line of prose.

    >>> from policykit.normalise.lines import _lines
    >>> lines = _lines("　　（二）实施建筑和市政基础设施领域设备", "更新行动", "　　一、总体要求", "12")
    >>> heading_tail(lines, 1, True), heading_tail(lines, 3, True)
    (True, False)
    """
    prev, cur = lines[i - 1], lines[i]
    return numbered and prev.columns >= _CUT_HEADING and cur.columns < prev.columns and is_cjk(cur.text[0])


_CUT_HEADING = 28
"""The fewest columns a heading line a column cut fills: a newspaper's 15 ideographs less a margin; a
short heading (一、总体要求) stands whole, and a number after it (12) is text of its own."""


def holds_prose(texts: list[str]) -> bool:
    """Tell whether text holds a mark of running prose: a title or a table's cells hold none (一、 has 、).

    English prose has its own marks, and a column may cut a sentence where it has none: a line of
    three words or more is prose too (`The city provides one-stop services`), where a heading has two
    (English Summary) and a table's figures none.

    >>> holds_prose(["一、总体要求"]), holds_prose(["The Measures take effect on 1 July 2", "025."])
    (False, True)
    >>> holds_prose(["English Summary"]), holds_prose(["2023 2024 2025 2026"])
    (False, False)
    """
    return any("，" in t or "；" in t or "。" in t or (t.isascii() and _english_prose(t)) for t in texts)


_ENGLISH_WORDS = 3
"""The fewest words of letters a line of English prose holds: a heading (II. Investment Services) has fewer."""


def _english_prose(text: str) -> bool:
    """Tell whether an ASCII line holds _ENGLISH_WORDS words of letters or more."""
    return sum(word.isalpha() for word in text.split()) >= _ENGLISH_WORDS


__all__ = [
    "blank_separated",
    "ends_sentence",
    "ends_sentence_strictly",
    "heading_tail",
    "holds_prose",
    "join_unindented_continuation",
]
