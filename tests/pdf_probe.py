"""Probe: type each corpus text as a 公文 in Word, print it to PDF with LibreOffice, and parse it back.

The tree read from the PDF must be the tree read from the text. Four measures, each a count of
documents and of edits: outline (numbered headings: kind, number, label), paragraphs (where the
breaks fall), text (every visible character, whitespace aside: a leaked page number or running
head shows here) and spacing (spaces a reader sees, line breaks aside). Each text's paragraphs
(`Document.text`, so no hard wraps of the corpus file) are
typed the way an office types a 公文 (python-docx): the title centred, body paragraphs justified
with a two-character first-line indent, 仿宋 body, 黑体 and 楷体 headings typed as text (一、,
（一）, 1.), and a "— N —" page-number field in the footer. Variants change the page:

    gongwen  A4, GB/T 9704 margins, 3号 (16 pt) type, 28.95 pt exact leading: 22 lines of 27 characters
    plain    A4, Word's default margins, 12 pt, the indent typed as two U+3000
    twocol   the gongwen page in two columns of 12 pt type
    header   the gongwen page with the title repeated in a header on every page
    mirrored the gongwen page with odd page numbers at the right, even ones at the left
    spread   the gongwen page with its title distributed (w:jc="distribute") and "第 N 页 共 M 页" footers

--font NAME sets every run in another face (Noto Serif CJK SC, Noto Sans CJK SC where installed): the
default names are the 公文 fonts, which a machine without them substitutes.

Usage: .venv/bin/python tests/pdf_probe.py [--variant NAME ...] [--keep DIR] [-v] [corpus .txt ...]
(default: every variant over every corpus document). It prints one line per document that
differs, then the counts; -v prints the first differences of each.
"""

from __future__ import annotations

import argparse
import difflib
import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests import office

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
VARIANTS = ("gongwen", "plain", "twocol", "header", "mirrored", "spread")
BODY_FONT = "仿宋_GB2312"
HEADING_FONTS = {1: "黑体", 2: "楷体_GB2312"}
_LEVELS = (
    (1, ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十")),
    (2, ("（",)),
)


def soffice() -> str | None:
    """The LibreOffice binary, or None where it is not installed."""
    return office.soffice()


def _level(text: str) -> int:
    """1 for 一、 headings, 2 for （一）, 0 for any other paragraph: the font a typist picks."""
    from policykit.zh.numbering import is_heading_line

    if not is_heading_line(text):
        return 0
    for level, starts in _LEVELS:
        if text.startswith(starts):
            return level
    return 0


def _east_asian(run, name: str) -> None:
    """Name a run's font for both scripts, as Word writes it (w:rFonts w:eastAsia)."""
    from docx.oxml.ns import qn

    run.font.name = name
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), name)


def _append_field(paragraph, instruction: str) -> None:
    """A simple field (PAGE, NUMPAGES) at the end of a paragraph, its stored result "1"."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _page_number_footer(footer, alignment=None) -> None:
    """A "— N —" footer whose N is a PAGE field, as 公文 templates have it (centred by default)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    paragraph = footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if alignment is None else alignment
    paragraph.add_run("— ").font.size = Pt(14)
    _append_field(paragraph, "PAGE")
    paragraph.add_run(" —").font.size = Pt(14)


def _page_of_pages_footer(footer) -> None:
    """A "第 N 页 共 M 页" footer of PAGE and NUMPAGES fields, as offices print long documents."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    paragraph = footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for before, instruction in (("第 ", "PAGE"), (" 页 共 ", "NUMPAGES")):
        paragraph.add_run(before)
        _append_field(paragraph, instruction)
    paragraph.add_run(" 页")


def _title_lines(lines: list[str], title: str | None) -> int:
    """How many leading lines make up the title (a 公文's title is broken by hand into centred lines)."""
    if not title:
        return 1
    wanted = "".join(title.split())
    typed = ""
    for count, line in enumerate(lines):
        typed += "".join(line.split())
        if not wanted.startswith(typed):
            return count  # none when the text opens with no title (新华社北京…电)
        if typed == wanted:
            return count + 1
    return 1


def build_docx(
    text: str, path: Path, variant: str, title: str | None = None, font: str | None = None
) -> None:
    """Type `text` (one paragraph a line, the leading lines that make `title` centred) as a 公文 .docx.

    Each line of `text` is one paragraph, as the tree's text holds them (`Document.text`).
    """
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    size = 12.0 if variant in ("plain", "twocol") else 16.0
    if variant == "plain":
        for side in ("top_margin", "bottom_margin", "left_margin", "right_margin"):
            setattr(section, side, Mm(25.4))
    else:
        section.top_margin, section.bottom_margin = Mm(37), Mm(35)
        section.left_margin, section.right_margin = Mm(28), Mm(26)
    if variant == "twocol":
        columns = OxmlElement("w:cols")
        columns.set(qn("w:num"), "2")
        columns.set(qn("w:space"), "425")
        section._sectPr.append(columns)
    if variant == "header":
        header = section.header.paragraphs[0]
        header.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = header.add_run(title or next((line.strip() for line in text.splitlines() if line.strip()), ""))
        run.font.size = Pt(10.5)
        _east_asian(run, "宋体")
    if variant == "mirrored":
        # GB/T 9704: odd page numbers at the right, even ones at the left, one character in.
        document.settings.odd_and_even_pages_header_footer = True
        _page_number_footer(section.footer, WD_ALIGN_PARAGRAPH.RIGHT)
        _page_number_footer(section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)
        for footer in (section.footer, section.even_page_footer):
            indent = footer.paragraphs[0].paragraph_format
            indent.left_indent = indent.right_indent = Pt(14)
    elif variant == "spread":
        _page_of_pages_footer(section.footer)
    else:
        _page_number_footer(section.footer)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    heading = _title_lines(lines, title)
    for index, line in enumerate(lines):
        paragraph = document.add_paragraph()
        layout = paragraph.paragraph_format
        layout.space_before = layout.space_after = Pt(0)
        if variant in ("gongwen", "header", "mirrored", "spread"):
            layout.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            layout.line_spacing = Pt(28.95)
        if index < heading:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            if variant == "spread":
                paragraph.alignment = WD_ALIGN_PARAGRAPH.DISTRIBUTE
            run = paragraph.add_run(line)
            run.font.size = Pt(size + 6)
            _east_asian(run, font or "方正小标宋简体")
            continue
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        if variant == "plain":
            line = "\u3000\u3000" + line
        else:
            layout.first_line_indent = Pt(2 * size)
        run = paragraph.add_run(line)
        run.font.size = Pt(size)
        _east_asian(run, font or HEADING_FONTS.get(_level(line), BODY_FONT))
    document.save(str(path))


def to_pdf(documents: list[Path], outdir: Path) -> None:
    """Print .docx files to PDF with one LibreOffice run (the process's kept-open soffice, tests/office.py)."""
    if office.soffice() is None:
        raise RuntimeError("soffice not found: install LibreOffice")
    office.convert(documents, "pdf", outdir, timeout=120 + 20 * len(documents))


def outline(document) -> list[str]:
    """The numbered headings of a tree as "kind number label" lines, in document order."""
    return [
        f"{clause.kind} {clause.number} {clause.label}"
        for top in document.clauses
        for clause in top.walk()
        if clause.number
    ]


def visible(document) -> str:
    """The document's text without whitespace: what a reader sees, wherever the lines break."""
    return "".join(document.text.split())


def paragraphs(document) -> list[str]:
    """The document's paragraphs (its text's lines) without whitespace: where a reader sees breaks."""
    return [squashed for line in document.text.split("\n") if (squashed := "".join(line.split()))]


def spacing(document) -> str:
    """The document's text with each space run as one space and line breaks dropped: spaces a reader sees."""
    return re.sub(r"[^\S\n]+", " ", re.sub(r"[^\S\n]*\n\s*", "", document.text))


@dataclass(frozen=True)
class Result:
    """How the PDF's parse differs from the text's: outline lines and text snippets."""

    name: str
    variant: str
    outline: tuple[str, ...]
    paragraphs: tuple[str, ...]
    text: tuple[str, ...]
    spacing: tuple[str, ...]
    pages: int


def _outline_diff(expected: list[str], got: list[str]) -> tuple[str, ...]:
    if expected == got:  # the usual case: no diff to compute
        return ()
    return tuple(
        line
        for line in difflib.unified_diff(expected, got, lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    )


def _text_diff(expected: str, got: str, context: int = 12) -> tuple[str, ...]:
    if expected == got:  # the usual case, and SequenceMatcher takes seconds to say so on a long text
        return ()
    matcher = difflib.SequenceMatcher(None, expected, got, autojunk=False)
    found = []
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        if tag == "equal":
            continue
        before = expected[max(0, a0 - context) : a0]
        found.append(f"{tag}: …{before}[{expected[a0:a1]}→{got[b0:b1]}]{expected[a1 : a1 + context]}…")
    return tuple(found)


def compare(texts: list[Path], variant: str, workdir: Path, font: str | None = None) -> list[Result]:
    """Type, print and parse each text in `variant`; compare each PDF's parse with the text's."""
    from policykit.pipeline import load_document

    typed = []
    for path in texts:
        target = workdir / f"{path.stem}.docx"
        # Typed from the text's paragraphs, as a typist types them: the corpus files carry hard wraps
        # (报 / 告, PM / 2.5) that the text reader rejoins but a typed paragraph never has.
        reference = load_document(path)
        build_docx(reference.text, target, variant, reference.metadata.title, font)
        typed.append(target)
    to_pdf(typed, workdir)
    results = []
    for path in texts:
        expected = load_document(path)
        pdf = workdir / f"{path.stem}.pdf"
        got = load_document(pdf)
        pages = max((line[2] or 0 for line in got.line_map), default=0)
        results.append(
            Result(
                name=path.stem,
                variant=variant,
                outline=_outline_diff(outline(expected), outline(got)),
                paragraphs=_outline_diff(paragraphs(expected), paragraphs(got)),
                text=_text_diff(visible(expected), visible(got)),
                spacing=tuple(
                    edit
                    for edit in _text_diff(spacing(expected), spacing(got))
                    if not "".join(re.findall(r"\[(.*?)→(.*?)\]", edit)[0]).strip()
                ),
                pages=pages,
            )
        )
    return results


_KINDS = ("outline", "paragraphs", "text", "spacing")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--variant", action="append", choices=VARIANTS)
    parser.add_argument("--font", help="set every run in this face instead of the 公文 fonts")
    parser.add_argument("--keep", type=Path, help="keep the .docx and .pdf files here")
    parser.add_argument("-v", "--verbose", action="count", default=0)
    args = parser.parse_args(argv)
    files = args.files or sorted(CORPUS.glob("*.txt"))
    if not files:
        print(f"no corpus texts at {CORPUS}", file=sys.stderr)
        return 2
    if soffice() is None:
        print("soffice not found: install LibreOffice", file=sys.stderr)
        return 2
    for variant in args.variant or VARIANTS:
        if args.keep:
            workdir = args.keep / variant
            workdir.mkdir(parents=True, exist_ok=True)
            results = compare(files, variant, workdir, args.font)
        else:
            with tempfile.TemporaryDirectory(prefix=f"lo-probe-{variant}-") as tmp:
                results = compare(files, variant, Path(tmp), args.font)
        limit = (0, 8, None)[min(args.verbose, 2)]
        for result in results:
            found = [(kind, getattr(result, kind)) for kind in _KINDS if getattr(result, kind)]
            if not found:
                continue
            counts = ", ".join(f"{len(lines)} {kind}" for kind, lines in found)
            print(f"{variant} {result.name} ({result.pages} pp): {counts}")
            for kind, lines in found:
                for line in lines[:limit]:
                    print(f"    {kind} {line}")
        counts = ", ".join(
            f"{kind} differs in {sum(1 for r in results if getattr(r, kind))}"
            f" ({sum(len(getattr(r, kind)) for r in results)} edits)"
            for kind in _KINDS
        )
        print(f"{variant}: {len(results)} documents: {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
