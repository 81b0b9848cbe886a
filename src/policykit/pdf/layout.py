"""Layout: a page's characters → rows and fragments → (text, page) lines in reading order.

Characters become rows and gap-free fragments (spaces come from geometry and script); the pages'
fragments are then ordered by column, running headers, footers and page numbers are dropped, and
paragraph starts are marked (a blank line before, "　　" for a first-line indent) so the normaliser
can rejoin wrapped lines, including paragraphs split across columns and pages.
"""

from __future__ import annotations

import itertools
import statistics
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from policykit import pattern_cache
from policykit.errors import logger
from policykit.formats.chrome import chrome_line
from policykit.model import SourceLine
from policykit.pdf.columns import document_gutters
from policykit.pdf.furniture import footnote_lines, median_leading, running_lines
from policykit.pdf.ocr import undo_confusions
from policykit.pdf.tables import (
    CELL_GAP_EMS,
    join_unruled_cells,
    join_wrapped_cells,
    table_rows,
    wall_between,
)
from policykit.zh.chars import is_cjk
from policykit.zh.numbering import is_heading_line

INDENT = "\u3000\u3000"
log = logger("policykit.pdf")

_CLOSING_MARKS = frozenset("，。、；：！？）》」』】〕”’")
_OPENING_MARKS = frozenset("（《「『【〔“‘")
# The marks only Chinese uses: the curly quotes serve Latin text too.
_FULL_WIDTH_CLOSING = _CLOSING_MARKS - frozenset("”’")
_FULL_WIDTH_OPENING = _OPENING_MARKS - frozenset("“‘")
# On an OCR layer a mark may be its half-width twin: the engine read "，" as "," (data/ocr.yaml).
_OCR_CLOSING = _CLOSING_MARKS | frozenset(",;:!?)")
_OCR_OPENING = _OPENING_MARKS | frozenset("(")
_LEADING_LATIN = pattern_cache.compile(r"[\x21-\x7e]+")
_SENTENCE_END = set("。！？；：!?;:")
# White after every glyph of a row, in ems, from which the row is letter-spaced (justified).
_TRACKED_EMS = 0.4


@dataclass(frozen=True)
class Fragment:
    """A run of characters on one row with no wide gap inside: a line, or one column's part of a row."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    row: int


@dataclass(frozen=True)
class PageText:
    """What a worker extracts from one page: its fragments and how many glyphs had no Unicode."""

    number: int
    width: float
    height: float
    fragments: tuple[Fragment, ...]
    glyphs: int
    undecodable: int
    images: int = 0  # image objects on a page without text: a scan that needs OCR
    ocr: bool = False  # the text is an OCR layer's (drawn invisibly over a scan)
    rules: tuple[tuple[float, float, float], ...] = ()  # (x0, x1, y from the top) of horizontal rules
    walls: tuple[tuple[float, float, float], ...] = ()  # (x, top, bottom) of vertical rules


@dataclass(frozen=True)
class Line:
    """A fragment placed in reading order, with the column it sits in."""

    text: str
    page: int
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    column: int  # -1: spans the columns
    block: int
    cells: tuple[tuple[float, float, str], ...] = ()  # (x0, x1, text) of parts wide white sets apart


def fragments_of(
    chars: Sequence[tuple[float, float, float, float, float, str]], ocr: bool = False
) -> list[Fragment]:
    """Group (x0, x1, top, bottom, size, text) glyphs into rows, and rows into gap-free fragments.

    `ocr` says the glyphs are an OCR layer's: boxes of ink, not of ems, and no space glyph that
    means anything (see `_join_chars`).
    """
    if not chars:
        return []
    ordered = sorted(chars, key=lambda c: (c[3], c[0]))
    rows: list[list[tuple]] = []
    reference = -1e9
    for char in ordered:
        if char[3] - reference > 0.5 * (char[4] if char[4] > 1.0 else 1.0):
            rows.append([])
            reference = char[3]
        rows[-1].append(char)
    fragments = []
    for row_index, row in enumerate(rows):
        row.sort(key=_left)
        pieces: list[list[tuple]] = [[row[0]]]
        current = pieces[0]
        previous = row[0]
        for char in itertools.islice(row, 1, None):
            if char[0] - current[-1][1] <= 0.25 * char[4]:  # touching glyphs: the common case
                if previous[5] == char[5] and abs(char[0] - previous[0]) < 0.1 * char[4]:
                    continue  # the same glyph drawn twice (fake bold)
                current.append(char)
            elif _apart(current[-1], char, ocr) and not char[5].isspace():
                current = [char]
                pieces.append(current)
            else:
                current.append(char)
            previous = char
        for piece in pieces:
            text = _join_chars(piece, ocr)
            if ocr:  # a page number read "— l4 —" is still one; the paragraphs are put right again later
                text = undo_confusions(text)
            if not text.strip():
                continue
            visible = [c for c in piece if not c[5].isspace()]
            size = visible[0][4]
            if any(c[4] != size for c in visible):
                size = statistics.median(c[4] for c in visible)
            fragments.append(
                Fragment(
                    text=text,
                    x0=_ink_left(visible[0]),
                    x1=max(_ink_right(c) for c in visible),
                    top=min(c[2] for c in visible),
                    bottom=max(c[3] for c in visible),
                    size=size,
                    row=row_index,
                )
            )
    return fragments


def _left(char: tuple) -> float:
    """A glyph's left edge, the sort key of a row."""
    return char[0]


def _ink_right(char: tuple) -> float:
    """Where a glyph's ink ends: a full-width closing mark (，。”) inks only its left half.

    Such a mark may hang into the gutter; measured by its box, it would close a narrow gutter.
    """
    return char[0] + 0.5 * char[4] if char[5] in _CLOSING_MARKS else char[1]


def _ink_left(char: tuple) -> float:
    """Where a glyph's ink starts: a full-width opening mark (“（《) inks only its right half."""
    return char[1] - 0.5 * char[4] if char[5] in _OPENING_MARKS else char[0]


def _apart(previous: tuple, char: tuple, ocr: bool = False) -> bool:
    """Tell whether white between two glyphs of a row separates fragments (columns, table cells).

    Counted by ink where some white shows between the boxes: a closing mark hanging into a
    20 pt gutter leaves little box gap but a wide one of ink; "、“" touch, whatever their ink.
    """
    size = max(char[4], 1.0)
    box = char[0] - previous[1]
    if ocr:
        # An OCR engine boxes ink, not ems: "）" inks the left third of its em and its box ends
        # there, so "、“" stand an em apart. A mark is given back the em its ink sits in, one
        # read as its half-width twin ("，" as ",") too, and the white is then judged by boxes.
        closing, opening = previous[5][-1] in _OCR_CLOSING, char[5][0] in _OCR_OPENING
        if closing:
            box -= max(0.0, previous[0] + 0.9 * size - previous[1])
        if opening:
            box -= max(0.0, char[0] - (char[1] - 0.9 * size))
        if closing or opening:
            return box > 0.7 * size
    return box > 0.7 * size or (box > 0.25 * size and _ink_left(char) - _ink_right(previous) > 0.7 * size)


def _join_chars(piece: Sequence[tuple], ocr: bool = False) -> str:
    """Concatenate glyphs, spacing only where the script uses spaces (see `spaced`).

    Between two digits a space stays unless the row is letter-spaced (CNKI sets every glyph of
    "到2005年" a third of an em apart): there white no wider than the row's usual tracking is
    no space, while a list of single digits ("1 2 3") keeps the spaces its wider gaps show.
    An OCR layer has no space glyph to go by (Tesseract puts one after every ideograph it reads
    as a word): beside an ideograph, white `_OCR_SPACE` ems wider than the row's usual white
    between glyphs is the space a typist left ("省长 孟凡利", "第一章  总则").
    """
    tracking = _tracking(piece)
    usual = _usual_white(piece) if ocr else 0.0
    out: list[str] = []
    previous = None  # the last visible glyph
    blank = ""  # the whitespace glyphs since it
    for char in piece:
        text = char[5]
        if text.isspace():
            blank = blank or text
            continue
        if previous is not None:
            gap = char[0] - previous[1]
            size = char[4] if char[4] > 1.0 else 1.0
            # Without a space glyph a gap under a quarter em is never a space: skip the test.
            if (
                (ocr and _typed_space(previous[5][-1], text[0], (gap - usual) / size))
                or (not ocr and tracking is None and _word_gap(previous[5][-1], text[0], gap / size))
            ) or (
                (blank or gap > 0.25 * size)
                and spaced(previous[5][-1], text[0], gap / size, blank)
                # Two marks an OCR engine read as half-width ("）：" as "):") stand their ems apart.
                and not (ocr and not (previous[5][-1].isalnum() or text[0].isalnum()) and gap < size)
                and not (
                    tracking is not None
                    and previous[5][-1] in _NUMBER_GLYPHS
                    and text[0] in _NUMBER_GLYPHS
                    and gap <= tracking + 0.1 * size
                )
            ):
                out.append(blank or " ")
        out.append(text)
        previous, blank = char, ""
    return "".join(out)


# White beside an ideograph in an OCR layer, in ems past the row's usual, from which it is a typed space.
_OCR_SPACE = 0.3
_MARKS = _CLOSING_MARKS | _OPENING_MARKS
# The white, in ems, the ink of two ideographs side by side leaves between them.
_BEARINGS = 0.15


def _usual_white(piece: Sequence[tuple]) -> float:
    """The usual white between a row's glyphs that do not touch (an OCR word's glyphs touch).

    The lower third of the gaps, as spaces may be many in a short row ("省长 刘小涛"); in a row
    of fewer than three gaps, the side bearings an ideograph's ink leaves (`_BEARINGS` ems).
    """
    gaps = sorted(b[0] - a[1] for a, b in itertools.pairwise(piece) if b[0] - a[1] > 0.02 * max(b[4], 1.0))
    if len(gaps) < 3:
        return _BEARINGS * max(piece[0][4], 1.0)
    return gaps[(len(gaps) - 1) // 3]


def _typed_space(left: str, right: str, extra: float) -> bool:
    """Tell whether white `extra` ems wider than usual beside an ideograph (no mark) is a typed space.

    A mark inks part of its em, and OCR reads a full-width one as half-width ("，" as ","): beside
    any punctuation the white is the mark's own.

    >>> _typed_space("长", "孟", 0.4), _typed_space("，", "孟", 0.4), _typed_space(",", "孟", 0.4)
    (True, False, False)
    """
    if extra <= _OCR_SPACE or not (left.isalnum() and right.isalnum()):
        return False
    return is_cjk(left) or is_cjk(right)


# White between two ideographs of a row set solid, in ems, from which it is a word space left undrawn.
_WORD_GAP = 0.3


def _word_gap(left: str, right: str, gap: float) -> bool:
    """Tell whether `gap` ems of bare white between two ideographs of a row set solid is a typed space.

    LibreOffice sets the space of "中共中央 国务院" as an advance of its Latin font (0.32 em, DejaVu) and
    draws no glyph; PDFium's guess there is marked generated. The caller has checked that the row is
    set solid: white spread after every glyph (通　知, justified rows) is layout.

    >>> _word_gap("央", "国", 0.318), _word_gap("长", "5", 0.4), _word_gap("、", "增", 0.5)
    (True, False, False)
    """
    return gap >= _WORD_GAP and is_cjk(left) and is_cjk(right)


# Glyphs of a number that letter-spacing may set apart: "2 0 0 5", "1 2 . 5 %".
_NUMBER_GLYPHS = frozenset("0123456789.%")


def _tracking(piece: Sequence[tuple]) -> float | None:
    """The white a letter-spaced row leaves after every glyph, or None when the row is set solid.

    Measured between glyphs that are not numbers where the row has such pairs (WPS leaves a
    quarter em between Chinese and digits in solid rows), else next to its numbers; never
    between two digits, so that the gaps of a spaced list cannot make their row look letter-spaced.
    """
    visible = [c for c in piece if not c[5].isspace()]
    words: list[float] = []
    beside: list[float] = []
    for a, b in itertools.pairwise(visible):
        left, right = a[5][-1] in _NUMBER_GLYPHS, b[5][:1] in _NUMBER_GLYPHS
        if not (left and right):
            (beside if left or right else words).append((b[0] - a[1]) / max(b[4], 1.0))
    gaps = sorted(words or beside)
    if not gaps:
        return None
    typical = gaps[len(gaps) // 2]
    return typical * max(visible[0][4], 1.0) if typical >= 0.15 else None


def spaced(left: str, right: str, gap: float, blank: str = "") -> bool:
    """Tell whether white of `gap` ems (holding the `blank` space glyph, if any) between two glyphs is a space.

    Latin words keep their spaces, drawn or left as a gap. Next to Chinese only a drawn space
    glyph is one: a bare gap there is layout (WPS leaves a quarter em around digits: "增长 5%").
    Letter-spaced numbers ("2 0 0 5年", CNKI) are rejoined by `_join_chars`, which knows the tracking.

    >>> spaced("增", "5", 0.26), spaced("f", "t", 0.3), spaced("章", "总", 0.5, " ")
    (False, True, True)
    """
    if ord(left) < 0x370 and ord(right) < 0x370:
        return bool(blank) or gap > 0.25
    return bool(blank)


# ---------------------------------------------------------------- layout (runs in the parent)


def _page_lines(page: PageText, gutters: list[tuple[float, float]], first_block: int) -> list[Line]:
    """Order a page's fragments: column blocks between spanning rows, each column top to bottom."""
    columns = len(gutters) + 1

    def column_of(f: Fragment) -> int:
        for index, (g_left, g_right) in enumerate(gutters):
            if f.x0 <= g_left and f.x1 >= g_right:
                return -1
            if (f.x0 + f.x1) / 2 < (g_left + g_right) / 2:
                return index
        return columns - 1

    lines: list[Line] = []
    block = first_block
    pending: dict[int, list[Fragment]] = defaultdict(list)

    def flush() -> None:
        nonlocal block
        if not pending:
            return
        for column in sorted(pending):
            by_row: dict[int, list[Fragment]] = defaultdict(list)
            for f in pending[column]:
                by_row[f.row].append(f)
            for row in sorted(by_row, key=lambda r: min(f.top for f in by_row[r])):
                lines.append(_merge(by_row[row], page.number, column, block, page.ocr, page.walls))
        pending.clear()
        block += 1

    fragments = page.fragments
    if page.width > 0 and page.height > 0:  # text set off the page is no part of it, as no viewer shows it
        fragments = tuple(
            f for f in fragments if f.bottom > 0 and f.top < page.height and f.x1 > 0 and f.x0 < page.width
        )
    for f in sorted(fragments, key=lambda f: (f.top, f.x0)):
        column = column_of(f)
        if column >= 0:
            pending[column].append(f)
            continue
        flush()
        lines.append(_merge([f], page.number, -1, block, page.ocr))
        block += 1
    flush()
    # Fragments of one spanning row that landed apart are kept apart; rows are rarely split that way.
    return lines


def _merge(
    fragments: list[Fragment],
    page: int,
    column: int,
    block: int,
    ocr: bool = False,
    walls: Sequence[tuple[float, float, float]] = (),
) -> Line:
    """One row's fragments in a column as a line: a space between them where white separates them.

    On an OCR layer the row is put right again as a whole: a number the ink split ("— 1" / "I —")
    is one only here, and a page number must read as one before the running lines are found.

    Fragments from `fragments_of` are apart by definition; runs another reader made (OFD's text
    objects split mid-word) may touch, and touching pieces of Chinese join without a space; so do
    the glyphs of a row justified letter by letter. A table's column rule (`walls`) between two
    fragments sets them apart as cells, whatever the white (a full cell stands an em from the next).
    """
    fragments = sorted(fragments, key=lambda f: f.x0)
    text = fragments[0].text
    tracked = _letter_spaced(fragments)
    cells = [(fragments[0].x0, fragments[0].x1, fragments[0].text)]
    for previous, fragment in itertools.pairwise(fragments):
        gap = (fragment.x0 - previous.x1) / max(fragment.size, 1.0)
        touching = (
            (gap < 0.25 or tracked or _marked(previous, fragment, gap)) and previous.text and fragment.text
        )
        piece = (
            fragment.text
            if touching and not spaced(previous.text[-1], fragment.text[0], gap)
            else " " + fragment.text
        )
        text += piece
        walled = wall_between(previous.x1, fragment.x0, previous.top, previous.bottom, walls)
        if (gap >= CELL_GAP_EMS and not tracked) or walled:
            cells.append((fragment.x0, fragment.x1, fragment.text))
        else:
            cells[-1] = (cells[-1][0], fragment.x1, cells[-1][2] + piece)
    if ocr:
        text = undo_confusions(text)
    return Line(
        text=text,
        page=page,
        x0=fragments[0].x0,
        x1=fragments[-1].x1,
        top=min(f.top for f in fragments),
        bottom=max(f.bottom for f in fragments),
        size=max(f.size for f in fragments),
        column=column,
        block=block,
        cells=tuple(cells) if len(cells) > 1 else (),
    )


def _marked(previous: Fragment, fragment: Fragment, gap: float) -> bool:
    """Tell whether the white beside a full-width mark (、，。（《) is the mark's own and justification's.

    Such a mark inks half its em, and justifying may widen it (LibreOffice sets "达6.9万元、" then
    "3.4万元，" then "增长" apart): no one types a space there.
    """
    before, after = previous.text[-1:], fragment.text[:1]
    # A curly quote beside an ideograph or a mark is Chinese's own (“6G+AI”技术, “互联网+”。).
    beside = (before in _FULL_WIDTH_CLOSING or (before in "”’" and _chinese(after))) + (
        after in _FULL_WIDTH_OPENING or (after in "“‘" and _chinese(before))
    )
    return beside > 0 and gap - 0.5 * beside < 1.0


def _chinese(char: str) -> bool:
    """Tell whether `char` is an ideograph or a full-width mark: text no Latin quote sits beside."""
    return is_cjk(char) or char in _FULL_WIDTH_CLOSING or char in _FULL_WIDTH_OPENING


def _letter_spaced(fragments: Sequence[Fragment]) -> bool:
    """Tell whether a row is justified letter by letter: white after every glyph, not at one place.

    Word and LibreOffice spread a short last-but-one row of Chinese across the column ("刑　事　治
    安　、" when "17.7%、" wraps), so its glyphs stand apart as fragments whose white is no space;
    a row set solid with one wide gap in it (第一章　总则, a typed U+3000) keeps that space.
    """
    if len(fragments) < 3 and not _lone_pair(fragments):
        return False
    # A word set solid among the pieces ("第一章　总　则") shows where the row's white is typed; digits and
    # Latin stay solid in a distributed row ("二、2015年工作总体部署"): only ideographs count.
    if any(sum(is_cjk(c) for c in f.text) >= 3 and f.text[-1] not in _MARKS for f in fragments):
        return False
    glyphs = sum(len(f.text.replace(" ", "")) for f in fragments)
    size = max(statistics.median(f.size for f in fragments), 1.0)
    tracking = (fragments[-1].x1 - fragments[0].x0 - glyphs * size) / max(glyphs - 1, 1)
    return tracking >= _TRACKED_EMS * size


def _lone_pair(fragments: Sequence[Fragment]) -> bool:
    """Tell whether a row is two lone ideographs: a distributed title's last row (通　知), never words."""
    return len(fragments) == 2 and all(len(f.text) == 1 and is_cjk(f.text) for f in fragments)


def layout_lines(pages: Sequence[PageText], label: str = "-") -> list[tuple[str, int]]:
    """Turn extracted pages into (text, page) lines in reading order, "" marking a paragraph gap.

    `label` names the file in what the log says about dropped lines.
    """
    gutters = document_gutters(pages)
    ordered: list[Line] = []
    block = 0
    for page, page_gutters in zip(pages, gutters, strict=True):
        page_lines = _page_lines(page, page_gutters, block)
        ordered.extend(page_lines)
        block = (page_lines[-1].block + 1) if page_lines else block
    running = running_lines(ordered, {page.number: page.height for page in pages})
    notes = footnote_lines(ordered, running)
    for index in sorted(notes):
        log.info(
            "%s: page %d: dropped a footnote line: %s",
            label,
            ordered[index].page,
            ordered[index].text.strip(),
        )
    body = [line for index, line in enumerate(ordered) if index not in running and index not in notes]
    body = _without_chrome(body, label)
    body = join_wrapped_cells(body, {page.number: page.rules for page in pages})
    body = join_unruled_cells(body)
    edges = _column_edges(body, gutters, {page.number: page.width for page in pages})
    leading = median_leading(body)
    body_size = statistics.median(line.size for line in body) if body else 0.0

    out: list[tuple[str, int]] = []
    previous: Line | None = None
    rows = table_rows(body)
    for index, line in enumerate(body):
        if index in rows:  # a ruled table's row: each cell a paragraph of its own, as the texts have them
            for _, _, cell in line.cells:
                if out and out[-1][0]:
                    out.append(("", line.page))
                out.append((cell.strip(), line.page))
            previous = None
            continue
        if previous is None and out and out[-1][0]:
            out.append(("", line.page))  # the table above ends here
        left, _ = edges[(line.page, line.column)]
        display = _continues_display(previous, line, edges, body_size, leading)
        indented = line.x0 - left >= 0.8 * line.size and not display
        if (
            previous is not None
            and out[-1][0]
            and not display
            and not _continues(previous, line, indented, edges, leading)
        ):
            out.append(("", line.page))
        text = INDENT + line.text.lstrip(" \u3000") if indented else line.text
        out.append((text.rstrip(), line.page))
        previous = line
    return out


def _continues_display(
    previous: Line | None, line: Line, edges: dict, body_size: float, leading: float
) -> bool:
    """Tell whether a centred line in display type goes on with the centred line above: one title.

    A long 公文 title (2号 over a 3号 body) is centred line by line, broken where the typesetter or
    the typist chose ("…行动方案" / "（2025-2030年）》的通知", "…的通" / "知"): no indent, no new paragraph.
    """
    if previous is None or line.size < 1.15 * body_size or abs(line.size - previous.size) > 0.15 * line.size:
        return False
    if (previous.page, previous.column, previous.block) != (line.page, line.column, line.block):
        return False
    if line.top - previous.bottom > leading + 0.5 * line.size:
        return False
    left, right = edges[(line.page, line.column)]
    # The line above may be a full one whose last mark inks only half its em ("方案》").
    return (
        abs((line.x0 - left) - (right - line.x1)) <= line.size
        and abs((previous.x0 - left) - (right - previous.x1)) <= 1.5 * previous.size
    )


def _without_chrome(lines: list[Line], label: str) -> list[Line]:
    """Drop the web page chrome a browser prints with a page (字号：[大][中][小], [打印], 分享到).

    Such lines are not the document's text; each is logged, as the running lines are dropped
    without a trace in the text (the model keeps no furniture before normalise).
    """
    kept = []
    for line in lines:
        if chrome_line(line.text):
            log.info(
                "%s: page %d: dropped a line of web page chrome: %s", label, line.page, line.text.strip()
            )
        else:
            kept.append(line)
    return kept


def _continues(previous: Line, line: Line, indented: bool, edges: dict, leading: float) -> bool:
    """Tell whether `line` wraps on from `previous`: it filled its column, and nothing opens a paragraph.

    This holds across a column or page break too, which is how split paragraphs are rejoined.
    """
    left, right = edges[(previous.page, previous.column)]
    # The previous line is full when the next line's first word would not have fitted after it.
    latin = _LEADING_LATIN.match(line.text)
    needed = max(1.0, 0.6 * len(latin.group())) * previous.size if latin else previous.size
    if indented or right - previous.x1 > needed + 0.5 * previous.size:
        return False
    if previous.x0 - left > 3 * previous.size:  # right-aligned or centred (a signature, a date): no wrap
        return False
    if abs(line.size - previous.size) > 0.15 * line.size:
        return False
    same_column = (
        previous.page == line.page and previous.block == line.block and previous.column == line.column
    )
    if same_column:
        return line.top - previous.bottom <= leading + 0.5 * line.size
    # Across a column or page break there is no gap to see: a finished sentence followed by a
    # numbered line (（二）, 第五条, 1.) or a dash-led item (——) starts a new paragraph.
    opening = line.text.lstrip(" \u3000")
    return not (
        previous.text.rstrip()[-1:] in _SENTENCE_END
        and (is_heading_line(opening) or opening.startswith("——"))
    )


def _column_edges(
    body: Sequence[Line], gutters: Sequence[list[tuple[float, float]]], widths: dict[int, float]
) -> dict[tuple[int, int], tuple[float, float]]:
    """Each page column's (left, right) text edges, from the document's usual edges where they agree.

    A page with few lines (a chapter's last page, a heading page) says little about its column, so
    edges shared by most pages of the same column layout and parity win over its own.
    """
    by_column: dict[tuple[int, int], list[Line]] = defaultdict(list)
    margins: dict[int, float] = {}
    for line in body:
        by_column[(line.page, line.column)].append(line)
        margins[line.page] = min(margins.get(line.page, line.x0), line.x0)
    own: dict[tuple[int, int], tuple[float, float, float]] = {}
    usual_left: dict[tuple, Counter] = defaultdict(Counter)
    usual_right: dict[tuple, Counter] = defaultdict(Counter)
    for (page, column), lines in by_column.items():
        left = min(line.x0 for line in lines)
        rights = sorted(line.x1 for line in lines)
        right = rights[int(0.75 * (len(rights) - 1))]
        size = statistics.median(line.size for line in lines)
        own[(page, column)] = (left, right, size)
        layout = (len(gutters[page - 1]), column, page % 2)
        usual_left[layout][round(left)] += 1
        if len(lines) >= 5:
            usual_right[layout][round(right)] += 1
    result = {}
    for (page, column), (left, right, size) in own.items():
        layout = (len(gutters[page - 1]), column, page % 2)
        typical_left = usual_left[layout].most_common(1)[0][0]
        if left - 3 * size < typical_left < left:
            left = typical_left
        if usual_right[layout]:
            typical_right = usual_right[layout].most_common(1)[0][0]
            if right < typical_right < right + 10 * size:
                right = typical_right
        # Where no line reaches it, the column still ends at the next gutter, or mirrors the left margin.
        page_gutters = gutters[page - 1]
        if 0 <= column < len(page_gutters):
            plausible = page_gutters[column][0]
        else:
            plausible = widths[page] - margins[page]
        if right < left + 0.5 * (plausible - left) and not _set_full(by_column[(page, column)], right, size):
            right = plausible
        result[(page, column)] = (left, right)
    return result


def _set_full(lines: Sequence[Line], right: float, size: float) -> bool:
    """Tell whether most of a column's lines end at `right`, five at least: a narrow column set full.

    A short text typed in two columns fills part of the first one only (no gutter to see): its lines
    still end at one edge, which is the column's, however far from the page's right margin.
    """
    full = sum(1 for line in lines if abs(line.x1 - right) <= 0.3 * size)
    return full >= 5 and 2 * full >= len(lines)


def number_lines(lines: Sequence[tuple[str, int]]) -> list[SourceLine]:
    """Number lines from 1; a blank line takes the page of the line after it."""
    result = []
    for number, (text, page) in enumerate(lines, start=1):
        result.append(SourceLine(text=text, line=number, page=page))
    return result
