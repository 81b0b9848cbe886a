"""Console-script front door: `policykit search` and `parse` with machine output run here without typer.

typer and rich take longer to import than ripgrep needs for a whole 20 MB search (and typer 0.29+
adds pydantic, which pyproject.toml caps out); a warm-index query must not pay it. Anything this lean parser does not fully understand
(help, global options, a terminal view, an unknown flag) goes to the full typer CLI unchanged.
Both paths share one error contract: any failure is one line on stderr and exit 2 (grep's 1 means
"nothing found"); --verbose adds the traceback.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING

from policykit.errors import OutputError

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

_FLAGS: dict[str, tuple[str, object]] = {
    "--substring": ("substring", True),
    "--regex": ("regex", True),
    "-E": ("regex", True),
    "--rank": ("rank", True),
    "--count": ("count", True),
    "-c": ("count", True),
    "--files-with-matches": ("files_only", True),
    "-l": ("files_only", True),
    "--no-index": ("no_index", True),
}
_VALUED = {
    "--under": "under",
    "--format": "format",
    "-f": "format",
    "--max-size": "max_size",
    "--password": "password",
    "--limit": "limit",
    "-n": "limit",
}


def read_args(
    args: list[str],
    flags: dict[str, tuple[str, object]],
    valued: dict[str, str],
    *,
    defaults: dict | None = None,
    double_dash: bool = False,
) -> dict | None:
    """Read a command's arguments the way its typer command does: positionals, flags, `--opt value` and
    `--opt=value`; None for anything else (help, an unknown flag), which typer then handles."""
    options: dict = {"positional": [], **(defaults or {})}
    i = 0
    rest_positional = False
    while i < len(args):
        arg = args[i]
        name, _, value = arg.partition("=")
        if rest_positional or not arg.startswith("-") or arg == "-":
            options["positional"].append(arg)
        elif double_dash and arg == "--":
            rest_positional = True
        elif arg in flags:
            key, setting = flags[arg]
            options[key] = setting
        elif name in valued and value and arg.startswith("--"):
            options[valued[name]] = value
        elif arg in valued and i + 1 < len(args):
            options[valued[arg]] = args[i + 1]
            i += 1
        else:
            return None
        i += 1
    return options


def _machine_output(options: dict, formats: tuple[str, ...]) -> bool:
    """The lean path only prints machine formats: one asked for, or JSON when stdout is not a terminal."""
    if options.get("format", "json") not in formats:
        return False
    return "format" in options or not sys.stdout.isatty()


def parse_search_args(args: list[str]) -> dict | None:
    """Read `search` arguments the way the typer command does, or None when typer should handle them."""
    options = read_args(args, _FLAGS, _VALUED, double_dash=True)
    if options is None or not options["positional"] or not _machine_output(options, ("json", "jsonl")):
        return None
    if "limit" in options:
        if (
            not options["limit"].isdigit()
            or int(options["limit"]) < 1
            or options.get("count")
            or options.get("files_only")
        ):
            return None  # typer words the usage error
        options["limit"] = int(options["limit"])
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
    from policykit.config import default_sources
    from policykit.errors import PolicykitError, log_to_stderr
    from policykit.files import parse_size
    from policykit.render.search import render_search_data
    from policykit.search import search

    log_to_stderr()
    query, *paths = options["positional"]
    mode = "regex" if options.get("regex") else "substring" if options.get("substring") else "word"
    progress = _LazyProgress()
    try:
        result = search(
            query,
            paths or default_sources(),
            mode=mode,
            under=options.get("under"),
            rank=bool(options.get("rank")),
            use_index=not options.get("no_index"),
            progress=progress,
            build="background",
            max_size=parse_size(options.get("max_size", "200M")),
            password=options.get("password"),
        )
    except PolicykitError as error:
        sys.stderr.write(f"Error: {error}\n")
        return 2
    finally:
        progress.close()
    limit = options.get("limit")
    result, left_out = result.first(limit)
    if left_out:
        sys.stderr.write(f"Note: {left_out} more matching clause(s) not shown (--limit {limit})\n")
    for note in result.notes:
        sys.stderr.write(f"Note: {note}\n")
    for warning in result.warnings:
        sys.stderr.write(f"Warning: {warning}\n")
    text = render_search_data(
        result,
        options.get("format", "json"),
        count=bool(options.get("count")),
        files_only=bool(options.get("files_only")),
    )
    write_output(text)
    return result.exit_status


_PARSE_VALUED = {"--format": "format", "-f": "format", "--encoding": "encoding", "--password": "password"}
_PARSE_FLAGS: dict[str, tuple[str, object]] = {
    "--targets": ("targets", True),
    "--no-targets": ("targets", False),
}


def parse_parse_args(args: list[str]) -> dict | None:
    """Read `parse FILE` arguments for machine output (json, yaml), or None when typer should handle them."""
    options = read_args(args, _PARSE_FLAGS, _PARSE_VALUED, defaults={"targets": True})
    if options is None or len(options["positional"]) != 1 or not _machine_output(options, ("json", "yaml")):
        return None
    return options


def lean_parse(options: dict) -> int:
    """Parse one document and print its clause tree as JSON or YAML, as the typer command does."""
    from policykit.errors import PolicykitError, UsageError, log_to_stderr
    from policykit.pipeline import load_document

    log_to_stderr()
    try:
        document = load_document(
            options["positional"][0], encoding=options.get("encoding"), password=options.get("password")
        )
        if options["targets"]:
            from policykit.targets import attach_targets

            document = attach_targets(document)
    except UsageError as error:
        sys.stderr.write(f"Error: {error}\n")
        return 2
    except PolicykitError as error:
        sys.stderr.write(f"Error: {error}\n")
        return 1
    if options.get("format", "json") == "json":
        from policykit.render.tree import iter_document_json

        write_stream(iter_document_json(document))
    else:
        from policykit.render import to_yaml
        from policykit.render.tree import document_to_dict

        write_output(to_yaml(document_to_dict(document)))
    return 0


def write_output(text: str) -> None:
    """Write to stdout; a closed pipe ends quietly, a full or broken device is an error line."""
    write_stream((text,))


def write_stream(pieces: Iterable[str], batch: int = 1 << 20) -> None:
    """Write rendered pieces to stdout as they come, about `batch` characters at a time, as `write_output`.

    A large document's output is drawn piece by piece from a generator, so it never exists whole.
    """
    try:
        pending: list[str] = []
        size = 0
        for piece in pieces:
            pending.append(piece)
            size += len(piece)
            if size >= batch:
                sys.stdout.write("".join(pending))
                pending, size = [], 0
        sys.stdout.write("".join(pending))
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
    except OSError as error:
        _silence_stdout()
        raise OutputError(f"cannot write the output: {error.strerror or error}") from None


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _verbose(args: list[str]) -> bool:
    return any(arg in ("--verbose", "-v") for arg in args) or bool(
        __import__("os").environ.get("POLICYKIT_VERBOSE")
    )


def main() -> None:
    """Dispatch: the lean search path when it applies, else the full typer CLI; one error contract for both."""
    args = sys.argv[1:]
    try:
        if args and args[0] == "search":
            options = parse_search_args(args[1:])
            if options is not None:
                raise SystemExit(lean_search(options))
        if args and args[0] == "parse":
            options = parse_parse_args(args[1:])
            if options is not None:
                raise SystemExit(lean_parse(options))
        if args in ([], ["--help"], ["-h"]):
            # The top-level help is the command table: click's plain formatter, without rich's layout.
            os.environ.setdefault("TYPER_USE_RICH", "0")
        from policykit.cli import main as cli_main

        cli_main()
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.stderr.write("Error: interrupted\n")
        raise SystemExit(130) from None
    except BrokenPipeError:
        _silence_stdout()
        raise SystemExit(0) from None
    except Exception as error:  # the contract: never a bare traceback, never exit 1 for an error
        if _verbose(args):
            raise
        message = (
            str(error)
            if isinstance(error, OutputError)
            else f"internal error: {type(error).__name__}: {error}"
        )
        with contextlib.suppress(OSError):
            sys.stderr.write(f"Error: {message} (run with --verbose for the traceback)\n")
        raise SystemExit(2) from None


if __name__ == "__main__":
    main()
