"""One process pool per run, shared by every stage; code running inside a worker never starts another.

A search over a folder parses files in worker processes, and a long PDF would start its own pool
there ("daemonic processes are not allowed to have children"). Workers are marked through the
environment, so every stage asks `worker_count()` before it parallelises.
"""

from __future__ import annotations

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
