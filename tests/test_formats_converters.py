"""Corpus documents as real converters write them must give the .txt's clause tree.

Each corpus text is typed into Word files the way offices make them (one paragraph a line; or with its
一、/（一）/1./第一条 made by Word's automatic list numbering, headings numbered through their styles)
and LibreOffice saves them as Word 97 (.doc), .docx, .odt and HTML; Word's "save as web page" is built
by hand the way Word writes it (mso- styles, <o:p>, conditional comments, &nbsp; space runs, <br>
inside a paragraph, the list number in a mso-list:Ignore span); the texts are re-encoded as Chinese
Windows and Unicode editors save them. The default run takes a sample of the corpus;
POLICYKIT_FULL_MATRIX=1 takes all of it (see `matrix_sample`).

What a converter cannot carry is a known loss, named with its cause where it is compared.
"""

from __future__ import annotations

import codecs
import html
import re
from pathlib import Path

import pytest

from policykit.ingest import read_source
from policykit.pipeline import load_document
from policykit.zh.chars import squash
from policykit.zh.numbering import chinese_ordinal
from tests.conftest import CORPUS, CORPUS_FILES, matrix_sample
from tests.test_formats_odt import NS, corpus_docx, soffice_convert

PINNED = (  # always in the sample: the documents that carry the classes found over the whole corpus
    "shanghai-urban-renewal-regulation-2021",  # runs of spaces (目    录, 第一条  ), chapters and articles
    "shanghai-tech-trading-venue-rules-2025",  # no-break spaces, （一） lists restarted in each article
)
NAMES = sorted(  # a sample of one beside the pinned ones: each document is ~1 s of LibreOffice per format
    {
        *matrix_sample([path.stem for path in CORPUS_FILES], 1),
        *(p.stem for p in CORPUS_FILES if p.stem in PINNED),
    }
)


NOTE = "注：本文件所称重点项目，以年度计划为准。"  # a footnote's text: never body text


def tree(path: Path) -> list[tuple[str, str, str]]:
    return [(c.id, c.kind, c.text) for c in load_document(path).walk()]


def squashed_tree(path: Path) -> list[tuple[str, str, str]]:
    """The tree with whitespace left out of the texts: where a list number's tab or a space run is the format's."""
    return [(c.id, c.kind, squash(c.text)) for c in load_document(path).walk()]


def differing(folder: Path, suffix: str, names: list[str], measure=tree) -> list[str]:
    """The documents whose file in `folder` does not give the .txt's tree."""
    return [name for name in names if measure(folder / f"{name}{suffix}") != measure(CORPUS / f"{name}.txt")]


# ---------------------------------------------------------------- Word's automatic numbering

_C = "一二三四五六七八九十百零〇"
NUMBERED = (  # (list, level, what the typist typed): the lists a Word template numbers
    ("outline", 0, re.compile(rf"^([{_C}]+)、")),
    ("outline", 1, re.compile(rf"^（([{_C}]+)）")),
    ("outline", 2, re.compile(r"^(\d+)([.．])(?!\d)")),
    ("outline", 3, re.compile(r"^（(\d+)）")),
    ("chapter", 0, re.compile(rf"^第([{_C}]+)章")),
    ("article", 0, re.compile(rf"^第([{_C}]+)条")),
)


def numbered_paragraphs(lines: list[str], restarts: bool = True):
    """Split each line into (list, level, restart, number, rest) where Word's numbering would print the
    typed number, else (None, 0, False, "", line): a number that does not follow on is typed by hand.

    A list that starts again at 1 (（一） in each article) is restarted, as Word's "restart numbering"
    does it, or with `restarts` off, typed by hand from there on.
    """
    counters: dict[str, dict[int, int]] = {"outline": {}, "chapter": {}, "article": {}}
    out = []
    for line in lines:
        text = line.lstrip(" \u3000")
        found = next(((kind, level, m) for kind, level, rx in NUMBERED if (m := rx.match(text))), None)
        if found is None:
            out.append((None, 0, False, "", line))
            continue
        kind, level, match = found
        typed = int(match.group(1)) if match.group(1).isdigit() else chinese_ordinal(match.group(1))
        counter = counters[kind]
        restart = restarts and typed == 1 and counter.get(level, 0) != 0
        if restart:
            counter[level] = 0
        if typed != counter.get(level, 0) + 1:
            out.append((None, 0, False, "", line))
            continue
        counter[level] = typed
        for deeper in [k for k in counter if k > level]:
            del counter[deeper]
        out.append((kind, level, restart, match.group(0), text[match.end() :].lstrip()))
    return out


def _level_xml(ilvl: int, fmt: str, text: str, suffix: str = "nothing") -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/><w:suff w:val="{suffix}"/></w:lvl>'
    )


def numbered_docx(name: str, folder: Path, restarts: bool = True) -> Path:
    """A corpus document typed with Word's automatic numbering: 一、 and （一） through Heading 1 and 2,
    1. and （1） on the paragraph, 第N章 and 第N条 in lists of their own, restarts as Word writes them."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    w = nsdecls("w")
    lines = [line.text for line in read_source(CORPUS / f"{name}.txt").lines]
    dot = next((m.group(2) for line in lines if (m := NUMBERED[2][2].match(line.lstrip(" \u3000")))), ".")
    written = docx.Document()
    numbering = written.part.numbering_part.element
    outline = (
        _level_xml(0, "chineseCounting", "%1、")
        + _level_xml(1, "chineseCounting", "（%2）")
        + _level_xml(2, "decimal", f"%3{dot}")
        + _level_xml(3, "decimal", "（%4）")
    )
    lists = {  # list → (abstractNumId, its levels); numId is abstractNumId + 10
        "outline": (51, outline),
        "chapter": (52, _level_xml(0, "chineseCounting", "第%1章", "space")),
        "article": (53, _level_xml(0, "chineseCounting", "第%1条", "space")),
    }
    for abstract, levels in lists.values():
        numbering.insert(
            0,
            parse_xml(
                f'<w:abstractNum {w} w:abstractNumId="{abstract}">'
                f'<w:multiLevelType w:val="multilevel"/>{levels}</w:abstractNum>'
            ),
        )
        numbering.append(
            parse_xml(f'<w:num {w} w:numId="{abstract + 10}"><w:abstractNumId w:val="{abstract}"/></w:num>')
        )
    for style, ilvl in (("Heading 1", 0), ("Heading 2", 1)):
        written.styles[style].element.get_or_add_pPr().append(
            parse_xml(f'<w:numPr {w}><w:ilvl w:val="{ilvl}"/><w:numId w:val="61"/></w:numPr>')
        )
    current = {kind: abstract + 10 for kind, (abstract, _) in lists.items()}
    restarted = 0
    for kind, level, restart, _, rest in numbered_paragraphs(lines, restarts):
        if kind is None:
            written.add_paragraph(rest)
            continue
        if restart:  # Word's "restart numbering": a new list instance that starts the level again
            restarted += 1
            num_id = 100 + restarted
            numbering.append(
                parse_xml(
                    f'<w:num {w} w:numId="{num_id}"><w:abstractNumId w:val="{lists[kind][0]}"/>'
                    f'<w:lvlOverride w:ilvl="{level}"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
                )
            )
            current[kind] = num_id
        heading = f"Heading {level + 1}" if kind == "outline" and level < 2 else None
        paragraph = written.add_paragraph(rest, style=heading)
        if heading and current[kind] == 61:
            continue  # numbered by its style
        paragraph._p.get_or_add_pPr().append(
            parse_xml(f'<w:numPr {w}><w:ilvl w:val="{level}"/><w:numId w:val="{current[kind]}"/></w:numPr>')
        )
    target = folder / f"{name}-numbered{'' if restarts else '-typed-restarts'}.docx"
    written.save(str(target))
    return target


# ---------------------------------------------------------------- Word's "save as web page"

WORD_HEAD = """<html xmlns:v="urn:schemas-microsoft-com:vml"
xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word"
xmlns:m="http://schemas.microsoft.com/office/2004/12/omml"
xmlns="http://www.w3.org/TR/REC-html40">

<head>
<meta http-equiv=Content-Type content="text/html; charset=gb2312">
<meta name=ProgId content=Word.Document>
<meta name=Generator content="Microsoft Word 15">
<meta name=Originator content="Microsoft Word 15">
<link rel=File-List href="{stem}.files/filelist.xml">
<title>{title}</title>
<!--[if gte mso 9]><xml>
 <o:DocumentProperties>
  <o:Author>Administrator</o:Author>
  <o:Pages>3</o:Pages>
 </o:DocumentProperties>
</xml><![endif]-->
<style>
<!--
 /* Font Definitions */
 @font-face
\t{{font-family:宋体;
\tpanose-1:2 1 6 0 3 1 1 1 1 1;
\tmso-font-alt:SimSun;}}
 /* Style Definitions */
 p.MsoNormal, li.MsoNormal, div.MsoNormal
\t{{margin:0cm;
\ttext-align:justify;
\tfont-size:10.5pt;
\tfont-family:"Times New Roman",serif;}}
@page WordSection1
\t{{size:595.3pt 841.9pt;
\tmargin:104.9pt 73.7pt 99.25pt 79.4pt;
\tlayout-grid:28.95pt;}}
div.WordSection1
\t{{page:WordSection1;}}
 /* List Definitions */
 @list l0
\t{{mso-list-id:1;
\tmso-list-template-ids:1;}}
@list l0:level1
\t{{mso-level-number-format:chinese-counting;
\tmso-level-text:%1、;
\tmso-level-tab-stop:none;}}
-->
</style>
<!--[if gte mso 10]>
<style>
 table.MsoNormalTable
\t{{mso-style-name:普通表格;
\tfont-size:10.5pt;}}
</style>
<![endif]-->
</head>

<body lang=ZH-CN style='tab-interval:21.0pt;text-justify-trim:punctuation'>

<div class=WordSection1 style='layout-grid:28.95pt'>

"""
_BODY = 'font-size:16.0pt;font-family:仿宋_GB2312;mso-hansi-font-family:"Times New Roman"'
_RUNS = re.compile(r"( {2,})|([\x21-\x7e]+(?: [\x21-\x7e]+)*)|([^\x21-\x7e ]+| )")
_TAB_PADDING = "<span style='font:7.0pt \"Times New Roman\"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span>"


def word_runs(text: str, style: str = _BODY) -> str:
    """A paragraph's text as Word writes its runs: Latin and digits in lang=EN-US spans, Chinese in
    spans of the East Asian font, runs of typed spaces as a mso-spacerun span of &nbsp; and a space,
    a tab as a mso-tab-count span."""
    out = []
    for part in re.split(r"(\t)", text):
        if part == "\t":
            out.append(f"<span style='mso-tab-count:1'>{'&nbsp;' * 7} </span>")
            continue
        for spaces, latin, other in _RUNS.findall(part):
            if spaces:
                out.append(f"<span style='mso-spacerun:yes'>{'&nbsp;' * (len(spaces) - 1)} </span>")
            elif latin:
                out.append(f"<span lang=EN-US style='{style}'>{html.escape(latin, quote=False)}</span>")
            elif other == " ":
                out.append(" ")
            else:
                escaped = html.escape(other, quote=False).replace("\xa0", "&nbsp;")
                out.append(f"<span style='{style}'>{escaped}</span>")
    return "".join(out)


def wrap_source(markup: str, width: int = 76) -> str:
    """Break long source lines as Word does: only at a space inside a tag, so no text gains whitespace."""
    lines = []
    for line in markup.split("\n"):
        while len(line) > width:
            cut = -1
            inside = False
            for index, char in enumerate(line):
                if char == "<":
                    inside = True
                elif char == ">":
                    inside = False
                elif char == " " and inside and index >= width // 2:
                    cut = index
                    if index >= width:
                        break
            if cut <= 0:
                break
            lines.append(line[:cut])
            line = line[cut + 1 :]
        lines.append(line)
    return "\n".join(lines)


_FOOTNOTE_REFERENCE = (
    '<a style=\'mso-footnote-id:ftn1\' href="#_ftn1" name="_ftnref1" title=""><span class=MsoFootnoteReference>'
    "<span lang=EN-US><span style='mso-special-character:footnote'><![if !supportFootnotes]>"
    "<span class=MsoFootnoteReference><span lang=EN-US style='font-size:16.0pt'>[1]</span></span>"
    "<![endif]></span></span></span></a>"
)
_FOOTNOTE_LIST = (
    "<div style='mso-element:footnote-list'><![if !supportFootnotes]><br clear=all>\n"
    "<hr align=left size=1 width=\"33%\">\n<![endif]>\n<div style='mso-element:footnote' id=ftn1>\n"
    '<p class=MsoFootnoteText><a style=\'mso-footnote-id:ftn1\' href="#_ftnref1" name="_ftn1" title="">'
    "<span class=MsoFootnoteReference><span lang=EN-US>[1]</span></span></a><span lang=EN-US> </span>"
    f"<span style='font-family:宋体'>{NOTE}</span></p>\n</div>\n</div>"
)


def word_html(
    name: str, folder: Path, numbered: bool = False, layout_table: bool = False, filtered: bool = False
) -> Path:
    """A corpus document as Word saves it as a web page (GB2312, charset label and all).

    The first long paragraph has a footnote (its [1] and the note in a mso-element:footnote-list);
    the title lines are one centred paragraph broken by <br>, an empty line is <o:p>&nbsp;</o:p>,
    a line indented with spaces has them as a spacerun; with `numbered`, 一、/（一） are h1/h2 and every
    number Word's lists would print sits in a mso-list:Ignore span inside <![if !supportLists]>; with
    `layout_table`, the body sits in a one-cell table, as pages laid out in Word have it; with `filtered`
    (and `numbered`), a number and its tab's padding are plain spans, as "Web Page, Filtered" writes them.
    """
    lines = [line.text for line in read_source(CORPUS / f"{name}.txt").lines]
    head = 0
    while head < len(lines) and lines[head].strip() and head < 3 and len(lines[head]) <= 40:
        head += 1
    if head and (head == len(lines) or lines[head].strip()):
        head = 0  # no title block set off by an empty line
    body = []
    if head:
        title = "<br>\n".join(
            word_runs(line, "font-size:22.0pt;font-family:方正小标宋简体") for line in lines[:head]
        )
        body.append(f"<p class=MsoNormal align=center style='text-align:center'>{title}</p>")
    paragraphs = (
        numbered_paragraphs(lines[head:]) if numbered else [(None, 0, False, "", x) for x in lines[head:]]
    )
    ignore_open = "<![if !supportLists]><span style='font-family:黑体'><span style='mso-list:Ignore'>"
    noted = False
    for kind, level, _, number, rest in paragraphs:
        if kind is None and not rest.strip():
            body.append("<p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p>")
            continue
        if kind is None:
            note = "" if noted or len(rest) <= 30 else _FOOTNOTE_REFERENCE
            noted = noted or bool(note)
            body.append(
                "<p class=MsoNormal style='text-indent:32.0pt;mso-char-indent-count:2.0;line-height:28.95pt;"
                f"mso-line-height-rule:exactly'>{word_runs(rest)}{note}<span lang=EN-US><o:p></o:p></span></p>"
            )
            continue
        tag = f"h{level + 1}" if kind == "outline" and level < 2 else "p"
        padding = _TAB_PADDING if number.endswith(("章", "条")) else ""
        label = f"{ignore_open}{html.escape(number)}{padding}</span></span><![endif]>"
        if filtered:  # "Web Page, Filtered": the number and its tab's padding in a plain span
            label = f"<span style='font-family:黑体'>{html.escape(number)}{padding}</span>"
        body.append(
            f"<{tag} class={'MsoNormal' if tag == 'p' else 'MsoHeading'} style='text-indent:32.0pt;"
            f"mso-list:l0 level{level + 1} lfo{1 + ('outline', 'chapter', 'article').index(kind)}'>"
            f"{label}{word_runs(rest)}</{tag}>"
        )
    if noted:
        body.append(_FOOTNOTE_LIST)
    markup = "\n\n".join(body)
    if layout_table:
        markup = (
            "<table class=MsoNormalTable border=0 cellspacing=0 cellpadding=0 width=600 style='width:450.0pt;"
            "mso-cellspacing:0cm;mso-yfti-tbllook:1184'>\n<tr style='mso-yfti-irow:0'>\n"
            f"<td width=600 valign=top style='width:450.0pt;padding:0cm 5.4pt 0cm 5.4pt'>\n{markup}\n</td>\n"
            "</tr>\n</table>"
        )
    page = (
        WORD_HEAD.format(stem=name, title=html.escape(name))
        + wrap_source(markup)
        + "\n\n</div>\n\n</body>\n\n</html>\n"
    )
    suffix = "-filtered" if filtered else "-numbered" if numbered else "-layout" if layout_table else ""
    target = folder / f"{name}{suffix}.htm"
    target.write_bytes(page.encode("gbk", errors="xmlcharrefreplace"))
    return target


# ---------------------------------------------------------------- what else real Word files hold

_FODT_HEAD = f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document {NS} xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:styles><style:style style:name="Standard" style:family="paragraph"/></office:styles>
<office:automatic-styles>
<style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm"/>
<style:header-style/><style:footer-style/></style:page-layout>
<style:style style:name="Break" style:family="paragraph" style:parent-style-name="Standard"
 style:master-page-name="Second"/>
<style:style style:name="fr1" style:family="graphic"/>
</office:automatic-styles>
<office:master-styles>
<style:master-page style:name="Standard" style:page-layout-name="pm1">
<style:header><text:p>{{title}}</text:p></style:header>
<style:footer><text:p>— <text:page-number text:select-page="current">1</text:page-number> —</text:p></style:footer>
</style:master-page>
<style:master-page style:name="Second" style:page-layout-name="pm1">
<style:header><text:p>附件</text:p></style:header>
<style:footer><text:p>第<text:page-number text:select-page="current">5</text:page-number>页
共<text:page-count>9</text:page-count>页</text:p></style:footer>
</style:master-page>
</office:master-styles>
<office:body><office:text>
<text:tracked-changes text:track-changes="true">
<text:changed-region xml:id="ct1" text:id="ct1"><text:deletion><office:change-info><dc:creator>审稿人</dc:creator>
<dc:date>2025-01-01T10:00:00</dc:date></office:change-info><text:p>{{deleted}}</text:p></text:deletion></text:changed-region>
<text:changed-region xml:id="ct2" text:id="ct2"><text:insertion><office:change-info><dc:creator>审稿人</dc:creator>
<dc:date>2025-01-01T10:00:00</dc:date></office:change-info></text:insertion></text:changed-region>
</text:tracked-changes>
"""
BOX = "（此件公开发布）"
DELETED = "（征求意见稿删去的文字）"  # a tracked deletion: struck through until accepted, never the text


def _odf_text(text: str) -> str:
    """Text for a text:p: a tab as text:tab, runs of spaces as text:s (ODF collapses them otherwise)."""

    def spaces(match: re.Match[str]) -> str:
        count = len(match.group())
        if match.start() == 0:
            return f'<text:s text:c="{count}"/>'
        return " " + (f'<text:s text:c="{count - 1}"/>' if count > 1 else "")

    return re.sub(r"^ +| {2,}", spaces, html.escape(text, quote=False)).replace("\t", "<text:tab/>")


def features_fodt(name: str, folder: Path) -> tuple[Path, Path]:
    """A corpus document with what Word files carry besides the text, and the .txt of what a reader sees.

    A header and a footer with page fields on every page, a section break halfway to pages with their
    own header and footer ("第5页 共9页"), a footnote on the first long paragraph, a table of contents
    of the 一、 headings (entries with their page numbers) after the title, and in the second half a
    paragraph with a text box, a tracked deletion and a tracked insertion. The reader sees the body,
    the contents, the insertion and the text box's text after its paragraph; never the headers,
    footers, the footnote or the deletion.
    """
    lines = [line.text for line in read_source(CORPUS / f"{name}.txt").lines]
    headings = [line for line in lines if re.match(r"^[一二三四五六七八九十]+、", line)][:6]
    title_end = next((i for i, line in enumerate(lines) if not line.strip()), 0)
    middle = len(lines) // 2
    body, seen = [], []
    noted = boxed = False
    for index, line in enumerate(lines):
        if index == title_end and headings:
            body.append(
                '<text:table-of-content text:name="目录1"><text:table-of-content-source text:outline-level="2">'
                "<text:index-title-template>目录</text:index-title-template></text:table-of-content-source>"
                '<text:index-body><text:index-title text:name="目录1_Head"><text:p>目录</text:p></text:index-title>'
            )
            seen += ["", "目录"]
            for page, heading in enumerate(headings, 2):
                body.append(f"<text:p>{_odf_text(heading)}<text:tab/>{page}</text:p>")
                seen.append(f"{heading} {page}")
            body.append("</text:index-body></text:table-of-content>")
        style = "Break" if index == middle else "Standard"
        extra, text = "", _odf_text(line)
        seen.append(line)
        if not noted and index > title_end and len(line) > 30:
            noted = True
            extra = (
                '<text:note text:id="ftn1" text:note-class="footnote"><text:note-citation>1</text:note-citation>'
                f"<text:note-body><text:p>{NOTE}</text:p></text:note-body></text:note>"
            )
        elif not boxed and index > middle and len(line) > 30:
            boxed = True
            text = (  # after the paragraph's start, where the text box's anchor goes
                f'{_odf_text(line[:2])}<text:change text:change-id="ct1"/><text:change-start text:change-id="ct2"/>'
                f'{_odf_text(line[2:4])}<text:change-end text:change-id="ct2"/>{_odf_text(line[4:])}'
            )
            extra = (
                '<draw:frame draw:style-name="fr1" draw:name="文本框1" text:anchor-type="paragraph" '
                f'svg:width="6cm" svg:height="2cm"><draw:text-box><text:p>{BOX}</text:p></draw:text-box></draw:frame>'
            )
            seen.append(BOX)
        body.append(f'<text:p text:style-name="{style}">{text}{extra}</text:p>')
    source = folder / f"{name}-features.fodt"
    page = _FODT_HEAD.replace("{title}", html.escape(lines[0], quote=False)).replace("{deleted}", DELETED)
    source.write_text(page + "\n".join(body) + "\n</office:text></office:body></office:document>\n", "utf-8")
    seen_path = folder / f"{name}-features.txt"
    seen_path.write_text("\n".join(seen) + "\n", encoding="utf-8")
    return source, seen_path


# ---------------------------------------------------------------- the matrix

needs_corpus = pytest.mark.skipif(not NAMES, reason=f"shared corpus not found at {CORPUS}")


@pytest.fixture(scope="module")
def office(tmp_path_factory) -> dict[str, list[Path]]:
    """The Word files typed from the sampled documents, by the formats LibreOffice saves them as."""
    folder = tmp_path_factory.mktemp("office")
    plain = [corpus_docx(name, folder) for name in NAMES]
    numbered = [numbered_docx(name, folder) for name in NAMES]
    typed_restarts = [numbered_docx(name, folder, restarts=False) for name in NAMES]
    features = [features_fodt(name, folder)[0] for name in NAMES]
    return {
        "doc": plain + typed_restarts + features,
        "docx": plain + numbered + features,
        "odt": numbered,
        "html": plain + features,
    }


_CONVERTED: dict[str, Path] = {}


def converted(office: dict[str, list[Path]], suffix: str) -> Path:
    """The folder of LibreOffice's `suffix` copies: one soffice run per format, made when first asked."""
    if suffix not in _CONVERTED:
        sources = office[suffix]
        out = sources[0].parent / f"as-{suffix}"
        out.mkdir()
        soffice_convert(sources, suffix, out)
        _CONVERTED[suffix] = out
    return _CONVERTED[suffix]


@needs_corpus
def test_libreoffice_doc_gives_the_txt_tree(office):
    folder = converted(office, "doc")
    assert differing(folder, ".doc", NAMES) == []


@needs_corpus
def test_libreoffice_doc_prints_the_numbers_of_word_lists(office):
    """一、/（一）/1./第一条 made by list numbering print in the .doc as in the .txt (the tab after a number
    is the list's, so whitespace is left out). Lists restarted by hand are typed: LibreOffice writes a
    restarted list's first paragraph into a list of its own, and reads its own .doc back as we do."""
    folder = converted(office, "doc")
    typed = [f"{name}-numbered-typed-restarts" for name in NAMES]
    for name, copy in zip(NAMES, typed, strict=True):
        assert squashed_tree(folder / f"{copy}.doc") == squashed_tree(CORPUS / f"{name}.txt"), name


@needs_corpus
def test_libreoffice_docx_gives_the_txt_tree(office):
    folder = converted(office, "docx")
    assert differing(folder, ".docx", NAMES) == []
    for name in NAMES:
        assert squashed_tree(folder / f"{name}-numbered.docx") == squashed_tree(CORPUS / f"{name}.txt"), name


@needs_corpus
def test_libreoffice_odt_of_numbered_headings_gives_the_txt_tree(office):
    """LibreOffice wraps a （一） that follows a paragraph in a list item of the 一、 level with no
    paragraph of its own: that item is neither numbered nor counted (else 二、 prints as 七、)."""
    folder = converted(office, "odt")
    for name in NAMES:
        assert squashed_tree(folder / f"{name}-numbered.odt") == squashed_tree(CORPUS / f"{name}.txt"), name


@needs_corpus
def test_libreoffice_html_gives_the_txt_tree_but_for_space_runs(office):
    """LibreOffice writes a run of spaces (目    录) as typed, so a browser shows one space, and so do we."""
    folder = converted(office, "html")
    assert differing(folder, ".html", NAMES, squashed_tree) == []


@needs_corpus
def test_libreoffice_html_leaves_out_running_heads_and_notes(office):
    """LibreOffice's web page holds the headers and footers as <div title="header">, the footnotes as
    sdfootnote anchors and divs: none of them is body text. (It moves the contents to the end and the
    text box to the top, so the tree is not compared.)"""
    folder = converted(office, "html")
    for name in NAMES:
        lines = [line.text for line in read_source(folder / f"{name}-features.html").lines]
        assert not any(
            NOTE in line or "共9页" in line or re.fullmatch(r"—\s*\d+\s*—", line.strip()) for line in lines
        ), name
        seen = (office["doc"][0].parent / f"{name}-features.txt").read_text("utf-8")
        title = squash(seen.splitlines()[0])  # the running head repeats it
        assert squash("".join(lines)).count(title) == squash(seen).count(title), name


@needs_corpus
@pytest.mark.parametrize("suffix", [".docx", ".doc"])
def test_headers_footers_footnotes_contents_and_text_boxes_read_as_seen(office, suffix):
    folder = converted(office, suffix.lstrip("."))
    for name in NAMES:
        seen = tree(office["doc"][0].parent / f"{name}-features.txt")
        got = tree(folder / f"{name}-features{suffix}")
        assert got == seen, name
        text = "".join(clause.text for clause in load_document(folder / f"{name}-features{suffix}").walk())
        assert NOTE not in text and "共9页" not in text and DELETED not in text


# ---------------------------------------------------------------- Word's web pages, re-encoded texts


@needs_corpus
@pytest.mark.parametrize("layout_table", [False, True], ids=["page", "in-a-layout-table"])
def test_word_web_page_gives_the_txt_tree(tmp_path, layout_table):
    for name in NAMES:
        page = word_html(name, tmp_path, layout_table=layout_table)
        assert tree(page) == tree(CORPUS / f"{name}.txt"), name


@needs_corpus
@pytest.mark.parametrize("filtered", [False, True], ids=["web-page", "filtered"])
def test_word_web_page_prints_list_numbers_as_the_docx_does(tmp_path, filtered):
    """The numbers Word's lists print (in mso-list:Ignore spans, a tab's &nbsp; padding after 第一条)
    read as the .docx reader prints the same lists: 一、总体要求, 第一条　为了."""
    for name in NAMES:
        page = word_html(name, tmp_path, numbered=True, filtered=filtered)
        assert tree(page) == tree(numbered_docx(name, tmp_path)), name
        assert squashed_tree(page) == squashed_tree(CORPUS / f"{name}.txt"), name


SAVED_AS = {  # how Chinese Windows and Unicode editors save a text: (codec, byte order mark)
    "gb18030": ("gb18030", b""),
    "gbk": ("gbk", b""),
    "utf-8-bom": ("utf-8", codecs.BOM_UTF8),
    "utf-16-le-bom": ("utf-16-le", codecs.BOM_UTF16_LE),
    "utf-16-be-bom": ("utf-16-be", codecs.BOM_UTF16_BE),
    "utf-16-le": ("utf-16-le", b""),
    "utf-16-be": ("utf-16-be", b""),
    "gbk-crlf": ("gbk", b""),
}


@needs_corpus
@pytest.mark.parametrize("saved_as", SAVED_AS)
def test_reencoded_text_gives_the_same_tree(tmp_path, saved_as):
    """Notepad's ANSI (GBK, CRLF), GB18030, UTF-8 with a BOM and UTF-16 either way, with and without a BOM.
    GBK cannot hold every character (U+2003, U+00A0): those become "?" as Notepad writes them."""
    codec, bom = SAVED_AS[saved_as]
    (tmp_path / "saved").mkdir()
    (tmp_path / "utf-8").mkdir()
    for name in NAMES:
        text = (CORPUS / f"{name}.txt").read_text(encoding="utf-8")
        copy, reference = tmp_path / "saved" / f"{name}.txt", tmp_path / "utf-8" / f"{name}.txt"
        copy.write_bytes(
            bom + text.replace("\n", "\r\n" if "crlf" in saved_as else "\n").encode(codec, "replace")
        )
        reference.write_text(text.encode(codec, "replace").decode(codec), encoding="utf-8")
        assert tree(copy) == tree(reference), name
