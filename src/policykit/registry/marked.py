"""Marked YAML loading: PyYAML's composer (libyaml when present) gives every node its line and column.

The registry is loaded into dicts and lists that remember where each key and value was written, so
every problem validate finds can point at file:line:column. Aliases are followed with a budget, so a
contributed registry cannot expand into gigabytes (a "billion laughs" alias bomb).
"""

from __future__ import annotations

import gc
from functools import lru_cache
from typing import TYPE_CHECKING

from policykit.registry.results import Problem

if TYPE_CHECKING:
    from yaml import Node  # yaml itself is imported on first load (_yaml)

Mark = tuple[int, int]

ALIAS_NODES_MAX = 1000
"""The most nodes one alias may stand for; a registry needs none, a bomb needs millions."""
ALIAS_TOTAL_MAX = 10_000
"""The most nodes all aliases of a file may stand for together."""

_STR = "tag:yaml.org,2002:str"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"


class MarkedDict(dict):
    """A mapping from the YAML file that remembers where each key and value were written."""

    __slots__ = ("key_marks", "mark", "value_marks")

    def __init__(self, mark: Mark):
        super().__init__()
        self.mark = mark
        self.key_marks: dict[str, Mark] = {}
        self.value_marks: dict[str, Mark] = {}

    def mark_of(self, key: str) -> Mark:
        return self.value_marks.get(key, self.mark)


class MarkedList(list):
    """A sequence from the YAML file that remembers where each item was written."""

    __slots__ = ("mark", "marks")

    def __init__(self, mark: Mark):
        super().__init__()
        self.mark = mark
        self.marks: list[Mark] = []


@lru_cache(maxsize=1)
def _yaml():
    """PyYAML, its loader (the C one when libyaml is there) and a constructor for plain scalars."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml, loader, yaml.constructor.SafeConstructor()


def _mark(node: Node) -> Mark:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Refused(Exception):
    """The YAML is well formed but refused: an alias bomb or a recursive alias."""

    def __init__(self, problem: Problem):
        super().__init__(problem.message)
        self.problem = problem


class _Tree:
    """Turns composed nodes into MarkedDict/MarkedList/scalars, counting what aliases expand to."""

    def __init__(self, file: str):
        yaml, _, constructor = _yaml()
        self.file = file
        self.problems: list[Problem] = []
        self.scalar_type = yaml.ScalarNode
        self.sequence_type = yaml.SequenceNode
        self.builders = constructor.yaml_constructors
        self.constructor = constructor
        self.scalars: dict[tuple[str, str], object] = {}
        self.done: dict[int, tuple[object, int]] = {}  # id(node) → (value, nodes it holds)
        self.open: set[int] = set()
        self.expanded = 0

    def scalar(self, node: Node) -> object:
        tag = node.tag
        if tag in (_STR, _TIMESTAMP):  # dates stay text: the schema wants YYYY-MM-DD strings
            return node.value
        key = (tag, node.value)
        known = self.scalars.get(key, self)
        if known is not self:
            return known
        build = self.builders.get(tag)
        if build is None:  # reported at every use, so never remembered
            self.problems.append(Problem(self.file, *_mark(node), "yaml-tag", f"unsupported YAML tag {tag}"))
            return node.value
        value = self.scalars[key] = build(self.constructor, node)
        return value

    def alias(self, node: Node, size: int) -> None:
        """Count one more use of an already built node, refusing it past the alias budget."""
        line = _mark(node)[0]
        if size > ALIAS_NODES_MAX:
            self.refuse(node, f"the YAML alias of the anchor on line {line} stands for {size} nodes")
        self.expanded += size
        if self.expanded > ALIAS_TOTAL_MAX:
            self.refuse(
                node, f"YAML aliases (the last to the anchor on line {line}) stand for too many nodes"
            )

    def refuse(self, node: Node, what: str) -> None:
        message = (
            f"{what} (limits: {ALIAS_NODES_MAX} per alias, {ALIAS_TOTAL_MAX} in all); "
            "refusing a possible alias bomb: write the entries out in full"
        )
        raise _Refused(Problem(self.file, *_mark(node), "yaml-alias", message))

    def convert(self, node: Node) -> tuple[object, int]:
        """The value of a node and how many nodes it holds."""
        if type(node) is self.scalar_type:
            return self.scalar(node), 1
        key = id(node)
        known = self.done.get(key)
        if known is not None:
            self.alias(node, known[1])
            return known
        if key in self.open:
            line = _mark(node)[0]
            raise _Refused(
                Problem(
                    self.file,
                    *_mark(node),
                    "yaml-alias",
                    f"a YAML alias refers to the node on line {line} that contains it; write the entry out",
                )
            )
        self.open.add(key)
        value: object
        if type(node) is self.sequence_type:
            value, size = self.sequence(node)
        else:
            value, size = self.mapping(node)
        self.open.discard(key)
        self.done[key] = (value, size)
        return value, size

    def sequence(self, node: Node) -> tuple[MarkedList, int]:
        items = MarkedList(_mark(node))
        size = 1
        scalar_type = self.scalar_type
        for child in node.value:
            if type(child) is scalar_type:
                items.append(self.scalar(child))
                size += 1
            else:
                value, count = self.convert(child)
                items.append(value)
                size += count
            items.marks.append(_mark(child))
        return items, size

    def mapping(self, node: Node) -> tuple[MarkedDict, int]:
        mapping = MarkedDict(_mark(node))
        size = 1
        scalar_type = self.scalar_type
        key_marks, value_marks = mapping.key_marks, mapping.value_marks
        for key_node, value_node in node.value:
            if type(key_node) is not scalar_type:
                self.problems.append(
                    Problem(self.file, *_mark(key_node), "yaml-key", "a mapping key must be a plain value")
                )
                continue
            key = str(self.scalar(key_node))
            if key in mapping:
                first = key_marks[key][0]
                self.problems.append(
                    Problem(
                        self.file,
                        *_mark(key_node),
                        "duplicate-key",
                        f"duplicate key '{key}' (first on line {first})",
                    )
                )
                # Not kept, but still read: problems inside it (an unsupported tag) are reported too.
                if type(value_node) is scalar_type:
                    self.scalar(value_node)
                else:
                    self.convert(value_node)
                continue
            if type(value_node) is scalar_type:
                mapping[key] = self.scalar(value_node)
                count = 1
            else:
                mapping[key], count = self.convert(value_node)
            size += count + 1
            key_marks[key] = _mark(key_node)
            value_marks[key] = _mark(value_node)
        return mapping, size


def load_marked(text: str, file: str) -> tuple[object, list[Problem]]:
    """Parse YAML text into MarkedDict/MarkedList/scalars; syntax errors and duplicate keys become problems."""
    yaml, loader, _ = _yaml()
    collecting = gc.isenabled()
    gc.disable()  # the tree is acyclic: collection passes while building it cost half the time
    try:
        try:
            root = yaml.compose(text, Loader=loader)
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            what = " ".join(part for part in (error.context, error.problem) if part)
            return None, [Problem(file, line, column, "yaml-syntax", f"YAML syntax error: {what}")]
        except yaml.YAMLError as error:
            return None, [Problem(file, 1, 1, "yaml-syntax", f"YAML syntax error: {error}")]
        if root is None:
            return None, [
                Problem(
                    file, 1, 1, "empty", "the registry is empty: create one with `policykit registry build`"
                )
            ]
        tree = _Tree(file)
        try:
            data, _ = tree.convert(root)
        except _Refused as refused:
            return None, [refused.problem]
        except RecursionError:
            return None, [
                Problem(file, *_mark(root), "yaml-syntax", "YAML nested too deeply to be a registry")
            ]
        return data, tree.problems
    finally:
        if collecting:
            gc.enable()


def plain(value):
    """Marked containers → plain dicts and lists, for writing back."""
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value
