"""Choose what a figure measures when its own clause does not say plainly: baselines, implied units, lists, beneficiaries."""

from __future__ import annotations

from dataclasses import replace

from policykit import pattern_cache
from policykit.targets.indicator import (
    SPAN,
    _left_phrase,
    _pos_cut,
    _segment_start,
    _strip_linking,
)
from policykit.targets.words import _words
from policykit.zh.numerals import Quantity
from policykit.zh.units import match_unit

_SPREAD_SUBJECT_END = pattern_cache.compile(r"(?:的?范围|已经|已|的)+$")


def _share_of_places(text: str, left: str, quantity: Quantity, after_end: int) -> str:
    """The share of places a programme is spread over, named after the programme: 把互助医疗试点的范围扩大到全省
    60%的县 → 互助医疗试点覆盖县比例 (the year's result, 已扩大到全国86%的县, takes the same name); "" otherwise.

    >>> from policykit.zh.numerals import find_quantities
    >>> def name(text):
    ...     q = next(q for q in find_quantities(text) if q.unit == "%")
    ...     return _share_of_places(text, text[: q.start], q, q.end)
    >>> name("把互助医疗试点的范围扩大到全省60%的县"), name("互助医疗试点已扩大到全国86%的县")
    ('互助医疗试点覆盖县比例', '互助医疗试点覆盖县比例')
    >>> name("全省80%的县建成污水处理厂"), name("覆盖率扩大到60%的水平")
    ('', '')
    """
    words = _words()
    place = words.spread_places.match(text, after_end)
    spread = list(words.spread_verbs.finditer(left))
    if quantity.unit != "%" or not place or not spread:
        return ""
    subject = left[: spread[-1].start()]
    for mark in ("把", "将"):
        subject = subject[subject.rfind(mark) + 1 :]
    subject = _left_phrase(_SPREAD_SUBJECT_END.sub("", subject))[0]
    subject = _SPREAD_SUBJECT_END.sub("", subject)
    return f"{subject}覆盖{place.group(1)}比例" if len(subject) >= 2 else ""


def _before_baseline(text: str, rest: str, quantity: Quantity, preceding: Quantity | None) -> str:
    """The context before a change's baseline: 最低标准从每人每月2375元提高到2423元 → 最低标准.

    Both values of the change take it: the level (after the baseline) and the baseline itself, with the
    baseline's year when the text gives it (从2020年的60%提高到…).

    >>> from policykit.zh.numerals import find_quantities
    >>> text = "最低标准从每人每月2375元提高到2423元"
    >>> low, high = find_quantities(text)
    >>> _before_baseline(text, "最低标准从每人每月2375元", high, low), _before_baseline(text, "最低标准从每人每月", low, None)
    ('最低标准', '最低标准')
    >>> _before_baseline("", "覆盖率从2020年的", low, None)
    '覆盖率'

    A short qualifier of the baseline's amount may stand after 从 when the text changes it to a level:

    >>> text = "将起征点从月销售额10万元提高到15万元"
    >>> low, high = find_quantities(text)
    >>> _before_baseline(text, "将起征点从月销售额10万元", high, low), _before_baseline(text, "将起征点从月销售额", low, None)
    ('将起征点', '将起征点')
    >>> _before_baseline("从业人员1000人", "从业人员", find_quantities("从业人员1000人")[0], None)
    '从业人员'
    >>> _before_baseline("", "开办时间从一个月以上压缩到目前的", low, None)
    '开办时间'
    """
    words = _words()
    head = rest.rstrip()
    changed = False
    if preceding is not None and head.endswith(preceding.raw):
        head, changed = head[: -len(preceding.raw)], True
    found = words.baseline_head.search(head)
    if found:
        return head[: found.start()]
    qualified = words.qualified_baseline.search(head)
    if qualified and (changed or words.baseline.match(text, quantity.end)):
        return head[: qualified.start()]  # 起征点从月销售额3万元提高到15万元: 月销售额 says what is counted
    worded = words.worded_baseline.search(head)
    if worded:
        return head[: worded.start()]  # 开办时间从一个月以上压缩到目前的平均4个工作日: a baseline in words
    return rest


def _with_implied_unit(text: str, quantity: Quantity, s_end: int) -> tuple[Quantity, str]:
    """Give a bare magnitude the unit its noun implies, and that noun: 30万以上参保人员 → 30万人 参保人员.

    >>> from policykit.zh.numerals import find_quantities
    >>> text = "覆盖30万以上参保人员"
    >>> (lambda q, noun: (q.value, q.unit, noun))(*_with_implied_unit(text, find_quantities(text)[0], len(text)))
    (300000.0, '人', '参保人员')
    """
    if quantity.unit or quantity.factor < 10_000:
        return quantity, ""
    bare = quantity.raw[:1] in "十百千万亿"
    if bare and (text.startswith(("，", "。", "；", ",", ";"), quantity.end) or quantity.end >= len(text)):
        head = text[max(0, quantity.start - 16) : quantity.start]
        money = _words().money_nouns.search(head)
        if money and not _words().money_nouns.search(head, money.end()):
            # 旅游收入破万亿。: a bare magnitude ending its clause after a noun of money is an amount of 元
            return replace(quantity, unit="元", written_unit="", group="money"), ""
    implied = _words().implied_units
    end = min(s_end, quantity.end + 12)
    for index in range(quantity.end, end):
        if text[index] in "，,；;。：:、（）()\n":
            end = index
            break
    after = text[quantity.end : end]
    for noun, unit in sorted(implied.items(), key=lambda pair: -len(pair[0])):
        at = after.find(noun)
        if at != -1 and at + len(noun) <= 8:
            named = after[: at + len(noun)]
            for word, _ in _words().after:
                named = named.removeprefix(word)  # 30万以上参保人员: the noun after 以上
            return replace(quantity, unit=unit, written_unit="", group="count"), named
    if _counts_people_before(text, quantity, after):
        return replace(quantity, unit="人", written_unit="", group="count"), ""
    return quantity, ""


def _counts_people_before(text: str, quantity: Quantity, after: str) -> bool:
    """Tell whether a bare magnitude ending its clause counts the people its subject names.

    >>> from policykit.zh.numerals import find_quantities
    >>> def reads(text):
    ...     quantity = find_quantities(text)[0]
    ...     return _counts_people_before(text, quantity, text[quantity.end :].rstrip("。"))
    >>> reads("农村贫困人口减少1000万以上。"), reads("农村居民人均收入达到2万。"), reads("参保人员待遇支出1000万。")
    (True, False, False)
    """
    words = _words()
    rest = after.strip()
    for word, _ in words.after:
        rest = rest.removeprefix(word)
    if rest:
        return False  # a noun after the number says what it counts
    head = text[max(0, quantity.start - SPAN) : quantity.start]
    head = head[max(head.rfind(mark) for mark in "，,；;。：:") + 1 :]
    people = [hit.end() for hit in words.people_subjects.finditer(head)]
    if not people:
        return False
    return not words.money_nouns.search(head, people[-1])  # 农村人口人均收入达到2万: an amount of money


_BRACKETED_END = pattern_cache.compile(r"(?<=[\u4e00-\u9fff])（[\u4e00-\u9fff、]{1,6}）$")


_BRACKETED_NOUN = pattern_cache.compile(r"[\u4e00-\u9fff]{1,8}(（[\u4e00-\u9fff、]{1,6}）)")


_FIGURE_DIGIT = pattern_cache.compile(r"(?<![A-Za-z\d.])\d")
"""A digit that starts a number, not one inside a name written in Latin letters (PM2.5, PM10)."""


def _changed_before(text: str, seg_start: int, s_start: int) -> str:
    """The noun a change verb opening the clause before takes, for a level that names none.

    >>> text = "下调城镇职工基本养老保险单位缴费比例，各地可降至16%"
    >>> _changed_before(text, text.index("各地"), 0)
    '城镇职工基本养老保险单位缴费比例'
    >>> _changed_before("提高3个百分点，可降至16%", 8, 0)
    ''
    """
    if seg_start <= s_start or text[seg_start - 1] not in "，,":
        return ""
    before = text[_segment_start(text, seg_start - 1, s_start) : seg_start - 1].strip()
    words = _words()
    if _FIGURE_DIGIT.search(before):
        return ""
    tokens = _pos_cut(before)
    while tokens and tokens[0][0] in words.lead:
        before = before[len(tokens.pop(0)[0]) :]  # 今年下调…
    verb = next((v for v in (*words.increase, *words.decrease) if before.startswith(v)), "")
    return _left_phrase(before[len(verb) :])[0] if verb else ""


_COUNTED_OBJECT = pattern_cache.compile(
    r"\d+[\u4e00-\u9fff](?=[\u4e00-\u9fff“])"
)  # 8届双创活动周, not 一次性


def _beneficiaries(text: str, verb: str, s_start: int, seg_start: int) -> str:
    """Who a measure reaches, named by the measure before it: 发放一次性生活补助，惠及1100多万人 → 一次性生活补助惠及.

    >>> _beneficiaries("发放一次性生活补助，惠及1100多万人", "惠及", 0, 10)
    '一次性生活补助惠及'
    """
    before = _segment_start(text, seg_start - 1, s_start)
    measure = text[before : seg_start - 1]
    offset, cut = 0, 0
    for word, tag in _pos_cut(measure):
        offset += len(word)
        if tag == "v":
            cut = offset  # 向困难职工发放一次性临时补贴: the object of the last verb is the measure
    measure = measure[cut:] if cut < len(measure) else measure
    counted = _COUNTED_OBJECT.match(measure)
    phrase = _left_phrase(measure[counted.end() :] if counted else measure)[
        0
    ]  # 举办8届双创活动周: 双创活动周
    return phrase + verb if phrase else ""


def _short_list_end(stretch: str) -> int | None:
    """Where the 等 of a list of short kinds right after a count ends (视力、听力、肢体等残疾儿童 → 8).

    The first such 等: a later one (…、康复训练等康复救助服务) closes another list.

    >>> _short_list_end("视力、听力等残疾儿童提供训练、手术等服务"), _short_list_end("示范项目") is None
    (5, True)
    """
    at = stretch.find("等")
    while at > 0:
        items = stretch[:at].split("、")
        if len(items) >= 2 and all(0 < len(item) <= 4 for item in items) and at + 1 < len(stretch):
            return at
        at = stretch.find("等", at + 1)
    return None


def _left_phrase_bracketed(rest: str) -> tuple[str, str]:
    """`_left_phrase`, keeping a short bracket that ends the noun: 新时代文明实践中心（所、站）.

    >>> _left_phrase_bracketed("建成新时代文明实践中心（所、站）")
    ('新时代文明实践中心（所、站）', '建成')
    """
    found = _BRACKETED_END.search(rest)
    if found is None:
        return _left_phrase(rest)
    phrase, verb = _left_phrase(rest[: found.start()])
    return (phrase + found.group(0) if phrase else ""), verb


def _relative_bound(rest: str, share: bool = False) -> tuple[str, str] | None:
    """Split `X不低于Y的` (a bound relative to a reference) into X and the bound's comparator; for a share or a
    multiple (`share`), `X不低于Y` with no 的 too (按照不低于入住老人护理补贴30%的标准).

    >>> _relative_bound("特困人员基本生活保障标准不低于当地最低生活保障标准的")
    ('特困人员基本生活保障标准', '>=')
    >>> _relative_bound("全区绿化覆盖率达到") is None, _relative_bound("不低于基本生活费的")
    (True, None)
    >>> _relative_bound("养老机构每月按照不低于入住老人护理补贴", share=True)
    ('养老机构每月', '>=')
    """
    closed = rest.endswith("的")
    if not closed and not share:
        return None
    for word, sign in _words().before:
        at = rest.rfind(word)
        if at == -1:
            continue
        base = rest[at + len(word) :]
        if not closed and len(word) < 3:
            continue  # 签约比例, 超过全球一半: a short word inside a name or before a whole, no bound on a base
        if not closed and not (0 < len(base) <= 12 and _BASE_NOUNS.fullmatch(base)):
            return None  # 不低于30%的企业…达到: the bound is on another figure, or on none
        # 不低于Y的 opening the clause: its 低于 is no comparator of its own, nor its subject 不
        if closed:
            return (rest[:at], sign) if at > 0 else None
        subject = rest[:at]
        for opener in _words().base_openers:
            subject = subject.removesuffix(opener)  # 失业保险金按照(不低于…80%): the subject before 按照
        return subject, sign
    return None


_BASE_NOUNS = pattern_cache.compile(r"[\u4e00-\u9fff]+")


def _multiple_of_base(rest: str) -> str | None:
    """The subject of a share or multiple of another standard, before 按: 孤儿基本生活费标准按本市最低工资标准的
    (1.2倍) → 孤儿基本生活费标准; None where no 按 opens the base.

    >>> _multiple_of_base("孤儿基本生活费标准按本市最低工资标准的"), _multiple_of_base("最低工资标准的")
    ('孤儿基本生活费标准', None)
    """
    if not rest.endswith("的"):
        return None
    for word in _words().base_openers:
        at = rest.rfind(word)
        if at > 0 and _BASE_NOUNS.fullmatch(rest[at + len(word) : -1]):
            return rest[:at]
    return None


def _a_share_without_subject(indicator: str, previous: str) -> bool:
    """Tell whether an indicator is a share named without its subject (占全国比重, 占比), after one with a subject.

    >>> _a_share_without_subject("占全国比重", "经济总量"), _a_share_without_subject("占地面积", "公园")
    (True, False)
    """
    words = _words()
    return (
        bool(previous)
        and indicator.startswith(words.share_opener)
        and not indicator.startswith(words.share_exceptions)
        and words.share_opener not in previous
    )


def _with_subject_of(verb: str, before: str) -> str:
    """Give a stage of works written alone the subject of the stage before it.

    >>> _with_subject_of("完工", "老旧小区综合整治新开工"), _with_subject_of("完工", "保障性住房")
    ('老旧小区综合整治完工', '完工')
    >>> _with_subject_of("缓税缓费", "新增减税降费")
    '缓税缓费'
    """
    stages = _words().stage_verbs
    if verb not in stages:
        return verb
    stage = next((s for s in stages if before.endswith(s)), "")
    return before[: -len(stage)] + verb if stage and len(before) > len(stage) else verb


def _with_list_units(text: str, quantities: list[Quantity], s_start: int, s_end: int) -> list[Quantity]:
    """Give the bare values of a 分别 list the unit written after the last one (10.6万、3.8万、3.3万平方公里).

    >>> from policykit.zh.numerals import find_quantities
    >>> text = "面积分别净减少10.6万、3.8万、3.3万平方公里"
    >>> [(q.value, q.unit) for q in _with_list_units(text, find_quantities(text), 0, len(text))]
    [(106000.0, '平方公里'), (38000.0, '平方公里'), (33000.0, '平方公里')]
    """
    if "分别" not in text[s_start:s_end] or all(q.unit for q in quantities):
        return quantities
    joiners = _words().list_joiners
    shared = list(quantities)
    for index in range(len(shared) - 2, -1, -1):
        bare, unit_of = shared[index], shared[index + 1]
        if bare.unit or not unit_of.unit or not joiners.fullmatch(text[bare.end : unit_of.start].strip()):
            continue
        unit = match_unit(unit_of.written_unit) if unit_of.written_unit else None
        factor = unit.factor if unit is not None else 1.0
        shared[index] = replace(
            bare,
            value=bare.value * factor,
            factor=bare.factor * factor,
            unit=unit_of.unit,
            written_unit=unit_of.written_unit,
            group=unit_of.group,
        )
    return shared


_PER_UNIT_RATE = pattern_cache.compile(r"按(?:每[\u4e00-\u9fff]{1,4}?)+$")
_GRANT_RATE = pattern_cache.compile(r"(?:的)?(?:标准)?给予([\u4e00-\u9fff]{2,10}?)(?=[，,。；;、]|$)")


_GIVEN_BEFORE = pattern_cache.compile(r"给予(?:每[\u4e00-\u9fff]{1,4}?)?$")
_NAMED_AFTER = pattern_cache.compile(r"([\u4e00-\u9fff]{2,12}?)(?=[，,。；;、]|$)")


def _granted(text: str, left: str, after_end: int) -> str:
    """What a per-unit rate or an award is given as, or "": 按每张床位1万元给予一次性建设补助 → 一次性建设补助,
    给予每家20万元一次性配套建设支持 → 一次性配套建设支持 (the subject follows the amount).

    >>> text = "按每张床位1万元给予一次性建设补助。"
    >>> _granted(text, "按每张床位", text.index("给")), _granted("新增床位1万张。", "新增床位", 6)
    ('一次性建设补助', '')
    >>> text = "给予每家20万元一次性配套建设支持。"
    >>> _granted(text, "给予每家", text.index("一"))
    '一次性配套建设支持'
    """
    if _GIVEN_BEFORE.search(left.rstrip()):
        return _named_after(text, after_end)
    if not _PER_UNIT_RATE.search(left):
        return ""
    granted = _GRANT_RATE.match(text, after_end)
    return granted.group(1) if granted else ""


def _named_after(text: str, after_end: int) -> str:
    """The name right after a quantity that ends its clause: 减少1个月等待期 → 等待期 (or "" where none does)."""
    named = _NAMED_AFTER.match(text, after_end)
    return named.group(1) if named else ""


def _changing_before(text: str, seg_start: int, s_start: int) -> str:
    """The name a clause with no figure changes, for the value of the clause after it that names none:
    森林覆盖率稳步提升，到2025年达到45% → 森林覆盖率.

    >>> text = "森林覆盖率稳步提升，到2025年达到45%"
    >>> _changing_before(text, text.index("到"), 0), _changing_before("建成10个，到2025年达到45%", 5, 0)
    ('森林覆盖率', '')
    >>> text = "PM2.5浓度持续下降，到2027年降至30微克/立方米"
    >>> _changing_before(text, text.index("到"), 0)
    'PM2.5浓度'
    """
    if seg_start <= s_start or text[seg_start - 1] not in "，,":
        return ""
    before = text[_segment_start(text, seg_start - 1, s_start) : seg_start - 1].strip()
    if not before or _FIGURE_DIGIT.search(before):
        return ""  # a figure of its own; a digit inside a name (PM2.5浓度) is none
    rest, _, direction = _strip_linking(before)
    if direction is None:
        return ""
    words = _words()
    adverb = next((a for a in words.verb_adverbs if rest.endswith(a)), "")
    return _left_phrase(rest[: len(rest) - len(adverb)])[0]


def _level_before(text: str, seg_start: int, s_start: int) -> str:
    """The name of a level in the clause before that the number reader left unread (地区生产总值达到8.8 万亿元，
    年均增长9.1%, or 、增长: a space before the unit), for a change after it that names nothing.

    >>> text = "全省地区生产总值达到8.8 万亿元，年均增长9.1%"
    >>> _level_before(text, text.index("年均"), 0), _level_before("推进道路建设，年均增长9%", 7, 0)
    ('地区生产总值', '')
    >>> text = "连续7年提高企业退休人员基本养老金水平，年均增长10%"
    >>> _level_before(text, text.index("年均"), 0)
    ''
    >>> text = "地方一般公共预算收入达到 6100.5 亿元、增长 1.2%"
    >>> _level_before(text, text.index("增长"), 0)
    '地方一般公共预算收入'
    """
    if seg_start <= s_start or text[seg_start - 1] not in "，,、":
        return ""
    before = text[_segment_start(text, seg_start - 1, s_start) : seg_start - 1].strip()
    digit = _FIGURE_DIGIT.search(before)
    if not digit:
        return ""
    head = before[: digit.start()].rstrip()
    rest = _strip_linking(head)[0]
    return _left_phrase(rest)[0] if rest != head else ""  # 达到8.8 万亿元, not 连续7年提高…


def _subject_of_sibling(text: str, seg_start: int, s_start: int, indicator: str) -> str:
    """A bare amount (产量) whose clause follows one that measures the same subject with no figure: 棉花播种面积保持
    稳定、产量达到600万吨以上 → 棉花产量; the indicator unchanged otherwise.

    >>> text = "棉花播种面积保持稳定、产量达到600万吨以上"
    >>> _subject_of_sibling(text, text.index("产量"), 0, "产量")
    '棉花产量'
    >>> text = "推进农业结构调整、产量达到600万吨以上"
    >>> _subject_of_sibling(text, text.index("产量"), 0, "产量")
    '产量'
    """
    words = _words()
    if indicator not in words.amount_nouns or seg_start <= s_start or text[seg_start - 1] not in "，,、":
        return indicator
    before = text[_segment_start(text, seg_start - 1, s_start) : seg_start - 1].strip()
    if _FIGURE_DIGIT.search(before):
        return indicator
    tokens = _pos_cut(before)
    while tokens and (tokens[0][0] in words.lead or tokens[0][1] == "m"):
        tokens.pop(0)  # 全年棉花播种面积稳定
    measures = (*words.amount_nouns, *words.stock_nouns, *words.measure_ends)
    if len(tokens) < 2 or not tokens[0][1].startswith("n") or not tokens[1][0].endswith(measures):
        return indicator
    return tokens[0][0] + indicator


def _object_before(text: str, seg_start: int, s_start: int) -> str:
    """The thing the clause before adds, for a count whose own clause names none: 出入口增加无障碍电梯，三年累计新增
    12台 → 无障碍电梯.

    >>> text = "既有站点出入口增加无障碍电梯，三年累计新增12台"
    >>> _object_before(text, text.index("三"), 0), _object_before("推进道路建设，完成12条", 7, 0)
    ('无障碍电梯', '')
    """
    if seg_start <= s_start or text[seg_start - 1] not in "，,":
        return ""
    before = text[_segment_start(text, seg_start - 1, s_start) : seg_start - 1].strip()
    if not before or _FIGURE_DIGIT.search(before):
        return ""
    verbs = [(before.rfind(verb), verb) for verb in _words().adding_verbs]
    at, verb = max(verbs)
    noun = before[at + len(verb) :] if at >= 0 else ""
    return noun if 1 < len(noun) <= _OBJECT_NOUN and _CJK_NOUN.fullmatch(noun) else ""


_OBJECT_NOUN = 12
"""The longest object a clause adds that a count after it can take as its name."""
_CJK_NOUN = pattern_cache.compile(r"[\u4e00-\u9fff]+")
