"""Page furniture: the running headers, footers and page numbers at the outer rows of each page.

They repeat from page to page at one distance from the page's edge (a landscape annex page keeps its
number as far from its own foot), stand apart from the body or are short rows in another size; a
browser's print header and footer go on sight. `layout` drops what this finds before it joins lines.
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING

from policykit import pattern_cache
from policykit.zh.chars import SENTENCE_STOPS, squash

if TYPE_CHECKING:
    from policykit.pdf.layout import Line  # which imports this module

_PAGE_NUMBER = pattern_cache.compile(
    r"""^(?:
        [-—–－~～·•\s]*\d{1,4}[-—–－~～·•\s]*              # — 3 —, - 3 -, 3
      | 第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?  # 第3页, 第3页 共10页
      | \d{1,4}\s*/\s*\d{1,4}                            # 3/10
      | (?:page|p\.)\s*\d{1,4}(?:\s*of\s*\d{1,4})?         # Page 3 of 10
    )$""",
    re.X | re.I,
)
_DIGITS = pattern_cache.compile(r"\d+")
# What a browser prints above and below each page. Chrome and Edge: date and time (then the title)
# above, the URL (then n/N) below; Firefox: the title then the URL above, n/N then date and time below.
_WHEN = r"\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}[,\s]*(?:上午|下午)?\s*\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AP]M)?"
_URL = r"(?:https?://|file:/|www\.)\S*"
_PAGE_OF = (
    r"(?:\d{1,4}\s*/\s*\d{1,4}|第\s*\d{1,4}\s*页[,，\s]*共\s*\d{1,4}\s*页|(?:page\s*)?\d{1,4}\s+of\s+\d{1,4})"
)
_BROWSER_HEADER = pattern_cache.compile(rf"^\s*{_WHEN}", re.I)
_BROWSER_FOOTER = pattern_cache.compile(
    rf"^\s*{_URL}(?:\s*\d{{1,4}}\s*/\s*\d{{1,4}})?\s*$|^\s*{_PAGE_OF}\s+{_WHEN}\s*$", re.I
)
# A title then a URL is a browser's header only in type smaller than the body's: a body line may end in a URL.
_TITLE_URL = pattern_cache.compile(rf"^[^。；！？]{{1,120}}?\s{_URL}\s*$", re.I)


def running_lines(lines: Sequence[Line], heights: dict[int, float]) -> set[int]:
    """Indexes of running headers, footers and page numbers: the outermost rows of each page.

    A row counts when it stands apart from the body and repeats on enough pages (digits masked),
    or when it repeats on pages where it sits close to the body (a browser's header 7 pt above
    the text) as long as it stands apart on at least one, or is a short row on most pages; a
    browser's print header (date and time; or title and URL in small type) and footer (URL, n/N;
    or n/N, date and time) go on sight.
    """
    pages = len(heights)
    by_page: dict[int, list[int]] = defaultdict(list)
    for index, line in enumerate(lines):
        by_page[line.page].append(index)
    leading = median_leading(lines)
    candidates: list[tuple[int, str, bool]] = []
    remove: set[int] = set()
    for indexes in by_page.values():
        rows = _rows(lines, indexes)
        size = statistics.median(lines[i].size for i in indexes)
        right_edge = max(lines[i].x1 for i in indexes)
        for band, ordered, browser in (
            ("top", rows, _BROWSER_HEADER),
            ("bottom", rows[::-1], _BROWSER_FOOTER),
        ):
            outermost = ordered[0][2] if ordered else []
            if len(rows) > 1 and any(
                browser.match(lines[i].text)
                or (band == "top" and lines[i].size < 0.9 * size and _TITLE_URL.match(lines[i].text))
                for i in outermost
            ):
                remove.update(outermost)
                ordered = ordered[1:]
            # Running lines sit apart from the body: take the outer one or two rows before a wide gap.
            for k in (1, 2):
                if k > len(ordered):
                    break
                inner = ordered[k] if k < len(ordered) else None
                outer = ordered[k - 1]
                if inner is None:
                    apart = True
                elif band == "top":
                    apart = inner[0] - outer[1] > leading + size
                else:
                    apart = outer[0] - inner[1] > leading + size
                if apart:
                    candidates.extend((i, band, True) for row in ordered[:k] for i in row[2])
                    break
            else:
                # Close to the body, only a row that is no wrapped body line: short, or in another size;
                # a short row ending a sentence (。) is a paragraph's last line carried over a page break.
                row = ordered[0][2] if ordered else []
                last = max(row, key=lambda i: lines[i].x1) if row else None
                if (
                    last is not None
                    and not lines[last].text.rstrip().endswith(tuple(SENTENCE_STOPS))
                    and (
                        max(lines[i].x1 for i in row) < right_edge - 2 * size
                        or any(abs(lines[i].size - size) > 0.15 * size for i in row)
                    )
                ):
                    candidates.extend((i, band, False) for i in row)
    groups: dict[tuple[str, str], list[tuple[int, bool]]] = defaultdict(list)
    for index, band, apart in candidates:
        text = squash(lines[index].text)
        # Page numbers of every style group together; other lines by their text with digits masked.
        key = "<page number>" if _PAGE_NUMBER.match(text) else _DIGITS.sub("#", text)
        groups[(key, band)].append((index, apart))
    threshold = max(1 if pages == 1 else 2, min(3, 0.4 * pages))
    body_size = statistics.median(line.size for line in lines) if lines else 0.0
    for (key, band), members in groups.items():
        needed = threshold if key == "<page number>" else max(2, threshold)
        indexes = [i for i, _ in members]
        if not any(apart for _, apart in members):
            # Close to the body on every page: only a short row most pages repeat is a header; in a
            # two-page document, a row in small type on both (a scan's running head over the title).
            small = pages == 2 and all(lines[i].size < 0.75 * body_size for i in indexes)
            needed = max(needed, 2 if small else 3, 0.6 * pages)
        if len({lines[i].page for i in indexes}) < needed:
            continue

        def position(i: int, band: str = band) -> float:
            """How far the line is from its page's edge: a landscape page's foot is nearer its top."""
            line = lines[i]
            return line.top if band == "top" else heights.get(line.page, 0.0) - line.bottom

        middle = statistics.median(position(i) for i in indexes)
        steady = [i for i in indexes if abs(position(i) - middle) <= 4]
        if len({lines[i].page for i in steady}) >= needed:
            remove.update(steady)
    return remove


def median_leading(lines: Sequence[Line]) -> float:
    """The usual white space between consecutive lines of one column."""
    leadings = [
        line.top - previous.bottom
        for previous, line in itertools.pairwise(lines)
        if previous.page == line.page
        and previous.block == line.block
        and previous.column == line.column
        and line.top > previous.bottom - 1
    ]
    # A low quantile, not the median: in documents with a gap after every paragraph, gaps outnumber wraps.
    return sorted(leadings)[len(leadings) // 5] if leadings else 0.0


def _rows(lines: Sequence[Line], indexes: list[int]) -> list[tuple[float, float, list[int]]]:
    """A page's lines grouped into rows by their top: (top, bottom, indexes), top to bottom."""
    rows: list[tuple[float, float, list[int]]] = []
    for i in sorted(indexes, key=lambda i: lines[i].top):
        line = lines[i]
        if rows and line.top - rows[-1][0] <= 0.5 * line.size:
            top, bottom, members = rows[-1]
            rows[-1] = (top, max(bottom, line.bottom), [*members, i])
        else:
            rows.append((line.top, line.bottom, [i]))
    return rows


# What a footnote starts with: its number (①, [1], 1 or ¹ before the text, 注1), or an asterisk.
# A bare 注： is a table's note, which belongs to the text, so it is no marker.
_NOTE_MARK = pattern_cache.compile(
    r"^\s*(?:[①-⑳¹²³⁴-⁹]|\[\d{1,2}\]|\d{1,2}(?:\s|[、.．)）])|[*＊]|注\s*[0-9①-⑳])"
)


def footnote_lines(lines: Sequence[Line], dropped: set[int]) -> set[int]:
    """Indexes of footnotes: the last rows of a page, in type smaller than the body, set apart below it
    and opening with a note number (① 本文所称…). Word's footnotes are no part of the text the Word
    readers give either, and left in, they would split a paragraph running on to the next page.
    """
    kept = [i for i in range(len(lines)) if i not in dropped]
    if not kept:
        return set()
    body_size = statistics.median(lines[i].size for i in kept)
    leading = median_leading([lines[i] for i in kept])
    by_page: dict[int, list[int]] = defaultdict(list)
    for index in kept:
        by_page[lines[index].page].append(index)
    found: set[int] = set()
    for indexes in by_page.values():
        rows = _rows(lines, indexes)
        small = 0
        while small < len(rows) - 1 and all(lines[i].size <= 0.85 * body_size for i in rows[-1 - small][2]):
            small += 1
        if not small or small > 6:
            continue
        block = rows[len(rows) - small :]
        above = rows[len(rows) - small - 1]
        first = min(block[0][2], key=lambda i: lines[i].x0)
        if block[0][0] - above[1] > leading + 0.5 * body_size and _NOTE_MARK.match(lines[first].text):
            found.update(i for row in block for i in row[2])
    return found
