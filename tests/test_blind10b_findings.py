"""Classes of error found by reading, blind, real documents nobody tuned for: a 条例 and its 修正 text
(Markdown as a law-reference repository stores it), two annual editions of one 申报通知, a 通告, a ministry
notice with a bare "## 三" heading, a 申报指南, an 印发通知 + 办法, an 印发通知 + 区级规划 with a table
flattened to one cell per line, and a 镇级实施意见 ending in a 附件 list. Each test is the smallest invented
reproduction of one class; none copies the real text.

Blind scores before any fix (hand-scored against expectations written from the text first, /tmp/blind10b):
parse: titles 6 of 10, issuers 8 of 10, dates 7 of 10, 文号 9 of 9; 463 of 464 heading nodes (章 20, 条 130,
项 72, 一、 29, （一） 45, 1. 123, （1） 44; one bare "三" missed), 0 false headings; 11 attachment names
read as clauses, 3 contact lines after the 落款 read as the last section's paragraphs.
diff: 14 of 14 reworded 条 of the 修正 pair, 0 false; the 申报通知 pair right but for two rewritten items
shown as removed + added, and 6 false changes (4 front-matter lines, 2 contact lines).
After the fixes here: titles, issuers, dates and 文号 10 of 10, 464 of 464 heading nodes, 17 of 17
attachments, no contact line in the body; the 申报通知 pair's two items modified, 4 false changes left (the
front matter: the Markdown reader's class, still a strict xfail with the HTML comment and the table hit).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from policykit.diff import diff_documents
from policykit.model import Clause, Document
from policykit.pipeline import load_document, parse_text


def walk(clauses: tuple[Clause, ...]):
    for clause in clauses:
        yield clause
        yield from walk(clause.children)


def kinds(document: Document, kind: str) -> list[Clause]:
    return [clause for clause in walk(document.clauses) if clause.kind == kind]


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# ---------------------------------------------------------------- ingest (Markdown reader: formats/)

_FRONT_MATTER = """---
标题: 青山市交通局关于开展2031年绿色出行项目申报的通知
文号: 青交〔2031〕12号
发布日期: 2031-03-02
层级: 市级
类型: 通知公告
---

> 本文由脚本自官方页面提取，仅供检索。

# 青山市交通局关于开展2031年绿色出行项目申报的通知

各有关单位：

一、申报主体

本市注册的企业。

青山市交通局

2031年3月1日
"""


def test_markdown_front_matter_is_not_text(tmp_path):
    document = load_document(write(tmp_path, "notice.md", _FRONT_MATTER))
    texts = [clause.text for clause in walk(document.clauses)]
    assert not any(text.startswith(("标题:", "文号:", "发布日期:", "层级:", "类型:")) for text in texts)


def test_markdown_html_comment_is_not_text(tmp_path):
    text = (
        "# 青山市湖泊保护条例\n\n<!-- INFO END -->\n\n## 第一章 总则\n\n第一条 为了保护湖泊，制定本条例。\n"
    )
    document = load_document(write(tmp_path, "law.md", text))
    assert not any("<!--" in clause.text for clause in walk(document.clauses))


# ---------------------------------------------------------------- metadata


def test_a_labelled_title_line_drops_its_label():
    """标题： before the title (a web page's key–value block) is a label, never part of the title."""
    text = "标题：青山市关于加强社区花园管理的通知\n\n各街道办事处：\n\n一、总体要求\n\n加强管理。\n\n青山市园林绿化局\n\n2031年4月2日\n"
    assert parse_text(text).metadata.title == "青山市关于加强社区花园管理的通知"


def test_a_justified_title_label_drops_too_and_a_title_about_titles_keeps_its_words():
    """标　　题： (spaced to the width of a table's other labels) goes; 标题 inside a title is its own word."""
    spaced = "标　　题：青山市关于加强社区花园管理的通知\n\n一、总体要求\n\n加强管理。\n"
    assert parse_text(spaced).metadata.title == "青山市关于加强社区花园管理的通知"
    own = "关于规范网络标题党行为的通知\n\n一、总体要求\n\n加强管理。\n"
    assert parse_text(own).metadata.title == "关于规范网络标题党行为的通知"


def test_a_document_number_with_a_space_before_its_year_is_read():
    """青交运 〔2031〕45号: a space typed between the issuer's code and its bracketed year."""
    text = "青山市交通局关于调整公交线路的通告\n\n青交运 〔2031〕45号\n\n一、调整内容\n\n公交1路延长。\n\n青山市交通局\n\n2031年5月2日\n"
    assert parse_text(text).metadata.doc_number in ("青交运〔2031〕45号", "青交运 〔2031〕45号")


def test_a_document_number_with_an_ideographic_space_is_read_and_a_plain_one_is_unchanged():
    """青交运　〔2031〕46号 (a full-width space) is read without its space; 青交运〔2031〕47号 as before."""
    template = "青山市交通局关于调整公交线路的通告\n\n{number}\n\n一、调整内容\n\n公交1路延长。\n\n青山市交通局\n\n2031年5月2日\n"
    assert (
        parse_text(template.format(number="青交运　〔2031〕46号")).metadata.doc_number == "青交运〔2031〕46号"
    )
    assert (
        parse_text(template.format(number="青交运〔2031〕47号")).metadata.doc_number == "青交运〔2031〕47号"
    )


_REGULATION = """青山市湖泊保护条例

2031年5月20日 青山市第九届人民代表大会常务委员会第十二次会议通过

第一章 总则

第一条 为了保护湖泊，制定本条例。

第二条 本条例自2032年1月1日起施行。
"""


def test_a_regulation_is_issued_by_the_standing_committee_that_passed_it():
    """A 条例 has no 落款: the 会议通过 line under its title names the 常务委员会 that made it."""
    assert parse_text(_REGULATION).metadata.issuer == "青山市人民代表大会常务委员会"


@pytest.mark.parametrize(
    ("line", "issuer"),
    [
        (
            "（2031年5月20日青山市第九届人民代表大会常务委员会第十二次会议通过）",
            "青山市人民代表大会常务委员会",
        ),
        ("（2031年5月20日第十五届全国人民代表大会常务委员会第三次会议通过）", "全国人民代表大会常务委员会"),
        ("（2031年1月8日青山市第九届人民代表大会第二次会议通过）", "青山市人民代表大会"),
    ],
    ids=["city-standing-committee", "national-standing-committee", "city-congress"],
)
def test_the_body_named_in_a_bracketed_record_line_issues_the_regulation(line, issuer):
    """The record line in brackets, as most law texts print it, names the issuer the same way."""
    assert parse_text(_REGULATION.replace(_REGULATION.splitlines()[2], line)).metadata.issuer == issuer


def test_a_signed_notice_keeps_its_signature_as_issuer():
    """A notice's 落款 names its issuer even where its body cites a 会议通过 line."""
    text = (
        "青山市人民政府关于实施湖泊保护条例的通知\n\n各区人民政府：\n\n一、总体要求\n\n"
        "《青山市湖泊保护条例》已于2031年5月20日经青山市第九届人民代表大会常务委员会第十二次会议通过。\n\n"
        "青山市人民政府\n\n2031年6月1日\n"
    )
    found = parse_text(text).metadata
    assert (found.issuer, found.date) == ("青山市人民政府", "2031-06-01")


def test_an_amended_regulation_is_dated_by_its_latest_amendment():
    """The text as amended is dated by its last 修正 line, not by the first 通过 line above it."""
    amended = _REGULATION.replace(
        "会议通过\n", "会议通过\n\n2033年11月2日 青山市第十届人民代表大会常务委员会第三次会议修正\n"
    )
    assert parse_text(amended).metadata.date == "2033-11-02"
    assert parse_text(_REGULATION).metadata.date == "2031-05-20"


def test_one_record_line_with_every_amendment_dates_the_text_by_the_last():
    """（…通过　根据…第一次修正　根据…第二次修正）on one line: the latest date in it."""
    line = (
        "（2021年5月20日青山市第九届人民代表大会常务委员会第十二次会议通过　根据2025年3月1日青山市第九届"
        "人民代表大会常务委员会第二十次会议《关于修改部分地方性法规的决定》第一次修正　根据2029年9月9日"
        "青山市第十届人民代表大会常务委员会第四次会议《关于修改部分地方性法规的决定》第二次修正）"
    )
    found = parse_text(_REGULATION.replace(_REGULATION.splitlines()[2], line)).metadata
    assert (found.date, found.issuer) == ("2029-09-09", "青山市人民代表大会常务委员会")


def test_a_date_inside_a_body_sentence_is_not_the_documents_date():
    """2019年3月17日发布的…同时废止 cites an older notice's date; with no 落款 the document has none."""
    text = (
        "关于调整工时折算的通知\n\n各有关单位：\n\n一、计算方法\n\n按新办法计算。\n\n二、折算办法\n\n按月折算。\n\n"
        "三、其他\n\n2019年3月17日印发的《关于工时折算的通知》同时废止。\n"
    )
    assert parse_text(text).metadata.date is None


def test_a_deadline_in_a_numbered_item_is_not_the_documents_date():
    """1．材料提交时间为即日起至2032年6月30日。: a deadline, not when the guide was made."""
    text = (
        "2032年青山区专项资金申报指南\n\n一、申报对象\n\n本区企业。\n\n二、注意事项\n\n"
        "1．本专项资金提交材料时间为即日起至2032年6月30日。\n\n2．申报材料须真实有效。\n"
    )
    assert parse_text(text).metadata.date is None


@pytest.mark.parametrize(
    "text",
    [
        "关于调整工时折算的通知\n\n一、计算方法\n\n按新办法计算。\n\n二、其他\n\n本通知自印发之日起施行。\n\n2031年2月3日\n",
        "关于调整工时折算的通知\n\n（2031年2月3日）\n\n一、计算方法\n\n按新办法计算。\n",
        "2031年2月3日，青山市召开全市工时折算工作会议，部署有关工作。\n\n一、会议要求\n\n按新办法计算。\n",
    ],
    ids=["date-alone-at-the-end", "bracketed-date-under-the-title", "date-in-the-opening-sentence"],
)
def test_a_date_alone_on_its_line_or_in_the_opening_still_dates_the_document(text):
    """Only dates in a clause's sentence stop counting: the date line, and the opening's date, still do."""
    assert parse_text(text).metadata.date == "2031-02-03"


# ---------------------------------------------------------------- structure


def test_a_bare_numeral_line_continuing_the_sections_is_a_section():
    """三 alone on its line (a Markdown "## 三" heading whose text went to the next line) is section 三."""
    text = (
        "一、计算方法\n\n按新办法计算。\n\n二、折算办法\n\n按月折算。\n\n三\n2019年发布的旧办法同时废止。\n"
    )
    sections = [clause for clause in parse_text(text).clauses if clause.kind == "section"]
    assert [clause.number.rstrip("、") for clause in sections] == ["一", "二", "三"]
    assert "同时废止" in sections[2].text + "".join(child.text for child in sections[2].children)


def test_a_bare_numeral_markdown_heading_is_a_section(tmp_path):
    """## 三 with its text on the next line, as a law repository stores a notice's last section."""
    text = "# 关于工时折算的通知\n\n## 一、计算方法\n\n按新办法计算。\n\n## 二、折算办法\n\n按月折算。\n\n## 三\n旧办法同时废止。\n"
    document = load_document(write(tmp_path, "notice.md", text))
    assert [clause.number.rstrip("、") for clause in kinds(document, "section")] == ["一", "二", "三"]


@pytest.mark.parametrize(
    "text",
    [
        "一、计算方法\n\n按新办法计算。\n\n三\n\n旧办法同时废止。\n",  # 三 after 一、: not the next one
        "青山市工时折算办法\n\n三\n\n旧办法同时废止。\n",  # no section open at all
        "一、计算方法\n\n按新办法计算。\n\n二、折算办法\n\n2\n\n按月折算。\n",  # a bare Arabic digit
    ],
    ids=["skips-a-number", "no-sections", "arabic-digit"],
)
def test_a_bare_numeral_out_of_sequence_stays_text(text):
    """A lone numeral that does not continue an open 一、 sequence is no section."""
    numbers = [clause.number.rstrip("、") for clause in kinds(parse_text(text), "section")]
    assert "三" not in numbers and "2" not in numbers


_ATTACHMENTS = """青山镇小型工程管理的实施意见

一、适用范围

本镇小型工程。

二、其他

1.本意见自发布之日起施行。
2.本意见由镇规划办负责解释。
附件：1.领导小组名单
2.监管流程图
3-1.受理告知书
3-2.安全责任告知单
4.施工备案表

青山镇人民政府
2031年9月1日
"""


def test_an_attachment_list_runs_on_through_compound_numbers():
    """附件：1.… 2.… 3-1.… 3-2.… 4.…: 3-1. is an attachment's number too; the list does not end there."""
    document = parse_text(_ATTACHMENTS)
    assert len(document.metadata.attachments) == 5
    assert not any("告知" in clause.text or "备案表" in clause.text for clause in walk(document.clauses))


def test_full_width_compound_attachment_numbers_and_a_sentence_after_the_list():
    """3－1．… (full-width) is listed too; a numbered sentence after the list is no attachment."""
    text = _ATTACHMENTS.replace("3-1.", "3－1．").replace("3-2.", "3－2．")
    assert len(parse_text(text).metadata.attachments) == 5
    plain = "青山镇实施意见\n\n一、适用范围\n\n本镇工程。\n\n附件：1.领导小组名单\n2.各单位要按时报送材料，不得延误。\n"
    assert parse_text(plain).metadata.attachments == ("1.领导小组名单",)


_CONTACT = """青山市交通局关于开展项目申报的通知

各相关单位：

一、申报主体

本市企业。

二、其他事项

（一）申报单位须对材料的真实性负责。

（二）逾期申报无效。

青山市交通局

2031年4月2日

{contact}
"""


@pytest.mark.parametrize(
    "contact",
    [
        "联 系 人：王老师；联系方式：12345678，13900000000\n技术支持：李老师；联系方式：13800000000",
        "（联系人：王老师 联系方式：12345678\n\n技术支持：13800000000）",
    ],
    ids=["spaced-label-two-lines", "parenthesis-over-two-lines"],
)
def test_contact_lines_after_the_signature_are_not_the_last_sections_text(contact):
    """The 附注 after the 落款 (联系人 and 技术支持 lines) belongs to the document, not to section 二."""
    document = parse_text(_CONTACT.format(contact=contact))
    last = document.clauses[-1]
    assert not any("王老师" in clause.text or "技术支持" in clause.text for clause in walk((last,)))


def test_a_contact_item_inside_the_body_stays_a_clause():
    """（二）联系人：… before the 落款 is the notice's own item, not its 附注."""
    text = _CONTACT.format(contact="").replace(
        "（二）逾期申报无效。", "（二）联系人：王老师，电话：12345678。"
    )
    assert any("王老师" in clause.text for clause in walk(parse_text(text).clauses))


# ---------------------------------------------------------------- diff

_ITEMS_OLD = """青山市项目申报通知

一、支持方向

1、推动绿色低碳发展的；

2、参与国际标准制定的；

3、促进区域协同发展的。
"""

_ITEMS_NEW = """青山市项目申报通知

一、支持方向
1.推动绿色低碳发展，包括新能源车船在港口、物流等领域的示范应用，以及培育绿色服务新模式等。
2.参与国际标准制定，包括参与行业规则、合同范本等的起草与推广应用。
3.促进区域协同发展的。
"""


def test_a_short_item_rewritten_longer_in_its_place_is_modified():
    """Item 1 keeps its number, place and old words and grows a clause: modified, not removed + added."""
    found = diff_documents(parse_text(_ITEMS_OLD), parse_text(_ITEMS_NEW), targets=False)
    types = sorted(change.type for change in found.changes)
    assert "removed" not in types and "added" not in types
    assert types.count("modified") == 2


def test_an_item_on_another_topic_in_the_same_place_is_removed_and_added():
    """Same number and place but few of the old words: a new item replaced the old one."""
    new = _ITEMS_NEW.replace("1.推动绿色低碳发展", "1.培养航运专业人才队伍，扩大高端人才供给")
    types = sorted(
        change.type
        for change in diff_documents(parse_text(_ITEMS_OLD), parse_text(new), targets=False).changes
    )
    assert "removed" in types and "added" in types


def test_a_heading_cut_short_in_its_place_is_modified():
    """（一）优先支持以下方向： → （一）优先支持方向: one heading reworded, its items kept."""
    old = "青山市通知\n\n一、项目要求\n\n（一）优先支持以下方向：\n\n1.绿色低碳发展。\n\n2.区域协同发展。\n"
    new = old.replace("优先支持以下方向：", "优先支持方向")
    changes = diff_documents(parse_text(old), parse_text(new), targets=False).changes
    assert [change.type for change in changes] == ["modified"]


# ---------------------------------------------------------------- search


def test_a_hit_in_a_table_shows_its_row(tmp_path):
    from policykit.search import search

    rows = "\n\n".join(
        f"{n}\n\n{name}\n\n{unit}\n\n预期性\n\n{value}"
        for n, name, unit, value in [
            (1, "口袋公园数量", "座", 10),
            (2, "海绵城市面积比", "%", 80),
            (3, "绿道长度", "公里", 5),
        ]
    )
    text = f"青山区更新规划\n\n一、总体目标\n\n主要指标一览表\n\n序号\n\n指标\n\n单位\n\n属性\n\n目标\n\n{rows}\n"
    plan = write(tmp_path, "plan.txt", text)
    found = search("海绵城市", [str(plan)], use_index=False)
    assert found.matches and "口袋公园" not in found.matches[0].text
