"""Classes a blind read of real 2015–2018 work report excerpts found (tests/test_blind9_findings.py on blind9):
a report's year from its plan heading, a cited outline taken as the title, linked words set on lines of their own.

Each case is invented; the first of each class is blind9's reproduction, and one per class must not change.
"""

from __future__ import annotations

import pytest

from policykit.pipeline import parse_text
from tests.test_structure import assert_lossless

# ---------------------------------------------------------------- a report's year from its plan heading


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("二、2098年工作总体部署\n\n今年全省城镇新增就业80万人以上。\n", 2098),  # blind9's reproduction
        ("各位代表：\n\n过去一年，全市经济平稳运行。\n\n三、2098年重点工作安排\n\n今年要稳住就业。\n", 2098),
        ("2098年重点工作\n\n今年全区新增市场主体1万户。\n", 2098),  # the heading without a number
        ("三、对2098年政府工作的建议\n\n今年发展的主要预期目标是：地区生产总值增长6%左右。\n", 2098),
        ("一、2097年工作回顾\n\n过去一年，就业稳定。\n\n二、2098年工作安排\n\n今年就业80万人。\n", 2098),
    ],
)
def test_a_work_report_takes_its_year_from_its_plan_heading(text, year):
    document = parse_text(text)
    assert document.metadata.year == year
    assert_lossless(document)


@pytest.mark.parametrize(
    "text",
    [
        "今年要确保到2098年重点工作全部完成。\n",  # a sentence, not a heading
        "某市行动方案（2097-2099年）\n\n一、2097年重点工作\n\n完成10个项目。\n\n二、2098年重点工作\n\n完成20个项目。\n",
        "二、2098年消费品以旧换新\n\n今年安排资金10亿元。\n",  # a dated heading that plans nothing
    ],
)
def test_no_plan_heading_or_a_dated_plan_gives_no_report_year(text):
    assert parse_text(text).metadata.year is None  # the plan's period dates it, not its first year's heading


# ---------------------------------------------------------------- a cited outline is not the title


@pytest.mark.parametrize(
    "text",
    [
        (  # blind9's reproduction
            "一、2097年工作回顾\n\n过去一年，全省城镇新增就业90万人。\n\n二、今后五年主要目标\n\n"
            "省人民政府编制了《某省国民经济和社会发展第九十五个五年规划纲要（草案）》，提交大会审查。\n"
        ),
        (
            "各位代表：\n\n现在，我代表市人民政府，向大会报告政府工作，请予审议。\n\n一、2097年工作回顾\n\n"
            "过去一年，全市经济平稳运行。\n\n市人民政府编制了《某市国土空间总体规划（草案）》，提请审议。\n"
        ),
        "（一）总体要求\n\n市政府制定了《某市“九十五”生态环境保护规划》，推进治理。\n",
    ],
)
def test_an_outline_cited_after_the_first_heading_is_not_the_title(text):
    document = parse_text(text)
    assert document.metadata.title is None
    assert_lossless(document)


def test_an_untitled_text_whose_opening_names_its_document_keeps_that_title():
    text = "近日，市人民政府印发《某市促进低空经济发展行动方案》。\n\n一、总体要求\n\n到2098年，产业规模达到100亿元。\n"
    assert parse_text(text).metadata.title == "某市促进低空经济发展行动方案"


# ---------------------------------------------------------------- linked words on lines of their own


def paragraphs(text: str) -> list[str]:
    return parse_text(text).text.splitlines()


@pytest.mark.parametrize(
    ("text", "joined"),
    [
        (  # blind9's reproduction
            "一、2097年工作回顾\n\n过去一年，全省新建改建\n乡村公路\n1.2万公里、普通国道300公里。\n",
            "过去一年，全省新建改建乡村公路1.2万公里、普通国道300公里。",
        ),
        (  # two links in one sentence, each on its own line
            "——基础设施持续完善。新建\n城际铁路\n投产里程超过300公里，新增\n第五代移动通信\n基站2万个。\n",
            "——基础设施持续完善。新建城际铁路投产里程超过300公里，新增第五代移动通信基站2万个。",
        ),
        (  # a linked name inside quotes
            "对外开放推出新举措，“\n一带一路\n”建设进展快速，一批重大项目落地。\n",
            "对外开放推出新举措，“一带一路”建设进展快速，一批重大项目落地。",
        ),
        (  # the phrase before a colon: 今年经济社会发展的 / 主要预期目标 / 是：…
            "三、2098年工作安排\n\n2098年是关键之年。今年全市经济社会发展的\n主要预期目标\n是：地区生产总值增长5%左右，城镇新增就业10万人。\n",
            "2098年是关键之年。今年全市经济社会发展的主要预期目标是：地区生产总值增长5%左右，城镇新增就业10万人。",
        ),
    ],
)
def test_a_sentence_broken_around_linked_words_is_one_paragraph(text, joined):
    document = parse_text(text)
    assert joined in document.text.splitlines()
    assert_lossless(document)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        (  # an unnumbered heading after a finished sentence
            "全面完成年度任务。\n保障措施\n各部门要加强协调，形成工作合力。\n",
            "保障措施",
        ),
        (  # a speech's salutation after a photo caption that ends on no mark
            "省长代表省人民政府向大会作政府工作报告。本报记者 某某 摄\n各位代表：\n现在，我代表省人民政府向大会报告工作。\n",
            "各位代表：",
        ),
        (  # a list item between two others
            "主要任务如下，各区要抓好落实\n1.推进城市更新\n2.建设保障房，完善配套。\n",
            "1.推进城市更新",
        ),
        (  # the 落款: issuer and date after the body
            "各单位要认真组织实施，确保取得实效\n某市人民政府\n2098年3月1日\n",
            "某市人民政府",
        ),
        (  # a table laid out one cell per line
            "主要指标\n序号\n指标名称\n单位\n目标值\n1\n地区生产总值增长\n%\n5左右\n",
            "指标名称",
        ),
        (  # a two-column task table, one cell per line, under its header's cells
            "重点任务\n责任单位\n推进城市更新，完善配套\n市住建局\n加快老旧小区改造，提升品质\n市财政局\n",
            "市住建局",
        ),
        (  # a paragraph that ends with its lead unit in brackets, then an unnumbered heading
            "加强统筹协调（牵头单位：市发改委）\n保障措施\n各部门要加强协调，形成合力。\n",
            "保障措施",
        ),
        (  # a line above that ends the sentence
            "今年新建城际铁路300公里。\n乡村公路\n建设加快，新增里程1万公里。\n",
            "乡村公路",
        ),
    ],
)
def test_short_lines_that_are_no_link_stay_apart(text, kept):
    document = parse_text(text)
    assert kept in document.text.splitlines()
    assert_lossless(document)
