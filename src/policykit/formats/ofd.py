"""OFD (GB/T 33190, China's fixed-layout e-document) → `Source`, lines rebuilt as for a PDF.

An OFD file is a ZIP of XML: OFD.xml names the document root, Document.xml lists the pages, each
page's Content.xml holds TextObjects with a Boundary (x y w h, in millimetres) and TextCode runs
placed at X/Y with per-glyph advances (DeltaX, where "g 3 4.2" means three advances of 4.2).
Writers cut text into small objects mid-word ("一份公文" / "文件"), so the glyphs are placed one
by one, regrouped into rows and fragments, and handed to the PDF layout code, which finds columns,
paragraph starts and running lines such as the page number "–– 1 ––".
"""

from __future__ import annotations

import itertools
import posixpath
import unicodedata
import zipfile
from collections.abc import Iterator
from typing import TYPE_CHECKING

from policykit.errors import InputError
from policykit.formats import Element, open_zip, parse_xml, zip_errors
from policykit.model import Source

if TYPE_CHECKING:
    from policykit.pdf import Fragment

_PT_PER_MM = 72 / 25.4
_A4 = (210.0, 297.0)

Glyph = tuple[float, float, float, float, float, str]  # x0, x1, top, bottom, size (pt), text


def read_ofd(data: bytes, *, path: str, name: str) -> Source:
    """Read every page's text objects and lay them out into numbered lines with their pages."""
    from policykit.pdf import PageText, layout_lines, number_lines

    try:
        archive = open_zip(data, path)
        pages = []
        for number, (content, size) in enumerate(_pages(archive, path), 1):
            glyphs = list(_glyphs(content))
            fragments = fragments_from_glyphs(glyphs)
            pages.append(
                PageText(
                    number=number,
                    width=size[0] * _PT_PER_MM,
                    height=size[1] * _PT_PER_MM,
                    fragments=tuple(fragments),
                    glyphs=len(glyphs),
                    undecodable=0,
                )
            )
    except zip_errors(KeyError, ValueError, SyntaxError) as error:
        raise InputError(f"cannot read this OFD file ({error}): is it complete?", path=path) from None
    lines = layout_lines(pages, path)
    if not any(text.strip() for text, _ in lines):
        raise InputError("this OFD file has no text objects: is it a scan? OCR it first", path=path)
    return Source(path=path, name=name, lines=tuple(number_lines(lines)), encoding="ofd", pages=len(pages))


def _xml(archive: zipfile.ZipFile, member: str, path: str, budget: list[int] | None = None) -> Element:
    """Parse a member (named in any case); `budget` counts down the bytes the pages may parse in all (what
    the package holds), since a page list can name one large page a million times."""
    names = {n.lower().lstrip("/"): n for n in archive.namelist()}
    real = names.get(member.lower().lstrip("/"))
    if real is None:
        raise KeyError(f"missing {member}")
    if budget is not None:
        budget[0] -= archive.getinfo(real).file_size
        if budget[0] < 0:
            raise InputError(
                "its page list names more page content than the file holds (one page listed over and over?): "
                "not a document to read",
                path=path,
            )
    damaged = f"this OFD file has a damaged {real} ({{error}}): is it complete?"
    return parse_xml(archive.read(real), path=path, damaged=damaged)


def _local(element: Element) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _child(element: Element, name: str) -> Element | None:
    return next((c for c in element if _local(c) == name), None)


def _find(element: Element, *names: str) -> Element | None:
    for name in names:
        if element is None:
            return None
        element = _child(element, name)
    return element


def _box(text: str | None) -> tuple[float, float, float, float] | None:
    if not text:
        return None
    values = [float(v) for v in text.split()]
    return (values[0], values[1], values[2], values[3]) if len(values) == 4 else None


def _pages(archive: zipfile.ZipFile, path: str) -> Iterator[tuple[Element, tuple[float, float]]]:
    """Yield each page's Content.xml root and its (width, height) in millimetres, in page order."""
    ofd = _xml(archive, "OFD.xml", path)
    root = _find(ofd, "DocBody", "DocRoot")
    if root is None or not (root.text or "").strip():
        raise KeyError("OFD.xml names no DocRoot")
    document_path = root.text.strip().lstrip("/")
    document = _xml(archive, document_path, path)
    base = posixpath.dirname(document_path)
    physical = _find(document, "CommonData", "PageArea", "PhysicalBox")
    default = _box(physical.text) if physical is not None else None
    listed = _find(document, "Pages")
    budget = [sum(info.file_size for info in archive.infolist())]  # each member once, as a real file reads
    for page in listed if listed is not None else ():
        location = page.get("BaseLoc")
        if _local(page) != "Page" or not location:
            continue
        member = location.lstrip("/") if location.startswith("/") else posixpath.join(base, location)
        content = _xml(archive, posixpath.normpath(member), path, budget)
        own = _find(content, "Area", "PhysicalBox")
        box = _box(own.text) if own is not None else default
        yield content, (box[2], box[3]) if box else _A4


def _advances(delta: str | None, limit: int = 1 << 20) -> list[float]:
    """Expand a DeltaX list, where "g N V" stands for N advances of V, to at most `limit` advances (those
    of the code's characters: "g 1000000000 1" is not a billion floats).

    >>> _advances("g 3 16.89 2.5"), _advances("g 1000000000 1", 2)
    ([16.89, 16.89, 16.89, 2.5], [1.0, 1.0])
    """
    values = (delta or "").split()
    out: list[float] = []
    i = 0
    while i < len(values) and len(out) < limit:
        if values[i] == "g" and i + 2 < len(values):
            out.extend([float(values[i + 2])] * max(0, min(int(values[i + 1]), limit - len(out))))
            i += 3
        else:
            out.append(float(values[i]))
            i += 1
    return out


def _glyphs(content: Element) -> Iterator[Glyph]:
    """Place every glyph of the page's TextObjects, in points from the top-left corner."""
    for obj in content.iter():
        if _local(obj) != "TextObject":
            continue
        box = _box(obj.get("Boundary"))
        if box is None:
            continue
        size = float(obj.get("Size") or 3.5)
        ctm = [float(v) for v in (obj.get("CTM") or "1 0 0 1 0 0").split()]
        if len(ctm) != 6:
            ctm = [1, 0, 0, 1, 0, 0]
        a, b, c, d, e, f = ctm
        scale = (abs(a * d - b * c) ** 0.5) or 1.0
        x, y = 0.0, 0.0
        for code in obj:
            if _local(code) != "TextCode" or not code.text:
                continue
            x = float(code.get("X", x))
            y = float(code.get("Y", y))
            steps = _advances(code.get("DeltaX"), len(code.text))
            for k, char in enumerate(code.text):
                wide = unicodedata.east_asian_width(char) in "WF"
                px, py = a * x + c * y + e + box[0], b * x + d * y + f + box[1]
                em = size * scale
                if not char.isspace():
                    yield (
                        px * _PT_PER_MM,
                        (px + (em if wide else 0.5 * em)) * _PT_PER_MM,
                        (py - 0.88 * em) * _PT_PER_MM,
                        (py + 0.12 * em) * _PT_PER_MM,
                        em * _PT_PER_MM,
                        char,
                    )
                advance = (
                    steps[k] if k < len(steps) else (steps[-1] if steps else (size if wide else size / 2))
                )
                x += advance


def fragments_from_glyphs(glyphs: list[Glyph]) -> list[Fragment]:
    """Group glyphs into rows (shared baseline) and rows into gap-free fragments for the PDF layout."""
    from policykit.pdf import Fragment

    rows: list[list[Glyph]] = []
    for glyph in sorted(glyphs, key=lambda g: (g[3], g[0])):
        if rows and glyph[3] - rows[-1][0][3] <= 0.5 * glyph[4]:
            rows[-1].append(glyph)
        else:
            rows.append([glyph])
    fragments = []
    split_rows: list[tuple[int, list[list[Glyph]]]] = []
    for index, row in enumerate(rows):
        row.sort(key=lambda g: g[0])
        pieces: list[list[Glyph]] = [[row[0]]]
        for glyph in row[1:]:
            last = pieces[-1][-1]
            if glyph[5] == last[5] and abs(glyph[0] - last[0]) < 0.1 * glyph[4]:
                continue  # the same glyph drawn twice (fake bold)
            if glyph[0] - last[1] > 0.8 * glyph[4]:
                pieces.append([glyph])
            else:
                pieces[-1].append(glyph)
        split_rows.append((index, pieces))
    gaps = [_gaps(pieces) for _, pieces in split_rows]
    for (index, pieces), own in zip(split_rows, gaps, strict=True):
        if len(pieces) > 1 and not _columnar(own, gaps):
            pieces = [[glyph for piece in pieces for glyph in piece]]
        for piece in pieces:
            text = piece[0][5]
            for before, glyph in itertools.pairwise(piece):
                gap = glyph[0] - before[1]
                if gap > 0.8 * glyph[4] or (
                    gap > 0.25 * glyph[4] and before[5].isascii() and glyph[5].isascii()
                ):
                    text += " "
                text += glyph[5]
            fragments.append(
                Fragment(
                    text=text,
                    x0=piece[0][0],
                    x1=max(g[1] for g in piece),
                    top=min(g[2] for g in piece),
                    bottom=max(g[3] for g in piece),
                    size=sorted(g[4] for g in piece)[len(piece) // 2],
                    row=index,
                )
            )
    return fragments


def _gaps(pieces: list[list[Glyph]]) -> list[tuple[float, float]]:
    return [(left[-1][1], right[0][0]) for left, right in itertools.pairwise(pieces)]


def _columnar(own: list[tuple[float, float]], gaps: list[list[tuple[float, float]]]) -> bool:
    """Tell whether a row's wide gaps line up with gaps of at least two other rows: a column gutter.

    A lone wide gap is alignment inside one line (a 版记 line '国防部   2012年12月12日印发'): its two
    ends stay one line, where the PDF layout would take the empty strip for a gutter.
    """
    for left, right in own:
        others = sum(1 for row in gaps if row is not own and any(l2 < right and r2 > left for l2, r2 in row))
        if others >= 2:
            return True
    return False
