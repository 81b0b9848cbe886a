"""The gold scorer's matching (bench/eval.py) on small made-up lists, not the extractor's score."""

from __future__ import annotations

from pathlib import Path

import pytest
from bench.eval import Entry, indicators_match, load_gold, main, score

GOLD_DIR = Path(__file__).resolve().parent / "gold" / "targets"


def entry(indicator: str, value: float, unit: str = "家", year: int | None = 2025, **kw) -> Entry:
    return Entry(indicator=indicator, value=value, unit=unit, year=year, **kw)


def test_true_positive_false_positive_and_miss():
    gold = [entry("高新技术企业", 1500), entry("科技型中小企业", 1200)]
    found = [entry("高新技术企业", 1500), entry("产业集群", 3, "个")]
    result = score(gold, found)
    assert (result.tp, result.fp, result.fn) == (1, 1, 1)
    assert result.misses == [gold[1]]
    assert result.false_positives == [found[1]]
    assert result.prf == pytest.approx((0.5, 0.5, 0.5))


def test_optional_and_achieved_entries_count_neither_way():
    gold = [entry("新型研发机构数量", 20)]
    neutral = [entry("千亿级产业集群", 2, "个", year=None)]
    found = [entry("新型研发机构数量", 20), entry("千亿级产业集群", 2, "个", year=2025)]
    result = score(gold, found, neutral)
    assert (result.tp, result.fp, result.fn, result.neutral) == (1, 0, 0, 1)
    assert result.prf == pytest.approx((1.0, 1.0, 1.0))


def test_loose_indicator_match_by_containment_and_overlap():
    assert indicators_match("新能源汽车保有量", "全市新能源汽车保有量")
    assert indicators_match("实现空间信息产业规模", "空间信息产业规模超")
    assert indicators_match("城镇新增就业人数", "城镇新增就业")
    assert not indicators_match("高标准农田", "新能源汽车")
    assert not indicators_match("", "新能源汽车")  # an empty indicator matches nothing
    result = score([entry("新引进和培育商业航天重点企业", 10)], [entry("商业航天重点企业", 10)])
    assert result.tp == 1


def test_unit_value_or_year_mismatch_is_a_miss_and_a_false_positive():
    gold = [entry("充电桩保有量", 13000, "台")]
    for found in (
        entry("充电桩保有量", 13000, "个"),
        entry("充电桩保有量", 1.3, "台"),
        entry("充电桩保有量", 13000, "台", year=2024),
    ):
        result = score(gold, [found])
        assert (result.tp, result.fp, result.fn) == (0, 1, 1), found


def test_values_agree_within_relative_tolerance_and_ranges_need_their_upper():
    gold = [entry("地区生产总值增长", 4.5, "%", upper=5.0)]
    assert score(gold, [entry("地区生产总值增长", 4.5 * (1 + 1e-9), "%", upper=5.0)]).tp == 1
    assert score(gold, [entry("地区生产总值增长", 4.5, "%")]).tp == 0


def test_comparator_mismatch_is_not_a_miss_but_lowers_exact():
    gold = [
        entry("自然岸线保有率", 35, "%", comparator=">="),
        entry("人才总量", 960000, "人", comparator=">"),
    ]
    found = [entry("自然岸线保有率", 35, "%"), entry("人才总量", 960000, "人", comparator=">")]
    result = score(gold, found)
    assert (result.tp, result.fp, result.fn, result.comparator_mismatch) == (2, 0, 0, 1)
    assert result.prf[2] == pytest.approx(1.0)
    assert result.exact_prf[2] == pytest.approx(0.5)


def test_matching_is_one_to_one_and_a_repeated_mention_is_neutral():
    gold = [entry("新建和改造提升农村公路", 2500, "公里", line=110)]
    found = [entry("农村公路", 2500, "公里", line=110), entry("农村公路", 2500, "公里", line=180)]
    result = score(gold, found)
    assert (result.tp, result.fp, result.fn, result.duplicate) == (1, 0, 0, 1)


def test_greedy_prefers_the_pair_with_the_same_comparator():
    gold = [entry("高速公路里程", 9500, "公里", comparator=">"), entry("高速公路里程", 9500, "公里")]
    found = [entry("高速公路里程", 9500, "公里")]
    result = score(gold, found)
    assert result.comparator_mismatch == 0 and result.misses == [gold[0]]


def test_every_gold_file_loads_and_points_at_a_corpus_name():
    files = sorted(GOLD_DIR.glob("*.yaml"))
    assert files, "no gold files"
    for path in files:
        gold = load_gold(path)
        assert gold.document.name == path.stem + ".txt"
        for item in gold.targets:
            # A unit or a deadline may be absent where the text prints none (a "<1" rate cell, a
            # processing time limit); the file header says so. Indicator and evidence line never are.
            assert item.indicator and item.line, (path.name, item)
            assert isinstance(item.unit, str) and (item.year is None or 1949 < item.year < 2100), (
                path.name,
                item,
            )


def test_main_reports_and_exits_zero_on_a_missing_document(tmp_path, capsys):
    gold = tmp_path / "nowhere.yaml"
    gold.write_text("document: no-such-document.txt\ntargets:\n  - {indicator: 甲, value: 1, unit: 个}\n")
    assert main([str(gold)]) == 0
    assert "skipped" in capsys.readouterr().out


def test_ignore_year_is_a_diagnostic_that_only_drops_the_year():
    gold = [entry("充电桩保有量", 13000, "台", year=2025)]
    found = [entry("充电桩保有量", 13000, "台", year=None)]
    assert score(gold, found).tp == 0
    assert score(gold, found, check_year=False).tp == 1
    assert score(gold, [entry("充电桩保有量", 13000, "个", year=None)], check_year=False).tp == 0
