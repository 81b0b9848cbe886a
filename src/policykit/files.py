"""Expand the files, folders and globs a command is given into document files, safely.

Folders are walked in name order, following each symlinked folder once (a loop is skipped), hidden
folders skipped; FIFOs, devices and sockets are skipped with a warning (reading one would hang or
never end); names that are not UTF-8 are kept as the OS gave them (surrogateescape); files over
`max_size` are refused. A path that exists is taken literally even when it looks like a glob.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field

from policykit.config import DOCUMENT_SUFFIXES, MARKDOWN_SUFFIXES, MAX_FILE_BYTES, REPOSITORY_NOTES
from policykit.errors import InputError

_GLOB_CHARS = "*?["


def display_path(path: str) -> str:
    """A path as printable text: bytes that are not UTF-8 (kept by surrogateescape) shown as \\xNN."""
    if path.isascii():
        return path
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        return os.fsencode(path).decode("utf-8", "backslashreplace")


@dataclass(frozen=True)
class Expanded:
    """The document files in order, and a warning for each entry that was skipped."""

    files: tuple[str, ...]
    warnings: tuple[str, ...] = ()
    stats: dict[str, os.stat_result] = field(default_factory=dict, compare=False, repr=False)
    """Each file's stat as the walk took it, so the index's freshness check need not take it again."""


def expand_paths(
    paths: Iterable[str | os.PathLike],
    *,
    suffixes: tuple[str, ...] = DOCUMENT_SUFFIXES,
    max_size: int | None = MAX_FILE_BYTES,
) -> Expanded:
    """Expand files, folders (recursively, by suffix) and glob patterns into document files, in order."""
    walker = _Walker(suffixes, max_size)
    for path in paths:
        given = os.fsdecode(path)  # fspath, then bytes decoded as the file system does
        if os.path.lexists(given):
            walker.take(given, explicit=True)
        elif any(ch in given for ch in _GLOB_CHARS):
            import glob

            matches = sorted(glob.glob(given, recursive=True))
            if not matches:
                raise InputError("no file matches this pattern: check the glob", path=given)
            for match in matches:
                walker.take(match, explicit=False)
        else:
            raise InputError("no such file or folder: check the path", path=given)
    return Expanded(tuple(walker.files), tuple(walker.warnings), walker.stats)


def documents_in(
    paths: Iterable[str | os.PathLike], *, suffixes: tuple[str, ...] = DOCUMENT_SUFFIXES
) -> Expanded:
    """The documents a command that reads files is given: each folder as the documents below it (in name
    order, any size), every other path as it is, for its reader to judge ('-', a missing file)."""
    files: list[str] = []
    warnings: list[str] = []
    walked: set[str] = set()
    for path in paths:
        given = os.fsdecode(path)
        if given == "-" or not os.path.isdir(given):
            files.append(given)
            continue
        found = expand_paths([given], suffixes=suffixes, max_size=None)
        warnings.extend(found.warnings)
        if not found.files:
            warnings.append(f"{given}: no documents in this folder ({' '.join(suffixes)})")
        files.extend(file for file in found.files if file not in walked)
        walked.update(found.files)
    return Expanded(tuple(files), tuple(warnings))


class _Walker:
    """Collects document files once each, remembering the folders it has entered (by device and inode)."""

    def __init__(self, suffixes: tuple[str, ...], max_size: int | None) -> None:
        self.suffixes = suffixes
        self.max_size = max_size
        self.files: list[str] = []
        self.warnings: list[str] = []
        self.seen_files: set[str] = set()
        self.stats: dict[str, os.stat_result] = {}
        self.seen_dirs: set[tuple[int, int]] = set()

    def take(self, path: str, *, explicit: bool) -> None:
        try:
            info = os.stat(path)
        except OSError as error:
            if explicit:
                raise InputError(f"cannot read: {error.strerror}", path=path) from None
            self.warnings.append(f"{path}: skipped: {error.strerror}")
            return
        if stat.S_ISDIR(info.st_mode):
            self.walk(path, info)
        elif stat.S_ISREG(info.st_mode):
            self.add(path, info, explicit=explicit)
        elif explicit:
            raise InputError(f"not a regular file ({_kind(info.st_mode)}): give a document", path=path)
        else:
            self.warnings.append(f"{path}: skipped: a {_kind(info.st_mode)}, not a document")

    def add(self, path: str, info: os.stat_result, *, explicit: bool) -> None:
        if self.max_size is not None and info.st_size > self.max_size:
            message = (
                f"the file is {info.st_size / 2**20:.0f} MB, over the {self.max_size / 2**20:.0f} MB limit: "
                "raise --max-size to read it"
            )
            if explicit:
                raise InputError(message, path=path)
            self.warnings.append(f"{path}: skipped: {message}")
            return
        if path not in self.seen_files:
            self.seen_files.add(path)
            self.files.append(path)
            self.stats[path] = info

    def walk(self, folder: str, info: os.stat_result) -> None:
        key = (info.st_dev, info.st_ino)
        if key in self.seen_dirs:
            self.warnings.append(f"{folder}: skipped: a folder already searched (a symlink loop?)")
            return
        self.seen_dirs.add(key)
        try:
            with os.scandir(folder) as entries:
                ordered = sorted(entries, key=lambda e: e.name)
        except OSError as error:
            self.warnings.append(f"{folder}: skipped: {error.strerror}")
            return
        for entry in ordered:
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                if not entry.name.startswith("."):
                    try:
                        self.walk(entry.path, entry.stat())
                    except OSError as error:
                        self.warnings.append(f"{entry.path}: skipped: {error.strerror}")
                continue
            if not entry.name.lower().endswith(self.suffixes) or _repository_note(entry.name):
                continue
            try:
                info = entry.stat()
            except OSError as error:
                self.warnings.append(f"{entry.path}: skipped: {error.strerror}")
                continue
            if stat.S_ISREG(info.st_mode):
                self.add(entry.path, info, explicit=False)
            else:
                self.warnings.append(f"{entry.path}: skipped: a {_kind(info.st_mode)}, not a document")


def _repository_note(name: str) -> bool:
    """README.md, LICENSE.md …: a Markdown file a folder of documents keeps about itself."""
    lowered = name.lower()
    return lowered.endswith(MARKDOWN_SUFFIXES) and lowered.split(".", 1)[0] in REPOSITORY_NOTES


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "FIFO"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    return "special file"


_UNITS = {"": 1, "B": 1, "K": 2**10, "M": 2**20, "G": 2**30, "T": 2**40}


def parse_size(text: str) -> int:
    """Read a size such as 200M, 1.5G or 1048576 (bytes).

    >>> parse_size("200M"), parse_size("1k"), parse_size("512")
    (209715200, 1024, 512)
    """
    import re

    from policykit.errors import UsageError

    found = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([bkmgt]?)i?b?\s*", str(text), re.IGNORECASE)
    if not found:
        raise UsageError(f"bad size {text!r}: give bytes or a number with K, M or G, e.g. 200M")
    return int(float(found.group(1)) * _UNITS[found.group(2).upper()])
