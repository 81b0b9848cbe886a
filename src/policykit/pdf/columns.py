"""Columns: the gutters of a page, and the ones the pages of a document agree on.

A gutter is a vertical strip no column text crosses; strict gutters have real columns on both
sides, loose ones count only where other pages agree. `layout` orders each page's fragments by them.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from policykit.pdf.layout import PageText  # which imports this module

# A column holds a line of at least this many ems: gazettes set two columns of 17 characters.
COLUMN_MIN_EMS = 6
# A gutter is at least this many ems wide; on an OCR layer more (gazettes leave 20 pt, about two
# of their ems): there an ideographic space after 第二十一条 with the side bearings of the ink
# boxes is over an em, and no gutter.
_GUTTER_EMS = 0.5
_OCR_GUTTER_EMS = 1.25


def document_gutters(pages: Sequence[PageText]) -> list[list[tuple[float, float]]]:
    """Pick each page's gutters, preferring the ones most pages agree on.

    Columns keep their place from page to page, while a single page (a flattened table, a
    column of short lines) can fake a gutter or hide one; so a gutter found cleanly on at
    least 30% of the pages is used on every page where it is clear, and a page's own strict
    gutters count only where they do not clash with it.
    """
    candidates = [_gutters(page) for page in pages]
    with_text = sum(1 for page in pages if page.fragments) or 1
    clusters: dict[int, list[tuple[float, float]]] = defaultdict(list)
    for found in candidates:
        for g_left, g_right, strict in found:
            if strict:
                clusters[round((g_left + g_right) / 20)].append((g_left, g_right))
    common: list[tuple[float, float]] = []
    for centre in sorted(clusters, key=lambda c: -len(clusters[c])):
        members = clusters[centre] + clusters.get(centre - 1, []) + clusters.get(centre + 1, [])
        if len(members) < 0.3 * with_text:
            continue
        gutter = (statistics.median(g[0] for g in members), statistics.median(g[1] for g in members))
        if not any(g_left < gutter[1] and gutter[0] < g_right for g_left, g_right in common):
            common.append(gutter)
    chosen = []
    for page, found in zip(pages, candidates, strict=True):
        keep = [gutter for gutter in common if _clear(page, gutter)]
        for g_left, g_right, strict in found:
            middle = (g_left + g_right) / 2
            if strict and all(
                abs(middle - (left + right) / 2) > 0.15 * page.width for left, right in [*common, *keep]
            ):
                keep.append((g_left, g_right))
        chosen.append(sorted(keep))
    return chosen


def _clear(page: PageText, gutter: tuple[float, float]) -> bool:
    """Tell whether a page's column text can sit around `gutter`: little crosses its middle.

    A page whose text all lies on one side still counts (a last page that ends in the first
    column), unless most of its lines are wider than a column (a full-width page).
    """
    fragments = page.fragments
    if not fragments:
        return False
    text_width = page.width - 2 * min(f.x0 for f in fragments)
    narrow = [f for f in fragments if f.x1 - f.x0 <= 0.55 * text_width]
    if len(narrow) < len(fragments) / 2:
        return False
    middle = (gutter[0] + gutter[1]) / 2
    across = sum(1 for f in narrow if f.x0 < middle < f.x1)
    return across <= max(2, 0.1 * len(narrow))


def _gutters(page: PageText) -> list[tuple[float, float, bool]]:
    """Find vertical strips no column text crosses: (left, right, strict) per candidate gutter.

    Strict gutters have real columns on both sides (lines at least half a column wide);
    loose ones only have some text on both sides and count when other pages agree.
    """
    fragments = page.fragments
    if len(fragments) < 2:
        return []
    left = min(f.x0 for f in fragments)
    right = max(f.x1 for f in fragments)
    area = right - left
    if area <= 0:
        return []
    size = statistics.median(f.size for f in fragments)
    narrow = [f for f in fragments if f.x1 - f.x0 <= 0.55 * area]
    if len(narrow) < max(2, len(fragments) / 2):  # most lines span the page: one column
        return []
    origin = int(left)
    cover = [0] * (int(right) - origin + 2)
    for f in narrow:
        cover[int(f.x0) - origin] += 1
        cover[int(f.x1) - origin + 1] -= 1
    running, counts = 0, []
    for delta in cover:
        running += delta
        counts.append(running)
    tolerance = max(2, int(0.1 * max(counts)))
    gutters: list[tuple[float, float]] = []
    g_right: float  # a fragment's edge may end the strip (below)
    x = 0
    while x < len(counts):
        if counts[x] > tolerance:
            x += 1
            continue
        end = x
        while end < len(counts) and counts[end] <= tolerance:
            end += 1
        g_left, g_right = origin + x, origin + end
        if g_right >= right - 2 * size:
            # A sparse last column (a page's final line) lets the strip run to the edge: it ends
            # where the first fragment starts inside it.
            g_right = min((f.x0 for f in narrow if g_left + 0.5 * size < f.x0 < g_right), default=g_right)
        g_left, g_right = _emptiest(counts, g_left - origin, int(g_right) - origin)
        g_left, g_right = g_left + origin, g_right + origin
        if (
            g_right - g_left >= (_OCR_GUTTER_EMS if page.ocr else _GUTTER_EMS) * size
            and g_left - left >= 4 * size
            and right - g_right >= 2 * size
        ):
            gutters.append((float(g_left), float(g_right)))
        x = end
    # Strips that leave a sliver between them (around an indent, a one-character line) are not gutters.
    while gutters:
        bounds = [left, *[edge for g in gutters for edge in g], right]
        widths = [bounds[i + 1] - bounds[i] for i in range(0, len(bounds), 2)]
        narrowest = min(range(len(widths)), key=widths.__getitem__)
        if widths[narrowest] >= 4 * size:
            break
        beside = [i for i in (narrowest - 1, narrowest) if 0 <= i < len(gutters)]
        gutters.pop(min(beside, key=lambda i: gutters[i][1] - gutters[i][0]))
    result: list[tuple[float, float, bool]] = []
    bounds = [left, *[edge for g in gutters for edge in g], right]
    sides = [(bounds[i], bounds[i + 1]) for i in range(0, len(bounds), 2)]
    for index, (gutter_left, gutter_right) in enumerate(gutters):
        full_lines = []
        spans = []
        counts = []
        for side_left, side_right in (sides[index], sides[index + 1]):
            if side_right - side_left < 4 * size:  # a column is more than a few characters wide
                break
            inside = [f for f in narrow if f.x0 >= side_left - 1 and f.x1 <= side_right + 1]
            full_lines.append(sum(1 for f in inside if f.x1 - f.x0 >= 0.5 * (side_right - side_left)))
            # Nor is a stack of labels a column: 第一章　总则 typed with an ideographic space (drawn
            # as an advance, not a glyph) leaves a one-em strip beside 第一章, 第二章, 第一条 at an indent.
            if not inside or max(f.x1 - f.x0 for f in inside) < COLUMN_MIN_EMS * size:
                break
            spans.append((min(f.top for f in inside), max(f.bottom for f in inside)))
            counts.append(len(inside))
        else:
            # Columns stand side by side: text on the left above text on the right (a 公文's body,
            # then its right-aligned signature) is one column with a ragged edge.
            (top_a, bottom_a), (top_b, bottom_b) = spans
            overlap = min(bottom_a, bottom_b) - max(top_a, top_b)
            side_by_side = overlap >= 0.5 * min(bottom_a - top_a, bottom_b - top_b)
            # Nor are rows split by a one-em space (一次会议通过　根据…, typed with U+3000) columns:
            # the paragraph's other lines run across the strip, between the split rows.
            upper, lower = max(top_a, top_b), min(bottom_a, bottom_b)
            across = sum(
                1 for f in fragments if f.x0 < gutter_left and f.x1 > gutter_right and upper < f.top < lower
            )
            # A side of two or three pieces (…修正　根据2020年9) with a full row between them is as split.
            interleaved = across > max(1, 0.25 * min(counts)) or 0 < 2 * across >= min(counts)
            strict = side_by_side and not interleaved and min(full_lines) >= 1 and max(full_lines) >= 3
            result.append((gutter_left, gutter_right, strict))
    return result


def _emptiest(counts: list[int], start: int, stop: int) -> tuple[int, int]:
    """The longest stretch of [start, stop) at (about) its lowest coverage: a sparse column is not gutter."""
    window = counts[start:stop]
    if not window:
        return start, stop
    lowest = min(window) + 1
    best = (start, start)
    index = start
    while index < stop:
        if counts[index] > lowest:
            index += 1
            continue
        end = index
        while end < stop and counts[end] <= lowest:
            end += 1
        if end - index > best[1] - best[0]:
            best = (index, end)
        index = end
    return best
