"""The batch output folder: typed Parquet tables written in committed parts, so a killed run can resume.

Layout: OUT/<table>/part-<run>-<n>.parquet for the tables documents, clauses, targets and errors, and
OUT/_commits/part-<run>-<n>.json listing the documents of that part. A part counts only once its commit
file exists (written last, by rename), so after a kill -9 a re-run deletes uncommitted part files and
redoes exactly their documents: nothing is lost and nothing is written twice.
"""

from __future__ import annotations

import json
import os
import uuid
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from policykit import __version__
from policykit.batch.records import DocumentRows, document_id
from policykit.errors import InputError, UsageError

if TYPE_CHECKING:
    import pyarrow as pa  # imported where a batch is written: `import policykit` stays light

TABLES = ("documents", "clauses", "targets", "errors")
COMMITS = "_commits"


@cache
def schemas():
    """The typed Arrow schema of each table; ids (document_id, clause id) join across them."""
    import pyarrow as pa

    string, int32, int64, float64 = pa.string(), pa.int32(), pa.int64(), pa.float64()
    return {
        "documents": pa.schema(
            [
                ("document_id", string),
                ("path", string),
                ("sha256", string),
                ("name", string),
                ("title", string),
                ("issuer", string),
                ("doc_number", string),
                ("date", string),
                ("period", string),
                ("year", int32),
                ("pages", int32),
                ("format", string),
                ("bytes", int64),
                ("clauses", int32),
                ("targets", int32),
                ("seconds", float64),
                ("policykit_version", string),
            ]
        ),
        "clauses": pa.schema(
            [
                ("document_id", string),
                ("id", string),
                ("parent", string),
                ("kind", string),
                ("number", string),
                ("heading", string),
                ("path", string),
                ("text", string),
                ("line", int32),
                ("page", int32),
                ("tokens", pa.list_(string)),
            ]
        ),
        "targets": pa.schema(
            [
                ("document_id", string),
                ("indicator", string),
                ("value", float64),
                ("upper", float64),
                ("unit", string),
                ("comparator", string),
                ("year", int32),
                ("kind", string),
                ("direction", string),
                ("quantity", string),
                ("text", string),
                ("clause", string),
                ("line", int32),
                ("page", int32),
                ("document", string),
            ]
        ),
        "errors": pa.schema(
            [
                ("document_id", string),
                ("path", string),
                ("sha256", string),
                ("error_class", string),
                ("message", string),
                ("policykit_version", string),
            ]
        ),
    }


@dataclass(frozen=True)
class Committed:
    """A document already in the output: which part holds it, with what content and version."""

    sha256: str
    version: str
    part: str


class Store:
    """Reads what an output folder already holds and appends committed parts to it."""

    def __init__(self, root: str | Path, *, part_rows: int = 50_000):
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            raise UsageError("policykit batch needs pyarrow: pip install 'policykit[batch]'") from None
        self.root = Path(root)
        self.part_rows = part_rows
        self.run = uuid.uuid4().hex[:8]
        self.sequence = 0
        self._tables: dict[str, list[pa.Table]] = {table: [] for table in TABLES}
        self._documents: list[dict] = []
        self._buffered_rows = 0
        try:
            for table in (*TABLES, COMMITS):
                (self.root / table).mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise InputError(f"cannot create the output folder: {error.strerror}", path=str(root)) from None

    # ------------------------------------------------------------ what is there

    def committed(self) -> dict[str, Committed]:
        """Map each committed document's id to its part; uncommitted part files are removed first."""
        parts = {p.stem for p in (self.root / COMMITS).glob("*.json")}
        for table in TABLES:
            for file in (self.root / table).glob("*.parquet*"):
                if file.name.split(".")[0] not in parts or file.suffix != ".parquet":
                    file.unlink()
        for stray in (self.root / COMMITS).glob("*.tmp"):
            stray.unlink()
        done: dict[str, Committed] = {}
        for part in sorted(parts):
            entries = json.loads((self.root / COMMITS / f"{part}.json").read_text(encoding="utf-8"))
            for entry in entries["documents"]:
                done[document_id(entry["path"])] = Committed(entry["sha256"], entries["version"], part)
        return done

    def remove_documents(self, part: str, removed_ids: set[str]) -> None:
        """Rewrite a committed part without some of its documents (they changed and will be redone).

        The rewritten part is written uncommitted, then the old commit file goes, then the new one
        comes: a kill at any point leaves no document committed twice, only some to redo.
        """
        import pyarrow as pa
        import pyarrow.parquet as pq

        marker = json.loads((self.root / COMMITS / f"{part}.json").read_text(encoding="utf-8"))
        kept = [entry for entry in marker["documents"] if document_id(entry["path"]) not in removed_ids]
        if not kept:
            self._drop(part)
            return
        replacement = self._next_part()
        for table in TABLES:
            rows = pq.read_table(self.root / table / f"{part}.parquet")
            mask = pa.array(
                [ident not in removed_ids for ident in rows.column("document_id").to_pylist()],
                type=pa.bool_(),
            )
            _write_atomically(rows.filter(mask), self.root / table / f"{replacement}.parquet")
        self._drop(part)
        self._commit(replacement, marker["version"], kept)

    def _drop(self, part: str) -> None:
        (self.root / COMMITS / f"{part}.json").unlink()
        for table in TABLES:
            (self.root / table / f"{part}.parquet").unlink(missing_ok=True)

    # ------------------------------------------------------------ appending

    def add(self, rows: DocumentRows) -> None:
        """Buffer one document's rows; a part is committed once enough rows are waiting.

        Rows are held as Arrow tables, not Python dicts: a clause's token list as dicts costs ~10 KB,
        so 50,000 buffered rows took ~550 MB in this process; in Arrow they take about their text size.
        """
        import pyarrow as pa

        columns = {
            "documents": [rows.document] if rows.document is not None else [],
            "clauses": rows.clauses,
            "targets": rows.targets,
            "errors": [rows.error] if rows.error is not None else [],
        }
        for table, schema in schemas().items():
            if columns[table]:
                self._tables[table].append(pa.Table.from_pylist(list(columns[table]), schema=schema))
        self._documents.append({"path": rows.path, "sha256": rows.sha256})
        self._buffered_rows += 1 + len(rows.clauses) + len(rows.targets)
        if self._buffered_rows >= self.part_rows:
            self.flush()

    def flush(self) -> None:
        """Write the buffered documents as one committed part."""
        if not self._documents:
            return
        import pyarrow as pa

        part = self._next_part()
        for table, schema in schemas().items():
            buffered = self._tables[table]
            rows = pa.concat_tables(buffered) if buffered else schema.empty_table()
            _write_atomically(rows, self.root / table / f"{part}.parquet")
            buffered.clear()
        self._commit(part, __version__, self._documents)
        self._documents = []
        self._buffered_rows = 0

    def _next_part(self) -> str:
        part = f"part-{self.run}-{self.sequence:05d}"
        self.sequence += 1
        return part

    def _commit(self, part: str, version: str, documents: list[dict]) -> None:
        marker = self.root / COMMITS / f"{part}.json"
        temporary = marker.with_name(marker.name + ".tmp")
        temporary.write_text(json.dumps({"version": version, "documents": documents}), encoding="utf-8")
        os.replace(temporary, marker)


def _write_atomically(table: pa.Table, final: Path) -> None:
    """Write a Parquet file under a temporary name and rename it into place."""
    import pyarrow.parquet as pq

    temporary = final.with_name(final.name + ".tmp")
    pq.write_table(table, temporary)
    os.replace(temporary, final)
