"""Numbers as Chinese policy text writes them: 一百二十, 1.3万亿, 1,200万, 500多亿, 6%-6.5%, 七成.

`find_quantities` is the cheap first pass of target extraction: one regular expression finds
candidate numbers, and a short Python step reads each one with its magnitude and unit. Chinese
numerals only count when a unit follows, so words that contain them (二氧化碳, 一批, 两院) are left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from policykit import pattern_cache
from policykit.config import data_yaml
from policykit.zh.chars import halfwidth_alnum
from policykit.zh.dates import dates
from policykit.zh.units import Unit, magnitude, match_digit_unit, match_unit, unit_table

__all__ = ["SEPARATOR", "Quantity", "find_quantities", "hide_separators", "parse_number", "to_chinese"]

_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_DIGITS = "零〇一二两三四五六七八九"
_ARABIC = pattern_cache.compile(r"^(\d{1,3}(?:'\d{3})+|\d+)(\.\d+)?([十百千万亿]*)$")

SEPARATOR = "'"  # what a thousands separator reads as: no segment boundary, so 1，200亿元 stays one figure
# A comma, ASCII or full-width, between a group of one to three digits and exactly three more, in one digit
# run: 1，200亿元 and 12,345.6万吨, but not a list (1，2，3；100，200，3), a clause break (2025，全市) nor
# the end of a fraction (约占全国1/10，438万名: 10 is a denominator, not a leading group).
_THOUSANDS = pattern_cache.compile(r"(?<![\d./／'])\d{1,3}(?:[,，']\d{3})+(?![\d'])(?![,，]\d)")
_CN_DIGIT_STRING = pattern_cache.compile(r"^[零〇一二三四五六七八九]+$")


def _section(text: str) -> int:
    """Read a Chinese numeral below 10⁴ strictly: digits with 千/百/十 in falling order, 零 for gaps."""
    total, digit, last_unit, zero = 0, None, 10_000, False
    for char in text:
        if char in _DIGITS:
            value = _DIGITS[char]
            if value == 0:
                if digit is not None:
                    raise ValueError(text)
                zero = True
                continue
            if digit is not None:
                raise ValueError(text)
            digit = value
        elif char in _SMALL_UNITS:
            unit = _SMALL_UNITS[char]
            if unit >= last_unit:
                raise ValueError(text)
            if digit is None:
                if (unit != 10 or total) and not (unit == 10 and zero):
                    raise ValueError(text)
                digit = 1
            total += digit * unit
            last_unit, digit, zero = unit, None, False
        else:
            raise ValueError(text)
    if digit is not None:
        if last_unit not in (10, 10_000) and not zero:
            raise ValueError(text)  # 一百二 is colloquial for 120; refuse rather than guess
        total += digit
    return total


def _below_yi(text: str) -> int:
    """Read a Chinese integer numeral below 10⁸: an optional 万 section, then a section."""
    if "万" not in text:
        return _section(text)
    high, _, low = text.partition("万")
    if not high or "万" in low:
        raise ValueError(text)
    value = _section(high) * 10_000
    if low:
        rest = _section(low.lstrip("零〇")) if low.strip("零〇") else 0
        if not low.startswith(("零", "〇")) and rest < 1000:
            raise ValueError(text)
        value += rest
    return value


def _chinese(text: str) -> int:
    """Read a Chinese integer numeral with 万 and 亿 sections, one 亿 section at a time (no recursion).

    >>> _chinese("一万零五亿三千万"), _chinese("一亿亿")
    (1000530000000, 10000000000000000)
    """
    parts = text.split("亿")
    if not parts[0]:
        raise ValueError(text)
    value = _below_yi(parts[0])
    for low in parts[1:]:
        value *= 100_000_000
        if low:
            rest = _below_yi(low.lstrip("零〇")) if low.strip("零〇") else 0
            if not low.startswith(("零", "〇")) and rest < 10_000_000:
                raise ValueError(text)
            value += rest
    return value


def hide_separators(text: str) -> str:
    """Write each thousands separator as SEPARATOR, keeping every offset, so no reader takes it for a clause break.

    >>> hide_separators("投资1，200亿元，产量12,345.6万吨，第1，2，3项，2025，全市")
    "投资1'200亿元，产量12'345.6万吨，第1，2，3项，2025，全市"
    """
    if "," not in text and "，" not in text:
        return text
    return _THOUSANDS.sub(lambda hit: re.sub("[,，]", SEPARATOR, hit.group(0)), text)


def _decimal(text: str) -> Decimal:
    """Read any supported numeral as an exact Decimal."""
    text = hide_separators(halfwidth_alnum(text.strip()))
    found = _ARABIC.match(text)
    if found:
        whole, fraction, word = found.groups()
        factor = magnitude(word)
        if factor is None:
            raise ValueError(f"not a number: {text!r}")
        return Decimal(whole.replace(SEPARATOR, "") + (fraction or "")) * factor
    if len(text) > 1 and _CN_DIGIT_STRING.match(text) and ("〇" in text or "零" in text):
        return Decimal("".join(str(_DIGITS[c]) for c in text))  # 二〇二五
    whole, point, fraction = text.partition("点")
    try:
        value = Decimal(_chinese(whole))
    except ValueError:
        raise ValueError(f"not a number: {text!r}") from None
    if point:
        if not fraction or not _CN_DIGIT_STRING.match(fraction):
            raise ValueError(f"not a number: {text!r}")
        value += Decimal("0." + "".join(str(_DIGITS[c]) for c in fraction))
    return value


def parse_number(text: str) -> float:
    """Read an Arabic, Chinese or mixed numeral; raise ValueError for anything else.

    >>> [parse_number(s) for s in ["一百二十", "两千", "十二", "1.3万", "4400亿", "1,200万", "1，200", "三点五"]]
    [120.0, 2000.0, 12.0, 13000.0, 440000000000.0, 12000000.0, 1200.0, 3.5]
    >>> parse_number("十四五")
    Traceback (most recent call last):
    ValueError: not a number: '十四五'
    """
    return float(_decimal(text))


def _write_section(number: int) -> str:
    """Write 1..9999 with 千/百/十 and 零 for inner gaps."""
    digits = "零一二三四五六七八九"
    out, gap = "", False
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = number // unit % 10
        if digit:
            out += ("零" if gap else "") + digits[digit] + name
            gap = False
        elif out:
            gap = True
    return out


def _write_below_yi(number: int) -> str:
    """Write 1..10⁸-1 as an optional 万 section and a section, with 零 where a place is skipped."""
    high, low = divmod(number, 10_000)
    if not high:
        return _write_section(low)
    return _write_section(high) + "万" + (("零" if low < 1000 else "") + _write_section(low) if low else "")


def to_chinese(number: int) -> str:
    """Write a non-negative integer below 10¹⁶ as a standard Chinese numeral.

    >>> [to_chinese(n) for n in (0, 12, 110, 1005, 20000, 100100, 130000000, 1000500000000)]
    ['零', '十二', '一百一十', '一千零五', '二万', '十万零一百', '一亿三千万', '一万零五亿']
    """
    if number < 0 or number >= 10**16:
        raise ValueError(f"out of range: {number}")
    if number == 0:
        return "零"
    high, low = divmod(number, 100_000_000)
    if not high:
        out = _write_below_yi(low)
    else:
        out = _write_below_yi(high) + "亿"
        if low:
            out += ("零" if low < 10_000_000 else "") + _write_below_yi(low)
    return out[1:] if out.startswith("一十") else out


@dataclass(frozen=True)
class Quantity:
    """A number found in text, read into the base unit.

    `value` (and `upper` for a range such as 6%-6.5%) is in `unit`, the base unit; `factor` is what the
    written number was multiplied by (1.3万台 → factor 10⁴). `vague` marks lower bounds such as 500多亿
    and 数百万; `chinese` marks numbers written in Chinese numerals.
    """

    start: int
    end: int
    raw: str
    value: float
    unit: str
    factor: float = 1.0
    upper: float | None = None
    written_unit: str = ""
    group: str = ""
    vague: bool = False
    chinese: bool = False


_OPENERS = "|".join(
    f"(?<={re.escape(str(word))})"
    for word in sorted(data_yaml("units.yaml")["magnitude_openers"], key=len, reverse=True)
)
_COUNT_OPENERS = "|".join(
    f"(?<={re.escape(str(word))})"
    for word in sorted(data_yaml("units.yaml")["count_openers"], key=len, reverse=True)
)
# Shares and multiples written as words (一半, 翻一番), and fractions (三分之一): their value and unit.
_WORD_QUANTITIES = {
    str(word): (str(unit), float(value))
    for word, entry in data_yaml("units.yaml")["word_quantities"].items()
    for unit, value in entry.items()
}
_WORDS = "|".join(re.escape(word) for word in sorted(_WORD_QUANTITIES, key=len, reverse=True))
_WORDED_SHARES = {
    str(word): Unit(str(unit), str(unit), 1.0, "percent")
    for word, unit in data_yaml("units.yaml")["worded_shares"].items()
}
_NUMBER = pattern_cache.compile(
    r"(?P<word>" + _WORDS + r")"
    r"|(?P<den>[二两三四五六七八九十]+)分之(?P<num>[一二两三四五六七八九十]+)(?!分)"
    r"|(?P<pct>" + "|".join(map(re.escape, _WORDED_SHARES)) + r")?(?:"
    r"(?:(?P<vpre>(?<!以)[数几上]|(?<![\d零〇一二两三四五六七八九十百千万亿每])(?=万名)|"
    + _OPENERS
    + r")|(?P<cpre>"
    + _COUNT_OPENERS
    + r"))(?P<vmag>[十百千万亿]+)(?![零〇一二两三四五六七八九十百千万亿\d])"  # 达到十万零一家 is one numeral
    r"|(?P<ar>\d{1,3}(?:'\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?P<armore>多|余)?(?P<armag>[十百千万亿]*)(?:(?<=[万亿])(?P<magmore>多|余))?"
    r"|(?P<cn>[零〇一二两三四五六七八九十][零〇一二两三四五六七八九十百千万亿]*(?:点[零〇一二三四五六七八九]+)?)"
    r"(?P<cnmore>多|余|几)?(?P<cnmag>[万亿]*)"
    r")"
)
_RANGE_MARKS = dates().dashes + "至到"
_LONGEST_NUMERAL = (
    24  # 一千二百三十四万五千六百七十八亿…: no real numeral is longer; longer runs are not read
)
_ASCII_ALNUM = pattern_cache.compile(r"[A-Za-z0-9.]")


def _split_magnitude(word: str, text: str, pos: int) -> tuple[int, int, Unit | None] | None:
    """Split `word` (magnitude characters after a number) into a magnitude and the start of a unit.

    33.091万千瓦: 万千 is not a magnitude, so 万 is, and 千瓦 is the unit. The shortest magnitude that
    a unit follows wins: 60千米 is 60 千米 (公里), as 50千克 is 50 千克, not 60 千 × 米.
    """
    if len(word) > 4:
        return None  # 万亿 is the longest magnitude; a longer run of 万/亿 is not one
    for size in range(len(word) + 1):
        factor = magnitude(word[:size])
        if factor is not None:
            unit = match_unit(text, pos + size)
            if unit is not None:
                return factor, size, unit
    factor = magnitude(word)
    return (factor, len(word), None) if factor is not None else None


def _read_chinese(run: str, text: str, pos: int) -> tuple[Decimal, int, Unit | None] | None:
    """Read the longest prefix of a Chinese numeral run that parses, preferring one a unit follows."""
    if len(run) > _LONGEST_NUMERAL:
        return None  # a run of numeral characters this long is a list or garbage, not a number
    fallback = None
    for size in range(len(run), 0, -1):
        try:
            value = _decimal(run[:size])
        except ValueError:
            continue
        unit = match_unit(text, pos + size)
        if unit is not None:
            return value, size, unit
        if fallback is None and size == len(run):
            fallback = (value, size, None)
    return fallback


def _read(text: str, found: re.Match[str]) -> Quantity | None:
    """Turn one regular-expression hit into a Quantity, or None when it is not a quantity."""
    start = found.start()
    before = text[start - 1] if start else ""
    if before == "第" or (before and _ASCII_ALNUM.match(before)):
        return None
    if found["word"] or found["den"]:
        return _read_word(text, found)
    vague = bool(found["vpre"] or found["armore"] or found["cnmore"])
    chinese = False
    if found["vmag"] is not None:
        split = _split_magnitude(found["vmag"], text, found.start("vmag"))
        if split is None or split[1] == 0:
            return None
        factor, size, unit = split
        if found["cpre"] is not None and (unit is None or unit.group != "count"):
            return None  # 打造百年老店, 建设千兆光网: after a task verb only a count (百项, 百家) is a number
        number, end = Decimal(1), found.start("vmag") + size
        chinese = True
    elif found["ar"] is not None:
        number = Decimal(found["ar"].replace(SEPARATOR, ""))
        split = _split_magnitude(found["armag"], text, found.start("armag"))
        if split is None:
            return None
        factor, size, unit = split
        end = found.start("armag") + size
        if unit is None and not found["armag"] and not found["armore"]:
            unit = match_digit_unit(text, start, end)  # 满意度达到90分以上: a score
        if found["magmore"] and size == len(found["armag"]):
            # 7万多家, 8万余场: the 多 after the magnitude makes a lower bound; the unit follows it
            vague, end, unit = True, found.end("magmore"), match_unit(text, found.end("magmore"))
    else:
        chinese = True
        if found["cnmore"] or found["cnmag"]:
            if len(found["cn"]) > _LONGEST_NUMERAL:
                return None
            try:
                number = _decimal(found["cn"])
            except ValueError:
                return None
            split = _split_magnitude(found["cnmag"], text, found.start("cnmag"))
            if split is None:
                return None
            factor, size, unit = split
            end = found.start("cnmag") + size
        else:
            read = _read_chinese(found["cn"], text, found.start("cn"))
            if read is None:
                return None
            number, size, unit = read
            factor, end = 1, found.start("cn") + size
        if found["pct"]:
            unit = _WORDED_SHARES[found["pct"]]
        if unit is None or (number <= 1 and factor == 1 and not vague and not found["pct"]):
            return None  # 一批, 一项, 零部件: an article or a word, not a count (千分之一 is a share); bare numerals are words
    if found["pct"]:
        unit = _WORDED_SHARES[found["pct"]]
        end = found.end()
    if unit is not None and text.startswith(unit_table().words.get(unit.alias, ()), end):
        if factor < 10_000:
            return (
                None  # 七成为, 安远路899项目: the unit's character starts a word, the number is no quantity
            )
        unit = (
            None  # 惠及近千万家庭: 家 starts 家庭; a magnitude with the noun after it, whose unit it implies
        )
    if unit is None and end < len(text) and re.match(r"[A-Za-z]", text[end]):
        return None  # 5G, 3D
    unit_end = end + len(unit.alias) if unit is not None and not found["pct"] else end
    if unit is not None and not found["pct"]:
        unit, unit_end = _unit_around_alternatives(text, unit, unit_end)
    scale = Decimal(factor) * Decimal(str(unit.factor) if unit else "1")
    value = number * scale
    return Quantity(
        start=start,
        end=unit_end,
        raw=text[start:unit_end],
        value=float(value),
        unit=unit.base if unit else "",
        factor=float(scale),
        written_unit=unit.alias if unit else "",
        group=unit.group if unit else "",
        vague=vague,
        chinese=chinese,
    )


# The other counting words a unit's first part stands for, in brackets: 辆（艘、架、列）次.
_UNIT_ALTERNATIVES = pattern_cache.compile(r"[（(][\u4e00-\u9fff](?:[、/][\u4e00-\u9fff])*[）)]")


def _unit_around_alternatives(text: str, unit: Unit, end: int) -> tuple[Unit, int]:
    """A unit whose first part carries its alternatives in brackets before the rest: 2813.8万辆（艘、架、列）次.

    >>> [(q.raw, q.unit) for q in find_quantities("交通工具达2813.8万辆（艘、架、列）次，增长5%")][0]
    ('2813.8万辆（艘、架、列）次', '辆次')
    """
    bracket = _UNIT_ALTERNATIVES.match(text, end)
    if bracket is None:
        return unit, end
    joined = match_unit(unit.alias + text[bracket.end() : bracket.end() + 3])
    if joined is None or len(joined.alias) <= len(unit.alias):
        return unit, end
    return joined, bracket.end() + len(joined.alias) - len(unit.alias)


def _read_word(text: str, found: re.Match[str]) -> Quantity | None:
    """Read a share or multiple written as words: 一半 → 50%, 三分之一 → 33.33%, 翻一番 → 2倍.

    >>> [(q.raw, q.value, q.unit) for q in find_quantities("压减三分之一以上，清偿一半以上，接近翻一番")]
    [('三分之一', 33.33, '%'), ('一半', 50.0, '%'), ('翻一番', 2.0, '倍')]
    """
    if found["word"]:
        unit, value = _WORD_QUANTITIES[found["word"]]
    else:
        try:
            denominator, numerator = _chinese(found["den"]), _chinese(found["num"])
        except ValueError:
            return None
        if not 0 < numerator < denominator:
            return None
        unit, value = "%", round(100 * numerator / denominator, 2)
    group = "percent" if unit == "%" else "count"
    return Quantity(
        start=found.start(),
        end=found.end(),
        raw=found.group(0),
        value=value,
        unit=unit,
        written_unit=unit,
        group=group,  # not `chinese`: 翻一番 is no count of categories written in words (三个方面)
    )


def _join_range(text: str, low: Quantity, high: Quantity) -> Quantity:
    """Make one ranged quantity of `low`-`high`; a bare low end takes the high end's magnitude and unit."""
    value = low.value if low.unit else low.value * high.factor
    return Quantity(
        start=low.start,
        end=high.end,
        raw=text[low.start : high.end],
        value=value,
        unit=high.unit,
        factor=high.factor,
        upper=high.value,
        written_unit=high.written_unit,
        group=high.group,
        vague=low.vague or high.vague,
        chinese=low.chinese and high.chinese,
    )


def find_quantities(text: str) -> list[Quantity]:
    """Find every number with its unit in `text`, in order; ranges (2至5个, 6%-6.5%) come out as one.

    >>> [(q.raw, q.value, q.unit) for q in find_quantities("充电桩保有量达1.3万台，LNG接卸能力提升至1100万吨/年")]
    [('1.3万台', 13000.0, '台'), ('1100万吨/年', 11000000.0, '吨/年')]
    >>> [(q.raw, q.value, q.upper, q.unit) for q in find_quantities("增长6%-6.5%，减排二氧化碳，建设一批")]
    [('6%-6.5%', 6.0, 6.5, '%')]
    """
    scan = hide_separators(halfwidth_alnum(text))
    found: list[Quantity] = []
    position = 0
    while True:
        hit = _NUMBER.search(scan, position)
        if hit is None:
            return found
        quantity = _read(scan, hit)
        if quantity is None:
            position = hit.end() if hit.end() > hit.start() else hit.start() + 1
            continue
        position = quantity.end
        if quantity.end < len(scan) and scan[quantity.end] in _RANGE_MARKS:
            second = _NUMBER.match(scan, quantity.end + 1)
            high = _read(scan, second) if second else None
            if high is not None and (not quantity.unit or quantity.unit == high.unit):
                quantity = _join_range(scan, quantity, high)
                position = quantity.end
        found.append(replace(quantity, raw=text[quantity.start : quantity.end]))
