"""UOF (标文通, GB/T 20916) text documents: paragraphs and tables read as the .docx reader reads them;
UOF spreadsheets and slides, and damaged files, refused in one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from policykit.cli import app
from policykit.errors import InputError
from policykit.formats import detect_format
from policykit.ingest import read_source
from tests.test_formats_odt import soffice_convert

NS = (
    'xmlns:uof="http://schemas.uof.org/cn/2003/uof" xmlns:字="http://schemas.uof.org/cn/2003/uof-wordproc" '
    'uof:language="cn" uof:version="1.0"'
)


def uot(body: str, mimetype: str = "vnd.uof.text") -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><uof:UOF {NS} uof:mimetype="{mimetype}">'
        f"<uof:元数据><uof:标题>别的文件</uof:标题></uof:元数据>"
        f"<uof:文字处理><字:主体><字:分节/>{body}</字:主体></uof:文字处理></uof:UOF>"
    ).encode()


def para(*runs: str) -> str:
    return (
        "<字:段落><字:段落属性/>"
        + "".join(f"<字:句><字:句属性/>{run}</字:句>" for run in runs)
        + "</字:段落>"
    )


def text(value: str) -> str:
    return f"<字:文本串>{value}</字:文本串>"


def cell(value: str, rows: int = 1, columns: int = 1) -> str:
    spans = (f'<字:跨行 字:值="{rows}"/>' if rows > 1 else "") + (
        f'<字:跨列 字:值="{columns}"/>' if columns > 1 else ""
    )
    return f"<字:单元格><字:单元格属性>{spans}</字:单元格属性>{para(text(value))}</字:单元格>"


def lines_of(tmp_path: Path, data: bytes, name: str = "doc.uot") -> list[str]:
    path = tmp_path / name
    path.write_bytes(data)
    return [line.text for line in read_source(path).lines if line.text.strip()]


def test_uot_paragraphs_and_tables_are_read(tmp_path):
    body = (
        para(
            text("第一条"),
            '<字:空格 字:数="1"/>',
            text("为了规范管理"),
            "<字:脚注>" + para(text("脚注。")) + "</字:脚注>",
        )
        + para(text("第二条　到2025年"), "<字:换行符/>", text("森林覆盖率达到42%。"))
        + para(
            text("第三条　"), "<字:域开始/><字:域代码>" + para(text("PAGE")) + "</字:域代码>", text("施行。")
        )
        + "<字:文字表><字:文字表属性/>"
        + f"<字:行>{cell('主要指标', columns=3)}</字:行>"
        + f"<字:行>{cell('环境质量', rows=2)}{cell('PM2.5浓度')}{cell('30')}</字:行>"
        + f"<字:行>{cell('优良天数比率')}{cell('88%')}</字:行>"
        + "</字:文字表>"
    )
    data = uot(body)
    assert detect_format(data, ".uot") == "uof"
    assert lines_of(tmp_path, data) == [
        "第一条 为了规范管理",
        "第二条　到2025年",
        "森林覆盖率达到42%。",
        "第三条　施行。",
        "主要指标\t\t",
        "环境质量\tPM2.5浓度\t30",
        "环境质量\t优良天数比率\t88%",
    ]


def test_deleted_text_of_tracked_changes_is_left_out(tmp_path):
    body = para(
        text("到2025年达到"),
        '<字:修订开始 字:类型="delete"/>',
        text("40%"),
        "<字:修订结束/>",
        text("42%。"),
    )
    assert lines_of(tmp_path, uot(body)) == ["到2025年达到42%。"]


@pytest.mark.parametrize(
    ("mimetype", "named"), [("vnd.uof.spreadsheet", "spreadsheet"), ("vnd.uof.presentation", "presentation")]
)
def test_uof_sheets_and_slides_are_refused_by_name(tmp_path, mimetype, named):
    with pytest.raises(InputError, match=f"UOF {named}"):
        lines_of(tmp_path, uot("", mimetype), "doc.uos")


def test_a_truncated_uot_gives_one_error_line(runner, tmp_path):
    data = uot(para(text("第一条　为了规范管理，制定本办法。")) * 50)
    path = tmp_path / "cut.uot"
    path.write_bytes(data[: len(data) // 2])
    result = runner.invoke(app, ["parse", str(path)])
    assert result.exit_code == 1
    assert len(result.output.strip().splitlines()) == 1 and str(path) in result.output


def test_libreoffice_uot_reads_as_its_docx(tmp_path):
    import docx

    written = docx.Document()
    written.add_paragraph("第一条　为了规范管理，制定本办法。")
    written.add_paragraph("第二条　到2025年，森林覆盖率达到42%。")
    table = written.add_table(rows=2, cols=2)
    for r, row in enumerate([["指标", "目标值"], ["新增绿地", "500公顷"]]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    written.save(str(tmp_path / "plan.docx"))
    (converted,) = soffice_convert([tmp_path / "plan.docx"], "uot", tmp_path / "out")
    assert [line.text for line in read_source(converted).lines] == [
        line.text for line in read_source(tmp_path / "plan.docx").lines
    ]
