"""Shared fixtures: the seed, the shared corpus (skipped with a reason when absent), a CLI runner."""

from __future__ import annotations

import functools
import gc
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import typer.testing
from hypothesis import settings
from typer.testing import CliRunner

# CI (.ci/run) draws the same examples on every run, so a red build always means a change broke
# something; a developer's `make test` draws new ones each time and keeps the failures it finds.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("HYPOTHESIS_PROFILE") == "ci":
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "data" / "raw" / "qingdao-west-coast-green-lowcarbon-3yr-action-plan-2023-2025.txt"
CORPUS = ROOT.parent / "shared" / "corpus"
EVAL = ROOT.parent / "shared" / "eval"
CORPUS_FILES = sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []
# typer's CliRunner turns the app into a click command on every invoke (~16 ms: it evaluates every option's
# annotations); a click command is built to be invoked many times, so each app is turned once a session.
typer.testing._get_command = functools.cache(typer.testing._get_command)
# A CLI search indexes in a detached process; tests that want one start it themselves.
os.environ["POLICYKIT_BACKGROUND_INDEX"] = "0"
# The corpus-wide layout matrices (documents × retypings) run whole with POLICYKIT_FULL_MATRIX=1
# (`make test-full`); `make test` takes a spread sample per layout, so together they still cover every document.
FULL_MATRIX = os.environ.get("POLICYKIT_FULL_MATRIX") == "1"


@pytest.hookimpl(trylast=True)
def pytest_collection_finish(session) -> None:
    """Move what collection built (every test item, module and parameter) out of the cyclic GC's reach.

    They live until the run ends, yet each full collection the tests' parse trees set off walked them all
    again: gc.freeze() here cut the CPU of a third of the suite by 9% (51.5 s to 47.0 s, one process)."""
    gc.freeze()


def pytest_sessionfinish(session) -> None:
    """Stop the kept-open LibreOffice this test process handed its conversions to (tests/office.py), if any."""
    if office := sys.modules.get("tests.office"):
        office.stop()


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS}: tests on real documents need ../shared/corpus")
    return CORPUS


@pytest.fixture(scope="session")
def eval_dir() -> Path:
    if not EVAL.is_dir():
        pytest.skip(f"reference annotations not found at {EVAL}")
    return EVAL


@pytest.fixture(scope="session")
def word_store(tmp_path_factory) -> Path:
    """A cache folder holding the jieba word store, written once a run and shared by xdist's workers."""
    import fcntl

    from policykit.zh import segment

    base = tmp_path_factory.getbasetemp()
    root = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    folder = root / "word-store"
    with open(root / "word-store.lock", "w") as lock, pytest.MonkeyPatch.context() as patch:
        fcntl.flock(lock, fcntl.LOCK_EX)  # the other workers wait for the one writing it
        patch.setenv("POLICYKIT_CACHE_DIR", str(folder))
        segment.ensure_store()  # where it cannot be written, warm_cache copies nothing: the CLI starts cold
    return folder


def warm_cache(folder: Path, store: Path) -> Path:
    """`folder` as a cache holding the word store: a CLI process started on it skips loading jieba's full
    dictionary (~1-2 s each) yet builds its index and run caches from nothing."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in store.glob("jieba-words-*.sqlite"):
        if not (folder / path.name).exists():
            shutil.copyfile(path, folder / path.name)
    return folder


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner(env={"COLUMNS": "120", "NO_COLOR": "1", "TERM": "dumb"})


@pytest.fixture
def policykit_main(monkeypatch, capfdbinary):
    """Run `policykit *args` through the console entry point (policykit.entry.main) in this process, as a
    CompletedProcess: a subprocess's check without its interpreter start-up and imports (0.2 s of CPU for a
    lean search, more where it imports the format readers).
    Start-up imports, signals, stdin pipes and detached processes still need a real process."""

    def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
        from policykit import entry

        for key, value in (env or {}).items():
            monkeypatch.setenv(key, value)
        monkeypatch.setattr("sys.argv", ["policykit", *args])
        try:
            entry.main()
            code = 0
        except SystemExit as done:
            code = done.code if isinstance(done.code, int) else 0 if done.code is None else 1
        out, err = capfdbinary.readouterr()
        return subprocess.CompletedProcess(["policykit", *args], code, out, err)

    return run


def corpus_params(k: int | None = None, turn: int = 0):
    """Parametrize over every corpus document (a spread sample of k, all under FULL_MATRIX), or one skipped case."""
    if not CORPUS_FILES:
        return [pytest.param(None, marks=pytest.mark.skip(reason=f"shared corpus not found at {CORPUS}"))]
    names = set(matrix_sample([path.stem for path in CORPUS_FILES], k, turn)) if k else None
    return [pytest.param(path, id=path.stem) for path in CORPUS_FILES if names is None or path.stem in names]


def examples(n: int) -> int:
    """A property test's example count: a third of `n` (20 at least) in make test, `n` under FULL_MATRIX.

    Hypothesis draws new examples on every run and replays the failures it has seen (.hypothesis), so
    runs add up; `make test-full` gives each property its full count in one go.
    """
    return n if FULL_MATRIX else max(20, n // 3)


def matrix_sample(names: list[str], k: int, turn: int = 0) -> list[str]:
    """k of `names` spread evenly and shifted by `turn` (a layout's index), or all of them under FULL_MATRIX."""
    if FULL_MATRIX or len(names) <= k:
        return list(names)
    ordered = sorted(names)
    return [ordered[(turn + j * len(ordered) // k) % len(ordered)] for j in range(k)]


def corpus_matrix(layouts, k: int, known: dict[tuple[str, str], str] | None = None) -> list:
    """(document, layout) cases: each layout on its own spread sample of k corpus documents (all under FULL_MATRIX).

    `known` gives, by (document stem, layout), why a case still fails: it runs as a strict xfail."""
    if not CORPUS_FILES:
        return [
            pytest.param(None, None, marks=pytest.mark.skip(reason=f"shared corpus not found at {CORPUS}"))
        ]
    by_stem = {path.stem: path for path in CORPUS_FILES}
    known = known or {}
    return [
        pytest.param(
            by_stem[stem],
            layout,
            id=f"{stem}-{layout}",
            marks=[pytest.mark.xfail(reason=known[stem, layout], strict=True)]
            if (stem, layout) in known
            else [],
        )
        for turn, layout in enumerate(layouts)
        for stem in matrix_sample(list(by_stem), k, turn)
    ]


def assert_one_error_line(runner: CliRunner, path: Path, message: str) -> None:
    """Reading `path` raises InputError with `message`, and `policykit parse` prints just that line, exit 1."""
    from policykit.cli import app
    from policykit.errors import InputError
    from policykit.ingest import read_source

    with pytest.raises(InputError, match=message):
        read_source(path)
    result = runner.invoke(app, ["parse", str(path)])
    assert result.exit_code == 1
    assert len(result.output.strip().splitlines()) == 1
    assert message in result.output


def corpus_file(name: str) -> Path:
    """A corpus document by stem, or a skip saying where the corpus was looked for."""
    path = CORPUS / f"{name}.txt"
    if not path.exists():
        pytest.skip(f"corpus document {path.name} not found at {CORPUS}")
    return path
