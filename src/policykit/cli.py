"""Command-line adapter: each command parses options, calls one library function, renders the result.

Heavy libraries (jieba, pdfplumber) are imported inside commands so `policykit --help` stays fast.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from enum import Enum
from typing import Annotated, NoReturn

import typer

from policykit import __version__
from policykit.errors import PolicykitError, UsageError

app = typer.Typer(
    name="policykit",
    help="Toolkit for Chinese policy documents: clause trees, numeric targets, search, diff, registry.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="markdown",
    context_settings={"help_option_names": ["-h", "--help"]},
)

_state = {"verbose": False}


class DataFormat(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    yaml = "yaml"


class TreeFormat(str, Enum):
    tree = "tree"
    json = "json"
    yaml = "yaml"


# ---------------------------------------------------------------- shared helpers


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


def choose_format(given: Enum | None, terminal: str) -> str:
    """The format asked for, else the terminal view on a terminal and JSON when piped."""
    if given is not None:
        return given.value
    return terminal if stdout_is_terminal() else "json"


def console(stderr: bool = False):
    """A rich console; on stdout it honours the terminal width, on stderr it carries messages."""
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=False)


def fail(message: str, code: int = 1) -> NoReturn:
    """Print one line on stderr and exit."""
    typer.echo(f"Error: {message}", err=True)
    raise typer.Exit(code)


def run(action: Callable[[], object]) -> object:
    """Run a library call, turning library errors into one line on stderr (traceback with --verbose)."""
    try:
        return action()
    except typer.Exit:
        raise
    except UsageError as error:
        if _state["verbose"]:
            raise
        fail(str(error), 2)
    except PolicykitError as error:
        if _state["verbose"]:
            raise
        fail(str(error))
    except KeyboardInterrupt:
        fail("interrupted", 130)
    except Exception as error:
        if _state["verbose"]:
            raise
        fail(f"internal error: {type(error).__name__}: {error} (run with --verbose for the traceback)")


def write(text: str) -> None:
    """Write rendered output to stdout as UTF-8."""
    sys.stdout.write(text)
    sys.stdout.flush()


def progress_bar(description: str):
    """A context manager yielding a `progress(done, total)` callback drawn on stderr when it is a terminal."""
    from contextlib import contextmanager

    @contextmanager
    def bar():
        if not sys.stderr.isatty():
            yield lambda done, total: None
            return
        from rich.progress import Progress

        with Progress(console=console(stderr=True), transient=True) as progress:
            task = progress.add_task(description, total=None)

            def update(done: int, total: int) -> None:
                progress.update(task, completed=done, total=total)

            yield update

    return bar()


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"policykit {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Show tracebacks on errors.")] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=version_callback, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Toolkit for Chinese policy documents: clause trees, numeric targets, search, diff, registry.

    Examples:

        policykit parse plan.txt

        policykit extract plan.pdf --format csv > targets.csv

        policykit search 氢能 docs/
    """
    _state["verbose"] = verbose


FileArg = Annotated[str, typer.Argument(help="A .txt or .pdf document, or - for stdin.", show_default=False)]
EncodingOpt = Annotated[
    str | None, typer.Option("--encoding", "-e", help="Text encoding (default: detect UTF-8/UTF-16/GB18030).")
]
PasswordOpt = Annotated[str | None, typer.Option("--password", help="Password of an encrypted PDF.")]


# ---------------------------------------------------------------- parse


@app.command()
def parse(
    file: FileArg,
    fmt: Annotated[
        TreeFormat | None, typer.Option("--format", "-f", help="tree (terminal), json (when piped) or yaml.")
    ] = None,
    encoding: EncodingOpt = None,
    password: PasswordOpt = None,
    targets: Annotated[bool, typer.Option("--targets/--no-targets", help="Attach numeric targets.")] = True,
) -> None:
    """Parse a document into its clause tree: sections, articles, lists, tasks, with ids and lines.

    Examples:

        policykit parse data/raw/plan.txt

        policykit parse plan.pdf --format json | jq '.clauses[].heading'

        cat report.txt | policykit parse - --format yaml
    """
    from policykit.pipeline import load_document
    from policykit.render.tree import document_to_dict, rich_tree

    def load():
        with progress_bar("Reading") as progress:
            document = load_document(file, encoding=encoding, password=password, progress=progress)
        if targets:
            try:
                from policykit.targets import attach_targets
            except ImportError:
                return document
            document = attach_targets(document)
        return document

    document = run(load)
    chosen = choose_format(fmt, "tree")
    if chosen == "tree":
        console().print(rich_tree(document))
    elif chosen == "json":
        from policykit.render import to_json

        write(to_json(document_to_dict(document)) + "\n")
    else:
        from policykit.render import to_yaml

        write(to_yaml(document_to_dict(document)))


# ---------------------------------------------------------------- segment


@app.command()
def segment(
    file: FileArg,
    pos: Annotated[bool, typer.Option("--pos", help="Show part-of-speech tags (word/tag).")] = False,
    encoding: EncodingOpt = None,
) -> None:
    """Segment a document into words with jieba and the policy lexicon (碳中和 stays one word).

    Examples:

        policykit segment plan.txt

        echo 实现碳达峰碳中和 | policykit segment - --pos
    """
    from policykit.ingest import read_source
    from policykit.normalise import normalise
    from policykit.zh.segment import cut, pos_cut

    def segment_all() -> list[str]:
        paragraphs = normalise(read_source(file, encoding=encoding))
        if pos:
            return [" ".join(f"{word}/{tag}" for word, tag in pos_cut(p.text)) for p in paragraphs]
        return [" ".join(cut(p.text)) for p in paragraphs]

    for line in run(segment_all):
        write(line + "\n")


# ---------------------------------------------------------------- extract (issue 3)


# ---------------------------------------------------------------- search (issue 4)


# ---------------------------------------------------------------- diff (issue 5)


# ---------------------------------------------------------------- registry, schema, validate (issue 6)


# ---------------------------------------------------------------- entry point


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except UsageError as error:  # raised outside run(), e.g. by option validation helpers
        typer.echo(f"Error: {error}", err=True)
        raise SystemExit(2) from None


__all__ = ["app", "choose_format", "console", "fail", "main", "progress_bar", "run", "write"]
