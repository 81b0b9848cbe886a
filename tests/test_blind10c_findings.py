"""Classes of error found by reading, blind, the State Council's work reports of 2006–2011 (five consecutive-year
pairs for `track`, and the 十一五 main targets of 2006 against the 十一五 review of 2011). Each test is the smallest
invented reproduction of one class; none copies the real text.

Each failed on the code before its class was fixed; the ones still marked xfail belong to code other helpers
own (targets, structure), with the reason naming the class.

Blind scores before any fix (hand-scored against expectations written from the text first): 7 of 25
target→outcome pairs right, 1 wrong (a restated, unmet target read as the result), 17 missed; three of the six
editions had no year, so every 今年/去年 figure in them was left out.
After the first track fixes here: 9 of 25 right, 1 wrong, 15 missed, all six editions dated. Three more reports
(2012–2014) read afterwards as a held-out check: 2 of 16 right, 2 wrong, both on main and on those fixes (the
2013 report, dated only by its sentences, had no year); after the fixes that followed, 13 of 16, none wrong.
Over all 41 pairs: main 9 right / 3 wrong, now 22 right / 1 wrong (targets/), every remaining miss a targets/
class below. The national and Shandong corpus reports and blind9's excerpts track exactly as before.
"""

from __future__ import annotations

import pytest

from policykit.pipeline import parse_text
from policykit.track import track, track_files
from tests.findings import edition, figure, figures, write


def rows_of(found, name: str) -> dict[int, object]:
    series = next(s for s in found.series if s.name == name)
    return {r.year: r for r in series.rows}


# ---------------------------------------------------------------- track


_DATED_2098 = """一、2097年工作回顾

过去一年，全省城镇新增就业78万人。

二、2098年工作总体部署

今年全省发展的主要预期目标是：城镇新增就业80万人以上，地区生产总值增长6%左右。
"""

# A report that reviews "去年" under an undated heading and plans under "二、YYYY年主要任务", "三、YYYY年的工作"
# or "YYYY年国民经济和社会发展的主要预期目标是" had no year: all its 今年/去年 figures were left out.
_UNDATED_REVIEW = "一、去年工作回顾\n\n去年，全省城镇新增就业86万人，地区生产总值增长6.3%。\n\n"


@pytest.mark.parametrize(
    "plan",
    [
        "二、2099年主要任务\n\n今年城镇新增就业85万人以上。\n",
        "三、2099年的工作\n\n今年城镇新增就业85万人以上。\n",
        "二、今年主要任务\n\n2099年全省经济社会发展的主要预期目标是：城镇新增就业85万人以上。\n",
    ],
)
def test_a_report_dated_only_by_its_plan_sentence_takes_that_year(tmp_path, plan):
    found = track_files(
        [write(tmp_path, "a.txt", _DATED_2098), write(tmp_path, "b.txt", _UNDATED_REVIEW + plan)]
    )
    assert [d.year for d in found.editions] == [2098, 2099]
    row = rows_of(found, "城镇新增就业")[2098]
    assert (row.achieved.value, row.verdict) == (860_000, "met")


# The target "居民消费价格总水平涨幅控制在3%" stayed out of the canonical CPI series that held the result
# "居民消费价格总水平上涨1.5%": a known wording with a change noun (涨幅, 增幅, 降幅) after it is that wording.
def test_a_known_wording_with_a_change_noun_joins_its_canonical_indicator():
    editions = [
        edition("r2098.txt", 2098, figure("居民消费价格总水平涨幅", 3, year=2098, comparator="<=")),
        edition(
            "r2099.txt",
            2099,
            figure("居民消费价格总水平", 1.5, year=2098, kind="achieved", direction="increase"),
        ),
    ]
    row = rows_of(track(editions), "居民消费价格涨幅")[2098]
    assert (row.target.value, row.achieved.value, row.verdict) == (3, 1.5, "met")


# "五年全国新增城镇就业5100万人" came out of a dated five-year review as one year's result without `since`, and met
# that year's 900万 target: a result whose own clause names a span of years is never one year's outcome.
def test_a_result_whose_clause_spans_several_years_does_not_answer_one_years_target():
    editions = [
        edition("r2097.txt", 2097, figure("城镇新增就业", 80, year=2097, unit="万人", comparator=">=")),
        edition(
            "r2098.txt",
            2098,
            figure(
                "城镇新增就业",
                410,
                year=2097,
                kind="achieved",
                unit="万人",
                text="五年全省城镇新增就业410万人。",
            ),
        ),
    ]
    assert rows_of(track(editions), "城镇新增就业")[2097].verdict == "no outcome yet"


# The plan's "今后五年国内生产总值年均增长7.5%" (no `since`) never met the review's "年均增长11.2%" (since the
# plan's first year): two figures that each span the plan's years are one span.
def test_a_five_year_target_meets_the_five_year_result():
    target = figure(
        "国内生产总值", 6.5, year=2100, direction="increase", text="今后五年全省地区生产总值年均增长6.5%。"
    )
    achieved = figure(
        "国内生产总值", 7.1, year=2100, kind="achieved", direction="increase", since=2096, text="年均增长7.1%"
    )
    editions = [edition("r2096.txt", 2096, target), edition("r2101.txt", 2101, achieved)]
    row = rows_of(track(editions), "国内生产总值增长")[2100]
    assert (row.achieved and row.achieved.value, row.verdict) == (7.1, "met")


# "中央政府投资总额9080亿元" (target) and "中央政府公共投资9243亿元" (result) did not pair: a name ending in a
# total (总额, 总量) is the bare name, which then differs from the other wording by one added word.
def test_a_total_and_the_same_name_with_an_added_word_pair():
    editions = [
        edition("r2098.txt", 2098, figure("省级政府投资总额", 500, year=2098, unit="元")),
        edition("r2099.txt", 2099, figure("省级政府公共投资", 520, year=2098, kind="achieved", unit="元")),
    ]
    series = track(editions).series
    assert len(series) == 1 and series[0].rows[0].verdict == "met"


# A report on five years (一、过去五年工作回顾, 二、今年…主要预期目标) named its year only in a sentence: the
# reviewed one ("2012年，…全面实现年初确定的主要目标") or the planned one ("2013年是…开局之年").
@pytest.mark.parametrize(
    "text",
    [
        "一、过去五年工作回顾\n\n2098年，在外部需求减弱的情况下，我们稳住大局，全面实现年初确定的主要目标，"
        "城镇新增就业86万人。\n\n二、今年的主要预期目标\n\n今年城镇新增就业85万人以上。\n",
        "一、过去五年工作回顾\n\n去年，全省城镇新增就业86万人。\n\n二、今年的主要预期目标\n\n"
        "2099年是实施“十九五”规划的开局之年。今年城镇新增就业85万人以上。\n",
    ],
)
def test_a_five_year_report_dated_by_a_sentence_takes_that_year(tmp_path, text):
    found = track_files([write(tmp_path, "a.txt", _DATED_2098), write(tmp_path, "b.txt", text)])
    assert [d.year for d in found.editions] == [2098, 2099]
    row = rows_of(found, "城镇新增就业")[2098]
    assert (row.achieved.value, row.verdict) == (860_000, "met")


def test_a_remarkable_year_is_not_a_plan_year(tmp_path):
    text = "一、过去五年工作回顾\n\n2098年是极不平凡的一年。去年，全省城镇新增就业86万人。\n"
    found = track_files([write(tmp_path, "a.txt", text)])
    assert [d.year for d in found.editions] == [
        None
    ]  # 极不平凡的一年 is the year reviewed: not guessed either way


def test_a_reviewed_year_heading_with_de_still_speaks_from_the_year_after(tmp_path):
    text = "一、2098年的工作回顾\n\n去年，全省城镇新增就业86万人。\n"
    found = track_files([write(tmp_path, "a.txt", text)])
    assert [d.year for d in found.editions] == [2099]  # 的工作回顾 is a review, not 的工作 planned


def test_a_change_noun_after_a_count_does_not_make_it_the_count():
    editions = [
        edition("r2098.txt", 2098, figure("城镇新增就业增幅", 5, year=2098)),
        edition("r2099.txt", 2099, figure("城镇新增就业", 86, year=2098, kind="achieved", unit="万人")),
    ]
    names = {s.name for s in track(editions).series}
    assert (
        "城镇新增就业增幅" in names and "城镇新增就业" not in names
    )  # a share of jobs is not a count of them


def test_a_short_span_clause_opening_the_sentence_spans_the_figure():
    text = "五年累计，全省单位地区生产总值能耗下降15.2%。"
    editions = [
        edition("r2098.txt", 2098, figure("单位地区生产总值能耗", 3, year=2098, direction="decrease")),
        edition(
            "r2099.txt",
            2099,
            figure("单位地区生产总值能耗", 15.2, year=2098, kind="achieved", direction="decrease", text=text),
        ),
    ]
    assert rows_of(track(editions), "单位国内生产总值能耗降低")[2098].verdict == "no outcome yet"


def test_a_plan_named_for_five_years_does_not_span_the_figure_after_it():
    text = "出台实施城镇化五年行动计划，常住人口城镇化率提高到68%。"
    editions = [
        edition("r2098.txt", 2098, figure("常住人口城镇化率", 67.5, year=2098, comparator=">=")),
        edition("r2099.txt", 2099, figure("常住人口城镇化率", 68, year=2098, kind="achieved", text=text)),
    ]
    assert rows_of(track(editions), "常住人口城镇化率")[2098].verdict == "met"


def test_a_streak_of_years_is_one_years_level():
    text = "粮食连续五年增产，总产量达到680万吨。"
    editions = [
        edition("r2098.txt", 2098, figure("粮食总产量", 650, year=2098, unit="万吨", comparator=">=")),
        edition(
            "r2099.txt", 2099, figure("粮食总产量", 680, year=2098, kind="achieved", unit="万吨", text=text)
        ),
    ]
    assert rows_of(track(editions), "粮食总产量")[2098].verdict == "met"


def test_a_span_in_an_earlier_sentence_does_not_reach_the_figure():
    text = "五年来，全省面貌变化巨大。去年城镇新增就业86万人。"
    editions = [
        edition("r2098.txt", 2098, figure("城镇新增就业", 80, year=2098, unit="万人", comparator=">=")),
        edition(
            "r2099.txt", 2099, figure("城镇新增就业", 86, year=2098, kind="achieved", unit="万人", text=text)
        ),
    ]
    assert rows_of(track(editions), "城镇新增就业")[2098].verdict == "met"


def test_an_average_over_years_never_answers_an_annual_target():
    editions = [
        edition(
            "r2098.txt", 2098, figure("国内生产总值", 6, year=2098, comparator="~", direction="increase")
        ),
        edition(
            "r2099.txt",
            2099,
            figure(
                "国内生产总值",
                6.2,
                year=2098,
                kind="achieved",
                direction="increase",
                text="国内生产总值年均增长6.2%",
            ),
        ),
    ]
    assert rows_of(track(editions), "国内生产总值增长")[2098].verdict == "no outcome yet"


def test_a_total_and_another_measure_of_the_same_thing_stay_apart():
    editions = [
        edition("r2098.txt", 2098, figure("能源消费总量", 500, year=2098, unit="吨标准煤")),
        edition("r2099.txt", 2099, figure("能源消费强度", 480, year=2098, kind="achieved", unit="吨标准煤")),
    ]
    assert len(track(editions).series) == 1  # the total's target alone: the intensity result has no target


# "中央财政安排27亿元国债资金…" (named 中央财政) answered the target "中央财政赤字2950亿元", and a result named only
# 支出 (one of four spendings listed) answered the target named 支出: a name that says who pays (中央财政) or
# only that money is spent (支出) says nothing about which figure it is.
def test_a_name_of_the_payer_or_a_bare_spending_pairs_with_nothing():
    editions = [
        edition(
            "r2098.txt",
            2098,
            figure("省财政赤字", 300, year=2098, unit="亿元"),
            figure("支出", 100, year=2098, unit="亿元"),
        ),
        edition(
            "r2099.txt",
            2099,
            figure("省财政", 5, year=2098, kind="achieved", unit="亿元"),
            figure("支出", 10, year=2098, kind="achieved", unit="亿元"),
        ),
    ]
    found = track(editions)
    assert rows_of(found, "省财政赤字")[2098].verdict == "no outcome yet"
    assert rows_of(found, "支出")[2098].verdict == "no outcome yet"


def test_a_deficit_still_meets_the_same_deficit():
    editions = [
        edition("r2098.txt", 2098, figure("省财政赤字", 300, year=2098, unit="亿元", comparator="<=")),
        edition("r2099.txt", 2099, figure("省财政赤字", 290, year=2098, kind="achieved", unit="亿元")),
    ]
    assert rows_of(track(editions), "省财政赤字")[2098].verdict == "met"


# The 2011 report's review sentence (国内生产总值增长10.3%…城镇新增就业1168万人) came out as 2011 targets ahead of
# the real ones (8%左右, 900万人以上), and track kept an edition's first target of a year: the 2011 row judged
# 9.2% against 10.3% (missed). Of one edition's targets for one year, one phrased as a goal (左右, 以上, 以内, a
# range) is the target; a bare number beside it is the doubtful one.
def test_of_one_editions_targets_for_a_year_the_goal_phrased_one_wins():
    editions = [
        edition(
            "r2098.txt",
            2098,
            figure("国内生产总值", 9.3, year=2098, direction="increase"),
            figure("国内生产总值", 7, year=2098, comparator="~", direction="increase"),
        ),
        edition(
            "r2099.txt", 2099, figure("国内生产总值", 8.2, year=2098, kind="achieved", direction="increase")
        ),
    ]
    row = rows_of(track(editions), "国内生产总值增长")[2098]
    assert (row.target.value, row.verdict) == (7, "met")


def test_of_two_goal_phrased_targets_the_first_still_wins():
    editions = [
        edition(
            "r2098.txt",
            2098,
            figure("国内生产总值", 7, year=2098, comparator="~", direction="increase"),
            figure("国内生产总值", 6.5, year=2098, comparator=">=", direction="increase"),
        ),
        edition(
            "r2099.txt", 2099, figure("国内生产总值", 6.8, year=2098, kind="achieved", direction="increase")
        ),
    ]
    assert rows_of(track(editions), "国内生产总值增长")[2098].target.value == 7  # the restatement comes later


def test_a_later_editions_bare_target_still_replaces_an_earlier_goal():
    editions = [
        edition(
            "r2097.txt", 2097, figure("国内生产总值", 7, year=2098, comparator="~", direction="increase")
        ),
        edition("r2098.txt", 2098, figure("国内生产总值", 7.5, year=2098, direction="increase")),
    ]
    assert (
        rows_of(track(editions), "国内生产总值增长")[2098].target.value == 7.5
    )  # the latest edition decides


# The result "去年居民消费价格涨幅回落到2.6%" is named with its verb (居民消费价格涨幅回落到) and stayed out of the CPI
# series; the deficit ratio reviewed as "财政赤字占国内生产总值的比重…1.5%左右" and energy intensity as "能源消耗强度"
# were not known wordings of 赤字率 and 单位国内生产总值能耗降低.
def test_a_known_wording_with_its_verb_left_on_is_still_that_indicator():
    editions = [
        edition("r2098.txt", 2098, figure("居民消费价格涨幅", 3, year=2098, comparator="~")),
        edition("r2099.txt", 2099, figure("居民消费价格涨幅回落到", 1.6, year=2098, kind="achieved")),
    ]
    row = rows_of(track(editions), "居民消费价格涨幅")[2098]
    assert (row.achieved and row.achieved.value, row.verdict) == (1.6, "met")


def test_a_verb_left_on_an_unknown_name_changes_nothing():
    editions = [
        edition("r2098.txt", 2098, figure("乡间公路里程", 3, year=2098, unit="万公里")),
        edition(
            "r2099.txt", 2099, figure("乡间公路里程达到", 3.2, year=2098, kind="achieved", unit="万公里")
        ),
    ]
    names = {s.name for s in track(editions).series}
    assert (
        "乡间公路里程" in names
    )  # name pairing is diff's rule, untouched; only canonical wordings are read through


# The plan's "今后五年国内生产总值年均增长7.5%" was named 国内生产总值年均, outside the GDP series its five-year
# result would join: the span's 年均 left on a known wording is that wording too.
def test_a_known_wording_with_the_spans_nian_jun_left_on_is_that_indicator():
    target = figure(
        "国内生产总值年均",
        6.5,
        year=2100,
        direction="increase",
        text="今后五年全省地区生产总值年均增长6.5%。",
    )
    achieved = figure(
        "国内生产总值", 7.1, year=2100, kind="achieved", direction="increase", since=2096, text="年均增长7.1%"
    )
    editions = [edition("r2096.txt", 2096, target), edition("r2101.txt", 2101, achieved)]
    row = rows_of(track(editions), "国内生产总值增长")[2100]
    assert (row.achieved and row.achieved.value, row.verdict) == (7.1, "met")


@pytest.mark.parametrize(
    ("target", "result", "series"),
    [
        ("赤字率", "财政赤字占国内生产总值的比重", "赤字率"),
        ("能源消耗强度", "单位国内生产总值能耗", "单位国内生产总值能耗降低"),
    ],
)
def test_the_deficit_ratio_and_energy_intensity_under_their_review_wordings(target, result, series):
    editions = [
        edition("r2098.txt", 2098, figure(target, 2, year=2098, comparator="~", direction="decrease")),
        edition("r2099.txt", 2099, figure(result, 1.9, year=2098, kind="achieved", direction="decrease")),
    ]
    row = rows_of(track(editions), series)[2098]
    assert row.achieved is not None and row.achieved.value == 1.9


# ---------------------------------------------------------------- targets (owned by the targets helper)


def test_an_unmet_target_restated_in_the_review_is_not_the_result():
    text = "一、2097年工作回顾\n\n但是，全省没有实现年初确定的单位地区生产总值能耗降低3%左右的目标。\n"
    assert not [f for f in figures(text) if f.kind == "achieved" and f.value == 3]


def test_a_price_target_after_a_qualitative_clause_keeps_its_own_name():
    text = "今年全省主要目标是：城镇登记失业率控制在4.5%以内；物价总水平基本稳定，居民消费价格总水平涨幅在 2%以内。\n"
    found = {f.value: f.indicator for f in figures(text, 2098) if f.kind == "target"}
    assert "居民消费价格" in found.get(2, "")


def test_last_years_results_under_this_years_work_heading_are_results():
    text = (
        "三、2099年的工作\n\n2099年，是开局之年。过去一年，我们的各项工作取得了很大成绩。全省地区生产总值增长7.3%，"
        "居民消费价格涨幅控制在 2.3%，城镇新增就业86万人。这为做好今年的工作打下了良好基础。\n\n"
        "今年的主要预期目标是：地区生产总值增长6%左右。\n"
    )
    past = next(f for f in figures(text, 2099) if f.value == 7.3)
    assert (past.kind, past.year) == ("achieved", 2098)


def test_five_year_review_figures_without_lai_span_five_years():
    text = "一、过去五年工作回顾\n\n五年全省新增城镇就业410万人。五年累计，单位地区生产总值能耗下降 15.2%。\n"
    found = [f for f in figures(text, 2099) if f.value in (4_100_000, 15.2)]
    assert len(found) == 2 and all(f.since is not None for f in found)


def test_a_plan_period_target_is_due_at_the_periods_end():
    text = "《纲要（草案）》提出了“十九五”期间单位地区生产总值能源消耗降低18%左右、主要污染物排放总量减少9%等目标。\n"
    years = {f.value: f.year for f in figures(text, 2046) if f.kind == "target"}
    assert years == {18: 2050, 9: 2050}


def test_an_average_growth_after_a_spaced_level_keeps_the_name():
    text = "一、过去五年工作回顾\n\n这五年，全省地区生产总值达到8.8 万亿元，年均增长9.1%。\n"
    growth = next(f for f in figures(text, 2099) if f.value == 9.1)
    assert "地区生产总值" in growth.indicator


def test_a_deadline_does_not_leak_into_the_next_sentence():
    text = "到明年底，基本实现全省具备条件的村通公路。再解决300万人安全饮水问题。\n"
    water = next(f for f in figures(text, 2099) if f.value == 3_000_000)
    assert (water.kind, water.year) == ("target", 2099)


def test_households_added_are_read():
    text = "今年要增加20万农村沼气用户。\n"
    assert [f.value for f in figures(text, 2099)] == [200_000]


def test_a_share_of_counties_is_named_after_the_programme():
    text = "今年把互助医疗试点的范围扩大到全省60%的县。\n"
    share = next(f for f in figures(text, 2099) if f.value == 60)
    assert "互助医疗" in share.indicator


def test_shared_values_after_an_inserted_clause_keep_their_names():
    text = "2098年单位地区生产总值能耗比上年下降3.1%，甲醛、乙醛排放总量首次双下降，比上年分别下降2.4％和3.6％。\n"
    names = {f.value: f.indicator for f in figures(text, 2099)}
    assert "甲醛" in names.get(2.4, "") and "乙醛" in names.get(3.6, "")


def test_a_target_restated_in_its_explanation_is_not_a_second_target():
    text = (
        "今年全省的预期目标是：居民消费价格涨幅控制在3%左右。"
        "提出居民消费价格涨幅控制在3%左右，主要是考虑了去年价格上涨的翘尾影响。\n"
    )
    assert len([f for f in figures(text, 2099) if f.kind == "target" and f.value == 3]) == 1


@pytest.mark.xfail(
    strict=True,
    reason="targets/: a sentence opening with 去年 in the year's targets section (去年居民消费价格涨幅回落到2.6%，这是…) "
    "is read as this year's target, and its name keeps the verb (居民消费价格涨幅回落到)",
)
def test_last_years_figure_explaining_a_target_is_a_result():
    text = "今年全省的预期目标是：居民消费价格涨幅3%左右。\n\n去年居民消费价格涨幅回落到1.6%，这是控制通货膨胀的成果。\n"
    past = next(f for f in figures(text, 2099) if f.value == 1.6)
    assert (past.kind, past.year, past.indicator) == ("achieved", 2098, "居民消费价格涨幅")


@pytest.mark.xfail(
    strict=True,
    reason="targets/: a comparison base year inside a sentence (安排资金1713亿元，是2010年的2.2倍，全年城镇保障性住房基本"
    "建成432万套) dates the sentence's later figures to that base year, so a 2011 result meets a 2010 target",
)
def test_a_comparison_base_year_does_not_date_the_next_figure():
    text = (
        "一、2098年工作回顾\n\n省财政安排资金171亿元，是2096年的2.2倍，全年城镇保障性住房基本建成43万套。\n"
    )
    homes = next(f for f in figures(text) if f.value == 430_000)
    assert homes.year == 2098


# ---------------------------------------------------------------- structure (owned by the structure helper)


def test_an_opening_sentence_without_its_full_stop_is_not_the_title():
    document = parse_text(
        "各位代表：\n\n现在，我代表省人民政府，向大会报告政府工作，请各位代表审议，并请省政协委员提出意见\n\n"
        "一、2098年工作回顾\n\n过去一年，全省城镇新增就业86万人。\n"
    )
    assert (
        document.metadata.title
        != "现在，我代表省人民政府，向大会报告政府工作，请各位代表审议，并请省政协委员提出意见"
    )


def test_a_heading_about_a_cited_outline_is_not_the_title():
    document = parse_text(
        "各位代表：\n\n现在，我代表省人民政府作政府工作报告。\n\n一、去年工作回顾\n\n去年全省城镇新增就业86万人。\n\n"
        "三、关于《\n某省国民经济和社会发展第十九个五年规划纲要（草案）\n》的说明\n\n纲要提出今后五年地区生产总值年均增长6%。\n"
    )
    assert document.metadata.title != "某省国民经济和社会发展第十九个五年规划纲要（草案）"
