"""Every corpus document, hard-wrapped as a PDF-to-text tool leaves it, must give the same clause tree.

The seed came from a PDF with lines broken at the column edge; the corpus is one paragraph per line.
Typesetting a corpus document into a column (first lines indented two ideographic spaces, as in a
公文 or a newspaper) and parsing it back checks the unwrapping on 33 real documents, not on the seed
alone: headings cut by the column, regulations of short articles, lines that only look like headings.
Each corpus-wide test takes a third of the corpus; the wrapping tests (hard-wrapped, left margin, blank
lines) take the three thirds between them, and so do the page tests; `make test-full` runs all of it.
"""

from __future__ import annotations

import functools
import unicodedata
from collections import Counter

import pytest

from policykit.pipeline import parse_text
from tests.conftest import CORPUS_FILES, matrix_sample
from tests.test_structure import assert_lossless, visible


def sampled(turn: int) -> list:
    """A third of the corpus, spread out; turns 0, 1 and 2 together are all of it (FULL_MATRIX: all)."""
    names = set(matrix_sample([path.stem for path in CORPUS_FILES], len(CORPUS_FILES) // 3, turn))
    return [path for path in CORPUS_FILES if path.stem in names]


COLUMNS = {"newspaper": 30, "gongwen": 56}
"""Column widths in half-width columns: a newspaper's 15 ideographs, a 公文 page's 28."""


@functools.lru_cache(maxsize=256)
def typeset(text: str, width: int, indent: str = "\u3000\u3000") -> str:
    """Break each paragraph into lines of at most `width` columns, its first line indented (memoised:
    many tests typeset the same corpus document the same way)."""
    out = []
    for paragraph in text.split("\n"):
        paragraph = paragraph.strip()
        if not paragraph:
            continue
        line, used = indent, 2 * len(indent)
        for char in paragraph:
            size = 2 if unicodedata.east_asian_width(char) in "WFA" else 1
            if used + size > width:
                out.append(line)
                line, used = "", 0
            line += char
            used += size
        out.append(line)
    return "\n".join(out) + "\n"


def paginate(text: str, lines_per_page: int = 22) -> str:
    """Cut typeset text into pages as pdftotext does: a blank line, the 公文 page number, a form feed."""
    lines = text.split("\n")
    pages = [lines[k : k + lines_per_page] for k in range(0, len(lines), lines_per_page)]
    return "\n".join("\n".join([*page, "", f"— {n} —", "\f"]) for n, page in enumerate(pages, 1))


def paginate_with_head(text: str, head: str, lines_per_page: int = 22) -> str:
    """As pdftotext leaves a journal's pages: the running head after each form feed, the number at the foot."""
    lines = text.split("\n")
    pages = [lines[k : k + lines_per_page] for k in range(0, len(lines), lines_per_page)]
    return "\n".join(
        "\n".join([*([f"\f{head}", ""] if n > 1 else []), *page, "", f"— {n} —"])
        for n, page in enumerate(pages, 1)
    )


def outline(text: str) -> list[tuple[str, str, str]]:
    return list(_outline(text))


@functools.lru_cache(maxsize=64)
def _outline(text: str) -> tuple[tuple[str, str, str], ...]:
    """The outline of `text`, memoised: each corpus document's own outline is compared six times."""
    return tuple(
        (clause.kind, clause.number, clause.heading)
        for clause in parse_text(text).walk()
        if clause.kind not in ("paragraph", "preamble")
    )


def test_typeset_breaks_at_the_column():
    lines = typeset("一二三四五六七八九十", 10).splitlines()
    assert lines == ["\u3000\u3000一二三", "四五六七八", "九十"]


@pytest.mark.parametrize("column", COLUMNS, ids=str)
@pytest.mark.parametrize("path", sampled(0), ids=lambda p: p.stem)
def test_a_hard_wrapped_document_gives_the_same_outline(path, column):
    text = path.read_text(encoding="utf-8")
    wrapped = typeset(text, COLUMNS[column])
    assert outline(wrapped) == outline(text)
    document = parse_text(wrapped)
    assert_lossless(document)
    assert visible(document.text) == visible(wrapped)  # the unwrapping lost or doubled nothing


@pytest.mark.parametrize("path", sampled(1), ids=lambda p: p.stem)
def test_a_left_margin_on_every_line_is_not_indentation(path):
    # pdftotext -layout keeps the page's margin: every line starts with spaces, first lines with more
    text = path.read_text(encoding="utf-8")
    margined = "\n".join("      " + line if line else line for line in typeset(text, 56, "    ").split("\n"))
    assert outline(margined) == outline(text)


@pytest.mark.parametrize("path", sampled(2), ids=lambda p: p.stem)
def test_wrapped_paragraphs_between_blank_lines_without_indents(path):
    # pdftotext's default output: a blank line ends a paragraph, nothing is indented
    text = path.read_text(encoding="utf-8")
    paragraphs = (typeset(p, 40, indent="").rstrip("\n") for p in text.split("\n") if p.strip())
    assert outline("\n\n".join(paragraphs)) == outline(text)


@pytest.mark.parametrize("path", sampled(1), ids=lambda p: p.stem)
def test_page_numbers_between_pages_are_furniture_and_split_nothing(path):
    text = path.read_text(encoding="utf-8")
    paged = paginate(typeset(text, COLUMNS["gongwen"]))
    document = parse_text(paged)
    assert outline(paged) == outline(text)
    numbers = [f"— {n} —" for n in range(1, paged.count("\f") + 1)]
    furniture = [f.text.strip() for f in document.furniture if f.field == "page_number"]
    in_tables = [n for c in document.walk() if c.kind == "table" for n in numbers if n in c.text]
    assert sorted(furniture + in_tables) == sorted(numbers)  # page furniture, or a table's row
    assert not [c.id for c in document.walk() if c.kind != "table" and any(n in c.text for n in numbers)]
    assert_lossless(document)


@pytest.mark.parametrize("path", sampled(2), ids=lambda p: p.stem)
def test_a_running_head_on_every_page_is_furniture(path):
    head = "中华人民共和国国务院公报"
    text = path.read_text(encoding="utf-8")
    paged = paginate_with_head(typeset(text, COLUMNS["gongwen"]), head)
    document = parse_text(paged)
    assert outline(paged) == outline(text)
    heads = [f for f in document.furniture if f.field == "running_head"]
    if paged.count(head) >= 2:  # one copy alone is no running head: it could be the text's own line
        in_tables = sum(c.text.count(head) for c in document.walk() if c.kind == "table")
        assert len(heads) + in_tables == paged.count(head)  # furniture, or a row of a table it cut
        assert not [c.id for c in document.walk() if c.kind != "table" and head in c.text]
    assert_lossless(document)


def test_a_gazettes_name_seen_once_at_a_page_break_is_a_running_head():
    # a two-page notice printed in the gazette: its name stands once, at the break inside a sentence
    body = (
        "为推动可再生能源高质量发展，加强对电网企业的指导，确保光伏项目按期建成并网，现就有关事项通知如下。"
        * 3
    )
    text = (
        f"关于做好光伏发电项目建设的通知\n{body}上海市人民政府公报予以刊登。\n一、本通知自印发之日起施行。\n"
    )
    lines = typeset(text, COLUMNS["gongwen"]).split("\n")
    paged = paginate_with_head("\n".join(lines), "上海市人民政府公报", lines_per_page=len(lines) // 2 + 1)
    assert paged.count("\f上海市人民政府公报") == 1
    document = parse_text(paged)
    assert [f.text.strip() for f in document.furniture if f.field == "running_head"] == ["上海市人民政府公报"]
    assert outline(paged) == outline(text)
    texts = [c.text for c in document.walk()]
    assert [t.count("公报") for t in texts if "公报" in t] == [1]  # in a sentence, the name is text
    assert_lossless(document)


def test_a_line_the_text_repeats_near_page_breaks_is_no_running_head():
    line = "为深入贯彻落实党中央决策部署，制定本方案。"
    body = [f"（{n}）第{n}项任务。" for n in "一二三四五六七八九"]
    paged = "\n".join([*body[:3], line, "— 1 —", *body[3:6], "— 2 —", line, *body[6:], "— 3 —"])
    document = parse_text(paged)
    assert [f.field for f in document.furniture] == ["page_number"] * 3
    assert sum(c.text.count(line) for c in document.walk()) == 2


def test_corpus_is_present_for_the_wrapped_outlines(corpus_dir):
    assert len(CORPUS_FILES) >= 30, f"expected the 33 corpus documents in {corpus_dir}"


PLAN = """为加快推进城市更新工作，结合本市实际情况，制定本方案。现就有关事项通知如下，请各单位认真组织实施，确保各项任务按期完成。
一、总体要求
到2025年，全市完成老旧小区改造200个，新建口袋公园50处，城市更新工作取得明显成效，群众满意度明显提升，城市功能品质持续增强。
二、重点任务
（一）加快推进老旧小区改造，完善配套设施和公共服务，补齐社区养老托育短板
优先改造建成年代较早、失养失修失管的小区，同步加装电梯、改造管网，推动完整社区建设，打造一刻钟便民生活圈。
"""


@pytest.mark.parametrize("lines_per_page", [5, 8, 22])
def test_a_page_number_between_halves_of_a_sentence_or_heading_is_furniture(lines_per_page):
    paged = paginate(typeset(PLAN, 40), lines_per_page)
    document = parse_text(paged)
    assert outline(paged) == outline(PLAN)
    texts = [c.text.strip() for c in document.walk()]
    assert texts == [c.text.strip() for c in parse_text(PLAN).walk()]
    assert [f.field for f in document.furniture] == ["page_number"] * paged.count("\f")
    assert_lossless(document)


def test_bare_digits_between_lines_stay_text():
    document = parse_text(typeset(PLAN, 40).replace("一、总体要求", "一、总体要求\n12"))
    assert not document.furniture
    assert any(c.text.strip() == "12" for c in document.walk())


def test_a_sentence_broken_by_a_page_after_a_quote_or_full_stop_is_joined():
    # 形成辐射全国的“星地一体化” / page / 北斗高精度服务能力: the quote ends no sentence; and where
    # paragraphs are indented, a line after the page break that is not indented goes on
    text = PLAN.replace("全市完成老旧小区改造200个", "全市完成“老旧小区改造”200个")
    for lines_per_page in (5, 6, 7):  # two page breaks at least: one head alone is no running head
        paged = paginate_with_head(typeset(text, 40), "青山市人民政府公报", lines_per_page)
        assert [c.text.strip() for c in parse_text(paged).walk()] == [
            c.text.strip() for c in parse_text(text).walk()
        ], lines_per_page


def test_a_table_over_a_page_break_is_one_table():
    rows = ["类别", "序号", "指标", "单位", "目标值"] + [
        cell for n in range(1, 9) for cell in ("城市更新", str(n), f"指标{n}", "个", str(10 * n))
    ]
    text = (
        "一、主要指标\n"
        + "\n".join(rows[:22])
        + "\n\n— 1 —\n\f青山市人民政府公报\n\n"
        + "\n".join(rows[22:])
        + "\n"
    )
    text += "\n— 2 —\n\f青山市人民政府公报\n\n二、重点任务\n推进城市更新。\n"
    tables = [c for c in parse_text(text).walk() if c.kind == "table"]
    assert len(tables) == 1
    assert tables[0].text.rstrip().endswith("80") and tables[0].text.startswith("类别")


@pytest.mark.parametrize("path", sampled(0), ids=lambda p: p.stem)
def test_page_breaks_change_no_target(path):
    # page numbers and running heads between a table's rows must not shift its cells
    from policykit.targets import extract_targets

    typeset_text = typeset(path.read_text(encoding="utf-8"), COLUMNS["gongwen"])
    paged = paginate_with_head(typeset_text, "上海市人民政府公报")

    def figures(text: str) -> Counter:
        found = extract_targets(parse_text(text), include_all=True)
        return Counter((t.indicator, t.value, t.unit, t.year, t.kind) for t in found)

    assert figures(paged) == figures(typeset_text)


def test_a_line_at_two_of_many_page_breaks_is_no_running_head():
    # a short page ends twice on the same words (a table cell, then the heading it names): coincidence
    pages = [[f"（{n}）第{n}项任务。"] for n in "一二三四五六七八九十"]
    pages[2].append("建设全龄友好宜居城区")
    pages[7].append("建设全龄友好宜居城区")
    paged = "\n".join("\n".join([*page, f"— {n} —", "\f"]) for n, page in enumerate(pages, 1))
    document = parse_text(paged)
    assert [f.field for f in document.furniture] == ["page_number"] * 10
    assert sum(c.text.count("建设全龄友好宜居城区") for c in document.walk()) == 2


def test_a_head_that_repeats_the_title_is_furniture_at_one_break():
    title = "青山市城市更新条例"
    text = "\n".join(
        [
            title,
            "第一条　为了规范城市更新活动，制定本条例。",
            "— 1 —",
            "\f" + title,
            "第二条　本条例自公布之日起施行。",
            "— 2 —",
        ]
    )
    document = parse_text(text)
    assert [f.field for f in document.furniture] == ["page_number", "running_head", "page_number"]
    assert document.metadata.title == title
    assert sum(c.text.count(title) for c in document.walk()) == 1  # the title itself stays text
