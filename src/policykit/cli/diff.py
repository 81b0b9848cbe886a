"""Commands: diff: two editions of a document compared clause by clause."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from policykit.cli.common import EncodingOpt, PasswordOpt, app, console, output_format, run
from policykit.errors import UsageError

# ---------------------------------------------------------------- diff


class DiffFormat(str, Enum):
    terminal = "terminal"
    table = "table"  # what every other data command calls its terminal view
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    yaml = "yaml"
    html = "html"


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
            "--format",
            "-f",
            help="terminal or table (on a terminal), json (when piped), jsonl, csv, yaml or html (新旧对照 page).",
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
    suffixes = {
        "htm": "html",
        "yml": "yaml",
        **{name: name for name in ("html", "json", "jsonl", "csv", "yaml")},
    }
    chosen = output_format(fmt, output, "terminal", suffixes)
    chosen = "terminal" if chosen == "table" else chosen
    run(
        lambda: write_diff(result, chosen, output, screen=console(), side_by_side=side_by_side, stat=stat),
        error_code=2,
    )
    if output is not None:
        typer.echo(f"wrote {output}", err=True)
    raise typer.Exit(1 if result.has_differences else 0)
