"""The registry's JSON Schema (package data) checked with `jsonschema`, each error placed at its YAML node.

jsonschema takes about 0.1 ms per clause entry, most of a warm `validate`; so the entries found valid are
remembered in the cache by a hash of their YAML text, and only new or edited entries are checked again.
"""

from __future__ import annotations

import contextlib
import difflib
import hashlib
import itertools
import json
import os
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from policykit.config import read_data
from policykit.registry.cache import cache_dir, code_fingerprint
from policykit.registry.marked import Mark, MarkedList
from policykit.registry.results import Problem

if TYPE_CHECKING:
    from jsonschema import ValidationError  # jsonschema itself is imported on first check (_validator)

_Path = tuple[str | int, ...]
"""Where a value sits in the registry data: keys and list indices from the top."""

SCHEMA_VERSION = 1
NOT_BLANK = r"\S"
"""The pattern the schema uses for "has some text": minLength alone admits a string of spaces."""


def schema_text() -> str:
    """The registry's JSON Schema as shipped in the package."""
    return read_data("clauses.schema.json").decode("utf-8")


@lru_cache(maxsize=1)
def schema() -> dict:
    """The registry's JSON Schema as a dict."""
    return json.loads(schema_text())


@lru_cache(maxsize=1)
def _validator():
    """A validator for the shipped schema, of the draft its $schema names (checked once)."""
    import jsonschema

    loaded = schema()
    cls = jsonschema.validators.validator_for(loaded)
    cls.check_schema(loaded)
    return cls(loaded)


@lru_cache(maxsize=1)
def _entry_validator():
    """A validator for one clause entry, resolving its $refs against the whole schema."""
    return _validator().evolve(schema=schema()["$defs"]["clause"])


def _describe(value: object) -> str:
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


def _where(path: Iterable) -> str:
    """A JSON path as people read it: clauses[3].targets[0].value."""
    where = ""
    for step in path:
        if isinstance(step, int):
            where += f"[{step}]"
        else:
            where += f".{step}" if where else str(step)
    return where


def _marks_at(data: object, path: list[str | int]) -> tuple[Mark, Mark]:
    """(mark of the value at `path`, mark of its key) in marked data; (1, 1) where data carries no marks."""
    mark = key_mark = getattr(data, "mark", (1, 1))
    node: Any = data  # a JSON tree, walked by key and index
    for step in path:
        if isinstance(node, list) and isinstance(step, int):
            marks = getattr(node, "marks", None)
            mark = key_mark = marks[step] if marks else mark
        elif isinstance(node, dict):
            key_mark = getattr(node, "key_marks", {}).get(step, mark)
            mark = getattr(node, "value_marks", {}).get(step, mark)
        node = node[step]
    return mark, key_mark


def _problems(error: ValidationError, data: object, file: str, prefix: _Path = ()) -> Iterable[Problem]:
    """The problems one jsonschema error stands for (at `prefix` + its path), worded as policykit words them."""
    path = [*prefix, *error.absolute_path]
    # Errors from iter_errors always carry these (the stubs allow an Unset sentinel for hand-made
    # ones); they are JSON values: the checked data and the shipped schema.
    value: Any = error.instance
    node: Any = error.schema
    rule_value: Any = error.validator_value
    where, rule = _where(path), error.validator
    mark, _ = _marks_at(data, path)

    def at(code: str, message: str, place: Mark = mark) -> Problem:
        return Problem(file, place[0], place[1], code, message)

    if rule == "const":
        yield at("schema-value", f"{where}: must be {json.dumps(node['const'])}, got {_describe(value)}")
    elif rule == "enum":
        allowed = ", ".join("null" if v is None else str(v) for v in node["enum"])
        yield at("schema-value", f"{where}: {_describe(value)} is not one of: {allowed}")
    elif rule == "type":
        names = [node["type"]] if isinstance(node["type"], str) else node["type"]
        expected = " or ".join(_type_name(name) for name in names)
        hint = ""
        if "string" in names and isinstance(value, int | float | bool):
            hint = "; quote it so YAML keeps it as text"
        yield at("schema-type", f"{where}: expected {expected}, got {_describe(value)}{hint}")
    elif rule == "minLength" or (rule == "pattern" and error.validator_value == NOT_BLANK):
        yield at("schema-value", f"{where}: must not be empty")
    elif rule == "pattern":
        hint = node.get("description", "")
        yield at(
            "schema-value",
            f"{where}: '{value}' is not in the expected form {node['pattern']}. {hint}".strip(),
        )
    elif rule == "minimum":
        yield at("schema-value", f"{where}: {value} is below the minimum {node['minimum']}")
    elif rule == "maximum":
        yield at("schema-value", f"{where}: {value} is above the maximum {node['maximum']}")
    elif rule == "required":
        for name in rule_value:
            if name not in value:
                yield at("schema-required", f"{where or 'registry'}: missing required field '{name}'")
    elif rule == "additionalProperties":
        properties = list(node.get("properties", {}))
        dotted = f"{where}." if where else ""
        for key in value:
            if key in properties:
                continue
            close = difflib.get_close_matches(key, properties, n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"expected one of: {', '.join(properties)}"
            _, key_mark = _marks_at(data, [*path, key])
            yield at("schema-unknown-field", f"{dotted}{key}: unknown field; {hint}", key_mark)
    elif rule == "uniqueItems":
        seen: dict = {}
        for index, item in enumerate(value):
            if not isinstance(item, str | int | float):
                continue
            if item in seen:
                item_mark, _ = _marks_at(data, [*path, index])
                yield at("schema-value", f"{where}[{index}]: '{item}' repeats item {seen[item]}", item_mark)
            seen.setdefault(item, index)
    else:
        yield at("schema-value", f"{where or 'registry'}: {error.message}")


def _entry_keys(text: str, clauses: MarkedList) -> list[str | None]:
    """A hash of each clause entry's YAML text, None where that text alone does not fix its value."""
    lines = text.split("\n")
    starts = [*clauses.marks, (len(lines) + 1, 1)]
    keys: list[str | None] = []
    for (line, column), (following, _) in itertools.pairwise(starts):
        span = "\n".join(lines[line - 1 : following - 1])
        if following <= line or "*" in span:  # flow style shares lines; an alias depends on its anchor
            keys.append(None)
            continue
        keys.append(hashlib.blake2b(f"{column}\n{span}".encode(), digest_size=12).hexdigest())
    return keys


def _known_valid_file(file: str) -> Path:
    """Where the valid entries of one registry are remembered, for this code, schema and jsonschema."""
    from importlib.metadata import version

    where = hashlib.sha256(os.path.abspath(file).encode()).hexdigest()[:16]
    fingerprint = hashlib.sha256(f"{code_fingerprint()} {version('jsonschema')}".encode()).hexdigest()[:16]
    return cache_dir() / "schema" / f"{where}-{fingerprint}.json"


def _read_known_valid(file: str) -> set[str]:
    try:
        return set(json.loads(_known_valid_file(file).read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return set()


def _write_known_valid(file: str, keys: set[str]) -> None:
    target = _known_valid_file(file)
    with contextlib.suppress(OSError):  # a read-only cache only costs time
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps(sorted(keys)), encoding="utf-8")
        temporary.replace(target)


def _collect(
    errors: Iterable[ValidationError],
    data: object,
    file: str,
    prefix: _Path,
    into: list[Problem],
    seen: set[Problem],
) -> None:
    for error in errors:
        for problem in _problems(error, data, file, prefix):
            if problem not in seen:  # an empty string breaks both minLength and the not-blank pattern
                seen.add(problem)
                into.append(problem)


def check_schema(data: object, file: str, *, text: str | None = None, cache: bool = False) -> list[Problem]:
    """Check loaded registry data against the JSON Schema; every problem carries the line of the value.

    With the YAML `text` and `cache=True`, clause entries whose text was found valid before are skipped.
    """
    problems: list[Problem] = []
    seen: set[Problem] = set()
    clauses = data.get("clauses") if isinstance(data, dict) else None
    if text is None or not isinstance(data, dict) or not isinstance(clauses, MarkedList):
        _collect(_validator().iter_errors(data), data, file, (), problems, seen)
        return problems
    _collect(_validator().iter_errors({**data, "clauses": []}), data, file, (), problems, seen)
    known = _read_known_valid(file) if cache else set()
    valid: set[str] = set()
    check_entry = _entry_validator().iter_errors
    for index, (entry, key) in enumerate(zip(clauses, _entry_keys(text, clauses), strict=True)):
        if key is not None and key in known:
            valid.add(key)
            continue
        errors = list(check_entry(entry))
        if errors:
            _collect(errors, data, file, ("clauses", index), problems, seen)
        elif key is not None:
            valid.add(key)
    if cache and valid != known:
        _write_known_valid(file, valid)
    return problems
