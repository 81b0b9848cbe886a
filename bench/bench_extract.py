"""Target extraction over >= 5 MB of corpus text, as a ratio to a bare jieba.lcut pass over the same text."""

from __future__ import annotations

MIN_BYTES = 5 * 1024 * 1024


def run(ctx) -> list[dict]:
    import jieba

    from policykit.targets import TargetContext, extract_text
    from policykit.zh.segment import cut

    text = ctx.corpus_text(MIN_BYTES)
    paragraphs = [p for p in text.split("\n") if p.strip()]
    size_mb = len(text.encode("utf-8")) / 2**20
    cut("预热")  # load the dictionary and lexicon before either timing
    extract_text("到2025年，充电桩保有量达1.3万台。")
    context = TargetContext(reference_year=2024)

    def extract_all() -> int:
        return sum(len(extract_text(p, context=context, include_all=True)) for p in paragraphs)

    def lcut_all() -> int:
        return sum(len(jieba.lcut(p)) for p in paragraphs)

    anchor = ctx.time(lcut_all, repeat=1)
    seconds = ctx.time(extract_all, repeat=1)
    return [
        {
            "bench": "extract",
            "what": f"extract --all over {size_mb:.1f} MB ({len(paragraphs)} paragraphs)",
            "seconds": seconds,
            "anchor": "jieba.lcut, same paragraphs",
            "anchor_seconds": anchor,
        }
    ]
