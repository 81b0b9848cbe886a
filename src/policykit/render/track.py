"""Render a track: a rich table, flat records for csv/jsonl, and a self-contained HTML page of inline SVG charts.

The charts are SVG we write ourselves: a few rects, lines and circles per indicator need no charting
library, and the page then loads nothing from the network and has no script to fail.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import TYPE_CHECKING

from policykit.model import Target
from policykit.render import render_rows, to_json
from policykit.render.targets import format_value
from policykit.track import Series, Track, TrackRow, measured, tolerance_for

if TYPE_CHECKING:
    from rich.table import Table

COLUMNS = (
    "indicator",
    "year",
    "target",
    "achieved",
    "verdict",
    "rule",
    "target_document",
    "target_clause",
    "target_line",
    "achieved_document",
    "achieved_clause",
    "achieved_line",
)
VERDICT_STYLE = {"met": "green", "missed": "red", "no outcome yet": "yellow", "not comparable": "dim"}
VERDICT_COLOUR = {
    "met": "#1a7f37",
    "missed": "#cf222e",
    "no outcome yet": "#9a6700",
    "not comparable": "#6e7781",
}


def _shown(target: Target | None) -> str | None:
    return format_value(target) if target is not None else None


def flat_rows(result: Track) -> list[dict]:
    """One record per indicator and year, values as a reader scans them, with where each side came from."""
    rows = []
    for series in result.series:
        for row in series.rows:
            record: dict = {
                "indicator": series.name,
                "year": row.year,
                "target": _shown(row.target),
                "achieved": _shown(row.achieved),
                "verdict": row.verdict,
                "rule": row.rule,
            }
            for side, figure in (("target", row.target), ("achieved", row.achieved)):
                record[f"{side}_document"] = figure.document if figure else None
                record[f"{side}_clause"] = figure.clause if figure else None
                record[f"{side}_line"] = figure.line if figure else None
            rows.append(record)
    return rows


def render_track(result: Track, fmt: str) -> str:
    """The track in a machine format: json (the nested shape), jsonl (one row per line, nested), csv (flat)."""
    if fmt == "json":
        return to_json(result.to_dict()) + "\n"
    if fmt == "jsonl":
        nested = [
            {"indicator": series.name, "unit": series.unit, **row.to_dict()}
            for series in result.series
            for row in series.rows
        ]
        return render_rows(nested, "jsonl")
    if fmt == "html":
        return html_page(result)
    return render_rows(flat_rows(result), fmt, columns=COLUMNS)


def track_table(result: Track) -> Table:
    """A rich table: one section per indicator, one line per year, the verdict coloured."""
    from rich.table import Table

    table = Table(header_style="bold", show_lines=False)
    for header in ("indicator", "year", "target", "achieved", "verdict", "rule", "source"):
        table.add_column(header, overflow="fold")
    for series in result.series:
        for index, row in enumerate(series.rows):
            style = VERDICT_STYLE[row.verdict]
            table.add_row(
                series.name if index == 0 else "",
                str(row.year),
                _shown(row.target) or "—",
                _shown(row.achieved) or "—",
                f"[{style}]{row.verdict}[/{style}]",
                row.rule,
                " / ".join(f"{f.document}:{f.line}" for f in (row.target, row.achieved) if f is not None),
                end_section=index == len(series.rows) - 1,
            )
    return table


def summary_line(result: Track) -> str:
    """What the table holds, and what was left out for want of a year."""
    counts: dict[str, int] = {}
    for series in result.series:
        for row in series.rows:
            counts[row.verdict] = counts.get(row.verdict, 0) + 1
    parts = ", ".join(f"{n} {verdict}" for verdict, n in counts.items())
    note = f"; {result.unplaced} figures without a year left out" if result.unplaced else ""
    count = len(result.series)
    what = f"{count} indicator{'s' if count != 1 else ''} across {len(result.editions)} documents"
    return f"{what}: {parts or 'nothing'}{note}"


# ---------------------------------------------------------------- HTML


def _axis_number(x: float) -> str:
    """Axis labels as a Chinese reader writes large numbers (1200万, 1.4万亿)."""
    for size, word in ((1e12, "万亿"), (1e8, "亿"), (1e4, "万")):
        if abs(x) >= size:
            return f"{x / size:.4g}{word}"
    return f"{x:.4g}"


def nice_ticks(low: float, high: float, count: int = 4) -> list[float]:
    """Round axis ticks (1, 2 or 5 times a power of ten) covering low..high.

    >>> nice_ticks(1.6, 8.8)
    [2.0, 4.0, 6.0, 8.0]
    >>> nice_ticks(0, 3.7)
    [0.0, 1.0, 2.0, 3.0]
    """
    import math

    raw = (high - low) / max(count, 1) or abs(high) or 1.0
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    first = math.ceil(low / step - 1e-9)
    return [float(round(k * step, 10)) for k in range(first, math.floor(high / step + 1e-9) + 1)]


WIDTH, HEIGHT = 560, 210
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 28, 30


def _chart_values(series: Series) -> list[float]:
    direction = series.indicator.direction
    values: list[float] = []
    for row in series.rows:
        if row.target is not None:
            value, upper = measured(row.target, direction)
            values.append(value)
            if upper is not None:
                values.append(upper)
            if row.target.comparator == "~":
                tol = tolerance_for(value, series.indicator.tolerance)
                values.extend((value - tol, value + tol))
        if row.achieved is not None:
            values.append(measured(row.achieved, direction)[0])
    return values


def _target_marks(row: TrackRow, series: Series, x: float, y: Callable[[float], float], half: float) -> str:
    """The target as a band (range, ≈ with its tolerance) or a bar, with an arrow for a floor or ceiling."""
    target = row.target
    assert target is not None
    value, upper = measured(target, series.indicator.direction)
    label = escape(f"{row.year} 目标 {format_value(target)}")
    marks = []
    if upper is not None or target.comparator == "~":
        tol = tolerance_for(value, series.indicator.tolerance)
        low, high = (value, upper) if upper is not None else (value - tol, value + tol)
        top, bottom = y(max(low, high)), y(min(low, high))
        marks.append(
            f'<rect class="band" x="{x - half:.1f}" y="{top:.1f}" width="{2 * half:.1f}" '
            f'height="{max(bottom - top, 1):.1f}"><title>{label}</title></rect>'
        )
    kind = series.indicator.kind
    floor = target.comparator in (">=", ">") or (target.comparator is None and kind != "ceiling")
    ceiling = target.comparator in ("<=", "<") or (target.comparator in (None, "~") and kind == "ceiling")
    if target.comparator == "~" and kind == "floor":
        floor = True
    at = y(value)
    marks.append(
        f'<line class="target" x1="{x - half:.1f}" x2="{x + half:.1f}" y1="{at:.1f}" y2="{at:.1f}">'
        f"<title>{label}</title></line>"
    )
    if upper is None and (floor or ceiling):
        tip = -9 if floor else 9
        marks.append(
            f'<path class="arrow" d="M{x - 5:.1f},{at:.1f} L{x + 5:.1f},{at:.1f} L{x:.1f},{at + tip:.1f} Z">'
            f"<title>{label}（{'下限' if floor else '上限'}）</title></path>"
        )
    return "".join(marks)


def chart_svg(series: Series) -> str:
    """One indicator as inline SVG: years across, targets as bands or bars, results as points coloured by verdict."""
    years = [row.year for row in series.rows]
    first, last = min(years), max(years)
    values = _chart_values(series) or [0.0]
    low, high = min(values), max(values)
    pad = (high - low) * 0.12 or abs(high) * 0.1 or 1.0
    low, high = low - pad, high + pad
    if min(values) >= 0 > low:
        low = 0.0
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / max(last - first + 1, 1)

    def x(year: int) -> float:
        return LEFT + step * (year - first + 0.5)

    def y(value: float) -> float:
        return TOP + plot_h * (1 - (value - low) / (high - low))

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" '
        f'height="{HEIGHT}" role="img" aria-label="{escape(series.name)}">',
        f'<text class="title" x="{LEFT}" y="16">{escape(series.name)}'
        f"{escape(f'（{series.unit}）') if series.unit else ''}</text>",
    ]
    for value in nice_ticks(low, high):
        at = y(value)
        parts.append(
            f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{at:.1f}" y2="{at:.1f}"/>'
            f'<text class="tick" x="{LEFT - 6}" y="{at + 4:.1f}" text-anchor="end">{_axis_number(value)}</text>'
        )
    for year in range(first, last + 1):
        parts.append(
            f'<text class="tick" x="{x(year):.1f}" y="{HEIGHT - 10}" text-anchor="middle">{year}</text>'
        )
    half = min(step * 0.32, 22)
    for row in series.rows:
        if row.target is not None:
            parts.append(_target_marks(row, series, x(row.year), y, half))
    for row in series.rows:
        if row.achieved is not None:
            got = measured(row.achieved, series.indicator.direction)[0]
            colour = VERDICT_COLOUR[row.verdict]
            label = escape(f"{row.year} 实际 {format_value(row.achieved)}：{row.verdict}（{row.rule}）")
            parts.append(
                f'<circle class="achieved" data-verdict="{row.verdict}" cx="{x(row.year):.1f}" '
                f'cy="{y(got):.1f}" r="5" fill="{colour}"><title>{label}</title></circle>'
            )
    parts.append("</svg>")
    return "".join(parts)


_CSS = """
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif;
       margin: 24px; color: #1f2328; max-width: 1200px; }
h1 { font-size: 20px; } h2 { font-size: 16px; margin-top: 28px; }
.charts { display: flex; flex-wrap: wrap; gap: 12px; }
figure.chart { margin: 0; border: 1px solid #d0d7de; border-radius: 6px; padding: 6px; }
svg .title { font-size: 14px; font-weight: 600; fill: #1f2328; }
svg .tick { font-size: 11px; fill: #57606a; }
svg .grid { stroke: #eaeef2; }
svg .band { fill: #0969da; fill-opacity: 0.18; }
svg .target { stroke: #0969da; stroke-width: 3; }
svg .arrow { fill: #0969da; }
svg .achieved { stroke: #fff; stroke-width: 1.5; }
.legend span { margin-right: 16px; font-size: 13px; }
.swatch { display: inline-block; width: 12px; height: 12px; border-radius: 6px; vertical-align: middle; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { border-bottom: 1px solid #d0d7de; padding: 4px 8px; text-align: left; vertical-align: top; }
td.verdict-met { color: #1a7f37; } td.verdict-missed { color: #cf222e; font-weight: 600; }
td.verdict-no-outcome-yet { color: #9a6700; } td.verdict-not-comparable { color: #6e7781; }
ol.sources li { margin-bottom: 6px; font-size: 13px; } ol.sources li:target { background: #fff8c5; }
.where { color: #57606a; }
"""


def _source_key(figure: Target) -> tuple:
    return (figure.document, figure.clause, figure.line, figure.text)


def html_page(result: Track) -> str:
    """A self-contained page: one chart per indicator, the table below with each cell linking to its source."""
    sources: dict[tuple, int] = {}
    figures: dict[int, Target] = {}

    def anchor(figure: Target | None) -> str:
        if figure is None:
            return "—"
        number = sources.setdefault(_source_key(figure), len(sources) + 1)
        figures[number] = figure
        return f'<a href="#src-{number}">{escape(format_value(figure))}</a>'

    rows = []
    for series in result.series:
        for row in series.rows:
            rows.append(
                f'<tr data-indicator="{escape(series.name)}" data-verdict="{row.verdict}">'
                f"<td>{escape(series.name)}</td><td>{row.year}</td>"
                f'<td class="target">{anchor(row.target)}</td><td class="achieved">{anchor(row.achieved)}</td>'
                f'<td class="verdict-{row.verdict.replace(" ", "-")}">{row.verdict}</td>'
                f"<td>{escape(row.rule)}</td></tr>"
            )
    charts = "".join(
        f'<figure class="chart" data-indicator="{escape(s.name)}">{chart_svg(s)}</figure>'
        for s in result.series
        if s.rows
    )
    listed = "".join(
        f'<li id="src-{number}"><span class="where">{escape(f.document)} · {escape(f.clause)}'
        f"{f' · 第{f.line}行' if f.line else ''}</span><br>{escape(f.text)}</li>"
        for number, f in sorted(figures.items())
    )
    legend = "".join(
        f'<span><i class="swatch" style="background:{colour}"></i> {verdict}</span>'
        for verdict, colour in VERDICT_COLOUR.items()
    )
    documents = "、".join(escape(e.name) for e in result.editions)
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>目标与实绩 · policykit track</title>
<style>{_CSS}</style>
</head>
<body>
<h1>目标与实绩</h1>
<p class="where">{documents}</p>
<p class="legend"><span>■ 目标（带：区间或“左右”的容差；▲ 下限；▼ 上限）</span>{legend}</p>
<section id="charts" class="charts">{charts}</section>
<h2>逐年对照</h2>
<table id="track">
<thead><tr><th>指标</th><th>年份</th><th>目标</th><th>实绩</th><th>判定</th><th>依据</th></tr></thead>
<tbody>{"".join(rows)}</tbody>
</table>
<h2>出处</h2>
<ol class="sources">{listed}</ol>
</body>
</html>
"""
