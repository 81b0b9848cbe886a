"""Classes of extract errors, one test each: multi-year reviews, change verbs, baselines, shared values.

Every sentence is a shape written for the test (the corpus has others of the same shape), so a rule that
fitted one corpus sentence would fail here.
"""

from __future__ import annotations

import pytest

from policykit.targets import TargetContext, extract_targets, extract_text


def read(text: str, reference: int, **context) -> list[tuple]:
    found = extract_text(text, context=TargetContext(reference_year=reference, **context), include_all=True)
    return [(t.indicator, t.value, t.kind, t.year, t.since) for t in found]


# ---------------------------------------------------------------- 1. a review of several years


@pytest.mark.parametrize(
    ("text", "year", "expected"),
    [
        # a change over the review's five years carries them all (since … year)
        ("过去五年，全市单位产值能耗下降9.4%。", 2023, [("单位产值能耗", 9.4, "achieved", 2022, 2018)]),
        ("五年来，城镇新增就业年均86万人。", 2026, [("城镇新增就业年均", 860000, "achieved", 2025, 2021)]),
        # a level reached at the end of the review describes its last year only
        (
            "五年来，全省常住人口城镇化率提高到71.2%。",
            2026,
            [("常住人口城镇化率", 71.2, "achieved", 2025, None)],
        ),
        # the plan's own period: “十四五”时期 reviewed in a 2026 report
        ("“十四五”时期，全区二氧化碳排放下降16%。", 2026, [("二氧化碳排放", 16, "achieved", 2025, 2021)]),
        # a one-year review keeps one year
        ("过去一年，全市单位产值能耗下降3.1%。", 2023, [("单位产值能耗", 3.1, "achieved", 2022, None)]),
    ],
    ids=lambda value: str(value)[:14],
)
def test_a_figure_of_a_multi_year_review_carries_the_period(text, year, expected):
    assert [row[:5] for row in read(text, year, achieved=True)] == expected


def test_a_count_of_years_in_the_sentence_gives_its_own_span():
    # 十年增加 / 五年年均增长: the figure's own words name the span, whatever the review around it
    found = read("全市生产总值增加到2.1万亿元，五年年均增长6.1%，十年增加近1万亿元。", 2024, achieved=True)
    assert [(value, year, since) for _, value, _, year, since in found] == [
        (2.1e12, 2023, None),
        (6.1, 2023, 2019),
        (1e12, 2023, 2014),
    ]
    assert {name for name, *_ in found} == {"生产总值"}  # 年均 alone names nothing: the earlier noun


def test_a_span_of_years_is_no_part_of_the_indicator():
    ((name, value, _, year, since),) = read("全省农村居民人均可支配收入五年增长41.5%。", 2026, achieved=True)
    assert (name, value, year, since) == ("农村居民人均可支配收入", 41.5, 2025, 2021)


def test_the_review_runs_on_through_later_paragraphs_until_a_one_year_review():
    from policykit.pipeline import parse_text

    text = (
        "某省政府工作报告\n\n一、工作回顾\n\n"
        "过去一年，全省地区生产总值增长5.1%。\n\n"
        "各位代表！五年来，我们砥砺奋进。\n\n"
        "——发展质量明显提升。单位地区生产总值能耗累计下降14.2%，森林覆盖率提高到36.5%。\n\n"
        "——民生持续改善。城镇新增就业年均110万人。\n\n"
        "刚刚过去的2025年，全省粮食产量增长1.2%。\n"
    )
    found = [
        (t.value, t.year, t.since)
        for t in extract_targets(parse_text(text), include_all=True, year=2026)
        if t.kind == "achieved"
    ]
    assert found == [
        (5.1, 2025, None),
        (14.2, 2025, 2021),
        (36.5, 2025, None),
        (1.1e6, 2025, 2021),
        (1.2, 2025, None),
    ]


def test_a_multi_year_review_in_a_national_report_is_not_the_last_years_result(corpus_dir):
    # issue: the 2023 report's 过去五年 能耗下降8.1% was read as 2022's result and judged against 2022's target
    from policykit.pipeline import load_document

    document = load_document(corpus_dir / "gov-work-report-2023.txt")
    energy = [
        t
        for t in extract_targets(document, include_all=True)
        if t.kind == "achieved" and t.indicator.startswith("单位国内生产总值能耗") and t.value == 8.1
    ]
    assert energy and all((t.since, t.year) == (2018, 2022) for t in energy)


# ---------------------------------------------------------------- 2. a verb of change never names a figure


@pytest.mark.parametrize(
    ("text", "indicator"),
    [
        ("全省高速公路通车里程增至8600公里。", "高速公路通车里程"),
        ("国家级绿色工厂升至126家。", "国家级绿色工厂"),
        ("数字经济核心产业增加值占比达到12.5%。", "数字经济核心产业增加值占比"),
        ("城市生活垃圾回收利用率提高至45%。", "城市生活垃圾回收利用率"),
    ],
)
def test_a_change_verb_never_ends_the_indicator(text, indicator):
    ((name, *_),) = read(text, 2026, achieved=True)
    assert name == indicator


def test_both_ends_of_a_change_from_a_baseline_name_the_indicator():
    found = read(
        "高速铁路里程由1900公里增至2600公里，机场旅客吞吐量由3200万人次增至5100万人次。", 2026, achieved=True
    )
    assert [name for name, *_ in found] == ["高速铁路里程"] * 2 + ["机场旅客吞吐量"] * 2


# ---------------------------------------------------------------- 3. baselines and shared values


def test_a_baseline_takes_the_year_the_text_gives_it():
    found = read("到2027年，全市森林覆盖率从2022年的18.3%提高到20%。", 2024)
    assert found == [
        ("森林覆盖率", 18.3, "figure", 2022, None),
        ("森林覆盖率", 20, "target", 2027, None),
    ]


def test_a_baseline_without_a_year_has_none_not_the_deadline():
    found = read("到2027年，每千人口执业医师数从3.1人提高到3.5人。", 2024)
    assert [(kind, year) for _, _, kind, year, _ in found] == [("figure", None), ("target", 2027)]


def test_a_baseline_in_a_review_of_several_years_is_the_year_before_it():
    found = read("五年来，全省研发投入强度从2.3%提高到2.9%。", 2026, achieved=True)
    assert [(value, year) for _, value, _, year, _ in found] == [(2.3, 2020), (2.9, 2025)]


def test_a_baseline_before_a_bracketed_unit_is_still_a_baseline():
    found = read("推动结对帮扶从12个县（区）扩大到30个县（区）。", 2026, year=2026)
    assert [(value, kind) for _, value, kind, _, _ in found] == [(12, "figure"), (30, "target")]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("力争规上工业增加值、社会消费品零售总额均增长6%以上。", ["规上工业增加值", "社会消费品零售总额"]),
        (
            "到2027年，城市生活污水集中收集率和县城污水处理率都达到70%以上。",
            ["城市生活污水集中收集率", "县城污水处理率"],
        ),
        ("到2027年，林草覆盖度和湿地保护率均达60%以上。", ["林草覆盖度", "湿地保护率"]),
    ],
)
def test_one_value_shared_by_a_list_without_fenbie_is_each_names_target(text, names):
    found = extract_text(text, context=TargetContext(reference_year=2026))
    assert [t.indicator for t in found] == names
    assert len({(t.value, t.comparator, t.year) for t in found}) == 1


@pytest.mark.parametrize(
    "text",
    [
        "到2027年，钢铁、建材等重点行业能耗均下降5%。",  # 等 closes a list of examples: the kind is one indicator
        "到2027年，本科高校、高职院校均实现16个设区市全覆盖。",  # the count counts its own noun
    ],
)
def test_a_shared_value_needs_a_closed_list_and_a_value_that_ends_its_clause(text):
    found = extract_text(text, context=TargetContext(reference_year=2026))
    assert len(found) <= 1


# ---------------------------------------------------------------- 4. classes found reading a sample of the corpus


def test_a_per_capita_prefix_begins_the_indicator():
    # 每万人口…: jieba splits 每/万, and the numeral used to end the phrase before the noun
    found = read("每十万人口高技能人才数从120人提高到160人。", 2026, achieved=True)
    assert [name for name, _, kind, *_ in found if kind == "achieved"] == ["每十万人口高技能人才数"] * 2


def test_a_year_a_span_starts_from_is_not_the_year_described():
    # 2013年以来…去年纳税: the figure is the year before the report's, and a total since 2013
    ((_, _, kind, year, _),) = read("2016年以来新设的科技型企业去年纳税达到800亿元。", 2022, achieved=True)
    assert (kind, year) == ("achieved", 2021)
    ((_, _, _, year, since),) = read("2018年以来累计新增就业岗位95万个。", 2024, achieved=True)
    assert (year, since) == (2023, 2018)


def test_a_compound_task_verb_gives_a_count_no_direction():
    (target,) = extract_text("到2027年，改造提升30个农贸市场。", context=TargetContext(reference_year=2026))
    assert (target.indicator, target.direction) == ("农贸市场", None)


def test_a_place_word_is_not_the_indicator():
    found = extract_text(
        "到2027年，实现区内1200公里道路5G信号连续覆盖。", context=TargetContext(reference_year=2026)
    )
    assert all(t.indicator != "区内" for t in found)


def test_a_size_class_qualifies_the_noun_after_it():
    found = read("建成国内首台18兆瓦级海上风电机组。", 2026, achieved=True)
    assert [kind for _, _, kind, _, _ in found] == ["figure"]


def test_a_change_measured_from_a_past_year_covers_the_years_since():
    # 比2020年下降14% in a 2026 report: a change over 2021-2025, and 比2020年 is no deadline for a 分别 list
    found = read("全省单位地区生产总值能耗、二氧化碳排放比2020年分别下降14.5%、17.2%。", 2026, achieved=True)
    assert [(name, year, since) for name, _, _, year, since in found] == [
        ("单位地区生产总值能耗", 2025, 2021),
        ("二氧化碳排放", 2025, 2021),
    ]


def test_what_a_change_is_compared_with_is_no_part_of_the_indicator():
    # 较“十三五”末: a baseline plan, not the year described nor the name; PM2.5 is one word
    ((name, _, _, year, _),) = read("全市PM2.5年均浓度较“十三五”末改善12.4%。", 2026, achieved=True)
    assert (name, year) == ("PM2.5年均浓度", 2025)


def test_a_clause_after_a_count_is_not_what_it_counts():
    # 3897个并有序向…开放: 并 opens a new verb phrase; the noun is before the count
    ((name, *_),) = read("全市建成社区食堂1260个并逐步向周边居民开放。", 2026, achieved=True)
    assert name == "社区食堂"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("全市建成党群服务中心（站）1.2万个。", "党群服务中心（站）"),
        ("42个乡（镇）完成国土空间规划编制。", "乡（镇）"),
    ],
)
def test_a_short_bracket_is_part_of_the_noun(text, name):
    # 中心（所、站）2.8万个 / 57个县（市）: the bracket gives the noun's alternatives, it ends no segment
    ((found, *_),) = read(text, 2026, achieved=True)
    assert found == name


def test_the_kind_after_a_short_list_is_cut_before_what_is_done_for_it():
    # 为超N名视力、听力等残疾儿童免费提供…、…等服务: the first short list's kind, up to its verb
    text = "为超5000名视力、听力、言语等残疾儿童免费提供辅助器具适配、康复训练等服务。"
    (target,) = extract_text(text, context=TargetContext(reference_year=2026, year=2026))
    assert (target.indicator, target.value) == ("残疾儿童", 5000)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("实施万名青年人才入乡计划。", 0),  # a round magnitude that names a programme
        ("到2027年，培训万名高素质农民。", 1),  # the same magnitude counting people is a goal
        ("到2027年，引进万名工程师。", 1),  # 工程 begins 工程师 here: no programme
    ],
)
def test_a_bare_magnitude_before_a_programme_word_is_part_of_its_name(text, kept):
    assert len(extract_text(text, context=TargetContext(reference_year=2026))) == kept


def test_a_five_year_plans_average_goal_carries_the_plans_years():
    # “十五五”…年均增长5%: a goal over 2026-2030, so track pairs it with the five-year result, not 2030's
    text = "“十五五”时期主要目标是：到2030年，全市地区生产总值年均增长5.5%左右，城镇新增就业每年30万人。"
    found = extract_text(text, context=TargetContext(reference_year=2026))
    assert [(t.value, t.year, t.since) for t in found] == [(5.5, 2030, 2026), (300000, 2030, 2026)]
    (one_year,) = extract_text(
        "今年全市地区生产总值增长5.5%左右。", context=TargetContext(reference_year=2026)
    )
    assert one_year.since is None


def test_a_count_that_exists_and_a_task_answers_is_a_fact():
    # 我国有2.9亿在校学生，要…: like 超过N，要…, the premise of a task, not a goal
    assert (
        extract_text(
            "全市有18万名随迁子女，要保障其平等接受义务教育。", context=TargetContext(reference_year=2026)
        )
        == []
    )


def test_jun_after_a_list_closed_by_deng_is_no_part_of_the_indicator():
    (target,) = extract_text(
        "到2027年，钢铁、建材等行业能耗强度均下降8%。", context=TargetContext(reference_year=2026)
    )
    assert not target.indicator.endswith("均")


def test_a_heading_saying_results_were_already_achieved_opens_a_review():
    from policykit.pipeline import parse_text

    text = (
        "某省扩大内需规划纲要（2025－2030年）\n\n一、发展背景\n\n（一）我省扩大内需已取得明显成效\n\n"
        "全省社会消费品零售总额超过3万亿元。\n\n二、主要目标\n\n到2030年，社会消费品零售总额达到4万亿元。\n"
    )
    every = extract_targets(parse_text(text), include_all=True, year=2025)
    assert [(t.value, t.kind) for t in every] == [(3e12, "achieved"), (4e12, "target")]


def test_an_amount_in_a_chain_of_descriptions_qualifies_the_counted_noun():
    # 年产值超100亿元、具备较强国际竞争力的龙头企业2家: the amount describes the firms; the count is the goal
    text = "到2027年，培育营业收入超50亿元、具有行业话语权的链主企业3家。"
    (target,) = extract_text(text, context=TargetContext(reference_year=2025))
    assert (target.value, target.unit, target.year) == (3, "家", 2027)


def test_a_fenbie_list_whose_names_hold_he_splits_at_the_dun():
    # 信息传输软件和信息技术服务业、租赁和商务服务业…分别增长: two names, two values; 和 is inside each name
    text = "到2027年，批发和零售业、住宿和餐饮业增加值分别增长6%、8%。"
    found = extract_text(text, context=TargetContext(reference_year=2026))
    # both share the last name's noun of amount (增加值), as the sentence means
    assert [(t.indicator, t.value) for t in found] == [("批发和零售业增加值", 6), ("住宿和餐饮业增加值", 8)]


def test_a_streak_is_not_an_amount():
    # 连续10次获评国家A级: how often, never a figure to reach or report
    found = read("全市安全生产考核连续6次获评优秀等次。", 2026, achieved=True)
    assert found and all(kind == "figure" for _, _, kind, _, _ in found)


def test_the_people_a_measure_reaches_are_named_by_the_measure():
    # 发放一次性生活补助，惠及1100多万人: 惠及 alone names nothing; the measure before it does
    ((name, value, *_),) = read("向困难职工发放一次性临时补贴，惠及320万人。", 2026, achieved=True)
    assert (name, value) == ("一次性临时补贴惠及", 3.2e6)


def test_an_adjective_built_on_one_is_no_numeral():
    # 一次性, 一体化, 一站式: the 一 begins a word, it does not end the phrase before the noun
    found = extract_text("到2027年，建成一站式政务服务中心20个。", context=TargetContext(reference_year=2026))
    assert [t.indicator for t in found] == ["一站式政务服务中心"]


def test_two_counts_joined_by_a_description_are_two_goals():
    # the amount-describes-the-count rule must not take a count for a description of the next count
    text = "到2027年，引育3家以上具有核心技术的龙头企业、8家以上配套企业。"
    found = extract_text(text, context=TargetContext(reference_year=2025))
    assert [t.value for t in found] == [3, 8]
