"""Web page chrome (toolbars, page details) in saved pages and browser-printed PDFs: dropped, never body text."""

from __future__ import annotations

import logging

import pytest

from policykit.formats.chrome import chrome_line, labelled_details
from policykit.ingest import read_source
from policykit.pdf import read_pdf
from policykit.pipeline import load_document
from tests.conftest import ROOT
from tests.pdf_factory import FONT

FORMATS = ROOT.parent / "shared" / "formats"
BROWSER = FORMATS / "guofa-2025-11-ai-plus-browser-print.pdf"

CHROME = [
    "发布时间：2025-08-27 来源：中国政府网 字号：[大] [中] [小]",
    "[ 打印] 仅打印内容",
    "　　【打印】【关闭窗口】",
    "扫一扫在手机打开当前页",
    "分享到：微信 微博 QQ空间",
    "发布日期：2024-09-12 10:30:00 浏览次数：1234",
    "来源：市政府办公厅　作者：张三",
    "字号：大 中 小 | 打印 | 关闭",
    "当前位置：首页 > 政务公开 > 政策文件",
    "首页 » 信息公开 » 规范性文件",
    "下一篇：关于印发某市城市更新办法的通知",
]
BODY = [
    "来源：国家统计局",  # a table's note: one labelled detail alone
    "来源：国家统计局，2023年数据。",
    "打印机、复印机等办公设备纳入集中采购。",
    "关闭小散乱污企业120家。",
    "中",  # the last character of a wrapped line
    "2025-08-27",
    "一、打印管理",
    "分享经验做法",
    "微信 微博",  # share targets without 分享
    "发布时间：以各地通知为准，请及时关注。",
    "作者应当在30日内提交。",
    "首页设计应简洁明了。",
    "当前位置：要求各单位准确填报所在地址，不得漏报。",
    "下一条规定适用于本条第一款。",
]


@pytest.mark.parametrize("line", CHROME)
def test_chrome_lines_are_chrome(line):
    assert chrome_line(line)


@pytest.mark.parametrize("line", BODY)
def test_body_lines_are_not_chrome(line):
    assert not chrome_line(line)


@pytest.mark.parametrize("line", BODY)
def test_body_lines_are_no_metadata_table_rows(line):
    assert labelled_details(line, strict=False) is None


def test_a_lone_title_row_is_a_table_row_only_beside_sure_ones():
    assert labelled_details("标题： 国务院关于推进某项工作的意见") is None
    assert labelled_details("标题： 国务院关于推进某项工作的意见", strict=False) == [
        ("标题", "国务院关于推进某项工作的意见")
    ]
    assert labelled_details("成文日期：2025年08月21日") == [("成文日期", "2025年08月21日")]


def test_a_single_button_per_line_is_chrome_only_inside_a_web_page():
    assert not chrome_line("大") and chrome_line("大", lenient=True)
    assert not chrome_line("来源：国家统计局", lenient=True)


def _browser_like_pdf(path, body: list[str], top: list[str], bottom: list[str]) -> None:
    """A one-page PDF: chrome rows above and below the body rows, all in one font and size."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    page = canvas.Canvas(str(path), pagesize=(595, 842))
    page.setFont(FONT, 12)
    y = 770.0
    for row in [*top, *body, *bottom]:
        page.drawString(72, y, row)
        y -= 30
    page.save()


def test_a_browser_printed_page_loses_its_chrome_and_keeps_its_body(tmp_path, caplog):
    path = tmp_path / "printed.pdf"
    body = ["关于加强办公设备管理的通知", "打印机、复印机等办公设备纳入集中采购。", "来源：国家统计局"]
    _browser_like_pdf(
        path,
        body,
        top=[
            "当前位置：首页 > 政务公开 > 政策文件",
            "发布时间：2024-01-02 来源：某市政府网 字号：[大] [中] [小]",
        ],
        bottom=["[打印] [关闭窗口]", "下一篇：关于印发某市办公设备管理办法的通知"],
    )
    with caplog.at_level(logging.INFO, logger="policykit.pdf"):
        source = read_pdf(path)
    text = [line.text.strip("\u3000 ") for line in source.lines if line.text.strip()]
    assert text == body
    dropped = [r.getMessage() for r in caplog.records if "chrome" in r.getMessage()]
    assert len(dropped) == 4 and "字号" in dropped[1] and "关闭窗口" in dropped[2]


def test_a_saved_page_drops_page_details_inside_the_article(tmp_path, caplog):
    page = tmp_path / "page.html"
    page.write_text(
        "<html><body><div class='content'><p>关于加强办公设备管理的通知</p>"
        "<p>发布时间：2024-01-02 10:00 来源：某市政府网 浏览次数：88</p>"
        "<p>打印机、复印机等办公设备纳入集中采购，各单位应当于每年3月底前报送采购计划。</p>"
        "<p>来源：国家统计局</p><p>分享到：微信 微博</p></div></body></html>",
        encoding="utf-8",
    )
    with caplog.at_level(logging.INFO, logger="policykit.formats"):
        text = [line.text for line in read_source(page).lines if line.text.strip()]
    dropped = [r.getMessage() for r in caplog.records if "chrome" in r.getMessage()]
    assert len(dropped) == 2 and "浏览次数" in dropped[0] and "分享到" in dropped[1]
    assert text == [
        "关于加强办公设备管理的通知",
        "打印机、复印机等办公设备纳入集中采购，各单位应当于每年3月底前报送采购计划。",
        "来源：国家统计局",
    ]


def test_the_browser_printed_guofa_has_no_chrome_and_keeps_its_parts():
    if not BROWSER.is_file():
        pytest.skip(f"real-format file not found at {BROWSER}: this test needs ../shared/formats")
    lines = [line.text.strip("\u3000 ") for line in read_pdf(BROWSER).lines if line.text.strip()]
    for chrome in ("字号", "发布时间", "[打印]", "仅打印内容", "中国政府网"):
        assert not any(chrome in line for line in lines), chrome
    assert lines[:2] == ["国务院关于深入实施“人工智能+”行动的意见", "国发〔2025〕11号"]
    assert lines[-2:] == ["国务院", "2025年8月21日"]
    document = load_document(BROWSER)
    assert document.metadata.doc_number == "国发〔2025〕11号"
    assert not any(line for line in document.text.splitlines() if chrome_line(line))


def test_a_firefox_printed_page_loses_its_header_and_footer(tmp_path):
    """Firefox prints the title and URL above a page and n/N with the date and time below it."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    path = tmp_path / "firefox.pdf"
    page = canvas.Canvas(str(path), pagesize=(595, 842))
    page.setFont(FONT, 8)
    page.drawString(36, 822, "关于加强办公设备管理的通知 https://www.example.gov.cn/zwgk/2024/0102.html")
    page.drawString(36, 16, "1/1 2024/1/2 10:30")
    body = [
        "关于加强办公设备管理的通知",
        "打印机、复印机等办公设备纳入集中采购。",
        "详见 https://www.example.gov.cn/cg",
    ]
    page.setFont(FONT, 12)
    for row, text in enumerate(body):
        page.drawString(72, 760 - 30 * row, text)
    page.save()
    lines = [line.text.strip("\u3000 ") for line in read_pdf(path).lines if line.text.strip()]
    assert lines == body


def test_a_printed_pages_metadata_table_becomes_metadata(tmp_path, caplog):
    """gov.cn prints 索引号/发文机关/标题/发文字号/成文日期 above the document: metadata, not preamble text."""
    path = tmp_path / "govcn.pdf"
    body = [
        "国务院关于推进某项工作的意见",
        "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：",
        "为推进某项工作，现提出如下意见。",
        "来源：国家统计局",
    ]
    table = [
        "索引号： 000014349/2025-00045 主题分类： 科技、教育\\科技",
        "发文机关： 国务院 成文日期： 2025年08月21日",
        "标题： 国务院关于推进某项工作的意见",
        "发文字号： 国发〔2025〕11号 发布日期： 2025年08月27日",
    ]
    _browser_like_pdf(path, body, top=table, bottom=[])
    with caplog.at_level(logging.INFO, logger="policykit.pdf"):
        source = read_source(path)
    assert [line.text.strip("\u3000 ") for line in source.lines if line.text.strip()] == body
    assert sum("metadata table" in r.getMessage() for r in caplog.records) == 4
    assert source.metadata is not None
    assert (source.metadata.doc_number, source.metadata.date, source.metadata.issuer) == (
        "国发〔2025〕11号",
        "2025-08-21",
        "国务院",
    )
    document = load_document(path)
    assert document.metadata.doc_number == "国发〔2025〕11号"
    assert document.metadata.title == "国务院关于推进某项工作的意见"
