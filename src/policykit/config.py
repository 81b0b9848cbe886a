"""Defaults shared by every command: where documents and caches live, and which files are documents."""

from __future__ import annotations

import contextlib
import os
from typing import Any

DEFAULT_SOURCES = "data/raw"
"""The folder commands read when given no files (search, registry build/update)."""


def default_sources() -> list[str]:
    """What a command given no files reads: data/raw (the project's layout), or a usage error where the
    current folder has none, since 'data/raw: no such file or folder' does not say a path was wanted."""
    if not os.path.isdir(DEFAULT_SOURCES):
        from policykit.errors import UsageError

        raise UsageError(f"give files or folders (there is no {DEFAULT_SOURCES}/ here to read by default)")
    return [DEFAULT_SOURCES]


DEFAULT_REGISTRY = "data/clauses.yaml"
"""The registry file validate and registry update use when given none."""

MARKDOWN_SUFFIXES = (".md", ".markdown")
"""File name endings of Markdown, read as text without its marks (formats.markdown)."""

DOCUMENT_SUFFIXES = (
    *(".txt", ".pdf", ".docx", ".doc", ".wps", ".ofd", ".html", ".htm"),
    *(".odt", ".fodt", ".rtf", ".mht", ".mhtml"),
    *(".xlsx", ".xlsm", ".xls", ".et", ".ods", ".fods"),
    *MARKDOWN_SUFFIXES,
)
"""File name endings a folder walk takes as documents (lower case): every format ingest reads. Policy
collections are often Markdown (one law or notice a file), so .md is one; a repository's own notes are not."""

REPOSITORY_NOTES = frozenset(
    {"readme", "changelog", "changes", "history", "license", "licence", "contributing", "code_of_conduct"}
    | {"security", "authors", "contributors", "notice", "todo", "sources", "index", "summary"}
)
"""Markdown file names (before the first dot, any case) that a folder walk passes over: README.md,
LICENSE.md, SUMMARY.md (a book's table of contents), not documents of the collection they describe."""

MAX_FILE_BYTES = 200 * 1024 * 1024
"""Default largest document a folder search reads (--max-size); bigger files are refused with a message."""


def load_yaml(text: str) -> Any:
    """Read YAML with libyaml's safe loader where PyYAML has it (~30× faster than the pure-Python one, same values)."""
    import yaml

    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def read_data(name: str) -> bytes:
    """A package data file's bytes (src/policykit/data/NAME), from the file beside this module as every
    install lays it out; importlib.resources (~12 ms to import) only for a package that is not on disk."""
    try:
        with open(os.path.join(os.path.dirname(__file__), "data", name), "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        from importlib import resources

        return resources.files("policykit").joinpath(f"data/{name}").read_bytes()


def data_yaml(name: str) -> Any:
    """One of the package's data files (src/policykit/data/NAME), read once per caller's cache.

    The parsed value is kept in a run cache keyed by the file's content, so a run whose data files
    are unchanged imports no YAML parser (~20 ms of a short command). Each call returns a new object.
    """
    import marshal
    import zlib

    raw = read_data(name)
    key = (name, zlib.crc32(raw), len(raw))
    kept = _data_cache().get(key)
    if kept is not None:
        return marshal.loads(kept)
    value = load_yaml(raw.decode("utf-8"))
    with contextlib.suppress(ValueError):  # a value marshal cannot hold (a YAML date) is parsed each run
        _data_cache().put(key, marshal.dumps(value))
    return value


def _data_cache() -> Any:
    global _DATA
    if _DATA is None:
        from policykit.run_cache import RunCache

        _DATA = RunCache("data", max_entries=64)
    return _DATA


_DATA: Any = None


SEARCH_INDEX_FILE = "search-index.sqlite"
"""The search index's file name inside the cache directory."""


def index_path(cache: str | os.PathLike | None = None) -> str:
    """Where the search index lives: SEARCH_INDEX_FILE in `cache`, else in the default cache directory."""
    return os.path.join(os.fspath(cache) if cache else cache_dir(), SEARCH_INDEX_FILE)


def cache_dir() -> str:
    """Where caches live: $POLICYKIT_CACHE_DIR, else $XDG_CACHE_HOME/policykit, else ~/.cache/policykit."""
    if os.environ.get("POLICYKIT_CACHE_DIR"):
        return os.environ["POLICYKIT_CACHE_DIR"]
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "policykit")


CODE_SUFFIXES = (".py", ".yaml", ".txt", ".json")
"""The files whose change can change an answer: modules and data."""


def code_stamp() -> int:
    """A checksum of every module and data file's name, size and modification time (~150 stats, <1 ms):
    a new release or an edited module changes it, reading the files would cost a warm search 10 ms."""
    import zlib

    from policykit import __version__

    root = os.path.dirname(os.path.abspath(__file__))
    stamp = zlib.crc32(__version__.encode())
    pending = [root]
    while pending:
        folder = pending.pop()
        with os.scandir(folder) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                if entry.is_dir(follow_symlinks=False):
                    if entry.name != "__pycache__":
                        pending.append(entry.path)
                elif entry.name.endswith(CODE_SUFFIXES):
                    info = entry.stat()
                    line = f"{os.path.relpath(entry.path, root)}:{info.st_size}:{info.st_mtime_ns}"
                    stamp = zlib.crc32(line.encode("utf-8", "surrogateescape"), stamp)
    return stamp
