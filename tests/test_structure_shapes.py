"""Document shapes the corpus lacks (tests/cases/structure_shapes.yaml): hand outlines of made-up skeletons.

Each skeleton is a layout Chinese government documents use (条例 with 章/节/条/款/项/目, decimal headings,
parts, five numbering levels, 专栏 boxes, annexes after the signature, a notice wrapping its plan, …);
its outline is read from the text by hand. Each plain skeleton is also retyped as an extractor or a scrape
leaves it (hard-wrapped, paginated, blank-separated) and must give the same tree as the plain one.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from policykit.pipeline import parse_text
from policykit.zh.chars import squash
from tests.test_structure import assert_lossless
from tests.test_wrapped_corpus import COLUMNS, paginate, typeset

SHAPE_FILES = ("structure_shapes.yaml", "structure_shapes_blind2.yaml", "structure_shapes_blind3.yaml")
"""The first batch of shapes and two blind batches, each written before any parse code was changed for it."""
SHAPES = [
    shape
    for name in SHAPE_FILES
    for shape in yaml.safe_load((Path(__file__).parent / "cases" / name).read_text(encoding="utf-8"))[
        "shapes"
    ]
]
OUTLINE_KINDS = frozenset(
    {"part", "chapter", "section", "article", "task", "item", "box", "appendix", "glossary"}
)
"""Clause kinds a reader lists in an outline when they carry a number or a title (paragraphs do not)."""


def label(clause) -> str | None:
    """What an outline line says of a clause: number and heading, 目录, [表] and caption; None if none."""
    if clause.kind == "toc":
        return "目录"
    if clause.kind == "table":
        return "[表]" + squash(clause.heading)
    if clause.kind in OUTLINE_KINDS and (clause.number or clause.kind in ("appendix", "glossary", "box")):
        return squash(clause.number + clause.heading)
    if clause.kind == "section" and clause.heading:
        return squash(clause.heading)  # a head with no number: 【出台背景】, a banner >>…<<
    return None


def parsed_outline(document) -> list[tuple[int, str]]:
    """(depth, label) of each outline clause, depth counted in outline clauses above it."""
    found = []
    for clause, ancestors in document.walk_with_ancestors():
        words = label(clause)
        if words is not None:
            found.append((sum(1 for a in ancestors if label(a) is not None), words))
    return found


def hand_outline(text: str) -> list[tuple[int, str]]:
    """(depth, words) of each line of a hand outline: two spaces of indent per level."""
    lines = [line for line in text.splitlines() if line.strip()]
    return [((len(line) - len(line.lstrip(" "))) // 2, squash(line)) for line in lines]


def holder(document, fragment: str) -> str:
    """The label of the nearest outline clause at or above the clause whose own text holds `fragment`."""
    for clause, ancestors in document.walk_with_ancestors():
        if fragment in clause.text:
            for node in (clause, *reversed(ancestors)):
                if label(node) is not None:
                    return label(node) or ""
            return ""
    raise AssertionError(f"no clause holds {fragment!r}")


def check(document, shape: dict) -> None:
    """Assert a parse gives the shape's hand outline, placements, joins and title."""
    expected = hand_outline(shape["outline"])
    actual = parsed_outline(document)
    # each heading cut to its hand line's length, so a failure shows both outlines side by side
    cut = [(d, w[: len(expected[k][1])] if k < len(expected) else w) for k, (d, w) in enumerate(actual)]
    assert cut == expected
    for fragment, owner in (shape.get("placed") or {}).items():
        assert isinstance(owner, str), f"quote {owner!r} in the YAML: it reads as a number"
        found = holder(document, fragment)
        assert found.startswith(squash(owner)) and (owner or not found), (fragment, found, owner)
    for fragment in shape.get("joined", []):
        assert any(fragment in line for line in document.text.split("\n")), fragment
    for fragment in shape.get("furniture", []):
        assert not any(fragment in clause.text for clause, _ in document.walk_with_ancestors()), fragment
        assert fragment in document.text, f"{fragment!r} is not in the text at all"
    if "title" in shape:
        assert document.metadata.title == shape["title"]
    assert_lossless(document)


def _params():
    return [
        pytest.param(
            shape,
            marks=[pytest.mark.xfail(reason=shape["miss"], strict=True)] if "miss" in shape else [],
            id=shape["name"],
        )
        for shape in SHAPES
    ]


@pytest.mark.parametrize("shape", _params())
def test_shape_gives_its_hand_outline(shape):
    check(parse_text(shape["text"]), shape)


LAYOUTS = {
    "wrapped_28_ideographs": lambda text: typeset(text, COLUMNS["gongwen"]),
    "wrapped_40_columns": lambda text: typeset(text, 40),
    "paginated": lambda text: paginate(typeset(text, COLUMNS["gongwen"]), 9),
    "blank_lines": lambda text: "\n\n".join(line for line in text.split("\n") if line.strip()),
}
"""How an extractor or a scrape retypes a plain skeleton; its tree must not change."""

PLAIN = [shape for shape in SHAPES if not shape.get("laid_out")]
"""Skeletons in one-paragraph-per-line form: the ones the layouts retype (a laid-out one is a layout already)."""

KNOWN_LAYOUT_MISSES: dict[tuple[str, str], str] = {}
"""Retyped skeletons whose tree still differs from the plain one, and why."""


def _layout_params():
    cases = []
    for shape in PLAIN:
        for name in LAYOUTS:
            reason = KNOWN_LAYOUT_MISSES.get((shape["name"], name))
            marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
            cases.append(pytest.param(shape, name, marks=marks, id=f"{shape['name']}-{name}"))
    return cases


@pytest.mark.parametrize(("shape", "layout"), _layout_params())
def test_a_retyped_shape_keeps_its_tree(shape, layout):
    plain = parse_text(shape["text"])
    retyped = parse_text(LAYOUTS[layout](shape["text"]))
    assert parsed_outline(retyped) == parsed_outline(plain)
    assert retyped.metadata.title == plain.metadata.title  # a wrapped title (…的批复) is one line again
    for fragment in shape.get("placed") or {}:
        assert holder(retyped, fragment) == holder(plain, fragment), fragment
    assert_lossless(retyped)


def test_the_shapes_are_many_and_varied():
    # the point of the file is breadth: a handful of shapes would test little the corpus does not
    assert len(SHAPES) >= 45
    assert len(PLAIN) >= 40
    assert len({shape["name"] for shape in SHAPES}) == len(SHAPES)
