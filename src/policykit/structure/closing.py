"""The words that close a document's body: a speech's last salutation, 特此通知, thanks, who attended, when it takes effect.

A paragraph that says one of them belongs to the document, never to the last numbered clause above it.
"""

from __future__ import annotations

from policykit import pattern_cache
from policykit.model import Paragraph
from policykit.zh.numbering import DASH_ITEM, alternatives, is_heading_line, layout_words

_WORDS = layout_words()
_CLOSING_PARAGRAPHS = 3
"""The most paragraphs closing words run to, salutation included (各位代表！ / 奋斗创造历史…)."""
_SALUTATION = pattern_cache.compile(rf"^(?:{alternatives(_WORDS['salutations'])})[！!，,]")
"""A salutation opening a paragraph; after the last heading it starts the closing remarks."""
_CLOSING_FORMULA = pattern_cache.compile(rf"^(?:{alternatives('closing_formulas')})[。！!.]?$")
"""特此通知。 alone: the notice's own closing words, never the last item's text."""
_FORMULA_LONGEST = 8
"""The longest line _CLOSING_FORMULA can match: a length test rules out nearly every paragraph first."""
_ATTENDANCE = pattern_cache.compile(rf"^(?:{alternatives('attendance_labels')})[\s　]*[：:]")
"""出席：张三、李四 after a meeting summary's last item: the summary's own list of who met."""
_COURTESY = pattern_cache.compile(rf"^(?:{alternatives('courtesy_closings')})")
"""感谢您对…的关心和支持。 in a reply's last paragraphs: its own closing words, never its last point's."""
_COURTESY_PARAGRAPHS = 2
"""How many of the body's last paragraphs closing thanks may stand in."""
_NOTES = pattern_cache.compile(rf"^(?:{alternatives('notes_headings')})[：:]?$")
"""注释： alone after the last section: the notes that follow are the document's own."""
_ATTENDANCE_INITIALS = frozenset(word[0] for word in _WORDS["attendance_labels"])
"""First characters of the attendance labels: a set lookup rules out nearly every paragraph first."""
_EFFECTIVE = pattern_cache.compile(
    rf"^本[\u4e00-\u9fff]{{0,4}}(?:{alternatives('document_types')})自[^。]{{1,30}}(?:{alternatives('effective_verbs')})"
)
"""本决定自2025年7月1日起施行: the document's effective date, said by the document itself."""
_SALUTATION_SPAN = 8
"""How much of a paragraph's start a salutation (各位代表！) takes: all _SALUTATION needs to see."""


def _closing_remarks(paragraphs: tuple[Paragraph, ...]) -> int | None:
    """The first paragraph of a speech's closing remarks: its last salutation, with no heading after it.

    A work report addresses 各位代表！ again before government self-building, defence and foreign
    affairs after its last numbered task; those stay with the tasks. The last salutation opens the
    closing words (奋斗创造历史，实干成就未来…).

    >>> from policykit.model import Paragraph as P
    >>> _closing_remarks(tuple(P(t, ((0, 1, None),)) for t in ("一、任务", "各位代表！", "让我们团结奋斗！")))
    1
    >>> _closing_remarks(tuple(P(t, ((0, 1, None),)) for t in ("各位代表：", "一、回顾", "经济增长。")))
    """
    last_heading = max((k for k, p in enumerate(paragraphs) if is_heading_line(p.text)), default=-1)
    if last_heading < 0:
        return None
    start = next(
        (k for k in range(len(paragraphs) - 1, last_heading, -1) if _SALUTATION.match(paragraphs[k].text)),
        None,
    )
    if start is None or len(paragraphs) - start > _CLOSING_PARAGRAPHS:
        return None  # closing words are a paragraph or two; more is a section's own text
    if any(DASH_ITEM.match(p.text) for p in paragraphs[start:]):
        return None  # ——发展质量明显提升…: a list of results goes on, nothing closes
    return start
