"""Render a parsed document: JSON/YAML records or a rich tree for the terminal."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict
from typing import TYPE_CHECKING

from policykit.model import Clause, Document
from policykit.render import iter_json

if TYPE_CHECKING:
    from rich.table import Table
    from rich.tree import Tree


def document_to_dict(document: Document) -> dict:
    """A document as a JSON-ready record: source, metadata and the clause tree."""
    return _record(document, [clause.to_dict() for clause in document.clauses])


def _record(document: Document, clauses: object) -> dict:
    return {
        "document": document.name,
        "path": document.path,
        "encoding": document.encoding,
        "metadata": asdict(document.metadata),
        "clauses": clauses,
        "furniture": [asdict(part) for part in document.furniture],  # 公文 parts read into metadata
    }


def iter_document_json(document: Document) -> Iterator[str]:
    """`to_json(document_to_dict(document))` and a newline, in pieces: one clause record at a time.

    The records of a 200 MB document would outweigh the document itself; here only the clause being
    written and its ancestors' open records exist at once.
    """
    yield from iter_json(_record(document, (_lazy_record(clause) for clause in document.clauses)))
    yield "\n"


CLAUSE_COLUMNS = (
    "document",
    "id",
    "parent",
    "kind",
    "number",
    "heading",
    "path",
    "line",
    "page",
    "text",
    "targets",
)
"""The columns of a flat clause row, the order csv writes them in."""


def clause_rows(document: Document) -> Iterator[dict]:
    """The clause tree as flat rows in document order: each clause with its parent's id, its heading
    trail and how many targets it holds, for jsonl/csv output and tables (batch's clause table)."""
    for clause, ancestors in document.walk_with_ancestors():
        yield {
            "document": document.name,
            "id": clause.id,
            "parent": ancestors[-1].id if ancestors else None,
            "kind": clause.kind,
            "number": clause.number,
            "heading": clause.heading,
            "path": " > ".join(a.label for a in (*ancestors, clause)),
            "line": clause.line,
            "page": clause.page,
            "text": clause.text,
            "targets": len(clause.targets),
        }


def clause_table(document: Document, *, width: int = 40) -> Table:
    """A rich table of the clauses, one row each in document order: the flat view of the tree."""
    from policykit.render import rich_table

    columns: tuple[tuple[str, str], ...] = (
        ("id", "id"),
        ("kind", "kind"),
        ("line", "line"),
        ("page", "page"),
        ("text", "text"),
    )
    rows = []
    for row in clause_rows(document):
        text = " ".join(row["text"].split())
        rows.append({**row, "text": text if len(text) <= width else text[: width - 1] + "…"})
    if not any(row["page"] for row in rows):
        columns = tuple(column for column in columns if column[0] != "page")
    return rich_table(rows, columns, title=document.metadata.title or document.name)


def _lazy_record(clause: Clause) -> dict:
    record = clause.to_dict(children=False)
    record["children"] = (_lazy_record(child) for child in clause.children)
    return record


def rich_tree(document: Document, *, width: int = 36) -> Tree:
    """Build a rich Tree: one node per clause with its id, label and first words."""
    from rich.markup import escape
    from rich.tree import Tree

    title = document.metadata.title or document.name
    tree = Tree(f"[bold]{escape(title)}[/] [dim]{escape(document.path)}[/]")

    def label(clause: Clause) -> str:
        head = clause.label if (clause.heading or clause.number) else ""
        body = clause.text.replace("\n", " ").strip()
        if head and body.startswith(head):
            body = body[len(head) :].lstrip("。：: ")
        snippet = body if len(body) <= width else body[: width - 1] + "…"
        parts = [f"[cyan]{escape(clause.id)}[/]", f"[dim]{clause.kind}[/]"]
        if head:
            parts.append(f"[bold]{escape(head)}[/]")
        if snippet and clause.kind in ("paragraph", "preamble", "article", "item", "task"):
            parts.append(escape(snippet))
        parts.append(f"[dim]L{clause.line}[/]")
        return " ".join(parts)

    def add(parent: Tree, clause: Clause) -> None:
        node = parent.add(label(clause))
        for target in clause.targets:
            comparator = f"{target.comparator} " if target.comparator else ""
            year = f" ({target.year})" if target.year else ""
            node.add(f"[green]◎ {escape(target.indicator)} {comparator}{target.quantity}{year}[/]")
        for child in clause.children:
            add(node, child)

    for clause in document.clauses:
        add(tree, clause)
    return tree
