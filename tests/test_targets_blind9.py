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
    assert [name for name, kind in found if kind == "target"] == ["地区生产总值预期"]


def test_a_condition_opened_with_zhiyao_explains_a_goal():
    text = "今年居民收入增长6%左右。只要城镇新增就业保持在1000万人以上，就业形势就能保持总体稳定。\n"
    assert "城镇新增就业" not in targets(
        "今年居民收入增长6%左右。只要城镇新增就业1000万人就可以稳定就业。\n", 2098
    )
    assert targets(text, 2098).get("居民收入") == 6


def test_a_goal_raised_from_last_years_by_a_gap_is_no_level():
    text = "今年赤字率预期目标比上年提高0.5个百分点。\n"
    assert not targets(text, 2098)


def test_a_result_compared_with_last_years_is_still_a_target_in_a_plan():
    assert targets("今年城镇新增就业比去年多20万人。\n", 2098) == {"城镇新增就业": 200_000}
