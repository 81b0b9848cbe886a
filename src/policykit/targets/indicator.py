"""The indicator a quantity measures, and the comparator and direction written around it."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

from policykit import pattern_cache
from policykit.targets.deadlines import _deadline_hits
from policykit.targets.periods import without_span
from policykit.targets.words import _words
from policykit.zh.numerals import Quantity

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


def _segment_end(text: str, position: int, ceiling: int) -> int:
    """Offset of the first segment boundary from `position` (not after `ceiling`, nor SPAN on)."""
    ceiling = min(ceiling, position + SPAN)
    index = position
    while index < ceiling and text[index] not in _SEGMENT_BOUNDARY:
        index += 1
    return index


# ---------------------------------------------------------------- comparators, directions, indicators


def _strip_linking(left: str) -> tuple[str, str | None, str | None]:
    """Peel comparator, change and linking words off the end of the left context.

    Returns (what remains, comparator, direction).
    """
    words = _words()
    comparator = direction = None
    changed = True
    while changed and left:
        changed = False
        for word, sign in words.before:
            if left.endswith(word):
                comparator = comparator or sign
                left, changed = left[: -len(word)], True
                break
        if changed:
            continue
        for verb in words.task_verbs:
            if left.endswith(verb):
                left, changed = left[: -len(verb)], True  # 改造提升24个服务区: a task, not a change
                break
        if changed:
            continue
        for suffix in words.level_suffix:
            for verb in (*words.increase, *words.decrease, *words.level_verbs):
                if left.endswith(verb + suffix):
                    left, changed = left[: -len(verb) - len(suffix)], True
                    break
            if changed:
                break
        if changed:
            continue
        for verb, name in ((v, "increase") for v in words.increase):
            if left.endswith(verb) and direction is None:
                direction, left, changed = name, left[: -len(verb)], True
                break
        if changed:
            continue
        for verb in words.decrease:
            if left.endswith(verb) and direction is None:
                direction, left, changed = "decrease", left[: -len(verb)], True
                break
        if changed:
            continue
        for word in words.linking:
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


def _pos_cut(text: str) -> list[tuple[str, str]]:
    """Segment with POS tags; each distinct piece of text is tagged once (lists repeat their names)."""
    return list(_tags(text))


@lru_cache(maxsize=8192)
def _tags(text: str) -> tuple[tuple[str, str], ...]:
    from policykit.zh.segment import pos_cut

    return tuple(pos_cut(text))


def _is_unit_word(word: str) -> bool:
    """Tell whether a token is a whole unit (个, 万吨), as jieba splits 66个 into 66/个."""
    from policykit.zh.units import match_unit

    unit = match_unit(word)
    return unit is not None and len(unit.alias) == len(word)


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
    deadlines = _deadline_hits(left)
    if deadlines:
        left = left[deadlines[-1].end() :]
    if not left.translate(_STRIP_QUOTES).strip():
        return "", ""
    lead = _words().lead
    tokens = [(word, tag) for word, tag in _cut_keeping_names(left) if word.strip()]
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
        if _breaks_phrase(word, tag) and (tag != "d" or following.startswith("v") or not following):
            if index == len(tokens) - 1 and tag in ("d", "q") and index > start:
                break  # 片区更新, 数据集: a last token jieba tags as adverb or classifier is the head noun
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
    if not right:
        return ""
    layered = re.match(r"[\d零〇一二两三四五六七八九十百千万亿]+级", right)  # 2个千亿级产业集群
    tokens = _cut_keeping_names(right[layered.end() :] if layered else right)  # 3个5A级景区
    if layered and tokens:
        tokens[0] = (layered.group(0) + tokens[0][0], "n")
    if len(tokens) > 1 and tokens[0][0] in _words().noun_adjectives:
        tokens[:2] = [(tokens[0][0] + tokens[1][0], "n")]  # 94万平方米既有公共建筑: 既有 describes the noun
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
            or (_NUMERAL_CHARS & set(described_by) and "、" not in described_by)
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
    """Tell whether a token jieba split off the front of a counted noun still belongs to it."""
    return (
        (tag == "v" and len(word) == 2)
        or (tag == "m" and not _NUMERAL_CHARS & set(word))
        or (tag == "c" and len(word) == 1 and word not in "并且而或及")
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


_LIST_END = pattern_cache.compile(r"[，,；;：:。！？!?\n]")


@dataclass(frozen=True)
class _ListMarks:
    """Where a sentence's 分别 marks and the boundaries that end a 分别 list sit, found once per sentence."""

    start: int
    lists: list[int]
    ends: list[int]


def _list_marks(text: str, s_start: int, s_end: int) -> _ListMarks:
    """Find every 分别 and every list-ending boundary of a sentence in one pass each."""
    sentence = text[s_start:s_end]
    return _ListMarks(
        s_start,
        [s_start + hit.start() for hit in re.finditer("分别", sentence)],
        [s_start + hit.start() for hit in _LIST_END.finditer(sentence)],
    )


def _distributed(
    text: str, quantity: Quantity, marks: _ListMarks, quantities: list[Quantity]
) -> tuple[list[str], int, str | None, str | None, bool, int] | None:
    """For a quantity in a 分别 list: the names before 分别, its index among the values, the list's
    comparator and direction, whether it is a baseline (分别从A、B提高到C、D: A and B are), and where
    分别 is (the verb after it governs every value)."""
    # the 分别 list sits in one segment, but values are separated by 、 which is a segment boundary
    end = bisect_left(marks.ends, quantity.start)
    head_start = marks.ends[end - 1] + 1 if end else marks.start
    first_mark = bisect_left(marks.lists, head_start)
    if first_mark == len(marks.lists) or marks.lists[first_mark] + 2 > quantity.start:
        return None
    head = text[head_start : quantity.start]
    mark = marks.lists[first_mark] - head_start
    values_start = head_start + mark + 2
    # 分别从209元、280元提高到217元、290元: the values before 提高到 are baselines, the levels follow it
    end = (
        marks.ends[bisect_right(marks.ends, quantity.start)]
        if bisect_right(marks.ends, quantity.start) < len(marks.ends)
        else len(text)
    )
    changes = list(_words().level_change.finditer(text, values_start, min(end, values_start + LIST_SPAN)))
    before = [hit for hit in changes if hit.end() <= quantity.start]
    baseline = bool(changes) and not before
    if before:
        values_start = before[-1].end()
    first = bisect_left(quantities, values_start, key=_start_of)
    count = bisect_right(quantities, quantity.start, key=_start_of) - first
    between = text[values_start : quantities[first].start] if count else ""
    names = _list_names(text[head_start : head_start + mark])
    values = bisect_left(quantities, end, key=_start_of) - first
    if len(names) > values >= 2:
        # 信息传输软件和信息技术服务业、租赁和商务服务业…分别增长10.9%、10.4%: 和 joins words inside a name
        by_dun = _list_names(text[head_start : head_start + mark], only_dun=True)
        names = by_dun if len(by_dun) == values else names
    if len(names) < 2:
        return None
    direction = None
    change = head[mark + 2 :].lstrip().removeprefix("再")  # 分别再提高30元和5元
    for verb, name in [(v, "increase") for v in _words().increase] + [
        (v, "decrease") for v in _words().decrease
    ]:
        if change.startswith(verb) and not change.startswith(_words().level_suffix, len(verb)):
            direction = name
            break
    _, comparator, _ = _strip_linking(between)
    if comparator is None:
        # 分别稳定在3900万头、13.5亿只以上: a bound after the list's last value bounds every value
        last = quantities[bisect_right(quantities, end, key=_start_of) - 1]
        comparator = _after_comparator(text, last.end)[0] if last.start >= quantity.start else None
    return list(names), count - 1, comparator, direction, baseline, head_start + mark


def _start_of(quantity: Quantity) -> int:
    return quantity.start


@lru_cache(maxsize=1024)
def _list_names(names_text: str, only_dun: bool = False) -> tuple[str, ...]:
    """The names before 分别, each the indicator of one value (read once per list, not once per value);
    `only_dun` splits at 、 alone, for a list whose names hold 和 themselves."""
    names_text = _words().compared_to.sub("", names_text)  # 甲、乙比2020年分别下降…: not a deadline
    years = [hit for hit in _deadline_hits(names_text) if hit["year"]]
    if years:
        names_text = names_text[years[0].end() :]  # 到2025年底前甲、乙分别…: the names follow the deadline
    names = [
        _left_indicator(_strip_linking(part)[0]) or part.strip()
        for part in (names_text.split("、") if only_dun else _words().list_joiners.split(names_text))
    ]
    names = [name for name in names if name]
    names = _with_shared_head(names)
    tail = _shared_tail(names[-1]) if names else ""
    if tail:  # 美丽河湖、美丽海湾建成率分别达到30%、50%: every name takes the last one's 建成率
        words = _words()
        ends = (*words.measure_ends, *words.amount_nouns, tail)
        names = [n if n.endswith(ends) else n + tail for n in names]
    return tuple(names)


def _with_shared_head(names: list[str]) -> list[str]:
    """Give a one-word name that only qualifies a noun the head of the last name it parallels.

    In 城市和县城污水处理率 the last name is 县城 + 污水处理率; 城市, a word of the same kind as 县城, shares
    污水处理率. A name that is a noun of its own (粮食和重要农产品, 森林覆盖率和森林蓄积量) keeps its words.

    >>> _with_shared_head(["城市", "县城污水处理率"]), _with_shared_head(["省级", "市级财政投入"])
    (['城市污水处理率', '县城污水处理率'], ['省级财政投入', '市级财政投入'])
    >>> _with_shared_head(["粮食", "重要农产品"]), _with_shared_head(["森林覆盖率", "森林蓄积量"])
    (['粮食', '重要农产品'], ['森林覆盖率', '森林蓄积量'])
    """
    if len(names) < 2:
        return names
    tokens = _pos_cut(names[-1])
    if len(tokens) < 2:
        return names
    first, first_tag = tokens[0]
    head = names[-1][len(first) :]
    if len(head) < 2 or not tokens[1][1].startswith(("n", "v", "j")):
        return names
    words = _words()
    shared = []
    for name in names[:-1]:
        own = _pos_cut(name)
        # a qualifier is one short word (城市, 国家级); 全国文明城市、国家历史文化名城 are two names
        if len(own) == 1 and len(name) <= 3 and not name.endswith((*words.measure_ends, tokens[-1][0])):
            tag = own[0][1]
            parallel = tag == first_tag and len(name) == len(first)
            if tag in words.qualifier_tags or parallel:
                name += head
        shared.append(name)
    return [*shared, names[-1]]


def _shared_names(text: str, position: int, floor: int) -> tuple[str, ...]:
    """The names a list gives one value with 均/都 (甲、乙均达到90%以上): each is an indicator of it.

    >>> _shared_names("游客人数、旅游收入均增长10%以上", 12, 0)
    ('游客人数', '旅游收入')
    >>> _shared_names("均衡性转移支付增长10%", 9, 0), _shared_names("全市都达到10%", 5, 0)
    ((), ())
    """
    words = _words()
    head = text[_segment_start_no_dun(text, position, floor) : position]
    for word in words.shared_value_words:
        at = head.rfind(word)
        if at <= 0 or _strip_linking(head[at + len(word) :])[0].strip():
            continue
        listed = head[:at]
        if re.search(r"\d", listed) or "等" in listed or not words.list_joiners.search(listed):
            return ()  # 甲、乙等绿色产品产量均增长: the kind after 等 is the one indicator
        names = _list_names(listed)
        return names if len(names) >= 2 else ()
    return _listed_rates(head)


def _listed_changes(text: str, position: int, floor: int, changes: bool = True) -> tuple[str, ...]:
    """Names listed with 、 before one rate of change (二氧化硫、氮氧化物排放量要下降3%): each changes by it.

    A level after such a list (水果、蔬菜产量达到…) is their total, one indicator; a rate holds for each name.
    A change noun after 等 (…等增幅均超过10%) is what every name has.

    >>> _listed_changes("今年二氧化硫、氮氧化物排放量要下降3%", 17, 0)
    ('二氧化硫排放量', '氮氧化物排放量')
    >>> _listed_changes("其中甲转移支付、乙奖补资金等增幅均超过10%", 19, 0)
    ('甲转移支付增幅', '乙奖补资金增幅')
    >>> _listed_changes("绿色、有机等农产品产量增长10%", 14, 0), _listed_changes("甲、乙零售额合计增长5%", 12, 0)
    ((), ())
    """
    words = _words()
    head = text[_segment_start_no_dun(text, position, floor) : position]
    rest = _strip_linking(head)[0].rstrip()
    for word in words.shared_value_words:
        rest = rest.removesuffix(word)
    listed, etc, tail = rest.rpartition("等")
    if not etc:
        listed, tail = rest, ""
    elif tail not in words.change_nouns:
        return ()  # 绿色、有机等农产品产量: the kind after 等 is the one indicator
    if not (changes or tail) or "、" not in listed or re.search(r"\d|[“”\"]", listed):
        return ()  # 电动汽车、锂电池、光伏产品“新三样”: a named group is one indicator
    if words.total_words.search(head) or words.goal_words.search(listed) or "把" in listed:
        return ()  # 甲、乙零售额合计增长: their total; 精简会议、坚决把文件压减: clauses, not names
    names = [name + tail for name in _list_names(listed, only_dun=True)]
    return tuple(names) if len(names) >= 2 else ()


def _listed_rates(head: str) -> tuple[str, ...]:
    """Rates listed with 、 before one value (孕产妇产后访视率、0—6岁儿童健康管理率达到90%以上): each has it.

    Only where every name is a rate of its own; 甲、乙产量达到… is one name with its list of kinds.

    >>> _listed_rates("其中孕产妇产后访视率、0—6岁儿童健康管理率达到")
    ('孕产妇产后访视率', '儿童健康管理率')
    >>> _listed_rates("水果、蔬菜产量达到"), _listed_rates("森林覆盖率达到")
    ((), ())
    """
    rest = _strip_linking(head)[0]
    if "、" not in rest or "等" in rest:
        return ()
    parts = [_left_indicator(part) for part in rest.split("、")]
    ratio = _words().ratio_end
    if len(parts) < 2 or not all(part and ratio.search(part) for part in parts):
        return ()
    return tuple(parts)


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
        comparators = (w for w, _ in words.before if len(w) > 1)
        for word in sorted((*words.reach_verbs, *words.verb_adverbs, *comparators), key=len, reverse=True):
            if indicator.endswith(word):
                indicator, changed = indicator[: -len(word)], True
                break
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


def _shared_tail(last: str) -> str:
    """The part of a list's last name that the earlier names share: the verb phrase and its ratio word,
    or its noun of amount (粮食和重要农产品产量: 产量).

    >>> _shared_tail("店招设置审批率"), _shared_tail("美丽海湾建成率"), _shared_tail("重要农产品产量")
    ('设置审批率', '建成率', '产量')
    >>> _shared_tail("上市高新技术企业")
    ''
    """
    if not _words().ratio_end.search(last):
        return next((noun for noun in _words().amount_nouns if last.endswith(noun) and last != noun), "")
    tokens = _pos_cut(last)
    offset = 0
    for index, (word, tag) in enumerate(tokens):
        if index and tag.startswith("v") and len(word) >= 2:
            return last[offset:]  # 户外广告和店招设置审批率: 设置审批率 is what both are measured by
        offset += len(word)
    found = re.search(r"(?:建成|覆盖|达标|利用|治理|完成)?率$|比例$|比重$|占比$", last)
    return found.group(0) if found else ""


def _segment_start_no_dun(text: str, position: int, floor: int) -> int:
    """Like `_segment_start`, but 、 does not end the segment, so a 分别 list stays whole."""
    floor = max(floor, position - LIST_SPAN)
    index = position - 1
    while index >= floor and text[index] not in "，,；;：:。！？!?\n":
        index -= 1
    return index + 1
