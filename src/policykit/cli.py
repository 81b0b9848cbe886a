"""Command-line adapter: each command parses options, calls one library function, renders the result.

Heavy libraries (jieba, pdfplumber) are imported inside commands so `policykit --help` stays fast.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from enum import Enum
from functools import partial
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, TypeVar

import typer

from policykit import __version__
from policykit.errors import PolicykitError, UsageError

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
    """Write rendered output to stdout as UTF-8."""
    sys.stdout.write(text)
    sys.stdout.flush()


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
    _log_to_stderr(verbose)


class _LogFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        message = record.getMessage()
        return f"Warning: {message}" if record.levelno >= logging.WARNING else message


def _log_to_stderr(verbose: bool) -> None:
    """Print the library's warnings (image-only PDF pages) and, with --verbose, its notes, one line each."""
    logger = logging.getLogger("policykit")
    for handler in [h for h in logger.handlers if getattr(h, "policykit_cli", False)]:
        logger.removeHandler(handler)
    handler = logging.StreamHandler(sys.stderr)
    handler.policykit_cli = True  # type: ignore[attr-defined]
    handler.setFormatter(_LogFormatter())
    logger.addHandler(handler)
    logger.setLevel(logging.INFO if verbose else logging.WARNING)
    logger.propagate = False


FileArg = Annotated[
    str,
    typer.Argument(
        help="A document (.txt .pdf .docx .doc .wps .ofd .html), or - for stdin.", show_default=False
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
    password: PasswordOpt = None,
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
        paragraphs = normalise(read_source(file, encoding=encoding, password=password))
        if pos:
            return [" ".join(f"{word}/{tag}" for word, tag in pos_cut(p.text)) for p in paragraphs]
        return [" ".join(cut(p.text)) for p in paragraphs]

    for line in run(segment_all):
        write(line + "\n")


# ---------------------------------------------------------------- extract


@app.command()
def extract(
    files: Annotated[
        list[str],
        typer.Argument(
            help="Documents (.txt .pdf .docx .doc .wps .ofd .html) or - for stdin.", show_default=False
        ),
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
    password: PasswordOpt = None,
) -> None:
    """Extract numeric targets: indicator, value in the base unit, comparator, deadline year, and where it is.

    With several files, a file that cannot be read is reported on stderr and the others are still
    extracted; the exit status is then 1.

    Examples:

        policykit extract plan.txt

        policykit extract report-2024.txt --format csv > targets.csv

        policykit extract docs/*.txt --format jsonl | jq -c '[.indicator, .value, .unit]'

        policykit extract report.txt --all --year 2024
    """
    from policykit.pipeline import extract_files
    from policykit.render.targets import render_targets, targets_table

    def load():
        with progress_bar("Extracting") as progress:
            return extract_files(
                files,
                include_all=include_all,
                year=year,
                encoding=encoding,
                password=password,
                progress=progress,
            )

    result = run(load)
    chosen = choose_format(fmt, "table")
    if chosen == "table":
        console().print(targets_table(result.targets, show_kind=include_all))
    else:
        write(render_targets(result.targets, chosen))
    for failure in result.failures:
        typer.echo(f"Error: {failure}", err=True)
    if result.failures:
        raise typer.Exit(1)


# ---------------------------------------------------------------- search


QueryArg = Annotated[
    str, typer.Argument(help='Terms, all required; OR between terms; -term excludes; "a b" phrase.')
]
PathsArg = Annotated[
    list[str] | None, typer.Argument(help="Files, folders (recursive), globs; default data/raw/.")
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
        bool, typer.Option("--no-index", help="Scan the files instead of the cached index.")
    ] = False,
    fmt: DataFormatOpt = None,
) -> None:
    """Find clauses by keyword: whole words through jieba (电池 finds 锂电池, 国有 not 我国有), with heading trails.

    Exit status as grep: 0 found, 1 nothing found, 2 error. The index lives under $XDG_CACHE_HOME/policykit.

    Examples:

        policykit search 氢能 docs/

        policykit search '碳达峰 OR 碳中和 -海上' 'plans/**/*.txt' --under 重点任务

        policykit search 国有 --substring --count --format jsonl
    """
    from policykit.render.search import render_search_data, search_view
    from policykit.search import search

    mode = "regex" if regex else "substring" if substring else "word"

    def find():
        with progress_bar("Indexing") as progress:
            options: dict[str, Any] = {"mode": mode, "under": under, "rank": rank, "use_index": not no_index}
            return search(query, paths or ["data/raw"], progress=progress, **options)

    result = run(find, error_code=2)  # grep's convention: 1 only for "nothing found"
    for warning in result.warnings:
        typer.echo(f"Warning: {warning}", err=True)
    chosen = choose_format(fmt, "table")
    if chosen == "table":
        console().print(search_view(result, count=count, files_only=files_only))
    else:
        write(render_search_data(result, chosen, count=count, files_only=files_only))
    raise typer.Exit(result.exit_status)


# ---------------------------------------------------------------- diff


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
        str,
        typer.Argument(help="The earlier edition (any readable format), or - for stdin.", show_default=False),
    ],
    new: Annotated[str, typer.Argument(help="The later edition (any readable format).", show_default=False)],
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
    password: PasswordOpt = None,
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
    from policykit.render.diff import write_diff

    def compare():
        if old == "-" and new == "-":
            raise UsageError("only one of OLD and NEW can be - (stdin)")
        return diff_documents(
            load_document(old, encoding=encoding, password=password),
            load_document(new, encoding=encoding, password=password),
            targets=targets,
        )

    result = run(compare, error_code=2)  # diff(1) keeps 1 for "differences"
    chosen = _diff_format(fmt, output)
    run(
        lambda: write_diff(result, chosen, output, screen=console(), side_by_side=side_by_side, stat=stat),
        error_code=2,
    )
    if output is not None:
        typer.echo(f"wrote {output}", err=True)
    raise typer.Exit(1 if result.has_differences else 0)


# ---------------------------------------------------------------- registry, schema, validate


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
    typer.Argument(
        help="Source documents (.txt .pdf .docx .doc .wps .ofd .html) or folders of them.", show_default=False
    ),
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

    reports = [run(partial(validate_registry, file, cache=cache)) for file in files or ["data/clauses.yaml"]]
    chosen = fmt.value if fmt else ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    write(render_reports(reports, chosen))
    for report in reports:
        typer.echo(report_summary(report), err=True)
    if not all(report.valid for report in reports):
        raise typer.Exit(1)


# ---------------------------------------------------------------- batch and query


class Engine(str, Enum):
    local = "local"
    dask = "dask"


@app.command()
def batch(
    sources: Annotated[
        list[str],
        typer.Argument(help="Files, folders (recursive) and globs of documents.", show_default=False),
    ],
    output: Annotated[str, typer.Option("--output", "-o", help="Output folder of Parquet tables.")],
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", help="Worker processes (default: every core).", min=1)
    ] = None,
    engine: Annotated[
        Engine, typer.Option("--engine", help="local processes or a dask cluster.")
    ] = Engine.local,
    scheduler: Annotated[
        str | None, typer.Option("--scheduler", help="dask scheduler address, e.g. tcp://host:8786.")
    ] = None,
    part_rows: Annotated[
        int, typer.Option("--part-rows", help="Rows buffered before a Parquet part is committed.", min=1)
    ] = 50_000,
) -> None:
    """Parse, extract and tokenise every document into Parquet tables (documents, clauses, targets, errors).

    A re-run skips documents whose content and policykit version are unchanged, and finishes a run that
    was killed. Bad files go to the errors table; the run goes on and exits 0.

    Examples:

        policykit batch docs/ -o out/

        policykit batch 'reports/**/*.pdf' -o out/ --jobs 8

        policykit batch docs/ -o out/ --engine dask --scheduler tcp://10.0.0.5:8786

        policykit query out/ "SELECT indicator, count(*) FROM targets GROUP BY 1 ORDER BY 2 DESC"
    """
    from policykit.batch import run_batch
    from policykit.render.batch import progress_line

    workers = jobs or os.cpu_count() or 1

    def go():
        if not sys.stderr.isatty():
            return run_batch(
                sources, output, jobs=workers, engine=engine.value, scheduler=scheduler, part_rows=part_rows
            )
        from rich.status import Status

        with Status("Planning", console=console(stderr=True)) as status:
            return run_batch(
                sources,
                output,
                jobs=workers,
                engine=engine.value,
                scheduler=scheduler,
                part_rows=part_rows,
                progress=lambda p: status.update(progress_line(p)),
            )

    summary = run(go)
    typer.echo(summary.line(), err=True)


@app.command()
def query(
    output: Annotated[str, typer.Argument(help="A policykit batch output folder.", show_default=False)],
    sql: Annotated[
        str, typer.Argument(help="DuckDB SQL over documents, clauses, targets, errors.", show_default=False)
    ],
    fmt: DataFormatOpt = None,
) -> None:
    """Query a batch output folder with DuckDB SQL; tables: documents, clauses, targets, errors.

    Examples:

        policykit query out/ "SELECT issuer, year, count(*) AS targets FROM targets JOIN documents USING (document_id) GROUP BY 1, 2"

        policykit query out/ "SELECT path, message FROM errors" --format csv
    """
    from policykit.batch import query as run_query
    from policykit.render import render_rows, rich_table
    from policykit.render.batch import query_columns

    result = run(lambda: run_query(output, sql))
    chosen = choose_format(fmt, "table")
    if chosen == "table":
        console().print(rich_table(result.rows, query_columns(result)))
    else:
        write(render_rows(result.rows, chosen, columns=result.columns))


# ---------------------------------------------------------------- track


class TrackFormat(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    html = "html"


def _track_format(given: TrackFormat | None, output: str | None) -> str:
    """The format asked for, else the one the output file's extension names, else table/JSON."""
    if given is None and output:
        suffix = output.rsplit(".", 1)[-1].lower()
        found = {"htm": "html", "html": "html", "json": "json", "jsonl": "jsonl", "csv": "csv"}.get(suffix)
        if found:
            return found
    return choose_format(given, "table")


@app.command("track")
def track_command(
    files: Annotated[
        list[str],
        typer.Argument(
            help="Editions in any order (.txt, .pdf) and registries (data/clauses.yaml).", show_default=False
        ),
    ],
    indicator: Annotated[
        list[str] | None,
        typer.Option("--indicator", "-i", help="Only this indicator: canonical name or alias (repeatable)."),
    ] = None,
    fmt: Annotated[
        TrackFormat | None,
        typer.Option("--format", "-f", help="table (on a terminal), json (when piped), jsonl, csv or html."),
    ] = None,
    output: Annotated[
        str | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")
    ] = None,
    encoding: EncodingOpt = None,
    password: PasswordOpt = None,
) -> None:
    """Track indicators across editions: each year's target beside the result a later edition reports,
    with a verdict (met, missed, no outcome yet, not comparable) and the rule that decided it.

    Examples:

        policykit track gov-work-report-20*.txt

        policykit track report-2025.txt report-2026.txt --indicator GDP --indicator CPI

        policykit track reports/*.txt --format json | jq '.indicators[0].series'

        policykit track reports/*.txt --format html -o track.html
    """
    from pathlib import Path

    from policykit.render.track import render_track, summary_line, track_table
    from policykit.track import track_files

    result = run(lambda: track_files(files, indicators=indicator or (), encoding=encoding, password=password))
    chosen = _track_format(fmt, output)
    if chosen == "table":
        view = track_table(result)
        if output is None:
            console().print(view)
            typer.echo(summary_line(result), err=True)
            return
        import io

        from rich.console import Console

        capture = Console(width=160, color_system=None, highlight=False, record=True, file=io.StringIO())
        capture.print(view)
        text = capture.export_text()
    else:
        text = render_track(result, chosen)
    if output is None:
        write(text)
        return
    try:
        Path(output).write_text(text, encoding="utf-8")
    except OSError as error:
        fail(f"cannot write {output}: {error.strerror}; choose a writable path", 2)
    typer.echo(f"wrote {output}", err=True)


# ---------------------------------------------------------------- entry point


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except UsageError as error:  # raised outside run(), e.g. by option validation helpers
        typer.echo(f"Error: {error}", err=True)
        raise SystemExit(2) from None


__all__ = ["app", "choose_format", "console", "fail", "main", "progress_bar", "run", "write"]
