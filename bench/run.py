"""`make bench`: run every bench/bench_*.py and print each figure as a ratio to an anchor timed in the same run.

Each module has `run(ctx) -> list[dict]`; a row names what was measured, its seconds, the anchor
command/pass it is compared with and that anchor's seconds. Benchmarks never live in the test suite.
"""

from __future__ import annotations

import importlib.util
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"


class Context:
    """Helpers shared by the bench modules: timing, corpus access, scratch space, tools."""

    root = ROOT
    corpus = CORPUS

    def __init__(self) -> None:
        self.scratch = Path(tempfile.mkdtemp(prefix="policykit-bench-"))

    def corpus_files(self) -> list[Path]:
        if not CORPUS.is_dir():
            raise SystemExit(f"bench needs the shared corpus at {CORPUS}")
        return sorted(CORPUS.glob("*.txt"))

    def corpus_text(self, min_bytes: int = 0) -> str:
        """The corpus concatenated, repeated until it reaches at least `min_bytes` of UTF-8."""
        base = "\n\n".join(p.read_text(encoding="utf-8") for p in self.corpus_files())
        text = base
        while len(text.encode("utf-8")) < min_bytes:
            text += "\n\n" + base
        return text

    @staticmethod
    def time(action: Callable[[], object], repeat: int = 3) -> float:
        """Median wall-clock seconds of `repeat` runs."""
        timings = []
        for _ in range(repeat):
            started = time.perf_counter()
            action()
            timings.append(time.perf_counter() - started)
        return statistics.median(timings)

    def time_command(self, argv: list[str], repeat: int = 3, **kwargs) -> float:
        """Median seconds of a shell command, output discarded."""
        return self.time(
            lambda: subprocess.run(argv, stdout=subprocess.DEVNULL, check=False, **kwargs), repeat
        )

    @staticmethod
    def tool(name: str) -> str | None:
        return shutil.which(name)

    def policykit(self) -> str:
        return str(Path(sys.executable).with_name("policykit"))


def main() -> None:
    ctx = Context()
    only = sys.argv[1:]
    modules = sorted((ROOT / "bench").glob("bench_*.py"))
    print(f"{'bench':<10} {'what':<52} {'seconds':>9} {'anchor':<26} {'anchor s':>9} {'ratio':>7}")
    for path in modules:
        if only and path.stem.removeprefix("bench_") not in only:
            continue
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        for row in module.run(ctx):
            ratio = row.get("ratio")
            if ratio is None and row.get("anchor_seconds"):
                ratio = row["seconds"] / row["anchor_seconds"]
            print(
                f"{row.get('bench', path.stem):<10} {row['what']:<52} {row['seconds']:>9.4f} "
                f"{str(row.get('anchor', ''))[:26]:<26} {row.get('anchor_seconds') or 0:>9.4f} "
                f"{'' if ratio is None else f'{ratio:.2f}x':>7}",
                flush=True,
            )
    shutil.rmtree(ctx.scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
