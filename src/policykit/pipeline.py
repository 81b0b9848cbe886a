"""The whole pipeline in one place: ingest → normalise → structure, and extract over several files."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from policykit.ingest import read_source, source_from_text
from policykit.model import Document, Source, Target
from policykit.normalise import normalise
from policykit.structure import build_document


def document_from_source(source: Source) -> Document:
    """Normalise a source's lines and build its clause tree."""
    return build_document(normalise(source), path=source.path, name=source.name, encoding=source.encoding)


def load_document(
    path: str | Path,
    *,
    encoding: str | None = None,
    password: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Document:
    """Read a document (.txt in any common Chinese encoding, .pdf, or '-' for stdin) into a clause tree."""
    return document_from_source(read_source(path, encoding=encoding, password=password, progress=progress))


def parse_text(text: str, *, name: str = "text") -> Document:
    """Parse already-decoded text, as from a string in a notebook or a test."""
    return document_from_source(source_from_text(text, path=name, name=name))


def extract_files(
    paths: Sequence[str | Path],
    *,
    include_all: bool = False,
    year: int | None = None,
    encoding: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[Target, ...]:
    """Load and extract several documents into one combined tuple of targets, reporting progress per file."""
    from policykit.targets import extract_targets

    targets: list[Target] = []
    for done, path in enumerate(paths):
        document = load_document(path, encoding=encoding)
        targets.extend(extract_targets(document, include_all=include_all, year=year))
        if progress is not None:
            progress(done + 1, len(paths))
    return tuple(targets)
