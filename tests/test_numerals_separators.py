"""Thousands separators: a comma between digit groups is part of the number, a comma anywhere else is not."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policykit.targets import TargetContext, extract_text
from policykit.zh.numerals import find_quantities, hide_separators, parse_number


def _grouped(number: int, comma: str) -> str:
    """Write an integer with a comma between every group of three digits."""
    return f"{number:,}".replace(",", comma)


@given(st.integers(min_value=1000, max_value=10**12), st.sampled_from([",", "，"]))
def test_grouped_integers_round_trip(number, comma):
    assert parse_number(_grouped(number, comma)) == number


@given(
    st.integers(min_value=1000, max_value=10**9),
    st.integers(min_value=0, max_value=9),
    st.sampled_from([",", "，"]),
    st.sampled_from([("万吨", 10**4, "吨"), ("亿元", 10**8, "元"), ("人", 1, "人")]),
)
def test_a_grouped_number_in_a_sentence_is_one_quantity(number, tenth, comma, unit):
    written, factor, base = unit
    raw = f"{_grouped(number, comma)}.{tenth}{written}"
    (found,) = find_quantities(f"全市产量达到{raw}，")
    assert found.raw == raw
    assert found.value == pytest.approx((number + tenth / 10) * factor)
    assert found.unit == base


@given(st.lists(st.integers(min_value=0, max_value=99), min_size=2, max_size=5), st.sampled_from([",", "，"]))
def test_a_list_of_short_numbers_keeps_its_commas(numbers, comma):
    text = comma.join(str(n) for n in numbers)
    assert hide_separators(text) == text


@pytest.mark.parametrize(
    "text",
    [
        "到2025，全市建成100个",  # a year before a clause break
        "约占全国1/10，438万名",  # the denominator of a fraction
        "第1，2，3条",  # a list
        "100，200，3",  # a list whose last item is short
        "增长5.5，300",  # a decimal is never a leading group
        "2023，2024，2025年",  # four digits are never a group
    ],
)
def test_commas_that_are_no_separators_stay(text):
    assert hide_separators(text) == text


def test_hiding_separators_keeps_every_offset():
    text = "投资1，200亿元，产量12,345.6万吨"
    hidden = hide_separators(text)
    assert len(hidden) == len(text)
    assert hidden.replace("'", "，", 1).replace("'", ",") == text


def test_a_separator_does_not_break_a_list_of_values():
    found = extract_text("到2025年，高新技术企业、科技型中小企业分别达到1，200家和3,500家。")
    assert [(t.indicator, t.value, t.quantity) for t in found] == [
        ("高新技术企业", 1200, "1，200家"),
        ("科技型中小企业", 3500, "3,500家"),
    ]
    assert found[0].text == "到2025年，高新技术企业、科技型中小企业分别达到1，200家和3,500家。"


def test_a_separated_target_keeps_its_indicator():
    (target,) = extract_text("到2027年，全市社会消费品零售总额达到1，200亿元。", context=TargetContext())
    assert (target.indicator, target.value, target.unit) == ("社会消费品零售总额", 1.2e11, "元")


@pytest.mark.parametrize(
    ("text", "raw", "value", "unit"),
    [
        ("旅游收入突破万亿元。", "万亿元", 1e12, "元"),
        ("带动汽车销售超千亿元。", "千亿元", 1e11, "元"),
        ("中欧班列开行超万列。", "万列", 1e4, "列"),
        ("交易额近万亿元。", "万亿元", 1e12, "元"),
    ],
)
def test_a_bare_magnitude_after_a_bound_word_is_a_number_of_one(text, raw, value, unit):
    (found,) = find_quantities(text)
    assert (found.raw, found.value, found.unit) == (raw, value, unit)


@pytest.mark.parametrize(
    "text", ["惠及千家万户。", "万众一心。", "打造千亿级产业集群。", "锻造更多千亿元级产业集群。"]
)
def test_a_bare_magnitude_elsewhere_is_a_word(text):
    assert [q.raw for q in find_quantities(text) if q.unit] == []


def test_a_magnitude_before_a_word_that_starts_with_its_unit_keeps_the_number():
    # 惠及近千万家庭: 家 starts 家庭, so the number stands alone and the noun gives its unit
    (found,) = find_quantities("惠及近千万家庭。")
    assert (found.value, found.unit) == (1e7, "")
    # 培育5家具备…的企业: 家 is the unit there (家具 is no word of that sentence)
    assert [(q.raw, q.unit) for q in find_quantities("培育5家具备上市条件的企业。")] == [("5家", "家")]
