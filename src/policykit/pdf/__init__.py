"""Read a PDF's text layer into numbered source lines in reading order.

`extract` opens the file (PDFium first, pdfminer as the fallback) and turns each page's characters
into row fragments; `layout` orders them by column, drops running lines and marks paragraphs.
"""

from __future__ import annotations

from pathlib import Path

from policykit.errors import PdfError, logger
from policykit.formats.chrome import details_metadata, labelled_details
from policykit.model import Metadata, Source
from policykit.pdf.extract import PARALLEL_MIN_PAGES, Progress, extract_pages
from policykit.pdf.layout import Fragment, PageText, fragments_of, layout_lines, number_lines, spaced
from policykit.pdf.ocr import fix_lines

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

log = logger("policykit.pdf")
# What to run on a scan: ocrmypdf reads English unless told the language (chi_sim: Simplified Chinese).
OCR_COMMAND = "ocrmypdf -l chi_sim"


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
            f"run OCR first, e.g. {OCR_COMMAND} --force-ocr in.pdf out.pdf",
            path=label,
        )
    # Some fonts without a map (a heading font's subset): their glyphs are left out, and the reader told.
    unmapped = [page.number for page in pages if page.undecodable >= max(_UNMAPPED_MIN, page.glyphs / 20)]
    if unmapped:
        log.warning(
            "%s: %s text in fonts without a Unicode map, left out: OCR for the full text, e.g. %s --force-ocr in.pdf out.pdf",
            label,
            _pages_have(unmapped),
            OCR_COMMAND,
        )
    # An OCR layer's misread characters (二O二五年, l2.5%) are put right where the context is sure.
    ocr_pages = frozenset(page.number for page in pages if page.ocr)
    lines, metadata = _page_details(fix_lines(layout_lines(pages, label), ocr_pages), label)
    if not any(text.strip() for text, _ in lines):
        raise PdfError(f"no text layer: run OCR first, e.g. {OCR_COMMAND} in.pdf out.pdf", path=label)
    # A page scanned among typeset ones, or one the OCR tool skipped: --skip-text OCRs just those.
    scanned = [page.number for page in pages if page.images and not page.fragments]
    if scanned:
        log.warning(
            "%s: %s no text layer: OCR %s first, e.g. %s --skip-text in.pdf out.pdf",
            label,
            _pages_have(scanned),
            "them" if len(scanned) > 1 else "it",
            OCR_COMMAND,
        )
    return Source(
        path=label,
        name=display,
        lines=tuple(number_lines(lines)),
        encoding="pdf",
        pages=len(pages),
        metadata=metadata,
    )


# Glyphs without a Unicode map on a page, at least, before the reader is told: a symbol font's bullets are fewer.
_UNMAPPED_MIN = 10


# A printed web page's metadata table sits above the title, within the first lines of page 1.
_DETAILS_WITHIN = 15


def _page_details(lines: list[tuple[str, int]], label: str) -> tuple[list[tuple[str, int]], Metadata | None]:
    """Read the rows of a printed page's metadata table (索引号, 发文字号, 成文日期) into metadata.

    A browser prints a government page's table above the document; its rows are no text of the
    document but say what the document is, as the HTML reader reads them from the saved page.
    """
    rows: dict[int, list[tuple[str, str]]] = {}
    sure = False
    seen = 0
    for index, (text, page) in enumerate(lines):
        if page != 1 or seen >= _DETAILS_WITHIN:
            break
        if text.strip():
            seen += 1
            found = labelled_details(text, strict=False)
            if found is not None:
                rows[index] = found
                sure = sure or labelled_details(text) is not None
    if not sure:
        return list(lines), None
    pairs: list[tuple[str, str]] = []
    kept: list[tuple[str, int]] = []
    for index, (text, page) in enumerate(lines):
        if index in rows:
            pairs.extend(rows[index])
            log.info("%s: page 1: read a row of the page's metadata table: %s", label, text.strip())
            continue
        if not text.strip() and (not kept or not kept[-1][0].strip()):
            continue  # the gap a dropped row leaves
        kept.append((text, page))
    return kept, details_metadata(pairs) if pairs else None


def _pages_have(numbers: list[int]) -> str:
    """'page 2 has' or 'pages 2, 5 have', for a warning about some of a file's pages."""
    listed = ", ".join(map(str, numbers))
    return f"pages {listed} have" if len(numbers) > 1 else f"page {listed} has"
