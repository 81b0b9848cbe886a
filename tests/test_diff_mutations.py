"""Diff reports exactly the edits made: known edits applied to the text of every corpus document.

Each edit kind picks its site in a document by a seeded random choice (one per document and kind, so a
run is repeatable), edits the raw text the way an editor would (renumbering the siblings after an
inserted or deleted item), and states what a reader expects the diff to say (tests/diff_mutations.py).
Sites are read off the text with numbering patterns of the probe's own (tests/diff_mutation_lines.py), never
off the parse, and the expectation comes from the edit alone. `python -m tests.test_diff_mutations` prints,
per edit kind, the documents whose diff differs from the truth and why; the default test run checks a
sample of documents, POLICYKIT_FULL_MATRIX=1 all.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Sequence

import pytest

from tests.conftest import CORPUS, CORPUS_FILES, matrix_sample
from tests.diff_mutation_lines import STYLES, consistent_styles, read_lines, renumber, restarts
from tests.diff_mutations import EDITS, run_edit

# ---------------------------------------------------------------- tests

NAMES = [path.stem for path in CORPUS_FILES]
SAMPLE = 3
KNOWN: dict[tuple[str, str], str] = {}
"""Documents whose diff still differs from the truth for an edit kind, and why (strict xfail)."""


def _params(kind: str):
    if not NAMES:
        return [pytest.param(None, marks=pytest.mark.skip(reason=f"shared corpus not found at {CORPUS}"))]
    params = []
    names = sorted(NAMES, key=lambda name: random.Random(f"{kind}/{name}").random())  # a sample per kind
    for name in sorted(matrix_sample(names, SAMPLE)):
        reason = KNOWN.get((name, kind))
        marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
        params.append(pytest.param(name, id=name, marks=marks))
    return params


def _assert_exact(name: str | None, kind: str) -> None:
    assert name is not None
    edit, problem = run_edit(name, kind)
    if edit is None:
        pytest.skip(f"{name} has no site for {kind}")
    assert problem is None, f"{kind} at {edit.site!r}: {problem}"


@pytest.mark.parametrize("name", _params("delete_paragraph"))
def test_a_deleted_paragraph_is_one_removal(name):
    _assert_exact(name, "delete_paragraph")


@pytest.mark.parametrize("name", _params("delete_item"))
def test_a_deleted_item_is_removed_and_later_items_only_renumbered(name):
    _assert_exact(name, "delete_item")


@pytest.mark.parametrize("name", _params("delete_section"))
def test_a_deleted_section_is_removed_with_its_children(name):
    _assert_exact(name, "delete_section")


@pytest.mark.parametrize("name", _params("insert_paragraph"))
def test_an_inserted_paragraph_is_one_addition(name):
    _assert_exact(name, "insert_paragraph")


@pytest.mark.parametrize("name", _params("insert_item"))
def test_an_inserted_item_is_added_and_later_items_only_renumbered(name):
    _assert_exact(name, "insert_item")


@pytest.mark.parametrize("name", _params("reword"))
def test_a_reworded_sentence_is_one_modification_with_both_texts(name):
    _assert_exact(name, "reword")


@pytest.mark.parametrize("name", _params("change_target"))
def test_a_changed_target_shows_its_old_and_new_value_and_year(name):
    _assert_exact(name, "change_target")


@pytest.mark.parametrize("name", _params("move_paragraph"))
def test_a_paragraph_moved_to_another_section_is_one_move(name):
    _assert_exact(name, "move_paragraph")


@pytest.mark.parametrize("name", _params("move_item"))
def test_an_item_moved_to_another_list_is_one_move(name):
    _assert_exact(name, "move_item")


@pytest.mark.parametrize("name", _params("insert_toc"))
def test_a_table_of_contents_put_in_front_changes_no_clause(name):
    _assert_exact(name, "insert_toc")


@pytest.mark.parametrize("name", _params("insert_toc_after_title"))
def test_a_table_of_contents_after_the_title_changes_no_clause(name):
    _assert_exact(name, "insert_toc_after_title")


@pytest.mark.parametrize("name", _params("reword_heading"))
def test_a_reworded_heading_is_one_modification(name):
    _assert_exact(name, "reword_heading")


@pytest.mark.parametrize("name", _params("change_value"))
def test_a_changed_target_value_shows_its_old_and_new_value(name):
    _assert_exact(name, "change_value")


@pytest.mark.parametrize("name", _params("move_and_reword"))
def test_a_paragraph_moved_and_reworded_is_one_move_with_its_words(name):
    _assert_exact(name, "move_and_reword")


@pytest.mark.parametrize("name", _params("swap_items"))
def test_two_items_swapped_are_one_move_and_renumberings(name):
    _assert_exact(name, "swap_items")


@pytest.mark.parametrize("name", _params("rewrite"))
def test_a_paragraph_a_third_rewritten_is_still_one_modification(name):
    _assert_exact(name, "rewrite")


@pytest.mark.parametrize("name", _params("split_paragraph"))
def test_a_paragraph_broken_in_two_is_one_split(name):
    _assert_exact(name, "split_paragraph")


@pytest.mark.parametrize("name", _params("merge_paragraphs"))
def test_two_paragraphs_joined_are_one_merge(name):
    _assert_exact(name, "merge_paragraphs")


@pytest.mark.parametrize("name", _params("combined"))
def test_several_edits_at_once_are_each_reported_once(name):
    _assert_exact(name, "combined")


@pytest.mark.parametrize("name", _params("restyle_numbering"))
def test_headings_renumbered_in_another_style_are_one_note(name):
    _assert_exact(name, "restyle_numbering")


def test_the_numbering_model_reproduces_itself():
    lines = read_lines("一、总则\n（一）甲\n（二）乙\n二、任务\n（一）丙\n1.丁\n2.戊\n")
    names = [s.name for s in consistent_styles(lines)]
    assert names == ["cn_dun", "cn_paren", "arabic_dot"]
    assert restarts(lines, STYLES[3]) and not restarts(lines, STYLES[2])
    gone = renumber(lines[:1] + lines[2:], STYLES[3], True)
    assert [line.text for line in gone][:2] == ["一、总则", "（一）乙"]


def main(argv: Sequence[str]) -> None:
    """Print, per edit kind, how many documents' diffs differ from the truth, and each failure.

    Arguments name edit kinds and documents to run (all by default); --seeds=N tries N sites per document.
    """
    seeds = next((int(arg.split("=")[1]) for arg in argv if arg.startswith("--seeds=")), 1)
    kinds = [k for k in EDITS if k in argv] or list(EDITS)
    names = [n for n in NAMES if n in argv] or NAMES
    for kind in kinds:
        failed, sites = [], 0
        for name in names:
            for seed in range(seeds):
                edit, problem = run_edit(name, kind, seed)
                sites += edit is not None
                if problem:
                    failed.append(f"    {name}#{seed}: {edit.site!r}: {problem}")  # type: ignore[union-attr]
        print(f"{kind}: {len(failed)}/{sites} edits differ")
        print("\n".join(failed))


if __name__ == "__main__":
    main(sys.argv[1:])
