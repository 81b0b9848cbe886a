"""The classes structure9 fixed, each with a case that must change and one that must not.

Layout leftovers (a table row, a 目录 entry and English cut by a column; the first of two documents after the
落款) and the blind handful's classes (a heading's translation, 【…】 heads, 第一， leads, a title's note).
"""

from __future__ import annotations

from policykit.ingest import source_from_text
from policykit.normalise import normalise
from policykit.pipeline import parse_text
from tests.test_structure import assert_lossless


def paragraphs(*lines: str) -> list[str]:
    return [p.text for p in normalise(source_from_text("\n".join(lines)))]


def outline(text: str) -> list[tuple[str, str, str]]:
    document = parse_text(text)
    assert_lossless(document)
    return [(c.kind, c.number, c.heading) for c in document.walk() if c.kind not in ("paragraph", "preamble")]


INDENT = "\u3000\u3000"


def test_a_cut_tab_row_is_one_row_again():
    lines = [
        INDENT + "现将2025年重大项目计划下达给你们，请",
        "抓好落实。",
        INDENT + "序号\t项目名称\t总投资（亿元）\t责任单",
        "位",
        INDENT + "1\t青山港三期工程\t120\t市交通委",
    ]
    assert paragraphs(*lines)[1:] == [
        "序号\t项目名称\t总投资（亿元）\t责任单位",
        "1\t青山港三期工程\t120\t市交通委",
    ]


def test_a_row_cut_at_a_tab_keeps_the_tab():
    lines = [
        INDENT + "序号\t重点任务\t牵头单位\t完成时限",
        INDENT + "2\t开展涉企行政检查专项整治工作\t市司法局",
        "2025年12月",
    ]
    assert paragraphs(*lines)[1] == "2\t开展涉企行政检查专项整治工作\t市司法局\t2025年12月"


def test_a_whole_row_then_a_paragraph_stay_apart():
    lines = [
        INDENT + "序号\t重点任务\t牵头单位\t完成时限",
        INDENT + "1\t推行经营主体准入准营一件事\t市市场监管局\t6月",
        INDENT + "各牵头单位要于每季度末报送工作进展。",
    ]
    assert len(paragraphs(*lines)) == 3
    # at the margin, in a text that indents nothing, a line after a full row is no cell of it
    flat = [
        "序号\t重点任务\t牵头单位\t完成时限",
        "1\t推行经营主体准入准营一件事办理工作\t市市场监管局\t6月",
        "各牵头单位要于每季度末报送",
    ]
    assert len(paragraphs(*flat)) == 3


def test_a_toc_entry_takes_its_page_number_from_the_line_below():
    entry, tail = "第一章　总则" + "…" * 16, "…" * 5 + "1"
    assert paragraphs("目　　录", entry, tail) == ["目　　录", entry + tail]
    assert paragraphs("一、总体要求", "——2026年目标") == ["一、总体要求", "——2026年目标"]


def test_english_cut_by_a_column_is_rejoined_with_its_space():
    lines = [
        INDENT + "I. Purpose",
        INDENT + "The city provides one-stop services ",
        "for foreign-invested enterprises.",
        INDENT + "The Measures take effect on 1 July 2",
        "025.",
    ]
    assert paragraphs(*lines) == [
        "I. Purpose",
        "The city provides one-stop services for foreign-invested enterprises.",
        "The Measures take effect on 1 July 2025.",
    ]


def test_an_english_heading_and_a_row_of_figures_stay_lines_of_their_own():
    assert paragraphs(INDENT + "English Summary", "Annex Tables") == ["English Summary", "Annex Tables"]
    assert paragraphs(INDENT + "2023 2024 2025 2026", "100 200 300 400") == [
        "2023 2024 2025 2026",
        "100 200 300 400",
    ]


def test_a_heading_translated_below_it_is_one_section():
    text = "指南\n一、工作许可\nI. Work Permits\n应当依法办理。\n二、居留许可\nII. Residence Permits\n可以申请。\n"
    assert [n for kind, n, _ in outline(text) if kind == "section"] == ["一、", "二、"]


def test_a_roman_heading_of_another_ordinal_is_a_section_of_its_own():
    text = "Summary\nI. Purpose\nThe Measures aim high.\nII. Services\nThe city serves.\n"
    assert [n for kind, n, _ in outline(text) if kind == "section"] == ["I.", "II."]


def test_bracket_heads_open_sections_and_a_bracket_in_a_sentence_does_not():
    text = "政策解读\n【出台背景】\n为提振消费，制定本措施。\n【主要内容】\n本措施共十条。\n"
    assert [h for kind, _, h in outline(text) if kind == "section"] == ["出台背景", "主要内容"]
    text = "政策解读\n【出台背景】为提振消费，制定本措施。\n本措施共十条。\n【打印】\n【字体：大 中 小】\n"
    assert not [h for kind, _, h in outline(text) if kind == "section"]


def test_di_comma_leads_are_items_and_articles_stay_articles():
    text = "讲话\n一、形势\n第一，事故总量偏大。\n第二，风险突出。\n二、任务\n"
    assert [(k, n) for k, n, _ in outline(text)] == [
        ("section", "一、"),
        ("item", "第一，"),
        ("item", "第二，"),
        ("section", "二、"),
    ]
    text = "办法\n第一条　为了规范管理，制定本办法。\n第二条　本办法自公布之日起施行。\n"
    assert [(k, n) for k, n, _ in outline(text)] == [("article", "第一条"), ("article", "第二条")]


def test_a_title_takes_its_standing_from_the_line_below_but_not_its_date():
    assert parse_text(
        "青山市城市绿化管理办法\n（征求意见稿）\n第一条　为了绿化，制定本办法。\n"
    ).metadata.title == ("青山市城市绿化管理办法（征求意见稿）")
    document = parse_text(
        "青山市物业管理条例\n（2024年6月28日青山市人民代表大会常务委员会通过）\n第一条　为了规范。\n"
    )
    assert document.metadata.title == "青山市物业管理条例"


def test_a_title_after_the_articles_opens_a_part_and_a_caption_in_a_section_does_not():
    text = (
        "某办法\n第一条　为了规范，制定本办法。\n第二条　本办法自公布之日起施行。\n"
        "关于《某办法》的起草说明\n一、起草背景\n现行办法已不适应需要。\n"
    )
    assert ("appendix", "", "关于《某办法》的起草说明") in outline(text)
    text = "某方案\n一、目标\n二、任务\n青山市2025年重点项目计划\n1\t青山港三期\t120\n2\t轨道交通\t300\n"
    assert not [kind for kind, _, _ in outline(text) if kind == "appendix"]
