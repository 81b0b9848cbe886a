"""Turn one document into the rows of every batch table; the per-document function every engine runs."""

from __future__ import annotations

import hashlib
import os
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from policykit import __version__

if TYPE_CHECKING:
    from policykit.model import Document


@dataclass(frozen=True)
class DocumentRows:
    """Everything a batch run writes for one document: its row, its clauses and targets, or its error."""

    path: str
    sha256: str
    document: dict | None
    clauses: tuple[dict, ...] = ()
    targets: tuple[dict, ...] = ()
    error: dict | None = None
    bytes: int = 0
    seconds: float = 0.0
    version: str = field(default=__version__)
    peak_rss_kb: int = 0  # of the process that did the work, so a run can report memory per worker


_CLAUSE_KEYS = ("id", "parent", "kind", "number", "heading", "path", "text", "line", "page")
"""The clause table's columns from render.tree.clause_rows, in the order its Parquet schema has them."""


def document_id(path: str) -> str:
    """The id that joins a document's rows across tables: stable for a path across runs.

    >>> document_id("docs/plan.txt") == document_id("docs/plan.txt"), len(document_id("docs/plan.txt"))
    (True, 16)
    """
    return hashlib.sha256(os.path.abspath(path).encode("utf-8", "surrogateescape")).hexdigest()[:16]


def file_sha256(path: str) -> str:
    """The content hash that decides whether a document must be processed again."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _format_of(path: str, encoding: str) -> str:
    if encoding == "pdf":
        return "pdf"
    suffix = Path(path).suffix.lower().lstrip(".")
    return suffix or "txt"


def process_document(path: str, sha256: str | None = None, password: str | None = None) -> DocumentRows:
    """Parse, extract and tokenise one document; a failure becomes an error row, never an exception."""
    rows = _process(path, sha256, password)
    return replace(rows, peak_rss_kb=_peak_rss_kb())


def _peak_rss_kb() -> int:
    try:
        import resource
    except ImportError:  # not on Windows
        return 0
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _process(path: str, sha256: str | None, password: str | None = None) -> DocumentRows:
    started = time.perf_counter()
    ident = document_id(path)
    try:
        size = os.path.getsize(path)
        digest = sha256 or file_sha256(path)
    except OSError as error:
        return DocumentRows(
            path=path,
            sha256=sha256 or "",
            document=None,
            error=_error_row(ident, path, "", error),
            seconds=time.perf_counter() - started,
        )
    try:
        rows = _rows(path, ident, digest, size, started, password)
    except Exception as error:  # a bad file is recorded and the run goes on
        return DocumentRows(
            path=path,
            sha256=digest,
            document=None,
            error=_error_row(ident, path, digest, error),
            bytes=size,
            seconds=time.perf_counter() - started,
        )
    return rows


def _error_row(ident: str, path: str, digest: str, error: BaseException) -> dict:
    return {
        "document_id": ident,
        "path": path,
        "sha256": digest,
        "error_class": type(error).__name__,
        "message": str(error),
        "policykit_version": __version__,
    }


def _rows(
    path: str, ident: str, digest: str, size: int, started: float, password: str | None = None
) -> DocumentRows:
    from policykit.pipeline import load_document
    from policykit.render.tree import clause_rows
    from policykit.targets import extract_targets
    from policykit.zh.segment import cut_for_search

    document = load_document(path, password=password)
    targets = extract_targets(document, include_all=True)
    clauses = [
        {
            "document_id": ident,
            **{key: row[key] for key in _CLAUSE_KEYS},
            "tokens": cut_for_search(row["text"]) if row["text"].strip() else [],
        }
        for row in clause_rows(document)
    ]
    target_rows = [{"document_id": ident, **target.to_dict()} for target in targets]
    meta = document.metadata
    seconds = time.perf_counter() - started
    return DocumentRows(
        path=path,
        sha256=digest,
        document={
            "document_id": ident,
            "path": path,
            "sha256": digest,
            "name": document.name,
            "title": meta.title,
            "issuer": meta.issuer,
            "doc_number": meta.doc_number,
            "date": meta.date,
            "period": meta.period,
            "year": meta.year,
            "pages": _pages(document),
            "format": _format_of(path, document.encoding),
            "bytes": size,
            "clauses": len(clauses),
            "targets": len(target_rows),
            "seconds": seconds,
            "policykit_version": __version__,
        },
        clauses=tuple(clauses),
        targets=tuple(target_rows),
        bytes=size,
        seconds=seconds,
    )


def _pages(document: Document) -> int | None:
    pages = [page for _, _, page in document.line_map if page is not None]
    return max(pages) if pages else None
