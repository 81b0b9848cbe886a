"""Diff: clause alignment (moved, renumbered, split, merged), word diffs on Chinese, target changes, the CLI."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policykit.cli import app
from policykit.diff import diff_documents, diff_tokens, squash, target_changes, word_diff
from policykit.model import Target
from policykit.pipeline import load_document, parse_text
from tests.conftest import CORPUS, corpus_params

WIND_2025 = "shanghai-onshore-wind-pv-plan-2025.txt"
WIND_2026 = "shanghai-onshore-wind-pv-plan-2026.txt"
RENEWAL_TRIAL = "shanghai-urban-renewal-planning-opinions-trial-2023.txt"
RENEWAL_2025 = "shanghai-urban-renewal-planning-opinions-2025.txt"
REPORT_2024 = "gov-work-report-2024.txt"
REPORT_2025 = "gov-work-report-2025.txt"


@pytest.fixture(scope="module")
def wind(corpus_dir):
    return diff_documents(load_document(corpus_dir / WIND_2025), load_document(corpus_dir / WIND_2026))


@pytest.fixture(scope="module")
def renewal(corpus_dir):
    return diff_documents(load_document(corpus_dir / RENEWAL_TRIAL), load_document(corpus_dir / RENEWAL_2025))


@pytest.fixture(scope="module")
def reports(corpus_dir):
    return diff_documents(load_document(corpus_dir / REPORT_2024), load_document(corpus_dir / REPORT_2025))


def kinds(result) -> list[tuple[str, list[str], list[str]]]:
    return [(c.type, [x.id for x in c.old], [x.id for x in c.new]) for c in result.changes]


# ---------------------------------------------------------------- words


def test_a_number_with_its_percent_sign_is_one_word():
    assert "13.5%" in diff_tokens("比重达到13.5%以上")
    edits = [
        s for s in word_diff("非化石能源比重达到13.5%以上", "非化石能源比重达到14%以上") if s.op != "equal"
    ]
    assert [(s.old, s.new) for s in edits] == [("13.5%", "14%")]


def test_a_number_with_magnitude_and_unit_is_one_word():
    edits = [s for s in word_diff("陆上风电规模33.091万千瓦", "陆上风电规模34.531万千瓦") if s.op != "equal"]
    assert [(s.old, s.new) for s in edits] == [("33.091万千瓦", "34.531万千瓦")]


def test_a_deadline_is_one_word():
    edits = [s for s in word_diff("力争2026年6月前核准", "力争2027年6月前核准") if s.op != "equal"]
    assert [(s.old, s.new) for s in edits] == [("2026年6月", "2027年6月")]


def test_a_word_change_does_not_replace_the_sentence():
    edits = [
        s
        for s in word_diff("加强组织领导，明确责任分工。", "加强组织领导，压实责任分工。")
        if s.op != "equal"
    ]
    assert len(edits) == 1 and "组织领导" not in edits[0].old


_TEXT = st.text(alphabet="加强组织领导明确责任分工规模万千瓦达到以上，。%0123456789.年月", max_size=40)


@settings(max_examples=60, deadline=None)
@given(_TEXT, _TEXT)
def test_word_diff_rebuilds_both_texts(old, new):
    segments = word_diff(old, new)
    assert "".join(s.old for s in segments) == old
    assert "".join(s.new for s in segments) == new
    assert all(s.old == s.new for s in segments if s.op == "equal")


# ---------------------------------------------------------------- alignment on small texts

PLAN = "一、总则\n\n加强组织领导，明确责任分工。完善工作机制，强化督促检查，确保各项任务落到实处。\n\n二、附则\n\n本方案自印发之日起施行。"
PLAN_SPLIT = (
    "一、总则\n\n加强组织领导，明确责任分工。\n\n完善工作机制，强化督促检查，确保各项任务落到实处。\n\n"
    "二、附则\n\n本方案自印发之日起施行。"
)


def test_a_paragraph_cut_in_two_is_one_split():
    result = diff_documents(parse_text(PLAN), parse_text(PLAN_SPLIT), targets=False)
    assert kinds(result) == [("split", ["1.p1"], ["1.p1", "1.p2"])]


def test_two_paragraphs_joined_are_one_merge():
    result = diff_documents(parse_text(PLAN_SPLIT), parse_text(PLAN), targets=False)
    assert kinds(result) == [("merged", ["1.p1", "1.p2"], ["1.p1"])]


def test_renumbered_clause_keeps_its_pairing():
    old = "（一）加强组织领导\n\n明确责任分工，压实各方责任。\n\n（二）强化资金保障\n\n加大财政投入力度，拓宽融资渠道。"
    new = "（一）强化资金保障\n\n加大财政投入力度，拓宽融资渠道。"
    result = diff_documents(parse_text(old), parse_text(new), targets=False)
    types = {c.type for c in result.changes}
    assert ("renumbered", ["2"], ["1"]) in kinds(result)
    assert "added" not in types


# ---------------------------------------------------------------- target changes on hand-made targets


def target(indicator: str, value: float, *, line: int = 1, year: int = 2025, kind: str = "target") -> Target:
    return Target(
        indicator=indicator,
        value=value,
        unit="%",
        comparator=None,
        year=year,
        kind=kind,
        text=f"{indicator}{value}%",
        quantity=f"{value}%",
        clause="1",
        line=line,
        page=None,
        document="plan",
    )


def test_targets_on_one_side_only_are_added_or_removed():
    old = [target("森林覆盖率", 20, line=1), target("单位GDP能耗下降", 13.5, line=2)]
    new = [target("新能源装机占比", 30, line=1), target("森林覆盖率", 21, line=2)]
    found = target_changes(old, new)
    assert [(c.type, c.indicator) for c in found] == [
        ("changed", "森林覆盖率"),
        ("added", "新能源装机占比"),
        ("removed", "单位GDP能耗下降"),
    ]
    changed, added, removed = found
    assert changed.fields == ("value",) and changed.old.value == 20 and changed.new.value == 21
    assert added.old is None and added.new.line == 1 and added.fields == ()
    assert removed.new is None and removed.old.line == 2 and removed.fields == ()


def test_added_and_removed_targets_keep_document_order():
    old = [target("甲", 1, line=1), target("乙", 2, line=2), target("丙", 3, line=3)]
    new = [target("丁", 4, line=1), target("戊", 5, line=2)]
    found = target_changes(old, new)
    assert [(c.type, c.indicator) for c in found] == [
        ("added", "丁"),
        ("added", "戊"),
        ("removed", "甲"),
        ("removed", "乙"),
        ("removed", "丙"),
    ]


def test_unchanged_targets_are_not_reported():
    same = [target("森林覆盖率", 20), target("单位GDP能耗下降", 13.5, line=2)]
    assert target_changes(same, list(same)) == []


def test_a_second_target_with_the_same_indicator_is_added():
    old = [target("超长期特别国债", 1.0)]
    new = [target("超长期特别国债", 1.3), target("超长期特别国债", 0.3, line=5)]
    assert [(c.type, c.new.value) for c in target_changes(old, new)] == [("changed", 1.3), ("added", 0.3)]


def test_a_goal_restated_in_the_same_edition_is_not_added():
    old = [target("城镇调查失业率", 5.5)]
    new = [target("城镇调查失业率", 5.5), target("城镇调查失业率", 5.5, line=9)]
    assert target_changes(old, new) == []


def test_a_goal_worded_a_little_differently_is_changed_not_removed_and_added():
    old = [target("城乡居民基础养老金月最低标准", 20), target("居民医保人均财政补助标准", 30, line=2)]
    new = [target("城乡居民基础养老金最低标准", 20, year=2026), target("居民医保", 35, line=2)]
    found = target_changes(old, new)
    assert [(c.type, c.old.indicator, c.new.indicator) for c in found] == [
        ("changed", "城乡居民基础养老金月最低标准", "城乡居民基础养老金最低标准"),
        ("changed", "居民医保人均财政补助标准", "居民医保"),
    ]


def test_short_names_inside_longer_ones_are_not_paired():
    found = target_changes([target("投资", 5)], [target("交通投资", 6)])
    assert [c.type for c in found] == ["added", "removed"]


def test_only_targets_of_kind_target_are_added_or_removed():
    old = [target("粮食产量", 1.3, kind="achieved")]
    new = [target("地区生产总值增长", 5, kind="figure")]
    assert target_changes(old, new) == []


def test_one_sided_target_json_has_a_null_side():
    (added,) = target_changes([], [target("森林覆盖率", 21)])
    data = added.to_dict()
    assert data["type"] == "added" and data["old"] is None and data["changed"] == []
    assert data["new"]["value"] == 21 and data["new"]["clause"] == "1"


# ---------------------------------------------------------------- real documents


# 11 spread documents in make test, all under FULL_MATRIX; test_diff_layouts diffs every one against a retyping.
@pytest.mark.parametrize("path", corpus_params(11))
def test_a_document_against_itself_has_no_changes(path):
    document = load_document(path)
    result = diff_documents(document, document)
    assert result.changes == () and result.target_changes == ()
    assert result.unchanged > 0 and not result.has_differences


def _movable_blocks(text: str) -> list[int]:
    blocks = text.split("\n\n")
    return [
        i
        for i, b in enumerate(blocks)
        if len(b) >= 40 and b.endswith("。") and not re.match(r"[（(一二三四五六七八九十0-9]", b)
    ]


def _renewal_text() -> str:
    path = CORPUS / RENEWAL_2025
    if not path.is_file():
        pytest.skip(f"shared corpus not found at {CORPUS}")
    return path.read_text(encoding="utf-8")


class _Parsed:
    """The 2025 opinions, parsed once for every hypothesis example (a plain object keeps reports short)."""

    text = ""
    document = None

    def __repr__(self) -> str:
        return "<urban renewal opinions 2025>"


@pytest.fixture(scope="module")
def renewal_2025():
    parsed = _Parsed()
    parsed.text = _renewal_text()
    parsed.document = parse_text(parsed.text)
    return parsed


@settings(max_examples=15, deadline=None)
@given(data=st.data())
def test_one_paragraph_moved_elsewhere_is_exactly_one_move(renewal_2025, data):
    text, document = renewal_2025.text, renewal_2025.document
    blocks = text.split("\n\n")
    movable = _movable_blocks(text)
    # At least two movable paragraphs between the two places: crossing a single clause (the title, with
    # only 公文 parts between) is a swap, and "the other one moved" is an equally short answer.
    source = data.draw(st.sampled_from(movable), label="moved block")
    rank = movable.index(source)
    target = data.draw(
        st.sampled_from([i for k, i in enumerate(movable) if abs(k - rank) > 2]), label="put after block"
    )
    moved = blocks[source]
    rest = [b for i, b in enumerate(blocks) if i != source]
    at = rest.index(blocks[target]) + 1
    copy = "\n\n".join([*rest[:at], moved, *rest[at:]])
    result = diff_documents(document, parse_text(copy), targets=False)
    assert [c.type for c in result.changes] == ["moved"]
    change = result.changes[0]
    assert squash(change.old[0].text) == squash(moved) == squash(change.new[0].text)
    assert change.segments == ()


def test_changed_quantities_are_target_changes_with_both_values(wind):
    found = {(c.indicator, c.old.value, c.new.value, c.old.unit, c.new.unit) for c in wind.target_changes}
    assert ("陆上风电规模", 330910, 345310, "千瓦", "千瓦") in found
    assert ("光伏电站规模", 1468770, 1453850, "千瓦", "千瓦") in found


def test_the_wind_pair_has_exactly_its_two_changed_targets(wind):
    found = [(c.type, c.indicator, c.old.value, c.new.value, c.fields) for c in wind.target_changes]
    assert found == [
        ("changed", "陆上风电规模", 330910, 345310, ("value", "year")),
        ("changed", "光伏电站规模", 1468770, 1453850, ("value", "year")),
    ]
    counts = wind.counts()
    assert (counts["target_changes"], counts["targets_added"], counts["targets_removed"]) == (2, 0, 0)


def test_yearly_reports_list_targets_added_and_removed_with_evidence(reports):
    one_sided = [c for c in reports.target_changes if c.type != "changed"]
    assert one_sided, "the 2025 report sets goals the 2024 report did not"
    for change in one_sided:
        present = change.new if change.type == "added" else change.old
        missing = change.old if change.type == "added" else change.new
        assert missing is None and present.kind == "target"
        assert present.clause and present.line >= 1 and present.quantity in present.text
    counts = reports.counts()
    assert counts["targets_added"] + counts["targets_removed"] == len(one_sided)
    assert counts["target_changes"] == len(reports.target_changes)
    types = [c.type for c in reports.target_changes]
    assert types == sorted(
        types, key=["changed", "added", "removed"].index
    )  # changed, then added, then removed


def test_every_changed_quantity_in_the_text_is_a_target_change(wind):
    """Each number-with-unit the word diff shows changing belongs to a target change (dates aside)."""
    quantities = {c.old.quantity for c in wind.target_changes} | {c.new.quantity for c in wind.target_changes}
    changed = {
        s.old
        for c in wind.changes
        for s in c.segments
        if s.op == "replace" and re.fullmatch(r"[\d.]+万?千瓦", s.old)
    }
    assert changed and changed <= quantities


def test_changed_deadlines_show(wind):
    edits = {(s.old, s.new) for c in wind.changes for s in c.segments if s.op != "equal"}
    assert ("2026年6月", "2027年6月") in edits


def test_revised_yearly_notice_is_all_modifications(wind):
    """The 2026 notice rewrites clauses in place: nothing should come out as removed + added."""
    assert {c.type for c in wind.changes} == {"modified"}


def test_moved_and_renumbered_clauses_are_reported_as_such(renewal):
    found = kinds(renewal)
    assert ("renumbered", ["3.13"], ["1.11"]) in found  # （十三）创新融合空间… → （十一）
    assert ("moved", ["3.11"], ["2.14"]) in found  # （十一）四资贯通 → under 二、 as （十四）
    assert {"moved", "renumbered"} <= {c.type for c in renewal.changes}


def test_no_heading_on_both_sides_is_reported_removed_and_added(renewal):
    removed = {squash(c.old[0].heading) for c in renewal.changes if c.type == "removed" and c.old[0].heading}
    added = {squash(c.new[0].heading) for c in renewal.changes if c.type == "added" and c.new[0].heading}
    assert not removed & added


def test_changes_carry_ids_and_lines(renewal):
    for change in renewal.changes:
        for clause in (*change.old, *change.new):
            assert clause.id and clause.line >= 1


# ---------------------------------------------------------------- CLI


def test_cli_exit_codes(runner, corpus_dir):
    same = runner.invoke(
        app, ["diff", str(corpus_dir / WIND_2025), str(corpus_dir / WIND_2025), "-f", "terminal"]
    )
    assert same.exit_code == 0, same.output
    assert "no changes" in same.output
    differ = runner.invoke(
        app, ["diff", str(corpus_dir / WIND_2025), str(corpus_dir / WIND_2026), "-f", "terminal"]
    )
    assert differ.exit_code == 1, differ.output
    assert "[-33.091万千瓦-]{+34.531万千瓦+}" in differ.output
    missing = runner.invoke(app, ["diff", str(corpus_dir / WIND_2025), "no-such-file.txt"])
    assert missing.exit_code == 2
    assert "Traceback" not in missing.output


def test_cli_json_shape(runner, corpus_dir):
    result = runner.invoke(
        app, ["diff", str(corpus_dir / WIND_2025), str(corpus_dir / WIND_2026), "--format", "json"]
    )
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert {"changes", "target_changes", "summary"} <= data.keys()
    for change in data["changes"]:
        assert {"type", "old", "new"} <= change.keys()
    for change in data["target_changes"]:
        assert change["type"] == "changed"
        assert (
            {"value", "unit", "comparator", "year"} <= change["old"].keys() <= change["new"].keys() | {"page"}
        )
    assert {"target_changes", "targets_added", "targets_removed"} <= data["summary"].keys()


def test_cli_shows_added_and_removed_targets(runner, corpus_dir):
    old, new = str(corpus_dir / REPORT_2024), str(corpus_dir / REPORT_2025)
    data = json.loads(runner.invoke(app, ["diff", old, new, "--format", "json"]).stdout)
    added = [c for c in data["target_changes"] if c["type"] == "added"]
    removed = [c for c in data["target_changes"] if c["type"] == "removed"]
    assert data["summary"]["targets_added"] == len(added) and data["summary"]["targets_removed"] == len(
        removed
    )
    assert all(c["old"] is None and c["new"]["line"] >= 1 and c["changed"] == [] for c in added)
    assert all(c["new"] is None and c["old"]["line"] >= 1 and c["changed"] == [] for c in removed)
    stat = json.loads(runner.invoke(app, ["diff", old, new, "--stat", "--format", "json"]).stdout)
    assert [c["type"] for c in stat["target_changes"]] == [c["type"] for c in data["target_changes"]]
    assert added or removed
    shown = " ".join(runner.invoke(app, ["diff", old, new, "--stat", "-f", "terminal"]).output.split())
    counted = ", ".join(
        f"{len(found)} {kind}" for kind, found in (("added", added), ("removed", removed)) if found
    )
    assert f"{len(data['target_changes'])} target changes ({counted})" in shown
    assert shown.count("新增 added") == len(added) and shown.count("删除 removed") == len(removed)


def test_cli_stat_and_side_by_side(runner, corpus_dir):
    old, new = str(corpus_dir / RENEWAL_TRIAL), str(corpus_dir / RENEWAL_2025)
    stat = runner.invoke(app, ["diff", old, new, "--stat", "-f", "terminal"])
    assert stat.exit_code == 1
    assert re.search(r"\d+ moved", stat.output) and re.search(r"\d+ renumbered", stat.output)
    wide = runner.invoke(app, ["diff", old, new, "--side-by-side", "-f", "terminal"])
    assert wide.exit_code == 1
    assert "旧 " in wide.output and "新 " in wide.output


def test_cli_html_file(runner, corpus_dir, tmp_path):
    page = tmp_path / "compare.html"
    result = runner.invoke(
        app, ["diff", str(corpus_dir / WIND_2025), str(corpus_dir / WIND_2026), "-o", str(page)]
    )
    assert result.exit_code == 1
    html = page.read_text(encoding="utf-8")
    assert "新旧对照" in html and "<del>33.091万千瓦</del>" in html and "<ins>34.531万千瓦</ins>" in html
    assert "http://" not in html and "https://" not in html  # self-contained


def test_cli_html_lists_added_and_removed_targets(runner, corpus_dir, tmp_path):
    page = tmp_path / "compare.html"
    runner.invoke(
        app, ["diff", str(corpus_dir / REPORT_2024), str(corpus_dir / REPORT_2025), "-o", str(page)]
    )
    html = page.read_text(encoding="utf-8")
    rows = re.findall(r'<tr class="target (\w+)" data-type="\w+">(.*?)</tr>', html)
    assert {kind for kind, _ in rows} >= {"changed"} and {kind for kind, _ in rows} & {"added", "removed"}
    for kind, row in rows:
        if kind != "changed":
            assert '<td class="missing">—</td>' in row and (
                "新增" in row if kind == "added" else "删除" in row
            )
    assert "http://" not in html and "https://" not in html


def test_cli_both_stdin_is_a_usage_error(runner):
    result = runner.invoke(app, ["diff", "-", "-"], input="")
    assert result.exit_code == 2
