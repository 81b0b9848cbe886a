"""How many processes a stage may start: one pool per run, never a pool inside a pool's worker."""

from __future__ import annotations

import multiprocessing
import os

WORKER_ENV = "POLICYKIT_IN_WORKER"


def mark_worker() -> None:
    """Declare this process a worker of a run's pool (a batch or dask worker): its stages stay serial."""
    os.environ[WORKER_ENV] = "1"


def in_worker() -> bool:
    """Tell whether this process is a pool worker, where starting another pool is wasteful or impossible.

    Daemonic processes (multiprocessing.Pool and dask workers) cannot have children at all.
    """
    return os.environ.get(WORKER_ENV) == "1" or multiprocessing.current_process().daemon


def worker_count(limit: int = 4) -> int:
    """Processes a stage may use: up to `limit` cores in a main process, 1 inside a worker."""
    return 1 if in_worker() else min(os.cpu_count() or 1, limit)
