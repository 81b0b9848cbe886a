"""Classes of error found by reading real sector 专项规划 and 实施方案 nobody tuned for, blind, for `extract`: two
district 水务 plans (十四五 and 十五五) whose 主要指标 tables are flattened one cell per paragraph, a city 水务 十三五
plan, two district heritage / renewal 十四五 plans, a sponge-city plan with a year-by-year table, a granary-PV plan
and a one-year 营商环境 plan. Each test is the smallest invented reproduction of one class; none copies the real text.

Blind scores before any fix (hand-scored against expectations written from the text first, /tmp/blind13):
152 targets expected, 109 found, 43 missed, 12 false; 54 wrong fields on the found rows (indicator 37, year 16,
unit 1). 37 of the misses are two flattened 主要指标 tables.

After the targets fixes here (same documents, so no longer unseen): 151 found, 1 missed, 4 false; 22 wrong fields
(indicator 19, year 2, unit 1), most of them classes still marked xfail below. Each test failed on the code before
its class was fixed; the ones marked "unchanged" guard what must not move.
"""

from __future__ import annotations

import pytest

from tests.findings import figures, targets


def cells(*lines: str) -> str:
    """A table flattened one cell per paragraph, as scraped pages give it."""
    return "\n\n".join(lines) + "\n"


_PLAN = "某区水务“十四五”规划\n\n二、主要任务\n\n"


def _rows(found) -> list[tuple]:
    return [(f.indicator, f.value, f.unit, f.comparator, f.year) for f in found]


# ---------------------------------------------------------------- flattened indicator tables


_MIDDLE_PROPERTY = (
    "某县水利“十四五”规划\n\n一、发展目标\n\n（一）主要指标\n\n"
    + cells(
        "序号",
        "指标名称",
        "指标\n属性",
        "基准值\n（2020年）",
        "目标值\n（2025年）",
        "目标值\n（2035年）",
        "1",
        "堤防达标率",
        "预期性",
        "40％",
        "≥70％",
        "100％",
        "2",
        "水域面积",
        "约束性",
        "10.5\n平方公里",
        "11.2\n平方公里",
        "12.5\n平方公里",
        "3",
        "管网漏损率",
        "预期性",
        "12％",
        "≤9％",
        "≤7％",
    )
    + "\n二、主要任务\n\n（一）建设堤防\n\n“十四五”期间，新建堤防20公里。\n"
)


def test_a_property_column_before_base_and_target_columns_is_read():
    found = _rows(targets(_MIDDLE_PROPERTY))
    assert ("堤防达标率", 70, "%", ">=", 2025) in found
    assert ("堤防达标率", 100, "%", None, 2035) in found
    assert ("水域面积", 11.2, "平方公里", None, 2025) in found
    assert ("管网漏损率", 9, "%", "<=", 2025) in found
    # the 基准值 column is no target
    assert not [f for f in found if f[1] in (40, 10.5, 12)]


_GROUPED_PROPERTY = (
    "某区水务“十五五”规划\n\n三、发展目标\n\n（四）主要指标\n\n"
    + cells(
        "序号",
        "类别",
        "指标名称",
        "指标属性",
        "现状值(2025年）",
        "目标值(2030年）",
        "1",
        "水安全",
        "雨水排水达标面积占比",
        "预期性",
        "70.5%",
        "完成市级考核要求",
        "2",
        "易积水点消除比例",
        "预期性",
        "100%",
        "100%",
        "3",
        "水生态",
        "美丽河湖建成率",
        "预期性",
        "—",
        "65%",
        "4",
        "河湖水面率",
        "约束性",
        "3.5%",
        "3.7%",
    )
    + "\n四、主要任务\n\n（一）排水\n\n推进排水系统建设。\n"
)


def test_a_grouped_table_headed_by_its_property_column_is_read():
    found = _rows(targets(_GROUPED_PROPERTY))
    assert found == [
        ("易积水点消除比例", 100, "%", None, 2030),
        ("美丽河湖建成率", 65, "%", None, 2030),
        ("河湖水面率", 3.7, "%", None, 2030),
    ]


def test_a_review_table_with_an_assessment_column_gives_no_targets():
    # unchanged: 目标值 / 现状值 / 进展评价 of the plan before, in its review section, are no goals of this plan
    text = "某区水务“十五五”规划\n\n一、发展现状\n\n“十四五”指标完成情况\n\n" + cells(
        "指标名称\n指标属性",
        "目标值（2025年）",
        "现状值(2025年）",
        "进展评价",
        "河湖水面率",
        "约束性",
        "3.5%",
        "3.6%",
        "已完成",
        "堤防达标率",
        "预期性",
        "80%",
        "85%",
        "已完成",
    )
    assert targets(text) == []


def test_a_table_whose_value_comes_before_its_property_is_read_as_before():
    # unchanged: 序号 / 指标 / 预期值 / 属性 rows (the value cell before the 属性 cell)
    text = "某县安全生产规划\n\n一、主要指标\n\n" + cells(
        "序号",
        "指标",
        "预期值",
        "属性",
        "1",
        "生产安全事故死亡人数",
        "下降15%",
        "约束性",
        "2",
        "道路运输事故死亡人数",
        "下降10%",
        "预期性",
    )
    assert [(f.indicator, f.value, f.direction) for f in targets(text)] == [
        ("生产安全事故死亡人数", 15, "decrease"),
        ("道路运输事故死亡人数", 10, "decrease"),
    ]


def test_a_name_broken_before_its_note_is_one_indicator():
    text = "某县供水“十四五”规划\n\n一、主要指标\n\n" + cells(
        "序号",
        "指标名称",
        "指标属性",
        "基准值（2020年）",
        "目标值（2025年）",
        "1",
        "供水水质综合合格率\n（国标）",
        "约束性",
        "≥95％",
        "≥99％",
    )
    assert _rows(targets(text)) == [("供水水质综合合格率（国标）", 99, "%", ">=", 2025)]


_UNIT_COLUMN = "某区风貌保护“十四五”规划\n\n附件1：\n\n“十四五”时期规划指标\n\n" + cells(
    "序号",
    "类型",
    "指标名称",
    "指标单位",
    "2025年目标值",
    "属性",
    "1",
    "保护修缮",
    "历史建筑修缮建筑面积",
    "万平方米",
    "20",
    "约束性",
    "2",
    "红色文化",
    "红色旧址修缮改造",
    "处",
    "6",
    "预期性",
    "3",
    "受益户数",
    "万户",
    ">1.5",
    "约束性",
)


def test_a_unit_column_headed_zhibiao_danwei_is_no_indicator():
    found = _rows(targets(_UNIT_COLUMN))
    assert found == [
        ("历史建筑修缮建筑面积", 200000, "平方米", None, 2025),
        ("红色旧址修缮改造", 6, "处", None, 2025),
        ("受益户数", 15000, "户", ">", 2025),
    ]


def test_a_unit_column_in_an_ungrouped_table_still_names_by_the_cells_before_it():
    # unchanged: 指标 | 单位 | 2025年 | 属性 with no 类型 column, the unit in its own cell
    text = "某县规划\n\n附件\n\n" + cells(
        "序号",
        "指标",
        "单位",
        "2025年",
        "属性",
        "1",
        "新增公园",
        "个",
        "12",
        "预期性",
        "2",
        "新建绿道",
        "公里",
        "40",
        "预期性",
    )
    assert _rows(targets(text)) == [("新增公园", 12, "个", None, 2025), ("新建绿道", 40, "公里", None, 2025)]


_YEAR_ROWS = (
    "某区海绵城市实施方案\n\n某区人民政府办公室\n\n2024年10月10日\n\n一、工作目标\n\n表1 达标评估推进计划表\n\n"
    + cells(
        "年份",
        "达标区域",
        "达标区域面积\n（平方公里）",
        "达标区域\n总面积占比",
        "片区",
        "总计",
        "2020年-2023年",
        "中心城区、北部片区",
        "18.50",
        "18.50",
        "20%",
        "2024年",
        "东湖片区",
        "3.20",
        "26.80",
        "29%",
        "西园二期",
        "5.10",
        "2025年",
        "南苑",
        "2.00",
        "28.80",
        "31%",
    )
)


def test_a_table_of_one_row_a_year_dates_each_row_by_its_year():
    found = targets(_YEAR_ROWS)
    totals = sorted((f.year, f.value, f.unit) for f in found if f.unit == "%" or f.value in (26.8, 28.8))
    assert totals == [(2024, 26.8, "平方公里"), (2024, 29, "%"), (2025, 28.8, "平方公里"), (2025, 31, "%")]
    assert not [f for f in found if f.value in (18.5, 20)]  # 2020年-2023年: done, no target


def test_a_year_row_whose_label_is_broken_over_two_lines_is_still_dated():
    text = _YEAR_ROWS.replace("中心城区、北部片区", "中心城区、\n北部片区")  # the label cell broken in two
    found = targets(text)
    assert sorted(f.year for f in found if f.unit == "%") == [2024, 2025]
    assert not [f for f in found if f.value in (18.5, 20)]


def test_an_allocation_table_by_district_is_read_as_before():
    # unchanged: a first column of places (区), not 年份, keeps the year of each column
    text = "某市光伏方案\n\n附表1 各区光伏装机分解表（单位：兆瓦）\n\n" + cells(
        "区", "2025年", "2026年", "甲区", "12", "15"
    )
    assert [(f.value, f.year) for f in targets(text)] == [(12000, 2025), (15000, 2026)]


@pytest.mark.xfail(
    strict=True,
    reason="targets/: a two-level header flattened (达标区域面积（平方公里） over 片区 / 总计, then 总面积占比) names the "
    "value columns in the wrong order (the 片区 cell called 总面积占比)",
)
def test_a_table_of_one_row_a_year_names_its_columns_in_order():
    found = {f.value: f.indicator for f in targets(_YEAR_ROWS)}
    assert "占比" in found[29] and "总计" in found[26.8] and "片区" in found[3.2]


# ---------------------------------------------------------------- plan sentences


def test_a_base_before_a_comma_and_tigao_zhi_is_no_target():
    found = targets(_PLAN + "推进污水厂归并扩容，城镇污水处理能力由8万吨/天，提高至15万吨/天。")
    assert [(f.value, f.unit) for f in found] == [(150000, "吨/天")]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("示范县数量从50个，扩大到80个。", [(80, "个")]),
        ("污水处理率由90%，提高至99%。", [(99, "%")]),
        # unchanged: an amount then a comma then a change of something else is no base
        ("区财政每年安排专项资金300万元，提高补助标准。", [(3000000, "元")]),
    ],
)
def test_a_base_then_a_comma_then_its_new_level(sentence, expected):
    assert [(f.value, f.unit) for f in targets(_PLAN + sentence)] == expected


@pytest.mark.parametrize(
    ("sentence", "value", "word"),
    [
        (
            "一批重点项目加快实施，启动20万平方米居住类历史建筑全项目修缮，受益居民超过1万户。",
            200000,
            "历史建筑",
        ),
        ("持续推进35个（受益面积12万亩）低洼圩区达标改造建设。", 35, "低洼圩区"),
        ("尽早实现沿线12个排水系统提高到3年一遇排水标准。", 12, "排水系统"),
        ("“十四五”期间，推进8个老旧小区加装电梯。", 8, "老旧小区"),
    ],
)
def test_a_quantity_after_a_task_verb_is_a_target_named_by_its_noun(sentence, value, word):
    found = [f for f in targets(_PLAN + sentence) if f.value == value]
    assert len(found) == 1 and word in found[0].indicator


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # unchanged: 从/由 opens the base, so the first count is still the base of the change
        ("将试点县从5个县扩大到8个县。", [8]),
        ("示范街镇由12个增加到20个。", [20]),
    ],
)
def test_a_count_opened_by_cong_is_still_a_base(sentence, expected):
    assert [f.value for f in targets(_PLAN + sentence)] == expected


def test_the_scope_of_a_task_before_de_is_a_target():
    found = targets(_PLAN + "到规划期末实施中心城区5000万平方米住宅建筑面积的二次供水设施改造。")
    assert [f.value for f in found] == [50000000]


def test_a_place_before_the_quantity_does_not_name_the_target():
    found = targets(_PLAN + "实施甲岛30公里原水管线复线项目，建设15公里北部供水管网联通工程。")
    assert ["原水管线" in f.indicator for f in found] == [True, False]
    assert "供水管网" in found[1].indicator


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        ("三堤：建设两岛60公里大堤。", "大堤"),
        ("加快乙镇24公里污水管工程建设。", "污水管"),
        # unchanged: an amount that ends its clause keeps the place-like noun before it
        ("改造老旧小区100万平方米。", "老旧小区"),
    ],
)
def test_a_place_before_an_amount_and_the_noun_after_it(sentence, word):
    found = targets(_PLAN + sentence)
    assert len(found) == 1 and word in found[0].indicator


@pytest.mark.xfail(
    strict=True,
    reason="targets/: an inventory sentence (根据…规划，本区骨干河道42条段，其中…) is read as targets (the part named "
    "in brackets, 含…1座, is fixed)",
)
def test_an_inventory_and_a_bracketed_part_are_no_targets():
    found = targets(
        _PLAN + "根据本区河湖水系规划，本区骨干河道42条段，其中主干河道12条段，次干河道30条段。"
        "“十四五”期间，共整治河道90公里。完成乙岛3座水闸的续建，实现7座水闸（含东滩二期水闸1座）全部达到规划规模。"
    )
    assert [f.value for f in found] == [90, 3, 7]


def test_eligibility_conditions_under_a_conditions_heading_are_no_targets():
    plan = (
        "某市屋顶光伏实施方案\n\n一、工作目标\n\n到2027年，屋顶光伏装机容量2万千瓦以上。\n\n二、项目实施条件\n\n"
        "具备以下条件的库区，均应积极实施光伏发电项目建设。\n\n1.单个库区可利用屋面总面积2000平方米以上；\n\n"
        "2.仓房屋顶荷载应达到0.3千牛每平方米以上，使用寿命应在15年以上；\n"
    )
    assert [f.value for f in targets(plan)] == [20000]
    assert 2000 in [f.value for f in figures(plan) if f.kind == "figure"]


def test_bounds_under_a_heading_of_measures_are_still_targets():
    # unchanged: 保障措施 is no heading of conditions
    plan = "某市公园建设方案\n\n一、工作目标\n\n到2027年，新增公园10个以上。\n\n二、保障措施\n\n1.新建绿道50公里以上。\n"
    assert [f.value for f in targets(plan)] == [10, 50]


@pytest.mark.xfail(
    strict=True,
    reason="targets/: a 以上 bound on an attribute naming whom a task is for (抓好月用水量3万立方米以上重点监管工业企业…) "
    "is read as a target",
)
def test_whom_a_task_is_for_is_no_target():
    plan = "某区水务规划\n\n一、主要任务\n\n推进工业节水工作，抓好月用水量3万立方米以上重点监管工业企业的对标和节水技术改造。\n"
    assert targets(plan) == []


def test_what_a_measure_is_fitted_to_is_no_target():
    assert targets(_PLAN + "针对范围内5个相对集中的老旧居住片区的不同特点，采取不同的微更新策略。") == []


def test_what_a_measure_is_fitted_to_is_no_target_in_a_plan_either():
    text = "某区城市更新规划\n\n一、主要任务\n\n针对全区3类重点区域的功能定位，分类推进更新。\n"
    assert targets(text) == []


def test_a_count_after_zhendui_with_no_de_is_unchanged():
    # unchanged: 针对5个重点片区，…: no 的 after the count, so nothing says it is what the measure is fitted to
    assert [f.value for f in targets(_PLAN + "针对5个重点片区，到2025年建成示范街区3个。")] == [5, 3]


@pytest.mark.xfail(
    strict=True,
    reason="targets/: 在2021年完成… in a plan signed in 2022 is dated by the plan's end (2025), not by its year",
)
def test_a_year_after_zai_dates_its_target():
    text = (
        "某区城市更新“十四五”规划\n\n四、主要任务\n\n继续开展宜居型小区建设。在2021年完成4个以上老旧住宅小区宜居型"
        "创建工作，2022年完成3个以上宜居型小区创建。\n\n某区人民政府\n\n2022年3月10日\n"
    )
    assert [(f.value, f.year) for f in targets(text)] == [(4, 2021), (3, 2022)]


_PROGRESS = (
    "某区海绵城市实施方案\n\n一、工作目标\n\n“十四五”达标计划：自2020年开展达标评估以来，新城中心区、北部片区"
    "共计18.5平方公里已完成海绵城市达标评估。计划2024年推进东湖片区（3.2平方公里）、西园二期（5.1平方公里），"
    "共计8.3平方公里海绵城市建设达标评估。\n"
)


@pytest.mark.parametrize(
    ("text", "done"),
    [
        (_PROGRESS, 18.5),
        ("某区绿道规划\n\n一、发展目标\n\n全区绿道共计80公里已建成开放，到2025年，绿道达到150公里。\n", 80),
    ],
)
def test_an_amount_followed_by_yi_wancheng_is_done_even_in_a_goal_section(text, done):
    assert done not in [f.value for f in targets(text)]
    assert done in [f.value for f in figures(text) if f.kind == "achieved"]


def test_yi_before_the_amount_in_a_goal_still_sets_the_goal():
    # unchanged: 已建成 before the amount names what is counted (到2025年，已建成公园达到30个)
    found = targets("某区公园规划\n\n一、发展目标\n\n到2025年，已建成公园达到30个。\n")
    assert [f.value for f in found] == [30]


@pytest.mark.xfail(
    strict=True,
    reason="targets/: 计划2024年推进…（…），共计N… leaves N with no year: the year of the clause before is not carried "
    "into the total",
)
def test_a_planned_year_dates_the_total_after_it():
    assert [f.year for f in targets(_PROGRESS) if f.value == 8.3] == [2024]


def test_a_second_target_after_a_comma_names_its_own_noun():
    found = targets(_PLAN + "社会组织参与渠道更为通畅，引进和培育相关社会组织4个以上，新增文物保护员60余人。")
    assert [("文物保护员" in f.indicator) for f in found] == [False, True]


@pytest.mark.parametrize(
    ("sentence", "noun"),
    [("到2025年，新增文物保护员60人。", "文物保护员"), ("到2025年，培育社区规划师30名。", "社区规划师")],
)
def test_a_noun_ending_in_a_one_character_suffix_names_its_target(sentence, noun):
    found = targets(_PLAN + sentence)
    assert len(found) == 1 and noun in found[0].indicator


def test_a_hedge_is_no_part_of_the_indicator():
    found = targets(_PLAN + "改造的厂房屋顶光伏覆盖率原则上不低于25%。")
    assert [(f.indicator, f.comparator) for f in found] == [("厂房屋顶光伏覆盖率", ">=")]


def test_a_hedge_in_a_rule_still_makes_a_rule():
    # unchanged: with no goal section or deadline, 原则上不超过 sets a rule
    assert targets("某市就业补贴办法\n\n第五条 补贴期限原则上不超过3年。\n") == []


def test_a_share_before_its_noun_names_what_reaches_the_standard():
    found = targets(_PLAN + "到“十五五”末，70%以上城市建成区达到海绵城市建设要求。")
    assert len(found) == 1 and "海绵城市" in found[0].indicator


def test_a_share_before_its_noun_keeps_a_plain_noun_otherwise():
    # unchanged: no 达到/符合 after the noun, so the noun alone names the share (blind10a: 建成区…面积 stays too)
    found = targets(_PLAN + "到2025年，90%以上行政村实现生活垃圾分类。")
    assert [f.indicator for f in found] == ["行政村"]


@pytest.mark.xfail(
    strict=True,
    reason="targets/: in a one-year plan, …资金2项纳入“免申即享” (a count of items brought into a scheme) is a "
    "figure, not a target",
)
def test_a_count_brought_into_a_scheme_is_a_target():
    text = (
        "某市交通营商环境行动方案（2026年）\n\n二、深化政务服务改革\n\n8.完善惠企政策全流程服务。持续优化惠企政策"
        "全流程服务。推进调整优化集疏运结构项目资金、多式联运发展项目资金2项纳入“免申即享”。\n"
    )
    assert [(f.value, f.unit, f.year) for f in targets(text)] == [(2, "项", 2026)]


# ---------------------------------------------------------------- normalise and structure (blind14's code)


def test_latin_unit_symbols_are_units():
    # in the base units of data/units.yaml, as 千米 and ㎢ already were: 公里, 平方公里, 立方米
    found = targets(_PLAN + "到2030年，滨水空间达到30km，海绵城市达标面积达到25km2，万元GDP用水量降至6m3。")
    assert [(f.value, f.unit) for f in found] == [(30, "公里"), (25, "平方公里"), (6, "立方米")]


def test_latin_letters_after_a_number_that_are_no_unit_stay_so():
    found = targets(_PLAN + "到2030年，建成5G基站2000个，PM2.5年均浓度降至30微克/立方米。")
    assert [(f.value, f.unit) for f in found] == [(2000, "个"), (30, "微克/立方米")]


def test_a_flow_per_second_keeps_its_unit():
    found = targets(_PLAN + "新增市政雨水泵排能力600立方米/秒。")
    assert [(f.value, f.unit) for f in found] == [(600, "立方米/秒")]


def test_a_skipped_top_level_numeral_still_starts_a_section():
    text = "某区水务“十四五”规划\n\n一、“十三五”工作回顾\n\n建成海塘100公里。\n\n三、“十四五”发展目标\n\n“十四五”期间，新建海塘50公里。\n"
    assert [(f.value, f.kind) for f in figures(text) if f.value in (100, 50)] == [
        (100, "achieved"),
        (50, "target"),
    ]
