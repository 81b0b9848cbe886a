"""Spreadsheet number formats (Excel's codes, as .xlsx and .xls store them) → the text a reader sees.

A sheet stores 35% as 0.35 with the code 0%, 12,000 as 12000.0 with #,##0, a year as 2025.0 with
General. Read bare, the numbers are not what the analyst was sent, and an indicator table's targets
come out wrong (0.35 is no 35%). This applies the parts of a code that change the digits: the section
for the sign, percent, thousands separators, decimals, scaling commas, literal text and dates; colours,
conditions and fill characters are dropped. Rounding is half away from zero, as Excel rounds.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from policykit import pattern_cache

_TOKEN = pattern_cache.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.|[^"\\\[_*]')
_DATE_TOKEN = pattern_cache.compile(
    r"(?i)yyyy|yy|e|mmmm|mmm|mm|m|dddd|ddd|dd|d|aaaa|aaa|hh|h|ss|s|am/pm|a/p|上午/下午|\.0+"
)
_DATE_LETTERS = frozenset("ymdhse")
_WEEKDAYS = "一二三四五六日"
ZH_BUILTIN = {
    **dict.fromkeys((27, 36, 50, 52, 57), 'yyyy"年"m"月"'),
    **dict.fromkeys((28, 29, 51, 53, 54, 58), 'm"月"d"日"'),
    30: "m-d-yy",
    31: 'yyyy"年"m"月"d"日"',
    32: 'h"时"mm"分"',
    33: 'h"时"mm"分"ss"秒"',
    **dict.fromkeys((34, 55), '上午/下午h"时"mm"分"'),
    **dict.fromkeys((35, 56), '上午/下午h"时"mm"分"ss"秒"'),
}
"""The built-in formats Excel and WPS give ids 27-36 and 50-58 in a Chinese (zh-CN) locale (ECMA-376 Part 1,
18.8.30): a file refers to them by id alone, and openpyxl and xlrd know no code for them."""
_LOCAL_DATE = {"mm-dd-yy": "yyyy/m/d", "m/d/yy": "yyyy/m/d", "m/d/yyyy": "yyyy/m/d"}
"""Built-in format 14 prints the date the way the reader's locale does: on a Chinese system, 2025/1/1."""


def shown(value: object, code: str = "General") -> str:
    """Print a cell's value as its number format shows it.

    >>> shown(0.35, "0%"), shown(0.853, "0.0%"), shown(12000.0, "#,##0"), shown(2025.0, "General")
    ('35%', '85.3%', '12,000', '2025')
    >>> shown(1.2e4), shown(0.125, "0.00"), shown(-3.5, '0.0"万吨";-0.0"万吨"'), shown(12.3456, '0.0"亿元"')
    ('12000', '0.13', '-3.5万吨', '12.3亿元')
    >>> shown(dt.datetime(2025, 6, 30), 'yyyy"年"m"月"d"日"'), shown("约束性", "@")
    ('2025年6月30日', '约束性')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return _date(value, code if is_date_code(code) else "yyyy/m/d")
    if not isinstance(value, (int, float)):
        return str(value)
    number = float(value)
    sections = _sections(code or "General")
    if len(sections) > 1 and number < 0:
        section, number = sections[1], -number
    elif len(sections) > 2 and number == 0:
        section = sections[2]
    else:
        section = sections[0]
    if is_date_code(section):
        return str(general(number))
    return _number(number, section)


def general(number: float) -> str:
    """Print a number as the General format does: no trailing .0, ten significant digits, no exponent
    between 1E-9 and 1E+11.

    >>> general(2025.0), general(0.1 + 0.2), general(1.2e4), general(1 / 3), general(2.5e-5), general(1.5e12)
    ('2025', '0.3', '12000', '0.3333333333', '0.000025', '1.5E+12')
    """
    if number == int(number) and abs(number) < 1e11:
        return str(int(number))
    text = f"{number:.10g}"
    if "e" not in text:
        return text
    if 1e-9 <= abs(number) < 1e11:
        return f"{Decimal(text):f}"
    mantissa, exponent = text.split("e")
    return f"{mantissa}E{int(exponent):+03d}"


def is_date_code(code: str) -> bool:
    """Whether a number format prints a date or time (its letters outside quotes are y, m, d, h, s).

    >>> is_date_code('yyyy"年"m"月"'), is_date_code("0.00%"), is_date_code("General"), is_date_code("[$-804]aaaa")
    (True, False, False, True)
    """
    letters = "".join(_literal_free(code).lower().split("general"))
    if any(placeholder in letters for placeholder in "0#?"):
        letters = letters.replace("e", "")  # 0.00E+00 is scientific; e alone is the year (e"年")
    return any(letter in _DATE_LETTERS for letter in letters) or "aaa" in letters


def _literal_free(code: str) -> str:
    """The code's own characters: quoted text, escapes, brackets, padding and fill taken out."""
    return "".join(token for token in _TOKEN.findall(code) if len(token) == 1)


def _sections(code: str) -> list[str]:
    """A code's sections (positive;negative;zero;text), split at the semicolons outside quotes."""
    sections, current = [], ""
    for token in _TOKEN.findall(code):
        if token == ";":
            sections.append(current)
            current = ""
        else:
            current += token
    return [*sections, current]


def _number(number: float, section: str) -> str:
    """Print a number with one section of a code: its placeholders, its percent signs and its literal text."""
    tokens = _TOKEN.findall(section)
    placeholders = [i for i, token in enumerate(tokens) if token in ("0", "#", "?")]
    if not placeholders:  # General, @ (text) or literal text alone: the number as General prints it
        pieces = "".join(_literal(token) for token in tokens if token != "@")
        where = pieces.lower().find("general")
        if where >= 0:
            return (pieces[:where] + general(number) + pieces[where + 7 :]).strip()
        return pieces.strip() if pieces.strip() else general(number)  # a zero section of "-" prints -
    first, last = placeholders[0], placeholders[-1]
    body = "".join(tokens[first : last + 1])
    trailing = tokens[last + 1 :]
    scale = 0
    while trailing and trailing[0] == ",":  # 0, shows thousands, 0,, millions
        scale += 1
        trailing = trailing[1:]
    percent = sum(token == "%" for token in tokens)
    try:
        value = Decimal(repr(number))
    except InvalidOperation:
        return general(number)
    value = value * Decimal(100) ** percent / Decimal(1000) ** scale
    if "e" in body.lower():
        digits = body.lower().split("e")[0]
        decimals = len(digits.split(".")[1]) if "." in digits else 0
        mantissa, exponent = f"{float(value):.{decimals}E}".split("E")
        text = f"{mantissa}E{int(exponent):+03d}"
    else:
        integer, _, fraction = body.partition(".")
        decimals = sum(ch in "0#?" for ch in fraction)
        rounded = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
        whole, _, part = f"{abs(rounded):f}".partition(".")
        minimum = integer.count("0")
        whole = whole.lstrip("0").rjust(minimum, "0") if whole != "0" or minimum else ""
        if "," in integer and whole:
            whole = f"{int(whole):,}"
        part = part.rstrip("0").ljust(fraction.count("0"), "0") if fraction.count("0") < decimals else part
        text = whole + ("." + part if part else "")
        if rounded < 0:
            text = "-" + text
    before = "".join(_literal(token) for token in tokens[:first])
    after = "".join(_literal(token) for token in trailing)
    return (before + text + after).strip()


def _literal(token: str) -> str:
    """What one token of a code prints outside the digits: quoted text, an escaped mark, a padding space."""
    if token.startswith('"'):
        return token[1:-1]
    if token.startswith("\\"):
        return token[1:]
    if token.startswith("_"):
        return " "
    if token.startswith(("[", "*")) or token in ("0", "#", "?", ","):
        return ""
    return token


def _date(value: dt.date | dt.time, code: str) -> str:
    """Print a date or time with a date code: yyyy"年"m"月"d"日", yyyy/m/d, hh:mm, aaaa (星期一)."""
    code = _LOCAL_DATE.get(_literal_free(code).lower(), _sections(code)[0])
    stamp = value if isinstance(value, dt.datetime) else None
    date = stamp or (value if isinstance(value, dt.date) else None)
    time = stamp.time() if stamp else (value if isinstance(value, dt.time) else None)
    text = "".join(_literal(token) if len(token) > 1 else token for token in _TOKEN.findall(code))
    pieces, position, previous = [], 0, ""
    for match in _DATE_TOKEN.finditer(text):
        pieces.append(text[position : match.start()])
        word = match.group().lower()
        after = text[match.end() :].lstrip(":")
        minute = word in ("m", "mm") and (previous in ("h", "hh") or after[:1].lower() == "s")
        pieces.append(_date_part(word, date, time, minute))
        previous, position = word, match.end()
    pieces.append(text[position:])
    return "".join(pieces)


def _date_part(word: str, date: dt.date | None, time: dt.time | None, minute: bool) -> str:
    """One date or time field of a code, from the value's date or time."""
    if word in ("m", "mm") and minute:
        value = time.minute if time else 0
        return f"{value:02d}" if word == "mm" else str(value)
    if word in ("h", "hh", "s", "ss"):
        value = (time.hour if word[0] == "h" else time.second) if time else 0
        return f"{value:02d}" if len(word) == 2 else str(value)
    if word.startswith(".") or word in ("am/pm", "a/p", "上午/下午"):
        if word.startswith("."):
            return ""
        morning = not time or time.hour < 12
        return {"am/pm": ("AM", "PM"), "a/p": ("A", "P")}.get(word, ("上午", "下午"))[0 if morning else 1]
    if date is None:
        return ""
    if word in ("yyyy", "e"):
        return str(date.year)
    if word == "yy":
        return f"{date.year % 100:02d}"
    if word in ("m", "mm", "mmm", "mmmm"):
        return f"{date.month:02d}" if word == "mm" else str(date.month) + ("月" if len(word) > 2 else "")
    if word in ("d", "dd"):
        return f"{date.day:02d}" if word == "dd" else str(date.day)
    weekday = _WEEKDAYS[date.weekday()]
    return ("星期" if word in ("aaaa", "dddd") else "周") + weekday if word != "aaa" else weekday
