"""Content joins: rejoin a line to one further on by what the lines say, where no column width shows the break.

A title broken before its document type, a byline before its 上, a bracket left open, a number alone
on its line, a prose line cut mid-word above a blank: each tells by its own text what continues it.
"""

from __future__ import annotations

from policykit import pattern_cache
from policykit.gongwen import is_part_line
from policykit.normalise.continuation import ends_sentence
from policykit.normalise.lines import _Line, _lines  # noqa: F401 (_lines: the doctests build their cases with it)
from policykit.zh.chars import is_cjk
from policykit.zh.numbering import TITLE_END, alternatives, match_numbering

_DATE_LINE = pattern_cache.compile(r"^\d{4}年\d{1,2}月(\d{1,2}日)?$")
DATELINE = pattern_cache.compile(r"\d{1,2}月\d{1,2}日电$")
"""A news agency's dateline (新华社北京2月13日电): a line of its own above the title, never half of it."""


_CLAUSE_MARK = pattern_cache.compile(r"[，。；]")
_YEAR_LED = pattern_cache.compile(r"^\d{4}年[\u4e00-\u9fff]")
"""A title that starts with its year (2026年河南省政府工作报告), broken like any other."""


def join_split_title(lines: list[_Line], i: int) -> int | None:
    """Return the index of the line that completes a title broken at line i, or None.

    national-vocational-education-reform-plan-2019: `国务院关于印发国家职业教育改革` / `实施方案的通知`;
    shanghai-yangpu-heritage: `…利用示范区` / (blank) / `深化建设三年行动计划（2024—2026年）`.

    >>> lines = _lines("国务院关于印发国家职业教育改革", "实施方案的通知", "国发〔2019〕4号")
    >>> join_split_title(lines, 0), join_split_title(lines, 1)
    (1, None)
    >>> join_split_title(_lines("上海杨浦生活秀带国家文物保护利用示范区", "", "深化建设三年行动计划（2024—2026年）"), 0)
    2

    A whole title takes only its standing in brackets from the line below (no date note).

    >>> join_split_title(_lines("青山市城市绿化管理办法", "（征求意见稿）"), 0), join_split_title(_lines("某某条例", "（2024年修订）"), 0)
    (1, None)

    A header cell measured in a unit ends like a title (装机计划（MW）) but never completes one.

    >>> join_split_title(_lines("建设区域", "", "十四五装机计划（MW）"), 0)
    """
    cur = lines[i]
    text = cur.text
    if (
        cur.blank
        or len(text) > 40
        or not (is_cjk(text[0]) or text[0] in "《“" or _YEAR_LED.match(text))  # 《…办法》政策解读 too
        or ends_sentence(text)
        or _CLAUSE_MARK.search(text)
        or _DATE_LINE.match(text)
        or DATELINE.search(text)
        or cur.heading
        or is_part_line(text)
    ):
        return None
    titled = TITLE_END.search(text)  # a whole title: only its note in brackets may follow (（征求意见稿）)
    for j in (i + 1, i + 2):
        if j >= len(lines):
            return None
        nxt = lines[j]
        if nxt.blank:
            if j == i + 1:
                continue
            return None
        if titled:
            return j if _TITLE_NOTE.match(nxt.text) else None
        end = TITLE_END.search(nxt.text)
        if len(nxt.text) <= 40 and end and not nxt.heading and not _measured_in(end.group(2)):
            return j
        return None
    return None


def _measured_in(note: str | None) -> bool:
    """A bracket that names a unit (（MW）, （万千瓦）, （%）): a table's header cell ends so, a title never does.

    >>> _measured_in("（MW）"), _measured_in("（万千瓦）"), _measured_in("（2024—2026年）"), _measured_in("（试行）")
    (True, True, False, False)
    """
    if not note:
        return False
    inner = note[1:-1].strip()
    if inner.isascii():
        return any(char.isalpha() or char == "%" for char in inner)
    from policykit.zh.units import magnitude, match_unit

    for size in range(3):  # （千瓦）, （万千瓦）, （亿元）: a magnitude may stand before the unit
        unit = match_unit(inner[size:]) if magnitude(inner[:size]) else None
        if unit is not None and len(unit.alias) == len(inner) - size:
            return True
    return False


_TITLE_NOTE = pattern_cache.compile(r"^[（(][^（）()\d]{2,10}[）)]$")
"""A title's standing in brackets on the line below it, （征求意见稿）, （试行）: no date (（2023年1月2日）
stays a line of its own), so part of the title."""


_DATED_BYLINE = pattern_cache.compile(r"^——\s*\d{4}年\d{1,2}月\d{1,2}日")
"""A report's byline under its title: ——2026年1月26日在广东省第十四届人民代表大会第五次会议上."""
_BYLINE_END = pattern_cache.compile(r"^[^，。；：！？]{2,30}上$")


def join_split_byline(lines: list[_Line], i: int) -> int | None:
    """Return the index of the line that ends a report's byline broken at line i, or None.

    guangdong-gov-work-report-2026: `——2026年1月26日在广东省第十四届` / `人民代表大会第五次会议上`.

    >>> join_split_byline(_lines("——2026年1月26日在广东省第十四届", "人民代表大会第五次会议上"), 0)
    1
    >>> join_split_byline(_lines("——2026年1月26日在广东省第十四届人民代表大会第五次会议上", "广东省省长 孟凡利"), 0)
    """
    text = lines[i].text
    if not text.startswith("——") or text.endswith("上") or not _DATED_BYLINE.match(text):
        return None
    j = i + 2 if i + 2 < len(lines) and lines[i + 1].blank and not lines[i + 1].furniture else i + 1
    return j if j < len(lines) and _BYLINE_END.match(lines[j].text) else None


_CUT_LINE = 40
"""The shortest line a paragraph cut mid-word is seen in: a heading or a title line is shorter."""
_CUT_SENTENCES = 20
"""The shortest line a cut paragraph is seen in when a sentence ends inside it: a heading's run-in text
(（一）完善低空基础设施。统筹布局…基础设施 / (blank) / 建设，…) is prose, however short the line."""
_CLOSING_FORMULA = pattern_cache.compile(rf"^(?:{alternatives('closing_formulas')})[。！!.]?$")
"""特此通知。 alone on its line: a paragraph of its own, never the tail of the line above."""
_PROSE_MARK = pattern_cache.compile(r"[，。；]")


def _may_be_cut(lines: list[_Line], i: int) -> bool:
    """Line i is long enough to be a cut paragraph: _CUT_LINE, or _CUT_SENTENCES with a full stop inside
    and a blank below (asked of every line, so the length tests come first)."""
    length = len(lines[i].text)
    return length >= _CUT_LINE or (
        length >= _CUT_SENTENCES and i + 1 < len(lines) and lines[i + 1].blank and "。" in lines[i].text
    )  # the caller asks the first two tests inline, before any call


def join_cut_paragraph(lines: list[_Line], i: int) -> int | None:
    """Return the index of the line that goes on with a prose line cut mid-word, across a blank, or None.

    shanghai-beidou: `…时间信息的融合处理及应用技术，探` / (blank) / `索区块链、同态加密等新兴技术融合，…`:
    a scraped text broke one paragraph in two, with no column to tell by. A long line of prose that
    stops on a letter (no mark closes a paragraph so) goes on in the next line of prose; a table's
    cells (西藏北路970弄项目 / 6) and headings are no prose.

    >>> join_cut_paragraph(_lines("推进时空信息融合处理及应用技术，加快北斗与5G、物联网、区块链等新一代信息技术融合，探", "",
    ...                           "索区块链、同态加密等新兴技术融合，开展北斗应用。"), 0)
    2

    A line a sentence ends inside, above a blank, is prose at any length from _CUT_SENTENCES on; a short tail is the
    sentence's end (`…培育低空` / (blank) / `经济领域专精特新企业30家。`), where it
    ends the sentence and is no closing formula (特此通知。) of its own.

    >>> join_cut_paragraph(_lines("到2027年，全市低空经济规模突破200亿元，建成起降场地100个，开通低空航线50条，培育低空", "",
    ...                           "经济领域专精特新企业30家。"), 0)
    2
    >>> join_cut_paragraph(_lines("到2027年，全市低空经济规模突破200亿元，建成起降场地100个，开通低空航线50条，培育低空", "",
    ...                           "特此通知。"), 0)
    >>> join_cut_paragraph(_lines("推进愚园路627弄项目、西藏北路970弄项目，加快推进各类旧住房更新改造项目、彭一住宅小区项目", "", "6"), 0)
    """
    cur = lines[i]
    text = cur.text
    if not _may_be_cut(lines, i) or not (is_cjk(text[-1]) or text[-1].isalnum()):
        return None
    j = i + 1
    if j < len(lines) and lines[j].blank and not lines[j].furniture:
        j += 1
    if j >= len(lines) or lines[j].blank or lines[j].heading or lines[j].indented:
        return None
    following = lines[j].text
    if not _PROSE_MARK.search(following) or not _PROSE_MARK.search(text):
        return None
    if len(following) < _CUT_LINE // 2 and (following[-1] not in "。；" or _CLOSING_FORMULA.match(following)):
        return None
    return None if is_part_line(following) or "\t" in following else j


_BRACKET_TAIL = 60
"""The longest line that can close a bracket a line above left open: the rest of a note, not a paragraph."""


def join_open_bracket(lines: list[_Line], i: int) -> int | None:
    """Return the index of the line that closes a bracket line i left open, across blank lines, or None.

    shanghai-urban-renewal-regulation-2021: `（2021年8月25日上海市第十五届人民代表大会` /
    `常务委员会第三十四次会议通过）`; shanghai-beidou: `…助力打造数字交通。（牵头部` / (blank) /
    `门：市交通委、市水务局、市经济信息化委）`. No sentence ends inside a bracket's note, so
    the line below that closes it continues it.

    >>> join_open_bracket(_lines("（2021年8月25日上海市第十五届人民代表大会", "常务委员会第三十四次会议通过）"), 0)
    1
    >>> join_open_bracket(_lines("数字交通。（牵头部", "", "门：市交通委）"), 0)
    2
    >>> join_open_bracket(_lines("（一）加强领导", "二、保障（措施）"), 0) is None
    True
    """
    text = lines[i].text
    if "（" not in text or text.count("（") <= text.count("）") or ends_sentence(text):
        return None
    j = i + 1
    while j < len(lines) and j - i <= 3 and lines[j].blank:
        j += 1
    if j >= len(lines) or lines[j].blank or lines[j].heading or len(lines[j].text) > _BRACKET_TAIL:
        return None
    following = lines[j].text
    close = following.find("）")
    return j if close >= 0 and "（" not in following[:close] else None


_TITLED_NUMBERS = frozenset({"part", "pian", "bufen", "chapter", "subsection"})
"""第X章 and its kin: a centred heading whose title line the structure stage reads on its own."""


def join_bare_number(lines: list[_Line], i: int) -> int | None:
    """Return the index of the line that a bare number at line i numbers, or None.

    Word-to-text tools and PDF extractors leave a list's number on a line of its own (`一、` /
    `加强组织领导`, `第二条` / `有关部门…`); number and text are one paragraph. Blank lines between
    them are layout; a heading line after the number is not its text.

    >>> join_bare_number(_lines("一、", "加强组织领导"), 0), join_bare_number(_lines("（一）", "", "统筹推进。"), 0)
    (1, 2)
    >>> join_bare_number(_lines("一、", "（一）加强领导"), 0), join_bare_number(_lines("第一章", "总则"), 0)
    (None, None)
    """
    if not lines[i].bare:
        return None
    text = lines[i].text
    numbering = match_numbering(text)
    if numbering is None or numbering.style.name in _TITLED_NUMBERS:
        return None
    j = i + 1
    while j < len(lines) and j - i <= 3 and lines[j].blank:
        j += 1
    if j >= len(lines) or lines[j].blank or lines[j].heading or _table_row(lines[j]):
        return None
    return j


def _separator(number: str) -> str:
    """What goes between a bare number and its text once joined: 第二条 needs a space, 一、 has its mark."""
    return "\u3000" if number and number[-1] not in "、.．)）" else ""


_DOC_NUMBER = pattern_cache.compile(r"〔\d{4}〕\d{1,4}号")
"""A 发文字号 (穗府办规〔2024〕13号) stands on its own line above the title, never joined to the next."""


def _table_row(line: _Line) -> bool:
    """A line of tab-separated cells is a table row (the Word, HTML and .doc readers write them so): never joined."""
    return "\t" in line.text
