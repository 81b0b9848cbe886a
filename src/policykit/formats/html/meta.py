"""A web page's metadata: the 标题/文号/成文日期 block, <meta> tags and <title>, and the title heading
that sits outside the article."""

from __future__ import annotations

import re

from policykit import pattern_cache
from policykit.formats import Element
from policykit.formats.html.words import collapse as _collapse
from policykit.formats.html.words import page_words
from policykit.model import Metadata
from policykit.zh.chars import squash

_REPOST = pattern_cache.compile(r"^[（(【\[](?:转载|转发|原文|图解)[）)】\]]")
_DATE = pattern_cache.compile(r"(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})")


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
