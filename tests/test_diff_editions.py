"""Diff on real edition pairs of the corpus: pairings read off the two texts by hand, not off the tool.

The heritage regulation (2011 text → 2023 text) inserts articles 8, 23-24, 29-31 and 47, so most later
articles are renumbered; the 2024 → 2025 government work reports reorder and rewrite their parts.
"""

from __future__ import annotations

import pytest

from policykit.align import align_clauses
from policykit.diff import diff_documents, target_changes
from policykit.model import Target
from policykit.pipeline import load_document, parse_text

HERITAGE_2011 = "shanghai-heritage-area-buildings-regulation-2011.txt"
HERITAGE_2023 = "shanghai-heritage-area-buildings-regulation-2023.txt"
REPORT_2024 = "gov-work-report-2024.txt"
REPORT_2025 = "gov-work-report-2025.txt"

# old article → new article, read from the two texts (第二十一条's 消防 rule is rewritten into the
# second paragraph of the new 第二十二条 and 第二十八条 into the new 第三十四条's two paragraphs: left out)
ARTICLES = {
    **{n: n for n in range(1, 8)},
    **{n: n + 1 for n in range(8, 21)},
    **{n: n + 3 for n in range(22, 26)},
    **{n: n + 6 for n in (26, 27, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40)},
    **{n: n + 7 for n in range(41, 49)},
}


@pytest.fixture(scope="module")
def heritage(corpus_dir):
    return load_document(corpus_dir / HERITAGE_2011), load_document(corpus_dir / HERITAGE_2023)


def _article(clause) -> int | None:
    from policykit.zh.numbering import match_numbering

    found = match_numbering(clause.number) if clause.kind == "article" else None
    return found.ordinal if found else None


def test_renumbered_articles_pair_with_their_own_text(heritage):
    aligner = align_clauses(*heritage)
    paired = {
        _article(aligner.a.clauses[i]): _article(aligner.b.clauses[j])
        for i, j in aligner.pair.items()
        if _article(aligner.a.clauses[i])
    }
    assert {old: paired.get(old) for old in ARTICLES} == ARTICLES


def test_articles_after_an_insertion_are_renumbered_not_moved(heritage):
    result = diff_documents(*heritage, targets=False)
    assert not [c for c in result.changes if c.type == "moved"]
    renumbered = {(_article(c.old[0]), _article(c.new[0])) for c in result.changes if c.type == "renumbered"}
    # 第十六条 (核心保护范围) became 第十七条 and 第十七条 (建设控制范围) 第十八条, not the other way
    assert {(16, 17), (17, 18), (47, 54)} <= renumbered
    added = {_article(c.new[0]) for c in result.changes if c.type == "added"} - {None}
    assert {8, 23, 24, 29, 30, 31, 47} <= added


def test_an_article_renumbered_with_its_text_unchanged_shows_only_the_number(heritage):
    result = diff_documents(*heritage, targets=False)
    (change,) = [c for c in result.changes if c.old and _article(c.old[0]) == 8]  # → 第九条, same text
    assert change.type == "renumbered"
    assert [(s.old, s.new) for s in change.segments if s.op != "equal"] == [("第八条", "第九条")]


def test_a_yearly_target_with_a_new_value_shows_both(corpus_dir):
    result = diff_documents(load_document(corpus_dir / REPORT_2024), load_document(corpus_dir / REPORT_2025))
    found = {c.indicator: c for c in result.target_changes if c.type == "changed"}
    # 2024: 赤字率拟按3%安排，赤字规模4.06万亿元; 2025: 赤字率拟按4%左右安排 … 赤字规模5.66万亿元
    assert (found["赤字率"].old.value, found["赤字率"].new.value) == (3, 4)
    assert (found["赤字规模"].old.value, found["赤字规模"].new.value) == (4.06e12, 5.66e12)
    assert "value" in found["赤字率"].fields and "year" in found["赤字率"].fields


def test_a_part_put_first_is_renumbered_with_its_text(corpus_dir):
    # 2024 （一）大力推进现代化产业体系建设，加快发展新质生产力 → 2025 （二）因地制宜发展新质生产力 (扩大内需 went first)
    result = diff_documents(
        load_document(corpus_dir / REPORT_2024), load_document(corpus_dir / REPORT_2025), targets=False
    )
    pairs = {(c.old[0].number, c.new[0].number) for c in result.changes if c.type == "renumbered"}
    assert ("（一）", "（二）") in pairs


# ---------------------------------------------------------------- the classes, on small texts

NOTICE = (
    "一、总体要求\n\n到2025年，全市完成老旧小区改造200个。\n\n"
    "二、重点任务\n\n各区要加快推进城市更新，完善配套设施和公共服务，补齐社区养老托育短板。\n\n"
    "三、保障措施\n\n加强组织领导，明确责任分工，定期开展督查评估，确保各项任务按期保质完成。\n"
)


def test_a_paragraph_rewritten_on_another_topic_is_removed_and_added_not_reworded():
    rewritten = NOTICE.replace(
        "加强组织领导，明确责任分工，定期开展督查评估，确保各项任务按期保质完成。",
        "市财政安排专项资金，对符合条件的改造项目给予补贴，鼓励社会资本参与投资运营。",
    )
    found = diff_documents(parse_text(NOTICE), parse_text(rewritten), targets=False).changes
    assert sorted(c.type for c in found) == ["added", "removed"]


def test_a_dash_item_that_became_a_paragraph_is_modified_not_renumbered():
    old = "一、工作回顾\n\n——经济总体回升向好，国内生产总值增长5.2%。\n"
    new = "一、工作回顾\n\n经济总体回升向好，国内生产总值增长5.2%。\n"
    found = diff_documents(parse_text(old), parse_text(new), targets=False).changes
    assert [c.type for c in found] == ["modified"]


def test_a_target_moved_to_a_later_year_shows_old_and_new_values():
    old = NOTICE
    new = NOTICE.replace("到2025年，全市完成老旧小区改造200个", "到2027年，全市完成老旧小区改造260个")
    (change,) = diff_documents(parse_text(old), parse_text(new)).target_changes
    assert (change.old.value, change.old.year, change.new.value, change.new.year) == (200, 2025, 260, 2027)
    assert set(change.fields) == {"value", "year"}


def test_a_salutation_said_several_times_is_never_moved():
    # a work report says 各位代表！ before several parts; which repeat pairs with which says nothing
    a = "过去一年，经济运行总体回升向好，高质量发展扎实推进，社会大局保持稳定。"
    b = "今年发展主要预期目标是：国内生产总值增长5%左右，城镇新增就业1200万人以上。"
    c = "我们要更加紧密地团结在以习近平同志为核心的党中央周围，奋力完成全年目标任务。"
    old = "\n\n".join(["各位代表！", a, b, "各位代表！", c]) + "\n"
    new = "\n\n".join([a, b, "各位代表！", c, "各位代表！"]) + "\n"
    found = diff_documents(parse_text(old), parse_text(new), targets=False).changes
    assert [c.type for c in found] == []


def _target(value: float, text: str, year: int) -> Target:
    return Target(
        indicator="项目",
        value=value,
        unit="个",
        comparator=None,
        year=year,
        kind="target",
        text=text,
        quantity=f"{value:g}个",
        clause="1",
        line=1,
        page=None,
        document="report",
    )


def test_a_general_indicator_pairs_by_its_sentence_not_by_order():
    # Shandong 2025: 推动3900多个项目投产达效 … 高速公路，开工长深高速改扩建等2个项目;
    # 2026 keeps only the road sentence: 公路方面，新开工晏城至表白寺等2个项目
    old = [
        _target(3900, "继续实施15000个省市县重点项目，推动3900多个项目投产达效。", 2025),
        _target(2, "高速公路，开工长深高速改扩建等2个项目，提速高青至商河等续建项目。", 2025),
    ]
    new = [_target(2, "公路方面，新开工晏城至表白寺等2个项目，提速庆云至章丘等续建项目。", 2026)]
    found = target_changes(old, new)
    assert [(c.type, c.old and c.old.value, c.new and c.new.value) for c in found] == [
        ("changed", 2, 2),
        ("removed", 3900, None),
    ]
    assert found[0].fields == ("year",)
