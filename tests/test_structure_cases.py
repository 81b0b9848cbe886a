"""Clause-tree cases from tests/cases/structure.yaml: tree shapes, 公文 metadata, lossless text."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import yaml

from policykit.pipeline import parse_text
from tests.test_structure import assert_lossless

DATA = yaml.safe_load((Path(__file__).parent / "cases" / "structure.yaml").read_text(encoding="utf-8"))
CASES = DATA["cases"]
MISSES = DATA["known_misses"]


def shape(document) -> str:
    """One line per clause: id, kind, number and heading, indented by depth."""
    lines = []
    for clause, ancestors in document.walk_with_ancestors():
        lines.append(
            f"{'  ' * len(ancestors)}{clause.id} {clause.kind} {clause.number}{clause.heading}".rstrip()
        )
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_structure_case(case):
    document = parse_text(case["text"])
    assert shape(document) == case["tree"]
    for name, expected in (case.get("metadata") or {}).items():
        actual = getattr(document.metadata, name)
        assert (list(actual) if isinstance(actual, tuple) else actual) == expected, name
    if "furniture" in case:
        assert [part.field for part in document.furniture] == case["furniture"]
    for fragment in case.get("no_clause_contains", []):
        assert not [c.id for c in document.walk() if fragment in c.text], fragment
    assert_lossless(document)


@pytest.mark.parametrize(
    "case",
    [pytest.param(c, marks=pytest.mark.xfail(reason=c["why"], strict=True)) for c in MISSES],
    ids=[c["name"] for c in MISSES],
)
def test_known_miss(case):
    assert shape(parse_text(case["text"])) == case["tree"]


def test_every_metadata_field_is_exercised_by_a_case():
    exercised = {name for case in CASES for name in (case.get("metadata") or {})}
    fields = {f.name for f in dataclasses.fields(document_metadata_type())}
    gongwen = fields - {"period", "year", "urgency", "secrecy", "copy_number"}
    assert gongwen <= exercised, gongwen - exercised


def document_metadata_type():
    from policykit.model import Metadata

    return Metadata


@pytest.mark.parametrize("name", ["structure.yaml", "gongwen.yaml", "numbering.yaml"])
def test_every_key_of_the_structure_data_files_is_read(name):
    """A key no code reads is dead data; each must be named in the source of the package."""
    package = Path(__file__).parent.parent / "src" / "policykit"
    source = "".join(path.read_text(encoding="utf-8") for path in package.rglob("*.py"))
    data = yaml.safe_load((package / "data" / name).read_text(encoding="utf-8"))
    keys = set(data)
    for key, value in data.items():
        if isinstance(value, dict) and key != "appendix":  # appendix maps words to id prefixes
            keys |= set(value)
        if isinstance(value, list) and value and isinstance(value[0], dict):  # numbering styles
            keys |= {field for entry in value for field in entry}
    unread = sorted(key for key in keys if f'"{key}"' not in source and f"'{key}'" not in source)
    assert not unread, f"{name}: keys no code reads: {unread}"
