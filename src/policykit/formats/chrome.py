"""Web page chrome: tell a line of buttons and page details (打印 关闭, 字号：[大][中][小]) from body text.

Web pages carry toolbars and page details around the article, and so do their saved copies and
browser-printed PDFs. A line is chrome when it is made only of chrome words (data/html.yaml
`chrome`), page labels with a short value ("发布时间：2025-08-27", "来源：中国政府网"), dates and
separators, and is more than one such item: a sentence of the body always leaves something over.
A breadcrumb trail (当前位置：首页 > 政务公开) and a link to the next page (下一篇：…) are chrome too.
The HTML reader and the PDF layout both drop such lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from policykit import pattern_cache
from policykit.config import data_yaml
from policykit.model import Metadata

_SEPARATORS = pattern_cache.compile(r"[\s【】\[\]［］()（）|｜丨:：·•>»<«/\\—–\-_]+")
_DATE_TIME = pattern_cache.compile(
    r"\d{4}\s*[-年/.]\s*\d{1,2}\s*[-月/.]\s*\d{1,2}\s*日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?|\d{1,2}:\d{2}(?::\d{2})?"
)
_SENTENCE = pattern_cache.compile(r"[，。；！？、,;!?]")
MAX_VALUE = 24
"""The longest value a page label takes on a chrome line: a site's name, an editor's, a count."""


@dataclass(frozen=True)
class Chrome:
    """The chrome words of data/html.yaml, compiled once."""

    words: re.Pattern[str]  # a chrome word at the start of what is left
    labels: re.Pattern[str]  # a page label and its colon
    value_end: re.Pattern[str]  # where a label's value stops: white space or the next label
    share: re.Pattern[str]  # a share target, chrome only on a line that says 分享
    lone: frozenset[str]  # labels that make a line chrome alone inside a page's article container
    trail: re.Pattern[str]  # a breadcrumb trail or a link to the previous or next page


@lru_cache(maxsize=1)
def chrome_words() -> Chrome:
    """Load the chrome words, page labels and share targets of data/html.yaml once."""
    raw = data_yaml("html.yaml")

    def alternatives(words: list[str]) -> str:
        return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))

    labels = alternatives(raw["page_labels"])
    return Chrome(
        words=pattern_cache.compile(f"(?:{alternatives(raw['chrome'])})"),
        labels=pattern_cache.compile(rf"(?:{labels})\s*[:：]\s*"),
        value_end=pattern_cache.compile(rf"\s|(?:{labels}|字号)\s*[:：]"),
        share=pattern_cache.compile(f"(?:{alternatives(raw['share'])})", re.I),
        lone=frozenset(raw["lone_labels"]),
        trail=pattern_cache.compile(
            rf"^(?:(?:{alternatives(raw['breadcrumb'])})\s*[:：]?\s*(?:[^，。；！？>»＞›]{{1,16}}\s*[>»＞›]+\s*)+"
            rf"[^，。；！？>»＞›]{{0,16}}"
            rf"|(?:{alternatives(raw['neighbours'])})\s*[:：].*)$"
        ),
    )


def chrome_line(text: str, *, lenient: bool = False) -> bool:
    """Tell whether a line is web page chrome: only chrome words, short page details, dates, separators.

    One chrome word of one character ("中") or one labelled detail alone ("来源：国家统计局", a
    table's note) is not enough, except with `lenient` (inside a web page's article container,
    where a toolbar may be split one button to a line): there one chrome word will do, and one detail
    whose label no document uses (data/html.yaml `lone_labels`: （责任编辑：李明）, 点击数：356).

    >>> chrome_line("发布时间：2025-08-27 来源：中国政府网 字号：[大] [中] [小]")
    True
    >>> chrome_line("[打印]仅打印内容"), chrome_line("来源：国家统计局"), chrome_line("打印机采购")
    (True, False, False)
    >>> chrome_line("当前位置：首页 > 政务公开 > 政策文件"), chrome_line("下一篇：关于印发某办法的通知")
    (True, True)
    >>> chrome_line("当前位置：首页 >> 政策法规"), chrome_line("您现在的位置：首页 >> 信息公开 >> 通知公告")
    (True, True)
    >>> chrome_line("（责任编辑：李明）", lenient=True), chrome_line("（责任编辑：李明）")
    (True, False)
    >>> chrome_line("来源：国家统计局", lenient=True), chrome_line("2024-06-12 来源：本网")
    (False, True)
    >>> chrome_line("2024年6月12日"), chrome_line("2023年1月1日—2025年12月31日")
    (False, False)
    """
    words = chrome_words()
    rest = text.strip()
    if words.trail.match(rest):
        return True
    found: list[str] = []  # "w" per chrome word, "l" per labelled detail, "L" per one of the lone labels
    longest = 0
    shared = False
    while True:
        skip = _SEPARATORS.match(rest)
        if skip:
            rest = rest[skip.end() :]
        if not rest:
            break
        if match := _DATE_TIME.match(rest):
            rest = rest[match.end() :]
            found.append("d")
            continue
        if match := words.labels.match(rest):
            lone = match.group().rstrip(" \t:：") in words.lone
            rest = rest[match.end() :]
            value = _DATE_TIME.match(rest)
            if value is None:
                end = words.value_end.search(rest)
                value_text = rest[: end.start()] if end else rest
                if len(value_text) > MAX_VALUE or _SENTENCE.search(value_text):
                    return False
                rest = rest[len(value_text) :]
            else:
                rest = rest[value.end() :]
            found.append("L" if lone else "l")
            continue
        if match := words.words.match(rest):
            word = match.group()
            shared = shared or word.startswith("分享")
            longest = max(longest, len(word))
            rest = rest[match.end() :]
            found.append("w")
            continue
        if shared and (match := words.share.match(rest)):
            rest = rest[match.end() :]
            found.append("w")
            continue
        return False
    details = [
        item for item in found if item != "d"
    ]  # a date alone, or two (2023年1月1日—2025年12月31日), is text
    if not details:
        return False
    if len(found) >= 2 and len(details) >= 1:
        return "w" in found or len(found) - found.count("w") >= 2
    return (details == ["w"] and (lenient or longest >= 2)) or (details == ["L"] and lenient)


_DATE = pattern_cache.compile(r"(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})")
MAX_DETAIL = 80
"""The longest value of a labelled detail in a page's metadata table: a document's title."""


@lru_cache(maxsize=1)
def _detail_labels() -> tuple[re.Pattern[str], dict[str, tuple[str, int]], frozenset[str]]:
    """The labels of a page's metadata table: a pattern, label → (Metadata field, rank), and the index labels."""
    raw = data_yaml("html.yaml")
    fields = {
        label: (field, rank) for field, labels in raw["labels"].items() for rank, label in enumerate(labels)
    }
    index = frozenset(raw["index_labels"])
    every = sorted({*fields, *index, *raw["page_labels"]}, key=len, reverse=True)
    pattern = pattern_cache.compile(r"(?:^|\s|[|｜])(" + "|".join(map(re.escape, every)) + r")\s*[:：]")
    return pattern, fields, index


def labelled_details(text: str, *, strict: bool = True) -> list[tuple[str, str]] | None:
    """Split a row of a page's metadata table (索引号：… 发文字号：… 成文日期：…) into (label, value) pairs.

    None when the line is anything else: it must start with a label and hold two labelled details,
    or one whose label names the document (发文字号, 成文日期, 索引号 …); values are short and no
    sentence ("来源：国家统计局" under a table stays text). Not `strict`, one detail of any table
    label will do (标题：…, a row beside rows that are surely the table's).

    >>> labelled_details("发文字号： 国发〔2025〕11号 发布日期： 2025年08月27日")
    [('发文字号', '国发〔2025〕11号'), ('发布日期', '2025年08月27日')]
    >>> labelled_details("来源：国家统计局") is None, labelled_details("标题：为了规范管理，制定本办法。") is None
    (True, True)
    """
    pattern, fields, index = _detail_labels()
    line = text.strip(" \u3000\t")
    matches = list(pattern.finditer(" " + line))
    if not matches or matches[0].start() != 0:
        return None
    pairs = []
    for match, following in zip(matches, [*matches[1:], None], strict=True):
        end = following.start() if following else len(line) + 1
        value = (" " + line)[match.end() : end].strip(" \u3000\t|｜")
        if len(value) > MAX_DETAIL or _SENTENCE_END.search(value):
            return None
        pairs.append((match.group(1), value))
    if len(pairs) >= 2:
        return pairs
    naming = ("doc_number", "date") if strict else ("doc_number", "date", "title", "issuer")
    table_label = pairs[0][0] in index or fields.get(pairs[0][0], ("", 0))[0] in naming
    return pairs if table_label else None


_SENTENCE_END = pattern_cache.compile(r"[。；！？]")


def details_metadata(pairs: list[tuple[str, str]]) -> Metadata | None:
    """The Metadata the labelled details give (title, 文号, issuer, date by the labels' order of preference)."""
    _, fields, _ = _detail_labels()
    best: dict[str, tuple[int, str]] = {}
    for label, value in pairs:
        if label in fields and value:
            field, rank = fields[label]
            if field not in best or rank < best[field][0]:
                best[field] = (rank, value)
    values = {field: value for field, (_, value) in best.items()}
    date = _DATE.search(values.get("date", ""))
    metadata = Metadata(
        title=values.get("title") if len(values.get("title", "")) >= 5 else None,
        doc_number=values.get("doc_number"),
        issuer=values.get("issuer"),
        date=f"{int(date.group(1)):04d}-{int(date.group(2)):02d}-{int(date.group(3)):02d}" if date else None,
        year=int(date.group(1)) if date else None,
    )
    return metadata if metadata != Metadata() else None
