"""`policykit diff` at its edges: stdin on either side, every output format, identical and retyped inputs."""

from __future__ import annotations

import csv
import io
import json

import pytest
import yaml

from policykit.cli import app
from tests.test_wrapped_corpus import typeset

WIND_2025 = "shanghai-onshore-wind-pv-plan-2025.txt"
WIND_2026 = "shanghai-onshore-wind-pv-plan-2026.txt"


@pytest.fixture
def wind(corpus_dir):
    return corpus_dir / WIND_2025, corpus_dir / WIND_2026


def test_stdin_on_either_side(runner, wind):
    old, new = wind
    text = old.read_text(encoding="utf-8")
    left = runner.invoke(app, ["diff", "-", str(new), "-f", "json"], input=text)
    right = runner.invoke(app, ["diff", str(new), "-", "-f", "json"], input=text)
    assert (left.exit_code, right.exit_code) == (1, 1), left.output + right.output
    forward, backward = json.loads(left.stdout), json.loads(right.stdout)
    assert forward["old"]["path"] == "-" and backward["new"]["path"] == "-"
    assert forward["summary"]["modified"] == backward["summary"]["modified"] > 0
    values = {(c["old"]["value"], c["new"]["value"]) for c in forward["target_changes"]}
    assert (330910, 345310) in values and (345310, 330910) in {
        (c["old"]["value"], c["new"]["value"]) for c in backward["target_changes"]
    }


@pytest.mark.parametrize("view", ["terminal", "table"])
def test_identical_files_exit_0_with_no_changes(runner, wind, view):
    old, _ = wind
    result = runner.invoke(app, ["diff", str(old), str(old), "-f", view])
    assert result.exit_code == 0 and "no changes" in result.output


def test_a_hard_wrapped_copy_on_stdin_is_no_change(runner, corpus_dir):
    path = corpus_dir / "gov-work-report-2019.txt"  # its PM2.5 and M2 are broken at the subscripts
    wrapped = typeset(path.read_text(encoding="utf-8"), 56)
    result = runner.invoke(app, ["diff", str(path), "-", "-f", "json", "--no-targets"], input=wrapped)
    assert result.exit_code == 0, result.stdout[:500]
    assert json.loads(result.stdout)["changes"] == []


def test_jsonl_has_one_record_per_change(runner, wind):
    old, new = wind
    result = runner.invoke(app, ["diff", str(old), str(new), "-f", "jsonl"])
    assert result.exit_code == 1
    records = [json.loads(line) for line in result.stdout.splitlines()]
    kinds = [r["record"] for r in records]
    assert kinds == ["clause"] * 5 + ["target"] * 2  # the five clauses 2026 rewrote, its two new figures
    assert {r["indicator"] for r in records if r["record"] == "target"} == {"陆上风电规模", "光伏电站规模"}


def test_csv_has_both_sides_on_one_row(runner, wind):
    old, new = wind
    result = runner.invoke(app, ["diff", str(old), str(new), "-f", "csv"])
    assert result.exit_code == 1
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    (solar,) = [r for r in rows if r["indicator"] == "光伏电站规模"]
    assert solar["record"] == "target" and solar["changed"] == "value year"
    assert solar["old_value"].startswith("1468770") and solar["new_value"].startswith("1453850")
    heading = next(r for r in rows if r["record"] == "clause" and r["old_id"] == "1")
    assert "33.091万千瓦" in heading["old_text"] and "34.531万千瓦" in heading["new_text"]


def test_yaml_is_the_json_record(runner, wind):
    old, new = wind
    as_yaml = yaml.safe_load(runner.invoke(app, ["diff", str(old), str(new), "-f", "yaml"]).stdout)
    as_json = json.loads(runner.invoke(app, ["diff", str(old), str(new), "-f", "json"]).stdout)
    assert as_yaml == as_json


@pytest.mark.parametrize(
    ("suffix", "check"), [("csv", "record,type,"), ("jsonl", '{"record": '), ("yml", "old:")]
)
def test_the_output_suffix_names_the_format(runner, wind, tmp_path, suffix, check):
    old, new = wind
    target = tmp_path / f"diff.{suffix}"
    result = runner.invoke(app, ["diff", str(old), str(new), "-o", str(target)])
    assert result.exit_code == 1
    assert target.read_text(encoding="utf-8").startswith(check)
