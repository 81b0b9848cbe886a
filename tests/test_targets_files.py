"""Held-out gold for real files (tests/gold/targets/files): each loads and names a file in ../shared/formats."""

from __future__ import annotations

from pathlib import Path

from bench.eval import FORMATS, gold_files, is_file_gold, load_gold

FILES_DIR = Path(__file__).resolve().parent / "gold" / "targets" / "files"


def test_every_file_gold_loads_and_names_a_real_format_file():
    paths = sorted(FILES_DIR.glob("*.yaml"))
    assert len(paths) >= 4, "the four held-out files have gold"
    for path in paths:
        gold = load_gold(path)
        assert is_file_gold(path)
        assert gold.document.parent == FORMATS and gold.document.stem == path.stem, path.name
        assert gold.document.suffix in {".pdf", ".html", ".docx"}, path.name
        assert gold.achieved is not None, f"{path.name}: a file gold annotates achieved figures too"
        for item in gold.targets + gold.optional + (gold.achieved or ()):
            assert item.indicator and item.line and isinstance(item.unit, str), (path.name, item)
            assert item.year is None or 1949 < item.year < 2100, (path.name, item)


def test_the_default_run_scores_the_file_gold_after_the_corpus_gold():
    paths = gold_files([])
    held = [p for p in paths if is_file_gold(p)]
    assert held and paths[-len(held) :] == held
