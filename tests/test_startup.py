"""First contact: jieba's word store gives jieba's own tokens and tags, the lean parse path prints what
the typer command prints, top-level help needs only the command table, and search and index import
their shared pieces instead of each other."""

from __future__ import annotations

import ast
import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from policykit import entry
from policykit.cli import app

from .conftest import CORPUS_FILES, ROOT, SEED

SRC = ROOT / "src" / "policykit"


def _paragraphs() -> list[str]:
    texts = [SEED.read_text(encoding="utf-8")] + [p.read_text(encoding="utf-8") for p in CORPUS_FILES[:6]]
    return [line for text in texts for line in text.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def store(tmp_path_factory, word_store):
    """The word store written from the full dictionary, and the full tokenizer and tagger to compare with.

    The store is the one this run's workers share (conftest's word_store, written once by segment.ensure_store
    from the same full dictionary); it is written here only where that one could not be."""
    from policykit.zh import segment, wordstore

    jieba = segment._jieba()
    tagger = segment._posseg()
    path = next(word_store.glob("jieba-words-*.sqlite"), None)
    if path is None:
        path = tmp_path_factory.mktemp("store") / "words.sqlite"
        wordstore.write_store(jieba.dt.FREQ, jieba.dt.total, tagger.word_tag_tab, str(path))
    wordstore._open.cache_clear()
    wordstore.tokenizer.cache_clear()
    wordstore.pos_tokenizer.cache_clear()
    original = wordstore.store_path
    wordstore.store_path = lambda: str(path)
    try:
        yield wordstore.tokenizer(), wordstore.pos_tokenizer(), jieba.dt, tagger
    finally:
        wordstore.store_path = original
        wordstore._open.cache_clear()
        wordstore.tokenizer.cache_clear()
        wordstore.pos_tokenizer.cache_clear()


def test_the_word_store_gives_jiebas_search_tokens(store):
    light, _, full, _ = store
    paragraphs = _paragraphs()
    assert len(paragraphs) > 100
    for text in paragraphs:
        assert list(light.tokenize(text, mode="search")) == list(full.tokenize(text, mode="search")), text


def test_the_word_store_gives_the_precise_words_and_known_words_of_the_full_dictionary(store):
    from policykit.zh import segment

    light, _, full, _ = store
    for text in _paragraphs()[1::2]:
        words = light.lcut(text)
        assert words == segment._precise_words(segment._tokenizer(), text), text
        assert [bool(light.FREQ.get(w)) for w in words] == [bool(full.FREQ.get(w)) for w in words], text


def test_cut_reads_the_word_store_until_its_budget_is_spent(store, monkeypatch):
    """A diff of two versions segments a few changed phrases: that must not load the 500k-word dictionary."""
    from policykit.zh import segment, wordstore

    light, _, _, _ = store
    monkeypatch.setattr(segment._jieba, "cache_info", lambda: type("Info", (), {"currsize": 0})())
    calls = []
    monkeypatch.setattr(light, "lcut", lambda text, _real=light.lcut: calls.append(text) or _real(text))
    assert segment.cut("实现碳达峰碳中和") == ["实现", "碳达峰", "碳中和"]
    assert calls == ["实现碳达峰碳中和"]
    monkeypatch.setattr(wordstore, "LOOKUP_BUDGET", -1)
    assert segment.cut("实现碳达峰碳中和") == ["实现", "碳达峰", "碳中和"]
    assert calls == ["实现碳达峰碳中和"]  # past the budget: the full dictionary answers


def test_the_word_store_gives_jiebas_pos_tags(store):
    _, light, _, full = store
    for text in _paragraphs()[::3]:
        assert [(p.word, p.flag) for p in light.lcut(text)] == [(p.word, p.flag) for p in full.lcut(text)], (
            text
        )


def test_the_word_store_knows_the_policy_lexicon(store):
    light, tagger, _, _ = store
    assert [w for w, _, _ in light.tokenize("实现碳达峰碳中和，发展新质生产力")][2:4] != ["碳", "中"]
    assert "新质生产力" in [p.word for p in tagger.lcut("发展新质生产力")]


@pytest.mark.parametrize("args", [["-f", "json"], ["--format=yaml"], ["-f", "json", "--no-targets"]])
def test_lean_parse_prints_what_the_typer_command_prints(args, monkeypatch, capsys):
    expected = CliRunner().invoke(app, ["parse", str(SEED), *args])
    assert expected.exit_code == 0
    monkeypatch.setattr("sys.argv", ["policykit", "parse", str(SEED), *args])
    with pytest.raises(SystemExit) as done:
        entry.main()
    assert done.value.code == 0
    assert capsys.readouterr().out == expected.stdout


@pytest.mark.parametrize(
    ("args", "lean"),
    [
        ([str(SEED), "-f", "json"], True),
        ([str(SEED), "--encoding", "gb18030", "-f", "yaml"], True),
        ([str(SEED), "-f", "tree"], False),
        ([str(SEED), str(SEED), "-f", "json"], False),
        ([str(SEED), "--bogus"], False),
    ],
)
def test_lean_parse_leaves_what_it_does_not_know_to_typer(args, lean):
    assert (entry.parse_parse_args(args) is not None) == lean


def test_lean_parse_errors_are_one_line(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    done = subprocess.run(
        [sys.executable, "-m", "policykit", "parse", str(empty), "-f", "json"],
        capture_output=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert done.stderr.decode().count("\n") == 1 and "empty" in done.stderr.decode()


def test_top_level_help_is_the_command_table_without_rich_or_jieba():
    code = (
        "import sys\nfrom policykit.entry import main\nsys.argv=['policykit','--help']\n"
        "try:\n main()\nexcept SystemExit: pass\n"
        "print([m for m in ('typer.rich_utils','rich.markdown','jieba','pdfplumber','pydantic') if m in sys.modules])"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    lines = done.stdout.strip().splitlines()
    assert lines[-1] == "[]"
    for command in ("parse", "extract", "search", "index", "diff", "validate"):
        assert any(line.strip().startswith(command) for line in lines), command


def _imports(path) -> set[str]:
    """Every policykit module a file imports, at the top or inside functions."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("policykit"):
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("policykit"))
    return found


@pytest.mark.parametrize("module", ["query", "prefilter", "index", "files", "config", "parallel"])
def test_the_search_pieces_do_not_import_search(module):
    assert "policykit.search" not in _imports(SRC / f"{module}.py")


def test_parse_without_targets_never_loads_jieba():
    code = (
        "import sys\nfrom policykit.entry import main\n"
        f"sys.argv=['policykit','parse',{str(SEED)!r},'-f','json','--no-targets']\n"
        "try:\n main()\nexcept SystemExit: pass\n"
        "sys.stderr.write(repr(sorted(m for m in sys.modules if m.split('.')[0] in ('jieba', 'typer'))))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stderr == "[]"


def test_a_search_that_reads_a_text_file_imports_nothing_it_does_not_use(tmp_path):
    """No ZIP, pathlib, logging or jieba on the way to a .txt that rules the term out (~12 ms of a
    search's start); a file with stray bytes still warns on stderr, through the logger set up late."""
    clean, damaged = tmp_path / "clean.txt", tmp_path / "damaged.txt"
    clean.write_text("一、氢能\n\n推动氢能产业发展。\n", encoding="utf-8")
    damaged.write_bytes("一、氢能\n\n推动氢能产业发展。\n".encode() + b"\xff\n")
    code = (
        "import sys\nfrom policykit.entry import main\n"
        "sys.argv=['policykit','search',sys.argv[1],sys.argv[2],'-f','json','--no-index']\n"
        "try:\n main()\nexcept SystemExit: pass\n"
        "print(sorted(m for m in ('zipfile','pathlib','logging','jieba') if m in sys.modules))"
    )
    env = {**os.environ, "POLICYKIT_BACKGROUND_INDEX": "0", "POLICYKIT_CACHE_DIR": str(tmp_path / "cache")}

    def run(term, path):
        return subprocess.run(
            [sys.executable, "-c", code, term, str(path)], capture_output=True, text=True, env=env
        )

    missed = run("量子", clean)
    assert missed.stdout.splitlines()[-1] == "[]", missed.stderr
    warned = run("氢能", damaged)
    assert "推动氢能" in warned.stdout
    assert warned.stderr.startswith(f"Warning: {damaged}: 1 undecodable byte sequence(s) read as U+FFFD")
    assert run("量子", damaged).stderr.startswith(f"Warning: {damaged}: 1 undecodable")
