"""Saved pages of the government CMS families people save from (tests/cms_pages.py) read to the clause tree
of the corpus .txt they carry, with no site chrome in a clause: the whole document, and its opening as the
short notice most pages carry. Then one regression test per class of page the reader got wrong."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from policykit.cli import app
from policykit.formats.html import read_html
from policykit.zh.chars import squash
from tests.cms_pages import FAMILIES, check, cms_page, excerpt, problems
from tests.conftest import corpus_matrix


def lines_of(page: str) -> list[str]:
    return [line.text for line in read_html(page.encode(), path="page.html", name="page").lines if line.text]


@pytest.mark.parametrize(("path", "family"), corpus_matrix(FAMILIES, 3))
def test_a_cms_page_reads_as_its_txt(path, family):
    assert problems(family, path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(("path", "family"), corpus_matrix(FAMILIES, 1))
@pytest.mark.parametrize("chars", [150, 400])
def test_a_short_notice_on_a_cms_page_reads_as_its_txt(path, family, chars):
    # beside a short body, columns, info lines and the title weigh as much as the article
    assert problems(family, excerpt(path.read_text(encoding="utf-8"), chars)) == []


def test_the_check_sees_chrome_in_a_clause_and_a_lost_container(corpus_dir):
    text = excerpt(
        (corpus_dir / "shanghai-urban-renewal-regulation-2021.txt").read_text(encoding="utf-8"), 400
    )
    page = cms_page("split_body", text)
    assert check(page) == []
    # a related title typed into the body container reaches a clause, and the check says so
    typed = page.data.replace(
        b'</div>\n<div class="fjzw"', '<p>某市召开全市防汛工作视频会议</p></div>\n<div class="fjzw"'.encode()
    )
    leaky = replace(page, data=typed, chrome=("某市召开全市防汛工作视频会议",))
    assert check(leaky) == ["outline", "chrome: 某市召开全市防汛工作视频会议"]
    # the second container gone, as the reader once lost it: the tree is short of its text
    start, end = page.data.index(b'<div class="fjzw"'), page.data.index(b'<div class="page-nav"')
    assert check(replace(page, data=page.data[:start] + page.data[end:]))[0] in ("outline", "texts")


# ---------------------------------------------------------------- the title outside the body


def test_a_title_shown_in_a_div_over_the_body_opens_the_document():
    page = (
        "<html><head><title>某市关于推进城市更新的实施意见</title></head><body><div class='nav'><a>首页</a></div>"
        "<div class='title'>某市关于推进城市更新的实施意见</div><div class='info'>发布日期：2024-06-12　来源：办公室</div>"
        "<div class='content'><p>各区人民政府：</p><p>为推进城市更新，现提出如下意见。</p><p>一、总体要求</p>"
        "<p>到2027年，完成改造任务。</p></div></body></html>"
    )
    assert lines_of(page)[:2] == ["某市关于推进城市更新的实施意见", "各区人民政府："]


def test_a_title_only_in_the_metadata_table_opens_the_document():
    # www.gov.cn/zhengce/content/: the 标题 row is the only place the page shows the title
    page = (
        "<html><body><table><tr><td><b>索引号：</b></td><td>000014349/2025-00045</td><td><b>发文机关：</b></td>"
        "<td>国务院</td></tr><tr><td><b>标　　题：</b></td><td>国务院关于推进某项工作的意见</td></tr>"
        "<tr><td><b>发文字号：</b></td><td>国发〔2025〕11号</td><td><b>发布日期：</b></td><td>2025年08月26日</td></tr>"
        "</table><div id='UCAP-CONTENT'><p>国发〔2025〕11号</p><p>各省、自治区、直辖市人民政府：</p>"
        "<p>为推进某项工作，现提出如下意见。</p></div></body></html>"
    )
    assert lines_of(page)[:2] == ["国务院关于推进某项工作的意见", "国发〔2025〕11号"]


def test_a_title_the_body_gives_over_two_lines_is_not_repeated():
    page = (
        "<html><body><h1>国务院关于印发“十四五”数字经济发展规划的通知</h1><div class='content'>"
        "<p>国务院关于印发</p><p>“十四五”数字经济发展规划的通知</p><p>国发〔2021〕29号</p>"
        "<p>现将《“十四五”数字经济发展规划》印发给你们，请认真贯彻执行。</p></div></body></html>"
    )
    assert lines_of(page)[:2] == ["国务院关于印发", "“十四五”数字经济发展规划的通知"]


def test_a_site_name_in_the_header_is_no_title_over_the_body():
    # <title> gives only the site's name, which its header and menu show too: no line opens the text with it
    page = (
        "<html><head><title>某某县人民政府门户网站</title></head><body><div class='top'><div class='logo'>"
        "某某县人民政府门户网站</div><ul><li><a href='/'>某某县人民政府门户网站</a></li><li><a>政务公开</a></li>"
        "<li><a>办事服务</a></li></ul></div><div class='main'><div class='left'><div class='box'><div class='con'>"
        f"<div class='zw'>{_BODY}</div></div></div></div></div></body></html>"
    )
    assert lines_of(page)[0].startswith("（一）")


def test_a_title_row_without_its_quotes_is_not_repeated_over_a_body_that_has_them():
    page = (
        "<html><body><table><tr><td>标题：</td><td>关于印发某市城市更新办法的通知</td><td>发文字号：</td>"
        "<td>某府规〔2023〕5号</td></tr></table><div class='zw'><p>关于印发《某市城市更新办法》的通知</p>"
        "<p>各区人民政府：</p><p>现将《某市城市更新办法》印发给你们，请认真执行。</p></div></body></html>"
    )
    assert lines_of(page)[:2] == ["关于印发《某市城市更新办法》的通知", "各区人民政府："]


# ---------------------------------------------------------------- the body in more than one container

_BODY = "".join(f"<p>（{n}）加强第{n}项工作，完善机制，压实责任，确保落实。</p>" for n in "一二三四五六")


def test_the_body_and_the_attached_text_in_sibling_containers_are_both_read():
    page = (
        f"<html><body><div class='article'><h1>某某实施方案</h1><div class='zhengwen'>{_BODY}</div>"
        "<div class='fjzw'><p>附件</p><p>某某工作清单</p><p>一、压实责任。各区要落实属地责任，抓好组织实施。</p></div>"
        "<div class='page-nav'><a>上一页</a> <a>1</a> <a>2</a> <a>下一页</a></div></div></body></html>"
    )
    lines = lines_of(page)
    assert lines[-3:] == ["附件", "某某工作清单", "一、压实责任。各区要落实属地责任，抓好组织实施。"]
    assert "下一页" not in "".join(lines)


def test_containers_in_wrappers_of_their_own_are_both_read():
    page = (
        f"<html><body><div class='view'><div class='zw'><div class='TRS_Editor'>{_BODY}</div></div>"
        "<div class='fj'><div class='TRS_Editor'><p>特此通知。</p></div></div></div></body></html>"
    )
    assert lines_of(page)[-1] == "特此通知。"


def test_a_side_column_of_teasers_is_not_read_with_a_short_notice():
    items = "".join(
        f"<div class='item'><a href='/a{k}.html'>某市召开第{k}次常务会议</a><p class='summary'>会议强调，要坚持问题导向，"
        "压实工作责任，确保各项措施落地见效，切实增强群众获得感。</p></div>"
        for k in range(8)
    )
    page = (
        "<html><body><div class='wrap'><div class='left'><h1>关于开展安全检查的通知</h1><div class='con'>"
        "<p>各有关单位：</p><p>为做好安全生产工作，定于下周开展检查，请做好准备。</p><p>特此通知。</p></div></div>"
        f"<div class='right'><h3>要闻动态</h3>{items}</div></div></body></html>"
    )
    lines = lines_of(page)
    assert lines[-1] == "特此通知。"
    assert "会议强调" not in "".join(lines)


def test_a_body_of_one_column_table_rows_is_read_whole_with_a_short_notice():
    # each row held one paragraph, so the longest row won and the short ones (各位代表：) were lost
    rows = "".join(
        f"<tr><td>{line}</td></tr>"
        for line in (
            "国务院总理",
            "李克强",
            "各位代表：",
            "现在，我代表国务院，向大会报告政府工作，请予审议。",
            "一、工作回顾",
        )
    )
    menu = "".join(f"<p><a href='/l{k}.asp'>栏目{k}</a></p>" for k in range(8))
    page = f"<html><body><table><tr><td>{menu}</td><td><table>{rows}</table></td></tr></table></body></html>"
    assert lines_of(page) == [
        "国务院总理",
        "李克强",
        "各位代表：",
        "现在，我代表国务院，向大会报告政府工作，请予审议。",
        "一、工作回顾",
    ]


def test_a_copy_of_the_article_for_phones_is_read_once():
    page = (
        f"<html><body><div class='article'><h1>某某实施方案</h1><div class='pc-only'>{_BODY}</div>"
        f"<div class='m-only'>{_BODY}</div></div></body></html>"
    )
    lines = lines_of(page)
    assert lines.count("（一）加强第一项工作，完善机制，压实责任，确保落实。") == 1
    assert lines[-1] == "（六）加强第六项工作，完善机制，压实责任，确保落实。"


# ---------------------------------------------------------------- details, related lists, downloads


def test_a_labelled_info_line_does_not_turn_a_short_article_into_a_metadata_block():
    # <div>发布时间：<span>…</span></div> read as two labels made the column a "metadata block" and dropped it
    page = (
        "<html><body><div class='right'><h3>关于开展安全检查的通知</h3><div class='zw-info'><span>发布时间："
        "2024-04-18</span><span>浏览次数：2716</span></div><div class='zw'><p>各有关单位：</p>"
        "<p>为做好安全生产工作，定于下周开展检查，请做好准备。</p></div></div></body></html>"
    )
    assert lines_of(page)[-1] == "为做好安全生产工作，定于下周开展检查，请做好准备。"


def test_a_related_list_with_dates_goes_and_one_of_sentences_stays():
    related = "".join(
        f"<li><a href='/a{k}.html'>关于做好第{k}批试点工作的通知</a><span>2024-0{k}-10</span></li>"
        for k in range(1, 6)
    )
    page = f"<html><body><div class='zw'>{_BODY}<ul>{related}</ul></div></body></html>"
    assert "试点工作" not in "".join(lines_of(page))
    sentences = "".join(
        f"<li>完善第{k}项制度，<a href='/law{k}.html'>有关规定</a>见附件。</li>" for k in range(1, 6)
    )
    kept = f"<html><body><div class='zw'>{_BODY}<ul>{sentences}</ul></div></body></html>"
    assert "完善第5项制度，有关规定见附件。" in lines_of(kept)


def test_a_download_list_and_its_label_go_and_an_attachment_line_of_the_text_stays():
    page = (
        f"<html><body><div class='zw'>{_BODY}<p>附件：</p><ul><li><a href='/P1.pdf'>1.实施细则.pdf</a></li>"
        "<li><a href='/P2.docx'>2.申报表.docx</a></li></ul><p>相关附件：<a href='/P3.ofd'>正式文本.ofd</a></p></div></body></html>"
    )
    lines = lines_of(page)
    assert lines[-1].startswith("（六）") and "附件" not in "".join(lines)
    text = f"<html><body><div class='zw'>{_BODY}<p>附件：<a href='/P1.pdf'>某某实施细则</a></p></div></body></html>"
    assert lines_of(text)[-1] == "附件：某某实施细则"


def test_a_breadcrumb_with_double_marks_is_chrome():
    page = f"<html><body><table><tr><td>当前位置：<a>首页</a> &gt;&gt; <a>政策法规</a></td></tr><tr><td>{_BODY}</td></tr></table></body></html>"
    assert "政策法规" not in "".join(lines_of(page))


def test_a_lone_editor_credit_inside_the_container_is_chrome_and_a_source_line_is_not():
    page = (
        f"<html><body><div id='zoom'>{_BODY}<p>来源：国家统计局</p><p style='text-align:right'>（责任编辑：李明）</p>"
        "<p>点击数：356</p><p>技术支持：某某信息技术有限公司</p></div></body></html>"
    )
    assert lines_of(page)[-1] == "来源：国家统计局"


PAGE_LINES = {
    "字号：默认 大 超大 | 打印": "chrome",
    "文章来源：本站 | 作者：admin | 时间：2024-06-12 | 阅读：123次": "chrome",
    "日期：2024-06-12 来源：市政府办公厅": "chrome",
    "2024-06-12 来源：本网": "chrome",
    "发布者：管理员 发布时间：2024-06-12": "chrome",
    "[打印本页] [关闭窗口] [返回首页]": "chrome",
    "浏览：1234次": "chrome",
    "（责任编辑：李明）": "chrome",
    "您是第 123456 位访问者": "footer",
    "网站声明 | 隐私声明 | 网站地图": "footer",
    "技术支持：某某信息技术有限公司": "footer",
    "热门文章": "related",
    # text: a source under a table, a dateline of the corpus, a period, a sentence with a date
    "来源：国家统计局": None,
    "时间：2026-02-03": None,
    "2023年1月1日—2025年12月31日": None,
    "2025年1月20日在山东省第十四届人民代表大会第三次会议上": None,
    "到2025年，全市完成改造。": None,
    "附件：某某实施细则": None,
}


@pytest.mark.parametrize(("line", "kind"), PAGE_LINES.items())
def test_page_lines_are_told_from_text(line, kind):
    from policykit.formats.html.blocks import page_furniture

    assert page_furniture(line) == kind


# ---------------------------------------------------------------- saved as one file (.mhtml)


@pytest.mark.parametrize(
    ("path", "family"), corpus_matrix(["govcn", "trs", "chrome_inside", "split_body"], 1)
)
def test_a_cms_page_saved_by_chrome_as_mhtml_reads_as_its_txt(path, family):
    from policykit.formats.mhtml import read_mhtml
    from policykit.pipeline import document_from_source, parse_text
    from tests.cms_pages import tree
    from tests.test_formats_mhtml import blink_mhtml

    page = cms_page(family, excerpt(path.read_text(encoding="utf-8"), 1500))
    saved = blink_mhtml(page.data.decode("utf-8"))
    source = read_mhtml(saved, path="page.mhtml", name="page")
    assert tree(document_from_source(source)) == tree(parse_text(page.expected))


# ---------------------------------------------------------------- the CLI on each family


def _clauses(records: list[dict]) -> list[tuple]:
    out = []
    for record in records:
        targets = [(t["indicator"], t["value"], t["unit"], t["year"]) for t in record.get("targets", [])]
        out.append((record["id"], record["heading"], squash(record["text"]), targets))
        out.extend(_clauses(record.get("children", [])))
    return out


def _targets(output: str) -> list[tuple]:
    rows = [json.loads(line) for line in output.splitlines() if line.strip()]
    return [(r["clause"], r["indicator"], r["value"], r["unit"], r["comparator"], r["kind"]) for r in rows]


@pytest.mark.parametrize(("path", "family"), corpus_matrix(FAMILIES, 1))
def test_parse_and_extract_give_the_txt_targets(runner, tmp_path, path, family):
    page = cms_page(family, path.read_text(encoding="utf-8"))
    text = tmp_path / f"{path.stem}.txt"  # the .txt itself, or with the rows of the table the page adds
    text.write_text(page.expected, encoding="utf-8")
    saved = tmp_path / f"{path.stem}{page.suffix}"
    saved.write_bytes(page.data)
    parsed = [runner.invoke(app, ["parse", str(p), "--format", "json"]) for p in (text, saved)]
    assert [r.exit_code for r in parsed] == [0, 0]
    assert _clauses(json.loads(parsed[1].output)["clauses"]) == _clauses(
        json.loads(parsed[0].output)["clauses"]
    )
    extracted = [runner.invoke(app, ["extract", str(p), "--format", "jsonl"]) for p in (text, saved)]
    assert [r.exit_code for r in extracted] == [0, 0]
    assert _targets(extracted[1].output) == _targets(extracted[0].output)
