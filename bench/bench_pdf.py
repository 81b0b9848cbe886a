"""Read a 100+ page two-column PDF built from the corpus, as a ratio to poppler's pdftotext on the same file."""

from __future__ import annotations

import sys
from pathlib import Path

MIN_PAGES = 100


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
    path, pages = build(ctx)
    anchor = ctx.time_command([pdftotext, str(path), str(ctx.scratch / "out.txt")])
    pooled = ctx.time(lambda: read_pdf(path))
    single = ctx.time(lambda: extract_pages(str(path), workers=1), repeat=1)
    rows = [
        {
            "bench": "pdf",
            "what": f"read_pdf, {pages} pages ({pages / pooled:.0f} pages/s, process pool)",
            "seconds": pooled,
            "anchor": "pdftotext",
            "anchor_seconds": anchor,
        },
        {
            "bench": "pdf",
            "what": f"extract pages, one process ({pages / single:.0f} pages/s)",
            "seconds": single,
            "anchor": "pdftotext",
            "anchor_seconds": anchor,
        },
    ]
    import pdfplumber

    def plain() -> None:  # the baseline the issue measured: interleaves columns, keeps headers
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_text()

    seconds = ctx.time(plain, repeat=1)
    rows.append(
        {
            "bench": "pdf",
            "what": f"plain pdfplumber extract_text ({pages / seconds:.0f} pages/s)",
            "seconds": seconds,
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
