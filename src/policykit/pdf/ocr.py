"""Undo an OCR engine's character confusions (二O二五年, l2.5%, 第-章) where the context leaves no doubt.

Tesseract's chi_sim reads 〇 as O, 一 as a dash, full-width marks as half-width ones and, inside a
number, 1 as l; a typed document never has these there, so on an OCR layer's text (and only
there: `PageText.ocr`) they are misreadings. The pairs and their contexts are data
(data/ocr.yaml); every rule maps one character to one (a space it drops is held by a placeholder
until the lines are cut), so a paragraph keeps its length and its lines their breaks. Rules look
across the lines of a paragraph, as a number may wrap, and again on each row before the layout
(a page number read "— l4 —" must still be one).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from policykit import pattern_cache
from policykit.config import data_yaml

_CJK = "\u3400-\u4dbf\u4e00-\u9fff"
# Full-width marks of Chinese text: beside them a half-width mark is a misread one too.
_FULL_MARKS = "，。、；：！？（）《》「」『』【】〔〕“”‘’"
_LATIN = pattern_cache.compile(r"[A-Za-z]")
# What a rule leaves where it drops a character, so that positions hold until the lines are cut.
_GONE = "\x00"


class _Rules:
    """The confusion rules of data/ocr.yaml, compiled once."""

    def __init__(self) -> None:
        raw = data_yaml("ocr.yaml")
        numerals = raw["numerals"]
        zero, one, dash = raw["zero"], raw["one"], raw["dash"]
        digits, stop = raw["digits"], raw["full_stop"]
        self.zero_means, self.zeros = zero["means"], frozenset(zero["read"])
        self.one_means, self.ones = one["means"], frozenset(one["read"])
        self.numerals = frozenset(numerals)
        n, z, d = (re.escape(numerals), re.escape(zero["read"]), re.escape(one["read"]))
        # A run of Chinese numerals with read zeros and ones in it, no Latin or digit beside it.
        self.run = pattern_cache.compile(rf"(?<![A-Za-z0-9])[{n}{z}{d}]{{3,}}(?![A-Za-z0-9])")
        self.year = pattern_cache.compile(rf"(?<![A-Za-z0-9{n}{z}])[{n}{z}{d}]{{4}}(?=年)")
        # 第-批, 第十-条; not the range 第一—三季度.
        self.ordinal = pattern_cache.compile(rf"(?<=第)(?:([{n}]+)[{d}](?![{d}{n}])|[{d}](?![{d}]))")
        self.teen = pattern_cache.compile(rf"(?<=十)[{d}](?=[月日])")
        self.numbering = pattern_cache.compile(rf"^([\s\u3000]*[（(]?[{n}]*)[{d}](?=[{n}]*[、）)])")
        self.listed = pattern_cache.compile(rf"(?:(?<=[，；。：、\s])|^)[{d}](?=是)")
        # After a Chinese mark and before an ideograph ("，-批", "“-带-路”"), or after an ideograph and
        # before a closing mark ("五统-、"): a dash there is "——".
        marks = re.escape(one["after"])
        closing = re.escape(one["before"])
        self.after_mark = pattern_cache.compile(
            rf"(?<=[{marks}])[{d}](?![{d}])(?=[{_CJK}])|(?<=[{_CJK}])[{d}](?=[{closing}])"
        )
        # Between two ideographs ("进-步", "统-规划"): a dash there may be typed (中国—东盟), so the words
        # decide (`_ones_in_words`); a doubled dash (——) or one between two numerals (一—三) is no candidate.
        self.between = pattern_cache.compile(rf"(?<=[{_CJK}])[{d}](?=[{_CJK}])")
        self.chain_left = pattern_cache.compile(rf"[{d}][{_CJK}]{{1,2}}$")
        self.chain_right = pattern_cache.compile(rf"[{_CJK}]{{1,2}}[{d}]")
        self.dash = pattern_cache.compile(rf"(?<=[0-9%]){re.escape(dash['read'])}(?=[0-9])")
        self.dash_means = dash["means"]
        # A row that is only a page number between dashes ("— 19 —" read "一 19—"): its dashes.
        either = f"[{re.escape(dash['read'])}{re.escape(dash['means'])}]"
        self.page_number = pattern_cache.compile(rf"^\s*{either}\s*\d{{1,4}}\s*{either}\s*$")
        self.number_glyphs = {ch: means for means in ("1", "0") for ch in digits[means]}
        self.inner_zero = frozenset(digits["inner_zero"])
        # A small l is never a word of its own in Chinese text: l, ll are 1, 11 (连续ll年).
        self.ells = frozenset(digits["ell"])
        self.zero_before = frozenset(digits["zero_before"])
        read = "".join(sorted({*self.number_glyphs, *self.inner_zero}))
        # A number's glyphs, a decimal point between them (l.5倍).
        self.number = pattern_cache.compile(rf"[0-9{re.escape(read)}]+(?:[.．][0-9{re.escape(read)}]+)*")
        self.marks: dict[str, str] = raw["marks"]
        singles = re.escape("".join(k for k in self.marks if k not in "()"))
        chinese = f"{_CJK}{re.escape(_FULL_MARKS)}"
        self.mark = pattern_cache.compile(rf"(?<=[{chinese}])[{singles}]|[{singles}](?=[{chinese}])")
        # The white the mark's em leaves after its ink may have been read as a space: it goes too.
        self.stop = pattern_cache.compile(
            rf"(?<=[{_CJK}）》」』”’%％]){re.escape(stop['read'])}( ?)(?=$|[{_CJK}“‘「『（]|[{d}][{_CJK}])"
        )
        self.stop_means = stop["means"]


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    """The rules, built on first use: a PDF without an OCR layer never reads data/ocr.yaml."""
    return _Rules()


def undo_confusions(text: str) -> str:
    """The text of an OCR layer's paragraph with the engine's unambiguous misreadings put right.

    >>> undo_confusions("到二O二五年,增长率达l2.5%(第-批)")
    '到二〇二五年，增长率达12.5%（第一批）'
    """
    return _undo(text).replace(_GONE, "")


def _undo(text: str) -> str:
    """`undo_confusions` with each dropped character left as _GONE: the text keeps its length."""
    rules = _rules()
    for fix in _FIXES:
        text = fix(rules, text)
    return text


def _sub(pattern: re.Pattern[str], text: str, replace: Callable[[re.Match[str]], str]) -> str:
    """`pattern.sub`, after a search: most paragraphs hold no misreading, and a search is cheaper."""
    return pattern.sub(replace, text) if pattern.search(text) else text


def _zeros(rules: _Rules, text: str) -> str:
    """〇 read as O or 0 among Chinese numerals (二O二五, 〔二OO八〕): two real numerals at least."""

    def fix(match: re.Match[str]) -> str:
        run = match.group()
        if sum(ch in rules.numerals for ch in run) < 2:
            return run
        return "".join(rules.zero_means if ch in rules.zeros else ch for ch in run)

    return _sub(rules.run, text, fix)


def _ones(rules: _Rules, text: str) -> str:
    """一 read as a dash: in a year, after 第, in 十一月, in a numbering, in 一是, after a mark (“-带)."""

    def year(match: re.Match[str]) -> str:
        run = match.group()
        if sum(ch in rules.numerals for ch in run) < 2:
            return run
        return "".join(
            rules.zero_means if ch in rules.zeros else rules.one_means if ch in rules.ones else ch
            for ch in run
        )

    text = _sub(rules.year, text, year)
    text = _sub(rules.ordinal, text, lambda m: (m.group(1) or "") + rules.one_means)
    text = _sub(rules.teen, text, lambda m: rules.one_means)
    text = _sub(rules.numbering, text, lambda m: m.group(1) + rules.one_means)
    text = _sub(rules.listed, text, lambda m: rules.one_means)
    return _sub(rules.after_mark, text, lambda m: rules.one_means)


def _ones_in_words(rules: _Rules, text: str) -> str:
    """一 read as a dash between two ideographs, where 一 makes a word of the dictionary with them (进一步,
    统一规划, 一体化) that takes no word from the text beside it (区—街镇 is no 一街, 中国—中东欧 no 一中).

    A dash in a chain of short words (产—学—研, 车—路—云) is typed: it stays.
    """
    if not rules.between.search(text):
        return text
    chars = list(text)
    for match in rules.between.finditer(text):
        at = match.start()
        if chars[at - 1] in rules.numerals and chars[at + 1] in rules.numerals:
            continue  # 一—三季度: a range of numerals
        if rules.chain_left.search(text, max(0, at - 3), at) or rules.chain_right.match(text, at + 1):
            continue
        if _reads_as_one("".join(chars[max(0, at - _REACH) : at]), "".join(chars[at + 1 : at + 1 + _REACH])):
            chars[at] = rules.one_means
    return "".join(chars)


_REACH = 6  # characters on each side of a dash that the segmenter sees


def _reads_as_one(left: str, right: str) -> bool:
    """Whether 一 between `left` and `right` is inside a dictionary word that leaves the words beside it whole.

    >>> _reads_as_one("要进", "步提升"), _reads_as_one("建设", "批项目"), _reads_as_one("开展区", "街镇")
    (True, True, False)
    """
    from policykit.zh.segment import cut, known

    at, start = len(left), 0
    for token in cut(f"{left}一{right}"):
        if start <= at < start + len(token):
            break
        start += len(token)
    else:
        return False
    end = start + len(token)
    if len(token) < 2 or not known(token):
        return False  # 一 alone, or a word only the HMM guessed (产一学研)
    if len(token) == 2 and ((start == at and end == at + 1 + len(right)) or (end == at + 1 and start == 0)):
        return False  # 一片, 统一 at the edge of what is seen (a row's end): what it takes is unknown
    # the words beside it: a pair the dictionary lacks may be a word (街镇), a longer guess of the HMM's
    # is none (体化算力)
    after = [word for word in cut(right)[:1] if len(word) == 2 or known(word)]
    before = [word for word in cut(left)[-1:] if len(word) == 2 or known(word)]
    if start == at and after and len(after[0]) > 1 and end - at - 1 < len(after[0]):
        return False  # 一 starts the word (一批, 一期) and takes the first part of the next one
    # nor may 一 end the word (统一) and take the last part of the one before
    return not (end == at + 1 and before and len(before[0]) > 1 and at - start < len(before[0]))


def _numbers(rules: _Rules, text: str) -> str:
    """Inside an Arabic number: l, I as 1, O as 0 after a digit, o as 0 inside it; 一 as a dash (— 19 一)."""
    text = _sub(rules.dash, text, lambda m: rules.dash_means)

    def fix(match: re.Match[str]) -> str:
        run = match.group()
        start, end = match.span()
        if run.isdigit() or not any(ch.isdigit() or ch in rules.ells for ch in run):
            return run
        if (start and _LATIN.match(text[start - 1])) or (end < len(text) and _LATIN.match(text[end])):
            return run  # a Latin word or code (IPv6, O3 is ozone): not a number
        out: list[str] = []
        for index, ch in enumerate(run):
            means = rules.number_glyphs.get(ch)
            if means == "1" and ch not in rules.ells and not any(c.isdigit() for c in run):
                means = None  # I, II are Roman numerals (第I类)
            if means == "0" and not (out and out[-1].isdigit()):
                means = None  # a leading O is a letter (O3)
            if ch in rules.inner_zero:
                # After a digit, before a digit or what no sentence starts with (735o亿元, 1o．).
                after = run[index + 1] if index + 1 < len(run) else text[end : end + 1]
                sure = after.isdigit() or after in rules.number_glyphs or after in rules.zero_before
                means = "0" if out and out[-1].isdigit() and after and sure else None
            out.append(means or ch)
        return "".join(out)

    text = _sub(rules.number, text, fix)
    return _sub(rules.page_number, text, lambda m: m.group().replace(rules.one_means, rules.dash_means))


def _marks(rules: _Rules, text: str) -> str:
    """Half-width marks beside Chinese as their full-width selves; brackets as a pair; none between digits.

    The white the full-width mark's em left, read as a space after it, goes with it ("（ 2023年）").
    """
    if not (rules.mark.search(text) or "(" in text or ")" in text):
        return text
    chars = list(text)
    turned: list[int] = []
    for match in rules.mark.finditer(text):
        start = match.start()
        if not (0 < start < len(text) - 1 and text[start - 1].isdigit() and text[start + 1].isdigit()):
            turned.append(start)
    chinese = pattern_cache.compile(rf"[{_CJK}{re.escape(_FULL_MARKS)}]")
    open_at: list[int] = []
    pairs: list[tuple[int | None, int | None]] = []
    for index, ch in enumerate(chars):
        if ch in "(（":
            open_at.append(index)
        elif ch in ")）":
            pairs.append((open_at.pop() if open_at else None, index))
    pairs.extend((index, None) for index in open_at)
    for left, right in pairs:
        ends = [i for i in (left, right) if i is not None]
        if all(chars[i] in "（）" for i in ends):
            continue
        outside = [left - 1 if left is not None else -1, right + 1 if right is not None else len(chars)]
        inside = chars[left + 1 if left is not None else 0 : right if right is not None else len(chars)]
        near = [chars[i] for i in outside if 0 <= i < len(chars)]
        if (
            any(chars[i] in "（）" for i in ends)
            or (left is not None and right is not None and any(chinese.match(ch) for ch in inside))
            or any(chinese.match(ch) for ch in near)
        ):
            turned.extend(i for i in ends if chars[i] in rules.marks)
    for index in turned:
        chars[index] = rules.marks[chars[index]]
        if index + 1 < len(chars) and chars[index + 1] == " ":
            chars[index + 1] = _GONE
    return "".join(chars)


def _stops(rules: _Rules, text: str) -> str:
    """。 read as a small o after an ideograph or a closing mark, before the paragraph's end or an ideograph."""
    return _sub(rules.stop, text, lambda m: rules.stop_means + _GONE * len(m.group(1)))


def _ones_after_stops(rules: _Rules, text: str) -> str:
    """一 read as a dash after a 。 that was itself read as o ("不高o-些"): once the 。 is back, the 一 is sure."""
    return _sub(rules.after_mark, text, lambda m: rules.one_means)


_FIXES = (_zeros, _ones, _ones_in_words, _numbers, _marks, _stops, _ones_after_stops)


def fix_lines(lines: Sequence[tuple[str, int]], ocr_pages: frozenset[int]) -> list[tuple[str, int]]:
    """Put right the misreadings in the (text, page) lines of OCR'd pages, a paragraph at a time.

    A paragraph runs between blank lines; each line keeps its length, and lines of pages with a
    typeset text layer are left as they are (a paragraph across both is read as one for context).
    """
    if not ocr_pages:
        return list(lines)
    out = list(lines)
    start = 0
    while start < len(out):
        if not out[start][0]:
            start += 1
            continue
        end = start
        while end < len(out) and out[end][0]:
            end += 1
        if any(page in ocr_pages for _, page in out[start:end]):
            joined = "".join(text for text, _ in out[start:end])
            fixed = _undo(joined)
            if fixed != joined:
                position = 0
                for index in range(start, end):
                    text, page = out[index]
                    new = fixed[position : position + len(text)]
                    position += len(text)
                    if page in ocr_pages:
                        out[index] = (new.replace(_GONE, ""), page)
        start = end
    return out
