"""Streamed output (issue 15): parse and extract write JSON piece by piece, byte for byte what one json.dumps gave."""

from __future__ import annotations

import io
import json
import pickle
import sys
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policykit import entry
from policykit.cli import app
from policykit.ingest import source_from_text
from policykit.model import Clause, Document, Paragraph, Source, SourceLine, Target
from policykit.normalise import normalise
from policykit.pipeline import extract_files, load_document, parse_text
from policykit.render import iter_json, iter_rows, render_rows, to_json
from policykit.render.targets import COLUMNS, iter_targets, render_targets
from policykit.render.tree import document_to_dict, iter_document_json
from policykit.targets import attach_targets
from tests.conftest import SEED, corpus_params, examples

_SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8)
_JSON = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=4), inner, max_size=4),
    max_leaves=30,
)


def _lazy(value: object) -> object:
    """The same data with every list an iterator and every dict's values lazy: the shape the writers draw."""
    if isinstance(value, list):
        return iter([_lazy(item) for item in value])
    if isinstance(value, dict):
        return {key: _lazy(item) for key, item in value.items()}
    return value


_KEYS = st.text(max_size=4) | st.integers() | st.floats() | st.booleans() | st.none()
_ANY_JSON = st.recursive(
    _SCALARS | st.floats(),
    lambda inner: (
        st.lists(inner, max_size=4) | st.tuples(inner, inner) | st.dictionaries(_KEYS, inner, max_size=4)
    ),
    max_leaves=30,
)


@settings(max_examples=examples(300), deadline=None)
@given(_ANY_JSON)
def test_to_json_writes_what_json_dumps_writes(data):
    assert to_json(data) == json.dumps(data, ensure_ascii=False, indent=2)


@pytest.mark.parametrize("bad", [{"a": {1, 2}}, [object()], {(1, 2): 0}])
def test_to_json_refuses_what_json_refuses(bad):
    with pytest.raises(TypeError) as ours:
        to_json(bad)
    with pytest.raises(TypeError) as theirs:
        json.dumps(bad, ensure_ascii=False, indent=2)
    assert str(ours.value) == str(theirs.value)


@settings(max_examples=examples(300), deadline=None)
@given(_JSON)
def test_iter_json_joins_to_json(data):
    assert "".join(iter_json(data)) == to_json(data)
    assert "".join(iter_json(_lazy(data))) == to_json(data)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.dictionaries(st.sampled_from(["a", "b", "文"]), _SCALARS, max_size=3), max_size=6))
def test_iter_rows_joins_render_rows(rows):
    for fmt in ("json", "jsonl", "csv", "yaml"):
        assert "".join(iter_rows(iter(rows), fmt, columns=["a", "b", "文"])) == render_rows(
            rows, fmt, columns=["a", "b", "文"]
        )


def test_iter_json_draws_records_as_it_writes_them():
    drawn: list[int] = []

    def records() -> Iterator[dict]:
        for n in range(10_000):
            drawn.append(n)
            yield {"n": n, "children": iter([])}

    pieces = iter_json({"records": records()}, batch=100)
    next(pieces)
    assert 0 < len(drawn) < 100  # the first piece is out before the rest are drawn
    "".join(pieces)
    assert len(drawn) == 10_000


@pytest.fixture(scope="module")
def seed_document() -> Document:
    return attach_targets(load_document(SEED))


@pytest.mark.parametrize("path", [pytest.param(SEED, id="seed"), *corpus_params()])
def test_streamed_tree_equals_one_dump(path):
    document = attach_targets(load_document(path, encoding=None))
    assert "".join(iter_document_json(document)) == to_json(document_to_dict(document)) + "\n"


def test_parse_json_command_streams_the_same_bytes(runner, seed_document):
    expected = to_json(document_to_dict(seed_document)) + "\n"
    result = runner.invoke(app, ["parse", str(SEED), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert result.stdout == expected
    lean = io.StringIO()
    stdout, sys.stdout = sys.stdout, lean
    try:
        assert entry.lean_parse(entry.parse_parse_args([str(SEED), "--format", "json"])) == 0
    finally:
        sys.stdout = stdout
    assert lean.getvalue() == expected


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "yaml"])
def test_extract_command_streams_the_same_bytes(runner, fmt):
    targets = extract_files([SEED], include_all=True).targets
    assert targets
    result = runner.invoke(app, ["extract", str(SEED), "--all", "--format", fmt])
    assert result.exit_code == 0, result.output
    assert result.stdout == render_targets(targets, fmt)
    assert "".join(iter_targets(iter(targets), fmt)) == render_rows(
        [t.to_dict() for t in targets], fmt, columns=COLUMNS
    )


def test_write_stream_batches_keep_every_piece_in_order(monkeypatch):
    out = io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    pieces = [f"{n}中," for n in range(1000)]
    entry.write_stream(iter(pieces), batch=7)
    assert out.getvalue() == "".join(pieces)


def test_pipeline_records_pickle_without_a_dict(seed_document):
    """The records cross process pools (batch, search workers): slotted, and equal after a round trip."""
    clause = next(c for c in seed_document.walk() if c.targets)
    assert not hasattr(clause, "__dict__") and not hasattr(clause.targets[0], "__dict__")
    back = pickle.loads(pickle.dumps(seed_document))
    assert back == seed_document
    assert back.locate(clause.start) == seed_document.locate(clause.start)
    source = source_from_text("第一条 总则\n第二条 目标", path="x.txt")
    paragraphs = normalise(source)
    for record in (source, source.lines[0], paragraphs[0], clause, clause.targets[0]):
        assert isinstance(record, Source | SourceLine | Paragraph | Clause | Target)
        assert not hasattr(record, "__dict__")
        assert pickle.loads(pickle.dumps(record)) == record


def test_load_document_equals_parse_of_the_same_text():
    """load_document drops the source once normalised; the tree is the one parse_text builds from the same text."""
    text = SEED.read_text(encoding="utf-8")
    loaded, parsed = load_document(SEED), parse_text(text, name=SEED.stem)
    assert [c.to_dict() for c in loaded.clauses] == [c.to_dict() for c in parsed.clauses]
    assert loaded.text == parsed.text and loaded.metadata == parsed.metadata
    assert json.loads("".join(iter_document_json(loaded)))["clauses"] == document_to_dict(parsed)["clauses"]


def test_build_document_empties_a_list_and_builds_the_same_tree():
    """load_document hands build_document a list to empty, so the paragraphs are freed before clause texts are cut."""
    from policykit.structure import build_document

    paragraphs = normalise(source_from_text(SEED.read_text(encoding="utf-8"), path=str(SEED)))
    given = list(paragraphs)
    from_list, from_tuple = build_document(given), build_document(paragraphs)
    assert given == []
    assert from_list == from_tuple and from_list.clauses
