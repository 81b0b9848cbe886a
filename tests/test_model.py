"""The records between stages: their kinds as Literal types, their one JSON form, the number formatter."""

from __future__ import annotations

import json

import pytest

from policykit.model import CLAUSE_KINDS, TARGET_KINDS, Clause, plain_number
from policykit.pipeline import load_document, parse_text
from policykit.targets import extract_targets
from tests.conftest import CORPUS, SEED

# A regulation, a five-year plan, a work report and the seed: chapters, articles, sections, tasks, lists, toc.
KIND_DOCUMENTS = (
    "shanghai-urban-renewal-regulation-2021.txt",
    "national-digital-economy-14th-fyp.txt",
    "gov-work-report-2025.txt",
)


def _documents():
    paths = [SEED] + [CORPUS / name for name in KIND_DOCUMENTS if (CORPUS / name).is_file()]
    return [load_document(path) for path in paths]


@pytest.fixture(scope="module")
def documents():
    return _documents()


def test_every_clause_kind_the_parser_makes_is_a_declared_kind(documents):
    made = {clause.kind for document in documents for clause in document.walk()}
    assert made <= set(CLAUSE_KINDS), made - set(CLAUSE_KINDS)
    assert {"paragraph", "section", "task"} <= made


def test_annex_parts_are_declared_kinds():
    # mypy found these missing from ClauseKind: the parser made them, the Literal did not list them.
    text = (
        "关于推进城市更新的实施意见\n一、总体要求\n到2025年，完成改造项目50个。\n"
        "附件1\n重点项目清单\n一、东片区\n改造项目10个。\n名词解释\n城市更新：指对建成区的持续改善。\n"
    )
    kinds = {clause.id: clause.kind for clause in parse_text(text).walk()}
    assert kinds["ax1"] == "appendix" and kinds["ax1.gl1"] == "glossary"
    assert set(kinds.values()) <= set(CLAUSE_KINDS), set(kinds.values()) - set(CLAUSE_KINDS)


def test_every_target_kind_extract_makes_is_a_declared_kind(documents):
    made = {target.kind for document in documents for target in extract_targets(document, include_all=True)}
    assert made <= set(TARGET_KINDS), made - set(TARGET_KINDS)
    assert {"target", "figure"} <= made


TEXT = "一、总体要求\n到2025年，新能源汽车保有量达到10万辆。\n（一）重点任务\n建设充电桩1.5万个。\n"


def test_clause_to_dict_is_the_tree_node_with_children_nested():
    document = parse_text(TEXT)
    record = document.clauses[0].to_dict()
    assert list(record)[:6] == ["id", "kind", "number", "heading", "text", "line"]
    assert record["kind"] == "section" and record["heading"] == "总体要求"
    nested = [child["id"] for child in record["children"]]
    assert nested == [child.id for child in document.clauses[0].children]
    assert "page" not in record  # only PDF clauses carry one
    json.dumps(record, ensure_ascii=False)  # JSON-ready all the way down


def test_clause_to_dict_as_evidence_is_short_with_trimmed_text():
    clause = Clause("1.2", "item", "（二）", "", "（二）建设充电桩。\n", start=0, line=7, page=3)
    assert clause.to_dict(evidence=True) == {
        "id": "1.2",
        "number": "（二）",
        "heading": "",
        "line": 7,
        "page": 3,
        "text": "（二）建设充电桩。",
    }


@pytest.mark.parametrize(
    ("value", "shown"),
    [(12.0, "12"), (6.5, "6.5"), (0.0, "0"), (-3.0, "-3"), (1e12, "1000000000000"), (None, "None")],
)
def test_plain_number_drops_the_point_only_from_whole_numbers(value, shown):
    number = plain_number(value)
    assert str(number) == shown
    assert isinstance(number, int) == (value is not None and float(value).is_integer())
