"""Commands: track: each year's target beside the result a later edition reports."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from policykit.cli.common import (
    EncodingOpt,
    PasswordOpt,
    app,
    console,
    fail,
    output_format,
    run,
    write,
)

# ---------------------------------------------------------------- track


class TrackFormat(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    html = "html"


@app.command("track")
def track_command(
    files: Annotated[
        list[str],
        typer.Argument(
            help="Editions in any order (documents, or folders of them) and registries (data/clauses.yaml).",
            show_default=False,
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

        policykit track reports/ --format json | jq '.indicators[0].series'

        policykit track reports/*.txt --format html -o track.html
    """
    from pathlib import Path

    from policykit.render.track import render_track, summary_line, track_table
    from policykit.track import track_files

    result = run(lambda: track_files(files, indicators=indicator or (), encoding=encoding, password=password))
    for warning in result.warnings:
        typer.echo(f"Warning: {warning}", err=True)
    chosen = output_format(
        fmt, output, "table", {f: f for f in ("html", "json", "jsonl", "csv")} | {"htm": "html"}
    )
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
