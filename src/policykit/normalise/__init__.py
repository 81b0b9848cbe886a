"""Normalise: raw source lines → logical paragraphs, undoing the damage of PDF extraction and scraping.

Each fixer is small and named for the one defect it repairs. Character fixers map `str -> str`;
line fixers decide whether two neighbouring lines belong to one paragraph. Every paragraph keeps
the source line (and page) of each piece joined into it, so evidence can point back to the source.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from policykit import pattern_cache
from policykit.gongwen import DOC_NUMBER, is_page_number, is_part_line
from policykit.model import Paragraph, Source, SourceLine
from policykit.normalise.continuation import (
    blank_separated,
    ends_sentence,
    ends_sentence_strictly,
    heading_tail,
    holds_prose,
    join_unindented_continuation,
)
from policykit.normalise.markdown import may_hold_markdown, strip_markdown
from policykit.zh.chars import (
    CLOSING_PUNCT,
    INDENT,
    display_width,
    display_widths,
    fix_characters,
    halfwidth_alnum,
    is_cjk,
    unify_radicals,
)
from policykit.zh.chars import strip_invisible as remove_zero_width
from policykit.zh.numbering import BANNER, alternatives, is_heading_line, is_toc_line, match_numbering

__all__ = [
    "display_width",
    "document_text",
    "halfwidth_alnum",
    "normalise",
    "remove_zero_width",
    "unify_radicals",
]

_DATE_LINE = pattern_cache.compile(r"^\d{4}年\d{1,2}月(\d{1,2}日)?$")
DATELINE = pattern_cache.compile(r"\d{1,2}月\d{1,2}日电$")
"""A news agency's dateline (新华社北京2月13日电): a line of its own above the title, never half of it."""
TITLE_END = pattern_cache.compile(rf"({alternatives('document_types')})(（[^（）]{{0,20}}）)?$")
"""A title's last word names the document's type: …行动方案, …的通知, …条例（试行）."""


@dataclass(slots=True)  # not frozen: built once per line of a large file, and never changed
class _Line:
    """A source line after character fixes, with the layout facts the line fixers need."""

    text: str
    line: int
    page: int | None
    indented: bool
    zero_width_only: bool
    furniture: str | None = None  # page_number (— 3 —) or running_head: a gap to the line fixers
    columns: int = 0  # display width, indent included: the wrap fixers compare it two or three times
    blank: bool = field(init=False)
    """No text, or page furniture: the line fixers ask it of a line many times, so it is stored.
    Whatever sets `furniture` later sets it too (the running heads in _prepare)."""
    heading: bool = field(init=False)
    """is_heading_line(text), which the line fixers ask of a line two to four times."""
    bare: bool = field(init=False)
    """_is_bare_number(text), which the wrap fixers ask of each line twice: once for its run, once for the file."""

    def __post_init__(self) -> None:
        self.blank = not self.text or self.furniture is not None
        self.heading = heading = is_heading_line(self.text)
        self.bare = heading and _is_bare_number(self.text)


def _prepare(source: Source) -> list[_Line]:
    fixed_lines = [fixed.rstrip() for fixed in fix_characters([raw.text for raw in source.lines])]
    widths: list[int] | None = None
    if may_hold_markdown("\n".join(fixed_lines)):
        # a column cut the lines with their marks in: their widths are measured as typeset
        widths = display_widths([fixed.lstrip(INDENT) for fixed in fixed_lines])
        fixed_lines = strip_markdown(fixed_lines)
    contents = [fixed.lstrip(INDENT) for fixed in fixed_lines]
    leads = [
        _lead_width(fixed[: len(fixed) - len(content)]) if len(content) < len(fixed) else 0
        for fixed, content in zip(fixed_lines, contents, strict=True)
    ]
    margin = _margin([lead for lead, content in zip(leads, contents, strict=True) if content])
    if widths is None:
        widths = display_widths(contents)
    lines = []
    for k, (raw, content, lead) in enumerate(zip(source.lines, contents, leads, strict=True)):
        indented = lead > margin
        # Positional (text, line, page, indented, zero_width_only, furniture, columns): keywords cost
        # more than the rest of the line's construction.
        lines.append(
            _Line(
                content,
                raw.line,
                raw.page,
                indented,
                not content and bool(raw.text.strip()),
                "page_number" if content and is_page_number(content) else None,
                widths[k] + (4 if indented else 0),
            )
        )
    breaks = [k for k, line in enumerate(lines) if line.furniture or "\f" in source.lines[k].text]
    for k in _running_heads(lines, breaks):
        lines[k].furniture = "running_head"
        lines[k].blank = True
    return lines


def _running_heads(lines: list[_Line], breaks: list[int]) -> list[int]:
    """The lines of a running header or footer: one short text on two or more pages, at the page breaks.

    A PDF-to-text tool repeats the page head (国务院公报, the document's short title) at every break;
    a line counts only where nearly all its copies (80%, or both of two) stand in the same place at a
    page break, first below it or last above it, on nearly half the pages at least, so a phrase the
    text itself repeats is never taken.
    A head that repeats the document's title is taken at a single break too (a two-page document):
    its other copy is the title itself, among the first lines, which stays text. So is a gazette's name
    (上海市人民政府公报) seen once at a break, outside the first lines.
    """
    if not breaks:
        return []
    before: set[int] = set()  # the last text line above each break (a footer's place)
    after: set[int] = set()  # the first text line below it (a header's), past blank lines
    for b in breaks:
        if not lines[b].blank:
            after.add(b)  # pdftotext puts the form feed before the next page's first line
        for step, side in ((-1, before), (1, after)):
            k = b + step
            while 0 <= k < len(lines) and lines[k].blank:
                k += step
            side.add(k)
    places: dict[str, list[int]] = {}
    for k, line in enumerate(lines):
        if line.text and line.furniture is None and len(line.text) <= 40:
            places.setdefault(line.text, []).append(k)
    # A head stands on most pages (on every other one where odd and even pages differ); two copies at
    # two of twenty breaks are a coincidence of short pages, such as a table cell repeated in the text.
    pages = 0.4 * len(after)
    top = [k for k in range(min(breaks)) if not lines[k].blank and k not in after][:_TITLE_LINES]
    # The title as the first lines give it, whole or broken over two or three of them.
    titles = {"".join(lines[k].text for k in top[a:b]) for a in range(len(top)) for b in range(a + 1, a + 4)}
    heads = []
    for text, found in places.items():
        if is_heading_line(text):
            continue
        if (
            len(found) >= 2
            and len(breaks) >= 2
            and any(
                sum(k in side for k in found) >= max(2, 0.8 * len(found), pages) for side in (before, after)
            )
        ):
            heads.extend(found)
            continue
        rest = [k for k in found if k not in top]
        if (
            len(found) == 1
            and rest
            and _MASTHEAD.search(text)
            and any(found[0] in side for side in (before, after))
        ):
            heads.extend(found)  # 上海市人民政府公报 at the one break of a two-page document
            continue
        if (
            rest
            and text in titles
            and not ends_sentence(text)
            and any(all(k in side for k in rest) for side in (before, after))
        ):
            heads.extend(rest)  # the title, then its copy at each page's head
    return heads


_TITLE_LINES = 5

_MASTHEAD = pattern_cache.compile(f"^[^，。；：:,;]{{2,16}}(?:{alternatives('mastheads')})$")
"""A gazette's or paper's name, alone on its line (上海市人民政府公报): nothing else ends so."""
"""The first text lines, where a title stands (after a 发文字号 or a dateline): a head may repeat it."""


def _lead_width(lead: str) -> int:
    """Columns of leading whitespace: an ideographic space is two, a tab four, any other space one."""
    return sum(2 if char == "\u3000" else 4 if char == "\t" else 1 for char in lead)


def _margin(leads: list[int]) -> int:
    """The left margin every text line shares (pdftotext -layout sets one): indentation counts past it.

    Taken as the width nearly all text lines (95%) reach, so one stray line at the edge (a page
    number) does not undo it; a file whose lines start at the edge has none.
    """
    ordered = sorted(leads)
    return ordered[len(ordered) // 20] if ordered else 0


def _lines(*texts: str) -> list[_Line]:
    """Prepare plain strings as source lines numbered from 1: how the line fixers' doctests build real cases."""
    numbered = tuple(SourceLine(text, number) for number, text in enumerate(texts, 1))
    return _prepare(Source(path="-", name="-", lines=numbered, encoding="utf-8"))


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
        or TITLE_END.search(text)
        or cur.heading
        or is_part_line(text)
    ):
        return None
    for j in (i + 1, i + 2):
        if j >= len(lines):
            return None
        nxt = lines[j]
        if nxt.blank:
            if j == i + 1:
                continue
            return None
        if len(nxt.text) <= 40 and TITLE_END.search(nxt.text) and not nxt.heading:
            return j
        return None
    return None


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
_CUT_SENTENCES = 20
"""The shortest line a cut paragraph is seen in when a sentence ends inside it: a heading's run-in text
(（一）完善低空基础设施。统筹布局…基础设施 / (blank) / 建设，…) is prose, however short the line."""
_CLOSING_FORMULA = pattern_cache.compile(rf"^(?:{alternatives('closing_formulas')})[。！!.]?$")
"""特此通知。 alone on its line: a paragraph of its own, never the tail of the line above."""
"""The shortest line a paragraph cut mid-word is seen in: a heading or a title line is shorter."""
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


def _is_bare_number(text: str) -> bool:
    """Tell whether a line is a clause number and nothing else (一、, （一）, 第二条, 第一章).

    >>> _is_bare_number("（一）"), _is_bare_number("第二条"), _is_bare_number("一、总体要求"), _is_bare_number("12")
    (True, True, False, False)
    """
    if not text or len(text) > 12 or not is_heading_line(text):
        return False
    numbering = match_numbering(text)
    return numbering is not None and not numbering.rest


def _separator(number: str) -> str:
    """What goes between a bare number and its text once joined: 第二条 needs a space, 一、 has its mark."""
    return "\u3000" if number and number[-1] not in "、.．)）" else ""


_DOC_NUMBER = pattern_cache.compile(r"〔\d{4}〕\d{1,4}号")
"""A 发文字号 (穗府办规〔2024〕13号) stands on its own line above the title, never joined to the next."""


def _table_row(line: _Line) -> bool:
    """A line of tab-separated cells is a table row (the Word, HTML and .doc readers write them so): never joined."""
    return "\t" in line.text


def normalise(source: Source) -> tuple[Paragraph, ...]:
    """Turn a source's lines into paragraphs: fix characters, then rejoin what layout split."""
    lines = _prepare(source)
    widths = _wrap_widths(lines)
    indents = sum(line.indented for line in lines) >= 0.05 * max(1, sum(not line.blank for line in lines))
    page_width = max((line.columns for line in lines if not line.blank and "\t" not in line.text), default=0)
    # The PDF reader sees the layout (indents, gaps, column edges) and marks every paragraph
    # start with a blank line, so its runs are paragraphs; guessing wraps again would only lose.
    marked = source.encoding == "pdf"
    spaced = not marked and blank_separated(lines)
    # Lines never joined to a neighbour, each asked of every line once: table rows (tab-separated
    # cells) and 目录 lines (总体要求……3), however alike in width their neighbours are.
    alone = ["\t" in line.text or is_toc_line(line.text) for line in lines]
    paragraphs: list[Paragraph] = []
    pieces: list[tuple[int, int, int | None]] = []
    parts: list[str] = []  # the paragraph's text so far, joined once when it is complete
    length = 0
    held: list[_Line] = []  # page furniture, held until the paragraph it interrupts is complete

    def flush() -> None:
        nonlocal pieces, length
        text = "".join(parts)
        if text:
            paragraphs.append(Paragraph(text=text, pieces=tuple(pieces)))
        parts.clear()
        pieces, length = [], 0
        if held:
            paragraphs.extend(Paragraph(n.text, ((0, n.line, n.page),), n.furniture) for n in held)
            held.clear()

    indented_start = False  # the open paragraph began indented: a margin line may continue it
    after_gap = True  # the open paragraph began after a blank line (or the text's start)
    starts_heading = False  # the open paragraph began with a heading
    i = 0
    pending_join: int | None = None
    bare_number = False  # the pending join follows a number alone on its line
    while i < len(lines):
        line = lines[i]
        starts_paragraph = False
        numbered = i == pending_join and bare_number
        if i == pending_join:
            if bare_number:
                separator = _separator("".join(parts))
                parts.append(separator)
                length += len(separator)
        elif line.blank:
            if line.furniture:
                held.append(line)
            i += 1
            continue
        elif (
            i > 0
            and not alone[i]
            and not alone[i - 1]
            and (
                (marked and not lines[i - 1].blank)
                or unwrap_hard_breaks(lines, i, widths)
                or join_split_fragments(lines, i)
                or _after_fragment(lines, i)
                or (
                    # In a blank-separated text, a line standing after a gap that holds no prose is a
                    # title set close above the first paragraph (通知 / 新华社北京…电), not a cut sentence.
                    (
                        indented_start
                        or (spaced and not starts_heading and (holds_prose(parts) or not after_gap))
                    )
                    and not lines[i - 1].blank  # most lines follow a gap: ruled out before the call
                    and join_unindented_continuation(lines, i)
                    and (holds_prose([*parts, line.text]) or heading_tail(lines, i, starts_heading))
                )
            )
        ):
            pass
        else:
            flush()
            starts_paragraph = True
            indented_start = line.indented and indents and not marked
            after_gap = i == 0 or lines[i - 1].blank
            # A heading (a number, 专栏, 附件; no banner >>…<<, whose subtitle follows): in an indented
            # text a column may cut it; in a text of blank-separated paragraphs, a line right after it
            # is its body, set close (heading_split_from_body).
            starts_heading = line.heading and not BANNER.match(line.text)
        pieces.append((length, line.line, line.page))
        parts.append(line.text)
        length += len(line.text)
        bare_number = False
        if alone[i] or _DOC_NUMBER.search(line.text):
            pending_join = None
        elif starts_paragraph and (number_text := join_bare_number(lines, i)) is not None:
            pending_join, bare_number = number_text, True
        else:
            # Only a line that starts a paragraph can be the first line of a broken title; the tail
            # of a wrapped heading (实施机制) is not one, though the next line may end in 规划.
            pending_join = (
                (None if marked else join_page_split_words(lines, i, widths, indents, numbered, page_width))
                or (join_split_title(lines, i) if starts_paragraph else None)
                # Each rarer join asks one cheap question of the line before any call is made.
                or (join_open_bracket(lines, i) if "（" in line.text else None)
                or (join_split_byline(lines, i) if line.text.startswith("——") else None)
                or (
                    join_cut_paragraph(lines, i)
                    if not marked
                    and (
                        len(line.text) >= _CUT_LINE
                        or (len(line.text) >= _CUT_SENTENCES and _may_be_cut(lines, i))
                    )
                    else None
                )
            )
        if pending_join is not None:
            held.extend(gap for gap in lines[i + 1 : pending_join] if gap.furniture)
        i = pending_join if pending_join is not None else i + 1
    flush()
    return tuple(paragraphs)


def document_text(paragraphs: tuple[Paragraph, ...]) -> str:
    """The normalised document: one paragraph per line."""
    return "".join(p.text + "\n" for p in paragraphs)
