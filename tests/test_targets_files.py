"""Held-out real files (tests/gold/targets/files): their gold loads, and the error classes met on them stay fixed."""

from __future__ import annotations

from pathlib import Path

import pytest
from bench.eval import FORMATS, gold_files, is_file_gold, load_gold

from policykit.pipeline import load_document
from policykit.targets import TargetContext, extract_targets, extract_text
from policykit.zh.numerals import find_quantities

FILES_DIR = Path(__file__).resolve().parent / "gold" / "targets" / "files"


def test_every_file_gold_loads_and_names_a_real_format_file():
    paths = sorted(FILES_DIR.glob("*.yaml"))
    assert len(paths) >= 4, "the four held-out files have gold"
    for path in paths:
        gold = load_gold(path)
        assert is_file_gold(path)
        assert gold.document.parent == FORMATS and gold.document.stem == path.stem, path.name
        assert gold.document.suffix in {".pdf", ".html", ".docx"}, path.name
        assert gold.achieved is not None, f"{path.name}: a file gold annotates achieved figures too"
        for item in gold.targets + gold.optional + (gold.achieved or ()):
            assert item.indicator and item.line and isinstance(item.unit, str), (path.name, item)
            assert item.year is None or 1949 < item.year < 2100, (path.name, item)


def test_the_default_run_scores_the_file_gold_after_the_corpus_gold():
    paths = gold_files([])
    held = [p for p in paths if is_file_gold(p)]
    assert held and paths[-len(held) :] == held


# ---------------------------------------------------------------- classes met on the held-out files
# Each class is stated with sentences written in the style of real reports (not copied from them), then checked
# end to end on the real file through its format reader (skipped where ../shared/formats is absent).


def read(text: str, year: int | None = None) -> list[tuple[str, float, str, str, str | None]]:
    """Every figure of a text with --all: (indicator, value, unit, kind, direction)."""
    found = extract_text(text, context=TargetContext(reference_year=year), include_all=True)
    return [(t.indicator, t.value, t.unit, t.kind, t.direction) for t in found]


def test_a_level_reached_by_extending_names_what_was_extended():
    # 拓展至/扩展到 reach a level as 增至 does: the noun before the verb is what the count counts
    found = read("过去一年，在餐饮等30个行业推行“一证准营”，综合监管试点拓展至45个。", 2025)
    assert ("综合监管试点", 45, "个", "achieved", None) in found
    assert read("到2027年，示范场景扩展到120个。")[0][:3] == ("示范场景", 120, "个")
    # henan-gov-work-report-2026 line 13 has the same class: 跨境电商综试区扩容至7个
    assert read("去年，新设企业8.2万家，综合试验区扩容至9个。", 2026)[-1][:3] == ("综合试验区", 9, "个")


def test_shares_before_de_joined_by_he_each_name_the_noun_after_them():
    found = read("过去一年，88%的社区和91%的行政村建成养老服务站。", 2025)
    assert [(name, value) for name, value, *_ in found] == [("社区", 88), ("行政村", 91)]


def test_a_fenbie_list_compared_with_a_year_distributes_its_values():
    found = read("过去一年，火灾起数和亡人数分别比2020年下降6.1%和2.3%。", 2025)
    assert [(name, value, direction) for name, value, _, _, direction in found] == [
        ("火灾起数", 6.1, "decrease"),
        ("亡人数", 2.3, "decrease"),
    ]


def test_tasks_counted_as_done_are_results_not_the_documents_layout():
    found = read("一年来，东郊片区腾退等36项重点任务全面完成。", 2025)
    assert [(value, kind) for _, value, _, kind, _ in found] == [(36, "achieved")]
    # the document's own parts stay layout
    assert read("今年重点抓好以下6个方面工作。", 2025)[0][3] == "figure"


def test_a_distance_with_nei_before_a_measured_noun_is_a_qualifier():
    found = read("过去一年，100米内换乘比例提高到81%。", 2025)
    assert [(value, unit) for _, value, unit, kind, _ in found if kind == "achieved"] == [(81, "%")]


def test_a_multiple_of_an_earlier_state_is_named_before_the_level_verb():
    found = read("过去一年，挂牌企业数量增至设立时的近四倍。", 2025)
    assert found == [("挂牌企业数量", 4, "倍", "achieved", None)]
    (target,) = extract_text("到2030年，科技投入提高到2020年的2倍。")
    assert (target.indicator, target.value, target.year) == ("科技投入", 2, 2030)


def test_a_worded_count_of_things_or_a_multiple_is_a_quantity_but_categories_in_words_are_not():
    (target,) = extract_text("2027年，完成五幅征收地块出让工作。", context=TargetContext(reference_year=2026))
    assert (target.value, target.unit, target.year) == (5, "幅", 2027)
    assert (
        extract_text("落实十项重点任务，抓好三个方面工作。", context=TargetContext(reference_year=2026)) == []
    )


def test_a_forecast_of_the_governments_own_relief_is_its_plan():
    found = extract_text(
        "预计全年减税降费约1.8万亿元，其中退税约9000亿元。", context=TargetContext(reference_year=2023)
    )
    assert [(t.value, t.comparator) for t in found] == [(1.8e12, "~"), (9e11, "~")]
    # what others do stays a forecast
    assert extract_text("预计今年新增劳动力超过1500万人。", context=TargetContext(reference_year=2023)) == []


def test_yuanzeshang_under_a_goals_deadline_is_a_goal_with_latitude():
    text = "到2026年，实训课时原则上占总课时一半以上。"
    (target,) = extract_text(text)
    assert (target.value, target.unit, target.comparator, target.year) == (50, "%", ">=", 2026)
    assert extract_text("补贴发放期限原则上不超过24个月。") == []


# ---------------------------------------------------------------- classes met on the corpus gold in the same pass


def test_a_units_bracketed_alternatives_do_not_cut_the_unit():
    # guangdong-gov-work-report-2026 line 12: 2813.8万辆（艘、架、列）次 counts 辆次, not 辆
    (quantity,) = find_quantities("出入境交通工具达120万辆（艘、架）次")
    assert (quantity.value, quantity.unit) == (1_200_000, "辆次")
    assert [q.unit for q in find_quantities("建成超100条（个）幸福河湖")] == ["条"]


def test_counts_of_what_befell_a_place_are_no_results():
    # guangdong-gov-work-report-2026 line 20: 成功应对22轮强降水和“桦加沙”等15个台风
    assert [kind for *_, kind, _ in read("去年成功抵御12轮寒潮和4个台风，新建堤防30公里。", 2026)] == [
        "figure",
        "figure",
        "achieved",
    ]


def test_a_record_size_after_a_superlative_describes_the_thing():
    # henan-gov-work-report-2026 line 11: 全球最高10米液压支架成功下线
    found = read("去年，全国最高12米液压支架成功下线，新建道路45公里。", 2026)
    assert [(value, unit) for _, value, unit, kind, _ in found if kind == "achieved"] == [(45, "公里")]


# ---------------------------------------------------------------- end to end on the real files


def _file_figures(name: str) -> list:
    path = FORMATS / name
    if not path.is_file():
        pytest.skip(f"real file not found at {path}: these tests need ../shared/formats")
    return extract_targets(load_document(path), include_all=True)


def test_the_beijing_report_pdf_reads_the_classes_end_to_end():
    found = {
        (t.indicator, t.value, t.unit, t.kind) for t in _file_figures("beijing-gov-work-report-2024.pdf")
    }
    for expected in [
        ("一体化综合监管试点", 50, "个", "achieved"),
        ("农户", 96, "%", "achieved"),
        ("死亡人数", 1.8, "%", "achieved"),
        ("重点任务全面完成", 48, "项", "achieved"),
        ("上市公司数量", 3, "倍", "achieved"),
    ]:
        assert expected in found, expected
    assert not any(unit == "米" and kind == "achieved" for _, _, unit, kind in found)


@pytest.mark.parametrize(
    "name", ["labour-contract-law-prc.docx", "guangzhou-public-rental-housing-2024-13.html"]
)
def test_a_law_and_a_banfa_from_real_files_yield_no_target_and_no_result(name):
    kinds = {t.kind for t in _file_figures(name)}
    assert not kinds & {"target", "achieved"}, name
