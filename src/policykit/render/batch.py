"""Render batch progress and query results."""

from __future__ import annotations

from policykit.batch import BatchProgress, QueryResult


def progress_line(progress: BatchProgress) -> str:
    """Documents per second, MB per second, ETA and errors, for a status line on stderr.

    >>> progress_line(BatchProgress(done=10, total=40, bytes_done=5_000_000, bytes_total=20_000_000, errors=1, elapsed=5.0))
    '10/40 documents  2.0 docs/s  1.00 MB/s  ETA 15s  1 errors'
    """
    seconds = max(progress.elapsed, 1e-9)
    rate = progress.bytes_done / seconds
    remaining = (progress.bytes_total - progress.bytes_done) / rate if rate else 0.0
    return (
        f"{progress.done}/{progress.total} documents  {progress.done / seconds:.1f} docs/s  "
        f"{rate / 1e6:.2f} MB/s  ETA {_duration(remaining)}  {progress.errors} errors"
    )


def _duration(seconds: float) -> str:
    seconds = round(seconds)
    if seconds < 60:
        return f"{seconds}s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes}m{seconds:02d}s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}m"


def query_columns(result: QueryResult) -> list[tuple[str, str]]:
    """Table columns for query rows: every column, headed by its own name."""
    return [(name, name) for name in result.columns]
