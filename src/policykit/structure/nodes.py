"""The tree under construction: mutable nodes the builder opens and closes, frozen into clauses at the end."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from policykit.model import ClauseKind


@dataclass(slots=True)
class _Node:
    kind: ClauseKind | Literal["root"]
    number: str
    heading: str
    start: int
    rank: float
    style: str = ""
    ordinal: int = 0
    children: list[_Node] = field(default_factory=list)


def _preorder(node: _Node) -> Iterator[_Node]:
    """Yield the nodes under `node` in document order, without recursion (a tree may be deep)."""
    stack = list(reversed(node.children))
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(current.children))


def _is_list_box(node: _Node) -> bool:
    """Tell whether a node is a 专栏 box that holds a list and nothing else: a panel of projects (01 … 02 …).

    Run-in items that make up a whole box hold no text of their own even two of them: what follows is
    the section's again (专栏3-1 / 01…。 02…。 / 建成后，…)."""
    return node.kind == "box" and all(c.number for c in node.children)


def _parent(root: _Node, node: _Node) -> _Node:
    """The node holding `node` (searched for: asked only where a box's list ends with text after it)."""
    return next(n for n in itertools.chain([root], _preorder(root)) if any(c is node for c in n.children))
