"""policykit batch at scale: docs/s and MB/s on 1, 2 and all cores, scaling, peak RSS per worker, dask overhead.

The corpus is built from the shared corpus documents under distinct names, each with a small edit so
every hash differs. Sizes: BATCH_MB (default 100) for the throughput runs, BATCH_BIG_MB (default 1024)
for the flat-memory check at scale; BATCH_BIG_MB=0 skips the big run (it takes minutes per core-GB).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

_RUNNER = """
import json, resource, sys, time
from policykit.batch import run_batch
source, out, jobs, engine = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
summary = run_batch([source], out, jobs=jobs, engine=engine)
print(json.dumps({"seconds": summary.seconds, "documents": summary.processed, "bytes": summary.bytes,
                  "errors": summary.errors, "worker_kb": summary.peak_worker_rss_kb,
                  "parent_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""


def build_corpus(ctx, megabytes: int) -> Path:
    """Copies of the corpus documents, distinct names and contents, until `megabytes` are written."""
    folder = ctx.scratch / f"batch-{megabytes}mb"
    folder.mkdir(parents=True, exist_ok=True)
    sources = [(p.stem, p.read_bytes()) for p in ctx.corpus_files()]
    written = index = 0
    while written < megabytes * 1_000_000:
        stem, data = sources[index % len(sources)]
        copy = data + f"\n（第{index}份副本）\n".encode()
        (folder / f"{index:07d}-{stem}.txt").write_bytes(copy)
        written += len(copy)
        index += 1
    return folder


def measure(ctx, folder: Path, jobs: int, engine: str = "local") -> dict:
    out = Path(tempfile.mkdtemp(prefix=f"out-{folder.name}-{engine}-{jobs}-", dir=ctx.scratch))
    result = subprocess.run(
        [sys.executable, "-c", _RUNNER, str(folder), str(out), str(jobs), engine],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        tail = " | ".join(result.stderr.strip().splitlines()[-3:])
        raise RuntimeError(f"batch run ({engine}, {jobs} jobs) failed: {tail}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def _row(what: str, run: dict, anchor: str = "", anchor_run: dict | None = None, ratio=None) -> dict:
    docs_s = run["documents"] / run["seconds"]
    mb_s = run["bytes"] / 1e6 / run["seconds"]
    return {
        "bench": "batch",
        "what": f"{what}: {docs_s:.1f} docs/s {mb_s:.2f} MB/s worker {run['worker_kb'] / 1024:.0f}MB "
        f"parent {run['parent_kb'] / 1024:.0f}MB",
        "seconds": run["seconds"],
        "anchor": anchor,
        "anchor_seconds": anchor_run["seconds"] if anchor_run else None,
        "ratio": ratio,
    }


def run(ctx) -> Iterator[dict]:
    """Rows as each run finishes (a full run at 1 GB takes tens of minutes on two cores)."""
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        print("batch bench skipped: pip install 'policykit[batch]'", file=sys.stderr)
        return
    megabytes = int(os.environ.get("BATCH_MB", "100"))
    big = int(os.environ.get("BATCH_BIG_MB", "1024"))
    cores = os.cpu_count() or 1
    folder = build_corpus(ctx, megabytes)
    one = measure(ctx, folder, 1)
    yield _row(f"{megabytes} MB, 1 core", one)
    for jobs in sorted({2, cores} - {1}):
        many = measure(ctx, folder, jobs)
        efficiency = one["seconds"] / (jobs * many["seconds"])
        yield _row(f"{megabytes} MB, {jobs} cores (ratio: scaling eff.)", many, "1 core", one, efficiency)
    local = many if cores > 1 else one
    try:
        import dask.distributed  # noqa: F401

        cluster = measure(ctx, folder, cores, "dask")
        yield _row(f"{megabytes} MB, dask LocalCluster x{cores}", cluster, f"local x{cores}", local)
    except ImportError:
        print("dask overhead skipped: pip install 'policykit[dask]'", file=sys.stderr)
    except RuntimeError as error:
        print(f"dask overhead not measured: {error}", file=sys.stderr)
    if big:
        large = measure(ctx, build_corpus(ctx, big), cores)
        yield _row(
            f"{big} MB, {cores} cores (ratio: worker RSS vs {megabytes} MB)",
            large,
            f"{megabytes} MB",
            local,
            large["worker_kb"] / local["worker_kb"],
        )
