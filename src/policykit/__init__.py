"""policykit: clause trees, numeric targets, search and diff for Chinese policy documents."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from policykit.pipeline import load_document, parse_text

__version__ = "0.1.0"

__all__ = ["__version__", "load_document", "parse_text"]


def __getattr__(name: str) -> object:
    # Lazy so that `import policykit` (and `policykit --help`) stays fast.
    if name in ("load_document", "parse_text"):
        from policykit import pipeline

        return getattr(pipeline, name)
    raise AttributeError(name)
