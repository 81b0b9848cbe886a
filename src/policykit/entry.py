"""Console-script front door: `policykit search` with machine output runs here without importing typer.

typer (with pydantic) costs ~0.4 s to start, twenty times what ripgrep needs for a whole 20 MB
search; a warm-index query must not pay it. Anything this lean parser does not fully understand
(help, global options, a terminal view, an unknown flag) goes to the full typer CLI unchanged.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

_FLAGS = {
    "--substring": "substring",
    "--regex": "regex",
    "-E": "regex",
    "--rank": "rank",
    "--count": "count",
    "-c": "count",
    "--files-with-matches": "files_only",
    "-l": "files_only",
    "--no-index": "no_index",
}
_VALUED = {"--under": "under", "--format": "format", "-f": "format"}


def parse_search_args(args: list[str]) -> dict | None:
    """Read `search` arguments the way the typer command does, or None when typer should handle them."""
    options: dict = {"positional": []}
    i = 0
    rest_positional = False
    while i < len(args):
        arg = args[i]
        if rest_positional or not arg.startswith("-") or arg == "-":
            options["positional"].append(arg)
        elif arg == "--":
            rest_positional = True
        elif arg in _FLAGS:
            options[_FLAGS[arg]] = True
        elif arg.split("=", 1)[0] in _VALUED and "=" in arg and arg.startswith("--"):
            name, value = arg.split("=", 1)
            options[_VALUED[name]] = value
        elif arg in _VALUED and i + 1 < len(args):
            options[_VALUED[arg]] = args[i + 1]
            i += 1
        else:
            return None
        i += 1
    if not options["positional"] or options.get("format", "json") not in ("json", "jsonl"):
        return None
    if "format" not in options and sys.stdout.isatty():
        return None
    return options


class _LazyProgress:
    """A progress callback that draws a rich bar on a terminal stderr only once work actually starts."""

    def __init__(self) -> None:
        self.bar: tuple[Progress, TaskID] | None = None

    def __call__(self, done: int, total: int) -> None:
        if not sys.stderr.isatty():
            return
        if self.bar is None:
            from rich.console import Console
            from rich.progress import Progress

            progress = Progress(console=Console(stderr=True), transient=True)
            progress.start()
            self.bar = progress, progress.add_task("Indexing", total=total)
        progress, task = self.bar
        progress.update(task, completed=done, total=total)

    def close(self) -> None:
        if self.bar is not None:
            self.bar[0].stop()


def lean_search(options: dict) -> int:
    """Run a search and print JSON/JSONL; return grep's exit status."""
    from policykit.errors import PolicykitError
    from policykit.render.search import render_search_data
    from policykit.search import search

    query, *paths = options["positional"]
    mode = "regex" if options.get("regex") else "substring" if options.get("substring") else "word"
    progress = _LazyProgress()
    try:
        result = search(
            query,
            paths or ["data/raw"],
            mode=mode,
            under=options.get("under"),
            rank=bool(options.get("rank")),
            use_index=not options.get("no_index"),
            progress=progress,
        )
    except PolicykitError as error:
        sys.stderr.write(f"Error: {error}\n")
        return 2
    except KeyboardInterrupt:
        sys.stderr.write("Error: interrupted\n")
        return 130
    finally:
        progress.close()
    for warning in result.warnings:
        sys.stderr.write(f"Warning: {warning}\n")
    text = render_search_data(
        result,
        options.get("format", "json"),
        count=bool(options.get("count")),
        files_only=bool(options.get("files_only")),
    )
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        pass
    return result.exit_status


def main() -> None:
    """Dispatch: the lean search path when it applies, else the full typer CLI."""
    args = sys.argv[1:]
    if args and args[0] == "search":
        options = parse_search_args(args[1:])
        if options is not None:
            raise SystemExit(lean_search(options))
    from policykit.cli import main as cli_main

    cli_main()


if __name__ == "__main__":
    main()
