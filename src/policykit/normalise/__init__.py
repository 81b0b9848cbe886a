"""Normalise: raw source lines → logical paragraphs, undoing the damage of PDF extraction and scraping.

Each fixer is small and named for the one defect it repairs. Character fixers map `str -> str`;
line fixers decide whether two neighbouring lines belong to one paragraph. Every paragraph keeps
the source line (and page) of each piece joined into it, so evidence can point back to the source.
"""

from __future__ import annotations

from policykit.model import Paragraph, Source
from policykit.normalise.continuation import (
    blank_separated,
    heading_tail,
    holds_prose,
    join_unindented_continuation,
)
from policykit.normalise.joins import (
    _CUT_LINE,
    _CUT_SENTENCES,
    _DOC_NUMBER,
    DATELINE,
    TITLE_END,
    _may_be_cut,
    _separator,
    join_bare_number,
    join_cut_paragraph,
    join_open_bracket,
    join_split_byline,
    join_split_title,
)
from policykit.normalise.lines import _Line, _prepare
from policykit.normalise.wrap import (
    _after_fragment,
    _wrap_widths,
    join_leader_tail,
    join_linked_words,
    join_page_split_words,
    join_split_fragments,
    join_wrapped_row,
    table_cells,
    unwrap_hard_breaks,
)
from policykit.zh.chars import display_width, halfwidth_alnum, unify_radicals
from policykit.zh.chars import strip_invisible as remove_zero_width
from policykit.zh.numbering import BANNER, is_toc_line

__all__ = [
    "DATELINE",
    "TITLE_END",
    "display_width",
    "document_text",
    "halfwidth_alnum",
    "normalise",
    "remove_zero_width",
    "unify_radicals",
]


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
    cells = table_cells(lines)  # each tab row's table's cell count: a row the column cut has fewer
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
    last = 0  # the line last added to the paragraph
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
        elif alone[i] and i > 0 and not alone[i - 1] and join_leader_tail(lines, i):
            pass  # a 目录 entry's page number, cut onto a line of its own
        elif (
            i - 1 in cells
            and not marked
            and (gap := join_wrapped_row(lines, i, "".join(parts), cells[i - 1], widths, page_width, indents))
            is not None
        ):
            parts.append(gap)  # a table row the column cut: its cells are one row again
            length += len(gap)
        elif (
            i > 0
            and not alone[i]
            and not alone[i - 1]
            and (
                (marked and not lines[i - 1].blank)
                or unwrap_hard_breaks(lines, i, widths)
                or join_split_fragments(lines, i)
                or _after_fragment(lines, i)
                or join_linked_words(lines, i)
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
        if not starts_paragraph and _word_break(parts[-1], line.text, source.lines[last].text):
            parts.append(" ")  # English cut at a space, which the line's end lost: two words still
            length += 1
        pieces.append((length, line.line, line.page))
        parts.append(line.text)
        length += len(line.text)
        last = i
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


def _word_break(before: str, after: str, raw: str) -> bool:
    """Tell whether two pieces of a paragraph meet between words: letters or digits on both sides, and the
    first piece's source line ended in a space (`…one-stop services ` / `for…`, not `…prot` / `ect…`)."""
    return (
        raw[-1:].isspace()
        and before[-1:].isascii()
        and before[-1:].isalnum()
        and after[:1].isalnum()
        and after[:1].isascii()
    )


def document_text(paragraphs: tuple[Paragraph, ...]) -> str:
    """The normalised document: one paragraph per line."""
    return "".join(p.text + "\n" for p in paragraphs)
