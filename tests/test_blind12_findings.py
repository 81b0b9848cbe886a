"""Classes of error found by reading, blind, two city series nobody tuned for: Beijing 2024→2025→2026 and
Shanghai 2024→2025→2026 (the reports in reach, joined by the newspaper items that quote the missing edition's
targets or results paragraph). Each test is the smallest invented reproduction of one class; none copies the real
text.

Each failed on the code before its class was fixed; the ones still marked xfail belong to code other helpers own
(targets, structure), with the reason naming the class.

Blind scores before any fix (hand-scored against expectations written from the text first): 7 of 16
target→outcome pairs right, none wrong, 9 missed, no false pairing. Beijing was 7 of 7; every Shanghai pair was
missed because two of its four documents had no year: a newspaper reprint of the report wrote "2024 年工作回顾"
with a space before 年, and a news item dated only by its title "2025年上海经济增长目标：5%左右" (the third,
a news item with no year in its text at all, cannot be dated by any reader without outside knowledge).
After the track fixes here: 12 of 16 right, none wrong (the 4 left need the undated item's year); a Beijing news
item rewording the 2025 targets, scored apart, went from 0 to 1 of 3 (the other two are targets/ classes below).
The national, Shandong and 2026 provincial corpus reports, blind9's and blind10c's excerpts and every corpus
document alone track exactly as before. Held out (read after these fixes): Tianjin 2025 targets (a news item) →
the 2026 report, 1 of 3 on main, 2 of 3 here (the third is the targets/ class of a list after 报告显示).
"""

from __future__ import annotations

import pytest

from policykit.track import report_year, track, track_files
from tests.findings import edition, figure, figures, write


def rows_of(found, name: str) -> dict[int, object]:
    series = next(s for s in found.series if s.name == name)
    return {r.year: r for r in series.rows}


# ---------------------------------------------------------------- track


_TARGETS_2097 = """二、2097年工作安排

今年全市经济社会发展的主要预期目标是：地区生产总值增长5.5%左右，城镇调查失业率控制在5%以内。
"""

# A reprint that sets the year's digits apart from 年 ("一、2097 年工作回顾", "——2098 年 1 月 20 日在…") had no
# year: every 一年来/过去一年 result in it was left out.
_SPACED_REVIEW = """政府工作报告
——2098 年 1 月 20 日在某市人民代表大会上
一、2097 年工作回顾
一年来，全市地区生产总值增长 5.8%，城镇调查失业率平均为 4.3%。
"""


def test_a_report_whose_years_are_spaced_from_nian_is_dated(tmp_path):
    found = track_files([write(tmp_path, "a.txt", _TARGETS_2097), write(tmp_path, "b.txt", _SPACED_REVIEW)])
    assert [d.year for d in found.editions] == [2097, 2098]
    row = rows_of(found, "国内生产总值增长")[2097]
    assert (row.target.value, row.achieved.value, row.verdict) == (5.5, 5.8, "met")


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("一、2097 年工作回顾\n一年来，全市地区生产总值增长5.8%。", 2098),
        ("二、2098　年重点工作\n今年地区生产总值增长6%左右。", 2098),  # a full-width space
        ("一、2097年工作回顾\n一年来，全市地区生产总值增长5.8%。", 2098),  # unspaced: as before
        ("到 2030 年，森林覆盖率达到45%。", None),  # a deadline still dates nothing
    ],
)
def test_report_year_reads_through_a_space_before_nian(text, year):
    assert report_year(text) == year


# A news item that quotes a report's targets paragraph says its year only in the title: "2098年某市经济增长
# 目标：6%左右" (a year, a place, then the target announced with 是/为/a colon).
_TITLED_TARGETS = """2098年某市经济增长目标：6%左右。
据报道，某市市长作政府工作报告，建议今年全市经济社会发展的主要预期目标是：全市生产总值增长6%左右，城镇调查失业率5%以内。
"""
_REVIEW_2098 = "一、2098年工作回顾\n\n一年来，全市生产总值增长6.2%，城镇调查失业率平均为4.1%。\n"


def test_a_news_item_dated_by_its_target_title_takes_that_year(tmp_path):
    found = track_files([write(tmp_path, "a.txt", _TITLED_TARGETS), write(tmp_path, "b.txt", _REVIEW_2098)])
    assert [d.year for d in found.editions] == [2098, 2099]
    row = rows_of(found, "国内生产总值增长")[2098]
    assert (row.target.value, row.achieved.value, row.verdict) == (6, 6.2, "met")


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("2098年某市经济增长目标为6%左右。", 2098),
        ("2098年全省发展主要预期目标是：地区生产总值增长6%。", 2098),
        ("到2030年，全市经济增长目标为年均5%。", None),  # a plan's deadline, not the year spoken from
        ("2097年经济增长目标圆满完成。", None),  # a target named, not announced: no year from it
    ],
)
def test_report_year_reads_a_year_announcing_its_targets(text, year):
    assert report_year(text) == year


# A headline "今年GDP增长目标为6%左右" gave the GDP target a series of its own named "GDP增长目标".
def test_a_known_wording_followed_by_mubiao_is_that_indicator():
    found = track(
        [
            edition(
                "r2098.txt",
                2098,
                figure("GDP增长目标", 6, year=2098, comparator="~"),
                figure("地区生产总值", 6, year=2098, comparator="~"),
            ),
            edition("r2099.txt", 2099, figure("地区生产总值", 6.3, year=2098, kind="achieved")),
        ]
    )
    assert "GDP增长目标" not in [s.name for s in found.series]
    row = rows_of(found, "国内生产总值增长")[2098]
    assert (row.target.value, row.achieved.value, row.verdict) == (6, 6.3, "met")


@pytest.mark.parametrize(
    ("name", "unit", "series"),
    [
        ("城镇调查失业率目标", "%", "城镇调查失业率"),
        ("城镇新增就业目标", "人", "城镇新增就业"),
        ("植树造林目标", "万亩", "植树造林目标"),  # no known wording before 目标: its own name
    ],
)
def test_a_name_ending_in_mubiao_joins_only_a_known_wording(name, unit, series):
    found = track([edition("r2098.txt", 2098, figure(name, 5, year=2098, unit=unit))])
    assert [s.name for s in found.series] == [series]


# A news item rewording the targets ("某市将致力于实现地区生产总值增长6%左右", "…主要预期目标是地区生产总值增长6%")
# left the verb in the name, and the GDP target started a series of its own beside the result.
@pytest.mark.parametrize(
    ("name", "series"),
    [
        ("某市将致力于实现地区生产总值", "国内生产总值增长"),
        ("某市经济社会发展主要预期目标是地区生产总值", "国内生产总值增长"),
        ("某市政府将城镇调查失业率", "城镇调查失业率"),
        (
            "城市副中心和平原新城地区生产总值",
            "城市副中心和平原新城地区生产总值",
        ),  # a part of the city: no verb
        ("将乐县地区生产总值", "将乐县地区生产总值"),  # 将 in a place name: what follows is no known wording
    ],
)
def test_a_known_wording_after_a_verb_left_in_the_name_is_that_indicator(name, series):
    found = track([edition("r2098.txt", 2098, figure(name, 6, year=2098, comparator="~"))])
    assert [s.name for s in found.series] == [series]


def test_a_reworded_gdp_target_meets_the_next_reports_result():
    found = track(
        [
            edition("n2098.txt", 2098, figure("某市将致力于实现地区生产总值", 6, year=2098, comparator="~")),
            edition("r2099.txt", 2099, figure("地区生产总值", 6.4, year=2098, kind="achieved")),
        ]
    )
    row = rows_of(found, "国内生产总值增长")[2098]
    assert (row.target.value, row.achieved.value, row.verdict) == (6, 6.4, "met")


# ---------------------------------------------------------------- targets (other helpers' code)


@pytest.mark.xfail(
    strict=True,
    reason="targets/: a targets paragraph after a sentence announcing 'YYYY年…主要预期目标' but worded without "
    "今年 (某市将致力于实现地区生产总值增长6%左右) gets no year, so no result can answer it",
)
def test_reworded_targets_after_an_announcing_sentence_take_its_year():
    text = (
        "某市副市长详细介绍了某市2098年经济社会发展的主要预期目标。\n\n"
        "报告指出，某市将致力于实现地区生产总值增长6%左右。同时，一般公共预算收入也将力争增长3%左右。"
    )
    found = [f for f in figures(text, 2098) if f.kind == "target"]
    assert [f.year for f in found] == [2098, 2098]


def test_a_subject_or_adverb_before_the_indicator_is_no_part_of_its_name():
    text = (
        "今年，某市将致力于实现地区生产总值增长6%左右。同时，一般公共预算收入也将力争增长3%左右。"
        "某市政府将城镇调查失业率控制在5%以内作为重要目标。"
    )
    names = [f.indicator for f in figures(text, 2098) if f.kind == "target"]
    assert names == ["地区生产总值", "一般公共预算收入", "城镇调查失业率"]


def test_an_adverb_between_a_subject_and_its_verb_is_no_part_of_the_name():
    text = "明年，某县亦将致力于实现居民人均可支配收入增长7%。城乡居民医保参保率还将稳定在95%以上。"
    names = [f.indicator for f in figures(text, 2098) if f.kind == "target"]
    assert names == ["居民人均可支配收入", "城乡居民医保参保率"]


def test_an_adverb_glued_to_the_noun_or_inside_a_word_is_handled_apart():
    text = "今年城镇调查失业率仍控制在5.5%以内，个人住房贷款还款率达到98%。"
    names = [f.indicator for f in figures(text, 2098) if f.kind == "target"]
    assert names == ["城镇调查失业率", "个人住房贷款还款率"]  # 还 inside 还款 stays


def test_a_bracketed_abbreviation_inside_a_name_keeps_the_name():
    names = [
        f.indicator for f in figures("今年全市居民消费价格(CPI)涨幅2%左右。", 2098) if f.kind == "target"
    ]
    assert names and names[0].startswith("居民消费价格")


def test_a_bracketed_abbreviation_before_the_change_keeps_the_whole_name():
    text = "今年全市规模以上工业增加值（IVA）增长6%，数字经济核心产业增加值占地区生产总值(GDP)比重达到12%。"
    names = [f.indicator for f in figures(text, 2098) if f.kind == "target"]
    assert names == ["规模以上工业增加值", "数字经济核心产业增加值占地区生产总值比重"]


def test_a_bracketed_note_in_chinese_is_still_no_part_of_the_name():
    names = [f.indicator for f in figures("今年全市水质优良(达到或好于Ⅲ类)比例达到90%。", 2098)]
    assert names and not any("达到或好于" in name for name in names), names


def test_a_change_after_a_spaced_amount_keeps_the_name():
    text = "一、2097年工作回顾\n一年来，地方一般公共预算收入达到 6100.5 亿元、增长 1.2%。"
    found = [f for f in figures(text, 2098) if f.unit == "%"]
    assert [f.indicator for f in found] == ["地方一般公共预算收入"]


def test_a_change_after_a_spaced_amount_in_a_target_keeps_the_name():
    text = "今年，全市社会消费品零售总额力争达到 3200 亿元、增长 5%左右。"
    found = [f for f in figures(text, 2098) if f.unit == "%"]
    assert [f.indicator for f in found] == ["社会消费品零售总额"]


def test_a_change_after_a_read_amount_takes_that_amount_s_name():
    text = "一年来，建成道路12条、增长 3%。"
    assert [f.indicator for f in figures(text, 2098)] == ["道路", "道路"]


@pytest.mark.xfail(
    strict=True,
    reason="targets/: two areas joined by 和 before a shared indicator (城市副中心和平原新城地区生产总值年均增长6%) "
    "give one target named after both areas at once (…和…地区生产总值年均); the cut at 年 (年均 read as 均) is fixed",
)
def test_two_areas_sharing_one_indicator_keep_the_indicator_in_both_names():
    names = [f.indicator for f in figures("今后五年，城市副中心和平原新城地区生产总值年均增长6%以上。", 2098)]
    assert all(name.endswith("地区生产总值") for name in names), names


def test_a_jun_inside_nian_jun_is_no_shared_value_word():
    names = [f.indicator for f in figures("今后五年，甲新城和乙新城工业增加值年均增长6%以上。", 2098)]
    assert names and not any(name.endswith("年") for name in names), names


def test_jun_after_two_names_still_gives_both_the_value():
    names = [f.indicator for f in figures("今年草原综合植被盖度和湿地保护率均达50%以上。", 2098)]
    assert names == ["草原综合植被盖度", "湿地保护率"]


def test_a_plan_section_after_a_skipped_number_still_holds_targets():
    text = (
        "一、2097年和“十九五”时期工作回顾\n过去一年，全市地区生产总值增长4.9%。\n"
        "“十九五”以来，全市地区生产总值年均增长4.6%。\n"
        "三、2098年重点工作\n今年经济社会发展主要预期目标是：地区生产总值增长4.5%，城镇新增就业26万人。\n"
    )
    found = [(f.kind, f.year) for f in figures(text, 2098) if f.line == 5]
    assert found == [("target", 2098), ("target", 2098)]


@pytest.mark.xfail(
    strict=True,
    reason="targets/: a targets list introduced by 'YYYY年…的预期目标，报告显示，' is read as plain figures, so "
    "only the 万人 one is a target",
)
def test_targets_listed_after_bao_gao_xian_shi_are_targets():
    text = (
        "对于2098年某市经济社会发展的预期目标，报告显示，地区生产总值增长5%左右，"
        "一般公共预算收入增长3%左右，城镇新增就业26万人。"
    )
    assert [f.kind for f in figures(text, 2098)] == ["target", "target", "target"]
