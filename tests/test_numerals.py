"""Numerals and quantities: parse_number, to_chinese, find_quantities (property tests where apt)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policykit.zh.numerals import find_quantities, parse_number, to_chinese
from policykit.zh.units import match_unit


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("一百二十", 120),
        ("两千", 2000),
        ("十二", 12),
        ("二十", 20),
        ("一百零五", 105),
        ("一千零十", 1010),
        ("一万二千", 12000),
        ("三亿五千万", 350_000_000),
        ("1.3万", 13_000),
        ("4400亿", 440_000_000_000),
        ("1,200万", 12_000_000),
        ("1.3万亿", 1_300_000_000_000),
        ("２０２５", 2025),
        ("二〇二五", 2025),
        ("三点五", 3.5),
    ],
)
def test_parse_number_reads_chinese_arabic_and_mixed(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["十四五", "一百二", "三万五", "百", "氧化", "", "万千", "1.3万千"])
def test_parse_number_refuses_what_is_not_a_number(text):
    with pytest.raises(ValueError):
        parse_number(text)


@given(st.integers(min_value=0, max_value=10**16 - 1))
def test_to_chinese_round_trips(number):
    assert parse_number(to_chinese(number)) == float(number)


@given(st.integers(min_value=1, max_value=10**9), st.sampled_from(["家", "人", "台", "项"]))
def test_chinese_and_arabic_forms_find_the_same_quantity(number, unit):
    (arabic,) = find_quantities(f"达到{number}{unit}。")
    (chinese,) = find_quantities(f"达到{to_chinese(number)}{unit}。") if number > 1 else (arabic,)
    assert arabic.value == chinese.value == number
    assert arabic.unit == chinese.unit == unit


@given(
    st.decimals(min_value=1, max_value=9999, places=2, allow_nan=False, allow_infinity=False),
    st.sampled_from([("万", 10**4), ("亿", 10**8), ("万亿", 10**12)]),
)
def test_magnitudes_multiply_exactly(number, magnitude):
    word, factor = magnitude
    (found,) = find_quantities(f"规模{number}{word}元")
    assert found.value == float(number * factor)
    assert found.unit == "元"


@pytest.mark.parametrize(
    ("text", "raw", "value", "unit", "upper", "vague"),
    [
        ("充电桩保有量达1.3万台", "1.3万台", 13_000, "台", None, False),
        ("提升至1100万吨/年", "1100万吨/年", 11_000_000, "吨/年", None, False),
        ("突破4400亿元", "4400亿元", 440_000_000_000, "元", None, False),
        ("陆上风电规模33.091万千瓦", "33.091万千瓦", 330_910, "千瓦", None, False),
        ("装机一千二百万千瓦", "一千二百万千瓦", 12_000_000, "千瓦", None, False),
        ("粮食产量1.3万亿斤以上", "1.3万亿斤", 1_300_000_000_000, "斤", None, False),
        ("提高0.5个百分点", "0.5个百分点", 0.5, "百分点", None, False),
        ("占比百分之三十", "百分之三十", 30, "%", None, False),
        ("自然增长率控制在千分之六以内", "千分之六", 6, "‰", None, False),
        ("死亡率降至千分之五点五", "千分之五点五", 5.5, "‰", None, False),
        ("七成以上", "七成", 70, "%", None, False),
        ("增长6%－6.5%", "6%－6.5%", 6, "%", 6.5, False),
        ("新增2至5个", "2至5个", 2, "个", 5, False),
        ("惠及500多亿元", "500多亿元", 50_000_000_000, "元", None, True),
        ("带动数百万人", "数百万人", 1_000_000, "人", None, True),
        ("二十多万人", "二十多万人", 200_000, "人", None, True),
        ("装机2吉瓦", "2吉瓦", 2_000_000, "千瓦", None, False),
        ("１２．５％", "１２．５％", 12.5, "%", None, False),
    ],
)
def test_find_quantities_reads_value_unit_and_range(text, raw, value, unit, upper, vague):
    (found,) = find_quantities(text)
    assert (found.raw, found.value, found.unit, found.upper, found.vague) == (raw, value, unit, upper, vague)
    assert text[found.start : found.end] == raw


@pytest.mark.parametrize(
    "text",
    [
        "减少二氧化碳排放",
        "遴选一批科技领军人才",
        "建立“一对一”联系对接机制",
        "对“两院”院士“一事一议”",
        "“三改联动”",
        "“两清零、一提标”攻坚行动",
        "实现“十四五”规划目标",
        "十大攻坚任务",
        "五大战略性新兴产业",
        "加快推进5G基站建设",
        "PM2.5浓度",
        "国产大飞机C919",
        "第十条",
        "十分重要",
        "千亿级产业集群",
    ],
)
def test_number_words_inside_words_are_not_quantities(text):
    assert [q.raw for q in find_quantities(text) if q.unit] == []


def test_years_and_year_ranges_keep_their_year_unit():
    found = find_quantities("三年行动计划（2023-2025年），到2025年")
    assert [(q.raw, q.unit, q.value, q.upper) for q in found] == [
        ("三年", "年", 3, None),
        ("2023-2025年", "年", 2023, 2025),
        ("2025年", "年", 2025, None),
    ]


def test_match_unit_prefers_the_longest_unit():
    assert match_unit("人次") is not None and match_unit("人次").alias == "人次"
    for visits in ("辆次", "艘次", "台次", "件次"):  # a count of visits is not a count of vehicles
        assert match_unit(visits) is not None and match_unit(visits).alias == visits
    assert match_unit("元/吨").base == "元/吨"


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("修复防撞护栏60千米", 60, "公里"),  # 千米 is a unit (公里), not 千 × 米
        ("新建管网1.5万千米", 15000, "公里"),
        ("储备粮50千克", 50, "千克"),
        ("装机33.091万千瓦", 330910, "千瓦"),  # 万 then 千瓦, as before
        ("投资2千万元", 20_000_000, "元"),
        ("全天开行列车38对", 38, "对"),  # pairs, after Arabic digits
        ("新增步道12000㎡", 12000, "平方米"),
        ("保护区面积5㎢", 5, "平方公里"),
    ],
)
def test_units_that_begin_with_a_magnitude_or_are_signs_read_as_units(text, value, unit):
    (quantity,) = find_quantities(text)
    assert (quantity.value, quantity.unit) == (value, unit)


@pytest.mark.parametrize("text", ["开展一对一帮扶", "结对帮扶两对口支援", "三对夫妇"])
def test_dui_after_a_chinese_numeral_is_no_unit(text):
    assert all(q.unit != "对" for q in find_quantities(text))


def test_five_year_plans_from_the_eleventh_end_where_their_period_does():
    from policykit.zh.dates import plan_year, plan_years

    assert plan_years("“十一五”期间降低20%左右，“十二五”时期继续下降，到“十九五”末") == [2010, 2015, 2050]
    assert plan_year("国民经济和社会发展第十二个五年规划纲要") == 2015
    assert plan_year("第十五条 本办法自公布之日起施行") is None  # 十五 (2001-2005) is also a number: left out
    assert plan_year("九五至尊") is None
