"""Prepared lines: each source line after the character-level pass, with the layout facts the line fixers ask of it.

Characters are fixed (fullwidth, radicals, invisibles) and Markdown marks stripped once for the whole file; each
line then carries its indent, display width, page furniture and heading facts, so the fixers never measure twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from policykit.gongwen import is_page_number
from policykit.model import Source, SourceLine
from policykit.normalise.furniture import _running_heads, _tail_chrome
from policykit.normalise.markdown import may_hold_markdown, strip_markdown
from policykit.zh.chars import INDENT, display_widths, fix_characters
from policykit.zh.numbering import is_heading_line, match_numbering


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
    for k in _tail_chrome(lines):
        lines[k].furniture = "page_chrome"
        lines[k].blank = True
    return lines


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


def _is_bare_number(text: str) -> bool:
    """Tell whether a line is a clause number and nothing else (一、, （一）, 第二条, 第一章).

    >>> _is_bare_number("（一）"), _is_bare_number("第二条"), _is_bare_number("一、总体要求"), _is_bare_number("12")
    (True, True, False, False)
    """
    if not text or len(text) > 12 or not is_heading_line(text):
        return False
    numbering = match_numbering(text)
    return numbering is not None and not numbering.rest
