"""Diff two ~50 KB editions (a year's work report against the next), as a ratio to parsing both documents."""

from __future__ import annotations

PAIRS = (
    ("gov-work-report-2024.txt", "gov-work-report-2025.txt"),
    ("shandong-gov-work-report-2025.txt", "shandong-gov-work-report-2026.txt"),
)


def run(ctx) -> list[dict]:
    from policykit.diff import diff_documents
    from policykit.pipeline import load_document
    from policykit.zh.segment import load

    load()  # jieba's whole dictionary before any timing: a one-off diff reads the word store instead
    rows = []
    for old_name, new_name in PAIRS:
        old_path, new_path = ctx.corpus / old_name, ctx.corpus / new_name
        size_kb = (old_path.stat().st_size + new_path.stat().st_size) / 2 / 1024
        old, new = load_document(old_path), load_document(new_path)
        result = diff_documents(old, new, targets=False)
        changes = len(result.changes)
        parse = ctx.time(lambda o=old_path, n=new_path: (load_document(o), load_document(n)))
        label = f"{old_name.removesuffix('.txt')} → {new_name[-8:-4]} ({size_kb:.0f} KB avg)"
        rows.append(
            {
                "bench": "diff",
                "what": f"align+word diff {label}, {changes} changes",
                "seconds": ctx.time(lambda o=old, n=new: diff_documents(o, n, targets=False)),
                "anchor": "parse both documents",
                "anchor_seconds": parse,
            }
        )
        rows.append(
            {
                "bench": "diff",
                "what": f"diff with targets {label}",
                "seconds": ctx.time(lambda o=old, n=new: diff_documents(o, n)),
                "anchor": "parse both documents",
                "anchor_seconds": parse,
            }
        )
    old_path, new_path = (str(ctx.corpus / name) for name in PAIRS[0])
    cli = ctx.time_command([ctx.policykit(), "diff", old_path, new_path, "--format", "json"])
    anchor = ctx.time_command([ctx.policykit(), "parse", old_path, "--format", "json"])
    rows.append(
        {
            "bench": "diff",
            "what": "policykit diff --format json, end to end (process)",
            "seconds": cli,
            "anchor": "policykit parse (one doc)",
            "anchor_seconds": anchor,
        }
    )
    return rows
