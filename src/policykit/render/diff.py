"""Render a document diff: inline or side-by-side rich views, a --stat summary, and a 新旧对照 HTML page."""

from __future__ import annotations

import html
import io
import sys
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from policykit.config import read_data
from policykit.diff import CHANGE_TYPES, Change, DocumentDiff, NumberingChange, Segment, TargetChange
from policykit.errors import OutputError
from policykit.model import Clause, Target, plain_number
from policykit.zh.chars import squash

if TYPE_CHECKING:
    from rich.console import Console, Group
    from rich.table import Table
    from rich.text import Text

TYPE_STYLE = {
    "added": "green",
    "removed": "red",
    "modified": "yellow",
    "moved": "magenta",
    "renumbered": "cyan",
    "split": "blue",
    "merged": "blue",
}
TYPE_LABEL_ZH = {
    "added": "新增",
    "removed": "删除",
    "modified": "修改",
    "moved": "移动",
    "renumbered": "重新编号",
    "split": "拆分",
    "merged": "合并",
}
TARGET_STYLE = {"changed": "yellow", "added": "green", "removed": "red"}
TARGET_LABEL = {"added": "新增 added", "removed": "删除 removed"}
MISSING = "—"
"""What a target table shows on the side where an added or removed target does not exist."""
CONTEXT = 24
"""Characters of unchanged text kept on each side of an edit in the inline view."""


def numbering_what(note: NumberingChange) -> str:
    """A restyled numbering level in words: 一、 → 第一节 for 3 clauses."""
    return f"{note.old_style} → {note.new_style} for {note.count} clauses"


def where(clauses: Iterable[Clause]) -> str:
    """Clause ids with their source lines: `3.2 L12` or `1.1 L3, 1.2 L5`."""
    return ", ".join(f"{c.id} L{c.line}" + (f" p{c.page}" if c.page is not None else "") for c in clauses)


def format_value(target: Target) -> str:
    """A target's comparator, value, unit and year as one short string."""
    value = plain_number(target.value)
    comparator = f"{target.comparator} " if target.comparator else ""
    year = f" ({target.year})" if target.year else ""
    return f"{comparator}{value} {target.unit}{year}".strip()


def _value_or_missing(target: Target | None) -> str:
    return MISSING if target is None else format_value(target)


def target_what(change: TargetChange) -> str:
    """What changed about a target: the differing fields, or 新增 added / 删除 removed."""
    return TARGET_LABEL.get(change.type, ", ".join(change.fields))


def target_where(change: TargetChange) -> str:
    """Where a target came from on each side: `1 L7 → 1 L7`, with — on the side it is missing."""

    def side(target: Target | None) -> str:
        return MISSING if target is None else f"{target.clause} L{target.line}"

    return f"{side(change.old)} → {side(change.new)}"


def _label(clauses: tuple[Clause, ...]) -> str:
    clause = clauses[0]
    return clause.label.replace("\n", " ") if (clause.heading or clause.number) else ""


def _trim(text: str, head: bool, tail: bool) -> str:
    """Shorten an unchanged run to its ends next to edits."""
    text = text.replace("\n", " ")
    if len(text) <= 2 * CONTEXT + 1:
        return text
    if head and tail:
        return text[:CONTEXT] + " … " + text[-CONTEXT:]
    if head:
        return text[:CONTEXT] + " …"
    if tail:
        return "… " + text[-CONTEXT:]
    return text


# ---------------------------------------------------------------- rich views


def _inline_text(segments: tuple[Segment, ...], markers: bool = False) -> Text:
    """One rich Text with deletions struck through in red and insertions in green, context trimmed.

    With `markers` (for terminals without colour) edits are also bracketed wdiff-style: [-old-]{+new+}.
    """
    from rich.text import Text

    text = Text()
    last = len(segments) - 1
    for index, segment in enumerate(segments):
        if segment.op == "equal":
            text.append(_trim(segment.old, head=index > 0, tail=index < last), style="dim")
            continue
        if segment.old:
            old = segment.old.replace("\n", " ")
            text.append(f"[-{old}-]" if markers else old, style="red strike")
        if segment.new:
            new = segment.new.replace("\n", " ")
            text.append(f"{{+{new}+}}" if markers else new, style="bold green")
    return text


def _side_text(segments: tuple[Segment, ...], side: str, markers: bool = False) -> Text:
    """The old or new text of a word diff, with that side's edits highlighted."""
    from rich.text import Text

    text = Text()
    for segment in segments:
        part = getattr(segment, side).replace("\n", " ")
        if segment.op == "equal":
            text.append(part)
        elif part:
            if markers:
                part = f"[-{part}-]" if side == "old" else f"{{+{part}+}}"
            text.append(part, style="red strike" if side == "old" else "bold green")
    return text


def _plain(clauses: tuple[Clause, ...], style: str = "") -> Text:
    from rich.text import Text

    return Text("\n".join(c.text.strip().replace("\n", " ") for c in clauses), style=style)


def _header(change: Change) -> Text:
    from rich.text import Text

    style = TYPE_STYLE[change.type]
    header = Text()
    header.append(f"{change.type:<10}", style=f"bold {style}")
    if change.old:
        header.append(where(change.old), style="cyan")
    if change.old and change.new:
        header.append(" → ", style="dim")
    if change.new:
        header.append(where(change.new), style="cyan")
    label = _label(change.new or change.old)
    if label:
        header.append(f"  {label}", style="bold")
    return header


def _body(change: Change, markers: bool) -> Text | None:
    """What to print under a change's header in the inline view."""
    if change.type == "added":
        return _plain(change.new, "green")
    if change.type == "removed":
        return _plain(change.old, "red")
    if change.type in ("split", "merged"):
        from rich.text import Text

        body = Text()
        body.append_text(_plain(change.old, "red"))
        body.append("\n")
        body.append_text(_plain(change.new, "green"))
        return body
    if change.text_changed:
        return _inline_text(change.segments, markers)
    return None


def rich_diff(result: DocumentDiff, *, side_by_side: bool = False, markers: bool = False) -> Group:
    """Build the terminal view: a title, one entry per change, the target changes and a summary.

    `markers` brackets edits as [-old-]{+new+} for output without colour (a pipe, NO_COLOR, a file).
    """
    from rich.console import Group
    from rich.padding import Padding
    from rich.text import Text

    parts: list = [_title(result), *_numbering_lines(result)]
    if side_by_side:
        parts.append(_side_by_side_table(result, markers))
    else:
        for change in result.changes:
            parts.append(_header(change))
            body = _body(change, markers)
            if body is not None:
                parts.append(Padding(body, (0, 0, 0, 2)))
    if result.target_changes:
        parts.append(Text(""))
        parts.append(target_table(result.target_changes))
    parts.append(Text(""))
    parts.append(summary_text(result))
    return Group(*parts)


def _numbering_lines(result: DocumentDiff) -> list[Text]:
    """One line per numbering level typed in a new style (one note, not a renumbering per clause)."""
    from rich.text import Text

    lines = []
    for note in result.numbering:
        line = Text()
        line.append(f" {'numbering':<10}", style=TYPE_STYLE["renumbered"])
        line.append(f"restyled {numbering_what(note)}")
        lines.append(line)
    return lines


def _title(result: DocumentDiff) -> Text:
    from rich.text import Text

    title = Text()
    title.append("--- ", style="red")
    title.append(f"{result.old.path}", style="bold")
    if result.old.metadata.title:
        title.append(f"  {result.old.metadata.title}", style="dim")
    title.append("\n+++ ", style="green")
    title.append(f"{result.new.path}", style="bold")
    if result.new.metadata.title:
        title.append(f"  {result.new.metadata.title}", style="dim")
    return title


def _side_by_side_table(result: DocumentDiff, markers: bool) -> Table:
    from rich.table import Table

    table = Table(show_lines=True, header_style="bold", expand=True)
    table.add_column("change", no_wrap=True, ratio=1)
    table.add_column(f"旧 {result.old.name}", ratio=4, overflow="fold")
    table.add_column(f"新 {result.new.name}", ratio=4, overflow="fold")
    for change in result.changes:
        kind = f"[{TYPE_STYLE[change.type]}]{change.type}[/]"
        if change.text_changed:
            old = _side_text(change.segments, "old", markers)
            new = _side_text(change.segments, "new", markers)
        else:
            old = _plain(change.old, "red" if change.type in ("removed", "split", "merged") else "")
            new = _plain(change.new, "green" if change.type in ("added", "split", "merged") else "")
        old_where = where(change.old)
        new_where = where(change.new)
        from rich.console import Group
        from rich.text import Text

        table.add_row(
            kind,
            Group(Text(old_where, style="cyan"), old) if change.old else "",
            Group(Text(new_where, style="cyan"), new) if change.new else "",
        )
    return table


def target_table(changes: Iterable[TargetChange]) -> Table:
    """A rich table of target changes: indicator, old → new (— where added or removed), and where each came from."""
    from rich.table import Table
    from rich.text import Text

    table = Table(title="Target changes", header_style="bold", title_justify="left")
    table.add_column("indicator", overflow="fold")
    table.add_column("old", style="red")
    table.add_column("new", style="green")
    table.add_column("changed", style="dim")
    table.add_column("where", style="cyan")
    for change in changes:
        table.add_row(
            change.indicator,
            _value_or_missing(change.old),
            _value_or_missing(change.new),
            Text(target_what(change), style="" if change.type == "changed" else TARGET_STYLE[change.type]),
            target_where(change),
        )
    return table


def summary_text(result: DocumentDiff) -> Text:
    """One line: counts of each change type, unchanged pairs and target changes."""
    from rich.text import Text

    counts = result.counts()
    text = Text()
    if not result.has_differences:
        text.append(f"no changes ({counts['unchanged']} clauses unchanged)", style="bold")
        return text
    pieces = [(f"{counts[kind]} {kind}", TYPE_STYLE[kind]) for kind in CHANGE_TYPES if counts[kind]]
    if result.numbering:
        pieces.append((f"{len(result.numbering)} numbering restyled", TYPE_STYLE["renumbered"]))
    for index, (piece, style) in enumerate(pieces):
        if index:
            text.append(", ")
        text.append(piece, style=style)
    text.append(f"; {counts['unchanged']} unchanged", style="dim")
    if result.targets_compared:
        text.append(f"; {counts['target_changes']} target changes", style="bold")
        one_sided = [
            (f"{counts[key]} {label}", style)
            for key, label, style in (
                ("targets_added", "added", "green"),
                ("targets_removed", "removed", "red"),
            )
            if counts[key]
        ]
        if one_sided:
            text.append(" (")
            for index, (piece, style) in enumerate(one_sided):
                if index:
                    text.append(", ")
                text.append(piece, style=style)
            text.append(")")
    return text


def rich_stat(result: DocumentDiff) -> Group:
    """The --stat view: one line per change with characters added and removed, then the summary."""
    from rich.console import Group
    from rich.text import Text

    lines: list = [_title(result), *_numbering_lines(result)]
    for change in result.changes:
        removed, added = change_size(change)
        line = Text()
        line.append(f" {change.type:<10}", style=TYPE_STYLE[change.type])
        line.append(f"{where(change.old) or '-':<22}", style="cyan")
        line.append(" → ", style="dim")
        line.append(f"{where(change.new) or '-':<22}", style="cyan")
        line.append(f" +{added}", style="green")
        line.append(f" -{removed}", style="red")
        lines.append(line)
    for target in result.target_changes:
        line = Text()
        line.append(f" {'target':<10}", style=TARGET_STYLE[target.type])
        line.append(f"{target_where(target):<24}", style="cyan")
        line.append(f" {target.indicator} ", style="bold")
        line.append(_value_or_missing(target.old), style="red")
        line.append(" → ", style="dim")
        line.append(_value_or_missing(target.new), style="green")
        line.append(f"  {target_what(target)}", style=TARGET_STYLE[target.type])
        lines.append(line)
    lines.append(summary_text(result))
    return Group(*lines)


def change_size(change: Change) -> tuple[int, int]:
    """Characters removed and added by a change (whitespace not counted)."""

    def size(text: str) -> int:
        return len(squash(text))

    if change.segments:
        return (
            sum(size(s.old) for s in change.segments if s.op != "equal"),
            sum(size(s.new) for s in change.segments if s.op != "equal"),
        )
    if change.type in ("moved", "renumbered") and not change.text_changed:
        return 0, 0
    return sum(size(c.text) for c in change.old), sum(size(c.text) for c in change.new)


# ---------------------------------------------------------------- HTML


@cache
def page_css() -> str:
    """The 新旧对照 page's stylesheet, kept as a package data file so it can be read and edited as CSS."""
    return read_data("diff.css").decode("utf-8")


def _esc(text: str) -> str:
    return html.escape(text.strip("\n")).replace("\n", "<br>")


def _html_side(change: Change, side: str) -> str:
    clauses = change.old if side == "old" else change.new
    if not clauses:
        return '<td class="empty"></td>'
    ids = "".join(f'<span class="where">{_esc(where((c,)))}</span>' for c in clauses)
    if change.text_changed:
        tag = "del" if side == "old" else "ins"
        body = "".join(
            _esc(getattr(s, side)) if s.op == "equal" else f"<{tag}>{_esc(getattr(s, side))}</{tag}>"
            for s in change.segments
            if getattr(s, side)
        )
        css = ""
    else:
        body = "<br>".join(_esc(c.text.strip()) for c in clauses)
        css = {"removed": "gone", "added": "new"}.get(change.type, "")
        if change.type in ("split", "merged"):
            css = "gone" if side == "old" else "new"
    attr = f' class="{css}"' if css else ""
    return f'<td{attr} data-side="{side}">{ids}{body}</td>'


def _html_target_value(target: Target | None, css: str) -> str:
    if target is None:
        return f'<td class="missing">{MISSING}</td>'
    return f'<td class="{css}">{_esc(format_value(target))}<br><small>{_esc(target.quantity)}</small></td>'


def _html_target_what(change: TargetChange) -> str:
    if change.type == "changed":
        return _esc(", ".join(change.fields))
    return f'<span class="badge {change.type}">{TYPE_LABEL_ZH[change.type]}</span> {change.type}'


def html_page(result: DocumentDiff) -> str:
    """One self-contained 新旧对照 page: summary, target changes table, then old and new side by side."""
    old_title = result.old.metadata.title or result.old.name
    new_title = result.new.metadata.title or result.new.name
    counts = result.counts()
    summary = "".join(
        f'<li class="{kind}"><span class="badge {kind}">{TYPE_LABEL_ZH[kind]} {kind}</span> {counts[kind]}</li>'
        for kind in CHANGE_TYPES
        if counts[kind]
    )
    summary += "".join(
        f'<li class="numbering">编号样式 numbering restyled: {_esc(numbering_what(note))}</li>'
        for note in result.numbering
    )
    summary += f"<li>未变 unchanged {counts['unchanged']}</li>"
    if result.targets_compared:
        summary += f"<li>指标变化 target changes {counts['target_changes']}</li>"
        if counts["targets_added"]:
            summary += f"<li>新增指标 targets added {counts['targets_added']}</li>"
        if counts["targets_removed"]:
            summary += f"<li>删除指标 targets removed {counts['targets_removed']}</li>"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>新旧对照 {html.escape(old_title)} → {html.escape(new_title)}</title>",
        f"<style>\n{page_css()}</style></head><body>",
        f"<h1>新旧对照：{html.escape(new_title)}</h1>",
        f'<div class="files">旧 <b>{html.escape(result.old.path)}</b> → 新 <b>{html.escape(result.new.path)}</b></div>',
        f'<ul class="summary" id="summary">{summary}</ul>',
    ]
    if result.target_changes:
        parts.append('<h2>指标变化 Target changes</h2><table class="targets" id="target-changes">')
        parts.append(
            "<thead><tr><th>指标 indicator</th><th>旧 old</th><th>新 new</th><th>变化 changed</th>"
            "<th>出处 where</th></tr></thead><tbody>"
        )
        for target_change in result.target_changes:
            parts.append(
                f'<tr class="target {target_change.type}" data-type="{target_change.type}">'
                f"<td>{_esc(target_change.indicator)}</td>"
                f"{_html_target_value(target_change.old, 'old')}{_html_target_value(target_change.new, 'new-value')}"
                f"<td>{_html_target_what(target_change)}</td>"
                f'<td><span class="where">{_esc(target_where(target_change))}</span></td>'
                "</tr>"
            )
        parts.append("</tbody></table>")
    parts.append('<h2>条文对照 Clauses</h2><table class="compare" id="changes">')
    parts.append('<colgroup><col class="kind"><col><col></colgroup>')
    parts.append(
        f"<thead><tr><th>变化</th><th>旧版 {html.escape(old_title)}</th><th>新版 {html.escape(new_title)}</th></tr></thead><tbody>"
    )
    if not result.changes:
        parts.append('<tr><td colspan="3" class="none">两版条文相同 — no differences</td></tr>')
    for change in result.changes:
        parts.append(
            f'<tr class="change {change.type}" data-type="{change.type}">'
            f'<td class="kind"><span class="badge {change.type}">{TYPE_LABEL_ZH[change.type]}</span><br>{change.type}</td>'
            f"{_html_side(change, 'old')}{_html_side(change, 'new')}</tr>"
        )
    parts.append("</tbody></table></body></html>\n")
    return "\n".join(parts)


def write_diff(
    result: DocumentDiff,
    fmt: str,
    output: str | None,
    *,
    screen: Console,
    side_by_side: bool = False,
    stat: bool = False,
) -> None:
    """Render a diff as json, jsonl, csv, yaml, html or the terminal view, onto `screen` / stdout or into
    the file `output`.

    The terminal view brackets edits ([-old-]{+new+}) where colour cannot show them: in a file, or on a
    screen without colour.
    """
    if fmt in ("json", "yaml"):
        from policykit.render import to_json, to_yaml

        data = stat_dict(result) if stat else result.to_dict()
        text = to_json(data) + "\n" if fmt == "json" else to_yaml(data)
    elif fmt == "jsonl":
        from policykit.render import to_jsonl

        text = to_jsonl(diff_records(result, stat=stat))
    elif fmt == "csv":
        from policykit.render import to_csv

        text = to_csv(diff_rows(result), DIFF_COLUMNS)
    elif fmt == "html":
        text = html_page(result)
    else:
        markers = output is not None or screen.no_color or screen.color_system is None
        view = rich_stat(result) if stat else rich_diff(result, side_by_side=side_by_side, markers=markers)
        if output is None:
            screen.print(view)
            return
        from rich.console import Console

        capture = Console(width=160, color_system=None, highlight=False, record=True, file=io.StringIO())
        capture.print(view)
        text = capture.export_text()
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    try:
        Path(output).write_text(text, encoding="utf-8")
    except OSError as error:
        raise OutputError(f"cannot write {output}: {error.strerror}; choose a writable path") from error


DIFF_COLUMNS = (
    "record",
    "type",
    "old_id",
    "old_line",
    "new_id",
    "new_line",
    "indicator",
    "changed",
    "old_value",
    "new_value",
    "similarity",
    "old_text",
    "new_text",
)
"""The CSV columns: one row per clause change (record=clause), target change (record=target) or numbering
level typed in a new style (record=numbering: old and new number in the text columns, clauses in `changed`)."""


def diff_records(result: DocumentDiff, *, stat: bool = False) -> list[dict]:
    """One record per clause change, then per target change, each tagged `record`: what jsonl writes."""
    data = stat_dict(result) if stat else result.to_dict()
    return [
        *({"record": "clause", **change} for change in data["changes"]),
        *({"record": "target", **change} for change in data["target_changes"]),
        *({"record": "numbering", **note} for note in data["numbering"]),
    ]


def diff_rows(result: DocumentDiff) -> list[dict]:
    """One flat row per clause change and per target change, old and new side by side: what CSV writes."""

    def text(clauses: tuple[Clause, ...]) -> str:
        return "\n".join(clause.text.strip() for clause in clauses)

    rows: list[dict] = []
    for change in result.changes:
        rows.append(
            {
                "record": "clause",
                "type": change.type,
                "old_id": " ".join(c.id for c in change.old),
                "old_line": change.old[0].line if change.old else "",
                "new_id": " ".join(c.id for c in change.new),
                "new_line": change.new[0].line if change.new else "",
                "similarity": round(change.similarity, 3),
                "old_text": text(change.old),
                "new_text": text(change.new),
            }
        )
    for target in result.target_changes:
        old, new = target.old, target.new
        rows.append(
            {
                "record": "target",
                "type": target.type,
                "old_id": old.clause if old else "",
                "old_line": old.line if old else "",
                "new_id": new.clause if new else "",
                "new_line": new.line if new else "",
                "indicator": target.indicator,
                "changed": " ".join(target.fields),
                "old_value": format_value(old) if old else "",
                "new_value": format_value(new) if new else "",
                "old_text": old.text if old else "",
                "new_text": new.text if new else "",
            }
        )
    for note in result.numbering:
        rows.append(
            {
                "record": "numbering",
                "type": "restyled",
                "changed": str(note.count),
                "old_text": note.old_style,
                "new_text": note.new_style,
            }
        )
    return rows


def stat_dict(result: DocumentDiff) -> dict:
    """The --stat summary as data: counts, and each change's type, ids, lines and size."""

    def refs(clauses: tuple[Clause, ...]) -> list[dict]:
        return [{"id": c.id, "line": c.line} for c in clauses]

    rows = []
    for change in result.changes:
        removed, added = change_size(change)
        rows.append(
            {
                "type": change.type,
                "old": refs(change.old),
                "new": refs(change.new),
                "removed": removed,
                "added": added,
            }
        )
    return {
        "old": result.old.path,
        "new": result.new.path,
        "summary": result.counts(),
        "changes": rows,
        "target_changes": [
            {
                "type": c.type,
                "indicator": c.indicator,
                "old": format_value(c.old) if c.old is not None else None,
                "new": format_value(c.new) if c.new is not None else None,
            }
            for c in result.target_changes
        ],
        "numbering": [note.to_dict() for note in result.numbering],
    }


__all__ = [
    "DIFF_COLUMNS",
    "change_size",
    "diff_records",
    "diff_rows",
    "format_value",
    "html_page",
    "numbering_what",
    "rich_diff",
    "rich_stat",
    "stat_dict",
    "summary_text",
    "target_table",
    "target_what",
    "target_where",
    "write_diff",
]
