"""Word 97 binary (.doc, and WPS Office's .wps) → `Source`, read natively from the piece table.

The text of a Word 97 file lives in the WordDocument stream of an OLE2 compound file, in pieces
listed by the piece table (Clx) in the 0Table or 1Table stream ([MS-DOC] 2.8.35). Only the main
story (the first FIB ccpText characters) is the document: footnotes, headers and footers follow it
in the same character stream; text boxes too, whose paragraphs are put after the paragraph they
are anchored in, as the .docx reader puts them. List numbering (一、, （一） made by Word's lists, not typed) is
printed before its paragraph from the list tables (see word97_lists). When the native reading
fails and LibreOffice is installed, the file is converted to .docx with `soffice --headless` instead.
"""

from __future__ import annotations

import bisect
import contextlib
import io
import shutil
import struct
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from policykit.errors import InputError
from policykit.formats import make_source, table_lines
from policykit.formats.grid import lay_out, on_edges
from policykit.formats.word97_lists import Lists, Paragraph, deleted_runs, paragraphs, read_lists
from policykit.model import Source

_FIB_MAGIC = 0xA5EC
_NFIB_WORD97 = 0x00C1
_CCP_TEXT = (
    76  # FibRgLw97.ccpText, then ccpFtn, ccpHdd, ccpMcr, ccpAtn, ccpEdn, ccpTxbx: the stories in order
)
_FC_CLX = 418  # FibRgFcLcb97.fcClx, lcbClx
_FC_PLC_SPA_MOM = (
    474  # fcPlcSpaMom, lcbPlcSpaMom: where the main story's shapes are anchored (FSPA: spid first)
)
_FC_PLCF_TXBX_TXT = 602  # fcPlcftxbxTxt, lcbPlcftxbxTxt: the text box story's boxes (FTXBXS: lid at 14)
_ROW_END = "\x06"  # stands for a 0x07 that the paragraph properties say ends a row (0x06 is unused)
_FIELD_BEGIN, _FIELD_SEPARATOR, _FIELD_END = "\x13", "\x14", "\x15"
_CELL_MARK = "\x07"
_DELETED = "\x00"  # stands for a character of a tracked deletion, dropped with the other marks
_DROPPED = dict.fromkeys(map(ord, _DELETED + "\x01\x02\x03\x04\x05\x08\x1f"), None)
# A no-break space (0xA0) stays one, as the .docx and .txt editions of the same file keep it.
_REPLACED = str.maketrans({"\x1e": "-", "\x0b": "\r", "\x0c": "\r", "\x0e": "\r"})


class Word97Error(InputError):
    """The binary could not be read natively (damaged, encrypted, or Word 6/95)."""


def read_word97(data: bytes, *, path: str, name: str) -> Source:
    """Read a .doc/.wps: natively, else through LibreOffice, else one error naming the way out."""
    kind = ".wps" if path.lower().endswith(".wps") else ".doc"
    rows: list[tuple[tuple[int, bool], ...]] = []
    lefts: list[int | None] = []
    try:
        text = main_text(data, rows=rows, lefts=lefts)
    except Word97Error as error:
        converted = _convert_with_libreoffice(data, kind)
        if converted is None:
            way_out = (
                "LibreOffice could not convert it either: open it in Word or WPS and save it as .docx"
                if shutil.which("soffice") or shutil.which("libreoffice")
                else "install LibreOffice (soffice on PATH) or save it as .docx in Word or WPS"
            )
            raise InputError(
                f"cannot read this Word 97 {kind} file ({error}): {way_out}", path=path
            ) from None
        from policykit.formats.docx import read_docx

        return read_docx(converted, path=path, name=name)
    return make_source(text_lines(text, rows, lefts), path=path, name=name, encoding=kind.lstrip("."))


def main_text(
    data: bytes,
    *,
    rows: list[tuple[tuple[int, bool], ...]] | None = None,
    lefts: list[int | None] | None = None,
) -> str:
    """Return the main story's characters, field codes already replaced by their results.

    `rows`, when given, receives each table row's cells (right edge, merged with the cell above) in the
    order the row ends stand in the text, for `text_lines` to lay merged cells out on the grid;
    `lefts` receives each row's left edge.
    """
    import olefile

    try:
        # A file object, not bytes: olefile takes bytes shorter than 1,536 for a file name to open.
        # DEFECT_INCORRECT: a stream its sectors cannot hold, or a sector past the end, is an error, not garbage.
        ole = olefile.OleFileIO(io.BytesIO(data), raise_defects=olefile.DEFECT_INCORRECT)
        _check_chain(ole, "WordDocument")
        word = ole.openstream("WordDocument").read()
    except (OSError, ValueError, IndexError, struct.error) as error:
        raise Word97Error(f"damaged compound file: {error}") from None
    if len(word) < _FC_CLX + 8:
        raise Word97Error("WordDocument stream too short")
    magic, nfib = struct.unpack_from("<HH", word, 0)
    flags = struct.unpack_from("<H", word, 0x0A)[0]
    if magic != _FIB_MAGIC:
        raise Word97Error("no Word file information block")
    if flags & 0x0100:
        raise Word97Error("encrypted")
    if nfib < _NFIB_WORD97 and nfib not in (0x00C0, 0x00C2):
        raise Word97Error(f"Word 6/95 format (nFib {nfib})")
    table_name = "1Table" if flags & 0x0200 else "0Table"
    if not ole.exists(table_name):
        raise Word97Error(f"the {table_name} stream is missing")
    try:
        _check_chain(ole, table_name)
        table = ole.openstream(table_name).read()
    except (OSError, ValueError, IndexError, struct.error) as error:
        raise Word97Error(f"damaged compound file: {error}") from None
    stories = struct.unpack_from("<7i", word, _CCP_TEXT)
    ccp_text = stories[0]
    fc_clx, lcb_clx = struct.unpack_from("<Ii", word, _FC_CLX)
    if lcb_clx <= 0 or fc_clx + lcb_clx > len(table):
        raise Word97Error("no piece table")
    try:
        marks = paragraphs(word, table)
    except (struct.error, IndexError):
        marks = {}  # without paragraph properties, text_lines guesses rows from the marks
    row_ends = {fc for fc, paragraph in marks.items() if paragraph.row_end}
    clx = table[fc_clx : fc_clx + lcb_clx]
    try:
        deleted = deleted_runs(word, table)
    except (struct.error, IndexError):
        deleted = []  # without character properties, tracked deletions read as text
    order: list[int] = []
    text, ends = _read_pieces(word, clx, ccp_text, row_ends, deleted, order)
    if rows is not None:
        rows.extend(marks[fc].cells for fc in order)
    if lefts is not None:
        lefts.extend(marks[fc].left for fc in order)
    boxes = {}
    if stories[6] > 0:  # ccpTxbx: the main story has text boxes
        with contextlib.suppress(struct.error, IndexError, ValueError):
            whole = _read_pieces(word, clx, sum(stories), deleted=deleted)[0]
            boxes = _text_boxes(word, table, whole, stories, ends, text)
    lists = read_lists(word, table) if marks else Lists()
    return strip_fields(_numbered(text, ends, marks, lists, boxes))


def _numbered(
    text: str,
    ends: list[tuple[int, int]],
    marks: dict[int, Paragraph],
    lists: Lists,
    boxes: dict[int, list[str]] | None = None,
) -> str:
    """Put each list paragraph's printed number (一、, （一）, 1.) before its text, as Word shows it, and
    the paragraphs of the text boxes anchored in a paragraph after it, as the .docx reader puts them."""
    out = []
    start = 0
    for position, fc in ends:
        paragraph = marks.get(fc)
        label = lists.label(paragraph) if paragraph is not None else ""
        out.append(label + text[start : position + 1])
        out.extend(box + "\r" for box in (boxes or {}).get(position, ()))
        start = position + 1
    out.append(text[start:])
    return "".join(out)


def _text_boxes(
    word: bytes, table: bytes, whole: str, stories: tuple[int, ...], ends: list[tuple[int, int]], text: str
) -> dict[int, list[str]]:
    """The text boxes of the main story, by the position of the paragraph mark that ends their anchor's paragraph.

    A text box's text is not in the main story but in the text box story, after the footnotes, headers,
    comments and endnotes ([MS-DOC] 2.3.6). PlcSpaMom anchors each shape (spid) at a character of the
    main story; PlcftxbxTxt cuts the text box story into boxes, each naming its shape (lid).
    """
    fc, lcb = struct.unpack_from("<Ii", word, _FC_PLC_SPA_MOM)
    count = (lcb - 4) // 30
    if count <= 0 or fc + lcb > len(table):
        return {}
    anchors = struct.unpack_from(f"<{count}i", table, fc)
    shapes = {
        struct.unpack_from("<i", table, fc + 4 * (count + 1) + 26 * k)[0]: anchors[k] for k in range(count)
    }
    fc, lcb = struct.unpack_from("<Ii", word, _FC_PLCF_TXBX_TXT)
    count = (lcb - 4) // 26
    if count <= 0 or fc + lcb > len(table):
        return {}
    cuts = struct.unpack_from(f"<{count + 1}i", table, fc)
    story = sum(stories[:6])
    paragraph_ends = [position for position, _ in ends if text[position] == "\r"]
    boxes: dict[int, list[str]] = {}
    for k in range(count):
        lid = struct.unpack_from("<i", table, fc + 4 * (count + 1) + 22 * k + 14)[0]
        anchor = shapes.get(lid)
        if anchor is None:
            continue
        box = whole[story + cuts[k] : story + cuts[k + 1]].replace(_CELL_MARK, "\r").strip("\r")
        end = next((position for position in paragraph_ends if position >= anchor), None)
        if box and end is not None:
            boxes.setdefault(end, []).extend(box.split("\r"))
    return boxes


def _check_chain(ole: Any, stream: str) -> None:
    """Refuse a stream whose chain of sectors comes back on itself: olefile would read the loop's sectors
    again up to the declared size, and the text would be garbage rather than an error."""
    import olefile

    entry = ole.direntries[ole._find(stream)]
    if entry.size < ole.minisectorcutoff:
        return  # in the mini stream, whose chain olefile checks
    fat = ole.fat
    seen = set()
    sector = entry.isectStart
    while sector != olefile.ENDOFCHAIN:
        if sector in seen or not 0 <= sector < len(fat):
            raise OSError(f"the {stream} stream's sectors loop or run past the file")
        seen.add(sector)
        sector = fat[sector]


def _read_pieces(
    word: bytes,
    clx: bytes,
    limit: int,
    row_ends: set[int] = frozenset(),  # type: ignore[assignment]
    deleted: list[tuple[int, int]] | None = None,
    order: list[int] | None = None,
) -> tuple[str, list[tuple[int, int]]]:
    """Concatenate the pieces of the piece table up to character position `limit`.

    A 0x07 whose paragraph mark ends at a file offset in `row_ends` becomes `_ROW_END`; a character
    at a file offset in a `deleted` range becomes `_DELETED` (a deleted paragraph mark joins its
    paragraph to the next, as accepting the deletion does); `order` receives the row ends' file
    offsets in the order they stand in the text. Also return each paragraph mark's
    (position in the text, file offset just after it), by which its properties are found.
    """
    pos = 0
    while pos < len(clx) and clx[pos] == 0x01:  # Prc: property modifiers, skipped
        pos += 3 + struct.unpack_from("<h", clx, pos + 1)[0]
    if pos >= len(clx) or clx[pos] != 0x02:
        raise Word97Error("malformed piece table")
    size = struct.unpack_from("<I", clx, pos + 1)[0]
    plc = clx[pos + 5 : pos + 5 + size]
    count = (len(plc) - 4) // 12
    if count <= 0:
        raise Word97Error("empty piece table")
    cps = struct.unpack_from(f"<{count + 1}i", plc, 0)
    out = []
    ends: list[tuple[int, int]] = []
    length_so_far = 0
    for i in range(count):
        start, end = cps[i], min(cps[i + 1], limit)
        if start >= end:
            break
        fc = struct.unpack_from("<I", plc, 4 * (count + 1) + 8 * i + 2)[0]
        length = end - start
        if fc & 0x40000000:  # compressed: 8-bit cp1252 at fc/2
            offset, width = (fc & 0x3FFFFFFF) // 2, 1
            piece = word[offset : offset + length].decode("cp1252", errors="replace")
        else:
            offset, width = fc, 2
            piece = word[fc : fc + 2 * length].decode("utf-16-le", errors="replace")
        if deleted:
            piece = _strike(piece, offset, width, deleted)
        if row_ends and _CELL_MARK in piece:
            marked = []
            for k, c in enumerate(piece):
                if c == _CELL_MARK and offset + width * (k + 1) in row_ends:
                    c = _ROW_END
                    if order is not None:
                        order.append(offset + width * (k + 1))
                marked.append(c)
            piece = "".join(marked)
        ends.extend(
            (length_so_far + k, offset + width * (k + 1)) for k, c in enumerate(piece) if c in "\r\x07"
        )
        length_so_far += len(piece)
        out.append(piece)
    return "".join(out), ends


def _strike(piece: str, offset: int, width: int, deleted: list[tuple[int, int]]) -> str:
    """Mark the characters of a piece that lie in a tracked deletion, by their file offsets."""
    first = bisect.bisect_right(deleted, (offset + width * len(piece),))
    overlapping = [(a, b) for a, b in deleted[:first] if b > offset]
    if not overlapping:
        return piece
    return "".join(
        _DELETED if any(a <= offset + width * k < b for a, b in overlapping) else c
        for k, c in enumerate(piece)
    )


def strip_fields(text: str) -> str:
    r"""Replace each field (0x13 code 0x14 result 0x15) by its result; nested fields too.

    >>> strip_fields("–– \x13PAGE  \x144\x15 ––")
    '–– 4 ––'
    """
    out: list[str] = []
    state: list[bool] = []  # per open field: are we in its result yet?
    for char in text:
        if char == _FIELD_BEGIN:
            state.append(False)
        elif char == _FIELD_SEPARATOR and state:
            state[-1] = True
        elif char == _FIELD_END and state:
            state.pop()
        elif all(state):
            out.append(char)
    return "".join(out)


def text_lines(
    text: str, defined: Sequence[tuple[tuple[int, bool], ...]] = (), lefts: Sequence[int | None] = ()
) -> list[str]:
    r"""Split the story into lines: CR ends a paragraph, cell marks (0x07) build table rows.

    A cell's last paragraph ends with 0x07 instead of CR, and a row ends with one more 0x07, which
    `main_text` marks as `_ROW_END` from the paragraph properties. Where it could not, an empty cell
    looks like a row end, so rows may split there. The first paragraph of a row's first cell, when
    that cell has several, is read as body text. `defined` holds each row's cells as its properties
    define them (right edge, merged with the cell above), in row order: merged cells are laid out on
    the table's grid with them (formats.grid), as every reader lays them out; `lefts` holds each
    such row's left edge, so a row starting right of the table keeps its cells under their columns.

    >>> text_lines("标题\r指标\x07目标\x07\x07森林覆盖率\x0742%\x07\x07正文\r")
    ['标题', '', '指标\t目标', '森林覆盖率\t42%', '', '正文', '']
    >>> text_lines("指标\x07备注\x07目标\x07\x06森林覆盖率\x07\x0742%\x07\x06正文")
    ['', '指标\t备注\t目标', '森林覆盖率\t\t42%', '', '正文']
    >>> text_lines("指标\x072020年\x07\x0680\x07\x06", [((1000, False), (2000, False)), ((2000, False),)], [0, 1000])
    ['', '指标\t2020年', '\t80', '', '']
    """
    text = text.translate(_DROPPED).translate(_REPLACED)
    known = _ROW_END in text
    tokens: list[tuple[str, str]] = []
    start = 0
    for index, char in enumerate(text):
        if char in "\r" + _CELL_MARK + _ROW_END:
            tokens.append((text[start:index], char))
            start = index + 1
    tokens.append((text[start:], "\r"))
    lines: list[str] = []
    rows: list[list[tuple[str, bool, int]]] = []
    row_lefts: list[int | None] = []
    cells: list[str] = []
    pending: list[str] = []  # paragraphs of a cell not yet closed
    previous = "\r"
    ended = 0  # rows ended by a marked row end: the index of the next one's properties in `defined`
    for paragraph, mark in tokens:
        in_row = bool(cells) or bool(pending)
        guessed_row_end = not known and not paragraph and previous == _CELL_MARK and not pending
        if mark == _ROW_END or (mark == _CELL_MARK and guessed_row_end):
            own = defined[ended] if mark == _ROW_END and ended < len(defined) else ()
            left = lefts[ended] if mark == _ROW_END and ended < len(lefts) else None
            ended += mark == _ROW_END
            if len(own) != len(cells):
                own, left = (
                    (),
                    None,
                )  # properties that do not fit the row: its cells as written, one column each
            row_lefts.append(left)
            edges = [edge for edge, _ in own] or [0] * len(cells)
            merged = [merged for _, merged in own] or [False] * len(cells)
            rows.append(list(zip(cells, merged, edges, strict=True)))
            cells = []
        elif mark == _CELL_MARK:
            cells.append(" ".join([*pending, paragraph]).strip())
            pending = []
        elif in_row:
            pending.append(paragraph)
        else:
            if rows:
                lines.extend(table_lines(lay_out(on_edges(rows, row_lefts))))
                rows, row_lefts = [], []
            lines.append(paragraph.replace("\t", " "))
        previous = mark
    if cells:
        rows.append([(cell, False, 0) for cell in cells])
        row_lefts.append(None)
    if rows:
        lines.extend(table_lines(lay_out(on_edges(rows, row_lefts))))
    return lines


def _convert_with_libreoffice(data: bytes, suffix: str) -> bytes | None:
    """Convert with `soffice --headless --convert-to docx` where LibreOffice is installed."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return None
    with tempfile.TemporaryDirectory(prefix="policykit-") as folder:
        source = Path(folder) / f"input{suffix}"
        source.write_bytes(data)
        # A profile of its own: parallel workers sharing the user's profile make soffice fail.
        profile = f"-env:UserInstallation={(Path(folder) / 'profile').as_uri()}"
        try:
            subprocess.run(
                [soffice, profile, "--headless", "--convert-to", "docx", "--outdir", folder, str(source)],
                check=True,
                capture_output=True,
                timeout=120,
            )
        except (subprocess.SubprocessError, OSError):
            return None
        converted = source.with_suffix(".docx")
        return converted.read_bytes() if converted.exists() else None
