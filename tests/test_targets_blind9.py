"""Classes of errors a blind read of national work reports and a district 十五五 纲要 found in extract, each
stated with invented sentences in the style of those documents, never copied from them."""

from __future__ import annotations

from policykit.model import Target
from policykit.pipeline import parse_text
from policykit.targets import extract_targets


def figures(text: str, year: int | None = None) -> tuple[Target, ...]:
    """Every figure of a text, parsed as the CLI parses a file."""
    return extract_targets(parse_text(text), include_all=True, year=year)


def targets(text: str, year: int | None = None) -> dict[str, float]:
    """The targets of a text, by indicator."""
    return {f.indicator: f.value for f in figures(text, year) if f.kind == "target"}


# ---------------------------------------------------------------- one value shared by a 分别 list


def test_one_value_shared_by_a_listed_pair_is_a_target_of_each():
    assert targets("今年甲醛、乙醛排放量要分别下降2%。\n", 2098) == {"甲醛排放量": 2, "乙醛排放量": 2}


def test_two_listed_pairs_each_sharing_one_value_give_four_targets():
    found = targets("化学需氧量、氨氮排放量分别下降2%，二氧化硫、氮氧化物排放量分别下降3%。\n", 2098)
    assert found == {"化学需氧量排放量": 2, "氨氮排放量": 2, "二氧化硫排放量": 3, "氮氧化物排放量": 3}


def test_a_raise_from_one_baseline_is_the_level_of_each_listed_name():
    found = [
        (f.indicator, f.value, f.kind)
        for f in figures("甲补贴、乙补贴分别从每人每月209元提高到217元。\n", 2098)
    ]
    assert ("甲补贴", 217, "target") in found and ("乙补贴", 217, "target") in found
    assert ("乙补贴", 209, "target") not in found


def test_a_listed_pair_with_a_value_each_still_pairs_them_in_order():
    assert targets("今年甲醛、乙醛排放量要分别下降5%和4%。\n", 2098) == {"甲醛排放量": 5, "乙醛排放量": 4}


# ---------------------------------------------------------------- explanations of a goal


def test_the_condition_and_the_gap_to_last_years_goal_are_no_targets():
    text = (
        "今年地区生产总值预期增长6%－7%。稳增长是为了保就业，有6%－7%的增速就能够实现比较充分的就业。"
        "城镇新增就业预期目标比去年多20万人。\n"
    )
    found = [(f.indicator, f.kind) for f in figures(text, 2098)]
    assert [name for name, kind in found if kind == "target"] == [
        "地区生产总值"
    ]  # 预期 is no part of the name


def test_a_condition_opened_with_zhiyao_explains_a_goal():
    text = "今年居民收入增长6%左右。只要城镇新增就业保持在1000万人以上，就业形势就能保持总体稳定。\n"
    assert "城镇新增就业" not in targets(
        "今年居民收入增长6%左右。只要城镇新增就业1000万人就可以稳定就业。\n", 2098
    )
    assert targets(text, 2098).get("居民收入") == 6


def test_a_goal_raised_from_last_years_by_a_gap_is_no_level():
    text = "今年赤字率预期目标比上年提高0.5个百分点。\n"
    assert not targets(text, 2098)


def test_a_plan_figure_more_than_last_years_is_named_by_its_noun():
    assert targets("今年城镇新增就业比去年多20万人。\n", 2098) == {"城镇新增就业": 200_000}


def test_a_goal_with_a_consequence_after_its_clause_is_still_a_target():
    text = "到2098年，全市有3000家企业完成数字化改造，城镇新增就业达到100万人，就能够基本实现充分就业。\n"
    assert targets(text) == {"企业": 3000, "城镇新增就业": 1_000_000}


# ---------------------------------------------------------------- a bound word in a one-cell-per-line table

_TABLE = "某区“九十五”经济社会发展主要指标\n\n序号\n\n指标名称\n\n单位\n\n属性\n\n“九十五”目标\n\n"


def _row(number: int, name: str, unit: str, cell: str) -> str:
    return f"{number}\n\n{name}\n\n{unit}\n\n预期性\n\n{cell}\n\n"


def test_an_about_cell_of_a_one_cell_per_line_table_is_read():
    text = _TABLE + _row(1, "全员劳动生产率", "万元/人", "55左右") + _row(2, "主导产业税收占比", "%", "≥58")
    found = {f.indicator: (f.value, f.comparator) for f in figures(text, 2096) if f.kind == "target"}
    assert found == {"全员劳动生产率": (550_000, "~"), "主导产业税收占比": (58, ">=")}


def test_a_floor_word_after_a_cell_is_its_comparator():
    text = _TABLE + _row(1, "数字经济企业数", "家", "9000左右") + _row(2, "研发经费投入强度", "%", "3.5以上")
    found = {f.indicator: (f.value, f.comparator, f.quantity) for f in figures(text, 2096)}
    assert found == {"数字经济企业数": (9000, "~", "9000家左右"), "研发经费投入强度": (3.5, ">=", "3.5%以上")}


def test_a_unit_per_a_unit_cell_is_no_name():
    text = _TABLE + _row(1, "每万人口高价值发明专利拥有量", "件/万人", "85左右")
    assert targets(text, 2096) == {"每万人口高价值发明专利拥有量": 85}


def test_a_cell_in_words_is_still_no_value():
    text = (
        _TABLE
        + _row(1, "地区生产总值年均增速", "%", "与全市经济增速\n保持同步")
        + _row(2, "甲占比", "%", "≥58")
    )
    assert targets(text, 2096) == {"甲占比": 58}


# ---------------------------------------------------------------- a plan table's year

_PLAN = (
    "《某区国民经济和社会发展第十六个五年规划纲要》\n\n“十六五”时期(2031-2035年)是某区发展的关键时期。\n\n"
    "某区“十六五”经济社会发展主要指标\n\n序号\n\n指标名称\n\n单位\n\n属性\n\n"
)


def _years(text: str, year: int | None = None) -> dict[str, int | None]:
    return {f.indicator: f.year for f in figures(text, year) if f.kind == "target"}


def test_a_plan_table_target_is_due_at_the_plan_end():
    text = (
        _PLAN
        + "“十六五”目标\n\n"
        + _row(1, "主导产业税收占比", "%", "≥58")
        + "到2035年，高新技术企业达到450家以上。\n"
    )
    assert _years(text) == {"主导产业税收占比": 2035, "高新技术企业": 2035}


def test_a_plain_target_column_of_a_plan_table_is_due_at_the_plan_end():
    text = (
        _PLAN
        + "目标值\n\n"
        + _row(1, "主导产业税收占比", "%", "≥58")
        + _row(2, "数字经济企业数", "家", "9000左右")
    )
    assert _years(text) == {"主导产业税收占比": 2035, "数字经济企业数": 2035}


def test_a_dated_target_column_keeps_its_own_year():
    text = _PLAN + "2033年目标值\n\n" + _row(1, "主导产业税收占比", "%", "≥58")
    assert _years(text) == {"主导产业税收占比": 2033}


def test_an_annual_plans_table_is_still_due_in_its_year():
    text = (
        "某区2098年国民经济和社会发展计划\n\n主要指标\n\n序号\n\n指标名称\n\n单位\n\n属性\n\n目标值\n\n"
        + _row(1, "主导产业税收占比", "%", "≥58")
    )
    assert _years(text, 2098) == {"主导产业税收占比": 2098}


# ---------------------------------------------------------------- the figures of a five-year review sentence

_REVIEW = "一、2098年工作回顾\n\n五年来，全省常住人口城镇化率达到67%、5年提高4个百分点，"


def _spans(text: str) -> dict[str, tuple[int | None, int | None]]:
    return {f.indicator: (f.year, f.since) for f in figures(text) if f.kind == "achieved"}


def test_every_figure_of_a_five_year_review_sentence_spans_five_years():
    found = _spans(_REVIEW + "新改建乡间公路3万公里。\n")
    assert found["新改建乡间公路"] == (2098, 2094)


def test_work_done_over_five_years_is_the_periods_total():
    found = _spans(_REVIEW + "棚户区住房改造260万套，建成高标准农田1000万亩，新培育专精特新企业3000家。\n")
    assert found["棚户区住房"] == found["高标准农田"] == found["新培育专精特新企业"] == (2098, 2094)


def test_a_level_reached_and_yearly_work_are_still_the_last_years():
    text = _REVIEW + "高速公路通车里程达到9000公里，建成区面积120平方公里，每年实施20项民生实事。\n"
    found = {f.value: f.since for f in figures(text)}
    assert found == {67: None, 4: 2094, 9000: None, 120: None, 20: None}
