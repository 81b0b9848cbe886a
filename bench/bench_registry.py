"""Validating a 10,000-clause registry: cold (every source parsed and extracted) and warm (sources cached)."""

from __future__ import annotations

import os
import resource
import shutil
import subprocess


def run(ctx) -> list[dict]:
    """Build a registry over enough corpus editions to pass 10,000 clauses, then time `validate` on it."""
    from policykit.registry import update_registry, validate

    repo = ctx.scratch / "registry-repo"
    raw = repo / "data" / "raw"
    raw.mkdir(parents=True)
    registry = repo / "data" / "clauses.yaml"
    cache = ctx.scratch / "registry-cache"
    os.environ["POLICYKIT_CACHE_DIR"] = str(cache)
    # Each edition differs by its last line so every source has its own hash and is parsed on its own;
    # editions are added until the registry passes 10,000 clauses.
    clauses, edition = 0, 0
    while clauses < 10_000:
        edition += 1
        files = []
        for path in ctx.corpus_files():
            text = path.read_text(encoding="utf-8") + f"\n（第{edition}版）\n"
            files.append(raw / f"{path.stem}-ed{edition}.txt")
            files[-1].write_text(text, encoding="utf-8")
        clauses += update_registry(registry, files, create=edition == 1).added
    report = validate(registry, cache=False)
    assert report.valid, report.problems[:3]
    clauses, size = report.clauses, registry.stat().st_size / 1e6

    def cold() -> None:
        shutil.rmtree(cache, ignore_errors=True)
        validate(registry)

    cold_seconds = ctx.time(cold, repeat=1)
    warm_seconds = ctx.time(lambda: validate(registry))
    command = [ctx.policykit(), "validate", str(registry)]
    command_seconds = ctx.time_command(command, stderr=subprocess.DEVNULL)
    # CPU seconds of one command run: what the wall time would be on an idle machine (it is single-threaded)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    command_cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    anchor = ctx.time_command([ctx.policykit(), "--version"])
    what = f"validate {clauses} clauses, {size:.1f} MB"
    rows = [
        (f"{what}, warm (in process)", warm_seconds),
        (f"{what}, warm (policykit validate)", command_seconds),
        (f"{what}, warm, CPU s (policykit validate)", command_cpu),
        (f"{what}, cold (parse+extract all)", cold_seconds),
    ]
    return [
        {"bench": "registry", "what": label, "seconds": seconds, "anchor": "policykit --version",
         "anchor_seconds": anchor}
        for label, seconds in rows
    ]  # fmt: skip
