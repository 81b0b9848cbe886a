"""Render: results → text for the terminal or machine formats. The only layer that knows about rich."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.table import Table


def to_json(data: object) -> str:
    """Pretty JSON that keeps Chinese characters readable."""
    return json.dumps(data, ensure_ascii=False, indent=2)


def to_jsonl(rows: Iterable[dict]) -> str:
    """One JSON object per line, for streaming into other tools."""
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)


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
