"""Classes of error found by reading, blind, real documents of shapes nobody had tuned for: a provincial engineering
standard as OCR markdown (1 / 1.0.1 / 4.1.1 numbering, 术语 entries, bare "1 …；" list items), two editions of a
subsidy 办法 whose articles carry their titles in brackets (第一条（目的和依据）), two editions of a 地方性法规 (a
修正), a 通知 listing 附件, a 印发通知 with its 印发 line, a CMS page of a 发布通知 (label/value table, page chrome),
a 批转通知 wrapping an 实施意见, and a 问答课堂 page. Each test is the smallest invented reproduction of one class;
none copies the real text.

Blind scores before any fix (hand-scored against expectations written from the text first, /tmp/blind14):
10 documents; metadata 44/50 fields; headings 121/122 with 3 false and 8 misparented; article titles in brackets
0/26; diff: pair A 6/6 changes with 1 false, pair B 14/14 article changes with 1 false move.

After the fixes here: metadata 50/50; headings 122/122, none false or misparented; bracketed titles 26/26; diff
pair A 6/6 and pair B 14/14, none false. Left as a strict xfail: a 大于等于 floor inside a noun phrase (targets/).
"""

from __future__ import annotations

import pytest

from policykit.diff import diff_documents
from policykit.model import Clause, Document
from policykit.pipeline import parse_text
from tests.findings import figures


def outline(document: Document) -> list[tuple[int, str, str]]:
    """(depth, number, heading) of every numbered clause, in document order."""
    rows: list[tuple[int, str, str]] = []

    def visit(clauses: tuple[Clause, ...], depth: int) -> None:
        for clause in clauses:
            if clause.number:
                rows.append((depth, clause.number, clause.heading))
            visit(clause.children, depth + 1)

    visit(document.clauses, 0)
    return rows


def changes(old: str, new: str) -> list[tuple[str, str, str]]:
    """(type, old id, new id) of every clause-level change between two invented editions."""
    found = diff_documents(parse_text(old), parse_text(new), targets=False).changes
    return [
        (change.type, ",".join(c.id for c in change.old), ",".join(c.id for c in change.new))
        for change in found
    ]


# ---------------------------------------------------------------- structure: a standard's bare-number lists


_STANDARD = (
    "某设施养护技术规程\n\n"
    "1 总则\n\n"
    "1.0.1 为规范某设施的养护，制定本规程。\n\n"
    "2 术语\n\n"
    "2.0.1 检修口 access opening\n\n"
    "供人员进入设施内部检修的开口。\n\n"
    "3 基本规定\n\n"
    "3.0.1 养护对象应包括下列部分：\n\n"
    "1 土建部分包括围墙、井盖、通道等；\n"
    "2 机电部分包括水泵、风机、配电箱等；\n"
    "3 管线部分包括给水管、排水管等；\n"
    "4 监控部分包括探头、录像机等；\n"
    "5 标识部分包括铭牌、警示牌等。\n\n"
    "3.0.2 养护应每季度不少于一次。\n\n"
    "4 土建养护\n\n"
    "4.1 日常养护\n\n"
    "4.1.1 井盖应保持完好。\n"
)


def test_a_standard_s_bare_number_list_stays_inside_its_clause():
    rows = outline(parse_text(_STANDARD))
    top = [(number, heading) for depth, number, heading in rows if depth == 0]
    assert top == [("1", "总则"), ("2", "术语"), ("3", "基本规定"), ("4", "土建养护")]
    assert (1, "3.0.2", "养护应每季度不少于一次") in rows
    assert (1, "4.1", "日常养护") in rows


def test_a_short_list_under_a_deep_clause_before_the_next_chapter():
    text = (
        "某规程\n\n1 总则\n\n1.0.1 为规范养护，制定本规程。\n\n2 养护\n\n2.1 日常养护\n\n"
        "2.1.1 井盖养护应符合下列规定：\n\n1 应保持完好；\n2 应无松动；\n3 应无破损。\n\n"
        "3 检查\n\n3.0.1 检查每年不少于一次。\n"
    )
    rows = outline(parse_text(text))
    assert [number for depth, number, _ in rows if depth == 0] == ["1", "2", "3"]
    assert [number for depth, number, _ in rows if depth == 3] == ["1", "2", "3"]


def test_a_standard_s_chapters_without_deep_clauses_stay_chapters():
    # No N.N clause is open: the chapters are kept whatever their wording.
    text = "某导则\n\n1 范围\n\n本导则适用于某类设施。\n\n2 规范性引用文件\n\n下列文件适用于本导则。\n\n3 术语和定义\n"
    rows = outline(parse_text(text))
    assert [(number, heading) for depth, number, heading in rows if depth == 0] == [
        ("1", "范围"),
        ("2", "规范性引用文件"),
        ("3", "术语和定义"),
    ]


# ---------------------------------------------------------------- structure: article titles in brackets


_BRACKETED = (
    "某市专项资金管理办法\n\n"
    "第一条（目的和依据）\n\n"
    "为规范专项资金管理，制定本办法。\n\n"
    "第二条（资金来源）\n\n"
    "在市级财政专项资金中安排。\n\n"
    "第三条（支持范围）\n\n"
    "（一）示范项目\n\n"
    "（二）推广项目\n"
)


def test_an_article_s_bracketed_title_is_its_heading():
    rows = outline(parse_text(_BRACKETED))
    assert [(number, heading) for depth, number, heading in rows if depth == 0] == [
        ("第一条", "目的和依据"),
        ("第二条", "资金来源"),
        ("第三条", "支持范围"),
    ]


def test_a_bracketed_title_run_into_its_body_and_in_lenticular_brackets():
    text = "某规定\n\n第一条（适用范围）本规定适用于本市停车场。\n\n第二条【管理部门】市交通部门负责实施。\n"
    rows = outline(parse_text(text))
    assert [(number, heading) for _, number, heading in rows] == [
        ("第一条", "适用范围"),
        ("第二条", "管理部门"),
    ]


def test_an_article_opening_with_an_item_or_a_remark_in_brackets_has_no_title():
    text = (
        "某规定\n\n第一条 为了规范管理，制定本规定。\n\n"
        "第二条（一）本规定所称设施，是指公共停车设施。\n\n"
        "第三条（本条已删除，见修正决定。）\n"
    )
    rows = outline(parse_text(text))
    assert [heading for _, number, heading in rows if number.startswith("第")] == ["", "", ""]


# ---------------------------------------------------------------- metadata


_CMS_PAGE = (
    "关于发布《某区绿道建设导则》的通知\n\n"
    "索取号\nXY0001-2020-001\n发布机构\n某市交通委员会\n文件编号\n某交规〔2020〕12号\n公开类别\n主动公开\n"
    "某交规〔2020〕12号\n"
    "某市交通委员会\n"
    "关于发布《某区绿道建设导则》的通知\n"
    "各有关单位：\n"
    "为推进绿道建设，我委组织编制了《某区绿道建设导则》，现予以发布。\n"
    "特此通知。\n"
    "二○二○年五月六日\n"
    "相关附件\n"
    "《某区绿道建设导则》.pdf\n"
    "收藏\n打印本页\n关闭窗口\n"
)


def test_a_cms_label_block_names_the_issuer():
    assert parse_text(_CMS_PAGE).metadata.issuer == "某市交通委员会"


def test_an_issuer_label_with_its_value_on_the_same_line():
    text = "关于做好某项工作的通知\n\n发文机关：某省财政厅\n\n各市财政局：\n\n现将有关事项通知如下。\n"
    assert parse_text(text).metadata.issuer == "某省财政厅"


def test_an_issuer_label_over_a_line_that_names_no_organ_gives_none():
    text = "关于做好某项工作的通知\n\n发布机构\n\n某区绿道建设导则\n\n现将有关事项通知如下。\n"
    assert parse_text(text).metadata.issuer is None


def test_recipients_after_a_cms_block_are_read():
    assert parse_text(_CMS_PAGE).metadata.recipients == "各有关单位"


def test_recipients_right_after_the_title_are_still_read_first():
    text = (
        "关于做好某项工作的通知\n\n各区人民政府：\n\n现将有关事项通知如下。\n\n某市人民政府\n\n2024年3月1日\n"
    )
    assert parse_text(text).metadata.recipients == "各区人民政府"


def test_page_chrome_lines_are_not_body_text():
    document = parse_text(_CMS_PAGE)
    body = "".join(clause.text for clause in document.walk())
    assert "打印本页" not in body
    assert "关闭窗口" not in body


def test_a_bracketed_toolbar_at_the_end_is_page_chrome_too():
    text = "关于某事的通知\n\n各有关单位：\n\n现将有关事项通知如下。\n\n某市交通委员会\n\n2024年3月1日\n\n【打印】\n【关闭】\n"
    body = "".join(clause.text for clause in parse_text(text).walk())
    assert "打印" not in body and "关闭" not in body


def test_one_button_word_alone_at_the_end_stays_text():
    text = "关于某事的通知\n\n一、总体要求\n\n做好某项工作。\n\n二、其他\n\n下载\n"
    body = "".join(clause.text for clause in parse_text(text).walk())
    assert "下载" in body


def test_the_issuer_at_the_head_of_the_title_is_taken():
    text = (
        "某县人民政府关于批转县农业局《关于加强耕地保护的实施意见》的通知\n\n"
        "各乡镇人民政府，县政府各部门：\n\n"
        "县农业局《关于加强耕地保护的实施意见》已经县政府常务会议通过，现批转给你们，请遵照执行。\n\n"
        "一、总体要求\n\n坚持最严格的耕地保护制度。\n"
    )
    assert parse_text(text).metadata.issuer == "某县人民政府"


def test_joint_issuers_at_the_head_of_the_title():
    text = (
        "某省财政厅 某省税务局关于延续某项优惠政策的通知\n\n各市财政局、税务局：\n\n现将有关事项通知如下。\n"
    )
    assert parse_text(text).metadata.issuer == "某省财政厅、某省税务局"


@pytest.mark.parametrize(
    ("text", "issuer"),
    [
        ("某某同志关于做好某项工作的讲话\n\n同志们：\n\n今天我们召开会议。\n", None),
        (
            "某县人民政府关于某事的通知\n\n各乡镇：\n\n现通知如下。\n\n某县人民政府办公室\n\n2024年3月1日\n",
            "某县人民政府办公室",
        ),
    ],
)
def test_a_title_s_head_is_no_issuer_when_no_organ_or_a_signature_says_otherwise(text, issuer):
    assert parse_text(text).metadata.issuer == issuer


def test_a_dated_source_byline_gives_the_date():
    text = (
        "如何办理某项补贴申领\n\n"
        "2024-03-08　来源：某市民政局\n\n"
        "　　一、哪些人可以申领？\n"
        "　　本市户籍的困难老人可以申领。\n"
    )
    assert parse_text(text).metadata.date == "2024-03-08"


def test_a_slashed_byline_date_and_a_bare_one():
    for byline in ("2024/3/8　来源：某市民政局", "2024-03-08"):
        text = f"如何办理某项补贴申领\n\n{byline}\n\n一、哪些人可以申领？\n\n本市户籍的困难老人可以申领。\n"
        assert parse_text(text).metadata.date == "2024-03-08"


def test_an_iso_date_in_a_sentence_or_under_the_body_is_no_byline():
    text = (
        "如何办理某项补贴申领\n\n2024-03-08 上午九时起开始受理\n\n一、哪些人可以申领？\n\n"
        "本市户籍的困难老人可以申领。\n\n二、何时申领？\n\n2024-04-01\n"
    )
    assert parse_text(text).metadata.date is None


def test_a_standard_number_is_the_doc_number():
    text = (
        "某设施养护技术规程\n\n"
        "某省住房和城乡建设厅公告\n\n"
        "现批准《某设施养护技术规程》为某省工程建设标准，编号为DB99/T1234-2022，自2023年1月1日起施行。\n\n"
        "某省住房和城乡建设厅\n\n2022年10月9日\n\n"
        "1 总则\n\n1.0.1 为规范某设施的养护，制定本规程。\n"
    )
    assert parse_text(text).metadata.doc_number == "DB99/T1234-2022"


def test_a_national_standard_s_cover_number():
    text = "中华人民共和国国家标准\n\nGB/T 99999—2031\n\n代替 GB/T 99999—2020\n\n某某元数据\n\n1 范围\n\n本标准规定了某某元数据。\n"
    assert parse_text(text).metadata.doc_number == "GB/T 99999—2031"


def test_a_standard_cited_in_the_body_is_not_the_doc_number():
    text = (
        "某市关于推进某项工作的实施意见\n\n各区人民政府：\n\n一、总体要求\n\n"
        "编号为DB99/T1234-2022的地方标准应当严格执行。\n\nGB/T 99999—2031 某某元数据\n"
    )
    assert parse_text(text).metadata.doc_number is None


# ---------------------------------------------------------------- diff


_RULES_OLD = (
    "某市停车管理规定\n\n"
    "第一条 为了规范停车管理,保障道路通行，制定本规定。\n\n"
    "第二条 本规定适用于本市行政区域内的停车管理。\n"
)


def test_punctuation_width_alone_is_no_change():
    new = _RULES_OLD.replace("停车管理,保障", "停车管理，保障")
    assert changes(_RULES_OLD, new) == []


def test_brackets_and_colons_in_either_width_are_no_change():
    new = _RULES_OLD.replace("第二条 本规定适用于", "第二条 (总则):本规定适用于")
    old = _RULES_OLD.replace("第二条 本规定适用于", "第二条 （总则）：本规定适用于")
    assert changes(old, new) == []


def test_a_word_changed_beside_a_width_change_is_still_modified():
    new = _RULES_OLD.replace("停车管理,保障道路通行", "停车管理，保障交通安全")
    assert changes(_RULES_OLD, new) == [("modified", "a1", "a1")]


def test_a_short_item_is_not_moved_onto_an_unrelated_sentence():
    old = (
        "某办法\n\n第一条（目的）\n\n为规范管理，制定本办法。\n\n第二条（年限）\n\n本办法适用于三年内的项目。\n\n"
        "第三条（支持范围）\n\n（一）风电\n\n（二）光伏\n\n1.光伏电站项目\n\n2.分布式光伏项目\n\n"
        "第四条（支持方式）\n\n（一）对企业投资的风电项目，按上网电量给予奖励。\n\n（二）鼓励各区出台配套政策。\n"
    )
    new = (
        "某办法\n\n第一条（目的）\n\n为规范管理，制定本办法。\n\n"
        "第二条（支持范围）\n\n（一）风电\n\n（二）常规光伏项目\n\n1.光伏电站项目。全额上网的项目。\n\n"
        "2.分布式光伏项目。自发自用的项目。\n\n"
        "第三条（支持方式）\n\n（一）对企业投资的风电项目，按装机容量给予投资奖励。\n\n"
        "（二）对企业投资的常规光伏项目，根据实际产生的发电量给予度电奖励，奖励期满五年结束。\n\n"
        "（三）鼓励各区出台配套政策。\n"
    )
    found = diff_documents(parse_text(old), parse_text(new), targets=False).changes
    assert [(c.type, round(c.similarity, 2)) for c in found if c.type == "moved" and c.similarity < 0.2] == []


def test_a_short_item_extended_in_place_is_still_one_modified_item():
    old = "某办法\n\n第一条（支持范围）\n\n（一）风电\n\n（二）光伏\n\n第二条（附则）\n\n本办法自发布之日起施行。\n"
    new = old.replace("（二）光伏", "（二）分布式光伏项目")
    assert changes(old, new) == [("modified", "a1.2", "a1.2")]


# ---------------------------------------------------------------- targets (blind13's area: recorded only)


def test_a_distance_floor_written_greater_or_equal_keeps_its_comparator():
    text = (
        "某奖励办法\n\n第四条（支持方式）\n\n"
        "（一）对企业投资的甲类项目和站点离岸距离大于等于30公里乙类项目，根据项目规模给予奖励。\n"
    )
    floors = [f for f in figures(text, year=2026) if f.unit == "公里"]
    assert [(f.comparator, "离岸距离" in f.indicator) for f in floors] == [(">=", True)]


def test_comparators_written_with_deng_yu_bound_their_figures():
    text = "某办法\n\n第三条\n\n单体面积小于或等于500平方米的仓库，服务半径大于等于3公里的站点，应当备案。\n"
    found = [(f.indicator, f.comparator, f.value) for f in figures(text, year=2026) if f.value in (500, 3)]
    assert found == [("单体面积", "<=", 500), ("服务半径", ">=", 3)]


def test_a_bare_greater_than_stays_strict():
    found = [(f.indicator, f.comparator) for f in figures("单体面积大于500平方米的仓库。", year=2026)]
    assert found == [("单体面积", ">")]


def test_a_page_s_download_list_names_the_attachments():
    assert parse_text(_CMS_PAGE).metadata.attachments == ("《某区绿道建设导则》",)
    text = "关于某事的通知\n\n各有关单位：\n\n现通知如下。\n\n某委员会\n\n2024年3月1日\n\n附件下载：\n某申报表.docx\n某细则.pdf\n"
    assert parse_text(text).metadata.attachments == ("某申报表", "某细则")


def test_a_download_label_without_files_under_it_is_text():
    text = "关于某事的通知\n\n一、填报要求\n\n相关附件\n\n请各单位按附件格式填报。\n"
    document = parse_text(text)
    assert document.metadata.attachments == ()
    assert "相关附件" in "".join(clause.text for clause in document.walk())


# ---------------------------------------------------------------- structure: a standard's term entries


_TERMS = (
    "某规程\n\n1 总则\n\n1.0.1 为规范养护，制定本规程。\n\n2 术语\n\n"
    "2.0.1 早期检修口 existing early access opening for maintenance works 建于1980年及以前的检修口。\n\n"
    "2.0.2 某设施维护管理 the maintenance and management of some facility works\n\n确保设施可用。\n\n"
    "3 基本规定\n\n"
    "3.0.1 养护单位应当按照 GB 50000 的规定开展设施的日常检查、定期检测和专项维护工作并如实记录检查检测结果和处理情况并按季度报送主管部门备案。\n"
)


def test_a_term_entry_with_a_long_english_name_is_headed_by_its_term():
    headings = {number: heading for _, number, heading in outline(parse_text(_TERMS))}
    assert (headings["2.0.1"], headings["2.0.2"]) == ("早期检修口", "某设施维护管理")


def test_a_long_clause_outside_the_terms_chapter_gets_no_term_heading():
    headings = {number: heading for _, number, heading in outline(parse_text(_TERMS))}
    assert headings["3.0.1"] == ""
