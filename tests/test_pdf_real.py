"""PDF input on real producers' files (../shared/formats): WPS, Chrome print, a 公文 template, a scan.

Plus the reader behaviours those files call for, on generated PDFs: a file pdfminer refuses, an
image-only page, the per-page budget.
"""

from __future__ import annotations

import json
import logging
import re

import pytest

from policykit.cli import app
from policykit.errors import PdfError
from policykit.ingest import read_source, source_from_text
from policykit.pdf import extract as pdf_extract
from policykit.pdf import extract_pages, read_pdf, reader_pdfium
from policykit.pipeline import document_from_source, load_document
from policykit.targets import extract_targets
from policykit.zh.chars import squash
from tests.conftest import ROOT
from tests.pdf_factory import FONT, build_pdf

FORMATS = ROOT.parent / "shared" / "formats"
BROWSER = "guofa-2025-11-ai-plus-browser-print.pdf"
WPS = "beijing-gov-work-report-2024.pdf"
GONGWEN = "gongwen-template-wps-test.pdf"
SCANNED = "scanned-book-pages-mineru.pdf"
_CJK = "\u4e00-\u9fff"
# A space next to a Chinese character or between digits: what WPS gaps and CNKI letter spacing leave.
_SPURIOUS_SPACE = re.compile(rf"[{_CJK}\d] +[{_CJK}\d]|[{_CJK}] +\S|\S +[{_CJK}]")


@pytest.fixture(scope="module")
def formats():
    def path(name: str):
        file = FORMATS / name
        if not file.is_file():
            pytest.skip(f"real-format file not found at {file}: these tests need ../shared/formats")
        return file

    return path


def _numbered(document) -> list[str]:
    return [clause.number for clause in document.walk() if clause.number]


# ---------------------------------------------------------------- the browser-printed 国发 PDF


def test_browser_print_gives_its_35_numbered_nodes(formats):
    document = load_document(formats(BROWSER))
    numbers = _numbered(document)
    assert len(numbers) == 35
    assert sum(n.endswith("、") for n in numbers) == 4  # 一、 … 四、
    assert sum(n.startswith("（") for n in numbers) == 14  # （一） … （十四）
    assert sum(n.endswith(".") for n in numbers) == 17  # 1. … under （一）–（六）
    assert document.metadata.title == "国务院关于深入实施“人工智能+”行动的意见"


def test_browser_print_has_no_radicals_and_no_browser_lines(formats):
    document = load_document(formats(BROWSER))
    text = document.text
    assert not re.search(r"[\u2e80-\u2fdf]", text)
    assert "人民" in text and "意见" in text
    for clause in document.walk():
        assert "2026/5/19" not in clause.text
        assert "mee.gov.cn" not in clause.text
        assert not re.search(r"\b[123]/3\b", clause.text)


def test_browser_header_does_not_decide_indentation(formats):
    """With the header gone, wrapped body lines are not indented, so paragraphs are not cut per line."""
    source = read_pdf(formats(BROWSER))
    paragraphs = [p for p in "\n".join(line.text for line in source.lines).split("\n\n") if p.strip()]
    assert max(p.count("\n") for p in paragraphs) >= 2  # some paragraphs wrap over three lines or more
    first = next(p for p in paragraphs if p.lstrip("\u3000").startswith("为深入实施"))
    assert "现提出如下意见。" in first


def test_search_finds_the_browser_print(formats, runner):
    path = formats(BROWSER)
    result = runner.invoke(
        app, ["search", "人工智能", str(path), "--no-index", "--count", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)[0]["clauses"] >= 20


# ---------------------------------------------------------------- the WPS work report


def test_wps_gaps_are_not_spaces(formats):
    source = read_pdf(formats(WPS))
    text = "\n".join(line.text for line in source.lines)
    assert not _SPURIOUS_SPACE.search(text), _SPURIOUS_SPACE.search(text).group()
    assert "增长5.2%" in squash(text)


def test_wps_report_gives_the_targets_of_its_clean_text(formats):
    """The same paragraphs typed cleanly (no gaps, no hard wraps) give the same targets, all for 2024."""
    path = formats(WPS)
    document = load_document(path)
    from_pdf = extract_targets(document)
    source = read_source(path)
    paragraphs = [squash(p) for p in "\n".join(line.text for line in source.lines).split("\n\n") if p.strip()]
    clean = document_from_source(source_from_text("\n".join(paragraphs), path=str(path), name=path.stem))
    from_text = extract_targets(clean)
    assert len(from_pdf) >= 30
    assert all(target.year == 2024 for target in from_pdf)
    key = [(t.indicator, t.value, t.unit, t.year) for t in from_pdf]
    assert key == [(t.indicator, t.value, t.unit, t.year) for t in from_text]


# ---------------------------------------------------------------- the 公文 template and the scan


def test_gongwen_page_numbers_are_dropped_and_its_parts_stay_apart(formats):
    """A 公文's right-aligned signature and date, and its 版记 lines, are paragraphs of their own:
    neither a false second column nor a wrap across the page break."""
    source = read_pdf(formats(GONGWEN))
    assert not [line for line in source.lines if "––" in line.text]
    paragraphs = [squash(p) for p in "\n".join(line.text for line in source.lines).split("\n\n")]
    assert "国防部发〔2012〕21号" in paragraphs
    assert "2012年12月12日" in paragraphs
    assert "抄送：教育局，教育局。" in paragraphs
    assert "分送：教育局，教育局。" in paragraphs


def test_scanned_pdf_keeps_its_clear_error_naming_the_path(formats):
    path = formats(SCANNED)
    with pytest.raises(PdfError, match=r"no text layer: run OCR first, e\.g\. ocrmypdf") as caught:
        read_source(path)
    assert str(path) in str(caught.value)


def test_real_pdfs_are_read_with_pdfium_and_say_so(formats, caplog):
    with caplog.at_level(logging.INFO, logger="policykit.pdf"):
        read_pdf(formats(WPS))
    assert "read with pypdfium2" in caplog.text


# ---------------------------------------------------------------- reader behaviours on generated files


def _refused_by_pdfminer(tmp_path):
    """A generated PDF whose `startxref` shares a line with its offset, and whose trailer follows the
    last xref entry on its line: pdfminer finds neither, PDFium (and poppler) rebuild the xref."""
    path = tmp_path / "ok.pdf"
    build_pdf("第一条  为了推动城市更新，制定本条例。\n第二条  本条例适用于本市。", path)
    data = re.sub(rb"startxref\s+(\d+)", rb"startxref \1", path.read_bytes()).replace(
        b"\ntrailer", b" trailer"
    )
    bad = tmp_path / "startxref.pdf"
    bad.write_bytes(data)
    return bad


def test_a_file_pdfminer_refuses_is_read_with_pdfium(tmp_path, caplog, runner):
    path = _refused_by_pdfminer(tmp_path)
    with pytest.raises(PdfError, match="corrupt or truncated"):
        read_pdf(path, reader="pdfminer")
    with caplog.at_level(logging.INFO, logger="policykit.pdf"):
        source = read_pdf(path)
    assert source.lines[0].text.startswith("第一条")
    assert "read with pypdfium2" in caplog.text
    result = runner.invoke(app, ["--verbose", "parse", str(path), "--format", "json"])
    assert result.exit_code == 0
    assert "read with pypdfium2" in result.stderr


def _with_image_page(path) -> None:
    """Page 1 text, page 2 only an image (a scanned page), page 3 text."""
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    from tests.pdf_factory import _register_font

    _register_font()
    canvas = Canvas(str(path), pagesize=(595, 842), invariant=1)
    texts = [
        "第一条  为了推动城市更新，制定本条例。",
        None,
        "第二条  本条例适用于本市行政区域内的城市更新活动。",
    ]
    for text in texts:
        if text is None:
            canvas.drawImage(ImageReader(Image.new("L", (60, 80), 200)), 72, 72, 451, 698)
        else:
            canvas.setFont(FONT, 12)
            canvas.drawString(72, 770, text)
        canvas.showPage()
    canvas.save()


def test_an_image_only_page_warns_and_exits_0(tmp_path, runner, caplog):
    path = tmp_path / "mixed.pdf"
    _with_image_page(path)
    with caplog.at_level(logging.WARNING, logger="policykit.pdf"):
        source = read_pdf(path)
    assert "page 2 has no text layer: OCR it first, e.g. ocrmypdf" in caplog.text
    assert [line.page for line in source.lines if line.text] == [1, 3]
    result = runner.invoke(app, ["parse", str(path), "--format", "json"])
    assert result.exit_code == 0
    assert "page 2 has no text layer" in result.stderr
    assert "page 2" not in result.stdout


def test_a_page_past_the_budget_is_skipped_with_a_warning(tmp_path, monkeypatch, caplog):
    path = tmp_path / "long.pdf"
    build_pdf("第一条  " + "城市更新" * 400 + "。\n第二条  本条例适用于本市。", path, page_number=None)
    monkeypatch.setattr(reader_pdfium, "MAX_PAGE_CHARS", 500)
    with caplog.at_level(logging.WARNING, logger="policykit.pdf"):
        pages = extract_pages(str(path), label=str(path))
    assert pages[0].fragments == ()
    assert "page 1 has" in caplog.text and "budget" in caplog.text


def test_a_file_past_the_time_budget_is_refused(tmp_path, monkeypatch):
    path = tmp_path / "slow.pdf"
    build_pdf("第一条  本条例适用于本市。", path)
    monkeypatch.setattr(pdf_extract, "MAX_SECONDS", -1.0)
    with pytest.raises(PdfError, match="PDF bomb") as caught:
        read_pdf(path)
    assert str(path) in str(caught.value)


def test_unembedded_fonts_lose_no_lines(tmp_path):
    """PDFium drops a line that repeats the one above in a font it cannot load; such pages go to pdfminer."""
    text = "\n".join(f"第{i}条  本条规定城市更新的第{i}项要求，" + "内容" * 40 + "。" for i in range(1, 6))
    path = tmp_path / "repeat.pdf"
    build_pdf(text, path)
    source = read_pdf(path, reader="pypdfium2")
    assert squash("".join(line.text for line in source.lines)) == squash(text)


def _with_stream(path, inflated: int) -> None:
    """A one-page PDF whose content stream inflates to `inflated` bytes of spaces around one line."""
    import zlib

    content = b"BT /F1 12 Tf 72 720 Td (Article 1 applies.) Tj ET\n" + b" " * inflated
    data = zlib.compress(content, 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> "
        b"/Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    pdf = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(pdf))


def test_a_stream_that_inflates_past_the_budget_is_refused(tmp_path, monkeypatch):
    path = tmp_path / "bomb.pdf"
    _with_stream(path, 2_000_000)
    assert read_pdf(path).lines[0].text == "Article 1 applies."  # within the default budget
    monkeypatch.setattr(pdf_extract, "MAX_STREAM_BYTES", 1 << 20)
    with pytest.raises(PdfError, match="inflates past 1 MB") as caught:
        read_pdf(path)
    assert str(path) in str(caught.value)


# ---------------------------------------------------------------- spaces and columns on generated layouts


def _glyphs(
    text: str, x: float, pitch: dict[str, float], gap: float = 0.0, size: float = 10.0
) -> list[tuple]:
    """Place `text` on one row: each glyph `pitch` wide (by kind), `gap` points of white after each."""
    chars = []
    for char in text:
        width = pitch.get("latin" if char.isascii() else "cjk", size)
        chars.append((x, x + width, 100.0, 100.0 + size, size, char))
        x += width + gap
    return chars


def _row_text(chars: list[tuple]) -> str:
    from policykit.pdf import fragments_of

    return " | ".join(fragment.text for fragment in fragments_of(chars))


def test_wps_gaps_between_chinese_and_digits_are_not_spaces():
    pitch = {"cjk": 10.0, "latin": 5.0}
    # WPS: a quarter em of white on each side of a digit run, no glyph in it.
    chars = _glyphs("增长", 72, pitch) + _glyphs("5%", 94.5, pitch) + _glyphs("左右", 107, pitch)
    assert _row_text(chars) == "增长5%左右"


def test_letter_spaced_numbers_are_one_number():
    pitch = {"cjk": 10.0, "latin": 5.0}
    # CNKI: every glyph of "到2005年" and "250亿元" a third of an em apart.
    assert _row_text(_glyphs("到2005年", 72, pitch, gap=3.3)) == "到2005年"
    assert _row_text(_glyphs("250亿元左右", 72, pitch, gap=3.3)) == "250亿元左右"


def test_spaces_between_latin_words_stay():
    pitch = {"latin": 5.0}
    chars = _glyphs("Article", 72, pitch) + _glyphs("1", 110, pitch) + _glyphs("applies", 118, pitch)
    assert _row_text(chars) == "Article 1 applies"


@pytest.mark.corpus
@pytest.mark.parametrize("style", ["indent", "block"])
def test_a_narrow_gutter_keeps_the_columns_apart(corpus_dir, tmp_path, style):
    """Two columns 20 pt apart (under two characters, as gazettes set them) read as two columns."""
    reference = load_document(corpus_dir / "shanghai-urban-renewal-regulation-2021.txt")
    path = tmp_path / f"gazette-{style}.pdf"
    build_pdf(
        reference.text, path, columns=2, gutter=20, style=style, title="上海市人民代表大会常务委员会公报"
    )
    document = load_document(path)
    assert [(c.number, c.heading) for c in document.walk()] == [
        (c.number, c.heading) for c in reference.walk()
    ]
    assert squash(document.text) == squash(reference.text)


def test_touching_runs_from_another_reader_join_without_spaces():
    """Pages built from text runs (OFD splits "一份公文" / "文件" and "20" / "12") read as words."""
    from policykit.pdf import Fragment, PageText, layout_lines

    def run(text: str, x0: float, x1: float) -> Fragment:
        return Fragment(text, x0, x1, 100.0, 110.0, 10.0, 0)

    runs = [run("一份公文", 72, 112), run("文件", 112, 132), run("〔", 132.5, 142), run("20", 142, 152)]
    runs += [run("12", 152, 162), run("〕", 162, 172), run("Article", 200, 235), run("1", 237.6, 242)]
    assert layout_lines([PageText(1, 595.0, 842.0, tuple(runs), 0, 0)]) == [
        ("一份公文文件〔2012〕 Article 1", 1)
    ]


@pytest.mark.corpus
def test_a_header_close_to_the_body_is_dropped_and_decides_no_indent(corpus_dir, tmp_path):
    reference = load_document(corpus_dir / "zero-waste-city-pilot-plan-2018.txt")
    path = tmp_path / "close-header.pdf"
    pages = build_pdf(reference.text, path, title="无废城市建设试点工作方案", header_at=62)
    assert pages >= 4
    source = read_pdf(path)
    assert not [line for line in source.lines if squash(line.text) == "无废城市建设试点工作方案"]
    document = load_document(path)
    assert [(c.number, c.heading) for c in document.walk()] == [
        (c.number, c.heading) for c in reference.walk()
    ]


def test_a_spaced_list_of_digits_keeps_its_spaces():
    """ "1 2 3" set solid with a visible gap between the digits is three numbers, not 123."""
    pitch = {"cjk": 10.0, "latin": 5.0}
    chars = _glyphs("选项", 72, pitch) + _glyphs("1", 94, pitch) + _glyphs("2", 102, pitch)
    chars += _glyphs("3", 110, pitch) + _glyphs("均可", 118, pitch)
    assert _row_text(chars) == "选项1 2 3均可"
    blanks = _glyphs("第1 2 3批", 72, pitch)  # drawn space glyphs, no tracking
    assert _row_text(blanks) == "第1 2 3批"


def test_a_letter_spaced_row_of_digits_with_a_wider_gap_keeps_that_space():
    """In a letter-spaced row, white wider than the tracking between digits is still a space."""
    pitch = {"cjk": 10.0, "latin": 5.0}
    chars = _glyphs("第", 72, pitch, gap=3.3) + _glyphs("12", 85.3, pitch, gap=3.3)
    chars += _glyphs("3", 105, pitch, gap=3.3) + _glyphs("项", 113.3, pitch, gap=3.3)
    assert _row_text(chars) == "第12 3项"


@pytest.mark.parametrize("codes", ["glyph-ids", "high-ids", "private-use"])
def test_a_cjk_font_without_a_unicode_map_is_one_clear_error(codes, corpus_dir, tmp_path, runner):
    """Codes that map to nothing (no ToUnicode, or one to private-use slots) come out as !"#$, ЀЁЂ or
    U+E000…: read, they would make a garbage clause tree. Either reader says so, naming the file and OCR."""
    from tests.conftest import assert_one_error_line
    from tests.pdf_factory import build_unmapped_pdf

    pdf = tmp_path / "fangzheng.pdf"
    build_unmapped_pdf((corpus_dir / "shanghai-onshore-wind-pv-plan-2025.txt").read_text("utf-8"), pdf, codes)
    for reader in ("pypdfium2", "pdfminer"):
        with pytest.raises(PdfError, match=r"cannot be decoded.*run OCR first") as raised:
            read_pdf(pdf, reader=reader)
        assert str(pdf) in str(raised.value), reader
    assert_one_error_line(runner, pdf, "cannot be decoded")


def test_lines_in_a_font_without_a_unicode_map_are_left_out_and_said(corpus_dir, tmp_path, caplog):
    """Every third line in a second subset of the font with no map: the mapped lines read, the others go
    (no !"#$ garbage; a lone glyph PDFium still maps may stay), and a warning names the page and OCR."""
    from tests.pdf_factory import build_unmapped_pdf

    text = (corpus_dir / "shanghai-onshore-wind-pv-plan-2025.txt").read_text("utf-8")
    pdf = tmp_path / "heading-font.pdf"
    build_unmapped_pdf(text, pdf, "some-lines")
    typed = [line.strip()[:36] for line in text.splitlines() if line.strip()][:30]
    for reader in ("pypdfium2", "pdfminer"):
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="policykit"):
            lines = [line.text.strip() for line in read_pdf(pdf, reader=reader).lines if line.text.strip()]
        assert [line for line in lines if len(line) > 1] == [
            line for index, line in enumerate(typed) if index % 3 != 2
        ], reader
        assert any("page 1 has text in fonts without a Unicode map" in r.getMessage() for r in caplog.records)
