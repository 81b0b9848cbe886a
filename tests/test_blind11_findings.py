"""Classes of error found by reading, blind, real texts of genres nobody had read blind: a statistics bureau's
quarterly press conference as reported, provincial and city results news (the figures of a 统计公报 and of budget
execution), two 吹风会 解读 of a 政府工作报告's targets, ministers' interviews and a half-year data report. Each
test is the smallest invented reproduction of one class; none copies the real text.

Blind scores before any fix (hand-scored against expectations written from the text first, /tmp/blind11):
8 documents, about 250 figures: 106 of the right kind, 126 of a wrong kind of which 64 were false targets (results,
shares, forecasts and counts called target), 11 missed, 16 false; no news subhead found; 2 titles wrong.

After the fixes here: 173 of the right kind, 60 of a wrong kind of which 15 false targets, 9 missed, 16 false; 5 of
16 subheads found, none false. Left as xfail: word counts (四方面, 两位数) still listed as figures, and a .md file's
front matter (ingest). Not reduced to an invented case yet: a headline opening with a figure, ！ and Latin letters
(4.9%！三季度GDP…) joined to the first paragraph of a long indented body, so the title falls to the next line.
"""

from __future__ import annotations

import pytest

from policykit.model import Target
from policykit.pipeline import load_document, parse_text
from tests.findings import figures


def kinds(text: str, year: int | None = None) -> list[tuple[str, str]]:
    return [(f.quantity, f.kind) for f in figures(text, year)]


def targets(text: str, year: int | None = None) -> list[Target]:
    return [f for f in figures(text, year) if f.kind == "target"]


_NEWS = "某市经济运行情况通报\n\n"


# ---------------------------------------------------------------- results are no targets


@pytest.mark.parametrize(
    "text",
    [
        "今年一季度，全县税收收入达到52.3亿元，排名全省第四。",
        "上半年，甲区和乙区的增速分别是3%和4.5%。",
        "1-9月，全市城镇新增就业5.2万人。",
    ],
)
def test_an_elapsed_part_of_the_year_reports_results(text):
    assert targets(_NEWS + text) == []


def test_a_work_plan_s_half_year_deadline_stays_a_goal():
    text = "某区2024年工作要点\n\n一、重点任务\n\n上半年完成老旧小区改造30个。\n"
    assert [(f.value, f.unit) for f in targets(text)] == [(30, "个")]


def kinds_of(text: str, *quantities: str) -> list[str]:
    return [f.kind for f in figures(text) if f.quantity in quantities]


@pytest.mark.parametrize(
    "text",
    [
        "前十个月，全区城镇新增就业3200人，完成全年目标的88.5%。",
        "1-6月，全县一般公共预算收入3200万元，完成年度预算的88.5%。",
        "截至9月底，全市棚户区改造开工3200套，占全年目标的88.5%。",
    ],
)
def test_a_completion_ratio_and_its_count_are_results(text):
    assert kinds_of(_NEWS + text, "3200人", "3200万元", "3200套", "88.5%") == ["achieved", "achieved"]


def test_a_goal_to_exceed_the_year_s_plan_stays_a_goal():
    found = targets(_NEWS + "全年城镇新增就业目标为5万人，力争完成全年目标的110%。")
    assert [(f.value, f.unit) for f in found] == [(50000, "人"), (110, "%")]


@pytest.mark.parametrize(
    "text",
    [
        "2023年，全市第三产业增加值812.6亿元，增长5.4%；第二产业增加值640.2亿元，增长6.1%。",
        "全年粮食总产量42.5万吨，增长1.2%。",
        "社会消费品零售总额1203.4亿元，同比增长7.7%。",
    ],
)
def test_a_level_with_its_growth_rate_is_a_statistic(text):
    assert targets(_NEWS + text) == []


def test_a_level_due_at_a_deadline_with_its_average_growth_stays_a_goal():
    text = "某市发展规划\n\n到2027年，全市第三产业增加值达到900亿元，年均增长6%左右。"
    assert [(f.value, f.unit) for f in targets(text)] == [(900e8, "元"), (6, "%")]


@pytest.mark.parametrize(
    "text",
    [
        "全年外贸进出口总额突破900亿元，达到936.2亿元。",
        "一般公共预算收入超过80亿元，达到81.7亿元。",
        "全区常住人口迈上50万人，达到50.6万人。",
    ],
)
def test_a_passed_threshold_with_its_exact_value_is_a_result(text):
    assert targets(_NEWS + text) == []


def test_a_threshold_to_pass_by_a_deadline_stays_a_goal():
    found = targets("某市外贸发展规划\n\n到2027年，外贸进出口总额突破1000亿元。")
    assert [(f.value, f.unit) for f in found] == [(1000e8, "元")]


@pytest.mark.parametrize(
    "text",
    [
        "前年全县实际增长是6.3%，近三年平均增速只有4.2%。",
        "过去两年，全县平均增速只有4.2%，前年设定的目标是7%，当年实际增长是6.3%。",
    ],
)
def test_actual_growth_and_a_mere_average_are_results(text):
    assert [(f.value, f.kind) for f in figures(_NEWS + text) if f.value in (6.3, 4.2)] == [
        (v, "achieved") for v in ((6.3, 4.2) if text.startswith("前年") else (4.2, 6.3))
    ]


def test_real_growth_set_for_this_year_stays_a_goal():
    found = targets(_NEWS + "今年全县居民人均可支配收入实际增长6%左右。")
    assert [(f.value, f.unit) for f in found] == [(6, "%")]


@pytest.mark.parametrize(
    "text",
    ["某国际机构近日预测今年本省经济增长6.5%。", "多家研究机构预测全年全省增长6.5%左右。"],
)
def test_a_forecast_by_others_is_a_figure(text):
    assert kinds_of(_NEWS + text, "6.5%") == ["figure"]


def test_a_planned_amount_after_a_forecast_word_stays_a_goal():
    found = targets("某省2024年政府工作报告\n\n预测全年减税降费约300亿元。", year=2024)
    assert [(f.value, f.unit) for f in found] == [(300e8, "元")]


@pytest.mark.parametrize(
    "text",
    [
        "上半年3.1%的增速与年初提出的“全年增长6%”的预期目标仍有差距。",
        "前三季度增长3.1%，与“全年增长6%”的目标相比仍有差距。",
    ],
)
def test_a_gap_to_a_quoted_goal_keeps_the_goal(text):
    assert [(f.value, f.unit) for f in targets(_NEWS + text)] == [(6, "%")]


def test_a_quoted_name_with_a_figure_is_still_no_figure():
    assert figures("某区社区建设方案\n\n全面打造“15分钟社区生活圈”。\n") == ()


def test_counts_of_aspects_in_words_are_no_figures():
    text = _NEWS + "五部委负责人表示，要从四方面工作入手，保持两位数增速。"
    assert figures(text) == ()


def test_a_numeral_beginning_a_word_in_a_plan_is_no_figure():
    text = "某区水务规划\n\n二、主要任务\n\n加快推进二次供水设施改造，构建三位一体的污水处理格局。\n"
    assert figures(text) == ()


def test_a_count_of_aspects_with_a_measure_word_or_in_digits_is_still_read():
    # unchanged: 四个方面 (a measure word between) and 4部委 (digits) stay figures
    text = _NEWS + "要从四个方面入手，4部委联合发文。"
    assert [f.value for f in figures(text)] == [4, 4]


@pytest.mark.parametrize(
    "text",
    ["乙区一季度财政收入增速为负值（-8.7%），居末位。", "全市出口增速为-8.7%。", "丙县降幅较大，为－8.7%。"],
)
def test_a_negative_growth_rate_keeps_its_sign(text):
    (found,) = [f for f in figures(_NEWS + text) if f.quantity == "8.7%"]
    assert found.direction == "decrease"


def test_the_dash_of_a_range_is_no_sign():
    (found,) = figures(_NEWS + "当年设定的增长目标是6%-6.5%。")
    assert (found.value, found.upper, found.direction) == (6, 6.5, None)


# ---------------------------------------------------------------- title and headings of news


@pytest.mark.parametrize("word", ["关注点", "看点"])
def test_news_subheads_numbered_by_focus_are_headings(word):
    text = (
        "某市前三季度经济数据发布\n\n　　10月20日，某市发布前三季度经济数据。\n\n"
        f"{word}一：工业生产加快\n\n　　前三季度工业增加值增长7.5%。\n\n"
        f"{word}二：消费持续恢复\n\n　　社会消费品零售总额增长6.1%。\n"
    )
    headings = [c.heading for c in parse_text(text).clauses if c.heading]
    assert headings == ["工业生产加快", "消费持续恢复"]


def test_a_sentence_about_a_focus_is_no_heading():
    text = "某市前三季度经济数据发布\n\n关注点在于消费，一是恢复较快，二是结构优化。\n"
    assert [c.heading for c in parse_text(text).clauses if c.heading] == []


def test_markdown_front_matter_gives_the_title(tmp_path):
    path = tmp_path / "news.md"
    path.write_text(
        "\n---\ntitle: '某县解读今年发展目标'\ndate: 2023-03-06\n---\n\n　　今年全县生产总值预期增长6%左右。\n"
    )
    document = load_document(path)
    assert document.metadata.title == "某县解读今年发展目标"


def test_a_subhead_reporting_progress_on_a_goal_heads_results():
    text = (
        "某市前三季度经济数据发布\n\n"
        "关注点一：城镇新增就业完成全年目标任务90.5%\n\n　　9月份，全市城镇调查失业率为4.8%，比上月下降0.1个百分点。\n\n"
        "关注点二：消费持续恢复\n\n　　前三季度，社会消费品零售总额同比增长6.1%。\n"
    )
    assert targets(text) == []


def test_a_goal_section_still_sets_goals():
    text = "某区2024年工作要点\n\n一、主要目标\n\n全区城镇调查失业率控制在5.5%以内。\n"
    assert [(f.value, f.kind) for f in targets(text)] == [(5.5, "target")]


@pytest.mark.parametrize(
    "text",
    [
        "全省生产总值比上年增加了3200亿元。",
        "第二产业增加值增长8.1%，两年平均增长6.2%。",
        "数据显示，全区限额以上单位零售额达到415亿元。",
        "社会消费品零售总额突破3万亿元大关，达到3.2万亿元。",
        "一季度主要城市财政收入过千亿的省份共有3个。",
        "全市外贸规模突破5千亿元，财政收入首破500亿元。",
    ],
)
def test_reporting_words_mark_results(text):
    assert targets(_NEWS + text) == []


def test_a_plan_s_growth_over_its_period_stays_a_goal():
    text = "某市发展规划（2026-2030年）\n\n到2030年，全市生产总值年均增长5.5%，研发投入强度提高到3%。\n"
    assert [(f.value, f.unit) for f in targets(text)] == [(5.5, "%"), (3, "%")]
