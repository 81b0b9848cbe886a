"""Build PDFs the way an OCR tool leaves a scanned 公文: a page image under an invisible text layer.

A text is first set as a printed 公文 would be (a centred title in display type, paragraphs with a
two-character indent on a 27-character grid, "— N —" page numbers, optionally a running head);
then each page is "scanned" (a plain grey raster with a dark bar where each word's ink is) and
"recognised": the glyphs' ink boxes, with the irregularities of a real scan, become a text layer.

    tesseract  what `tesseract … pdf` and ocrmypdf's sandwich renderer write (src/api/pdfrenderer.cpp):
               one BT per block in render mode 3 (`3 Tr`), the GlyphLessFont (Type0, Identity-H,
               /DW 500, an embedded glyphless TrueType, an identity ToUnicode), each "word" placed with
               `Td` and stretched with `Tz` to its ink box, a U+0020 after every word but the block's
               last, an integer font size per row (its height), chi_sim's words one to three
               ideographs long; baselines jitter by a point, ink boxes overlap or leave gaps
    ocrmypdf   the tesseract layer as ocrmypdf's sandwich renderer grafts it onto the scanned page:
               a Form XObject drawn under the page image
    skewed     the tesseract layer of a page scanned 0.8° askew: every block's `Tm` is rotated
    abbyy      ABBYY FineReader / Acrobat "Recognize Text": a real font's embedded subset (SimSun's
               metrics: ideographs an em wide), one text object per line, every glyph placed where the
               engine saw it (TJ offsets), no spaces, and the page image drawn over the text

`blank_pages` leaves pages as images with no text layer (OCR skipped or failed on them);
`confusions` makes the engine confuse characters as chi_sim does (see CONFUSIONS), at its rates.
"""

from __future__ import annotations

import functools
import random
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path

from tests.pdf_factory import FONT, _register_font, wrap

VARIANTS = ("tesseract", "ocrmypdf", "skewed", "abbyy")
PAGE_WIDTH, PAGE_HEIGHT = 595.0, 842.0
SIZE = 16.0  # 3号
TITLE_SIZE = 22.0  # 2号
LEFT = 79.5
WIDTH = 27 * SIZE
LEADING = 28.95
TOP = 842.0 - 105.0  # the first baseline
BOTTOM = 100.0  # no baseline below this
DPI = 25  # the page image's resolution: enough to show where the ink is

_CLOSING = frozenset("，。、；：！？）》」』】〕”’")
_OPENING = frozenset("（《「『【〔“‘")


@dataclass(frozen=True)
class Glyph:
    """One printed character: where its advance starts and ends on the page, in points.

    `read` is what the OCR engine takes it for, where that is not the character (see `confuse`).
    """

    char: str
    x0: float
    x1: float
    read: str | None = None

    @property
    def seen(self) -> str:
        """The character the text layer holds for this glyph."""
        return self.char if self.read is None else self.read


@dataclass(frozen=True)
class Row:
    """One printed line: its glyphs, baseline (from the page's bottom), size and paragraph."""

    glyphs: tuple[Glyph, ...]
    baseline: float
    size: float
    block: int


@functools.cache
def _advance(char: str, size: float) -> float:
    """A glyph's advance; a space is half an em, as in the GB fonts a 公文 is typed in (仿宋_GB2312)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return 0.5 * size if char == " " else stringWidth(char, FONT, size)


def typeset(
    text: str, title_lines: int = 1, *, header: str | None = None, page_numbers: bool = True
) -> list[list[Row]]:
    """Set `text` (one paragraph a line; the first `title_lines` are the title) into pages of rows."""
    _register_font()
    pages: list[list[Row]] = [[]]
    state = {"y": TOP, "block": 0}

    def new_page() -> None:
        pages.append([])
        state["y"] = TOP

    def place(line: str, x: float, size: float, spread: float = 0.0) -> None:
        if state["y"] < BOTTOM:
            new_page()
        glyphs = []
        for char in line:
            width = _advance(char, size)
            if not char.isspace():
                glyphs.append(Glyph(char, x, x + width))
            x += width + spread
        pages[-1].append(Row(tuple(glyphs), state["y"], size, state["block"]))
        state["y"] -= LEADING if size == SIZE else size * 1.5

    paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
    for index, paragraph in enumerate(paragraphs):
        state["block"] += 1
        if index < title_lines:
            for line in wrap(paragraph, WIDTH, TITLE_SIZE):
                width = sum(_advance(c, TITLE_SIZE) for c in line)
                place(line, LEFT + (WIDTH - width) / 2, TITLE_SIZE)
            if index == title_lines - 1:
                state["y"] -= LEADING / 2
            continue
        lines = wrap(paragraph, WIDTH, SIZE, indent=2 * SIZE)
        for number, line in enumerate(lines):
            indent = 2 * SIZE if number == 0 else 0.0
            spread = 0.0
            if number < len(lines) - 1 and len(line) > 1:  # justified: the slack shared between glyphs
                natural = sum(_advance(c, SIZE) for c in line)
                spread = max(0.0, WIDTH - indent - natural) / (len(line) - 1)
            place(line, LEFT + indent, SIZE, spread)
    for number, rows in enumerate(pages, start=1):
        if header:
            state["block"] += 1
            width = sum(_advance(c, 10.5) for c in header)
            x = LEFT + (WIDTH - width) / 2
            glyphs = []
            for char in header:
                glyphs.append(Glyph(char, x, x + _advance(char, 10.5)))
                x += _advance(char, 10.5)
            rows.insert(0, Row(tuple(glyphs), PAGE_HEIGHT - 62.0, 10.5, state["block"]))
        if page_numbers:
            state["block"] += 1
            label = f"— {number} —"
            width = sum(_advance(c, 14.0) for c in label)
            x = LEFT + (WIDTH - width) / 2
            glyphs = []
            for char in label:
                if char != " ":
                    glyphs.append(Glyph(char, x, x + _advance(char, 14.0)))
                x += _advance(char, 14.0)
            rows.append(Row(tuple(glyphs), 50.0, 14.0, state["block"]))
    return pages


# ---------------------------------------------------------------- what a scan does to the glyphs


_DIGITS = frozenset("0123456789")
_NUMERALS = frozenset("〇一二三四五六七八九十")
# What Tesseract's chi_sim model reads a printed character as, and how often, where `where` holds
# of its neighbours (left, right): 〇 looks like a Latin O or a zero, 一 like a dash and a long
# dash like 一, full-width marks come out half-width, and inside a number 1 and 0 come out as
# the letters they look like. Rates are per occurrence, rough figures for a clean 300 dpi scan.
CONFUSIONS: tuple[tuple[str, tuple[tuple[str, float], ...], str], ...] = (
    ("〇", (("O", 0.35), ("o", 0.15), ("0", 0.15)), "any"),
    ("一", (("-", 0.05), ("—", 0.03)), "any"),
    ("—", (("一", 0.4),), "digits"),  # 2021—2025年: the long dash between digits
    ("－", (("一", 0.4),), "digits"),
    ("：", ((":", 0.3),), "any"),
    ("，", ((",", 0.1),), "any"),
    ("；", ((";", 0.15),), "any"),
    ("（", (("(", 0.3),), "any"),
    ("）", ((")", 0.3),), "any"),
    ("1", (("l", 0.04), ("I", 0.02)), "digit"),  # 12.5%, 2021年: beside another digit
    ("0", (("O", 0.03), ("o", 0.01)), "digit"),
    ("。", (("o", 0.02),), "any"),
)


def confuse(pages: list[list[Row]], rng: random.Random, scale: float = 1.0) -> list[list[Row]]:
    """The pages with the glyphs the engine misreads (CONFUSIONS, rates times `scale`) marked `read`.

    Neighbours are the glyphs before and after in reading order, across rows.
    """
    glyphs = [glyph for rows in pages for row in rows for glyph in row.glyphs]
    table = {char: (choices, where) for char, choices, where in CONFUSIONS}
    read: dict[int, str] = {}
    for index, glyph in enumerate(glyphs):
        if glyph.char not in table:
            continue
        choices, where = table[glyph.char]
        left = glyphs[index - 1].char if index else ""
        right = glyphs[index + 1].char if index + 1 < len(glyphs) else ""
        if where == "digits" and not (left in _DIGITS and right in _DIGITS):
            continue
        if where == "digit" and not (left in _DIGITS or right in _DIGITS):
            continue
        draw = rng.random()
        for misread, rate in choices:
            if draw < rate * scale:
                read[index] = misread
                break
            draw -= rate * scale
    if not read:
        return pages
    out: list[list[Row]] = []
    index = 0
    for rows in pages:
        out.append([])
        for row in rows:
            changed = []
            for glyph in row.glyphs:
                changed.append(Glyph(glyph.char, glyph.x0, glyph.x1, read.get(index)))
                index += 1
            out[-1].append(Row(tuple(changed), row.baseline, row.size, row.block))
    return out


def _ink(glyph: Glyph, size: float, rng: random.Random) -> tuple[float, float]:
    """The glyph's ink as the OCR engine boxes it: marks ink part of their em, noise of a scan."""
    width = glyph.x1 - glyph.x0
    if glyph.char in _CLOSING:
        left, right = 0.08, 0.4
    elif glyph.char in _OPENING:
        left, right = 0.6, 0.92
    elif glyph.char in "—–-":
        left, right = 0.0, 1.0
    else:  # an ideograph's ink leaves a side bearing of its own shape (一 little, 卜 much)
        left, right = rng.uniform(0.02, 0.14), 1 - rng.uniform(0.02, 0.14)
    noise = 0.02 * size
    x0 = glyph.x0 + left * width + rng.uniform(-noise, noise)
    x1 = glyph.x0 + right * width + rng.uniform(-noise, noise)
    return x0, max(x1, x0 + 0.1 * size)


def _is_cjk(char: str) -> bool:
    return ord(char) >= 0x2E80


def _words(row: Row, rng: random.Random) -> list[list[Glyph]]:
    """Tesseract's words on a row: ideographs one to three at a time, a Latin or digit run whole, a mark alone."""
    words: list[list[Glyph]] = []
    previous: Glyph | None = None
    for glyph in row.glyphs:
        char = glyph.seen
        gap = glyph.x0 - previous.x1 if previous else 0.0
        if (
            previous is not None
            and gap < 0.3 * row.size
            and words
            and (
                (not _is_cjk(char) and not _is_cjk(previous.seen))
                or (
                    _is_cjk(char)
                    and _is_cjk(previous.seen)
                    and char not in _CLOSING | _OPENING
                    and previous.seen not in _CLOSING | _OPENING
                    and len(words[-1]) < 3
                    and rng.random() < 0.3
                )
            )
        ):
            words[-1].append(glyph)
        else:
            words.append([glyph])
        previous = glyph
    return words


@dataclass(frozen=True)
class Word:
    """A recognised word: its text, ink box left and right, baseline and the row's integer size."""

    text: str
    x0: float
    x1: float
    baseline: float
    size: int
    block: int


def recognise(rows: list[Row], rng: random.Random, misread: dict[str, str] | None = None) -> list[Word]:
    """What the OCR engine reports for a page's rows: words with ink boxes, sizes and jittery baselines.

    `misread` maps characters to what the engine takes them for (a full-width "，" read as ",").
    """
    words = []
    for row in rows:
        size = max(6, round(row.size * rng.uniform(0.94, 1.08)))  # the row's height in whole points
        baseline = row.baseline - 0.1 * row.size + rng.uniform(-0.6, 0.6)
        for glyphs in _words(row, rng):
            x0 = _ink(glyphs[0], row.size, rng)[0]
            x1 = _ink(glyphs[-1], row.size, rng)[1]
            text = "".join((misread or {}).get(g.seen, g.seen) for g in glyphs)
            words.append(Word(text, x0, x1, baseline + rng.uniform(-1.0, 1.0), size, row.block))
    return words


# ---------------------------------------------------------------- the PDF


def _number(value: float) -> str:
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _tesseract_text(words: list[Word], skew: float) -> bytes:
    """The content stream pdfrenderer.cpp writes for a page's words (one BT per block)."""
    import math

    a, b = math.cos(skew), math.sin(skew)
    c, d = -b, a
    centre_x, centre_y = PAGE_WIDTH / 2, PAGE_HEIGHT / 2

    def turned(x: float, y: float) -> tuple[float, float]:
        dx, dy = x - centre_x, y - centre_y
        return centre_x + dx * a - dy * b, centre_y + dx * b + dy * a

    out: list[str] = []
    previous_block = None
    old = (0.0, 0.0)
    old_size = 0
    for index, word in enumerate(words):
        if word.block != previous_block:
            if previous_block is not None:
                out.append("ET\n")
            out.append("BT\n3 Tr")
            old_size = 0
            x, y = turned(word.x0, word.baseline)
            out.append(" ".join(["", *map(_number, (a, b, c, d, x, y)), "Tm "]))
            previous_block = word.block
        else:
            x, y = turned(word.x0, word.baseline)
            dx, dy = x - old[0], y - old[1]
            out.append(f" {_number(dx * a + dy * b)} {_number(dx * c + dy * d)} Td ")
        old = (x, y)
        if word.size != old_size:
            out.append(f"/f-0-0 {word.size} Tf ")
            old_size = word.size
        last = index + 1 == len(words) or words[index + 1].block != word.block
        hexed = "".join(f"{ord(ch):04X}" for ch in word.text)
        if not last:
            hexed += "0020"  # Tesseract 4.1+: a space after each word, not counted in the stretch
        stretch = 2 * round(100.0 * (word.x1 - word.x0) / (word.size * len(word.text)), 3)
        out.append(f"{_number(stretch)} Tz [ <{hexed}> ] TJ")
        if last:
            out.append(" \nET\n")
            previous_block = None
    return "".join(out).encode()


def _glyphless_ttf() -> bytes:
    """A TrueType font of one glyph, a box half an em wide and an em tall: what Tesseract embeds (pdf.ttf).

    Drawn invisibly, the box only gives each glyph its extent (a glyph with no outline has none,
    and a reader may then drop it).
    """
    box = struct.pack(">hhhhhHH", 1, 0, 0, 500, 1000, 3, 0) + bytes([1, 1, 1, 1])
    box += struct.pack(">hhhh", 0, 0, 500, 0) + struct.pack(">hhhh", 0, 1000, 0, -1000)
    tables = {
        b"cmap": struct.pack(">HHHHI", 0, 1, 3, 1, 12)
        + struct.pack(">HHHHHHHHHHHH", 4, 24, 0, 2, 2, 0, 0, 0xFFFF, 0, 0xFFFF, 1, 0),
        b"glyf": box,
        b"head": struct.pack(
            ">IIIIHHqqhhhhHHhhh",
            0x10000,
            0x10000,
            0,
            0x5F0F3CF5,
            0,
            1000,
            0,
            0,
            0,
            0,
            500,
            1000,
            0,
            8,
            2,
            0,
            0,
        ),
        b"hhea": struct.pack(
            ">IhhhHhhhhhhhhhhhH", 0x10000, 1000, -1, 0, 500, 0, 0, 500, 1, 0, 0, 0, 0, 0, 0, 0, 2
        ),
        b"hmtx": struct.pack(">HhHh", 500, 0, 500, 0),
        b"loca": struct.pack(">HHHH", 0, 0, len(box) // 2, 0),
        b"maxp": struct.pack(">IHHHHHHHHHHHHHH", 0x10000, 2, 4, 1, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0),
        b"name": struct.pack(">HHH", 0, 0, 6),
        b"post": struct.pack(">IiihhIIIII", 0x30000, 0, 0, 0, 1, 0, 0, 0, 0, 0)[:32],
    }
    count = len(tables)
    header = struct.pack(">IHHHH", 0x10000, count, 128, 3, count * 16 - 128)
    offset = 12 + 16 * count
    directory, body = b"", b""
    for tag in sorted(tables):
        data = tables[tag]
        padded = data + b"\0" * (-len(data) % 4)
        checksum = sum(struct.unpack(f">{len(padded) // 4}I", padded)) & 0xFFFFFFFF
        directory += struct.pack(">4sIII", tag, checksum, offset + len(body), len(data))
        body += padded
    return header + directory + body


def _page_image(rows: list[Row], skew: float) -> bytes:
    """A plain grey raster of the page (DPI dots an inch) with a dark bar where each row's ink is."""
    import math

    columns, lines = round(PAGE_WIDTH / 72 * DPI), round(PAGE_HEIGHT / 72 * DPI)
    pixels = bytearray(b"\xf4" * (columns * lines))
    shift = math.tan(skew)
    for row in rows:
        if not row.glyphs:
            continue
        top = round((PAGE_HEIGHT - row.baseline - 0.85 * row.size) / 72 * DPI)
        bottom = round((PAGE_HEIGHT - row.baseline) / 72 * DPI)
        for glyph in row.glyphs:
            left, right = round(glyph.x0 / 72 * DPI), round(glyph.x1 / 72 * DPI)
            lift = round((glyph.x0 - PAGE_WIDTH / 2) * shift / 72 * DPI)
            for y in range(max(0, top - lift), min(lines, bottom - lift + 1)):
                pixels[y * columns + left : y * columns + right] = b"\x30" * (right - left)
    return zlib.compress(bytes(pixels)), columns, lines  # type: ignore[return-value]


def _write(objects: list[bytes], path: Path) -> None:
    """Write numbered objects (1 is the catalog) with an xref table."""
    out = bytearray(b"%PDF-1.5\n%\xde\xad\xbe\xeb\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(bytes(out))


def _stream(data: bytes, extra: str = "", compress: bool = True) -> bytes:
    if compress:
        data = zlib.compress(data)
        extra += " /Filter /FlateDecode"
    return f"<< /Length {len(data)}{extra} >>\nstream\n".encode() + data + b"\nendstream"


_CMAP = (
    b"/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo\n"
    b"<< /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identify-UCS def\n"
    b"/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
    b"1 beginbfrange\n<0000> <FFFF> <0000>\nendbfrange\nendcmap\n"
    b"CMapName currentdict /CMap defineresource pop\nend\nend\n"
)


def _write_pdf(
    pages: list[list[Row]],
    path: Path,
    texts: list[bytes],
    *,
    font: str,
    widths: str,
    skew: float = 0.0,
    image_on_top: bool = False,
    form: bool = False,
) -> None:
    """Write pages of a scan: each page's image and its text layer `texts[i]` in one Type0 font.

    The font maps each code to the Unicode value it is (Identity-H, an identity ToUnicode) and
    embeds the one-box TrueType, as Tesseract does; `widths` is its /DW and /W entries. With
    `form` the text layer is a Form XObject drawn under the image, as ocrmypdf grafts it.
    """
    ttf = _glyphless_ttf()
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"",  # the page tree, written last
        f"<< /Type /Font /Subtype /Type0 /BaseFont /{font} /Encoding /Identity-H ".encode()
        + b"/DescendantFonts [4 0 R] /ToUnicode 6 0 R >>",
        f"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /{font} /CIDToGIDMap 5 0 R ".encode()
        + b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
        + f"/FontDescriptor 7 0 R {widths} >>".encode(),
        _stream(bytes((i % 2) for i in range(2 << 16))),
        _stream(_CMAP, compress=False),
        f"<< /Type /FontDescriptor /FontName /{font} /Ascent 1000 /CapHeight 1000 /Descent -1 ".encode()
        + b"/Flags 5 /FontBBox [0 0 500 1000] /ItalicAngle 0 /StemV 80 /FontFile2 8 0 R >>",
        _stream(ttf, f" /Length1 {len(ttf)}", compress=False),
    ]
    kids = []
    for rows, text in zip(pages, texts, strict=True):
        image, columns, lines = _page_image(rows, skew)  # type: ignore[misc]
        picture = f"q {_number(PAGE_WIDTH)} 0 0 {_number(PAGE_HEIGHT)} 0 0 cm /Im1 Do Q\n".encode()
        first = len(objects) + 1
        layer = f" /Fx0 {first + 3} 0 R" if form else ""
        if form:
            text = b"q 1 0 0 1 0 0 cm /Fx0 Do Q\n"
        content = text + picture if image_on_top else picture + text
        if form:
            content = text + picture
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_WIDTH:.2f} {PAGE_HEIGHT:.2f}] "
            f"/Contents {first + 1} 0 R /Resources << /XObject << /Im1 {first + 2} 0 R{layer} >> "
            "/ProcSet [/PDF /Text /ImageB /ImageI /ImageC] /Font << /f-0-0 3 0 R >> >> >>".encode()
        )
        objects.append(_stream(content))
        objects.append(
            f"<< /Type /XObject /Subtype /Image /Width {columns} /Height {lines} /ColorSpace /DeviceGray "
            f"/BitsPerComponent 8 /Length {len(image)} /Filter /FlateDecode >>\nstream\n".encode()
            + image
            + b"\nendstream"
        )
        if form:
            objects.append(
                _stream(
                    texts[len(kids)],
                    f" /Type /XObject /Subtype /Form /BBox [0 0 {_number(PAGE_WIDTH)} {_number(PAGE_HEIGHT)}]"
                    " /Resources << /Font << /f-0-0 3 0 R >> >>",
                )
            )
        kids.append(f"{first} 0 R")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>".encode()
    _write(objects, Path(path))


def build_tesseract_pdf(
    pages: list[list[Row]],
    path: Path,
    *,
    seed: int = 0,
    skew_degrees: float = 0.0,
    blank_pages: frozenset[int] = frozenset(),
    misread: dict[str, str] | None = None,
    form: bool = False,
) -> None:
    """Write `pages` as `tesseract in.png out pdf` (or ocrmypdf's sandwich renderer) writes a scan."""
    import math

    rng = random.Random(seed)
    skew = math.radians(skew_degrees)
    texts = [
        b"" if number in blank_pages else _tesseract_text(recognise(rows, rng, misread), skew)
        for number, rows in enumerate(pages, start=1)
    ]
    _write_pdf(pages, path, texts, font="GlyphLessFont", widths="/DW 500", skew=skew, form=form)


def _abbyy_text(rows: list[Row], rng: random.Random) -> bytes:
    """One invisible text object per line, each glyph moved (TJ) to where the engine saw it."""
    out = []
    for row in rows:
        if not row.glyphs:
            continue
        baseline = row.baseline + rng.uniform(-0.8, 0.8)
        xs = [glyph.x0 + rng.uniform(-0.04, 0.04) * row.size for glyph in row.glyphs]
        shown = []
        for index, glyph in enumerate(row.glyphs):
            shown.append(f"<{ord(glyph.seen):04X}>")
            if index + 1 < len(xs):
                advance = _advance(glyph.seen, row.size)
                shown.append(_number(-(xs[index + 1] - xs[index] - advance) * 1000 / row.size))
        out.append(
            f"BT 3 Tr /f-0-0 {_number(row.size)} Tf 1 0 0 1 {_number(xs[0])} {_number(baseline)} Tm "
            f"[{' '.join(shown)}] TJ ET\n"
        )
    return "".join(out).encode()


def build_abbyy_pdf(
    pages: list[list[Row]], path: Path, *, seed: int = 0, blank_pages: frozenset[int] = frozenset()
) -> None:
    """Write `pages` as FineReader or Acrobat does: invisible lines in a real font under the page image.

    The font is a subset of a real one (SimSun: ideographs an em wide, ASCII half an em) embedded
    with the text; the image is drawn over the text, as these tools may.
    """
    rng = random.Random(seed)
    texts = [
        b"" if number in blank_pages else _abbyy_text(rows, rng) for number, rows in enumerate(pages, start=1)
    ]
    ascii_widths = " ".join(_number(_advance(chr(code), 1000.0)) for code in range(32, 127))
    _write_pdf(
        pages,
        path,
        texts,
        font="ABCDEF+SimSun",
        widths=f"/DW 1000 /W [32 [{ascii_widths}]]",
        image_on_top=True,
    )


def build_ocr_pdf(
    text: str,
    path: str | Path,
    variant: str,
    *,
    title_lines: int = 1,
    header: str | None = None,
    seed: int = 0,
    blank_pages: frozenset[int] = frozenset(),
    misread: dict[str, str] | None = None,
    confusions: float = 0.0,
) -> int:
    """Set `text`, scan it and write the OCR'd PDF of `variant` (see VARIANTS); return the page count.

    `misread` (Tesseract variants) maps characters to what the engine reads them as; `confusions`
    scales the rates at which it confuses characters (CONFUSIONS: 1.0 as chi_sim does, 0 never).
    """
    pages = typeset(text, title_lines, header=header)
    if confusions:
        pages = confuse(pages, random.Random(f"confuse {seed}"), confusions)
    if variant == "abbyy":
        build_abbyy_pdf(pages, Path(path), seed=seed, blank_pages=blank_pages)
    else:
        skew = 0.8 if variant == "skewed" else 0.0
        build_tesseract_pdf(
            pages,
            Path(path),
            seed=seed,
            skew_degrees=skew,
            blank_pages=blank_pages,
            misread=misread,
            form=variant == "ocrmypdf",
        )
    return len(pages)


def scan_document(document, path: str | Path, variant: str, *, seed: int = 0, confusions: float = 0.0) -> int:
    """Print a parsed corpus document, scan and OCR it as `variant` (build_ocr_pdf); return the page count.

    Its title lines are set as a title; the skewed scan also carries the title as a running head on every
    page, furniture a reader must drop.
    """
    from tests.pdf_probe import _title_lines

    lines = [line.strip() for line in document.text.splitlines() if line.strip()]
    title = document.metadata.title
    return build_ocr_pdf(
        document.text,
        path,
        variant,
        title_lines=_title_lines(lines, title),
        header=title if variant == "skewed" else None,
        seed=seed,
        confusions=confusions,
    )
