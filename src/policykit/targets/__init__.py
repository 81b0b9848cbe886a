"""Targets: the numeric goals a document sets, each with its indicator, comparator, deadline and evidence.

Cheap first: `find_quantities` (regular expressions) finds candidate numbers in a clause; each sentence
that holds one is segmented with jieba once, to find where each indicator begins and ends. Years, names
(5G, “15分钟社区生活圈”), layout counts and cross-references never become targets; results already achieved
and other figures are kept only with `include_all`.

Deadlines: the year is the one the text sets (到2025年 scopes its sentence and the clauses it leads; 今年 is
the document's year). Where the text sets none, a plan's period sets it in two places only: a goals section
(a 目标/指标 heading) of a document whose title gives a period (（2023-2025年） → 2025), and a clause whose own
heading names a period (重点任务清单（2023-2025年）). A figure stated per year (每年/年均) keeps no year there,
and tasks elsewhere in the plan keep none: the seed annotation gives a year only where the text says it.

A review of several years (过去五年, 五年来, “十四五”时期) runs on through the paragraphs after it; a change
or total in it carries the period's first year in `since` as well as its last in `year`.

The package reads top to bottom: `words` (the data), `deadlines`, `periods`, `indicator`, `classify`,
`years`, `tables`, and `extract`, which walks a document and puts them together.
"""

from __future__ import annotations

from policykit.targets.context import TargetContext
from policykit.targets.document import attach_targets, extract_targets
from policykit.targets.extract import explain, extract_text

__all__ = ["TargetContext", "attach_targets", "explain", "extract_targets", "extract_text"]
