"""Classes of error found by reading real reports, a plan and regulations nobody tuned for, blind: the State
Council's work reports of 2015–2018 (three consecutive-year pairs for `track`), a district's 十五五 纲要 and
three 地方性法规. Each test is the smallest invented reproduction of one class; none copies the real text.

Each failed on the code before its class was fixed; the ones still marked xfail belong to code other
helpers own (structure, targets, normalise), with the reason naming the class.

Blind scores before any fix (hand-scored against expectations written from the text first):
track 8 of 25 target→outcome pairs right, 0 wrong, 17 missed (13 of them because two editions had no year);
extract 66 of 70 report targets (7 false), 29 of 32 plan targets (0 false, the table's year wrong on 11);
parse 3 of 3 titles, 117 of 117 articles, 10 of 10 chapters, every 款 and 项.
After the track fixes here: 16 of 25 right, 0 wrong (all four editions dated, SO2 under its own name).
"""

from __future__ import annotations

import pytest

from policykit.pipeline import parse_text
from policykit.track import track, track_files
from tests.findings import edition, figure, figures, targets, write

# ---------------------------------------------------------------- track


# A report that reviews the year before without a "YYYY年工作回顾" heading or a dated title (a report on
# the past five years closes with "刚刚过去的2098年…") had no year: all its results were left out, so
# the previous report's targets never met them.
_YEAR_N = """一、2097年工作回顾

过去一年，全省城镇新增就业90万人。

二、2098年工作安排

今年全省发展的主要预期目标是：城镇新增就业80万人以上，地区生产总值增长6%左右。
"""

_YEAR_N_PLUS_1 = """各位代表：

现在，我代表省人民政府，向大会报告过去五年政府工作。

一、过去五年工作回顾

五年来，地区生产总值年均增长6.2%，城镇新增就业累计420万人。

刚刚过去的2098年，地区生产总值增长5.1%，城镇新增就业86万人。
"""


def test_a_report_without_a_dated_heading_speaks_from_the_year_after_the_one_it_reviews(tmp_path):
    found = track_files([write(tmp_path, "a.txt", _YEAR_N), write(tmp_path, "b.txt", _YEAR_N_PLUS_1)])
    assert [d.year for d in found.editions] == [2098, 2099]
    jobs = next(s for s in found.series if s.name == "城镇新增就业")
    row = next(r for r in jobs.rows if r.year == 2098)
    assert (row.achieved.value, row.verdict) == (860_000, "met")
    gdp = next(s for s in found.series if s.name == "国内生产总值增长")
    row = next(r for r in gdp.rows if r.year == 2098)
    assert (row.achieved.value, row.verdict) == (
        5.1,
        "missed",
    )  # 6%左右 is met from 5.4; 年均6.2% is five years


def test_an_excerpt_that_opens_at_its_plan_heading_takes_that_year(tmp_path):
    text = "二、2098年工作总体部署\n\n今年全省城镇新增就业80万人以上。\n"
    found = track_files([write(tmp_path, "a.txt", text), write(tmp_path, "b.txt", _YEAR_N_PLUS_1)])
    assert [d.year for d in found.editions] == [2098, 2099]
    jobs = next(s for s in found.series if s.name == "城镇新增就业")
    assert [(r.year, r.verdict) for r in jobs.rows] == [(2098, "met")]


def test_a_dated_document_keeps_its_own_year(tmp_path):
    text = "某区发展规划（2031-2035年）\n\n2030年工作回顾显示，新增就业9万人。到2035年，城镇新增就业累计50万人以上。\n"
    found = track_files([write(tmp_path, "a.txt", text)])
    assert [d.year for d in found.editions] == [2031]  # the metadata's (the period's start), not 2030 + 1


def test_an_edition_with_no_result_and_no_year_stays_without_one(tmp_path):
    text = "今年全省城镇新增就业80万人以上。\n"
    found = track_files([write(tmp_path, "a.txt", text)])
    assert [d.year for d in found.editions] == [None]


# Near wordings pair across editions (diff's rule: one holds the other, or 80% alike). Two names that
# differ only by one substituted character are two things (二氧化硫 / 二氧化碳, 一级 / 二级): the
# sulphur result was filed under the carbon series beside a five-year carbon target.
def test_names_that_differ_by_a_substituted_character_are_two_indicators():
    editions = [
        edition(
            "r2098.txt",
            2098,
            figure("甲氧化碳排放量", 18, year=2100, direction="decrease"),
            figure("甲氧化硫排放量", 3, year=2098, direction="decrease"),
            figure("一级水源保护区面积", 40, year=2098, unit="平方公里"),
        ),
        edition(
            "r2099.txt",
            2099,
            figure("甲氧化硫排放量", 5.6, year=2098, kind="achieved", direction="decrease"),
            figure("二级水源保护区面积", 55, year=2098, kind="achieved", unit="平方公里"),
        ),
    ]
    found = track(editions)
    names = {s.name: s for s in found.series}
    assert "甲氧化硫排放量" in names and "甲氧化碳排放量" in names
    assert [r.year for r in names["甲氧化碳排放量"].rows] == [2100]
    assert names["甲氧化硫排放量"].rows[0].verdict == "met"
    assert names["一级水源保护区面积"].rows[0].verdict == "no outcome yet"


def test_names_that_differ_by_an_added_word_still_pair():
    editions = [
        edition("r2098.txt", 2098, figure("城镇新增就业", 80, year=2098, unit="万人", comparator=">=")),
        edition("r2099.txt", 2099, figure("城镇新增就业人数", 86, year=2098, kind="achieved", unit="万人")),
    ]
    row = track(editions).series[0].rows[0]
    assert (row.verdict, row.achieved.indicator) == ("met", "城镇新增就业人数")


# A result whose name is near two wordings (乡村困难人口: 减少乡村困难人口 last year, 乡村困难人口脱困任务 this
# year) joined the first wording seen, which had no target for its year: the year's target found no result.
def test_a_result_near_two_wordings_joins_the_one_with_a_target_for_its_year():
    editions = [
        edition("r2098.txt", 2098, figure("减少乡村困难人口", 100, year=2098, unit="人", comparator=">=")),
        edition(
            "r2099.txt",
            2099,
            figure("乡村困难人口", 144, year=2098, kind="achieved", unit="人"),
            figure("乡村困难人口脱困任务", 100, year=2099, unit="人", comparator=">="),
        ),
        edition("r2100.txt", 2100, figure("乡村困难人口", 90, year=2099, kind="achieved", unit="人")),
    ]
    rows = {(s.name, r.year): r for s in track(editions).series for r in s.rows}
    assert rows["减少乡村困难人口", 2098].achieved.value == 144
    assert (
        rows["乡村困难人口脱困任务", 2099].achieved.value,
        rows["乡村困难人口脱困任务", 2099].verdict,
    ) == (
        90,
        "missed",
    )


def test_a_result_near_a_wording_of_results_only_stays_with_it():
    editions = [
        edition(
            "r2098.txt",
            2098,
            figure("新改建四好乡间路", 700, year=2097, kind="achieved", unit="公里"),
            figure("乡间公路", 500, year=2098, unit="公里"),
        ),
        edition("r2099.txt", 2099, figure("新改建乡间公路", 4200, year=2098, kind="achieved", unit="公里")),
    ]
    rows = {(s.name, r.year): r for s in track(editions).series for r in s.rows}
    assert rows["乡间公路", 2098].verdict == "no outcome yet"  # the 4200 stays with 新改建四好乡间路


def test_energy_intensity_is_the_energy_use_per_unit_of_output():
    editions = [
        edition("r2098.txt", 2098, figure("能耗强度", 3.1, year=2098, comparator=">=", direction="decrease")),
        edition(
            "r2099.txt",
            2099,
            figure("单位国内生产总值能耗", 5.6, year=2098, kind="achieved", direction="decrease"),
        ),
    ]
    series = next(s for s in track(editions).series if s.name == "单位国内生产总值能耗降低")
    assert [(r.year, r.verdict) for r in series.rows] == [(2098, "met")]


# ---------------------------------------------------------------- structure (document metadata)


def test_a_report_year_from_its_plan_heading():
    document = parse_text("二、2098年工作总体部署\n\n今年全省城镇新增就业80万人以上。\n")
    assert document.metadata.year == 2098


def test_a_cited_outline_in_the_body_is_not_the_title():
    document = parse_text(
        "一、2097年工作回顾\n\n过去一年，全省城镇新增就业90万人。\n\n二、今后五年主要目标\n\n"
        "省人民政府编制了《某省国民经济和社会发展第九十五个五年规划纲要（草案）》，提交大会审查。\n"
    )
    assert document.metadata.title != "某省国民经济和社会发展第九十五个五年规划纲要（草案）"


# ---------------------------------------------------------------- targets


def test_one_value_shared_by_a_listed_pair_is_a_target_of_each():
    found = {f.indicator: f.value for f in targets("今年甲醛、乙醛排放量要分别下降2%。\n", 2098)}
    assert found.get("甲醛排放量") == 2 and found.get("乙醛排放量") == 2


def test_explanations_of_a_target_are_not_targets():
    text = (
        "今年地区生产总值预期增长6%－7%。稳增长是为了保就业，有6%－7%的增速就能够实现比较充分的就业。"
        "城镇新增就业预期目标比去年多20万人。\n"
    )
    names = [f.indicator for f in targets(text, 2098)]
    assert "有" not in names and "去年多" not in names


def test_an_about_cell_of_a_one_cell_per_line_table_is_read():
    text = (
        "某区“九十五”经济社会发展主要指标\n\n序号\n\n指标名称\n\n单位\n\n属性\n\n“九十五”目标\n\n"
        "1\n\n全员劳动生产率\n\n万元/人\n\n预期性\n\n55左右\n\n"
        "2\n\n主导产业税收占比\n\n%\n\n预期性\n\n≥58\n"
    )
    found = {f.indicator: f.value for f in targets(text, 2096)}
    assert found.get("主导产业税收占比") == 58  # read today
    assert found.get("全员劳动生产率") == 550_000  # 55万元/人, in yuan like every 万元 figure


def test_a_plan_table_target_is_due_at_the_plan_end():
    text = (
        "《某区国民经济和社会发展第十六个五年规划纲要》\n\n“十六五”时期(2031-2035年)是某区发展的关键时期。\n\n"
        "某区“十六五”经济社会发展主要指标\n\n序号\n\n指标名称\n\n单位\n\n属性\n\n“十六五”目标\n\n"
        "1\n\n主导产业税收占比\n\n%\n\n预期性\n\n≥58\n\n到2035年，高新技术企业达到450家以上。\n"
    )
    found = {f.indicator: f.year for f in targets(text)}
    assert found.get("高新技术企业") == 2035  # the text's own deadline: read today
    assert found.get("主导产业税收占比") == 2035


def test_every_figure_of_a_five_year_review_sentence_spans_five_years():
    text = "一、2098年工作回顾\n\n五年来，全省常住人口城镇化率达到67%、5年提高4个百分点，新改建乡间公路3万公里。\n"
    road = next(f for f in figures(text) if f.value == 30_000)
    assert road.since is not None


# ---------------------------------------------------------------- normalise


def test_a_sentence_broken_around_a_linked_word_is_joined():
    text = "一、2097年工作回顾\n\n过去一年，全省新建改建\n乡村公路\n1.2万公里、普通国道300公里。\n"
    road = next(f for f in figures(text) if f.value == 12_000)
    assert "新建改建乡村公路" in road.text


@pytest.mark.xfail(
    strict=True,
    reason="track/: one goal reworded between editions with other words, not added ones (易地搬迁脱贫 200万人 / "
    "易地扶贫搬迁人口 240万) does not pair; no rule found that would not also pair different goals",
)
def test_a_goal_reworded_with_other_words_pairs():
    editions = [
        edition("r2098.txt", 2098, figure("异地安置脱困", 20, year=2098, unit="万人", comparator=">=")),
        edition("r2099.txt", 2099, figure("异地扶困安置人口", 24, year=2098, kind="achieved", unit="万人")),
    ]
    assert track(editions).series[0].rows[0].verdict == "met"
