"""The indicator a quantity measures, and the comparator and direction written around it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from policykit import pattern_cache
from policykit.targets.deadlines import _deadline_hits
from policykit.targets.periods import without_span
from policykit.targets.words import _words

# ---------------------------------------------------------------- sentences and spans

_SENTENCE_END = pattern_cache.compile(r"[。！？!?\n]+|……")
_SEGMENT_BOUNDARY = "，,；;：:。！？!?、（）()\n"
_QUOTES = '“”‘’"《》「」『』〈〉【】'
_STRIP_QUOTES = str.maketrans("", "", _QUOTES)

# How far a segment boundary, a quotation mark or an indicator is looked for around a quantity. Real
# segments are far shorter; the bounds keep text with no punctuation (39 KB of —— items, 6%-6%-… × 4000)
# linear instead of quadratic, since every quantity would otherwise scan and segment all the text before it.
SPAN = 80
LIST_SPAN = 400  # a 分别 list: its names and values are separated by 、, so its segment is longer
MARK_SPAN = 60  # a quoted name or a title holding a number


def _sentences(text: str) -> list[tuple[int, int]]:
    """Split text into (start, end) sentence spans."""
    spans, start = [], 0
    for hit in _SENTENCE_END.finditer(text):
        if hit.start() > start:
            spans.append((start, hit.end()))
        start = hit.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


_ABBREVIATION = pattern_cache.compile(r"(?<=[\u4e00-\u9fff])[（(][A-Za-z]{2,8}[）)]")
"""A bracketed abbreviation in Latin letters after a Chinese name (居民消费价格(CPI), 地区生产总值（GDP）)."""
_ABBREVIATION_END = pattern_cache.compile(_ABBREVIATION.pattern + "$")


def _inside_marks(text: str, start: int, end: int) -> bool:
    """Tell whether a span sits inside quotation marks, a title 《》 or a document-number bracket 〔〕."""
    for opening, closing in (("“", "”"), ("《", "》"), ("〔", "〕"), ("[", "]"), ("「", "」")):
        left = text.rfind(opening, max(0, start - MARK_SPAN), start)
        if left != -1 and text.rfind(closing, left, start) == -1:
            right = text.find(closing, end, end + 31)
            if right != -1 and text.find(opening, end, right) == -1:
                return True
    return False


def _segment_start(text: str, position: int, floor: int) -> int:
    """Offset just after the last segment boundary before `position` (not before `floor`, nor SPAN back)."""
    floor = max(floor, position - SPAN)
    index = position - 1
    while index >= floor and text[index] not in _SEGMENT_BOUNDARY:
        index -= 1
    return index + 1


def _past_abbreviation(text: str, seg_start: int, floor: int) -> int:
    """Move a segment's start back over a bracketed abbreviation that ends it (居民消费价格(CPI)涨幅): no boundary.

    >>> text = "全市居民消费价格(CPI)涨幅2%"
    >>> _past_abbreviation(text, text.index("涨"), 0), _past_abbreviation("增速(%)涨幅", 6, 0)
    (0, 6)
    """
    found = _ABBREVIATION_END.search(text, max(floor, seg_start - 12), seg_start)
    return _segment_start(text, found.start(), floor) if found else seg_start


def _segment_end(text: str, position: int, ceiling: int) -> int:
    """Offset of the first segment boundary from `position` (not after `ceiling`, nor SPAN on)."""
    ceiling = min(ceiling, position + SPAN)
    index = position
    while index < ceiling and text[index] not in _SEGMENT_BOUNDARY:
        index += 1
    return index


# ---------------------------------------------------------------- comparators, directions, indicators


@dataclass(frozen=True)
class _Endings:
    """The word lists `_strip_linking` peels off, in its order, with one tuple per step to test them all at once."""

    before: tuple[str, ...]
    signs: tuple[str, ...]
    task_verbs: tuple[str, ...]
    level_changes: tuple[str, ...]  # verb + suffix, suffix by suffix (提高到, 增长至 …)
    increase: tuple[str, ...]
    decrease: tuple[str, ...]
    linking: tuple[str, ...]
    linking_set: frozenset[str]
    reached: tuple[
        str, ...
    ]  # what `_without_change_verb` cuts: reach verbs, their adverbs, comparators, longest first


_ENDINGS: dict[int, tuple[object, _Endings]] = {}


def _endings() -> _Endings:
    """`_Endings` for the loaded word lists (built once per `_words()` object)."""
    words = _words()
    held = _ENDINGS.get(id(words))
    if held is not None and held[0] is words:
        return held[1]
    verbs = (*words.increase, *words.decrease, *words.level_verbs)
    endings = _Endings(
        before=tuple(word for word, _ in words.before),
        signs=tuple(sign for _, sign in words.before),
        task_verbs=words.task_verbs,
        level_changes=tuple(verb + suffix for suffix in words.level_suffix for verb in verbs),
        increase=words.increase,
        decrease=words.decrease,
        linking=words.linking,
        linking_set=frozenset(words.linking),
        reached=tuple(
            sorted(
                (*words.reach_verbs, *words.verb_adverbs, *(w for w, _ in words.before if len(w) > 1)),
                key=len,
                reverse=True,
            )
        ),
    )
    _ENDINGS.clear()
    _ENDINGS[id(words)] = (words, endings)
    return endings


def _first_ending(text: str, endings: tuple[str, ...]) -> int:
    """The index of the first of `endings` that `text` ends with, or -1 (one C-level test when none does)."""
    if not text.endswith(endings):
        return -1
    return next(index for index, word in enumerate(endings) if text.endswith(word))


def _strip_linking(left: str) -> tuple[str, str | None, str | None]:
    """Peel comparator, change and linking words off the end of the left context.

    Returns (what remains, comparator, direction). Each step takes the first word of its list the
    context ends with; most contexts end with none, which one `str.endswith(tuple)` tells.

    >>> _strip_linking("全区绿化覆盖率提高到不低于")
    ('全区绿化覆盖率', '>=', None)
    >>> _strip_linking("粮食产量增长")
    ('粮食产量', None, 'increase')
    """
    words = _words()
    endings = _endings()
    comparator = direction = None
    changed = True
    while changed and left:
        changed = False
        per_unit = words.per_unit.search(left)
        if per_unit and left[: per_unit.start()].endswith((*words.level_suffix, *endings.linking)):
            left, changed = (
                left[: per_unit.start()],
                True,
            )  # 标准提高到每人每月(800元): the rate's base, no name
            continue
        at = _first_ending(left, endings.before)
        if at >= 0:
            comparator = comparator or endings.signs[at]
            left, changed = left[: -len(endings.before[at])], True
            continue
        at = _first_ending(left, endings.task_verbs)
        if at >= 0:
            left, changed = (
                left[: -len(endings.task_verbs[at])],
                True,
            )  # 改造提升24个服务区: a task, not a change
            continue
        at = _first_ending(left, endings.level_changes)
        if at >= 0:
            left, changed = left[: -len(endings.level_changes[at])], True
            continue
        if direction is None:
            at = _first_ending(left, endings.increase)
            if at >= 0:
                direction, left, changed = "increase", left[: -len(endings.increase[at])], True
                continue
            at = _first_ending(left, endings.decrease)
            if at >= 0:
                direction, left, changed = "decrease", left[: -len(endings.decrease[at])], True
                continue
            compared = words.compared_changes.get(left[-1:])
            if compared and words.compared_to.search(left[:-1]):
                direction, left, changed = compared, left[:-1], True  # 比去年多(20万人): a change
                continue
        if left.endswith(endings.linking) or left in endings.linking_set:
            for word in endings.linking:
                if (left.endswith(word) and word not in words.keep_head) or left == word:
                    left, changed = left[: -len(word)], True
                    break
    return left, comparator, direction


_NOMINAL_BREAK = {"q", "r", "p", "d", "t", "x", "uj", "ul", "ud", "ug", "uz", "uv", "y", "e", "o", "zg"}
_NUMERAL_CHARS = set("零〇一二两三四五六七八九十百千万亿0123456789")


def _breaks_phrase(word: str, tag: str) -> bool:
    """Tell whether a token ends the phrase before it: numerals (五大), pronouns, adverbs, prepositions, times."""
    if _one_as_adjective(word) or word in _words().numeral_adjectives:
        return False  # 一次性生活补助, 千兆光网: the word describes the noun
    if tag == "zg" and word in _words().head_morphemes:
        return False  # 乡村旅游重点村: jieba's morpheme tag on a noun that heads the name
    return (
        (tag in _NOMINAL_BREAK and not (tag == "t" and word in _words().age_words))
        or bool(_COUNTED_WORD.match(word))
        or (tag in ("m", "mq") and bool(_NUMERAL_CHARS & set(word)) and not _one_as_adjective(word))
    )


def _one_as_adjective(word: str) -> bool:
    """Tell whether a token is an adjective built on 一 (一次性, 一体化, 一站式), not a numeral.

    >>> _one_as_adjective("一次性"), _one_as_adjective("一体化"), _one_as_adjective("一千"), _one_as_adjective("一个")
    (True, True, False, False)
    """
    return len(word) >= 3 and word[0] == "一" and not _NUMERAL_CHARS & set(word[1:])


_COUNTED_WORD = pattern_cache.compile(r"^[零〇一二两三四五六七八九十百千万亿\d]+[大项个类条种批]?$")


_DATE_CHARS = set("年月日季底末初期前后今明去")


def _time_noun_head(tokens: list[tuple[str, str]], index: int, start: int) -> bool:
    """Tell whether the last token, tagged a time word, is a noun's head (总/课时), not a date (今年, 年底)."""
    word, tag = tokens[index]
    if tag != "t" or index != len(tokens) - 1 or index <= start:
        return False
    if word in _words().time_heads:
        return tokens[index - 1][1].startswith(
            ("n", "v")
        )  # 审理周期, 办案周期: the measure a verbal noun names
    return tokens[index - 1][1].startswith("n") and not _DATE_CHARS & set(word)


def _pos_cut(text: str) -> list[tuple[str, str]]:
    """Segment with POS tags; each distinct piece of text is tagged once (lists repeat their names)."""
    return list(_tags(text))


@lru_cache(maxsize=8192)
def _tags(text: str) -> tuple[tuple[str, str], ...]:
    from policykit.zh.segment import pos_cut

    tokens: list[tuple[str, str]] = []
    for word, tag in pos_cut(text):
        if tag == "zg" and len(word) == 1 and tokens and tokens[-1][1].startswith("n"):
            tokens[-1] = (
                tokens[-1][0] + word,
                tokens[-1][1],
            )  # 文物保护/员: a one-character suffix of the noun
        else:
            tokens.append((word, tag))
    return tuple(tokens)


@lru_cache(maxsize=4096)
def _is_unit_word(word: str) -> bool:
    """Tell whether a token is a whole unit (个, 万吨), as jieba splits 66个 into 66/个, or a unit with its
    magnitude or comparator that jieba's dictionary holds as one word (500/万元以上/技改项目)."""
    from policykit.zh.units import match_unit

    unit = match_unit(word)
    if unit is not None and len(unit.alias) == len(word):
        return True
    body = word.lstrip("十百千万亿")
    unit = match_unit(body)
    if unit is None:
        return False
    rest = body[len(unit.alias) :]
    return not rest or any(rest == comparator for comparator, _ in _words().after)


def _left_indicator(left: str) -> str:
    """The noun phrase at the end of the left context: after the last numeral, pronoun, adverb or preposition."""
    return _left_phrase(left)[0]


_LATIN_NAME = pattern_cache.compile(
    r"“([^“”]{1,20})”|((?<![0-9.A-Za-z])(?:[A-Z]?[0-9][A-Z]{1,2}(?![A-Za-z])级?|A{3,5}级)"
    r"|[A-Za-z]{1,6}[0-9]+(?:\.[0-9]+)?)"
)


def _cut_keeping_names(text: str) -> list[tuple[str, str]]:
    """Segment text, keeping a quoted name with numerals whole (“百县千企万店” is one name, not 千/万),
    and a name of Latin letters and digits (PM2.5, PM10, 5G, F5G, 4K, 3D) or a grade (5A级, AAAA级) as one noun."""
    tokens: list[tuple[str, str]] = []
    position = 0
    for name in _LATIN_NAME.finditer(text):
        if name.group(1) is not None and not _NUMERAL_CHARS & set(name.group(1)):
            continue
        if name.group(2) is not None:
            tokens += _pos_cut(text[position : name.start()].translate(_STRIP_QUOTES))
            tokens.append((name.group(2), "nz"))
            position = name.end()
            continue
        tokens += _pos_cut(text[position : name.start()].translate(_STRIP_QUOTES))
        tokens.append((name.group(1), "nz"))
        position = name.end()
    tail = text[position:].translate(_STRIP_QUOTES)
    return tokens + (_pos_cut(tail) if tail else [])


def _left_phrase(left: str) -> tuple[str, str]:
    """The noun phrase at the end of the left context, and the verb stripped from its head (发行, 建设).

    A bare measure after 的 keeps what it measures: 公共建筑屋顶安装太阳能光伏的面积比例, not 面积比例.

    >>> _left_phrase("非化石能源发电量占总发电量的比重")[0], _left_phrase("高校教师每年")[0]
    ('非化石能源发电量占总发电量的比重', '高校教师')
    """
    phrase, verb = _left_phrase_of(left)
    words = _words()
    ranged = next((word for word in words.radius_ranges if phrase.startswith(word)), "")
    if ranged and len(phrase) > len(ranged):
        phrase = phrase[
            len(ranged) :
        ]  # 站点100米范围内公交配套服务占比: the radius is no part of what is measured
    measures = (*words.measure_ends, *words.amount_nouns, "比重", "比例", "占比")
    stripped = left.strip()
    if 0 < len(phrase) <= 4 and phrase.endswith(measures) and stripped.endswith("的" + phrase):
        owner = _left_phrase_of(stripped[: -len(phrase) - 1])[0]
        if owner and len(owner) + len(phrase) <= 30:
            return owner + "的" + phrase, verb
    return phrase, verb


def _left_phrase_of(left: str) -> tuple[str, str]:
    """`_left_phrase` without the owner of a bare measure."""
    left = left.strip()
    for word in _words().per_year_ends:
        if left.removesuffix("都").endswith(word) and len(left) > len(word):
            left = left.removesuffix("都")[: -len(word)]  # 教师每年(至少1个月), 比例每年都(保持在): how often
            break
    left = _words().duration_adverb.sub("", left.strip())  # 粮食总产量连续9年稳定在: not 9年 as a count
    left = without_span(left)  # 居民人均可支配收入五年增长: the span of years is no part of the name
    left = _words().compared_to.sub("", left)  # PM2.5年均浓度较“十三五”末(改善): what it is compared with
    left = _words().share_of_level.sub(
        "", left
    )  # 旅游收入恢复到2019年水平的(90%): the level it is a share of
    deadlines = _deadline_hits(left)
    if deadlines:
        after, before = left[deadlines[-1].end() :], left[: deadlines[-1].start()].rstrip()
        for word in _words().deadline_prepositions:
            before = before.removesuffix(word)
        # 森林覆盖率到2025年(达到), 通车里程在2028年前(突破): a deadline that ends the context follows the name
        left = after if after.strip() or not before.strip() else before
    left = _ABBREVIATION.sub("", left)  # 居民消费价格(CPI)涨幅: the name's abbreviation breaks no phrase
    if not left.translate(_STRIP_QUOTES).strip():
        return "", ""
    lead = _words().lead
    tokens = [(word, tag) for word, tag in _cut_keeping_names(left) if word.strip()]
    adverbs = _words().clause_adverbs
    while len(tokens) > 1 and tokens[-1][1] == "d" and tokens[-1][0] in adverbs:
        tokens.pop()  # 一般公共预算收入也(将力争增长): the adverb before the verb is no part of the name
    last, last_tag = tokens[-1] if tokens else ("", "")
    if len(last) >= 4 and last_tag.startswith("n") and last[-1] in adverbs:
        tokens[-1] = (last[:-1], last_tag)  # 城镇调查失业率仍: jieba glues the adverb to the noun
    start = 0
    for index, (word, tag) in enumerate(tokens):
        following = tokens[index + 1][1] if index + 1 < len(tokens) else ""
        if (
            index + 2 < len(tokens)
            and tokens[index + 1][0] in _words().duration_words
            and _COUNTED_WORD.match(word)
        ):
            continue  # 公园二十四小时开放比例: a duration that modifies the noun, not a count before it
        if (
            index
            and word not in _words().duration_words
            and _is_unit_word(word)
            and _NUMERAL_CHARS & set(tokens[index - 1][0])
        ):
            start = (
                index + 1
            )  # 推进66个粮食产能提升重点县: the measure word after a number ends the phrase too
            continue
        if _breaks_phrase(word, tag) and (
            tag != "d" or following.startswith("v") or not following or word in adverbs
        ):
            if index == len(tokens) - 1 and tag in ("d", "q") and index > start:
                break  # 片区更新, 数据集: a last token jieba tags as adverb or classifier is the head noun
            if _time_noun_head(tokens, index, start):
                break  # 占总课时: jieba tags 课时 as a time word; after a noun it is the head noun
            start = index + 1  # an adverb ends the phrase only where it modifies a verb (率先建成)
    if (
        start >= 2
        and tokens[start - 2][0] == "每"
        and set(tokens[start - 1][0]) <= _NUMERAL_CHARS
        and start < len(tokens)
    ):
        start -= 2  # 每万人口发明专利拥有量: 每 and its numeral divide the noun, they begin the name
    while start > 0 and len("".join(word for word, _ in tokens[start:])) == 1:
        if _NUMERAL_CHARS & set(tokens[start - 1][0]):
            break
        start -= 1  # 整体用时: jieba's 用/时 leaves a one-character noun; the word before belongs to it
    tokens = tokens[start:]
    etc = [index for index, (word, _) in enumerate(tokens) if word == "等"]
    if etc and len("".join(word for word, _ in tokens[etc[-1] + 1 :])) >= 4:
        tokens = tokens[etc[-1] + 1 :]  # 威海碳纤维、枣庄欣旺达等“源网荷储”一体化试点: the kind after 等
    elif etc and etc[-1] == len(tokens) - 1:
        tokens = tokens[:-1]
    verb = ""
    while tokens and (tokens[0][0] in lead or tokens[0][1] in ("c", "f", "u", "uj")):
        if tokens[0][1].startswith("v"):
            verb = tokens[0][0]
        tokens = tokens[1:]
    run = 0
    while (
        run < len(tokens) - 1
        and tokens[run][1] in ("v", "a", "ad", "d")
        and tokens[run][0] not in _words().keep_head
        and not _one_as_adjective(tokens[run][0])
    ):
        run += 1
    if sum(tag in ("v", "d") for _, tag in tokens[:run]) >= 2:
        verb, tokens = tokens[run - 1][0], tokens[run:]  # 继续巩固落实好高等职业教育…: a chain of verbs
    phrase = "".join(word for word, _ in tokens)
    if len(phrase) > 24:
        kept: list[str] = []
        length = 0
        for word, _ in reversed(tokens):
            if length + len(word) > 24:
                break
            kept.insert(0, word)
            length += len(word)
        phrase = "".join(kept)
    return phrase, verb


_COORDINATED_COUNT = pattern_cache.compile(
    r"[和及与、](?:至少|超过|约|近)?[\d零〇一二两三四五六七八九十百千万亿]"
)
_AGE_RANGE = pattern_cache.compile(
    r"^[\d零一二两三四五六七八九十]{1,3}(?:[—\-－~～至][\d]{1,3})?(?:周岁|岁)(?:及)?(?:以下|以上)?"
)


_ATTRIBUTE_TAGS = ("l", "i", "a", "b", "z")
"""jieba's tags of idioms, adjectives and distinguishing words (旱涝保收, 大型): qualities, never a noun counted."""


def _only_attributes(words: str) -> bool:
    """Tell whether words after a count are only qualities (旱涝保收 in 3万亩旱涝保收、高产稳产农田), no noun.

    >>> _only_attributes("旱涝保收"), _only_attributes("公园")
    (True, False)
    """
    tokens = _pos_cut(words)
    return bool(tokens) and all(tag.startswith(_ATTRIBUTE_TAGS) and tag != "an" for _, tag in tokens)


def _described_by_predicate(words: str) -> bool:
    """Tell whether the words before a count's 的 are a subject and its predicate that describe the noun after
    it (技术模式较为成熟的示范基地, 设施完善的社区食堂), not a clause that goes on (速度可以实现比较充分的就业).

    >>> _described_by_predicate("技术模式较为成熟"), _described_by_predicate("速度可以实现比较充分")
    (True, False)
    """
    tokens = _pos_cut(words)
    return (
        len(tokens) >= 2
        and tokens[-1][1] in ("a", "ad", "i", "l", "v")
        and all(tag.startswith(("n", "d")) for _, tag in tokens[:-1])
    )


_LEADING_NOTE = pattern_cache.compile(r"[（(][^（）()]{1,20}[）)]")  # matched at a quantity's end


def _right_indicator(right: str, enumerated: bool = False) -> str:
    """The counted noun right after a quantity (建成3个示范性街镇 → 示范性街镇), when a noun follows."""
    if right.startswith("“") and "”" in right:
        named = right.translate(_STRIP_QUOTES).strip()  # 3个“15分钟社区生活圈”示范性街镇: a named kind
        return named if len(named) <= 24 else ""
    title = _words().named_as.match(right)
    if title:
        return title.group(1)  # 11个县被认定为国家义务教育优质均衡发展县: the title names what is counted
    right = right.translate(_STRIP_QUOTES).strip().removeprefix("的")
    right = _AGE_RANGE.sub("", right)  # 50万名3岁以下婴幼儿: the age range qualifies the noun after it
    note = _LEADING_NOTE.match(right)  # 35个（受益面积12万亩）低洼圩区: the note in brackets is no noun
    right = right[note.end() :] if note else right
    if not right:
        return ""
    layered = re.match(r"[\d零〇一二两三四五六七八九十百千万亿]+级", right)  # 2个千亿级产业集群
    tokens = _cut_keeping_names(right[layered.end() :] if layered else right)  # 3个5A级景区
    if layered and tokens:
        tokens[0] = (layered.group(0) + tokens[0][0], "n")
    if len(tokens) > 1 and (tokens[0][0] in _words().noun_adjectives or tokens[1][0] == "类"):
        # 94万平方米既有公共建筑, 30万平方米居住类历史建筑: 既有 and 居住类 describe the noun
        tokens[:2] = [(tokens[0][0] + tokens[1][0], "n")]
    lead = _words().lead
    while len(tokens) > 1 and tokens[0][0] in lead and tokens[0][1].startswith(("v", "d")):
        tokens = tokens[1:]  # 3500多个拟竣工投产项目
    if enumerated and tokens and len("".join(word for word, _ in tokens)) <= 12:
        return "".join(word for word, _ in tokens)  # 赛得利纤维等3500多个竣工投产项目: the kind counted
    described_by = right[: right.rfind("的")] if "的" in right else ""
    if _COORDINATED_COUNT.search(described_by):
        described_by = (
            ""  # 3个既有园区和至少1个科创园区的提质增效: 的 ends the second count's noun, not this one's
        )
    if (
        tokens
        and described_by
        and (
            tokens[0][1].startswith(("v", "a", "d"))
            or (
                tokens[0][1] == "p" and "为" in described_by
            )  # 1所以失能照护为主的机构: 以…为…的 describes it
            or (_NUMERAL_CHARS & set(described_by) and "、" not in described_by)
            or _described_by_predicate(described_by)
        )
    ):
        # 50个产值过5亿元的项目: a clause with its own number describes the noun after 的
        described = right[right.rfind("的") + 1 :]  # 300个具有辐射引领作用的高水平…实训基地
        tokens = _pos_cut(described) if len(described) >= 2 else tokens
    noun_at = next((i for i, (_, tag) in enumerate(tokens[:3]) if tag.startswith("n")), 0)
    compound = noun_at > 0 and all(_starts_compound(word, tag) for word, tag in tokens[:noun_at])
    # 10个示范项目, 5家自主创新企业, 16处大宗工业固废回填试点, 1000个和美乡村: after a measure word, a
    # verb, a numeral-like word or a one-character conjunction jieba split off belongs to the noun
    if not tokens or (
        tokens[0][1].startswith(("v", "p", "d", "c", "u", "r", "m", "x", "f"))
        and tokens[0][1] != "vn"
        and not compound
    ):
        return ""
    kept: list[str] = []
    for index, (word, tag) in enumerate(tokens):
        if kept and tag == "c" and word in ("及", "和", "与") and _plain_nouns(tokens[index + 1 :]):
            kept.extend(w for w, _ in tokens[index:])  # 80万平米屋面及相关设施改造: both conjuncts
            break
        if kept and tag == "m" and word in _words().place_suffixes:
            kept.append(word)  # 1500个积水点改造: 点 ends the noun of places, it is no numeral
            continue
        if kept and (tag in ("p", "c", "x", "r", "m", "uj") or word in ("等", "的")):
            break
        if _starts_predicate(tokens, index):
            # 1000亿元失业保险基金支持稳岗和培训: a verb with an object of its own starts a predicate, and
            # the adverb before it (5个县级城市新获评…, 891项事项全部实现…) belongs to the verb
            while len(kept) > 1 and _is_adverb(kept[-1], tokens[len(kept) - 1][1]):
                kept.pop()
            break
        kept.append(word)
    phrase = "".join(kept).removesuffix("的")
    return phrase if len(phrase) >= 2 else ""


def _is_adverb(word: str, tag: str) -> bool:
    """Tell whether a token is an adverb of the verb after it: 均, 全部, 首次, and 新 as jieba tags it (a)."""
    return tag in ("d", "ad") or (tag == "a" and len(word) == 1) or word in _words().verb_adverbs


def _starts_predicate(tokens: list[tuple[str, str]], index: int) -> bool:
    """Tell whether a verb after a counted noun starts a predicate of its own (基金支持稳岗和培训, 人口实现脱贫).

    Only a verb of the data's predicate list: jieba tags many words inside names as verbs (粮食产能提升重点县).
    """
    return (
        tokens[index][0] in _words().predicate_verbs
        and index + 1 < len(tokens)
        and any(tag.startswith("n") for _, tag in tokens[:index])
    )


def _noun_before_verb(phrase: str) -> str:
    """The noun phrase that opens a phrase, cut before the verb after it (and that verb's adverb).

    >>> _noun_before_verb("残疾儿童免费提供视力功能基本训练"), _noun_before_verb("重点企业开展节能诊断")
    ('残疾儿童', '重点企业')
    """
    tokens = _pos_cut(phrase)
    kept: list[str] = []
    seen_noun = False
    for index, (word, tag) in enumerate(tokens):
        following = tokens[index + 1][1] if index + 1 < len(tokens) else ""
        if seen_noun and (tag == "v" or (tag in ("vn", "d", "ad") and following == "v")):
            break
        kept.append(word)
        seen_noun = seen_noun or tag.startswith("n")
    found = "".join(kept)
    return found if len(found) >= 2 else phrase


def _starts_compound(word: str, tag: str) -> bool:
    """Tell whether a token jieba split off the front of a counted noun still belongs to it (北部供水管网: where
    it is, too)."""
    return (
        (tag == "v" and len(word) == 2)
        or (tag == "m" and not _NUMERAL_CHARS & set(word))
        or (tag == "c" and len(word) == 1 and word not in "并且而或及")
        or (tag == "f" and len(word) == 2 and word.endswith("部"))
    )


def _plain_nouns(tokens: list[tuple[str, str]]) -> bool:
    """Tell whether a short rest of a segment is one noun phrase (相关设施改造), with no numbers or clauses."""
    return 0 < len("".join(w for w, _ in tokens)) <= 10 and not any(
        tag in ("p", "c", "x", "r", "m", "uj", "d") or word in ("等", "的") for word, tag in tokens
    )


def _segment_end_no_dun(text: str, position: int, ceiling: int) -> int:
    """Like `_segment_end`, but 、 does not end the segment (a list of described nouns)."""
    ceiling = min(ceiling, position + SPAN)
    index = position
    while index < ceiling and text[index] not in "，,；;：:。！？!?（）()\n":
        index += 1
    return index


def _object_of(text: str, verb: str, floor: int, position: int, ceiling: int) -> str:
    """Find what an object-less verb counts from its earlier use: 发行超长期特别国债…，今年先发行1万亿元."""
    index = text.rfind(verb, max(floor, position - SPAN), position)
    if index == -1:
        return ""
    start = index + len(verb)
    phrase = text[start : _segment_end(text, start, ceiling)].translate(_STRIP_QUOTES).strip()
    return phrase if 2 <= len(phrase) <= 16 else ""


def _after_comparator(text: str, end: int) -> tuple[str | None, int]:
    for word, sign in _words().after:
        if text.startswith(word, end):
            return sign, end + len(word)
    return None, end


def _is_bare_verb(phrase: str) -> bool:
    """Tell whether a phrase is only a verb, with its adverbs (发放, 严守, 坚决守住): no noun to measure."""
    tokens = _pos_cut(phrase)
    return bool(tokens) and all(tag.startswith(("v", "a", "d")) and tag != "vn" for _, tag in tokens)


def _without_change_verb(indicator: str) -> str:
    """Cut a verb of change or of reaching off the end of an indicator: 通车里程增至 → 通车里程.

    A verb that says what happens to a figure (增至, 提高到, 达到, 突破) is never the figure's name; where
    nothing is left, the indicator is empty and the reader looks elsewhere for it.

    >>> _without_change_verb("高速公路通车里程增至"), _without_change_verb("增至"), _without_change_verb("城镇新增就业")
    ('高速公路通车里程', '', '城镇新增就业')
    >>> _without_change_verb("地区生产总值连续迈上"), _without_change_verb("粮食产量首次")
    ('地区生产总值', '粮食产量')
    """
    words = _words()
    changed = True
    while changed and indicator:
        changed = False
        level = words.level_change.search(indicator)
        if level and level.end() == len(indicator):
            indicator, changed = indicator[: level.start()], True
            continue
        shared = indicator.endswith(words.shared_value_words) and not indicator.endswith(
            (*words.keep_head, "平均")
        )
        if shared and len(indicator) > 2:
            indicator, changed = indicator[:-1], True  # 奖补资金等增幅均(超过): 均 shares, it names nothing
            continue
        at = _first_ending(indicator, _endings().reached)
        if at >= 0:
            indicator, changed = indicator[: -len(_endings().reached[at])], True
    return indicator


def _described_count(left: str, previous: str) -> str:
    """What a count phrased 甲的有N种 counts: the description before 的有, its subject and bound.

    A later item of the same list may leave its subject out (超过20%的有23种): it takes the one of the
    item before it (全国占比).

    >>> _described_count("我省在全国占比超过10%的有", ""), _described_count("超过20%的有", "全国占比超过10%的")
    ('占比超过10%的', '全国占比超过20%的')
    >>> _described_count("全市有", "")
    ''
    """
    words = _words()
    left = left.rstrip()
    verb = next((v for v in words.existence_verbs if left.endswith("的" + v)), None)
    if verb is None:
        return ""
    description = left[: -len(verb)]
    tokens = _pos_cut(description)
    while tokens and (tokens[0][0] in words.lead or tokens[0][1] in ("r", "p", "c")):
        description = description[len(tokens[0][0]) :]
        tokens = tokens[1:]
    if len(description) < 3:
        return ""
    bound = next((w for w, _ in words.before if description.startswith(w)), None)
    if bound is not None and "的" in previous:
        for word, _ in words.before:
            at = previous.find(word)
            if at > 0:
                return previous[:at] + description  # 超过20%的: the subject of the item before
    return description


def _segment_start_no_dun(text: str, position: int, floor: int) -> int:
    """Like `_segment_start`, but 、 does not end the segment, so a 分别 list stays whole."""
    floor = max(floor, position - LIST_SPAN, 0)
    # rfind per mark runs in C: a figure among a thousand in one 分别 sentence scanned LIST_SPAN characters in Python
    return max(max(text.rfind(mark, floor, position) for mark in _CLAUSE_MARKS) + 1, floor)


_CLAUSE_MARKS = "，,；;：:。！？!?\n"


_CJK = pattern_cache.compile(r"[\u4e00-\u9fff]")


def _sized_category(text: str, unit: str, bound: str, after_end: int) -> bool:
    """Tell whether people counted with 以上 before a noun that is no people size that noun's kind: 56人以上大班额.

    A floor of people (培训500人以上专业人才) counts the noun after it; a class size or a firm's staff does not.

    >>> text = "基本消除56人以上大班额，培训500人以上专业人才，带动1万人以上就业"
    >>> [_sized_category(text, "人", "以上", text.index(w)) for w in ("大班额", "专业人才", "就业")]
    [True, False, False]
    """
    if unit not in ("人", "名") or bound not in ("以上", "及以上") or not _CJK.match(text, after_end):
        return False
    tokens = _pos_cut(text[after_end : after_end + 8])[:2]
    if (
        not tokens
        or tokens[0][1] == "vn"
        or not any(tag.startswith("n") and tag != "vn" for _, tag in tokens)
    ):
        return False  # 带动1万人以上就业, 5000人以上创业带动就业: what the people do
    words = _words()
    people = [noun for noun, counted in words.implied_units.items() if counted in ("人", "人次")]
    noun = "".join(word for word, _ in tokens)
    return not any(word in noun for word in (*people, *words.population_nouns, "人"))
