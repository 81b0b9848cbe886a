"""The whole pipeline in one place: ingest → normalise → structure, and extract over several files."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields, replace

from policykit.errors import PolicykitError
from policykit.ingest import read_source, source_from_text
from policykit.model import Document, Metadata, Paragraph, Segmented, Source, Target
from policykit.normalise import normalise
from policykit.structure import build_document


def document_from_source(source: Source) -> Document:
    """Normalise a source's lines and build its clause tree; the file's own metadata fills what the text left open."""
    return _build(normalise(source), source.path, source.name, source.encoding, source.metadata)


STATED_FIRST = frozenset({"issuer"})
"""What a page's labelled box states (发文机关) over what the text suggests: the signatures under a notice
may add the signer of a report it forwards (国务院办公厅、某某局), or join two issuers by a space."""


def _build(
    paragraphs: tuple[Paragraph, ...] | list[Paragraph],
    path: str,
    name: str,
    encoding: str,
    stated: Metadata | None,
) -> Document:
    document = build_document(paragraphs, path=path, name=name, encoding=encoding)
    if stated is None:
        return document
    known = document.metadata
    filled = {
        f.name: getattr(stated, f.name)
        for f in fields(Metadata)
        if (getattr(known, f.name) is None or f.name in STATED_FIRST) and getattr(stated, f.name) is not None
    }
    return replace(document, metadata=replace(known, **filled)) if filled else document


def load_document(
    path: str | os.PathLike[str],
    *,
    encoding: str | None = None,
    password: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Document:
    """Read a document (.txt in any common Chinese encoding, .pdf, or '-' for stdin) into a clause tree."""
    source = read_source(path, encoding=encoding, password=password, progress=progress)
    paragraphs = list(normalise(source))
    facts = source.path, source.name, source.encoding, source.metadata
    # Each stage copies the text: drop the lines once normalised, and hand build_document a list it may
    # empty, so the paragraphs go before the clause texts are cut (the peak of a large file).
    del source
    return _build(paragraphs, *facts)


def parse_text(text: str, *, name: str = "text") -> Document:
    """Parse already-decoded text, as from a string in a notebook or a test."""
    return document_from_source(source_from_text(text, path=name, name=name))


def segment_file(
    path: str | os.PathLike[str],
    *,
    pos: bool = False,
    encoding: str | None = None,
    password: str | None = None,
) -> list[Segmented]:
    """Each paragraph of a document cut into words with the policy lexicon (and tagged, with `pos`);
    whitespace between words is no word."""
    from policykit.zh.segment import cut, pos_cut

    source = read_source(path, encoding=encoding, password=password)
    segmented = []
    for paragraph in normalise(source):
        if pos:
            pairs = [(word, tag) for word, tag in pos_cut(paragraph.text) if word.strip()]
            words, tags = tuple(word for word, _ in pairs), tuple(tag for _, tag in pairs)
            segmented.append(Segmented(source.name, paragraph.line, paragraph.page, words, tags))
        else:
            words = tuple(word for word in cut(paragraph.text) if word.strip())
            segmented.append(Segmented(source.name, paragraph.line, paragraph.page, words))
    return segmented


@dataclass(frozen=True)
class ExtractRun:
    """The targets of several documents, and the documents that could not be read (each its own error)."""

    targets: tuple[Target, ...]
    failures: tuple[PolicykitError, ...] = ()


def extract_files(
    paths: Sequence[str | os.PathLike[str]],
    *,
    include_all: bool = False,
    year: int | None = None,
    encoding: str | None = None,
    password: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ExtractRun:
    """Load and extract several documents (folders: the documents below them), going on past a file
    that cannot be read.

    With one file its error is raised as it is; with several, every failure is collected so the
    targets of the readable files are not lost to one bad file.
    """
    from policykit.errors import InputError
    from policykit.files import documents_in
    from policykit.targets import extract_targets

    expanded = documents_in(paths)
    failures: list[PolicykitError] = [InputError(warning) for warning in expanded.warnings]
    paths = expanded.files
    if not paths:
        raise failures[0] if failures else InputError("no documents given")
    targets: list[Target] = []
    for done, path in enumerate(paths):
        try:
            document = load_document(path, encoding=encoding, password=password)
        except PolicykitError as error:
            if len(paths) == 1 and not failures:
                raise
            failures.append(error)
        else:
            targets.extend(extract_targets(document, include_all=include_all, year=year))
        if progress is not None:
            progress(done + 1, len(paths))
    return ExtractRun(tuple(targets), tuple(failures))
