"""MHTML saved pages: Chrome's "Webpage, Single File" (quoted-printable UTF-8, written by hand as Blink
lays it out) and IE/360's 单个文件 save (base64 GB2312 parts, written with the stdlib `email`), read
through the HTML reader to the same clause tree as the corpus .txt."""

from __future__ import annotations

import base64
import html
import quopri
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path

import pytest

from policykit.cli import app
from policykit.formats import detect_format
from policykit.formats.mhtml import page_html
from policykit.ingest import read_source
from policykit.pipeline import load_document
from tests.conftest import CORPUS, ROOT, assert_one_error_line

ROUND_TRIP = (
    "shanghai-urban-renewal-regulation-2021",
    "gov-work-report-2021",
    "national-digital-economy-14th-fyp",
)
PAGE_URL = "https://www.gov.cn/zhengce/content/2021-03/13/content_5592681.htm"
BOUNDARY = "----MultipartBoundary--kG7PqZ0cJb4fQbZ8sVYxq1rK2mUe5hT3nW6aD9----"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4


def gov_page(lines: list[str], charset: str = "utf-8", meta: bool = True) -> str:
    """A government site's article page: navigation, the article with headings as <p><strong>, share
    buttons and the site footer (the parts a saved page carries besides the document)."""
    body = []
    for line in lines:
        text = html.escape(line)
        heading = line.strip() and len(line) < 30 and not line.rstrip().endswith(("。", "；", "："))
        body.append(f'<p style="white-space: pre-wrap">{f"<strong>{text}</strong>" if heading else text}</p>')
    declared = f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">' if meta else ""
    return (
        f"<!DOCTYPE html><html><head>{declared}<title>国务院文件_中国政府网</title>"
        '<link rel="stylesheet" href="https://www.gov.cn/css/common.css"></head><body>'
        "<div class='header'><ul class='nav'><li><a href='/'>首页</a></li><li><a href='/zhengce/'>政策</a></li>"
        "<li><a href='/hudong/'>互动</a></li></ul></div>"
        "<div class='BreadcrumbNav'><a href='/'>首页</a> &gt; <a href='/zhengce/'>政策</a></div>"
        "<div class='article'><div id='UCAP-CONTENT' class='pages_content'>\n"
        + "\n".join(body)
        + "</div></div><div class='share'>分享到：<a>微信</a><a>微博</a></div>"
        "<div class='footer'><p>主办单位：国务院办公厅　运行维护单位：中国政府网运行中心</p>"
        "<p>版权所有：中国政府网　京ICP备05070218号</p></div>"
        '<img src="https://www.gov.cn/images/logo.png"></body></html>'
    )


def blink_mhtml(page: str, frames: tuple[str, ...] = ()) -> bytes:
    """An MHTML file as Chrome writes it: Blink's headers, the page in quoted-printable UTF-8 first
    (any frames after it), then the style sheet and images; CRLF line ends."""
    head = (
        "From: <Saved by Blink>\r\n"
        f"Snapshot-Content-Location: {PAGE_URL}\r\n"
        "Subject: =?utf-8?Q?=E5=9B=BD=E5=8A=A1=E9=99=A2=E6=96=87=E4=BB=B6?=\r\n"
        "Date: Mon, 30 Nov 2026 06:00:00 -0000\r\n"
        "MIME-Version: 1.0\r\n"
        'Content-Type: multipart/related;\r\n\ttype="text/html";\r\n'
        f'\tboundary="{BOUNDARY}"\r\n\r\n\r\n'
    )

    def part(headers: str, body: bytes) -> bytes:
        return f"--{BOUNDARY}\r\n{headers}\r\n\r\n".encode() + body + b"\r\n"

    def qp(text: str) -> bytes:
        return quopri.encodestring(text.encode("utf-8")).replace(b"\n", b"\r\n")

    parts = [
        part(
            "Content-Type: text/html\r\nContent-ID: <frame-8E1E0C5D4A@mhtml.blink>\r\n"
            f"Content-Transfer-Encoding: quoted-printable\r\nContent-Location: {PAGE_URL}",
            qp(page),
        )
    ]
    for index, frame in enumerate(frames):
        parts.append(
            part(
                f"Content-Type: text/html\r\nContent-ID: <frame-{index}@mhtml.blink>\r\n"
                "Content-Transfer-Encoding: quoted-printable",
                qp(frame),
            )
        )
    parts.append(
        part(
            "Content-Type: text/css\r\nContent-Transfer-Encoding: quoted-printable\r\n"
            "Content-Location: https://www.gov.cn/css/common.css",
            qp('@charset "utf-8";\n.nav li { float: left; }\n'),
        )
    )
    encoded = base64.encodebytes(PNG).replace(b"\n", b"\r\n")
    parts.append(
        part(
            "Content-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n"
            "Content-Location: https://www.gov.cn/images/logo.png",
            encoded,
        )
    )
    return head.encode() + b"".join(parts) + f"--{BOUNDARY}--\r\n".encode()


def ie_mhtml(page: str, charset: str | None = "gb2312", encoding: str = "gb18030", first: str = "") -> bytes:
    """An MHTML file as IE and 360 save one (单个文件): the page part base64 in its own GB2312 charset."""
    message = EmailMessage()
    message["From"] = "<Saved by Windows Internet Explorer 8>"
    message["Subject"] = "国务院文件"
    message["MIME-Version"] = "1.0"
    message.make_related()
    if first:  # a part before the page (a style sheet some savers put first)
        css = EmailMessage()
        css.set_content(first.encode(), "text", "css", cte="quoted-printable")
        message.attach(css)
    part = EmailMessage()
    part.set_content(page.encode(encoding), "text", "html", cte="base64")
    if charset:
        part.set_param("charset", charset)
    else:
        del part["Content-Type"]
        part["Content-Type"] = "text/html"
    part["Content-Location"] = PAGE_URL
    message.attach(part)
    image = EmailMessage()
    image.set_content(PNG, "image", "png", cte="base64")
    image["Content-Location"] = "https://www.gov.cn/images/logo.png"
    message.attach(image)
    return message.as_bytes(policy=SMTP)


def _corpus_lines(name: str) -> tuple[Path, list[str]]:
    path = CORPUS / f"{name}.txt"
    if not path.exists():
        pytest.skip(f"corpus document {path.name} not found at {CORPUS}")
    return path, [line.text for line in read_source(path).lines]


def tree(path: Path) -> list[tuple[str, str, str]]:
    return [(c.id, c.kind, c.text) for c in load_document(path).walk()]


@pytest.mark.parametrize("name", ROUND_TRIP)
def test_chrome_mhtml_gives_the_txt_tree(tmp_path, name):
    path, lines = _corpus_lines(name)
    target = tmp_path / f"{name}.mhtml"
    target.write_bytes(blink_mhtml(gov_page(lines)))
    assert b"=E7=AC=AC" in target.read_bytes()  # the page really is quoted-printable (第)
    assert tree(target) == tree(path)


@pytest.mark.parametrize("name", ROUND_TRIP)
def test_ie_gb2312_base64_mhtml_gives_the_txt_tree(tmp_path, name):
    path, lines = _corpus_lines(name)
    target = tmp_path / f"{name}.mht"
    target.write_bytes(ie_mhtml(gov_page(lines, "gb2312")))
    assert b"Content-Transfer-Encoding: base64" in target.read_bytes()
    assert tree(target) == tree(path)


LINES = [
    "关于推进城市更新的实施意见",
    "一、总体要求",
    "到2025年，完成老旧小区改造500个。",
    "二、保障措施",
    "加强组织领导。",
]


def _read(tmp_path: Path, data: bytes, name: str = "page.mht") -> list[str]:
    path = tmp_path / name
    path.write_bytes(data)
    return [line.text for line in read_source(path).lines if line.text.strip()]


def test_part_without_charset_uses_the_pages_meta_charset(tmp_path):
    """No charset on the part: the page's own <meta charset=gbk> decides, as a browser does."""
    data = ie_mhtml(gov_page(LINES, "gbk"), charset=None)
    assert b"charset" not in data.split(b"Content-Location")[0].split(b"related")[1]
    assert _read(tmp_path, data) == LINES


def test_part_and_page_without_any_charset_fall_back_to_gb18030(tmp_path):
    data = ie_mhtml(gov_page(LINES, meta=False), charset=None)
    assert _read(tmp_path, data) == LINES


def test_wrong_part_charset_falls_back_to_the_page(tmp_path):
    """A part that says UTF-8 but holds GBK bytes is decoded as the page's <meta> says."""
    data = ie_mhtml(gov_page(LINES, "gbk"), charset="utf-8")
    assert _read(tmp_path, data) == LINES


@pytest.mark.parametrize("charset", ["gb2312", None])
def test_page_re_encoded_as_utf8_under_stale_gb2312_labels(tmp_path, charset):
    """A saver that re-encodes the page as UTF-8 but leaves charset=gb2312 on the part or in <meta>:
    GB18030 would decode those bytes without complaint, into nonsense; valid UTF-8 that reads as Chinese wins."""
    data = ie_mhtml(gov_page(LINES, "gb2312"), charset=charset, encoding="utf-8")
    assert _read(tmp_path, data) == LINES
    # Short runs of Chinese in UTF-8 are valid GB18030 too: only reading them as UTF-8 first gets them right.
    page = "<html><head><meta charset=gb2312></head><body><p>城市更新</p><p>建设目标</p></body></html>"
    assert page.encode("utf-8").decode("gb18030") != page
    assert _read(tmp_path, ie_mhtml(page, charset=charset, encoding="utf-8")) == ["城市更新", "建设目标"]


def test_the_page_is_the_snapshot_location_not_a_frame_or_style_sheet(tmp_path):
    share = (
        "<html><body><p>分享到：微信 微博 QQ空间 这是分享按钮框架里的文字，不是文件内容。</p></body></html>"
    )
    data = blink_mhtml(gov_page(LINES), frames=(share,))
    # Move the frame before the page: the Snapshot-Content-Location still names the page.
    head, *parts = data.split(f"--{BOUNDARY}\r\n".encode())
    parts[0], parts[1] = parts[1], parts[0]
    data = head + b"".join(f"--{BOUNDARY}\r\n".encode() + p for p in parts)
    assert _read(tmp_path, data) == LINES
    assert _read(tmp_path, ie_mhtml(gov_page(LINES), first=".nav { float: left; }")) == LINES


def test_mhtml_page_metadata_comes_through_the_html_reader(tmp_path):
    page = gov_page(LINES).replace(
        "<div class='article'>",
        "<table class='info'><tr><td>标　　题：</td><td>关于推进城市更新的实施意见</td></tr>"
        "<tr><td>发文字号：</td><td>沪府规〔2025〕7号</td><td>成文日期：</td><td>2025年03月04日</td></tr></table>"
        "<div class='article'>",
    )
    path = tmp_path / "page.mhtml"
    path.write_bytes(blink_mhtml(page))
    source = read_source(path)
    assert source.encoding == "mhtml"
    assert source.metadata is not None
    assert (source.metadata.doc_number, source.metadata.date) == ("沪府规〔2025〕7号", "2025-03-04")
    assert not any("ICP" in line.text or "分享到" in line.text for line in source.lines)


@pytest.mark.parametrize("suffix", [".html", ".htm", ".doc", ".txt", ""])
def test_misnamed_mhtml_is_detected_by_content(tmp_path, suffix):
    data = blink_mhtml(gov_page(LINES))
    assert detect_format(data, suffix) == "mhtml"
    assert detect_format(ie_mhtml(gov_page(LINES)), suffix) == "mhtml"
    assert _read(tmp_path, data, f"page{suffix}") == LINES


def test_text_that_only_mentions_mime_headers_is_still_text():
    text = "第一条　邮件头部示例如下：\nContent-Type: multipart/related\n".encode()
    assert detect_format(text, ".txt") == "text"
    assert detect_format(b"Subject: hello\n\nContent-Type: multipart/related\n", ".txt") == "text"


def test_single_part_mht_is_read(tmp_path):
    """Some savers write a lone text/html message (no multipart) and name it .mht."""
    message = EmailMessage()
    message["MIME-Version"] = "1.0"
    message.set_content(gov_page(LINES).encode("utf-8"), "text", "html", cte="quoted-printable")
    message.set_param("charset", "utf-8")
    data = message.as_bytes(policy=SMTP)
    assert detect_format(data, ".mht") == "mhtml"
    assert _read(tmp_path, data) == LINES


@pytest.mark.parametrize(
    ("cut", "message"),
    [
        (lambda data: data[: data.index(b"--", 400)], "no web page inside"),
        (
            lambda data: data.split(b"Content-Type: text/html")[0] + b"Content-Type: image/png\r\n\r\nxx",
            "no web page",
        ),
    ],
    ids=["truncated-before-the-page", "no-html-part"],
)
def test_mhtml_without_a_page_gives_one_error_line(tmp_path, runner, cut, message):
    path = tmp_path / "broken.mht"
    path.write_bytes(cut(blink_mhtml(gov_page(LINES))))
    assert_one_error_line(runner, path, message)


def test_truncated_page_part_reads_what_arrived(tmp_path):
    """A download cut inside the page (no closing boundary, no later parts) keeps what arrived, as a browser does."""
    page = gov_page(LINES)
    data = blink_mhtml(page[: page.index(LINES[3])])
    data = data[: data.index(f"--{BOUNDARY}".encode(), data.index(PAGE_URL.encode(), 200))]
    assert _read(tmp_path, data) == LINES[:3]


def test_parse_mht_end_to_end(tmp_path, runner):
    path = tmp_path / "notice.mht"
    path.write_bytes(ie_mhtml(gov_page(LINES)))
    result = runner.invoke(app, ["parse", str(path)])
    assert result.exit_code == 0, result.output
    assert "一、总体要求" in result.output and "二、保障措施" in result.output
    assert "ICP" not in result.output and "Content-Type" not in result.output and "=E4" not in result.output
    as_json = runner.invoke(app, ["parse", str(path), "--format", "json"])
    assert as_json.exit_code == 0
    assert "老旧小区改造500个" in as_json.output


def test_page_html_decodes_quoted_printable_gbk():
    page = "<html><head><meta charset=gb2312></head><body><p>第一条　为了规范管理。</p></body></html>"
    message = EmailMessage()
    message.make_related()
    part = EmailMessage()
    part.set_content(page.encode("gbk"), "text", "html", cte="quoted-printable")
    part.set_param("charset", "gb2312")
    message.attach(part)
    assert "第一条　为了规范管理。" in page_html(message.as_bytes(policy=SMTP))


def test_reading_a_txt_loads_none_of_the_new_readers():
    """The MHTML, RTF and ODT readers (and email, lxml) load only when such a file is met."""
    import subprocess
    import sys

    from tests.conftest import SEED

    code = (
        "import sys\nfrom policykit.ingest import read_source\n"
        f"read_source({str(SEED)!r})\n"
        "print(sorted(m for m in sys.modules if m.startswith(('email', 'lxml', 'policykit.formats.'))))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


REAL_PAGE = ROOT.parent / "shared" / "formats" / "guangzhou-public-rental-housing-2024-13.html"


@pytest.mark.parametrize("saver", ["chrome", "ie-gb2312"])
def test_real_saved_page_inside_mhtml_reads_as_the_html(tmp_path, saver):
    """The real government page (scripts, comments with markup, metadata table, footer), saved as one
    file, gives the same lines and metadata as the .html itself."""
    if not REAL_PAGE.exists():
        pytest.skip(f"real saved page not found at {REAL_PAGE}")
    page = REAL_PAGE.read_text(encoding="utf-8")
    if saver == "chrome":
        data = blink_mhtml(page)
    else:  # IE re-encodes the page in the system code page and says so in the part header and <meta>
        data = ie_mhtml(page.replace('charset="UTF-8"', 'charset="gb2312"'), charset="gb2312")
    target = tmp_path / "page.mht"
    target.write_bytes(data)
    expected, got = read_source(REAL_PAGE), read_source(target)
    assert [line.text for line in got.lines] == [line.text for line in expected.lines]
    assert got.metadata == expected.metadata
    assert tree(target) == tree(REAL_PAGE)


def word_mht(lines: list[str]) -> bytes:
    """A "single file web page" as Word saves it (and as sites serve it, renamed .doc): a GBK preamble
    for mail readers, the page in quoted-printable GB2312 with Word's markup (MsoNormal, <o:p>, mso
    conditional comments), then its file list."""
    paragraphs = [
        "<p class=MsoNormal align=center style='text-align:center'><b><span style='font-size:22.0pt;"
        f"font-family:方正小标宋简体'>{lines[0]}<o:p></o:p></span></b></p>"
    ]
    for line in lines[1:]:
        paragraphs.append(
            "<p class=MsoNormal style='text-indent:32.0pt;line-height:28.0pt'><span style='font-size:16.0pt;"
            f"font-family:仿宋_GB2312'>{line[:4]}<span lang=EN-US>{line[4:]}</span><o:p></o:p></span></p>"
        )
    page = (
        '<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word" '
        'xmlns="http://www.w3.org/TR/REC-html40">\n<head>\n<meta http-equiv=Content-Type content="text/html; '
        'charset=gb2312">\n<meta name=ProgId content=Word.Document>\n<meta name=Generator content="Microsoft Word 15">\n'
        f"<title>{lines[0]}</title>\n<!--[if gte mso 9]><xml>\n <o:DocumentProperties>\n  <o:Author>admin</o:Author>\n"
        " </o:DocumentProperties>\n</xml><![endif]-->\n<style>\n<!--\n p.MsoNormal\n\t{margin:0cm;font-size:10.5pt;}\n"
        "-->\n</style>\n</head>\n\n<body lang=ZH-CN style='tab-interval:21.0pt'>\n\n<div class=WordSection1>\n\n"
        + "\n\n".join(paragraphs)
        + "\n\n</div>\n\n</body>\n\n</html>\n"
    )
    boundary = "----=_NextPart_01DA3B2C.5E6F7A80"
    return (
        f'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="{boundary}"\r\n\r\n'.encode()
        + "此文档为“单个文件网页”，也称为“Web 档案”文件。如果您看到此消息，您的浏览器不支持“Web 档案”文件。\r\n\r\n".encode(
            "gbk"
        )
        + f"--{boundary}\r\nContent-Location: file:///C:/D0B2C5F1/file.htm\r\n"
        'Content-Transfer-Encoding: quoted-printable\r\nContent-Type: text/html; charset="gb2312"\r\n\r\n'.encode()
        + quopri.encodestring(page.encode("gbk")).replace(b"\n", b"\r\n")
        + f"\r\n\r\n--{boundary}\r\nContent-Location: file:///C:/D0B2C5F1/file.files/filelist.xml\r\n"
        'Content-Transfer-Encoding: quoted-printable\r\nContent-Type: text/xml; charset="utf-8"\r\n\r\n'
        '<xml xmlns:o=3D"urn:schemas-microsoft-com:office:office">\r\n <o:MainFile HRef=3D"../file.htm"/>\r\n'
        f"</xml>\r\n--{boundary}--\r\n".encode()
    )


@pytest.mark.parametrize("suffix", [".mht", ".doc"])
def test_word_single_file_web_page_is_read(tmp_path, suffix):
    data = word_mht(LINES)
    assert detect_format(data, suffix) == "mhtml"
    assert _read(tmp_path, data, f"notice{suffix}") == LINES


def test_the_page_is_the_part_the_message_starts_with():
    """multipart/related; start=<cid>: the root part is the page, even after another HTML part."""
    message = EmailMessage()
    message["MIME-Version"] = "1.0"
    message.make_related()
    for cid, page in (("<frame@x>", "<p>分享到：微信 微博</p>"), ("<page@x>", gov_page(LINES))):
        part = EmailMessage()
        part.set_content(page.encode("utf-8"), "text", "html", cte="base64")
        part["Content-ID"] = cid
        message.attach(part)
    message.set_param("start", "<page@x>")
    assert "加强组织领导" in page_html(message.as_bytes(policy=SMTP))
    message.set_param("start", "<frame@x>")
    assert "加强组织领导" not in page_html(message.as_bytes(policy=SMTP))


def test_article_in_a_frame_is_the_document(tmp_path):
    """Some sites show the document in an <iframe>; Chrome saves the frame as its own part. The page
    itself then holds only chrome and the 标题/文号 block, so the frame's text is the document."""
    path, lines = _corpus_lines("shanghai-urban-renewal-regulation-2021")
    shell = gov_page([]).replace(
        "<div class='article'>",
        "<table class='info'><tr><td>发文字号：</td><td>沪人大常〔2021〕5号</td></tr></table>"
        "<iframe src='cid:frame-0@mhtml.blink'></iframe><div class='article'>",
    )
    article = gov_page(lines).replace("国务院文件_中国政府网", "正文")
    target = tmp_path / "framed.mhtml"
    target.write_bytes(blink_mhtml(shell, frames=(article,)))
    assert tree(target) == tree(path)
    assert read_source(target).metadata.doc_number == "沪人大常〔2021〕5号"
    # A page with its own article keeps it, whatever its frames hold.
    target.write_bytes(blink_mhtml(gov_page(LINES * 40), frames=(article,)))
    assert [line.text for line in read_source(target).lines if line.text.strip()][:5] == LINES
