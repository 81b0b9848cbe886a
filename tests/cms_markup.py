"""The pieces every CMS family of tests/cms_pages.py is made of: the site's furniture (related titles,
footer, 上一篇/下一篇), the page and parts records, and the cutting of a document into title and body."""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass

from policykit.pipeline import parse_text
from policykit.zh.chars import squash

SITE = "某市人民政府"
"""The site's name in titles and footers: fictional, so that no corpus text contains it."""

RELATED = (
    "关于公布第三批市级示范街区名单的通知",
    "关于做好今冬明春供暖保障工作的通知",
    "市政府常务会议研究部署近期重点工作",
    "关于印发某市智慧停车设施建设导则的通知",
    "某市召开全市防汛工作视频会议",
    "关于开展农贸市场提升改造专项行动的通知",
    "某市出台支持夜间经济发展若干措施",
    "关于调整本市最低工资标准的通知",
)
"""Titles of other pages in related-link lists and side columns: none occurs in the corpus."""

FOOTER = (
    f'<div class="footer"><p>主办单位：{SITE}办公室　承办单位：某市大数据中心</p>'
    "<p>网站标识码：3100000001　沪ICP备05005925号-1　沪公网安备 31010102002533号</p>"
    "<p>版权所有：某市人民政府　联系我们　网站地图</p></div>"
)
FOOTER_CHROME = ("主办单位", "网站标识码", "ICP备", "公网安备")
NEIGHBOURS = (
    f'<div class="pre-next"><p>上一篇：<a href="/a1.html">{RELATED[0]}</a></p>'
    f'<p>下一篇：<a href="/a2.html">{RELATED[1]}</a></p></div>'
)


@dataclass(frozen=True)
class CmsPage:
    """A page as a site serves it, what a reader should give back, and what must not reach a clause."""

    data: bytes
    expected: str
    chrome: tuple[str, ...]
    suffix: str = ".html"


@dataclass(frozen=True)
class Parts:
    """The document cut as a page shows it: its title line, its body lines, the whole text."""

    title: str | None
    body: list[str]
    text: str


def split_title(text: str) -> Parts:
    """The document's first clause is the title a page shows in <h1> and its metadata, when it reads as
    one (short, no sentence stop, not 各位代表：); the body is what follows it, as the page shows it."""
    lines = text.split("\n")
    clauses = list(parse_text(text).walk())
    if len(clauses) < 2:
        return Parts(None, lines, text)
    title = " ".join(squash(clauses[0].text).split())
    if not 5 <= len(title) <= 80 or any(mark in title for mark in "。；：:！？") or title.endswith("电"):
        return Parts(None, lines, text)  # a sentence, 各位代表：, a dateline (新华社北京2月13日电)
    end, seen = clauses[0].line - 1, ""
    while end < len(lines) and len(seen) < len(squash(title)):
        seen += squash(lines[end])
        end += 1
    rest = lines[end:]
    if squash(title) in {squash(line) for line in rest[:10]}:
        return Parts(title, lines, text)  # the body repeats its title: the page shows it twice
    return Parts(title, rest, text)


def read_with_title(parts: Parts, shown: str) -> str:
    """What a page that shows its title inside the article gives back: the text, with the title shown
    before it when the body has all the text's lines (no title line of its own, or one it repeats)."""
    whole = parts.body == parts.text.split("\n")
    return f"{shown}\n\n{parts.text}" if whole else parts.text


def esc(text: str) -> str:
    return html.escape(text, quote=False)


def related_list(tag: str = "ul", dated: bool = True) -> str:
    items = "".join(
        f'<li><a href="/art/2024/{k}.html" title="{t}">{t}</a>'
        + (f"<span>2024-0{k % 9 + 1}-1{k % 9}</span>" if dated else "")
        + "</li>"
        for k, t in enumerate(RELATED)
    )
    return f"<{tag}>{items}</{tag}>"


def paragraphs(lines: list[str], style: Callable[[str], str], blank: str = "<p><br></p>") -> str:
    return "\n".join(style(line) if line.strip() else blank for line in lines)


def strong_if_heading(line: str) -> str:
    """Sites set short lines that end without a stop in bold: chapter and section headings."""
    text = esc(line.strip("\u3000 "))
    if len(line) < 30 and not line.rstrip().endswith(("。", "；", "：", "，")):
        return f"<strong>{text}</strong>"
    return text
