"""Issue 11 classes that need more than a sentence and a year: achieved years, and plan verbs in task lists."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from policykit.targets import TargetContext, extract_text

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "targets_classes.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES["achieved_years"], ids=lambda case: case["text"][:16])
def test_every_achieved_figure_gets_the_year_it_describes(case):
    context = TargetContext(reference_year=case["year"], achieved=case.get("review", False))
    found = extract_text(case["text"], context=context, include_all=True)
    assert [t.kind for t in found] == ["achieved"] * len(case["years"])
    assert [t.year for t in found] == case["years"]


def test_a_plan_verb_in_a_task_list_for_next_year_is_a_target():
    # 7. 取得 reads like a review, but under a heading for next year's tasks it is a goal
    context = TargetContext(reference_year=2025, year=2026)
    (target,) = extract_text("取得重大科技成果100项以上。", context=context)
    assert (target.value, target.comparator, target.year) == (100, ">=", 2026)


def test_the_same_verb_in_a_review_is_achieved():
    context = TargetContext(reference_year=2025)
    found = extract_text("过去一年，取得重大科技成果100项以上。", context=context, include_all=True)
    assert [(t.kind, t.year) for t in found] == [("achieved", 2024)]


ANNEX = """某市光伏发电推进方案（2025-2026年）

一、主要目标
到2026年，全市光伏装机达到100万千瓦。

附表1
各区光伏装机分解表（单位：兆瓦）
序号
区
2025年
2026年
1
浦东新区
35-36
40
2
闵行区
12
15
合计
47-48
55
"""


def test_an_annex_allocation_table_gives_one_target_per_cell():
    # 8. row + column form the indicator, the unit comes from the caption, a year column gives the year
    from policykit.pipeline import parse_text
    from policykit.targets import extract_targets

    table = [t for t in extract_targets(parse_text(ANNEX)) if t.clause.endswith("t1")]
    got = [(t.indicator, t.value, t.upper, t.unit, t.year) for t in table]
    assert got == [
        ("浦东新区光伏装机", 35000, 36000, "千瓦", 2025),
        ("浦东新区光伏装机", 40000, None, "千瓦", 2026),
        ("闵行区光伏装机", 12000, None, "千瓦", 2025),
        ("闵行区光伏装机", 15000, None, "千瓦", 2026),
        ("合计光伏装机", 47000, 48000, "千瓦", 2025),
        ("合计光伏装机", 55000, None, "千瓦", 2026),
    ]


def test_a_type_column_joins_the_row_in_the_indicator():
    from policykit.targets.tables import _allocation_targets

    cells = "\n".join(
        ["序号", "区", "风电", "光伏", "1", "浦东新区", "35-36", "40", "2", "闵行区", "12", "15"]
    )
    rows = _allocation_targets(cells, "各区新能源装机安排表（单位：万千瓦）", 2025)
    assert [(indicator, q.value) for _, indicator, _, q, *_ in rows] == [
        ("浦东新区风电", 350000),
        ("浦东新区光伏", 400000),
        ("闵行区风电", 120000),
        ("闵行区光伏", 150000),
    ]


def test_a_table_without_a_unit_gives_no_targets():
    # a project list (序号/项目名称/建设地点/年份) has numbers but states no unit: nothing to measure
    from policykit.targets.tables import _allocation_targets

    cells = "\n".join(
        [
            "序号",
            "项目名称",
            "建设地点",
            "开工年份",
            "1",
            "滨江绿道",
            "浦东新区",
            "2025",
            "2",
            "口袋公园",
            "闵行区",
            "2026",
        ]
    )
    assert _allocation_targets(cells, "重点项目清单", 2025) == []


def test_a_heading_naming_a_past_plan_opens_a_review():
    # 1. “十三五”时期取得的工作进展 in a plan written in 2021 reviews 2016-2020
    from policykit.pipeline import parse_text
    from policykit.targets import extract_targets

    text = (
        "某市“十四五”应急体系规划\n\n一、规划背景\n\n（一）“十三五”时期取得的工作进展。\n\n"
        "全市建成应急避难场所120个。\n\n二、主要目标\n\n到2025年，建成应急避难场所200个。\n"
    )
    every = extract_targets(parse_text(text), include_all=True, year=2021)
    assert [(t.value, t.kind) for t in every] == [(120, "achieved"), (200, "target")]


@pytest.mark.corpus
@pytest.mark.parametrize(
    ("report", "growth", "year"), [(2022, 8.1, 2021), (2023, 3.0, 2022), (2025, 5.0, 2024)]
)
def test_a_work_report_reviews_the_year_before_its_own(corpus_dir, report, growth, year):
    # issue 12: the 2025 report's 国内生产总值…增长5% is 2024's result
    from policykit.pipeline import load_document
    from policykit.targets import extract_targets

    document = load_document(corpus_dir / f"gov-work-report-{report}.txt")
    achieved = [
        t
        for t in extract_targets(document, include_all=True)
        if t.kind == "achieved" and t.indicator.startswith("国内生产总值") and t.unit == "%"
    ]
    assert achieved and (achieved[0].value, achieved[0].year) == (growth, year)
    assert all(
        t.year is not None for t in extract_targets(document, include_all=True) if t.kind == "achieved"
    )


@pytest.mark.parametrize(
    ("text", "indicator"),
    [
        ("到2025年，新建5G基站1万个。", "5G基站"),
        ("到2025年，3D打印产业规模突破50亿元。", "3D打印产业规模"),
        ("到2025年，F5G千兆光网覆盖家庭超过300万户。", "F5G千兆光网覆盖家庭"),
        ("到2025年，千兆光网覆盖率达到90%以上。", "千兆光网覆盖率"),
        ("到2025年，万兆无源光网络端口达到2000个。", "万兆无源光网络端口"),
    ],
)
def test_latin_names_with_a_digit_and_bandwidth_words_stay_in_the_indicator(text, indicator):
    # 5G is a name, not the number 5 then G; 千兆 (gigabit) describes the network, it counts nothing
    (target,) = extract_text(text, context=TargetContext(reference_year=2023))
    assert target.indicator == indicator


@pytest.mark.parametrize(
    ("text", "year"),
    [("到二〇二五年，森林覆盖率达到百分之三十以上。", 2025), ("力争到二○三○年，建成充电桩1万个。", 2030)],
)
def test_a_deadline_written_in_chinese_numerals_gives_the_year(text, year):
    (target,) = extract_text(text, context=TargetContext(reference_year=2023))
    assert target.year == year


@pytest.mark.parametrize(
    ("word", "is_unit"),
    [
        ("个", True),
        ("万吨", True),
        ("万元以上", True),  # jieba's dictionary holds magnitude, unit and comparator as one word
        ("亿元左右", True),
        ("万人次", True),
        ("以上", False),
        ("万", False),
        ("项目", False),
        ("米粮", False),
    ],
)
def test_a_unit_with_its_magnitude_or_comparator_ends_the_name_before_it(word, is_unit):
    from policykit.targets.indicator import _is_unit_word

    assert _is_unit_word(word) is is_unit


def test_a_threshold_fused_by_jieba_is_no_part_of_the_name(monkeypatch):
    # which route jieba takes through 500万元以上 depends on the whole dictionary's weights: tokens as one word
    from policykit.targets import indicator

    tokens = [("实施", "v"), ("500", "m"), ("万元以上", "l"), ("技改", "j"), ("项目", "n")]
    monkeypatch.setattr(indicator, "_cut_keeping_names", lambda text: tokens)
    assert indicator._left_phrase("实施500万元以上技改项目")[0] == "技改项目"
