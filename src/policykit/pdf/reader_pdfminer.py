"""The fallback reader: pdfminer (through pdfplumber) interprets each page and collects its glyphs."""

from __future__ import annotations

import io
import logging
from typing import TYPE_CHECKING

from policykit.errors import PdfError
from policykit.pdf import reader_pdfium
from policykit.pdf.layout import PageText, fragments_of
from policykit.pdf.tables import box_sides, horizontal_rule, joined_rules, vertical_rule

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from pdfminer.pdfcolor import PDFColorSpace
    from pdfminer.pdffont import PDFFont
    from pdfminer.pdfinterp import PDFGraphicState, PDFResourceManager, PDFTextState
    from pdfminer.utils import Matrix

NAME = "pdfminer"

# pdfminer logs every font it cannot fully parse ("Could not get FontBBox ..."), over a hundred
# lines for one browser-printed PDF; none of it matters for the text.
for _noisy in ("pdfminer", "pdfplumber"):
    logging.getLogger(_noisy).setLevel(logging.ERROR)


def _box(path: Sequence[tuple], points: Sequence[tuple[float, float]]) -> bool:
    """Tell whether a path is one rectangle: straight sides (no curve) meeting at its four corners."""
    if not 4 <= len(points) <= 5 or any(segment[0] in "cvy" for segment in path):
        return False
    xs, ys = [x for x, _ in points], [y for _, y in points]
    low_x, high_x, low_y, high_y = min(xs), max(xs), min(ys), max(ys)
    return all(
        min(abs(x - low_x), abs(x - high_x)) < 0.5 and min(abs(y - low_y), abs(y - high_y)) < 0.5
        for x, y in points
    )


def _collector_class():
    """A pdfminer device that keeps only what the layout needs from each glyph (no LTChar, no dicts)."""
    from pdfminer.pdfdevice import PDFTextDevice
    from pdfminer.pdffont import PDFUnicodeNotDefined
    from pdfminer.utils import apply_matrix_rect

    class CharCollector(PDFTextDevice):
        def __init__(self, rsrcmgr: PDFResourceManager) -> None:
            super().__init__(rsrcmgr)
            self.chars: list[tuple[float, float, float, float, float, str]] = []
            self.undecodable = 0
            # Glyphs drawn invisibly (render mode 3), of all drawn: most are, on an OCR layer.
            self.invisible, self.drawn, self.hidden = False, 0, 0
            # Per font: (vertical, descent, {cid: (width, text or None)}); a page repeats few glyphs.
            self.fonts: dict[object, tuple[bool, float, dict]] = {}
            self.rules: list[tuple[float, float, float]] = []  # (x0, x1, y up) of horizontal rules
            self.walls: list[tuple[float, float, float]] = []  # (x, y0, y1 up) of vertical rules

        def paint_path(self, graphicstate, stroke, fill, evenodd, path) -> None:  # type: ignore[no-untyped-def]
            """Keep a thin, wide path: a table's row rule (a stroked line or a filled hairline box); and
            a stroked rectangle's sides (a table cell drawn as its own box)."""
            if self.ctm is None:
                return
            a, b, c, d, e, f = self.ctm
            points = [
                (a * x + c * y + e, b * x + d * y + f)
                for segment in path
                for x, y in zip(segment[1::2], segment[2::2], strict=False)
                if isinstance(x, int | float) and isinstance(y, int | float)
            ]
            if not points:
                return
            xs, ys = [x for x, _ in points], [y for _, y in points]
            if horizontal_rule(min(xs), max(xs), min(ys), max(ys)):
                self.rules.append((min(xs), max(xs), (min(ys) + max(ys)) / 2))
            elif vertical_rule(min(xs), max(xs), min(ys), max(ys)):
                self.walls.append(((min(xs) + max(xs)) / 2, min(ys), max(ys)))
            elif stroke and _box(path, points):
                across, down = box_sides(min(xs), max(xs), min(ys), max(ys))
                self.rules.extend(across)
                self.walls.extend(down)

        def render_string(
            self,
            textstate: PDFTextState,
            seq: Iterable[int | float | bytes],
            ncs: PDFColorSpace,
            graphicstate: PDFGraphicState,
        ) -> None:
            self.invisible = textstate.render == 3
            super().render_string(textstate, seq, ncs, graphicstate)

        def render_char(
            self,
            matrix: Matrix,
            font: PDFFont,
            fontsize: float,
            scaling: float,
            rise: float,
            cid: int,
            ncs: PDFColorSpace,
            graphicstate: PDFGraphicState,
        ) -> float:
            known = self.fonts.get(font)
            if known is None:
                known = self.fonts[font] = (font.is_vertical(), font.get_descent(), {})
            vertical, descent, glyphs = known
            glyph = glyphs.get(cid)
            if glyph is None:
                try:
                    text = font.to_unichr(cid)
                except PDFUnicodeNotDefined:
                    text = None
                if text is not None and len(text) == 1 and ord(text) in reader_pdfium.UNMAPPED:
                    text = None  # a private-use slot: a map to nothing anyone reads, as PDFium counts it
                glyph = glyphs[cid] = (font.char_width(cid), text)
            width, text = glyph
            advance = width * fontsize * scaling
            self.drawn += 1
            self.hidden += self.invisible
            if vertical:
                return advance
            if text is None:
                self.undecodable += 1
                return advance
            a, b, c, d, e, f = matrix
            if not (a * d * scaling > 0 and b * c <= 0):  # rotated or mirrored: watermarks, stamps
                return advance
            low = descent * fontsize + rise
            if b == 0 and c == 0:
                x0, x1 = e, a * advance + e
                y0, y1 = d * low + f, d * (low + fontsize) + f
            else:
                x0, y0, x1, y1 = apply_matrix_rect(matrix, (0, low, advance, low + fontsize))
            self.chars.append((x0, x1, y0, y1, abs(y1 - y0), text))
            return advance

    return CharCollector


class Reader:
    """An open PDF read page by page with pdfminer."""

    name = NAME

    def __init__(self, source: str | bytes, password: str | None, label: str) -> None:
        import pdfplumber
        from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
        from pdfminer.pdfinterp import PDFPageInterpreter

        self.label = label
        stream = io.BytesIO(source) if isinstance(source, bytes) else source
        try:
            self.pdf = pdfplumber.open(stream, password=password or "")
            self.pages = len(self.pdf.pages)
        except Exception as error:
            cause = error.args[0] if error.args and isinstance(error.args[0], BaseException) else error
            if isinstance(cause, PDFPasswordIncorrect):
                raise _password_error(password, label) from None
            if isinstance(cause, PDFEncryptionError):
                raise PdfError(
                    f"the PDF uses an encryption pdfminer cannot read ({cause}): decrypt it first, "
                    "e.g. qpdf --decrypt in.pdf out.pdf",
                    path=label,
                ) from None
            raise corrupt(label, cause.__class__.__name__) from None
        self.device = _collector_class()(self.pdf.rsrcmgr)
        self.interpreter = PDFPageInterpreter(self.pdf.rsrcmgr, self.device)

    def page(self, index: int) -> PageText:
        """Extract page `index` (from 0)."""
        page = self.pdf.pages[index]
        device = self.device
        device.chars = []
        device.rules, device.walls = [], []
        device.undecodable = device.drawn = device.hidden = 0
        try:
            self.interpreter.process_page(page.page_obj)
        except Exception as error:
            raise corrupt(self.label, f"page {index + 1}: {error.__class__.__name__}") from None
        if len(device.chars) > reader_pdfium.MAX_PAGE_CHARS:
            raise reader_pdfium.PageTooLarge(f"page {index + 1} has {len(device.chars)} characters")
        width, height = float(page.width), float(page.height)
        # An OCR layer's spaces are the engine's word breaks: the layout decides from the gaps.
        ocr = 2 * device.hidden > device.drawn
        chars = [
            (x0, x1, height - y1, height - y0, size, text)
            for x0, x1, y0, y1, size, text in device.chars
            if not (ocr and text == " ")
        ]
        images = 0 if chars else len(page.images)
        return PageText(
            number=index + 1,
            width=width,
            height=height,
            fragments=tuple(fragments_of(chars, ocr)),
            glyphs=len(device.chars) + device.undecodable,
            undecodable=device.undecodable,
            images=images,
            ocr=ocr,
            rules=tuple((x0, x1, height - y) for x0, x1, y in joined_rules(device.rules)) if chars else (),
            walls=tuple((x, height - y1, height - y0) for x, y0, y1 in device.walls) if chars else (),
        )

    def close(self) -> None:
        self.pdf.close()


def _password_error(password: str | None, label: str) -> PdfError:
    """Ask for the password, or say the one given is wrong."""
    if password:
        return PdfError("wrong password for this encrypted PDF: check --password", path=label)
    return PdfError(
        "the PDF is encrypted: pass its password with --password, or decrypt it first (qpdf --decrypt)",
        path=label,
    )


def corrupt(label: str, what: str) -> PdfError:
    """The error for a file no reader can make sense of."""
    return PdfError(
        f"corrupt or truncated PDF ({what}): re-download it or repair it, e.g. qpdf in.pdf repaired.pdf",
        path=label,
    )
