"""What a clause inherits from its document and headings when its targets are read."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TargetContext:
    """What a clause inherits from the document and its headings."""

    document: str = ""
    reference_year: int | None = None  # the document's own year: what 今年 means
    year: int | None = None  # a deadline set by a heading or a lead-in clause
    achieved: bool = False  # inside a review of past results
    goal: bool = False  # inside a section about goals or indicators
    plan_end: int | None = None  # the last year of the plan's period (（2023-2025年） → 2025)
    review: tuple[int, int] | None = (
        None  # the years a review of several years covers (过去五年 → 2018, 2022)
    )
    evaluation: bool = (
        False  # a plan's evaluation (中期评估): results, but 规划目标为… and 到2025年 state goals
    )
    rules: bool = False  # inside an article (第十二条): a law, 条例 or 办法 sets standards, not dated goals
    period_end: int | None = (
        None  # the deadline a goal section or a period heading implies when the text sets none
    )
    title_year: int | None = (
        None  # the one year a work plan's title names (某省2025年…工作方案): earlier years review
    )
    notice: bool = (
        False  # a notice to the public (…的通告): the 年度 a sentence names is the rule's, no deadline
    )
    conditions: bool = False  # under a heading of conditions to meet (项目实施条件): bounds are thresholds
