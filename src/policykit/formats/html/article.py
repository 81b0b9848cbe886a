"""Find a web page's article: drop what is never article text, then pick the element with the most
paragraph text that is not links."""

from __future__ import annotations

from policykit import pattern_cache
from policykit.formats import Element
from policykit.formats.html.blocks import BLOCKS as _BLOCKS
from policykit.formats.html.blocks import LEAF_BLOCKS as _LEAF_BLOCKS
from policykit.formats.html.blocks import is_data_table as _is_data_table
from policykit.formats.html.words import page_words
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
            or (marks.strip() and furniture.search(marks))
            or _WORD_NOTES.search(style)
            or (element.tag == "a" and _NOTE_LINK.match(element.get("href") or ""))
            or (element.tag == "div" and _OFFICE_PARTS.match(element.get("id") or element.get("title") or ""))
        ):
            doomed.append(element)
    for element in doomed:
        if element.getparent() is not None:
            drop_keep_tail(element)


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
