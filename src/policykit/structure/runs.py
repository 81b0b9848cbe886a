"""Runs of parallel items: where the last item of a run ends, so the text after it goes back to its parent."""

from __future__ import annotations

from policykit import pattern_cache
from policykit.structure.closing import _SALUTATION, _SALUTATION_SPAN
from policykit.structure.nodes import _is_list_box, _Node, _parent
from policykit.zh.numbering import alternatives


def _close_last_items(root: _Node, text: str) -> None:
    """Hand the paragraphs after the last item of a run back to its parent, past what its siblings hold.

    A report's review lists 一是…六是 as paragraphs, each holding as many paragraphs as its run
    goes on for; the section's own text follows the last one (一年来，中国特色大国外交… /
    各位代表！…), which nothing marks. The last item holds as many paragraphs as the most any
    earlier item holds, and never a salutation: the rest goes back to the section. Numbered items
    run into their text (（五）从严从实…。…, 20.深化国际交流合作。…) hold nothing when none before
    them in a run of three or more holds anything, or no item of their style in the document but the
    last of a run does: what follows the last is its parent's again (本方案各项任务纳入…). Where that
    parent is a 专栏 box holding nothing but the run, the box ends with its list, and what follows goes
    back to the section around the box (专栏1 / 1.… 3.… / 在此基础上，引导中小企业…).
    """
    runs: list[tuple[_Node, list[_Node]]] = []
    count: dict[str, int] = {}
    holding: dict[str, int] = {}  # items of a style, the last of each run aside, that hold clauses
    nodes = [root]
    while nodes:
        node = nodes.pop()
        if not node.children:
            continue
        nodes.extend(node.children)
        numbered = [c for c in node.children if c.number and c.kind in _RUN_KINDS]
        if not numbered:
            continue
        items = [c for c in numbered if c.style == numbered[-1].style]
        runs.append((node, items))
        for item in numbered:
            count[item.style] = count.get(item.style, 0) + 1
            if item is not numbered[-1] and item.children:
                holding[item.style] = holding.get(item.style, 0) + 1
    for node, items in runs:
        last = items[-1]
        if len(items) < 2 or not last.children or any(c.kind != "paragraph" for c in last.children):
            continue
        if last.style == "shi":
            held = max(len(c.children) for c in items[:-1])
        elif _runs_in(text, last) and (
            (len(items) >= 3 and not any(c.children for c in items[:-1]))
            or (count[last.style] >= 3 and not holding.get(last.style))
            or (_is_list_box(node) and not any(c.children for c in items[:-1]))
            or (
                not items[0].children
                and _runs_in(text, items[0])
                and all(_LIST_SUMMARY.match(text, c.start) for c in last.children)
            )
        ):
            held = 0
        else:
            continue
        keep = next(
            (
                k
                for k, c in enumerate(last.children)
                if k >= held or _SALUTATION.match(text[c.start : c.start + _SALUTATION_SPAN])
            ),
            len(last.children),
        )
        if keep < len(last.children):
            moved, after = last.children[keep:], last
            del last.children[keep:]
            if _is_list_box(node):
                node, after = (
                    _parent(root, node),
                    node,
                )  # a box that is a list ends with it: the section goes on
            at = node.children.index(after) + 1
            node.children[at:at] = moved


_LIST_SUMMARY = pattern_cache.compile(rf"[ \u3000]*(?:{alternatives('list_summaries')})")
"""在此基础上，… after a list: the words that sum it up, so the paragraph is its parent's, even after two items."""
_RUN_KINDS = frozenset({"section", "item", "task"})
"""Kinds of numbered clause that stand in a run of parallel items: articles and chapters hold their text."""


def _runs_in(text: str, node: _Node) -> bool:
    """Tell whether a numbered heading runs into its text: a sentence goes on after its heading, or the
    heading is a whole sentence (1.培育智能工厂50家、数字化车间200个。), an item complete on its line."""
    line = text[node.start : text.find("\n", node.start)]
    return (len(line) > len(node.number) + len(node.heading) + 2 and "。" in line[:-1]) or line.endswith("。")
