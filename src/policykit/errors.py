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


def log_to_stderr(verbose: bool = False) -> None:
    """Print the library's warnings (a scanned PDF page, bytes read as U+FFFD) one line each on stderr as
    "Warning: …", and with `verbose` its notes too; both front doors (typer and the lean path) use it."""
    import logging
    import sys

    class _Format(logging.Formatter):
        def format(self, record: logging.LogRecord) -> str:
            message = record.getMessage()
            return f"Warning: {message}" if record.levelno >= logging.WARNING else message

    logger = logging.getLogger("policykit")
    for handler in [h for h in logger.handlers if getattr(h, "policykit_cli", False)]:
        logger.removeHandler(handler)
    handler = logging.StreamHandler(sys.stderr)
    handler.policykit_cli = True  # type: ignore[attr-defined]
    handler.setFormatter(_Format())
    logger.addHandler(handler)
    logger.setLevel(logging.INFO if verbose else logging.WARNING)
    logger.propagate = False
