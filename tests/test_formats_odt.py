"""OpenDocument text (.odt): LibreOffice's own saves of Word files and corpus documents, and hand-built
content.xml for what LibreOffice and WPS put there (notes, comments, tracked changes, merged cells)."""

from __future__ import annotations

import io
import subprocess
import zipfile
from pathlib import Path

import pytest

from policykit.cli import app
from policykit.errors import InputError
from policykit.formats import detect_format
from policykit.ingest import read_source
from policykit.pipeline import load_document
from policykit.zh.chars import squash
from tests import office
from tests.conftest import CORPUS, ROOT, assert_one_error_line
from tests.test_formats_word97 import FIXTURE as WORD97_LISTS
from tests.test_formats_word97 import PRINTED, build_numbered_docx

ROUND_TRIP = (
    "shanghai-urban-renewal-regulation-2021",
    "gov-work-report-2021",
    "national-digital-economy-14th-fyp",
)
FORMATS = ROOT.parent / "shared" / "formats"
MIMETYPE = "application/vnd.oasis.opendocument.text"
NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"'
)


def soffice_convert(sources: list[Path], suffix: str, out: Path, export: str = "") -> list[Path]:
    """Save files as `suffix` with LibreOffice (the test process's kept-open soffice, tests/office.py)."""
    try:
        office.convert(sources, export or suffix, out)
    except FileNotFoundError:
        pytest.skip("LibreOffice (soffice) not installed: the .odt/.rtf it writes cannot be made")
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
        pytest.skip(f"LibreOffice could not convert the fixtures here ({error})")
    converted = [out / f"{s.stem}.{suffix}" for s in sources]
    missing = [p.name for p in converted if not p.exists()]
    if missing:
        pytest.skip(f"LibreOffice did not write {missing}")
    return converted


def corpus_docx(name: str, folder: Path, indent: bool = False) -> Path:
    """A corpus document as Word would hold it: one paragraph per line (as the .docx round trip writes it);
    with `indent`, a line's leading spaces become the paragraph's first-line indent, as Word users set it."""
    import docx
    from docx.shared import Pt

    path = CORPUS / f"{name}.txt"
    if not path.exists():
        pytest.skip(f"corpus document {path.name} not found at {CORPUS}")
    written = docx.Document()
    for line in read_source(path).lines:
        text = line.text.lstrip(" \u3000") if indent else line.text
        paragraph = written.add_paragraph(text)
        if text and text != line.text:
            paragraph.paragraph_format.first_line_indent = Pt(32)
    target = folder / f"{name}{'-indented' if indent else ''}.docx"
    written.save(str(target))
    return target


INDENTED = "shanghai-tech-trading-venue-rules-2025"  # 64 of its 148 lines start indented


def office_sources(folder: Path) -> list[Path]:
    """The Word files LibreOffice saves as .odt and .rtf for the tests: corpus documents (one with first-line
    indents), multi-level numbering, a numbered list in a table cell, a Word 97 list file, the shared .docx."""
    sources = [corpus_docx(name, folder) for name in ROUND_TRIP]
    sources.append(corpus_docx(INDENTED, folder, indent=True))
    build_numbered_docx(folder / "numbered.docx")
    build_table_docx(folder / "table.docx")
    sources += [folder / "numbered.docx", folder / "table.docx"]
    sources.append(WORD97_LISTS)  # Word 97 lists with display-levels that the number pattern overrides
    sources += sorted(FORMATS.glob("*.docx")) if FORMATS.is_dir() else []
    return sources


def build_table_docx(path: Path) -> None:
    """A Word table whose cell holds a numbered list: the cell's paragraphs, numbers and all, are one cell."""
    import docx

    written = docx.Document()
    written.add_paragraph("一、主要任务")
    table = written.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text, table.cell(1, 0).text = "任务", "措施", "产业升级"
    cell = table.cell(1, 1)
    cell.paragraphs[0].text = "培育新兴产业。"
    cell.paragraphs[0].style = "List Number"
    cell.add_paragraph("改造传统产业。", style="List Number")
    written.add_paragraph("二、保障措施")
    written.add_paragraph("加强组织领导。")
    written.save(str(path))


TABLE_LINES = [
    "一、主要任务",
    "",
    "任务\t措施",
    "产业升级\t1.培育新兴产业。 2.改造传统产业。",
    "",
    "二、保障措施",
    "加强组织领导。",
]


@pytest.fixture(scope="module")
def libreoffice_odt(tmp_path_factory) -> dict[str, Path]:
    """Corpus documents, the numbered-list Word file and the shared .docx files, saved as .odt by LibreOffice."""
    folder = tmp_path_factory.mktemp("odt")
    return {path.stem: path for path in soffice_convert(office_sources(folder), "odt", folder / "out")}


def tree(path: Path) -> list[tuple[str, str, str]]:
    return [(c.id, c.kind, c.text) for c in load_document(path).walk()]


@pytest.mark.parametrize("name", ROUND_TRIP)
def test_libreoffice_odt_gives_the_txt_tree(libreoffice_odt, name):
    odt = libreoffice_odt[name]
    assert detect_format(odt.read_bytes(), ".odt") == "odt"
    assert tree(odt) == tree(CORPUS / f"{name}.txt")


def test_libreoffice_odt_of_the_shared_docx_files_reads_as_the_docx(libreoffice_odt):
    if not FORMATS.is_dir():
        pytest.skip(f"real-format files not found at {FORMATS}")
    for docx in sorted(FORMATS.glob("*.docx")):
        assert tree(libreoffice_odt[docx.stem]) == tree(docx), docx.name


@pytest.mark.parametrize("name", ["numbered", WORD97_LISTS.stem])
def test_odt_list_styles_print_numbers_as_word_does(libreoffice_odt, name):
    """Word's multi-level 一、/（一）/1. and 第N条 lists (.docx, and .doc whose levels say display-levels=2
    but whose pattern is （%2%）), saved as .odt, print the same numbers."""
    lines = [line.text for line in read_source(libreoffice_odt[name]).lines if line.text.strip()]
    assert lines == PRINTED


def test_odt_first_line_indents_print_as_the_docx_reader_prints_them(libreoffice_odt, tmp_path):
    docx = corpus_docx(INDENTED, tmp_path, indent=True)
    expected = [line.text for line in read_source(docx).lines]
    assert sum(line.startswith("\u3000\u3000") for line in expected) > 20
    assert [line.text for line in read_source(libreoffice_odt[docx.stem]).lines] == expected


def test_odt_table_cell_with_a_numbered_list_reads_as_the_docx(libreoffice_odt, tmp_path):
    build_table_docx(tmp_path / "table.docx")
    assert [line.text for line in read_source(tmp_path / "table.docx").lines] == TABLE_LINES
    assert [line.text for line in read_source(libreoffice_odt["table"]).lines] == TABLE_LINES


# ---------------------------------------------------------------- content.xml as written by hand


def build_odt(body: str, automatic_styles: str = "", mimetype: str = MIMETYPE, styles: str = "") -> bytes:
    """An .odt package as LibreOffice lays it out: mimetype first and stored, then content.xml and styles.xml."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        if mimetype:
            package.writestr(zipfile.ZipInfo("mimetype"), mimetype, zipfile.ZIP_STORED)
        package.writestr(
            "content.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {NS} office:version="1.3">'
            f"<office:automatic-styles>{automatic_styles}</office:automatic-styles>"
            f"<office:body><office:text>{body}</office:text></office:body></office:document-content>",
        )
        package.writestr(
            "styles.xml",
            f"<office:document-styles {NS}><office:styles>{styles}</office:styles></office:document-styles>",
        )
        package.writestr(
            "META-INF/manifest.xml",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
            'manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:version="1.3" '
            'manifest:media-type="application/vnd.oasis.opendocument.text"/>'
            '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
            '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
            "</manifest:manifest>",
        )
    return buffer.getvalue()


def odt_lines(tmp_path: Path, body: str, styles: str = "", name: str = "doc.odt") -> list[str]:
    path = tmp_path / name
    path.write_bytes(build_odt(body, styles))
    return [line.text for line in read_source(path).lines]


def test_spaces_tabs_breaks_and_what_is_not_text(tmp_path):
    body = (
        '<text:tracked-changes><text:changed-region xml:id="c1"><text:deletion><text:p>删掉的旧条文</text:p>'
        "</text:deletion></text:changed-region></text:tracked-changes>"
        '<text:h text:outline-level="1">第一章<text:s text:c="2"/>总则</text:h>'
        '<text:p>第一条<text:tab/>为了规范管理<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation>'
        "<text:note-body><text:p>脚注内容</text:p></text:note-body></text:note>，制定本办法。"
        "<office:annotation><dc:creator>审稿人</dc:creator><text:p>批注：再斟酌</text:p></office:annotation></text:p>"
        "<text:p>第二条 本办法所称<text:span>城市更新</text:span>，是指：<text:line-break/>（一）加强基础设施；</text:p>"
        "<text:p><text:ruby><text:ruby-base>垚</text:ruby-base><text:ruby-text>yáo</text:ruby-text></text:ruby>"
        "山村</text:p>"
        '<text:section text:name="附件"><text:p>附件：<text:a xlink:href="x" '
        'xmlns:xlink="http://www.w3.org/1999/xlink">实施细则</text:a></text:p></text:section>'
    )
    assert odt_lines(tmp_path, body) == [
        "第一章  总则",
        "第一条 为了规范管理，制定本办法。",
        "第二条 本办法所称城市更新，是指：",
        "（一）加强基础设施；",
        "垚山村",
        "附件：实施细则",
    ]


def test_first_line_indent_comes_from_the_paragraph_style_chain(tmp_path):
    """A positive fo:text-indent, on the paragraph's automatic style or a style it inherits, prints as the
    .docx reader prints Word's first-line indent; a hanging indent or an override to 0 does not."""
    named = (
        '<style:style style:name="Text_20_body" style:family="paragraph">'
        '<style:paragraph-properties fo:text-indent="0.2217in"/></style:style>'
    )
    automatic = (
        '<style:style style:name="P1" style:family="paragraph" style:parent-style-name="Text_20_body"/>'
        '<style:style style:name="P2" style:family="paragraph"><style:paragraph-properties '
        'fo:margin-left="0.25in" fo:text-indent="-0.25in"/></style:style>'
        '<style:style style:name="P3" style:family="paragraph" style:parent-style-name="Text_20_body">'
        '<style:paragraph-properties fo:text-indent="0in"/></style:style>'
    )
    body = (
        '<text:p text:style-name="P3">上海市人民政府</text:p>'
        '<text:p text:style-name="P1">为了规范管理，制定本办法。</text:p>'
        '<text:p text:style-name="Text_20_body">本办法自发布之日起施行。</text:p>'
        '<text:p text:style-name="P1">\u3000\u3000已经打上空格的段落。</text:p>'
        '<text:p text:style-name="P2">（一）悬挂缩进的条目；</text:p>'
    )
    path = tmp_path / "indent.odt"
    path.write_bytes(build_odt(body, automatic, styles=named))
    assert [line.text for line in read_source(path).lines] == [
        "上海市人民政府",
        "\u3000\u3000为了规范管理，制定本办法。",
        "\u3000\u3000本办法自发布之日起施行。",
        "\u3000\u3000已经打上空格的段落。",
        "（一）悬挂缩进的条目；",
    ]


def test_odt_table_is_one_table_clause_with_merged_and_repeated_cells(tmp_path):
    cell = '<table:table-cell office:value-type="string"><text:p>{}</text:p></table:table-cell>'
    body = (
        "<text:p>一、主要指标</text:p>"
        '<table:table table:name="表1"><table:table-column table:number-columns-repeated="3"/>'
        "<table:table-header-rows><table:table-row>"
        + cell.format("指标")
        + '<table:table-cell table:number-columns-spanned="2"><text:p>目标</text:p></table:table-cell>'
        "<table:covered-table-cell/></table:table-row></table:table-header-rows>"
        "<table:table-row>"
        + cell.format("森林覆盖率")
        + cell.format("42%")
        + cell.format("约束性")
        + "</table:table-row>"
        "<table:table-row>"
        + cell.format("PM2.5浓度")
        + "<table:table-cell><text:p>30</text:p><text:p>微克/立方米</text:p></table:table-cell>"
        + cell.format("预期性")
        + "</table:table-row>"
        '<table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="3"/>'
        "</table:table-row></table:table>"
        "<text:p>二、保障措施</text:p><text:p>加强组织领导。</text:p>"
    )
    path = tmp_path / "plan.odt"
    path.write_bytes(build_odt(body))
    document = load_document(path)
    tables = [c for c in document.walk() if c.kind == "table"]
    assert [t.text.splitlines() for t in tables] == [
        ["指标\t目标", "森林覆盖率\t42%\t约束性", "PM2.5浓度\t30 微克/立方米\t预期性"]
    ]
    lines = [line.text for line in read_source(path).lines]
    assert "指标\t目标\t" in lines  # the merged cell's hidden half is an empty cell, as in the .docx reader
    assert [c.number for c in document.walk() if c.kind == "section"] == ["一、", "二、"]


def test_one_column_table_is_a_box_of_paragraphs(tmp_path):
    body = (
        "<table:table><table:table-row><table:table-cell><text:p>第一条 为了规范管理，制定本办法。</text:p>"
        "<text:p>第二条 本办法自发布之日起施行。</text:p></table:table-cell></table:table-row></table:table>"
    )
    assert odt_lines(tmp_path, body) == [
        "第一条 为了规范管理，制定本办法。",
        "第二条 本办法自发布之日起施行。",
    ]


LIST_STYLES = (
    '<text:list-style style:name="L1">'
    '<text:list-level-style-number text:level="1" style:num-format="一, 二, 三, ..." style:num-suffix="、">'
    '<style:list-level-properties text:list-level-position-and-space-mode="label-alignment">'
    '<style:list-level-label-alignment text:label-followed-by="nothing"/></style:list-level-properties>'
    "</text:list-level-style-number>"
    '<text:list-level-style-number text:level="2" style:num-format="一, 二, 三, ..." style:num-prefix="（" '
    'style:num-suffix="）"/>'
    '<text:list-level-style-number text:level="3" style:num-format="1" style:num-suffix="."/>'
    "</text:list-style>"
    '<text:list-style style:name="L2"><text:list-level-style-bullet text:level="1" text:bullet-char="●"/>'
    "</text:list-style>"
)
LIST_BODY = (
    '<text:list text:style-name="L1"><text:list-item><text:p>总体要求</text:p></text:list-item>'
    "<text:list-item><text:p>重点任务</text:p><text:list><text:list-item><text:p>推进产业升级</text:p>"
    "<text:list><text:list-item><text:p>培育新兴产业集群。</text:p></text:list-item></text:list>"
    "</text:list-item><text:list-item><text:p>强化要素保障</text:p></text:list-item></text:list>"
    "</text:list-item></text:list>"
    "<text:p>两项任务之间的说明。</text:p>"
    '<text:list text:style-name="L1" text:continue-numbering="true">'
    "<text:list-item><text:p>保障措施</text:p></text:list-item></text:list>"
    '<text:list text:style-name="L2"><text:list-item><text:p>（一）已经打上的编号保留。</text:p></text:list-item>'
    "</text:list>"
)


def test_list_numbers_come_from_the_list_style_and_typed_numbers_stay(tmp_path):
    assert odt_lines(tmp_path, LIST_BODY, LIST_STYLES) == [
        "一、总体要求",
        "二、重点任务",
        "（一）推进产业升级",
        "1.培育新兴产业集群。",
        "（二）强化要素保障",
        "两项任务之间的说明。",
        "三、保障措施",
        "（一）已经打上的编号保留。",
    ]


def test_a_number_the_saving_program_wrote_down_is_used(tmp_path):
    """text:number caches the printed number (some converters write it, with no list style behind it)."""
    body = (
        "<text:list><text:list-item><text:number>第五条</text:number><text:p>程序写下的编号照用。</text:p>"
        '</text:list-item></text:list><text:h text:outline-level="1"><text:number>三、</text:number>保障措施</text:h>'
    )
    assert odt_lines(tmp_path, body) == ["第五条程序写下的编号照用。", "三、保障措施"]


OUTLINE_STYLE = (
    '<text:outline-style style:name="Outline">'
    '<text:outline-level-style text:level="1" style:num-format="一, 二, 三, ..." style:num-prefix="第" '
    'style:num-suffix="章"><style:list-level-properties><style:list-level-label-alignment '
    'text:label-followed-by="space"/></style:list-level-properties></text:outline-level-style>'
    '<text:outline-level-style text:level="2" style:num-format="一, 二, 三, ..." style:num-prefix="第" '
    'style:num-suffix="节"/>'
    '<text:outline-level-style text:level="3" style:num-format=""/>'
    "</text:outline-style>"
)
OUTLINE_BODY = (
    '<text:h text:outline-level="1">总则</text:h><text:p>为了规范管理，制定本办法。</text:p>'
    '<text:h text:outline-level="2">适用范围</text:h><text:h text:outline-level="3">说明</text:h>'
    '<text:h text:outline-level="2">基本原则</text:h>'
    '<text:h text:outline-level="1">附则</text:h>'
    '<text:h text:outline-level="1" text:is-list-header="true">附件</text:h>'
)


def test_headings_take_chapter_numbers_from_the_outline_style(tmp_path):
    """LibreOffice's chapter numbering (Tools > Heading Numbering) lives in styles.xml, not in the text."""
    path = tmp_path / "rules.odt"
    path.write_bytes(build_odt(OUTLINE_BODY, styles=OUTLINE_STYLE))
    assert [line.text for line in read_source(path).lines] == [
        "第一章\u3000总则",
        "为了规范管理，制定本办法。",
        "第一节\u3000适用范围",
        "说明",
        "第二节\u3000基本原则",
        "第二章\u3000附则",
        "附件",
    ]


def libreoffice_texts(paths: list[Path]) -> dict[Path, list[str]]:
    """What LibreOffice itself prints for each file (its plain-text export), without spaces or blank lines,
    and without bullets: like the .docx reader, this one prints numbers, not bullets. One soffice run for
    all of them (each run takes seconds to start); the files' stems must differ."""
    texts = soffice_convert(paths, "txt", paths[0].parent / "text", "txt:Text (encoded):UTF8")
    printed = {}
    for path, text in zip(paths, texts, strict=True):
        lines = [squash(line).lstrip("•●") for line in text.read_text("utf-8-sig").splitlines()]
        printed[path] = [line for line in lines if line]
    return printed


ORACLE = {"lists": (LIST_BODY, LIST_STYLES, ""), "outline": (OUTLINE_BODY, "", OUTLINE_STYLE)}
"""The numbered .odt files LibreOffice prints for test_numbers_are_those_libreoffice_prints: body,
automatic styles and styles.xml."""


@pytest.fixture(scope="module")
def printed_odt(tmp_path_factory) -> dict[str, tuple[Path, list[str]]]:
    """Each ORACLE file and what LibreOffice prints for it."""
    folder = tmp_path_factory.mktemp("odt-oracle")
    paths = []
    for name, (body, styles, outline) in ORACLE.items():
        paths.append(folder / f"{name}.odt")
        paths[-1].write_bytes(build_odt(body, styles, styles=outline))
    printed = libreoffice_texts(paths)
    return {path.stem: (path, printed[path]) for path in paths}


@pytest.mark.parametrize("name", ORACLE)
def test_numbers_are_those_libreoffice_prints(printed_odt, name):
    """The oracle: LibreOffice's own text export of the same .odt shows the same numbers and text."""
    path, printed = printed_odt[name]
    ours = [squash(line.text) for line in read_source(path).lines if squash(line.text)]
    assert ours == printed


def test_detection_by_content_for_a_misnamed_odt(tmp_path):
    data = build_odt("<text:p>第一条 为了规范管理，制定本办法。</text:p>")
    for suffix in (".doc", ".zip", ".txt", ""):
        assert detect_format(data, suffix) == "odt"
    path = tmp_path / "notice.doc"
    path.write_bytes(data)
    assert read_source(path).lines[0].text == "第一条 为了规范管理，制定本办法。"
    without = build_odt("<text:p>第一条</text:p>", mimetype="")  # some tools leave the mimetype out
    assert detect_format(without, ".odt") == "odt"
    template = build_odt("<text:p>第一条 模板里的正文。</text:p>", mimetype=MIMETYPE + "-template")
    assert detect_format(template, ".ott") == "odt"


@pytest.mark.parametrize(
    ("mimetype", "named"),
    [
        ("application/vnd.oasis.opendocument.presentation", "presentation"),
        ("application/vnd.oasis.opendocument.graphics", "graphics"),
    ],
)
def test_other_opendocument_kinds_are_refused_by_name(mimetype, named):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("mimetype", mimetype)
        package.writestr("content.xml", f"<office:document-content {NS}/>")
    with pytest.raises(InputError, match=f"OpenDocument {named}"):
        detect_format(buffer.getvalue(), ".ods")


def test_truncated_odt_gives_one_error_line(tmp_path, runner):
    data = build_odt("<text:p>第一条 为了规范管理，制定本办法。</text:p>" * 200)
    path = tmp_path / "truncated.odt"
    path.write_bytes(data[: len(data) // 2])
    assert_one_error_line(runner, path, "cannot be opened")


def test_odt_with_damaged_xml_gives_one_error_line(tmp_path, runner):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        package.writestr(
            "content.xml", f"<office:document-content {NS}><office:body><office:text><text:p>第一条"
        )
    path = tmp_path / "damaged.odt"
    path.write_bytes(buffer.getvalue())
    assert_one_error_line(runner, path, "damaged content.xml")


def test_odt_without_content_gives_one_error_line(tmp_path, runner):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.text")
    path = tmp_path / "hollow.odt"
    path.write_bytes(buffer.getvalue())
    assert_one_error_line(runner, path, "no content.xml")


def test_odt_without_text_says_so(tmp_path):
    path = tmp_path / "empty.odt"
    path.write_bytes(build_odt("<text:p/><text:p><text:s/></text:p>"))
    with pytest.raises(InputError, match="no text found"):
        read_source(path)


def test_folder_walk_and_search_pick_up_odt_rtf_and_mht(tmp_path, runner, monkeypatch):
    from policykit.files import expand_paths
    from tests.test_formats_mhtml import LINES, blink_mhtml, gov_page
    from tests.test_formats_rtf import word_rtf

    (tmp_path / "a.odt").write_bytes(build_odt("<text:p>第一条 推进老旧小区改造。</text:p>"))
    (tmp_path / "b.rtf").write_bytes(word_rtf(["第一条 推进老旧小区改造。"]))
    (tmp_path / "c.mht").write_bytes(blink_mhtml(gov_page(LINES)))
    (tmp_path / "d.mhtml").write_bytes(blink_mhtml(gov_page(LINES)))
    (tmp_path / "e.odp").write_bytes(b"x")  # slides are no document (spreadsheets are)
    found = [Path(p).name for p in expand_paths([str(tmp_path)]).files]
    assert found == ["a.odt", "b.rtf", "c.mht", "d.mhtml"]
    monkeypatch.setenv("POLICYKIT_CACHE_DIR", str(tmp_path / "cache"))
    result = runner.invoke(
        app, ["search", "老旧小区", str(tmp_path / "a.odt"), str(tmp_path / "b.rtf"), str(tmp_path / "c.mht")]
    )
    assert result.exit_code == 0, result.output
    for name in ("a", "b", "c"):
        assert name in result.output


def test_flat_odt_reads_as_the_package(tmp_path):
    """LibreOffice's flat XML (.fodt: styles and body in one file) is found by its root and read the same."""
    build_numbered_docx(tmp_path / "numbered.docx")
    (flat,) = soffice_convert([tmp_path / "numbered.docx"], "fodt", tmp_path / "out")
    data = flat.read_bytes()
    assert not data.startswith(b"PK")
    for suffix in (".fodt", ".xml", ".txt"):
        assert detect_format(data, suffix) == "odt"
    assert [line.text for line in read_source(flat).lines if line.text.strip()] == PRINTED


def test_sections_nested_past_the_stack_give_one_error(tmp_path):
    depth = 1500  # under libxml2's own limit (2048), past Python's stack
    body = '<text:section text:name="s">' * depth + "<text:p>第一条</text:p>" + "</text:section>" * depth
    path = tmp_path / "deep.odt"
    path.write_bytes(build_odt(body))
    with pytest.raises(InputError, match="too deeply"):
        read_source(path)


def test_password_protected_odt_says_so(tmp_path, runner):
    """LibreOffice encrypts content.xml and says so in the manifest: the message says what to do."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr(zipfile.ZipInfo("mimetype"), MIMETYPE, zipfile.ZIP_STORED)
        package.writestr("content.xml", bytes(range(256)) * 8)
        package.writestr(
            "META-INF/manifest.xml",
            '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
            '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">'
            '<manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="x"/>'
            "</manifest:file-entry></manifest:manifest>",
        )
    path = tmp_path / "secret.odt"
    path.write_bytes(buffer.getvalue())
    assert_one_error_line(runner, path, "password-protected")
