"""Every corpus document, retyped as converters and extractors lay text out, must give the same clause tree.

The transforms live in tests/layouts.py (run it as a module for a count per transform): a number alone
on its line, markdown headings, dropped brackets, Roman numerals, a 目录 with leaders, a title over
three lines, closing 公文 parts, a running head seen once. Each is applied to all 33 documents.
"""

from __future__ import annotations

import re
from functools import cache

import pytest

from policykit.model import Document
from policykit.pipeline import parse_text
from tests.conftest import CORPUS_FILES, corpus_matrix
from tests.layouts import CHECKS, RENAMING, TRANSFORMS, number_alone, outline
from tests.test_structure import assert_lossless, visible
from tests.test_wrapped_corpus import COLUMNS, paginate, typeset

MARKUP = re.compile(r"\*\*|#|^- ", re.MULTILINE)
"""Markdown marks the normaliser drops as layout: the text a reader sees is what is left."""


@cache
def original(path) -> tuple[str, Document]:
    text = path.read_text(encoding="utf-8")
    return text, parse_text(text)


@pytest.mark.parametrize(("path", "transform"), corpus_matrix(TRANSFORMS, 11))
def test_a_retyped_document_gives_the_same_outline(path, transform):
    text, document = original(path)
    retyped = TRANSFORMS[transform](text)
    if retyped == text:
        pytest.skip(f"{transform}: nothing in the document to retype")
    parsed = parse_text(retyped)
    kinds = transform not in RENAMING
    assert outline(parsed, kinds) == outline(document, kinds)
    assert_lossless(parsed)
    if "pages" not in transform:  # page furniture is held until the paragraph it cut is complete
        assert visible(parsed.text) == visible(
            MARKUP.sub("", retyped) if "markdown" in transform else retyped
        )
    if transform in CHECKS:
        assert CHECKS[transform](parsed, document) == []


@pytest.mark.parametrize("transform", TRANSFORMS)
def test_each_transform_retypes_documents(transform, corpus_dir):
    # a transform that touches no document tests nothing: each must find its layout in several
    retyped = sum(TRANSFORMS[transform](original(path)[0]) != original(path)[0] for path in CORPUS_FILES)
    assert retyped >= (1 if transform == "circled_numbers" else 4), retyped


EXTRACTED = {
    "column_pages_of_7": lambda text: paginate(typeset(text, COLUMNS["gongwen"]), 7),
    "column_pages_of_22": lambda text: paginate(typeset(text, COLUMNS["gongwen"])),
    "newspaper_pages_of_7": lambda text: paginate(typeset(text, COLUMNS["newspaper"]), 7),
    "blank_separated": lambda text: "\n\n".join(
        typeset(p, 40, indent="").rstrip("\n") for p in text.split("\n") if p.strip()
    ),
}
"""How PDF extractors lay out text: cut by a column and the page, or paragraphs between blank lines."""


@pytest.mark.parametrize(("path", "layout"), corpus_matrix(EXTRACTED, 11))
def test_numbers_alone_in_extracted_text(path, layout):
    # the number on its own line, and the text cut by the column and the page
    text, document = original(path)
    parsed = parse_text(EXTRACTED[layout](number_alone(text)))
    assert outline(parsed) == outline(document)
    assert_lossless(parsed)


def test_a_number_alone_joins_its_text_with_the_mark_it_needs():
    document = parse_text(
        "第一条\n为了规范城市更新活动，制定本条例。\n第二条\n有关部门依法给予处分。\n一、\n\n加强组织领导\n"
    )
    assert [(c.kind, c.number, c.heading) for c in document.walk() if c.kind != "paragraph"] == [
        ("article", "第一条", ""),
        ("article", "第二条", ""),
        ("section", "一、", "加强组织领导"),
    ]
    assert document.clauses[1].text == "第二条\u3000有关部门依法给予处分。\n"


def test_a_bare_number_before_a_heading_or_in_a_table_stays_alone():
    document = parse_text("一、\n（一）加强领导\n统筹推进。\n序号\n指标\n单位\n1\n绿地\n处\n")
    assert [c.text.split("\n")[0] for c in document.walk() if c.number] == ["一、", "（一）加强领导"]


def test_markdown_marks_go_but_a_hash_in_the_text_stays():
    document = parse_text("# 一、总体要求\n**（一）强化保障。**各区要落实。\n#1机组改造完成。\n")
    assert [c.heading for c in document.walk() if c.number] == ["总体要求", "强化保障"]
    assert "#1机组" in document.text and "**" not in document.text


def test_asterisks_that_mask_a_name_are_text():
    # 王**: a disclosure masks names with asterisks after an ideograph, which opens no bold
    document = parse_text("一、处罚决定\n当事人：王**、李**，违反规定。\n**二、**执行情况\n")
    assert "王**、李**" in document.text
    assert [c.heading for c in document.walk() if c.number] == ["处罚决定", "执行情况"]


def test_a_line_after_a_title_it_does_not_complete_stays_apart():
    # the 发文字号 and the bracketed date below a title column are no part of it
    for text in (
        "关于印发上海市2025年陆上风\n电、光伏电站开发建设方案\n暨项目清单的通知\n\n沪发改能源〔2025〕17号\n\n一、总体要求\n",
        "中共中央 国务院关于做好\n2023年全面推进乡村振兴重\n点工作的意见\n（2023年1月2日）\n一、总体要求\n",
    ):
        title = parse_text(text).metadata.title
        assert title is not None and title.endswith(("的通知", "的意见")), title
