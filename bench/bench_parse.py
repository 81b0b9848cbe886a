"""Parsing (normalise + clause tree) and whole-document extraction, as ratios to a bare jieba.lcut pass."""

from __future__ import annotations

import time

MIN_BYTES = 5 * 1024 * 1024
PIECE = 3500
"""The size bench_search cuts the corpus into for its 20 MB tree of ~2,000 files."""


def _cpu(action, repeat: int = 3) -> float:
    """Least CPU seconds of `repeat` runs: what the code costs, whatever else the machine runs."""
    best = float("inf")
    for _ in range(repeat):
        started = time.process_time()
        action()
        best = min(best, time.process_time() - started)
    return best


def run(ctx) -> list[dict]:
    import jieba
    from bench_search import _chunks  # bench/ is on the path: run.py runs from it

    from policykit.pipeline import parse_text
    from policykit.targets import extract_targets
    from policykit.zh.segment import cut

    documents = [path.read_text(encoding="utf-8") for path in ctx.corpus_files()]
    texts, size = [], 0
    while size < MIN_BYTES:
        for text in documents:
            texts.append(text)
            size += len(text.encode("utf-8"))
    size_mb = size / 2**20
    cut("预热")

    parsed = []

    def parse_all() -> None:
        parsed[:] = [parse_text(text) for text in texts]

    def extract_all() -> int:
        return sum(len(extract_targets(document, include_all=True)) for document in parsed)

    def lcut_all() -> int:
        return sum(len(jieba.lcut(text)) for text in texts)

    anchor = ctx.time(lcut_all, repeat=1)
    rows = [
        ("parse (normalise + clause tree)", ctx.time(parse_all, repeat=1)),
        ("extract_targets on the parsed documents", ctx.time(extract_all, repeat=1)),
    ]
    measured = [
        {
            "bench": "parse",
            "what": f"{what}, {len(texts)} documents, {size_mb:.1f} MB",
            "seconds": seconds,
            "anchor": "jieba.lcut, same text",
            "anchor_seconds": anchor,
        }
        for what, seconds in rows
    ]
    # Parse speed per core (CPU time, best of three: the machine may be shared), on whole documents
    # and on ~10 KB files, as bench_search's tree cuts them: a first search parses every file.
    pieces = [piece for text in documents for piece in _chunks(text, PIECE)]
    for label, group in (("corpus", documents), (f"{PIECE}-char pieces", pieces)):
        seconds = _cpu(lambda group=group: [parse_text(text) for text in group])
        megabytes = sum(len(text.encode("utf-8")) for text in group) / 1e6
        what = f"parse CPU, {len(group)} {label}: {megabytes / seconds:.1f} MB/s/core"
        measured.append({"bench": "parse", "what": what, "seconds": seconds})
    return measured
