"""Classes of errors met on the held-out gold documents (annotated from their text, never tuned on).

Each test states its class with sentences written in the style of real documents, then checks the corpus
line where the class was met (skipped when the shared corpus is absent).
"""

from __future__ import annotations

import pytest

from policykit.targets import TargetContext, extract_text
from policykit.zh.numerals import find_quantities
from tests.conftest import corpus_file


def read(text: str, year: int | None = None) -> list[tuple[str, float, str, str]]:
    """Every figure of a text with --all: (indicator, value, unit, kind)."""
    found = extract_text(text, context=TargetContext(reference_year=year), include_all=True)
    return [(t.indicator, t.value, t.unit, t.kind) for t in found]


def targets(text: str, year: int | None = None) -> list[tuple[str, float, str, str | None]]:
    """The targets of a text: (indicator, value, unit, comparator)."""
    found = extract_text(text, context=TargetContext(reference_year=year))
    return [(t.indicator, t.value, t.unit, t.comparator) for t in found]


def corpus_line(name: str, number: int) -> str:
    """One line of a corpus document (1-based), as `extract` reads it."""
    return corpus_file(name).read_text(encoding="utf-8").splitlines()[number - 1]


# ---------------------------------------------------------------- shares and multiples written as words


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("一半", 50, "%"),
        ("三分之一", 33.33, "%"),
        ("四分之三", 75, "%"),
        ("五分之二", 40, "%"),
        ("十分之一", 10, "%"),
        ("翻一番", 2, "倍"),
        ("翻两番", 4, "倍"),
    ],
)
def test_a_share_or_multiple_in_words_is_a_quantity(text, value, unit):
    (quantity,) = find_quantities(f"力争压减{text}以上")
    assert (quantity.raw, quantity.value, quantity.unit) == (text, value, unit)


def test_words_that_only_contain_a_fraction_word_are_no_quantity():
    # 百分之 is a percentage (百分之九十五), 一分之 nothing; a numerator not below its denominator is no share
    assert [(q.raw, q.value) for q in find_quantities("签约比例达到百分之九十五")] == [("百分之九十五", 95)]
    assert find_quantities("三分之五的") == []


def test_a_word_share_is_the_goal_of_its_indicator():
    assert targets("今年各地审批事项要压减三分之一以上。", 2024) == [("审批事项", 33.33, "%", ">=")]
    assert targets("到2027年，绿色建筑占新建建筑比例超过一半。") == [("绿色建筑占新建建筑比例", 50, "%", ">")]


def test_a_word_share_on_the_corpus_line():
    line = corpus_line("gov-work-report-2019", 203)  # …坚决把文件压减三分之一以上。
    assert [(value, comparator) for _, value, _, comparator in targets(line, 2019)] == [(33.33, ">=")]
    line = corpus_line("national-vocational-education-reform-plan-2019", 12)  # 占专业课教师总数超过一半
    assert ("占专业课教师总数", 50, "%", ">") in targets(line, 2019)


# ---------------------------------------------------------------- 7万多家: 多/余 after the magnitude


def test_duo_or_yu_after_the_magnitude_is_a_lower_bound_before_the_unit():
    assert [(q.raw, q.value, q.unit, q.vague) for q in find_quantities("达7万多家，开展8万余场")] == [
        ("7万多家", 70000, "家", True),
        ("8万余场", 80000, "场", True),
    ]
    assert targets("到2027年，专精特新企业达到3万多家。") == [("专精特新企业", 30000, "家", ">")]


def test_wan_duo_on_the_corpus_line():
    line = corpus_line("gov-work-report-2023", 86)  # 专精特新中小企业达7万多家。
    assert ("专精特新中小企业", 70000, "家") in [row[:3] for row in read(line, 2023)]


# ---------------------------------------------------------------- counts of people with no measure word


def test_a_bare_magnitude_after_people_counts_them():
    # 农村贫困人口减少1000万以上: the subject says whom the 1000万 counts
    assert targets("今年农村贫困人口减少800万以上。", 2019) == [("农村贫困人口", 8e6, "人", ">=")]
    assert targets("到2027年，农村富余劳动力稳定在300万左右。") == [("农村富余劳动力", 3e6, "人", "~")]


def test_a_bare_magnitude_after_a_money_noun_or_with_a_noun_after_it_is_no_count_of_people():
    assert [unit for _, _, unit, _ in read("到2027年，农村人口人均收入达到2万。")] == []
    assert [unit for _, _, unit, _ in read("到2027年，务工人员培训补贴支出3000万。")] == []
    assert read("到2027年，科研人员经费达到3000万。") == []


def test_nouns_of_people_after_a_bare_magnitude_give_the_unit():
    found = read("实施助学贷款政策，惠及600多万在校生，1200多万高校毕业生顺利就业。", 2021)
    assert [(value, unit) for _, value, unit, _ in found] == [(6e6, "人"), (1.2e7, "人")]
    assert read("6600多万纳税人受益。", 2023)[0][1:3] == (6.6e7, "人")


def test_people_counts_on_the_corpus_lines():
    assert ("农村贫困人口", 1e7, "人", ">=") in targets(corpus_line("gov-work-report-2019", 61), 2019)
    found = read(corpus_line("gov-work-report-2024", 42), 2024)  # 脱贫人口务工规模超过3300万
    assert ("脱贫人口务工规模", 3.3e7, "人") in [row[:3] for row in found]


def test_the_population_of_the_country_is_no_figure_to_reach():
    # 近14亿人口的发展中大国, 14亿多人口大国: who the country is, not a result
    assert read("近14亿人口的发展中大国，实现了比较充分就业。", 2019) == [("", 1.4e9, "人", "figure")]
    assert [kind for *_, kind in read("14亿多人口大国保持就业稳定。", 2023)] == ["figure"]
    assert [kind for *_, kind in read("今年扩招100万人。", 2019)] == ["target"]


# ---------------------------------------------------------------- what a change is measured from


def test_an_earlier_time_compared_with_is_no_part_of_the_indicator():
    # 较五年前下降, 比制度建立之初压减: like 比2020年, the base of the comparison
    assert targets("今年贷款平均利率较三年前下降0.5个百分点。", 2024)[0][0] == "贷款平均利率"
    assert targets("到2027年，审批事项比改革之初压减60%。")[0][0] == "审批事项"


def test_an_earlier_time_on_the_corpus_lines():
    line = corpus_line("gov-work-report-2023", 76)  # 清单管理措施比制度建立之初压减64%
    assert ("清单管理措施", 64.0) in [row[:2] for row in read(line, 2023)]
    line = corpus_line("gov-work-report-2023", 64)  # 贷款平均利率较五年前下降1.5个百分点
    assert ("贷款平均利率", 1.5) in [row[:2] for row in read(line, 2023)]


def test_a_qualifier_between_cong_and_the_baseline_leaves_the_indicator_before_cong():
    # 起征点从月销售额3万元提高到10万元: 月销售额 says what the threshold is measured in
    assert targets("将个人所得税起征点从每月收入5000元提高到8000元。", 2026) == [
        ("个人所得税起征点", 8000, "元", None)
    ]
    # a noun that only starts with 从 is no baseline opener
    assert targets("到2027年，从业人员达到5000人。") == [("从业人员", 5000, "人", None)]


def test_a_qualified_baseline_on_the_corpus_line():
    line = corpus_line("gov-work-report-2021", 115)
    assert targets(line, 2021) == [("小规模纳税人增值税起征点", 150000, "元", None)]


def test_the_baseline_of_a_change_achieved_last_year_is_of_the_year_before():
    text = "过去一年，关税总水平由9.8%降至7.5%。"
    found = extract_text(text, context=TargetContext(reference_year=2019), include_all=True)
    assert [(t.value, t.year) for t in found] == [(9.8, 2017), (7.5, 2018)]


# ---------------------------------------------------------------- names listed before one rate of change


def test_names_listed_before_one_rate_of_change_each_change_by_it():
    assert targets("今年二氧化硫、氮氧化物排放量要下降3%。", 2019) == [
        ("二氧化硫排放量", 3, "%", None),
        ("氮氧化物排放量", 3, "%", None),
    ]
    found = targets("其中甲类补助、乙类奖补资金等增幅均超过10%。", 2021)
    assert [name for name, *_ in found] == ["甲类补助增幅", "乙类奖补资金增幅"]


def test_a_level_a_total_or_a_named_group_after_a_list_is_one_indicator():
    assert len(targets("到2027年，水果、蔬菜产量达到500万吨。")) == 1
    assert len(read("去年限上仓储会员店、集合店零售额合计增长15.7%。", 2026)) == 1
    assert len(read("去年电动汽车、锂电池、光伏产品“新三样”出口增长近30%。", 2024)) == 1
    assert len(targets("今年要精简会议、坚决把文件压减三分之一以上。", 2019)) == 1


def test_names_listed_before_a_rate_on_the_corpus_lines():
    found = [name for name, *_ in targets(corpus_line("gov-work-report-2019", 155), 2019)]
    assert found == ["化学需氧量排放量", "氨氮排放量"]


# ---------------------------------------------------------------- 已达: a result stated among this year's tasks


def test_a_level_already_reached_is_no_goal_among_the_tasks():
    found = extract_text(
        "我国60岁以上人口已达2.5亿。要大力发展养老服务业。",
        context=TargetContext(reference_year=2019, year=2019),
        include_all=True,
    )
    assert [(t.kind, t.year) for t in found] == [("achieved", 2018)]
    # 已建成 describing a noun (已建成自然村) is no result
    found = extract_text(
        "改造提升超5000个已建成自然村的生活污水治理设施，优化已建成自然村设施运维，满意度不低于80%。",
        context=TargetContext(reference_year=2026, year=2026),
    )
    assert [t.kind for t in found] == ["target", "target"]


# ---------------------------------------------------------------- units: years of schooling, months, acts


def test_an_indicator_measured_in_years_keeps_its_unit():
    # 平均受教育年限提高到11.3年 is a level in years; 用3年时间 is a span, never a target
    assert targets("到2025年，劳动年龄人口平均受教育年限提高到11.5年。") == [
        ("劳动年龄人口平均受教育年限", 11.5, "年", None)
    ]
    assert targets("到2025年，用3年时间完成改造。") == []
    found = read(corpus_line("gov-work-report-2021", 90), 2021)
    assert ("劳动年龄人口平均受教育年限", 11.3, "年", "target") in found


def test_a_duration_in_months_reports_in_months():
    # 个月 drops its measure word, as 个工作日 does
    (quantity,) = find_quantities("顶岗实习时间一般为6个月")
    assert (quantity.value, quantity.unit) == (6, "月")
    assert targets("到2027年，审批时限压缩至3个月以内。") == [("审批时限", 3, "月", "<=")]
    assert targets("2025年6月底前完成。") == []


def test_a_count_of_acts_before_their_verb_is_no_amount():
    # 先后4次降低存款准备金率, 4次刷新历史记录: how often something was done
    assert [kind for *_, kind in read("去年先后3次降低存款准备金率。", 2019)] == ["figure"]
    assert [kind for *_, kind in read("到2027年，开展应急演练100次。")] == ["target"]


# ---------------------------------------------------------------- the noun after a number that names no thing counted


def test_a_level_noun_after_de_is_the_level_the_indicator_stands_at():
    # 调查失业率稳定在5%左右的较低水平: not a bound that describes 水平
    text = "过去一年，城镇新增就业1200万人、调查失业率稳定在5%左右的较低水平。"
    found = read(text, 2019)
    assert ("调查失业率", 5, "%", "achieved") in found
    # a bound before an ordinary noun still describes it
    assert [kind for *_, kind in read("到2027年，淘汰排放在国三以下的柴油货车2万辆，推广能耗低于5%的设备。")][
        -1:
    ] == ["figure"]


def test_a_goal_noun_after_a_count_leaves_the_name_before_it():
    assert read("去年实现高职院校扩招100万人目标。", 2021) == [("高职院校扩招", 1e6, "人", "achieved")]
    found = read(corpus_line("gov-work-report-2021", 46), 2021)
    assert ("高职院校扩招", 1e6, "人") in [row[:3] for row in found]


def test_people_reached_after_a_measure_are_named_by_it():
    # 发放价格补贴，约6700万人受益: the count opens its clause; the measure before names it
    found = read("去年向困难群众发放一次性补贴，约3000万人受益。", 2023)
    assert found == [("一次性补贴受益", 3e7, "人", "achieved")]
    found = read(corpus_line("gov-work-report-2023", 66), 2023)
    assert [name for name, value, *_ in found if value == 5.2e8] == ["双创活动周参与"]


def test_a_bare_amount_noun_takes_the_subject_of_the_clause_before():
    # 转移支付增加约1.5万亿元、规模近9.8万亿元: the 规模 of the transfers
    found = targets("今年中央对地方转移支付增加约1万亿元、规模近8万亿元。", 2022)
    assert [name for name, *_ in found] == ["地方转移支付", "地方转移支付规模"]
    # a measure (播种面积) is no subject of the amount after it
    found = targets("今年实现粮食播种面积3320万亩、产量1285万吨以上。", 2026)
    assert [name for name, *_ in found] == ["粮食播种面积", "产量"]


# ---------------------------------------------------------------- values written apart from their words


def test_a_multiple_in_words_is_a_result_like_one_in_digits():
    found = read("过去五年，全国财政收入十年接近翻一番。", 2023)
    assert [(value, unit, kind) for _, value, unit, kind in found] == [(2, "倍", "achieved")]


def test_a_per_year_word_with_dou_is_no_part_of_the_indicator():
    found = read("过去五年，研发经费占生产总值比例每年都保持在2%以上。", 2023)
    assert [name for name, *_ in found] == ["研发经费占生产总值比例"]


def test_a_baseline_in_words_leaves_the_indicator_before_cong():
    # 从一个月以上压缩到目前的平均4个工作日以内: 一个月 is no quantity, 从 still opens the baseline
    found = read("过去五年，企业开办时间从一个月以上压缩到目前的平均4个工作日以内。", 2023)
    assert [(name, value, unit) for name, value, unit, _ in found] == [("企业开办时间", 4, "工作日")]


def test_bare_values_of_a_fenbie_list_share_the_last_unit():
    text = "到2027年，甲、乙、丙面积分别减少1.5万、2万、3万平方公里。"
    assert [(value, unit) for _, value, unit, _ in targets(text)] == [
        (15000, "平方公里"),
        (20000, "平方公里"),
        (30000, "平方公里"),
    ]
    # without 分别 a bare number stays bare
    assert [unit for _, _, unit, _ in read("到2027年，编号1、2、3万平方公里。")] == ["平方公里"]


def test_the_fenbie_list_on_the_corpus_line():
    found = read(corpus_line("gov-work-report-2023", 112), 2023)
    assert {value for _, value, unit, _ in found if unit == "平方公里"} == {106000, 38000, 33000}


# ---------------------------------------------------------------- a level whose clause names no indicator


def test_a_level_takes_the_noun_the_change_verb_before_it_takes():
    # 下调缴费比例，各地可降至16%: the clause of the level names no indicator
    assert targets("今年提高城乡居民基础养老金最低标准，各地可提高到每月200元。", 2026) == [
        ("城乡居民基础养老金最低标准", 200, "元", None)
    ]
    assert targets("今年下调失业保险费率，各地可降至1%。", 2026) == [("失业保险费率", 1, "%", None)]
    # no change verb opening the clause before: nothing to name the level
    assert targets("今年加强社保基金监管，各地可降至16%。", 2026) == []
    line = corpus_line("gov-work-report-2019", 89)
    assert ("城镇职工基本养老保险单位缴费比例", 16, "%") in [row[:3] for row in read(line, 2019)]


# ---------------------------------------------------------------- numbers that describe a thing or a plan


def test_storeys_before_a_building_describe_it():
    assert targets("到2026年，保护修缮15幢历史建筑，更新改建沿街2层老建筑。") == [
        ("历史建筑", 15, "幢", None)
    ]
    found = read(corpus_line("shanghai-yangpu-heritage-3yr-action-plan-2024-2026", 83), 2024)
    assert [kind for _, _, unit, kind in found if unit == "层"] == ["figure"]


def test_the_area_of_a_plan_is_no_goal():
    # the plan's extent is no goal; the parcels to sell are (幅 counts parcels, as in 完成三幅安置房地块出让)
    assert targets("到2030年，加快形成2平方公里规划实施方案，完成土地出让5幅。") == [
        ("土地出让", 5, "幅", None)
    ]
    assert [value for _, value, _, _ in targets("到2030年，完成城中村改造2平方公里。")] == [2]


def test_bounds_for_a_case_a_rule_names_are_the_rule():
    text = "对于公共活动需求较大的地区，可划定开放空间，其配套建筑用地占比不超过8%，绿化面积比率不低于50%。"
    assert targets(text, 2025) == []
    assert [kind for *_, kind in read(corpus_line("shanghai-urban-renewal-planning-opinions-2025", 109))] == [
        "figure",
        "figure",
    ]
    assert len(targets("到2027年，绿化面积比率不低于50%。")) == 1


# ---------------------------------------------------------------- vague sizes and comparators


def test_a_guessed_magnitude_is_no_figure():
    # 数亿人就业创业: an order of magnitude; 上亿, 近千万 bound a figure and stay one
    assert [kind for *_, kind in read("过去一年，上亿市场主体承载着数亿人就业创业。", 2022)] == [
        "figure",
        "figure",
    ]
    assert [kind for *_, kind in read("去年惠及上千万家庭。", 2024)] == ["achieved"]


def test_zuoyou_after_a_value_held_in_place_is_the_comparator():
    assert targets("今年城镇调查失业率控制在5.5%左右。", 2026) == [("城镇调查失业率", 5.5, "%", "~")]
    assert targets("今年城镇调查失业率控制在5.5%以内。", 2026) == [("城镇调查失业率", 5.5, "%", "<=")]
    assert targets("今年城镇调查失业率控制在5.5%。", 2026) == [("城镇调查失业率", 5.5, "%", "<=")]


def test_a_modal_after_the_counted_noun_starts_its_predicate():
    # 使符合减税政策的约8000万纳税人应享尽享: 应 opens what the taxpayers do, they are what is counted
    found = read("使符合条件的约3000万纳税人应享尽享。", 2019)
    assert [(name, value, unit) for name, value, unit, _ in found] == [("纳税人", 3e7, "人")]
