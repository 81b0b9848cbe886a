"""One error family for the library; the CLI turns each into one line on stderr and exit 1."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import logging


class PolicykitError(Exception):
    """Base class: the message says what went wrong and what to try next."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None):
        self.path = path
        self.line = line
        super().__init__(message)

    def __str__(self) -> str:
        message = super().__str__()
        if self.path is None:
            return message
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {message}"


class InputError(PolicykitError):
    """The input cannot be read: missing, a directory, empty, binary or undecodable."""


class PdfError(InputError):
    """A PDF cannot be turned into text: encrypted, corrupt or without a text layer."""


class OutputError(PolicykitError):
    """A result cannot be written where it was asked to go (a missing folder, no permission)."""


class RegistryError(PolicykitError):
    """The clause registry cannot be loaded at all (not the per-entry problems validate reports)."""


class UsageError(PolicykitError):
    """The call itself is wrong (bad option value, bad query); the CLI exits 2."""


def log_to_stderr(verbose: bool = False) -> None:
    """Print the library's warnings (a scanned PDF page, bytes read as U+FFFD) one line each on stderr as
    "Warning: …", and with `verbose` its notes too; both front doors (typer and the lean path) use it.

    A run that never warns need not import logging (~4 ms of a search's start): until something asks for
    a logger (`logger`), the wish is only remembered.
    """
    global _asked, _applied
    _asked, _applied = verbose, None
    if "logging" in sys.modules:
        _apply(verbose)


def logger(name: str) -> logging.Logger:
    """The library's logger `name`, shown on stderr if a front door asked for that (log_to_stderr)."""
    import logging

    if _asked is not None and _applied != _asked:
        _apply(_asked)
    return logging.getLogger(name)


_asked: bool | None = None
"""The verbosity log_to_stderr was last asked for (None: never)."""
_applied: bool | None = None
"""The verbosity the stderr handler is set up with (None: not since it was asked)."""


def _apply(verbose: bool) -> None:
    global _applied
    import logging

    class _Format(logging.Formatter):
        def format(self, record: logging.LogRecord) -> str:
            message = record.getMessage()
            return f"Warning: {message}" if record.levelno >= logging.WARNING else message

    policykit = logging.getLogger("policykit")
    for handler in [h for h in policykit.handlers if getattr(h, "policykit_cli", False)]:
        policykit.removeHandler(handler)
    handler = logging.StreamHandler(sys.stderr)
    handler.policykit_cli = True  # type: ignore[attr-defined]
    handler.setFormatter(_Format())
    policykit.addHandler(handler)
    policykit.setLevel(logging.INFO if verbose else logging.WARNING)
    policykit.propagate = False
    _applied = verbose
