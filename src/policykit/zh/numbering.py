"""Numbering styles of Chinese official documents (GB/T 9704 and legislative drafting practice).

A style knows its pattern, its usual rank in the hierarchy and the kind of clause it opens.
Ranks only order styles that meet; levels may be skipped, and the structure stage never
assumes strict nesting.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from policykit import pattern_cache
from policykit.config import data_yaml
from policykit.model import ClauseKind
from policykit.zh.numerals import parse_number

_CN = "零〇一二两三四五六七八九十百千"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_PAREN_DIGITS = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
"""Parenthesised digits as one character each (⑴ ⑵), as Word's and WPS's list numbering types (1)."""
_ROMAN_ASCII = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
_ROMAN = {
    **{numeral: n for n, numeral in enumerate("ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ", 1)},
    **{numeral: n for n, numeral in enumerate(_ROMAN_ASCII, 1)},
}
"""Roman numerals, as one character (Ⅲ) or in letters (III), to twelve: headings go no further."""


def chinese_ordinal(text: str) -> int:
    """Read a numbering ordinal: Arabic, circled, Roman or a Chinese numeral (through `parse_number`).

    >>> [chinese_ordinal(s) for s in ["一", "十", "十二", "二十", "六十四", "一百零一", "12", "③", "Ⅳ", "IX", "c"]]
    [1, 10, 12, 20, 64, 101, 12, 3, 4, 9, 3]
    >>> [chinese_ordinal(s) for s in ["⑵", "⑿", "B"]]
    [2, 12, 2]
    """
    return _ordinal(text)


@lru_cache(maxsize=1024)
def _ordinal(text: str) -> int:
    """chinese_ordinal, remembered: the same few numbers (一, 二, 1, 12) recur on every heading line."""
    if text in _CIRCLED:  # before isdigit(), which is true for ③
        return _CIRCLED.index(text) + 1
    if text in _PAREN_DIGITS:
        return _PAREN_DIGITS.index(text) + 1
    if text in _ROMAN:
        return _ROMAN[text]
    if text.isdigit():
        return int(text)
    if len(text) == 1 and "a" <= text.lower() <= "z":  # a) b) c), a standard's list items; 附录B
        return ord(text.lower()) - ord("a") + 1
    return int(parse_number(text))


@dataclass(frozen=True)
class Style:
    """A numbering style: how it looks, where it usually ranks, what kind of clause it opens."""

    name: str
    rank: float
    kind: ClauseKind
    pattern: re.Pattern[str]
    id_prefix: str = ""  # what a clause id puts before the ordinal: ch8.a64, not 8.64
    tight: re.Pattern[str] | None = None  # the number with no separator: 第一章经济社会发展的指导思想
    tight_rest: str = ""  # what may follow it directly: a short "title" or the article's "sentence"


def _load_styles() -> tuple[Style, ...]:
    """Build the numbering styles from data/numbering.yaml, in the order they are tried."""
    raw = data_yaml("numbering.yaml")
    styles = []
    for entry in raw["styles"]:
        common = {
            "name": entry["name"],
            "rank": entry["rank"],
            "kind": entry["kind"],
            "id_prefix": entry.get("id", ""),
        }
        if "word" in entry:
            number = rf"^第([{_CN}\d]{{1,{entry.get('digits', 4)}}}){re.escape(entry['word'])}"
            if entry.get("inserted"):
                number += rf"(?:{entry['inserted']}[{_CN}]{{1,3}})?"  # 第二条之一, inserted by an amendment
            tight = pattern_cache.compile(number) if entry.get("tight") else None
            pattern = pattern_cache.compile(number + r"(?=[\s　]|$)")
            styles.append(Style(pattern=pattern, tight=tight, tight_rest=entry.get("tight", ""), **common))
        else:
            styles.append(Style(pattern=pattern_cache.compile(entry["pattern"]), **common))
    return tuple(styles)


STYLES: tuple[Style, ...] = _load_styles()
STYLE_BY_NAME = {s.name: s for s in STYLES}


def union(patterns: Iterable[re.Pattern[str]]) -> re.Pattern[str]:
    """One regex that matches where any of `patterns` matches: a single C-speed test that rules a line out.

    Most lines open no clause, and trying each style's pattern in turn costs a dozen calls per line.
    The patterns are tried with `match`; none may use flags or backreferences (groups are renumbered).
    """
    patterns = list(patterns)
    if any(p.flags != re.UNICODE or re.search(r"\\\d|\(\?P=", p.pattern) for p in patterns):
        raise ValueError("a union needs patterns with the default flags and no backreferences")
    return pattern_cache.compile("|".join(f"(?:{p.pattern})" for p in patterns))


_ANY_NUMBERING = union([*(s.pattern for s in STYLES), *(s.tight for s in STYLES if s.tight is not None)])
"""Matches wherever some style's pattern (or its tight form) matches: without it, no numbering."""


@lru_cache(maxsize=1)
def layout_words() -> dict:
    """Load the layout words (appendix and glossary headings, …) from data/structure.yaml, once."""
    return data_yaml("structure.yaml")


def appendix_id_prefix(word: str) -> str:
    """The clause-id prefix of an appendix word: 附件2 → ax2, 附表2 → tb2."""
    return str(layout_words()["appendix"][word])


def alternatives(words: str | Iterable[object]) -> str:
    """A regex alternation of words, longest first, or of the words under a key of data/structure.yaml."""
    if isinstance(words, str):
        words = layout_words()[words]
    return "|".join(sorted((re.escape(str(w)) for w in words), key=len, reverse=True))


TITLE_END = pattern_cache.compile(rf"({alternatives('document_types')})(（[^（）]{{0,20}}）)?$")
"""A title's last word names the document's type: …行动方案, …的通知, …条例（试行）, …统计公报."""


APPENDIX = pattern_cache.compile(
    rf"^({alternatives('appendix')})(?:[\s　]*([0-9]{{1,3}}|[{_CN}]{{1,3}}|[A-Z](?![A-Za-z]))(?:[-－][0-9]{{1,2}})?(?![0-9{_CN}])"
    r"[\s　:：.．、]*|[\s　]+(?=[\u4e00-\u9fff《“])|[\s　]*$)([^。；！？，]{0,40})$"
)
"""An appendix heading line: 附件, 附件1, 附件3-1, 附录A, 附表2 重点项目表, 附件　名词解释 (a title after a space).

附件：… with a colon is the 附件说明 list, and 附件材料… with no space a sentence about one."""

GLOSSARY = pattern_cache.compile(rf"^(?:{alternatives('glossary')})[\s　:：]*$")
"""A glossary heading line (名词解释) after the body or inside an appendix."""


def _is_tight_rest(rest: str, kind: str, *, references: bool = False) -> bool:
    """Tell whether what follows 第X章 with no separator is a title (or 第X条's sentence), not a reference.

    With `references`, words that usually cite the number (第五条有关规定) are let through: the
    caller has the sequence to decide by.

    >>> _is_tight_rest("经济社会发展的指导思想", "title"), _is_tight_rest("规定的情形，由市政府决定。", "title")
    (True, False)
    >>> _is_tight_rest("用人单位投资的公共租赁住房，原则上向本单位无房职工供应。", "sentence")
    True
    >>> _is_tight_rest("规定的情形除外。", "sentence"), _is_tight_rest("、第六条规定的情形", "sentence")
    (False, False)
    """
    if len(rest) < 2 or (not references and rest.startswith(tuple(layout_words()["reference_followers"]))):
        return False
    if kind == "sentence":
        return "\u4e00" <= rest[0] <= "\u9fff" or rest[0] in "“《（【"  # 【立法目的】: a draft's gist
    return len(rest) <= 30 and not re.search(r"[，。；：:！？,;]", rest)


TOC_WORDS = frozenset(layout_words()["toc_headings"])
"""The heading of a table of contents (目录, 目次), alone on its line."""
TOC_LEADER = pattern_cache.compile(r"(?:[.…·．‥⋯_—\-][\s　.…·．‥⋯_—\-]+|[\s　]+)\d{1,4}$")
"""A 目录 entry's leader and page number: 一、总体要求……………3, 总则 . . . . 3, or spaces alone (总则  3)."""
_DOTS = pattern_cache.compile(r"[.…·．‥⋯_—\-](?:[\s　]*[.…·．‥⋯_—\-])+[\s　]*\d{1,4}$")


def is_toc_line(text: str) -> bool:
    """Tell whether a line is a 目录 heading or an entry with a dotted leader: a line of its own, never joined.

    >>> is_toc_line("目  录"), is_toc_line("总体要求 . . . . 3"), is_toc_line("一、总体要求……………3")
    (True, True, True)
    >>> is_toc_line("到 2025"), is_toc_line("（2021—2025"), is_toc_line("目录管理")
    (False, False, False)
    """
    if not text:
        return False
    if text[-1].isdigit():
        return bool(_DOTS.search(text))
    return len(text) <= 8 and "".join(text.split()) in TOC_WORDS


BANNER = pattern_cache.compile(r"^(?:>>|》》|＞＞)\s*(.+?)\s*(?:<<|《《|＜＜)$")
"""Newspaper section headings, as in the seed: `>>创新引领发展<<`."""
BRACKET_HEAD = pattern_cache.compile(r"^【([^【】。，；！？：:\s]{2,16})】$")
"""A part's head in lenticular brackets alone on its line, as a 政策解读 sets them: `【出台背景】` (no colon or
space: a toolbar's 【字体：大 中 小】 is none)."""
_LEADS = ("shi", "di_comma")
"""Styles that lead a paragraph's first words (一是…, 第一，…): items of running text, never a heading line."""

BOX = pattern_cache.compile(
    r"^专栏\s*([0-9一二三四五六七八九十]{0,3})(?:[-－—.．][0-9]{1,2})?(?=[\s　:：]|[\u4e00-\u9fff“]|$)"
)
"""专栏 boxes: a titled panel listing projects or indicators beside the running text (专栏3, 专栏3-1)."""

SHI = "是"
"""The word after each ordinal of an inline enumeration: a paragraph without it has none."""
INLINE_SHI = pattern_cache.compile(
    rf"(?:^|(?<=[，。；：]))([一二三四五六七八九十]{{1,2}}){SHI}(?=[\u4e00-\u9fff“])"
)
"""一是…二是… enumerations inside a paragraph."""

BYLINE = pattern_cache.compile(r"^[□■◇◆]?\s*(?:本报(?:记者|讯)|记者|通讯员)\s*\S{2,}")
"""A newspaper byline, which marks the start of an article's body."""

DASH_ITEM = pattern_cache.compile(r"^——(?=\S)")
"""A paragraph led by an em-dash pair: an item of a dash list (——坚持…)."""


@dataclass(frozen=True)
class Numbering:
    """A numbering found at the start of a paragraph."""

    style: Style
    number: str
    ordinal: int
    rest: str


def match_numbering(text: str) -> Numbering | None:
    """Recognise the numbering a paragraph starts with, if any.

    >>> n = match_numbering("（二）空间目标")
    >>> n.style.name, n.number, n.ordinal, n.rest
    ('cn_paren', '（二）', 2, '空间目标')
    >>> match_numbering("1.3万台充电桩") is None
    True
    >>> match_numbering("第六十四条  本条例自2021年9月1日起施行。").ordinal
    64
    >>> match_numbering("十四五、规划目标") is None
    True
    >>> match_numbering("第一章经济社会发展的指导思想").rest, match_numbering("第一章规定的情形除外。")
    ('经济社会发展的指导思想', None)
    >>> match_numbering("第二部分 今年工作安排").style.name
    'bufen'
    >>> [(n.number, n.ordinal) for n in map(match_numbering, ["第二条之一　城市供水企业…", "第三条【范围】本…", "⑵建设"])]
    [('第二条之一', 2), ('第三条', 3), ('⑵', 2)]
    >>> match_numbering("第五条之规定的情形除外。") is None
    True
    """
    if not _ANY_NUMBERING.match(text):
        return None
    return _numbering(text)


@lru_cache(maxsize=2048)
def _numbering(text: str) -> Numbering | None:
    """match_numbering past its prefilter, remembered: the line fixers and the structure ask of a line again."""
    for style in STYLES:
        found = style.pattern.match(text)
        if not found and style.tight is not None:
            found = style.tight.match(text)
            if found and not _is_tight_rest(text[found.end() :].strip(), style.tight_rest):
                found = None
        if not found:
            continue
        try:
            ordinal = chinese_ordinal(found.group(1))
        except ValueError:  # 十四五、… looks like a number but is the plan's name
            continue
        return Numbering(
            style=style,
            number=found.group(0).rstrip(" \u3000\t"),
            ordinal=ordinal,
            rest=text[found.end() :].lstrip(" \u3000"),
        )
    return None


def run_in_number(text: str, style_name: str) -> Numbering | None:
    """Read a 第X条-like number run straight into any text (第二条有关部门…), for the caller to judge by sequence.

    `match_numbering` refuses 第二条有关 because 有关 after an article number usually cites it
    (第五条有关规定); only the numbering sequence can tell that it opens the next article.

    >>> run_in_number("第二条有关部门及其工作人员违反本条例规定的，依法给予处分。", "article").ordinal
    2
    >>> run_in_number("第二条、第三条规定的情形除外。", "article") is None
    True
    """
    style = STYLE_BY_NAME[style_name]
    found = style.tight.match(text) if style.tight is not None else None
    rest = text[found.end() :].lstrip(" \u3000") if found else ""
    if found is None or not _is_tight_rest(rest, style.tight_rest, references=True):
        return None
    try:
        ordinal = chinese_ordinal(found.group(1))
    except ValueError:
        return None
    return Numbering(style=style, number=found.group(0), ordinal=ordinal, rest=rest)


@lru_cache(maxsize=4096)
def is_heading_line(text: str) -> bool:
    """Tell whether a line opens a clause (numbered, a banner, a 专栏 box); used to stop line joining.

    Remembered: the line fixers ask it of each line two or three times, the structure stage again.
    """
    return bool(
        text
        and (_ANY_NUMBERING.match(text) or _OTHER_HEADING.match(text))
        and (
            (match_numbering(text) and not any(STYLE_BY_NAME[lead].pattern.match(text) for lead in _LEADS))
            or BANNER.match(text)
            or BRACKET_HEAD.match(text)
            or BOX.match(text)
            or APPENDIX.match(text)
            or GLOSSARY.match(text)
        )
    )


_is_heading_line = is_heading_line
"""The cache itself, under the name the fast-path tests clear and read `__wrapped__` of."""

_OTHER_HEADING = union([BANNER, BRACKET_HEAD, BOX, APPENDIX, GLOSSARY])
"""With _ANY_NUMBERING, matches wherever is_heading_line's tests might: a line both miss is no heading.

Kept apart from _ANY_NUMBERING: compiling one union of both again would cost each process ~13 ms."""


def heading_of(rest: str, limit: int = 60) -> str:
    """Take the short title that follows a number: up to the first full stop, if that is short.

    >>> heading_of("以开展第四次全国文物普查为基础，构建精准保护标准化体系。按照普查技术标准")
    '以开展第四次全国文物普查为基础，构建精准保护标准化体系'
    >>> heading_of("加强组织领导")
    '加强组织领导'
    >>> heading_of("总　　则")
    '总则'

    A title run into its body after a space (Word's bold heading, then the paragraph) ends at the
    space where a sentence follows; a space between two parallel phrases stays inside the title.

    >>> heading_of("2025年工作回顾　过去的五年极不寻常、极不平凡，我们…。"), heading_of("坚持党的领导 强化组织保障")
    ('2025年工作回顾', '坚持党的领导强化组织保障')
    >>> heading_of("镇经管中心负责对镇属企业 (包括村集体经济组织，以及其控股企业)的资金进行监管。")
    '镇经管中心负责对镇属企业 (包括村集体经济组织，以及其控股企业)的资金进行监管'

    A question's label and its colon (1.问：…？) open the question, which is the title.

    >>> heading_of("问：哪些企业可以申报？答：本市企业。"), heading_of("工作目标：到2025年，建成…")
    ('问：哪些企业可以申报', '工作目标')
    """
    label = _QUESTION.match(rest)
    found = _STOP.search(rest, label.end() if label else 0)
    clause = (rest[: found.start()] if found else rest).strip()
    gap = _GAP.search(clause)
    if gap and "，" in clause[gap.end() :]:
        clause = clause[: gap.start()]
    head = _CJK_GAP.sub("", clause).strip()
    return head if 0 < len(head) <= limit else ""


_STOP = pattern_cache.compile(r"[。；：:！？]")
"""Where a title run into its text ends: a full stop, a colon, a question or an exclamation mark."""
_QUESTION = pattern_cache.compile(rf"^(?:{alternatives('question_labels')})[\s　]*[：:]")
"""A question's label and colon (问：) before the question a numbered Q&A turn carries as its title."""

_GAP = pattern_cache.compile(r"(?<=\S\S)[ \t\u3000]+(?=[^\s(（\[［【])")
"""The first space inside a title after two characters or more: where a run-in body may begin (never
before a bracket: 镇属企业 (包括…) is an aside inside the sentence, not its body)."""


_CJK_GAP = pattern_cache.compile(r"(?<=[\u4e00-\u9fff])[\s　]+(?=[\u4e00-\u9fff])")
"""Spaces between two ideographs, which only letter-space a title (总  则)."""
