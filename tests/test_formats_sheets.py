"""Spreadsheet attachments (.xlsx, .xls, WPS .et, .ods): each sheet reads as the same table a .docx holds,
numbers as the sheet shows them, and a damaged workbook gives one error line."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
import zipfile
from pathlib import Path

import pytest

from policykit.cli import app
from policykit.errors import InputError
from policykit.formats import detect_format
from policykit.formats.numfmt import shown
from policykit.ingest import read_source

openpyxl = pytest.importorskip("openpyxl", reason="the office extra (openpyxl) is not installed")
xlwt = pytest.importorskip("xlwt", reason="xlwt (dev extra) writes the .xls test files")
pytest.importorskip("xlrd", reason="the office extra (xlrd) is not installed")

TITLE = "附件：主要指标表"
HEADER = ["类别", "指标", "单位", "2022年", "2025年目标", "属性"]
# (category, indicator, unit, 2022 value, its format, 2025 value, its format, 属性): stored as a sheet stores them
ROWS = [
    ("环境质量", "森林覆盖率", "%", 40.2, "General", 42.0, "General", "约束性"),
    (None, "空气质量优良天数比率", "", 0.853, "0.0%", 0.9, "0%", "约束性"),
    ("经济发展", "地区生产总值", "亿元", 12345.6, "#,##0.0", 15000.0, "#,##0", "预期性"),
    (None, "研发经费投入", "亿元", 1.2e4, "General", 2025.0, "General", "预期性"),
]
SHOWN = [
    "类别\t指标\t单位\t2022年\t2025年目标\t属性",
    "环境质量\t森林覆盖率\t%\t40.2\t42\t约束性",
    "环境质量\t空气质量优良天数比率\t\t85.3%\t90%\t约束性",
    "经济发展\t地区生产总值\t亿元\t12,345.6\t15,000\t预期性",
    "经济发展\t研发经费投入\t亿元\t12000\t2025\t预期性",
]
"""What a reader sees: categories merged down two rows are repeated, formatted numbers as printed."""


def xlsx_workbook(path: Path) -> Path:
    """The indicator table as Excel writes it: a merged title row, merged categories, number formats,
    a second sheet with a note, a hidden sheet and an empty default-named one."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "主要指标表"
    sheet["B2"] = TITLE  # the table starts at B2: column A stays empty
    sheet.merge_cells("B2:G2")
    for c, text in enumerate(HEADER):
        sheet.cell(3, c + 2, text)
    for r, (category, indicator, unit, before, fmt_before, after, fmt_after, kind) in enumerate(ROWS):
        for c, value in enumerate((category, indicator, unit, before, after, kind)):
            cell = sheet.cell(r + 4, c + 2, value)
            cell.number_format = {3: fmt_before, 4: fmt_after}.get(c, "General")
    sheet.merge_cells("B4:B5")
    sheet.merge_cells("B6:B7")
    sheet["B9"] = "注：约束性指标须完成。"
    hidden = book.create_sheet("计算过程")
    hidden["A1"], hidden["B1"] = "中间值", 123
    hidden.sheet_state = "hidden"
    book.create_sheet("Sheet3")
    book.save(path)
    return path


def xls_workbook(path: Path) -> Path:
    """The same table written as Excel 97 (BIFF8), the layout WPS also uses for .et."""
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("主要指标表")
    sheet.write_merge(1, 1, 1, 6, TITLE)
    for c, text in enumerate(HEADER):
        sheet.write(2, c + 1, text)
    for r, (category, indicator, unit, before, fmt_before, after, fmt_after, kind) in enumerate(ROWS):
        if category:
            sheet.write_merge(r + 3, r + 4, 1, 1, category)
        for c, value, fmt in ((2, indicator, "General"), (3, unit, "General"), (4, before, fmt_before)):
            sheet.write(r + 3, c, value, xlwt.easyxf(num_format_str=fmt))
        sheet.write(r + 3, 5, after, xlwt.easyxf(num_format_str=fmt_after))
        sheet.write(r + 3, 6, kind)
    sheet.write(8, 1, "注：约束性指标须完成。")
    hidden = book.add_sheet("计算过程")
    hidden.write(0, 0, "中间值")
    hidden.visibility = 1
    book.save(str(path))
    return path


def _cell(text: str, *, rows: int = 1, columns: int = 1, value: float | None = None, fmt: str = "") -> str:
    spans = ""
    if rows > 1:
        spans += f' table:number-rows-spanned="{rows}"'
    if columns > 1:
        spans += f' table:number-columns-spanned="{columns}"'
    kind = (
        f' office:value-type="float" office:value="{value}"'
        if value is not None
        else ' office:value-type="string"'
    )
    return f"<table:table-cell{spans}{kind}><text:p>{text}</text:p></table:table-cell>"


def ods_workbook(path: Path) -> Path:
    """The same table as LibreOffice writes .ods: shown text in text:p, covered cells under merges."""
    covered = "<table:covered-table-cell/>"
    rows = [
        "<table:table-cell/>" + _cell(TITLE, columns=6) + covered * 5,
        "<table:table-cell/>" + "".join(_cell(text) for text in HEADER),
    ]
    for r, line in enumerate(SHOWN[1:]):
        cells = line.split("\t")
        first = _cell(cells[0], rows=2) if r % 2 == 0 else covered
        rows.append("<table:table-cell/>" + first + "".join(_cell(text) for text in cells[1:]))
    rows += ["<table:table-cell/>", "<table:table-cell/>" + _cell("注：约束性指标须完成。")]
    table = "".join(f"<table:table-row>{row}</table:table-row>" for row in rows)
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" office:version="1.3">'
        '<office:automatic-styles><style:style style:name="ta2" style:family="table">'
        '<style:table-properties table:display="false"/></style:style></office:automatic-styles>'
        '<office:body><office:spreadsheet><table:table table:name="主要指标表">'
        f"{table}</table:table>"
        '<table:table table:name="计算过程" table:style-name="ta2"><table:table-row>'
        f"{_cell('中间值')}</table:table-row></table:table>"
        "</office:spreadsheet></office:body></office:document-content>"
    )
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        package.writestr("content.xml", content)
    return path


EXPECTED = ["主要指标表", TITLE, "", *SHOWN, "", "注：约束性指标须完成。"]


def _lines(path: Path) -> list[str]:
    return [line.text for line in read_source(path).lines]


def test_xlsx_sheet_reads_as_its_table_with_numbers_as_shown(tmp_path):
    assert _lines(xlsx_workbook(tmp_path / "主要指标表.xlsx")) == EXPECTED


@pytest.mark.parametrize("suffix", [".xls", ".et"])
def test_xls_and_wps_et_read_as_the_same_table(tmp_path, suffix):
    path = xls_workbook(tmp_path / "attachment.xls")
    assert _lines(path.rename(path.with_suffix(suffix))) == EXPECTED


def test_ods_reads_as_the_same_table(tmp_path):
    assert _lines(ods_workbook(tmp_path / "attachment.ods")) == EXPECTED


def test_a_workbook_misnamed_docx_is_read_by_its_bytes(tmp_path):
    path = xlsx_workbook(tmp_path / "attachment.xlsx").rename(tmp_path / "attachment.docx")
    assert detect_format(path.read_bytes(), ".docx") == "xlsx"
    xls = xls_workbook(tmp_path / "attachment.xls")
    assert detect_format(xls.read_bytes(), ".doc") == "xls"
    assert _lines(path) == EXPECTED


def _targets(runner, path: Path) -> list[tuple]:
    result = runner.invoke(app, ["extract", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    return [(t["indicator"], t["value"], t["unit"], t["year"], t["kind"]) for t in json.loads(result.output)]


def test_extract_finds_the_targets_a_docx_with_the_same_table_gives(runner, tmp_path):
    import docx

    written = docx.Document()
    written.add_paragraph("主要指标表")
    written.add_paragraph(TITLE)
    table = written.add_table(rows=len(SHOWN), cols=len(HEADER))
    for r, line in enumerate(SHOWN):
        for c, text in enumerate(line.split("\t")):
            table.cell(r, c).text = text
    written.add_paragraph("注：约束性指标须完成。")
    written.save(str(tmp_path / "same.docx"))
    from_docx = _targets(runner, tmp_path / "same.docx")
    assert ("环境质量森林覆盖率", 42, "%", 2025, "target") in from_docx
    assert _targets(runner, xlsx_workbook(tmp_path / "a.xlsx")) == from_docx
    assert _targets(runner, xls_workbook(tmp_path / "a.xls")) == from_docx
    assert _targets(runner, ods_workbook(tmp_path / "a.ods")) == from_docx


@pytest.mark.parametrize(
    ("value", "code", "text"),
    [
        (0.35, "0%", "35%"),
        (0.353, "0.0%", "35.3%"),
        (1234567.0, "#,##0", "1,234,567"),
        (1234.5, "#,##0.00", "1,234.50"),
        (2025.0, "General", "2025"),
        (1.2e4, "General", "12000"),
        (0.125, "0.00", "0.13"),  # half away from zero, as Excel rounds
        (12.34, '0.0"万吨"', "12.3万吨"),
        (-5.0, "0.0;[Red]-0.0", "-5.0"),
        (0.0, '0;-0;"-"', "-"),
        (12345.0, "0.00E+00", "1.23E+04"),
        (1234567.0, '#,##0,"千元"', "1,235千元"),
        (8.0, "@", "8"),
        (dt.datetime(2025, 12, 31), 'yyyy"年"m"月"d"日"', "2025年12月31日"),
        (dt.datetime(2025, 1, 5), "mm-dd-yy", "2025/1/5"),  # built-in 14, as a Chinese system shows it
    ],
)
def test_number_formats_give_the_text_a_reader_sees(value, code, text):
    assert shown(value, code) == text


def test_xls_dates_are_printed_by_their_format(tmp_path):
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("进度")
    sheet.write(0, 0, "任务")
    sheet.write(0, 1, "完成时限")
    sheet.write(1, 0, "建成充电桩")
    sheet.write(1, 1, dt.datetime(2025, 6, 30), xlwt.easyxf(num_format_str='yyyy"年"m"月"d"日"'))
    book.save(str(tmp_path / "dates.xls"))
    assert "建成充电桩\t2025年6月30日" in _lines(tmp_path / "dates.xls")


@pytest.mark.parametrize("build", [xlsx_workbook, xls_workbook, ods_workbook])
@pytest.mark.parametrize("keep", [0.5, 0.9])
def test_truncated_workbooks_give_one_error_line(runner, tmp_path, build, keep):
    suffix = {"xlsx_workbook": ".xlsx", "xls_workbook": ".xls", "ods_workbook": ".ods"}[build.__name__]
    data = build(tmp_path / f"whole{suffix}").read_bytes()
    cut = tmp_path / f"cut{suffix}"
    cut.write_bytes(data[: int(len(data) * keep)])
    result = runner.invoke(app, ["parse", str(cut)])
    assert result.exit_code == 1
    assert len(result.output.strip().splitlines()) == 1
    assert str(cut) in result.output


def test_an_empty_workbook_says_there_is_no_text(tmp_path):
    book = openpyxl.Workbook()
    book.save(tmp_path / "empty.xlsx")
    with pytest.raises(InputError, match="no text found"):
        read_source(tmp_path / "empty.xlsx")


@pytest.mark.parametrize(("module", "suffix"), [("openpyxl", ".xlsx"), ("xlrd", ".xls")])
def test_without_the_office_extra_the_error_names_the_file_and_the_install(
    runner, tmp_path, monkeypatch, module, suffix
):
    build = xlsx_workbook if suffix == ".xlsx" else xls_workbook
    path = build(tmp_path / f"indicators{suffix}")
    monkeypatch.setitem(__import__("sys").modules, module, None)
    result = runner.invoke(app, ["parse", str(path)])
    assert result.exit_code == 1
    assert str(path) in result.output and "pip install 'policykit[office]'" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_folder_search_picks_up_workbooks(tmp_path):
    from policykit.files import expand_paths

    xlsx_workbook(tmp_path / "a.xlsx")
    xls_workbook(tmp_path / "b.et")
    ods_workbook(tmp_path / "c.ods")
    assert sorted(Path(p).name for p in expand_paths([str(tmp_path)]).files) == ["a.xlsx", "b.et", "c.ods"]


@pytest.mark.parametrize("suffix", ["xls", "ods"])
def test_libreoffice_calc_workbooks_read_as_the_xlsx(tmp_path, suffix):
    """The same workbook saved by LibreOffice Calc (its own BIFF8 and .ods writers, not ours)."""
    from tests.test_formats_odt import soffice_convert

    source = xlsx_workbook(tmp_path / "indicators.xlsx")
    (converted,) = soffice_convert([source], suffix, tmp_path / "out")
    assert _lines(converted) == EXPECTED


def test_hidden_rows_and_columns_are_not_read(tmp_path):
    """What a reader of the sheet never sees: a hidden helper column and a hidden row of workings."""
    book = openpyxl.Workbook()
    sheet = book.active
    for row in (
        ["指标", "2025年", "测算依据"],
        ["森林覆盖率", "42%", "=B2*1.1"],
        ["试算", "1", "x"],
        ["PM2.5浓度", "30", "y"],
    ):
        sheet.append(row)
    sheet.column_dimensions["C"].hidden = True
    sheet.row_dimensions[3].hidden = True
    book.save(tmp_path / "hidden.xlsx")
    xls = xlwt.Workbook(encoding="utf-8")
    other = xls.add_sheet("Sheet1")
    for r, row in enumerate(
        (
            ["指标", "2025年", "测算依据"],
            ["森林覆盖率", "42%", "z"],
            ["试算", "1", "x"],
            ["PM2.5浓度", "30", "y"],
        )
    ):
        for c, value in enumerate(row):
            other.write(r, c, value)
    other.col(2).hidden = True
    other.row(2).hidden = True
    xls.save(str(tmp_path / "hidden.xls"))
    expected = ["", "指标\t2025年", "森林覆盖率\t42%", "PM2.5浓度\t30", ""]
    assert _lines(tmp_path / "hidden.xlsx") == expected
    assert _lines(tmp_path / "hidden.xls") == expected


def test_hidden_ods_rows_and_columns_are_not_read(tmp_path):
    def row(cells: list[str], hidden: bool = False) -> str:
        visibility = ' table:visibility="collapse"' if hidden else ""
        return (
            f"<table:table-row{visibility}>" + "".join(_cell(text) for text in cells) + "</table:table-row>"
        )

    table = (
        '<table:table-column table:number-columns-repeated="2"/><table:table-column table:visibility="collapse"/>'
        + row(["指标", "2025年", "测算依据"])
        + row(["森林覆盖率", "42%", "z"])
        + row(["试算", "1", "x"], hidden=True)
        + row(["PM2.5浓度", "30", "y"])
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>'
        f'<table:table table:name="Sheet1">{table}</table:table></office:spreadsheet></office:body>'
        "</office:document-content>"
    )
    with zipfile.ZipFile(tmp_path / "hidden.ods", "w") as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        package.writestr("content.xml", content)
    assert _lines(tmp_path / "hidden.ods") == ["", "指标\t2025年", "森林覆盖率\t42%", "PM2.5浓度\t30", ""]


def test_a_date_under_a_chinese_built_in_format_id_is_shown_as_a_date(tmp_path):
    """WPS and a Chinese Excel refer to 'yyyy"年"m"月"d"日"' by its built-in id 31 alone; openpyxl knows no
    code for it and gives the serial number (45838)."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet["A1"], sheet["B1"] = "完成时限", dt.datetime(2025, 6, 30)
    sheet["B1"].number_format = "yyyy-mm-dd"
    book.save(tmp_path / "written.xlsx")
    source = zipfile.ZipFile(tmp_path / "written.xlsx")
    with zipfile.ZipFile(tmp_path / "zh.xlsx", "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "xl/styles.xml":
                data = re.sub(rb'<xf numFmtId="1[6-9]\d"', b'<xf numFmtId="31" applyNumberFormat="1"', data)
            target.writestr(name, data)
    assert _lines(tmp_path / "zh.xlsx") == ["", "完成时限\t2025年6月30日", ""]


@pytest.mark.parametrize("build", [xlsx_workbook, xls_workbook, ods_workbook])
def test_damaged_workbooks_give_a_source_or_one_input_error(tmp_path, build):
    """Bytes overwritten at random (a bad copy, a broken download): xlrd met such records with struct.error
    and OverflowError, which reached the user as a traceback."""
    import random

    suffix = {"xlsx_workbook": ".xlsx", "xls_workbook": ".xls", "ods_workbook": ".ods"}[build.__name__]
    data = build(tmp_path / f"whole{suffix}").read_bytes()
    rng = random.Random(7)
    for attempt in range(30):
        damaged = bytearray(data)
        for _ in range(1 + attempt % 12):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        path = tmp_path / f"damaged{suffix}"
        path.write_bytes(bytes(damaged))
        with contextlib.suppress(InputError):
            read_source(path)
