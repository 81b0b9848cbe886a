"""Commands: search and index: word-aware clause search over files and folders."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from policykit.cli.common import (
    DataFormatOpt,
    PasswordOpt,
    app,
    choose_format,
    console,
    progress_bar,
    run,
    write,
)
from policykit.config import default_sources

# ---------------------------------------------------------------- search


QueryArg = Annotated[
    str, typer.Argument(help='Terms, all required; OR between terms; -term excludes; "a b" phrase.')
]
PathsArg = Annotated[
    list[str] | None,
    typer.Argument(help="Files, folders (recursive), globs, - for stdin; default data/raw/."),
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
    limit: Annotated[
        int | None,
        typer.Option(
            "--limit", "-n", min=1, help="Show at most N clauses (with --rank, the N most relevant)."
        ),
    ] = None,
    no_index: Annotated[
        bool, typer.Option("--no-index", help="Scan the files; neither read nor update the index.")
    ] = False,
    max_size: MaxSizeOpt = "200M",
    password: PasswordOpt = None,
    fmt: DataFormatOpt = None,
) -> None:
    """Find clauses by keyword: whole words through jieba (电池 finds 锂电池, 国有 not 我国有), with heading trails.

    Exit status as grep: 0 found, 1 nothing found, 2 error. The first search scans; files not yet in the
    index (under $POLICYKIT_CACHE_DIR or $XDG_CACHE_HOME/policykit) are indexed in the background.

    Examples:

        policykit search 氢能 docs/

        policykit search 氢能 - < notice.txt

        policykit search '碳达峰 OR 碳中和 -海上' 'plans/**/*.txt' --under 重点任务

        policykit search 国有 --substring --count --format jsonl

        policykit search 氢能 docs/ --rank -n 10
    """
    from policykit.files import parse_size
    from policykit.render.search import render_search_data, search_view
    from policykit.search import search

    mode = "regex" if regex else "substring" if substring else "word"

    def find():
        with progress_bar("Searching") as progress:
            options: dict[str, Any] = {"mode": mode, "under": under, "rank": rank, "use_index": not no_index}
            return search(
                query,
                paths or default_sources(),
                progress=progress,
                build="background",
                max_size=parse_size(max_size),
                password=password,
                **options,
            )

    if limit is not None and (count or files_only):
        raise typer.BadParameter(
            "--limit lists clauses; --count and -l summarise every match", param_hint="--limit"
        )
    result = run(find, error_code=2)  # grep's convention: 1 only for "nothing found"
    result, left_out = result.first(limit)
    if left_out:
        typer.echo(f"Note: {left_out} more matching clause(s) not shown (--limit {limit})", err=True)
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
            return build_index(paths or default_sources(), rebuild=rebuild, max_size=limit, progress=progress)

    files, warnings, notes = run(build, error_code=2)
    if lock is not None:
        lock.close()
    if not quiet:
        for line in [f"Note: {n}" for n in notes] + [f"Warning: {w}" for w in warnings]:
            typer.echo(line, err=True)
        typer.echo(f"indexed {files} file(s) into {cache_dir()}", err=True)
