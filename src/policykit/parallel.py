"""One process pool per run, shared by every stage; code running inside a worker never starts another.

A search over a folder parses files in worker processes, and a long PDF would start its own pool
there ("daemonic processes are not allowed to have children"). Workers are marked through the
environment, so every stage asks `worker_count()` before it parallelises.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from typing import Any, TypeVar

_IN_WORKER = "POLICYKIT_IN_WORKER"
_pool: Any = None


def in_worker() -> bool:
    """Tell whether this process is a pool worker (this run's, batch's or dask's), which starts no pool.

    Daemonic processes (dask workers) cannot have children at all.
    """
    if os.environ.get(_IN_WORKER) == "1":
        return True
    multiprocessing = sys.modules.get("multiprocessing")  # a daemonic child has it loaded already
    return multiprocessing is not None and multiprocessing.current_process().daemon


def mark_worker() -> None:
    """Declare this process a worker of some run's pool (batch, dask): every stage in it stays serial."""
    os.environ[_IN_WORKER] = "1"


def worker_count(limit: int | None = None) -> int:
    """How many processes a stage may use: 1 inside a worker, else the cores (at most `limit`)."""
    if in_worker():
        return 1
    count = os.cpu_count() or 1
    return max(1, min(count, limit) if limit else count)


def _init_worker() -> None:
    mark_worker()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops the pool


def _shared_pool():
    """The run's pool, started on first use (forked, so modules loaded by then are shared)."""
    global _pool
    if _pool is None:
        import atexit
        import multiprocessing

        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else None)
        _pool = context.Pool(worker_count(), initializer=_init_worker)
        atexit.register(shutdown)
    return _pool


def shutdown() -> None:
    """Stop the shared pool (at exit, or after Ctrl-C)."""
    global _pool
    if _pool is not None:
        _pool.terminate()
        _pool.join()
        _pool = None


_Job = TypeVar("_Job")
_Result = TypeVar("_Result")


def _in_worker(function: Callable[[_Job], _Result], job: _Job) -> _Result:
    """Run one job; then keep what the worker added to the run caches, since workers end without atexit."""
    result = function(job)
    from policykit.run_cache import save_all

    save_all()
    return result


def pmap(
    function: Callable[[_Job], _Result],
    jobs: Iterable[_Job],
    *,
    min_jobs: int = 4,
    chunk: int | None = None,
) -> Iterator[_Result]:
    """Map in order over the shared pool when there are enough jobs and cores, else in this process.

    Jobs go to workers `chunk` at a time (by default a few per message, by how many there are)."""
    jobs = list(jobs)
    if len(jobs) < min_jobs or worker_count() < 2:
        yield from map(function, jobs)
        return
    pool = _shared_pool()
    chunk = chunk or max(1, min(16, len(jobs) // (worker_count() * 8)))
    try:
        yield from pool.imap(partial(_in_worker, function), jobs, chunksize=chunk)
    except BaseException:
        shutdown()
        raise


def other_threads() -> bool:
    """Whether this process runs a thread besides the main one (the pool's own count too)."""
    threading = sys.modules.get("threading")
    return threading is not None and threading.active_count() > 1


class Prefork:
    """A child forked before the parent's own work, warming up (imports) meanwhile, then running jobs as they come.

    A cold search tests its files in the parent while the child imports the parser and then parses each
    file that may match as soon as the parent finds it. Only where fork is cheap and safe (Linux, no
    other thread, not inside a worker); when the child fails, `results` says so and the caller runs the
    jobs itself.
    """

    def __init__(self, pid: int, jobs: int, results: int) -> None:
        self.pid: int | None = pid
        self.jobs: int | None = jobs
        self.results_fd: int | None = results
        self.sent = 0

    @classmethod
    def start(cls, warm: Callable[[], object], function: Callable[[_Job], _Result]) -> Prefork | None:
        """Fork a child that runs `warm()`, then `function` on each job sent; None where forking is not done."""
        if not sys.platform.startswith("linux") or in_worker() or worker_count() < 2 or other_threads():
            return None  # (a thread holding a lock at fork time would leave it held in the child)
        jobs_read, jobs_write = os.pipe()
        results_read, results_write = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child's coverage is not collected
            _prefork_child(warm, function, jobs_write, jobs_read, results_read, results_write)
        os.close(jobs_read)
        os.close(results_write)
        return cls(pid, jobs_write, results_read)

    def send(self, job: object) -> None:
        """Queue one picklable job for the child (it starts on it once warm)."""
        import pickle

        if self.jobs is None:
            return
        try:
            _write_all(self.jobs, pickle.dumps(job, pickle.HIGHEST_PROTOCOL))
            self.sent += 1
        except OSError:  # the child is gone: results() says so
            os.close(self.jobs)
            self.jobs = None

    def results(self) -> list[Any] | None:
        """The results of every job sent, in order; None when the child could not give them all."""
        import pickle

        if self.jobs is not None:
            os.close(self.jobs)  # no more jobs: the child answers
            self.jobs = None
        if self.results_fd is None:
            return None
        try:
            data = _read_all(self.results_fd)
        finally:
            self.close()
        try:
            done, value = pickle.loads(data)
        except Exception:  # nothing written (the child died) or cut short
            return None
        return value if done and len(value) == self.sent else None

    def close(self) -> None:
        """Stop the child if it still runs and reap it (cancelling work it was not given)."""
        for name in ("jobs", "results_fd"):
            fd = getattr(self, name)
            if fd is not None:
                os.close(fd)
                setattr(self, name, None)
        if self.pid is not None:
            pid, self.pid = self.pid, None
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)


def _prefork_child(
    warm: Callable[[], object], function: Callable[[Any], Any], *fds: int
) -> None:  # pragma: no cover
    """The forked child: warm up, run each job as it arrives, then write back (True, results) or (False, why)."""
    import pickle

    jobs_write, jobs_read, results_read, results_write = fds
    try:
        os.close(jobs_write)
        os.close(results_read)
        mark_worker()
        warm()
        results = []
        reply: tuple[bool, object]
        with open(jobs_read, "rb") as jobs:
            try:
                while True:
                    try:
                        job = pickle.load(jobs)
                    except EOFError:
                        break
                    results.append(function(job))
                from policykit.run_cache import save_all

                save_all()
                reply = (True, results)
            except Exception as error:
                reply = (False, f"{type(error).__name__}: {error}")
        _write_all(results_write, pickle.dumps(reply, pickle.HIGHEST_PROTOCOL))
    finally:
        os._exit(0)


def _read_all(fd: int) -> bytes:
    chunks = []
    while chunk := os.read(fd, 1 << 20):
        chunks.append(chunk)
    return b"".join(chunks)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]
