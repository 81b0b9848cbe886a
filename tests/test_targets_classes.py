"""Issue 11 classes that need more than a sentence and a year: achieved years, and plan verbs in task lists."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from policykit.targets import TargetContext, extract_text

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "targets_classes.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES["achieved_years"], ids=lambda case: case["text"][:16])
def test_every_achieved_figure_gets_the_year_it_describes(case):
    context = TargetContext(reference_year=case["year"], achieved=case.get("review", False))
    found = extract_text(case["text"], context=context, include_all=True)
    assert [t.kind for t in found] == ["achieved"] * len(case["years"])
    assert [t.year for t in found] == case["years"]


def test_a_plan_verb_in_a_task_list_for_next_year_is_a_target():
    # 7. 取得 reads like a review, but under a heading for next year's tasks it is a goal
    context = TargetContext(reference_year=2025, year=2026)
    (target,) = extract_text("取得重大科技成果100项以上。", context=context)
    assert (target.value, target.comparator, target.year) == (100, ">=", 2026)


def test_the_same_verb_in_a_review_is_achieved():
    context = TargetContext(reference_year=2025)
    found = extract_text("过去一年，取得重大科技成果100项以上。", context=context, include_all=True)
    assert [(t.kind, t.year) for t in found] == [("achieved", 2024)]
