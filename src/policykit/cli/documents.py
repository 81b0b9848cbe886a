"""Commands: parse, segment and extract: commands that read one document and print what is in it."""

from __future__ import annotations

from typing import Annotated

import typer

from policykit.cli.common import (
    DataFormatOpt,
    EncodingOpt,
    FileArg,
    PasswordOpt,
    TreeFormat,
    WordsFormat,
    app,
    choose_format,
    console,
    progress_bar,
    run,
    write,
)

# ---------------------------------------------------------------- parse


@app.command()
def parse(
    file: FileArg,
    fmt: Annotated[
        TreeFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="tree (terminal), json (when piped) or yaml: the nested tree; table, jsonl or csv: one row per clause.",
        ),
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

        policykit parse plan.docx --format csv > clauses.csv
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
    elif chosen == "table":
        from policykit.render.tree import clause_table

        console().print(clause_table(document))
    elif chosen == "json":
        from policykit.entry import write_stream
        from policykit.render.tree import iter_document_json

        write_stream(iter_document_json(document))
    elif chosen in ("jsonl", "csv"):
        from policykit.entry import write_stream
        from policykit.render import iter_rows
        from policykit.render.tree import CLAUSE_COLUMNS, clause_rows

        write_stream(iter_rows(clause_rows(document), chosen, columns=CLAUSE_COLUMNS))
    else:
        from policykit.render import to_yaml

        write(to_yaml(document_to_dict(document)))


# ---------------------------------------------------------------- segment


@app.command()
def segment(
    file: FileArg,
    pos: Annotated[bool, typer.Option("--pos", help="Show part-of-speech tags (word/tag).")] = False,
    fmt: Annotated[
        WordsFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="text (terminal): a paragraph a line, words between spaces; json (when piped), jsonl, csv, "
            "yaml: one record per paragraph with its line.",
        ),
    ] = None,
    encoding: EncodingOpt = None,
    password: PasswordOpt = None,
) -> None:
    """Segment a document into words with jieba and the policy lexicon (碳中和 stays one word).

    Examples:

        policykit segment plan.txt

        echo 实现碳达峰碳中和 | policykit segment - --pos -f text

        policykit segment plan.pdf -f jsonl > words.jsonl
    """
    from policykit.pipeline import segment_file
    from policykit.render.segment import iter_segmented

    paragraphs = run(lambda: segment_file(file, pos=pos, encoding=encoding, password=password))
    for piece in iter_segmented(paragraphs, choose_format(fmt, "text")):
        write(piece)


# ---------------------------------------------------------------- extract


@app.command()
def extract(
    files: Annotated[
        list[str],
        typer.Argument(
            help="Documents (.txt .pdf .docx .doc .wps .odt .rtf .ofd .html .mht), folders of them, or - for stdin.",
            show_default=False,
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

        policykit extract docs/ --format jsonl | jq -c '[.indicator, .value, .unit]'

        policykit extract report.txt --all --year 2024
    """
    from policykit.pipeline import extract_files
    from policykit.render.targets import iter_targets, targets_table

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
        from policykit.entry import write_stream

        write_stream(iter_targets(result.targets, chosen))
    for failure in result.failures:
        typer.echo(f"Error: {failure}", err=True)
    if result.failures:
        raise typer.Exit(1)
