"""Start-up: `policykit --help` and `policykit parse` of the seed, as ratios to `python -c "import typer, rich"`.

The anchor is the floor any typer + rich command pays; --help should cost at most twice that, and
parsing the 8 KB seed (clause tree and targets) at most three times. The caches a first run leaves,
once per machine like jieba's own (jieba's word store, zh/wordstore.py; the compiled regex programs,
pattern_cache.py), are written before timing by one untimed parse.
"""

from __future__ import annotations

import os
import subprocess
import sys


def run(ctx) -> list[dict]:
    seed = ctx.root / "data" / "raw" / "qingdao-west-coast-green-lowcarbon-3yr-action-plan-2023-2025.txt"
    policykit = ctx.policykit()
    env = {**os.environ, "POLICYKIT_CACHE_DIR": str(ctx.scratch / "startup-cache")}
    store = "from policykit.zh.segment import ensure_store; ensure_store()"
    subprocess.run([sys.executable, "-c", store], env=env, check=True)
    subprocess.run(
        [policykit, "parse", str(seed), "-f", "json"], env=env, check=True, stdout=subprocess.DEVNULL
    )
    anchor = ctx.time_command([sys.executable, "-c", "import typer, rich"], repeat=9, env=env)
    rows = [
        ("policykit --help", ctx.time_command([policykit, "--help"], repeat=9, env=env)),
        (
            f"policykit parse {seed.name[:16]}… -f json",
            ctx.time_command([policykit, "parse", str(seed), "-f", "json"], repeat=9, env=env),
        ),
    ]
    return [
        {
            "bench": "startup",
            "what": what,
            "seconds": seconds,
            "anchor": "python -c 'import typer, rich'",
            "anchor_seconds": anchor,
        }
        for what, seconds in rows
    ]
