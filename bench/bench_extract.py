"""Target extraction over corpus text (EXTRACT_MB, default 5 MB), as a ratio to a bare jieba.lcut pass over it.

Each pass is timed on the CPU clock of this process (time.process_time), so a busy machine inflates
neither side; the rows give MB/s on one core. A second row does the same for cut_for_search, the
`tokens` column of every clause in `policykit batch`, against the same anchor.
"""

from __future__ import annotations

import os
import time


def _cpu_seconds(action) -> float:
    started = time.process_time()
    action()
    return time.process_time() - started


def run(ctx) -> list[dict]:
    import jieba

    from policykit.targets import TargetContext, extract_text
    from policykit.zh.segment import cut, cut_for_search

    text = ctx.corpus_text(int(float(os.environ.get("EXTRACT_MB", "5")) * 1024 * 1024))
    paragraphs = [p for p in text.split("\n") if p.strip()]
    size_mb = len(text.encode("utf-8")) / 2**20
    cut("预热")  # load the dictionary and lexicon before either timing
    extract_text("到2025年，充电桩保有量达1.3万台。")
    context = TargetContext(reference_year=2024)

    def extract_all() -> int:
        return sum(len(extract_text(p, context=context, include_all=True)) for p in paragraphs)

    def lcut_all() -> int:
        return sum(len(jieba.lcut(p)) for p in paragraphs)

    def tokens_all() -> int:
        return sum(len(cut_for_search(p)) for p in paragraphs)

    anchor = _cpu_seconds(lcut_all)
    seconds = _cpu_seconds(extract_all)
    tokens = _cpu_seconds(tokens_all)
    return [
        {
            "bench": "extract",
            "what": f"extract --all, {size_mb:.1f} MB ({len(paragraphs)} par.): {size_mb / seconds:.2f} MB/s/core",
            "seconds": seconds,
            "anchor": "jieba.lcut, same paragraphs",
            "anchor_seconds": anchor,
        },
        {
            "bench": "extract",
            "what": f"batch tokens (cut_for_search), {size_mb:.1f} MB: {size_mb / tokens:.2f} MB/s/core",
            "seconds": tokens,
            "anchor": "jieba.lcut, same paragraphs",
            "anchor_seconds": anchor,
        },
    ]
