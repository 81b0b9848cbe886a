""".docx as Word and WPS really write them: tracked changes, comments, notes, text boxes, content controls,
fields, embedded HTML parts (w:altChunk), macro and template packages, Word 2003 XML and flat OPC.
Each package is built here from python-docx's default one with the body and parts a case needs."""

from __future__ import annotations

import base64
import io
import zipfile
from pathlib import Path

import pytest

from policykit.cli import app
from policykit.formats import detect_format
from policykit.ingest import read_source

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = (
    f'xmlns:w="{W}" xmlns:r="{R}" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
    'mc:Ignorable="wps"'
)
MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


def p(*runs: str, props: str = "") -> str:
    return f"<w:p>{props}{''.join(runs)}</w:p>"


def r(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def package(
    body: str, parts: dict[str, tuple[str | bytes, str, str]] | None = None, main: str = MAIN
) -> bytes:
    """A .docx whose body is `body`, with extra parts: name -> (bytes, relationship type, content type)."""
    import docx

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    source = zipfile.ZipFile(buffer)
    out = io.BytesIO()
    rels = source.read("word/_rels/document.xml.rels").decode()
    types = source.read("[Content_Types].xml").decode().replace(MAIN, main)
    with zipfile.ZipFile(out, "w") as target:
        for number, (name, (data, rel, content_type)) in enumerate((parts or {}).items(), 100):
            target.writestr(f"word/{name}", data)
            rels = rels.replace(
                "</Relationships>",
                f'<Relationship Id="rId{number}" Type="{REL if "/" not in rel else ""}{rel}" '
                f'Target="{name}"/></Relationships>',
            )
            types = types.replace(
                "</Types>", f'<Override PartName="/word/{name}" ContentType="{content_type}"/></Types>'
            )
        for name in source.namelist():
            if name == "word/document.xml":
                target.writestr(name, f"<w:document {NS}><w:body>{body}<w:sectPr/></w:body></w:document>")
            elif name == "word/_rels/document.xml.rels":
                target.writestr(name, rels)
            elif name == "[Content_Types].xml":
                target.writestr(name, types)
            else:
                target.writestr(name, source.read(name))
    return out.getvalue()


def lines_of(tmp_path: Path, data: bytes, name: str = "doc.docx") -> list[str]:
    path = tmp_path / name
    path.write_bytes(data)
    return [line.text for line in read_source(path).lines if line.text.strip()]


def test_tracked_insertions_are_kept_and_deletions_dropped(tmp_path):
    body = (
        p(
            r("第一条　为了"),
            '<w:ins w:id="1" w:author="张三"><w:r><w:t>规范</w:t></w:r></w:ins>',
            '<w:del w:id="2" w:author="张三"><w:r><w:delText>加强</w:delText></w:r></w:del>',
            r("管理，制定本办法。"),
        )
        + p('<w:moveTo w:id="3"><w:r><w:t>第二条　本办法自发布之日起施行。</w:t></w:r></w:moveTo>')
        + '<w:ins w:id="4"><w:p><w:r><w:t>第三条　新增一条。</w:t></w:r></w:p></w:ins>'
    )
    assert lines_of(tmp_path, package(body)) == [
        "第一条　为了规范管理，制定本办法。",
        "第二条　本办法自发布之日起施行。",
        "第三条　新增一条。",
    ]


def test_comments_are_not_text(tmp_path):
    comments = (
        f'<w:comments {NS}><w:comment w:id="0" w:author="李四"><w:p><w:r><w:t>此处数字需核实：50%？</w:t>'
        "</w:r></w:p></w:comment></w:comments>"
    )
    body = p(
        r("到2025年，"),
        '<w:commentRangeStart w:id="0"/>',
        r("覆盖率达到50%"),
        '<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r>',
        r("。"),
    )
    parts = {
        "comments.xml": (
            comments,
            "comments",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml",
        )
    }
    assert lines_of(tmp_path, package(body, parts)) == ["到2025年，覆盖率达到50%。"]


def _notes(kind: str, texts: list[str]) -> str:
    separators = (
        f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}>'
        f'<w:{kind} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p>'
        f"</w:{kind}>"
    )
    notes = "".join(
        f'<w:{kind} w:id="{i}"><w:p><w:r><w:{kind}Ref/></w:r>{r(" " + text)}</w:p></w:{kind}>'
        for i, text in enumerate(texts, 1)
    )
    return f"<w:{kind}s {NS}>{separators}{notes}</w:{kind}s>"


def test_footnotes_and_endnotes_are_not_body_text(tmp_path):
    """As in the .doc, .odt, .rtf and web-page readers (test_formats_converters checks they agree): a note
    and its mark are not in the text, so a mark's digit never joins a number (42%1)."""
    body = (
        p(r("第一条　为了规范管理"), '<w:r><w:footnoteReference w:id="1"/></w:r>', r("，制定本办法。"))
        + p(r("第二条　数据截至2024年底"), '<w:r><w:endnoteReference w:id="1"/></w:r>', r("。"))
        + p(r("第三条　本办法自发布之日起施行"), '<w:r><w:footnoteReference w:id="2"/></w:r>', r("。"))
    )
    parts = {
        "footnotes.xml": (
            _notes("footnote", ["依据《条例》第十条。", "2025年1月1日。"]),
            "footnotes",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
        ),
        "endnotes.xml": (
            _notes("endnote", ["统计局年报。"]),
            "endnotes",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.endnotes+xml",
        ),
    }
    assert lines_of(tmp_path, package(body, parts)) == [
        "第一条　为了规范管理，制定本办法。",
        "第二条　数据截至2024年底。",
        "第三条　本办法自发布之日起施行。",
    ]


def test_a_text_box_written_twice_for_old_readers_is_read_once(tmp_path):
    box = "<w:txbxContent>" + p(r("附件：主要指标表")) + "</w:txbxContent>"
    body = p(
        r("正文第一段。"),
        '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic>'
        "<a:graphicData><wps:wsp><wps:txbx>" + box + "</wps:txbx></wps:wsp></a:graphicData></a:graphic>"
        "</wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>"
        + box
        + "</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>",
    ) + p(
        "<w:r><w:pict><v:shape><v:textbox>" + "<w:txbxContent>" + p(r("旧式文本框。")) + "</w:txbxContent>"
        "</v:textbox></v:shape></w:pict></w:r>"
    )
    assert lines_of(tmp_path, package(body)) == ["正文第一段。", "附件：主要指标表", "旧式文本框。"]


def test_content_controls_at_every_level_are_read(tmp_path):
    def sdt(content: str) -> str:
        return f'<w:sdt><w:sdtPr><w:alias w:val="标题"/><w:id w:val="1"/></w:sdtPr><w:sdtContent>{content}</w:sdtContent></w:sdt>'

    cell = "<w:tc><w:tcPr/>{}</w:tc>"
    table = (
        "<w:tbl><w:tblPr/><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>"
        f"<w:tr>{cell.format(p(r('指标')))}{cell.format(p(r('2025年')))}</w:tr>"
        + sdt(f"<w:tr>{cell.format(p(r('森林覆盖率')))}{cell.format(p(r('42%')))}</w:tr>")
        + f"<w:tr>{sdt(cell.format(p(r('PM2.5浓度'))))}{cell.format(p(r('30')))}</w:tr>"
        "</w:tbl>"
    )
    body = sdt(p(r("关于印发某某办法的通知"))) + p(r("发文日期："), sdt(r("2024年5月1日"))) + table
    assert lines_of(tmp_path, package(body)) == [
        "关于印发某某办法的通知",
        "发文日期：2024年5月1日",
        "指标\t2025年",
        "森林覆盖率\t42%",
        "PM2.5浓度\t30",
    ]


def test_placeholder_prompts_and_ruby_readings_are_not_text(tmp_path):
    prompt = "<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>{}</w:sdtContent></w:sdt>"
    ruby = (
        "<w:r><w:ruby><w:rubyPr/><w:rt><w:r><w:t>zhǔ</w:t></w:r></w:rt>"
        "<w:rubyBase><w:r><w:t>主</w:t></w:r></w:rubyBase></w:ruby></w:r>"
    )
    body = (
        p(r("发文日期："), prompt.format(r("单击或点击此处输入日期。")))
        + prompt.format(p(r("单击或点击此处输入文字。")))
        + p(ruby, r("要目标"))
    )
    assert lines_of(tmp_path, package(body)) == ["发文日期：", "主要目标"]


def test_field_codes_are_never_text_and_their_results_are(tmp_path):
    body = p(
        r("详见第"),
        '<w:fldSimple w:instr=" PAGEREF _Toc1 \\h "><w:r><w:t>3</w:t></w:r></w:fldSimple>',
        r("页，"),
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> HYPERLINK "http://x" </w:instrText></w:r>',
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>',
        r("政策原文"),
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
        r("。"),
    )
    assert lines_of(tmp_path, package(body)) == ["详见第3页，政策原文。"]


def test_an_embedded_html_part_is_read_in_its_place(tmp_path):
    html = (
        "<html><head><meta charset='utf-8'></head><body><p>第二条　本办法适用于全市。</p>"
        "<table><tr><td>指标</td><td>目标值</td></tr><tr><td>新增绿地</td><td>500公顷</td></tr></table></body></html>"
    )
    body = (
        p(r("第一条　为了规范管理。"))
        + '<w:altChunk r:id="rId100"/>'
        + p(r("第三条　本办法自发布之日起施行。"))
    )
    parts = {"afchunk.htm": (html, "aFChunk", "text/html")}
    assert lines_of(tmp_path, package(body, parts)) == [
        "第一条　为了规范管理。",
        "第二条　本办法适用于全市。",
        "指标\t目标值",
        "新增绿地\t500公顷",
        "第三条　本办法自发布之日起施行。",
    ]


def test_an_embedded_mht_part_is_read_in_its_place(tmp_path):
    page = "<html><body><p>第二条　本办法适用于全市。</p></body></html>"
    mht = (
        'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b"\r\n\r\n--b\r\n'
        'Content-Type: text/html; charset="utf-8"\r\nContent-Transfer-Encoding: base64\r\n\r\n'
        + base64.b64encode(page.encode()).decode()
        + "\r\n--b--\r\n"
    )
    body = p(r("第一条　为了规范管理。")) + '<w:altChunk r:id="rId100"/>'
    parts = {"afchunk.mht": (mht, "aFChunk", "message/rfc822")}
    assert lines_of(tmp_path, package(body, parts)) == [
        "第一条　为了规范管理。",
        "第二条　本办法适用于全市。",
    ]


@pytest.mark.parametrize(
    ("suffix", "main"),
    [
        (".docm", "application/vnd.ms-word.document.macroEnabled.main+xml"),
        (".dotx", "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"),
        (".dotm", "application/vnd.ms-word.template.macroEnabledTemplate.main+xml"),
        (".wpt", "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"),
        (".wps", MAIN),  # WPS saves .docx packages under its own name too
    ],
)
def test_macro_and_template_packages_read_as_docx(tmp_path, suffix, main):
    data = package(p(r("第一条　为了规范管理，制定本办法。")), main=main)
    assert detect_format(data, suffix) == "docx"
    assert lines_of(tmp_path, data, "doc" + suffix) == ["第一条　为了规范管理，制定本办法。"]


WORD_2003 = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<?mso-application progid="Word.Document"?>
<w:wordDocument xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml"
 xmlns:wx="http://schemas.microsoft.com/office/word/2003/auxHint"
 xmlns:aml="http://schemas.microsoft.com/aml/2001/core" w:macrosPresent="no">
<o:DocumentProperties xmlns:o="urn:schemas-microsoft-com:office:office"><o:Title>别的文件</o:Title></o:DocumentProperties>
<w:body><wx:sect>
<w:p><w:r><w:t>某市绿色低碳发展行动方案</w:t></w:r></w:p>
<w:p><w:pPr><w:listPr><w:ilvl w:val="0"/><w:ilfo w:val="1"/><wx:t wx:val="一、"/></w:listPr></w:pPr><w:r><w:t>主要目标</w:t></w:r></w:p>
<w:p><w:r><w:t>到2025年，森林覆盖率达到42%</w:t></w:r><w:r><w:footnote><w:p><w:r><w:t>脚注文字。</w:t></w:r></w:p></w:footnote></w:r>
<aml:annotation aml:id="0" w:type="Word.Comment"><aml:content><w:p><w:r><w:t>批注文字</w:t></w:r></w:p></aml:content></aml:annotation>
<aml:annotation aml:id="1" w:type="Word.Insertion"><aml:content><w:r><w:t>以上</w:t></w:r></aml:content></aml:annotation>
<aml:annotation aml:id="2" w:type="Word.Deletion"><aml:content><w:r><w:delText>左右</w:delText></w:r></aml:content></aml:annotation>
<w:r><w:t>。</w:t></w:r></w:p>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>指标</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>目标值</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:tc><w:p><w:r><w:t>新增绿地</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>500公顷</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
<w:sectPr/></wx:sect></w:body></w:wordDocument>
"""


def test_word_2003_xml_is_read_as_a_word_document(tmp_path):
    data = WORD_2003.encode()
    assert detect_format(data, ".xml") == "wordxml"
    assert lines_of(tmp_path, data, "plan.xml") == [
        "某市绿色低碳发展行动方案",
        "一、主要目标",
        "到2025年，森林覆盖率达到42%以上。",
        "指标\t目标值",
        "新增绿地\t500公顷",
    ]


def flat_opc(data: bytes) -> bytes:
    """A package written as Word's "Word XML Document" (flat OPC, pkg:package) from a .docx's parts."""
    import re

    source = zipfile.ZipFile(io.BytesIO(data))
    types = source.read("[Content_Types].xml").decode()
    overrides = dict(re.findall(r'PartName="/([^"]+)" ContentType="([^"]+)"', types))
    parts = []
    for name in source.namelist():
        if name == "[Content_Types].xml":
            continue
        blob = source.read(name)
        if name.endswith((".xml", ".rels")):
            xml = blob.decode().split("?>", 1)[-1] if blob.startswith(b"<?xml") else blob.decode()
            inner = f"<pkg:xmlData>{xml}</pkg:xmlData>"
        else:
            inner = f"<pkg:binaryData>{base64.b64encode(blob).decode()}</pkg:binaryData>"
        kind = overrides.get(name, "image/jpeg" if name.endswith(".jpeg") else "application/xml")
        if name.endswith(".rels"):
            kind = "application/vnd.openxmlformats-package.relationships+xml"
        parts.append(f'<pkg:part pkg:name="/{name}" pkg:contentType="{kind}">{inner}</pkg:part>')
    return (
        '<?xml version="1.0" standalone="yes"?><?mso-application progid="Word.Document"?>'
        '<pkg:package xmlns:pkg="http://schemas.microsoft.com/office/2006/xmlPackage">'
        + "".join(parts)
        + "</pkg:package>"
    ).encode()


def test_flat_opc_word_xml_reads_as_its_docx(tmp_path):
    data = package(p(r("第一条　为了规范管理，制定本办法。")) + p(r("第二条　本办法自发布之日起施行。")))
    flat = flat_opc(data)
    assert detect_format(flat, ".xml") == "wordxml"
    assert lines_of(tmp_path, flat, "doc.xml") == lines_of(tmp_path, data)


@pytest.mark.parametrize("name", ["plan.xml", "flat.xml"])
def test_damaged_word_xml_gives_one_error_line(runner, tmp_path, name):
    data = WORD_2003.encode() if name == "plan.xml" else flat_opc(package(p(r("第一条　正文。"))))
    path = tmp_path / name
    path.write_bytes(data[: len(data) // 2])
    result = runner.invoke(app, ["parse", str(path)])
    assert result.exit_code == 1
    assert len(result.output.strip().splitlines()) == 1 and str(path) in result.output
