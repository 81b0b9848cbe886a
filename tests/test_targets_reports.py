"""More invented cases of the targets classes the blind read of the 2006–2011 work reports found (the findings
themselves are in test_blind10c_findings.py): each class has cases it fixes and one case that must not change.
"""

from __future__ import annotations

import pytest

from policykit.model import Target
from policykit.pipeline import parse_text
from policykit.targets import extract_targets


def figures(text: str, year: int | None = 2099) -> tuple[Target, ...]:
    return extract_targets(parse_text(text), include_all=True, year=year)


def by_value(text: str, year: int | None = 2099) -> dict[float, Target]:
    return {f.value: f for f in figures(text, year)}


# ---------------------------------------------------------------- a goal said to be missed


def test_a_goal_not_completed_is_restated_not_a_result():
    text = "一、2098年工作回顾\n\n全市未完成年初确定的新增城镇就业12万人的任务。\n"
    assert by_value(text)[120_000].kind == "figure"


def test_a_list_of_missed_goals_is_restated():
    text = "一、2098年工作回顾\n\n没有完成年初确定的能耗降低3%、化学需氧量减少2%的目标。\n"
    found = by_value(text)
    assert (found[3].kind, found[2].kind) == ("figure", "figure")


def test_a_goal_reached_stays_a_result():
    text = "一、2098年工作回顾\n\n全省实现了年初确定的能耗降低3%左右的目标。\n"
    assert by_value(text)[3].kind == "achieved"


# ---------------------------------------------------------------- a space before a value or its unit


def test_a_bound_with_a_space_before_its_value_keeps_its_name():
    text = "今年主要目标是：城镇调查失业率控制在5.5%以内；粮食产量稳定在 1200万吨以上。\n"
    assert by_value(text)[12_000_000].indicator == "粮食产量"


def test_an_average_growth_after_a_level_in_words_keeps_its_clause_name():
    text = "一、过去五年工作回顾\n\n五年来，全省一般公共预算收入达到5200 亿元，年均增长7.4%。\n"
    assert "一般公共预算收入" in by_value(text)[7.4].indicator


def test_an_average_growth_after_a_read_level_is_unchanged():
    text = "一、过去五年工作回顾\n\n五年来，全省地区生产总值达到8.8万亿元，年均增长9.1%。\n"
    assert by_value(text)[9.1].indicator == "地区生产总值"


# ---------------------------------------------------------------- a review opened inside a clause


def test_a_review_opened_mid_clause_ends_at_this_years_work():
    text = "二、2099年的工作\n\n2099年是关键之年。去年，全省粮食产量增长2.1%。今年全省粮食产量增长1%左右。\n"
    found = by_value(text)
    assert (found[2.1].kind, found[2.1].year) == ("achieved", 2098)
    assert (found[1].kind, found[1].year) == ("target", 2099)


def test_five_years_with_a_comma_open_the_review():
    text = "五年，全省新增城镇就业410万人。\n"
    found = by_value(text)[4_100_000]
    assert (found.kind, found.year, found.since) == ("achieved", 2098, 2094)


def test_a_three_year_action_opens_no_review():
    found = by_value("实施三年行动，新增就业10万人。\n")[100_000]
    assert (found.kind, found.since) == ("target", None)


# ---------------------------------------------------------------- 到明年底 dates its own sentence


def test_next_years_deadline_dates_its_own_sentence_only():
    found = by_value("到明年底，全省建成公路300公里。新建桥梁20座。\n")
    assert (found[300].year, found[20].year) == (2100, 2099)


def test_a_written_deadline_still_runs_on():
    found = by_value("2099年底前，全省建成公路300公里。新建桥梁20座。\n", 2098)
    assert (found[300].year, found[20].year) == (2099, 2099)


# ---------------------------------------------------------------- users added


def test_broadband_users_added_are_a_count_of_households():
    found = by_value("今年新增5000万宽带用户。\n")[50_000_000]
    assert (found.unit, found.indicator) == ("户", "宽带用户")


def test_users_with_their_own_unit_are_unchanged():
    found = by_value("今年新增农村沼气用户20万户。\n")[200_000]
    assert found.unit == "户" and "沼气用户" in found.indicator


# ---------------------------------------------------------------- a share of places a programme covers


def test_a_shares_target_and_result_take_one_name():
    target = by_value("今年把互助医疗试点的范围扩大到全省60%的县。\n")[60]
    result = by_value("一、2098年工作回顾\n\n互助医疗试点已扩大到全省86%的县。\n")[86]
    assert target.indicator == result.indicator == "互助医疗试点覆盖县比例"


def test_a_service_covering_a_share_of_streets_is_named_after_it():
    assert by_value("今年城市社区卫生服务覆盖全省80%的街道。\n")[80].indicator.startswith("城市社区卫生服务")


def test_a_share_of_counties_that_do_something_is_unchanged():
    assert by_value("全省80%的县建成污水处理厂。\n")[80].indicator == "县建成污水处理厂"


# ---------------------------------------------------------------- 分别 after a clause of names


def test_a_comparison_list_after_a_both_change_clause_takes_its_names():
    found = by_value("出口和进口双增长，同比分别增长7.2%和9.5%。\n")
    assert (found[7.2].indicator, found[9.5].indicator) == ("出口", "进口")


def test_a_clause_without_a_list_of_names_gives_none():
    found = by_value("全省经济平稳运行，同比分别增长7.2%和9.5%。\n")
    assert not any("经济" in found[value].indicator for value in (7.2, 9.5))


# ---------------------------------------------------------------- from other blind reads: scope, radius, names


def test_an_amount_bound_that_sorts_projects_is_no_target():
    text = "（1）使用财政资金的在200万元以下的小型建设工程项目由建设单位申报。\n（2）80万元至200万元项目由镇政府审核。\n"
    assert {f.kind for f in figures(text)} == {"figure"}


def test_a_change_from_an_amount_bound_is_unchanged():
    found = by_value("一、过去五年工作回顾\n\n全省地区生产总值从不到7万亿元增加到超过10万亿元。\n")
    assert found[10_000_000_000_000].kind == "achieved"


def test_an_investment_goal_over_a_bound_stays_a_goal():
    assert by_value("今年新增投资1000万元以上的项目20个。\n")[20].kind == "target"


def test_a_distance_after_a_station_bounds_the_stops_counted():
    found = by_value("今年完成6个地铁站点80米公交接驳站点改造。\n")
    assert found[80].kind == "figure"


def test_a_road_length_stays_a_goal():
    assert by_value("今年新建道路80米。\n")[80].kind == "target"


def test_a_noun_of_places_keeps_its_point():
    assert by_value("今年完成1500个积水点改造。\n")[1500].indicator == "积水点改造"


def test_an_amount_takes_the_subject_of_the_measure_before_it():
    assert (
        by_value("2099年，棉花播种面积保持稳定、产量达到600万吨以上。\n")[6_000_000].indicator == "棉花产量"
    )


def test_an_amount_after_a_measured_figure_is_unchanged():
    found = by_value("2099年，粮食播种面积3320万亩、产量达到600万吨以上。\n")
    assert found[6_000_000].indicator == "产量"


# ---------------------------------------------------------------- a goal restated to explain it


def test_a_goal_restated_to_explain_it_is_no_second_goal():
    text = "这里要着重说明，提出6%左右的地区生产总值增长目标，综合考虑了发展的需要和可能。\n"
    assert by_value(text)[6].kind == "figure"


def test_a_bound_restated_with_its_reason_is_no_second_goal():
    text = "提出居民消费价格涨幅控制在3%左右，主要是由于去年价格上涨的翘尾影响较大。\n"
    assert by_value(text)[3].kind == "figure"


def test_a_listed_goal_with_a_reason_after_it_stays_a_goal():
    text = "今年全省发展的主要预期目标是：地区生产总值增长6%左右，综合考虑了需要和可能。\n"
    assert by_value(text)[6].kind == "target"


def test_names_before_a_both_change_end_before_the_time_words():
    text = "2098年，甲醛、乙醛排放总量近年来首次出现双下降，比上年分别下降2.4%和3.6%。\n"
    found = by_value(text)
    assert (found[2.4].indicator, found[3.6].indicator) == ("甲醛排放总量", "乙醛排放总量")


def test_an_average_after_a_streak_of_years_borrows_no_name():
    text = "一、过去五年工作回顾\n\n五年来，连续7年提高企业退休人员基本养老金水平，年均增长10%。\n"
    assert by_value(text)[10].indicator != "连续"


@pytest.mark.parametrize(
    ("sentence", "indicator"),
    [
        ("2099年全市一般公共预算收入预期增长3%左右。", "一般公共预算收入"),
        ("高新技术产业产值占比预计提高1.5个百分点左右。", "高新技术产业产值占比"),
        ("到2099年，人均预期寿命达到80岁。", "人均预期寿命"),  # 预期 inside the name stays
    ],
)
def test_expected_and_forecast_are_no_part_of_the_indicator(sentence, indicator):
    (found,) = [f for f in figures(sentence) if f.value in (3, 1.5, 80)]
    assert found.indicator == indicator
