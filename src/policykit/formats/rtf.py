"""RTF (.rtf, and the many .doc files that are RTF inside) → `Source`: paragraphs as lines, tables as rows.

A small tokenizer, because the text is all we need: groups, control words, \\'hh escapes gathered
into byte runs and decoded in the code page of the font in use (\\fcharset134 → GBK) or of the
document (\\ansicpg936), and \\uN escapes with their \\ucN fallback characters skipped. Destinations that
are not body text are skipped: font, colour and style tables, document info, pictures, objects, field
instructions, headers, footers and footnotes (as the .docx reader skips them). The list numbers Word
writes for older readers ({\\listtext 一、\\tab}) are kept: they are the numbers as printed.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, replace

from policykit import pattern_cache
from policykit.errors import InputError
from policykit.formats import make_source, spaced_label, table_lines
from policykit.formats.grid import lay_out, on_edges
from policykit.model import Source

_TOKEN = pattern_cache.compile(
    r"\\([a-zA-Z]{1,32})(-?\d{1,10})? ?"  # a control word, its parameter, and the space that ends it
    r"|\\'([0-9a-fA-F]{2})"  # a byte in the code page
    r"|\\([^a-zA-Z])"  # a control symbol: \\ \{ \} \~ \- \_ \* \<newline> (or a broken \')
    r"|([{}])"
    r"|[\r\n]+"  # line ends in the file are not text
    r"|([^\\{}\r\n]+)",
    re.S,
)
_SKIPPED = frozenset(
    (
        *("fonttbl", "colortbl", "stylesheet", "info", "pict", "object", "objdata", "fldinst", "datafield"),
        *("header", "headerl", "headerr", "headerf", "footer", "footerl", "footerr", "footerf"),
        *("footnote", "annotation", "atnid", "atnauthor", "xe", "tc", "tcn", "bkmkstart", "bkmkend"),
        *("listtable", "listoverridetable", "revtbl", "rsidtbl", "themedata", "colorschememapping"),
        *("latentstyles", "datastore", "xmlnstbl", "filetbl", "generator", "nonshppict"),
        *("shpinst", "shprslt"),  # a shape's properties and its old-style copy: its \\shptxt is read
        *("pntxta", "pntxtb", "template", "userprops", "docvar", "private"),
    )
)
_CHARSETS = {
    2: "cp1252",  # the Symbol font: its bytes are glyph numbers, read as Latin-1 they stay harmless
    128: "cp932",
    129: "cp949",
    130: "johab",
    134: "gb18030",  # GB2312 by name; Word writes GBK, which GB18030 decodes too
    136: "big5hkscs",
    161: "cp1253",
    162: "cp1254",
    163: "cp1258",
    177: "cp1255",
    178: "cp1256",
    186: "cp1257",
    204: "cp1251",
    222: "cp874",
    238: "cp1250",
}
_CODE_PAGES = {936: "gb18030", 950: "big5hkscs", 54936: "gb18030", 65001: "utf-8", 10000: "mac_roman"}
_SYMBOLS = {"~": "\u00a0", "_": "-", "\\": "\\", "{": "{", "}": "}"}
_WORDS = {
    "tab": "\t",
    "emdash": "\u2014",
    "endash": "\u2013",
    "emspace": "\u2003",
    "enspace": "\u2002",
    "qmspace": "\u2005",
    "bullet": "\u2022",
    "lquote": "\u2018",
    "rquote": "\u2019",
    "ldblquote": "\u201c",
    "rdblquote": "\u201d",
    "zwj": "\u200d",
    "zwnj": "\u200c",
}
INDENT = "\u3000\u3000"


@dataclass(frozen=True)
class State:
    """What a group inherits: skipped or hidden, the font in force, \\ucN, and whether text is a list number."""

    skip: bool = False
    font: int | None = None
    uc: int = 1
    label: bool = False
    hidden: bool = False
    fonts: bool = False  # inside the font table: \\fN \\fcharsetN define fonts there


def rtf_text(raw: str) -> list[str]:
    r"""Turn RTF (bytes as latin-1 characters) into its body's lines; table rows come as table lines.

    >>> rtf_text(r"{\rtf1\ansi\ansicpg936{\fonttbl{\f0\fcharset134 \'cb\'ce\'cc\'e5;}}\f0 \'b5\'da\'d2\'bb\'cc\'f5\par \u20013?\uc2\u22269\'b9\'fa}")
    ['第一条', '中国']
    """
    return _Reader().read(raw)


# \trleft: the row's left edge; \trwWidthB in \trftsWidthB units: the white before its first cell
# (Word's gridBefore), counted when in twips (3).
_ROW_LEFT = ("trleft", "trwWidthB", "trftsWidthB")
_TWIPS = 3
_Cell = tuple[str, bool, int]
"""A cell as read: its text, whether \\clvmrg merged it with the cell above, its right edge (\\cellx, twips)."""


class _Reader:
    """One pass over the tokens, keeping the group stack, the current paragraph, cell, row and table."""

    def __init__(self) -> None:
        self.default = "cp1252"
        self.charsets: dict[int, str] = {}
        self.symbol_fonts: set[int] = set()  # \fcharset2 fonts (Symbol, Wingdings): glyphs, not letters
        self.font_defined: int | None = None
        self.lines: list[str] = []
        self.parts: list[str] = []
        self.label: list[str] = []
        self.bytes = bytearray()
        self.in_table = False  # \intbl: the paragraph being read is inside a table cell
        self.indented = False  # \fiN with N > 0: its first line is indented
        self.cell: list[str] = []
        self.row: list[str] = []
        self.table: list[list[_Cell]] = []
        self.defined: list[
            tuple[bool, int]
        ] = []  # the row's cells as \cellx defines them: merged above, right edge
        self.merging = False  # \clvmrg read (the lower part of a cell spanning rows), its \cellx not yet
        self.row_left = [0, 0, 0]  # \trleft, \trwWidthB, \trftsWidthB: where the row's first cell starts
        self.lefts: list[int | None] = []  # each table row's left edge (twips), for rows starting right
        self.boxes: list[str] = []  # lines of text boxes anchored in the paragraph being read
        self.outside: (
            tuple[list[str], list[str], list[str], bool, list[str], list[str], list[list[_Cell]]] | None
        )
        self.outside = None  # the paragraph, cell, row and table around a text box being read
        self.outside_lefts: list[int | None] = []
        self.box_depth = 0

    def read(self, raw: str) -> list[str]:
        stack: list[State] = []
        state = State()
        skip_chars = 0  # fallback characters still to skip after a \uN
        position = 0
        while position < len(raw):
            match = _TOKEN.match(raw, position)
            if match is None:  # a lone backslash at the very end
                break
            position = match.end()
            word, param, hexbyte, symbol, brace, text = match.groups()
            if brace:
                self._flush_bytes(state)
                skip_chars = 0
                if brace == "{":
                    stack.append(state)
                elif stack:
                    state = stack.pop()
                    if not stack:
                        break  # the document's group is closed: what follows (NUL padding) is not RTF
                    if self.outside is not None and len(stack) < self.box_depth:
                        self._end_box()
                continue
            if skip_chars and (hexbyte or symbol or text):
                if not text or len(text) <= skip_chars:
                    skip_chars -= len(text) if text else 1
                    continue
                text, skip_chars = text[skip_chars:], 0
            if hexbyte:
                if not state.skip:
                    self.bytes.append(int(hexbyte, 16))
                continue
            self._flush_bytes(state)
            if word == "bin" and param:
                position += max(0, int(param))  # raw binary data (a picture): not text, may hold braces
            elif word:
                state, skip_chars = self._word(word, param, state, skip_chars, stack)
            elif symbol == "*":
                state = replace(state, skip=True)  # an optional destination this reader does not know
            elif symbol and not state.skip:
                if symbol in "\r\n":
                    self._end_paragraph()
                elif symbol in _SYMBOLS:
                    self._add(_SYMBOLS[symbol], state)
            elif text and not (state.skip or state.hidden):
                self._add_text(text, state)
        self._flush_bytes(state)
        if stack:
            raise InputError(
                f"this RTF file ends inside {len(stack)} open group(s): it is cut short (a broken download?); "
                "get it again or save it as .docx"
            )
        if self.parts or self.label or self.boxes:
            self._end_paragraph()
        self._end_table()
        return self.lines

    def _word(
        self, word: str, param: str | None, state: State, skip_chars: int, stack: list[State]
    ) -> tuple[State, int]:
        """Act on one control word; return the state that follows and how many fallback characters to skip."""
        value = int(param) if param is not None else None
        if word in _SKIPPED:
            return replace(state, skip=True, fonts=word == "fonttbl"), 0
        if state.fonts:
            if word == "f":
                self.font_defined = value
            elif self.font_defined is not None and value is not None:
                if word == "fcharset" and value in _CHARSETS:
                    self.charsets[self.font_defined] = _CHARSETS[value]
                if word == "fcharset" and value == 2:
                    self.symbol_fonts.add(self.font_defined)
                elif word == "cpg":
                    self.charsets[self.font_defined] = _code_page(value, self.default)
            return state, skip_chars
        if word == "ansicpg" and value is not None:
            self.default = _code_page(value, self.default)
        elif word in ("mac", "pc", "pca"):
            self.default = {"mac": "mac_roman", "pc": "cp437", "pca": "cp850"}[word]
        elif word == "f":
            return replace(state, font=value), skip_chars
        elif word == "v":
            return replace(state, hidden=value != 0), skip_chars  # hidden text (\\v ... \\v0) is not printed
        elif word == "plain":
            return replace(state, hidden=False), skip_chars
        elif word == "uc" and value is not None:
            return replace(state, uc=max(0, value)), skip_chars
        elif word in ("listtext", "pntext"):
            return replace(state, label=True), 0
        elif word == "shptxt" and self.outside is None:
            self._start_box(len(stack))
            return replace(state, skip=False, hidden=False, label=False), 0
        elif state.skip:
            return state, skip_chars
        elif word == "u" and value is not None:
            code = value % 65536 if value < 0 else value  # Word writes U+8000 and up as negative numbers
            if code <= 0x10FFFF:
                self._add(chr(code), state)
            return state, state.uc
        elif word == "par" or (word == "sect" and (self.parts or self.label)):
            self._end_paragraph()
        elif word == "pard" and not state.label:  # {\\listtext\\pard ...} resets only the number's own look
            self.in_table = self.indented = False
        elif word == "fi" and not state.label:
            self.indented = (value or 0) > 0
        elif word == "intbl":
            self.in_table = True
        elif word == "line":
            self._add("\n", state)
        elif word == "trowd":
            self.defined, self.merging, self.row_left = [], False, [0, 0, 0]
        elif word in _ROW_LEFT:
            self.row_left[_ROW_LEFT.index(word)] = value or 0
        elif word == "clvmrg":
            self.merging = True
        elif word == "cellx":
            self.defined.append((self.merging, value or 0))
            self.merging = False
        elif word == "cell":
            self._end_cell()
        elif word == "row":
            self._end_row()
        elif word == "nestcell":
            self._add(" ", state)
        elif word in _WORDS:
            self._add(_WORDS[word], state)
        return state, skip_chars

    def _encoding(self, state: State) -> str:
        return self.charsets.get(state.font, self.default) if state.font is not None else self.default

    def _add_text(self, text: str, state: State) -> None:
        """Add plain text; raw bytes above 0x7f (WPS writes GBK unescaped) decode like \\'hh escapes."""
        if text.isascii():
            self._add(text, state)
        else:
            self.bytes.extend(text.encode("latin-1"))
            self._flush_bytes(state)

    def _flush_bytes(self, state: State) -> None:
        if self.bytes:
            data, self.bytes = bytes(self.bytes), bytearray()
            if not state.skip:
                self._add(_decode(data, self._encoding(state)), state)

    def _add(self, text: str, state: State) -> None:
        if state.hidden or (state.label and state.font in self.symbol_fonts):
            return  # a bullet is a letter in Wingdings or Symbol ({\listtext\f10 l\tab} is ●): no number
        (self.label if state.label else self.parts).append(text)

    def _paragraph(self) -> list[str]:
        """The paragraph read so far as lines (\\line splits it), its list number in front."""
        text = "".join(self.parts).encode("utf-16", "surrogatepass").decode("utf-16", "replace")
        label = "".join(self.label).replace("\t", " ").strip()
        if not any(c.isalnum() for c in label):
            label = ""  # a bullet (•, or \\'b7 in the Symbol font): the .docx reader prints none either
        self.parts, self.label = [], []
        if label:
            text = spaced_label(label, True) + text.lstrip()
        elif self.indented and text[:1] not in (" ", "\u3000", ""):
            text = INDENT + text  # a first-line indent, printed as the .docx reader prints it
        return text.replace("\t", " ").split("\n")

    def _end_paragraph(self) -> None:
        if self.in_table:
            self.cell.extend(self._paragraph())  # one of several paragraphs in a cell
            return
        lines = self._paragraph()
        self._end_table()
        self.lines.extend([*lines, *self.boxes])  # a paragraph's text boxes follow it, as in the .docx reader
        self.boxes = []

    def _start_box(self, depth: int) -> None:
        """A text box ({\\shptxt} inside a shape): read its paragraphs apart from the one it is anchored in."""
        self.outside = (self.lines, self.parts, self.label, self.in_table, self.cell, self.row, self.table)
        self.outside_lefts = self.lefts
        self.lines, self.parts, self.label, self.in_table, self.cell, self.row, self.table = (
            [],
            [],
            [],
            False,
            [],
            [],
            [],
        )
        self.lefts = []
        self.box_depth = depth

    def _end_box(self) -> None:
        if self.parts or self.label:
            self._end_paragraph()
        self._end_table()
        box = [line for line in self.lines if line.strip()]
        assert self.outside is not None
        self.lines, self.parts, self.label, self.in_table, self.cell, self.row, self.table = self.outside
        self.lefts = self.outside_lefts
        self.outside = None
        self.boxes.extend(box)

    def _end_cell(self) -> None:
        self.cell.extend([*self._paragraph(), *self.boxes])
        self.boxes = []
        self.row.append(" ".join(part.strip() for part in self.cell if part.strip()))
        self.cell = []

    def _end_row(self) -> None:
        if self.parts or self.label:
            self._end_cell()
        if self.row:
            self.table.append(
                [
                    (text, *(self.defined[k] if k < len(self.defined) else (False, -1)))
                    for k, text in enumerate(self.row)
                ]
            )
            start, before, unit = self.row_left
            self.lefts.append(start + (before if unit == _TWIPS else 0))
        self.row = []

    def _end_table(self) -> None:
        self._end_row()
        if not self.table:
            return
        if max(len(row) for row in self.table) <= 1:
            self.lines.extend(cell[0] for row in self.table for cell in row)  # a one-column box, not a table
        else:
            self.lines.extend(table_lines(lay_out(on_edges(self.table, self.lefts))))
        self.table, self.lefts = [], []


def _code_page(number: int, fallback: str) -> str:
    """The Python codec of a Windows code page number (936 → gb18030), or the fallback if Python has none."""
    name = _CODE_PAGES.get(number, f"cp{number}")
    try:
        codecs.lookup(name)
    except LookupError:
        return fallback
    return name


def _decode(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return data.decode(encoding, errors="replace")


def read_rtf(data: bytes, *, path: str, name: str) -> Source:
    """Read an RTF file's body into numbered lines."""
    start = data.find(b"{\\rtf")
    if start < 0:
        raise InputError(
            "not an RTF file (no {\\rtf at the start): save it as .docx and try again", path=path
        )
    try:
        lines = rtf_text(data[start:].decode("latin-1"))
    except InputError as error:
        raise InputError(str(error), path=path) from None
    return make_source(lines, path=path, name=name, encoding="rtf")
