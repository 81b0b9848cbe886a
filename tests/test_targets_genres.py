"""Classes of errors met on the held-out genre passages (tests/gold/targets/genres), each stated with sentences
written in the style of real plans and reports, never copied from the passages or from the tool's output."""

from __future__ import annotations

from pathlib import Path

import pytest
from bench.eval import GENRES_DIR, gold_files, is_genre_gold, load_gold

from policykit.pipeline import load_document
from policykit.targets import TargetContext, extract_targets, extract_text


def read_file(tmp_path: Path, text: str, *, include_all: bool = False) -> list[tuple]:
    """Every target (or with include_all every figure) of a document written to a .txt file."""
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    found = extract_targets(load_document(path), include_all=include_all)
    return [(t.indicator, t.value, t.unit, t.comparator, t.year, t.kind) for t in found]


def targets(text: str, year: int | None = None) -> list[tuple]:
    """The targets of a text: (indicator, value, unit, comparator, year)."""
    found = extract_text(text, context=TargetContext(reference_year=year))
    return [(t.indicator, t.value, t.unit, t.comparator, t.year) for t in found]


def test_every_genre_gold_loads_and_names_its_passage():
    paths = sorted(GENRES_DIR.glob("*.yaml"))
    assert len(paths) >= 15
    for path in paths:
        gold = load_gold(path)
        assert is_genre_gold(path) and gold.document.is_file(), path.name
        assert gold.document.parent == GENRES_DIR and gold.document.stem == path.stem, path.name
        for item in gold.targets + gold.optional + (gold.achieved or ()):
            assert item.indicator and isinstance(item.unit, str), (path.name, item)
            assert item.year is None or 1949 < item.year < 2100, (path.name, item)
    assert sum(len(load_gold(p).targets) for p in paths) >= 150


def test_the_default_run_scores_the_genres_before_the_real_files():
    paths = gold_files([])
    genres = [p for p in paths if is_genre_gold(p)]
    assert genres and all(paths.index(p) < len(paths) - 4 for p in genres)


# ---------------------------------------------------------------- indicator tables with 属性 as the last column

TAB_TABLE = "\n".join(
    [
        "某区“十四五”生态环境保护规划",
        "",
        "专栏1  主要指标",
        "",
        "序号\t指标\t单位\t2020年\t2025年\t属性",
        "1\t空气质量优良天数比率\t%\t80.5\t>85\t约束性",
        "2\t森林蓄积量\t万立方米\t210\t260\t预期性",
        "3\t城乡居民收入比\t—\t2.3\t2.1\t预期性",
        "",
        "一、主要任务",
        "",
        "到2025年，新建口袋公园20个。",
    ]
)


def test_a_table_whose_property_column_comes_last_gives_a_target_per_row(tmp_path):
    found = read_file(tmp_path, TAB_TABLE)
    assert ("空气质量优良天数比率", 85, "%", ">", 2025, "target") in found
    assert ("森林蓄积量", 2600000, "立方米", None, 2025, "target") in found
    assert not any(f[0] == "城乡居民收入比" for f in found)  # a ratio with no unit is no quantity


def test_the_earlier_year_column_of_such_a_table_is_achieved(tmp_path):
    found = read_file(tmp_path, TAB_TABLE, include_all=True)
    assert ("空气质量优良天数比率", 80.5, "%", None, 2020, "achieved") in found
    assert ("森林蓄积量", 2100000, "立方米", None, 2020, "achieved") in found


def test_one_cell_a_line_with_the_unit_joined_to_the_indicator(tmp_path):
    lines = [
        "某市“十四五”养老服务规划",
        "",
        "专栏2  主要指标",
        "序号",
        "指标",
        "单位",
        "2020年",
        "2025年",
        "属性",
    ]
    lines += [
        "1",
        "养老机构护理型床位占比",
        "%",
        "45",
        "≥55",
        "约束性",
        "2",
        "社区养老服务设施",
        "个",
        "120",
        "200",
    ]
    lines += ["预期性"]
    found = read_file(tmp_path, "\n".join(lines))
    assert ("养老机构护理型床位占比", 55, "%", ">=", 2025, "target") in found
    assert ("社区养老服务设施", 200, "个", None, 2025, "target") in found


def test_bar_joined_rows_after_a_bar_joined_header_are_one_table(tmp_path):
    text = "\n".join(
        [
            "某市“十四五”口岸发展规划",
            "",
            "表1  主要指标",
            "",
            "指标 | 单位 | 2020年 | 2025年 | 年均增长 | 属性",
            "口岸货运量 | 万吨 | 1500 | 2100 | 7% | 预期性",
            "国际航线 | 条 | 12 | 20 | — | 预期性",
        ]
    )
    found = read_file(tmp_path, text, include_all=True)
    assert ("口岸货运量", 21000000, "吨", None, 2025, "target") in found
    assert ("国际航线", 20, "条", None, 2025, "target") in found
    assert ("国际航线", 12, "条", None, 2020, "achieved") in found
    assert not [f for f in found if f[1] == 7 and f[5] != "figure"]  # 年均增长 restates the change


# ---------------------------------------------------------------- traditional script (a Hong Kong or Macao copy)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("到2025年，高速公路通車里程達到1.2萬公里。", ("高速公路通车里程", 12000, "公里", None, 2025)),
        ("到2025年，城鎮新增就業不低於80萬人。", ("城镇新增就业", 800000, "人", ">=", 2025)),
        ("到2025年，城鎮調查失業率控制在5.5%以內。", ("城镇调查失业率", 5.5, "%", "<=", 2025)),
        ("到2027年，地區生產總值達到1.5萬億元左右。", ("地区生产总值", 1.5e12, "元", "~", 2027)),
    ],
)
def test_a_traditional_copy_reads_as_the_simplified_text(text, expected):
    assert targets(text) == [expected]


def test_a_traditional_change_in_points_keeps_its_unit():
    (found,) = extract_text("到2025年，常住人口城鎮化率提高3個百分點。")
    assert (found.value, found.unit, found.direction, found.year) == (3, "百分点", "increase", 2025)


def test_the_fold_keeps_every_offset_and_leaves_simplified_text_alone():
    from policykit.zh.traditional import fold_traditional

    text = "大灣區經濟總量突破14萬億元"
    assert len(fold_traditional(text)) == len(text)
    simplified = "到2025年，粮食产量稳定在1.3万亿斤以上，于2024年底前完成。"
    assert fold_traditional(simplified) == simplified


def test_a_traditional_document_gets_its_title_period_read(tmp_path):
    text = "\n".join(
        [
            "某市推進數字經濟發展三年行動計劃（2024—2026年）",
            "",
            "一、主要目標",
            "",
            "數字經濟核心產業增加值佔地區生產總值比重達到12%，新建5G基站1.5萬個。",
        ]
    )
    found = read_file(tmp_path, text)
    assert ("数字经济核心产业增加值占地区生产总值比重", 12, "%", None, 2026, "target") in found
    assert ("5G基站", 15000, "个", None, 2026, "target") in found  # the plan's end, from its folded title


# ---------------------------------------------------------------- plans written in Chinese numerals


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("到二〇二五年，城市污水集中收集率达到百分之百。", ("城市污水集中收集率", 100, "%", None, 2025)),
        ("到二〇二五年，较大事故发生率控制在千分之二以下。", ("较大事故发生率", 2, "‰", "<=", 2025)),
        ("到二〇二五年，重大事故发生率控制在千分之一以下。", ("重大事故发生率", 1, "‰", "<=", 2025)),
    ],
)
def test_a_share_written_in_words_is_read_whole(text, expected):
    assert targets(text) == [expected]


def test_a_baseline_year_in_chinese_numerals_is_no_part_of_the_indicator():
    found = targets("到二〇二五年，单位地区生产总值能耗较二〇二〇年下降百分之十四。")
    assert found == [("单位地区生产总值能耗", 14, "%", None, 2025)]


def test_a_large_count_in_chinese_numerals_is_a_goal_not_a_category():
    context = TargetContext(reference_year=2021, period_end=2025)
    found = extract_text(
        "新建改造集中供水站一千五百处，建设应急水源工程十二处，受益群众二百万人。", context=context
    )
    assert [(t.value, t.unit, t.kind, t.year) for t in found] == [
        (1500, "处", "target", 2025),
        (12, "处", "target", 2025),
        (2000000, "人", "target", 2025),
    ]
    # the categories a plan counts in words stay layout, and so does the base of a rate
    assert not extract_text("围绕三个方面，实施十项重点任务。", context=context)
    rate = extract_text("年均每十万人受灾人次下降15%。", context=context)
    assert [(t.value, t.unit) for t in rate] == [(15, "%")]


# ---------------------------------------------------------------- per-year words and a plan's period


def test_a_per_year_word_governs_its_own_clause_only():
    context = TargetContext(reference_year=2021, period_end=2025)
    found = extract_text("每年安排专项资金不少于2亿元，公益金用于助残服务的比例不低于50%。", context=context)
    assert [(t.value, t.year) for t in found] == [(200000000, None), (50, 2025)]


def test_a_yearly_average_in_a_plan_is_due_at_the_period_end():
    context = TargetContext(reference_year=2023, period_end=2025)
    found = extract_text("实施技术改造专项，技改投资年均增长12%以上。", context=context)
    assert [(t.value, t.direction, t.year) for t in found] == [(12, "increase", 2025)]
    every_year = extract_text("每年新增城镇就业5万人。", context=context)
    assert [(t.value, t.year) for t in every_year] == [(50000, None)]


def test_a_yearly_average_in_a_review_keeps_the_review_year():
    context = TargetContext(reference_year=2026, period_end=2030)
    found = extract_text("五年来，地区生产总值年均增长5.6%。", context=context, include_all=True)
    assert [(t.value, t.kind, t.year) for t in found] == [(5.6, "achieved", 2025)]


# ---------------------------------------------------------------- rates per 100,000 people


def test_a_rate_per_hundred_thousand_keeps_its_denominator_as_unit():
    found = targets("到2025年，孕产妇死亡率控制在12/10万以下，婴儿死亡率控制在4.5‰以下。")
    assert found == [("孕产妇死亡率", 12, "/10万", "<=", 2025), ("婴儿死亡率", 4.5, "‰", "<=", 2025)]
    (written,) = targets("到2025年，新生儿破伤风发病率低于1/十万。")
    assert written[1:3] == (1, "/10万")


# ---------------------------------------------------------------- a plan's period and its name


def test_a_plan_period_named_as_a_time_is_the_deadline():
    assert targets("严格控制煤炭消费，“十四五”时期煤炭消费总量控制在1.8亿吨以内。") == [
        ("煤炭消费总量", 180000000, "吨", "<=", 2025)
    ]


def test_a_plan_period_that_is_compared_with_is_no_deadline():
    found = targets("到2025年，研发经费投入年均增长8%以上、投入强度高于“十三五”时期实际。", 2021)
    assert [(t[1], t[4]) for t in found] == [(8, 2025)]


def test_an_outline_titled_with_the_plan_number_spelled_out_sets_the_period_end(tmp_path):
    text = "\n".join(
        [
            "某市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要",
            "",
            "第五章  重点任务",
            "",
            "全面推进乡村振兴，新建农村公路800公里，农村自来水普及率达到98%以上。",
        ]
    )
    found = read_file(tmp_path, text)
    assert ("农村公路", 800, "公里", None, 2025, "target") in found
    assert ("农村自来水普及率", 98, "%", ">=", 2025, "target") in found


# ---------------------------------------------------------------- reviews: a plan's 发展环境, a report's title year


def test_the_figures_of_a_plans_environment_section_are_results(tmp_path):
    text = "\n".join(
        [
            "某市“十四五”生态环境保护规划",
            "",
            "一、环境质量现状",
            "",
            "2020年，全市空气质量优良天数比率为86.3%，森林覆盖率为38.5%。",
            "",
            "二、发展环境",
            "",
            "“十三五”时期，全市粮食总产量达到52亿斤。",
            "",
            "三、规划目标",
            "",
            "到2025年，空气质量优良天数比率达到88%。",
        ]
    )
    found = read_file(tmp_path, text, include_all=True)
    kinds = {(f[1], f[5]) for f in found}
    assert {(86.3, "achieved"), (38.5, "achieved"), (5200000000, "achieved"), (88, "target")} <= kinds


def test_a_work_report_titled_with_its_year_reads_its_review_as_the_year_before(tmp_path):
    text = "\n".join(
        [
            "2026年某市政府工作报告",
            "",
            "一、2025年和过去五年工作回顾",
            "",
            "过去一年，全市地区生产总值增长5.8%，城镇新增就业9.2万人。",
            "",
            "二、2026年工作安排",
            "",
            "今年主要预期目标是：地区生产总值增长5.5%左右，城镇新增就业9万人以上。",
        ]
    )
    found = read_file(tmp_path, text, include_all=True)
    assert ("地区生产总值", 5.8, "%", None, 2025, "achieved") in found
    assert ("城镇新增就业", 92000, "人", None, 2025, "achieved") in found
    assert ("城镇新增就业", 90000, "人", ">=", 2026, "target") in found


# ---------------------------------------------------------------- durations cut to a level, coal rates


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("到2025年，消费纠纷平均办理时限缩短至7个工作日。", 7),
        ("到2025年，不动产登记办理时间压缩到3个工作日。", 3),
    ],
)
def test_a_duration_cut_to_a_level_is_a_goal(text, value):
    (found,) = targets(text)
    assert found[1:3] == (value, "工作日")


def test_a_duration_a_task_takes_is_still_no_goal():
    assert targets("到2025年，企业开办用3个工作日。") == []


def test_a_coal_rate_per_kilowatt_hour_is_one_unit():
    (found,) = targets("到2025年，煤电机组平均供电煤耗降至298克标准煤/千瓦时。")
    assert found[1:3] == (298, "克标准煤/千瓦时")


# ---------------------------------------------------------------- the years ahead and a vision year


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("展望2035年，人均地区生产总值年均增长5%左右。", 2035),
        ("今后五年，全市生产总值年均增长5.5%左右。", 2027),
        ("未来三年，新建城市公园30个。", 2025),
    ],
)
def test_the_years_ahead_set_the_deadline(text, year):
    (found,) = targets(text, 2023)
    assert found[4] == year


# ---------------------------------------------------------------- years that date a noun, per-10,000 bases, bounded cells


def test_a_year_that_dates_a_noun_is_no_deadline_and_no_review():
    context = TargetContext(reference_year=2021, period_end=2025)
    found = extract_text("完成2000年底前建成的城镇老旧小区改造任务，改造城中村30个。", context=context)
    assert [(t.value, t.year, t.kind) for t in found] == [(30, 2025, "target")]
    deadline = extract_text("2023年底前，完成改造城中村30个。", context=context)
    assert [(t.value, t.year) for t in deadline] == [(30, 2023)]


def test_a_rate_base_after_mei_is_no_count():
    found = extract_text("每万名劳动力中研发人员达到120人年。", context=TargetContext(reference_year=2021))
    assert 10000 not in [t.value for t in found]
    programme = extract_text("到2025年，培训万名乡村工匠。", context=TargetContext(reference_year=2021))
    assert [t.value for t in programme] == [10000]


def test_table_cells_with_their_bound_in_words(tmp_path):
    lines = ["某省金融业发展“十五五”规划", "", "专栏1  主要指标", "序号", "指标名称", "单位", "2024年基期值"]
    lines += ["2030年目标值", "属性", "1", "金融业增加值占地区生产总值比重", "%", "7.6", "8左右", "预期性"]
    lines += ["2", "银行业不良贷款率", "%", "1.3", "1.5以内", "约束性"]
    found = read_file(tmp_path, "\n".join(lines), include_all=True)
    assert ("金融业增加值占地区生产总值比重", 8, "%", "~", 2030, "target") in found
    assert ("金融业增加值占地区生产总值比重", 7.6, "%", None, 2024, "achieved") in found
    assert ("银行业不良贷款率", 1.5, "%", "<=", 2030, "target") in found


# ---------------------------------------------------------------- one-character heads jieba tags as morphemes


@pytest.mark.parametrize(
    ("text", "indicator"),
    [
        ("到2025年，新增星级饭店15家，乡村旅游重点村达到50个。", "乡村旅游重点村"),
        ("到2025年，创建粮食生产重点县10个。", "粮食生产重点县"),
    ],
)
def test_a_one_character_head_ends_the_name(text, indicator):
    assert targets(text)[-1][0] == indicator


def test_a_table_with_the_unit_in_brackets_after_each_indicator(tmp_path):
    lines = [
        "某县“十四五”生态文明建设规划",
        "",
        "表2  主要指标",
        "序号",
        "指标名称",
        "现状值（2020年）",
        "目标值（2025年）",
    ]
    lines += [
        "属性",
        "1",
        "湿地保护率（%）",
        "48",
        "≥52",
        "约束性",
        "2",
        "新增绿道里程（公里）",
        "—",
        "120",
        "预期性",
    ]
    found = read_file(tmp_path, "\n".join(lines), include_all=True)
    assert ("湿地保护率", 52, "%", ">=", 2025, "target") in found
    assert ("湿地保护率", 48, "%", None, 2020, "achieved") in found
    assert ("新增绿道里程", 120, "公里", None, 2025, "target") in found


# ---------------------------------------------------------------- a share of an earlier level


@pytest.mark.parametrize(
    ("text", "indicator", "value"),
    [
        ("到2025年，旅游收入恢复到2019年水平的90%以上。", "旅游收入", 90),
        ("到2025年，航空客运量达到2019年同期水平的95%。", "航空客运量", 95),
        ("到2025年，入境游客人次恢复至疫情前水平的110%。", "入境游客人次", 110),
    ],
)
def test_a_share_of_an_earlier_level_names_what_recovers_and_keeps_the_deadline(text, indicator, value):
    (found,) = targets(text, 2023)
    assert (found[0], found[1], found[4]) == (indicator, value, 2025)


def test_the_scorer_matches_an_indicator_across_scripts():
    from bench.eval import indicators_match

    assert indicators_match("大灣區經濟總量", "大湾区经济总量")
    assert not indicators_match("大灣區經濟總量", "新能源汽车保有量")


# ---------------------------------------------------------------- a goal section's opening year, table groups, 标准箱


def test_a_goal_sections_opening_year_carries_to_its_later_paragraphs(tmp_path):
    text = "\n".join(
        [
            "某市节水型社会建设实施方案",
            "",
            "一、主要目标",
            "",
            "到2025年，全市用水总量控制在8亿立方米以内。",
            "",
            "农业方面，畜禽粪污综合利用率达到85%以上，农膜回收率达到90%。",
        ]
    )
    found = read_file(tmp_path, text)
    assert ("畜禽粪污综合利用率", 85, "%", ">=", 2025, "target") in found
    assert ("农膜回收率", 90, "%", None, 2025, "target") in found


def test_a_category_column_is_no_part_of_the_indicator(tmp_path):
    text = "\n".join(
        [
            "某市“十五五”规划纲要",
            "",
            "类别 | 指标 | 2025年 | 2030年 | 属性",
            "创新驱动 | 研发经费投入强度（%） | 2.6 | 3.1 | 预期性",
            "绿色生态 | 森林覆盖率（%） | 40 | 41 | 约束性",
        ]
    )
    found = read_file(tmp_path, text)
    assert ("研发经费投入强度", 3.1, "%", None, 2030, "target") in found
    assert ("森林覆盖率", 41, "%", None, 2030, "target") in found


def test_standard_containers_are_counted_in_one_unit():
    assert [t[1:3] for t in targets("到2025年，集装箱吞吐量达到500万标准箱，空箱调运30万TEU。")] == [
        (5000000, "标箱"),
        (300000, "标箱"),
    ]


# ---------------------------------------------------------------- sixth batch: 三年内, 预算执行情况, 统计公报


@pytest.mark.parametrize(("span", "due"), [("三年内", 2027), ("五年内", 2029), ("年内", 2025)])
def test_a_count_of_years_before_nian_nei_is_a_span_from_the_documents_year(span, due):
    found = targets(f"{span}新建污水处理厂12座。", year=2025)
    assert [(t[1], t[4]) for t in found] == [(12, due)]


def test_a_budget_execution_heading_reviews_the_year_it_names(tmp_path):
    text = "\n".join(
        [
            "关于某区2023年财政预算执行情况的报告",
            "",
            "一、2023年预算执行情况",
            "",
            "全区一般公共预算收入完成48.6亿元，增长2.7%。",
            "",
            "二、2024年预算安排",
            "",
            "一般公共预算收入安排50亿元。",
        ]
    )
    found = read_file(tmp_path, text, include_all=True)
    assert ("一般公共预算收入", 4860000000, "元", None, 2023, "achieved") in found
    assert ("一般公共预算收入", 5000000000, "元", None, 2024, "target") in found


def test_a_statistical_bulletin_reports_its_titles_year(tmp_path):
    text = "\n".join(
        [
            "某县2023年国民经济和社会发展统计公报",
            "",
            "一、综合",
            "",
            "全年全县地区生产总值312.4亿元，比上年增长4.9%。年末户籍人口46.2万人。",
        ]
    )
    found = read_file(tmp_path, text, include_all=True)
    assert ("地区生产总值", 31240000000, "元", None, 2023, "achieved") in found
    assert not [t for t in found if t[5] == "target"]


# ---------------------------------------------------------------- one doubling for two names, 至少有1所以…为主的


def test_names_joined_before_one_doubling_each_double():
    found = targets("到2035年，全县经济总量和农村居民人均收入比2020年翻一番以上。", year=2021)
    assert ("经济总量", 2, "倍", ">=", 2035) in found and ("农村居民人均收入", 2, "倍", ">=", 2035) in found
    assert len(targets("到2030年，农业产值和林业产值合计比2020年翻一番。", year=2021)) == 1  # their total


@pytest.mark.parametrize(
    ("sentence", "noun", "unit"),
    [
        ("到2026年，每个区至少有1所以认知障碍照护为主的养老机构。", "养老机构", "所"),
        ("到2026年，每个街道至少设有1个以助餐为重点的社区食堂。", "社区食堂", "个"),
        ("到2026年，每个乡镇至少建有2所以寄宿为主的初级中学。", "初级中学", "所"),
    ],
)
def test_a_count_before_yi_wei_zhu_de_counts_the_noun_after_it_and_zhishao_you_is_a_floor(
    sentence, noun, unit
):
    assert [(t[0], t[2], t[3]) for t in targets(sentence, year=2024)] == [(noun, unit, ">=")]


# ---------------------------------------------------------------- a size that names a kind (56人以上大班额)


@pytest.mark.parametrize(
    "sentence",
    ["到2027年，全面消除66人以上超大班额。", "到2026年，规范300人以上企业用工备案。"],
)
def test_people_with_yishang_before_a_noun_of_no_people_size_its_kind(sentence):
    assert targets(sentence, year=2024) == []


def test_people_with_yishang_before_a_noun_of_people_stay_a_floor():
    assert [t[1:4] for t in targets("到2026年，引育800人以上高层次人才。", year=2024)] == [(800, "人", ">=")]


# ---------------------------------------------------------------- a grant capped per head (每人每年最高20万元资助)


@pytest.mark.parametrize(
    ("sentence", "noun"),
    [
        ("对引进的博士后，给予每人每年最高15万元生活补贴。", "生活补贴"),
        ("对认定的孵化器，给予最高300万元奖励。", "奖励"),
        ("对首次入规的企业，给予每家10万元奖励。", "奖励"),
    ],
)
def test_a_grant_given_per_head_or_up_to_a_cap_is_named_by_the_noun_after_it(sentence, noun):
    assert [t[0] for t in targets(sentence, year=2024)] in ([], [noun])
    found = extract_text(sentence, context=TargetContext(reference_year=2024), include_all=True)
    assert [t.indicator for t in found] == [noun]


# ---------------------------------------------------------------- a plan's mid-term evaluation


def test_a_mid_term_evaluation_quotes_the_plans_targets_beside_its_results(tmp_path):
    text = "\n".join(
        [
            "某区“十四五”规划纲要实施中期评估报告",
            "",
            "一、指标完成情况",
            "",
            "森林覆盖率规划目标为45%，2022年达到43.8%。城镇调查失业率规划目标值为5.5%以内，2022年为5.1%。",
            "",
            "二、下一步目标",
            "",
            "到2025年，全区新建公园20个。",
        ]
    )
    found = read_file(tmp_path, text, include_all=True)
    assert ("森林覆盖率", 45, "%", None, 2025, "target") in found
    assert ("森林覆盖率", 43.8, "%", None, 2022, "achieved") in found
    assert ("城镇调查失业率", 5.5, "%", "<=", 2025, "target") in found
    assert ("城镇调查失业率", 5.1, "%", None, 2022, "achieved") in found
    assert ("公园", 20, "个", None, 2025, "target") in found


def test_a_subsidy_rate_per_unit_is_named_by_what_is_given_and_sets_no_goal():
    sentence = "对新建普惠托育机构按每个托位5000元给予一次性建设补助，到2026年新增托位3000个。"
    found = extract_text(sentence, context=TargetContext(reference_year=2024), include_all=True)
    assert [(t.indicator, t.value, t.kind) for t in found] == [
        ("一次性建设补助", 5000, "figure"),
        ("新增托位", 3000, "target"),
    ]


@pytest.mark.parametrize("serial", [True, False])
def test_a_first_row_whose_indicator_holds_zhi_is_no_column_name(tmp_path, serial):
    # 单位地区生产总值… holds 值, as 2025年目标值 does: the first row's cells are not the header's
    header = ["序号", "指标", "单位", "属性", "2020年", "2025年目标值"]
    rows = [
        ["1", "单位地区生产总值二氧化碳排放降低", "%", "约束性", "18", "19.5"],
        ["2", "城镇新增就业", "万人", "预期性", "10", "12"],
    ]
    table = [cells if serial else cells[1:] for cells in (header, *rows)]
    text = "某市“十四五”节能规划\n\n一、总体要求\n\n推进节能降碳。\n\n附件1 主要指标\n"
    found = read_file(tmp_path, text + "\n\n".join("\n".join(cells) for cells in table), include_all=True)
    assert ("单位地区生产总值二氧化碳排放降低", 19.5, "%", None, 2025, "target") in found
    assert ("单位地区生产总值二氧化碳排放降低", 18, "%", None, 2020, "achieved") in found
    assert ("城镇新增就业", 120_000, "人", None, 2025, "target") in found


def test_a_vision_paragraph_past_the_plan_period_lends_no_year_to_the_goals_after_it(tmp_path):
    # a 十四五 plan: 到2025年 goals, a 2035 vision in a paragraph of its own, then goals with no year
    text = "\n\n".join(
        [
            "某市“十四五”应急体系规划",
            "一、主要目标",
            "总体目标：到2025年，应急管理体系和能力现代化建设取得重大进展。",
            "到2035年，建立与基本实现现代化相适应的应急体系。",
            "灾害预警信息发布公众覆盖率达到90%，专业人才占比达到60%。",
        ]
    )
    found = read_file(tmp_path, text)
    assert ("灾害预警信息发布公众覆盖率", 90, "%", None, 2025, "target") in found
    assert ("专业人才占比", 60, "%", None, 2025, "target") in found


# ---------------------------------------------------------------- seventh batch: deadlines between name and verb,
# an evaluation's 约束性指标 and the results beside its goals


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("湿地保护率到2026年提高到58%。", ("湿地保护率", 58, "%", None, 2026)),
        ("全省高速公路通车里程在2028年前突破9000公里。", ("高速公路通车里程", 9000, "公里", ">", 2028)),
    ],
)
def test_a_deadline_between_the_name_and_its_verb_keeps_the_name(text, expected):
    assert expected in targets(text, 2024)


EVALUATION = TargetContext(
    reference_year=2024, achieved=True, evaluation=True, plan_end=2025, period_end=2025
)


def evaluated(text: str) -> list[tuple]:
    """Every figure of a sentence of a mid-term evaluation reporting through 2023 on a plan ending in 2025."""
    found = extract_text(text, context=EVALUATION, include_all=True)
    return [(t.indicator, t.value, t.year, t.kind) for t in found]


def test_an_evaluation_reads_a_figure_it_calls_a_binding_indicator_as_the_plans_goal():
    found = evaluated("主要污染物排放总量减少8%为约束性指标，前三年累计减少6.1%。")
    assert ("主要污染物排放总量", 8, 2025, "target") in found
    assert ("主要污染物排放总量", 6.1, 2023, "achieved") in found
    found = evaluated("全员劳动生产率提高到15万元为预期性指标。")
    assert [f[3] for f in found] == ["target"]


def test_an_evaluation_reads_a_result_beside_a_goal_in_the_same_sentence_as_achieved():
    found = evaluated("农村自来水普及率规划目标为98%，2023年为96.4%，预计到2025年能够完成。")
    assert ("农村自来水普及率", 98, 2025, "target") in found
    assert ("农村自来水普及率", 96.4, 2023, "achieved") in found
    found = evaluated("城市生活垃圾分类覆盖率到2025年达到95%为约束性指标，目前已达到90.3%。")
    assert ("城市生活垃圾分类覆盖率", 95, 2025, "target") in found
    assert [f[3] for f in found if f[1] == 90.3] == ["achieved"]


# ---------------------------------------------------------------- the goal section's deadline in a document with no period

DRAFT = "\n".join(
    [
        "关于推进数字乡村建设的若干措施（征求意见稿）",
        "",
        "一、工作目标",
        "",
        "到2028年，全市行政村5G网络通达率达到95%。",
        "",
        "二、重点任务",
        "",
        "建设数字乡村示范村120个，农产品网络零售额年均增长12%。",
        "",
        "三、保障措施",
        "",
        "每年安排专项资金不少于2亿元。",
    ]
)


def test_a_goal_sections_deadline_dates_the_later_sections_of_a_document_with_no_period(tmp_path):
    found = read_file(tmp_path, DRAFT)
    assert ("数字乡村示范村", 120, "个", None, 2028, "target") in found
    assert any(f[1] == 12 and f[4] == 2028 for f in found)
    assert not any(f[1] == 200000000 and f[4] == 2028 for f in found)  # 每年…: a figure per year keeps none


def test_a_goal_section_for_the_documents_own_year_or_a_named_period_dates_nothing_after_it(tmp_path):
    this_year = DRAFT.replace(
        "关于推进数字乡村建设的若干措施（征求意见稿）", "关于2028年推进数字乡村建设的若干措施"
    )
    found = read_file(tmp_path, this_year)
    assert ("数字乡村示范村", 120, "个", None, 2028, "target") in found  # 2028年 in the title dates the tasks
    period = DRAFT.replace("（征求意见稿）", "（2025—2029年）")
    found = read_file(tmp_path, period)
    assert (
        "数字乡村示范村",
        120,
        "个",
        None,
        2029,
        "target",
    ) in found  # the period's end, not the goal's year


# ---------------------------------------------------------------- 最高 caps an amount; a grant's cap is no goal


@pytest.mark.parametrize(
    ("text", "indicator", "value"),
    [
        ("到2026年，项目贷款贴息比例最高不超过同期贷款市场报价利率的60%。", "项目贷款贴息比例", 60),
        ("到2026年，单个园区年度用能增量最高控制在5万吨标准煤。", "单个园区年度用能增量", 50000),
    ],
)
def test_zuigao_before_an_amount_reads_as_at_most(text, indicator, value):
    found = extract_text(text, context=TargetContext(reference_year=2025), include_all=True)
    assert [(t.indicator, t.value, t.comparator) for t in found] == [(indicator, value, "<=")]


@pytest.mark.parametrize(
    "text",
    [
        "对新获评国家级制造业单项冠军的企业，给予最高200万元奖励。",
        "到2027年，对认定的市级工业设计中心最高给予100万元补助。",
        "对符合条件的首贷企业，每户每年最高补贴5万元。",
        "对牵头制定国际标准的单位给予最高不超过50万元资助。",
    ],
)
def test_the_cap_of_a_grant_is_a_figure_not_a_goal(text):
    found = extract_text(text, context=TargetContext(reference_year=2025), include_all=True)
    assert [(t.kind, t.comparator) for t in found] == [("figure", "<=")]


def test_a_cap_on_what_is_not_a_grant_stays_a_goal():
    found = targets("到2027年，全市单日客流峰值最高达到1500万人次，财政科技投入最高达到80亿元。", 2025)
    assert [(f[1], f[4]) for f in found] == [(15000000, 2027), (8000000000, 2027)]


# ---------------------------------------------------------------- a per-head base between the verb and the amount


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "到2026年，特困人员基本生活标准提高到每人每月1200元。",
            ("特困人员基本生活标准", 1200, "元", None, 2026),
        ),
        ("到2027年，农业劳动生产率达到每人6万元。", ("农业劳动生产率", 60000, "元", None, 2027)),
    ],
)
def test_a_per_head_base_after_the_verb_leaves_the_name_before_it(text, expected):
    assert targets(text, 2025) == [expected]


def test_a_subsidy_paid_per_head_stays_a_rate():
    found = extract_text(
        "对社区助餐点按每人每餐3元给予补助。", context=TargetContext(reference_year=2025), include_all=True
    )
    assert [(t.indicator, t.kind) for t in found] == [("补助", "figure")]


# ---------------------------------------------------------------- time words that head a name; money nouns jieba tags as verbs


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "到2026年，行政复议案件平均审理周期缩短至45天。",
            ("行政复议案件平均审理周期", 45, "天", None, 2026),
        ),
        ("到2026年，社会投资项目建设工期压缩至12个月以内。", ("社会投资项目建设工期", 12, "月", "<=", 2026)),
    ],
)
def test_a_time_word_that_ends_a_name_heads_it(text, expected):
    assert targets(text, 2025) == [expected]


def test_a_bound_on_a_money_noun_before_de_picks_out_the_firms():
    found = extract_text(
        "到2026年，对年营业收入500万元以下的个体工商户减半征收。",
        context=TargetContext(reference_year=2025),
        include_all=True,
    )
    assert [(t.value, t.kind) for t in found] == [(5000000, "figure")]


# ---------------------------------------------------------------- a 主要指标 table laid out with runs of spaces

SPACED_ROWS = [
    "指标                          2025年     2030年     属性",
    "城市生活污水集中收集率（%）   72         ≥80        约束性",
    "人均公园绿地面积（平方米）    14.2       15.5       预期性",
]


def spaced_plan(separator: str) -> str:
    """A 区 plan whose indicator table is laid out with spaces, its rows joined by `separator`."""
    return "\n".join(
        ["某区生态环境保护“十五五”规划", "", "一、主要指标", "", separator.join(SPACED_ROWS), ""]
    )


@pytest.mark.parametrize("separator", ["\n\n", "\n"], ids=["a row a paragraph", "rows run together"])
def test_a_table_laid_out_with_spaces_gives_a_target_per_row(tmp_path, separator):
    found = read_file(tmp_path, spaced_plan(separator), include_all=True)
    assert ("城市生活污水集中收集率", 80, "%", ">=", 2030, "target") in found
    assert ("人均公园绿地面积", 15.5, "平方米", None, 2030, "target") in found
    assert ("城市生活污水集中收集率", 72, "%", None, 2025, "achieved") in found


def test_a_heading_with_a_double_space_is_no_table_row():
    assert targets("第三章  主要目标  到2030年，建成绿道120公里。", 2026) == [
        ("绿道", 120, "公里", None, 2030)
    ]


# ---------------------------------------------------------------- 同比分别增长: the list changes the figures just read


def test_a_compared_list_with_no_names_changes_the_figures_before_it():
    text = "2024年，全市完成货物进出口总额860亿元、实际使用外资42亿元，同比分别增长9.1%和3.6%。"
    found = extract_text(text, context=TargetContext(reference_year=2025), include_all=True)
    changes = [(t.indicator, t.value, t.direction) for t in found if t.unit == "%"]
    assert [(value, direction) for _, value, direction in changes] == [(9.1, "increase"), (3.6, "increase")]
    assert "进出口总额" in changes[0][0] and "外资" in changes[1][0]


def test_a_list_with_its_own_names_keeps_them():
    found = extract_text(
        "2024年，全市生产安全事故起数和死亡人数分别下降12.5%和9.8%。",
        context=TargetContext(reference_year=2025),
        include_all=True,
    )
    assert [(t.indicator, t.direction) for t in found] == [
        ("生产安全事故起数", "decrease"),
        ("死亡人数", "decrease"),
    ]


def test_zuigao_before_the_size_of_a_thing_is_a_record_not_a_cap():
    found = extract_text(
        "研制全球最高12米智能采煤装备。", context=TargetContext(reference_year=2025), include_all=True
    )
    assert [(t.value, t.comparator) for t in found] == [(12, None)]
    assert targets("到2026年，单个项目用地面积最高100亩。", 2025)[0][3] == "<="


def test_a_goal_subsection_dates_no_later_part(tmp_path):
    nested = "\n".join(
        [
            "关于开展数字乡村试点的工作方案",
            "",
            "一、总体要求",
            "",
            "（一）试点目标",
            "",
            "到2028年，探索形成一批可复制可推广的经验。",
            "",
            "（二）试点范围",
            "",
            "选择30个左右县（市、区）开展试点。",
        ]
    )
    found = read_file(tmp_path, nested)
    assert [(f[1], f[4]) for f in found] == [(30, None)]


# ---------------------------------------------------------------- a clause that changes a name, then its level


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("湿地保护率稳步提高，到2027年达到60%。", ("湿地保护率", 60, "%", None, 2027)),
        (
            "农村集体经济收入持续增长，力争到2027年突破8亿元。",
            ("农村集体经济收入", 800000000, "元", ">", 2027),
        ),
    ],
)
def test_a_value_whose_clause_names_nothing_takes_the_name_the_clause_before_changes(text, expected):
    assert targets(text, 2025) == [expected]


def test_a_clause_before_that_changes_nothing_lends_no_name():
    assert targets("全面推进乡村振兴，到2027年建成示范村120个。", 2025) == [("示范村", 120, "个", None, 2027)]


# ---------------------------------------------------------------- notices, letters and 办法 read blind (targets9)


def kinds(text: str, year: int | None = 2025) -> list[tuple[str, str]]:
    """(quantity as written, kind) of every figure of a text."""
    found = extract_text(text, context=TargetContext(reference_year=year), include_all=True)
    return [(t.quantity, t.kind) for t in found]


@pytest.mark.parametrize(
    "text",
    [
        "申请人应当通过线上平台在10个工作日内提交材料。",
        "受理窗口应通过省平台在7个工作日内完成审核。",
    ],
)
def test_a_time_limit_after_a_modal_and_its_channel_is_a_rule(text):
    assert targets(text, 2025) == []


def test_a_time_limit_cut_as_a_goal_stays_a_target():
    assert targets("到2027年，企业开办时间压缩至1个工作日以内。", 2025) == [
        ("企业开办时间", 1, "工作日", "<=", 2027)
    ]


@pytest.mark.parametrize(
    "text", ["（一）注册成立3个月内且正常经营的小微企业；", "（二）出生28天内且已落户的新生儿。"]
)
def test_a_time_since_an_event_that_picks_out_applicants_is_no_target(text):
    assert targets(text, 2025) == []


def test_a_goal_measured_for_the_window_stays_a_target():
    assert [t[1:] for t in targets("到2027年，全市婴儿出生3天内的登记率达到98%。", 2025)] == [
        (98, "%", None, 2027)
    ]


@pytest.mark.parametrize(
    "text", ["某县请求省里支持，计划新建标准厂房20万平方米。", "某区恳请将该项目列入规划，总投资50亿元。"]
)
def test_what_a_letter_says_was_asked_for_is_no_target(text):
    assert targets(text, 2025) == []


def test_the_same_plan_without_a_request_stays_a_target():
    assert targets("到2027年，全市新建标准厂房20万平方米。", 2025) == [
        ("标准厂房", 200000, "平方米", None, 2027)
    ]


def test_what_each_step_of_a_rule_gives_is_a_figure_named_after_it():
    found = extract_text("企业每满1年可增加5天带薪休假。", include_all=True)
    assert [(t.indicator, t.kind) for t in found] == [("带薪休假", "figure")]


def test_a_rate_per_thousand_people_stays_a_target():
    found = targets("到2027年，每千人口拥有3岁以下婴幼儿托位数达到4.5个。", 2025)
    assert [t[1:] for t in found] == [(4.5, "个", None, 2027)]


@pytest.mark.parametrize(
    "text", ["连续2个会计年度亏损的企业不予支持。", "到2027年，参保满3个年度的居民可享受待遇。"]
)
def test_a_count_of_years_is_no_target(text):
    assert targets(text, 2025) == []


def test_a_count_of_tasks_of_the_year_stays_a_target():
    assert [t[1:] for t in targets("到2027年，完成150项年度重点任务。", 2025)] == [(150, "项", None, 2027)]


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("对认定的企业，给予每家50万元一次性奖励。", "一次性奖励"),
        ("被认定为示范基地的，给予30万元建设补助。", "建设补助"),
    ],
)
def test_an_award_is_named_by_what_follows_it(text, named):
    found = extract_text(text, include_all=True)
    assert [(t.indicator, t.kind) for t in found] == [(named, "figure")]


def test_a_total_given_by_a_plan_stays_a_target():
    assert targets("到2027年，全市给予企业补贴5亿元。", 2025)[0][1:] == (500000000, "元", None, 2027)


def figures_of(text: str) -> list[tuple]:
    """(indicator, value, unit, comparator) of every figure of a text."""
    found = extract_text(text, context=TargetContext(reference_year=2025), include_all=True)
    return [(t.indicator, t.value, t.unit, t.comparator) for t in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("失业保险金按照不低于当地最低工资标准80%的水平发放。", ("失业保险金", 80, "%", ">=")),
        ("临时救助金按不超过当地低保标准3倍的额度给予。", (3, "倍", "<=")),
    ],
)
def test_a_bound_before_the_base_of_a_share_keeps_its_comparator(text, expected):
    found = figures_of(text)
    assert len(found) == 1 and found[0][-len(expected) :] == expected


def test_a_bound_word_inside_a_name_is_no_bound_on_a_base():
    assert figures_of("到2027年，签约比例达到百分之九十五以上。") == [("签约比例", 95, "%", ">=")]


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("特困人员照料护理标准按本市最低工资标准的30%确定。", "特困人员照料护理标准"),
        ("散居孤儿基本生活费参照集中供养孤儿标准的80%发放。", "散居孤儿基本生活费"),
    ],
)
def test_a_share_of_another_standard_is_named_by_the_subject_before_an(text, named):
    assert [f[0] for f in figures_of(text)] == [named]


def test_a_multiple_bounded_by_a_goal_stays_a_target():
    assert targets("到2027年，全市研发投入强度不低于全国平均水平的1.2倍。", 2025) == [
        ("研发投入强度", 1.2, "倍", ">=", 2027)
    ]


@pytest.mark.parametrize("text", ["国企三项制度改革经验在全省推广。", "收支两条线管理制度全面落实。"])
def test_a_count_inside_a_name_is_no_figure(text):
    assert figures_of(text) == []


@pytest.mark.parametrize("text", ["到2027年，完成两项改革。", "全市三个项目入选省级名单。"])
def test_a_count_a_verb_or_a_place_comes_before_stays_a_figure(text):
    assert len(figures_of(text)) == 1


def test_the_year_of_a_notice_to_the_public_dates_no_figure_of_its_body(tmp_path):
    notice = "某市医疗保障局关于开展2099年度居民医保参保工作的通告\n二、待遇标准\n参保居民住院费用报销比例为70%。\n"
    assert [f[-1] for f in read_file(tmp_path, notice, include_all=True)] == ["figure"]


def test_the_year_of_a_work_notice_still_dates_its_tasks(tmp_path):
    tasks = "某市人民政府关于做好2099年度重点工作的通知\n一、主要任务\n全市新建公园10个。\n"
    assert read_file(tmp_path, tasks) == [("公园", 10, "个", None, 2099, "target")]


def test_standards_a_dated_notice_sets_are_no_targets_but_its_tasks_are(tmp_path):
    """A standard in force (标准为每人每月N元, 标准按…标准的N倍) gets the title's year but no goal; a task does."""
    notice = (
        "某市民政局关于印发2099年城乡低保和特困供养标准的通知\n"
        "一、城乡低保标准为每人每月1500元。\n"
        "二、特困人员基本生活标准按低保标准的1.6倍确定。\n"
        "三、全市新建社区养老服务站20个。\n"
    )
    kinds = [(f[0], f[-1]) for f in read_file(tmp_path, notice, include_all=True)]
    assert kinds == [
        ("城乡低保标准", "figure"),
        ("特困人员基本生活标准", "figure"),
        ("社区养老服务站", "target"),
    ]


@pytest.mark.parametrize(
    "text",
    ["到2099年，城乡低保标准提高到每人每月1500元。", "城乡低保标准为每人每月1500元以上。"],
)
def test_a_standard_with_a_goal_or_a_bound_stays_a_target(text):
    assert len(targets(text, 2098)) == 1


@pytest.mark.parametrize(
    "text",
    ["在收到申请人补正材料5个工作日内，作出是否受理的决定。", "接到群众举报2小时内，执法人员到达现场核查。"],
)
def test_a_time_limit_counted_from_receiving_something_is_a_rule(text):
    assert targets(text, 2098) == []


def test_a_time_for_things_received_stays_a_goal():
    assert targets("到2099年，收到的投诉办结时间缩短至3个工作日内。", 2098)[0][1:3] == (3, "工作日")


@pytest.mark.parametrize("spaced", ["\t", "  "])
def test_table_values_grouped_in_thousands_are_read(tmp_path, spaced):
    """Spreadsheets and typeset tables print 12,345.6: the cell is the same value as 12345.6."""
    rows = [
        ["指标", "单位", "2099年目标", "属性"],
        ["地区生产总值", "亿元", "12,345.6", "预期性"],
        ["新增就业", "人", "≥15,000", "约束性"],
    ]
    table = "主要指标\n" + "\n".join(spaced.join(row) for row in rows) + "\n"
    assert [f[:3] for f in read_file(tmp_path, table)] == [
        ("地区生产总值", 1234560000000.0, "元"),
        ("新增就业", 15000, "人"),
    ]


def test_allocation_cells_grouped_in_thousands_are_read():
    from policykit.pipeline import parse_text

    annex = "某市光伏推进方案\n\n一、主要目标\n到2099年，全市光伏装机达到10万千瓦。\n\n附表1\n各区光伏装机分解表（单位：千瓦）\n序号\n区\n2099年\n1\n甲区\n35,000-36,000\n2\n乙区\n1,200\n"
    found = [
        (t.indicator, t.value, t.upper) for t in extract_targets(parse_text(annex)) if t.clause.endswith("t1")
    ]
    assert found == [("甲区光伏装机", 35000, 36000), ("乙区光伏装机", 1200, None)]


# ---------------------------------------------------------------- eighth batch: scores, weights, recipients, a year's plan


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("到2027年，群众安全感满意度达到95分以上。", ("群众安全感满意度", 95.0, "分", ">=", 2027)),
        (
            "到2026年，各县（市、区）文明城市测评得分不低于88.5分。",
            ("文明城市测评得分", 88.5, "分", ">=", 2026),
        ),
    ],
)
def test_a_score_in_fen_after_digits_is_a_target(text, expected):
    assert expected in targets(text)


def test_fen_after_a_chinese_numeral_or_a_clock_time_is_no_score():
    found = extract_text(
        "这项改革十分重要，各单位于9时30分前到会，三分之一以上的代表出席。", include_all=True
    )
    assert [t for t in found if t.unit == "分"] == []


@pytest.mark.parametrize(
    "text",
    [
        "考核实行百分制，其中工作实绩占70分、群众评议占30分。",
        "考核结果纳入年度综合考核，权重占8%。",
        "评估得分85分以上的为优秀，70分至85分的为合格，低于70分的为不合格。",
    ],
)
def test_weights_and_grade_bands_of_an_assessment_are_no_targets(text):
    # in a notice of the year's assessment, whose title year dates its goals
    context = TargetContext(reference_year=2026, period_end=2026)
    assert list(extract_text(text, context=context)) == []
    goal = extract_text("各单位考核得分不低于80分。", context=context)
    assert [(t.value, t.unit, t.year) for t in goal] == [(80.0, "分", 2026)]


def test_a_size_that_picks_out_recipients_is_no_target():
    found = targets("到2028年，对新建年处理能力10万吨及以上的再生资源分拣中心，给予一次性奖励。")
    assert [t for t in found if t[2] == "吨"] == []
    # a count or a share there is the task's own, unless a grant follows
    assert ("老旧小区", 150.0, "个", ">=", 2027) in targets("到2027年，对150个以上的老旧小区实施改造。")
    assert [t[1] for t in targets("到2027年，对90%以上的行政村实现千兆光网覆盖。")] == [90.0]
    assert targets("到2027年，对研发投入占营业收入5%以上的企业给予奖励。") == []
    # 对外 opens no recipients
    assert [t[1] for t in targets("到2027年，对外贸易进出口总额达到500亿元以上的目标。")] == [50000000000.0]


def test_a_result_marker_describing_recipients_leaves_the_goal_a_goal():
    found = extract_text(
        "二、重点任务\n培育科技领军企业5家；对首次获评国家级称号、已取得认证的企业，给予奖励。",
        context=TargetContext(reference_year=2025),
        include_all=True,
    )
    assert [(t.indicator, t.kind) for t in found if t.unit == "家"] == [("科技领军企业", "target")]
    reviewed = extract_text(
        "截至2024年底，全市已取得发明专利授权3200件。", context=TargetContext(reference_year=2025)
    )
    assert list(reviewed) == []


def test_an_earlier_year_opening_a_years_work_plan_reviews(tmp_path):
    found = read_file(
        tmp_path,
        "某县2026年农村公路提升工作方案\n\n2025年，全县新改建农村公路180公里。\n\n一、目标任务\n\n"
        "2026年，全县新改建农村公路200公里，完成危桥改造15座。\n",
        include_all=True,
    )
    assert any(t[1] == 180.0 and t[4] == 2025 and t[5] == "achieved" for t in found)
    assert any(t[1] == 200.0 and t[4] == 2026 and t[5] == "target" for t in found)
    # in a plan of several years, a year inside the period is a stage of the plan
    staged = read_file(
        tmp_path, "某市数字经济三年行动计划（2024—2026年）\n\n一、主要任务\n\n2025年，新建5G基站2000个。\n"
    )
    assert [(t[1], t[4], t[5]) for t in staged] == [(2000.0, 2025, "target")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("到2026年，全省算力总规模超过30EFLOPS。", ("算力总规模", 30.0, "EFLOPS", ">", 2026)),
        ("到2025年，智能算力规模达到800PFlops。", ("智能算力规模", 800.0, "PFLOPS", None, 2025)),
    ],
)
def test_computing_power_has_its_unit(text, expected):
    assert expected in targets(text)


def test_a_letter_after_digits_is_still_no_unit():
    assert targets("到2025年，建成5G基站2000个。") == [("5G基站", 2000.0, "个", None, 2025)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("到2030年，车用氢气价格降至每公斤30元以下。", ("车用氢气价格", 30.0, "元", "<=", 2030)),
        ("到2027年，工业用电价格降低到每千瓦时0.55元。", ("工业用电价格", 0.55, "元", None, 2027)),
    ],
)
def test_a_price_per_unit_sold_is_named_by_what_is_priced(text, expected):
    assert expected in targets(text)


def test_a_share_of_a_fund_spent_on_something_is_a_goal():
    assert ("彩票公益金", 60.0, "%", ">=", 2027) in targets(
        "到2027年，将不低于60%的彩票公益金用于支持养老服务。"
    )
    # a bound before a noun that is no fund still picks out the noun
    assert targets("到2027年，对30%以上的资金用于研发的企业给予奖励。") == []


# ---------------------------------------------------------------- known leftovers: a reply, a notice, a table, PM2.5


def test_a_replys_capacity_and_a_project_under_study_are_no_targets(tmp_path):
    found = read_file(
        tmp_path,
        "某省人民政府办公厅关于2099年某市所提问题办理情况的函\n\n某市人民政府：\n\n"
        "一、关于装备项目问题。省工业和信息化厅意见：省内仅有一家企业，年设计制造能力为60台，"
        "投资新建年产200台能力的项目需审慎研究。\n\n某省人民政府办公厅\n2099年8月12日\n",
    )
    assert found == []


@pytest.mark.parametrize(
    "text",
    ["投资新建年产200台能力的项目需进一步论证。", "新建年产200台能力的生产线，暂不具备建设条件。"],
)
def test_a_project_put_off_is_no_target(text):
    assert targets(text, 2099) == []


def test_a_project_planned_with_its_capacity_stays_a_target():
    assert ("生产线", 2.0, "条", None, 2099) in targets("到2099年，新建年产200台能力的生产线2条。")


def test_a_year_named_in_a_notices_sentence_is_the_rules_year(tmp_path):
    found = read_file(
        tmp_path,
        "某市医疗保障局关于做好2099年度城乡居民医保参保缴费工作的通告\n\n一、缴费标准\n\n"
        "2099年度城乡居民医保个人缴费标准为每人每年420元。\n\n二、工作要求\n\n到2099年底，全市居民医保参保率达到95%以上。"
        "2099年度全市力争新增参保3万人。\n",
    )
    # a sentence that looks ahead (力争) keeps its 年度 as its deadline
    assert [(t[1], t[2], t[4]) for t in found] == [(95.0, "%", 2099), (30000.0, "人", 2099)]


GROUPED_TABLE = (
    "某县“十五五”规划纲要\n\n专栏1  主要指标\n\n"
    "类别\t指标\t单位\t2025年\t2030年\t属性\n"
    "创新驱动\t研发经费投入强度（%）\t\t2.1\t2.8\t预期性\n"
    "民生福祉\t城乡居民收入比\t\t2.05\t1.95\t预期性\n"
    "\t每千人口拥有3岁以下婴幼儿托位数\t个\t3.2\t4.5\t预期性\n"
    "民生福祉\t每千名老年人养老床位数\t张/千人\t32\t36\t预期性\n"
)


def test_a_table_row_with_an_empty_unit_cell_is_named_by_its_indicator(tmp_path):
    found = read_file(tmp_path, GROUPED_TABLE, include_all=True)
    names = {t[0] for t in found}
    assert "创新驱动" not in names and "民生福祉" not in names
    assert ("研发经费投入强度", 2.8, "%", None, 2030, "target") in found
    # a row whose category cell is merged away keeps its unit
    assert ("每千人口拥有3岁以下婴幼儿托位数", 4.5, "个", None, 2030, "target") in found
    # a rate's unit cell is a unit, not a name
    assert any(t[1] == 36.0 and t[2] == "张" and "每千名老年人养老床位数" in t[0] for t in found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "PM2.5年均浓度稳步下降，到2027年降至28微克/立方米。",
            ("PM2.5年均浓度", 28.0, "微克/立方米", None, 2027),
        ),
        ("PM10浓度持续下降，到2027年降至50微克/立方米。", ("PM10浓度", 50.0, "微克/立方米", None, 2027)),
    ],
)
def test_a_name_holding_digits_still_names_the_next_clauses_figure(text, expected):
    assert expected in targets(text)


def test_a_clause_with_a_figure_of_its_own_still_names_nothing():
    from policykit.targets.naming import _changing_before

    text = "PM2.5浓度下降10%，到2027年降至28微克/立方米"
    assert _changing_before(text, text.index("到"), 0) == ""


def test_how_many_of_the_plans_own_indicators_are_met_is_no_figure():
    found = extract_text(
        "规划确定的20项主要指标中，15项已达到或超过序时进度。",
        context=TargetContext(reference_year=2024),
        include_all=True,
    )
    assert [(t.value, t.kind) for t in found if t.value == 15] == [(15.0, "figure")]
    # tasks carried out are counted results
    done = extract_text(
        "截至2023年底，规划确定的重点任务中，已完成36项。",
        context=TargetContext(reference_year=2024),
        include_all=True,
    )
    assert [(t.value, t.kind) for t in done] == [(36.0, "achieved")]


@pytest.mark.parametrize(
    "text",
    [
        "每发现一起未按时办结的，扣2分，扣完为止。",
        "被省政府通报表扬的，加3分。",
        "年度考核总分为100分，其中基础分80分、加分20分。",
    ],
)
def test_the_points_a_scoring_rule_gives_are_no_targets(text):
    assert list(extract_text(text, context=TargetContext(reference_year=2026, period_end=2026))) == []


def test_a_goal_set_on_a_total_score_stays_a_goal():
    assert ("综合评价总分", 90.0, "分", ">=", 2026) in targets("到2026年，综合评价总分达到90分以上。")


def test_a_share_set_to_a_bare_zero_is_zero_percent():
    found = targets("到2025年，城市建成区黑臭水体比例降为0，劣Ⅴ类水体比例为0。")
    assert [(t[1], t[2], t[4]) for t in found] == [(0.0, "%", 2025), (0.0, "%", 2025)]
    # a bare number that is no zero, or a zero no share is set to, still has no unit to read
    assert targets("到2025年，农田灌溉水有效利用系数为0.6，重大事故为0。") == []


def test_a_statistical_communique_headed_by_title_issuer_and_date_is_all_results():
    """统计公报 / 青山市统计局 / 2026年3月10日 at the top: the title is no signature line, and every figure
    is a result of the year the title names, 其中 sentences and 全年 ones alike."""
    from policykit.pipeline import parse_text
    from policykit.targets import extract_targets

    text = (
        "青山市2025年国民经济和社会发展统计公报\n\n青山市统计局\n\n2026年3月10日\n\n一、综合\n\n"
        "初步核算，全年全市地区生产总值1234.5亿元，比上年增长5.2%。其中，第一产业增加值23.4亿元，增长3.1%。\n\n"
        "二、农业\n\n全年粮食种植面积120.3万亩，粮食总产量45.6万吨。新增规模以上工业企业210家。\n"
    )
    document = parse_text(text)
    meta = document.metadata
    assert (meta.title, meta.issuer, meta.date) == (
        "青山市2025年国民经济和社会发展统计公报",
        "青山市统计局",
        "2026-03-10",
    )
    found = extract_targets(document, include_all=True)
    assert len(found) == 7
    assert {(t.kind, t.year) for t in found} == {("achieved", 2025)}
