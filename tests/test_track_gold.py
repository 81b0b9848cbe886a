"""track against hand-matched pairs: each year's target beside the figure the next report gives for that year.

The pairs in tests/gold/track/ were chosen by reading both reports (lines of ../shared/corpus), not from
track's output. Each pair must come out as one row holding both lines, with the verdict a reader draws.
"""

from __future__ import annotations

from functools import cache

import pytest
import yaml
from bench.eval import indicators_match

from tests.conftest import CORPUS, ROOT

GOLD = sorted((ROOT / "tests" / "gold" / "track").glob("*.yaml"))


def _cases():
    cases = []
    for path in GOLD:
        for series in yaml.safe_load(path.read_text(encoding="utf-8"))["series"]:
            documents = tuple(series["documents"])
            for pair in series["pairs"]:
                name = f"{documents[0].removesuffix('.txt')}-{pair['indicator']}"
                cases.append(pytest.param(documents, pair, id=name))
    return cases


@cache
def tracked(documents: tuple[str, ...]):
    from policykit.track import load_editions, track

    paths = [CORPUS / name for name in documents]
    missing = [p.name for p in paths if not p.is_file()]
    if missing:
        pytest.skip(f"{', '.join(missing)} not in the shared corpus at {CORPUS}")
    return track(load_editions(paths))


def _where(figure) -> str:
    return "nothing" if figure is None else f"line {figure.line} ({figure.value:g} {figure.unit})"


@pytest.mark.parametrize(("documents", "pair"), _cases())
def test_each_target_meets_the_figure_the_next_report_gives(documents, pair):
    result = tracked(documents)
    old, new = (name.removesuffix(".txt") for name in documents)
    rows = [
        (series.name, row)
        for series in result.series
        for row in series.rows
        if row.year == pair["year"]
        and row.target is not None
        and (row.target.document, row.target.line) == (old, pair["target"])
        and indicators_match(row.target.indicator, pair["indicator"])
    ]
    assert rows, f"no {pair['year']} row holds the {pair['indicator']} target on {old}:{pair['target']}"
    paired = [
        (name, row)
        for name, row in rows
        if row.achieved is not None and row.achieved.line == pair["achieved"]
    ]
    shown = "; ".join(f"{name}: {_where(row.achieved)}" for name, row in rows)
    assert paired, (
        f"the target on {old}:{pair['target']} is paired with {shown}, not {new}:{pair['achieved']}"
    )
    assert all(row.achieved.document == new for _, row in paired)
    assert [row.verdict for _, row in paired] == [pair["verdict"]] * len(paired)


def test_the_gold_names_lines_that_hold_a_number():
    # a pair pointing at a line without a figure would test nothing the reader checked
    if not CORPUS.is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS}")
    for param in _cases():
        documents, pair = param.values
        for name, key in zip(documents, ("target", "achieved"), strict=True):
            line = (CORPUS / name).read_text(encoding="utf-8").splitlines()[pair[key] - 1]
            assert any(ch.isdigit() for ch in line), (name, pair[key])
