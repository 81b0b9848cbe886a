"""OpenDocument text (.odt as LibreOffice and WPS save it, or flat .fodt) → `Source`: the body in reading order.

Headings and paragraphs become lines (text:s, text:tab and text:line-break as they print), lists give
their items, and tables the same tab-separated rows the .docx reader writes. What the .docx reader
leaves out stays out here too: notes (text:note), comments (office:annotation), tracked deletions
(text:tracked-changes), headers and footers (styles.xml, never read). Numbers are printed as
LibreOffice prints them: a list's from its list style (一、 （一） 1.), a heading's from the outline
style (第一章); a number typed into the text is text. A first-line indent prints as 　　, as in .docx.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from policykit import pattern_cache
from policykit.errors import InputError
from policykit.formats import (
    Element,
    make_source,
    open_zip,
    parse_xml,
    spaced_label,
    table_lines,
    zip_errors,
)
from policykit.model import Source

TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
DRAW = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
LOEXT = "urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0"
FO = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
SVG = "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
_OUTLINE = "\0outline"  # the outline style's key among the list styles: headings' chapter numbering
_PLACEHOLDER = pattern_cache.compile(r"%([1-9]|10)%")
_XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
INDENT = "\u3000\u3000"
_MAX_REPEAT = 50  # a row or cell "repeated" 1,048,576 times is how a sheet says "and so on to the edge"


def _t(tag: str) -> str:
    return f"{{{TEXT}}}{tag}"


def _tb(tag: str) -> str:
    return f"{{{TABLE}}}{tag}"


_SKIPPED = {
    _t("note"),
    _t("tracked-changes"),
    _t("sequence-decls"),
    _t("variable-decls"),
    _t("user-field-decls"),
    _t("table-of-content-source"),
    _t("illustration-index-source"),
    _t("table-index-source"),
    _t("alphabetical-index-source"),
    _t("bibliography-source"),
    _t("user-index-source"),
    _t("object-index-source"),
    _t("index-title-template"),
    _t("ruby-text"),  # the reading (pinyin) set over the characters, not the text itself
    f"{{{OFFICE}}}annotation",
    f"{{{OFFICE}}}binary-data",
    f"{{{SVG}}}title",
    f"{{{SVG}}}desc",
    f"{{{OFFICE}}}forms",
    _tb("calculation-settings"),
    _tb("table-columns"),
    _tb("table-column"),
}


def read_odt(data: bytes, *, path: str, name: str) -> Source:
    """Read an OpenDocument text file (a package, or LibreOffice's flat .fodt XML) into numbered lines."""
    flat = not data.startswith(b"PK")
    content, styles = (data, b"") if flat else package_parts(data, path)
    damaged = "this .odt has a damaged " + ("XML" if flat else "content.xml") + " ({error}): re-save it"
    root = parse_xml(content, path=path, damaged=damaged)
    style_root = parse_xml(styles, path=path, damaged=damaged) if styles else None
    body = root.find(f"{{{OFFICE}}}body/{{{OFFICE}}}text")
    if body is None:
        raise InputError("this OpenDocument file holds no text document (a sheet or slides?)", path=path)
    lists = ListStyles.read(style_root, root)
    try:
        lines = list(block_lines(body, lists))
    except RecursionError:
        raise InputError(
            "this .odt nests lists or sections too deeply to read: re-save it", path=path
        ) from None
    return make_source(lines, path=path, name=name, encoding="odt")


def package_parts(data: bytes, path: str, kind: str = ".odt") -> tuple[bytes, bytes]:
    """content.xml and styles.xml of an OpenDocument package (.odt, .ods), or one error line saying why not."""
    try:
        package = open_zip(data, path)
        package.getinfo("content.xml")  # KeyError: none
        names = package.namelist()
        if "META-INF/manifest.xml" in names and b"encryption-data" in package.read("META-INF/manifest.xml"):
            raise InputError(
                f"this {kind} is password-protected: open it in LibreOffice or WPS and save it without one",
                path=path,
            )
        content = package.read("content.xml")
        styles = package.read("styles.xml") if "styles.xml" in names else b""
    except KeyError:
        raise InputError(
            "this OpenDocument file has no content.xml: re-save it in LibreOffice or WPS", path=path
        ) from None
    except zip_errors(ValueError) as error:
        raise InputError(
            f"cannot open this {kind} ({error}): re-save it in LibreOffice or WPS", path=path
        ) from None
    return content, styles


def block_lines(container: Element, lists: ListStyles) -> Iterator[str]:
    """Yield the lines of a body, section, list item or cell: headings, paragraphs, lists, tables, in order."""
    for child in container:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIPPED:
            continue
        if tag == _t("p"):
            yield from paragraph_lines(child, lists)
        elif tag == _t("h"):
            yield from paragraph_lines(child, lists, lists.heading_label(child))
        elif tag == _t("list"):
            yield from _list_lines(child, lists, None, 0)
        elif tag == _tb("table"):
            yield from _table_lines(child, lists)
        else:  # text:section, text:table-of-content's index-body, table:table-row-group, ...
            yield from block_lines(child, lists)


def paragraph_lines(p: Element, lists: ListStyles, label: str = "") -> list[str]:
    """A paragraph as printed: its number (typed into text:number, or the list's), its text, its text boxes."""
    parts: list[str] = []
    boxes: list[str] = []
    number = p.find(_t("number"))
    if number is not None and (number.text or "").strip():
        label = number.text.strip()
    _collect(p, parts, boxes, lists)
    text = "".join(parts)
    if label:
        text = label + text.lstrip()
    elif p.get(_t("style-name")) in lists.indented and text[:1] not in (" ", "\u3000", ""):
        text = INDENT + text  # a first-line indent, printed as the .docx reader prints it
    lines = [line.replace("\t", " ") for line in text.split("\n")]
    return [*lines, *boxes]


def _collect(element: Element, parts: list[str], boxes: list[str], lists: ListStyles) -> None:
    if element.text:
        parts.append(element.text)
    for child in element:
        tag = child.tag
        if isinstance(tag, str) and tag not in _SKIPPED and tag != _t("number"):
            if tag == _t("s"):
                parts.append(" " * _count(child.get(_t("c"))))
            elif tag == _t("tab"):
                parts.append("\t")
            elif tag == _t("line-break"):
                parts.append("\n")
            elif tag == f"{{{DRAW}}}text-box":
                boxes.extend(block_lines(child, lists))
            else:
                _collect(child, parts, boxes, lists)
        if child.tail:
            parts.append(child.tail)


def _count(value: str | None, limit: int = 1000) -> int:
    try:
        return max(1, min(int(value or 1), limit))
    except ValueError:
        return 1


def _list_lines(lst: Element, lists: ListStyles, style: str | None, depth: int) -> Iterator[str]:
    """Yield a list's items; each item's first paragraph carries the list's number for its level."""
    style = lst.get(_t("style-name")) or style
    counter = lists.counter(lst, style)
    for item in lst:
        if item.tag not in (_t("list-item"), _t("list-header")):
            continue
        if _headless(item):  # only a deeper list: no number here, and this level does not count it
            yield from _list_lines(item.find(_t("list")), lists, style, depth + 1)
            continue
        start = item.get(_t("start-value"))
        own = lists.styles.get(item.get(_t("style-override")) or "")  # LibreOffice's item in another format
        label = counter.next(depth, int(start) if start and start.isdigit() else None, own)
        cached = item.find(_t("number"))  # the number as the saving program printed it, when it says
        if cached is not None and (cached.text or "").strip():
            label = cached.text.strip()
        if item.tag == _t("list-header"):
            label = ""
        first = True
        for child in item:
            if child.tag in (_t("p"), _t("h")):
                yield from paragraph_lines(child, lists, label if first else "")
                first = False
            elif child.tag == _t("list"):
                yield from _list_lines(child, lists, style, depth + 1)
            elif isinstance(child.tag, str) and child.tag not in _SKIPPED and child.tag != _t("number"):
                yield from block_lines(child, lists)


def _headless(item: Element) -> bool:
    """Whether a list item holds only a nested list, as LibreOffice writes a level-2 item (（一）) that
    stands alone: ODF prints no number for it, and LibreOffice does not count it at its own level."""
    children = [c for c in item if isinstance(c.tag, str) and c.tag != _t("number")]
    return item.tag == _t("list-item") and len(children) == 1 and children[0].tag == _t("list")


def _table_lines(table: Element, lists: ListStyles) -> list[str]:
    """A data table becomes tab-separated rows; a one-column or nesting (layout) table gives its paragraphs."""
    rows = [row for row in table.iter(_tb("table-row")) if _owner(row, table)]
    cells_by_row = odf_table_rows(table, lists)
    nested = any(inner is not table for inner in table.iter(_tb("table")))
    if nested or max((len(cells) for cells in cells_by_row), default=0) <= 1:
        return [line for row in rows for cell in row for line in block_lines(cell, lists)]
    return table_lines(cells_by_row)


def odf_table_rows(table: Element, lists: ListStyles | None = None) -> list[list[str]]:
    """A table's (or a spreadsheet's sheet's) rows of cell texts, merged cells laid on the grid."""
    lists = lists or ListStyles()
    rows = [row for row in table.iter(_tb("table-row")) if _owner(row, table)]
    cells_by_row: list[list[str]] = []
    down: dict[int, tuple[str, int]] = {}  # column -> (text, rows left) of a cell spanning rows
    for row in rows:
        cells: list[str] = []
        repeated_blank = 0  # trailing empty cells that a "repeated" cell made: a sheet's columns to its edge
        for cell in row:
            repeat = _count(cell.get(_tb("number-columns-repeated")), _MAX_REPEAT)
            if cell.tag == _tb("covered-table-cell"):
                # the hidden part of a merged cell: under a cell spanning rows it repeats that cell's text,
                # right of one spanning columns it stays empty (formats.grid: one rule for every reader)
                texts: list[str] = []
                for _ in range(repeat):
                    text, left = down.pop(len(cells) + len(texts), ("", 0))
                    if left > 1:
                        down[len(cells) + len(texts)] = (text, left - 1)
                    texts.append(text)
            elif cell.tag == _tb("table-cell"):
                text = " ".join(line.strip() for line in block_lines(cell, lists) if line.strip())
                spanned = _count(cell.get(_tb("number-rows-spanned")), _MAX_REPEAT)
                if spanned > 1:
                    down[len(cells)] = (text, spanned - 1)
                texts = [text] * repeat
            else:
                continue
            cells.extend(texts)
            filled = any(texts)
            repeated_blank = 0 if filled else repeated_blank + repeat if repeat > 1 else repeated_blank
        if repeated_blank:
            del cells[-repeated_blank:]
        times = _count(row.get(_tb("number-rows-repeated")), _MAX_REPEAT) if any(cells) else 1
        cells_by_row.extend([cells] * times)
    return cells_by_row


def _owner(row: Element, table: Element) -> bool:
    """Whether a row belongs to this table rather than to a table nested in one of its cells."""
    return next(row.iterancestors(_tb("table")), None) is table


@dataclass(frozen=True)
class Level:
    """One level of an ODF list style: its number format, prefix, suffix, start and how many levels it shows."""

    fmt: str = ""
    prefix: str = ""
    suffix: str = ""
    start: int = 1
    display: int = 1
    followed: str = "listtab"
    pattern: str = ""  # loext:num-list-format, e.g. "第%1%条"


@dataclass
class Counter:
    """The running numbers of one list (and the lists that continue it)."""

    levels: dict[int, Level]
    values: dict[int, int] = field(default_factory=dict)

    def next(self, depth: int, start: int | None = None, style: dict[int, Level] | None = None) -> str:
        """Count one more item at `depth` (deeper levels restart) and return its printed number, or "".

        `style` is an item's own list style (text:style-override): it prints the number, the list counts.
        """
        levels = style or self.levels
        level = levels.get(depth + 1, Level())
        self.values[depth] = start if start is not None else self.values.get(depth, level.start - 1) + 1
        for deeper in [k for k in self.values if k > depth]:
            del self.values[deeper]
        if not level.fmt:
            return ""
        if level.pattern:  # LibreOffice's own "（%2%）": it wins over prefix, suffix and display-levels
            printed = _PLACEHOLDER.sub(
                lambda m: self._number(int(m.group(1)) - 1, level, levels), level.pattern
            )
        else:
            shown = range(max(0, depth + 1 - level.display), depth + 1)
            printed = f"{level.prefix}{'.'.join(self._number(k, level, levels) for k in shown)}{level.suffix}"
        return spaced_label(printed, level.followed != "nothing")

    def _number(self, depth: int, level: Level, levels: dict[int, Level]) -> str:
        """The count at `depth` written in that level's format."""
        return format_number(self.values.get(depth, 1), levels.get(depth + 1, level).fmt or level.fmt)


@dataclass
class ListStyles:
    """A document's numbered list styles and each list's counter, and its paragraph styles that indent
    their first line (styles.xml and content.xml)."""

    styles: dict[str, dict[int, Level]] = field(default_factory=dict)
    indented: frozenset[str] = frozenset()
    by_id: dict[str, Counter] = field(default_factory=dict)
    last: dict[str, Counter] = field(default_factory=dict)

    @classmethod
    def read(cls, *roots: Element | None) -> ListStyles:
        """Collect every text:list-style's numbered levels."""
        found = cls()
        for root in roots:
            if root is None:
                continue
            for style in root.iter(_t("list-style"), _t("outline-style")):
                levels = {}
                for level in style.iter(_t("list-level-style-number"), _t("outline-level-style")):
                    fmt = level.get(f"{{{STYLE}}}num-format") or ""
                    levels[_count(level.get(_t("level")), 10)] = Level(
                        fmt=fmt,
                        prefix=level.get(f"{{{STYLE}}}num-prefix") or "",
                        suffix=level.get(f"{{{STYLE}}}num-suffix") or "",
                        start=_count(level.get(_t("start-value")), 10_000),
                        display=_count(level.get(_t("display-levels")), 10),
                        followed=_followed(level),
                        pattern=level.get(f"{{{LOEXT}}}num-list-format") or "",
                    )
                name = _OUTLINE if style.tag == _t("outline-style") else style.get(f"{{{STYLE}}}name", "")
                found.styles[name] = levels
        found.indented = _indented_styles(roots)
        return found

    def heading_label(self, h: Element) -> str:
        """The chapter number a heading outside any list takes from the outline style (第一章, 1.1), or ""."""
        if h.get(_t("is-list-header")) == "true" or _OUTLINE not in self.styles:
            return ""
        if _OUTLINE not in self.last:
            self.last[_OUTLINE] = Counter(self.styles[_OUTLINE])
        return self.last[_OUTLINE].next(_count(h.get(_t("outline-level")), 10) - 1)

    def counter(self, lst: Element, style: str | None) -> Counter:
        """The counter of a top-level list: a new one, or the one it continues (text:continue-*)."""
        if lst.getparent() is not None and lst.getparent().tag == _t("list-item"):
            return self._nested(lst)
        levels = self.styles.get(style or "", {})
        continues = lst.get(_t("continue-list"))
        if continues and continues in self.by_id:
            counter = self.by_id[continues]
        elif lst.get(_t("continue-numbering")) == "true" and (style or "") in self.last:
            counter = self.last[style or ""]
        else:
            counter = Counter(levels)
        list_id = lst.get(_XML_ID)
        if list_id:
            self.by_id[list_id] = counter
        self.last[style or ""] = counter
        return counter

    def _nested(self, lst: Element) -> Counter:
        top = lst
        for ancestor in lst.iterancestors(_t("list")):
            top = ancestor
        style = top.get(_t("style-name")) or ""
        return self.last.get(style) or Counter(self.styles.get(style, {}))


def _indented_styles(roots: tuple[Element | None, ...]) -> frozenset[str]:
    """The paragraph styles whose first line is indented (fo:text-indent > 0, their own or inherited)."""
    parents: dict[str, str] = {}
    indents: dict[str, bool] = {}
    for root in roots:
        for style in root.iter(f"{{{STYLE}}}style") if root is not None else ():
            if style.get(f"{{{STYLE}}}family") != "paragraph":
                continue
            name = style.get(f"{{{STYLE}}}name", "")
            parents[name] = style.get(f"{{{STYLE}}}parent-style-name", "")
            properties = style.find(f"{{{STYLE}}}paragraph-properties")
            indent = properties.get(f"{{{FO}}}text-indent") if properties is not None else None
            if indent is not None:
                number = re.match(r"-?\d*\.?\d+", indent)
                indents[name] = number is not None and float(number.group()) > 0
    indented = set()
    for name in parents:
        seen, current = set(), name
        while current and current not in indents and current not in seen:
            seen.add(current)
            current = parents.get(current, "")
        if indents.get(current, False):
            indented.add(name)
    return frozenset(indented)


def _followed(level: Element) -> str:
    """What follows a level's number: listtab, space or nothing (text:label-followed-by)."""
    for properties in level.iter(f"{{{STYLE}}}list-level-label-alignment"):
        return properties.get(_t("label-followed-by")) or "listtab"
    return "listtab"


_WORD_FORMATS = {
    "a": "lowerLetter",
    "A": "upperLetter",
    "i": "lowerRoman",
    "I": "upperRoman",
    "一": "chineseCounting",
    "壹": "chineseLegalSimplified",
    "①": "decimalEnclosedCircle",
    "１": "decimalFullWidth",
    "甲": "ideographTraditional",
    "子": "ideographZodiac",
}


def format_number(n: int, fmt: str) -> str:
    """Write a list number in an ODF num-format (1, a, I, "一, 二, 三, ..."), as Word writes the same format.

    >>> [format_number(12, f) for f in ("1", "一, 二, 三, ...", "a", "I", "①, ②, ③, ...")]
    ['12', '十二', 'l', 'XII', '⑫']
    """
    from policykit.formats.docx import format_number as word_number

    return word_number(n, _WORD_FORMATS.get(fmt[:1], "decimal"))
