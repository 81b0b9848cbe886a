"""Render: results → text for the terminal or machine formats. The only layer that knows about rich."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.table import Table


def to_json(data: object) -> str:
    """Pretty JSON that keeps Chinese characters readable."""
    return json.dumps(data, ensure_ascii=False, indent=2)


def iter_json(data: object, level: int = 0) -> Iterator[str]:
    """`to_json(data)` in pieces, where an iterator stands for a list: a large record is never one string.

    A generator of records (clauses, targets) is encoded one record at a time as it is drawn, so a
    200 MB document's JSON never exists whole in memory; the joined pieces equal `to_json`'s output.
    Iterators may stand as dict values or items of other iterators, not inside plain lists.
    """
    if isinstance(data, Iterator):
        yield from _iter_array(data, level)
    elif isinstance(data, dict) and any(isinstance(value, Iterator | dict) for value in data.values()):
        if not data:
            yield "{}"
            return
        inner = "\n" + "  " * (level + 1)
        yield "{"
        for n, (key, value) in enumerate(data.items()):
            yield ("," if n else "") + inner + json.dumps(key, ensure_ascii=False) + ": "
            yield from iter_json(value, level + 1)
        yield "\n" + "  " * level + "}"
    else:
        # JSON strings never hold a raw newline, so nesting is a prefix after each one.
        yield to_json(data).replace("\n", "\n" + "  " * level) if level else to_json(data)


def _iter_array(items: Iterator, level: int) -> Iterator[str]:
    inner = "\n" + "  " * (level + 1)
    first = True
    for item in items:
        yield ("[" if first else ",") + inner
        first = False
        yield from iter_json(item, level + 1)
    yield "[]" if first else "\n" + "  " * level + "]"


def to_jsonl(rows: Iterable[dict]) -> str:
    """One JSON object per line, for streaming into other tools."""
    return "".join(iter_jsonl(rows))


def iter_jsonl(rows: Iterable[dict]) -> Iterator[str]:
    """`to_jsonl(rows)` one line at a time, drawing each row only when it is written."""
    return (json.dumps(row, ensure_ascii=False) + "\n" for row in rows)


def to_csv(rows: Sequence[dict], columns: Sequence[str] | None = None) -> str:
    """CSV with a header row; nested values are written as JSON."""
    columns = list(columns or (rows[0].keys() if rows else []))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(
            {
                k: json.dumps(v, ensure_ascii=False) if isinstance(v, dict | list) else v
                for k, v in row.items()
            }
        )
    return out.getvalue()


def to_yaml(data: object) -> str:
    """YAML that keeps Chinese characters readable and key order as given."""
    import yaml

    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


def render_rows(rows: Sequence[dict], fmt: str, *, columns: Sequence[str] | None = None) -> str:
    """Render a list of records in one of the machine formats (json, jsonl, csv, yaml)."""
    if fmt == "json":
        return to_json(list(rows)) + "\n"
    if fmt == "jsonl":
        return to_jsonl(rows)
    if fmt == "csv":
        return to_csv(rows, columns)
    if fmt == "yaml":
        return to_yaml(list(rows))
    raise ValueError(f"not a machine format: {fmt}")


def iter_rows(rows: Iterable[dict], fmt: str, *, columns: Sequence[str] | None = None) -> Iterator[str]:
    """`render_rows` in pieces: json and jsonl draw one record at a time; csv and yaml are rendered whole."""
    if fmt == "json":
        yield from iter_json(iter(rows))
        yield "\n"
    elif fmt == "jsonl":
        yield from iter_jsonl(rows)
    else:
        yield render_rows(list(rows), fmt, columns=columns)


def rich_table(
    rows: Sequence[dict], columns: Sequence[tuple[str, str]], *, title: str | None = None
) -> Table:
    """Build a rich Table from records; `columns` pairs each key with its header."""
    from rich.table import Table

    table = Table(title=title, show_lines=False, header_style="bold")
    for _, header in columns:
        table.add_column(header, overflow="fold")
    for row in rows:
        table.add_row(*("" if row.get(key) is None else str(row.get(key)) for key, _ in columns))
    return table
