"""Peak memory of extract and parse on one very large file, as a multiple of the input size (issue 15).

Size: MEMORY_MB (default 200). The file is the corpus concatenated until it is that large; the runs
are separate processes, so each peak RSS is the command's own (jieba's ~100 MB dictionary included).
"""

from __future__ import annotations

import os
import subprocess
import time


def _peak_run(argv: list[str]) -> tuple[float, float, int]:
    """Seconds, CPU seconds and peak RSS (bytes) of one command, output discarded; wait4 gives the child's own.

    CPU seconds say what the command costs when other work shares the machine and stretches the wall clock.
    """
    started = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(process.pid, 0)
    process.returncode = 0  # reaped by wait4
    return time.perf_counter() - started, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024


def run(ctx) -> list[dict]:
    megabytes = int(os.environ.get("MEMORY_MB", "200"))
    path = ctx.scratch / f"large-{megabytes}mb.txt"
    text = ctx.corpus_text(megabytes * 1_000_000)
    path.write_text(text, encoding="utf-8")
    size = path.stat().st_size
    rows = []
    for command in (["parse", "--format", "json", "--no-targets"], ["extract", "--format", "jsonl"]):
        seconds, cpu, peak = _peak_run([ctx.policykit(), command[0], str(path), *command[1:]])
        rows.append(
            {
                "bench": "memory",
                "what": (
                    f"{command[0]} {size / 1e6:.0f} MB: peak RSS {peak / 1e6:.0f} MB, {cpu:.0f} s CPU "
                    "(ratio: RSS/input)"
                ),
                "seconds": seconds,
                "anchor": "input size",
                "anchor_seconds": None,
                "ratio": peak / size,
            }
        )
    return rows
