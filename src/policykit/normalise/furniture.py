"""Page furniture: running heads and footers a PDF-to-text tool repeats at every page break, found to be set aside."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from policykit import pattern_cache
from policykit.config import data_yaml
from policykit.normalise.continuation import ends_sentence
from policykit.zh.numbering import alternatives, is_heading_line

if TYPE_CHECKING:
    from policykit.normalise.lines import _Line


def _running_heads(lines: list[_Line], breaks: list[int]) -> list[int]:
    """The lines of a running header or footer: one short text on two or more pages, at the page breaks.

    A PDF-to-text tool repeats the page head (国务院公报, the document's short title) at every break;
    a line counts only where nearly all its copies (80%, or both of two) stand in the same place at a
    page break, first below it or last above it, on nearly half the pages at least, so a phrase the
    text itself repeats is never taken.
    A head that repeats the document's title is taken at a single break too (a two-page document):
    its other copy is the title itself, among the first lines, which stays text. So is a gazette's name
    (上海市人民政府公报) seen once at a break, outside the first lines.
    """
    if not breaks:
        return []
    before: set[int] = set()  # the last text line above each break (a footer's place)
    after: set[int] = set()  # the first text line below it (a header's), past blank lines
    for b in breaks:
        if not lines[b].blank:
            after.add(b)  # pdftotext puts the form feed before the next page's first line
        for step, side in ((-1, before), (1, after)):
            k = b + step
            while 0 <= k < len(lines) and lines[k].blank:
                k += step
            side.add(k)
    places: dict[str, list[int]] = {}
    for k, line in enumerate(lines):
        if line.text and line.furniture is None and len(line.text) <= 40:
            places.setdefault(line.text, []).append(k)
    # A head stands on most pages (on every other one where odd and even pages differ); two copies at
    # two of twenty breaks are a coincidence of short pages, such as a table cell repeated in the text.
    pages = 0.4 * len(after)
    top = [k for k in range(min(breaks)) if not lines[k].blank and k not in after][:_TITLE_LINES]
    # The title as the first lines give it, whole or broken over two or three of them.
    titles = {"".join(lines[k].text for k in top[a:b]) for a in range(len(top)) for b in range(a + 1, a + 4)}
    heads = []
    for text, found in places.items():
        if is_heading_line(text):
            continue
        if (
            len(found) >= 2
            and len(breaks) >= 2
            and any(
                sum(k in side for k in found) >= max(2, 0.8 * len(found), pages) for side in (before, after)
            )
        ):
            heads.extend(found)
            continue
        rest = [k for k in found if k not in top]
        if (
            len(found) == 1
            and rest
            and _MASTHEAD.search(text)
            and any(found[0] in side for side in (before, after))
        ):
            heads.extend(found)  # 上海市人民政府公报 at the one break of a two-page document
            continue
        if (
            rest
            and text in titles
            and not ends_sentence(text)
            and any(all(k in side for k in rest) for side in (before, after))
        ):
            heads.extend(rest)  # the title, then its copy at each page's head
    return heads


_TITLE_LINES = 5
"""The first text lines, where a title stands (after a 发文字号 or a dateline): a head may repeat it."""

_MASTHEAD = pattern_cache.compile(f"^[^，。；：:,;]{{2,16}}(?:{alternatives('mastheads')})$")
"""A gazette's or paper's name, alone on its line (上海市人民政府公报): nothing else ends so."""


_CHROME_LEAST = 2
"""How many button lines end a text copied from a web page (收藏 / 打印本页 / 关闭窗口): one alone may be text."""
_BUTTON_MARKS = " \u3000[]【】()（）"


@lru_cache(maxsize=1)
def _buttons() -> frozenset[str]:
    """A web page's button words (data/html.yaml `chrome`) of two characters or more: 大, 中, 小 are text too."""
    return frozenset(word for word in map(str, data_yaml("html.yaml")["chrome"]) if len(word) >= 2)


def _tail_chrome(lines: list[_Line]) -> list[int]:
    """The last lines of a text copied from a web page where each is one button (收藏 / 打印本页 / 关闭窗口).

    >>> from policykit.normalise.lines import _lines
    >>> [line.furniture for line in _lines("特此通知。", "收藏", "【打印本页】", "关闭窗口")]
    [None, 'page_chrome', 'page_chrome', 'page_chrome']
    >>> [line.furniture for line in _lines("特此通知。", "关闭")]
    [None, None]
    """
    buttons, found = _buttons(), []
    for k in range(len(lines) - 1, -1, -1):
        if not lines[k].text:
            continue
        if lines[k].furniture is not None or lines[k].text.strip(_BUTTON_MARKS) not in buttons:
            break
        found.append(k)
    return found if len(found) >= _CHROME_LEAST else []
