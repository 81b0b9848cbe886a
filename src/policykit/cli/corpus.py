"""Commands: batch and query: the toolkit over a whole corpus into Parquet, queried with DuckDB."""

from __future__ import annotations

import os
import sys
from enum import Enum
from functools import partial
from typing import Annotated

import typer

from policykit.cli.common import DataFormatOpt, PasswordOpt, app, choose_format, console, run, write

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
    password: PasswordOpt = None,
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

    start = partial(
        run_batch,
        sources,
        output,
        jobs=workers,
        engine=engine.value,
        scheduler=scheduler,
        part_rows=part_rows,
        password=password,
    )

    def go():
        if not sys.stderr.isatty():
            return start()
        from rich.status import Status

        with Status("Planning", console=console(stderr=True)) as status:
            return start(progress=lambda p: status.update(progress_line(p)))

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
