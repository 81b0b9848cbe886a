"""A web page's metadata: the 标题/文号/成文日期 block, <meta> tags and <title>, and the title heading
that sits outside the article."""

from __future__ import annotations

import re

from policykit import pattern_cache
from policykit.formats import Element
from policykit.formats.html.blocks import page_furniture
from policykit.formats.html.words import collapse as _collapse
from policykit.formats.html.words import page_words
from policykit.model import Metadata
from policykit.zh.chars import squash

_REPOST = pattern_cache.compile(r"^[（(【\[](?:转载|转发|原文|图解)[）)】\]]")
_DATE = pattern_cache.compile(r"(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})")
_SENTENCE_END = pattern_cache.compile(r"[。；！？]")
_INDEX_VALUE = 40
"""The longest value of an index label (统一编号, 有效期) in a metadata box: longer, or a sentence, is prose."""


def page_metadata(root: Element) -> tuple[Metadata | None, list[Element]]:
    """Read title, 文号, date and issuer from the page's metadata block, its <meta> tags and <title>.

    Also return the label cells found (index labels too: 统一编号, 失效日期), so that the block they form
    can be kept out of the article.
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
        if label in words.index_labels and label not in by_label:
            if len(value) <= _INDEX_VALUE and not _SENTENCE_END.search(value):
                labelled.append(cell)  # 统一编号, 失效日期: a row of the box, though no field of Metadata
            continue
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
        values["title"] = re.split(r"\s[-|–—]\s|[_|｜]|--+", _collapse(page_title.text_content()).strip())[0]
    title = _REPOST.sub("", values.get("title", "")).strip()
    return labelled_metadata({**values, "title": title if len(title) >= 5 else ""}), labelled


def labelled_metadata(values: dict[str, str]) -> Metadata | None:
    """Metadata from labelled values (title, doc_number, issuer, date as written), or None when all are empty.

    A date is read as Chinese pages write it (2022-03-05, 2022年3月5日) or as feeds do (Sat, 05 Mar 2022 06:50:55 GMT).
    """
    day = _day(values.get("date", ""))
    metadata = Metadata(
        title=values.get("title") or None,
        doc_number=values.get("doc_number") or None,
        issuer=values.get("issuer") or None,
        date=f"{day[0]:04d}-{day[1]:02d}-{day[2]:02d}" if day else None,
        year=day[0] if day else None,
    )
    return metadata if metadata != Metadata() else None


def _has_block_child(element: Element) -> bool:
    return any(child.tag in ("td", "th", "div", "p", "li", "table", "tr") for child in element)


def metadata_blocks(labelled: list[Element]) -> list[Element]:
    """The small containers (a table, a list, a div) that hold two or more metadata labels and no prose.

    A label inside a label (<div>发布时间：<span>发布时间：…</span></div>) is one detail, not two: else
    the column holding a short article and its 发布时间 line would read as a metadata block.
    """
    blocks = []
    for cell in labelled:
        others = [o for o in labelled if o is not cell and not _contains(o, cell) and not _contains(cell, o)]
        ancestor = cell.getparent()
        for _ in range(6):
            if ancestor is None:
                break
            if ancestor.tag in ("table", "dl", "ul", "ol", "div", "section") and any(
                _contains(ancestor, other) for other in others
            ):
                small = len(squash(ancestor.text_content())) <= 800
                if small and ancestor not in blocks and not _holds_prose(ancestor):
                    blocks.append(ancestor)
                break
            ancestor = ancestor.getparent()
    return [b for b in blocks if not any(o is not b and _contains(o, b) for o in blocks)]


def _holds_prose(block: Element) -> bool:
    """Whether a block holds a paragraph of sentences (。): article text, which no metadata value is."""
    return any(
        len(text := squash(leaf.text_content())) >= 50 and "。" in text
        for leaf in block.iter("p", "div", "td", "li", "span")
        if not _has_block_child(leaf)
    )


def _contains(ancestor: Element, element: Element) -> bool:
    return any(a is ancestor for a in element.iterancestors())


def title_heading(root: Element, article: Element, title: str | None) -> str | None:
    """The element before the article that shows the document's title (h1, div.title, a <td> of bold
    <font>): the title sits outside the body on most sites.

    Only near the article (inside its fourth ancestor) and not a link: a site whose <title> is its own
    name shows that name in its header and its menus too. A heading that shows the part of the title before
    a bare dash is the title too (the rest is the site's name).
    """
    near = next((a for k, a in enumerate(article.iterancestors(), 1) if k == 4), root)
    if not title:
        return _lone_h1(near, article) or _nearest_heading(root, article)
    wanted = {squash(title)} | {
        squash(part) for part in _BARE_DASH.split(title)[:-1] if len(squash(part)) >= 5
    }
    for element in near.iter():
        if element is article:
            break
        if not isinstance(element.tag, str) or element.tag in ("title", "meta", "head", "a"):
            continue
        text = element.text_content()
        if len(text) > 4 * len(title) + 200 or _contains(element, article):
            continue
        if next(element.iterancestors("a"), None) is not None:
            continue
        text = _REPOST.sub("", _collapse(text).strip()).strip()
        if squash(text) in wanted:
            return text
    return None


_BARE_DASH = pattern_cache.compile(r"(?<=\S)[-–—](?=\S)")
"""A dash with no spaces round it, where a <title> may join the document's title to the site's name
(…热点13问-某市人力资源和社会保障局网站): a heading over the body that shows the part before it is the title."""


def _lone_h1(near: Element, article: Element) -> str | None:
    """The one <h1> before the article, else the one <h2>–<h4> of a title class (h4.xl-title), when the page
    names no title (its <title> only the column's name, 通知公告 - 某市人民政府门户网站, and no ArticleTitle):
    that heading is the document's title."""
    h1: list[str] = []
    titled: list[str] = []
    for element in near.iter():
        if element is article:
            break
        if element.tag not in ("h1", "h2", "h3", "h4") or _contains(element, article):
            continue
        if next(element.iterancestors("a"), None) is not None:
            continue
        text = _REPOST.sub("", _collapse(element.text_content()).strip()).strip()
        if element.tag == "h1":
            h1.append(text)
        elif "title" in (element.get("class") or "").lower():
            titled.append(text)
    found = h1 or titled
    return found[0] if len(found) == 1 and _TITLE_LENGTH[0] <= len(found[0]) <= _TITLE_LENGTH[1] else None


_TITLE_LENGTH = (5, 120)
_HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def _nearest_heading(root: Element, article: Element) -> str | None:
    """The last heading (h1–h6, not a link, not a toolbar or breadcrumb line) before the article, inside its
    sixth ancestor, when the page names no title and shows no lone <h1> near it: an <h5> in the article's
    column (新闻动态--某学会官网 pages), an <h1> in a title bar beside the body's container (下载中心 pages)."""
    near = next((a for k, a in enumerate(article.iterancestors(), 1) if k == 6), root)
    found = None
    for element in near.iter():
        if element is article:
            break
        if element.tag not in _HEADING_TAGS or _contains(element, article):
            continue
        if next(element.iterancestors("a"), None) is not None:
            continue
        text = _REPOST.sub("", _collapse(element.text_content()).strip()).strip()
        if (
            _TITLE_LENGTH[0] <= len(text) <= _TITLE_LENGTH[1]
            and squash(text) not in page_words().columns
            and page_furniture(text) is None
            and not squash(text).startswith(page_words().breadcrumb)  # 首页 - 新闻动态: the column's trail
        ):
            found = text
    return found


def shows_title(labelled: list[Element]) -> bool:
    """Whether the page's metadata block has a 标题 row: the page shows the title there, not over the body."""
    titles = page_words().labels["title"]
    return any(_label_value(_collapse(cell.text_content()).strip())[0] in titles for cell in labelled)


def opens_with(lines: list[str], title: str) -> bool:
    """Whether the article's first lines already give the title (maybe over two or three lines).

    Only before the body begins: past a salutation (各区农业农村委：) or a sentence, a line that spells the
    title is the attached plan's own (a notice's title and its plan's may differ only by 《》). Before it,
    a title line that wraps the page's (关于印发X的通知 under an <h1> of X) is the fuller title.

    >>> opens_with(["来源：某委", "某市实施意见", "一、目标"], "某市实施意见")
    True
    >>> opens_with(["某委关于印发某市实施意见的通知", "各区："], "某市实施意见")
    True
    >>> opens_with(["各区：", "现印发给你们。", "某市《实施意见》"], "某市实施意见")
    False
    """
    wanted = _letters(title)
    for k in range(min(10, len(lines))):
        if _letters("".join(lines[k : k + 4])).startswith(wanted):
            return True
        if _BODY_BEGUN.search(lines[k]):
            return False
        if wanted in _letters(lines[k]):
            return True
    return False


_BODY_BEGUN = pattern_cache.compile(r"[。！？；]|[:：]\s*$")
"""A sentence, or a line ending in a colon (a salutation): the body has begun, and no title follows it."""


def join_title(lines: list[str], title: str) -> list[str]:
    """Join the lines that together spell the page's title (a title broken by <br> or over three <p>) into one.

    The page states its title (标题 row, ArticleTitle), so its lines are surely one title: read apart, a
    first line that is only the issuer (国务院办公厅 / 关于…的函) would be taken for the whole title.

    >>> join_title(["国务院办公厅", "关于某事的函", "国办函〔2004〕1号"], "国务院办公厅关于某事的函")
    ['国务院办公厅关于某事的函', '国办函〔2004〕1号']
    """
    wanted = _letters(title)
    for start in range(min(10, len(lines))):
        if not _letters(lines[start]) or not wanted.startswith(_letters(lines[start])):
            continue
        spelled = ""
        for end in range(start, min(start + 6, len(lines))):
            spelled += _letters(lines[end])
            if spelled == wanted:
                if end == start:
                    return lines
                return [
                    *lines[:start],
                    "".join(line.strip() for line in lines[start : end + 1]),
                    *lines[end + 1 :],
                ]
            if not wanted.startswith(spelled):
                break
    return lines


def _letters(text: str) -> str:
    """Letters and digits only: a title reads the same with or without its 《》 and “”.

    >>> _letters("关于印发《某市 城市更新办法》的通知") == _letters("关于印发某市城市更新办法的通知")
    True
    """
    return "".join(c for c in text if c.isalnum())


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


def _day(text: str) -> tuple[int, int, int] | None:
    """(year, month, day) of a labelled date: 2022-03-05, 2022年3月5日, or an RFC 2822 date (Sat, 05 Mar 2022 …)."""
    found = _DATE.search(text)
    if found:
        return int(found.group(1)), int(found.group(2)), int(found.group(3))
    if not text[:1].isalpha():
        return None
    from email.utils import parsedate

    parsed = parsedate(text)
    return (parsed[0], parsed[1], parsed[2]) if parsed else None
