"""Hand gold for real documents (tests/cases/structure.yaml `gold`): heading outlines read from the text."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from policykit.pipeline import load_document
from policykit.zh.chars import squash
from tests.conftest import corpus_file

GOLD = yaml.safe_load((Path(__file__).parent / "cases" / "structure.yaml").read_text(encoding="utf-8"))[
    "gold"
]
HEADING_KINDS = frozenset({"part", "chapter", "section", "task", "item", "box", "appendix", "glossary"})
"""Clauses a reader lists in an outline; articles, paragraphs, lists, tables and a 目录 are not."""


def gold_outline(text: str) -> list[tuple[int, str]]:
    """(depth, words) for each line of a gold outline: two spaces of indent per level."""
    lines = [line for line in text.splitlines() if line.strip()]
    return [((len(line) - len(line.lstrip(" "))) // 2, squash(line)) for line in lines]


def parsed_outline(document, depth: int) -> list[tuple[int, str]]:
    """(depth, number + heading) of each numbered heading a parse gives, down to `depth` levels."""
    found = []
    for clause, ancestors in document.walk_with_ancestors():
        level = sum(1 for a in ancestors if a.kind in HEADING_KINDS)
        paragraph_item = (
            clause.number.endswith("是") or clause.number == "——"
        )  # 一是…, ——…: items of a paragraph
        if clause.kind in HEADING_KINDS and clause.number and not paragraph_item and level < depth:
            found.append((level, squash(clause.number + clause.heading)))
    return found


@pytest.mark.parametrize("gold", GOLD, ids=[g["document"] for g in GOLD])
def test_outline_matches_the_hand_gold(gold):
    document = load_document(corpus_file(gold["document"]))
    expected = gold_outline(gold["outline"])
    actual = parsed_outline(document, gold["depth"])
    assert [depth for depth, _ in actual] == [depth for depth, _ in expected]
    for (_, heading), (_, words) in zip(actual, expected, strict=True):
        assert heading.startswith(words), (heading, words)
    if "title" in gold:
        assert document.metadata.title == gold["title"]
