"""One error family for the library; the CLI turns each into one line on stderr and exit 1."""

from __future__ import annotations


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
