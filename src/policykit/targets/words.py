"""The word lists of data/targets.yaml, loaded once and compiled for matching."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from policykit import pattern_cache
from policykit.config import data_yaml


@dataclass(frozen=True)
class _Words:
    """The word lists of data/targets.yaml, compiled for matching."""

    before: tuple[tuple[str, str], ...]
    after: tuple[tuple[str, str], ...]
    increase: tuple[str, ...]
    decrease: tuple[str, ...]
    level_suffix: tuple[str, ...]
    linking: tuple[str, ...]
    keep_head: frozenset[str]
    lead: frozenset[str]
    clause_adverbs: frozenset[str]
    achieved_headings: re.Pattern[str]
    achieved_openings: re.Pattern[str]
    achieved_markers: re.Pattern[str]
    settled_markers: re.Pattern[str]
    settled_words: tuple[str, ...]  # the same words, matched after an amount (18.5平方公里已完成)
    future_markers: re.Pattern[str]
    goal_headings: re.Pattern[str]
    aim_openers: tuple[str, ...]
    place_ends: tuple[str, ...]
    numeral_words: tuple[str, ...]
    part_openers: tuple[str, ...]
    condition_headings: re.Pattern[str]
    layout_units: frozenset[str]
    forecast_markers: re.Pattern[str]
    planned_amounts: re.Pattern[str]
    existing_verbs: frozenset[str]
    population_nouns: tuple[str, ...]
    not_future_after: tuple[str, ...]
    target_verbs: re.Pattern[str]
    goal_words: re.Pattern[str]
    per_year: re.Pattern[str]
    period_average: frozenset[str]
    yearly_report_titles: tuple[str, ...]
    review_titles: tuple[str, ...]
    evaluation_titles: tuple[str, ...]
    plan_goal_words: tuple[str, ...]
    grant_cap: re.Pattern[str]
    grant_words: re.Pattern[str]
    deadline_prepositions: tuple[str, ...]
    plan_attribute_after: tuple[str, ...]
    per_year_ends: tuple[str, ...]
    baseline: re.Pattern[str]
    layout_nouns: tuple[str, ...]
    layout_verbs: re.Pattern[str]
    done_after: re.Pattern[str]
    done_before: re.Pattern[str]
    rule_markers: re.Pattern[str]
    soft_rule_markers: re.Pattern[str]
    implied_units: dict[str, str]
    people_subjects: re.Pattern[str]
    age_words: frozenset[str]
    time_heads: frozenset[str]
    numeral_adjectives: frozenset[str]
    head_morphemes: frozenset[str]
    noun_adjectives: frozenset[str]
    predicate_verbs: frozenset[str]
    duration_words: frozenset[str]
    date_units: frozenset[str]
    list_joiners: re.Pattern[str]
    list_joiner_end: re.Pattern[str]
    ratio_end: re.Pattern[str]
    premise_of_task: re.Pattern[str]
    change_of_level: re.Pattern[str]
    property_cell: re.Pattern[str]
    property_cell_start: re.Pattern[str]  # a 属性 cell a row's unwrapping ran into the next row's first cell
    caption_words: re.Pattern[str]
    shared_noun_modifiers: str
    penalty_words: re.Pattern[str]
    definition_words: re.Pattern[str]
    duration_adverb: re.Pattern[str]
    baseline_openers: tuple[str, ...]
    baseline_after: tuple[str, ...]
    per_unit: re.Pattern[str]
    level_change: re.Pattern[str]
    dimension_nouns: tuple[str, ...]
    superlatives: tuple[str, ...]
    event_units: frozenset[str]
    action_units: frozenset[str]
    kept_at: tuple[str, ...]
    magnitude_guesses: tuple[str, ...]
    rule_openers: tuple[str, ...]
    attribute_units: frozenset[str]
    plan_noun_after: re.Pattern[str]
    participant_verbs: tuple[str, ...]
    goal_nouns: frozenset[str]
    level_noun_after: re.Pattern[str]
    event_start_words: tuple[str, ...]
    category_bounds: tuple[str, ...]
    radius_bounds: frozenset[str]
    radius_ranges: tuple[str, ...]
    frequency_units: frozenset[str]
    floor_lines: tuple[str, ...]
    hold_verbs: tuple[str, ...]
    floor_area_units: frozenset[str]
    adding_verbs: tuple[str, ...]
    improve_verbs: tuple[str, ...]
    object_verbs: tuple[str, ...]
    measured_after_share: tuple[str, ...]
    band_after: tuple[str, ...]
    deferral_words: re.Pattern[str]
    deferral_clause: re.Pattern[str]
    share_use: re.Pattern[str]
    weight_words: re.Pattern[str]
    weight_verbs: tuple[str, ...]
    recipient_openers: tuple[str, ...]
    not_recipient_openers: tuple[str, ...]
    worded_count_units: frozenset[str]
    missed_goal: re.Pattern[str]
    goal_restated: re.Pattern[str]
    goal_reason: re.Pattern[str]
    radius_places: tuple[str, ...]
    radius_units: frozenset[str]
    place_suffixes: frozenset[str]
    names_predicate: re.Pattern[str]
    spread_verbs: re.Pattern[str]
    spread_places: re.Pattern[str]
    sentence_only_years: tuple[str, ...]
    coped_verbs: re.Pattern[str]
    procedure_limit: re.Pattern[
        str
    ]  # 应通过省系统在: a modal, a channel or office, then 在 before a time limit
    since_event_end: tuple[str, ...]
    event_openers: tuple[str, ...]  # 在收到…3个工作日内: the event a time limit counts from
    request_verbs: re.Pattern[str]
    standard_set: re.Pattern[str]  # 标准为每人每月 / 标准按…标准的: a standard stated right before its amount
    standard_stated: re.Pattern[
        str
    ]  # the same anywhere: earlier in a sentence whose later amounts restate it
    step_words: re.Pattern[str]
    condition_openers: tuple[str, ...]
    condition_consequents: re.Pattern[str]
    year_count_nouns: tuple[str, ...]
    base_openers: tuple[str, ...]
    notice_titles: tuple[str, ...]
    reply_titles: tuple[str, ...]
    name_before_count_tags: frozenset[str]
    level_verbs: tuple[str, ...]
    task_verbs: tuple[str, ...]
    beneficiary_verbs: frozenset[str]
    streak_words: tuple[str, ...]
    stage_verbs: tuple[str, ...]
    milestone_nouns: re.Pattern[str]
    existence_verbs: tuple[str, ...]
    programme_words: re.Pattern[str]
    compared_to: re.Pattern[str]
    compared_changes: dict[str, str]  # 比去年多: the word after a comparison and its direction
    period_comparisons: tuple[str, ...]
    share_of_level: re.Pattern[str]  # 恢复到2019年水平的: what a share that ends the clause is of
    compared: re.Pattern[str]
    reach_verbs: tuple[str, ...]
    verb_adverbs: tuple[str, ...]
    baseline_head: re.Pattern[str]
    shared_value_words: tuple[str, ...]
    total_words: re.Pattern[str]
    qualified_baseline: re.Pattern[str]
    worded_baseline: re.Pattern[str]
    measure_ends: tuple[str, ...]
    stock_nouns: frozenset[str]
    holding_verbs: re.Pattern[str]
    share_opener: str
    share_exceptions: tuple[str, ...]
    change_nouns: tuple[str, ...]
    named_as: re.Pattern[str]
    age_indicators: tuple[str, ...]
    year_indicators: tuple[str, ...]
    money_nouns: re.Pattern[str]
    qualifier_tags: frozenset[str]
    amount_nouns: tuple[str, ...]
    span_before: tuple[str, ...]
    span_after: tuple[str, ...]
    one_year_openings: tuple[str, ...]
    period_flow: re.Pattern[str]
    work_done_verbs: tuple[str, ...]


def _plans() -> list[str]:
    from policykit.zh.dates import dates

    return sorted(dates().five_year_plans, key=len, reverse=True)


def _compared(raw: dict) -> str:
    """What a change is measured from: 比2020年, 较二〇二〇年, 较“十三五”末, 比上年, 同比2022年, 相比“十三五”期 (group year or plan)."""
    plans = "|".join(map(str, _plans()))
    return (
        r"(?:相比|同比|比|较|与)[ \t]{0,2}(?:(?P<year>(?:20|19)\d\d|二[〇○零][〇○零一二三四五六七八九]{2})[ \t]{0,2}年(?:底|末)?|[“\"]?(?P<plan>"
        + plans
        + r")[”\"]?(?:末|期末|时期|期间|期)?|"
        + _alternation(raw["previous_year"]).pattern
        + r"|[\u4e00-\u9fff]{0,8}?(?:"
        + _alternation(raw["earlier_time_ends"]).pattern
        + r"))(?:同期)?(?:相比)?"
    )


def _alternation(words: Iterable[str]) -> re.Pattern[str]:
    return pattern_cache.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


def _standard_statement(raw: dict) -> str:
    """标准(每人每月)(分别)为(每人每月) or 标准按…的: a standard stated, up to where its amount follows."""
    noun = _alternation(raw["standard_nouns"]).pattern
    copula = _alternation(raw["standard_copulas"]).pattern
    measure = _alternation(raw["standard_measures"]).pattern
    base = "(?:每[^，,；;。\\d]{0,6})?"
    return f"(?:{noun}){base}(?:分别)?(?:(?:{copula}){base}|(?:{measure})[^，,；;。\\d]{{1,24}}的)"


@lru_cache(maxsize=1)
def _words() -> _Words:
    raw = data_yaml("targets.yaml")

    def pairs(table: dict) -> tuple[tuple[str, str], ...]:
        found = [(str(word), sign) for sign, words in table.items() for word in words]
        return tuple(sorted(found, key=lambda pair: -len(pair[0])))

    def longest_first(words: list) -> tuple[str, ...]:
        return tuple(sorted(map(str, words), key=len, reverse=True))

    return _Words(
        before=pairs(raw["comparators_before"]),
        after=pairs(raw["comparators_after"]),
        increase=longest_first(raw["increase"]),
        decrease=longest_first(raw["decrease"]),
        level_suffix=longest_first(raw["level_suffix"]),
        linking=longest_first(raw["linking"]),
        keep_head=frozenset(raw["keep_head"]),
        lead=frozenset(raw["lead"]),
        clause_adverbs=frozenset(raw["clause_adverbs"]),
        achieved_headings=_alternation(raw["achieved_headings"]),
        achieved_openings=pattern_cache.compile(
            "^(?:" + _alternation(raw["achieved_openings"]).pattern + ")"
        ),
        achieved_markers=_alternation(raw["achieved_markers"]),
        settled_words=longest_first(raw["settled_markers"]),
        settled_markers=pattern_cache.compile(
            "(?:"
            + _alternation(raw["settled_markers"]).pattern
            + r")(?=[到了]?(?:约|近|超过|超)?[\d零〇一二两三四五六七八九十])"
        ),  # 已达2.5亿, not 已建成自然村 (a kind of village)
        future_markers=_alternation(raw["future_markers"]),
        goal_headings=_alternation(raw["goal_headings"]),
        aim_openers=longest_first(raw["aim_openers"]),
        place_ends=longest_first(raw["place_ends"]),
        numeral_words=longest_first(raw["numeral_words"]),
        part_openers=longest_first(raw["part_openers"]),
        condition_headings=_alternation(raw["condition_headings"]),
        layout_units=frozenset(raw["layout_units"]),
        forecast_markers=_alternation(raw["forecast_markers"]),
        planned_amounts=_alternation(raw["planned_amounts"]),
        existing_verbs=frozenset(raw["existing_verbs"]),
        population_nouns=longest_first(raw["population_nouns"]),
        not_future_after=longest_first(raw["not_future_after"]),
        target_verbs=_alternation(raw["target_verbs"]),
        goal_words=_alternation(raw["goal_words"]),
        per_year=_alternation(raw["per_year"]),
        period_average=frozenset(map(str, raw["period_average"])),
        yearly_report_titles=tuple(map(str, raw["yearly_report_titles"])),
        review_titles=tuple(map(str, raw["review_titles"])),
        evaluation_titles=tuple(map(str, raw["evaluation_titles"])),
        plan_goal_words=longest_first(raw["plan_goal_words"]),
        grant_cap=pattern_cache.compile(
            "(?:"
            + _alternation(raw["grant_caps"]).pattern
            + r")(?:不超过|不高于|"
            + _alternation(raw["grant_words"]).pattern
            + r")?\s*$"
        ),
        grant_words=_alternation(raw["grant_words"]),
        deadline_prepositions=longest_first(raw["deadline_prepositions"]),
        plan_attribute_after=longest_first(raw["plan_attribute_after"]),
        per_year_ends=longest_first([w for w in raw["per_year"] if w not in raw["keep_head"]]),
        baseline=pattern_cache.compile(
            "[^，。；]{0,6}?(?:" + _alternation(raw["baseline_verbs"]).pattern + ")(?:低)?(?:到|至|为)"
        ),
        layout_nouns=longest_first(raw["layout_nouns"]),
        layout_verbs=_alternation(raw["layout_verbs"]),
        done_after=pattern_cache.compile(
            r"[\u4e00-\u9fff]{0,2}?(?:" + _alternation(raw["done_verbs"]).pattern + ")"
        ),  # 重点任务全面完成
        done_before=pattern_cache.compile("(?:" + _alternation(raw["done_verbs"]).pattern + r")\s*$"),
        rule_markers=_alternation(raw["rule_markers"]),
        soft_rule_markers=_alternation(raw["soft_rule_markers"]),
        implied_units={str(k): str(v) for k, v in raw["implied_units"].items()},
        people_subjects=_alternation(raw["people_subjects"]),
        age_words=frozenset(raw["age_words"]),
        time_heads=frozenset(raw["time_heads"]),
        numeral_adjectives=frozenset(raw["numeral_adjectives"]),
        head_morphemes=frozenset(map(str, raw["head_morphemes"])),
        noun_adjectives=frozenset(map(str, raw["noun_adjectives"])),
        predicate_verbs=frozenset(map(str, raw["predicate_verbs"])),
        penalty_words=_alternation(raw["penalty_words"]),
        definition_words=_alternation(raw["definition_words"]),
        baseline_openers=longest_first(raw["baseline_openers"]),
        baseline_after=longest_first(raw["baseline_after"]),
        dimension_nouns=longest_first(raw["dimension_nouns"]),
        superlatives=longest_first(raw["superlatives"]),
        event_units=frozenset(map(str, raw["event_units"])),
        action_units=frozenset(map(str, raw["action_units"])),
        kept_at=longest_first(raw["kept_at"]),
        magnitude_guesses=longest_first(raw["magnitude_guesses"]),
        rule_openers=longest_first(raw["rule_openers"]),
        attribute_units=frozenset(map(str, raw["attribute_units"])),
        plan_noun_after=pattern_cache.compile(
            r"[\u4e00-\u9fff]{0,4}?(?:" + _alternation(raw["plan_nouns"]).pattern + r")(?=[，,；;。、]|$)"
        ),
        participant_verbs=longest_first(raw["participant_verbs"]),
        goal_nouns=frozenset(map(str, raw["goal_nouns"])),
        level_noun_after=pattern_cache.compile(
            r"[\u4e00-\u9fff]{0,3}?(?:" + _alternation(raw["level_nouns"]).pattern + r")(?=[，,；;。]|$)"
        ),
        event_start_words=longest_first(raw["event_start_words"]),
        category_bounds=longest_first(raw["category_bounds"]),
        radius_bounds=frozenset(map(str, raw["radius_bounds"])),
        radius_ranges=longest_first(raw["radius_ranges"]),
        frequency_units=frozenset(map(str, raw["frequency_units"])),
        floor_lines=longest_first(raw["floor_lines"]),
        hold_verbs=longest_first(raw["hold_verbs"]),
        floor_area_units=frozenset(map(str, raw["floor_area_units"])),
        adding_verbs=longest_first(raw["adding_verbs"]),
        improve_verbs=longest_first(raw["improve_verbs"]),
        object_verbs=longest_first(raw["object_verbs"]),
        measured_after_share=longest_first(raw["measured_after_share"]),
        band_after=longest_first(raw["band_after"]),
        deferral_words=_alternation(raw["deferral_words"]),
        deferral_clause=pattern_cache.compile(
            r"[，,][^，,；;。]{0,3}?(?:" + _alternation(raw["deferral_words"]).pattern + ")"
        ),  # …的项目，需审慎研究
        share_use=pattern_cache.compile(
            r"的[^，,；;。\d]{0,12}?(?:"
            + _alternation(raw["share_funds"]).pattern
            + ")(?:"
            + _alternation(raw["share_uses"]).pattern
            + ")"
        ),  # 55%的福利彩票公益金用于
        weight_words=_alternation(raw["weight_words"]),
        weight_verbs=longest_first(raw["weight_verbs"]),
        recipient_openers=longest_first(raw["recipient_openers"]),
        not_recipient_openers=longest_first(raw["not_recipient_openers"]),
        worded_count_units=frozenset(map(str, raw["worded_count_units"])),
        missed_goal=pattern_cache.compile(
            "(?:" + _alternation(raw["missed_verbs"]).pattern + r")[^，,；;。：:]{0,60}$"
        ),
        sentence_only_years=longest_first(raw["sentence_only_years"]),
        spread_verbs=_alternation(raw["spread_verbs"]),
        spread_places=pattern_cache.compile(
            "的(" + _alternation(raw["spread_places"]).pattern + r")(?=$|[，,；;。])"
        ),
        names_predicate=pattern_cache.compile(
            "(?:"
            + _alternation([*raw["verb_adverbs"], *raw["both_adverbs"]]).pattern
            + ")*(?:"
            + _alternation([*raw["increase"], *raw["decrease"]]).pattern
            + ")"
        ),
        radius_places=longest_first(raw["radius_places"]),
        radius_units=frozenset(map(str, raw["radius_units"])),
        place_suffixes=frozenset(map(str, raw["place_suffixes"])),
        goal_restated=pattern_cache.compile(
            r"(?:^|[，,：:])\s*(?:" + _alternation(raw["goal_restated_openers"]).pattern + r")[^，,；;。]*$"
        ),
        goal_reason=pattern_cache.compile(
            r"[^，,；;。]*[，,]\s*(?:这|这是|主要)?(?:" + _alternation(raw["goal_reasons"]).pattern + ")"
        ),
        coped_verbs=_alternation(raw["coped_verbs"]),
        procedure_limit=pattern_cache.compile(
            "(?<!["
            + "".join(map(str, raw["modal_word_starts"]))
            + "])(?:"
            + _alternation(raw["procedure_modals"]).pattern
            + r")[^，,；;。\d]{0,12}在$"
        ),
        since_event_end=longest_first(raw["since_event_words"]),
        event_openers=longest_first(raw["event_opening_words"]),
        request_verbs=_alternation(raw["request_verbs"]),
        standard_set=pattern_cache.compile(_standard_statement(raw) + "$"),
        standard_stated=pattern_cache.compile(_standard_statement(raw)),
        step_words=_alternation(raw["step_words"]),
        condition_openers=longest_first(raw["condition_openers"]),
        condition_consequents=_alternation(raw["condition_consequents"]),
        year_count_nouns=longest_first(raw["year_count_nouns"]),
        base_openers=longest_first(raw["base_openers"]),
        notice_titles=longest_first(raw["notice_titles"]),
        reply_titles=longest_first(raw["reply_titles"]),
        name_before_count_tags=frozenset(map(str, raw["name_before_count_tags"])),
        level_verbs=longest_first(raw["level_verbs"]),
        task_verbs=longest_first(raw["task_verbs"]),
        beneficiary_verbs=frozenset(map(str, raw["beneficiary_verbs"])),
        streak_words=longest_first(raw["streak_words"]),
        stage_verbs=longest_first(raw["stage_verbs"]),
        milestone_nouns=pattern_cache.compile(
            r"[^，,；;。、\n]{0,8}?(?:"
            + _alternation(raw["milestone_nouns"]).pattern
            + r")(?![\u4e00-\u9fff])"
        ),
        existence_verbs=longest_first(raw["existence_verbs"]),
        programme_words=_alternation(raw["programme_words"]),
        compared_to=pattern_cache.compile(_compared(raw) + "$"),
        compared_changes={
            **dict.fromkeys(map(str, raw["compared_increase"]), "increase"),
            **dict.fromkeys(map(str, raw["compared_decrease"]), "decrease"),
        },
        period_comparisons=longest_first(raw["period_comparisons"]),
        share_of_level=pattern_cache.compile(
            "(?:" + _alternation(raw["level_share_verbs"]).pattern + r")(?:至|到)?[^，,。；;]{0,12}?水平的$"
        ),
        compared=pattern_cache.compile(_compared(raw)),
        reach_verbs=longest_first(raw["reach_verbs"]),
        verb_adverbs=longest_first(raw["verb_adverbs"]),
        baseline_head=pattern_cache.compile(
            "(?:"
            + _alternation(raw["baseline_openers"]).pattern
            + r")[ \t]{0,2}(?:(?P<year>20\d\d)[ \t]{0,2}年(?:底|末)?的?)?(?:"
            + _alternation(raw["per_unit"]).pattern
            + ")?$"
        ),
        shared_value_words=longest_first(raw["shared_value_words"]),
        total_words=_alternation(raw["total_words"]),
        worded_baseline=pattern_cache.compile(
            "(?:"
            + _alternation(raw["baseline_openers"]).pattern
            + r")[^，,；;。]{0,8}?[\d一二两三四五六七八九十][^，,；;。]{0,8}?(?:"
            + _alternation([*raw["increase"], *raw["decrease"], *raw["level_verbs"]]).pattern
            + ")(?:"
            + _alternation(raw["level_suffix"]).pattern
            + r")[^，,；;。\d]{0,6}$"
        ),
        qualified_baseline=pattern_cache.compile(
            "(?:" + _alternation(raw["baseline_openers"]).pattern + r")[\u4e00-\u9fff]{2,6}$"
        ),
        measure_ends=longest_first(raw["measure_ends"]),
        stock_nouns=frozenset(map(str, raw["stock_nouns"])),
        holding_verbs=pattern_cache.compile(
            "(?:" + _alternation(raw["holding_verbs"]).pattern + r")(?!产权|量|率)"
        ),  # 拥有量 is a measure, 共有产权 a kind
        share_opener=str(raw["share_opener"]),
        share_exceptions=longest_first(raw["share_exceptions"]),
        change_nouns=longest_first(raw["change_nouns"]),
        named_as=pattern_cache.compile(
            r"^[\u4e00-\u9fff]{1,10}?(?:"
            + _alternation(raw["named_as"]).pattern
            + r")[“\"]?([\u4e00-\u9fff]{2,20})"
        ),
        age_indicators=longest_first(raw["age_indicators"]),
        year_indicators=longest_first(raw["year_indicators"]),
        money_nouns=pattern_cache.compile(
            "(?:" + _alternation(raw["money_nouns"]).pattern + r")(?:[^，。；,;\d]{0,4})$"
        ),
        qualifier_tags=frozenset(map(str, raw["qualifier_tags"])),
        amount_nouns=longest_first(raw["amount_nouns"]),
        span_before=longest_first(raw["span_before"]),
        span_after=longest_first(raw["span_after"]),
        one_year_openings=longest_first(raw["one_year_openings"]),
        period_flow=_alternation(raw["period_flow_words"]),
        work_done_verbs=longest_first(raw["work_done_verbs"]),
        level_change=pattern_cache.compile(
            "(?:"
            + _alternation([*raw["increase"], *raw["decrease"], *raw["level_verbs"]]).pattern
            + ")(?:"
            + _alternation(raw["level_suffix"]).pattern
            + ")"
        ),
        per_unit=pattern_cache.compile("(?:" + _alternation(raw["per_unit"]).pattern + ")$"),
        duration_adverb=pattern_cache.compile(
            "(?:"
            + _alternation(raw["duration_openers"]).pattern
            + ")[0-9零〇一二两三四五六七八九十]{1,4}(?:年|个月|天|周)"
        ),
        shared_noun_modifiers="".join(map(str, raw["shared_noun_modifiers"])),
        duration_words=frozenset(raw["duration_words"]),
        date_units=frozenset(raw["date_units"]),
        list_joiners=_alternation(raw["list_joiners"]),
        list_joiner_end=pattern_cache.compile("(?:" + _alternation(raw["list_joiners"]).pattern + r")\s*$"),
        ratio_end=pattern_cache.compile("(?:" + _alternation(raw["ratio_words"]).pattern + ")$"),
        premise_of_task=pattern_cache.compile(
            r"[，,；;][ \t\u3000]{0,2}(?:"
            + _alternation(raw["task_subjects"]).pattern
            + ")?(?:"
            + _alternation(raw["task_modals"]).pattern
            + ")"
        ),
        change_of_level=pattern_cache.compile(
            "(?:比|较)(?:" + _alternation(raw["previous_year"]).pattern + ")[^，。；]{0,40}$"
        ),
        property_cell=pattern_cache.compile("^(?:" + _alternation(raw["property_cells"]).pattern + ")$"),
        property_cell_start=pattern_cache.compile("(?:" + _alternation(raw["property_cells"]).pattern + ")"),
        caption_words=pattern_cache.compile(
            r"^(?:"
            + _alternation(raw["annex_words"]).pattern
            + r")[ \t]{0,2}\d{0,3}[ \t]{0,2}[：:]?[ \t]{0,2}"
            r"|(?:" + _alternation(raw["table_words"]).pattern + ")$"
        ),
    )
