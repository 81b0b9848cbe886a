"""Serialise an article's blocks as lines (data tables as tab-separated rows, list numbers printed) and
drop the chrome, related-link lists and footer lines left among them."""

from __future__ import annotations

import re

from policykit import pattern_cache
from policykit.errors import logger
from policykit.formats import NUMBER_END, Element, spaced_label, table_lines
from policykit.formats.chrome import chrome_line
from policykit.formats.grid import GridCell, lay_out
from policykit.formats.html.words import SPACES as _SPACES
from policykit.formats.html.words import collapse as _collapse
from policykit.formats.html.words import page_words
from policykit.zh.chars import squash
from policykit.zh.numbering import match_numbering

_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
LEAF_BLOCKS = frozenset(
    ("p", "td", "th", "li", "pre", "dd", *_HEADINGS, "div", "section", "article", "blockquote")
)
BLOCKS = LEAF_BLOCKS | {"ul", "ol", "dl", "dt", "tr", "table", "tbody", "thead", "tfoot", "center"}
BLOCKS |= {"header", "main", "address", "figure", "figcaption", "caption", "hr"}
_BOLD = frozenset(("strong", "b"))
_SYMBOL_FONTS = ("symbol", "wingdings", "webdings")  # Word's bullets are letters in these fonts (l, §, Ø)
log = logger("policykit.formats")
_BRACKETS = str.maketrans(dict.fromkeys("【】[]［］()（）|｜丨:：·•>»<«", ""))


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
        elif tag in BLOCKS and node is not element and _link_list(node):
            flush()  # a menu or a list of related pages inside the article container
        elif tag in BLOCKS and node is not element and download_list(node):
            flush()  # the page's list of files to download; its 附件： label goes with it
            if lines and squash(lines[-1]).rstrip(":：") in page_words().attachment_labels:
                lines.pop()
        elif tag == "table" and is_data_table(node):
            flush()
            lines.extend(table_lines(_table_rows(node)))
        else:
            block = tag in BLOCKS or tag in ("td", "th")
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


UNNUMBERED_LISTS = pattern_cache.compile(
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


_DATES = pattern_cache.compile(
    r"[\[【(（]?\d{4}\s*[-年/.]\s*\d{1,2}(?:\s*[-月/.]\s*\d{1,2}\s*日?)?[\]】)）]?|\d{1,2}[-/]\d{1,2}"
)


def _link_list(block: Element) -> bool:
    """Three or more links that make up most of a block's text, the dates beside them aside: navigation
    or a list of related pages (标题 2024-01-10), not article text."""
    anchors = [a for a in block.iter("a") if squash(a.text_content())]
    if len(anchors) < 3:
        return False
    text = len(_DATES.sub("", squash(block.text_content())))
    return sum(len(_DATES.sub("", squash(a.text_content()))) for a in anchors) >= 0.7 * text


def download_list(block: Element) -> bool:
    """Links to files, each shown by its file name (某某方案.pdf), with at most an 附件 label beside them:
    the page's download list.

    >>> import lxml.html
    >>> download_list(lxml.html.fromstring('<p>附件：<a href="/P1.pdf">实施细则.pdf</a></p>'))
    True
    >>> download_list(lxml.html.fromstring('<p>附件：<a href="/P1.pdf">实施细则</a></p>'))
    False
    """
    words = page_words()
    anchors = [a for a in block.iter("a") if squash(a.text_content())]
    if not anchors or not all(words.file_name.search(_collapse(a.text_content()).strip()) for a in anchors):
        return False
    rest = squash(block.text_content())
    for anchor in anchors:
        rest = rest.replace(squash(anchor.text_content()), "", 1)
    rest = _DOWNLOADS.sub("", rest).translate(_BRACKETS)
    return (
        not rest or rest in words.attachment_labels or rest.rstrip("0123456789.、") in words.attachment_labels
    )


_DOWNLOADS = pattern_cache.compile(r"[（(]?(?:下载次数|下载|大小)[:：]?[\d.]*[KMG]?B?[）)]?|\d+[.、]")


def _is_bold(element: Element) -> bool:
    if not isinstance(element.tag, str) or element.tag in BLOCKS:
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


def is_data_table(table: Element) -> bool:
    """A table of at least two columns, not nesting tables, with cells of modest length."""
    if table.find(".//table") is not None:
        return False
    rows = table.findall(".//tr")
    width = max((len(row.findall("td")) + len(row.findall("th")) for row in rows), default=0)
    if width < 2:
        return False
    return all(len(squash(cell.text_content())) <= 400 for cell in table.iter("td", "th"))


def _table_rows(table: Element) -> list[list[str]]:
    """The table's rows on its grid: rowspan and colspan laid out as every reader lays out a merge.

    A span is read as a browser reads it: from its leading digits ("2px" is 2, junk is 1), and a
    rowspan covers at most the rest of its row group (thead, tbody, tfoot), all of it when "0".
    """
    trs = list(table.iter("tr"))
    left = [
        sum(1 for other in trs[index:] if other.getparent() is row.getparent())
        for index, row in enumerate(trs)
    ]
    rows = []
    for row, remaining in zip(trs, left, strict=True):
        cells = []
        for cell in row:
            if cell.tag not in ("td", "th"):
                continue
            text = " ".join(line for line in block_lines(cell) if line.strip())
            down = _span(cell.get("rowspan"), 65534)
            down = remaining if down == 0 else min(down, remaining)
            cells.append(GridCell(text, rows=down, columns=max(1, _span(cell.get("colspan"), 1000))))
        rows.append(cells)
    return lay_out(rows)


_LEADING_DIGITS = pattern_cache.compile(r"\s*\+?(\d+)")


def _span(value: str | None, most: int) -> int:
    """A rowspan or colspan as HTML parses it: its leading digits, capped; 1 where none (or junk).

    >>> _span("2px", 50), _span("", 50), _span("0", 50), _span("x", 50), _span("99999", 1000)
    (2, 1, 0, 1, 1000)
    """
    found = _LEADING_DIGITS.match(value or "")
    return min(int(found.group(1)), most) if found else 1


def page_furniture(line: str) -> str | None:
    """What a line of a page is when it is not document text: "related" (the heading of a list of related
    pages), "chrome" (buttons, page details) or "footer"; None for text.

    >>> page_furniture("相关链接"), page_furniture("【打印本页】【关闭窗口】"), page_furniture("网站标识码：3100000001")
    ('related', 'chrome', 'footer')
    >>> page_furniture("第一条　为了规范管理，制定本办法。") is None, page_furniture("政策解读：https://a.gov.cn/1.html")
    (True, 'chrome')
    >>> page_furniture("点击查看政策解读：【图文解读】关于《某办法》的解读"), page_furniture("政策解读：由市民政局负责。")
    ('chrome', None)
    """
    words = page_words()
    bare = squash(line).translate(_BRACKETS)
    if bare in words.related:
        return "related"
    linked = _COMPANION_LINK.match(squash(line))
    if linked and linked.group(1) in words.related:
        return "chrome"  # 政策解读：https://…, 点击查看政策解读：【音频解读】关于《…》的解读 — a page beside the document
    if chrome_line(line, lenient=True):
        return "chrome"
    if bare.startswith(words.footer_start) or any(w in bare for w in words.footer_anywhere):
        return "footer"
    return None


_COMPANION_LINK = pattern_cache.compile(
    r"^[【\[]?(?:点击查看|点击|查看)?([^:：\s]{2,8})[】\]]?[:：]"
    r"(?:(?:https?://|www\.)\S+|[【\[][^】\]]{0,6}解读[】\]].*|.*》的?解读)$",
    re.I,
)
"""A companion-page label (data/html.yaml related) and only a link: a web address or the title of a 解读 page."""


def clean_lines(lines: list[str], label: str = "-") -> list[str]:
    """Drop chrome, related-link lists and footer lines, collapse runs of blank lines; log what went."""
    out: list[str] = []
    for index, raw in enumerate(lines):
        line = raw.rstrip()
        kind = page_furniture(line) if line else None
        if kind == "related":
            rest = sum(1 for later in lines[index:] if later.strip())
            log.info("%s: dropped a list of related pages (%d lines) from %s", label, rest, line.strip())
            break
        if kind == "chrome":
            log.info("%s: dropped a line of web page chrome: %s", label, line.strip())
            continue
        if kind == "footer":
            log.info("%s: dropped a site footer line: %s", label, line.strip())
            continue
        if not line and (not out or not out[-1]):
            continue
        out.append(line)
    while out and not out[-1]:
        out.pop()
    return out
