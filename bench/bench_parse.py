"""Parsing (normalise + clause tree) and whole-document extraction, as ratios to a bare jieba.lcut pass."""

from __future__ import annotations

MIN_BYTES = 5 * 1024 * 1024


def run(ctx) -> list[dict]:
    import jieba

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
    return [
        {
            "bench": "parse",
            "what": f"{what}, {len(texts)} documents, {size_mb:.1f} MB",
            "seconds": seconds,
            "anchor": "jieba.lcut, same text",
            "anchor_seconds": anchor,
        }
        for what, seconds in rows
    ]
