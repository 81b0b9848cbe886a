"""Clause ids and freezing: each node gets a path id (its number, else a positional suffix) and becomes a Clause."""

from __future__ import annotations

from collections.abc import Callable

from policykit.model import Clause
from policykit.structure.nodes import _Node
from policykit.zh.numbering import STYLE_BY_NAME

_POSITIONAL_PREFIX = {
    "paragraph": "p",
    "preamble": "p",
    "section": "s",
    "list": "l",
    "box": "box",
    "toc": "toc",
    "table": "t",
    "appendix": "ax",
    "glossary": "gl",
}


def _assign_ids(node: _Node, parent_id: str) -> list[tuple[_Node, str]]:
    """Give each child a path id: its number where it has one, else a positional suffix."""
    out: list[tuple[_Node, str]] = []
    counters: dict[str, int] = {}
    used: set[str] = set()
    for child in node.children:
        if child.kind == "appendix":
            counters[child.style] = counters.get(child.style, 0) + 1
            segment = f"{child.style}{child.ordinal or counters[child.style]}"
        elif child.ordinal:
            segment = f"{STYLE_BY_NAME[child.style].id_prefix}{child.ordinal}"
        elif child.style == "dash":
            counters["d"] = counters.get("d", 0) + 1
            segment = f"d{counters['d']}"
        elif node.kind == "list":
            counters["item"] = counters.get("item", 0) + 1
            segment = str(counters["item"])
        else:
            prefix = _POSITIONAL_PREFIX.get(child.kind, "p")
            counters[prefix] = counters.get(prefix, 0) + 1
            segment = f"{prefix}{counters[prefix]}"
        candidate, n = segment, 1
        while candidate in used:
            n += 1
            candidate = f"{segment}~{n}"
        used.add(candidate)
        child_id = f"{parent_id}.{candidate}" if parent_id else candidate
        out.append((child, child_id))
    return out


def _freeze(
    node: _Node,
    node_id: str,
    ends: dict[int, int],
    text: str,
    document_locate: Callable[[int], tuple[int, int | None]],
) -> Clause:
    assert node.kind != "root", "the root holds the clauses; it is never one"
    children = (
        tuple([_freeze(child, cid, ends, text, document_locate) for child, cid in _assign_ids(node, node_id)])
        if node.children
        else ()
    )
    start = node.start
    line, page = document_locate(start)
    # Positional, in Clause's field order (id, kind, number, heading, text, start, line, page,
    # children): a frozen dataclass takes keywords at about twice the cost, once per clause.
    return Clause(
        node_id,
        node.kind,
        node.number,
        node.heading,
        text[start : ends[id(node)]],
        start,
        line,
        page,
        children,
    )
