"""A document's text wrapped in the markup of the government CMS families people save pages from.

Each family writes a page as its sites serve it (the comment on each says which sites it models):
the navigation, the metadata table, the article container with the site's own paragraph markup, the
toolbars, the related-link columns and the footer. `cms_page(family, text)` returns the page's bytes,
the text a faithful reader gives back (the document's own text, plus the rows of any table the page
adds to the body) and the chrome strings the page carries that must not land in a clause. Run this
module for the failure count per family over the corpus:

    .venv/bin/python -m tests.cms_pages
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from policykit.errors import PolicykitError
from policykit.model import Document
from policykit.pipeline import document_from_source, parse_text
from policykit.zh.chars import squash
from tests.cms_markup import (
    FOOTER,
    FOOTER_CHROME,
    NEIGHBOURS,
    RELATED,
    SITE,
    CmsPage,
    Parts,
    esc,
    paragraphs,
    read_with_title,
    related_list,
    split_title,
    strong_if_heading,
)


def govcn(parts: Parts) -> CmsPage:
    """www.gov.cn/zhengce/content/…: the 国务院 policy page. The metadata table (索引号 … 发布日期, <b>
    labels) sits above the article; the article is div.pages_content#UCAP-CONTENT of <p style=text-indent>
    with headings in <strong>; 字号 默认/大/超大, 打印, 【我要纠错】, 分享 and 相关链接 around it."""
    title = parts.title or "国务院文件"
    body = paragraphs(
        parts.body,
        lambda line: f'<p style="text-indent: 2em; font-family: 宋体;">{strong_if_heading(line)}</p>',
        "<p><br/></p>",
    )
    page = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{esc(title)}_国务院文件_中国政府网</title>
<meta name="keywords" content="政策"><meta name="firstpublishedtime" content="2025-08-26-17:00:00">
<script>var _hmt = _hmt || [];</script></head><body>
<div class="header"><div class="header_nav"><ul><li><a href="/">首页</a></li><li><a href="/zhengce/">政策</a></li>
<li><a href="/guowuyuan/">国务院</a></li><li><a href="/hudong/">互动</a></li><li><a href="/fuwu/">服务</a></li></ul></div></div>
<div class="BreadcrumbNav"><a href="/">首页</a> &gt; <a href="/zhengce/">政策</a> &gt; <a href="/zhengce/xxgk/">国务院政策文件库</a></div>
<div class="policyLibraryOverview_header"><table class="bd1" cellpadding="0" cellspacing="1" width="100%">
<tr><td class="f12" width="90"><b>索&nbsp;&nbsp;引&nbsp;&nbsp;号：</b></td><td width="38%">000014349/2025-00045</td>
<td class="f12" width="90"><b>主题分类：</b></td><td>科技、教育\\科技</td></tr>
<tr><td><b>发文机关：</b></td><td>国务院</td><td><b>成文日期：</b></td><td>2025年08月21日</td></tr>
<tr><td><b>标　　题：</b></td><td colspan="3">{esc(title)}</td></tr>
<tr><td><b>发文字号：</b></td><td>国发〔2025〕11号</td><td><b>发布日期：</b></td><td>2025年08月26日</td></tr>
</table></div>
<div class="article oneColumn pub_border">
<div class="pages-date">2025-08-26 17:00 <span class="font">来源：新华社</span>
<span class="font index_switchsize">字号：<span class="default">默认</span> <span class="big">大</span> <span class="bigger">超大</span></span>
<span class="split">|</span><span class="font printIco" onclick="window.print()">打印</span><span class="split">|</span></div>
<div class="pages_content mhide" id="UCAP-CONTENT">
{body}
</div>
<div class="editor">【我要纠错】 责任编辑：王洋</div>
<div class="share"><span>分享到：</span><a class="weixin">微信</a><a class="weibo">微博</a></div>
<div class="related"><h3 class="related_title">相关链接</h3>{related_list(dated=False)}</div>
</div>
{FOOTER}
<script src="/govhome/js/share.js"></script></body></html>"""
    return CmsPage(
        page.encode(),
        parts.text,
        (*RELATED, *FOOTER_CHROME, "我要纠错", "超大", "国务院政策文件库", "000014349"),
    )


TRS_STYLE = (
    '<style type="text/css">.TRS_Editor P{margin-top:0px;margin-bottom:12px;line-height:1.8;'
    "font-family:宋体;font-size:12pt;}.TRS_Editor DIV{margin-top:0px;margin-bottom:12px;line-height:1.8;"
    "font-family:宋体;font-size:12pt;}.TRS_Editor TD{font-size:12pt;}.TRS_Editor TH{font-size:12pt;}"
    ".TRS_Editor SPAN{font-size:12pt;}.TRS_Editor FONT{font-size:12pt;}.TRS_Editor UL{font-size:12pt;}"
    ".TRS_Editor LI{font-size:12pt;}.TRS_Editor A{font-size:12pt;}</style>"
)


def _mso_runs(line: str) -> str:
    """Word pasted into the TRS editor: each run in a <span>, Latin runs lang=EN-US, an <o:p> at the end."""
    out, run, latin = [], "", None
    for char in line:
        is_latin = char.isascii()
        if latin is not None and is_latin != latin:
            out.append((run, latin))
            run = ""
        run += char
        latin = is_latin
    if run:
        out.append((run, bool(latin)))
    spans = "".join(
        f'<span lang="EN-US" style="font-family:仿宋_GB2312">{esc(r)}</span>'
        if is_latin
        else f'<span style="font-family:仿宋_GB2312;mso-hansi-font-family:宋体">{esc(r)}</span>'
        for r, is_latin in out
    )
    return spans + "<o:p></o:p>"


def trs(parts: Parts) -> CmsPage:
    """TRS WCM (most provincial and city portals: 发改委, 工信厅 …): div.TRS_Editor with its inline <style>,
    a Custom_UnionStyle div, Word-pasted <p class=MsoNormal> made of mso-styled spans, then 附件 and the
    【打印本页】【关闭窗口】 toolbar."""
    title = parts.title or "通知公告"
    body = paragraphs(
        parts.body,
        lambda line: (
            '<p class="MsoNormal" style="text-indent:32.0pt;mso-char-indent-count:2.0;'
            f'line-height:28.0pt;mso-line-height-rule:exactly">{_mso_runs(line)}</p>'
        ),
        '<p class="MsoNormal"><span lang="EN-US"><o:p>&nbsp;</o:p></span></p>',
    )
    page = f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{esc(title)}</title><meta name="ArticleTitle" content="{html.escape(title)}">
<meta name="PubDate" content="2024-06-12 09:30"><meta name="ContentSource" content="办公室"></head><body>
<div class="top"><a href="/">首页</a> <a href="/zwgk/">政务公开</a> <a href="/bsfw/">办事服务</a> <a href="/hdjl/">互动交流</a></div>
<div class="location">您当前的位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/tzgg/">通知公告</a></div>
<div class="article"><div class="title">{esc(title)}</div>
<div class="info">发布日期：2024-06-12　来源：办公室　【字体：<a>大</a> <a>中</a> <a>小</a>】</div>
<div class="content"><div class="TRS_Editor">{TRS_STYLE}<div class="Custom_UnionStyle">
{body}
</div></div></div>
<div class="print">【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】</div>
</div>
{FOOTER}</body></html>"""
    return CmsPage(
        page.encode(), parts.text, (*FOOTER_CHROME, "打印本页", "关闭窗口", "您当前的位置", "字体")
    )


def hanweb(parts: Parts) -> CmsPage:
    """hanweb/大汉 JCMS (浙江, 江苏, 山东 … portals): the 信息公开 table (索引号, 发布机构, 文号), the body in
    div#zoom between <meta name=ContentStart> and ContentEnd, paragraphs as <p> with 　　 indents,
    then 【字体：大 中 小】【打印】【关闭】 and 扫一扫在手机打开当前页."""
    title = parts.title or "政策文件"
    body = paragraphs(parts.body, lambda line: f"<p>{esc(line)}</p>", "<p>&nbsp;</p>")
    page = f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml"><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<title>{esc(title)}</title><meta name="ArticleTitle" content="{html.escape(title)}"/><meta name="PubDate" content="2023-11-02 16:27"/>
<meta name="ColumnName" content="政策文件"/></head><body>
<div id="barrierfree_container"><div class="head"><a href="/">网站首页</a><a href="/col/col1/">政务公开</a><a href="/col/col2/">政务服务</a></div>
<table class="xxgk_table" width="100%"><tr><td>索引号：</td><td>11330000002482870M/2023-276181</td><td>发布机构：</td><td>省政府办公厅</td></tr>
<tr><td>文号：</td><td>浙政办发〔2023〕62号</td><td>成文日期：</td><td>2023-10-31</td></tr></table>
<table width="100%" border="0"><tr><td class="title" align="center">{esc(title)}</td></tr>
<tr><td><!--<$[信息内容]>begin--><div id="zoom"><meta name="ContentStart">
{body}
<meta name="ContentEnd"></div><!--<$[信息内容]>end--></td></tr>
<tr><td align="right">【字体：<a href="javascript:doZoom(20)">大</a> <a href="javascript:doZoom(16)">中</a> <a href="javascript:doZoom(12)">小</a>】【<a href="javascript:window.print()">打印</a>】【<a href="javascript:window.close()">关闭</a>】</td></tr>
</table><div class="ewm"><img src="/qrcode.png"><p>扫一扫在手机打开当前页</p></div></div>
{FOOTER}</body></html>"""
    return CmsPage(page.encode(), parts.text, (*FOOTER_CHROME, "11330000002482870M", "扫一扫", "字体"))


def shanghai(parts: Parts) -> CmsPage:
    """www.shanghai.gov.cn/nw…/….html: h2#ivs_title, the date under it, the body in div#ivs_content
    (<p> with headings in <strong>), the 相关文件/相关解读 column and 上一篇/下一篇 after it."""
    title = parts.title or "上海市人民政府文件"
    body = paragraphs(parts.body, lambda line: f"<p>{strong_if_heading(line)}</p>", "<p>&nbsp;</p>")
    page = f"""<!DOCTYPE html><html lang="zh-CN"><head><meta charset="UTF-8"><title>{esc(title)}</title>
<meta name="description" content="{html.escape(title)}"></head><body>
<header class="header"><div class="nav"><a href="/">首页</a><a href="/nw2/nw2314/">政务公开</a><a href="/nw4411/">政务服务</a></div></header>
<div class="container"><ol class="breadcrumb"><li><a href="/">首页</a></li><li><a>政务公开</a></li><li><a>规范性文件</a></li></ol>
<div class="row"><div class="col-md-9"><h2 id="ivs_title" class="Article-title">{esc(title)}</h2>
<small class="PBtime">2025-03-04</small>
<div class="Article_content" id="ivs_content">
{body}
</div>
<div class="gaoj-list"><h5>相关文件</h5>{related_list(dated=False)}</div>
{NEIGHBOURS}</div>
<div class="col-md-3"><div class="sidebar"><h4>热点专题</h4>{related_list(dated=False)}</div></div></div></div>
{FOOTER}</body></html>"""
    return CmsPage(page.encode(), parts.text, (*RELATED, *FOOTER_CHROME, "上一篇", "下一篇", "热点专题"))


def side_columns(parts: Parts) -> CmsPage:
    """Guangdong/Zhejiang 集约化 pages: a left column of 栏目 and a right column of 相关文章/热门文章 with
    dates, each longer than many articles' paragraphs; 上一篇/下一篇 with titles under the body."""
    title = parts.title or "政策解读"
    body = paragraphs(parts.body, lambda line: f'<p style="text-indent:2em;">{esc(line)}</p>', "<p></p>")
    columns = "".join(
        f"<li><a href='/col/{k}'>{name}</a></li>"
        for k, name in enumerate(("通知公告", "政策文件", "政策解读", "人事信息", "规划计划", "统计信息"))
    )
    page = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{esc(title)}-{SITE}门户网站</title>
<meta name="ArticleTitle" content="{html.escape(title)}"><meta name="PubDate" content="2024-04-18 10:05"></head><body>
<div class="topbar">无障碍 长者助手 <a>登录</a> <a>注册</a></div>
<div class="main clearfix"><div class="left"><div class="lanmu"><h3>信息公开</h3><ul>{columns}</ul></div>
<div class="hot"><h3>热门文章</h3>{related_list()}</div></div>
<div class="right"><div class="zw-title"><h3>{esc(title)}</h3></div>
<div class="zw-info"><span>发布时间：2024-04-18 10:05:33</span><span>来源：本网</span><span>浏览次数：<em id="hits">2716</em></span></div>
<div class="zw">
{body}
</div>
<div class="fy">{NEIGHBOURS}</div>
<div class="xgwz"><h3>相关文章</h3>{related_list()}</div></div></div>
{FOOTER}</body></html>"""
    return CmsPage(
        page.encode(),
        parts.text,
        (*RELATED, *FOOTER_CHROME, "上一篇", "下一篇", "浏览次数", "热门文章", "2716"),
    )


def table_layout(parts: Parts) -> CmsPage:
    """Old county and bureau sites (FrontPage, early 动易/新云): nested layout tables with a menu cell on
    the left; the title cell, a 发布时间/点击数 cell, and the body in one <td> of <font>-wrapped lines
    separated by <br>; 【关闭窗口】 under it."""
    title = parts.title or "政务公开"
    lines = "<br>\n".join(esc(line) if line.strip() else "" for line in parts.body)
    menu = "".join(
        f"<tr><td height='28'><a href='/list{k}.asp'>{name}</a></td></tr>"
        for k, name in enumerate(("机构概况", "政策法规", "通知公告", "工作动态", "办事指南", "下载中心"))
    )
    page = f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><title>{esc(title)}</title></head>
<body leftmargin="0" topmargin="0"><table width="980" border="0" align="center" cellpadding="0" cellspacing="0">
<tr><td colspan="2"><img src="/images/banner.jpg" width="980" height="120"></td></tr>
<tr><td width="200" valign="top"><table width="100%">{menu}</table></td>
<td width="780" valign="top"><table width="100%" border="0" cellspacing="0" cellpadding="0">
<tr><td height="30">当前位置：<a href="/">首页</a> &gt;&gt; <a href="/list1.asp">政策法规</a></td></tr>
<tr><td align="center" class="title"><font size="4"><b>{esc(title)}</b></font></td></tr>
<tr><td align="center">发布时间：2019-05-06　点击数：1532</td></tr>
<tr><td class="content"><font style="font-size:14px;line-height:200%">{lines}</font></td></tr>
<tr><td align="center">【<a href="javascript:window.close()">关闭窗口</a>】</td></tr>
</table></td></tr></table>
<table width="980" align="center"><tr><td align="center">{SITE}主办　技术支持：某某网络公司　ICP备案：浙ICP备10000001号</td></tr></table>
</body></html>"""
    return CmsPage(
        page.encode(), read_with_title(parts, title), ("关闭窗口", "点击数", "技术支持", "ICP备", "政策法规")
    )


def gbk(parts: Parts, declared: str = '<meta charset="gb2312">') -> CmsPage:
    """A GB2312-labelled page of a TRS-era site, served as GBK: characters outside GBK as &#…; refs (the
    label as <meta charset>, as http-equiv, or none: the server's header said it and the save lost it)."""
    title = parts.title or "通知"
    body = paragraphs(parts.body, lambda line: f"<p>{esc(line)}</p>", "<p>&nbsp;</p>")
    page = f"""<html><head>{declared}<title>{esc(title)}</title></head><body>
<div class="nav"><a href="/">首页</a>|<a href="/xxgk/">信息公开</a>|<a href="/zwdt/">政务动态</a></div>
<div class="bt">{esc(title)}</div><div class="sj">发布日期：2022-09-15　信息来源：市政府办公室</div>
<div class="nr" id="Zoom">
{body}
</div><div class="dy">【<a href="#" onclick="window.print()">打印此页</a>】【<a href="#" onclick="window.close()">关闭</a>】</div>
{FOOTER}</body></html>"""
    return CmsPage(
        page.encode("gbk", "xmlcharrefreplace"), parts.text, (*FOOTER_CHROME, "打印此页", "信息来源")
    )


def attachments(parts: Parts) -> CmsPage:
    """TRS/hanweb 信息公开 pages with the files for download after the body: "附件：" and a list of links
    to .pdf/.docx/.xls, sometimes each with "（下载次数：…）"."""
    title = parts.title or "通知"
    body = paragraphs(parts.body, lambda line: f"<p>{esc(line)}</p>", "<p>&nbsp;</p>")
    files = "".join(
        f'<li><a href="/attach/0/P0202406{k}.{ext}" target="_blank">{k}.{esc(name)}.{ext}</a></li>'
        for k, (name, ext) in enumerate(
            (("实施细则（全文）", "pdf"), ("申报表格", "docx"), ("项目清单", "xls")), 1
        )
    )
    page = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{esc(title)}</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="/zwgk/">政务公开</a></div>
<div class="article"><h1>{esc(title)}</h1><div class="content" id="zoom">
{body}
</div>
<div class="fujian"><p>附件：</p><ul>{files}</ul></div>
<div class="fj"><span>相关附件：</span><a href="/attach/0/P020240612.ofd">某某通知正式文本.ofd</a></div>
</div>{FOOTER}</body></html>"""
    return CmsPage(
        page.encode(),
        parts.text,
        (*FOOTER_CHROME, "实施细则（全文）", "申报表格", "项目清单", "正式文本", "相关附件"),
    )


def print_page(parts: Parts) -> CmsPage:
    """A 打印本页 view (print.jsp / *_print.html): no navigation, the title, a line of details, the body in
    a bare div, and 【打印】【关闭】 at the foot; the page prints itself on load."""
    title = parts.title or "文件"
    body = paragraphs(parts.body, lambda line: f"<p>{esc(line)}</p>", "<p>&nbsp;</p>")
    page = f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><title>{esc(title)}</title>
<style>body{{font-size:16px}} .noprint{{display:block}} @media print{{.noprint{{display:none}}}}</style></head>
<body onload="window.print()"><div style="text-align:center;font-size:22px;font-weight:bold">{esc(title)}</div>
<div style="text-align:center">发布时间：2021-08-25　来源：{SITE}</div><hr>
<div>
{body}
</div><hr><div class="noprint" align="center"><a href="javascript:window.print()">【打印】</a>　<a href="javascript:window.close()">【关闭】</a></div>
</body></html>"""
    return CmsPage(page.encode(), parts.text, ("【打印】", "【关闭】", SITE))


def div_br(parts: Parts) -> CmsPage:
    """Pages written in an online editor (UEditor, KindEditor) where each paragraph is a <div> ending in <br>
    and an empty line is <div><br></div>."""
    title = parts.title or "公告"
    body = paragraphs(parts.body, lambda line: f"<div>{esc(line)}<br></div>", "<div><br></div>")
    page = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{esc(title)}_{SITE}</title></head><body>
<div class="header"><a href="/">首页</a> <a href="/news/">新闻中心</a> <a href="/gk/">政府信息公开</a></div>
<div class="detail"><div class="detail-title">{esc(title)}</div>
<div class="detail-con" id="detailContent">
{body}
</div></div>{FOOTER}</body></html>"""
    return CmsPage(page.encode(), parts.text, FOOTER_CHROME)


def h1_info(parts: Parts) -> CmsPage:
    """News-style article pages (部委 and 区县 sites): <h1> title, then one line of 来源/发布时间/浏览次数
    with the count written by a script, 【字号 大 中 小】 and 打印; 分享到 and a QR code under the body."""
    title = parts.title or "公告"
    body = paragraphs(parts.body, lambda line: f"<p>{esc(line)}</p>", "<p><br></p>")
    page = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{esc(title)}</title></head><body>
<div class="nav"><a href="/">首页</a><a href="/xwzx/">新闻中心</a><a href="/zfxxgk/">政府信息公开</a></div>
<div class="main"><div class="article"><h1>{esc(title)}</h1>
<div class="article-info"><span>来源：区发展改革委</span>　<span>发布时间：2025-01-08 15:42</span>　<span>浏览次数：<span id="views"><script>document.write(getViews(81234))</script></span></span>
　【字号：<a>大</a> <a>中</a> <a>小</a>】 <a href="javascript:window.print()">打印</a></div>
<div class="article-content">
{body}
</div>
<div class="article-share">分享到：<a>微信</a> <a>微博</a> <a>QQ空间</a></div>
<div class="article-qr"><img src="/qr.png"><span>手机扫一扫</span></div>
</div></div>{FOOTER}</body></html>"""
    return CmsPage(
        page.encode(), parts.text, (*FOOTER_CHROME, "浏览次数", "区发展改革委", "分享到", "QQ空间", "扫一扫")
    )


INDICATOR = [  # (text, rowspan, colspan): a category and a 属性 spanning rows, a heading spanning columns
    [("类别", 2, 1), ("指标", 2, 1), ("目标值", 1, 2), ("属性", 2, 1)],
    [("2024年", 1, 1), ("2027年目标", 1, 1)],
    [
        ("经济发展", 2, 1),
        ("地区生产总值年均增速（%）", 1, 1),
        ("5.2", 1, 1),
        ("5左右", 1, 1),
        ("预期性", 2, 1),
    ],
    [("城镇新增就业（万人）", 1, 1), ("12.6", 1, 1), ("12以上", 1, 1)],
    [
        ("绿色低碳", 1, 1),
        ("单位GDP能耗下降（%）", 1, 1),
        ("3.1", 1, 1),
        ("完成国家下达任务", 1, 1),
        ("约束性", 1, 1),
    ],
]
INDICATOR_GRID = [  # as every reader lays it out: a cell spanning rows in each, one spanning columns in its first
    ["类别", "指标", "目标值", "", "属性"],
    ["类别", "指标", "2024年", "2027年目标", "属性"],
    ["经济发展", "地区生产总值年均增速（%）", "5.2", "5左右", "预期性"],
    ["经济发展", "城镇新增就业（万人）", "12.6", "12以上", "预期性"],
    ["绿色低碳", "单位GDP能耗下降（%）", "3.1", "完成国家下达任务", "约束性"],
]


def indicator_table(parts: Parts) -> CmsPage:
    """A body with a <table> of indicators (规划 and 行动方案 pages): <table border=1> with <th> heads,
    <td><p> cells, merged cells (rowspan, colspan), between two paragraphs; the expected text has its
    rows tab-separated on the table's grid."""
    title = parts.title or "行动方案"
    body = list(parts.body)
    middle = _middle_paragraph(body)

    def cell(tag: str, text: str, rows: int, columns: int) -> str:
        spans = (f' rowspan="{rows}"' if rows > 1 else "") + (f' colspan="{columns}"' if columns > 1 else "")
        return f"<{tag}{spans}><p>{esc(text)}</p></{tag}>"

    rows = "".join(
        "<tr>" + "".join(cell("th" if r < 2 else "td", *c) for c in row) + "</tr>"
        for r, row in enumerate(INDICATOR)
    )
    table = f'<table border="1" cellspacing="0" cellpadding="0" width="100%"><tbody>{rows}</tbody></table>'
    before, after = body[: middle + 1], body[middle + 1 :]
    html_body = (
        paragraphs(before, lambda line: f"<p>{esc(line)}</p>", "<p>&nbsp;</p>")
        + f"\n{table}\n"
        + paragraphs(after, lambda line: f"<p>{esc(line)}</p>", "<p>&nbsp;</p>")
    )
    head = parts.text.split("\n")[: len(parts.text.split("\n")) - len(body)]
    expected = "\n".join([*head, *before, *("\t".join(row) for row in INDICATOR_GRID), *after])
    page = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{esc(title)}</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="/zwgk/">政务公开</a> <a href="/ghjh/">规划计划</a></div>
<div class="article"><h1>{esc(title)}</h1><div class="TRS_Editor" id="zoom">
{html_body}
</div></div>{FOOTER}</body></html>"""
    return CmsPage(page.encode(), expected, FOOTER_CHROME)


def _middle_paragraph(body: list[str]) -> int:
    """The index of a long paragraph near the middle of the body, for a table to follow."""
    middle = len(body) // 2
    for k in range(middle, len(body)):
        if len(body[k]) > 40 and body[k].rstrip().endswith("。"):
            return k
    return middle


def share_widgets(parts: Parts) -> CmsPage:
    """Share and QR widgets inside the article container (baidu share's bdsharebuttonbox, jiathis, a
    pinyin-named fenxiang/erweima box), above and below the body."""
    title = parts.title or "通知"
    body = paragraphs(parts.body, lambda line: f"<p>{esc(line)}</p>", "<p>&nbsp;</p>")
    page = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{esc(title)}</title></head><body>
<div class="article"><div class="wz_title">{esc(title)}</div>
<div class="fenxiang"><span>分享到：</span><a class="wx">微信</a><a class="wb">新浪微博</a><a class="qq">QQ好友</a></div>
<div class="wz_con">
{body}
</div>
<div class="bdsharebuttonbox"><a href="#" class="bds_more" data-cmd="more">分享到：</a><a class="bds_weixin" title="分享到微信"></a></div>
<div class="jiathis_style"><span class="jiathis_txt">分享到：</span><a class="jiathis_button_tsina">新浪微博</a></div>
<div class="erweima"><img src="/ewm.png"><p>扫一扫在手机上打开当前页</p></div>
</div>{FOOTER}</body></html>"""
    return CmsPage(page.encode(), parts.text, (*FOOTER_CHROME, "分享到", "新浪微博", "QQ好友", "扫一扫"))


def _two_halves(parts: Parts) -> tuple[str, str, str]:
    """The page title and the body cut after its middle paragraph, each half as <p> markup."""
    body = list(parts.body)
    cut = _middle_paragraph(body) + 1
    first = paragraphs(body[:cut], lambda line: f"<p>{esc(line)}</p>", "<p>&nbsp;</p>")
    second = paragraphs(body[cut:], lambda line: f"<p>{esc(line)}</p>", "<p>&nbsp;</p>")
    return parts.title or "实施方案", first, second


def split_body(parts: Parts) -> CmsPage:
    """The body in two sibling containers: a long 政策 page cut by the CMS into 分页 divs (page 1 shown with
    a 1 2 下一页 bar), or 正文 in one container and the 附件正文 (an attached plan) in the next."""
    title, first, second = _two_halves(parts)
    page = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{esc(title)}</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="/zwgk/">政务公开</a></div>
<div class="article"><h1>{esc(title)}</h1>
<div class="zhengwen" id="zhengwen">
{first}
</div>
<div class="fjzw" id="fujianzhengwen">
{second}
</div>
<div class="page-nav"><a>上一页</a> <a>1</a> <a>2</a> <a>下一页</a></div>
</div>{FOOTER}</body></html>"""
    return CmsPage(page.encode(), parts.text, (*FOOTER_CHROME, "下一页"))


def split_wrapped(parts: Parts) -> CmsPage:
    """gd.gov.cn-style 正文 and 附件正文: each in its own TRS_Editor, each wrapped in a section div, so the
    two bodies are cousins, not siblings; a 附件： line with the attachment's name between them."""
    title, first, second = _two_halves(parts)
    page = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{esc(title)}</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="/zwgk/">政务公开</a></div>
<div class="viewList"><h3 class="zw-title">{esc(title)}</h3>
<div class="zw"><div class="TRS_Editor">
{first}
</div></div>
<div class="fjzw"><div class="TRS_Editor">
{second}
</div></div>
<div class="fj"><p>附件下载：<a href="/attachment/0/1.pdf">正式文件.pdf</a></p></div>
</div>{FOOTER}</body></html>"""
    return CmsPage(page.encode(), parts.text, (*FOOTER_CHROME, "附件下载", "正式文件"))


def hanweb_br(parts: Parts) -> CmsPage:
    """hanweb/大汉 and other older editors that keep a block of lines in one <p>, a <br> after each line and
    an empty <p> (or <br><br>) between blocks."""
    title = parts.title or "政策文件"
    blocks, current = [], []
    for line in parts.body:
        if line.strip():
            current.append(esc(line))
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    body = "\n".join(f'<p style="line-height:2">{"<br/>".join(block)}</p><p><br/></p>' for block in blocks)
    page = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{esc(title)}</title>
<meta name="ArticleTitle" content="{html.escape(title)}"></head><body>
<div class="head"><a href="/">网站首页</a><a href="/col/col1/">政务公开</a></div>
<div class="main"><div class="title">{esc(title)}</div>
<div class="info">发布日期：2023-11-02　浏览次数：<span id="c">--</span></div>
<div id="zoom">
{body}
</div></div>{FOOTER}</body></html>"""
    return CmsPage(page.encode(), parts.text, (*FOOTER_CHROME, "浏览次数"))


SUMMARIES = tuple(
    f"{title}。会议强调，要坚持问题导向，压实工作责任，确保各项措施落地见效，切实增强群众获得感。"
    for title in RELATED
)


def summaries_column(parts: Parts) -> CmsPage:
    """Portal article pages with a right column of 要闻 and 政策解读, each item a linked title and a <p> of
    summary text that is not a link: more paragraph text than a short notice has."""
    title = parts.title or "通知"
    body = paragraphs(parts.body, lambda line: f"<p>{esc(line)}</p>", "<p>&nbsp;</p>")
    news = "".join(
        f'<div class="item"><a href="/art/{k}.html">{esc(t)}</a><p class="summary">{esc(summary)}</p></div>'
        for k, (t, summary) in enumerate(zip(RELATED, SUMMARIES, strict=True))
    )
    page = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{esc(title)}</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="/zwgk/">政务公开</a></div>
<div class="wrap"><div class="main-left"><h1>{esc(title)}</h1>
<div class="article-con">
{body}
</div></div>
<div class="main-right"><div class="box"><h3>要闻动态</h3>{news}</div></div></div>{FOOTER}</body></html>"""
    return CmsPage(page.encode(), parts.text, (*FOOTER_CHROME, *RELATED, "会议强调", "要闻动态"))


def chrome_inside(parts: Parts) -> CmsPage:
    """Templates that put the page's details and toolbars inside the article container itself (many
    county sites on 站群 systems): a 信息来源/发布时间/点击数 line and 【字体：大 中 小】 above the text;
    责任编辑, the download list, 相关链接, 【打印本页】【关闭窗口】, a QR caption and 技术支持 under it."""
    title = parts.title or "通知"
    body = paragraphs(parts.body, lambda line: f"<p>{esc(line)}</p>", "<p>&nbsp;</p>")
    links = "".join(f'<li><a href="/art/{k}.html">{t}</a></li>' for k, t in enumerate(RELATED[:4]))
    shown = parts.title and squash(parts.title) not in squash("".join(parts.body[:5]))  # not there already
    page = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{esc(title)}</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="/zwgk/">政务公开</a></div>
<div id="zoom" class="article">{f'<div class="title">{esc(title)}</div>' if shown else ""}
<p style="text-align:center">信息来源：县发展改革局　发布时间：2024-06-12 09:30　点击数：
<span id="hits">356</span>　【字体：<a>大</a> <a>中</a> <a>小</a>】</p>
{body}
<p style="text-align:right">（责任编辑：李明）</p>
<p>附件：<a href="/uploadfiles/202406/1.docx">附件1：申报表.docx</a></p>
<p><strong>相关链接：</strong></p><ul>{links}</ul>
<p style="text-align:center">【<a href="javascript:window.print()">打印本页</a>】　【<a href="javascript:window.close()">关闭窗口</a>】</p>
<p style="text-align:center"><img src="/qr.png"><br>扫一扫在手机打开当前页</p>
<p style="text-align:center">技术支持：某某信息技术有限公司</p>
</div>{FOOTER}</body></html>"""
    return CmsPage(
        page.encode(),
        parts.text,
        (
            *FOOTER_CHROME,
            *RELATED[:4],
            "信息来源",
            "点击数",
            "责任编辑",
            "申报表",
            "打印本页",
            "扫一扫",
            "技术支持",
        ),
    )


def _nbsp(line: str) -> str:
    """The typed indent (　　, spaces) as the editor writes it: two &nbsp; per character."""
    return "&nbsp;&nbsp;" * (len(line) - len(line.lstrip("\u3000\u2003 ")))


def nbsp_indent(parts: Parts) -> CmsPage:
    """Old editors (eWebEditor, FCKeditor) that write a paragraph's indent as &nbsp; runs and its text in
    <font>; a <center> of <font><b> for the title."""
    title = parts.title or "通知"
    body = paragraphs(
        parts.body,
        lambda line: f'<p>{_nbsp(line)}<font face="仿宋_GB2312" size="4">{esc(line.strip())}</font></p>',
        "<p>&nbsp;</p>",
    )
    page = f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><title>{esc(title)}</title></head>
<body><center><font size="5" color="#ff0000"><b>{esc(title)}</b></font></center>
<div class="content">
{body}
</div>{FOOTER}</body></html>"""
    return CmsPage(page.encode(), parts.text, FOOTER_CHROME)


def editor_headings(parts: Parts) -> CmsPage:
    """Newer editors (UEditor on 集约化 platforms) that mark headings up as headings: 第一章 and 一、 in
    <h3>, （一） in <h4>, with <section> wrappers and <span> runs inside paragraphs."""
    title = parts.title or "通知"

    def line_html(line: str) -> str:
        stripped = line.strip("\u3000 ")
        if (
            len(stripped) < 40
            and stripped[:1] == "第"
            and stripped[1:4].strip("一二三四五六七八九十") != stripped[1:4]
        ):
            return f"<h3>{esc(stripped)}</h3>"
        if len(stripped) < 40 and stripped[1:2] == "、" and not stripped.endswith("。"):
            return f"<h3>{esc(stripped)}</h3>"
        if len(stripped) < 40 and stripped.startswith("（") and not stripped.endswith("。"):
            return f"<h4>{esc(stripped)}</h4>"
        return f'<p><span style="font-size:16px;">{esc(line)}</span></p>'

    body = paragraphs(parts.body, line_html, "<p><br/></p>")
    page = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{esc(title)}</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="/zwgk/">政务公开</a></div>
<article class="detail"><h1 class="detail-title">{esc(title)}</h1><section class="detail-content">
{body}
</section></article>{FOOTER}</body></html>"""
    return CmsPage(page.encode(), parts.text, FOOTER_CHROME)


def table_rows(parts: Parts) -> CmsPage:
    """Old ASP/JSP sites that put each paragraph of the body in a row of its own of a one-column table,
    inside the page's layout table, with a menu cell beside it."""
    title = parts.title or "通知"
    rows = "\n".join(
        f"<tr><td class='zw'>{esc(line)}</td></tr>" if line.strip() else "<tr><td>&nbsp;</td></tr>"
        for line in parts.body
    )
    menu = "".join(f"<p><a href='/list{k}.asp'>栏目{k}</a></p>" for k in range(8))
    page = f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><title>{esc(title)}</title></head>
<body><table width="960" align="center"><tr><td width="200" valign="top">{menu}</td><td valign="top">
<table width="100%"><tr><td align="center"><b>{esc(title)}</b></td></tr>
<tr><td align="center">发布日期：2018-03-02　浏览次数：88</td></tr></table>
<table width="100%" class="content">
{rows}
</table></td></tr></table>{FOOTER}</body></html>"""
    return CmsPage(page.encode(), parts.text, (*FOOTER_CHROME, "浏览次数", "栏目"))


def mobile_copy(parts: Parts) -> CmsPage:
    """Responsive 集约化 templates that carry the article twice, for screens and for phones, the phone
    copy hidden by a class in the style sheet (not by a style attribute the reader can see)."""
    title = parts.title or "通知"
    body = paragraphs(parts.body, lambda line: f"<p>{esc(line)}</p>", "<p>&nbsp;</p>")
    page = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{esc(title)}</title>
<style>.m-only{{display:none}} @media (max-width:768px){{.pc-only{{display:none}} .m-only{{display:block}}}}</style>
</head><body><div class="article"><h1>{esc(title)}</h1>
<div class="article-content pc-only">
{body}
</div>
<div class="article-content m-only">
{body}
</div></div>{FOOTER}</body></html>"""
    return CmsPage(page.encode(), parts.text, FOOTER_CHROME)


_LIST_NUMBER = re.compile(
    r"^([\u3000\u2003 ]*)(第[一二三四五六七八九十百]+[章条]|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.．])\s*"
)


def _word_list(line: str) -> str:
    """A paragraph as Word's "save as web page" writes a list item: the number in an mso-list:Ignore
    span with the tab as &nbsp; padding in a 7 pt span, the text after it."""
    found = _LIST_NUMBER.match(line)
    if not found:
        return f'<p class=MsoNormal style="text-indent:32.0pt">{esc(line)}<o:p></o:p></p>'
    number, text = found.group(2), line[found.end() :]
    return (
        '<p class=MsoListParagraph style="margin-left:0cm;text-indent:32.0pt;mso-list:l0 level1 lfo1">'
        f"<![if !supportLists]><span style='mso-list:Ignore'>{esc(number)}<span style='font:7.0pt \"Times New Roman\"'>"
        f"&nbsp;&nbsp; </span></span><![endif]>{esc(text)}<o:p></o:p></p>"
    )


def word_page(parts: Parts) -> CmsPage:
    """A Word document saved as a web page and posted as the article (Word 2010+ "网页"): the body in
    div.WordSection1 of MsoNormal paragraphs, list numbers in mso-list:Ignore spans, conditional comments."""
    title = parts.title or "通知"
    body = paragraphs(parts.body, _word_list, "<p class=MsoNormal><o:p>&nbsp;</o:p></p>")
    page = f"""<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word"><head><meta http-equiv=Content-Type content="text/html; charset=utf-8">
<meta name=Generator content="Microsoft Word 15"><title>{esc(title)}</title>
<!--[if gte mso 9]><xml><w:WordDocument><w:View>Print</w:View></w:WordDocument></xml><![endif]-->
<style><!-- p.MsoNormal {{margin:0cm; font-size:16.0pt; font-family:仿宋_GB2312;}} @list l0:level1 {{mso-level-number-format:chinese-counting;}} --></style></head>
<body lang=ZH-CN style='tab-interval:21.0pt'><div class=WordSection1 style='layout-grid:15.6pt'>
<p class=MsoNormal align=center style='text-align:center'><b><span style='font-size:22.0pt;font-family:方正小标宋简体'>{esc(title)}<o:p></o:p></span></b></p>
{body}
</div></body></html>"""
    return CmsPage(page.encode(), read_with_title(parts, title), ())


FAMILIES: dict[str, Callable[[Parts], CmsPage]] = {
    "govcn": govcn,
    "trs": trs,
    "hanweb": hanweb,
    "shanghai": shanghai,
    "side_columns": side_columns,
    "table_layout": table_layout,
    "gbk_meta_charset": gbk,
    "gbk_http_equiv": lambda parts: gbk(
        parts, '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
    ),
    "gbk_undeclared": lambda parts: gbk(parts, ""),
    "attachments": attachments,
    "print_page": print_page,
    "div_br": div_br,
    "h1_info": h1_info,
    "indicator_table": indicator_table,
    "share_widgets": share_widgets,
    "split_body": split_body,
    "split_wrapped": split_wrapped,
    "hanweb_br": hanweb_br,
    "summaries_column": summaries_column,
    "chrome_inside": chrome_inside,
    "nbsp_indent": nbsp_indent,
    "editor_headings": editor_headings,
    "table_rows": table_rows,
    "mobile_copy": mobile_copy,
    "word_page": word_page,
}


def cms_page(family: str, text: str) -> CmsPage:
    """The document `text` as a page of `family`, with what a reader should give back."""
    return FAMILIES[family](split_title(text))


def tree(document: Document) -> list[tuple[str, str, str]]:
    """Id, heading and whitespace-free text of each clause: what a page and its .txt must share."""
    return [(c.id, c.heading, squash(c.text)) for c in document.walk()]


def page_document(page: CmsPage, name: str = "page") -> Document:
    """Read a page's bytes as the HTML reader reads a saved file."""
    from policykit.formats.html import read_html

    return document_from_source(read_html(page.data, path=f"{name}{page.suffix}", name=name))


def problems(family: str, text: str) -> list[str]:
    """What the page of `family` gets wrong against the text: a different clause tree, chrome in a clause."""
    return check(cms_page(family, text))


def check(page: CmsPage) -> list[str]:
    """What the reader gets wrong on a page: a different clause tree, chrome in a clause."""
    try:
        read = tree(page_document(page))
    except PolicykitError as error:
        return [f"error: {error}"]
    expected = tree(parse_text(page.expected))
    found = []
    if [row[:2] for row in read] != [row[:2] for row in expected]:
        found.append("outline")
    elif read != expected:
        found.append("texts")
    clauses = "".join(row[2] for row in read)
    wanted = "".join(row[2] for row in expected)
    leaked = [c for c in page.chrome if clauses.count(squash(c)) > wanted.count(squash(c))]
    if leaked:
        found.append("chrome: " + " ".join(leaked))
    return found


def excerpt(text: str, chars: int) -> str:
    """The document's opening lines up to `chars` characters: a short notice, as most pages carry."""
    out, seen = [], 0
    for line in text.split("\n"):
        out.append(line)
        seen += len(squash(line))
        if seen >= chars:
            break
    return "\n".join(out)


def _probe() -> None:
    import os
    import sys

    from tests.conftest import CORPUS_FILES

    chars = int(os.environ.get("EXCERPT", "0"))
    texts = {path.stem: path.read_text(encoding="utf-8") for path in CORPUS_FILES}
    if chars:
        texts = {stem: excerpt(text, chars) for stem, text in texts.items()}
    only = sys.argv[1:] or list(FAMILIES)
    for family in only:
        failed = {stem: found for stem, text in texts.items() if (found := problems(family, text))}
        print(f"{family}: {len(failed)}/{len(texts)} documents fail", flush=True)
        for stem, found in failed.items():
            print(f"    {stem}: {'; '.join(found)}"[:200])


if __name__ == "__main__":
    _probe()
