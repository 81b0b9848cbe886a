"""Command-line adapter: each command parses options, calls one library function, renders the result.

Heavy libraries (jieba, pdfplumber) are imported inside commands so `policykit --help` stays fast.
The commands live in one module per group; importing them registers them on `app`.
"""

from __future__ import annotations

import importlib

import typer

from policykit.cli.common import app, choose_format, console, fail, progress_bar, run, write
from policykit.errors import UsageError

# Registering in this order is the order --help lists the commands in.
COMMAND_MODULES = ("documents", "search", "diff", "registry", "corpus", "track")
for _module in COMMAND_MODULES:
    importlib.import_module(f"policykit.cli.{_module}")


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except UsageError as error:  # raised outside run(), e.g. by option validation helpers
        typer.echo(f"Error: {error}", err=True)
        raise SystemExit(2) from None


__all__ = ["app", "choose_format", "console", "fail", "main", "progress_bar", "run", "write"]
