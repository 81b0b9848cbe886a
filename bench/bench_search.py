"""Search timings as ratios to `rg -c TERM` over the same files in the same run, at 20 MB and 200 MB.

(a) the first search, with no index (a term with hits and one with none; the index is not built
meanwhile), (b) a repeated search on the warm index after `policykit index`, end to end from the
shell, (c) --no-index; and the index build against one plain jieba.lcut pass over the same text.
Files are the corpus repeated, each copy with its own first line so no two files share a hash.
The caches a first run leaves once per machine, like jieba's own (jieba's word store, zh/wordstore.py;
the compiled regex programs, pattern_cache.py), are written before timing; the search index is not.
BENCH_SEARCH_SIZES=20 limits the sizes (in MB).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

TERM = "氢能"
MISS = "量子纠缠态"


def _chunks(text: str, size: int) -> list[str]:
    """Cut a document at paragraph ends into pieces of about `size` characters."""
    pieces, current = [], []
    length = 0
    for paragraph in text.split("\n"):
        current.append(paragraph)
        length += len(paragraph) + 1
        if length >= size:
            pieces.append("\n".join(current))
            current, length = [], 0
    if current:
        pieces.append("\n".join(current))
    return pieces


def make_tree(ctx, folder: Path, megabytes: int, min_files: int, chunk: int | None) -> tuple[int, int, str]:
    """Write copies of the corpus (whole, or cut into chunks) until both size and file count are reached."""
    documents = [p.read_text(encoding="utf-8") for p in ctx.corpus_files()]
    units = [piece for d in documents for piece in (_chunks(d, chunk) if chunk else [d])]
    folder.mkdir(parents=True, exist_ok=True)
    total, count, copy = 0, 0, 0
    texts = []
    while total < megabytes * 1_000_000 or count < min_files:
        sub = folder / f"copy{copy:04d}"
        sub.mkdir(exist_ok=True)
        for i, unit in enumerate(units):
            text = f"副本{copy}-{i}\n{unit}\n"
            (sub / f"doc{i:03d}.txt").write_text(text, encoding="utf-8")
            total += len(text.encode("utf-8"))
            count += 1
            texts.append(text)
        copy += 1
    return total, count, "\n".join(texts)


def _lcut_seconds(text: str, sample: int = 7_000_000) -> float:
    """One jieba.lcut pass over the text, timed on at most `sample` characters and scaled to the whole."""
    import jieba

    from policykit.zh.segment import cut

    cut("预热")  # load the dictionary outside the timing
    started = time.perf_counter()
    jieba.lcut(text[:sample])
    return (time.perf_counter() - started) * max(1.0, len(text) / sample)


def run(ctx) -> list[dict]:
    rg = ctx.tool("rg")
    if not rg:
        raise SystemExit("bench_search needs ripgrep (rg): apt-get install ripgrep")
    sizes = [int(s) for s in os.environ.get("BENCH_SEARCH_SIZES", "20,200").split(",")]
    policykit = ctx.policykit()
    lean = [sys.executable, "-m", "policykit.entry"]
    rows = []
    for megabytes in sizes:
        folder = ctx.scratch / f"search{megabytes}"
        chunk = 3500 if megabytes <= 20 else None  # ~10 KB files: >= 2,000 files at 20 MB
        size, count, text = make_tree(ctx, folder, megabytes, 2000, chunk)
        label = f"{size / 1e6:.0f} MB/{count} files"
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["POLICYKIT_CACHE_DIR"] = str(ctx.scratch / f"cache{megabytes}")
        env["POLICYKIT_BACKGROUND_INDEX"] = "0"  # (a) measures answers with no index at all
        # jieba's word store, as a first run with background work allowed would leave it: with
        # POLICYKIT_BACKGROUND_INDEX=0 nothing writes it, and every search would load all of jieba.
        store = "from policykit.zh.segment import ensure_store; ensure_store()"
        subprocess.run([sys.executable, "-c", store], env=env, check=True)
        seed = ctx.root / "data" / "raw"
        subprocess.run([policykit, "parse", str(next(seed.glob("*.txt"))), "-f", "json"], env=env, check=True,
                       stdout=subprocess.DEVNULL)  # fmt: skip
        for term, kind in ((TERM, "hit"), (MISS, "miss")):
            anchor = ctx.time_command([rg, "-c", term, str(folder)], repeat=5)
            cold = ctx.time_command([policykit, "search", term, str(folder), "-f", "json"], repeat=3, env=env)
            rows.append(
                {
                    "bench": "search",
                    "what": f"(a) first search, no index, {kind} {term}, {label}",
                    "seconds": cold,
                    "anchor": f"rg -c {term}",
                    "anchor_seconds": anchor,
                }
            )
        anchor = ctx.time_command([rg, "-c", TERM, str(folder)], repeat=5)
        rg_row = {"bench": "search", "anchor": f"rg -c {TERM}", "anchor_seconds": anchor}
        build = ctx.time_command([policykit, "index", "-q", str(folder)], repeat=1, env=env)
        warm = ctx.time_command([policykit, "search", TERM, str(folder)], repeat=5, env=env)
        rows.append({**rg_row, "what": f"(b) warm index, policykit search, {label}", "seconds": warm})
        warm_lean = ctx.time_command([*lean, "search", TERM, str(folder)], repeat=5, env=env)
        rows.append({**rg_row, "what": f"(b) warm index, lean entry, {label}", "seconds": warm_lean})
        counted = ctx.time_command([*lean, "search", TERM, str(folder), "--count"], repeat=5, env=env)
        rows.append({**rg_row, "what": f"(b) warm index --count, lean entry, {label}", "seconds": counted})
        scan = ctx.time_command([*lean, "search", TERM, str(folder), "--no-index"], repeat=1, env=env)
        rows.append({**rg_row, "what": f"(c) --no-index, {label}", "seconds": scan})

        found = subprocess.run([*lean, "search", TERM, str(folder), "--count"], capture_output=True, env=env)
        if found.returncode != 0:
            raise SystemExit(f"bench_search: search failed: {found.stderr.decode()[:300]}")
        lcut = _lcut_seconds(text)
        rows.append(
            {
                "bench": "search",
                "what": f"policykit index (full build) vs jieba.lcut pass, {label}",
                "seconds": build,
                "anchor": "jieba.lcut (1 proc, ≤7M chars scaled)",
                "anchor_seconds": lcut,
            }
        )
    return rows
