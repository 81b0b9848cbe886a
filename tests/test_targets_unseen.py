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
    # the scope before (104种工业产品中) names the kind
    assert counts == [("占比超过10%的工业产品", 44), ("占比超过20%的工业产品", 23)]


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


def directions(text: str) -> list[tuple[str, float, str | None]]:
    found = extract_text(text, context=TargetContext(reference_year=2026), include_all=True)
    return [(t.indicator, t.value, t.direction) for t in found]


def test_a_change_verb_is_carried_into_a_clause_without_one():
    # 规上工业增加值增长6%，服务业增加值8%: the second figure is a growth too
    assert directions("到2027年，规上工业增加值增长6%，服务业增加值8%。") == [
        ("规上工业增加值", 6, "increase"),
        ("服务业增加值", 8, "increase"),
    ]


def test_a_level_or_a_change_noun_after_a_growth_takes_no_direction():
    found = directions("今年国内生产总值增长5%左右，城镇调查失业率5.5%左右，居民消费价格涨幅3%左右。")
    assert [direction for *_, direction in found] == ["increase", None, None]
    # a new clause after ； starts afresh
    assert directions("到2027年，工业增加值增长6%；服务业增加值8%。")[1][2] is None


def test_a_share_without_its_subject_takes_the_one_of_the_clause_before():
    # 无人机产量增长39%、占全国9成; 非化石能源发电装机达到1.39亿千瓦，占比由31%提升至54%
    found = read("非化石能源发电装机达到1.39亿千瓦，占比由31%提升至54%。", 2026)
    assert [name for name, *_ in found] == [
        "非化石能源发电装机",
        "非化石能源发电装机占比",
        "非化石能源发电装机占比",
    ]
    found = read("到2027年，数字经济核心产业增加值达到5000亿元，占GDP比重达到15%。")
    assert found[1][0] == "数字经济核心产业增加值占GDP比重"


def test_a_share_far_from_its_subject_or_a_word_starting_with_zhan_is_left_alone():
    # 20项 is two clauses before 占比: not its subject
    found = read("每年实施20项重点民生实事，财政民生支出持续增加、占比稳定在80%左右。", 2026)
    assert found[-1][0] == "占比"
    # with the amount written (突破万亿元), the share is that amount's
    found = read("每年实施20项重点民生实事，财政民生支出突破万亿元、占比稳定在80%左右。", 2026)
    assert found[-1][0] == "财政民生支出占比"
    assert read("到2027年，新建公园10个，占地面积100公顷。")[1][0] == "占地面积"


PLAN = TargetContext(reference_year=2023, period_end=2025, plan_end=2025)


def in_plan(text: str) -> list[tuple[str, str]]:
    """(indicator, kind) of every figure of a sentence in the body of a 2023-2025 plan."""
    return [(t.indicator, t.kind) for t in extract_text(text, context=PLAN, include_all=True)]


def test_how_a_place_stands_is_no_goal_of_the_plan():
    # a district plan's introduction: population and area are facts, not goals due at the period's end
    assert in_plan("全区常住人口60.5万人，户籍人口40万人，面积120平方公里。") == [
        ("常住人口", "figure"),
        ("户籍人口", "figure"),
        ("面积", "figure"),
    ]
    assert in_plan("我区共有历史建筑200处、风貌保护街坊30个。") == [
        ("历史建筑", "figure"),
        ("风貌保护街坊", "figure"),
    ]


def test_the_same_words_with_a_goal_signal_are_a_goal():
    assert in_plan("到2030年，常住人口控制在2500万人以内。") == [("常住人口", "target")]
    assert in_plan("到2025年，全区拥有高新技术企业1500家。") == [("高新技术企业", "target")]
    assert in_plan("建设共有产权房1000套。") == [("共有产权房", "target")]
    assert in_plan("每万人口发明专利拥有量达到50件。") == [("每万人口发明专利拥有量", "target")]


def test_a_past_year_after_the_subject_makes_a_result():
    # 全区2022年实现地区生产总值2800亿元, in a plan written in 2023: a result, not a goal
    (target,) = extract_text("全区2022年实现地区生产总值2800亿元。", context=PLAN, include_all=True)
    assert (target.kind, target.year) == ("achieved", 2022)


def test_a_stage_written_alone_takes_the_subject_of_the_stage_before():
    # Beijing 2024 work report (PDF): 老旧小区综合整治新开工300个、完工200个，老楼加装电梯新开工1000部、完工600部
    found = read("今年老旧小区综合整治新开工300个、完工200个，老楼加装电梯新开工1000部、完工600部。", 2024)
    assert [name for name, *_ in found] == [
        "老旧小区综合整治新开工",
        "老旧小区综合整治完工",
        "老楼加装电梯新开工",
        "老楼加装电梯完工",
    ]


def test_a_verb_that_is_no_stage_keeps_its_own_name():
    # 增值税留抵退税…、新增减税降费…、缓税缓费…: three measures, none a stage of another
    found = read("新增减税降费超过1万亿元、缓税缓费7500多亿元。", 2023)
    assert [name for name, *_ in found][1] == "缓税缓费"


def test_verbs_that_open_a_task_are_no_part_of_its_noun():
    # Beijing 2024 work report (PDF): 启动危旧楼房改建20万平方米，改造提升老旧厂房40个，建设筹集保障性租赁住房7万套
    found = read("今年启动危旧楼房改建20万平方米，改造提升老旧厂房40个，建设筹集保障性租赁住房7万套。", 2024)
    assert [name for name, *_ in found] == ["危旧楼房改建", "老旧厂房", "保障性租赁住房"]


def test_bounds_listed_before_a_noun_define_a_kind():
    # 14th FYP emergency plan: 入井人数超过30人、井深超过800米的金属非金属地下矿山 (a kind of mine, not a goal)
    text = "重点加强对入井人数超过30人、井深超过800米的金属非金属地下矿山的监管。"
    assert {kind for *_, kind in read(text)} == {"figure"}
    # two bounds that are goals of their own stay goals
    found = read("到2027年，重点企业超过30家、产值超过80亿元。")
    assert [kind for *_, kind in found] == ["target", "target"]


def test_a_count_noun_ending_a_list_is_shared():
    # 各类事故、较大事故和重特大事故起数比2015年分别下降43.3%、36.1%和57.9%
    text = "2020年全国各类事故、较大事故和重特大事故起数比2015年分别下降43.3%、36.1%和57.9%。"
    assert [name for name, *_ in read(text, 2021)] == ["事故起数", "较大事故起数", "重特大事故起数"]


def test_what_there_is_is_no_goal():
    # 2019 work report: 我国有上亿市场主体，而且还在不断增加
    assert read("我国有上亿市场主体，而且还在不断增加。", 2019)[0][3] == "figure"
    assert read("到2027年，全市有1000家企业完成数字化改造。")[0][3] == "target"


def test_a_round_threshold_picks_out_a_kind():
    # 惠州博罗成为生产总值超千亿元县; 191家工业企业营业收入超百亿元; 培育一批营收过百亿元农产品加工企业
    assert read("惠州博罗成为生产总值超千亿元县。", 2026)[0][3] == "figure"
    found = read("规上工业企业利润增长6%，191家工业企业营业收入超百亿元。", 2026)
    assert [(value, kind) for _, value, unit, kind in found if unit != "%"] == [
        (191, "figure"),
        (1e10, "figure"),
    ]
    assert [kind for *_, kind in read("今年培育一批营收过百亿元农产品加工企业。", 2026)] == ["figure"]


def test_a_round_amount_reached_is_a_figure_of_its_indicator():
    # 旅游收入突破万亿元 (Henan 2026 review), 带动汽车销售超千亿元: 1e12 and 1e11, above
    found = extract_text("到2027年，全省旅游收入突破万亿元。")
    assert [(t.indicator, t.value, t.comparator) for t in found] == [("旅游收入", 1e12, ">")]


def test_households_reached_are_counted_in_households():
    (target,) = extract_text("新开工改造城镇老旧小区5.6万个，惠及近千万家庭。", include_all=True)[1:]
    assert (target.indicator, target.value, target.unit) == ("家庭", 1e7, "户")


def test_values_joined_by_he_share_the_name_and_verb_before_them():
    # 14th FYP emergency plan: 死亡人数分别下降38.8%、37.3%和65.9% (one name, three values)
    found = extract_text("2020年死亡人数分别下降38.8%、37.3%和65.9%。", include_all=True)
    assert [(t.indicator, t.value, t.direction) for t in found] == [
        ("死亡人数", 38.8, "decrease"),
        ("死亡人数", 37.3, "decrease"),
        ("死亡人数", 65.9, "decrease"),
    ]


def test_a_bare_measure_after_de_keeps_what_it_measures():
    # Huangpu 行动计划: 其他类型公共建筑屋顶安装太阳能光伏的面积比例不低于30% (was 面积比例)
    (target,) = extract_text("到2025年，公共建筑屋顶安装太阳能光伏的面积比例不低于30%。")
    assert target.indicator == "公共建筑屋顶安装太阳能光伏的面积比例"
    found = read("2024年非化石能源发电量占总发电量的比重达到40%左右。", 2025)
    assert found[0][0] == "非化石能源发电量占总发电量的比重"


def test_a_frequency_word_is_no_part_of_the_name():
    # 职业院校、应用型本科高校教师每年至少1个月在企业或实训基地实训: 每年 says how often
    text = "建立100个培养培训基地，高校教师每年至少1个月在企业实训。"
    assert [name for name, *_ in read(text)] == ["培养培训基地", "高校教师"]


def test_a_level_built_on_is_a_baseline():
    # 在继续巩固落实好高等职业教育生均财政拨款水平达到12000元的基础上，逐步提高
    text = "各地在巩固落实好高等职业教育生均财政拨款水平达到12000元的基础上，逐步提高拨款水平。"
    assert [kind for *_, kind in read(text)] == ["figure"]


def test_a_predicate_of_work_after_the_counted_noun_is_cut():
    # 推动职业院校在10个左右技术技能人才紧缺领域大力开展职业培训
    text = "到2022年，推动职业院校在10个左右技术技能人才紧缺领域大力开展职业培训。"
    assert read(text)[0][0] == "技术技能人才紧缺领域"


def test_a_long_owner_of_a_share_is_kept():
    # 2023 No. 1 document: 补助资金用于产业发展的比重力争提高到60%以上
    text = "中央财政衔接推进乡村振兴补助资金用于产业发展的比重力争提高到60%以上。"
    assert read(text, 2023)[0][0] == "中央财政衔接推进乡村振兴补助资金用于产业发展的比重"


def test_life_expectancy_is_measured_in_years_of_age():
    # 人均预期寿命提高到80岁以上 (Guangdong 2026); an age range (3岁以下婴幼儿) stays no value
    found = extract_text("到2027年，人均预期寿命提高到80岁以上，为3岁以下婴幼儿发放育儿补贴。")
    assert [(t.indicator, t.value, t.unit, t.comparator) for t in found] == [("人均预期寿命", 80, "岁", ">=")]


def test_a_count_of_title_holders_is_named_by_the_title():
    # 11个县被认定为国家义务教育优质均衡发展县 (Henan 2026); 19个地级以上市和2个县被命名为“全国双拥模范城（县）”
    text = "11个县被认定为国家义务教育优质均衡发展县。"
    assert read(text, 2026)[0][:2] == ("国家义务教育优质均衡发展县", 11)


def test_a_bare_magnitude_of_money_left_unwritten_is_in_yuan():
    # 旅游收入破万亿 (Shandong 2025), 海洋生产总值突破万亿 (Jiangsu 2026): 元 is left unwritten
    found = extract_text("海洋生产总值突破万亿，南北帮扶合作加快推进。", include_all=True)
    assert [(t.indicator, t.value, t.unit) for t in found] == [("海洋生产总值", 1e12, "元")]
    # a count of people (务工规模超过3300万) is no amount of money
    found = extract_text("脱贫人口务工规模超过3300万。", include_all=True)
    assert all(t.unit != "元" for t in found)


def test_rates_listed_before_one_value_each_have_it():
    # Guangdong 2026: 其中孕产妇产后访视率、0—6岁儿童健康管理率达到90%以上 (two rates, one bound)
    found = extract_text("到2027年，孕产妇产后访视率、0—6岁儿童健康管理率达到90%以上。")
    assert [(t.indicator, t.value, t.comparator) for t in found] == [
        ("孕产妇产后访视率", 90, ">="),
        ("儿童健康管理率", 90, ">="),
    ]
    # kinds listed before one noun of amount are one name (水果、蔬菜产量达到…)
    assert len(extract_text("到2027年，水果、蔬菜产量达到500万吨。")) == 1


def _targets_of(text: str) -> list[tuple[str, float, int | None]]:
    from policykit.pipeline import parse_text
    from policykit.targets import extract_targets

    return [(t.indicator, t.value, t.year) for t in extract_targets(parse_text(text))]


def test_an_articles_bounds_are_standards_and_only_a_dated_goal_in_it_is_a_target():
    # a 办法's 第X条 sets standards (控制在60平方米以下, 不低于5平方米) and conditions; only a figure with a
    # deadline of its own is a goal
    measures = (
        "某市公共租赁住房管理办法\n"
        "第一条　为规范公共租赁住房管理，制定本办法。\n"
        "第二条　新建的成套公共租赁住房，单套建筑面积一般控制在60平方米以下；集体宿舍人均住房建筑面积不低于5平方米。\n"
        "第三条　申请家庭应当符合下列条件：\n（一）现自有产权住房人均建筑面积低于15平方米；\n"
        "第四条　到2027年，全市筹集公共租赁住房3万套。\n"
    )
    assert [(value, year) for _, value, year in _targets_of(measures)] == [(30000, 2027)]


def test_the_same_bound_in_a_plans_task_is_still_a_target():
    plan = "某市住房保障工作方案\n一、主要任务\n（一）新建公共租赁住房单套建筑面积控制在60平方米以下。\n"
    assert [value for _, value, _ in _targets_of(plan)] == [60]
