"""Build real test PDFs from plain text the way a publisher lays them out (reportlab, built-in CID font).

Every non-blank line of the text becomes a paragraph with a two-character first-line indent, wrapped
to the column width; a blank line becomes extra vertical space. Pages carry a running header (the
title) and a centred page number such as "— 3 —", so the reader has something to strip.
"""

from __future__ import annotations

import re
from pathlib import Path

FONT = "STSong-Light"
PAGE_WIDTH, PAGE_HEIGHT = 595.0, 842.0  # A4 in points
MARGIN = 72.0
GUTTER = 24.0

_TOKEN = re.compile(r"[\x21-\x7e]+|.", re.S)
# Characters STSong-Light's GB encoding cannot draw: reportlab would leave a blank where they were.
_UNENCODABLE = str.maketrans("", "", "·\u200b")
_HEADING = re.compile(r"^(第[一二三四五六七八九十百]+[章节部分]|[一二三四五六七八九十]+、)")
# Closing punctuation hangs into the margin rather than starting a line, as Chinese typesetting does.
_CLOSING = set("，。、；：？！）》」』】〕”’…—,.;:?!)")


def _register_font() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def wrap(text: str, width: float, size: float, indent: float = 0.0, font: str = FONT) -> list[str]:
    """Break `text` greedily into lines no wider than `width`; runs of ASCII stay whole where they fit."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines: list[str] = []
    current = ""
    available = width - indent
    for token in _TOKEN.findall(text):
        fits = stringWidth(current + token, font, size) <= available
        hangs = token in _CLOSING and stringWidth(current, font, size) <= available
        if fits or (current and hangs):  # at most one closing mark hangs past the edge
            current += token
            continue
        if current.strip():
            lines.append(current.rstrip())
            available = width
            current = ""
        token = token.lstrip()
        while stringWidth(token, font, size) > available:  # an ASCII run longer than a line
            cut = len(token)
            while cut > 1 and stringWidth(token[:cut], font, size) > available:
                cut -= 1
            lines.append(token[:cut])
            token = token[cut:]
        current = token
    if current.strip():
        lines.append(current.rstrip())
    return lines


def build_pdf(
    text: str,
    path: str | Path,
    *,
    columns: int = 1,
    title: str | None = None,
    page_number: str | None = "— {n} —",
    size: float = 10.5,
    password: str | None = None,
    style: str = "indent",
    gutter: float = GUTTER,
    header_at: float = 50.0,
    outer_numbers: bool = False,
    corner: tuple[str, ...] = (),
    imprint: tuple[str, ...] = (),
    footnote: tuple[int, str] | None = None,
    annex_table: tuple[str, list[list[str]]] | None = None,
    table_rules: str = "grid",
    wrap_cells: float | None = None,
    valign: str = "top",
    cell_pad: float | None = None,
    title_size: float = 9.0,
) -> int:
    """Lay `text` out into a PDF at `path` and return its page count.

        `title` is drawn as a running header on every page (in `title_size` type); `page_number` is a format string for the
        footer (None for no page numbers); `password` encrypts the file with that user password.
        `style` "indent" sets paragraphs with a two-character first-line indent, ragged right;
        "block" sets them flush left and justified, with space between paragraphs, and headings
        (short lines such as 第一章 or 一、) centred in a larger size. `gutter` is the white between
        columns (gazettes leave as little as 20 pt, under two characters). `header_at` is the title's
        baseline from the top edge (62 sets it about 10 pt above the body, as a browser's header).
        reportlab garbles the CID font's names when it encrypts (poppler cannot read such files
        either), so encrypted PDFs are set in Helvetica: give them ASCII text.

        The furniture of a 公文 as published (GB/T 9704): `page_number` may hold {total} ("第{n}页 共{total}页");
        `outer_numbers` sets it at the outer edge (right on odd pages, left on even ones); `corner` lines
        (份号, 密级, 紧急程度) stand at the top left of page 1 above the text; `imprint` lines (版记: 抄送,
        印发机关和印发日期) sit at the foot of the last page between rules; `footnote` (page, text) is set
        small below a short rule at the foot of that page; `annex_table` (caption, rows) is a landscape page
        after the text with the caption over a ruled table: `table_rules` "grid" rules every row and column,
        "rows" only the rows (no vertical rules), "three" the top, the head and the foot (三线表); `wrap_cells` (ems) caps a column's width so that longer
        cells wrap onto lines inside their cell, whose other cells stand at its top (`valign` "top") or
        centred down it ("middle"), as Word sets an indicator table; `cell_pad` is the white (points) each
    side of a cell's text (Word leaves 5.4).
    """
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen.canvas import Canvas

    font = "Helvetica" if password else FONT
    _register_font()
    encrypt = StandardEncryption(password, canModify=0) if password else None
    total = 0
    if page_number and "{total}" in page_number:  # set it once to count the pages, as a typesetter does
        total = build_pdf(
            text, path, columns=columns, page_number=None, size=size, style=style, imprint=imprint
        )
        total += 1 if annex_table else 0
    canvas = Canvas(str(path), pagesize=(PAGE_WIDTH, PAGE_HEIGHT), encrypt=encrypt, invariant=1)
    body_width = PAGE_WIDTH - 2 * MARGIN
    column_width = (body_width - gutter * (columns - 1)) / columns
    leading = size * 1.6
    top, bottom = PAGE_HEIGHT - MARGIN, MARGIN
    state = {"page": 1, "column": 0, "y": top}

    def decorate() -> None:
        if title:  # at the head of the page as it stands: a landscape annex page's own top
            width, height = canvas._pagesize
            canvas.setFont(FONT, title_size)
            canvas.drawCentredString(width / 2, height - header_at, title)
            canvas.line(MARGIN, height - header_at - 6, width - MARGIN, height - header_at - 6)
        if page_number:
            canvas.setFont(FONT, 9)
            label = page_number.format(n=state["page"], total=total)
            width = canvas._pagesize[0]
            if not outer_numbers:
                canvas.drawCentredString(width / 2, 40, label)
            elif state["page"] % 2:
                canvas.drawRightString(width - MARGIN, 40, label)
            else:
                canvas.drawString(MARGIN, 40, label)
        if footnote and footnote[0] == state["page"]:
            canvas.setFont(FONT, 8)
            canvas.line(MARGIN, bottom - 6, MARGIN + 120, bottom - 6)
            canvas.drawString(MARGIN, bottom - 18, footnote[1])

    def next_column() -> None:
        state["column"] += 1
        state["y"] = top
        if state["column"] == columns:
            decorate()
            canvas.showPage()
            state["page"] += 1
            state["column"] = 0

    def draw_line(line: str, indent: float, *, line_size: float = size, spread: bool = False) -> None:
        if state["y"] - line_size < bottom:
            next_column()
        x = MARGIN + state["column"] * (column_width + gutter) + indent
        text_object = canvas.beginText(x, state["y"] - line_size)
        text_object.setFont(font, line_size)
        if spread and len(line) > 1:  # justify: share the slack out between the characters
            slack = column_width - indent - stringWidth(line, font, line_size)
            text_object.setCharSpace(max(0.0, slack) / (len(line) - 1))
        text_object.textOut(line)
        canvas.drawText(text_object)
        state["y"] -= line_size * 1.6

    def space(amount: float) -> None:
        if state["y"] < top:
            state["y"] -= amount

    if corner:
        canvas.setFont(FONT, size)
        for index, line in enumerate(corner):
            canvas.drawString(MARGIN, PAGE_HEIGHT - 40 - index * size * 1.4, line)
    for raw in text.splitlines():
        paragraph = raw.translate(_UNENCODABLE).strip(" \t\u3000")
        if not paragraph:
            space(leading * 0.6)
            continue
        heading_size = size * 1.3
        fits = stringWidth(paragraph, font, heading_size) <= column_width
        if style == "block" and _HEADING.match(paragraph) and fits:
            space(leading * 0.5)
            offset = max(0.0, (column_width - stringWidth(paragraph, font, heading_size)) / 2)
            draw_line(paragraph, offset, line_size=heading_size)
            continue
        indent = 2 * size if style == "indent" else 0.0
        lines = wrap(paragraph, column_width, size, indent=indent, font=font)
        for index, line in enumerate(lines):
            draw_line(line, indent if index == 0 else 0.0, spread=style == "block" and index < len(lines) - 1)
        if style == "block":
            space(leading * 0.5)
    if imprint:
        needed = len(imprint) * leading + 12
        if state["y"] - needed < bottom:
            next_column()
        y = bottom + needed
        canvas.setFont(FONT, size)
        for line in imprint:
            canvas.line(MARGIN, y, PAGE_WIDTH - MARGIN, y)
            canvas.drawString(MARGIN + size, y - size * 1.3, line)
            y -= leading
        canvas.line(MARGIN, y, PAGE_WIDTH - MARGIN, y)
    decorate()
    canvas.showPage()
    if annex_table:
        state["page"] += 1
        _annex_page(
            canvas, *annex_table, rules=table_rules, wrap_cells=wrap_cells, valign=valign, pad=cell_pad
        )
        decorate()
        canvas.showPage()
    canvas.save()
    return state["page"]


def _annex_page(
    canvas,
    caption: str,
    rows: list[list[str]],
    *,
    rules: str = "grid",
    wrap_cells: float | None = None,
    valign: str = "top",
    pad: float | None = None,
) -> None:
    """A landscape page: the caption, then a ruled table, each cell's text at its left edge.

    `rules` "filled" draws the grid as Word's PDF export does: each rule a thin filled box, not a line;
    "form" draws the grid inside a form XObject placed on the page (as some exporters reuse a table's
    lines); "boxes" strokes each cell's own rectangle (as LibreOffice and some 方正 exports draw a table).
    """
    from reportlab.pdfbase.pdfmetrics import stringWidth

    deferred: list[tuple[float, float, float, float]] = []  # a form's rules, drawn after the text

    def rule(x0: float, y0: float, x1: float, y1: float) -> None:
        if rules == "form":
            deferred.append((x0, y0, x1, y1))
        elif rules in ("boxes", "none"):
            return  # each cell strokes its own box, or the table has no rules at all
        elif rules == "filled":
            canvas.rect(
                min(x0, x1) - 0.25,
                min(y0, y1) - 0.25,
                abs(x1 - x0) + 0.5,
                abs(y1 - y0) + 0.5,
                stroke=0,
                fill=1,
            )
        else:
            canvas.line(x0, y0, x1, y1)

    size, leading = 10.5, 10.5 * 1.3
    if pad is None:  # white each side of a cell's text
        pad = 8 if wrap_cells is None else 12
    canvas.setPageSize((PAGE_HEIGHT, PAGE_WIDTH))
    width = PAGE_HEIGHT - 2 * MARGIN
    widths = [max(stringWidth(row[k], FONT, size) for row in rows) + 2 * pad for k in range(len(rows[0]))]
    if wrap_cells is None:
        widths = [w * width / sum(widths) for w in widths]
    else:  # capped columns, the table no wider than they make it
        widths = [min(w, wrap_cells * size + 2 * pad) for w in widths]
    edges = [MARGIN]
    for w in widths:
        edges.append(edges[-1] + w)
    canvas.setFont(FONT, 14)
    y = PAGE_WIDTH - MARGIN
    canvas.drawCentredString(PAGE_HEIGHT / 2, y - 14, caption)
    y -= 40
    canvas.setFont(FONT, size)
    for number, row in enumerate(rows):
        cells = [wrap(cell, widths[k] - 2 * pad + 0.01, size) or [""] for k, cell in enumerate(row)]
        height = 24 + leading * (max(len(lines) for lines in cells) - 1)
        if rules != "three" or number < 2:  # a three-line table rules its top and its head only
            rule(edges[0], y, edges[-1], y)
        for k, lines in enumerate(cells):
            drop = (height - 24 - leading * (len(lines) - 1)) / 2 if valign == "middle" else 0.0
            for index, line in enumerate(lines):
                canvas.drawString(edges[k] + pad, y - 16 - drop - index * leading, line)
            if rules == "boxes":
                canvas.rect(edges[k], y - height, widths[k], height, stroke=1, fill=0)
        if rules in ("grid", "filled", "form"):
            for x in edges:
                rule(x, y, x, y - height)
        y -= height
    rule(edges[0], y, edges[-1], y)
    if deferred:
        canvas.beginForm("grid")
        for x0, y0, x1, y1 in deferred:
            canvas.line(x0, y0, x1, y1)
        canvas.endForm()
        canvas.doForm("grid")


def build_scanned_pdf(path: str | Path, pages: int = 2) -> None:
    """Write a PDF whose pages hold only drawn shapes, like a scan without a text layer."""
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(path), pagesize=(PAGE_WIDTH, PAGE_HEIGHT), invariant=1)
    for _ in range(pages):
        canvas.setFillGray(0.85)
        canvas.rect(MARGIN, MARGIN, PAGE_WIDTH - 2 * MARGIN, PAGE_HEIGHT - 2 * MARGIN, fill=1)
        canvas.showPage()
    canvas.save()


def build_unmapped_pdf(text: str, path: str | Path, codes: str = "glyph-ids") -> None:
    """A page of `text` in an embedded CJK font whose codes map to no Unicode, as some 方正 exports write it.

    The codes are glyph ids in the order the subset met the characters (from 3, as subsetters number
    them), or from 0x400 ("high-ids": PDFium reads them as Cyrillic); "private-use" adds a ToUnicode
    sending each code to a private-use code point. Nothing in the file says which character a code is.
    "some-lines" maps the codes right (a ToUnicode to the characters) but sets every third line in a
    second subset of the font that has no map, as a heading font may be.
    """
    from tests.ocr_factory import _glyphless_ttf, _stream, _write

    lines = [line.strip() for line in text.splitlines() if line.strip()][:30]
    start = 0x400 if codes == "high-ids" else 3
    ids: dict[str, int] = {}
    content = b""
    for index, line in enumerate(lines):
        shown = "".join(f"{ids.setdefault(char, start + len(ids)):04X}" for char in line[:36])
        font = "/F2" if codes == "some-lines" and index % 3 == 2 else "/F1"
        y = PAGE_HEIGHT - MARGIN - 20 * index
        content += f"BT {font} 12 Tf {MARGIN} {y} Td <{shown}> Tj ET\n".encode()
    name = b"/ABCDEF+FZFSK--GBK1-0"
    font = (
        b"<< /Type /Font /Subtype /Type0 /BaseFont "
        + name
        + b" /Encoding /Identity-H /DescendantFonts [6 0 R]"
    )
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_WIDTH:.0f} {PAGE_HEIGHT:.0f}] /Contents 4 0 R ".encode()
        + b"/Resources << /Font << /F1 5 0 R /F2 10 0 R >> >> >>",
        _stream(content),
        font + (b" /ToUnicode 9 0 R >>" if codes in ("private-use", "some-lines") else b" >>"),
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont " + name + b" /CIDSystemInfo << /Registry (Adobe) "
        b"/Ordering (Identity) /Supplement 0 >> /FontDescriptor 7 0 R /DW 1000 /CIDToGIDMap /Identity >>",
        b"<< /Type /FontDescriptor /FontName " + name + b" /Ascent 880 /Descent -120 /CapHeight 880 /Flags 4 "
        b"/FontBBox [0 -120 1000 880] /ItalicAngle 0 /StemV 80 /FontFile2 8 0 R >>",
        _stream(ttf := _glyphless_ttf(), f" /Length1 {len(ttf)}", compress=False),
    ]
    targets = {
        code: ord(char) if codes == "some-lines" else 0xE000 + k for k, (char, code) in enumerate(ids.items())
    }
    pairs = "".join(f"<{code:04X}> <{target:04X}>\n" for code, target in targets.items())
    cmap = (
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo\n"
        "<< /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n"
        "/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
        f"{len(ids)} beginbfchar\n{pairs}endbfchar\nendcmap\n"
        "CMapName currentdict /CMap defineresource pop\nend\nend\n"
    )
    objects.append(_stream(cmap.encode(), compress=False))
    objects.append(font + b" >>")  # the second subset: no ToUnicode
    _write(objects, Path(path))
