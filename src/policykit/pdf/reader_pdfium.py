"""The main reader: PDFium (through pypdfium2's C API) gives each page's characters and their boxes."""

from __future__ import annotations

import ctypes
import math
from collections.abc import Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING

from policykit.errors import PdfError
from policykit.pdf.layout import PageText, fragments_of
from policykit.pdf.tables import Rule, box_sides, horizontal_rule, joined_rules, vertical_rule

if TYPE_CHECKING:
    from pypdfium2.raw import FPDF_PAGE, FPDF_TEXTPAGE

    from policykit.pdf import reader_pdfminer  # which imports this module

NAME = "pypdfium2"

# Past these a page is not text a person reads but a bomb or a generated stress file: it is skipped.
MAX_PAGE_CHARS = 200_000
MAX_PAGE_OBJECTS = 500_000
# Unicode values PDFium gives glyphs it cannot map: nothing, a replacement, or a private-use slot.
UNMAPPED = range(0xE000, 0xF900)
# What PDFium reports for a hyphen drawn at the end of a line (it guesses a soft hyphen): the
# glyph is there, and between ideographs it is a real dash (大创谷艺术中心-敦煌当代美术馆).
_LINE_END_HYPHEN = 0xFFFE
# How many of a page's objects are checked for fonts that are not embedded, or for invisible text.
_SAMPLE = 64
# How deep forms inside forms are looked into for invisible text.
_FORM_DEPTH = 3
# Below the baseline, in ems: where an ideograph's em box ends in most Chinese fonts.
_DESCENT = 0.12
# Past this tilt (sin 5°) glyphs are a watermark or a stamp; below it, a page scanned askew whose
# OCR layer follows the scan's lines (Tesseract rotates a block's text matrix to its baseline).
_SKEW = 0.087
_Char = tuple[float, float, float, float, float, str]
"""A glyph: (x0, x1, top, bottom, size, text), what layout.fragments_of groups."""


_FONT_INFO: list = []  # the callbacks PDFium holds on to must outlive it


def _without_system_fonts() -> None:
    """Tell PDFium (once per process) to map no font to the system's: text needs metrics, not glyphs.

    For a font that is not embedded PDFium otherwise loads a system substitute such as Noto CJK
    and its glyphs, page after page: 50 ms a page instead of 5. Without it, what PDFium cannot
    measure it may drop, which `_drops_text` catches and pdfminer reads instead. Rendering in this
    process (which policykit does not do) would show such fonts as boxes.
    """
    if _FONT_INFO:
        return
    import pypdfium2.raw as raw

    info = raw.FPDF_SYSFONTINFO()
    kinds = dict(raw.FPDF_SYSFONTINFO._fields_)
    numbers = {"GetFontData", "GetFaceName", "GetFontCharset"}  # these answer 0, the rest NULL
    callbacks = {
        name: kinds[name](_answering(0 if name in numbers else None))
        for name in (
            "Release",
            "EnumFonts",
            "MapFont",
            "GetFont",
            "GetFontData",
            "GetFaceName",
            "GetFontCharset",
            "DeleteFont",
        )
    }
    info.version = 1
    for name, callback in callbacks.items():
        setattr(info, name, callback)
    raw.FPDF_SetSystemFontInfo(ctypes.byref(info))
    _FONT_INFO.extend([info, callbacks])


def _answering(value):
    """A callback that ignores its arguments and returns `value`."""
    return lambda *_: value


def _upright(
    edges: Sequence[float], cos: float, sin: float, middle_x: float, middle_y: float
) -> tuple[float, float, float]:
    """A glyph's (left, top, right) turned back by its small tilt about the page's centre.

    `edges` is PDFium's upright box (left, top, right, bottom, y up) around the tilted glyph box.
    """
    box_width, box_height = edges[2] - edges[0], edges[1] - edges[3]
    across = cos * cos - sin * sin
    width = (box_width * cos - box_height * abs(sin)) / across
    tall = (box_height * cos - box_width * abs(sin)) / across
    dx, dy = (edges[0] + edges[2]) / 2 - middle_x, (edges[1] + edges[3]) / 2 - middle_y
    x, y = middle_x + dx * cos + dy * sin, middle_y - dx * sin + dy * cos
    return x - width / 2, y + tall / 2, x + width / 2


def _times(first: tuple[float, ...], then: tuple[float, ...]) -> tuple[float, ...]:
    """The matrix that applies `first`, then `then` (PDF's row-vector order: first × then)."""
    a, b, c, d, e, f = first
    p, q, r, s, t, u = then
    return (a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s, e * p + f * r + t, e * q + f * s + u)


def _placed(matrix: tuple[float, ...], x0: float, y0: float, x1: float, y1: float) -> tuple[float, ...]:
    """A box placed by `matrix`: the upright box around its four corners (x0, y0, x1, y1)."""
    a, b, c, d, e, f = matrix
    xs = [a * x + c * y + e for x in (x0, x1) for y in (y0, y1)]
    ys = [b * x + d * y + f for x in (x0, x1) for y in (y0, y1)]
    return min(xs), min(ys), max(xs), max(ys)


class PageTooLarge(Exception):
    """A page past the per-page budget; the caller skips it with a warning."""


class PageUnloadable(PageTooLarge):
    """PDFium cannot load a page at all: its page object is damaged (a loop in the page tree, a missing object)."""


class Reader:
    """An open PDF read page by page with PDFium."""

    name = NAME

    def __init__(self, source: str | bytes, password: str | None, label: str) -> None:
        import pypdfium2 as pdfium
        import pypdfium2.raw as raw

        _without_system_fonts()
        self.raw = raw
        self.source, self.password, self.label = source, password, label
        self.fallback: reader_pdfminer.Reader | None = (
            None  # the pdfminer reader for pages PDFium would read short
        )
        try:
            self.document = pdfium.PdfDocument(source, password=password)
        except pdfium.PdfiumError as error:
            if error.err_code == raw.FPDF_ERR_PASSWORD:
                if password:
                    raise PdfError(
                        "wrong password for this encrypted PDF: check --password", path=label
                    ) from None
                raise PdfError(
                    "the PDF is encrypted: pass its password with --password, or decrypt it first (qpdf --decrypt)",
                    path=label,
                ) from None
            if error.err_code == raw.FPDF_ERR_SECURITY:
                raise PdfError(
                    "the PDF uses an encryption PDFium cannot read: decrypt it first, "
                    "e.g. qpdf --decrypt in.pdf out.pdf",
                    path=label,
                ) from None
            raise OpenFailed(str(error)) from None
        self.pages = len(self.document)

    def page(self, index: int) -> PageText:
        """Extract page `index` (from 0): every drawn character with its loose box, top-down."""
        raw = self.raw
        page = raw.FPDF_LoadPage(self.document.raw, index)
        if not page:
            raise PageUnloadable(f"page {index + 1} cannot be loaded (its page object is damaged)")
        try:
            width, height = raw.FPDF_GetPageWidthF(page), raw.FPDF_GetPageHeightF(page)
            objects = raw.FPDFPage_CountObjects(page)
            if objects > MAX_PAGE_OBJECTS:
                raise PageTooLarge(f"page {index + 1} has {objects} objects")
            text_page = raw.FPDFText_LoadPage(page)
            try:
                if self._dropped(page, text_page, objects):
                    raise Unreadable(f"page {index + 1} has text PDFium cannot measure")
                ocr = self._invisible(page, objects)
                chars, undecodable = self._chars(text_page, width, height, index, ocr)
            finally:
                raw.FPDFText_ClosePage(text_page)
            rules, walls = self._rules(page, objects, height) if chars else ((), ())
            images = 0
            if not chars:
                images = sum(
                    raw.FPDFPageObj_GetType(raw.FPDFPage_GetObject(page, i)) == raw.FPDF_PAGEOBJ_IMAGE
                    for i in range(objects)
                )
        finally:
            raw.FPDF_ClosePage(page)
        return PageText(
            number=index + 1,
            width=width,
            height=height,
            fragments=tuple(fragments_of(chars, ocr)),
            glyphs=len(chars) + undecodable,
            undecodable=undecodable,
            images=images,
            ocr=ocr,
            rules=rules,
            walls=walls,
        )

    def _rules(
        self, page: FPDF_PAGE, objects: int, height: float
    ) -> tuple[tuple[Rule, ...], tuple[Rule, ...]]:
        """The page's horizontal rules (x0, x1, y from the top) and vertical ones (x, top, bottom): its tables' lines.

        Rules drawn inside forms count (placed by the form's matrix), and so do the sides of a stroked
        rectangle, a table cell drawn as its own box.
        """
        found: list[Rule] = []
        walls: list[Rule] = []
        get = partial(self.raw.FPDFPage_GetObject, page)
        self._paths(get, objects, (1.0, 0.0, 0.0, 1.0, 0.0, 0.0), found, walls, 0)
        return (
            tuple((x0, x1, height - y) for x0, x1, y in joined_rules(found)),
            tuple((x, height - y1, height - y0) for x, y0, y1 in walls),
        )

    def _paths(
        self,
        get: Callable[[int], object],
        count: int,
        matrix: tuple[float, ...],
        found: list[Rule],
        walls: list[Rule],
        depth: int,
    ) -> None:
        """Add the rules among `count` objects (`get(i)`), y up, placed by `matrix`; forms looked into."""
        raw = self.raw
        left, bottom, right, top = (ctypes.c_float() for _ in range(4))
        bounds = (ctypes.byref(left), ctypes.byref(bottom), ctypes.byref(right), ctypes.byref(top))
        path, form = raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_FORM
        placed = matrix != (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
        for i in range(count):
            item = get(i)
            kind = raw.FPDFPageObj_GetType(item)
            if kind == form and depth < _FORM_DEPTH:
                inner = raw.FS_MATRIX()
                raw.FPDFPageObj_GetMatrix(item, ctypes.byref(inner))
                own = (inner.a, inner.b, inner.c, inner.d, inner.e, inner.f)
                children = raw.FPDFFormObj_CountObjects(item)
                get_child = partial(raw.FPDFFormObj_GetObject, item)
                self._paths(get_child, children, _times(own, matrix), found, walls, depth + 1)
                continue
            if kind != path or not raw.FPDFPageObj_GetBounds(item, *bounds):
                continue
            x0, y0, x1, y1 = left.value, bottom.value, right.value, top.value
            if placed:
                x0, y0, x1, y1 = _placed(matrix, x0, y0, x1, y1)
            if horizontal_rule(x0, x1, y0, y1):
                found.append((x0, x1, (y0 + y1) / 2))
            elif vertical_rule(x0, x1, y0, y1):
                walls.append(((x0 + x1) / 2, y0, y1))
            elif self._stroked_box(item):
                across, down = box_sides(x0, x1, y0, y1)
                found.extend(across)
                walls.extend(down)

    def _stroked_box(self, item: object) -> bool:
        """Tell whether a path is one stroked rectangle: four straight sides meeting at its corners."""
        raw = self.raw
        fill, stroke = ctypes.c_int(), ctypes.c_int()
        segments = raw.FPDFPath_CountSegments(item)
        if not 4 <= segments <= 5 or not raw.FPDFPath_GetDrawMode(
            item, ctypes.byref(fill), ctypes.byref(stroke)
        ):
            return False
        if not stroke.value:
            return False
        x, y = ctypes.c_float(), ctypes.c_float()
        points = []
        for k in range(segments):
            segment = raw.FPDFPath_GetPathSegment(item, k)
            if raw.FPDFPathSegment_GetType(segment) == raw.FPDF_SEGMENT_BEZIERTO:
                return False
            raw.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y))
            points.append((x.value, y.value))
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        low_x, high_x, low_y, high_y = min(xs), max(xs), min(ys), max(ys)
        return all(
            min(abs(px - low_x), abs(px - high_x)) < 0.5 and min(abs(py - low_y), abs(py - high_y)) < 0.5
            for px, py in points
        )

    def _dropped(self, page: FPDF_PAGE, text_page: FPDF_TEXTPAGE, objects: int) -> list:
        """The text objects in a font that is not embedded which PDFium left out of the page's text.

        Without the font (not embedded, not mapped to the system's) PDFium cannot measure glyphs,
        and its de-duplication of "fake bold" then drops a line that repeats one just above, or a
        lone glyph. Only pages where a sample of the text objects shows such a font are checked.
        """
        raw = self.raw
        text_type = raw.FPDF_PAGEOBJ_TEXT
        step = max(1, objects // _SAMPLE)
        if not any(
            raw.FPDFPageObj_GetType(item := raw.FPDFPage_GetObject(page, i)) == text_type
            and not raw.FPDFFont_GetIsEmbedded(raw.FPDFTextObj_GetFont(item))
            for i in range(0, objects, step)
        ):
            return []
        dropped = []
        for i in range(objects):
            item = raw.FPDFPage_GetObject(page, i)
            if (
                raw.FPDFPageObj_GetType(item) == text_type
                and not raw.FPDFFont_GetIsEmbedded(raw.FPDFTextObj_GetFont(item))
                and raw.FPDFTextObj_GetText(item, text_page, None, 0) <= 2  # UTF-16: just the NUL
            ):
                dropped.append(item)
        return dropped

    def _invisible(self, page: FPDF_PAGE, objects: int) -> bool:
        """Tell whether most of a sample of the page's text objects are invisible (render mode 3): an OCR layer.

        An OCR tool lays its recognised text invisibly over the scan; its spaces are the engine's
        word breaks (Tesseract's chi_sim makes nearly every ideograph a word), not the document's.
        ocrmypdf grafts the layer onto the page as a form, so forms are looked into.
        """
        raw = self.raw
        modes: list[bool] = []
        self._text_modes(lambda i: raw.FPDFPage_GetObject(page, i), objects, modes, 0)
        return bool(modes) and 2 * sum(modes) > len(modes)

    def _text_modes(self, get: Callable[[int], object], count: int, modes: list[bool], depth: int) -> None:
        """Add whether each of a sample of `count` objects (`get(i)`) that is text is invisible, forms' too."""
        raw = self.raw
        step = max(1, count // _SAMPLE)
        for i in range(0, count, step):
            item = get(i)
            kind = raw.FPDFPageObj_GetType(item)
            if kind == raw.FPDF_PAGEOBJ_TEXT:
                modes.append(raw.FPDFTextObj_GetTextRenderMode(item) == raw.FPDF_TEXTRENDERMODE_INVISIBLE)
            elif kind == raw.FPDF_PAGEOBJ_FORM and depth < _FORM_DEPTH:
                inner = raw.FPDFFormObj_CountObjects(item)
                self._text_modes(partial(raw.FPDFFormObj_GetObject, item), inner, modes, depth + 1)

    def _chars(
        self, text_page: FPDF_TEXTPAGE, width: float, height: float, index: int, ocr: bool = False
    ) -> tuple[list[_Char], int]:
        """The page's glyphs as (x0, x1, top, bottom, size, text), and how many had no Unicode.

        On an OCR layer (`ocr`) drawn spaces are dropped, as PDFium's guessed ones are: the layout
        decides spaces from the gaps. Glyphs set a little askew are turned back about the page's
        centre, so that a skewed scan's lines are rows again.
        """
        raw = self.raw
        count = raw.FPDFText_CountChars(text_page)
        if count <= 0:
            return [], 0
        if count > MAX_PAGE_CHARS:
            raise PageTooLarge(f"page {index + 1} has {count} characters")
        buffer = ctypes.create_string_buffer((count + 1) * 2)
        raw.FPDFText_GetText(text_page, 0, count, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))
        units = memoryview(buffer.raw[: count * 2]).cast("H")
        box, matrix = raw.FS_RECTF(), raw.FS_MATRIX()
        box_ref, matrix_ref = ctypes.byref(box), ctypes.byref(matrix)
        edges = memoryview(box).cast("B").cast("f")  # left, top, right, bottom: faster than the fields
        loose_box, matrix_of, size_of = (
            raw.FPDFText_GetLooseCharBox,
            raw.FPDFText_GetMatrix,
            raw.FPDFText_GetFontSize,
        )
        generated = raw.FPDFText_IsGenerated
        # A font with no Unicode map (no ToUnicode, no standard encoding): PDFium gives its codes as if
        # they were Unicode (!$%&, ЀЁЂ…), garbage that reads as text; a sample says whether to ask per glyph.
        # Where the codes it falls back on are mostly ideographs, they are Unicode values (Tesseract's
        # identity map, too long a range for PDFium): those are the text.
        unmapped = raw.FPDFText_HasUnicodeMapError
        step = max(1, count // _SAMPLE)
        flagged = [units[k] for k in range(0, count, step) if unmapped(text_page, k)]
        check = 2 * sum(0x3400 <= unit < 0xA000 for unit in flagged) < len(flagged)
        chars: list[_Char] = []
        append = chars.append
        undecodable = 0
        pending_high = 0
        # A run of glyphs in one font and size has loose boxes of one height: their size, and where
        # the baseline sits in the box, are looked up once per run (two C calls fewer a glyph).
        run_height, run = -1.0, (False, 0.0, 0.0, 1.0, 0.0)
        shared = False  # some glyph stands for several characters: its box is the previous one's
        last_left = last_right = last_top = math.nan
        middle_x, middle_y = width / 2, height / 2
        for k in range(count):
            unit = units[k]
            if check and unmapped(text_page, k):
                undecodable += 1
                continue
            if 0x20 < unit < 0xD800:
                text = chr(unit)
            elif 0xD800 <= unit < 0xDC00:  # first half of a character outside the BMP
                pending_high = unit
                continue
            elif 0xDC00 <= unit < 0xE000 and pending_high:
                text = chr(0x10000 + ((pending_high - 0xD800) << 10) + (unit - 0xDC00))
                pending_high = 0
            elif unit == _LINE_END_HYPHEN:
                text = "-"
            elif unit in (0, 0xFFFD) or unit in UNMAPPED:
                undecodable += 1
                continue
            elif unit < 0x20 or (unit == 0x20 and (ocr or generated(text_page, k))):
                continue  # PDFium's own line breaks and guessed spaces, OCR word breaks: the layout decides
            else:
                text = chr(unit)
            loose_box(text_page, k, box_ref)
            left, top_y, right = edges[0], edges[1], edges[2]
            box_height = top_y - edges[3]
            if box_height != run_height:
                matrix_of(text_page, k, matrix_ref)
                a, b, c, d = matrix.a, matrix.b, matrix.c, matrix.d
                tilt = abs(b) + abs(c) > 0.02 * abs(a)
                # Rotated or mirrored glyphs are watermarks and stamps, not text to read.
                skip = a * d <= 0 or (tilt and (abs(b) > _SKEW * abs(a) or abs(c) > _SKEW * abs(d)))
                # The em box from the baseline and the font's size in page units: Type 3 fonts
                # (browser print) give glyph-tight boxes, so "一" would be a hairline row of its own.
                size = size_of(text_page, k) * abs(d)
                cos, sin = (a / math.hypot(a, b), b / math.hypot(a, b)) if tilt and not skip else (1.0, 0.0)
                baseline = matrix.f
                if sin:
                    left, top_y, right = _upright(edges, cos, sin, middle_x, middle_y)
                    baseline = middle_y - (matrix.e - middle_x) * sin + (matrix.f - middle_y) * cos
                run = (skip, size, top_y - baseline - (1 - _DESCENT) * size, cos, sin)
                # Only a box as tall as the font's em (its ascent to descent) is shared by the run;
                # a glyph-tight box says nothing about the next glyph's baseline.
                run_height = box_height if box_height >= 0.9 * size else -1.0
            elif run[4]:
                left, top_y, right = _upright(edges, run[3], run[4], middle_x, middle_y)
            skip, size, offset = run[:3]
            if skip:
                continue
            top = height - top_y + offset
            if left == last_left and right == last_right and top == last_top:
                shared = True
            last_left, last_right, last_top = left, right, top
            append((left, right, top, top + size, size, text))
        return (_split_ligatures(chars) if shared else chars), undecodable

    def close(self) -> None:
        self.document.close()
        if self.fallback is not None:
            self.fallback.close()


def _split_ligatures(chars: list[_Char]) -> list[_Char]:
    """Give each character of a glyph that stands for several its share of the glyph's box.

    HarfBuzz shapes "——" in Noto CJK as one two-em glyph that maps to both dashes: PDFium gives each
    the whole box, and the layout would drop the second as the same glyph drawn twice (fake bold,
    which PDFium has already dropped itself).

    >>> _split_ligatures([(0.0, 32.0, 0.0, 16.0, 16.0, "—"), (0.0, 32.0, 0.0, 16.0, 16.0, "—")])
    [(0.0, 16.0, 0.0, 16.0, 16.0, '—'), (16.0, 32.0, 0.0, 16.0, 16.0, '—')]
    """
    out: list[_Char] = []
    start = 0
    for end in range(1, len(chars) + 1):
        if end < len(chars) and chars[end][:3] == chars[start][:3]:
            continue
        count = end - start
        if count == 1:
            out.append(chars[start])
        else:
            left, right, top, bottom, size, _ = chars[start]
            step = (right - left) / count
            for k in range(count):
                text = chars[start + k][5]
                out.append((left + k * step, left + (k + 1) * step, top, bottom, size, text))
        start = end
    return out


class Unreadable(Exception):
    """A page PDFium would read with characters missing: another reader reads that page."""


class OpenFailed(Exception):
    """PDFium could not open the file; another reader may still try."""
