"""Word 97 (.doc/.wps) automatic numbering: list paragraphs print 一、/（一）/1./第一条 as Word shows them."""

from __future__ import annotations

import shutil
import struct

import pytest

from policykit.formats.word97_lists import Paragraph, read_lists
from policykit.ingest import read_source
from policykit.pipeline import load_document
from tests import office
from tests.conftest import ROOT

FIXTURE = ROOT / "tests" / "fixtures" / "word97-list-numbering.doc"
"""Built by `build_numbered_docx` (python-docx) and saved as Word 97 by LibreOffice 7 (soffice --convert-to doc)."""

PRINTED = [
    "关于推进示范区建设的实施意见",
    "为推进示范区建设，提出如下意见。",
    "一、总体要求",  # Heading 1, numbered through its style
    "到2027年，示范区建设取得明显成效。",
    "二、重点任务",
    "（一）推进产业升级",  # Heading 2: the list's second level
    "1.培育新兴产业集群。",  # the third level, set on the paragraph
    "2.改造提升传统产业。",
    "（二）强化要素保障",
    "1.加大财政投入。",  # restarts under a new （二）
    "三、保障措施",
    "第一条　加强组织领导，压实各方责任。",  # another list, a space after its number
    "第二条　本意见自印发之日起施行。",
    "附件",  # Heading 1 with its numbering switched off
]


def build_numbered_docx(path) -> None:
    """A .docx with Chinese multi-level numbering from styles and from paragraphs, and a 第N条 list."""
    from docx import Document
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    w = nsdecls("w")

    def level(ilvl: int, fmt: str, text: str, suffix: str = "nothing") -> str:
        return (
            f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/><w:suff w:val="{suffix}"/></w:lvl>'
        )

    doc = Document()
    numbering = doc.part.numbering_part.element
    numbering.insert(
        0,
        parse_xml(
            f'<w:abstractNum {w} w:abstractNumId="42"><w:multiLevelType w:val="singleLevel"/>'
            + level(0, "chineseCounting", "第%1条", "space")
            + "</w:abstractNum>"
        ),
    )
    numbering.insert(
        0,
        parse_xml(
            f'<w:abstractNum {w} w:abstractNumId="40"><w:multiLevelType w:val="multilevel"/>'
            + level(0, "chineseCounting", "%1、")
            + level(1, "chineseCounting", "（%2）")
            + level(2, "decimal", "%3.")
            + "</w:abstractNum>"
        ),
    )
    numbering.append(parse_xml(f'<w:num {w} w:numId="41"><w:abstractNumId w:val="40"/></w:num>'))
    numbering.append(parse_xml(f'<w:num {w} w:numId="43"><w:abstractNumId w:val="42"/></w:num>'))
    for name, ilvl in (("Heading 1", 0), ("Heading 2", 1)):
        ppr = doc.styles[name].element.get_or_add_pPr()
        ppr.append(parse_xml(f'<w:numPr {w}><w:ilvl w:val="{ilvl}"/><w:numId w:val="41"/></w:numPr>'))

    def para(text: str, style: str | None = None, num: int | None = None, ilvl: int = 0) -> None:
        p = doc.add_paragraph(text, style=style)
        if num is not None:
            p._p.get_or_add_pPr().append(
                parse_xml(f'<w:numPr {w}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num}"/></w:numPr>')
            )

    para("关于推进示范区建设的实施意见")
    para("为推进示范区建设，提出如下意见。")
    para("总体要求", "Heading 1")
    para("到2027年，示范区建设取得明显成效。")
    para("重点任务", "Heading 1")
    para("推进产业升级", "Heading 2")
    para("培育新兴产业集群。", num=41, ilvl=2)
    para("改造提升传统产业。", num=41, ilvl=2)
    para("强化要素保障", "Heading 2")
    para("加大财政投入。", num=41, ilvl=2)
    para("保障措施", "Heading 1")
    para("加强组织领导，压实各方责任。", num=43)
    para("本意见自印发之日起施行。", num=43)
    para("附件", "Heading 1", num=0)
    doc.save(str(path))


def _lines(path) -> list[str]:
    return [line.text for line in read_source(path).lines if line.text.strip()]


def test_doc_list_paragraphs_print_their_numbers(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)  # read natively, never through soffice
    assert _lines(FIXTURE) == PRINTED


def test_doc_list_numbers_make_the_clause_tree():
    document = load_document(FIXTURE)
    sections = [c for c in document.walk() if c.number and c.number.endswith("、")]
    assert [c.number for c in sections] == ["一、", "二、", "三、"]
    tasks = sections[1]
    assert [c.number for c in tasks.children] == ["（一）", "（二）"]
    assert [c.number for c in tasks.children[0].children] == ["1.", "2."]
    assert [c.number for c in document.walk() if c.kind == "article"] == ["第一条", "第二条"]


def test_paragraph_styles_carry_their_list():
    """A paragraph that says only its style (Word, WPS) is numbered by the style's list and level."""
    import olefile

    ole = olefile.OleFileIO(str(FIXTURE))
    word = ole.openstream("WordDocument").read()
    table_name = "1Table" if struct.unpack_from("<H", word, 0x0A)[0] & 0x0200 else "0Table"
    lists = read_lists(word, ole.openstream(table_name).read())
    heading1, heading2 = (
        next(istd for istd, (ilfo, ilvl, _) in lists.styles.items() if ilfo and ilvl == level)
        for level in (0, 1)
    )
    printed = [lists.label(Paragraph(istd=istd)) for istd in (heading1, heading2, heading2, heading1)]
    assert printed == ["一、", "（一）", "（二）", "二、"]
    assert lists.label(Paragraph(istd=heading1, ilfo=0)) == ""  # numbering switched off on the paragraph


def test_doc_without_lists_is_read_as_before():
    """The 公文 template's .doc and .wps number nothing by list: no line gains a number."""
    formats = ROOT.parent / "shared" / "formats"
    if not formats.is_dir():
        pytest.skip(f"real-format files not found at {formats}: this test needs ../shared/formats")
    for suffix in ("doc", "wps"):
        lines = _lines(formats / f"gongwen-template-test.{suffix}")
        assert lines[0] in ("国防部下发文件", "一份公文文件")
        assert lines[3:5] == ["各有关单位：", "正文部分"]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_doc_saved_from_a_docx_prints_the_numbers_the_docx_prints(tmp_path):
    """The same lists read from the .docx and from LibreOffice's Word 97 copy print the same lines."""
    docx = tmp_path / "lists.docx"
    build_numbered_docx(docx)
    office.convert([docx], "doc", tmp_path, timeout=180)
    assert _lines(docx) == PRINTED
    assert _lines(tmp_path / "lists.doc") == PRINTED
