"""What the registry functions return: problems with their place in the file, reports, update summaries."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a registry, where it is (1-based line and column) and what to do about it."""

    file: str
    line: int
    column: int
    code: str
    message: str
    severity: str = "error"
    uid: str | None = None

    def to_dict(self) -> dict:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
            "uid": self.uid,
        }


@dataclass(frozen=True)
class Report:
    """The outcome of validating one registry file."""

    path: str
    problems: tuple[Problem, ...]
    documents: int = 0
    clauses: int = 0
    targets: int = 0

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "error")

    @property
    def valid(self) -> bool:
        return not self.errors

    def to_dict(self) -> dict:
        return {
            "file": self.path,
            "valid": self.valid,
            "documents": self.documents,
            "clauses": self.clauses,
            "targets": self.targets,
            "problems": [p.to_dict() for p in self.problems],
        }


@dataclass(frozen=True)
class UpdateSummary:
    """What `update_registry` changed: per document, how many clauses kept, carried over, added, removed."""

    path: str
    created: bool
    documents: tuple[str, ...]
    kept: int = 0
    carried: int = 0
    added: int = 0
    removed: tuple[str, ...] = ()
    annotated_removed: tuple[str, ...] = ()
    """Removed uids that carried tags or notes: curated work to move by hand (git keeps the old file)."""
    warnings: tuple[str, ...] = ()
    """Curated values kept although the source changed under them, e.g. a hand-set indicator name."""

    def to_dict(self) -> dict:
        return {
            "file": self.path,
            "created": self.created,
            "documents": list(self.documents),
            "kept": self.kept,
            "carried": self.carried,
            "added": self.added,
            "removed": list(self.removed),
            "annotated_removed": list(self.annotated_removed),
            "warnings": list(self.warnings),
        }
