"""Wrap fixers: join a line to the one above where a column, a page break or a stray fragment broke the sentence.

A hard-wrapped text fills its lines to a column width; a line that reaches it and stops mid-sentence
was cut by the typesetter, so the next line goes on with it, across a page break too.
"""

from __future__ import annotations

from policykit import pattern_cache
from policykit.gongwen import DOC_NUMBER, is_part_line
from policykit.normalise.continuation import ends_sentence, ends_sentence_strictly
from policykit.normalise.joins import TITLE_END
from policykit.normalise.lines import _Line, _lines  # noqa: F401 (_lines: the doctests build their cases with it)
from policykit.zh.chars import CLOSING_PUNCT, INDENT, is_cjk


def _wrap_widths(lines: list[_Line]) -> dict[int, int]:
    """Find hard-wrapped runs (lines filled to a column width) and return each member's column width.

    A run is a stretch of non-blank lines; it counts as hard-wrapped when most of its lines reach
    nearly the same width and do not end a sentence, as in the seed's newspaper columns. A page of
    short lines may not show that on its own, so where the document as a whole is set in one column,
    every line gets that width (only a line that fills it is joined to the next).
    """
    widths: dict[int, int] = {}
    start = 0
    while start < len(lines):
        if lines[start].blank:
            start += 1
            continue
        end = start
        while end < len(lines) and not lines[end].blank:
            end += 1
        width = _column_width(lines[start:end])
        if width is not None:
            widths.update(dict.fromkeys(range(start, end), width))
        start = end
    text_lines = [k for k, line in enumerate(lines) if not line.blank]
    whole = _column_width([lines[k] for k in text_lines], evidence=10)
    if whole is not None:
        for k in text_lines:
            widths.setdefault(k, whole)
    return widths


def _column_width(run: list[_Line], evidence: int = 2) -> int | None:
    """The column width the lines are typeset to, or None when they are not cut by a column.

    `evidence` is how many prose lines must stop mid-sentence at that width: a few in one
    paragraph's run, more for a whole document, where a short 公文 of one-line parts could
    otherwise pass for a column.
    """
    run = [x for x in run if not x.bare]  # 第二条 or （一） alone: no line of the column
    if len(run) < 3:
        return None
    full = [x.columns for x in run]
    width = sorted(full)[int(len(full) * 0.8) - 1 if len(full) >= 5 else -1]
    body = run[:-1]
    slack = _slack(width)
    at_width = [x for x, w in zip(body, full, strict=False) if w >= width - slack]
    overlong = sum(1 for w in full if w > width + slack)
    prose = [x for x in at_width if not x.heading]
    open_ended = sum(1 for x in prose if not ends_sentence(x.text))
    # Short paragraphs (a regulation's clauses, list items) leave many lines short of the column,
    # so half the lines at one width is already a typeset column; prose lines cut by the column
    # mostly stop mid-sentence, which a file of one paragraph per line does not show (headings
    # never end on a mark, so they are no evidence either way); and a column is an upper bound:
    # lines of free length run past it.
    if (
        width >= 20
        and len(at_width) >= max(2, 0.5 * len(body))
        and open_ended >= max(evidence, 0.6 * len(prose))
        and overlong <= 0.1 * len(run)
    ):
        return width
    return None


def _slack(width: int) -> float:
    """How far short of the column a wrapped line may stop: half-width digits and quotes vary it."""
    return max(5, 0.1 * width)


def _fills_column(lines: list[_Line], i: int, widths: dict[int, int]) -> bool:
    width = widths.get(i)
    if width is None:
        return False
    return lines[i].columns >= width - _slack(width)


def unwrap_hard_breaks(lines: list[_Line], i: int, widths: dict[int, int]) -> bool:
    """Join line i to i-1 when i-1 filled its column: the break was the typesetter's, not the author's.

    Seed: `创新是引领发展的第一动力，抓` / `创新就是抓发展` is one sentence broken at the column edge;
    an indented line after a full stop starts a new paragraph. A heading is cut by the column like any
    line (`（五）对标全面建成小康社会任务，扎实推进脱贫攻坚和乡` / `村振兴`), and a line that only
    looks like a heading (`落实“五统` / `一、一开放”基本要求`) continues a line cut mid-sentence.

    >>> lines = _lines("　　创新是引领发展的第一动力，抓", "创新就是抓发展，谋创新就是谋未",
    ...                "来。实施创新驱动发展战略，被摆在", "十大攻坚任务的首位，创新之于新区",
    ...                "的重要性不言而喻。", "　　《行动计划》指出，新区将围绕提")
    >>> widths = _wrap_widths(lines)
    >>> unwrap_hard_breaks(lines, 1, widths), unwrap_hard_breaks(lines, 5, widths)
    (True, False)
    """
    prev, cur = lines[i - 1], lines[i]
    return (
        not prev.blank
        and not cur.blank
        and not cur.indented
        and (not cur.heading or not ends_sentence(prev.text))
        and _fills_column(lines, i - 1, widths)
        # a title's date note or its 发文字号 below it (关于…的函 / 某办函〔2099〕7号) starts anew
        and not (
            TITLE_END.search(prev.text) and (_TITLE_NOTE.match(cur.text) or DOC_NUMBER.fullmatch(cur.text))
        )
    )


_TITLE_NOTE = pattern_cache.compile(r"^[（(][^（）()]{0,20}\d{1,2}月\d{1,2}日[^（）()]{0,40}[）)]$")
"""A title's date in brackets on the line below it: （2023年1月2日）, （2019年3月5日在第十三届…）."""


def join_page_split_words(
    lines: list[_Line],
    i: int,
    widths: dict[int, int],
    indents: bool = False,
    numbered: bool = False,
    page_width: int = 0,
) -> int | None:
    """Return the index of the line that continues line i across blank lines, or None.

    Seed: `产业规模突` / (page break) / `破4400亿元` — a full column line that ends mid-sentence,
    then a non-indented line after the gap. gov-work-report-2021: `人` / zero-width line / `民`.

    >>> lines = _lines("能化、绿色化方向，打造智能家电、高", "端化工新材料2个千亿级产业集群，船",
    ...                "舶海工、汽车、高端装备制造3个五百", "亿级产业集群，到2025年产业规模突",
    ...                "", "破4400亿元，巩固优势产业领先地位；")
    >>> join_page_split_words(lines, 3, _wrap_widths(lines))
    5
    >>> join_page_split_words(_lines("人", "\u200b", "民"), 0, {})
    2
    >>> join_page_split_words(_lines("的重要性不言而喻。", "", "《行动计划》指出"), 0, {}) is None
    True

    gov-work-report-2021 retyped: `　　经济增速是综合性指标，今年预期目标设定` / zero-width line /
    `　　为6%以上，…`, the second half indented as a paragraph of its own, still goes on the sentence.

    >>> join_page_split_words(_lines("　　经济增速是综合性指标，今年预期目标设定", "", "\u200b", "", "　　为6%以上，考虑了…"), 0, {})
    4

    A closing quote ends no sentence (`形成辐射全国的“星地一体化”` / page / `北斗高精度服务能力`).
    Where the document indents its paragraphs (`indents`), a page broken after a full stop is
    continued by a line that is not indented: a new paragraph would be. So too where the text is too
    short to show its column (a two-page 批复): a line as wide as the widest (`page_width`), cut
    mid-sentence at a page number, goes on in the next page's first line when that is not indented.

    >>> short = _lines("　　二、你委要严格按照海关特殊监管区域管理要求，加快基础", "", "— 1 —", "", "设施建设。")
    >>> join_page_split_words(short, 0, {}, indents=True, page_width=short[0].columns)
    4
    """
    cur = lines[i]
    if cur.blank:
        return None
    j = i + 1
    while j < len(lines) and lines[j].blank:
        j += 1
    if j == i + 1 or j >= len(lines):
        return None
    nxt = lines[j]
    gap = lines[i + 1 : j]
    if nxt.heading or (nxt.indented and not _zero_width_break(lines, i, gap)):
        return None
    page_break = any(g.furniture for g in gap)
    if ends_sentence_strictly(cur.text) and not (page_break and indents and _fills_column(lines, i, widths)):
        return None
    heading = numbered or cur.heading  # numbered: the text of a number alone above it
    if all(g.zero_width_only for g in gap) or _zero_width_break(lines, i, gap):
        return None if heading else j
    if not _fills_column(lines, i, widths):
        if page_break and indents and cur.columns >= page_width - _slack(page_width) and "\t" not in nxt.text:
            return j  # no column to go by, but the page cut the document's widest line mid-sentence
        return None
    if page_break:
        return j  # a full line, the page's number, then more text: the page broke mid-sentence
    # A blank line may end a paragraph too; a heading that fills the column is taken to end there, and
    # so does a title set in a column of its own (…行动方案的通知 / blank / 沪科〔2025〕5号).
    return j if len(gap) <= 2 and not heading and not _ends_title(cur.text, nxt.text) else None


def _zero_width_break(lines: list[_Line], i: int, gap: list[_Line]) -> bool:
    """Tell whether a line of zero-width characters alone in the gap below prose line i broke its sentence.

    It marks where a scrape broke a sentence in two, however the copy laid the halves out after (an
    indent, blank lines around it). The line above stands for the paragraph where a column left
    line i a word or two (目标设 / 定).
    """
    cur = lines[i]
    return (
        any(g.zero_width_only for g in gap)
        and not any(g.furniture for g in gap)
        and ("，" in cur.text or (i > 0 and not lines[i - 1].blank and "，" in lines[i - 1].text))
    )


def _ends_title(text: str, following: str) -> bool:
    """Tell whether a line ends a title (its last word names the document's type) or the next is a 公文 part."""
    return bool(TITLE_END.search(text)) or is_part_line(following)


_FRAGMENT = pattern_cache.compile(r"[0-9.]{1,4}")
"""A subscript or number cut onto a line of its own (2.5 of PM2.5), matched whole."""


def join_split_fragments(lines: list[_Line], i: int) -> bool:
    """Join line i to i-1 when it is a stray fragment of the previous line.

    gov-work-report-2019: `PM` / `2.5` / `）浓度继续下降` (a subscript and a closing bracket on
    lines of their own); gov-work-report-2021: `政府工作报` / `告` (a title's last character).

    >>> lines = _lines("污染防治得到加强，细颗粒物（PM", "2.5", "）浓度继续下降，生态文明建设成效显著。")
    >>> join_split_fragments(lines, 1), join_split_fragments(lines, 2)
    (True, True)
    >>> join_split_fragments(_lines("政府工作报", "告"), 1)
    True
    >>> join_split_fragments(_lines("的重要性不言而喻。", "力"), 1)
    False
    """
    prev, cur = lines[i - 1], lines[i]
    if prev.blank or cur.blank or cur.indented or ends_sentence(prev.text):
        return False
    if cur.text[0] in CLOSING_PUNCT and not prev.heading:
        return True
    if cur.heading or prev.heading:
        return False
    if _FRAGMENT.fullmatch(cur.text):
        return prev.text[-1].isascii() and prev.text[-1].isalpha()
    return len(cur.text) == 1 and is_cjk(cur.text) and len(prev.text) <= 30


def _after_fragment(lines: list[_Line], i: int) -> bool:
    """A subscript fragment (`M` / `2` / `和社会融资`) also glues the line after it back on."""
    if i < 2:
        return False
    prev, cur = lines[i - 1], lines[i]
    return (
        not cur.blank
        and not cur.indented
        and bool(_FRAGMENT.fullmatch(prev.text))
        and not cur.heading
        and join_split_fragments(lines, i - 1)
    )


_LINKED = 12
"""The most characters of linked words a source sets on a line of their own (乡村公路, 第四代移动通信)."""
_PROSE_MARKS = "，、。；"
"""Marks of running prose inside a line: a heading, a table's cell or a 落款 line holds none of them."""
_CLOSING_MARKS = "”’」』）)"
_OPENING_MARKS = "“‘「『（(《"


def join_linked_words(lines: list[_Line], i: int) -> bool:
    """Join line i to i-1 where either is a few linked words a source set on a line of their own.

    A web page that links words inside a sentence may copy out with each link on a line of its own:
    `过去一年，全省新建改建` / `乡村公路` / `1.2万公里、普通国道300公里。`. The words hold no prose mark,
    and the lines round them are prose that goes on over them: the one above stops mid-sentence.

    >>> lines = _lines("过去一年，全省新建改建", "乡村公路", "1.2万公里、普通国道300公里。")
    >>> join_linked_words(lines, 1), join_linked_words(lines, 2)
    (True, True)
    >>> lines = _lines("全面完成年度任务。", "保障措施", "各部门要加强协调，形成合力。")
    >>> join_linked_words(lines, 1), join_linked_words(lines, 2)
    (False, False)
    """
    return _linked_words(lines, i) or _linked_words(lines, i - 1)


def _linked_words(lines: list[_Line], k: int) -> bool:
    """Tell whether line k is linked words alone between two prose lines of one sentence."""
    if k < 1 or k + 1 >= len(lines):
        return False
    before, words, after = lines[k - 1], lines[k], lines[k + 1]
    return (
        _words_alone(words)
        and not (before.blank or after.blank)
        and not (words.indented or after.indented)
        and not (before.heading or after.heading)
        and not ends_sentence(words.text)  # 各位代表： alone opens the speech
        and not ends_sentence_strictly(before.text)
        and any(mark in before.text for mark in _PROSE_MARKS)
        and any(mark in after.text for mark in _PROSE_MARKS)
        and before.text[-1] not in _CLOSING_MARKS  # …（牵头单位：市发改委） ends its paragraph
        and not is_part_line(words.text)
        and "\t" not in before.text + words.text + after.text
        and (before.text[-1] in _OPENING_MARKS or not _in_cell_column(lines, k - 1))  # “ / 十三五 / ”…
    )


def _words_alone(line: _Line) -> bool:
    """Tell whether a line is a few words with no prose mark, as a link, a table's cell or a label is."""
    return (
        0 < len(line.text) <= _LINKED and not line.heading and not any(m in line.text for m in _PROSE_MARKS)
    )


def _in_cell_column(lines: list[_Line], k: int) -> bool:
    """Tell whether prose line k is a cell of a table set one cell per line (重点任务 / 责任单位 / 推进…，… / 市住建局).

    Going back over the run of prose lines and short ones that alternate with line k, a table's first row
    follows its header's cells, where linked words' sentence follows a blank, a heading or a finished sentence.
    """
    while k >= 2 and _words_alone(lines[k - 1]) and not lines[k - 2].blank and not lines[k - 2].heading:
        if _words_alone(lines[k - 2]) or ends_sentence_strictly(lines[k - 2].text):
            return _words_alone(lines[k - 2])
        k -= 2
    return False


def table_cells(lines: list[_Line]) -> dict[int, int]:
    """The cell count of the table each tab-separated line stands in: the most cells any of its rows has.

    A table is a run of tab rows with at most one line between two of them (a cell's tail the typesetter
    carried over); a row the column cut has fewer cells than its table, or its last cell goes on below.
    """
    cells: dict[int, int] = {}
    group: list[int] = []
    for k in [*(k for k, line in enumerate(lines) if "\t" in line.text), None]:
        if group and (k is None or k - group[-1] > 2):
            cells.update(dict.fromkeys(group, max(lines[j].text.count("\t") for j in group) + 1))
            group = []
        if k is not None:
            group.append(k)
    return cells


def join_wrapped_row(
    lines: list[_Line], i: int, row: str, cells: int, widths: dict[int, int], page_width: int, indents: bool
) -> str | None:
    """Return what goes between a table row the column cut and line i carrying on its cell ("" or a tab), or None.

    A typesetter wraps a tab-separated row like any line: `序号→…→责任单` / `位` (the last cell goes on),
    `2→…→市司法局` / `2025年12月` (cut at a tab, which the line's end lost). The row filled its line, and
    its cells and the next line's make up the table's count; the first reading of a full row (its last cell
    goes on) needs a text that indents its paragraphs, so a line at the margin is no new paragraph.

    >>> lines = _lines("　　序号\\t项目名称\\t总投资（亿元）\\t责任单", "位", "　　1\\t青山港三期工程\\t120\\t市交通委")
    >>> join_wrapped_row(lines, 1, lines[0].text, 4, {}, 40, True), join_wrapped_row(lines, 2, lines[0].text, 4, {}, 40, True)
    ('', None)
    >>> lines = _lines("　　2\\t开展涉企行政检查专项整治\\t市司法局", "2025年12月")
    >>> join_wrapped_row(lines, 1, lines[0].text, 4, {}, 40, False)
    '\\t'
    """
    prev, cur = lines[i - 1], lines[i]
    width = widths.get(i - 1) or page_width
    if cur.blank or cur.heading or not width or prev.columns < width - _slack(width):
        return None
    have, more = row.count("\t") + 1, cur.text.count("\t") + 1
    if (
        have + more - 1 == cells
        and not cur.indented
        and (have < cells or (indents and not ends_sentence(cur.text)))
    ):
        return ""  # the last cell goes on below
    if have + more == cells and (more > 1 or not cur.indented):
        return "\t"  # the column cut the row at a tab
    return None


_LEADER = "….·．‥⋯_"
"""The marks of a 目录 entry's dot leader (not dashes: ——2026 opens a dash item)."""


def join_leader_tail(lines: list[_Line], i: int) -> bool:
    """Join a 目录 entry's dot leader and page number, cut onto a line of their own, to the entry above.

    `第一章　总则………………` / `……………1`: a column cut the entry before its page number; nothing but
    a leader's tail is dots and a number alone.

    >>> lines = _lines("第一章　总则………………………………", "……………1", "第一章　总则……………1", "…………2")
    >>> join_leader_tail(lines, 1), join_leader_tail(lines, 3)
    (True, True)
    >>> join_leader_tail(_lines("", "……3"), 1), join_leader_tail(_lines("第一章", "——2026"), 1)
    (False, False)
    """
    prev, text = lines[i - 1], lines[i].text
    return not prev.blank and text[0] in _LEADER and text.lstrip(_LEADER + INDENT).isdigit()
