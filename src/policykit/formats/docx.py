"""Word .docx → `Source`: body paragraphs in order, automatic numbering as printed, tables as rows.

Tracked insertions are read and deletions not (the document as Word shows it with changes accepted);
comments, footnotes and endnotes (their parts and their reference marks) are not body text, as in every
other reader; text boxes are read once (not again from mc:Fallback); content controls, also around table
rows and cells, give their content; field codes never, their results always; a w:altChunk's embedded
HTML or .mht is read in its place.

python-docx opens the package and its parts; the body is walked as XML (lxml) because its
paragraph API skips tracked insertions and text boxes. Headers and footers are separate parts
and never read: their page numbers (PAGE fields with stale results) are not document text.
docProps/core.xml is ignored too: templates carry another document's title there.
"""

from __future__ import annotations

import contextlib
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from policykit.errors import InputError
from policykit.formats import Element, make_source, spaced_label, table_lines, xml_problem, zip_errors
from policykit.formats.grid import GridCell, lay_out
from policykit.model import Source
from policykit.zh.numerals import to_chinese

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
INDENT = "\u3000\u3000"
_SKIPPED = {
    f"{{{W}}}{tag}" for tag in ("del", "moveFrom", "instrText", "delInstrText", "pPr", "rPr", "rt")
}  # moveFrom: where tracked moved text was; Word shows it only where it went (moveTo); rt: a ruby's reading
_SKIPPED |= {f"{{{_MC}}}Fallback"}
_HEAVENLY = "甲乙丙丁戊己庚辛壬癸"
_EARTHLY = "子丑寅卯辰巳午未申酉戌亥"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def read_docx(data: bytes, *, path: str, name: str) -> Source:
    """Read a .docx file's main document into numbered lines."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    from policykit.formats.docx_parts import as_document_package

    try:
        document = docx.Document(io.BytesIO(as_document_package(data, path)))
    except zip_errors(KeyError, ValueError, SyntaxError, PackageNotFoundError) as error:
        # SyntaxError covers lxml's XMLSyntaxError: a damaged part inside the ZIP (python-docx parses every
        # part with entities off and without XML_PARSE_HUGE: 10 MB a text node, 256 deep).
        raise InputError(
            f"cannot open this .docx ({xml_problem(error)}): re-save it in Word or WPS", path=path
        ) from None
    body = document.element.find(_w("body"))
    if document.element.tag != _w("document") or body is None:
        raise InputError(
            "this .docx has no document body (a damaged word/document.xml?): re-save it", path=path
        )
    context = Context(Numbering.from_document(document), document.part, path)
    return make_source(body_lines(body, context), path=path, name=name, encoding="docx")


def body_lines(body: Element, context: Context) -> list[str]:
    """A w:body's lines (shared with the Word 2003 XML reader)."""
    return list(_block_lines(body, context))


@dataclass
class Context:
    """What reading a body needs besides its XML: the list counters and the package's parts."""

    numbering: Numbering
    part: Any = None  # python-docx's document part: where a w:altChunk's embedded document is
    path: str = ""
    chunks: dict[str, list[str]] = field(default_factory=dict)  # embedded documents read, by part name


def _block_lines(container: Element, context: Context) -> Iterator[str]:
    """Yield the lines of a body, cell or text box: paragraphs, tables, content controls, in order."""
    for child in container:
        if child.tag == _w("p"):
            yield from paragraph_lines(child, context)
        elif child.tag == _w("tbl"):
            yield from _table_lines(child, context)
        elif child.tag in (_w("sdt"), _w("customXml"), _w("ins")) and not _placeholder(child):
            content = child.find(_w("sdtContent"))
            yield from _block_lines(content if content is not None else child, context)
        elif child.tag == _w("altChunk") and context.part is not None:
            from policykit.formats.docx_parts import chunk_lines

            yield from chunk_lines(context.part, child.get(f"{{{_R}}}id"), context.path, context.chunks)


def _placeholder(sdt: Element) -> bool:
    """Whether a content control shows its placeholder (单击或点击此处输入文字。): a prompt, not text."""
    return sdt.tag == _w("sdt") and sdt.find(f"{_w('sdtPr')}/{_w('showingPlcHdr')}") is not None


def _wrapped(element: Element, tag: str) -> list[Element]:
    """The children with `tag` (rows of a table, cells of a row), also those inside a content control."""
    found = []
    for child in element:
        if child.tag == tag:
            found.append(child)
        elif child.tag in (_w("sdt"), _w("customXml")):
            content = child.find(_w("sdtContent"))
            found.extend(_wrapped(content if content is not None else child, tag))
    return found


def _table_lines(table: Element, context: Context) -> list[str]:
    """A data table becomes tab-separated rows; a one-column or nesting (layout) table gives its paragraphs."""
    # a row deleted with tracked changes on is gone from the table Word shows
    rows = [tr for tr in _wrapped(table, _w("tr")) if tr.find(f"{_w('trPr')}/{_w('del')}") is None]
    columns = max((len(_wrapped(tr, _w("tc"))) for tr in rows), default=0)
    if columns <= 1 or table.find(f".//{_w('tc')}//{_w('tbl')}") is not None:
        return [line for tr in rows for tc in _wrapped(tr, _w("tc")) for line in _block_lines(tc, context)]
    cells_by_row = []
    for tr in rows:
        before = tr.find(f"{_w('trPr')}/{_w('gridBefore')}")  # a row that starts right of the grid's edge
        cells = [GridCell("", columns=_span(before))] if before is not None else []
        for tc in _wrapped(tr, _w("tc")):
            merged = tc.find(f"{_w('tcPr')}/{_w('vMerge')}")
            continuing = merged is not None and merged.get(_w("val"), "continue") == "continue"
            text = "" if continuing else " ".join(_cell_lines(tc, context))
            span = _span(tc.find(f"{_w('tcPr')}/{_w('gridSpan')}"))
            cells.append(GridCell(text, columns=span, merged_above=continuing))
        cells_by_row.append(cells)
    return table_lines(lay_out(cells_by_row))


def _span(element: Element | None) -> int:
    """The grid columns a w:gridSpan or w:gridBefore counts (1 when absent or unreadable)."""
    try:
        return max(1, min(int(element.get(_w("val"), "1")), 63)) if element is not None else 1
    except ValueError:
        return 1


def _cell_lines(tc: Element, context: Context) -> list[str]:
    return [line.strip() for line in _block_lines(tc, context) if line.strip()]


def paragraph_lines(p: Element, context: Context) -> list[str]:
    """A paragraph's text as printed: its number, its runs (line breaks split it), then its text boxes."""
    parts: list[str] = []
    boxes: list[str] = []
    _collect(p, parts, boxes, context)
    text = "".join(parts)
    label = context.numbering.label(p)
    if label:
        text = label + text.lstrip()
    elif _first_line_indent(p) and text[:1] not in (" ", "\u3000", ""):
        text = INDENT + text
    lines = [line.replace("\t", " ") for line in text.split("\n")]
    return [*lines, *boxes]


def _collect(element: Element, parts: list[str], boxes: list[str], context: Context) -> None:
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIPPED or (tag == _w("sdt") and _placeholder(child)):
            continue
        if tag == _w("t"):
            parts.append(child.text or "")
        elif tag == _w("tab"):
            parts.append("\t")
        elif tag in (_w("br"), _w("cr")):
            parts.append("\n")
        elif tag == _w("noBreakHyphen"):
            parts.append("-")
        elif tag == _w("txbxContent"):
            boxes.extend(_block_lines(child, context))
        else:
            _collect(child, parts, boxes, context)


def _first_line_indent(p: Element) -> bool:
    ind = p.find(f"{_w('pPr')}/{_w('ind')}")
    if ind is None:
        return False
    return any(_number(ind.get(_w(a))) > 0 for a in ("firstLine", "firstLineChars"))


def _number(value: str | None) -> float:
    try:
        return float(value) if value else 0.0
    except ValueError:
        return 0.0


@dataclass(frozen=True)
class Level:
    """One level of a Word list: its number format, its printed pattern (%1.%2) and its start value."""

    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1
    suffix: str = "tab"
    legal: bool = False


@dataclass
class Numbering:
    """Word's automatic numbering (numbering.xml), with the counters a reader keeps while reading."""

    levels: dict[str, dict[int, Level]] = field(default_factory=dict)  # abstractNumId → ilvl → Level
    instances: dict[str, str] = field(default_factory=dict)  # numId → abstractNumId
    overrides: dict[str, dict[int, int]] = field(default_factory=dict)  # numId → ilvl → start
    formats: dict[str, dict[int, Level]] = field(
        default_factory=dict
    )  # numId → ilvl → Level (lvlOverride/lvl)
    styles: dict[str, tuple[str | None, int, str | None]] = field(default_factory=dict)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)
    started: set[str] = field(default_factory=set)

    @classmethod
    def from_document(cls, document: Any) -> Numbering:
        """Read numbering.xml and the styles that carry a numPr (Heading 1 → 一、)."""
        numbering = cls()
        links: dict[str, str] = {}  # abstractNumId → the list style whose levels it borrows
        owners: dict[str, str] = {}  # list style → the abstractNumId that defines its levels
        part = None
        with contextlib.suppress(KeyError, NotImplementedError, AttributeError):
            part = document.part.numbering_part
        if part is not None:
            root = part.element
            for abstract in root.findall(_w("abstractNum")):
                abstract_id = abstract.get(_w("abstractNumId"), "")
                levels = {int(lvl.get(_w("ilvl"), "0")): _level(lvl) for lvl in abstract.findall(_w("lvl"))}
                numbering.levels[abstract_id] = levels
                if (linked := _val(abstract, "numStyleLink")) is not None:
                    links[abstract_id] = linked
                if (owned := _val(abstract, "styleLink")) is not None:
                    owners[owned] = abstract_id
            for num in root.findall(_w("num")):
                num_id = num.get(_w("numId"), "")
                numbering.instances[num_id] = _val(num, "abstractNumId") or ""
                for override in num.findall(_w("lvlOverride")):
                    level = int(override.get(_w("ilvl"), "0"))
                    lvl = override.find(_w("lvl"))
                    if lvl is not None:  # the level redefined for this list: its format and text
                        numbering.formats.setdefault(num_id, {})[level] = _level(lvl)
                    start = _val(override, "startOverride")  # only this restarts (LibreOffice reads so)
                    if start is not None:
                        numbering.overrides.setdefault(num_id, {})[level] = int(start)
        try:
            styles = document.styles.element
        except (KeyError, AttributeError):
            styles = None
        if styles is not None:
            for style in styles.findall(_w("style")):
                num_pr = style.find(f"{_w('pPr')}/{_w('numPr')}")
                num_id = _val(num_pr, "numId") if num_pr is not None else None
                style_level = _val(num_pr, "ilvl") if num_pr is not None else None
                numbering.styles[style.get(_w("styleId"), "")] = (
                    num_id,
                    int(style_level or 0),
                    _val(style, "basedOn"),
                )
        numbering._follow_list_styles(links, owners)
        return numbering

    def _follow_list_styles(self, links: dict[str, str], owners: dict[str, str]) -> None:
        """Give a list that names a list style (w:numStyleLink) the levels of the list defining that style.

        Word writes a template's multilevel list (一、 （一） 1.) as a numbering style: the paragraphs' list
        holds no levels, only the style's name; the list with w:styleLink of that name, or the one the
        style's own numPr points to, holds them.
        """
        for abstract_id, style_id in links.items():
            if self.levels.get(abstract_id):
                continue
            owner = owners.get(style_id)
            if owner is None:
                num_id = self.styles.get(style_id, (None, 0, None))[0]
                owner = self.instances.get(num_id) if num_id else None
            if owner is not None and owner != abstract_id:
                self.levels[abstract_id] = self.levels.get(owner, {})

    def _style_numbering(self, style_id: str | None) -> tuple[str | None, int]:
        seen = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            num_id, level, based_on = self.styles.get(style_id, (None, 0, None))
            if num_id:
                return num_id, level
            style_id = based_on
        return None, 0

    def label(self, p: Element) -> str:
        """Advance the counters for a numbered paragraph and return its printed number, or ""."""
        ppr = p.find(_w("pPr"))
        if ppr is None:
            return ""
        num_pr = ppr.find(_w("numPr"))
        num_id, level = self._style_numbering(_val(ppr, "pStyle"))
        if num_pr is not None:
            num_id = _val(num_pr, "numId") or num_id
            level = int(_val(num_pr, "ilvl") or level)
        if not num_id or num_id == "0" or num_id not in self.instances:
            return ""
        abstract = self.instances[num_id]
        levels = {**self.levels.get(abstract, {}), **self.formats.get(num_id, {})}
        if level not in levels:
            return ""
        counters = self.counters.setdefault(abstract, {})
        if num_id not in self.started:
            self.started.add(num_id)
            for lvl, start in self.overrides.get(num_id, {}).items():
                counters[lvl] = start - 1
        return advance(levels, counters, level)


def advance(levels: dict[int, Level], counters: dict[int, int], level: int) -> str:
    """Count one more paragraph at `level` of a list (deeper levels restart) and return its printed number.

    Shared with the Word 97 reader, whose lists have the same levels and number formats.
    """
    counters[level] = counters.get(level, levels[level].start - 1) + 1
    for deeper in [k for k in counters if k > level]:
        del counters[deeper]
    this = levels[level]
    if this.fmt in ("bullet", "none") or not this.text:
        return ""

    def value(match: re.Match[str]) -> str:
        k = int(match.group(1)) - 1
        fmt = "decimal" if this.legal else levels.get(k, Level()).fmt
        n = counters.get(k, levels.get(k, Level()).start)
        return format_number(n, fmt)

    return spaced_label(re.sub(r"%([1-9])", value, this.text), this.suffix != "nothing")


def _level(lvl: Element) -> Level:
    """One w:lvl of numbering.xml, in an abstract list or a list's override."""
    return Level(
        fmt=_val(lvl, "numFmt") or "decimal",
        text=_val(lvl, "lvlText") or "",
        start=int(_val(lvl, "start") or 1),
        suffix=_val(lvl, "suff") or "tab",
        legal=lvl.find(_w("isLgl")) is not None,
    )


def _val(element: Element, tag: str) -> str | None:
    child = element.find(_w(tag))
    return child.get(_w("val")) if child is not None else None


def format_number(n: int, fmt: str) -> str:
    """Write a list counter in one of Word's number formats.

    >>> [format_number(12, f) for f in ("decimal", "chineseCounting", "ideographTraditional", "upperRoman")]
    ['12', '十二', '乙', 'XII']
    """
    if fmt in (
        "chineseCounting",
        "chineseCountingThousand",
        "japaneseCounting",
        "taiwaneseCounting",
        "taiwaneseCountingThousand",
    ):
        return to_chinese(n)
    if fmt in ("ideographDigital", "taiwaneseDigital"):
        return str(n).translate(str.maketrans("0123456789", "〇一二三四五六七八九"))
    if fmt in ("chineseLegalSimplified", "ideographLegalTraditional"):
        return to_chinese(n).translate(str.maketrans("一二三四五六七八九十百千", "壹贰叁肆伍陆柒捌玖拾佰仟"))
    if fmt == "ideographTraditional":
        return _HEAVENLY[(n - 1) % 10]
    if fmt == "ideographZodiac":
        return _EARTHLY[(n - 1) % 12]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= len(_CIRCLED):
        return _CIRCLED[n - 1]
    if fmt == "decimalFullWidth":
        return str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt in ("upperLetter", "lowerLetter"):
        letter = chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt in ("upperRoman", "lowerRoman"):
        roman = _roman(n)
        return roman if fmt == "upperRoman" else roman.lower()
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


def _roman(n: int) -> str:
    out = ""
    for value, letters in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while n >= value:
            out += letters
            n -= value
    return out
