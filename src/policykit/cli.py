"""Command-line adapter: each command parses options, calls one library function, renders the result.

Heavy libraries (jieba, pdfplumber) are imported inside commands so `policykit --help` stays fast.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from enum import Enum
from functools import partial
from typing import Annotated, NoReturn

import typer

from policykit import __version__
from policykit.config import DEFAULT_SOURCES
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


def run(action: Callable[[], object], *, error_code: int = 1) -> object:
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
DataFormatOpt = Annotated[
    DataFormat | None,
    typer.Option("--format", "-f", help="table (terminal), json (when piped), jsonl, csv, yaml."),
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
            from policykit.targets import attach_targets

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


@app.command()
def extract(
    files: Annotated[
        list[str], typer.Argument(help="Documents (.txt, .pdf) or - for stdin.", show_default=False)
    ],
    fmt: DataFormatOpt = None,
    year: Annotated[
        int | None, typer.Option("--year", help="The document's own year (what 今年 means).")
    ] = None,
    include_all: Annotated[
        bool,
        typer.Option("--all", help="Also list results already achieved and other figures, marked by kind."),
    ] = False,
    encoding: EncodingOpt = None,
) -> None:
    """Extract numeric targets: indicator, value in the base unit, comparator, deadline year, and where it is.

    Examples:

        policykit extract plan.txt

        policykit extract report-2024.txt --format csv > targets.csv

        policykit extract docs/*.txt --format jsonl | jq -c '[.indicator, .value, .unit]'

        policykit extract report.txt --all --year 2024
    """
    from policykit.render.targets import render_targets, targets_table
    from policykit.targets import extract_files

    def load():
        with progress_bar("Extracting") as progress:
            return extract_files(
                files, include_all=include_all, year=year, encoding=encoding, progress=progress
            )

    targets = run(load)
    chosen = choose_format(fmt, "table")
    if chosen == "table":
        console().print(targets_table(targets, show_kind=include_all))
    else:
        write(render_targets(targets, chosen))


# ---------------------------------------------------------------- search (issue 4)


QueryArg = Annotated[
    str, typer.Argument(help='Terms, all required; OR between terms; -term excludes; "a b" phrase.')
]
PathsArg = Annotated[
    list[str] | None, typer.Argument(help="Files, folders (recursive), globs; default data/raw/.")
]


MaxSizeOpt = Annotated[
    str, typer.Option("--max-size", help="Refuse files bigger than this (bytes, or with K, M, G).")
]


@app.command("search")
def search_command(
    query: QueryArg,
    paths: PathsArg = None,
    substring: Annotated[
        bool, typer.Option("--substring", help="Match anywhere, not only on word boundaries.")
    ] = False,
    regex: Annotated[bool, typer.Option("--regex", "-E", help="Each term is a regular expression.")] = False,
    under: Annotated[
        str | None, typer.Option("--under", help="Only clauses under a heading with TEXT.")
    ] = None,
    rank: Annotated[
        bool, typer.Option("--rank", help="Order by BM25 relevance instead of document order.")
    ] = False,
    count: Annotated[
        bool, typer.Option("--count", "-c", help="Matching clauses and hits per document.")
    ] = False,
    files_only: Annotated[
        bool, typer.Option("--files-with-matches", "-l", help="Only the documents with a match.")
    ] = False,
    no_index: Annotated[
        bool, typer.Option("--no-index", help="Scan the files; neither read nor update the index.")
    ] = False,
    max_size: MaxSizeOpt = "200M",
    fmt: DataFormatOpt = None,
) -> None:
    """Find clauses by keyword: whole words through jieba (电池 finds 锂电池, 国有 not 我国有), with heading trails.

    Exit status as grep: 0 found, 1 nothing found, 2 error. The first search scans; files not yet in the
    index (under $POLICYKIT_CACHE_DIR or $XDG_CACHE_HOME/policykit) are indexed in the background.

    Examples:

        policykit search 氢能 docs/

        policykit search '碳达峰 OR 碳中和 -海上' 'plans/**/*.txt' --under 重点任务

        policykit search 国有 --substring --count --format jsonl
    """
    from policykit.files import parse_size
    from policykit.render.search import render_search_data, search_view
    from policykit.search import search

    mode = "regex" if regex else "substring" if substring else "word"

    def find():
        with progress_bar("Searching") as progress:
            options = {"mode": mode, "under": under, "rank": rank, "use_index": not no_index}
            return search(
                query,
                paths or [DEFAULT_SOURCES],
                progress=progress,
                build="background",
                max_size=parse_size(max_size),
                **options,
            )

    result = run(find, error_code=2)  # grep's convention: 1 only for "nothing found"
    for note in result.notes:
        typer.echo(f"Note: {note}", err=True)
    for warning in result.warnings:
        typer.echo(f"Warning: {warning}", err=True)
    chosen = choose_format(fmt, "table")
    if chosen == "table":
        console().print(search_view(result, count=count, files_only=files_only))
    else:
        write(render_search_data(result, chosen, count=count, files_only=files_only))
    raise typer.Exit(result.exit_status)


@app.command("index")
def index_command(
    paths: PathsArg = None,
    rebuild: Annotated[bool, typer.Option("--rebuild", help="Delete the index and build it anew.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors.")] = False,
    background: Annotated[bool, typer.Option("--background", hidden=True)] = False,
    max_size: MaxSizeOpt = "200M",
) -> None:
    """Build or update the search index for files and folders, so later searches answer from it.

    Searches never wait for the index: they scan what it does not hold yet. Exit 0 done, 2 error.

    Examples:

        policykit index docs/

        policykit index --rebuild
    """
    from policykit.config import cache_dir
    from policykit.files import parse_size
    from policykit.index import build_index, hold_build_lock

    lock = None
    if background:
        lock = hold_build_lock(cache_dir())
        if lock is None:
            raise typer.Exit(0)  # another background build is on it
    limit = parse_size(max_size)

    def build():
        with progress_bar("Indexing") as progress:
            return build_index(paths or [DEFAULT_SOURCES], rebuild=rebuild, max_size=limit, progress=progress)

    files, warnings, notes = run(build, error_code=2)
    if lock is not None:
        lock.close()
    if not quiet:
        for line in [f"Note: {n}" for n in notes] + [f"Warning: {w}" for w in warnings]:
            typer.echo(line, err=True)
        typer.echo(f"indexed {files} file(s) into {cache_dir()}", err=True)


# ---------------------------------------------------------------- diff (issue 5)


class DiffFormat(str, Enum):
    terminal = "terminal"
    json = "json"
    html = "html"


def _diff_format(given: DiffFormat | None, output: str | None) -> str:
    """The format asked for, else the one the output file's extension names, else terminal/JSON."""
    if given is None and output:
        suffix = output.rsplit(".", 1)[-1].lower()
        if suffix in ("html", "htm"):
            return "html"
        if suffix == "json":
            return "json"
    return choose_format(given, "terminal")


@app.command()
def diff(
    old: Annotated[
        str, typer.Argument(help="The earlier edition: .txt or .pdf, or - for stdin.", show_default=False)
    ],
    new: Annotated[str, typer.Argument(help="The later edition: .txt or .pdf.", show_default=False)],
    fmt: Annotated[
        DiffFormat | None,
        typer.Option(
            "--format", "-f", help="terminal (on a terminal), json (when piped) or html (新旧对照 page)."
        ),
    ] = None,
    output: Annotated[
        str | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")
    ] = None,
    side_by_side: Annotated[
        bool, typer.Option("--side-by-side", "-y", help="Old and new in two columns.")
    ] = False,
    stat: Annotated[
        bool, typer.Option("--stat", help="Only a summary: one line per change and the counts.")
    ] = False,
    targets: Annotated[
        bool, typer.Option("--targets/--no-targets", help="Compare numeric targets too.")
    ] = True,
    encoding: EncodingOpt = None,
) -> None:
    """Compare two editions of a document: clauses added, removed, modified, moved, renumbered, split or
    merged, word-level changes inside them, and numeric targets whose value or year changed.

    Exit status as diff(1): 0 no differences, 1 differences, 2 error.

    Examples:

        policykit diff plan-2025.txt plan-2026.txt

        policykit diff opinions-trial-2023.txt opinions-2025.txt --side-by-side

        policykit diff old.txt new.txt --stat

        policykit diff old.txt new.txt --format json | jq '.target_changes'

        policykit diff old.pdf new.pdf --format html -o 新旧对照.html
    """
    from policykit.diff import diff_documents
    from policykit.pipeline import load_document

    def compare():
        if old == "-" and new == "-":
            raise UsageError("only one of OLD and NEW can be - (stdin)")
        return diff_documents(
            load_document(old, encoding=encoding), load_document(new, encoding=encoding), targets=targets
        )

    result = run(compare, error_code=2)  # diff(1) keeps 1 for "differences"
    render = partial(
        _write_diff, result, _diff_format(fmt, output), output, side_by_side=side_by_side, stat=stat
    )
    run(render, error_code=2)
    raise typer.Exit(1 if result.has_differences else 0)


def _write_diff(result, chosen: str, output: str | None, *, side_by_side: bool, stat: bool) -> None:
    """Render a diff in the chosen format to stdout or to `output`."""
    import io
    from pathlib import Path

    from policykit.render import diff as render

    if chosen == "json":
        from policykit.render import to_json

        text = to_json(render.stat_dict(result) if stat else result.to_dict()) + "\n"
    elif chosen == "html":
        text = render.html_page(result)
    else:
        screen = console()
        markers = output is not None or screen.no_color or screen.color_system is None
        view = (
            render.rich_stat(result)
            if stat
            else render.rich_diff(result, side_by_side=side_by_side, markers=markers)
        )
        if output is None:
            screen.print(view)
            return
        from rich.console import Console

        capture = Console(width=160, color_system=None, highlight=False, record=True, file=io.StringIO())
        capture.print(view)
        text = capture.export_text()
    if output is None:
        write(text)
        return
    try:
        Path(output).write_text(text, encoding="utf-8")
    except OSError as error:
        fail(f"cannot write {output}: {error.strerror}; choose a writable path", 2)
    typer.echo(f"wrote {output}", err=True)


# ---------------------------------------------------------------- registry, schema, validate (issue 6)


class ReportFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"


registry_app = typer.Typer(
    no_args_is_help=True,
    rich_markup_mode="markdown",
)
app.add_typer(registry_app, name="registry")


@registry_app.callback()
def registry_group() -> None:
    """Create or refresh the clause registry (data/clauses.yaml) from its source documents.

    Examples:

        policykit registry build data/raw

        policykit registry update
    """


RegistryOpt = Annotated[str, typer.Option("--registry", "-r", help="The registry file.")]
SourcesArg = Annotated[
    list[str] | None,
    typer.Argument(help="Source documents (.txt/.pdf) or folders of them.", show_default=False),
]


@registry_app.command("build")
def registry_build(sources: SourcesArg = None, registry: RegistryOpt = "data/clauses.yaml") -> None:
    """Create a registry from source documents (default: data/raw); refuses to overwrite one.

    Examples:

        policykit registry build data/raw

        policykit registry build docs/plan.txt --registry registry.yaml
    """
    from policykit.registry import update_registry
    from policykit.render.registry import update_summary

    summary = run(lambda: update_registry(registry, sources or ["data/raw"], create=True))
    typer.echo(update_summary(summary), err=True)


@registry_app.command("update")
def registry_update(sources: SourcesArg = None, registry: RegistryOpt = "data/clauses.yaml") -> None:
    """Refresh the registry from its sources (or add the given ones), keeping uids, tags and notes.

    When a source changed, its clauses keep their uids by aligning old and new clause texts.

    Examples:

        policykit registry update

        policykit registry update data/raw/new-plan.txt
    """
    from policykit.registry import update_registry
    from policykit.render.registry import update_summary

    summary = run(lambda: update_registry(registry, sources or ()))
    typer.echo(update_summary(summary), err=True)


@app.command()
def schema() -> None:
    """Print the registry's JSON Schema, for editors (VS Code YAML) and other tools.

    Examples:

        policykit schema > clauses.schema.json
    """
    from policykit.registry import schema_text

    write(schema_text())


@app.command()
def validate(
    files: Annotated[
        list[str] | None,
        typer.Argument(help="Registry files (default: data/clauses.yaml).", show_default=False),
    ] = None,
    fmt: Annotated[
        ReportFormat | None,
        typer.Option(
            "--format", "-f", help="text, json or github (Actions annotations; the default under Actions)."
        ),
    ] = None,
    cache: Annotated[
        bool, typer.Option("--cache/--no-cache", help="Reuse parsed sources from earlier runs (by sha256).")
    ] = True,
) -> None:
    """Check a registry: YAML, schema, and that it is still true to its sources. Exit 0 valid, 1 not, 2 usage.

    Reports every problem as file:line:column: unknown documents, duplicate uids, changed sources,
    clause texts no longer in the source, targets that disagree with what extract reads.

    Examples:

        policykit validate

        policykit validate data/clauses.yaml --format github

        policykit validate registry.yaml --format json | jq '.[].problems[].message'
    """
    from policykit.registry import validate as validate_registry
    from policykit.render.registry import render_reports, report_summary

    reports = [
        run(lambda file=file: validate_registry(file, cache=cache)) for file in files or ["data/clauses.yaml"]
    ]
    chosen = fmt.value if fmt else ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    write(render_reports(reports, chosen))
    for report in reports:
        typer.echo(report_summary(report), err=True)
    if not all(report.valid for report in reports):
        raise typer.Exit(1)


# ---------------------------------------------------------------- entry point


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except UsageError as error:  # raised outside run(), e.g. by option validation helpers
        typer.echo(f"Error: {error}", err=True)
        raise SystemExit(2) from None


__all__ = ["app", "choose_format", "console", "fail", "main", "progress_bar", "run", "write"]
