"""PDFs an office suite typesets: what Word and LibreOffice do to a 公文 must not change its tree.

The regression tests build the page geometry that broke (glyph by glyph, as PDFium reports it);
the probe test types corpus texts as a 公文 in Word format, prints them with LibreOffice and
compares the parse with the text's (tests/pdf_probe.py runs the whole corpus and more layouts).
"""

from __future__ import annotations

import pytest

from policykit.pdf import PageText, fragments_of, layout_lines, read_pdf
from tests import pdf_probe
from tests.conftest import CORPUS

SIZE = 16.0
LEFT, RIGHT = 79.5, 79.5 + 27 * SIZE  # a 公文's type area: 27-28 characters of 3号 type
LEADING = 28.95


def _row(chars: list, text: str, x: float, top: float, size: float = SIZE) -> None:
    """Set `text` at `x` on the row at `top`, one em a glyph; a U+3000 is an advance, not a glyph."""
    for index, char in enumerate(text):
        if char != "\u3000":
            chars.append((x + index * size, x + (index + 1) * size, top, top + size, size, char))


def _page(rows: list[tuple[str, float, float]], number: int = 1) -> PageText:
    """A page of (text, x, size) rows, one line step apart."""
    chars: list = []
    for index, (text, x, size) in enumerate(rows):
        _row(chars, text, x, 100.0 + index * LEADING, size)
    return PageText(number, 595.0, 842.0, tuple(fragments_of(chars)), len(chars), 0)


def _body(text: str) -> list[tuple[str, float, float]]:
    """A paragraph set as a 公文 sets it: a two-character indent, then full rows of 27 characters."""
    rows = [(text[:25], LEFT + 2 * SIZE, SIZE)]
    rows += [(text[i : i + 27], LEFT, SIZE) for i in range(25, len(text), 27)]
    return rows


BODY = (
    "为了加强对本市历史文化风貌区和优秀历史建筑的保护，促进城市建设与社会文化的协调发展，根据有关法律、行政法规，结合本市实际，制定本条例。"
    * 2
)


def test_chapter_labels_typed_with_an_ideographic_space_are_no_column():
    """第一章　总则 rows at an indent leave a one-em strip beside the labels: it is no gutter."""
    titles = [
        "总则",
        "历史文化风貌区和优秀建筑的确定",
        "历史文化风貌区的规划和保护",
        "优秀历史建筑的保护和利用",
    ]
    titles += ["法律责任", "附则"]
    numerals = "一二三四五六"
    rows = [(f"第{n}章\u3000{t}", LEFT + 2 * SIZE, SIZE) for n, t in zip(numerals, titles, strict=True)]
    rows += [("第一章\u3000总则", LEFT + 2 * SIZE, SIZE), ("第一条\u3000" + BODY[:21], LEFT + 2 * SIZE, SIZE)]
    rows += [(BODY[21 + i : 48 + i], LEFT, SIZE) for i in range(0, 54, 27)]
    lines = [text for text, _ in layout_lines([_page(rows)]) if text]
    assert lines[:7] == [
        f"\u3000\u3000第{n}章 {t}" for n, t in zip(numerals, [*titles, "总则"], strict=False)
    ] + ["\u3000\u3000第一章 总则"]


# Page 1 of a regulation printed by LibreOffice, as PDFium measures it: (x0, x1, top, size, glyphs).
# Rows 3, 6, 9 and 13 are split by a U+3000 in the amendment note (…会议通过　根据…); a 目录 follows.
SPLIT_NOTE_PAGE = [
    (91.6, 509.6, 108.7, 22.0, 19),
    (119.5, 520.7, 142.9, 16.0, 27),
    (79.5, 261.9, 171.9, 16.0, 11),
    (279.2, 521.4, 171.9, 16.0, 16),
    (79.5, 520.2, 200.8, 16.0, 27),
    (79.5, 362.5, 229.8, 16.0, 17),
    (379.9, 521.7, 229.8, 16.0, 10),
    (79.5, 521.1, 258.7, 16.0, 28),
    (87.5, 470.4, 287.7, 16.0, 23),
    (488.5, 521.5, 287.7, 16.0, 2),
    (79.5, 520.8, 316.6, 16.0, 29),
    (79.5, 520.2, 345.6, 16.0, 27),
    (79.5, 322.2, 374.5, 16.0, 15),
    (338.6, 521.5, 374.5, 16.0, 13),
    (79.5, 520.2, 403.5, 16.0, 27),
    (79.5, 521.4, 432.4, 16.0, 27),
    (79.5, 521.2, 461.4, 16.0, 27),
    (79.5, 135.5, 490.3, 16.0, 4),
    (111.5, 175.5, 519.3, 16.0, 3),
    (111.5, 239.5, 548.2, 16.0, 7),
    (111.5, 159.5, 577.2, 16.0, 3),
    (175.5, 287.5, 577.2, 16.0, 7),
    (111.5, 159.5, 606.1, 16.0, 3),
    (175.5, 303.5, 606.1, 16.0, 8),
    (111.5, 159.5, 635.1, 16.0, 3),
    (175.5, 319.5, 635.1, 16.0, 9),
    (111.5, 159.5, 664.0, 16.0, 3),
    (175.5, 239.5, 664.0, 16.0, 4),
    (111.5, 239.5, 693.0, 16.0, 7),
    (111.5, 239.5, 721.9, 16.0, 7),
    (278.7, 322.5, 790.3, 14.0, 5),
]


def test_rows_split_by_an_ideographic_space_inside_a_paragraph_stay_rows():
    """One-em strips at four places in a justified note, between rows that run across, are no gutter."""
    from policykit.pdf import Fragment

    rows = sorted({top for _, _, top, _, _ in SPLIT_NOTE_PAGE})
    fragments = tuple(
        Fragment("规" * glyphs, x0, x1, top, top + size, size, rows.index(top))
        for x0, x1, top, size, glyphs in SPLIT_NOTE_PAGE
    )
    lines = layout_lines([PageText(1, 595.0, 842.0, fragments, 0, 0)])
    texts = [text.strip("\u3000") for text, _ in lines if text]
    for glyphs in [(11, 16), (17, 10), (23, 2), (15, 13)]:
        assert " ".join("规" * n for n in glyphs) in texts


def test_a_wrapped_title_in_display_type_is_one_paragraph():
    """A 2号 title that fills two rows and centres its last character ("…的通" / "知") is one title."""
    big = 22.0
    title = "上海市人民政府办公厅关于印发《上海市促进高端医疗器械产业全链条发展行动方案》的通知"
    width = int((RIGHT - LEFT) // big)
    rows = [(title[:width], LEFT, big), (title[width : 2 * width], LEFT, big)]
    rest = title[2 * width :]
    rows.append((rest, (LEFT + RIGHT - len(rest) * big) / 2, big))
    rows += [("沪府办发〔2025〕17号", LEFT + 2 * SIZE, SIZE), *_body(BODY), *_body(BODY)]
    lines = [text for text, _ in layout_lines([_page(rows)])]
    assert "".join(lines[: lines.index("")]) == title


def test_a_hyphen_at_the_end_of_a_line_stays(tmp_path):
    """PDFium reports a line-final hyphen as U+FFFE (a soft hyphen): between years it is the range's dash."""
    pytest.importorskip("reportlab")
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / "hyphen.pdf"
    page = canvas.Canvas(str(path))
    page.setFont("STSong-Light", 12)
    page.drawString(72, 700, "上海市城市更新行动方案（2023-")
    page.drawString(72, 684, "2025年）推进大创谷艺术中心-")
    page.drawString(72, 668, "敦煌当代美术馆建设。")
    page.save()
    text = "".join(line.text for line in read_pdf(path).lines)
    assert text == "上海市城市更新行动方案（2023-2025年）推进大创谷艺术中心-敦煌当代美术馆建设。"


# Documents that broke before: labels typed with U+3000 (2011), a note split by U+3000 (2023),
# a title wrapped in display type (medical devices), a hyphen at a line's end (Yangpu).
PROBED = [
    "shanghai-heritage-area-buildings-regulation-2011",
    "shanghai-heritage-area-buildings-regulation-2023",
    "shanghai-high-end-medical-devices-action-plan-2025",
    "shanghai-yangpu-heritage-3yr-action-plan-2024-2026",
]


@pytest.mark.corpus
def test_a_gongwen_printed_by_libreoffice_reads_as_its_text(corpus_dir, tmp_path):
    """Typed as a 公文 (python-docx) and printed by LibreOffice, each document keeps outline, paragraphs, text."""
    if pdf_probe.soffice() is None:
        pytest.skip("LibreOffice (soffice) not installed: the office-print probe needs it")
    texts = [corpus_dir / f"{name}.txt" for name in PROBED]
    missing = [path.name for path in texts if not path.exists()]
    if missing:
        pytest.skip(f"corpus documents not found: {', '.join(missing)}")
    results = pdf_probe.compare(texts, "gongwen", tmp_path)
    assert [(r.name, r.outline, r.paragraphs, r.text) for r in results] == [
        (r.name, (), (), ()) for r in results
    ]
    assert all(r.pages >= 5 for r in results), "the documents run over several pages"


def test_the_probe_counts_a_broken_outline():
    """The probe's comparison sees a lost heading and a lost character: it can fail."""

    class Doc:
        def __init__(self, text, clauses=()):
            self.text, self.clauses = text, clauses

    assert pdf_probe._outline_diff(["heading 一、 一、总体要求"], []) == ("-heading 一、 一、总体要求",)
    assert pdf_probe._text_diff("中心-敦煌", "中心敦煌")
    assert pdf_probe.paragraphs(Doc("一、总体要求\n（一）重大意义。")) == ["一、总体要求", "（一）重大意义。"]
    assert CORPUS.name == "corpus"


def test_a_title_centred_line_by_line_is_one_paragraph():
    """A title broken by hand into centred lines of display type ("…行动方案" / "（2025-2030年）》的通知")."""
    big = 22.0
    parts = ["关于印发《脑机接口未来产业培育行动方案", "（2025-2030年）》的通知"]
    rows = [(part, (LEFT + RIGHT - len(part) * big) / 2, big) for part in parts]
    rows += [("沪府办发〔2025〕17号", LEFT + 2 * SIZE, SIZE), *_body(BODY), *_body(BODY)]
    lines = [text for text, _ in layout_lines([_page(rows)])]
    assert "".join(lines[: lines.index("")]) == "".join(parts)


def test_a_row_justified_letter_by_letter_has_no_spaces():
    """A short row spread over the column ("刑　事　治　安　、" when "17.7%、" wraps) reads as one word run."""
    row = "刑事治安、涉诈、涉毒警情分别下降"
    pitch = (RIGHT - LEFT) / len(row)  # 27 ems of column over 16 glyphs: 0.7 em between glyphs
    chars: list = []
    for index, char in enumerate(row):
        _row(chars, char, LEFT + index * pitch, 100.0)
    _row(chars, "17.7%、17.4%、68%。全省上下众志成城、严防坚守。", LEFT, 100.0 + LEADING)
    page = PageText(1, 595.0, 842.0, tuple(fragments_of(chars)), len(chars), 0)
    assert layout_lines([page])[0] == (row, 1)


def test_a_row_of_words_set_apart_keeps_its_spaces():
    """Latin words of one glyph each, set at one pitch, keep the spaces between them."""
    chars: list = []
    for index, char in enumerate("ABCDEF"):
        _row(chars, char, LEFT + index * 2 * SIZE, 100.0)
    page = PageText(1, 595.0, 842.0, tuple(fragments_of(chars)), len(chars), 0)
    assert layout_lines([page])[0] == ("A B C D E F", 1)


def test_a_row_set_solid_keeps_its_ideographic_spaces():
    """A row with a whole em of white at two places (第一章　总则　第二章) is set solid: the spaces stay."""
    chars: list = []
    _row(chars, "第一章\u3000总则\u3000第二章\u3000附则", LEFT, 100.0)
    page = PageText(1, 595.0, 842.0, tuple(fragments_of(chars)), len(chars), 0)
    assert layout_lines([page])[0] == ("第一章 总则 第二章 附则", 1)


def test_white_widened_beside_a_full_width_mark_is_no_space():
    """Justifying widens the white after 、 and ， ("达6.9万元、" · "3.4万元，" · "增长"): no space there."""
    chars: list = []
    x = LEFT
    for piece in ("均可支配收入分别达6.9万元、", "3.4万元，", "增长"):
        _row(chars, piece, x, 100.0)
        x += len(piece) * SIZE + 0.4 * SIZE  # the box's white after the mark, widened by 0.4 em
    _row(chars, "17.7%、17.4%、68%。全省上下众志成城、严防坚守。", LEFT, 100.0 + LEADING)
    page = PageText(1, 595.0, 842.0, tuple(fragments_of(chars)), len(chars), 0)
    assert layout_lines([page])[0] == ("均可支配收入分别达6.9万元、3.4万元，增长", 1)


LANDSCAPE_TABLE = [
    ["序号", "指标", "单位", "属性", "2020年", "2025年目标值"],
    ["1", "城镇新增就业", "万人", "预期性", "10", "12"],
    ["2", "单位地区生产总值二氧化碳排放降低（%）", "%", "约束性", "18", "19.5"],
    ["3", "非化石能源占一次能源消费比重", "%", "约束性", "15.8", "20"],
]


def _landscape_table_between(docx_path, at: int, caption: str, rows: list[list[str]]) -> None:
    """Put a landscape section holding `caption` and a table after body paragraph `at`, portrait around it."""
    import copy

    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = Document(str(docx_path))
    body = document.element.body
    portrait = body.find(qn("w:sectPr"))
    anchor = document.paragraphs[at]
    # A section ends with the paragraph that carries its sectPr: the text above stays portrait.
    anchor._p.get_or_add_pPr().append(copy.deepcopy(portrait))
    heading = document.add_paragraph(caption)
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for cells, row in zip(table.rows, rows, strict=True):
        for cell, text in zip(cells.cells, row, strict=True):
            cell.text = text
            for run in cell.paragraphs[0].runs:
                run.font.size = Pt(12)
    closing = document.add_paragraph()
    landscape = copy.deepcopy(portrait)
    closing._p.get_or_add_pPr().append(landscape)
    size = landscape.find(qn("w:pgSz"))
    width, height = size.get(qn("w:w")), size.get(qn("w:h"))
    size.set(qn("w:w"), height)
    size.set(qn("w:h"), width)
    size.set(qn("w:orient"), "landscape")
    anchor._p.addnext(heading._p)  # add_* put them at the end: move them after the anchor
    heading._p.addnext(table._tbl)
    table._tbl.addnext(closing._p)
    document.save(str(docx_path))


@pytest.mark.corpus
def test_a_landscape_table_page_between_portrait_pages_keeps_the_text_around_it(corpus_dir, tmp_path):
    """LibreOffice prints a landscape section (an indicator table) in the middle of a portrait 公文: the
    text before and after it reads as before, the table's cells one a line between them."""
    from policykit.pipeline import load_document

    if pdf_probe.soffice() is None:
        pytest.skip("LibreOffice (soffice) not installed: the office-print probe needs it")
    path = corpus_dir / "shanghai-yangpu-heritage-3yr-action-plan-2024-2026.txt"
    if not path.exists():
        pytest.skip(f"corpus document not found: {path.name}")
    reference = load_document(path)
    paragraphs = [line for line in reference.text.splitlines() if line.strip()]
    at = next(k for k in range(len(paragraphs) // 3, len(paragraphs)) if paragraphs[k].endswith("。"))
    typed = tmp_path / f"{path.stem}.docx"
    pdf_probe.build_docx(reference.text, typed, "gongwen", reference.metadata.title)
    caption = "附表　主要指标"
    _landscape_table_between(typed, at, caption, LANDSCAPE_TABLE)
    pdf_probe.to_pdf([typed], tmp_path)
    expected_text = tmp_path / "expected.txt"
    cells = "\n\n".join(cell for row in LANDSCAPE_TABLE for cell in row)
    expected_text.write_text(
        "\n".join(paragraphs[: at + 1]) + f"\n\n{caption}\n\n{cells}\n\n" + "\n".join(paragraphs[at + 1 :]),
        "utf-8",
    )
    expected, got = load_document(expected_text), load_document(tmp_path / f"{path.stem}.pdf")
    assert pdf_probe.outline(got) == pdf_probe.outline(expected)
    assert pdf_probe.paragraphs(got) == pdf_probe.paragraphs(expected)


@pytest.mark.corpus
def test_a_two_column_page_printed_by_libreoffice_reads_as_its_text(corpus_dir, tmp_path):
    """The 公文 typed in two columns of 12 pt type: each column read down in turn, paragraphs joined across
    the column and the page, outline and visible text as the text's."""
    if pdf_probe.soffice() is None:
        pytest.skip("LibreOffice (soffice) not installed: the office-print probe needs it")
    texts = [corpus_dir / f"{name}.txt" for name in PROBED[::3]]
    missing = [path.name for path in texts if not path.exists()]
    if missing:
        pytest.skip(f"corpus documents not found: {', '.join(missing)}")
    results = pdf_probe.compare(texts, "twocol", tmp_path)
    assert [(r.name, r.outline, r.paragraphs, r.text) for r in results] == [
        (r.name, (), (), ()) for r in results
    ]
    assert all(r.pages >= 3 for r in results), "the columns run over several pages"
