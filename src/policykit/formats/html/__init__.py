"""HTML (a saved government web page) → `Source`: the article body as lines, and the page's metadata.

lxml parses the page, so comments holding markup never leak into the text. The metadata table (标题,
文号, 成文日期) is read first and dropped; then scripts, styles, forms, navigation and a phone copy of
the article (formats/html/article.py). The article is the element that collects the most paragraph text
that is not links, chrome or the title, with the containers beside it that hold more of the body (正文 and
附件正文, 分页); its blocks (p, div, li, h1-h6, br) become lines and its data tables tab-separated rows
(formats/html/blocks.py). Site chrome left inside (【打印】, 分享到, 字号 大 中 小, 相关链接, 附件 download
lists, the footer with 主办单位 and ICP备) is recognised by the words in data/html.yaml (see
formats/chrome.py). The title, shown over the body or only in the 标题 row, opens the text when the body
does not (formats/html/meta.py). tests/cms_pages.py writes pages as 24 CMS families serve them.
"""

from __future__ import annotations

import re
from dataclasses import replace

from policykit import pattern_cache
from policykit.errors import InputError
from policykit.formats import make_source
from policykit.formats.html.article import (
    article_parts,
    drop_copies,
    drop_keep_tail,
    drop_noise,
    find_article,
)
from policykit.formats.html.blocks import UNNUMBERED_LISTS, block_lines, clean_lines, print_list_numbers
from policykit.formats.html.meta import (
    join_title,
    metadata_blocks,
    opens_with,
    page_metadata,
    shows_title,
    title_heading,
)
from policykit.formats.html.words import page_words
from policykit.model import Metadata, Source
from policykit.zh.chars import squash

__all__ = [
    "block_lines",
    "clean_lines",
    "decode_html",
    "find_article",
    "page_metadata",
    "page_words",
    "read_html",
]

_CHARSET = re.compile(rb"""charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_CONTROL = pattern_cache.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_XML_DECLARATION = pattern_cache.compile(r"^\s*<\?xml[^>]*\?>")


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
        drop_keep_tail(block)
    stylesheet = " ".join(style.text_content() for style in root.iter("style"))
    drop_noise(root)
    drop_copies(root)
    body = root.find("body")
    parts = article_parts(body if body is not None else root, metadata.title if metadata else None)
    if not UNNUMBERED_LISTS.search(stylesheet):
        for part in parts:
            print_list_numbers(part)
    lines = clean_lines([line for part in parts for line in block_lines(part)], path)
    article = parts[0]
    title = metadata.title if metadata else None
    heading = title_heading(root, article, title) or (title if shows_title(labelled) else None)
    if (
        metadata
        and title
        and heading
        and squash(heading) != squash(title)
        and squash(title).startswith(squash(heading))
    ):
        metadata = replace(metadata, title=heading)  # the <title> ran on into the site's name
        title = heading
    if heading and not (metadata and metadata.title):
        # the page names no title (its <title> only the column's name): the heading over the body is it
        metadata = replace(metadata, title=heading) if metadata else Metadata(title=heading)
    if heading and not opens_with(lines, heading):
        lines = [heading, "", *lines]
    elif title:
        lines = join_title(lines, title)
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
