"""The YAML writer: the registry as people read and edit it, written atomically."""

from __future__ import annotations

import contextlib
import os
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from policykit.errors import RegistryError
from policykit.registry.marked import _yaml
from policykit.registry.paths import find_root

if TYPE_CHECKING:
    from yaml import ScalarNode
    from yaml.representer import SafeRepresenter

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

    def represent_str(representer: SafeRepresenter, value: str) -> ScalarNode:
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
    temporary = path.with_name(f".{path.name}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_text(header + dump_registry(data), encoding="utf-8")
        temporary.replace(path)
    except OSError as error:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
        raise RegistryError(
            f"cannot write {path}: {error.strerror or error}; check that its folder is writable"
        ) from None
