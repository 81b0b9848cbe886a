"""Losses found reading files from producers nobody tuned for (formats9): each class as an invented
reproduction, with the cases beside it that must not change."""

from __future__ import annotations

import pytest

from policykit.formats.html import read_html
from policykit.pdf import PageText, fragments_of, layout_lines
from policykit.pipeline import document_from_source

SIZE = 16.0
LEFT = 79.5


def _glyphs(parts: list[tuple[str, float]], top: float = 100.0, size: float = SIZE) -> list:
    """Glyphs one em wide, each part set solid, after `white` ems of bare white (no space glyph)."""
    chars: list = []
    x = LEFT
    for text, white in parts:
        x += white * size
        for char in text:
            chars.append((x, x + size, top, top + size, size, char))
            x += size
    return chars


def _first_line(chars: list) -> str:
    page = PageText(1, 595.0, 842.0, tuple(fragments_of(chars)), len(chars), 0)
    return layout_lines([page])[0][0]


# ---------------------------------------------------------------- PDF: a word gap between ideographs


def test_a_word_gap_left_as_white_between_ideographs_is_a_space():
    """LibreOffice sets the space of 中共中央 国务院 as a bare advance (its Latin font's, 0.32 em) and PDFium
    marks the space it guesses there as generated: in a row otherwise set solid that white is a space."""
    assert _first_line(_glyphs([("中共中央", 0), ("国务院", 0.318)])) == "中共中央 国务院"
    assert (
        _first_line(_glyphs([("中共中央办公厅", 0), ("国务院办公厅", 0.5)])) == "中共中央办公厅 国务院办公厅"
    )
    assert _first_line(_glyphs([("省长", 0), ("孟凡利", 0.318)])) == "省长 孟凡利"


def test_white_spread_over_a_row_or_beside_marks_and_digits_stays_no_space():
    """Distributed titles (通 知), rows justified letter by letter, CNKI's tracked rows, a mark's own white
    and WPS's quarter em beside digits are layout, not a typed space."""
    assert _first_line(_glyphs([("通", 0), ("知", 0.6)])) == "通知"
    assert _first_line(_glyphs([("决", 0), ("定", 0.5), ("书", 0.5)])) == "决定书"
    spread = [(char, 0.4 if k else 0) for k, char in enumerate("关于加强城市更新工作的通知")]
    assert _first_line(_glyphs(spread)) == "关于加强城市更新工作的通知"
    assert _first_line(_glyphs([("分别达6.9万元、", 0), ("增长", 0.4)])) == "分别达6.9万元、增长"
    assert _first_line(_glyphs([("增长", 0), ("5%", 0.26), ("左右", 0.26)])) == "增长5%左右"
    # justified: a little white after every glyph, none wider than the rest
    even = [(char, 0.04 if k else 0) for k, char in enumerate("各省、自治区、直辖市人民政府，国务院各部委")]
    assert _first_line(_glyphs(even)) == "各省、自治区、直辖市人民政府，国务院各部委"


# ---------------------------------------------------------------- HTML: the page's own title


def _govcn_page(title: str, body: list[str]) -> bytes:
    """A gov.cn policy page: the title only in the 标题 row of the 信息公开 box, the body below it."""
    paragraphs = "\n".join(f"<p>{line}</p>" for line in body)
    return f"""<html><head><meta charset="utf-8"><title>{title}_中国政府网</title></head><body>
<div class="nav"><a href="/">首页</a> &gt; <a href="/zhengce/">政策</a></div>
<table class="bd1"><tr><td><b>索 引 号：</b></td><td>000014349/2022-00012</td>
<td><b>发文机关：</b></td><td>上海市农业农村委员会</td></tr>
<tr><td><b>标　　题：</b></td><td colspan="3">{title}</td></tr>
<tr><td><b>发文字号：</b></td><td>沪农委〔2022〕101号</td><td><b>成文日期：</b></td><td>2022年05月26日</td></tr>
</table>
<div class="pages_content" id="UCAP-CONTENT">
{paragraphs}
</div><div class="footer">主办单位：某市人民政府办公厅</div></body></html>""".encode()


NOTICE = [
    "各区农业农村委、市属有关单位：",
    "为贯彻落实农业农村部有关工作部署，我委编制了《某市农业机械化发展实施意见》。现印发给你们，请结合实际贯彻执行。",
    "某市农业农村委员会",
    "2022年5月26日",
]
PLAN = [
    "一、指导思想",
    "坚持以习近平新时代中国特色社会主义思想为指导，推动农业机械化向全程、全面、高质、高效发展。",
    "二、发展目标",
    "到2025年，全市主要农作物耕种收综合机械化率达到98%以上。",
]


def _read(page: bytes):
    return document_from_source(read_html(page, path="page.html", name="page"))


def test_the_title_in_the_metadata_box_wins_over_the_attached_plans_nearly_equal_title():
    """The notice's body ends where the attached plan begins, under a title that differs from the page's only
    by its 《》: it is the plan's, and the page's own title opens the document."""
    title = "某市关于贯彻落实“十四五”全国农业机械化发展规划的实施意见"
    plan_title = "某市关于贯彻落实《“十四五”全国农业机械化发展规划》的实施意见"
    document = _read(_govcn_page(title, [*NOTICE, plan_title, *PLAN]))
    assert document.metadata.title == title
    assert document.text.startswith(title + "\n")
    assert plan_title in document.text


def test_a_body_that_opens_with_the_boxed_title_is_not_given_it_twice():
    """A title the body opens with, after a date line or the issuer over it, is that title: no second copy."""
    title = "某市农业农村委员会关于贯彻落实全国农业机械化发展规划的实施意见"
    issuer_over_it = ["某市农业农村委员会", "关于贯彻落实全国农业机械化发展规划的实施意见"]
    for opening in ([title], ["2022-05-26 来源：某市农业农村委员会", title], issuer_over_it):
        document = _read(_govcn_page(title, [*opening, *PLAN]))
        assert document.metadata.title == title
        assert document.text.replace("\n", "").count("全国农业机械化发展规划的实施意见") == 1


# ---------------------------------------------------------------- PDF: a short text typed in two columns


def _column_page(rows: list[tuple[str, float]], size: float = 12.0) -> PageText:
    """A page with text in a left column only, 17 ems wide: (text, indent in ems) a row."""
    chars: list = []
    for index, (text, indent) in enumerate(rows):
        x = LEFT + indent * size
        for char in text:
            chars.append((x, x + size, 100.0 + index * 16.0, 100.0 + index * 16.0 + size, size, char))
            x += size
    return PageText(1, 595.0, 842.0, tuple(fragments_of(chars)), len(chars), 0)


def _paragraphs(page: PageText) -> list[str]:
    return "\n".join(text for text, _ in layout_lines([page])).replace("\u3000", "").split("\n\n")


def test_a_short_text_in_the_first_of_two_columns_rejoins_its_wrapped_lines():
    """A one-page text set in two columns fills part of the first: its full lines end at the column's edge,
    half the page from the right margin, and still wrap on."""
    first = "三月五日下午，国务院新闻办公室举行吹风会，解读政府工作报告有关情况，并答记者问。"
    second = (
        "政府工作报告提出，今年国内生产总值预期增长百分之五点五左右，结合当前复杂严峻的国内外经济环境设定。"
    )
    third = "国务院研究室副主任介绍，目标的设定首先是考虑了稳就业、保民生、防风险的需要。"
    rows = []
    for paragraph in (first, second, third):
        rows.append((paragraph[:15], 2))
        rows += [(paragraph[k : k + 17], 0) for k in range(15, len(paragraph), 17)]
    assert [p.replace("\n", "") for p in _paragraphs(_column_page(rows))] == [first, second, third]


def test_short_ragged_lines_in_a_narrow_strip_stay_apart():
    """Lines that end where their words end (a list of names, a signature block) are no wrapped paragraph."""
    rows = [("某市发展和改革委员会", 0), ("某市财政局", 0), ("某市自然资源局", 0), ("某市生态环境局", 0)]
    rows += [("某市住房和城乡建设委员会", 0), ("某市交通委员会", 0)]
    assert len(_paragraphs(_column_page(rows))) == 6


# ---------------------------------------------------------------- PDF: one glyph for several characters


def _installed(family: str) -> bool:
    import shutil
    import subprocess

    if shutil.which("fc-list") is None:
        return False
    found = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True, check=False).stdout
    return family in found


def test_a_dash_pair_shaped_as_one_glyph_keeps_both_dashes(tmp_path):
    """LibreOffice shapes "——" in Noto CJK as one two-em glyph mapped to both dashes; PDFium gives both
    the glyph's box, which read as one glyph drawn twice. A face that draws each dash must not change."""
    import docx
    from docx.oxml.ns import qn

    from policykit.pipeline import load_document
    from tests import office

    if office.soffice() is None or not _installed("Noto Serif CJK SC"):
        pytest.skip("needs LibreOffice and the Noto Serif CJK SC font")
    line = "——经济运行保持在合理区间，主要体现为“三个转变”——从线下服务为主向线上转变。"
    document = docx.Document()
    for face in ("Noto Serif CJK SC", "仿宋_GB2312"):
        run = document.add_paragraph().add_run(line)
        run.font.name = face
        run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), face)
    document.save(str(tmp_path / "dashes.docx"))
    office.convert([tmp_path / "dashes.docx"], "pdf", tmp_path)
    text = load_document(tmp_path / "dashes.pdf").text
    assert text.split() == [line, line]


# ---------------------------------------------------------------- PDF: rows distributed over the column


def _spread(text: str, width: float = 27.0) -> list:
    """`text` distributed over `width` ems as LibreOffice sets w:jc="distribute": the white between
    ideographs, digits and Latin kept solid at half an em."""
    units = [[text[0]]]
    for char in text[1:]:
        if char.isascii() and units[-1][-1].isascii():
            units[-1].append(char)
        else:
            units.append([char])
    widths = [sum(0.5 if c.isascii() else 1.0 for c in unit) for unit in units]
    white = (width - sum(widths)) / max(len(units) - 1, 1)
    parts, x = [], 0.0
    for unit in units:
        parts.append(("".join(unit), white if parts else 0.0))
    chars: list = []
    for text_, gap in parts:
        x += gap * SIZE
        for char in text_:
            step = 0.5 if char.isascii() else 1.0
            chars.append((LEFT + x, LEFT + x + step * SIZE, 100.0, 100.0 + SIZE, SIZE, char))
            x += step * SIZE
    return chars


def test_a_distributed_row_reads_without_spaces_whatever_it_holds():
    """A distributed heading keeps its digits solid (二、2015年工作总体部署), and a title's last row may hold
    only two ideographs at the column's edges (通 知): the white is the alignment's."""
    assert _first_line(_spread("二、2015年工作总体部署")) == "二、2015年工作总体部署"
    assert _first_line(_spread("（2023年）》的通知")) == "（2023年）》的通知"
    assert _first_line(_spread("通知")) == "通知"


def test_rows_with_typed_white_keep_their_spaces():
    """Words set solid with white typed between them are no distributed row."""
    assert _first_line(_glyphs([("第一章", 0), ("总则", 1), ("第二章", 1)])) == "第一章 总则 第二章"
    assert _first_line(_glyphs([("省长", 0), ("孟凡利", 6)])) == "省长 孟凡利"
    assert _first_line(_glyphs([("2015", 0), ("2016", 2)])) == "2015 2016"


# ---------------------------------------------------------------- PDF: a regulation's page is no two columns

# The fragments (x0, x1, top, characters) of a regulation's first page printed by LibreOffice in Noto Sans
# CJK at 12 pt, its page number last: 第一条　… labels and the history note's 　根据 set apart by bare U+3000 advances, and one
# row whose last words stand right of a one-em space; the text is invented, the geometry measured.
# fmt: off
_REGULATION_PAGE = [
    (171.8, 423.8, 77.1, 14), (102.6, 510.7, 105.3, 36), (72.1, 521.9, 125.3, 39), (72.1, 522.8, 145.3, 38),
    (72.1, 84.1, 165.3, 1), (96.3, 497.6, 165.3, 35), (509.9, 521.9, 165.3, 1), (72.1, 522.9, 185.3, 39),
    (72.1, 431.6, 205.3, 30), (444.5, 523.3, 205.3, 8), (72.1, 523.2, 225.3, 38), (72.1, 384.8, 245.3, 27),
    (96.1, 132.1, 265.3, 3), (144.1, 156.1, 265.3, 1), (168.1, 180.1, 265.3, 1), (96.5, 132.9, 285.3, 3),
    (145.3, 523.1, 285.3, 31), (72.1, 523.0, 305.3, 37), (72.1, 186.1, 325.3, 10), (96.5, 132.9, 345.3, 3),
    (145.3, 523.1, 345.3, 31), (72.1, 246.1, 365.3, 15), (96.1, 318.1, 385.3, 19), (96.5, 132.9, 405.3, 3),
    (145.3, 523.1, 405.3, 31), (72.1, 523.0, 425.3, 37), (72.1, 114.1, 445.3, 4), (96.5, 523.0, 465.3, 35),
    (72.1, 198.1, 485.3, 11), (96.5, 132.9, 505.3, 3), (145.3, 523.1, 505.3, 31), (72.1, 523.0, 525.3, 37),
    (72.1, 210.1, 545.3, 12), (96.1, 132.1, 565.3, 3), (144.1, 216.1, 565.3, 6), (96.5, 132.9, 585.3, 3),
    (145.3, 517.1, 585.3, 31), (72.1, 523.0, 605.3, 37), (72.1, 523.0, 625.3, 37), (72.1, 90.1, 645.3, 2),
    (96.5, 523.0, 665.3, 35), (72.1, 523.0, 685.3, 37), (72.1, 318.1, 705.3, 21), (275.8, 319.7, 790.3, 5),
]
# fmt: on


def test_a_few_words_right_of_a_typed_space_are_no_column():
    """Two short pieces right of a wide strip, with a full row between them, are no second column: the
    page is one column, and no row of it is cut in two."""
    from policykit.pdf import Fragment
    from policykit.pdf.columns import document_gutters

    fragments = tuple(
        Fragment("某" * count, x0, x1, top, top + 12.0, 12.0, row)
        for row, (x0, x1, top, count) in enumerate(_REGULATION_PAGE)
    )
    page = PageText(1, 595.0, 842.0, fragments, 1000, 0)
    assert document_gutters([page]) == [[]]


# ---------------------------------------------------------------- Word: numbering through a list style


def _list_style_docx(path, linked: bool = True) -> None:
    """A .docx whose headings are numbered by a list style, as Word writes a template's multilevel list: the
    paragraphs' list points (w:numStyleLink) to a numbering style whose own list (w:styleLink) has the levels.
    Unlinked, the paragraphs' list holds the levels itself."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    w = nsdecls("w")
    levels = (
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
        '<w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
        '<w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/></w:lvl>'
    )
    document = docx.Document()
    numbering = document.part.numbering_part.element
    owner = f'<w:abstractNum {w} w:abstractNumId="71"><w:multiLevelType w:val="multilevel"/>'
    user = f'<w:abstractNum {w} w:abstractNumId="72"><w:multiLevelType w:val="multilevel"/>'
    if linked:
        owner += f'<w:styleLink w:val="GongwenList"/>{levels}</w:abstractNum>'
        user += '<w:numStyleLink w:val="GongwenList"/></w:abstractNum>'
    else:
        owner += "</w:abstractNum>"
        user += f"{levels}</w:abstractNum>"
    for abstract in (owner, user):
        numbering.insert(0, parse_xml(abstract))
    numbering.append(parse_xml(f'<w:num {w} w:numId="81"><w:abstractNumId w:val="71"/></w:num>'))
    numbering.append(parse_xml(f'<w:num {w} w:numId="82"><w:abstractNumId w:val="72"/></w:num>'))
    document.styles.element.append(
        parse_xml(
            f'<w:style {w} w:type="numbering" w:styleId="GongwenList"><w:name w:val="公文编号"/>'
            '<w:pPr><w:numPr><w:numId w:val="81"/></w:numPr></w:pPr></w:style>'
        )
    )
    document.add_paragraph("某市关于推进城市更新的实施意见")
    for level, text in ((0, "总体要求"), (1, "指导思想"), (1, "工作目标"), (0, "重点任务")):
        paragraph = document.add_paragraph(text)
        paragraph._p.get_or_add_pPr().append(
            parse_xml(f'<w:numPr {w}><w:ilvl w:val="{level}"/><w:numId w:val="82"/></w:numPr>')
        )
        paragraph.add_run("。" if level == 1 else "")
        if level == 1:
            paragraph.add_run("到2027年，完成改造任务。")
    document.save(str(path))


@pytest.mark.parametrize(
    "linked",
    [True, False],
)
def test_headings_numbered_by_a_list_style_keep_their_numbers(tmp_path, linked):
    from policykit.pipeline import load_document

    _list_style_docx(tmp_path / "listed.docx", linked)
    document = load_document(tmp_path / "listed.docx")
    assert [c.number for c in document.walk() if c.number] == ["一、", "（一）", "（二）", "二、"]
