"""The early worker a cold search forks before testing its files: same answers as the pool, every failure left to the caller."""

from __future__ import annotations

import operator
import os
import sys
import threading
from pathlib import Path
from unittest import mock

import pytest

from policykit import parallel
from policykit import search as search_module
from policykit.parallel import Prefork
from policykit.search import search

from .conftest import CORPUS_FILES

needs_fork = pytest.mark.skipif(
    not sys.platform.startswith("linux") or (os.cpu_count() or 1) < 2,
    reason="the early worker is forked only on Linux with two or more cores",
)


@pytest.fixture(autouse=True)
def _no_other_threads(request, monkeypatch):
    """The run's pool keeps threads, and no worker is forked beside a thread: stop the pool an earlier
    test left. Threads other tests left idle (a dask client's) are not ours to stop: they are
    overlooked here, except where the thread check itself is tested."""
    parallel.shutdown()
    if "beside_another_thread" not in request.node.name:
        monkeypatch.setattr(parallel, "other_threads", lambda: False)


def _no_warm_up() -> None:
    """Nothing to import: the tests time nothing."""


def _fail_to_warm_up() -> None:
    raise RuntimeError("cannot import the parser")


def _die() -> None:
    os._exit(3)


def _started(warm=_no_warm_up, function=operator.neg) -> Prefork:
    worker = Prefork.start(warm, function)
    assert worker is not None
    return worker


@needs_fork
@pytest.mark.parametrize("count", [0, 1, 7, 5000])
def test_the_worker_answers_every_job_in_order(count):
    worker = _started()
    for job in range(count):
        worker.send(job)  # 5,000 jobs overflow the pipe before the worker reads: sending must not stall
    assert worker.results() == [-job for job in range(count)]


@needs_fork
@pytest.mark.parametrize("warm", [_fail_to_warm_up, _die])
def test_a_worker_that_cannot_start_gives_no_results(warm):
    worker = _started(warm)
    worker.send(1)
    assert worker.results() is None


@needs_fork
def test_a_job_that_raises_gives_no_results():
    worker = _started(function=operator.neg)
    worker.send(1)
    worker.send("not a number")
    assert worker.results() is None


@needs_fork
def test_closing_an_idle_worker_reaps_it():
    worker = _started(warm=lambda: threading.Event().wait(30))
    pid = worker.pid
    worker.close()
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # already reaped: no zombie left behind


def test_no_worker_is_forked_beside_another_thread():
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert Prefork.start(_no_warm_up, operator.neg) is None
    finally:
        stop.set()
        thread.join()


def test_no_worker_is_forked_inside_a_worker(monkeypatch):
    monkeypatch.setenv("POLICYKIT_IN_WORKER", "1")
    assert Prefork.start(_no_warm_up, operator.neg) is None


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """Forty corpus pieces, one unreadable encoding among them, so some files hold the terms and most do not."""
    if not CORPUS_FILES:
        pytest.skip("the corpus (../shared/corpus) is absent")
    root = tmp_path_factory.mktemp("early")
    for i, path in enumerate(CORPUS_FILES[:20]):
        text = path.read_text(encoding="utf-8")
        (root / f"{i:02d}a.txt").write_text(text[: len(text) // 2], encoding="utf-8")
        (root / f"{i:02d}b.txt").write_text(text[len(text) // 2 :], encoding="gb18030", errors="replace")
    (root / "broken.txt").write_bytes(b"\xff\xfe\x00" + os.urandom(64))
    return root


def _answer(term: str, folder: Path, **options) -> tuple[list[dict], tuple[str, ...]]:
    parallel.shutdown()  # the pool the search before started: forking beside its threads is not safe
    result = search(term, [str(folder)], use_index=False, **options)
    return [match.to_dict() for match in result.matches], result.warnings


@needs_fork
@pytest.mark.parametrize("term", ["氢能", "发展", "数字经济", "不存在的词语组合"])
@pytest.mark.parametrize("limit", [400_000, 5_000, 0])
def test_the_early_worker_finds_what_the_pool_finds(folder, term, limit):
    """All candidates to the early worker, some to it and the rest to the pool, or none to it."""
    expected = None
    with mock.patch.object(parallel.Prefork, "start", return_value=None):
        expected = _answer(term, folder)
    sent = []
    original = Prefork.send

    def counting(self, job):
        sent.append(job)
        original(self, job)

    with (
        mock.patch.object(search_module, "_EARLY_WORKER_CHARACTERS", limit),
        mock.patch.object(Prefork, "send", counting),
    ):
        assert _answer(term, folder) == expected
    assert bool(sent) == (limit > 0 and term != "不存在的词语组合")


@needs_fork
def test_a_failed_early_worker_leaves_its_files_to_the_pool(folder):
    with mock.patch.object(parallel.Prefork, "start", return_value=None):
        expected = _answer("发展", folder)
    with mock.patch.object(search_module, "_warm_parser", _fail_to_warm_up):
        assert _answer("发展", folder) == expected
