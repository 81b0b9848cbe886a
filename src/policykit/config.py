"""Defaults shared by every command: where documents and caches live, and which files are documents."""

from __future__ import annotations

import os
from typing import Any

DEFAULT_SOURCES = "data/raw"
"""The folder commands read when given no files (search, registry build/update)."""

DEFAULT_REGISTRY = "data/clauses.yaml"
"""The registry file validate and registry update use when given none."""

DOCUMENT_SUFFIXES = (
    *(".txt", ".pdf", ".docx", ".doc", ".wps", ".ofd", ".html", ".htm"),
    *(".odt", ".fodt", ".rtf", ".mht", ".mhtml"),
)
"""File name endings a folder walk takes as documents (lower case): every format ingest reads."""

MAX_FILE_BYTES = 200 * 1024 * 1024
"""Default largest document a folder search reads (--max-size); bigger files are refused with a message."""


def load_yaml(text: str) -> Any:
    """Read YAML with libyaml's safe loader where PyYAML has it (~30× faster than the pure-Python one, same values)."""
    import yaml

    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def data_yaml(name: str) -> Any:
    """One of the package's data files (src/policykit/data/NAME), read once per caller's cache."""
    from importlib import resources

    return load_yaml(resources.files("policykit").joinpath(f"data/{name}").read_text("utf-8"))


def cache_dir() -> str:
    """Where caches live: $POLICYKIT_CACHE_DIR, else $XDG_CACHE_HOME/policykit, else ~/.cache/policykit."""
    if os.environ.get("POLICYKIT_CACHE_DIR"):
        return os.environ["POLICYKIT_CACHE_DIR"]
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "policykit")
