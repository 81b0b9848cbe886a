"""A document's targets: walk its clause tree, carrying what headings and lead-ins say down to each clause.

A heading sets the year (2024年重点工作), whether its clauses review or plan (工作回顾, 主要目标), the period a
task list runs to, and a 过去五年 review runs on across clauses; extract.extract_text reads each clause with that.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import replace

from policykit.model import Clause, Document, Target
from policykit.targets.context import TargetContext
from policykit.targets.deadlines import _deadlines, _heading_year, _period_end, plan_years
from policykit.targets.extract import _reviews, extract_text
from policykit.targets.periods import heading_review
from policykit.targets.results import progress_heading
from policykit.targets.table_rows import _table_rows
from policykit.targets.tables import _done_cells, has_cells, is_bar_header, table_text
from policykit.targets.tasklists import dated_cells
from policykit.targets.words import _words
from policykit.zh.dates import dates
from policykit.zh.traditional import fold_traditional, has_traditional


def _review_after(text: str, context: TargetContext) -> tuple[int, int] | None:
    """The multi-year review a clause leaves open for the clauses after it."""
    reviews = _reviews(text, context)
    return reviews[-1] if reviews else context.review


def _plan_of_title(title: str) -> int | None:
    """The year a plan's title sets its work for, when the document gives no period of years: the end
    of the five-year plan it names, or the single year it names (关于做好2023年…重点工作的意见).

    >>> _plan_of_title("国务院关于印发“十四五”国家应急体系规划的通知"), _plan_of_title("关于做好2023年乡村振兴重点工作的意见")
    (2025, 2023)
    >>> _plan_of_title("政府工作报告"), _plan_of_title("某市医疗保障局关于开展2099年度居民医保参保工作的通告")
    (None, None)
    >>> _plan_of_title("某省人民政府办公厅关于2099年某市所提问题办理情况的函")
    """
    if title.endswith(_words().notice_titles):
        return None  # 关于开展2099年度居民医保参保工作的通告: the year of a campaign the public is told of, no deadline
    if title.endswith(_words().reply_titles):
        return None  # 关于2099年某市所提问题办理情况的函: a reply reports, it plans nothing
    plans = plan_years(title)
    if plans:
        return plans[-1]
    return _heading_year(title)


def _child_context(clause: Clause, context: TargetContext) -> TargetContext:
    """What a clause passes on to its children: review sections, goal sections, heading years."""
    words = _words()
    head = clause.heading or clause.label
    achieved = context.achieved
    goal = context.goal
    year = context.year
    period_end = context.period_end
    if head:
        # 城镇新增就业完成全年目标任务95.0%: a heading reporting progress on a goal heads results, not goals
        goal_head = bool(words.goal_headings.search(head)) and not progress_heading(head)
        if words.achieved_headings.search(head) and not goal_head:
            achieved = True
        past_plans = [
            end for end in plan_years(head) if context.reference_year and end < context.reference_year
        ]
        if past_plans and not goal_head:
            achieved = True  # “十三五”时期取得的工作进展 in a plan written in 2021: a review
        if goal_head:
            goal = True
            period_end = context.plan_end or period_end
        period_end = _period_end(head) or period_end
        review = heading_review(head, context.reference_year) if achieved else None
        if review is not None:
            context = replace(context, review=review)  # 过去五年工作回顾: its clauses review the period
        heading_year = _heading_year(head)
        if heading_year is not None:
            if context.reference_year is None or heading_year >= context.reference_year:
                year = heading_year
        elif context.reference_year and any(
            hit["rel"] and dates().relative_years[hit["rel"]] == 0 for hit in dates().deadline.finditer(head)
        ):
            year = context.reference_year  # 对今年政府工作的建议
        elif goal_head:
            plans = plan_years(head)
            if plans:
                year = plans[-1]  # “十四五”时期主要目标任务
    body = clause.text.strip()
    if body.endswith(("：", ":")):
        lead = _deadlines(body, context.reference_year)
        if lead:
            year = lead[-1][1]
    rules = context.rules or clause.kind == "article"
    # 三、项目实施条件: the bounds under it are what a project must meet, no goals
    conditions = context.conditions or bool(head and words.condition_headings.search(head))
    return replace(
        context,
        achieved=achieved,
        goal=goal,
        year=year,
        period_end=period_end,
        rules=rules,
        conditions=conditions,
    )


def _goal_section_year(clause: Clause, context: TargetContext) -> int | None:
    """The deadline a goal section opens with (一、工作目标 / 到2027年，…), for the sections after it, when the
    document names no period of its own; only a deadline ahead (到/至 a year after the document's own), only
    for a section of the document's top level (a 试点目标 inside 总体要求 dates no later part).

    >>> from policykit.model import Clause
    >>> first = Clause("1.p1", "paragraph", "", "", "到2027年，建成10个公园。", 0, 2)
    >>> goal = Clause("1", "section", "一、", "工作目标", "一、工作目标", 0, 1, children=(first,))
    >>> _goal_section_year(goal, TargetContext(reference_year=2025))
    2027
    >>> _goal_section_year(goal, TargetContext(reference_year=2025, period_end=2026)) is None
    True
    >>> inline = Clause("1", "section", "一、", "工作目标", "一、工作目标。到2028年，建成10个公园。", 0, 1)
    >>> _goal_section_year(inline, TargetContext(reference_year=2025))
    2028
    """
    head = clause.heading
    if (
        context.period_end is not None
        or context.achieved
        or not head
        or not _words().goal_headings.search(head)
    ):
        return None
    own = clause.text.lstrip().removeprefix(clause.number).lstrip().removeprefix(head).lstrip("。.：: \n")
    for text in (own, *(child.text for child in clause.children[:1])):
        opening = text.lstrip()
        found = _deadlines(opening[:12], context.reference_year)
        if found and found[0][0] == 0 and opening[:1] in "到至":
            year = found[0][1]
            return year if context.reference_year is None or year > context.reference_year else None
    return None


def _reviewed_year(title: str) -> int | None:
    """The one past year a report's title reviews: 某市2024年国民经济和社会发展统计公报 → 2024.

    >>> _reviewed_year("某市2024年国民经济和社会发展统计公报"), _reviewed_year("2025年政府工作报告") is None
    (2024, True)
    """
    if any(word in title for word in _words().review_titles):
        return _heading_year(title)
    return None


def _evaluation(title: str, text: str) -> tuple[int, int | None] | None:
    """The plan an evaluation's title names and the year after the last one it reports before the plan's end.

    >>> _evaluation("某市“十四五”规划纲要实施中期评估报告", "2021—2023年实际年均增长5.8%；到2025年…")
    (2025, 2024)
    >>> _evaluation("某市“十四五”规划", "") is None
    True
    """
    plans = plan_years(title)
    if not plans or not any(word in title for word in _words().evaluation_titles):
        return None
    reported = [int(year) for year in re.findall(r"(20\d\d)[ \t]{0,2}年", text) if int(year) < plans[-1]]
    return plans[-1], (max(reported) + 1 if reported else None)


def _reference_year(document: Document, year: int | None) -> int | None:
    if year is not None:
        return year
    if document.metadata.year:
        return document.metadata.year
    if document.metadata.period:
        found = re.match(r"(\d{4})", document.metadata.period)
        if found:
            return int(found.group(1))
    title = document.metadata.title or ""
    reviewed = _reviewed_year(title)
    if reviewed is not None:
        return reviewed + 1  # 2024年…统计公报 is published in 2025 and describes 2024
    if any(word in title for word in _words().yearly_report_titles):
        return _heading_year(title)  # 2025年某省政府工作报告, with no date in its text
    return None


def _in_year_columns(document: Document) -> dict[int, int]:
    """The year of each source line in a task list's year columns (2024年工作项目 / 2025年计划), by line."""
    return {document.locate(offset)[0]: year for offset, year in dated_cells(document.text).items()}


def _results_in_done_cells(
    document: Document, clause: Clause, context: TargetContext, found: list[Target], include_all: bool
) -> list[Target]:
    """Mark what the sentence reader found in an indicator table's 完成值 cells as achieved, with its year."""
    done = {
        document.locate(clause.start + offset)[0]: year
        for offset, year in _done_cells(table_text(document, clause), context.reference_year).items()
    }
    if not done:
        return found
    kept = []
    for target in found:
        if target.line in done:
            if not include_all:
                continue
            target = replace(target, kind="achieved", year=done[target.line])
        kept.append(target)
    return kept


def _simplified(document: Document) -> Document:
    """A traditional-script copy (萬/億/達到/以內) read as the simplified text extract's words are written in.

    The fold maps one character to one, so offsets, lines and pages hold; indicators come out simplified where a
    character is folded.
    """
    if not has_traditional(document.text):
        return document

    def fold(clause: Clause) -> Clause:
        return replace(
            clause,
            heading=fold_traditional(clause.heading),
            number=fold_traditional(clause.number),
            text=fold_traditional(clause.text),
            children=tuple(fold(child) for child in clause.children),
        )

    metadata = replace(document.metadata, title=fold_traditional(document.metadata.title or "") or None)
    return replace(
        document,
        text=fold_traditional(document.text),
        clauses=tuple(fold(clause) for clause in document.clauses),
        metadata=metadata,
    )


def _walk_targets(
    document: Document, include_all: bool, year: int | None
) -> Iterable[tuple[Clause, list[Target]]]:
    document = _simplified(document)
    base = TargetContext(
        document=document.name,
        reference_year=_reference_year(document, year),
        plan_end=(
            _period_end(f"{document.metadata.period}年")
            if document.metadata.period
            else _plan_of_title(document.metadata.title or "")
        ),
    )
    # A plan's tasks with no deadline of their own are due at the end of its period (the gold's convention:
    # a numeric task in the body of a 2025-2030 plan is a 2030 goal); a figure stated per year keeps none.
    base = replace(base, period_end=base.plan_end)
    title = document.metadata.title or ""
    if base.plan_end is not None and not document.metadata.period and not plan_years(title):
        base = replace(
            base, title_year=base.plan_end
        )  # 某市2025年老旧小区改造工作实施方案: a plan for one year
    if title.endswith(_words().notice_titles):
        base = replace(base, notice=True)
    if _reviewed_year(document.metadata.title or "") is not None:
        # a 统计公报: every figure is a result of the year it reports
        base = replace(base, achieved=True, plan_end=None, period_end=None)
    evaluation = _evaluation(document.metadata.title or "", document.text)
    if evaluation is not None:
        end, reported = evaluation  # a mid-term evaluation: results through `reported`, goals due at `end`
        reference = year or reported or base.reference_year
        base = replace(
            base, achieved=True, evaluation=True, plan_end=end, period_end=end, reference_year=reference
        )

    def visit(
        clause: Clause, context: TargetContext, lead_year: int | None, bar_header: str = ""
    ) -> Iterator[tuple[Clause, list[Target]]]:
        own = context
        if lead_year is not None and own.year is None:
            own = replace(own, year=lead_year)
        if _period_end(clause.heading or ""):
            own = replace(own, period_end=_period_end(clause.heading or ""))  # a task list for 2023-2025
        if clause.kind == "article":
            own = replace(own, rules=True)
        start = clause.start
        found = extract_text(
            clause.text,
            clause=clause.id,
            context=own,
            include_all=include_all,
            locate=lambda offset: document.locate(start + offset),
        )
        if clause.kind == "table":
            found = _results_in_done_cells(document, clause, own, found, include_all)
            rows = _table_rows(document, clause, own, True)
            # a cell the table reader read (40％ in its row) is no second, nameless figure of the sentence reader
            read = {(row.line, row.value) for row in rows}
            found = [f for f in found if (f.line, f.value) not in read]
            found.extend(row for row in rows if include_all or row.kind == "target")
        elif is_bar_header(clause.text):
            found.extend(_table_rows(document, clause, own, include_all, header=""))
        elif bar_header and has_cells(clause.text):
            found.extend(_table_rows(document, clause, own, include_all, header=bar_header))
        yield clause, found
        inner = _child_context(clause, context)
        yield from visit_siblings(clause.children, replace(inner, review=_review_after(clause.text, inner)))

    def visit_siblings(
        clauses: Iterable[Clause], context: TargetContext, top: bool = False
    ) -> Iterator[tuple[Clause, list[Target]]]:
        """Clauses in order, each passing on its open review, and a lead-in (…目标是：) its deadline; at the
        top level, a goal section its deadline (_goal_section_year)."""
        lead: int | None = None
        bar_header = ""  # 指标 | 单位 | 2020年 | 2025年 | 属性: the rows after it are the table's
        for clause in clauses:
            yield from visit(clause, context, lead, bar_header)
            goal_year = _goal_section_year(clause, context) if top else None
            if goal_year is not None:
                # 一、工作目标 到2027年，… then 二、支持政策 with no year: a document that names no period of its own
                # is due when its goal section says
                context = replace(context, period_end=goal_year)
            if is_bar_header(clause.text):
                bar_header = clause.text[: clause.text.index("属性") + 2].strip()  # not the rows run into it
            elif not has_cells(clause.text):
                bar_header = ""
            context = replace(context, review=_review_after(clause.text, context))
            if clause.text.strip().endswith(("：", ":")):
                deadlines = _deadlines(clause.text, context.reference_year)
                lead = deadlines[-1][1] if deadlines else None
            elif context.goal and lead is None and clause.kind == "paragraph":
                # 主要目标: 到2025年，…。 then a paragraph with no year of its own (农业绿色发展方面，…): the year the
                # section's first paragraph opens with; not a vision past the plan's period (到2035年，建立…),
                # which a 十四五 plan sets in a paragraph of its own before its 2025 indicators
                opening = _deadlines(clause.text.lstrip()[:12], context.reference_year)
                within = opening and (context.period_end is None or opening[0][1] <= context.period_end)
                lead = opening[0][1] if within and opening[0][0] == 0 else None

    yield from visit_siblings(document.clauses, base, top=True)


def extract_targets(
    document: Document, *, include_all: bool = False, year: int | None = None
) -> tuple[Target, ...]:
    """Read every target of a parsed document, in document order.

    `year` is the document's own year (what 今年 means) when its metadata does not say;
    `include_all` also returns results already achieved (kind 'achieved') and other figures ('figure').
    """
    dated = _in_year_columns(document)
    return tuple(
        replace(target, year=dated.get(target.line, target.year)) if dated else target
        for _, found in _walk_targets(document, include_all, year)
        for target in found
    )


def attach_targets(document: Document, *, include_all: bool = False, year: int | None = None) -> Document:
    """Return a copy of the document whose clauses carry their targets."""
    dated = _in_year_columns(document)
    by_clause = {
        clause.id: tuple(replace(target, year=dated.get(target.line, target.year)) for target in found)
        for clause, found in _walk_targets(document, include_all, year)
    }

    def rebuild(clause: Clause) -> Clause:
        return replace(
            clause,
            targets=by_clause.get(clause.id, ()),
            children=tuple(rebuild(child) for child in clause.children),
        )

    return replace(document, clauses=tuple(rebuild(clause) for clause in document.clauses))
