"""Read a PDF's text layer into numbered source lines in reading order.

`extract` opens the file (PDFium first, pdfminer as the fallback) and turns each page's characters
into row fragments; `layout` orders them by column, drops running lines and marks paragraphs.
"""

from __future__ import annotations

import logging
from pathlib import Path

from policykit.errors import PdfError
from policykit.model import Source
from policykit.pdf.extract import PARALLEL_MIN_PAGES, Progress, extract_pages
from policykit.pdf.layout import Fragment, PageText, fragments_of, layout_lines, number_lines, spaced

__all__ = [
    "PARALLEL_MIN_PAGES",
    "Fragment",
    "PageText",
    "extract_pages",
    "fragments_of",
    "layout_lines",
    "number_lines",
    "read_pdf",
    "spaced",
]

log = logging.getLogger("policykit.pdf")


def read_pdf(
    path: str | Path | bytes,
    *,
    password: str | None = None,
    name: str | None = None,
    label: str | None = None,
    progress: Progress | None = None,
    reader: str | None = None,
) -> Source:
    """Read a PDF (a path or its bytes) into a `Source` whose lines carry their page.

    `label` is the path errors and warnings name (the path as given; "-" for bytes); `reader`
    forces "pypdfium2" or "pdfminer" instead of the first that can open the file.
    """
    if isinstance(path, bytes | bytearray):
        source: str | bytes = bytes(path)
        label = label or name or "-"
    else:
        source = str(path)
        label = label or source
    display = name or (Path(label).stem if label != "-" else "stdin")
    pages = extract_pages(source, password=password, label=label, progress=progress, reader=reader)
    glyphs = sum(page.glyphs for page in pages)
    undecodable = sum(page.undecodable for page in pages)
    if glyphs and undecodable > glyphs / 2:
        raise PdfError(
            "the text layer cannot be decoded (fonts without a Unicode map): "
            "run OCR first, e.g. ocrmypdf --force-ocr",
            path=label,
        )
    lines = layout_lines(pages, label)
    if not any(text.strip() for text, _ in lines):
        raise PdfError("no text layer: run OCR first, e.g. ocrmypdf", path=label)
    scanned = [page.number for page in pages if page.images and not page.fragments]
    if scanned:
        numbers = ", ".join(map(str, scanned))
        log.warning(
            "%s: %s %s no text layer: OCR %s first, e.g. ocrmypdf",
            label,
            f"pages {numbers}" if len(scanned) > 1 else f"page {numbers}",
            "have" if len(scanned) > 1 else "has",
            "them" if len(scanned) > 1 else "it",
        )
    return Source(
        path=label,
        name=display,
        lines=tuple(number_lines(lines)),
        encoding="pdf",
        pages=len(pages),
    )
