"""Run the per-document function over many files: local worker processes, or a dask.distributed cluster.

Both engines keep only a bounded number of documents in flight, so memory does not grow with the corpus,
and hand results back in completion order to the one writer in this process.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import islice

from policykit.batch.records import DocumentRows, process_document
from policykit.errors import UsageError
from policykit.parallel import mark_worker

ENGINES = ("local", "dask")

Job = tuple[str, str, str | None]
"""One document to process: its path, its content hash, and the password for encrypted PDFs."""


def run_local(jobs: Sequence[Job], workers: int) -> Iterator[DocumentRows]:
    """Process (path, sha256, password) jobs on `workers` local processes (in this process when 1)."""
    if workers <= 1 or len(jobs) <= 1:
        for job in jobs:
            yield process_document(*job)
        return
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else None)
    window = workers * 4
    pending = iter(jobs)
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=mark_worker) as pool:
        running = set()
        for job in pending:
            running.add(pool.submit(process_document, *job))
            if len(running) >= window:
                break
        while running:
            finished, running = wait(running, return_when=FIRST_COMPLETED)
            for future in finished:
                yield future.result()
                following = next(pending, None)
                if following is not None:
                    running.add(pool.submit(process_document, *following))


def run_dask(jobs: Sequence[Job], workers: int, scheduler: str | None) -> Iterator[DocumentRows]:
    """Process jobs on a dask.distributed cluster (a LocalCluster of `workers` processes without --scheduler)."""
    try:
        from dask.distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise UsageError("--engine dask needs dask.distributed: pip install 'policykit[dask]'") from None
    cluster = None
    if scheduler is None:
        # Any free port: the scheduler serves HTTP even without a dashboard, and 8787 may be taken.
        cluster = LocalCluster(
            n_workers=max(workers, 1), threads_per_worker=1, processes=True, dashboard_address=":0"
        )
    client = Client(scheduler or cluster)
    try:
        client.run(mark_worker)
        window = max(workers, 1) * 4
        pending = iter(jobs)
        first = [client.submit(process_document, *job, pure=False) for job in islice(pending, window)]
        queue = as_completed(first)
        for future in queue:
            yield future.result()
            future.release()
            following = next(pending, None)
            if following is not None:
                queue.add(client.submit(process_document, *following, pure=False))
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
