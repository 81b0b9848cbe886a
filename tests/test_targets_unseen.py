"""Classes of misses met on unseen documents: each test is written from the text of its class."""

from __future__ import annotations

from policykit.targets import TargetContext, extract_text


def read(text: str, year: int | None = None) -> list[tuple[str, float, str, str]]:
    """Every figure of a text with --all: (indicator, value, unit, kind)."""
    found = extract_text(text, context=TargetContext(reference_year=year), include_all=True)
    return [(t.indicator, t.value, t.unit, t.kind) for t in found]


def test_an_adverb_before_the_verb_is_no_part_of_the_indicator():
    # 地区生产总值连续迈上…、达14.2万亿元; 粮食产量首次跃上1.4万亿斤: 连续 and 首次 say how, not what
    assert read("粮食产量首次跃上1.4万亿斤新台阶。", 2025)[0][0] == "粮食产量"
    assert read("到2027年，出口总额首次突破2万亿元。")[0][0] == "出口总额"
    assert read("到2027年，城乡居民收入稳步增长6%。")[0][0] == "城乡居民收入"


def test_a_count_of_milestones_is_no_amount():
    # 连续迈上4个万亿元台阶: four steps climbed, not 4 of the GDP
    found = read("到2027年，地区生产总值连续迈上2个千亿元台阶、达到8000亿元。")
    assert [(name, kind) for name, _, unit, kind in found if unit == "个"] == [("地区生产总值", "figure")]
    assert ("地区生产总值", 8e11, "元", "target") in found


def test_a_noun_that_only_starts_with_a_milestone_word_is_counted():
    found = read("到2027年，建设3个台阶式口袋公园。")
    assert [(name, value, kind) for name, value, _, kind in found] == [("台阶式口袋公园", 3, "target")]


def test_a_count_phrased_de_you_counts_what_its_description_describes():
    # 我省在全国占比超过10%的有44种、超过20%的有23种: the later item leaves its subject (占比) out
    text = "国家公布产量的104种工业产品中，我省在全国占比超过10%的有44种、超过20%的有23种。"
    counts = [(name, value) for name, value, unit, _ in read(text, 2026) if unit == "种"][1:]
    assert counts == [("占比超过10%的", 44), ("占比超过20%的", 23)]


def test_the_bound_inside_a_description_is_no_target():
    text = "到2027年，全市年产值超过10亿元的有30家。"
    found = read(text)
    assert [(name, kind) for name, _, unit, kind in found if unit == "元"] == [("年产值", "figure")]
    assert [(name, value) for name, value, unit, kind in found if kind == "target"] == [
        ("年产值超过10亿元的", 30)
    ]


def test_a_density_keeps_its_area_denominator():
    (target,) = extract_text("至2030年，力争路网密度达4.15公里/平方公里。")
    assert (target.indicator, target.value, target.unit) == ("路网密度", 4.15, "公里/平方公里")


def test_an_adjective_of_existence_after_a_count_describes_the_noun():
    # 完成94万平方米既有公共建筑节能改造: 既有 (existing) is no statement that the buildings exist
    found = read("到2025年，推进居住建筑节能改造，完成94万平方米既有公共建筑节能改造。")
    assert found == [("既有公共建筑节能改造", 940000, "平方米", "target")]


def test_a_de_after_a_second_count_does_not_name_the_first():
    # 3个既有园区和至少1个科创园区的提质增效: 的 ends the list, each count keeps its own noun
    found = read("到2025年，加快推进3个既有园区和至少1个科创园区的提质增效。")
    assert found[0][:2] == ("既有园区", 3)


def test_a_predicate_after_the_counted_noun_is_no_part_of_it():
    # 1000亿元失业保险基金支持稳岗和培训; 5个县级城市新获评全国文明城市: what is counted comes before the verb
    assert read("今年使用1000亿元失业保险基金支持稳岗和培训。", 2022)[0][0] == "失业保险基金"
    assert read("到2027年，推动30家省属企业完成重组整合。")[0][0] == "省属企业"
    assert read("到2027年，5个县级城市新获评全国文明城市。")[0][0] == "县级城市"


def test_a_verb_inside_a_name_stays():
    # jieba tags 提升 as a verb; 粮食产能提升重点县 is still one name
    assert read("到2027年，建设66个粮食产能提升重点县。")[0][0] == "粮食产能提升重点县"
