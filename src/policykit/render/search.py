"""Render search results: highlighted clauses on a terminal, JSON/JSONL records, counts, file lists."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from policykit.render import render_rows, rich_table, to_json, to_jsonl
from policykit.search import SearchResult, is_table_id

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.text import Text

COUNT_COLUMNS = (("document", "document"), ("clauses", "clauses"), ("hits", "hits"))


def search_rows(result: SearchResult, *, count: bool = False, files_only: bool = False) -> list[dict]:
    """The records to print: one per hit clause, per document with --count, or per file with -l."""
    if count:
        return result.counts()
    if files_only:
        return [{"document": row["document"]} for row in result.counts()]
    return [match.to_dict() for match in result.matches]


def render_search_data(
    result: SearchResult, fmt: str, *, count: bool = False, files_only: bool = False
) -> str:
    """JSON (a list), JSONL (one record a line), CSV or YAML; -l as JSON is a plain list of paths."""
    rows = search_rows(result, count=count, files_only=files_only)
    if fmt == "jsonl":
        return to_jsonl(rows)
    if files_only and fmt == "json":
        return to_json([row["document"] for row in rows]) + "\n"
    return render_rows(rows, fmt)


def highlighted(text: str, spans: Iterable[tuple[int, int]]) -> Text:
    """The clause text with every hit in bold reverse colours."""
    from rich.text import Text

    out = Text(text)
    for start, end in spans:
        out.stylize("bold black on yellow", start, end)
    return out


def search_view(result: SearchResult, *, count: bool = False, files_only: bool = False) -> RenderableType:
    """A rich renderable for the terminal: each hit clause under its location and heading trail, hits
    highlighted (a grid would squeeze long clauses); or a table of counts; or the file names."""
    from rich.console import Group
    from rich.text import Text

    if files_only:
        return Text("\n".join(row["document"] for row in result.counts()))
    if count:
        return rich_table(result.counts(), COUNT_COLUMNS)
    blocks: list[RenderableType] = []
    for match in result.matches:
        where = f"{match.document}:{match.line}" + (f" p.{match.page}" if match.page else "")
        header = Text.assemble((where, "magenta"), "  ", (match.clause, "cyan"), "  ", (match.path, "dim"))
        text = match.text.rstrip("\n")
        if is_table_id(match.clause):
            text = text.replace("\t", " ").replace("\n", " ")  # a table row's cells on one line, offsets kept
        blocks += [header, highlighted(text, match.spans), Text("")]
    return Group(*blocks)
