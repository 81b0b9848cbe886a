"""公文 parts (GB/T 9704): the 版头, 主送, 落款 and 版记 lines around a document's text.

They say who issued the document, to whom, when and how many copies, so they belong in `metadata`,
not in clauses. Each part is found by its own layout at the text level (after normalise), so every
reader benefits: .txt, PDF, Word, OFD and HTML. The paragraphs they take stay on the Document as
`furniture`, so the text is still accounted for character by character.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from policykit import pattern_cache
from policykit.config import data_yaml
from policykit.model import Paragraph
from policykit.zh.chars import squash
from policykit.zh.numbering import TITLE_END, is_heading_line, match_numbering, union

DOC_NUMBER_TAIL = pattern_cache.compile(r"[〔\[［(（]\d{4}[〕\]］)）]\d{1,4}号")
"""The bracketed year and serial that end every 发文字号: where it is absent, no DOC_NUMBER can match."""
DOC_NUMBER = pattern_cache.compile(r"[\u4e00-\u9fff]{1,12}[ 　]?" + DOC_NUMBER_TAIL.pattern)
"""A 发文字号; a space may stand before its bracketed year (青交运 〔2031〕45号): metadata drops it."""
"""发文字号: 国发〔2019〕4号 (brackets vary in scraped text)."""

_DATE = r"(?:\d{4}年\d{1,2}月\d{1,2}日|[〇○零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日)"
DATE_LINE = pattern_cache.compile(rf"^{_DATE}$")
"""成文日期 alone on a line: 2019年1月24日, 二〇一二年十二月十二日."""

_SENTENCE = pattern_cache.compile(r"[，。；：:！？、,;!?]")
_SIGNATURE_LINES = 15  # 13 joint issuers sign shanghai-huangpu's notice, one or two to a line
_HEAD = 40  # the 版头 and a notice's own 主体 sit in its first paragraphs
_RECIPIENT_LINES = 5  # the 主送 stands within this many lines after the title's first line
_TITLE_COPY_SHORTEST = (
    6  # a title repeated under a page's details block: a shorter line (通知) repeats by chance
)


@dataclass(frozen=True)
class Part:
    """One paragraph that is a 公文 part: which field it fills and the value it gives."""

    index: int
    field: str
    value: str


@lru_cache(maxsize=1)
def _words() -> dict:
    return data_yaml("gongwen.yaml")


def _spaced(word: str) -> str:
    """A label as typeset, letter-spaced or not: 电话 matches 电  话."""
    return "[\\s　]*".join(re.escape(char) for char in word)


def _any(words: Iterable[object]) -> str:
    return "|".join(sorted((re.escape(str(w)) for w in words), key=len, reverse=True))


_Take = Callable[[int, str, str], None]
"""find_parts' recorder: (paragraph index, field, value)."""
_Patterns = dict[str, re.Pattern[str]]


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    words = _words()
    labels = {
        field: pattern_cache.compile(rf"^(?:{_any(names)})[\s　]*[：:][\s　]*(.*)$")
        for field, names in words["labels"].items()
    }
    first, last = words["copies"]
    return {
        **labels,
        "issuer_mark": pattern_cache.compile(
            rf"^[\u4e00-\u9fff（）()、\s　]{{2,40}}(?:{_any(words['issuer_mark_endings'])})$"
        ),
        "urgency": pattern_cache.compile(rf"^(?:{_any(words['urgency'])})$"),
        "secrecy": pattern_cache.compile(rf"^(?:{_any(words['secrecy'])})(?:[★☆*].{{0,8}})?$"),
        "copy_number": pattern_cache.compile(r"^\d{6}$"),
        "printed": pattern_cache.compile(
            rf"^(.{{2,40}}?)[\s　]*({_DATE})[\s　]*{re.escape(words['printed'])}$"
        ),
        # the date alone, its 印发机关 on the line above (XX办公厅 / 2012年12月12日印发), as narrow pages wrap it
        "printed_date": pattern_cache.compile(rf"^({_DATE})[\s　]*{re.escape(words['printed'])}$"),
        "signed": pattern_cache.compile(
            rf"^([^，。；：:！？、,;\t]{{1,38}}(?:{_any(words['recipient_endings'])}))[ 　]{{2,}}({_DATE})$"
        ),
        "copies": pattern_cache.compile(rf"^{re.escape(first)}[\s　]*(\d{{1,6}})[\s　]*{re.escape(last)}$"),
        "recipients": pattern_cache.compile(
            rf"^[^。；！？]{{2,160}}(?:{_any(words['recipient_endings'])})[：:]$"
        ),
        # a 附注 in parentheses, a contact's two lines joined in it (（联系人：王老师 电话：… 技术支持：…）)
        "note": pattern_cache.compile(rf"^[（(](?:{_any(words['note_openings'])})[^（）()]{{1,60}}[）)]$"),
        "note_label": pattern_cache.compile(
            rf"^(?:{'|'.join(_spaced(name) for name in words['note_labels'])})[\s　]*[：:](?![\s　_＿]*$)[^。]{{1,60}}$"
        ),  # a value (联 系 人：王老师；联系方式：…), not a form's blank to fill (联系电话：________)
        # a further contact line under a 附注 (技术支持：李老师；联系方式：138…): it names a way to reach someone
        "note_more": pattern_cache.compile(
            rf"^[^。]{{0,30}}?(?:{'|'.join(_spaced(name) for name in (*words['note_openings'], *words['note_labels']))})"
            rf"[\s　]*[：:][^。]{{1,40}}$"
        ),
        "blank_page": pattern_cache.compile(rf"^[（(](?:{_any(words['blank_page'])})[）)]$"),
        "downloads": pattern_cache.compile(rf"^(?:{_any(words['download_labels'])})[\s　]*[：:]?$"),
        "download_file": pattern_cache.compile(rf"^(.{{2,80}}?)\.(?:{_any(words['file_suffixes'])})$", re.I),
    }


@lru_cache(maxsize=1)
def organ_name() -> re.Pattern[str]:
    """An organ's name, one of several on a line: its words end as a 主送's names do (…人民政府, …局)."""
    return pattern_cache.compile(rf"[\u4e00-\u9fff（）()]{{1,38}}(?:{_any(_words()['recipient_endings'])})")


def organs(text: str) -> str | None:
    """The organs a line names and nothing else (某市交通委员会, 某局 某委), joined by 、; None otherwise.

    >>> organs("某省财政厅 某省税务局"), organs("某市交通委员会"), organs("某区绿道建设导则")
    ('某省财政厅、某省税务局', '某市交通委员会', None)
    """
    names = [name for name in re.split(r"[、\s　]+", text.strip()) if name]
    return "、".join(names) if names and all(organ_name().fullmatch(name) for name in names) else None


@lru_cache(maxsize=1)
def _page_number() -> re.Pattern[str]:
    words = _words()["page_number"]
    dash = f"[{re.escape(words['dashes'])}]"
    (before, after), (total, unit) = words["page"], words["of"]
    number = r"\s*\d{1,4}\s*"
    return pattern_cache.compile(
        rf"^(?:{dash}{{1,2}}{number}{dash}{{1,2}}"
        rf"|{before}{number}{after}(?:[\s　，,/／]*{total}{number}{unit})?"
        rf"|\d{{1,4}}\s*[/／]\s*\d{{1,4}})$"
    )


def is_page_number(text: str) -> bool:
    """Tell whether a line is only a page number (— 3 —, - 3 -, · 3 ·, 第3页 共12页, 3/12): page furniture.

    >>> [is_page_number(t) for t in ("— 3 —", "－12－", "· 3 ·", "第 3 页 共 12 页", "3/12", "12", "—3年—")]
    [True, True, True, True, True, False, False]
    """
    return bool(_page_number().match(text.strip()))


def is_part_line(text: str) -> bool:
    """Tell whether a line is a 公文 part by its look alone (版头, 成文日期), so never part of a title.

    >>> is_part_line("青山市人民政府文件"), is_part_line("国发〔2019〕4号"), is_part_line("二〇二三年十月八日")
    (True, True, True)
    >>> is_part_line("关于印发方案的通知")
    False
    """
    text = text.strip()
    patterns = _patterns()
    return bool(
        DOC_NUMBER.match(text)
        or DATE_LINE.match(text)
        or any(patterns[name].match(text) for name in ("issuer_mark", "urgency", "secrecy", "copy_number"))
    )


def _is_signature_line(text: str) -> bool:
    return 2 <= len(squash(text)) <= 40 and not _SENTENCE.search(text) and not is_heading_line(text)


def find_parts(paragraphs: tuple[Paragraph, ...], *, skip: frozenset[int] = frozenset()) -> list[Part]:
    """Find the paragraphs that are 公文 parts, in document order; `skip` holds 目录 and table rows to leave alone.

    >>> from policykit.normalise import normalise
    >>> from policykit.ingest import source_from_text
    >>> text = "青山市人民政府文件\\n青政发〔2024〕3号\\n青山市人民政府关于做好年度工作的通知\\n各区人民政府，市政府各委、办、局：\\n现将有关事项通知如下。\\n青山市人民政府\\n2024年3月1日\\n抄送：市委办公厅。\\n青山市人民政府办公厅  2024年3月2日印发\\n"
    >>> [(p.field, p.value) for p in find_parts(normalise(source_from_text(text)))]  # doctest: +NORMALIZE_WHITESPACE
    [('issuer_mark', '青山市人民政府文件'), ('doc_number', '青政发〔2024〕3号'),
     ('recipients', '各区人民政府，市政府各委、办、局'), ('signature', '青山市人民政府'), ('date', '2024年3月1日'),
     ('copy_to', '市委办公厅'), ('printed_by', '青山市人民政府办公厅'), ('printed_date', '2024年3月2日')]
    """
    patterns = _patterns()
    texts = [p.text.strip() for p in paragraphs]
    found: dict[int, list[Part]] = {}

    def take(i: int, field: str, value: str) -> None:
        found.setdefault(i, []).append(Part(i, field, value.strip().rstrip("。.；;")))

    title_seen = False
    body_part, head_part = _body_part(), _head_part()

    @lru_cache(maxsize=1)
    def last_heading() -> int:
        return max((k for k, t in enumerate(texts) if is_heading_line(t)), default=-1)

    skipped = 0  # lines of a 目录 or table before i: the head is counted without them
    for i, text in enumerate(texts):
        if i in skip:
            skipped += 1
            continue
        if i in found or not text:
            continue
        if furniture := paragraphs[i].furniture:  # a page number or running head normalise found
            take(i, furniture, text)
            continue
        head = i - skipped < _HEAD
        if not ((head_part if head else body_part).match(text) or _dated_part(text, patterns)):
            # No part's pattern matches (one test, not eight or fourteen): only a head line's title test is left.
            if head and not title_seen:
                title_seen = _is_title_line(text)
                if title_seen:
                    _recipients(texts, i, skip, take, patterns)
            continue
        if head and not title_seen:
            if patterns["issuer_mark"].match(text) and i < 3:
                take(i, "issuer_mark", text)
                continue
            if (
                patterns["urgency"].match(text)
                or patterns["secrecy"].match(text)
                or patterns["copy_number"].match(text)
            ):
                name = next(n for n in ("urgency", "secrecy", "copy_number") if patterns[n].match(text))
                take(i, name, text)
                continue
        number = DOC_NUMBER.match(text)
        signer = patterns["signer"].match(text[number.end() :].strip()) if number else None
        if head and number and (number.end() == len(text) or signer):
            take(i, "doc_number", number.group(0))  # 上行文 put the 签发人 on the same line
            if signer:
                take(i, "signer", signer.group(1))
            continue
        if _attachment_list(texts, i, skip, take, patterns) or _download_list(texts, i, skip, take, patterns):
            continue
        labelled = next(
            (
                (field, m)
                for field in ("signer", "copy_to", "distribute_to", "subject_words")
                if (m := patterns[field].match(text))
            ),
            None,
        )
        if labelled:
            take(i, labelled[0], labelled[1].group(1))
            continue
        printed = patterns["printed"].match(text)
        if printed:
            take(i, "printed_by", printed.group(1))
            take(i, "printed_date", printed.group(2))
            continue
        printed = patterns["printed_date"].match(text)
        if printed:
            k = i - 1
            while k >= 0 and not texts[k] and k not in skip:
                k -= 1
            printer = texts[k] if k >= 0 and k not in found and k not in skip else ""
            if printer and _is_signature_line(printer) and not match_numbering(printer):
                take(k, "printed_by", printer)
            take(i, "printed_date", printed.group(1))
            continue
        copies = patterns["copies"].match(text)
        if copies:
            take(i, "copies", copies.group(1))
            continue
        if patterns["blank_page"].match(text):
            take(i, "blank_page", text)  # （此页无正文）: a page's mark, no text of the document
            continue
        if patterns["note"].match(text) and i - 1 in found:
            take(i, "note", text)
            continue
        if patterns["note_label"].match(text) and i > last_heading():
            take(i, "note", text)  # 联系人：…, 公开方式：主动公开 after the body's last heading
            continue
        if patterns["note_more"].match(text) and any(part.field == "note" for part in found.get(i - 1, ())):
            take(i, "note", text)  # 技术支持：…；联系方式：… under the 联系人 line: the same 附注
            continue
        signed = None if DATE_LINE.match(text) else patterns["signed"].match(text)
        if signed and is_heading_line(text):
            signed = None
        if signed or DATE_LINE.match(text):
            signature = []
            k = i - 1
            while k >= 0 and i - k <= _SIGNATURE_LINES and k not in found and k not in skip:
                if not texts[k]:
                    k -= 1
                    continue
                if (
                    not _is_signature_line(texts[k])
                    or match_numbering(texts[k])
                    or TITLE_END.search(texts[k])
                ):
                    break  # a title above a dated line (统计公报 / 统计局 / date at the top) signs nothing
                signature.append(k)
                k -= 1
            for k in reversed(signature):
                take(k, "signature", texts[k])
            if signed:  # 青山市发展和改革委员会    2024年3月1日: signature and date on one line
                take(i, "signature", signed.group(1))
            take(i, "date", signed.group(2) if signed else text)
            continue
        if head and not title_seen:
            title_seen = _is_title_line(text)
            if title_seen:
                _recipients(texts, i, skip, take, patterns)
    return [part for i in sorted(found) for part in found[i]]


@lru_cache(maxsize=1)
def _body_part() -> re.Pattern[str]:
    """Matches wherever a labelled part find_parts reads past the head (附件, 抄送, 联系人…) might start."""
    patterns = _patterns()
    names = (
        "attachments",
        "signer",
        "copy_to",
        "distribute_to",
        "subject_words",
        "copies",
        "note",
        "note_label",
        "note_more",
        "blank_page",
        "downloads",
    )
    return union([patterns[name] for name in names])


_PRINTED = str(_words()["printed"])


def _dated_part(text: str, patterns: _Patterns) -> bool:
    """Tell whether a stripped line may be a dated part: 成文日期 or 署名 and date (…日), or 印发 (…印发).

    Kept out of the unions: their patterns try a date at each of the line's first 40 characters, so
    the last characters, which they must end with, are read first.
    """
    if text.endswith("日"):
        return bool(DATE_LINE.match(text) or patterns["signed"].match(text))
    return text.endswith(_PRINTED) and bool(
        patterns["printed"].match(text) or patterns["printed_date"].match(text)
    )


@lru_cache(maxsize=1)
def _head_part() -> re.Pattern[str]:
    """Matches wherever a part find_parts reads in the head (版头, 份号, 发文字号, or any body part) might start."""
    patterns = _patterns()
    head = (patterns[name] for name in ("issuer_mark", "urgency", "secrecy", "copy_number"))
    return union([*head, DOC_NUMBER, _body_part()])


_IDEOGRAPH = pattern_cache.compile(r"[\u4e00-\u9fff]")
_CLAUSE_END = pattern_cache.compile(r"[。；]")


def _is_title_line(text: str) -> bool:
    return len(text) <= 100 and bool(_IDEOGRAPH.search(text)) and not _CLAUSE_END.search(text)


def _recipients(texts: list[str], title: int, skip: frozenset[int], take: _Take, patterns: _Patterns) -> None:
    """主送机关: the first line after the title lines (and the 发文字号) that ends with a colon.

    Lines in `skip` (a 目录 set between title and 主送, a table) are passed over without counting.
    A web page's text copy gives the title again (its issuer may lead it) under its details block
    (索取号 … / 某委关于…的通知 / 各有关单位：): where none follows the title, the 主送 may follow that copy.
    """
    if _recipients_after(texts, title, skip, take, patterns) or len(texts[title]) < _TITLE_COPY_SHORTEST:
        return
    again = [k for k in range(title + 1, min(len(texts), title + _HEAD)) if texts[k].endswith(texts[title])]
    if again:
        _recipients_after(texts, again[-1], skip, take, patterns)


def _recipients_after(
    texts: list[str], title: int, skip: frozenset[int], take: _Take, patterns: _Patterns
) -> bool:
    """Take the 主送 within a few lines after line `title`; tell whether one was found."""
    seen = 0
    for k in range(title + 1, len(texts)):
        if k in skip:
            continue
        seen += 1
        if seen > _RECIPIENT_LINES:
            return False
        text = texts[k]
        if not text or DOC_NUMBER.fullmatch(text):
            continue
        if patterns["recipients"].match(text):
            take(k, "recipients", text.rstrip("：:"))
            return True
        if text.endswith(("：", ":")) or not _is_title_line(text) or is_heading_line(text):
            return False
    return False


def _attachment_list(
    texts: list[str], i: int, skip: frozenset[int], take: _Take, patterns: _Patterns
) -> bool:
    """附件说明: 附件：1.名词解释 and the further numbered lines of its list (2.…, 3.…).

    The label may stand alone with the whole list below it (附件： / 1.… / 2.…); it is then a part
    with no value of its own.
    """
    found = patterns["attachments"].match(texts[i])
    if not found or len(found.group(1)) > 60 or "。" in found.group(1):
        return False
    if not found.group(1) and not (i + 1 < len(texts) and i + 1 not in skip and _listed(texts[i + 1])):
        return False
    take(i, "attachments", found.group(1))
    j = i + 1
    while j < len(texts) and j not in skip and _listed(texts[j]):
        take(j, "attachments", texts[j])
        j += 1
    return True


def _download_list(texts: list[str], i: int, skip: frozenset[int], take: _Take, patterns: _Patterns) -> bool:
    """A web page's files to download (相关附件 / 《某导则》.pdf): the attachments, named without the suffix."""
    if not patterns["downloads"].match(texts[i]):
        return False
    files = []
    for j in range(i + 1, len(texts)):
        if j in skip or not (named := patterns["download_file"].match(texts[j])):
            break
        files.append((j, named.group(1).strip()))
    if not files:
        return False
    take(i, "attachments", "")
    for j, name in files:
        take(j, "attachments", name)
    return True


def _listed(text: str) -> bool:
    """An entry of the 附件说明 list: 2.责任分工表, a short name with no sentence in it."""
    return bool(_LISTED.match(text)) and not _SENTENCE.search(text[3:])


_LISTED = pattern_cache.compile(r"^\d{1,2}(?:[-－]\d{1,2})?[.．、][^。；]{2,60}$")
"""2.责任分工表, or 3-1.受理告知书: an attachment numbered within another's."""


__all__ = ["DATE_LINE", "DOC_NUMBER", "Part", "find_parts", "is_part_line"]
