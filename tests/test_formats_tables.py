"""Merged table cells in every reader: one indicator table (a category and a 属性 spanning rows, a
heading spanning the year columns) written as each format writes a merge reads as the same grid, so no
value slides under the wrong year or indicator (formats.grid holds the rule)."""

from __future__ import annotations

from pathlib import Path

import pytest

from policykit.formats.grid import GridCell, lay_out
from policykit.ingest import read_source
from tests.cms_pages import INDICATOR, INDICATOR_GRID
from tests.test_formats_odt import build_odt

WIDTH = len(INDICATOR_GRID[0])


def _origins() -> list[tuple[int, int, str, int, int]]:
    """(row, column, text, rows, columns) of every cell of INDICATOR, placed as a browser places them."""
    taken: set[tuple[int, int]] = set()
    found = []
    for r, row in enumerate(INDICATOR):
        column = 0
        for text, rows, columns in row:
            while (r, column) in taken:
                column += 1
            found.append((r, column, text, rows, columns))
            taken |= {(r + i, column + j) for i in range(rows) for j in range(columns)}
            column += columns
    return found


def _table_lines(path: Path) -> list[list[str]]:
    return [line.text.split("\t") for line in read_source(path).lines if "\t" in line.text]


def test_html_rowspan_and_colspan_keep_every_value_in_its_column(tmp_path):
    def cell(text: str, rows: int, columns: int) -> str:
        return f'<td rowspan="{rows}" colspan="{columns}">{text}</td>'

    rows = "".join("<tr>" + "".join(cell(*c) for c in row) + "</tr>" for row in INDICATOR)
    page = tmp_path / "plan.html"
    page.write_text(
        f"<html><body><p>主要指标如下。</p><table border=1>{rows}</table><p>二、重点任务</p></body></html>",
        encoding="utf-8",
    )
    assert _table_lines(page) == INDICATOR_GRID


def test_docx_vmerge_and_gridspan_lay_out_as_html_does(tmp_path):
    import docx

    written = docx.Document()
    table = written.add_table(rows=len(INDICATOR), cols=WIDTH)
    for r, c, text, _, _ in _origins():
        table.cell(r, c).text = text
    for r, c, _, rows, columns in _origins():
        if rows > 1 or columns > 1:  # python-docx writes vMerge restart/continue and gridSpan, as Word does
            table.cell(r, c).merge(table.cell(r + rows - 1, c + columns - 1))
    path = tmp_path / "plan.docx"
    written.save(str(path))
    assert _table_lines(path) == INDICATOR_GRID


def test_docx_row_starting_right_of_the_grid_keeps_its_columns(tmp_path):
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    written = docx.Document()
    table = written.add_table(rows=2, cols=3)
    for c, text in enumerate(("指标", "2020年", "2025年")):
        table.cell(0, c).text = text
    row = table.rows[1]._tr
    row.remove(row.tc_lst[0])  # w:gridBefore: the row's first grid column has no cell at all
    row.insert(0, parse_xml(f'<w:trPr {nsdecls("w")}><w:gridBefore w:val="1"/></w:trPr>'))
    row.tc_lst[0].clear_content()
    row.tc_lst[0].append(parse_xml(f"<w:p {nsdecls('w')}><w:r><w:t>80</w:t></w:r></w:p>"))
    row.tc_lst[1].clear_content()
    row.tc_lst[1].append(parse_xml(f"<w:p {nsdecls('w')}><w:r><w:t>85</w:t></w:r></w:p>"))
    path = tmp_path / "before.docx"
    written.save(str(path))
    assert _table_lines(path) == [["指标", "2020年", "2025年"], ["", "80", "85"]]


def test_odt_spanned_and_covered_cells_lay_out_as_html_does(tmp_path):
    origins = {(r, c): (text, rows, columns) for r, c, text, rows, columns in _origins()}
    rows = []
    for r in range(len(INDICATOR)):
        cells = []
        for c in range(WIDTH):
            if (r, c) not in origins:  # LibreOffice writes the hidden part of a merged cell as covered
                cells.append("<table:covered-table-cell/>")
                continue
            text, down, across = origins[r, c]
            spans = f' table:number-rows-spanned="{down}" table:number-columns-spanned="{across}"'
            cells.append(f"<table:table-cell{spans}><text:p>{text}</text:p></table:table-cell>")
        rows.append(f"<table:table-row>{''.join(cells)}</table:table-row>")
    body = (
        f'<table:table table:name="T1"><table:table-column table:number-columns-repeated="{WIDTH}"/>'
        f"{''.join(rows)}</table:table>"
    )
    path = tmp_path / "plan.odt"
    path.write_bytes(build_odt(body))
    assert _table_lines(path) == INDICATOR_GRID


WORD97_MERGED = Path(__file__).parent / "fixtures" / "word97-merged-cells.doc"
"""The .docx of `test_docx_vmerge_and_gridspan_lay_out_as_html_does`, saved as Word 97 by LibreOffice 7
(soffice --convert-to doc): a wider cell for the merge across columns, fVertMerge cells below."""


def test_word97_wider_cells_and_vertical_merges_lay_out_as_html_does():
    """sprmTDefTable gives each row's cell edges and TC80 flags: the wide 目标值 cell spans two grid
    columns (属性 stayed under 2024年 before), the cells under 类别 and 属性 repeat them."""
    assert _table_lines(WORD97_MERGED) == INDICATOR_GRID


def _rtf(text: str) -> str:
    return "".join(f"\\u{ord(ch)}?" if ord(ch) > 127 else ch for ch in text)


@pytest.mark.parametrize("across", ["wider", "clmrg"])
def test_rtf_vertical_merges_and_wider_cells_lay_out_as_html_does(tmp_path, across):
    """Word's RTF marks a cell spanning rows \\clvmgf, the cells under it \\clvmrg (empty); a cell spanning
    columns is one wider cell (its \\cellx further right), or in older writers \\clmgf + \\clmrg cells."""
    origins = {(r, c): (text, rows, columns) for r, c, text, rows, columns in _origins()}
    covered = {
        (r + i, c + j): (i > 0, j > 0)
        for (r, c), (_, rows, columns) in origins.items()
        for i in range(rows)
        for j in range(columns)
        if i or j
    }
    body = []
    for r in range(len(INDICATOR)):
        defs, texts = [], []
        for c in range(WIDTH):
            below, right = covered.get((r, c), (False, False))
            text, rows, columns = origins.get((r, c), ("", 1, 1))
            if right and across == "wider":
                continue  # the cell to its left reaches over this column
            marks = "\\clvmrg" if below else "\\clvmgf" if rows > 1 else ""
            if across == "clmrg":
                marks += "\\clmrg" if right else "\\clmgf" if columns > 1 else ""
            reach = columns if across == "wider" and not right else 1
            defs.append(f"{marks}\\cellx{1500 * (c + reach)}")
            texts.append(f"\\pard\\intbl {_rtf(text)}\\cell ")
        body.append(f"\\trowd{''.join(defs)}{''.join(texts)}\\row ")
    path = tmp_path / "plan.rtf"
    path.write_text(
        "{\\rtf1\\ansi{\\fonttbl{\\f0 SimSun;}}\\pard "
        + _rtf("主要指标")
        + "\\par "
        + "".join(body)
        + "\\pard\\par}",
        encoding="ascii",
    )
    assert _table_lines(path) == INDICATOR_GRID


def test_a_span_below_a_short_row_keeps_its_column():
    # the row under the header lists one cell: the 属性 cell above still covers the last column
    grid = lay_out([[GridCell("指标"), GridCell("值"), GridCell("约束性", rows=2)], [GridCell("森林覆盖率")]])
    assert grid == [["指标", "值", "约束性"], ["森林覆盖率", "", "约束性"]]


def test_a_span_a_wider_cell_overlaps_goes_on_below_it_as_a_browser_places_it():
    # broken markup: a colspan reaches over a cell spanning down from above; the rows after keep their width
    grid = lay_out(
        [
            [GridCell("a"), GridCell("b", rows=3)],
            [GridCell("c", columns=2)],
            [GridCell("d"), GridCell("e")],
        ]
    )
    assert grid == [["a", "b"], ["c", ""], ["d", "b", "e"]]


def _html_table(tmp_path: Path, table: str) -> list[list[str]]:
    page = tmp_path / "plan.html"
    page.write_text(f"<html><body><p>主要指标如下。</p>{table}<p>二、重点任务</p></body></html>", "utf-8")
    return _table_lines(page)


def test_html_rowspan_zero_spans_to_the_end_of_its_section(tmp_path):
    """rowspan="0" covers every row left in its thead/tbody (HTML's table model), not one row."""
    table = (
        "<table border=1><thead><tr><th>属性</th><th>指标</th><th>目标</th></tr></thead><tbody>"
        '<tr><td rowspan="0">约束性</td><td>森林覆盖率</td><td>42</td></tr>'
        "<tr><td>单位GDP能耗下降</td><td>14</td></tr><tr><td>地表水达标比例</td><td>85</td></tr>"
        "</tbody><tbody><tr><td>预期性</td><td>城镇新增就业</td><td>12</td></tr></tbody></table>"
    )
    assert _html_table(tmp_path, table) == [
        ["属性", "指标", "目标"],
        ["约束性", "森林覆盖率", "42"],
        ["约束性", "单位GDP能耗下降", "14"],
        ["约束性", "地表水达标比例", "85"],
        ["预期性", "城镇新增就业", "12"],
    ]


@pytest.mark.parametrize(("rows", "columns"), [("2px", "1"), (" 2 ", ""), ("2", "0"), ("2", "x")])
def test_html_spans_read_as_a_browser_reads_them(tmp_path, rows, columns):
    # "2px" is 2 (leading digits), an empty, zero or junk colspan is 1: no value slides a column
    table = (
        f'<table border=1><tr><td rowspan="{rows}" colspan="{columns}">约束性</td><td>森林覆盖率</td>'
        "<td>42</td></tr><tr><td>单位GDP能耗下降</td><td>14</td></tr></table>"
    )
    assert _html_table(tmp_path, table) == [
        ["约束性", "森林覆盖率", "42"],
        ["约束性", "单位GDP能耗下降", "14"],
    ]


def test_html_rowspan_past_its_section_stops_at_the_section_end(tmp_path):
    # rowspan="99" in the head covers the head's rows only: the body's rows keep every column
    table = (
        '<table border=1><thead><tr><th rowspan="99">指标</th><th colspan="2">目标值</th></tr>'
        "<tr><th>2025年</th><th>2035年</th></tr></thead>"
        "<tbody><tr><td>森林覆盖率</td><td>42</td><td>45</td></tr></tbody></table>"
    )
    assert _html_table(tmp_path, table) == [
        ["指标", "目标值"],  # a row's empty tail is not written
        ["指标", "2025年", "2035年"],
        ["森林覆盖率", "42", "45"],
    ]


@pytest.mark.parametrize("shift", ["widthB", "trleft"])
def test_rtf_row_starting_right_of_the_table_keeps_its_columns(tmp_path, shift):
    """Word writes a row whose first grid columns hold no cell (gridBefore) with \\trwWidthB, or an older
    writer moves its \\trleft: its cells stay under their columns, the ones before it empty."""
    start = "\\trftsWidthB3\\trwWidthB1500" if shift == "widthB" else "\\trleft1392"
    head = "\\trowd\\trleft-108\\cellx1392\\cellx2892\\cellx4392"
    rows = (
        f"{head}\\pard\\intbl {_rtf('指标')}\\cell {_rtf('2020年')}\\cell {_rtf('2025年')}\\cell \\row "
        f"\\trowd\\trleft-108{start}\\cellx2892\\cellx4392\\pard\\intbl 80\\cell 85\\cell \\row "
    )
    path = tmp_path / "before.rtf"
    path.write_text("{\\rtf1\\ansi{\\fonttbl{\\f0 SimSun;}}" + rows + "\\pard\\par}", encoding="ascii")
    assert _table_lines(path) == [["指标", "2020年", "2025年"], ["", "80", "85"]]


WORD97_GRID_BEFORE = Path(__file__).parent / "fixtures" / "word97-grid-before.doc"
"""The .docx of `test_docx_row_starting_right_of_the_grid_keeps_its_columns` (Table Grid style), saved as
Word 97 by LibreOffice 7 (soffice --convert-to doc)."""


def test_word97_row_starting_right_of_the_grid_keeps_its_columns():
    assert _table_lines(WORD97_GRID_BEFORE) == [["指标", "2020年", "2025年"], ["", "80", "85"]]


def test_html_colspan_past_the_tables_width_is_a_full_width_row(tmp_path):
    # CMS editors span a category row with colspan="99": it holds its text alone, the rows after keep theirs
    table = (
        "<table border=1><tr><td>指标</td><td>2020年</td><td>2025年</td></tr>"
        '<tr><td colspan="99">（二）绿色低碳</td></tr><tr><td>森林覆盖率</td><td>40</td><td>42</td></tr></table>'
    )
    assert _html_table(tmp_path, table) == [["指标", "2020年", "2025年"], ["森林覆盖率", "40", "42"]]
    assert "（二）绿色低碳" in [line.text for line in read_source(tmp_path / "plan.html").lines]
