"""The furniture of a 公文 PDF as published (GB/T 9704), drawn around corpus documents by pdf_factory:
page numbers in every style and at the outer edge, a 份号/密级/紧急程度 corner, 版记 lines between rules at
the foot of the last page, a footnote below a rule, a landscape 附件 table page. Each reads into the
right part (metadata, or the text after the body) or goes as furniture, and nothing of the body is lost."""

from __future__ import annotations

import logging
import re

import pytest

from policykit.pdf import read_pdf
from policykit.pipeline import load_document
from tests.conftest import corpus_matrix
from tests.pdf_factory import build_pdf

_IGNORED = re.compile(r"[\s\u200b·]")
CORNER = ("000123", "机密★1年", "特急")
IMPRINT = (
    "抄送：市委各部门，市人大常委会办公厅，市政协办公厅。",
    "某市人民政府办公厅　　　　　　2024年3月1日印发",
)
FOOTNOTE = "① 本文所称“城市更新”，是指本市建成区内持续改善城市空间形态和功能的活动。"
ANNEX = (
    "附件1",
    [
        ["序号", "指标", "单位", "2025年", "属性"],
        ["1", "森林覆盖率", "%", "42", "约束性"],
        ["2", "城镇新增就业", "万人", "12", "预期性"],
    ],
)
PAGE_NUMBERS = {
    "of-total": {"page_number": "第{n}页 共{total}页"},
    "en-dash-pairs-outer": {"page_number": "–– {n} ––", "outer_numbers": True},  # as WPS sets them
    "hyphens-outer": {"page_number": "-{n}-", "outer_numbers": True},
}


def squeeze(text: str) -> str:
    return _IGNORED.sub("", text)


def tree(document) -> list[tuple]:
    return [(c.id, c.number, c.heading) for c in document.walk()]


@pytest.mark.corpus
@pytest.mark.parametrize(("path", "style"), corpus_matrix(PAGE_NUMBERS, 2))
def test_page_numbers_of_every_style_go(path, style, tmp_path):
    reference = load_document(path)
    pdf = tmp_path / f"{path.stem}.pdf"
    build_pdf(reference.text, pdf, **PAGE_NUMBERS[style])
    document = load_document(pdf)
    assert squeeze(document.text) == squeeze(reference.text)
    assert tree(document) == tree(reference)


@pytest.mark.corpus
@pytest.mark.parametrize(("path", "part"), corpus_matrix(["corner", "imprint"], 2))
def test_corner_and_imprint_read_as_in_the_text_and_keep_the_body(path, part, tmp_path):
    reference = load_document(path)
    pdf = tmp_path / f"{path.stem}.pdf"
    if part == "corner":
        build_pdf(reference.text, pdf, corner=CORNER)
        typed = "\n".join([*CORNER, reference.text])
    else:
        build_pdf(reference.text, pdf, imprint=IMPRINT)
        typed = "\n".join([reference.text, *IMPRINT])
    document = load_document(pdf)
    assert squeeze(document.text) == squeeze(typed)
    assert tree(document) == tree(reference)
    text = tmp_path / f"{path.stem}.txt"
    text.write_text(typed, encoding="utf-8")
    fields = ("copy_number", "secrecy", "urgency", "copy_to", "printed_by", "printed_date")
    meta, typed_meta = document.metadata, load_document(text).metadata
    assert [getattr(meta, f) for f in fields] == [getattr(typed_meta, f) for f in fields]


def test_corner_and_imprint_give_their_metadata(corpus_dir, tmp_path):
    reference = load_document(corpus_dir / "zero-waste-city-pilot-plan-2018.txt")
    pdf = tmp_path / "both.pdf"
    build_pdf(reference.text, pdf, corner=CORNER, imprint=IMPRINT)
    meta = load_document(pdf).metadata
    assert (meta.copy_number, meta.secrecy, meta.urgency) == ("000123", "机密★1年", "特急")
    assert (meta.copy_to, meta.printed_by, meta.printed_date) == (
        "市委各部门，市人大常委会办公厅，市政协办公厅",
        "某市人民政府办公厅",
        "2024-03-01",
    )


@pytest.mark.corpus
@pytest.mark.parametrize(("path", "page"), corpus_matrix(["page-1"], 3))
def test_a_footnote_below_a_rule_goes_and_the_paragraph_over_the_page_break_stays_whole(
    path, page, tmp_path, caplog
):
    """A footnote in small type at a page's foot is no text, as the Word readers leave footnotes out;
    left in, it split the paragraph running on to the next page in two."""
    reference = load_document(path)
    pdf = tmp_path / f"{path.stem}.pdf"
    build_pdf(reference.text, pdf, footnote=(1, FOOTNOTE))
    with caplog.at_level(logging.INFO, logger="policykit.pdf"):
        document = load_document(pdf)
    assert squeeze(document.text) == squeeze(reference.text)
    assert tree(document) == tree(reference)
    assert any("dropped a footnote line" in record.message for record in caplog.records)


def test_a_note_in_small_type_that_opens_with_no_number_stays(tmp_path):
    # 注：… under a table is the table's note: text, even in small type at the foot of a page
    text = "\n".join(f"第{i}条  本条规定城市更新的第{i}项要求，" + "内容" * 40 + "。" for i in range(1, 12))
    pdf = tmp_path / "note.pdf"
    build_pdf(text, pdf, footnote=(1, "注：带*的为新增指标。"))
    assert "注：带*的为新增指标。" in squeeze(load_document(pdf).text)


@pytest.mark.corpus
@pytest.mark.parametrize(("path", "page"), corpus_matrix(["annex"], 2))
def test_a_landscape_annex_page_loses_its_page_number_and_keeps_its_table(path, page, tmp_path):
    """The number of a landscape page stands as far from its own foot as the others: it goes with them."""
    reference = load_document(path)
    pdf = tmp_path / f"{path.stem}.pdf"
    pages = build_pdf(reference.text, pdf, annex_table=ANNEX)
    source = read_pdf(pdf)
    last = [squeeze(line.text) for line in source.lines if line.page == pages and line.text.strip()]
    assert not [text for text in last if re.fullmatch(r"—\d+—", text)]
    caption, rows = ANNEX
    assert "".join(last) == squeeze(caption + "".join("".join(row) for row in rows))
    assert squeeze(load_document(pdf).text).startswith(squeeze(reference.text))


INDICATORS = [
    ["序号", "指标", "单位", "属性", "2020年", "2025年目标值"],
    ["1", "森林覆盖率", "%", "约束性", "40", "42"],
    ["2", "城镇新增就业", "万人", "预期性", "10", "12"],
    ["3", "单位GDP能耗下降", "%", "约束性", "13.5", "14"],
]
PLAN = "某市生态环境保护“十四五”规划\n一、主要目标\n到2025年，生态环境质量持续改善。\n二、重点任务\n（一）推进大气污染防治。"


def test_a_ruled_table_reads_cell_by_cell_as_a_pdf_to_text_tool_flattens_it(tmp_path):
    """Its rows joined with spaces ("1 森林覆盖率 % 约束性 40 42"), no reader could tell cells from words:
    each cell on its own line, as the corpus texts from PDFs have their tables, gives the text's targets."""
    from policykit.targets import extract_targets

    pdf = tmp_path / "plan.pdf"
    build_pdf(PLAN, pdf, annex_table=("附件1 主要指标", INDICATORS))
    typed = tmp_path / "plan.txt"
    typed.write_text(PLAN + "\n附件1 主要指标\n" + "\n\n".join("\n".join(row) for row in INDICATORS), "utf-8")
    documents = [load_document(p) for p in (typed, pdf)]
    assert tree(documents[1]) == tree(documents[0])
    assert "ax1.t1" in [c.id for c in documents[1].walk()]
    found = [[(t.indicator, t.value, t.unit, t.year) for t in extract_targets(d)] for d in documents]
    assert (
        found[1]
        == found[0]
        == [
            ("森林覆盖率", 42, "%", 2025),
            ("城镇新增就业", 120_000, "人", 2025),
            ("单位GDP能耗下降", 14, "%", 2025),
        ]
    )


def test_a_row_with_wide_white_alone_is_no_table(tmp_path):
    # one row of three parts set apart (a form's labels) over prose: no run of aligned rows, so one line
    pdf = tmp_path / "form.pdf"
    build_pdf("联系人：张三　　　　　　电话：12345678　　　　　　邮箱：a@b.cn\n" + PLAN, pdf)
    lines = [line.text for line in read_pdf(pdf).lines if line.text.strip()]
    assert any("联系人" in line and "电话" in line for line in lines)


WRAPPED = [
    ["序号", "指标", "单位", "属性", "2020年", "2025年目标值"],
    ["1", "城镇新增就业", "万人", "预期性", "10", "12"],
    ["2", "单位地区生产总值二氧化碳排放降低（%）", "%", "约束性", "18", "19.5"],
    ["3", "非化石能源占一次能源消费比重", "%", "约束性", "15.8", "20"],
]
WRAPS = {
    "grid-top": ("grid", "top"),
    "rows-top": ("rows", "top"),
    "grid-middle": ("grid", "middle"),
    "filled-middle": ("filled", "middle"),  # Word's export: rules as thin filled boxes
    "form-top": ("form", "top"),  # the grid drawn inside a form XObject
    "boxes-middle": ("boxes", "middle"),  # LibreOffice's export: each cell its own stroked rectangle
    "none-top": ("none", "top"),  # no rules at all: rows apart by white, the columns say where a tail goes
    "none-middle": ("none", "middle"),
}


@pytest.mark.parametrize("shape", list(WRAPS))
def test_a_cell_wrapping_inside_its_box_reads_as_one_cell(shape, tmp_path):
    """A long indicator name wraps inside its cell (…二氧化碳排放 / 降低（%）): the lines between the same
    row rules are one row, each cell whole, not a second row holding only the tail."""
    from policykit.targets import extract_targets

    rules, valign = WRAPS[shape]
    pdf = tmp_path / "plan.pdf"
    build_pdf(
        PLAN, pdf, annex_table=("附件1 主要指标", WRAPPED), table_rules=rules, wrap_cells=7, valign=valign
    )
    for reader in ("pypdfium2", "pdfminer"):  # each finds the rules among the page's paths
        lines = [
            line.text for line in read_pdf(pdf, reader=reader).lines if line.page == 2 and line.text.strip()
        ]
        assert lines[1:] == [cell for row in WRAPPED for cell in row], reader
    typed = tmp_path / "plan.txt"
    typed.write_text(PLAN + "\n附件1 主要指标\n" + "\n\n".join("\n".join(row) for row in WRAPPED), "utf-8")
    documents = [load_document(p) for p in (typed, pdf)]
    assert tree(documents[1]) == tree(documents[0])
    found = [[(t.indicator, t.value, t.unit, t.year) for t in extract_targets(d)] for d in documents]
    assert (
        found[1]
        == found[0]
        == [
            ("城镇新增就业", 120_000, "人", 2025),
            ("单位地区生产总值二氧化碳排放降低（%）", 19.5, "%", 2025),
            ("非化石能源占一次能源消费比重", 20, "%", 2025),
        ]
    )


def test_a_three_line_table_without_wraps_still_reads_cell_by_cell(tmp_path):
    # its body rows share one pair of rules: several rows of cells between them are no one wrapped row
    pdf = tmp_path / "plan.pdf"
    build_pdf(PLAN, pdf, annex_table=("附件1 主要指标", INDICATORS), table_rules="three", wrap_cells=12)
    lines = [line.text for line in read_pdf(pdf).lines if line.page == 2 and line.text.strip()]
    assert lines[1:] == [cell for row in INDICATORS for cell in row]


def test_a_cell_wrapping_in_a_three_line_table_reads_as_one_cell(tmp_path):
    pdf = tmp_path / "plan.pdf"
    build_pdf(PLAN, pdf, annex_table=("附件1 主要指标", WRAPPED), table_rules="three", wrap_cells=7)
    lines = [line.text for line in read_pdf(pdf).lines if line.page == 2 and line.text.strip()]
    assert lines[1:] == [cell for row in WRAPPED for cell in row]


KNOWN: dict[tuple[str, str], str] = {}
"""Documents whose wrapping-annex case still fails, and why (strict xfail): none now."""


@pytest.mark.corpus
@pytest.mark.parametrize(("path", "shape"), corpus_matrix(list(WRAPS), 1, KNOWN))
def test_a_wrapping_annex_table_after_a_corpus_document_keeps_the_text_and_its_cells(path, shape, tmp_path):
    """The rules that bound a table row bound no paragraph: the document's text reads as before."""
    reference = load_document(path)
    pdf = tmp_path / f"{path.stem}.pdf"
    rules, valign = WRAPS[shape]
    pages = build_pdf(
        reference.text,
        pdf,
        title="某市人民政府文件",
        imprint=IMPRINT,
        annex_table=("附件1 主要指标", WRAPPED),
        table_rules=rules,
        wrap_cells=7,
        valign=valign,
    )
    lines = [line.text for line in read_pdf(pdf).lines if line.text.strip()]
    table = [cell for row in WRAPPED for cell in row]
    assert lines[-len(table) :] == table
    assert squeeze(load_document(pdf).text).startswith(squeeze(reference.text))
    assert pages >= 2


@pytest.mark.parametrize("rules", ["three", "none"])
def test_a_short_row_under_a_row_of_a_three_line_table_is_no_wrapped_tail(rules, tmp_path):
    # a sub-heading row, or a cell under one that did not fill its column, starts a row of its own
    rows = [*WRAPPED[:2], ["", "其他", "", "", "", ""], *WRAPPED[2:3], ["", "（二）绿色低碳", "", "", "", ""]]
    rows += WRAPPED[3:]
    pdf = tmp_path / "plan.pdf"
    build_pdf(PLAN, pdf, annex_table=("附件1 主要指标", rows), table_rules=rules, wrap_cells=7)
    lines = [line.text.strip() for line in read_pdf(pdf).lines if line.page == 2 and line.text.strip()]
    assert lines[1:] == [cell for row in rows for cell in row if cell]


def test_cells_set_apart_by_a_column_rule_and_little_white_stay_apart(tmp_path):
    """Word leaves 5.4 pt each side of a cell's text: a full cell stands about an em from the next, less
    than the white that sets cells apart without rules, and the column rule between them says it."""
    pdf = tmp_path / "plan.pdf"
    build_pdf(PLAN, pdf, annex_table=("附件1 主要指标", WRAPPED), wrap_cells=7, cell_pad=5.4)
    for reader in ("pypdfium2", "pdfminer"):
        lines = [
            line.text for line in read_pdf(pdf, reader=reader).lines if line.page == 2 and line.text.strip()
        ]
        assert lines[1:] == [cell for row in WRAPPED for cell in row], reader


def test_text_set_off_the_page_is_not_read(tmp_path):
    """A slug or a running head placed outside the page's box (a landscape page given a portrait page's
    head) shows in no viewer: it is no text of the document, and alone it would not repeat as furniture."""
    from reportlab.pdfgen.canvas import Canvas

    from tests.pdf_factory import FONT, _register_font

    _register_font()
    pdf = tmp_path / "slug.pdf"
    canvas = Canvas(str(pdf), pagesize=(842, 595), invariant=1)
    canvas.setFont(FONT, 10.5)
    for x, y in ((300, 700), (-200, 300), (900, 300), (300, -40)):
        canvas.drawString(x, y, "某市人民政府文件")
    canvas.drawString(72, 500, "一、总体要求")
    canvas.showPage()
    canvas.save()
    for reader in ("pypdfium2", "pdfminer"):
        lines = [line.text.strip() for line in read_pdf(pdf, reader=reader).lines if line.text.strip()]
        assert lines == ["一、总体要求"], reader


@pytest.mark.parametrize(("title_size", "header_at"), [(9.0, 50.0), (10.5, 50.0), (10.5, 62.0)])
def test_a_running_head_on_both_pages_of_a_two_page_document_goes(
    title_size, header_at, corpus_dir, tmp_path
):
    """One page of text and a landscape annex page: the head stands twice, at the top of each page as it
    stands, in small or body type, apart from the body or close to it: it is furniture, not the title."""
    reference = load_document(corpus_dir / "shanghai-onshore-wind-pv-plan-2025.txt")
    pdf = tmp_path / "notice.pdf"
    pages = build_pdf(
        reference.text,
        pdf,
        title="某市人民政府文件",
        title_size=title_size,
        header_at=header_at,
        annex_table=("附件1 主要指标", WRAPPED),
        wrap_cells=7,
    )
    assert pages == 2
    assert squeeze(load_document(pdf).text).startswith(squeeze(reference.text))
