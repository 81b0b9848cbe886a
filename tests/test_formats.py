"""Word, Word 97 (.doc/.wps), OFD and HTML readers on the real files in ../shared/formats, and round trips."""

from __future__ import annotations

import html
import shutil
from collections import Counter
from pathlib import Path

import pytest

from policykit.cli import app
from policykit.errors import InputError
from policykit.files import expand_paths
from policykit.formats import OLE_MAGIC, detect_format
from policykit.ingest import read_source
from policykit.model import Metadata
from policykit.pipeline import document_from_source, load_document
from policykit.zh.chars import squash
from tests import office
from tests.conftest import ROOT, corpus_file

FORMATS = ROOT.parent / "shared" / "formats"
TEMPLATE = "gongwen-template-test"
HTML_PAGE = "guangzhou-public-rental-housing-2024-13.html"
ROUND_TRIP = ("shanghai-urban-renewal-regulation-2021", "gov-work-report-2021")


@pytest.fixture(scope="session")
def formats_dir() -> Path:
    if not FORMATS.is_dir():
        pytest.skip(f"real-format files not found at {FORMATS}: these tests need ../shared/formats")
    return FORMATS


def clause_texts(path: Path) -> list[str]:
    """Clause texts with whitespace removed: Word aligns with runs of spaces that a layout reader cannot see."""
    return [squash(c.text) for c in load_document(path).walk()]


def tree(document) -> list[tuple[str, str, str]]:
    return [(c.id, c.kind, c.text) for c in document.walk()]


# ---------------------------------------------------------------- the 公文 template in four formats


@pytest.mark.parametrize("suffix", [".wps", ".ofd"])
def test_template_gives_the_same_clause_texts_as_docx(formats_dir, suffix):
    expected = clause_texts(formats_dir / f"{TEMPLATE}.docx")
    assert "国防部关于放假的通知" in expected
    assert clause_texts(formats_dir / f"{TEMPLATE}{suffix}") == expected


def test_template_doc_is_read_natively(formats_dir, monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)  # no LibreOffice: the native reader alone
    source = read_source(formats_dir / f"{TEMPLATE}.doc")
    assert source.encoding == "doc"
    lines = [squash(line.text) for line in source.lines if line.text.strip()]
    # SOURCES.md: the .doc is an earlier variant with its own text.
    assert lines[:4] == [
        "国防部下发文件",
        "国防部发〔2023〕33号",
        "国防部关于教育部放假的通知",
        "各有关单位：",
    ]
    assert "抄送：教育部，教育部。" in lines
    assert not any(ch in line.text for line in source.lines for ch in "\x07\x13\x14\x15")
    metadata = load_document(formats_dir / f"{TEMPLATE}.doc").metadata
    assert (metadata.doc_number, metadata.date) == ("国防部发〔2023〕33号", "2012-12-12")


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_template_doc_through_libreoffice_matches_native(formats_dir, tmp_path):
    office.convert([formats_dir / f"{TEMPLATE}.doc"], "docx", tmp_path, timeout=120)
    assert clause_texts(tmp_path / f"{TEMPLATE}.docx") == clause_texts(formats_dir / f"{TEMPLATE}.doc")


def test_wps_footer_page_numbers_are_not_text(formats_dir):
    text = load_document(formats_dir / f"{TEMPLATE}.wps").text
    assert "PAGE" not in text
    assert "––" not in text


def test_ofd_joins_split_runs_and_drops_page_numbers(formats_dir):
    source = read_source(formats_dir / f"{TEMPLATE}.ofd")
    texts = [line.text.strip("\u3000") for line in source.lines]
    assert source.encoding == "ofd" and source.pages == 2
    assert "一份公文文件" in texts  # "一份公文" + "文件"
    assert "国防部发〔2012〕21号" in texts  # "〔" + "20" + "12" + "〕" + "21"
    assert not any("––" in t for t in texts)
    assert {line.page for line in source.lines if "抄送" in line.text} == {2}


def test_docx_headers_footers_and_core_title_are_ignored(formats_dir):
    document = load_document(formats_dir / f"{TEMPLATE}.docx")
    assert "––" not in document.text
    assert document.metadata.title != "甘审办发〔2011〕号"


# ---------------------------------------------------------------- real documents


def test_labour_law_docx_has_8_chapters_and_98_articles(formats_dir):
    kinds = Counter(c.kind for c in load_document(formats_dir / "labour-contract-law-prc.docx").walk())
    assert kinds["chapter"] == 8
    assert kinds["article"] == 98


def test_html_page_tree_has_no_markup_and_no_site_chrome(formats_dir):
    document = load_document(formats_dir / HTML_PAGE)
    kinds = Counter(c.kind for c in document.walk())
    assert (kinds["chapter"], kinds["article"]) == (8, 54)
    text = "".join(c.text for c in document.walk())
    for markup in ("<", ">", "&nbsp;", "-->", "已废止"):
        assert markup not in text
    for chrome in ("打印", "分享到", "字体", "索引号", "主办单位", "ICP备", "公网安备", "高级搜索", "无障碍"):
        assert chrome not in text
    assert squash(document.find("ch1.a1").text).startswith("第一条为完善本市住房保障体系")


def test_html_bold_article_numbers_keep_the_space_other_editions_have(formats_dir):
    """53 of the page's 54 <strong>第N条</strong> runs go straight into their text: each reads 第N条　text."""
    document = load_document(formats_dir / HTML_PAGE)
    articles = [c for c in document.walk() if c.kind == "article"]
    assert len(articles) == 54
    assert all(c.text[len(c.number)] in "\u3000 \u00a0" for c in articles), [
        c.text[:12] for c in articles if c.text[len(c.number)] not in "\u3000 \u00a0"
    ]
    headings = [c.text.split("\n")[0] for c in document.walk() if c.kind in ("chapter", "section")]
    assert not any("\u3000\u3000" in h or h.startswith(("一、\u3000", "（一）\u3000")) for h in headings)


def test_html_metadata_block(formats_dir):
    source = read_source(formats_dir / HTML_PAGE)
    assert source.metadata is not None
    assert source.metadata.title == "广州市人民政府办公厅关于印发广州市公共租赁住房管理办法的通知"
    assert source.metadata.date == "2024-07-26"  # 成文日期 before 发布日期 2024-09-12
    assert source.metadata.doc_number is None  # the page's 文号 cell is empty
    assert load_document(formats_dir / HTML_PAGE).metadata.doc_number == "穗府办规〔2024〕13号"


def test_html_saved_as_txt_is_detected(formats_dir, tmp_path):
    renamed = tmp_path / "saved-page.txt"
    renamed.write_bytes((formats_dir / HTML_PAGE).read_bytes())
    source = read_source(renamed)
    assert source.encoding == "html"
    assert tree(document_from_source(source)) == tree(load_document(formats_dir / HTML_PAGE))


def test_page_metadata_fills_only_what_the_text_leaves_open(tmp_path):
    page = tmp_path / "notice.html"
    page.write_text(
        "<html><body><table><tr><td>文号：</td><td>沪府规〔2025〕7号</td><td>发布日期：</td><td>2025-03-04</td>"
        "</tr></table><div class='main'><p>关于推进城市更新的实施意见</p><p>各区人民政府：</p>"
        "<p>一、总体要求</p><p>到2027年，完成旧区改造任务，形成城市更新制度体系和政策框架。</p>"
        "<p>二、主要任务</p><p>推进老旧小区改造，完善社区服务设施，提升城市功能品质和居住环境。</p>"
        "</div></body></html>",
        encoding="utf-8",
    )
    metadata = load_document(page).metadata
    assert metadata.doc_number == "沪府规〔2025〕7号"
    assert metadata.date == "2025-03-04"
    assert metadata.title == "关于推进城市更新的实施意见"


# ---------------------------------------------------------------- round trips


@pytest.mark.parametrize("name", ROUND_TRIP)
def test_docx_round_trip_gives_the_txt_tree(tmp_path, name):
    import docx

    path = corpus_file(name)
    written = docx.Document()
    for line in read_source(path).lines:
        written.add_paragraph(line.text)
    target = tmp_path / f"{name}.docx"
    written.save(str(target))
    assert tree(load_document(target)) == tree(load_document(path))


@pytest.mark.parametrize("name", ROUND_TRIP)
def test_html_round_trip_gives_the_txt_tree(tmp_path, name):
    path = corpus_file(name)
    body = "".join(
        f'<p style="white-space: pre-wrap">{html.escape(line.text)}</p>\n' for line in read_source(path).lines
    )
    target = tmp_path / f"{name}.html"
    target.write_text(
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{name}</title></head>"
        f"<body><nav><a href='/'>首页</a> <a href='/zc'>政策文件</a></nav><div class='article'>{body}</div>"
        "<div class='footer'><p>主办单位：某市人民政府办公厅</p><p>沪ICP备12345678号</p></div></body></html>",
        encoding="utf-8",
    )
    assert tree(load_document(target)) == tree(load_document(path))


# ---------------------------------------------------------------- tables and numbering


def test_docx_table_is_one_table_clause_of_rows(tmp_path):
    import docx

    written = docx.Document()
    written.add_paragraph("一、主要指标")
    written.add_paragraph("主要指标如下表。")
    table = written.add_table(rows=3, cols=3)
    for r, row in enumerate(
        [["指标", "2025年", "属性"], ["森林覆盖率", "42%", "约束性"], ["PM2.5浓度", "30", "预期性"]]
    ):
        for c, cell in enumerate(row):
            table.cell(r, c).text = cell
    written.add_paragraph("二、保障措施")
    written.add_paragraph("加强组织领导。")
    target = tmp_path / "plan.docx"
    written.save(str(target))
    document = load_document(target)
    tables = [c for c in document.walk() if c.kind == "table"]
    assert len(tables) == 1
    assert tables[0].text.splitlines() == [
        "指标\t2025年\t属性",
        "森林覆盖率\t42%\t约束性",
        "PM2.5浓度\t30\t预期性",
    ]
    assert [c.number for c in document.walk() if c.kind == "section"] == ["一、", "二、"]


def test_html_table_is_one_table_clause_and_layout_tables_are_not(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        "<html><body><table><tr><td><div class='c'><p>一、目标</p><p>到2025年，主要指标如下。</p>"
        "<table><tr><th>指标</th><th>目标值</th></tr><tr><td>新增绿地</td><td>500公顷</td></tr></table>"
        "<p>二、措施</p><p>加强统筹协调，压实各方责任，确保各项任务落到实处。</p></div></td></tr></table></body></html>",
        encoding="utf-8",
    )
    document = load_document(page)
    tables = [c for c in document.walk() if c.kind == "table"]
    assert [t.text.splitlines() for t in tables] == [["指标\t目标值", "新增绿地\t500公顷"]]
    assert [c.number for c in document.walk() if c.kind == "section"] == ["一、", "二、"]


def _numbered_docx(path: Path) -> None:
    """A .docx whose headings are numbered by Word (一、 / （一） / 1.), not typed."""
    import docx
    from docx.oxml import parse_xml

    written = docx.Document()
    numbering = written.part.numbering_part.element
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    numbering.insert(
        0,
        parse_xml(
            f'<w:abstractNum xmlns:w="{w}" w:abstractNumId="90">'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:suff w:val="nothing"/>'
            '<w:lvlText w:val="%1、"/></w:lvl>'
            '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:suff w:val="nothing"/>'
            '<w:lvlText w:val="（%2）"/></w:lvl>'
            '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>'
            "</w:abstractNum>"
        ),
    )
    numbering.append(parse_xml(f'<w:num xmlns:w="{w}" w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))

    def numbered(text: str, level: int) -> None:
        paragraph = written.add_paragraph(text)
        paragraph._p.get_or_add_pPr().append(
            parse_xml(f'<w:numPr xmlns:w="{w}"><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>')
        )

    written.add_paragraph("某市绿色低碳发展行动方案")
    numbered("总体要求", 0)
    numbered("指导思想", 1)
    written.add_paragraph("坚持生态优先、绿色发展。")
    numbered("主要目标", 1)
    numbered("到2025年，单位GDP能耗下降13.5%。", 2)
    numbered("到2025年，非化石能源占比达到20%。", 2)
    numbered("重点任务", 0)
    numbered("推进能源结构调整", 1)
    written.save(str(path))


def test_docx_automatic_numbering_is_printed(tmp_path):
    target = tmp_path / "numbered.docx"
    _numbered_docx(target)
    lines = [line.text for line in read_source(target).lines]
    assert lines[1:9] == [
        "一、总体要求",
        "（一）指导思想",
        "坚持生态优先、绿色发展。",
        "（二）主要目标",
        "1.到2025年，单位GDP能耗下降13.5%。",
        "2.到2025年，非化石能源占比达到20%。",
        "二、重点任务",
        "（一）推进能源结构调整",
    ]
    ids = [c.id for c in load_document(target).walk() if c.kind != "preamble"]
    assert ids[:2] == ["1", "1.1"] and "2.1" in ids


# ---------------------------------------------------------------- errors and the one way in


def test_unreadable_doc_without_libreoffice_gives_one_line_error(tmp_path, monkeypatch, runner):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    broken = tmp_path / "notice.doc"
    broken.write_bytes(OLE_MAGIC + bytes(600))
    with pytest.raises(InputError) as caught:
        read_source(broken)
    message = str(caught.value)
    assert "Word 97 .doc" in message and "LibreOffice" in message and ".docx" in message
    result = runner.invoke(app, ["parse", str(broken)])
    assert result.exit_code == 1
    assert len(result.output.strip().splitlines()) == 1
    assert "LibreOffice" in result.output


def test_damaged_docx_gets_one_error(tmp_path, formats_dir):
    import zipfile

    original = zipfile.ZipFile(formats_dir / f"{TEMPLATE}.docx")
    damaged = tmp_path / "damaged.docx"
    with zipfile.ZipFile(damaged, "w") as archive:
        for member in original.namelist():
            broken = member == "word/document.xml"
            archive.writestr(member, b"<w:document" if broken else original.read(member))
    with pytest.raises(InputError, match=r"cannot open this \.docx .*re-save it"):
        read_source(damaged)


@pytest.mark.parametrize(
    ("member", "named"),
    [("xl/workbook.xml", "Excel"), ("ppt/presentation.xml", "PowerPoint"), ("data.csv", "ZIP archive")],
)
def test_other_zip_formats_are_named(tmp_path, member, named):
    import zipfile

    path = tmp_path / "attachment.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(member, "x")
    with pytest.raises(InputError, match=named):
        read_source(path)


@pytest.mark.parametrize(
    ("data", "suffix", "kind"),
    [
        (b"%PDF-1.4\n", ".txt", "pdf"),
        (b"\xef\xbb\xbf<!DOCTYPE html>\n<html lang='zh'>", ".txt", "html"),
        (b"  \n<html><head><meta charset='gb2312'>", "", "html"),
        ("<p>第一条</p>".encode(), ".htm", "html"),
        ("第一条　为了规范".encode(), ".txt", "text"),
        ("第一条　为了规范".encode(), ".doc", "text"),  # a .doc that is really text
    ],
)
def test_detect_format_by_content_then_suffix(data, suffix, kind):
    assert detect_format(data, suffix) == kind


def test_binary_file_that_is_not_what_its_suffix_says_is_named(tmp_path):
    path = tmp_path / "old.wps"
    path.write_bytes(b"\xff\x00WPS2000" + bytes(300))
    with pytest.raises(InputError, match=r"named \.wps but not a \.wps inside.*save it as \.docx"):
        read_source(path)


def test_gb2312_page_is_decoded_by_its_charset(tmp_path):
    page = tmp_path / "page.htm"
    page.write_bytes(
        "<html><head><meta http-equiv='Content-Type' content='text/html; charset=gb2312'></head>"
        "<body><p>第一条　为了规范政府信息公开工作，制定本办法。</p></body></html>".encode("gb18030")
    )
    assert read_source(page).lines[0].text == "第一条　为了规范政府信息公开工作，制定本办法。"


def test_folder_search_picks_up_the_new_suffixes(tmp_path):
    for name in ("a.docx", "b.doc", "c.wps", "d.ofd", "e.html", "f.htm", "g.txt", "h.pdf", "i.pptx", "j.png"):
        (tmp_path / name).write_bytes(b"x")
    found = [Path(p).name for p in expand_paths([str(tmp_path)]).files]
    assert found == ["a.docx", "b.doc", "c.wps", "d.ofd", "e.html", "f.htm", "g.txt", "h.pdf"]


def test_html_data_has_known_keys():
    from importlib import resources

    import yaml

    raw = yaml.safe_load(resources.files("policykit").joinpath("data/html.yaml").read_text("utf-8"))
    assert set(raw) == {
        "chrome",
        "related",
        "footer_start",
        "footer_anywhere",
        "labels",
        "meta_tags",
        "furniture",
        "footer_marks",
        "columns",
        "page_labels",
        "share",
        "breadcrumb",
        "neighbours",
        "index_labels",
        "attachment_labels",
        "file_suffixes",
        "lone_labels",
    }
    assert set(raw["labels"]) <= {"title", "doc_number", "date", "issuer"}
    assert set(raw["meta_tags"]) <= set(raw["labels"])


@pytest.mark.parametrize("use_index", [False, True])
def test_search_reads_docx_and_html_in_a_folder(tmp_path, formats_dir, use_index):
    from policykit.search import search

    folder = tmp_path / "docs"
    folder.mkdir()
    shutil.copy(formats_dir / "labour-contract-law-prc.docx", folder / "law.docx")
    shutil.copy(formats_dir / HTML_PAGE, folder / "page.html")
    result = search("劳务派遣", [str(folder)], use_index=use_index, cache_dir=tmp_path / "cache")
    assert {Path(m.document).name for m in result.matches} == {"law.docx"}
    result = search("公共租赁住房", [str(folder)], use_index=use_index, cache_dir=tmp_path / "cache")
    assert {Path(m.document).name for m in result.matches} == {"page.html"}


# ---------------------------------------------------------------- other page layouts seen on government sites

_STATE_COUNCIL_STYLE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>国务院关于推进某项工作的意见_国务院文件_中国政府网</title>
<meta name="ArticleTitle" content="国务院关于推进某项工作的意见"></head><body>
<div class="header"><a href="/">首页</a> | <a href="/zhengce">政策</a></div>
<div class="BreadcrumbNav"><a>首页</a> &gt; <a>政策</a></div>
<div class="article"><h1 id="ti">国务院关于推进某项工作的意见</h1>
<div class="pages-date">2025-08-26 17:00 来源：新华社 <span>字号：<span>默认</span> <span>大</span></span>
 | <span class="printIco">打印</span></div>
<div class="pages_content" id="UCAP-CONTENT">
<p>国发〔2025〕11号</p><p>各省、自治区、直辖市人民政府，国务院各部委、各直属机构：</p>
<p>　　为推进某项工作，现提出如下意见。</p><p>　　<strong>一、总体要求</strong></p>
<p>　　到2027年，主要领域应用普及率超过70%。</p><p>　　<strong>二、重点行动</strong></p>
<p>　　<strong>（一）科学技术。</strong>加速科学发现进程。</p><p style="text-align: right;">国务院</p>
<p style="text-align: right;">2025年8月21日</p></div>
<div class="editor">【我要纠错】</div><div class="share"><span>分享到：</span></div>
<div class="related"><h3>相关链接</h3><ul><li><a href="#">解读：某项工作</a></li></ul></div></div>
<div class="footer"><p>主办单位：国务院办公厅</p><p>京ICP备05070218号　京公网安备11010202000001号</p></div>
</body></html>"""

_TABLE_LAYOUT_STYLE = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body>
<table width="100%"><tr><td class="nav"><a>首页</a><a>信息公开</a><a>政务服务</a></td></tr><tr><td>
<table><tr><td>标　　题：</td><td>某市城市更新办法</td></tr>
<tr><td>发文字号：</td><td>某府规〔2023〕5号</td><td>成文日期：</td><td>2023年3月1日</td></tr></table>
<div id="zoom">第一章　总则<br>　　第一条　为了推进城市更新，制定本办法。<br>　　第二条　本办法适用于本市。<br>
第二章　附则<br>　　第三条　本办法自印发之日起施行。<br></div>
<div align="center">【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】</div>
</td></tr></table><div class="bottom">主办：某市人民政府办公室</div></body></html>"""


def test_title_heading_outside_the_body_opens_the_document(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(_STATE_COUNCIL_STYLE, encoding="utf-8")
    lines = [line.text for line in read_source(page).lines if line.text]
    assert lines[:2] == ["国务院关于推进某项工作的意见", "国发〔2025〕11号"]
    assert lines[-2:] == ["国务院", "2025年8月21日"]
    document = load_document(page)
    assert document.metadata.title == "国务院关于推进某项工作的意见"
    assert [c.number for c in document.walk() if c.kind == "section"] == ["一、", "二、", "（一）"]


def test_metadata_table_and_buttons_stay_out_of_a_br_separated_body(tmp_path):
    page = tmp_path / "page.htm"
    page.write_bytes(_TABLE_LAYOUT_STYLE.encode("gb18030"))
    source = read_source(page)
    # the page shows the title in its 标题 row, not over the body: the document opens with it, as its .txt does
    assert [line.text for line in source.lines if line.text][:3] == [
        "某市城市更新办法",
        "第一章\u3000总则",
        "\u3000\u3000第一条\u3000为了推进城市更新，制定本办法。",
    ]
    assert source.metadata == Metadata(
        title="某市城市更新办法", doc_number="某府规〔2023〕5号", date="2023-03-01", year=2023
    )
    document = load_document(page)
    assert Counter(c.kind for c in document.walk()) == Counter({"preamble": 1, "chapter": 2, "article": 3})
    assert document.metadata.doc_number == "某府规〔2023〕5号"
    assert "打印" not in document.text and "主办" not in document.text


def test_markdown_marks_go_numbering_and_line_numbers_stay(tmp_path):
    page = tmp_path / "rules.md"
    page.write_text(
        "# 某市数据管理办法\n\n## 第一章 总则\n\n**第一条** 为了规范[数据](https://example.org)管理，制定本办法。\n\n"
        "**第二条** 主要指标如下：\n\n| 指标 | 目标 |\n|---|---:|\n| 数据开放率 | 80% |\n| 共享率 | 90% |\n\n"
        "## 第二章 附则\n\n**第三条** 本办法自印发之日起施行。\n",
        encoding="utf-8",
    )
    document = load_document(page)
    kinds = Counter(c.kind for c in document.walk())
    assert (kinds["chapter"], kinds["article"], kinds["table"]) == (2, 3, 1)
    assert document.metadata.title == "某市数据管理办法"
    assert "*" not in document.text and "](" not in document.text and "|" not in document.text
    article = document.find("ch1.a1")
    assert article.text.startswith("第一条 为了规范数据管理") and article.line == 5


@pytest.mark.parametrize(
    "matter",
    [
        "标题: 青山市关于开展花园评比的通知\n文号: 青园〔2031〕7号\n发布日期: 2031-03-02\n层级: 市级\n",
        # what YAML refuses (a bare -) still reads as key: value lines
        "标题：青山市关于开展花园评比的通知\n文号：青园〔2031〕7号\n索引号: -\n发布日期: 2031年3月2日\n",
    ],
)
def test_markdown_front_matter_is_metadata_and_comments_are_not_text(tmp_path, matter):
    page = tmp_path / "notice.md"
    body = "# 青山市关于开展花园评比的通知\n\n<!-- INFO END -->\n\n一、评比对象\n\n<!-- a note\nover lines -->本市社区花园。\n"
    page.write_text(f"---\n{matter}---\n\n{body}", encoding="utf-8")
    document = load_document(page)
    assert document.metadata.doc_number == "青园〔2031〕7号"
    assert document.metadata.date == "2031-03-02"
    assert document.metadata.title == "青山市关于开展花园评比的通知"
    assert "<!--" not in document.text and "over lines" not in document.text and "层级" not in document.text
    assert "索引号" not in document.text and "发布日期" not in document.text
    section = document.find("1")
    assert section.heading == "评比对象" and section.line == matter.count("\n") + 8  # numbered as in the file
    assert section.children[0].text.startswith("本市社区花园")


def test_front_matter_aliases_are_never_expanded(tmp_path):
    """A YAML alias bomb as a title: only scalars are read, so nothing is stringified 9^8 times."""
    levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for name, previous in zip("bcdefgh", "abcdefg", strict=True):
        levels.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    page = tmp_path / "bomb.md"
    page.write_text("---\n" + "\n".join(levels) + "\n标题: *h\n---\n一、总体要求\n", encoding="utf-8")
    document = load_document(page)
    assert document.metadata.title is None and [c.id for c in document.clauses] == ["1"]


def test_a_markdown_file_opening_with_a_rule_keeps_its_text(tmp_path):
    """--- then prose is a thematic break, not front matter: nothing is dropped."""
    page = tmp_path / "plan.md"
    page.write_text(
        "---\n\n一、总体要求\n\n坚持绿色发展：加快转型。\n\n---\n\n二、主要目标\n", encoding="utf-8"
    )
    document = load_document(page)
    assert [c.id for c in document.clauses] == ["1", "2"]
    assert "坚持绿色发展：加快转型。" in document.text


def test_br_separated_cell_beside_a_menu_column_is_the_article(tmp_path):
    rows = "".join(f"<tr><td>{k}号地块</td><td>{k * 10}公顷</td></tr>" for k in range(1, 40))
    page = tmp_path / "page.html"
    page.write_text(
        "<html><body><table><tr>"
        "<td class='left'><a>首页</a><br><a>机构概况</a><br><a>政策文件</a><br><a>政务公开</a><br><a>办事服务</a></td>"
        "<td>某区土地整治实施方案<br><br>一、目标任务<br>　　到2026年，完成土地整治任务，地块清单见下表。<br>"
        f"<table><tr><th>地块</th><th>面积</th></tr>{rows}</table>"
        "二、保障措施<br>　　加强组织领导，落实资金保障。<br>"
        "<div class='links'><a>上一篇：某通知</a> <a>下一篇：某公告</a> <a>返回列表</a></div></td>"
        "</tr></table></body></html>",
        encoding="utf-8",
    )
    document = load_document(page)
    assert [c.number for c in document.walk() if c.kind == "section"] == ["一、", "二、"]
    assert [len(c.text.splitlines()) for c in document.walk() if c.kind == "table"] == [40]
    for chrome in ("首页", "机构概况", "上一篇", "返回列表"):
        assert chrome not in document.text
    assert document.metadata.title == "某区土地整治实施方案"


def test_doc_table_rows_come_from_paragraph_properties(monkeypatch):
    """word97-table-empty-cells.doc: python-docx wrote a table with empty cells, LibreOffice saved it as Word 97."""
    monkeypatch.setattr(shutil, "which", lambda name: None)
    source = read_source(ROOT / "tests" / "fixtures" / "word97-table-empty-cells.doc")
    assert [line.text for line in source.lines if line.text] == [
        "某市重点项目表",
        "项目\t投资\t备注",
        "地铁三号线\t120亿元\t",  # an empty last cell, not a row end
        "\t35亿元\t续建",  # an empty first cell
        "污水厂\t8亿元\t新建 第二段",  # a cell of two paragraphs
        "一、保障措施",
        "加强领导。",
    ]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_doc_falls_back_to_libreoffice_when_the_native_reader_fails(formats_dir, monkeypatch):
    from policykit.formats import word97

    native = clause_texts(formats_dir / f"{TEMPLATE}.doc")

    def fail(data: bytes, **_: object) -> str:
        raise word97.Word97Error("simulated")

    monkeypatch.setattr(word97, "main_text", fail)
    source = read_source(formats_dir / f"{TEMPLATE}.doc")
    assert source.encoding == "docx"  # converted by soffice, then read as .docx
    assert [squash(c.text) for c in document_from_source(source).walk()] == native


@pytest.mark.parametrize(
    "name",
    [f"{TEMPLATE}.doc", f"{TEMPLATE}.wps", f"{TEMPLATE}.docx", f"{TEMPLATE}.ofd", HTML_PAGE],
)
def test_truncated_or_corrupted_files_give_a_source_or_one_error(formats_dir, tmp_path, monkeypatch, name):
    import random

    from policykit.errors import PolicykitError

    monkeypatch.setattr(shutil, "which", lambda command: None)
    data = (formats_dir / name).read_bytes()
    rng = random.Random(7)
    target = tmp_path / f"damaged{Path(name).suffix}"
    for trial in range(30):
        damaged = bytearray(data[: rng.randint(8, len(data))] if trial % 2 else data)
        for _ in range(0 if trial % 2 else rng.randint(1, 60)):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        target.write_bytes(bytes(damaged))
        try:
            read_source(target)
        except PolicykitError as error:
            assert "\n" not in str(error)


@pytest.mark.parametrize("suffix", [".docx", ".wps", ".ofd", "-wps-test.pdf"])
def test_gongwen_parts_are_metadata_in_every_format(formats_dir, suffix):
    """The 公文 template as WPS saved it in four formats: 版头 and 成文日期 in metadata, no 版记 in any clause."""
    name = TEMPLATE.replace("-test", "") + suffix if suffix.startswith("-") else TEMPLATE + suffix
    document = load_document(formats_dir / name)
    assert (document.metadata.doc_number, document.metadata.date) == ("国防部发〔2012〕21号", "2012-12-12")
    texts = [clause.text for clause in document.walk()]
    assert texts and not any(word in text for text in texts for word in ("抄送", "印发", "共印"))
    assert document.metadata.title == "国防部关于放假的通知"


def test_a_page_resaved_as_utf8_with_its_old_gb2312_label_reads_as_utf8(tmp_path):
    """Saved pages keep a stale <meta charset=gb2312> after an editor re-saves them as UTF-8."""
    body = "<p>城市更新</p><p>更新城市</p>"  # UTF-8 bytes that GB18030 also decodes, into 鍩庡競鏇存柊
    page = f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body>{body}</body></html>'
    stale = tmp_path / "stale.html"
    stale.write_bytes(page.encode("utf-8"))
    honest = tmp_path / "honest.html"
    honest.write_bytes(page.encode("gb18030"))
    for path in (stale, honest):
        document = load_document(path)
        assert "城市更新" in "".join(clause.text for clause in document.walk()), path.name


def test_markdown_as_scrapers_store_news_html_tags_a_blank_first_line_and_a_feed_date(tmp_path):
    """A news page saved as .md: a blank line before the front matter, an RFC 2822 date, the body left as HTML."""
    page = tmp_path / "news.md"
    page.write_text(
        "\n---\ntitle: '青山县解读今年发展目标'\ncategories:\n - 财经\ndate: Sat, 05 Mar 2031 06:50:55 GMT\n---\n\n"
        '<div>\n<p cms-style="font-L">　　县政府工作报告提出，今年生产总值预期增长6%左右。</p>\n'
        "<p>　　据《青山县关于转发&lt;某办法&gt;的通知》<b>要求</b>，落实<上海市某某管理办法>。</p>\n</div>\n",
        encoding="utf-8",
    )
    document = load_document(page)
    assert (document.metadata.title, document.metadata.date) == ("青山县解读今年发展目标", "2031-03-05")
    assert "<" not in document.text.replace("<上海市某某管理办法>", "").replace("<某办法>", "")
    assert "今年生产总值预期增长6%左右。" in document.text and "<上海市某某管理办法>" in document.text
    assert "《青山县关于转发<某办法>的通知》要求" in document.text
