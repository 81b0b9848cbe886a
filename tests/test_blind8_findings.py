"""Classes of error found by reading real documents and pages nobody tuned for (gov.cn pages of 2018,
gz.gov.cn pages of 2021–2025), each as the smallest invented reproduction.

Each test failed on the code before its class was fixed: first in the HTML reader, then in
structure (titles, 版记, attached documents) and targets (false targets in notices, letters and 办法).
"""

from __future__ import annotations

from policykit.formats.html import read_html
from policykit.pipeline import document_from_source, parse_text
from policykit.targets import extract_targets


def page_lines(page: str) -> list[str]:
    return [
        line.text for line in read_html(page.encode(), path="p.html", name="p").lines if line.text.strip()
    ]


def page_document(page: str):
    return document_from_source(read_html(page.encode(), path="p.html", name="p"))


def figures(text: str):
    return extract_targets(parse_text(text), include_all=True)


# A 基本信息 box built as <ul><li><span>label：</span>value</li> (not a table), whose labels are mostly
# ones no Metadata field takes (统一编号, 实施日期, 失效日期, 文件状态 with its script): it leaked into the
# body, its first row became the title and the 主送 line after it was no longer seen.
_LIST_BOX = """<html><head><title>某县人民政府办公室关于规范公园绿地养护管理的通知 - 某县人民政府门户网站</title></head>
<body><div class="main">
<div class="box"><ul>
<li><span>统一编号：</span> QX0120990003 </li>
<li><span>文　　号：</span> 某府办规〔2099〕3号 </li>
<li><span>实施日期：</span> 2099年03月01日 </li>
<li><span>失效日期：</span> 2104年02月28日 </li>
<li><span>发布机关：</span> 某县人民政府办公室 </li>
<li><span>文件状态：</span><script>var s = '有效';</script></li>
</ul></div>
<h1>某县人民政府办公室关于规范公园绿地养护管理的通知</h1>
<div class="content">
<p>各乡镇人民政府，县政府各部门：</p>
<p>为提升公园绿地养护水平，经县人民政府同意，现就有关事项通知如下：</p>
<p><strong>一、养护范围</strong></p>
<p>全县建成区内的公园、游园和道路绿地纳入统一养护，养护单位每月巡查不少于4次。</p>
<p><strong>二、经费保障</strong></p>
<p>养护经费由县财政统筹安排，专款专用，不得挪作他用。</p>
<p style="text-align: right">某县人民政府办公室</p>
<p style="text-align: right">2099年2月20日</p>
</div></div></body></html>"""


def test_a_list_built_metadata_box_is_metadata_not_text():
    lines = page_lines(_LIST_BOX)
    assert not any(label in line for line in lines for label in ("统一编号", "失效日期", "文件状态", "QX01"))
    document = page_document(_LIST_BOX)
    assert document.metadata.title == "某县人民政府办公室关于规范公园绿地养护管理的通知"
    assert document.metadata.doc_number == "某府办规〔2099〕3号"
    assert document.metadata.recipients == "各乡镇人民政府，县政府各部门"
    assert [c.heading for c in document.clauses if c.kind == "section"] == ["养护范围", "经费保障"]


def test_a_list_of_labelled_prose_stays_text():
    # the box is dropped because it holds labels and no sentence; a list of 有效期 notes in prose stays
    page = (
        "<html><body><div class='content'><p>关于做好证照续期工作的通知</p><ul>"
        "<li>有效期：营业执照有效期届满前30日内应当申请续期，逾期未申请的，依法注销登记。</li>"
        "<li>实施日期：本通知自印发之日起施行，原有规定与本通知不一致的，以本通知为准。</li>"
        "</ul></div></body></html>"
    )
    assert any("届满前30日内" in line for line in page_lines(page))
    assert any("自印发之日起施行" in line for line in page_lines(page))


# A notice that prints two rules after its 落款, each opened by a centred title only (no 附件 label), the
# second restarting at 一、 after the first ended at 三、: the second rules' chapters and items were
# flattened into paragraphs of the first rules' last chapter.
_TWO_RULES = """某省人民政府办公厅关于印发两个办法的通知
各市人民政府，省政府各部门：
《甲办法》和《乙办法》已经省人民政府同意，现印发给你们，请认真贯彻执行。
某省人民政府办公厅
2099年5月6日

甲办法
为规范甲事项，制定本办法。
一、关于适用范围
（一）本办法适用于全省甲事项的管理。
二、关于职责分工
（二）省直有关部门按照职责分工负责甲事项的监督。
三、关于实施
（三）本办法自印发之日起施行。

乙办法
为规范乙事项，制定本办法。
一、关于资金
（一）省财政安排专项资金支持乙事项。
（二）资金使用情况每年公开一次。
二、关于监督
（三）审计部门依法开展审计监督。
"""


def test_a_second_unlabelled_rules_restart_their_chapters():
    document = parse_text(_TWO_RULES)

    def sections(clauses):
        for c in clauses:
            if c.kind == "section" and c.number.endswith("、"):
                yield c.heading
            yield from sections(c.children)

    assert list(sections(document.clauses)).count("关于资金") == 1
    assert "关于监督" in list(sections(document.clauses))


def test_a_floor_before_its_base_keeps_its_comparator():
    found = [
        t
        for t in figures("一、补助标准\n养老机构每月按照不低于入住老人护理补贴30%的标准发放零用钱。\n")
        if t.unit == "%"
    ]
    assert len(found) == 1
    assert found[0].comparator == ">="  # the model's sign; the renderer prints ≥
    assert not found[0].indicator.startswith("低于")


def test_a_multiple_of_another_standard_names_its_indicator():
    found = [
        t
        for t in figures("一、救助标准\n孤儿基本生活费标准按本市最低工资标准的1.2倍确定。\n")
        if t.value == 1.2
    ]
    assert len(found) == 1
    assert "基本生活费" in found[0].indicator


def test_a_per_head_monthly_standard_names_its_indicator():
    """Fixed by targets8's per-head base rule (提高到每人每月800元): the subject before 为 names it."""
    found = [t for t in figures("一、救助标准\n（一）全县农村低保标准为每人每月900元。\n") if t.value == 900]
    assert len(found) == 1
    assert "低保标准" in found[0].indicator


# A page whose <title> is only its column's name (通知公告 - 某市人民政府门户网站) and that has no ArticleTitle:
# the <h1> over the article was dropped, so the title of a document the first paragraph cites in 《》
# became the page's title, and that document's 文号 its doc number.
_COLUMN_TITLE = """<html><head><title>通知公告 - 某市人民政府门户网站</title></head><body>
<div class="list-main"><div class="dqwz">当前位置：<a href="/">首页</a> &gt; <a href="/tzgg/">通知公告</a></div>
<h1 class="content_title">某市医疗保障局关于开展2099年度居民医保参保登记工作的通告</h1>
<div class="content_attr"><ul><li><span>2098-10-09 09:00</span></li><li>来源：某市医疗保障局</li></ul></div>
<div class="content_article" id="zoomcon">
<p>　　根据《某省人民政府关于完善居民医保制度的意见》（某府〔2097〕12号）等规定，现将有关事项通告如下：</p>
<p>　　<strong>一、登记对象</strong></p>
<p>　　本市户籍且未参加职工医保的居民，均可办理参保登记。</p>
<p>　　<strong>二、缴费标准</strong></p>
<p>　　个人缴费标准为每人500元，财政补助标准为每人800元。</p>
</div></div></body></html>"""


def test_the_h1_names_a_page_whose_title_is_its_column():
    document = page_document(_COLUMN_TITLE)
    assert document.metadata.title == "某市医疗保障局关于开展2099年度居民医保参保登记工作的通告"
    assert document.metadata.doc_number is None
    assert page_lines(_COLUMN_TITLE)[0] == "某市医疗保障局关于开展2099年度居民医保参保登记工作的通告"


def test_two_h1_over_the_article_name_nothing():
    # a site name in one <h1> and the column in another: neither is sure to be the title
    page = _COLUMN_TITLE.replace(
        '<div class="list-main">', '<div class="list-main"><h1>某市人民政府门户网站</h1>'
    )
    assert page_document(page).metadata.title != "某市人民政府门户网站"


def test_a_cited_document_does_not_name_the_untitled_one():
    document = parse_text(
        "为加强河道管理，根据《某省人民政府关于加强河道管理的意见》（某政发〔2099〕5号）等有关规定，现就有关事项通告如下：\n"
        "一、管理范围\n本县境内的河道、湖泊均纳入管理，申报截止时间为2099年3月31日。\n"
        "二、其他事项\n本通告自发布之日起施行。\n"
    )
    assert document.metadata.title is None
    assert document.metadata.doc_number is None
    assert document.metadata.date is None


def test_an_eligibility_window_is_no_target():
    document = parse_text(
        "一、申请条件\n下列人员可以申请：\n（一）本县户籍人员；\n（二）出生90天内且已办理出生登记的婴儿。\n"
    )
    assert [t for t in extract_targets(document) if t.value == 90] == []


def test_a_per_year_rule_is_no_target_named_by_a_fragment():
    document = parse_text("一、等待期\n未连续参保的，每多缴纳1年可减少1个月等待期。\n")
    assert all(t.indicator != "年可" for t in extract_targets(document, include_all=True))
    assert [t for t in extract_targets(document) if t.unit == "月"] == []


# A title broken by <br> inside one centred <p>, its first line only the issuer (某省人民政府办公厅 / 关于…的函):
# read apart, the issuer became the whole title and the title's tail was glued onto the 文号.
_BROKEN_TITLE = """<html><body><table class="meta"><tr><td><b>标　　题：</b></td>
<td>某省人民政府办公厅关于某市在省长调研时所提问题和建议办理情况的函</td></tr>
<tr><td><b>发文字号：</b></td><td>某办函〔2099〕7号</td></tr></table>
<table><tr><td id="UCAP-CONTENT">
<p style="text-align: center;"><span style="font-weight: bold;">某省人民政府办公厅<br> 关于某市在省长调研时所提<br> 问题和建议办理情况的函</span></p>
<p style="text-align: center;">某办函〔2099〕7号</p>
<p>某市人民政府：</p>
<p>现将有关情况函复如下：</p>
<p><b>一、关于港口项目问题。</b>某市请求支持港口建设，省发展改革委已将其列入规划。</p>
<p><b>二、关于机场项目问题。</b>（略）</p>
<p style="text-align: right;">某省人民政府办公厅</p>
<p style="text-align: right;">二〇九九年八月十二日</p>
</td></tr></table></body></html>"""


def test_a_title_broken_by_br_after_its_issuer_is_one_title():
    document = page_document(_BROKEN_TITLE)
    assert document.metadata.title == "某省人民政府办公厅关于某市在省长调研时所提问题和建议办理情况的函"
    assert document.metadata.doc_number == "某办函〔2099〕7号"
    assert page_lines(_BROKEN_TITLE)[:2] == [
        "某省人民政府办公厅关于某市在省长调研时所提问题和建议办理情况的函",
        "某办函〔2099〕7号",
    ]


def test_a_title_whose_first_line_is_its_issuer_in_plain_text():
    document = parse_text(
        "某省人民政府办公厅\n关于某市在省长调研时所提\n问题和建议办理情况的函\n某办函〔2099〕7号\n\n某市人民政府：\n"
        "现将有关情况函复如下：\n一、关于港口项目问题。某市请求支持港口建设。\n二、关于机场项目问题。（略）\n"
        "某省人民政府办公厅\n2099年8月12日\n"
    )
    assert document.metadata.title == "某省人民政府办公厅关于某市在省长调研时所提问题和建议办理情况的函"
    assert document.metadata.doc_number == "某办函〔2099〕7号"


def test_a_request_and_a_present_capacity_are_no_targets():
    document = parse_text(
        "某省人民政府办公厅关于某市所提问题办理情况的函\n某市人民政府：\n"
        "一、关于炼化项目问题。某市请求，由某集团与外方合资，拟投资300亿元，建设炼油规模600万吨/年的项目。\n"
        "省发展改革委意见：目前省内只有一家企业年设计制造能力为30根，新建项目需审慎研究。\n"
    )
    assert list(extract_targets(document)) == []


# A <title> that joins the document's title to the site's name with a bare dash (…热点问答-某区民政局网站, no
# spaces round it) and no ArticleTitle: the site's name stayed in the title, so the heading over the body
# (div.title) was not recognised and the first question became the document's title.
_BARE_DASH_TITLE = """<html><head><title> 2099年度养老服务热点问答-某区民政局网站 </title></head><body>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/tzgg/">通知公告</a></div>
<div class="title"><ucaptitle>
  2099年度养老服务热点问答
</ucaptitle></div><div class="mainBox">
<div class="time"><span>发表时间：2098-09-04 15:26</span> <span>信息来源：某区民政局</span>
<span>浏览字号：<a onclick="fontZoom(18)"><b>大</b></a><a onclick="fontZoom(16)"><b>中</b></a><a onclick="fontZoom(14)"><b>小</b></a></span></div>
<div class="content" id="zoomcon"><ucapcontent>
<p>　　<strong>1.床位补贴标准是多少？</strong></p><p>　　答：按照规定，每张床位每年补贴500元。</p>
<p>　　<strong>2.申请补贴需要哪些条件？</strong></p><p>　　答：养老机构须依法登记并正常运营满一年。</p>
<p>　　<strong>3.补贴何时发放？</strong></p><p>　　答：补贴每年发放一次，由区民政局审核后直接拨付到机构账户。</p>
<p>　　<strong>4.逾期申请怎么办？</strong></p><p>　　答：逾期未申请的视为放弃当年度补贴，次年可以重新申请。</p>
</ucapcontent></div>
<div class="content_share"><span>浏览次数：<span>-</span></span> <a>分享</a> <a>返回顶部</a> <a>打印页面</a> <a>关闭本页</a></div>
</div></body></html>"""


def test_a_title_run_on_into_the_site_name_by_a_bare_dash():
    document = page_document(_BARE_DASH_TITLE)
    assert document.metadata.title == "2099年度养老服务热点问答"
    assert page_lines(_BARE_DASH_TITLE)[0] == "2099年度养老服务热点问答"


def test_a_published_line_with_font_size_buttons_is_chrome():
    # 发表时间：… 信息来源：… 浏览字号：大中小 over the body of a rsj.gz.gov.cn page
    page = _BARE_DASH_TITLE.replace('<div class="title">', '<div class="mainBox2"><div class="title">', 1)
    assert not any("发表时间" in line or "浏览字号" in line for line in page_lines(page))


def test_a_dash_inside_a_title_no_heading_shows_stays():
    # 2023-2025 inside the title: no heading shows the part before the dash, so the title stays whole
    page = _BARE_DASH_TITLE.replace(
        "2099年度养老服务热点问答-某区民政局网站", "某区养老服务行动计划（2097-2099年）"
    )
    page = page.replace("2099年度养老服务热点问答\n", "某区养老服务行动计划（2097-2099年）\n")
    assert page_document(page).metadata.title == "某区养老服务行动计划（2097-2099年）"


def test_questions_numbered_before_a_year_are_items():
    document = parse_text(
        "某区养老服务热点问答\n1.2099年度床位补贴标准是多少？\n答：每张床位每年补贴500元。\n"
        "2.申请补贴需要哪些条件？\n答：机构须依法登记。\n3.补贴何时发放？\n答：每年6月发放。\n"
    )
    assert [c.number for c in document.clauses if c.kind == "item"] == ["1.", "2.", "3."]


# A district site reposting a city's 办法: its title is an <h4 class="xl-title"> over the body (no <h1>, no
# <title> in the saved part), and the article ends with links to companion pages (政策解读：https://…,
# 一图读懂：https://…) that were read into the last section.
_REPOST_PAGE = """<html><body><div class="main"><div class="crumbs">当前位置：<a href="/">首页</a> &gt; <a href="/gk/">政务公开</a></div>
<div class="gl-right"><h4 class="xl-title">
  某市困难老年人助餐补贴实施办法
</h4>
<div class="xl-meg"><span>2098-11-16</span> <span>来源: 某市民政局</span> <span>【字号: <a>大</a> <a>中</a> <a>小</a>】</span></div>
<div class="xl-cont"><div id="detailCon">
<p>　　为做好困难老年人助餐服务，根据《某省老年人权益保障条例》（某省人大常委会公告第9号），制定本办法。</p>
<p>　　<strong>一、补贴对象</strong></p><p>　　本市户籍的低保、低收家庭中年满60周岁的老年人。</p>
<p>　　<strong>二、附则</strong></p><p>　　本办法自印发之日起实施，有效期5年。</p>
<p><br/></p>
<p>政策解读：<a href="https://www.example.gov.cn/zcjd/post_1.html">https://www.example.gov.cn/zcjd/post_1.html</a><br/></p>
<p>一图读懂：<a href="https://www.example.gov.cn/ytdd/post_2.html">https://www.example.gov.cn/ytdd/post_2.html</a></p>
</div></div></div></div></body></html>"""


def test_a_title_class_heading_names_a_reposted_page():
    document = page_document(_REPOST_PAGE)
    assert document.metadata.title == "某市困难老年人助餐补贴实施办法"
    assert document.metadata.doc_number is None


def test_links_to_companion_pages_are_no_text():
    lines = page_lines(_REPOST_PAGE)
    assert lines[-1] == "\u3000\u3000本办法自印发之日起实施，有效期5年。"
    assert not any("https://" in line for line in lines)


def test_a_web_address_the_document_gives_stays():
    page = _REPOST_PAGE.replace("政策解读：", "申报网址：", 1)
    assert any(line.startswith("申报网址：https://") for line in page_lines(page))


def test_a_procedural_time_limit_is_no_target():
    document = parse_text(
        "六、申领程序\n（一）逐级审核。\n1.受理和初审。镇（街）受理窗口受理申请后，及时录入系统。\n"
        "属本县户籍申请的，应通过省系统在5个工作日内完成初审。\n2.审核。区残联应在3个工作日内完成审核。\n"
    )
    assert list(extract_targets(document)) == []


def test_a_count_inside_a_name_is_no_figure():
    document = parse_text("一、补贴对象\n残疾人两项补贴纳入年度预算，残疾人两项补贴资金专款专用。\n")
    assert [t for t in extract_targets(document, include_all=True) if t.unit == "项"] == []


def test_a_title_year_makes_no_count_a_target():
    document = parse_text(
        "某市医疗保障局关于开展2099年度居民医保参保工作的通告\n一、待遇享受\n"
        "新出生婴儿跨两个年度参保的，足额缴费后享受相应的2个年度居民医保待遇。\n"
    )
    assert list(extract_targets(document)) == []


# A district page whose article opens with a link to the companion 解读 page, labelled 点击查看政策解读：, before
# the 文号: the link's text (【音频解读】关于《…》的解读) became the document's title.
_INTERPRETATION_LINK = """<html><body><div class="container"><div class="article">
<div class="article-title"><h1>某区支持青年创业实施办法</h1></div>
<div class="article-attr"><span>发表时间：<b>2098-08-09 23:04</b></span> <span>信息来源：<b>某区科技局</b></span></div>
<div class="article-content" id="zoomcon">
<p style="text-align: center;"><span>点击查看政策解读：</span><a href="/jd/post_1.html"><span>【音频解读】关于《某区支持青年创业实施办法》的解读</span></a></p>
<p style="text-align: center;">某区科规字〔2098〕1号</p>
<p style="text-align: center;"><strong>某区科技局关于印发某区支持青年创业实施办法的通知</strong></p>
<p>区属各单位：</p><p>　　《某区支持青年创业实施办法》已经区政府同意，现印发实施。</p>
<p style="text-align: right;">某区科技局</p><p style="text-align: right;">2098年8月9日</p>
<p>　　<strong>第一条&nbsp;</strong>为支持青年创业，制定本办法。</p>
<p>　　<strong>第二条&nbsp;</strong>本办法自2098年9月1日起施行，有效期3年。</p>
</div></div></div></body></html>"""


def test_a_link_to_the_interpretation_page_is_no_title():
    lines = page_lines(_INTERPRETATION_LINK)
    assert not any("点击查看政策解读" in line or "音频解读" in line for line in lines)
    assert (
        page_document(_INTERPRETATION_LINK).metadata.title
        == "某区科技局关于印发某区支持青年创业实施办法的通知"
    )


def test_a_long_joint_issuer_line_joins_its_title():
    document = parse_text(
        "穗某规字〔2099〕1号\n某市某某区科技工业和信息化局 某市某某区人力资源和社会保障局 中共某市某某区委统战部\n"
        "关于印发某市某某区支持青年创业实施办法的通知\n区属各单位：\n《某市某某区支持青年创业实施办法》已经区政府同意，现印发实施。\n"
        "某市某某区科技工业和信息化局\n2099年8月9日\n第一条 为支持青年创业，制定本办法。\n"
    )
    assert document.metadata.title.endswith("关于印发某市某某区支持青年创业实施办法的通知")


def test_a_printing_line_split_in_two_is_read():
    document = parse_text(
        "某区科技局关于印发某区支持青年创业实施办法的通知\n区属各单位：\n现印发实施。\n某区科技局\n2099年8月9日\n"
        "第一条 为支持青年创业，制定本办法。\n第二条 本办法自2099年9月1日起施行。\n公开方式：主动公开\n"
        "某区科技局办公室\n2099年8月9日印发\n"
    )
    assert document.metadata.printed_by == "某区科技局办公室"
    assert document.metadata.printed_date == "2099-08-09"


def test_an_amount_named_after_it_has_an_indicator():
    found = figures("第三条 载体建设。被评为市级孵化载体的，给予每家20万元一次性配套建设支持。\n")
    assert len(found) == 1 and "配套建设支持" in found[0].indicator
