"""Clause trees of real documents: shapes the issue names, lossless text, golden outlines."""

from __future__ import annotations

import os
import re
from collections import Counter
from pathlib import Path

import pytest

from policykit.ingest import read_source
from policykit.pipeline import document_from_source, load_document, parse_text
from policykit.zh.chars import halfwidth_alnum, strip_invisible
from tests.conftest import SEED, corpus_params

GOLDEN = Path(__file__).parent / "golden" / "parse"


def outline(document) -> str:
    """One line per clause: the tree's shape, ids, numbers, headings and source lines."""
    lines = []
    for clause, ancestors in document.walk_with_ancestors():
        head = f"{clause.number}{clause.heading}" if clause.heading or clause.number else ""
        lines.append(f"{'  ' * len(ancestors)}{clause.id} {clause.kind} {head} L{clause.line}".rstrip())
    return "\n".join(lines) + "\n"


def visible(text: str) -> str:
    """The characters a reader sees, after the normaliser's character fixes: whitespace is layout."""
    return re.sub(r"\s", "", halfwidth_alnum(strip_invisible(text)))


@pytest.mark.parametrize("path", [pytest.param(SEED, id="seed"), *corpus_params()])
def test_every_character_lands_in_exactly_one_clause(path):
    document = load_document(path)
    assert_lossless(document)
    assert visible(document.text) == visible(path.read_text(encoding="utf-8"))


def assert_lossless(document) -> None:
    """Clauses in document order, with the 公文 parts that went to metadata, give back the text once."""
    starts = [clause.start for clause in document.walk()]
    assert starts == sorted(starts)
    pieces = sorted(
        [(c.start, c.text) for c in document.walk()] + [(f.start, f.text) for f in document.furniture]
    )
    assert "".join(text for _, text in pieces) == document.text
    for furniture in document.furniture:
        assert document.text[furniture.start : furniture.end] == furniture.text


@pytest.mark.parametrize("path", [pytest.param(SEED, id="seed"), *corpus_params()])
def test_outline_matches_golden(path):
    golden = GOLDEN / f"{path.stem}.txt"
    actual = outline(load_document(path))
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(actual, encoding="utf-8")
    assert golden.exists(), f"no golden outline: run UPDATE_GOLDEN=1 pytest {__file__} and review it"
    assert actual == golden.read_text(encoding="utf-8")


def test_ids_are_unique_in_every_corpus_document(corpus_dir):
    for path in sorted(corpus_dir.glob("*.txt")):
        ids = [clause.id for clause in load_document(path).walk()]
        assert len(ids) == len(set(ids)), path.name


@pytest.fixture(scope="module")
def seed():
    return load_document(SEED)


def test_seed_has_four_banner_sections_with_their_headings(seed):
    banners = [c for c in seed.clauses if c.text.startswith(">>")]
    assert [c.heading for c in banners] == ["创新引领发展", "振兴实体经济", "锚定“双碳”目标", "做好服务保障"]
    assert all(c.kind == "section" for c in banners)


def test_seed_lead_article_and_its_ten_tasks(seed):
    lead = seed.clauses[4]
    assert lead.heading == "三年攻坚，当好先行区建设示范标杆"
    assert "本报记者" in lead.text
    lists = [c for c in lead.children if c.kind == "list"]
    assert len(lists) == 1
    tasks = lists[0].children
    assert len(tasks) == 10
    assert {t.kind for t in tasks} == {"task"}
    assert tasks[0].heading == "系统推进市场化改革，激发高质量发展动力活力"
    assert tasks[-1].heading == "扎实推进共同富裕，持续提高人民生活品质"


def test_seed_page_split_sentence_is_rejoined(seed):
    assert "到2025年产业规模突破4400亿元" in seed.text
    assert "近零能耗建筑试点示范" in seed.text


def test_seed_hard_wrapped_lines_are_unwrapped(seed):
    first = seed.clauses[0].children[0]
    assert first.text.startswith("创新是引领发展的第一动力，抓创新就是抓发展")
    assert first.line == 4


def test_seed_metadata_reads_title_and_period(seed):
    assert seed.metadata.title.startswith("青岛西海岸新区深化新旧动能转换")
    assert seed.metadata.period == "2023-2025"


def test_regulation_chapters_hold_articles_and_skip_table_of_contents(corpus_dir):
    document = load_document(corpus_dir / "shanghai-urban-renewal-regulation-2021.txt")
    chapters = [c for c in document.walk() if c.kind == "chapter"]
    assert len(chapters) == 8
    assert sum(1 for c in document.walk() if c.kind == "article") == 64
    assert chapters[-1].number == "第八章"
    last_article = chapters[-1].children[-1]
    assert (last_article.number, last_article.id) == ("第六十四条", "ch8.a64")
    assert all(len(ch.children) > 0 for ch in chapters), "目录 lines must not become empty chapters"


def test_yangpu_four_level_numbering_counts(corpus_dir):
    document = load_document(corpus_dir / "shanghai-yangpu-heritage-3yr-action-plan-2024-2026.txt")
    patterns = {
        "一、": r"^[一二三四五六七八九十]+、$",
        "（一）": r"^（[一二三四五六七八九十]+）$",
        "1.": r"^\d+\.$",
        "（1）": r"^（\d+）$",
    }
    counts = Counter(
        name for c in document.walk() for name, pattern in patterns.items() if re.match(pattern, c.number)
    )
    assert counts == {"一、": 5, "（一）": 8, "1.": 11, "（1）": 16}


def test_numbering_continuing_across_parents_stays_nested(corpus_dir):
    document = load_document(corpus_dir / "shanghai-yangpu-heritage-3yr-action-plan-2024-2026.txt")
    item = next(c for c in document.walk() if c.number == "（4）")
    parent = next(c for c in document.walk() if any(ch is item for ch in c.children))
    assert parent.number == "2."


def test_gb18030_copy_parses_to_the_same_tree(corpus_dir, tmp_path):
    original = corpus_dir / "shanghai-yangpu-heritage-3yr-action-plan-2024-2026.txt"
    copy = tmp_path / original.name
    copy.write_bytes(original.read_text(encoding="utf-8").encode("gb18030"))
    assert outline(load_document(copy)) == outline(load_document(original))
    assert load_document(copy).encoding == "gb18030"


def test_work_report_inline_enumeration_becomes_items(corpus_dir):
    document = load_document(corpus_dir / "shanghai-jingan-urban-renewal-action-plan-2023-2025.txt")
    items = [c for c in document.walk() if c.number == "一是"]
    assert items and all(c.kind == "item" for c in items)


def test_levels_may_be_skipped():
    document = parse_text("一、总体要求\n1.第一项工作。\n2.第二项工作。\n二、保障措施\n（一）加强领导\n")
    assert [c.id for c in document.walk()] == ["1", "1.1", "1.2", "2", "2.1"]


def test_false_heading_out_of_sequence_is_a_paragraph():
    document = parse_text("一、总体要求\n1.第一项工作。\n5.3万人次参加培训。\n2.第二项工作。\n")
    kinds = [(c.id, c.kind) for c in document.walk()]
    assert ("1.1.p1", "paragraph") in kinds
    assert ("1.2", "item") in kinds


def test_source_lines_survive_normalisation(corpus_dir):
    path = corpus_dir / "shanghai-urban-renewal-regulation-2021.txt"
    document = document_from_source(read_source(path))
    raw_lines = path.read_text(encoding="utf-8").split("\n")
    for clause in document.walk():
        if clause.number.startswith("第") and clause.kind == "article":
            assert raw_lines[clause.line - 1].startswith(clause.number)


def test_flattened_table_is_one_table_clause(corpus_dir):
    document = load_document(corpus_dir / "shanghai-minhang-urban-renewal-15th-fyp.txt")
    (table,) = [c for c in document.walk() if c.kind == "table"]
    assert table.heading == "主要指标表"
    assert "目标值" in table.text and "旧住房成套改造任务" in table.text
    assert "二、重点任务" not in table.text
    assert table.id == "1.t1"


def test_short_parallel_sentences_are_not_a_table():
    document = parse_text("一、目标\n到2025年：\n新增就业21万人。\n城镇化率82%。\n人才总量96万人。\n")
    assert not [c for c in document.walk() if c.kind == "table"]


def test_box_holds_its_lines_and_closes_at_the_next_sibling_heading():
    document = parse_text(
        "一、重点任务\n（一）发展新能源\n推进光伏建设。\n专栏1  重点工程\n1.海上风电项目\n2.氢能示范项目\n"
        "（二）推进节能降碳\n加快改造。\n"
    )
    (box,) = [c for c in document.walk() if c.kind == "box"]
    assert (box.number, box.heading, box.id) == ("专栏1", "重点工程", "1.1.box1")
    assert [c.number for c in box.children] == ["1.", "2."]
    assert document.find("1.2").number == "（二）"


def test_dash_items_are_items_of_their_section(corpus_dir):
    document = load_document(corpus_dir / "gov-work-report-2019.txt")
    section = document.find("1")
    dashes = [c for c in section.children if c.number == "——"]
    assert len(dashes) == 6
    assert dashes[0].heading == "经济运行保持在合理区间"


def test_metadata_of_a_state_council_notice(corpus_dir):
    document = load_document(corpus_dir / "national-vocational-education-reform-plan-2019.txt")
    metadata = document.metadata
    assert metadata.title == "国务院关于印发国家职业教育改革实施方案的通知"
    assert metadata.doc_number == "国发〔2019〕4号"
    assert (metadata.date, metadata.year) == ("2019-01-24", 2019)


def test_notice_parts_go_to_metadata_not_clauses(corpus_dir):
    document = load_document(corpus_dir / "national-vocational-education-reform-plan-2019.txt")
    metadata = document.metadata
    assert metadata.recipients == "各省、自治区、直辖市人民政府，国务院各部委、各直属机构"
    assert (metadata.signature, metadata.issuer, metadata.note) == (("国务院",), "国务院", "（此件公开发布）")
    assert [f.field for f in document.furniture] == ["doc_number", "recipients", "signature", "date", "note"]
    assert not [c.id for c in document.walk() if "国发〔2019〕4号" in c.text or "此件公开发布" in c.text]
    assert document.clauses[0].text.startswith("国务院关于印发国家职业教育改革")


def test_joint_notice_signature_spans_its_lines(corpus_dir):
    document = load_document(corpus_dir / "shanghai-huangpu-renewable-energy-action-plan-2025.txt")
    assert len(document.metadata.signature) == 7
    assert document.metadata.signature[0].startswith("黄浦区发展和改革委员会")
    assert document.metadata.date == "2025-02-24"


def test_a_cited_document_number_is_not_the_documents_own(corpus_dir):
    # 《光伏电站开发建设管理办法》（国能发新规〔2022〕104号） is cited in the body; the notice has no number line.
    document = load_document(corpus_dir / "shanghai-onshore-wind-pv-plan-2025.txt")
    assert document.metadata.doc_number is None
    assert document.metadata.attachments == ("上海市2025年陆上风电和光伏电站开发建设项目清单",)


def test_work_report_year_comes_from_the_reviewed_year(corpus_dir):
    assert load_document(corpus_dir / "gov-work-report-2019.txt").metadata.year == 2019


def test_circled_numbers_open_items():
    document = parse_text("一、目标\n①提高效率。\n②降低成本。\n")
    assert [(c.id, c.number) for c in document.walk()] == [("1", "一、"), ("1.1", "①"), ("1.2", "②")]


def test_regression_plan_name_with_dun_is_text_not_a_crash():
    # 十四五、 matches the 一、 pattern but is no ordinal; the strict numeral reader refuses it.
    document = parse_text("一、总体要求\n十四五、十五五时期的目标。\n二、保障措施\n")
    assert [(c.id, c.kind) for c in document.walk()] == [
        ("1", "section"),
        ("1.p1", "paragraph"),
        ("2", "section"),
    ]


def test_regression_a_long_run_of_boxes_stays_flat(tmp_path, runner):
    # issue 16: 500 consecutive 专栏 boxes nested each in the previous one and hit RecursionError;
    # --format yaml failed from 200. A box closes the open one, so the depth stays constant.
    from policykit.cli import app

    text = "一、重点工程\n" + "".join(f"专栏{k % 10 + 1}  重点项目{k}\n1.示范项目{k}。\n" for k in range(600))
    document = parse_text(text)
    boxes = [c for c in document.walk() if c.kind == "box"]
    assert len(boxes) == 600
    assert max(len(ancestors) for _, ancestors in document.walk_with_ancestors()) == 2
    assert_lossless(document)
    path = tmp_path / "boxes.txt"
    path.write_text(text, encoding="utf-8")
    for fmt in ("yaml", "json"):
        result = runner.invoke(app, ["parse", str(path), "--format", fmt, "--no-targets"])
        assert result.exit_code == 0, result.output[-300:]
        assert result.stdout.count("专栏") >= 600


@pytest.mark.parametrize("path", [pytest.param(SEED, id="seed"), *corpus_params()])
def test_tree_shape_numbered_siblings_run_in_sequence_and_appendices_are_top_level(path):
    # A restart (a part's or an annex's 一、) read as out of sequence would nest a whole part under
    # the previous one's last item; here every numbered sibling follows the one before it by one.
    from policykit.zh.numbering import match_numbering

    document = load_document(path)
    for clause, ancestors in document.walk_with_ancestors():
        if clause.kind in ("appendix", "part"):
            assert not [a.id for a in ancestors if a.kind not in ("appendix", "part")], clause.id
    restarts = [
        c.id
        for c in document.walk()
        if c.kind in ("paragraph", "preamble")
        and (numbering := match_numbering(c.text)) is not None
        and numbering.ordinal == 1
        and numbering.style.kind in ("part", "chapter", "section")
    ]
    assert not restarts, f"a 一、 that restarts a sequence stayed text: {restarts}"
    for siblings in [document.clauses, *(clause.children for clause in document.walk())]:
        last: dict[str, int] = {}
        for child in siblings:
            numbering = match_numbering(child.number) if child.number else None
            if numbering is None:
                continue
            style = numbering.style.name
            assert style not in last or numbering.ordinal == last[style] + 1, (child.id, child.number)
            last[style] = numbering.ordinal


def test_appendix_number_that_mixes_digits_and_numerals_is_no_appendix():
    """附件1一、 (found by Hypothesis) raised ValueError: an appendix number is digits or numerals, not both."""
    document = parse_text("一、总则\n附件1一、")
    assert [c.kind for c in document.walk()] == ["section", "paragraph"]
    joined = parse_text("一、\n附件1一、")  # a number alone on its line takes the next line as its title
    assert [(c.kind, c.text.strip()) for c in joined.walk()] == [("section", "一、附件1一、")]
    numbered = parse_text("一、总则\n附件1\n重点项目表\n附件二 名词解释")
    assert [(c.kind, c.number) for c in numbered.walk()] == [
        ("section", "一、"),
        ("appendix", "附件1"),
        ("appendix", "附件二"),
    ]


_TWO_ITEMS = "某市关于推进节能工作的实施意见\n一、总体要求\n1.坚持绿色发展。推动能源结构调整。\n2.坚持创新驱动。加快技术改造升级。\n{after}\n二、保障措施\n加强组织领导。\n"


@pytest.mark.parametrize(
    ("after", "held"),
    [("在此基础上，全面提升全市节能水平。", 0), ("围绕重点行业，推动企业开展节能诊断。", 1)],
)
def test_a_summary_after_two_run_in_items_is_the_sections_text(after: str, held: int) -> None:
    """在此基础上，… sums up a run of two run-in items (1.…。 2.…。): the section's again, outside any 专栏."""
    section = parse_text(_TWO_ITEMS.format(after=after)).clauses[1]
    assert [c.kind for c in section.children] == ["item", "item"] + ["paragraph"] * (1 - held)
    assert len(section.children[1].children) == held


def test_a_question_numbered_before_a_year_and_a_decimal_are_read_apart() -> None:
    """1.2099年度… opens an item; 1.5倍 at a line's start stays a decimal (no item)."""
    items = parse_text(
        "问答\n1.2099年度补贴标准是多少？\n答：500元。\n2.如何申请？\n答：网上申请。\n"
    ).clauses
    assert [c.number for c in items if c.kind == "item"] == ["1.", "2."]
    decimal = parse_text("说明\n1.5倍以上的部分不予补贴。\n")
    assert not [c for c in decimal.clauses if c.kind == "item"]


def test_a_space_before_a_bracketed_aside_does_not_end_an_items_heading():
    """5.镇经管中心负责对镇属企业 (包括…，…)… is one sentence: the space before its aside is no heading/body gap."""
    text = (
        "一、职责分工\n1.镇规建办负责项目审批。\n"
        "2.镇经管中心负责对镇属企业 (包括村集体经济组织，以及其控股企业)的资金进行监管。\n"
        "3.加强培训 提升监管人员的水平，做好服务。\n"
    )
    items = parse_text(text).find("1").children
    assert (
        [item.heading for item in items]
        == [
            "镇规建办负责项目审批",
            "镇经管中心负责对镇属企业 (包括村集体经济组织，以及其控股企业)的资金进行监管",  # was 镇经管中心负责对镇属企业
            "加强培训",  # a space before a sentence with a comma still ends the title
        ]
    )


@pytest.mark.parametrize(
    ("text", "title"),
    [
        # a salutation opens the body: the sentence after it (its 。 lost) is no title
        (
            "各位代表：\n\n现在，我代表市人民政府向大会报告工作，请予审议\n\n一、工作回顾\n\n就业稳定。\n",
            None,
        ),
        # the 主送 line comes after the title, which is still found
        (
            "青山市人民政府关于做好春耕工作的通知\n\n各区人民政府：\n\n现就有关事项通知如下。\n",
            "青山市人民政府关于做好春耕工作的通知",
        ),
        (
            "标题：青山市关于做好春耕工作的通知\n\n各区人民政府：\n\n现就有关事项通知如下。\n",
            "青山市关于做好春耕工作的通知",
        ),
    ],
)
def test_no_title_is_read_after_a_salutation_or_the_recipients(text, title):
    assert parse_text(text).metadata.title == title


@pytest.mark.parametrize(
    ("text", "title"),
    [
        # a byline after the prose is no title; with none before the prose the document has none
        (
            "3月5日下午，青山县政府新闻办举行发布会，介绍今年全县经济社会发展的主要目标任务和重点工作安排，"
            "并回答了记者提问，县发展改革委、县统计局负责同志出席发布会并介绍了有关情况，会议持续一个半小时。\n\n"
            "县长表示，今年的目标是科学合理的。\n\n文/青山日报记者 王某\n",
            None,
        ),
        # a cited document in the opening sentence is no title either (解读《…》)
        ("国新办举行吹风会，解读《政府工作报告》有关情况。\n\n今年经济增长预期目标为5.5%左右。\n", None),
    ],
)
def test_a_title_stands_before_the_prose(text, title):
    assert parse_text(text).metadata.title == title
