"""What every command shares: the app, output formats and options, the one error contract, progress."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from enum import Enum
from typing import TYPE_CHECKING, Annotated, NoReturn, TypeVar

import typer

from policykit import __version__
from policykit.errors import PolicykitError, UsageError, log_to_stderr

if TYPE_CHECKING:
    from rich.console import Console

T = TypeVar("T")

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
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    yaml = "yaml"


class WordsFormat(str, Enum):
    text = "text"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    yaml = "yaml"


# ---------------------------------------------------------------- shared helpers


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


def choose_format(given: Enum | None, terminal: str) -> str:
    """The format asked for, else the terminal view on a terminal and JSON when piped."""
    if given is not None:
        return given.value
    return terminal if stdout_is_terminal() else "json"


def output_format(given: Enum | None, output: str | None, terminal: str, by_suffix: dict[str, str]) -> str:
    """The format asked for, else the one the output file's extension names, else `choose_format`'s."""
    if given is None and output:
        found = by_suffix.get(output.rsplit(".", 1)[-1].lower())
        if found:
            return found
    return choose_format(given, terminal)


def console(stderr: bool = False) -> Console:
    """A rich console; on stdout it honours the terminal width, on stderr it carries messages."""
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=False)


def fail(message: str, code: int = 1) -> NoReturn:
    """Print one line on stderr and exit."""
    typer.echo(f"Error: {message}", err=True)
    raise typer.Exit(code)


def run(action: Callable[[], T], *, error_code: int = 1) -> T:
    """Run a library call, turning library errors into one line on stderr (traceback with --verbose).

    `error_code` is the exit status for a failure: 1 by default, 2 for commands such as search and
    diff whose status 1 already means "nothing found" or "differences".
    """
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
        fail(str(error), error_code)
    except KeyboardInterrupt:
        fail("interrupted", 130)
    except Exception as error:  # the one place that hides tracebacks from users
        if _state["verbose"]:
            raise
        fail(
            f"internal error: {type(error).__name__}: {error} (run with --verbose for the traceback)",
            error_code,
        )


def write(text: str) -> None:
    """Write rendered output to stdout: a closed pipe ends quietly, a full device is one error line."""
    from policykit.entry import write_output

    write_output(text)


def progress_bar(description: str) -> AbstractContextManager[Callable[[int, int], None]]:
    """A context manager yielding a `progress(done, total)` callback drawn on stderr when it is a terminal."""
    from contextlib import contextmanager

    @contextmanager
    def bar() -> Iterator[Callable[[int, int], None]]:
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
    verbose: Annotated[
        bool,
        typer.Option("--verbose", "-v", help="Show tracebacks on errors, and which reader read each PDF."),
    ] = False,
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
    log_to_stderr(verbose)


FileArg = Annotated[
    str,
    typer.Argument(
        help="A document (.txt .pdf .docx .doc .wps .odt .rtf .ofd .html .mht), or - for stdin.",
        show_default=False,
    ),
]
EncodingOpt = Annotated[
    str | None, typer.Option("--encoding", "-e", help="Text encoding (default: detect UTF-8/UTF-16/GB18030).")
]
DataFormatOpt = Annotated[
    DataFormat | None,
    typer.Option("--format", "-f", help="table (terminal), json (when piped), jsonl, csv, yaml."),
]
PasswordOpt = Annotated[
    str | None, typer.Option("--password", help="Password of encrypted PDFs (the same for every file given).")
]
