"""Find a web page's article: drop what is never article text, then pick the element with the most
paragraph text that is not links."""

from __future__ import annotations

from policykit import pattern_cache
from policykit.formats import Element
from policykit.formats.html.blocks import BLOCKS as _BLOCKS
from policykit.formats.html.blocks import LEAF_BLOCKS as _LEAF_BLOCKS
from policykit.formats.html.blocks import is_data_table as _is_data_table
from policykit.formats.html.blocks import page_furniture
from policykit.formats.html.words import collapse, page_words
from policykit.zh.chars import squash

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
_WORD_NOTES = pattern_cache.compile(
    r"mso-element:(?:footnote|endnote|comment)-list|mso-(?:footnote|endnote)-id"
)
_NOTE_LINK = pattern_cache.compile(r"#(?:_ftn|_edn|_msocom_|sdfootnote|sdendnote)\d")  # Word's, LibreOffice's
_OFFICE_PARTS = pattern_cache.compile(
    r"(?:sdfootnote|sdendnote)\d+$|(?:header|footer)$"
)  # LibreOffice's divs


def drop_noise(root: Element) -> None:
    """Remove what is never article text: scripts, styles, comments, forms, navigation, hidden parts.

    Also the notes of a web page saved by Word or LibreOffice: the [1] that refers to a footnote, endnote
    or comment, and their texts, which the .docx and .doc readers leave out of the body too; and the
    running heads and feet LibreOffice writes as <div title="header"> and <div title="footer">.
    """
    for comment in root.xpath("//comment() | //processing-instruction()"):
        if comment.getparent() is not None:
            drop_keep_tail(comment)
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
            or (marks.strip() and furniture.search(marks) and not holds_prose(element))
            or _WORD_NOTES.search(style)
            or (element.tag == "a" and _NOTE_LINK.match(element.get("href") or ""))
            or (element.tag == "div" and _OFFICE_PARTS.match(element.get("id") or element.get("title") or ""))
        ):
            doomed.append(element)
    for element in doomed:
        if element.getparent() is not None:
            drop_keep_tail(element)


PROSE = 60
"""Sentences (paragraphs with a 。) this long in all are article prose, which no toolbar, share bar or QR
box holds."""


def holds_prose(element: Element) -> bool:
    """Whether an element holds paragraphs of sentences: a print area (div.detail-page-printer, #printArea)
    wraps the whole article, so a furniture word in its class must not drop it.

    >>> import lxml.html
    >>> holds_prose(lxml.html.fromstring("<div class='print'>【打印本页】【关闭窗口】</div>"))
    False
    """
    sentences = (
        text
        for leaf in element.iter(*_LEAF_BLOCKS)
        if not any(isinstance(c.tag, str) and c.tag in _BLOCKS for c in leaf)
        and "。" in (text := squash(leaf.text_content()))
    )
    return sum(map(len, sentences)) >= PROSE


def drop_keep_tail(element: Element) -> None:
    parent = element.getparent()
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def find_article(body: Element) -> Element:
    """Pick the element holding the article: the most paragraph text that is not link text."""
    return article_parts(body)[0]


SIBLING_SHARE = 0.05
"""A container beside the article with this share of its paragraph text (and 60 characters) is more of
it; one of the article's own tag with 30 characters, or after it with 8 or a sentence, is too (a 分页
article's last page may be 特此通知。). Headings alone do not count: 要闻动态 heads a column."""
_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))


def article_parts(body: Element, title: str | None = None) -> list[Element]:
    """The element holding the most paragraph text that is not link text, and the containers beside it
    that hold paragraph text too, in page order: CMSs put 正文 and 附件正文, or the pages of a long 分页
    article, in sibling containers (or in siblings of wrappers that hold nothing else).

    A paragraph scores for its parent and half for its grandparent. A block of <br>-separated
    lines (div#zoom) is a container itself; a data table's cells count for the table's parent,
    so that a long table does not outweigh the text around it. Page chrome (发布时间 lines, 相关链接),
    the title shown over the article and the summaries beside a list of linked titles do not score:
    beside a short notice they would make the whole column the article.
    """
    scores, inside = _paragraph_scores(body, squash(title) if title else "")
    if not scores:
        return [body]
    # on a tie the outer element: a <p> of <br>-separated lines scores as much as the div holding it alone
    best = max(scores, key=lambda element: (scores[element], -sum(1 for _ in element.iterancestors())))
    lifted = best  # the outermost wrapper around the article that holds no other paragraph text
    while (
        (parent := lifted.getparent()) is not None
        and lifted is not body
        and inside.get(parent) == inside.get(lifted)
    ):
        lifted = parent
    parent = lifted.getparent()
    if parent is None:
        return [best]
    floor = max(60, SIBLING_SHARE * inside.get(lifted, 0))
    parts, after = [], False
    for child in parent:
        if child is lifted:
            parts.append(best)
            after = True
        elif not isinstance(child.tag, str) or beside_chrome(child):
            continue
        elif child.tag == lifted.tag:
            held = inside.get(child, 0)
            if held >= min(30, floor) or (after and (held >= 8 or (held and "。" in child.text_content()))):
                parts.append(child)
        elif inside.get(child, 0) >= floor:
            parts.append(child)
    return parts


def beside_chrome(element: Element) -> bool:
    """Whether a container beside the article is the site's: marked as its footer (div.footer,
    ul.copyright-info), or opened by a footer or related-pages heading (联系我们 over a contact card of 地址,
    邮政编码 and 电话; 相关链接 over links), however much text it holds.

    >>> import lxml.html
    >>> beside_chrome(lxml.html.fromstring("<div class='news_right'><h4>联系我们</h4><p>地址：某路1号</p></div>"))
    True
    >>> beside_chrome(lxml.html.fromstring("<div class='content'><p>附件：某某办法</p></div>"))
    False
    """
    marks = f"{element.get('class') or ''} {element.get('id') or ''}"
    if marks.strip() and page_words().footer_marks.search(marks):
        return True
    first = next((line for text in element.itertext() if (line := collapse(text).strip())), "")
    return page_furniture(first) in ("footer", "related")


def _cells(row: Element) -> int:
    return sum(1 for cell in row if isinstance(cell.tag, str) and cell.tag in ("td", "th"))


def drop_copies(root: Element) -> None:
    """Remove a container that repeats the one before it: responsive templates carry the article twice,
    for screens and for phones, and hide one by a class in their style sheet."""
    copies = []
    for parent in root.iter("div", "section", "article", "td", "body", "main"):
        seen: set[str] = set()
        for child in parent:
            if not isinstance(child.tag, str) or child.tag not in ("div", "section", "article", "table"):
                continue
            blocks = sum(1 for c in child if isinstance(c.tag, str) and c.tag in _BLOCKS)
            text = squash(child.text_content()) if blocks >= 2 else ""
            if len(text) < 100:
                continue  # a paragraph, or a title the body repeats, is no copy of the article
            if text in seen:
                copies.append(child)
            seen.add(text)
    for copy in copies:
        if copy.getparent() is not None:
            drop_keep_tail(copy)


def _teaser_item(item: Element | None) -> bool:
    """Whether an element is an item of a list of linked titles with summaries (要闻, 政策解读 columns):
    a link of its own beside the paragraph, and two or more siblings of its tag and class."""
    if item is None or item.getparent() is None:
        return False
    if not any(child.tag == "a" and len(squash(child.text_content())) >= 4 for child in item):
        return False
    alike = [s for s in item.getparent() if s.tag == item.tag and s.get("class") == item.get("class")]
    return len(alike) >= 3


def _paragraph_scores(body: Element, title: str) -> tuple[dict[Element, float], dict[Element, float]]:
    """Each element's score as the article, and the paragraph text held inside it (below itself)."""
    scores: dict[Element, float] = {}
    inside: dict[Element, float] = {body: 0}
    data_tables: dict[Element, bool] = {}
    items: dict[Element | None, bool] = {}  # parent → whether it is a teaser item, asked once

    def teaser(paragraph: Element) -> bool:
        item = paragraph.getparent()
        if item not in items:
            items[item] = _teaser_item(item)
        return items[item]

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
        if links > 0.5 * len(text) or text == title or teaser(element):
            continue
        if len(text) <= 120 and page_furniture(collapse(element.text_content()).strip()):
            continue
        anchor = element
        if element.tag in ("td", "th"):
            table = next(element.iterancestors("table"), None)
            if table is not None:
                if table not in data_tables:
                    data_tables[table] = _is_data_table(table)
                anchor = table if data_tables[table] else element
            row = element.getparent()
            if anchor is element and row is not None and row.tag == "tr" and _cells(row) == 1:
                anchor = row  # a one-column table of paragraphs: the table holds them, not each row
        elif sum(1 for _ in element.iter("br")) >= 3:
            credit(element, len(text))  # lines separated by <br>: the block is the article
            inside[element] = inside.get(element, 0) + len(text)
        parent = anchor.getparent()
        credit(parent, len(text))
        credit(parent.getparent() if parent is not None else None, len(text) / 2)
        if element.tag in _HEADINGS:
            continue  # a heading alone (要闻动态, 相关文章) is no body beside the article
        for ancestor in anchor.iterancestors():
            inside[ancestor] = inside.get(ancestor, 0) + len(text)
            if ancestor is body:
                break
    return scores, inside
