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
