"""The classes of error found by the converter matrix (test_formats_converters), one small case each:
Word's web-page spans, LibreOffice's .odt list items and web-page lists, Word 97 text boxes and tracked
deletions, tracked moves and redefined list levels in .docx, RTF bullets."""

from __future__ import annotations

import shutil
from pathlib import Path

from policykit.ingest import read_source
from tests.test_formats_converters import _level_xml
from tests.test_formats_odt import odt_lines

FIXTURES = Path(__file__).parent / "fixtures"

WORD_PAGE = (
    "<html xmlns:o='urn:schemas-microsoft-com:office:office'><head><meta name=Generator content='Microsoft Word 15'>"
    "</head><body lang=ZH-CN><div class=WordSection1>{}</div></body></html>"
)


def _page_lines(tmp_path: Path, body: str) -> list[str]:
    page = tmp_path / "page.htm"
    page.write_text(WORD_PAGE.format(body), encoding="utf-8")
    return [line.text for line in read_source(page).lines if line.text.strip()]


def test_word_spacerun_and_tab_spans_are_the_spaces_typed(tmp_path):
    body = (
        "<p class=MsoNormal><span>目</span><span style='mso-spacerun:yes'>&nbsp;&nbsp;&nbsp; </span><span>录</span></p>"
        "<p class=MsoNormal><span>第一条</span><span style='mso-tab-count:1'>&nbsp;&nbsp;&nbsp;&nbsp; </span>"
        "<span>为了规范管理。</span></p>"
        "<p class=MsoNormal><span>编号&nbsp;&nbsp;甲</span></p>"  # typed no-break spaces stay
    )
    assert _page_lines(tmp_path, body) == ["目    录", "第一条 为了规范管理。", "编号\xa0\xa0甲"]


def test_word_list_number_spans_print_as_the_docx_reader_prints_them(tmp_path):
    def item(label: str, text: str, font: str = "黑体", padding: str = "") -> str:
        return (
            f"<p class=MsoListParagraph style='mso-list:l0 level1 lfo1'><![if !supportLists]>"
            f"<span style='font-family:{font}'><span style='mso-list:Ignore'>{label}{padding}</span></span>"
            f"<![endif]><span>{text}</span></p>"
        )

    pad = "<span style='font:7.0pt \"Times New Roman\"'>&nbsp;&nbsp;&nbsp; </span>"
    body = (
        item("一、", "总体要求")
        + item("第一条", "为了规范管理。", padding=pad)
        + item("l", "加强组织领导。", font="Wingdings", padding=pad)  # a bullet: Wingdings' l is ●
        + item("·", "强化要素保障。", font="Symbol", padding=pad)
    )
    assert _page_lines(tmp_path, body) == [
        "一、总体要求",
        "第一条\u3000为了规范管理。",
        "加强组织领导。",
        "强化要素保障。",
    ]


def test_odt_list_item_holding_only_a_deeper_list_is_not_counted(tmp_path):

    styles = (
        '<text:list-style style:name="L1">'
        '<text:list-level-style-number text:level="1" style:num-format="一, 二, 三, ..." style:num-suffix="、"/>'
        '<text:list-level-style-number text:level="2" style:num-format="一, 二, 三, ..." style:num-prefix="（" '
        'style:num-suffix="）"/></text:list-style>'
    )

    def lst(inner: str, continued: bool) -> str:
        more = ' text:continue-numbering="true"' if continued else ""
        return f'<text:list text:style-name="L1"{more}><text:list-item>{inner}</text:list-item></text:list>'

    sub = "<text:list><text:list-item><text:p>{}</text:p></text:list-item></text:list>"
    body = (
        lst("<text:p>总体要求</text:p>", False)
        + lst(sub.format("指导思想"), True)
        + "<text:p>正文。</text:p>"
        + lst(sub.format("主要目标"), True)
        + lst("<text:p>重点任务</text:p>", True)
    )
    lines = [text for text in odt_lines(tmp_path, body, styles, "lists.odt") if text.strip()]
    assert lines == ["一、总体要求", "（一）指导思想", "正文。", "（二）主要目标", "二、重点任务"]


TEXT_BOX_DOC = FIXTURES / "word97-text-box.doc"
"""LibreOffice 7's Word 97 copy of a hand-written .fodt: a header, a footnote on 一、总体要求, a text box of two
paragraphs anchored to the next paragraph and one anchored as a character in 加强组织领导。"""


def test_doc_text_boxes_follow_their_paragraph_and_footnotes_stay_out(monkeypatch):

    monkeypatch.setattr(shutil, "which", lambda name: None)  # the native reader, never soffice
    lines = [line.text for line in read_source(TEXT_BOX_DOC).lines if line.text.strip()]
    assert lines == [
        "关于推进示范区建设的通知",
        "一、总体要求",
        "到2027年，示范区建设取得明显成效。",
        "文本框第一段",
        "文本框第二段",
        "二、保障措施",
        "加强组织领导。",
        "（此件公开发布）",
    ]


LIBREOFFICE_LISTS = """<!DOCTYPE html><html><head><meta name="generator" content="LibreOffice 7.4.7.2 (Linux)"/>
{style}</head><body lang="en-US"><p style="margin-bottom: 0.14in">为推进示范区建设，提出如下意见。</p>
<ol><li><h1 class="western"><font face="黑体">总体要求</font></h1></ol>
<ol><ol><li value="1"><p style="margin-bottom: 0.14in">&nbsp;
<font face="仿宋">指导思想</font></p></ol></ol>
<ol><ol start="2"><li><p style="margin-bottom: 0.14in"><font face="仿宋">主要目标</font></p></ol></ol>
<ol start="2"><li><h1 class="western">重点任务</h1></ol>
<ol style="list-style-type: cjk-ideographic" start="3"><li>保障措施</li><li value="5">附则</li></ol>
<ol><li>第一条　本意见自印发之日起施行。</li><li><img src="seal.png">印章之后的文字</li></ol>
<ul><li>联系人：张三</li></ul></body></html>"""


def test_ordered_list_items_print_the_numbers_a_browser_shows(tmp_path):
    """LibreOffice's web page of a Word file numbered by lists keeps the numbers only as <ol> (its Chinese
    formats are lost: a browser shows 1. and 2.); an item whose number is typed gets none added."""
    page = tmp_path / "lists.html"
    page.write_text(LIBREOFFICE_LISTS.format(style=""), encoding="utf-8")
    assert [line.text for line in read_source(page).lines if line.text.strip()] == [
        "为推进示范区建设，提出如下意见。",
        "1.总体要求",
        "1.\xa0 指导思想",
        "2.主要目标",
        "2.重点任务",
        "三、保障措施",
        "五、附则",
        "第一条　本意见自印发之日起施行。",
        "2.印章之后的文字",  # the item's text is the tail of an image
        "联系人：张三",
    ]
    page.write_text(
        LIBREOFFICE_LISTS.format(style="<style>ol, ul { list-style: none }</style>"), encoding="utf-8"
    )
    assert "总体要求" in [line.text for line in read_source(page).lines]  # the stylesheet hides the numbers


TRACKED_DOC = FIXTURES / "word97-tracked-changes.doc"
"""LibreOffice 7's Word 97 copy of a hand-written .fodt with tracked changes: 三年内 deleted after 到2027年，
and 全面 inserted before 取得."""


def test_doc_tracked_deletions_are_not_text(monkeypatch):

    monkeypatch.setattr(shutil, "which", lambda name: None)
    lines = [line.text for line in read_source(TRACKED_DOC).lines if line.text.strip()]
    assert lines == ["一、总体要求", "到2027年，示范区建设全面取得明显成效。"]


def test_docx_tracked_move_reads_where_the_text_went(tmp_path):
    """Word records a tracked cut-and-paste as w:moveFrom (the runs, as w:t, where the text was) and
    w:moveTo (where it went): the text reads once, where it went."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    w = nsdecls("w")
    written = docx.Document()
    body = written.element.body
    for xml in (
        f'<w:p {w}><w:r><w:t>一、总体要求</w:t></w:r><w:moveFrom w:id="1" w:author="a">'
        "<w:r><w:t>到2027年取得明显成效。</w:t></w:r></w:moveFrom></w:p>",
        f"<w:p {w}><w:r><w:t>二、重点任务</w:t></w:r></w:p>",
        f'<w:p {w}><w:pPr><w:rPr><w:moveTo w:id="2" w:author="a"/></w:rPr></w:pPr><w:moveTo w:id="3" w:author="a">'
        "<w:r><w:t>到2027年取得明显成效。</w:t></w:r></w:moveTo></w:p>",
    ):
        body.insert(len(body) - 1, parse_xml(xml))  # before the section properties
    path = tmp_path / "moved.docx"
    written.save(str(path))
    assert [line.text for line in read_source(path).lines if line.text.strip()] == [
        "一、总体要求",
        "二、重点任务",
        "到2027年取得明显成效。",
    ]


def test_docx_list_whose_level_is_redefined_prints_that_level(tmp_path):
    """A w:num may redefine a level of its list (lvlOverride holding a whole w:lvl, as Word 2003 files
    write a list that changes format): its items print in that format, counting on (only a
    startOverride restarts), as LibreOffice shows them in the .docx and in its .odt of it."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    w = nsdecls("w")
    written = docx.Document()
    numbering = written.part.numbering_part.element
    numbering.insert(
        0,
        parse_xml(
            f'<w:abstractNum {w} w:abstractNumId="40">{_level_xml(0, "chineseCounting", "%1、")}</w:abstractNum>'
        ),
    )
    numbering.append(parse_xml(f'<w:num {w} w:numId="41"><w:abstractNumId w:val="40"/></w:num>'))
    numbering.append(
        parse_xml(
            f'<w:num {w} w:numId="44"><w:abstractNumId w:val="40"/><w:lvlOverride w:ilvl="0">'
            f"{_level_xml(0, 'decimal', '（%1）')}</w:lvlOverride></w:num>"
        )
    )
    for text, num in (("总体要求", 41), ("重点任务", 41), ("培育新兴产业。", 44), ("改造传统产业。", 44)):
        paragraph = written.add_paragraph(text)
        paragraph._p.get_or_add_pPr().append(
            parse_xml(f'<w:numPr {w}><w:ilvl w:val="0"/><w:numId w:val="{num}"/></w:numPr>')
        )
    path = tmp_path / "redefined.docx"
    written.save(str(path))
    assert [line.text for line in read_source(path).lines if line.text.strip()] == [
        "一、总体要求",
        "二、重点任务",
        "（3）培育新兴产业。",
        "（4）改造传统产业。",
    ]


def test_odt_list_item_in_another_list_style_prints_in_it_and_counts_on(tmp_path):
    """LibreOffice saves such a Word list (above) as items with text:style-override: that style prints
    the number, the list goes on counting (LibreOffice shows （3）)."""

    def style(name: str, fmt: str, prefix: str, suffix: str) -> str:
        return (
            f'<text:list-style style:name="{name}"><text:list-level-style-number text:level="1" '
            f'style:num-format="{fmt}" style:num-prefix="{prefix}" style:num-suffix="{suffix}"/></text:list-style>'
        )

    items = "".join(
        f"<text:list-item{override}><text:p>{text}</text:p></text:list-item>"
        for text, override in (
            ("总体要求", ""),
            ("重点任务", ""),
            ("培育新兴产业。", ' text:style-override="L2"'),
        )
    )
    styles = f"{style('L1', '一, 二, 三, ...', '', '、')}{style('L2', '1', '（', '）')}"
    body = f'<text:list text:style-name="L1">{items}</text:list>'
    lines = [text for text in odt_lines(tmp_path, body, styles, "override.odt") if text.strip()]
    assert lines == ["一、总体要求", "二、重点任务", "（3）培育新兴产业。"]


def test_rtf_bullet_in_a_symbol_font_prints_no_number():
    r"""Word's RTF writes a list's printed number for older readers ({\listtext 1.\tab}); a bullet is a
    letter in a \fcharset2 font (Wingdings l is ●, Symbol \'b7 is ·): no number, as the .docx reader."""
    from policykit.formats.rtf import read_rtf

    data = (
        rb"{\rtf1\ansi\ansicpg936{\fonttbl{\f0\fcharset134 SimSun;}{\f10\fcharset2 Wingdings;}"
        rb"{\f3\fcharset2 Symbol;}}\f0 {\listtext\f10 l\tab}\'bc\'d3\'c7\'bf\'d7\'e9\'d6\'af\par "
        rb"{\listtext\f0 1.\tab}\'bc\'d3\'c7\'bf\par {\listtext\f3 \'b7\tab}\'d7\'e9\'d6\'af\par}"
    )
    assert [line.text for line in read_rtf(data, path="list.rtf", name="list").lines] == [
        "加强组织",
        "1.加强",
        "组织",
    ]
