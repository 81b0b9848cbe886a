"""The clause registry: a curated YAML record of documents, clauses and targets, checked against its sources.

`validate` reports every problem with file:line:column taken from the YAML node marks; `update_registry`
creates or refreshes a registry from the sources and keeps the uids, tags and notes people added.
"""

from __future__ import annotations

import difflib
import gc
import hashlib
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from policykit.errors import RegistryError, UsageError
from policykit.formats import DOCUMENT_SUFFIXES
from policykit.model import Document, Target
from policykit.zh.chars import squash

SCHEMA_VERSION = 1
DEFAULT_REGISTRY = "data/clauses.yaml"
YEAR_RANGE = (1949, 2100)
"""Years a policy target can plausibly be due in: from the PRC's founding to the end of the century."""
SOURCE_SUFFIXES = DOCUMENT_SUFFIXES  # .txt .pdf .docx .doc .wps .ofd .html .htm


# ---------------------------------------------------------------- results


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a registry, where it is (1-based line and column) and what to do about it."""

    file: str
    line: int
    column: int
    code: str
    message: str
    severity: str = "error"
    uid: str | None = None

    def to_dict(self) -> dict:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
            "uid": self.uid,
        }


@dataclass(frozen=True)
class Report:
    """The outcome of validating one registry file."""

    path: str
    problems: tuple[Problem, ...]
    documents: int = 0
    clauses: int = 0
    targets: int = 0

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "error")

    @property
    def valid(self) -> bool:
        return not self.errors

    def to_dict(self) -> dict:
        return {
            "file": self.path,
            "valid": self.valid,
            "documents": self.documents,
            "clauses": self.clauses,
            "targets": self.targets,
            "problems": [p.to_dict() for p in self.problems],
        }


@dataclass(frozen=True)
class UpdateSummary:
    """What `update_registry` changed: per document, how many clauses kept, carried over, added, removed."""

    path: str
    created: bool
    documents: tuple[str, ...]
    kept: int = 0
    carried: int = 0
    added: int = 0
    removed: tuple[str, ...] = ()
    annotated_removed: tuple[str, ...] = ()
    """Removed uids that carried tags or notes: curated work to move by hand (git keeps the old file)."""

    def to_dict(self) -> dict:
        return {
            "file": self.path,
            "created": self.created,
            "documents": list(self.documents),
            "kept": self.kept,
            "carried": self.carried,
            "added": self.added,
            "removed": list(self.removed),
            "annotated_removed": list(self.annotated_removed),
        }


# ---------------------------------------------------------------- YAML with marks

Mark = tuple[int, int]


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


def _mark(node) -> Mark:
    return node.start_mark.line + 1, node.start_mark.column + 1


@lru_cache(maxsize=1)
def _yaml():
    """PyYAML's loader (the C one when libyaml is there) and a constructor for plain scalars."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml, loader, yaml.constructor.SafeConstructor()


_STR = "tag:yaml.org,2002:str"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"


class _Unsupported(Exception):
    """The text uses YAML beyond the block subset the fast reader handles; PyYAML reads it instead."""


_PLAIN_START_FORBIDDEN = frozenset("-?:,[]{}#&*!|>'\"%@`")
_BAD_CHARS = re.compile(
    "[\t\r\x85\u2028\u2029\ufeff]|[^\x0a\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)


_SIMPLE_ENTRY = re.compile(r"([A-Za-z_][A-Za-z0-9_]*): +([^-?:,\[\]{}#&*!|>'\"%@` ].*)")


_FLOW_LIST = re.compile(
    r"\[ *[^-?:,\[\]{}#&*!|>'\"%@` ][^,\[\]{}#'\":]*?(?: *, *[^-?:,\[\]{}#&*!|>'\"%@` ][^,\[\]{}#'\":]*?)* *\]"
)
_FLOW_ITEM = re.compile(r"[^,\[\] ][^,\[\]]*?(?= *(?:,|\]|$))")


class _FastReader:
    """A reader for the block-style YAML the registry is written in (and hand edits of it), 10× PyYAML's speed.

    It builds the same MarkedDict/MarkedList tree with the same marks as the PyYAML path, and raises
    _Unsupported on anything outside its subset (anchors, tags, flow mappings, folded or multi-line
    scalars, tabs, errors), so the result is PyYAML's whenever it does not know better.
    """

    def __init__(self, text: str, file: str, problems: list[Problem]):
        self.lines = lines = text.split("\n")
        self.file = file
        self.problems = problems
        yaml, _, constructor = _yaml()
        self.constructor = constructor
        self.resolver = yaml.resolver.Resolver()
        self.scalar_node = yaml.ScalarNode
        self.resolved: dict[str, object] = {}
        self.indents = [len(line) - len(line.lstrip(" ")) for line in lines]
        following = [len(lines)] * (len(lines) + 1)
        for i in range(len(lines) - 1, -1, -1):
            line = lines[i]
            at = self.indents[i]
            following[i] = i if at < len(line) and line[at] != "#" else following[i + 1]
        self.following = following

    def next_content(self, i: int) -> int:
        """The first line from i on that holds more than blanks or a comment."""
        return self.following[i] if i < len(self.following) else len(self.lines)

    def indent(self, i: int) -> int:
        return self.indents[i]

    def load(self):
        i = self.next_content(0)
        if i >= len(self.lines):
            return None
        first = self.lines[i].lstrip(" ")
        if first.startswith(("---", "...", "%")):
            raise _Unsupported
        value, i = self.block(i, self.indent(i))
        if self.next_content(i) < len(self.lines):
            raise _Unsupported
        return value

    def block(self, i: int, column: int):
        """A block node starting at line i, column `column`: a sequence or a mapping; returns (node, next line)."""
        content = self.lines[i][column:]
        if content == "-" or content.startswith("- "):
            return self.sequence(i, column)
        return self.mapping(i, column)

    def sequence(self, i: int, column: int):
        items = MarkedList((i + 1, column + 1))
        lines = self.lines
        while True:
            content = lines[i][column:]
            if not (content == "-" or content.startswith("- ")):
                if items:  # an indentless sequence ends at its parent's next key
                    return items, i
                raise _Unsupported
            rest = content[2:]
            stripped = rest.lstrip(" ")
            start = column + 2 + len(rest) - len(stripped)
            if not stripped or stripped.startswith("#"):
                j = self.next_content(i + 1)
                if j < len(lines) and self.indent(j) > column:
                    value, i = self.block(j, self.indent(j))
                    mark = value.mark
                else:
                    value, mark, i = None, (i + 1, column + 2), i + 1
            elif stripped.startswith("- "):
                raise _Unsupported
            elif self.key_split(stripped) is not None:
                value, i = self.mapping(i, start)
                mark = value.mark
            else:
                value, i = self.inline(i, start, column)
                mark = (self.last_mark_line, start + 1)
            items.append(value)
            items.marks.append(mark)
            i = self.next_content(i)
            if i >= len(lines):
                return items, i
            indent = self.indent(i)
            if indent < column:
                return items, i
            if indent > column:
                raise _Unsupported

    @staticmethod
    def key_split(content: str) -> int | None:
        """Where the ': ' (or final ':') ending a plain key is, or None when the content is not a key."""
        if content[0] in _PLAIN_START_FORBIDDEN:
            return None
        at = content.find(": ")
        if at < 0:
            if content.endswith(":") and " #" not in content:
                return len(content) - 1
            return None
        hash_at = content.find(" #")
        if 0 <= hash_at < at:
            return None
        return at

    def mapping(self, i: int, column: int):
        mapping = MarkedDict((i + 1, column + 1))
        lines = self.lines
        following, indents = self.following, self.indents
        while True:
            simple = _SIMPLE_ENTRY.match(lines[i], column)
            if simple is not None:  # `key: plain value` on one line, most of a registry
                value_text = simple.group(2)
                after = following[i + 1]
                if (
                    ": " not in value_text
                    and " #" not in value_text
                    and value_text[-1] not in ": "
                    and (after >= len(lines) or indents[after] <= column)
                ):
                    key = str(self.plain(simple.group(1)))
                    if key not in mapping:
                        mapping[key] = self.plain(value_text)
                        mapping.key_marks[key] = (i + 1, column + 1)
                        mapping.value_marks[key] = (i + 1, simple.start(2) + 1)
                        i = after
                        if i >= len(lines) or indents[i] < column:
                            return mapping, i
                        if indents[i] > column:
                            raise _Unsupported
                        continue
            content = lines[i][column:]
            at = self.key_split(content) if content else None
            if at is None:
                raise _Unsupported
            key = str(self.plain(content[:at].rstrip(" ")))
            key_mark = (i + 1, column + 1)
            rest = content[at + 1 :]
            stripped = rest.lstrip(" ")
            start = column + at + 1 + len(rest) - len(stripped)
            if not stripped or stripped.startswith("#"):
                j = self.next_content(i + 1)
                if j < len(lines) and self.indent(j) > column:
                    value, i = self.block(j, self.indent(j))
                    mark = value.mark
                elif j < len(lines) and self.indent(j) == column and lines[j][column:].startswith(("- ",)):
                    value, i = self.sequence(j, column)
                    mark = value.mark
                elif j < len(lines) and lines[j][column:] == "-":
                    raise _Unsupported
                else:
                    value, mark, i = None, (i + 1, column + at + 2), i + 1
            else:
                value, i = self.inline(i, start, column)
                mark = (self.last_mark_line, start + 1)
            if key in mapping:
                first_line = mapping.key_marks[key][0]
                self.problems.append(
                    Problem(
                        self.file,
                        *key_mark,
                        "duplicate-key",
                        f"duplicate key '{key}' (first on line {first_line})",
                    )
                )
            else:
                mapping[key] = value
                mapping.key_marks[key] = key_mark
                mapping.value_marks[key] = mark
            i = self.next_content(i)
            if i >= len(lines):
                return mapping, i
            indent = self.indent(i)
            if indent < column:
                return mapping, i
            if indent > column:
                raise _Unsupported

    last_mark_line = 0

    def inline(self, i: int, start: int, parent: int):
        """A value written after 'key: ' or '- ' on line i from `start`; returns (value, next line)."""
        self.last_mark_line = i + 1
        text = self.lines[i][start:]
        head = text[0]
        if head == "'":
            end = 1
            while True:
                end = text.find("'", end)
                if end < 0:
                    raise _Unsupported
                if text[end + 1 : end + 2] == "'":
                    end += 2
                    continue
                break
            self.tail(text[end + 1 :])
            return text[1:end].replace("''", "'"), i + 1
        if head == '"':
            end = text.find('"', 1)
            if end < 0 or "\\" in text[1:end]:
                raise _Unsupported
            self.tail(text[end + 1 :])
            return text[1:end], i + 1
        if head == "|":
            return self.literal(i, text, parent)
        if head == "[" or head == "{":
            body = text.split(" #", 1)[0].rstrip(" ")
            if body == "[]":
                return MarkedList((i + 1, start + 1)), i + 1
            if body == "{}":
                return MarkedDict((i + 1, start + 1)), i + 1
            if head == "[" and _FLOW_LIST.fullmatch(body):  # tags: [低碳, 能源] as people write them
                items = MarkedList((i + 1, start + 1))
                for item in _FLOW_ITEM.finditer(body, 1, len(body) - 1):
                    items.append(self.plain(item.group()))
                    items.marks.append((i + 1, start + item.start() + 1))
                return items, i + 1
            raise _Unsupported
        if head in _PLAIN_START_FORBIDDEN and not (head in "-?:" and text[1:2] not in ("", " ")):
            raise _Unsupported
        value = text.split(" #", 1)[0].rstrip(" ")
        if ": " in value or value.endswith(":"):
            raise _Unsupported
        j = self.next_content(i + 1)
        if j < len(self.lines) and self.indent(j) > parent:
            raise _Unsupported  # a multi-line plain scalar
        return self.plain(value), i + 1

    @staticmethod
    def tail(rest: str) -> None:
        rest = rest.lstrip(" ")
        if rest and not rest.startswith("#"):
            raise _Unsupported

    def plain(self, value: str):
        known = self.resolved.get(value, self)
        if known is not self:
            return known
        result = self.resolve_plain(value)
        if len(value) < 80:  # ids, units, numbers and keys repeat; long texts do not
            self.resolved[value] = result
        return result

    def resolve_plain(self, value: str):
        tag = self.resolver.resolve(self.scalar_node, value, (True, False))
        if tag in (_STR, _TIMESTAMP):
            return value
        build = self.constructor.yaml_constructors.get(tag)
        if build is None:
            raise _Unsupported
        return build(self.constructor, self.scalar_node(tag, value))

    def literal(self, i: int, header: str, parent: int):
        header = header.split(" #", 1)[0].rstrip(" ")
        if header not in ("|", "|-", "|+"):
            raise _Unsupported
        lines = self.lines
        j = i + 1
        body: list[str] = []
        indent = None
        while j < len(lines):
            line = lines[j]
            stripped = line.lstrip(" ")
            if not stripped:
                if indent is None and len(line) > parent + 1:
                    raise _Unsupported
                if indent is not None and len(line) > indent:
                    raise _Unsupported
                body.append("")
                j += 1
                continue
            width = len(line) - len(stripped)
            if indent is None:
                if width <= parent:
                    break
                indent = width
            elif width < indent:
                break
            body.append(line[indent:])
            j += 1
        while body and body[-1] == "":
            body.pop()
        if indent is None or any(not line for line in body[:1]):
            raise _Unsupported
        text = "\n".join(body)
        if header == "|":
            text += "\n"
        elif header == "|+":
            raise _Unsupported
        return text, j


def load_marked(text: str, file: str, *, fast: bool = True) -> tuple[object, list[Problem]]:
    """Parse YAML text into MarkedDict/MarkedList/scalars; syntax errors and duplicate keys become problems."""
    if fast and not _BAD_CHARS.search(text):
        problems: list[Problem] = []
        collecting = gc.isenabled()
        gc.disable()  # the tree is acyclic: collection passes while building it only cost time (~20%)
        try:
            data = _FastReader(text, file, problems).load()
        except _Unsupported:
            data = None
        finally:
            if collecting:
                gc.enable()
        if data is not None:
            return data, problems
    yaml, loader, constructor = _yaml()
    try:
        root = yaml.compose(text, Loader=loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = " ".join(part for part in (error.context, error.problem) if part)
        return None, [Problem(file, line, column, "yaml-syntax", f"YAML syntax error: {what}")]
    except yaml.YAMLError as error:
        return None, [Problem(file, 1, 1, "yaml-syntax", f"YAML syntax error: {error}")]
    problems = []

    def scalar(node):
        tag = node.tag
        if tag in (_STR, _TIMESTAMP):  # dates stay text: the schema wants YYYY-MM-DD strings
            return node.value
        build = constructor.yaml_constructors.get(tag)
        if build is None:
            problems.append(Problem(file, *_mark(node), "yaml-tag", f"unsupported YAML tag {tag}"))
            return node.value
        return build(constructor, node)

    def convert(node):
        if isinstance(node, yaml.ScalarNode):
            return scalar(node)
        if isinstance(node, yaml.SequenceNode):
            items = MarkedList(_mark(node))
            for child in node.value:
                items.append(convert(child))
                items.marks.append(_mark(child))
            return items
        mapping = MarkedDict(_mark(node))
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                problems.append(
                    Problem(file, *_mark(key_node), "yaml-key", "a mapping key must be a plain value")
                )
                continue
            key = str(scalar(key_node))
            if key in mapping:
                first = mapping.key_marks[key][0]
                problems.append(
                    Problem(
                        file,
                        *_mark(key_node),
                        "duplicate-key",
                        f"duplicate key '{key}' (first on line {first})",
                    )
                )
                continue
            mapping[key] = convert(value_node)
            mapping.key_marks[key] = _mark(key_node)
            mapping.value_marks[key] = _mark(value_node)
        return mapping

    if root is None:
        return None, [
            Problem(file, 1, 1, "empty", "the registry is empty: create one with `policykit registry build`")
        ]
    return convert(root), problems


def plain(value):
    """Marked containers → plain dicts and lists, for writing back."""
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


# ---------------------------------------------------------------- schema

_SCHEMA_KEYWORDS = frozenset(
    {
        "$schema",
        "$id",
        "$defs",
        "$ref",
        "title",
        "description",
        "type",
        "required",
        "properties",
        "additionalProperties",
        "items",
        "enum",
        "const",
        "pattern",
        "minLength",
        "minimum",
        "maximum",
        "uniqueItems",
    }
)


def schema_text() -> str:
    """The registry's JSON Schema as shipped in the package."""
    return resources.files("policykit").joinpath("data/clauses.schema.json").read_text("utf-8")


@lru_cache(maxsize=1)
def schema() -> dict:
    """The registry's JSON Schema, checked to use only the keywords this module's validator implements."""
    loaded = json.loads(schema_text())

    def visit(node: dict, where: str) -> None:
        unknown = set(node) - _SCHEMA_KEYWORDS
        if unknown:
            raise RegistryError(f"schema keyword(s) {sorted(unknown)} at {where or '/'} are not supported")
        for key in ("properties", "$defs"):
            for name, sub in node.get(key, {}).items():
                visit(sub, f"{where}/{key}/{name}")
        for key in ("items", "additionalProperties"):
            if isinstance(node.get(key), dict):
                visit(node[key], f"{where}/{key}")

    visit(loaded, "")
    return loaded


_TYPES = {
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "array": lambda v: isinstance(v, list),
    "object": lambda v: isinstance(v, dict),
}


@lru_cache(maxsize=64)
def _python_types(names: tuple[str, ...]) -> tuple[type, ...]:
    """The Python types a set of JSON Schema type names admits (bool still needs its own check)."""
    table = {
        "string": (str,),
        "integer": (int,),
        "number": (int, float),
        "boolean": (bool,),
        "null": (type(None),),
    }
    table |= {"array": (list,), "object": (dict,)}
    return tuple(t for name in names for t in table[name])


def _describe(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"a boolean ({str(value).lower()})"
    if isinstance(value, int | float):
        return f"a number ({value})"
    if isinstance(value, str):
        shown = value if len(value) <= 30 else value[:29] + "…"
        return f"a string ('{shown}')"
    if isinstance(value, list):
        return "a list"
    return "a mapping"


def _type_name(name: str) -> str:
    return {"array": "a list", "object": "a mapping", "null": "null", "integer": "an integer"}.get(
        name, f"a {name}"
    )


def check_schema(data, file: str, root_schema: dict | None = None) -> list[Problem]:
    """Check loaded registry data against the JSON Schema; every problem carries the line of the value."""
    root_schema = root_schema or schema()
    problems: list[Problem] = []

    def resolve(node: dict) -> dict:
        while "$ref" in node:
            ref = node["$ref"]
            if not ref.startswith("#/"):
                raise RegistryError(f"schema $ref {ref} is not supported: only #/... references")
            target = root_schema
            for part in ref[2:].split("/"):
                target = target[part]
            node = target
        return node

    def add(mark: Mark, code: str, message: str) -> None:
        problems.append(Problem(file, mark[0], mark[1], code, message))

    def check(value, node: dict, where: str, mark: Mark) -> None:
        node = resolve(node)
        if "const" in node and value != node["const"]:
            add(mark, "schema-value", f"{where}: must be {json.dumps(node['const'])}, got {_describe(value)}")
            return
        if "enum" in node and value not in node["enum"]:
            allowed = ", ".join("null" if v is None else str(v) for v in node["enum"])
            add(mark, "schema-value", f"{where}: {_describe(value)} is not one of: {allowed}")
            return
        types = node.get("type")
        if types is not None:
            names = [types] if isinstance(types, str) else types
            python_types = _python_types(tuple(names))
            if not isinstance(value, python_types) or (
                isinstance(value, bool) and not any(_TYPES[name](value) for name in names)
            ):
                expected = " or ".join(_type_name(name) for name in names)
                hint = ""
                if "string" in names and isinstance(value, int | float | bool):
                    hint = "; quote it so YAML keeps it as text"
                add(mark, "schema-type", f"{where}: expected {expected}, got {_describe(value)}{hint}")
                return
        if isinstance(value, str):
            if len(value.strip()) < node.get("minLength", 0):
                add(mark, "schema-value", f"{where}: must not be empty")
            pattern = node.get("pattern")
            if pattern and value and not re.search(pattern, value):
                hint = node.get("description", "")
                add(
                    mark,
                    "schema-value",
                    f"{where}: '{value}' is not in the expected form {pattern}. {hint}".strip(),
                )
        elif isinstance(value, int | float) and not isinstance(value, bool):
            if "minimum" in node and value < node["minimum"]:
                add(mark, "schema-value", f"{where}: {value} is below the minimum {node['minimum']}")
            if "maximum" in node and value > node["maximum"]:
                add(mark, "schema-value", f"{where}: {value} is above the maximum {node['maximum']}")
        elif isinstance(value, dict):
            check_object(value, node, where, mark)
        elif isinstance(value, list):
            items = node.get("items")
            marks = getattr(value, "marks", None)
            seen: dict = {}
            for index, item in enumerate(value):
                item_mark = marks[index] if marks else mark
                if items is not None:
                    check(item, items, f"{where}[{index}]", item_mark)
                if node.get("uniqueItems") and isinstance(item, str | int | float):
                    if item in seen:
                        add(
                            item_mark, "schema-value", f"{where}[{index}]: '{item}' repeats item {seen[item]}"
                        )
                    seen.setdefault(item, index)

    def check_object(value: dict, node: dict, where: str, mark: Mark) -> None:
        properties = node.get("properties", {})
        key_marks = getattr(value, "key_marks", {})
        value_marks = getattr(value, "value_marks", {})
        prefix = f"{where}." if where else ""
        for name in node.get("required", ()):
            if name not in value:
                add(mark, "schema-required", f"{where or 'registry'}: missing required field '{name}'")
        extra = node.get("additionalProperties", True)
        for key, item in value.items():
            if key in properties:
                check(item, properties[key], f"{prefix}{key}", value_marks.get(key, mark))
            elif extra is False:
                close = difflib.get_close_matches(key, list(properties), n=1)
                hint = f"did you mean '{close[0]}'?" if close else f"expected one of: {', '.join(properties)}"
                add(key_marks.get(key, mark), "schema-unknown-field", f"{prefix}{key}: unknown field; {hint}")
            elif isinstance(extra, dict):
                check(item, extra, f"{prefix}{key}", value_marks.get(key, mark))

    check(data, root_schema, "", getattr(data, "mark", (1, 1)))
    return problems


# ---------------------------------------------------------------- paths and sources


def find_root(registry: Path) -> Path:
    """The repository root of a registry: the nearest directory above it holding data/ or .git."""
    start = registry.resolve().parent
    for directory in (start, *start.parents):
        if (directory / "data").is_dir() or (directory / ".git").exists():
            return directory
    return start


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def known_units() -> frozenset[str]:
    """Every unit extract can report: the unit table's aliases and bases, with and without a rate (/年)."""
    from policykit.zh.units import unit_table

    table = unit_table()
    names = {unit.alias for unit in table.units.values()} | {unit.base for unit in table.units.values()}
    rates = {f"{name}/{per}" for name in names for per in table.per}
    return frozenset(names | rates)


@dataclass(frozen=True)
class _Read:
    """A target as extract reads it, reduced to what validate compares."""

    value: float
    unit: str
    year: int | None
    comparator: str | None
    quantity: str


@dataclass
class _SourceCheck:
    """What validate needs from one source: each clause's own text (whitespace removed) and its targets."""

    path: Path
    sha256: str
    loaded: bool = False
    clauses: dict[str, str] = field(default_factory=dict)
    squashed: str = ""
    targets: dict[str, list[_Read]] = field(default_factory=dict)
    error: str | None = None


def cache_dir() -> Path:
    """Where parsed-source facts are kept between runs: $POLICYKIT_CACHE_DIR, else the user cache."""
    if os.environ.get("POLICYKIT_CACHE_DIR"):
        return Path(os.environ["POLICYKIT_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "policykit"


_NOT_READING_SOURCES = frozenset({"cli.py", "__main__.py", "search.py", "diff.py"})
"""Modules that play no part in parsing or extracting a source, so editing them keeps cached facts."""


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of the package's code and data: any change to the parser or extract invalidates cached facts."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        relative = path.relative_to(package).as_posix()
        if relative in _NOT_READING_SOURCES or relative.startswith("render/"):
            continue
        if path.suffix in (".py", ".yaml", ".txt", ".json") and "__pycache__" not in path.parts:
            digest.update(relative.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


PARALLEL_MIN_SOURCES = 4
"""Below this many sources to parse, worker processes cost more than they save."""


def _cache_file(check: _SourceCheck) -> Path:
    return cache_dir() / "sources" / f"{check.sha256}-{code_fingerprint()}.json"


def _cached_record(check: _SourceCheck) -> dict | None:
    try:
        return json.loads(_cache_file(check).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _store(check: _SourceCheck, record: dict) -> None:
    if "error" in record:
        return
    cached = _cache_file(check)
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        temporary = cached.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
        temporary.replace(cached)
    except OSError:
        pass  # a read-only cache only costs time


def _apply(check: _SourceCheck, record: dict) -> None:
    check.loaded = True
    if "error" in record:
        check.error = record["error"]
        return
    check.clauses = dict(record["clauses"])
    check.squashed = "".join(check.clauses.values())
    for clause_id, *fields in record["targets"]:
        check.targets.setdefault(clause_id, []).append(_Read(*fields))


def _facts(check: _SourceCheck, use_cache: bool) -> None:
    """Fill a source check from the cache when the source and the code are unchanged, else by parsing."""
    if check.loaded:
        return
    record = _cached_record(check) if use_cache else None
    if record is None:
        record = _read_source_facts(check.path)
        if use_cache:
            _store(check, record)
    _apply(check, record)


def _prefetch(checks: list[_SourceCheck], use_cache: bool) -> None:
    """Parse the sources the cache lacks in worker processes, one per core, when there are enough of them."""
    todo = []
    for check in checks:
        record = _cached_record(check) if use_cache else None
        if record is None:
            todo.append(check)
        else:
            _apply(check, record)
    workers = min(os.cpu_count() or 1, len(todo))
    if workers < 2 or len(todo) < PARALLEL_MIN_SOURCES:
        return
    from concurrent.futures import ProcessPoolExecutor

    try:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            records = list(pool.map(_read_source_facts, [check.path for check in todo], chunksize=2))
    except (OSError, RuntimeError):  # no processes here (sandbox, frozen app): parse in this one
        return
    for check, record in zip(todo, records, strict=True):
        if use_cache:
            _store(check, record)
        _apply(check, record)


def _read_source_facts(path: Path) -> dict:
    from policykit.errors import PolicykitError
    from policykit.pipeline import load_document
    from policykit.targets import extract_targets

    try:
        document = load_document(path)
    except PolicykitError as error:
        return {"error": str(error)}
    return {
        "clauses": [[clause.id, squash(clause.text)] for clause in document.walk()],
        "targets": [
            [t.clause, t.value, t.unit, t.year, t.comparator, t.quantity] for t in extract_targets(document)
        ],
    }


# ---------------------------------------------------------------- validate


def validate(path: str | Path, *, text: str | None = None, cache: bool = True) -> Report:
    """Check a registry file: YAML syntax, the schema, and that it is still true to its sources.

    Parsed sources are cached by their sha256 and the code's fingerprint (`cache=False` re-parses).
    """
    file = str(path)
    if text is None:
        registry = Path(path)
        if not registry.is_file():
            raise UsageError(
                f"no registry file at {file}: give its path, or create one with `policykit registry build data/raw`"
            )
        try:
            text = registry.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            return Report(file, (Problem(file, 1, 1, "encoding", "the registry is not UTF-8 text"),))
    data, problems = load_marked(text, file)
    if data is None:
        return Report(file, tuple(problems))
    problems += check_schema(data, file)
    semantic, counts = check_sources(data, file, find_root(Path(path)), cache=cache)
    problems += semantic
    problems.sort(key=lambda p: (p.line, p.column))
    return Report(file, tuple(problems), *counts)


def _entries(data, key: str) -> Iterator[tuple[int, MarkedDict]]:
    """The mapping entries of a top-level list, skipping what the schema check already reported."""
    items = data.get(key) if isinstance(data, dict) else None
    if not isinstance(items, list):
        return
    for index, item in enumerate(items):
        if isinstance(item, MarkedDict):
            yield index, item


def _text(entry: dict, key: str) -> str | None:
    value = entry.get(key)
    return value if isinstance(value, str) else None


def check_sources(
    data, file: str, root: Path, *, cache: bool = True
) -> tuple[list[Problem], tuple[int, int, int]]:
    """The checks a schema cannot express: unique ids, sources present and unchanged, texts and targets true."""
    problems: list[Problem] = []

    def add(entry: MarkedDict, key: str, code: str, message: str, uid: str | None = None) -> None:
        line, column = entry.mark_of(key)
        problems.append(Problem(file, line, column, code, message, uid=uid))

    sources: dict[str, _SourceCheck | None] = {}
    documents = 0
    for _, entry in _entries(data, "documents"):
        documents += 1
        doc_id, source = _text(entry, "id"), _text(entry, "source")
        if doc_id is None:
            continue
        if doc_id in sources:
            add(entry, "id", "duplicate-document", f"document id '{doc_id}' is used twice")
            continue
        sources[doc_id] = None
        period = _text(entry, "period")
        if period and re.fullmatch(r"\d{4}-\d{4}", period):
            start, end = map(int, period.split("-"))
            if start > end or not (YEAR_RANGE[0] <= start and end <= YEAR_RANGE[1]):
                add(entry, "period", "year-implausible", f"period {period} is not a plausible span of years")
        if source is None:
            continue
        resolved = root / source
        if not resolved.is_file():
            add(
                entry,
                "source",
                "source-missing",
                f"source file {source} not found (paths are relative to {root}); "
                "fix the path or remove the document and its clauses",
            )
            continue
        actual = file_sha256(resolved)
        sources[doc_id] = _SourceCheck(resolved, actual)
        recorded = _text(entry, "sha256")
        if recorded and re.fullmatch(r"[0-9a-f]{64}", recorded) and recorded != actual:
            add(
                entry,
                "sha256",
                "source-changed",
                f"source {source} changed since the registry was updated (sha256 {actual[:12]}…, "
                f"recorded {recorded[:12]}…); run `policykit registry update`",
            )

    referenced = {_text(entry, "document") for _, entry in _entries(data, "clauses")}
    _prefetch([check for doc_id, check in sources.items() if check and doc_id in referenced], cache)
    units = known_units()
    uids: dict[str, int] = {}
    places: dict[tuple[str, str], int] = {}
    clauses = targets = 0
    for _, entry in _entries(data, "clauses"):
        clauses += 1
        uid = _text(entry, "uid")
        if uid is not None:
            if uid in uids:
                add(entry, "uid", "duplicate-uid", f"uid '{uid}' is already used on line {uids[uid]}", uid)
            else:
                uids[uid] = entry.mark_of("uid")[0]
        doc_id, clause_id = _text(entry, "document"), _text(entry, "clause")
        if doc_id is not None and doc_id not in sources:
            known = ", ".join(sorted(sources)) or "none"
            add(
                entry,
                "document",
                "unknown-document",
                f"unknown document '{doc_id}' (documents: {known})",
                uid,
            )
            doc_id = None
        if doc_id is not None and clause_id is not None:
            place = (doc_id, clause_id)
            if place in places:
                add(
                    entry,
                    "clause",
                    "duplicate-clause",
                    f"clause {clause_id} of {doc_id} already has an entry on line {places[place]}",
                    uid,
                )
            else:
                places[place] = entry.mark_of("clause")[0]
        target_entries = (
            [t for t in entry.get("targets", ()) or () if isinstance(t, MarkedDict)]
            if isinstance(entry.get("targets"), list)
            else []
        )
        targets += len(target_entries)
        for target in target_entries:
            problems.extend(_check_target_fields(target, file, units, uid))
        check = sources.get(doc_id) if doc_id is not None else None
        if check is None:
            continue
        _facts(check, cache)
        if check.error:
            add(
                entry,
                "document",
                "source-unreadable",
                f"source of '{doc_id}' cannot be parsed: {check.error}",
                uid,
            )
            sources[doc_id] = None
            continue
        clause_id = _check_text(entry, check, add, uid)
        if clause_id is not None and target_entries:
            _check_targets(target_entries, clause_id, check, file, problems, uid)
    return problems, (documents, clauses, targets)


def _check_text(entry: MarkedDict, check: _SourceCheck, add, uid: str | None) -> str | None:
    """The entry's text must be its clause's own text; return that clause's id when it is."""
    text, clause_id = _text(entry, "text"), _text(entry, "clause")
    if text is None or clause_id is None:
        return None
    wanted = squash(text)
    own = check.clauses.get(clause_id)
    if own == wanted:
        return clause_id
    source = check.path.name
    if wanted not in check.squashed:
        add(
            entry,
            "text",
            "text-not-in-source",
            f"clause text not found in the source {source}: the source or the text changed; "
            "run `policykit registry update` or restore the text",
            uid,
        )
        return None
    elsewhere = next((other for other, squashed in check.clauses.items() if squashed == wanted), None)
    if own is None:
        where = f"; it is clause {elsewhere} now" if elsewhere else ""
        add(
            entry,
            "clause",
            "clause-missing",
            f"the current parse of {source} has no clause {clause_id}{where}; run `policykit registry update`",
            uid,
        )
    else:
        where = f"it is clause {elsewhere}'s text now" if elsewhere else "it is part of another clause now"
        add(
            entry,
            "text",
            "text-moved",
            f"text is not clause {clause_id}'s own text in the current parse ({where}); "
            "run `policykit registry update`",
            uid,
        )
    return None


def _check_target_fields(target: MarkedDict, file: str, units: frozenset[str], uid) -> Iterator[Problem]:
    year = target.get("year")
    if isinstance(year, int) and not isinstance(year, bool) and not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]:
        line, column = target.mark_of("year")
        yield Problem(
            file,
            line,
            column,
            "year-implausible",
            f"year {year} is not plausible for a policy target (expected {YEAR_RANGE[0]}–{YEAR_RANGE[1]})",
            uid=uid,
        )
    unit = target.get("unit")
    if isinstance(unit, str) and unit not in units:
        close = difflib.get_close_matches(unit, sorted(units), n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        line, column = target.mark_of("unit")
        yield Problem(
            file,
            line,
            column,
            "unit-unknown",
            f"unit '{unit}' is not one extract knows (they are listed in policykit/data/units.yaml){hint}",
            uid=uid,
        )


_COMPARATORS = frozenset({">=", ">", "<=", "<", "~", "=", None})


def _same_value(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(abs(a), abs(b), 1.0)


def _shown(target: _Read) -> str:
    value = int(target.value) if float(target.value).is_integer() else target.value
    return f"{value} {target.unit} ('{target.quantity}')"


def _check_targets(target_entries, clause_id: str, check: _SourceCheck, file, problems, uid) -> None:
    """Each registry target must be one extract reads from the clause: same value and unit, year, comparator."""
    found = check.targets.get(clause_id, [])
    for target in target_entries:
        value, unit = target.get("value"), target.get("unit")
        if not isinstance(value, int | float) or isinstance(value, bool) or not isinstance(unit, str):
            continue

        def add(key: str, code: str, message: str, target=target) -> None:
            line, column = target.mark_of(key)
            problems.append(Problem(file, line, column, code, message, uid=uid))

        shown = f"{int(value) if float(value).is_integer() else value} {unit}"
        matches = [t for t in found if t.unit == unit and _same_value(t.value, value)]
        if not matches:
            other_unit = [t for t in found if _same_value(t.value, value)]
            reads = "; ".join(_shown(t) for t in (other_unit or found)[:4]) or "no target"
            add(
                "unit" if other_unit else "value",
                "target-mismatch",
                f"target {shown} disagrees with the text: extract reads {reads} in clause {clause_id}",
            )
            continue
        year, comparator = target.get("year"), target.get("comparator")
        if not any(t.year == year for t in matches):
            add(
                "year" if "year" in target else "value",
                "target-mismatch",
                f"target year {year} disagrees with the text: extract reads "
                f"{', '.join(str(t.year) for t in matches)} for {_shown(matches[0])}",
            )
        elif comparator in _COMPARATORS and not any(
            t.comparator == comparator and t.year == year for t in matches
        ):
            add(
                "comparator" if "comparator" in target else "value",
                "target-mismatch",
                f"target comparator {comparator or 'null'} disagrees with the text: extract reads "
                f"{', '.join(t.comparator or 'null' for t in matches)} for {_shown(matches[0])}",
            )
        quantity = target.get("quantity")
        read_quantities = {squash(t.quantity) for t in matches}
        if isinstance(quantity, str) and squash(quantity) not in read_quantities:
            add(
                "quantity",
                "target-mismatch",
                f"quantity '{quantity}' is not what extract reads for this target "
                f"({', '.join(sorted(read_quantities))}) in clause {clause_id}",
            )


# ---------------------------------------------------------------- build and update


def read_registry(path: Path) -> dict:
    """Load an existing registry for updating; it must at least parse and follow the schema."""
    file = str(path)
    data, problems = load_marked(path.read_text(encoding="utf-8"), file)
    if data is not None:
        problems += check_schema(data, file)
    if problems:
        first = problems[0]
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise RegistryError(
            f"{first.file}:{first.line}:{first.column}: {first.message}{more}; "
            "fix it before updating (`policykit validate` lists every problem)"
        )
    return plain(data)


def expand_sources(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given; folders → their documents (any readable suffix), sorted."""
    found: list[Path] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found.extend(
                sorted(p for p in path.iterdir() if p.suffix.lower() in SOURCE_SUFFIXES and p.is_file())
            )
        elif path.is_file():
            found.append(path)
        else:
            raise UsageError(f"no such file or folder: {given}")
    return found


def _relative(path: Path, root: Path) -> str:
    return Path(os.path.relpath(path.resolve(), root)).as_posix()


def new_uid(doc_id: str, clause_id: str, text: str, taken: set[str]) -> str:
    """A short content-derived uid, unique among `taken`; it is stored, so later changes do not alter it."""
    digest = hashlib.sha256(f"{doc_id}\0{clause_id}\0{text}".encode()).hexdigest()
    uid = f"c-{digest[:10]}"
    suffix = 1
    while uid in taken:
        suffix += 1
        uid = f"c-{digest[:10]}-{suffix}"
    taken.add(uid)
    return uid


def _target_entry(target: Target) -> dict:
    record = target.to_dict()
    return {key: record[key] for key in ("indicator", "value", "unit", "comparator", "year", "quantity")}


def clause_entries(document: Document, doc_id: str) -> list[dict]:
    """Registry entries (without uid) for every clause of a parsed document that has text of its own."""
    from policykit.targets import extract_targets

    by_clause: dict[str, list[Target]] = {}
    for target in extract_targets(document):
        by_clause.setdefault(target.clause, []).append(target)
    entries = []
    for clause in document.walk():
        text = clause.text.strip()
        if not text:
            continue
        entry: dict = {"uid": None, "document": doc_id, "clause": clause.id}
        if clause.heading:
            entry["heading"] = clause.heading
        entry["text"] = text
        entry["tags"] = []
        targets = by_clause.get(clause.id)
        if targets:
            entry["targets"] = [_target_entry(t) for t in targets]
        entries.append(entry)
    return entries


def align(old: list[dict], new: list[dict], new_document: Document | None = None) -> dict[int, int]:
    """Map new clause index → old entry index: same text, then the document diff's alignment, then similar text.

    A registry keeps the old clause texts but not the old source, so the old edition is rebuilt by
    parsing its texts joined in order; `policykit diff`'s aligner then pairs renumbered, moved, edited,
    split and merged clauses. What it leaves (or all, without `new_document`) is paired by difflib
    similarity ≥ 0.6, the same clause id breaking ties.
    """
    pairs: dict[int, int] = {}
    used: set[int] = set()

    def link(index: int, candidate: int) -> None:
        if index not in pairs and candidate not in used:
            pairs[index] = candidate
            used.add(candidate)

    by_text: dict[str, list[int]] = {}
    for index, entry in enumerate(old):
        by_text.setdefault(squash(str(entry.get("text", ""))), []).append(index)
    for index, entry in enumerate(new):
        queue = by_text.get(squash(entry["text"]))
        if queue:
            link(index, queue.pop(0))
    if new_document is not None and len(pairs) < min(len(old), len(new)):
        for index, candidate in _diff_pairs(old, new, new_document):
            link(index, candidate)
    scored = []
    for index, entry in enumerate(new):
        if index in pairs:
            continue
        for candidate, old_entry in enumerate(old):
            if candidate in used:
                continue
            matcher = difflib.SequenceMatcher(None, str(old_entry.get("text", "")), entry["text"])
            if matcher.real_quick_ratio() >= 0.6 and matcher.quick_ratio() >= 0.6:
                ratio = matcher.ratio()
                if ratio >= 0.6:
                    same_id = old_entry.get("clause") == entry["clause"]
                    scored.append((-ratio - 0.05 * same_id, index, candidate))
    for _, index, candidate in sorted(scored):
        link(index, candidate)
    return pairs


def _diff_pairs(old: list[dict], new: list[dict], new_document: Document) -> list[tuple[int, int]]:
    """(new index, old index) pairs from the document diff between the rebuilt old edition and the new one."""
    from policykit.diff import align as align_documents
    from policykit.pipeline import parse_text

    rebuilt = parse_text("\n".join(str(entry.get("text", "")) for entry in old) + "\n", name="registry")
    old_of: dict[int, int] = {}  # id() of a rebuilt clause → old entry index, matched by text in order
    queues: dict[str, list[int]] = {}
    for index, entry in enumerate(old):
        queues.setdefault(squash(str(entry.get("text", ""))), []).append(index)
    for clause in rebuilt.walk():
        queue = queues.get(squash(clause.text))
        if queue:
            old_of[id(clause)] = queue.pop(0)
    new_of = {entry["clause"]: index for index, entry in enumerate(new)}
    changes, _ = align_documents(rebuilt, new_document)
    found = []
    for change in changes:
        if not change.old or not change.new:
            continue
        # a split clause lives on in its first part; merged clauses in the one they became
        candidate = old_of.get(id(change.old[0]))
        index = new_of.get(change.new[0].id)
        if candidate is not None and index is not None:
            found.append((index, candidate))
    return found


def _merge(new: dict, old: dict) -> dict:
    """A fresh entry that keeps the old uid, tags, notes and curated indicator names."""
    merged = dict(new)
    merged["uid"] = old["uid"]
    merged["tags"] = list(old.get("tags") or [])
    if old.get("notes"):
        merged["notes"] = old["notes"]
    curated = {
        (t.get("value"), t.get("unit")): t.get("indicator")
        for t in old.get("targets") or ()
        if isinstance(t, dict)
    }
    for target in merged.get("targets", ()):
        indicator = curated.get((target["value"], target["unit"]))
        if indicator:
            target["indicator"] = indicator
    ordered = {
        key: merged[key]
        for key in ("uid", "document", "clause", "heading", "text", "tags", "notes", "targets")
        if key in merged
    }
    return ordered


def update_registry(
    path: str | Path, sources: Iterable[str | Path] = (), *, create: bool = False
) -> UpdateSummary:
    """Create (create=True) or refresh a registry from its sources, keeping people's uids, tags and notes.

    Without `sources`, every document already in the registry is refreshed; with them, those files are
    added or refreshed. Clauses of a changed source get their old uid when they align with an old clause.
    """
    from policykit.pipeline import load_document

    registry = Path(path)
    exists = registry.is_file()
    if create and exists:
        raise UsageError(f"{registry} exists: use `policykit registry update` to refresh it")
    if not create and not exists:
        raise UsageError(f"no registry at {registry}: create one with `policykit registry build data/raw`")
    data = read_registry(registry) if exists else {"version": SCHEMA_VERSION, "documents": [], "clauses": []}
    root = find_root(registry)
    documents: list[dict] = data["documents"]
    clauses: list[dict] = data["clauses"]
    by_source = {d["source"]: d for d in documents}
    files = expand_sources(sources)
    if not files and not create:
        files = [root / d["source"] for d in documents]
    if not files:
        raise UsageError("no source documents given: name .txt/.pdf files or a folder such as data/raw")
    taken = {c["uid"] for c in clauses}
    kept = carried = added = 0
    removed: list[str] = []
    annotated: list[str] = []
    refreshed: list[str] = []
    for file in files:
        if not file.is_file():
            raise UsageError(
                f"source file {file} not found: fix the path in {registry} or remove the document"
            )
        source = _relative(file, root)
        document = load_document(file)
        entry = by_source.get(source)
        if entry is None:
            doc_id = document.name
            if any(d["id"] == doc_id for d in documents):
                raise UsageError(f"document id '{doc_id}' is taken by another source; rename {file.name}")
            entry = {
                "id": doc_id,
                "title": None,
                "source": source,
                "sha256": "",
                "issuer": None,
                "date": None,
                "period": None,
            }
            documents.append(entry)
            by_source[source] = entry
        doc_id = entry["id"]
        metadata = document.metadata
        for key in ("title", "issuer", "date", "period"):
            if entry.get(key) is None and getattr(metadata, key) is not None:
                entry[key] = getattr(metadata, key)
        entry["sha256"] = file_sha256(file)
        old = [c for c in clauses if c.get("document") == doc_id]
        fresh = clause_entries(document, doc_id)
        pairs = align(old, fresh, document)
        merged = []
        for index, new in enumerate(fresh):
            if index in pairs:
                previous = old[pairs[index]]
                if (
                    squash(previous.get("text", "")) == squash(new["text"])
                    and previous.get("clause") == new["clause"]
                ):
                    kept += 1
                else:
                    carried += 1
                merged.append(_merge(new, previous))
            else:
                new["uid"] = new_uid(doc_id, new["clause"], new["text"], taken)
                added += 1
                merged.append(_merge(new, {"uid": new["uid"]}))
        matched = set(pairs.values())
        gone = [entry for i, entry in enumerate(old) if i not in matched]
        removed.extend(entry["uid"] for entry in gone)
        annotated.extend(entry["uid"] for entry in gone if entry.get("tags") or entry.get("notes"))
        clauses = [c for c in clauses if c.get("document") != doc_id] + merged
        refreshed.append(doc_id)
    order = {d["id"]: i for i, d in enumerate(documents)}
    clauses.sort(key=lambda c: order.get(c.get("document"), len(order)))  # stable: document order within each
    data = {"version": SCHEMA_VERSION, "documents": documents, "clauses": clauses}
    write_registry(registry, data)
    return UpdateSummary(
        str(registry), create, tuple(refreshed), kept, carried, added, tuple(removed), tuple(annotated)
    )


HEADER = """\
# policykit clause registry: the clauses and numeric targets of the documents listed below.
# Add tags and notes freely; `policykit validate` checks this file against its sources,
# `policykit registry update` refreshes it after a source changes and keeps uids, tags and notes.
# Schema: `policykit schema` (VS Code's YAML extension validates and completes with it).
"""


def dump_registry(data: dict) -> str:
    """The registry as YAML: multi-line texts as literal blocks, Chinese readable, key order kept."""
    yaml, _, _ = _yaml()
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

    class Dumper(dumper):  # type: ignore[misc, valid-type]
        pass

    def represent_str(representer, value: str):
        style = "|" if "\n" in value else None
        return representer.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    Dumper.add_representer(str, represent_str)
    return yaml.dump(data, Dumper=Dumper, allow_unicode=True, sort_keys=False, width=1_000_000)


def write_registry(path: Path, data: dict) -> None:
    """Write the registry atomically, with a header and an editor schema hint when the schema is in the repository."""
    header = HEADER
    schema_file = Path(str(resources.files("policykit").joinpath("data/clauses.schema.json"))).resolve()
    if schema_file.is_relative_to(find_root(path)) and "site-packages" not in schema_file.parts:
        relative = Path(os.path.relpath(schema_file, path.resolve().parent)).as_posix()
        header += f"# yaml-language-server: $schema={relative}\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(header + dump_registry(data), encoding="utf-8")
    temporary.replace(path)


__all__ = [
    "DEFAULT_REGISTRY",
    "Problem",
    "Report",
    "UpdateSummary",
    "align",
    "check_schema",
    "check_sources",
    "load_marked",
    "schema",
    "schema_text",
    "update_registry",
    "validate",
]
