"""Where a registry's sources are: inside its repository, each under one canonical relative path.

A registry is shared and reviewed, so a source that resolves outside the repository (an absolute
path, `..`, or a symlink out) is refused rather than read: validate would print its hash and update
would copy its text into the registry.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from policykit.errors import InputError, RegistryError, UsageError
from policykit.files import expand_paths


def find_root(registry: Path) -> Path:
    """The repository root of a registry: the nearest directory above it holding data/ or .git."""
    start = registry.resolve().parent
    for directory in (start, *start.parents):
        if (directory / "data").is_dir() or (directory / ".git").exists():
            return directory
    return start


def _resolve(path: Path, shown: str) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError, ValueError) as error:  # a symlink loop, a NUL byte, a name too long
        raise RegistryError(f"source {shown} cannot be resolved: {error}") from None


def source_path(root: Path, source: str) -> Path:
    """The file a registry `source` names; it must be relative and resolve inside the repository root."""
    if Path(source).is_absolute():
        raise RegistryError(
            f"source {source} is an absolute path: write it relative to the repository root {root}"
        )
    resolved = _resolve(root / source, source)
    if not resolved.is_relative_to(root):
        raise RegistryError(
            f"source {source} resolves to {resolved}, outside the repository {root}: "
            "sources must be files inside the repository"
        )
    return resolved


def canonical_source(root: Path, file: Path) -> str:
    """The one relative path a file given on the command line is recorded under (symlinks, ./ and .. resolved)."""
    resolved = _resolve(file, str(file))
    if not resolved.is_relative_to(root):
        raise UsageError(
            f"{file} is outside the registry's repository {root}: copy it into the repository "
            "(for example into data/raw/) and add that copy"
        )
    return resolved.relative_to(root).as_posix()


def is_file(path: Path) -> bool:
    """Path.is_file() that answers False, not an exception, for names the system refuses."""
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file's bytes, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def expand_sources(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given; folders → their documents (any readable suffix), through the one file walker."""
    try:
        return [Path(file) for file in expand_paths(map(str, paths), max_size=None).files]
    except InputError as error:
        raise UsageError(f"no such file or folder: {error.path}") from None
