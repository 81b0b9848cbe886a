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
