"""Target extraction: golden cases as data, the annotated seed, the 2024 work report, the CLI contract."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from policykit.cli import app
from policykit.targets import TargetContext, attach_targets, extract_targets, extract_text


def _load_cases() -> dict[str, list]:
    """Merge tests/cases/targets.yaml and every targets_*.yaml into one dict of case lists."""
    merged: dict[str, list] = {}
    for path in sorted((Path(__file__).parent / "cases").glob("targets*.yaml")):
        for section, cases in yaml.safe_load(path.read_text(encoding="utf-8")).items():
            merged.setdefault(section, []).extend(cases or [])
    return merged


CASES = _load_cases()


def _same_indicator(expected: str, found: str) -> bool:
    expected = expected.replace("“", "").replace("”", "")
    return bool(found) and (expected in found or found in expected)


def _matches(expected: dict, target) -> bool:
    for key, want in expected.items():
        got = getattr(target, key)
        if key == "indicator":
            if not _same_indicator(want, got):
                return False
        elif got != want:
            return False
    return True


@pytest.mark.parametrize("case", CASES["positive"], ids=lambda case: case["text"][:16])
def test_positive_cases_yield_exactly_their_targets(case):
    found = extract_text(case["text"], context=TargetContext(reference_year=case.get("year")))
    assert len(found) == len(case["targets"]), [(t.indicator, t.quantity) for t in found]
    for expected, target in zip(case["targets"], found, strict=True):
        assert _matches(expected, target), (expected, target)


def _exactly(case) -> None:
    found = extract_text(case["text"], context=TargetContext(reference_year=case.get("year")))
    assert len(found) == len(case["targets"]), [(t.indicator, t.quantity) for t in found]
    for expected, target in zip(case["targets"], found, strict=True):
        assert _matches(expected, target), (expected, target)


@pytest.mark.parametrize("case", CASES.get("indicators", []), ids=lambda case: case["text"][:16])
def test_indicator_is_the_noun_the_quantity_measures(case):
    found = extract_text(case["text"], context=TargetContext(reference_year=case.get("year")))
    assert len(found) == len(case["targets"]), [(t.indicator, t.quantity) for t in found]
    for expected, target in zip(case["targets"], found, strict=True):
        assert target.indicator == expected["indicator"], target.indicator
        assert _matches(expected, target), (expected, target)


@pytest.mark.parametrize("case", CASES.get("qualifier", []), ids=lambda case: case["text"][:16])
def test_a_number_that_qualifies_a_noun_is_a_figure(case):
    _exactly(case)
    every = extract_text(
        case["text"], context=TargetContext(reference_year=case.get("year")), include_all=True
    )
    assert {t.kind for t in every} == {"target", "figure"}


@pytest.mark.parametrize(
    "case",
    [
        pytest.param(c, marks=pytest.mark.xfail(strict=True, reason=c["reason"]))
        for c in CASES.get("xfail", [])
    ],
    ids=lambda case: case["text"][:16],
)
def test_known_misses(case):
    _exactly(case)


@pytest.mark.parametrize("text", CASES["negative"], ids=lambda text: text[:16])
def test_negative_cases_yield_no_targets(text):
    assert [(t.indicator, t.quantity) for t in extract_text(text)] == []


@pytest.mark.parametrize("case", CASES["achieved"], ids=lambda case: case["text"][:16])
def test_results_already_achieved_are_kept_only_with_include_all(case):
    context = TargetContext(reference_year=case["year"])
    assert extract_text(case["text"], context=context) == []
    every = extract_text(case["text"], context=context, include_all=True)
    assert every and {t.kind for t in every} == {"achieved"}


def test_evidence_points_at_the_clause_and_line():
    (target,) = extract_text(
        "前文。\n到2025年，充电桩保有量达1.3万台。", clause="3.1", locate=lambda offset: (10 + offset, 2)
    )
    assert (target.clause, target.quantity, target.page) == ("3.1", "1.3万台", 2)
    assert target.line == 10 + "前文。\n到2025年，充电桩保有量达1.3万台。".index("1.3万台")
    assert target.text == "到2025年，充电桩保有量达1.3万台。"


# ---------------------------------------------------------------- the annotated seed


@pytest.fixture(scope="module")
def seed_document(seed_path):
    from policykit.pipeline import load_document

    return load_document(seed_path)


@pytest.fixture(scope="module")
def seed_reference(eval_dir):
    return yaml.safe_load((eval_dir / "seed-targets.yaml").read_text(encoding="utf-8"))


def _seed_match(annotation: dict, target) -> bool:
    return (
        target.value == annotation["value"]
        and target.unit == annotation["unit"]
        and target.year == annotation.get("year")
        and target.comparator == annotation.get("comparator")
        and _same_indicator(annotation["indicator"], target.indicator)
    )


def test_seed_finds_every_annotated_target(seed_document, seed_reference):
    found = extract_targets(seed_document)
    missing = [a["indicator"] for a in seed_reference["targets"] if not any(_seed_match(a, t) for t in found)]
    assert missing == []


def test_seed_has_no_false_positives(seed_document, seed_reference):
    allowed = seed_reference["targets"] + seed_reference.get("optional", [])
    extra = [
        (t.indicator, t.quantity)
        for t in extract_targets(seed_document)
        if not any(t.value == a["value"] and t.unit == a["unit"] for a in allowed)
    ]
    assert extra == []


def test_attach_targets_puts_each_target_under_its_clause(seed_document):
    attached = attach_targets(seed_document)
    by_clause = {c.id: c.targets for c in attached.walk() if c.targets}
    assert sum(map(len, by_clause.values())) == len(extract_targets(seed_document))
    assert all(t.clause == clause_id for clause_id, targets in by_clause.items() for t in targets)


# ---------------------------------------------------------------- the corpus


@pytest.fixture(scope="module")
def work_report_2024(corpus_dir):
    from policykit.pipeline import load_document

    return load_document(corpus_dir / "gov-work-report-2024.txt")


def test_work_report_main_goals_come_out_and_last_year_does_not(work_report_2024):
    found = extract_targets(work_report_2024)
    goals = {(t.indicator, t.value, t.unit, t.comparator) for t in found if t.year == 2024}
    assert {
        ("国内生产总值", 5, "%", "~"),
        ("城镇新增就业", 12_000_000, "人", ">="),
        ("城镇调查失业率", 5.5, "%", "~"),
        ("居民消费价格涨幅", 3, "%", "~"),
        ("粮食产量", 1.3e12, "斤", ">="),
        ("单位国内生产总值能耗", 2.5, "%", "~"),
    } <= goals
    assert not [t for t in found if t.clause.split(".")[0] == "1"], "the 2023 review is results, not targets"
    review = [t for t in extract_targets(work_report_2024, include_all=True) if t.clause.split(".")[0] == "1"]
    assert review and {t.kind for t in review} <= {"achieved", "figure"}


@pytest.fixture(scope="module")
def minhang_plan(corpus_dir):
    from policykit.pipeline import load_document

    return load_document(corpus_dir / "shanghai-minhang-urban-renewal-15th-fyp.txt")


def test_indicator_table_rows_give_their_target_column(minhang_plan):
    table = [t for t in extract_targets(minhang_plan) if t.clause == "1.t1" and t.year == 2030]
    got = {(t.indicator, t.value, t.unit, t.comparator) for t in table}
    assert {
        ("旧住房成套改造任务", 14_000, "平方米", None),
        ("完整社区覆盖率", 60, "%", None),
        ("推动商务楼宇更新数量", 10, "个", ">="),
        ("老旧街区改造数量", 5, "个", ">="),
        ("人均应急避难面积", 1.7, "平方米", ">"),
        ("人均公园绿地面积", 11.5, "平方米", None),
    } <= got
    assert len(table) == 10, sorted(got)
    row = next(t for t in table if t.indicator == "燃气老化管道改造数量")
    assert (row.quantity, row.line) == ("421公里", 99) and "约束性" in row.text


def test_indicator_table_done_column_is_achieved(minhang_plan):
    done = [
        t
        for t in extract_targets(minhang_plan, include_all=True)
        if t.clause == "1.t1" and t.kind == "achieved"
    ]
    assert {(t.indicator, t.value, t.year) for t in done} >= {("燃气老化管道改造数量", 355, 2025)}
    assert all(t.year == 2025 for t in done)


def test_goal_heading_of_a_five_year_plan_sets_its_end_year(corpus_dir):
    from policykit.pipeline import load_document

    found = extract_targets(load_document(corpus_dir / "gov-work-report-2021.txt"))
    plan = {t.indicator: t.year for t in found if t.clause.startswith("2.d")}
    assert plan.get("常住人口城镇化率") == 2025 and plan.get("森林覆盖率") == 2025


# ---------------------------------------------------------------- CLI


def test_cli_extract_json_has_the_documented_fields(runner, seed_path):
    result = runner.invoke(app, ["extract", str(seed_path), "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    keys = {"indicator", "value", "unit", "comparator", "year", "kind", "text", "clause", "line", "document"}
    assert rows and keys <= set(rows[0])
    assert {row["kind"] for row in rows} == {"target"}


def test_cli_extract_several_files_csv_and_all(runner, seed_path, corpus_dir):
    report = corpus_dir / "gov-work-report-2024.txt"
    result = runner.invoke(app, ["extract", str(seed_path), str(report), "--format", "csv", "--all"])
    assert result.exit_code == 0, result.output
    header, *lines = result.stdout.splitlines()
    assert header.startswith("document,clause,line,page,indicator,comparator,value")
    assert {"target", "achieved"} <= {line.split(",")[11] for line in lines}


def test_cli_extract_table_shows_indicator_and_source(runner, seed_path):
    result = runner.invoke(app, ["extract", str(seed_path), "--format", "table"])
    assert result.exit_code == 0, result.output
    assert "充电桩保有量" in result.stdout and "s3.p1" in result.stdout


def test_cli_extract_missing_file_is_one_line_and_exit_1(runner, tmp_path):
    result = runner.invoke(app, ["extract", str(tmp_path / "missing.txt")])
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "Error:" in result.stderr


def test_cli_extract_table_shows_printed_and_normalised_value_in_100_columns(seed_path, corpus_dir):
    from rich.cells import cell_len
    from typer.testing import CliRunner

    narrow = CliRunner(env={"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"})
    files = [str(seed_path), str(corpus_dir / "shanghai-minhang-urban-renewal-15th-fyp.txt")]
    result = narrow.invoke(app, ["extract", *files, "--format", "table", "--all"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert max(map(cell_len, lines)) <= 100
    assert all(line.rstrip()[-1] in "│┃┓┩┘┛┫┤" for line in lines if line.strip()), "a row was cropped"
    assert "> 4400亿元" in result.stdout and "440,000,000,000 元" in result.stdout
    assert "≥10个" in result.stdout or "≥ 10个" in result.stdout


# ---------------------------------------------------------------- a plan's period as the deadline

_PLAN = """某区城市更新行动方案（2023-2025年）

一、主要目标

全区新建口袋公园10个，每年新增绿地面积5万平方米。

二、重点任务

（一）公共空间

全区新建街心花园6个，推进街区更新。
"""


def test_goal_section_of_a_plan_is_due_at_the_end_of_its_period(tmp_path):
    from policykit.pipeline import load_document

    path = tmp_path / "plan.txt"
    path.write_text(_PLAN, encoding="utf-8")
    found = {t.quantity: t.year for t in extract_targets(load_document(path), include_all=True)}
    # goals and tasks take the period's end (the gold's convention); a figure stated per year sets no year
    assert found == {"10个": 2025, "5万平方米": None, "6个": 2025}


def test_task_list_headed_by_a_period_is_due_at_its_end(corpus_dir):
    from policykit.pipeline import load_document

    plan = load_document(corpus_dir / "shanghai-jingan-urban-renewal-action-plan-2023-2025.txt")
    listed = [t for t in extract_targets(plan) if t.clause == "ax1.t1"]  # the annex table
    assert listed and {t.year for t in listed} == {2025}


def test_cli_extract_goes_on_past_an_unreadable_file_and_exits_1(runner, seed_path, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = runner.invoke(app, ["extract", str(seed_path), str(empty), "--format", "json"])
    assert result.exit_code == 1
    assert len(json.loads(result.stdout)) >= 14  # the seed's targets are still there
    assert f"{empty}: the file is empty" in result.stderr


def test_cli_extract_of_one_unreadable_file_is_still_one_error(runner, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = runner.invoke(app, ["extract", str(empty)])
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.count("Error:") == 1
