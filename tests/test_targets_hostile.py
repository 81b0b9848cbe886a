"""Pathological inputs from issue 16: extraction stays linear, never recurses, and finishes in a bound.

Each case is a regression guard with a generous time bound, not a benchmark: before the fix these took
from 18 s to minutes, or raised RecursionError.
"""

from __future__ import annotations

import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policykit.pipeline import parse_text
from policykit.targets import extract_targets, extract_text
from policykit.zh.numerals import find_quantities, parse_number

BOUND = 5.0  # seconds; the fixed code takes well under one on the project's shared 2-core machine

CASES = {
    # 39 KB of —— items with no full stop, each holding figures: one sentence, thousands of quantities
    "dash-items": "——新建口袋公园10个，改造老旧小区3000户" * 600,
    # 80,000 spaces inside one sentence: an unbounded \\s* in the deadline pattern backtracked over them
    "spaces": "到2025年" + " " * 80_000 + "完成10个项目。",
    # 6%-6%-… × 4000: no segment boundary, so every quantity's left context was all the text before it
    "dash-chain": "增长" + "6%-" * 4000 + "6%。",
    # a 分别 list of 50 names and 1000 values: the names were re-read and re-tagged for every value
    "distributed": "、".join(f"指标{i}" for i in range(50))
    + "分别达到"
    + "、".join(f"{i}家" for i in range(1000))
    + "。",
    # a long run of 一…亿 numerals: the numeral reader recursed once per 亿
    "yi-run": "建设" + "一亿" * 3000 + "个项目。",
    "numeral-run": "一二三四五六七八九十百千万亿" * 300 + "个",
}


@pytest.fixture(scope="module", autouse=True)
def _warm():
    extract_text("到2025年，充电桩保有量达1.3万台。")  # load jieba and the data before any timing


@pytest.mark.parametrize("name", list(CASES))
def test_pathological_text_is_read_in_bounded_time(name):
    started = time.process_time()  # CPU time: other work on a shared machine does not count
    targets = extract_text(CASES[name], include_all=True)
    assert time.process_time() - started < BOUND, f"{name}: extraction is no longer linear"
    for target in targets:
        assert len(target.text) <= 2 * 240 + 2  # evidence is bounded, not the whole 80 KB sentence


@pytest.mark.parametrize("name", ["dash-items", "distributed"])
def test_pathological_documents_parse_and_extract_in_bounded_time(name):
    text = "\n".join([CASES[name]] * 5)  # ~200 KB through the whole pipeline
    started = time.process_time()
    found = extract_targets(parse_text(text), include_all=True)
    assert time.process_time() - started < 4 * BOUND
    assert found


def _cpu_seconds(text: str) -> float:
    started = time.process_time()
    extract_targets(parse_text(text), include_all=True)
    return time.process_time() - started


def test_a_sentence_four_times_as_long_costs_about_four_times_as_much():
    # a 40 KB sentence of figures took 0.4 s of CPU and four of them 3.5 s: each figure searched the whole
    # sentence for penalty and definition words. Linear is ~4×; the bound leaves room for noise, not for n².
    one = _cpu_seconds(CASES["dash-items"])
    four = _cpu_seconds("\n".join([CASES["dash-items"]] * 4))
    assert four < 6 * one, (one, four)


def test_distributed_list_still_pairs_each_value_with_its_name():
    found = extract_text(CASES["distributed"], include_all=True)
    by_value = {t.value: t.indicator for t in found}
    assert by_value[0] == "指标0" and by_value[49] == "指标49"  # the 50th name, 700 characters on


def test_a_long_run_of_yi_is_not_a_number_and_does_not_recurse():
    assert find_quantities("一亿" * 3000 + "个") == []
    with pytest.raises(ValueError):
        parse_number("一亿" * 3000)


def test_numerals_with_several_yi_still_read():
    assert parse_number("一万零五亿三千万") == 1_000_530_000_000
    assert parse_number("三亿零五十万") == 300_500_000


def test_spaces_do_not_hide_the_deadline():
    (target,) = extract_text("到2025年" + " " * 80_000 + "建成10个污水处理厂。")
    assert target.year == 2025 and target.value == 10


@given(st.text(alphabet="指标，、。;\n12家", max_size=500), st.data())
def test_a_list_segment_starts_after_the_last_clause_mark_within_its_span(text, data):
    from policykit.targets.indicator import LIST_SPAN, _segment_start_no_dun

    position = data.draw(st.integers(0, len(text)))
    floor = data.draw(st.integers(0, position))
    lowest = max(floor, position - LIST_SPAN)
    marks = [i for i in range(lowest, position) if text[i] in "，,；;：:。！？!?\n"]
    assert _segment_start_no_dun(text, position, floor) == (marks[-1] + 1 if marks else lowest)
