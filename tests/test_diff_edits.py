"""Diff on small texts: the classes of edit the mutation probe (tests/test_diff_mutations.py) found, one each.

A 目录 put in front repeats the headings and changes no clause; a level of numbering typed in another
style (一、二、 → 第一节 第二节) is one note; a paragraph taken out of the only section it was in is the
clause that moved, not the section heading.
"""

from __future__ import annotations

import json

from policykit.diff import diff_documents
from policykit.pipeline import parse_text
from policykit.render.diff import diff_rows, html_page, rich_stat, stat_dict

NOTICE = (
    "一、总体要求\n\n到2025年，全市完成老旧小区改造200个，新建公共停车泊位一万个。\n\n"
    "二、重点任务\n\n各区要加快推进城市更新，完善配套设施和公共服务，补齐社区养老托育短板。\n\n"
    "三、保障措施\n\n加强组织领导，明确责任分工，定期开展督查评估，确保各项任务按期保质完成。\n"
)
TOC = "目　录\n一、总体要求\n二、重点任务\n三、保障措施\n\n"
SECTIONS = "第一节　总体要求", "第二节　重点任务", "第三节　保障措施"


def _restyled(text: str) -> str:
    for old, new in zip(("一、总体要求", "二、重点任务", "三、保障措施"), SECTIONS, strict=True):
        text = text.replace(old, new)
    return text


def test_a_table_of_contents_put_in_front_changes_no_clause():
    result = diff_documents(parse_text(NOTICE), parse_text(TOC + NOTICE))
    assert result.changes == () and result.target_changes == () and not result.has_differences


def test_a_table_of_contents_taken_out_changes_no_clause():
    result = diff_documents(parse_text(TOC + NOTICE), parse_text(NOTICE))
    assert not result.has_differences


def test_text_the_parser_keeps_in_a_table_of_contents_is_still_compared():
    # the 目录 block runs on to its first heading, so a salutation between them lies inside it
    old = "政府工作报告\n\n各位代表！\n\n" + NOTICE
    new = "政府工作报告\n\n" + TOC + "各位代表！\n\n" + NOTICE
    assert diff_documents(parse_text(old), parse_text(new)).changes == ()
    dropped = diff_documents(parse_text(old), parse_text(new.replace("各位代表！\n\n", "")))
    assert [(c.type, c.old[0].text.strip()) for c in dropped.changes] == [("removed", "各位代表！")]


def test_a_table_of_contents_after_a_notice_title_changes_no_clause():
    lead = "关于印发实施方案的通知\n\n各区人民政府：\n\n现将实施方案印发给你们，请认真贯彻执行。\n\n"
    new = lead.replace("\n\n各区", "\n\n" + TOC.strip() + "\n\n各区", 1)
    assert diff_documents(parse_text(lead + NOTICE), parse_text(new + NOTICE)).changes == ()


def test_headings_numbered_in_another_style_are_one_note():
    result = diff_documents(parse_text(NOTICE), parse_text(_restyled(NOTICE)))
    assert result.changes == () and result.target_changes == ()
    (note,) = result.numbering
    assert (note.old_style, note.new_style, note.count) == ("一、", "第一节", 3)
    assert result.has_differences


def test_a_heading_deleted_in_a_restyled_level_still_renumbers_the_ones_after_it():
    new = _restyled(NOTICE)
    new = new[: new.index(SECTIONS[1])] + new[new.index(SECTIONS[2]) :].replace("第三节", "第二节")
    result = diff_documents(parse_text(NOTICE), parse_text(new))
    assert [(c.type, c.old[0].number, c.new and c.new[0].number) for c in result.changes] == [
        ("removed", "二、", ()),
        ("removed", "", ()),
        ("renumbered", "三、", "第二节"),
    ]
    assert [(n.old_style, n.new_style, n.count) for n in result.numbering] == [("一、", "第一节", 2)]


def test_one_heading_of_three_in_another_style_is_no_restyled_level():
    new = NOTICE.replace("二、重点任务", "第二节　重点任务")
    result = diff_documents(parse_text(NOTICE), parse_text(new))
    assert result.numbering == () and result.changes


def test_a_layout_swapping_number_marks_is_no_restyled_level():
    new = NOTICE.replace("一、", "Ⅰ.").replace("二、", "Ⅱ.").replace("三、", "Ⅲ.")
    assert not diff_documents(parse_text(NOTICE), parse_text(new)).has_differences


def test_a_restyled_level_shows_in_every_output():
    result = diff_documents(parse_text(NOTICE), parse_text(_restyled(NOTICE)))
    data = json.loads(json.dumps(result.to_dict(), ensure_ascii=False))
    assert data["numbering"] == [{"old": "一、", "new": "第一节", "clauses": 3}]
    assert stat_dict(result)["numbering"] == data["numbering"]
    assert [row["record"] for row in diff_rows(result)] == ["numbering"]
    assert "一、 → 第一节 for 3 clauses" in html_page(result)
    from rich.console import Console

    console = Console(width=120, color_system=None, record=True)
    console.print(rich_stat(result))
    shown = console.export_text()
    assert "restyled 一、 → 第一节 for 3 clauses" in shown and "1 numbering restyled" in shown


def test_a_paragraph_moved_out_of_its_only_section_is_the_clause_that_moved():
    lead = "为深入推进城市更新工作，结合本市实际，制定本方案，请各区认真组织实施，确保取得实效。"
    old = f"前言\n\n{lead}\n\n" + NOTICE
    body = "到2025年，全市完成老旧小区改造200个，新建公共停车泊位一万个。"
    new = old.replace(f"\n\n{body}", "").replace(f"{lead}\n\n", f"{lead}\n\n{body}\n\n")
    (change,) = diff_documents(parse_text(old), parse_text(new), targets=False).changes
    assert change.type == "moved" and change.old[0].text.strip() == body


ITEM_A = (
    "（一）完善城市更新机制。\n各区要加快推进城市更新，完善配套设施和公共服务，补齐社区养老托育短板。\n"
    "落实属地责任，建立健全工作台账，按季度报送推进情况。\n"
)
ITEM_B = (
    "（二）构建综合实施平台。\n各区政府组建面向市场、开放创新、多方联合的城市更新综合体，统筹推进更新项目。\n"
)
ITEM_C = "（三）加强组织领导。\n明确责任分工，定期开展督查评估，确保各项任务按期保质完成。\n"


def _swapped(first: str, second: str) -> str:
    """Two items in the other order, numbered again as an editor would."""
    return first.replace("（二）", "（一）", 1) + second.replace("（一）", "（二）", 1)


def _moves(old: str, new: str) -> list[tuple[str, str]]:
    changes = diff_documents(parse_text(old), parse_text(new), targets=False).changes
    return [(c.type, c.old[0].number) for c in changes]


def test_two_items_swapped_are_one_move_though_an_annex_repeats_their_headings():
    # an annex listing the tasks says each heading twice: the item still moved, its paragraphs say where
    annex = "附件：重点任务清单\n完善城市更新机制\n构建综合实施平台\n加强组织领导\n"
    old = "一、重点任务\n" + ITEM_A + ITEM_B + ITEM_C + annex
    new = "一、重点任务\n" + _swapped(ITEM_B, ITEM_A) + ITEM_C + annex
    assert _moves(old, new) == [("moved", "（二）"), ("renumbered", "（一）")]


def test_points_counted_in_a_moved_item_move_with_it():
    # 一是…二是… become items under an empty paragraph: they hang from the item, not from that paragraph
    counted = (
        "（二）重塑美丽新居行动。\n增进民生福祉，推动人居环境品质提升，不断改善居住条件。\n"
        "一是加快旧区改造收尾攻坚，按照开工一批、启动一批的节奏滚动推进。"
        "二是持续巩固美丽家园建设成果，切实解决群众急难愁盼问题。\n"
    )
    old = "一、重点任务\n" + ITEM_A + counted + ITEM_C
    new = "一、重点任务\n" + _swapped(counted, ITEM_A) + ITEM_C
    assert _moves(old, new) == [("renumbered", "（二）"), ("moved", "（一）")]
