"""RTF: Word-style files written by hand in GBK (\\ansicpg936, \\fcharset134, \\'hh bytes, \\uN with \\uc2),
and LibreOffice's own RTF saves (\\uN\\'3f) of corpus documents and of the shared .docx files."""

from __future__ import annotations

from pathlib import Path

import pytest

from policykit.cli import app
from policykit.errors import InputError
from policykit.formats import detect_format
from policykit.formats.rtf import rtf_text
from policykit.ingest import read_source
from policykit.pipeline import load_document
from policykit.zh.chars import squash
from tests.conftest import CORPUS, ROOT, assert_one_error_line, corpus_file
from tests.test_formats_odt import (
    INDENTED,
    TABLE_LINES,
    WORD97_LISTS,
    corpus_docx,
    libreoffice_texts,
    office_sources,
    soffice_convert,
)
from tests.test_formats_word97 import PRINTED

ROUND_TRIP = (
    "shanghai-urban-renewal-regulation-2021",
    "gov-work-report-2021",
    "national-digital-economy-14th-fyp",
)
FORMATS = ROOT.parent / "shared" / "formats"


def escape(text: str, codec: str = "gbk") -> str:
    """Write text as Word does in a \\ansicpg936 file: ASCII as is, Chinese as \\'hh GBK bytes, the rest \\uN."""
    out = []
    for char in text:
        if char in "\\{}":
            out.append("\\" + char)
        elif char == "\t":
            out.append("\\tab ")
        elif " " <= char <= "~":
            out.append(char)
        else:
            try:
                out.append("".join(f"\\'{byte:02x}" for byte in char.encode(codec)))
            except UnicodeEncodeError:
                out.append(f"\\u{ord(char) if ord(char) < 32768 else ord(char) - 65536}\\'3f\\'3f")
    # Word breaks its lines in the file every ~255 characters, between escapes; those line ends are not text.
    lines, width = [""], 0
    for piece in out:
        if width + len(piece) > 255:
            lines.append("")
            width = 0
        lines[-1] += piece
        width += len(piece)
    return "\r\n".join(lines)


def run(text: str) -> str:
    return (
        "{\\rtlch\\fcs1 \\af0 \\ltrch\\fcs0 \\f13\\fs32\\lang1033\\langfe2052\\hich\\af13\\dbch\\af13\\loch\\f13 "
        f"{escape(text)}}}"
    )


def word_rtf(paragraphs: list[str], tables: dict[int, list[list[str]]] | None = None) -> bytes:
    """An RTF file laid out as Word 2016 (Chinese) saves one: GBK code page, a 宋体 font, styles, info,
    a footer with a PAGE field, each paragraph in its own \\pard, tables as \\trowd rows before paragraph i."""
    tables = tables or {}
    head = (
        "{\\rtf1\\adeflang1025\\ansi\\ansicpg936\\uc2\\adeff0\\deff0\\stshfdbch13\\stshfloch0\\deflang1033"
        "\\deflangfe2052{\\fonttbl{\\f0\\fbidi \\froman\\fcharset0\\fprq2{\\*\\panose 02020603050405020304}"
        f"Times New Roman;}}{{\\f13\\fbidi \\fnil\\fcharset134\\fprq2{{\\*\\panose 02010600030101010101}}{escape('宋体')}"
        "{\\*\\falt SimSun};}}\r\n{\\colortbl;\\red0\\green0\\blue0;}"
        "{\\stylesheet{\\ql \\li0\\ri0\\widctlpar\\f13\\fs21 \\snext0 Normal;}"
        f"{{\\s1\\ql \\outlinelevel0 \\f13 \\sbasedon0 \\snext0 heading 1;}}}}{{\\info{{\\title {escape('另一份文件的标题')}}}"
        "{\\author Administrator}{\\creatim\\yr2024\\mo3\\dy1}}"
        "{\\*\\generator Microsoft Word 16.0}\\paperw11906\\paperh16838\r\n"
        "{\\footer \\pard\\plain \\qc {\\field{\\*\\fldinst {PAGE}}{\\fldrslt {- 1 -}}}\\par }\r\n"
    )
    body = []
    for index, text in enumerate(paragraphs):
        for row in tables.get(index, []):
            cells = "".join(f"\\clbrdrt\\brdrs\\cellx{2000 * (k + 1)}" for k in range(len(row)))
            body.append(f"\\trowd \\irow0\\trgaph108{cells}\\pard\\plain \\ltrpar\\intbl\\ql ")
            body.append("".join(f"{run(cell)}\\cell " for cell in row))
            body.append(f"{{\\trowd \\irow0\\trgaph108{cells}\\row }}\r\n")
        body_text = text.lstrip(" \u3000")
        indent = "\\fi640" if body_text != text else ""  # typed indent spaces become the first-line indent
        body.append(
            f"\\pard\\plain \\ltrpar\\qj {indent}\\widctlpar\\f13 {run(body_text) if body_text else ''}\\par\r\n"
        )
    return (head + "".join(body) + "}").encode("ascii")


def _lines(path: Path) -> list[str]:
    return [line.text for line in read_source(path).lines]


def tree(path: Path) -> list[tuple[str, str, str]]:
    return [(c.id, c.kind, c.text) for c in load_document(path).walk()]


@pytest.mark.parametrize("name", ROUND_TRIP)
def test_word_style_gbk_rtf_gives_the_txt_tree(tmp_path, name):
    path = corpus_file(name)
    target = tmp_path / f"{name}.rtf"
    target.write_bytes(word_rtf([line.text for line in read_source(path).lines]))
    assert b"\\'" in target.read_bytes() and "第".encode("gbk") not in target.read_bytes()
    assert tree(target) == tree(path)


@pytest.fixture(scope="module")
def libreoffice_rtf(tmp_path_factory) -> dict[str, Path]:
    """Corpus documents, the numbered-list Word file and the shared .docx files, saved as RTF by LibreOffice."""
    folder = tmp_path_factory.mktemp("rtf")
    return {path.stem: path for path in soffice_convert(office_sources(folder), "rtf", folder / "out")}


@pytest.mark.parametrize("name", ROUND_TRIP)
def test_libreoffice_rtf_gives_the_txt_tree(libreoffice_rtf, name):
    assert tree(libreoffice_rtf[name]) == tree(CORPUS / f"{name}.txt")


def test_libreoffice_rtf_of_the_shared_docx_files_reads_as_the_docx(libreoffice_rtf):
    if not FORMATS.is_dir():
        pytest.skip(f"real-format files not found at {FORMATS}")
    for docx in sorted(FORMATS.glob("*.docx")):
        assert tree(libreoffice_rtf[docx.stem]) == tree(docx), docx.name


@pytest.mark.parametrize("name", ["numbered", WORD97_LISTS.stem])
def test_rtf_list_numbers_are_the_listtext_word_writes(libreoffice_rtf, name):
    """{\\listtext 一、\\tab}: the number as printed, kept for readers without list tables, as this one."""
    assert [line for line in _lines(libreoffice_rtf[name]) if line.strip()] == PRINTED


def test_rtf_first_line_indents_print_as_the_docx_reader_prints_them(libreoffice_rtf, tmp_path):
    """\\fi640 (a positive first-line indent) prints as the .docx reader prints Word's first-line indent."""
    docx = corpus_docx(INDENTED, tmp_path, indent=True)
    expected = [line.text for line in read_source(docx).lines]
    assert sum(line.startswith("\u3000\u3000") for line in expected) > 20
    assert _lines(libreoffice_rtf[docx.stem]) == expected


def test_rtf_table_cell_with_a_numbered_list_reads_as_the_docx(libreoffice_rtf):
    """{\\listtext\\pard ...} inside a cell resets the number's look, not the paragraph's place in the table."""
    assert _lines(libreoffice_rtf["table"]) == TABLE_LINES


def test_rtf_table_is_one_table_clause(tmp_path):
    rows = [["指标", "2025年", "属性"], ["森林覆盖率", "42%", "约束性"], ["PM2.5浓度", "30", "预期性"]]
    path = tmp_path / "plan.rtf"
    path.write_bytes(
        word_rtf(["一、主要指标", "主要指标如下表。", "二、保障措施", "加强组织领导。"], {2: rows})
    )
    document = load_document(path)
    tables = [c for c in document.walk() if c.kind == "table"]
    assert [t.text.splitlines() for t in tables] == [["\t".join(row) for row in rows]]
    assert [c.number for c in document.walk() if c.kind == "section"] == ["一、", "二、"]


def test_what_is_not_body_text_stays_out():
    """Footnotes, comments, field codes, hidden text, pictures (hex and \\bin), the info block and padding
    after the last brace are not text."""
    rtf = (
        "{\\rtf1\\ansi\\ansicpg936\\deff0{\\fonttbl{\\f0\\fcharset134 SimSun;}}{\\info{\\title "
        + escape("标题")
        + "}}\\f0 "
        + escape("第一条 为了规范管理")
        + "{\\super\\chftn}{\\footnote \\pard\\plain {\\super\\chftn} "
        + escape("脚注：有关说明")
        + "}{\\*\\atnid ZS}{\\*\\atnauthor "
        + escape("张三")
        + "}\\chatn{\\*\\annotation \\pard "
        + escape("请再斟酌")
        + "}"
        + "{\\v "
        + escape("隐藏的书签文字")
        + "}\\v "
        + escape("也隐藏")
        + "\\v0 "
        + escape("，制定本办法。")
        + '\\par {\\field{\\*\\fldinst {HYPERLINK "http://www.gov.cn"}}{\\fldrslt {'
        + escape("中国政府网")
        + "}}}{\\*\\shppict{\\pict\\pngblip\\picw10 89504e470d0a1a0a}}{\\nonshppict{\\pict\\wmetafile8 0100}}"
        + "{\\pict\\bin5 }{\x00\x01{}\\par "
        + escape("第二条")
        + "\\line "
        + escape("本办法自发布之日起施行。")
        + "\\par }\x00\x00\x00"  # NUL padding after the document's group
    )
    assert rtf_text(rtf) == [
        "第一条 为了规范管理，制定本办法。",
        "中国政府网",
        "第二条",
        "本办法自发布之日起施行。",
    ]


MIXED_CODE_PAGES = (
    "{\\rtf1\\ansi\\ansicpg1252{\\fonttbl{\\f0\\fcharset0 Arial;}{\\f1\\fcharset134 SimSun;}"
    "{\\f2\\fcharset136 MingLiU;}}\\f0 Caf\\'e9 {\\f1 "
    + escape("上海市")
    + "}{\\f2 "
    + escape("臺北市", "big5")
    + "}\\par "
    + "\\uc0\\u-10176\\u-9216 \\par }"  # a character outside the BMP as a surrogate pair, no fallback
)


def test_text_box_lines_follow_their_paragraph_as_in_docx():
    """Word writes a text box as a shape whose {\\shptxt} holds its paragraphs, and an old-style copy in
    {\\shprslt} for older readers: the box is read once, after the paragraph it is anchored in."""
    box = (
        "{\\shp{\\*\\shpinst\\shpleft0\\shptop0\\shpright4000\\shpbottom800\\shpwr3"
        "{\\sp{\\sn shapeType}{\\sv 202}}{\\sp{\\sn fFilled}{\\sv 0}}"
        "{\\shptxt \\pard\\plain \\ltrpar\\qc \\f0 "
        + escape("上海市人民政府文件")
        + "\\par \\pard "
        + escape("沪府发〔2025〕1号")
        + "\\par }}{\\shprslt{\\*\\do\\dobxcolumn{\\*\\dptxbxtext "
        + escape("上海市人民政府文件")
        + "\\par }}}}"
    )
    rtf = (
        "{\\rtf1\\ansi\\ansicpg936{\\fonttbl{\\f0\\fcharset134 SimSun;}}\\f0 "
        + escape("第一条 版头")
        + box
        + escape("之后的文字。")
        + "\\par "
        + escape("第二条 正文。")
        + "\\par }"
    )
    assert rtf_text(rtf) == [
        "第一条 版头之后的文字。",
        "上海市人民政府文件",
        "沪府发〔2025〕1号",
        "第二条 正文。",
    ]


def test_bullets_print_no_number_as_in_docx():
    """Word's bullet list text ({\\listtext\\f3 \\'b7\\tab} in the Symbol font) and LibreOffice's (\\u8226)
    are bullets, not numbers: the .docx reader prints none, so neither does this one."""
    rtf = (
        "{\\rtf1\\ansi\\ansicpg936{\\fonttbl{\\f0\\fcharset134 SimSun;}{\\f3\\fcharset2 Symbol;}}\\f0 "
        "{\\listtext\\pard\\plain \\f3 \\'b7\\tab}"
        + escape("加强组织领导。")
        + "\\par {\\listtext\\pard\\plain \\u8226\\'3f\\tab}"
        + escape("强化资金保障。")
        + "\\par {\\listtext\\pard\\plain \\f0 "
        + escape("（三）")
        + "\\tab}"
        + escape("严格考核评估。")
        + "\\par }"
    )
    assert rtf_text(rtf) == ["加强组织领导。", "强化资金保障。", "（三）严格考核评估。"]


def test_code_page_comes_from_the_font_in_use():
    """An English-Windows file (\\ansicpg1252) with a GB2312 font and a Big5 font decodes each by its font."""
    assert rtf_text(MIXED_CODE_PAGES) == ["Café 上海市臺北市", "\U00020000"]


@pytest.fixture(scope="module")
def printed_rtf(tmp_path_factory) -> dict[str, tuple[Path, list[str]]]:
    """The oracle's samples as RTF, and what LibreOffice prints for them (one soffice run for both)."""
    folder = tmp_path_factory.mktemp("rtf-oracle")
    samples = {"code-pages": MIXED_CODE_PAGES.encode("latin-1")}
    source = CORPUS / "gov-work-report-2021.txt"
    if source.exists():
        samples["corpus"] = word_rtf([line.text for line in read_source(source).lines])
    for sample, data in samples.items():
        (folder / f"{sample}.rtf").write_bytes(data)
    printed = libreoffice_texts([folder / f"{sample}.rtf" for sample in samples])
    return {path.stem: (path, text) for path, text in printed.items()}


@pytest.mark.parametrize("sample", ["corpus", "code-pages"])
def test_rtf_reads_as_libreoffice_prints_it(printed_rtf, sample):
    """The oracle: LibreOffice's own text export of the same RTF has the same text, line for line."""
    if sample == "corpus":
        corpus_file("gov-work-report-2021")  # without the corpus: a skip that says where it was looked for
    path, printed = printed_rtf[sample]
    ours = [squash(line) for line in _lines(path) if squash(line)]
    assert ours == printed


def test_raw_gbk_bytes_in_the_text_decode_like_escapes(tmp_path):
    """Some exporters write the GBK bytes themselves instead of \\'hh escapes."""
    path = tmp_path / "raw.rtf"
    path.write_bytes(
        b"{\\rtf1\\ansi\\ansicpg936 " + "第一条　为了规范管理，制定本办法。".encode("gbk") + b"\\par }"
    )
    assert _lines(path) == ["第一条　为了规范管理，制定本办法。"]


def test_rtf_named_doc_is_read_by_content(tmp_path):
    """Many sites serve RTF as .doc: it is detected by its {\\rtf start, whatever the name."""
    data = word_rtf(["关于开展检查的通知", "第一条 为了规范管理，制定本办法。"])
    for suffix in (".doc", ".wps", ".txt", ""):
        assert detect_format(data, suffix) == "rtf"
    path = tmp_path / "notice.doc"
    path.write_bytes(data)
    assert _lines(path) == ["关于开展检查的通知", "第一条 为了规范管理，制定本办法。"]
    assert detect_format("第一条".encode(), ".rtf") == "text"  # named .rtf, plain text inside


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"{\\rtf1\\ansi\\ansicpg936{\\fonttbl{\\f0\\fcharset134 SimSun;}}\\f0 \\'b5\\'da", "cut short"),
        (b"{\\rtf1\\ansi{\\pict\\pngblip 89504e47}\\par }", "no text found"),
    ],
    ids=["truncated", "no-text"],
)
def test_bad_rtf_gives_one_error_line(tmp_path, runner, data, message):
    path = tmp_path / "broken.rtf"
    path.write_bytes(data)
    assert_one_error_line(runner, path, message)


def test_truncated_word_rtf_is_refused_not_half_read(tmp_path):
    data = word_rtf(["第一条 为了规范管理，制定本办法。"] * 50)
    path = tmp_path / "half.rtf"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(InputError, match="cut short"):
        read_source(path)


def test_one_document_in_three_formats_diffs_empty_and_extracts_the_same(tmp_path, runner):
    """The same report as RTF, MHTML and .odt: diff finds no change, extract finds the same targets."""
    import json

    from tests.test_formats_mhtml import blink_mhtml, gov_page
    from tests.test_formats_odt import build_odt

    source = corpus_file("gov-work-report-2021")
    lines = [line.text for line in read_source(source).lines]
    rtf, page, odt = tmp_path / "report.rtf", tmp_path / "report.mhtml", tmp_path / "report.odt"
    rtf.write_bytes(word_rtf(lines))
    page.write_bytes(blink_mhtml(gov_page(lines)))
    escaped = (line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") for line in lines)
    odt.write_bytes(build_odt("".join(f"<text:p>{line}</text:p>" for line in escaped)))
    for old, new in ((rtf, page), (page, odt), (source, rtf)):
        result = runner.invoke(app, ["diff", str(old), str(new), "--format", "json"])
        assert result.exit_code == 0, result.output
        summary = json.loads(result.output)["summary"]
        assert summary["unchanged"] > 100
        assert all(summary[kind] == 0 for kind in ("added", "removed", "modified", "moved"))

    def targets(path: Path) -> list[tuple]:
        result = runner.invoke(app, ["extract", str(path), "--format", "json"])
        assert result.exit_code == 0, result.output
        found = json.loads(result.output)
        found = found["targets"] if isinstance(found, dict) else found
        return [(t["indicator"], t["value"], t["year"], t["clause"]) for t in found]

    expected = targets(source)
    assert len(expected) > 20
    assert targets(rtf) == targets(page) == targets(odt) == expected


def test_hostile_escapes_give_text_or_one_error_never_a_traceback(tmp_path):
    """Code points past U+10FFFF, a huge \\ucN, a \\bin longer than the file: no crash."""
    assert rtf_text("{\\rtf1 a\\u9999999999 ?b\\par}") == ["ab"]
    assert rtf_text("{\\rtf1 {\\uc999999 \\u20013 skipped}kept\\par}") == ["中kept"]
    path = tmp_path / "bin.rtf"
    path.write_bytes(b"{\\rtf1 text{\\pict\\bin999999999 \x00\x01}}")
    with pytest.raises(InputError, match="cut short"):
        read_source(path)
