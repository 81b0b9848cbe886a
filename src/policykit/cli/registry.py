"""Commands: registry, schema and validate: the YAML clause registry."""

from __future__ import annotations

import os
from enum import Enum
from functools import partial
from typing import Annotated

import typer

from policykit.cli.common import app, run, write
from policykit.config import DEFAULT_REGISTRY, default_sources

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
        help="Source documents (.txt .pdf .docx .doc .wps .odt .rtf .ofd .html .mht) or folders of them.",
        show_default=False,
    ),
]


@registry_app.command("build")
def registry_build(sources: SourcesArg = None, registry: RegistryOpt = DEFAULT_REGISTRY) -> None:
    """Create a registry from source documents (default: data/raw); refuses to overwrite one.

    Examples:

        policykit registry build data/raw

        policykit registry build docs/plan.txt --registry registry.yaml
    """
    from policykit.registry import update_registry
    from policykit.render.registry import update_summary

    summary = run(lambda: update_registry(registry, sources or default_sources(), create=True))
    typer.echo(update_summary(summary), err=True)


@registry_app.command("update")
def registry_update(sources: SourcesArg = None, registry: RegistryOpt = DEFAULT_REGISTRY) -> None:
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

    reports = [run(partial(validate_registry, file, cache=cache)) for file in files or [DEFAULT_REGISTRY]]
    chosen = fmt.value if fmt else ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    write(render_reports(reports, chosen))
    for report in reports:
        typer.echo(report_summary(report), err=True)
    if not all(report.valid for report in reports):
        raise typer.Exit(1)
