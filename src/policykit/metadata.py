"""A document's metadata (title, issuer, 文号, dates, plan period) read from where documents put them."""

from __future__ import annotations

import re
from collections.abc import Sequence

from policykit import pattern_cache
from policykit.gongwen import DOC_NUMBER, DOC_NUMBER_TAIL, Part, organs
from policykit.model import Metadata, Paragraph
from policykit.normalise import DATELINE, TITLE_END
from policykit.zh.dates import dates
from policykit.zh.numbering import (
    APPENDIX,
    BANNER,
    alternatives,
    chinese_ordinal,
    is_heading_line,
    is_toc_line,
    layout_words,
    match_numbering,
)

_WORDS = layout_words()
_DATE = pattern_cache.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
_QUOTED_TITLE = pattern_cache.compile(
    rf"《([^《》]{{4,80}}(?:{alternatives(set(_WORDS['document_types']) - set(_WORDS['wrapper_types']))})"
    r"(?:（[^（）]{1,20}）)?)》"
)
_REVIEW_WORD = str(_WORDS["review_heading"])
_REVIEW_YEAR = pattern_cache.compile(rf"(\d{{4}})年{re.escape(_REVIEW_WORD)}")
"""A work report reviews the previous year, so its own year is the reviewed year plus one."""
_PLAN_YEAR = pattern_cache.compile(
    rf"对?(\d{{4}})年[^，。；：！？\d]{{0,12}}?(?:{alternatives('plan_headings')})[^，。；：！？]{{0,12}}"
)
"""A work report's plan heading (2098年工作总体部署, 对2098年政府工作的建议) names its own year."""
_SUBJECT = str(_WORDS["title_subject"])
_ISSUERS = pattern_cache.compile(r"[\u4e00-\u9fff（）()、 　]{2,80}")
"""A line of issuer names only (某市某区科技局 中共某区委统战部): a title's first line where it is set apart."""
_CITING = tuple(str(word) for word in _WORDS["citing_words"])
_TITLE_LABEL = pattern_cache.compile(
    rf"^(?:{'|'.join('[ 　]*'.join(word) for word in _WORDS['title_labels'])})[ 　]*[：:][ 　]*(?=\S)"
)
"""标题：…, 标　　题：… before a title (a web page's key–value block): the label goes, the title stays."""
_ADOPTION = pattern_cache.compile(
    rf"^[（(]?\d{{4}}年\d{{1,2}}月\d{{1,2}}日[^。；]{{2,160}}?(?:{alternatives(_WORDS['adoption_verbs'])})[）)]?$"
)
"""A 法规's record line under its title: dated, ending with 通过 or 修正 (one or several on one line)."""
_ADOPTED_BY = pattern_cache.compile(
    r"日[ 　]*(?:在|经)?([\u4e00-\u9fff]{0,12}?)第[〇一二三四五六七八九十百零\d]{1,4}届"
    rf"({alternatives(_WORDS['adoption_bodies'])})第[〇一二三四五六七八九十百零\d]{{1,4}}次"
)
"""…日 XX市第十五届人民代表大会常务委员会第七次…: the place and the body that passed the text."""
_STANDARD_NUMBER = pattern_cache.compile(
    r"(?:^|编号为|编号[：:]|标准号[：:])[ 　]*([A-Z]{1,6}\d{0,3}(?:/[A-Z])?[ 　]?\d{1,6}(?:\.\d{1,3})?[-—–－]\d{4})(?![\d])",
    re.M,
)
"""A standard's number on its cover line or where its 公告 approves it (编号为DBJ33/T1309-2023, GB/T 22373—2021)."""
_HEAD_DETAILS = 30
"""How many paragraphs from the top a page's details block (索取号 … 发布机构 …) may take."""
_HEAD_LINES = 12
"""How many paragraphs under the title a 法规's record lines may take."""
_ISSUER_LABEL = pattern_cache.compile(rf"^(?:{alternatives(_WORDS['issuer_labels'])})[ 　]*[：:]?[ 　]*(.*)$")
"""发布机构 / 某市交通委员会 (or 发布机构：…): a page's details block names the issuing organ."""
_BYLINE_DATE = pattern_cache.compile(
    rf"^(\d{{4}})[-/.](\d{{1,2}})[-/.](\d{{1,2}})(?:[ 　\t]+(?:{alternatives(_WORDS['byline_labels'])})[：:].*)?$"
)
"""2099-03-08　来源：某市民政局 under a page's title: the page's own date, written the ISO way."""
_BYLINE_LINES = 6
"""How many paragraphs from the top a byline may stand: right under the title."""
_DEADLINE_BEFORE = tuple(str(word) for word in _WORDS["deadline_before"])
_DEADLINE_AFTER = tuple(str(word) for word in _WORDS["deadline_after"])


def extract_metadata(
    paragraphs: tuple[Paragraph, ...],
    text: str,
    parts: Sequence[Part] = (),
    not_title: frozenset[int] = frozenset(),
) -> Metadata:
    """Read title, issuer, document number, date and plan period from where documents put them.

    `parts` are the 公文 parts (policykit.gongwen): their paragraphs are never the title, and they
    give the 发文字号, 成文日期, 署名 and the other GB/T 9704 fields where the document has them.
    `not_title` holds other paragraphs that are never the title: a 目录's heading and entries.
    """
    furniture = {part.index for part in parts} | not_title
    head = [(k, p) for k, p in enumerate(paragraphs[:40]) if k not in furniture]
    title = None
    for at, (k, p) in enumerate(head):
        candidate = p.text.strip()
        if len(candidate) <= 40 and candidate.endswith(("：", ":")) and not _TITLE_LABEL.match(candidate):
            break  # 各位代表：, 各区人民政府：: a salutation or the 主送 opens the body; no title comes after it
        if len(candidate) > 30 and candidate.endswith("。") and not is_heading_line(candidate):
            break  # a paragraph of prose opens the body: a short line after it is a byline or a heading
        if (
            candidate
            and len(candidate) <= 100
            and not BANNER.match(candidate)
            and not _DATE.fullmatch(candidate)
            and not candidate.startswith(("—", "（", "("))
            and re.search(r"[\u4e00-\u9fff]", candidate)
            and not re.search(r"[。；]", candidate)
            and not candidate.endswith(("：", ":", "！", "!"))  # a salutation (各位代表！) is no title
            and not APPENDIX.match(candidate)
            and not DATELINE.search(candidate)
            and not is_heading_line(candidate)  # 一、2018年工作回顾 opens the body: no title line at all
            and not is_toc_line(candidate)  # 目  录 heads a list of contents, whether or not it is found
        ):
            title = candidate[label.end() :] if (label := _TITLE_LABEL.match(candidate)) else candidate
            rest = head[at + 1][1].text.strip() if at + 1 < len(head) else ""
            if (
                k + 1 in not_title
                and not TITLE_END.search(title)
                and len(rest) <= 60
                and TITLE_END.search(rest)
            ):
                title += rest  # 国务院关于印发 / 目录 / “十四五”…的通知: a 目录 set inside the title
            elif (
                rest.startswith(_SUBJECT)
                and len(rest) <= 100
                and TITLE_END.search(rest)
                and not TITLE_END.search(title)
                and _SUBJECT not in title
                and _ISSUERS.fullmatch(title)
            ):
                title += rest  # 某省人民政府办公厅 / 关于…的函: the issuers set on a line of their own
            break
    if title is None or BANNER.match(paragraphs[0].text if paragraphs else ""):
        quoted = _QUOTED_TITLE.search(text, 0, _opening_end(paragraphs, furniture))
        if quoted and not text.endswith(_CITING, 0, quoted.start()):  # 根据《…》 cites another document
            title = quoted.group(1)
    fields: dict[str, list[str]] = {}
    for part in parts:
        fields.setdefault(part.field, []).append(part.value)

    def first(name: str) -> str | None:
        return fields[name][0] if fields.get(name) else None

    # Without a 发文字号 line, take a number from the title or unbracketed text: one in brackets
    # elsewhere cites another document (《光伏电站开发建设管理办法》（国能发新规〔2022〕104号）).
    title_at = text.find(title) if title else -1
    title_end = title_at + len(title) + 2 if title else -1
    number = next(
        (
            found
            for found in (DOC_NUMBER.finditer(text[:3000]) if DOC_NUMBER_TAIL.search(text, 0, 3000) else ())
            if not text.endswith(("（", "("), 0, found.start())
            or (title_at >= 0 and title_at <= found.start() <= title_end)
        ),
        None,
    )
    adopted = _adoption(paragraphs, furniture)
    date = (
        _iso_date(first("date"))
        or max((found for line in adopted if (found := _latest_date(line))), default=None)
        or _byline_date(paragraphs, furniture)
        or _iso_date(_own_date(text, 3000, _opening_end(paragraphs, furniture)))
    )
    period = dates().period.search(text[:5000])  # one dash class: （2023－2025年） too
    signature = tuple(fields.get("signature", ()))
    year = int(date[:4]) if date else None
    review = _year_search(_REVIEW_YEAR, text, 5000, _REVIEW_WORD)
    if year is None and review:
        year = int(review.group(1)) + 1
    if year is None and period is None:
        year = _plan_year(paragraphs, furniture)
    return Metadata(
        title=title,
        issuer="、".join(signature)
        if signature
        else _adopted_by(adopted) or _labelled_issuer(paragraphs, furniture) or _title_issuer(title),
        doc_number=re.sub(r"[ 　]", "", first("doc_number") or (number.group(0) if number else ""))
        or _standard_number(text[: _opening_end(paragraphs, furniture)]),
        date=date,
        period=f"{period.group(1)}-{period.group(2)}" if period else None,
        year=year,
        issuer_mark=first("issuer_mark"),
        signer=first("signer"),
        recipients=first("recipients"),
        attachments=tuple(name for name in fields.get("attachments", ()) if name),  # 附件： alone names none
        signature=signature,
        note=first("note"),
        copy_to=first("copy_to"),
        distribute_to=first("distribute_to"),
        printed_by=first("printed_by"),
        printed_date=_iso_date(first("printed_date")),
        copies=int(copies) if (copies := first("copies")) else None,
        urgency=first("urgency"),
        secrecy=first("secrecy"),
        copy_number=first("copy_number"),
    )


def _opening_end(paragraphs: tuple[Paragraph, ...], furniture: set[int]) -> int:
    """Where the body's first heading starts: a 《…》 named after it (…编制了《…纲要（草案）》) is cited, not the title.

    A newspaper's banners (>>创新引领发展<<) head its page's sections, not the body's: the article names its
    document below them.

    >>> _opening_end((Paragraph("各位代表：", ()), Paragraph("一、2097年工作回顾", ()), Paragraph("《某纲要》", ())), set())
    6
    """
    offset = 0
    for k, p in enumerate(paragraphs):
        if k not in furniture and is_heading_line(p.text.strip()) and not BANNER.match(p.text):
            return offset
        offset += len(p.text) + 1
    return offset


def _plan_year(paragraphs: tuple[Paragraph, ...], furniture: set[int]) -> int | None:
    """The year a work report's first plan heading names (二、2098年工作总体部署): the report's own.

    >>> _plan_year((Paragraph("今年就业80万人以上。", ()), Paragraph("三、2098年重点工作安排", ())), set())
    2098
    >>> _plan_year((Paragraph("到2098年重点工作全部完成。", ()),), set()) is None
    True
    """
    for k, p in enumerate(paragraphs):
        line = p.text.strip()
        if k in furniture or "年" not in line or len(line) > 40:
            continue
        numbering = match_numbering(line) if is_heading_line(line) else None
        found = _PLAN_YEAR.fullmatch(numbering.rest.strip() if numbering else line)
        if found:
            return int(found.group(1))
    return None


def _byline_date(paragraphs: tuple[Paragraph, ...], furniture: set[int]) -> str | None:
    """The date of a page's byline under its title, written the ISO way (2099-03-08　来源：…), as YYYY-MM-DD.

    >>> from policykit.model import Paragraph as P
    >>> _byline_date((P("某问答", ()), P("2099-03-08　来源：某市民政局", ())), set())
    '2099-03-08'
    """
    for k, p in enumerate(paragraphs[:_BYLINE_LINES]):
        if k not in furniture and is_heading_line(p.text.strip()):
            return None  # the body has begun: a date under its headings is the body's
        if k not in furniture and (found := _BYLINE_DATE.match(p.text.strip())):
            year, month, day = (int(found.group(g)) for g in (1, 2, 3))
            if 1 <= month <= 12 and 1 <= day <= 31:
                return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def _labelled_issuer(paragraphs: tuple[Paragraph, ...], furniture: set[int]) -> str | None:
    """The organ a page's details block names under its label (发布机构 / 某市交通委员会, 发文机关：…).

    >>> from policykit.model import Paragraph as P
    >>> _labelled_issuer((P("某通知", ()), P("发布机构", ()), P("某市交通委员会", ())), set())
    '某市交通委员会'
    """
    head = [p.text.strip() for k, p in enumerate(paragraphs[:_HEAD_DETAILS]) if k not in furniture]
    for k, line in enumerate(head):
        label = _ISSUER_LABEL.match(line)
        if label:
            value = label.group(1) or (head[k + 1] if k + 1 < len(head) else "")
            if named := organs(value):
                return named
    return None


def _standard_number(head: str) -> str | None:
    """A standard's own number above its first clause: a cover line, or the number its 公告 approves it under.

    >>> _standard_number("某规程\\n现批准《某规程》为某省工程建设标准，编号为DB99/T1234-2022，自…施行。")
    'DB99/T1234-2022'
    >>> _standard_number("GB/T 22373—2021\\n代替 GB/T 22373—2008"), _standard_number("依据GB/T 1.1—2020起草")
    ('GB/T 22373—2021', None)
    """
    found = _STANDARD_NUMBER.search(head)
    return found.group(1) if found else None


def _title_issuer(title: str | None) -> str | None:
    """The organs that open a title (某县人民政府关于批转…的通知): a notice without a 落款 still names its issuer.

    >>> _title_issuer("某县人民政府关于批转某局意见的通知"), _title_issuer("关于某事的通知")
    ('某县人民政府', None)
    """
    at = title.find(_SUBJECT) if title else -1
    return organs(title[:at]) if title and at >= 2 else None


def _own_date(text: str, end: int, opening: int) -> str | None:
    """The first date in text[:end] that is no deadline or start (截止时间为2099年3月31日, 2099年1月1日起).

    After the body's first heading (at `opening`) only a date alone on its line counts: one in a
    clause's sentence (2019年3月17日印发的《…》同时废止, 即日起至2099年6月30日) is another date.

    >>> _own_date("申报截止2099年3月31日，2099年4月1日前报送。2099年2月1日", 100, 100)
    '2099年2月1日'
    >>> _own_date("一、其他\\n2098年3月17日印发的《某通知》同时废止。", 100, 0) is None
    True
    """
    text = text[:end]
    offset = 0
    while (found := _year_search(_DATE, text, len(text))) is not None:
        if not (
            text.endswith(_DEADLINE_BEFORE, 0, found.start()) or text.startswith(_DEADLINE_AFTER, found.end())
        ) and (offset + found.start() < opening or _alone(text, found)):
            return found.group(0)
        offset += found.end()
        text = text[found.end() :]
    return None


def _alone(text: str, found: re.Match[str]) -> bool:
    """Tell whether a found date is all its line says, brackets aside: （2099年1月2日）."""
    line_start = text.rfind("\n", 0, found.start()) + 1
    line_end = text.find("\n", found.end())
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    return line.strip(" 　（）()") == found.group(0)


def _adoption(paragraphs: tuple[Paragraph, ...], furniture: set[int]) -> list[str]:
    """A 法规's record lines under its title (…会议通过, …修正): they date the text and name who passed it.

    >>> from policykit.model import Paragraph as P
    >>> _adoption((P("某条例", ()), P("2098年1月2日 某市第九届人民代表大会常务委员会第三次会议通过", ())), set())
    ['2098年1月2日 某市第九届人民代表大会常务委员会第三次会议通过']
    """
    lines = []
    for k, p in enumerate(paragraphs[:_HEAD_LINES]):
        line = p.text.strip()
        if k in furniture or not line:
            continue
        if is_heading_line(line):
            break
        if _ADOPTION.match(line):
            lines.append(line)
    return lines


def _latest_date(line: str) -> str | None:
    """The latest date a record line names (通过 … 第一次修正 … 第二次修正 on one line), as YYYY-MM-DD."""
    return max((iso for found in _DATE.finditer(line) if (iso := _iso_date(found.group(0)))), default=None)


def _adopted_by(lines: list[str]) -> str | None:
    """The body that passed the text, from its first record line: 上海市人民代表大会常务委员会.

    >>> _adopted_by(["2098年1月2日 某市第九届人民代表大会常务委员会第三次会议通过"])
    '某市人民代表大会常务委员会'
    """
    found = next((m for line in lines if (m := _ADOPTED_BY.search(line))), None)
    return found.group(1) + found.group(2) if found else None


def _year_search(pattern: re.Pattern[str], text: str, end: int, after: str = "") -> re.Match[str] | None:
    """pattern.search(text[:end]) for a pattern that opens with four digits and 年: tried only where 年 stands.

    A regex search tries the pattern at every character; str.find jumps from one 年 (and the word
    after it) to the next at C speed, and a match can start only four characters before one.

    >>> _year_search(_DATE, "于2024年3月发布，2025年1月2日施行", 100).group(0)
    '2025年1月2日'
    """
    marker = "年" + after
    at = text.find(marker, 4, end)
    while at >= 0:
        found = pattern.match(text, at - 4, end)
        if found:
            return found
        at = text.find(marker, at + 1, end)
    return None


_ANY_DATE = pattern_cache.compile(
    r"([\d〇○零一二三四五六七八九]{4})年([\d一二三四五六七八九十]{1,3})月([\d一二三四五六七八九十]{1,3})日"
)


def _iso_date(text: str | None) -> str | None:
    """Write a date as YYYY-MM-DD, whether in Arabic or Chinese numerals.

    >>> _iso_date("2019年1月24日"), _iso_date("二〇一二年十二月十二日"), _iso_date(None)
    ('2019-01-24', '2012-12-12', None)
    """
    found = _ANY_DATE.search(text or "")
    if not found:
        return None
    digits = "〇一二三四五六七八九"
    year = "".join(str(digits.index(c)) if c in digits else "0" if c in "○零" else c for c in found.group(1))
    month, day = (chinese_ordinal(found.group(k)) for k in (2, 3))
    return f"{int(year):04d}-{month:02d}-{day:02d}"


__all__ = ["extract_metadata"]
