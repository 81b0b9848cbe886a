"""Read the real PDFs (../shared/formats) and a 100+ page two-column PDF built from the corpus, as a ratio to
poppler's pdftotext on the same file."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

MIN_PAGES = 100
REAL = (
    "beijing-gov-work-report-2024.pdf",
    "guofa-2025-11-ai-plus-browser-print.pdf",
    "gongwen-template-wps-test.pdf",
)


def build(ctx) -> tuple[Path, int]:
    """Lay the corpus out as a two-column PDF with running header and page numbers, at least MIN_PAGES long."""
    sys.path.insert(0, str(ctx.root))
    from tests.pdf_factory import build_pdf

    path = ctx.scratch / "corpus.pdf"
    text = ""
    for repeat in range(1, 10):
        text = ctx.corpus_text(min_bytes=150_000 * repeat)
        pages = build_pdf(text, path, columns=2, title="政策文件汇编")
        if pages >= MIN_PAGES:
            return path, pages
    return path, pages


def run(ctx) -> list[dict]:
    from policykit.pdf import extract_pages, read_pdf

    pdftotext = ctx.tool("pdftotext")
    if not pdftotext:
        return [{"bench": "pdf", "what": "skipped: pdftotext (poppler-utils) not installed", "seconds": 0.0}]
    logging.getLogger("policykit").setLevel(logging.ERROR)  # the generated file's fallback pages: no notes
    rows = []
    formats = ctx.root.parent / "shared" / "formats"
    for name in REAL:
        path = formats / name
        if not path.is_file():
            rows.append({"bench": "pdf", "what": f"skipped: {name} not in {formats}", "seconds": 0.0})
            continue
        anchor = ctx.time_command([pdftotext, str(path), str(ctx.scratch / "out.txt")], repeat=5)
        pages = read_pdf(path).pages
        seconds = ctx.time(lambda path=path: read_pdf(path), repeat=5)
        rows.append(
            {
                "bench": "pdf",
                "what": f"{name[:30]}, {pages} pages ({1000 * seconds / pages:.0f} ms/page)",
                "seconds": seconds,
                "anchor": "pdftotext",
                "anchor_seconds": anchor,
            }
        )
    path, pages = build(ctx)
    anchor = ctx.time_command([pdftotext, str(path), str(ctx.scratch / "out.txt")])
    seconds = ctx.time(lambda: read_pdf(path))
    rows.append(
        {
            "bench": "pdf",
            "what": f"generated, {pages} pages ({1000 * seconds / pages:.0f} ms/page)",
            "seconds": seconds,
            "anchor": "pdftotext",
            "anchor_seconds": anchor,
        }
    )
    single = ctx.time(lambda: extract_pages(str(path), workers=1), repeat=1)
    rows.append(
        {
            "bench": "pdf",
            "what": f"generated, extract pages, one process ({pages / single:.0f} pages/s)",
            "seconds": single,
            "anchor": "pdftotext",
            "anchor_seconds": anchor,
        }
    )
    fallback = ctx.time(lambda: extract_pages(str(path), workers=1, reader="pdfminer"), repeat=1)
    rows.append(
        {
            "bench": "pdf",
            "what": f"generated, pdfminer fallback only ({pages / fallback:.0f} pages/s)",
            "seconds": fallback,
            "anchor": "pdftotext",
            "anchor_seconds": anchor,
        }
    )
    return rows


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from run import Context

    context = Context()
    for row in run(context):
        ratio = row["seconds"] / row["anchor_seconds"] if row.get("anchor_seconds") else None
        print(row["what"], f"{row['seconds']:.3f}s", f"{ratio:.1f}x" if ratio else "")
