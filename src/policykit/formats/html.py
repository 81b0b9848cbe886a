"""HTML (a saved government web page) → `Source`: the article body as lines, and the page's metadata.

lxml parses the page, so comments holding markup never leak into the text. Scripts, styles,
forms and navigation go first; the article is the element that collects the most paragraph text
that is not links; its blocks (p, div, li, h1-h6, br) become lines and its data tables tab-separated
rows. Site chrome left inside (【打印】, 分享到, 字号 大 中 小, 相关链接, the footer with 主办单位 and
ICP备) is recognised by the words in data/html.yaml (see formats/chrome.py). The metadata table (标题, 文号, 成文日期) is read
before anything is dropped.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import lru_cache

from policykit import pattern_cache
from policykit.config import data_yaml
from policykit.errors import InputError
from policykit.formats import NUMBER_END, Element, make_source, spaced_label, table_lines
from policykit.formats.chrome import chrome_line
from policykit.model import Metadata, Source
from policykit.zh.chars import squash
from policykit.zh.numbering import match_numbering

_DROPPED_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "object",
    "embed",
    "svg",
    "canvas",
    "form",
    "input",
    "button",
    "select",
    "textarea",
    "nav",
    "footer",
    "aside",
    "head",
)
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_LEAF_BLOCKS = frozenset(
    ("p", "td", "th", "li", "pre", "dd", *_HEADINGS, "div", "section", "article", "blockquote")
)
_BLOCKS = _LEAF_BLOCKS | {"ul", "ol", "dl", "dt", "tr", "table", "tbody", "thead", "tfoot", "center"}
_BLOCKS |= {"header", "main", "address", "figure", "figcaption", "caption", "hr"}
_BOLD = frozenset(("strong", "b"))
_WORD_NOTES = pattern_cache.compile(
    r"mso-element:(?:footnote|endnote|comment)-list|mso-(?:footnote|endnote)-id"
)
_NOTE_LINK = pattern_cache.compile(r"#(?:_ftn|_edn|_msocom_|sdfootnote|sdendnote)\d")  # Word's, LibreOffice's
_OFFICE_PARTS = pattern_cache.compile(
    r"(?:sdfootnote|sdendnote)\d+$|(?:header|footer)$"
)  # LibreOffice's divs
_SYMBOL_FONTS = ("symbol", "wingdings", "webdings")  # Word's bullets are letters in these fonts (l, §, Ø)
_SPACES = pattern_cache.compile(r"[ \t\r\n\f]+")
_CHARSET = re.compile(rb"""charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_CONTROL = pattern_cache.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_XML_DECLARATION = pattern_cache.compile(r"^\s*<\?xml[^>]*\?>")
_REPOST = pattern_cache.compile(r"^[（(【\[](?:转载|转发|原文|图解)[）)】\]]")
_DATE = pattern_cache.compile(r"(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})")
log = logging.getLogger("policykit.formats")
_BRACKETS = str.maketrans(dict.fromkeys("【】[]［］()（）|｜丨:：·•>»<«", ""))


@dataclass(frozen=True)
class PageWords:
    """The words of data/html.yaml, compiled once."""

    related: frozenset[str]
    footer_start: tuple[str, ...]
    footer_anywhere: tuple[str, ...]
    labels: dict[str, tuple[str, ...]]
    meta_tags: dict[str, tuple[str, ...]]
    furniture: re.Pattern[str]


@lru_cache(maxsize=1)
def page_words() -> PageWords:
    """Load data/html.yaml once."""
    raw = data_yaml("html.yaml")
    return PageWords(
        related=frozenset(raw["related"]),
        footer_start=tuple(raw["footer_start"]),
        footer_anywhere=tuple(raw["footer_anywhere"]),
        labels={k: tuple(v) for k, v in raw["labels"].items()},
        meta_tags={k: tuple(v) for k, v in raw["meta_tags"].items()},
        furniture=pattern_cache.compile("|".join(map(re.escape, raw["furniture"])), re.I),
    )


def read_html(data: bytes, *, path: str, name: str) -> Source:
    """Read a web page's article into numbered lines, with the page's own metadata."""
    import lxml.html
    from lxml import etree

    text = _CONTROL.sub("", decode_html(data))  # lxml refuses control characters when text is edited
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as error:
        raise InputError(f"cannot parse this HTML page ({error})", path=path) from None
    metadata, labelled = page_metadata(root)
    for block in metadata_blocks(labelled):
        _drop_keep_tail(block)
    stylesheet = " ".join(style.text_content() for style in root.iter("style"))
    _drop_noise(root)
    body = root.find("body")
    article = find_article(body if body is not None else root)
    if not _UNNUMBERED_LISTS.search(stylesheet):
        print_list_numbers(article)
    lines = clean_lines(block_lines(article), path)
    heading = title_heading(root, article, metadata.title if metadata else None)
    if heading and squash(heading) not in {squash(line) for line in lines[:10]}:
        lines = [heading, "", *lines]
    return make_source(lines, path=path, name=name, encoding="html", metadata=metadata)


def decode_html(data: bytes) -> str:
    """Decode a page by its BOM, else as UTF-8 when that is valid and reads as Chinese, else by its
    declared charset, else GB18030.

    Pages are re-saved as UTF-8 with their old <meta charset=gb2312> left in place, and GB18030 decodes
    almost any bytes, so the label alone would turn 城市更新 into 鍩庡競鏇存柊.

    >>> decode_html("<meta charset=gb2312><p>城市更新</p>".encode("utf-8"))[-11:]
    '<p>城市更新</p>'
    >>> decode_html("<meta charset=gb2312><p>城市更新</p>".encode("gb18030"))[-11:]
    '<p>城市更新</p>'
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    declared = _CHARSET.search(data[:4096])
    candidates = [declared.group(1).decode("ascii").lower()] if declared else []
    if candidates and not candidates[0].startswith(("utf-16", "utf-32")):
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = ""
        if text and reads_as_chinese(text):
            return _XML_DECLARATION.sub("", text)
    for encoding in [*candidates, "utf-8", "gb18030"]:
        if encoding in ("gb2312", "gbk"):
            encoding = "gb18030"
        try:
            return _XML_DECLARATION.sub("", data.decode(encoding))
        except (LookupError, UnicodeDecodeError):
            continue
    return _XML_DECLARATION.sub("", data.decode("gb18030", errors="replace"))


def reads_as_chinese(text: str) -> bool:
    """Whether a text's non-ASCII characters are Chinese and its punctuation, not what GBK bytes become when
    read as UTF-8 (通知 in GBK is valid UTF-8: U+05AA U+0368).

    >>> reads_as_chinese("<p>通知：2025年</p>"), reads_as_chinese("\u05aa\u0368"), reads_as_chinese("<p></p>")
    (True, False, True)
    """
    wide = [c for c in text[:65536] if c > "\x7f"]
    chinese = sum(
        1 for c in wide if "\u4e00" <= c <= "\u9fff" or "\u2000" <= c <= "\u303f" or "\uff00" <= c <= "\uffef"
    )
    return chinese >= 0.8 * len(wide)


def page_metadata(root: Element) -> tuple[Metadata | None, list[Element]]:
    """Read title, 文号, date and issuer from the page's metadata block, its <meta> tags and <title>.

    Also return the label cells found, so that the block they form can be kept out of the article.
    """
    words = page_words()
    by_label = {label: field for field, labels in words.labels.items() for label in labels}
    best: dict[str, tuple[int, str]] = {}  # field → (rank of its label, value)
    labelled = []
    cells = list(root.iter("td", "th", "span", "li", "p", "div", "dt", "dd", "label", "b", "strong"))
    for index, cell in enumerate(cells):
        if _has_block_child(cell):
            continue
        label, value = _label_value(_collapse(cell.text_content()).strip())
        if label not in by_label:
            continue
        labelled.append(cell)
        field = by_label[label]
        rank = words.labels[field].index(label)
        value = value or _next_value(cells, index, by_label)
        if value and (field not in best or rank < best[field][0]):
            best[field] = (rank, value)
    values = {field: value for field, (_, value) in best.items()}
    for meta in root.iter("meta"):
        key, content = (meta.get("name") or "").lower(), (meta.get("content") or "").strip()
        for field, names in words.meta_tags.items():
            if content and field not in values and key in (n.lower() for n in names):
                values[field] = content
    page_title = root.find(".//title")
    if "title" not in values and page_title is not None:
        # "国务院关于…的意见_国务院文件_中国政府网": the document's title comes first.
        values["title"] = re.split(r"\s[-|–—]\s|[_|｜]", _collapse(page_title.text_content()).strip())[0]
    date = _DATE.search(values.get("date", ""))
    title = _REPOST.sub("", values.get("title", "")).strip()
    metadata = Metadata(
        title=title if len(title) >= 5 else None,
        doc_number=values.get("doc_number") or None,
        issuer=values.get("issuer") or None,
        date=f"{int(date.group(1)):04d}-{int(date.group(2)):02d}-{int(date.group(3)):02d}" if date else None,
        year=int(date.group(1)) if date else None,
    )
    return (metadata if metadata != Metadata() else None), labelled


def _has_block_child(element: Element) -> bool:
    return any(child.tag in ("td", "th", "div", "p", "li", "table", "tr") for child in element)


def metadata_blocks(labelled: list[Element]) -> list[Element]:
    """The small containers (a table, a list, a div) that hold two or more metadata labels."""
    blocks = []
    for cell in labelled:
        ancestor = cell.getparent()
        for _ in range(6):
            if ancestor is None:
                break
            if ancestor.tag in ("table", "dl", "ul", "ol", "div", "section"):
                inside = sum(1 for other in labelled if other is not cell and _contains(ancestor, other))
                if inside >= 1:
                    if len(squash(ancestor.text_content())) <= 800 and ancestor not in blocks:
                        blocks.append(ancestor)
                    break
            ancestor = ancestor.getparent()
    return [b for b in blocks if not any(o is not b and _contains(o, b) for o in blocks)]


def _contains(ancestor: Element, element: Element) -> bool:
    return any(a is ancestor for a in element.iterancestors())


def title_heading(root: Element, article: Element, title: str | None) -> str | None:
    """The page's h1-h3 just before the article when it is the document's title (it sits outside the body)."""
    if not title:
        return None
    order = {element: index for index, element in enumerate(root.iter())}
    start = order.get(article, 0)
    before = [
        h
        for h in root.iter("h1", "h2", "h3")
        if order.get(h, start) < start and not _contains(article, h) and h is not article
    ]
    for heading in reversed(before):
        text = _REPOST.sub("", _collapse(heading.text_content()).strip()).strip()
        if squash(text) == squash(title):
            return text
    return None


def _label_value(text: str) -> tuple[str, str]:
    """Split "发布日期：2024-09-12" into its squashed label and its value.

    >>> _label_value("文  号：穗府办规〔2024〕13号")
    ('文号', '穗府办规〔2024〕13号')
    """
    parts = re.split(r"[:：]", text, maxsplit=1)
    return squash(parts[0]), (parts[1].strip() if len(parts) > 1 else "")


def _next_value(cells: list[Element], index: int, by_label: dict[str, str]) -> str:
    """The value of a label cell is the next leaf cell's text, unless that is another label."""
    for cell in cells[index + 1 : index + 4]:
        if _has_block_child(cell):
            continue
        text = _collapse(cell.text_content()).strip()
        if not text:
            continue
        return "" if _label_value(text)[0] in by_label else text
    return ""


def _drop_noise(root: Element) -> None:
    """Remove what is never article text: scripts, styles, comments, forms, navigation, hidden parts.

    Also the notes of a web page saved by Word or LibreOffice: the [1] that refers to a footnote, endnote
    or comment, and their texts, which the .docx and .doc readers leave out of the body too; and the
    running heads and feet LibreOffice writes as <div title="header"> and <div title="footer">.
    """
    for comment in root.xpath("//comment() | //processing-instruction()"):
        if comment.getparent() is not None:
            _drop_keep_tail(comment)
    furniture = page_words().furniture
    doomed = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        style = (element.get("style") or "").replace(" ", "").lower()
        marks = f"{element.get('class') or ''} {element.get('id') or ''}"
        if (
            element.tag in _DROPPED_TAGS
            or "display:none" in style
            or element.get("hidden") is not None
            or (marks.strip() and furniture.search(marks))
            or _WORD_NOTES.search(style)
            or (element.tag == "a" and _NOTE_LINK.match(element.get("href") or ""))
            or (element.tag == "div" and _OFFICE_PARTS.match(element.get("id") or element.get("title") or ""))
        ):
            doomed.append(element)
    for element in doomed:
        if element.getparent() is not None:
            _drop_keep_tail(element)


def _drop_keep_tail(element: Element) -> None:
    parent = element.getparent()
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def find_article(body: Element) -> Element:
    """Pick the element holding the article: the most paragraph text that is not link text.

    A paragraph scores for its parent and half for its grandparent. A block of <br>-separated
    lines (div#zoom) is a container itself; a data table's cells count for the table's parent,
    so that a long table does not outweigh the text around it.
    """
    scores: dict[Element, float] = {}
    data_tables: dict[Element, bool] = {}

    def credit(element: Element | None, amount: float) -> None:
        if element is not None:
            scores[element] = scores.get(element, 0) + amount

    for element in body.iter(*_LEAF_BLOCKS):
        if any(isinstance(c.tag, str) and c.tag in _BLOCKS for c in element):
            continue
        text = squash(element.text_content())
        if len(text) < 2:
            continue
        links = sum(len(squash(a.text_content())) for a in element.iter("a"))
        if links > 0.5 * len(text):
            continue
        anchor = element
        if element.tag in ("td", "th"):
            table = next(element.iterancestors("table"), None)
            if table is not None:
                if table not in data_tables:
                    data_tables[table] = _is_data_table(table)
                anchor = table if data_tables[table] else element
        elif sum(1 for _ in element.iter("br")) >= 3:
            credit(element, len(text))  # lines separated by <br>: the block is the article
        parent = anchor.getparent()
        credit(parent, len(text))
        credit(parent.getparent() if parent is not None else None, len(text) / 2)
    if not scores:
        return body
    return max(scores, key=lambda element: scores[element])


def block_lines(element: Element) -> list[str]:
    """Serialise an element's blocks as lines; data tables become tab-separated rows.

    Whitespace collapses as a browser collapses it (runs of ASCII whitespace → one space, none at
    the ends of a block) except inside <pre> or white-space: pre; no-break spaces stay.
    """
    lines: list[str] = []
    current: list[str] = []

    verbatim = [False]  # whether the current line holds preformatted text

    def flush() -> None:
        line = "".join(current)
        current.clear()
        if verbatim[0]:
            lines.append(line)
        elif line.strip(" "):
            lines.append(line.strip(" "))
        verbatim[0] = False

    def add(text: str | None, pre: bool) -> None:
        if text:
            current.append(text if pre else _collapse(text))
            verbatim[0] = verbatim[0] or pre

    def visit(node: Element, pre: bool) -> None:
        tag = node.tag if isinstance(node.tag, str) else ""
        style = (node.get("style") or "").replace(" ", "").lower() if tag else ""
        pre = pre or tag == "pre" or "white-space:pre" in style
        if ("mso-" in style or "font:7.0pt" in style) and _word_markup(node, style, current):
            return  # Word's own spans: a run of typed spaces, a tab, a list number
        if tag == "br":
            if "".join(current).strip(" "):
                flush()
            else:
                current.clear()
                lines.append("")  # <br><br>: a gap between blocks
        elif tag in _BLOCKS and node is not element and _link_list(node):
            flush()  # a menu or a list of related pages inside the article container
        elif tag == "table" and _is_data_table(node):
            flush()
            lines.extend(table_lines(_table_rows(node)))
        else:
            block = tag in _BLOCKS or tag in ("td", "th")
            if block:
                flush()
            add(node.text, pre)
            for child in node:
                visit(child, pre)
                if _is_bold(child):
                    _separate_number(current, child, child.tail)
                add(child.tail, pre)
            if block:
                if tag == "p" and not "".join(current).strip(" "):
                    current.clear()
                    lines.append("")  # an empty paragraph separates blocks
                flush()

    visit(element, False)
    flush()
    return lines


def _word_markup(span: Element, style: str, current: list[str]) -> bool:
    """Read a span Word's "save as web page" writes for what it cannot say in HTML, as the .docx reader
    reads the same paragraph; False for any other element.

    mso-spacerun holds typed spaces as &nbsp;…&nbsp; and a space: they are spaces, as many as typed.
    mso-tab-count holds a tab as &nbsp; padding: one space, as a tab inside a paragraph reads.
    mso-list:Ignore holds the number Word's list printed (一、, 第一条) and the tab after it as
    &nbsp; padding in a 7 pt span: the number, then U+3000 for the tab unless the number ends in its
    own mark; a bullet (a Symbol or Wingdings glyph, or no number at all) prints nothing. A filtered
    page has the padding span alone, after the number as plain text.
    """
    text = span.text_content()
    if "mso-spacerun:yes" in style:
        current.append(_collapse(text).replace("\xa0", " "))
    elif "mso-tab-count" in style:
        current.append(" ")
    elif "mso-list:ignore" in style:
        label = text.strip(" \xa0\t\r\n")
        fonts = " ".join(e.get("style") or "" for e in (span, *span.iterancestors("span"))).lower()
        if label and any(c.isalnum() for c in label) and not any(f in fonts for f in _SYMBOL_FONTS):
            current.append(spaced_label(label, followed=label != text.strip(" \r\n")))
    elif "font:7.0pt" in style and not text.strip(" \xa0\t\r\n"):
        # The same padding alone, after a number left as plain text ("Web Page, Filtered").
        before = "".join(current).rstrip(" \xa0")
        current[:] = [before, "" if before[-1:] in NUMBER_END else "\u3000"]
    else:
        return False
    return True


def print_list_numbers(element: Element) -> None:
    """Put before each item of an ordered list the number a browser shows for it, as the Word readers
    print a list's numbers: <ol start="2"><li> → 2., type="a" → a., list-style-type: cjk-ideographic → 一、

    LibreOffice's web pages and online editors number paragraphs so. An item that starts with a number
    of its own (a typed 第一条 under a stylesheet that hides the markers) is left as it is.
    """
    for ol in element.iter("ol"):
        count = _int_or(ol.get("start"), 1) - 1
        for li in ol:
            if not isinstance(li.tag, str) or li.tag != "li":
                continue
            count = _int_or(li.get("value"), count + 1)
            style = (
                _list_style(li)
                or _list_style(ol)
                or _TYPE_STYLES.get(li.get("type") or ol.get("type") or "1")
            )
            marker = _marker(count, style or "decimal")
            text = _collapse(li.text_content()).strip()
            if marker and text and match_numbering(text) is None:
                # Before the item's first visible character, a leading &nbsp; too: the marker comes first.
                first = next(
                    (e for e in li.iter() if isinstance(e.tag, str) and _SPACES.sub("", e.text or "")), li
                )
                first.text = marker + (first.text or "").lstrip(" \t\r\n\f")


_UNNUMBERED_LISTS = pattern_cache.compile(
    r"(?:^|[\s,}>])(?:ol|li)\b[^{}]*\{[^}]*list-style(?:-type)?\s*:\s*none", re.I
)
_LIST_STYLE = pattern_cache.compile(r"list-style(?:-type)?\s*:\s*([a-z-]+)", re.I)
_TYPE_STYLES = {
    "1": "decimal",
    "a": "lower-alpha",
    "A": "upper-alpha",
    "i": "lower-roman",
    "I": "upper-roman",
}
_WORD_FORMATS = {  # CSS list-style-type → the Word number format that writes it (formats.docx.format_number)
    "decimal": "decimal",
    "decimal-leading-zero": "decimalZero",
    "lower-alpha": "lowerLetter",
    "lower-latin": "lowerLetter",
    "upper-alpha": "upperLetter",
    "upper-latin": "upperLetter",
    "lower-roman": "lowerRoman",
    "upper-roman": "upperRoman",
    "cjk-ideographic": "chineseCounting",
    "simp-chinese-informal": "chineseCounting",
    "trad-chinese-informal": "chineseCounting",
    "cjk-decimal": "ideographDigital",
    "cjk-heavenly-stem": "ideographTraditional",
    "cjk-earthly-branch": "ideographZodiac",
}


def _list_style(element: Element) -> str | None:
    found = _LIST_STYLE.search(element.get("style") or "")
    return found.group(1).lower() if found else None


def _marker(count: int, style: str) -> str:
    """The marker a browser draws: 3. c. iii. for the Latin styles, 三、 for the Chinese ones, none for none.

    >>> _marker(3, "decimal"), _marker(3, "lower-alpha"), _marker(3, "cjk-ideographic"), _marker(3, "none")
    ('3.', 'c.', '三、', '')
    """
    from policykit.formats.docx import format_number

    if style not in _WORD_FORMATS:
        return ""  # none, disc, circle, square: no number
    number = format_number(count, _WORD_FORMATS[style])
    return number + ("、" if _WORD_FORMATS[style].startswith(("chinese", "ideograph")) else ".")


def _int_or(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _link_list(block: Element) -> bool:
    """Three or more links that make up most of a block's text: navigation, not article text."""
    anchors = [a for a in block.iter("a") if squash(a.text_content())]
    if len(anchors) < 3:
        return False
    text = len(squash(block.text_content()))
    return sum(len(squash(a.text_content())) for a in anchors) >= 0.7 * text


def _is_bold(element: Element) -> bool:
    if not isinstance(element.tag, str) or element.tag in _BLOCKS:
        return False
    style = (element.get("style") or "").replace(" ", "").lower()
    return (
        element.tag in _BOLD
        or "font-weight:bold" in style
        or "font-weight:700" in style
        or any(inner.tag in _BOLD for inner in element.iter("strong", "b"))
    )


def _separate_number(current: list[str], bold: Element, tail: str | None) -> None:
    """Keep the boundary of a bold article number run straight into its text: 第一条 + 为了… → 第一条　为了…

    A number that ends in a word (第一条, 第二章, 一是) always gets the space the .txt and Word
    editions carry, so editions in different formats read and compare alike; one that ends in
    its own mark (一、, （一）) only where the text would otherwise not read as numbered.
    """
    line = "".join(current).strip(" \u3000")
    run = squash(bold.text_content())
    if not run or line != run:
        return
    following = _collapse(tail or "")
    if following[:1] in (" ", "\u3000", "\u00a0"):
        return
    joined, spaced = match_numbering(run + following), match_numbering(run + "\u3000" + following)
    if spaced is None or spaced.number != run:
        return
    if run[-1].isalpha() or joined is None or joined.number != run:
        current.append("\u3000")


def _is_data_table(table: Element) -> bool:
    """A table of at least two columns, not nesting tables, with cells of modest length."""
    if table.find(".//table") is not None:
        return False
    rows = table.findall(".//tr")
    width = max((len(row.findall("td")) + len(row.findall("th")) for row in rows), default=0)
    if width < 2:
        return False
    return all(len(squash(cell.text_content())) <= 400 for cell in table.iter("td", "th"))


def _table_rows(table: Element) -> list[list[str]]:
    rows = []
    for row in table.iter("tr"):
        cells = []
        for cell in row:
            if cell.tag not in ("td", "th"):
                continue
            cells.append(" ".join(line for line in block_lines(cell) if line.strip()))
            cells.extend([""] * (_int(cell.get("colspan")) - 1))
        rows.append(cells)
    return rows


def _int(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 50))
    except ValueError:
        return 1


def _collapse(text: str) -> str:
    """Collapse HTML whitespace to one space; no-break and ideographic spaces stay, as in a browser."""
    return _SPACES.sub(" ", text)


def clean_lines(lines: list[str], label: str = "-") -> list[str]:
    """Drop chrome, related-link lists and footer lines, collapse runs of blank lines; log what went."""
    words = page_words()
    out: list[str] = []
    for index, raw in enumerate(lines):
        line = raw.rstrip()
        bare = squash(line).translate(_BRACKETS)
        if bare in words.related:
            rest = sum(1 for later in lines[index:] if later.strip())
            log.info("%s: dropped a list of related pages (%d lines) from %s", label, rest, line.strip())
            break
        if chrome_line(line, lenient=True):
            log.info("%s: dropped a line of web page chrome: %s", label, line.strip())
            continue
        if bare.startswith(words.footer_start) or any(w in bare for w in words.footer_anywhere):
            log.info("%s: dropped a site footer line: %s", label, line.strip())
            continue
        if not line and (not out or not out[-1]):
            continue
        out.append(line)
    while out and not out[-1]:
        out.pop()
    return out
