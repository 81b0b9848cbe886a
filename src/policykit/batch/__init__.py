"""Batch: the whole toolkit over a folder of documents into Parquet tables, resumable, on every core or a cluster.

`run_batch` plans the work (skipping documents already written from the same content and version),
runs the per-document function on an engine, and appends committed parts to the output folder.
`query` runs DuckDB SQL over the tables.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from policykit import __version__
from policykit.batch.engines import ENGINES, Job, run_dask, run_local
from policykit.batch.records import DocumentRows, document_id, file_sha256, process_document
from policykit.batch.store import TABLES, Store
from policykit.errors import UsageError

__all__ = [
    "ENGINES",
    "TABLES",
    "BatchProgress",
    "BatchSummary",
    "DocumentRows",
    "QueryResult",
    "document_id",
    "process_document",
    "query",
    "run_batch",
]


@dataclass(frozen=True)
class BatchProgress:
    """Where a run stands, for a progress display: documents and bytes done out of the planned work."""

    done: int
    total: int
    bytes_done: int
    bytes_total: int
    errors: int
    elapsed: float


@dataclass(frozen=True)
class BatchSummary:
    """What a run did: documents found, skipped as unchanged, processed, failed; bytes and time."""

    found: int
    skipped: int
    processed: int
    errors: int
    bytes: int
    seconds: float
    output: str
    peak_worker_rss_kb: int = 0

    def line(self) -> str:
        """One summary line, as printed when the output is piped."""
        rate = self.processed / self.seconds if self.seconds else 0.0
        megabytes = self.bytes / 1e6
        return (
            f"{self.found} documents: {self.processed} processed, {self.skipped} unchanged, "
            f"{self.errors} errors; {megabytes:.1f} MB in {self.seconds:.1f} s "
            f"({rate:.1f} docs/s, {megabytes / self.seconds if self.seconds else 0:.2f} MB/s) -> {self.output}"
        )


def run_batch(
    sources: Sequence[str],
    output: str | Path,
    *,
    jobs: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    part_rows: int = 50_000,
    password: str | None = None,
    progress: Callable[[BatchProgress], None] | None = None,
) -> BatchSummary:
    """Process every document under `sources` into Parquet tables in `output`, resuming a previous run.

    `password` opens encrypted PDFs (the same for every file); a PDF it does not open is an error row.
    """
    from policykit.files import expand_paths

    if engine not in ENGINES:
        raise UsageError(f"unknown engine {engine!r}: choose {' or '.join(ENGINES)}")
    if scheduler and engine != "dask":
        raise UsageError("--scheduler needs --engine dask")
    started = time.perf_counter()
    files = list(expand_paths(sources, max_size=None).files)
    store = Store(output, part_rows=part_rows)
    committed = store.committed()
    jobs_to_run: list[Job] = []
    changed: dict[str, set[str]] = {}
    for path in files:
        try:
            digest = file_sha256(path)
        except OSError:
            digest = ""  # process_document records the read error
        ident = document_id(path)
        known = committed.get(ident)
        if known and known.sha256 == digest and known.version == __version__:
            continue
        if known:
            changed.setdefault(known.part, set()).add(ident)
        jobs_to_run.append((path, digest, password))
    for part, paths in changed.items():
        store.remove_documents(part, paths)
    skipped = len(files) - len(jobs_to_run)
    sizes = {job[0]: _size(job[0]) for job in jobs_to_run}
    bytes_total = sum(sizes.values())
    done = errors = bytes_done = peak = 0
    results = run_dask(jobs_to_run, jobs, scheduler) if engine == "dask" else run_local(jobs_to_run, jobs)
    for rows in results:
        store.add(rows)
        done += 1
        errors += rows.error is not None
        bytes_done += sizes.get(rows.path, 0)
        peak = max(peak, rows.peak_rss_kb)
        if progress is not None:
            progress(
                BatchProgress(
                    done, len(jobs_to_run), bytes_done, bytes_total, errors, time.perf_counter() - started
                )
            )
    store.flush()
    return BatchSummary(
        found=len(files),
        skipped=skipped,
        processed=done,
        errors=errors,
        bytes=bytes_done,
        seconds=time.perf_counter() - started,
        output=str(output),
        peak_worker_rss_kb=peak,
    )


def _size(path: str) -> int:
    try:
        return Path(path).stat().st_size
    except OSError:
        return 0


@dataclass(frozen=True)
class QueryResult:
    """The rows of a query with its column names (kept even when there are no rows)."""

    columns: tuple[str, ...]
    rows: tuple[dict, ...]


def query(output: str | Path, sql: str) -> QueryResult:
    """Run DuckDB SQL over a batch output folder; the tables are views named documents, clauses, targets, errors."""
    from policykit.errors import InputError

    root = Path(output)
    if not (root / "_commits").is_dir():
        raise InputError(
            "not a policykit batch output folder (no _commits/): run policykit batch first", path=str(output)
        )
    try:
        import duckdb
    except ImportError:
        raise UsageError("policykit query needs duckdb: pip install 'policykit[batch]'") from None
    connection = duckdb.connect()
    committed = sorted(marker.stem for marker in (root / "_commits").glob("*.json"))
    for table in TABLES:
        # Only committed parts: a run that is still going (or was killed) may have others lying there.
        parts = [
            root / table / f"{part}.parquet"
            for part in committed
            if (root / table / f"{part}.parquet").exists()
        ]
        if parts:
            files = ", ".join("'" + str(p).replace("'", "''") + "'" for p in parts)
            connection.execute(
                f"CREATE VIEW {table} AS SELECT * FROM read_parquet([{files}], union_by_name=true)"
            )
        else:
            from policykit.batch.store import schemas

            columns = ", ".join(f'NULL::VARCHAR AS "{field.name}"' for field in schemas()[table])
            connection.execute(f"CREATE VIEW {table} AS SELECT {columns} WHERE false")
    try:
        cursor = connection.execute(sql)
    except duckdb.Error as error:
        raise UsageError(f"SQL error: {str(error).splitlines()[0]}") from None
    names = [column[0] for column in cursor.description or ()]
    rows = tuple(
        {name: _plain(value) for name, value in zip(names, row, strict=True)} for row in cursor.fetchall()
    )
    return QueryResult(tuple(names), rows)


def _plain(value: object) -> object:
    """A DuckDB value as JSON can carry it: dates as ISO text, decimals as floats."""
    import datetime
    import decimal

    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value
