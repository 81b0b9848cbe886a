"""Normalisation on real defects: each fixer is tested on the case that made it necessary."""

from __future__ import annotations

from policykit.ingest import source_from_text
from policykit.normalise import normalise


def paragraphs(text: str) -> list[str]:
    return [p.text for p in normalise(source_from_text(text))]


def test_hard_wrapped_newspaper_column_is_unwrapped():
    column = (
        "　　创新是引领发展的第一动力，抓\n"
        "创新就是抓发展，谋创新就是谋未\n"
        "来。实施创新驱动发展战略，被摆在\n"
        "十大攻坚任务的首位，创新之于新区\n"
        "的重要性不言而喻。\n"
        "　　《行动计划》指出，新区将围绕提\n"
        "升基础创新能力。\n"
    )
    assert paragraphs(column) == [
        "创新是引领发展的第一动力，抓创新就是抓发展，谋创新就是谋未来。实施创新驱动发展战略，被摆在十大攻坚任务的首位，创新之于新区的重要性不言而喻。",
        "《行动计划》指出，新区将围绕提升基础创新能力。",
    ]


def test_one_paragraph_per_line_documents_are_left_alone():
    text = "第二条  本市行政区域内的城市更新活动，适用本条例。\n本条例所称城市更新，具体包括：\n（一）加强基础设施建设；\n"
    assert len(paragraphs(text)) == 3


def test_zero_width_line_inside_a_word_is_joined():
    assert paragraphs("交出一份人\n\u200b\n民满意的答卷。\n") == ["交出一份人民满意的答卷。"]


def test_real_blank_line_between_paragraphs_is_kept():
    assert paragraphs("第一段没有句号\n\n第二段。\n") == ["第一段没有句号", "第二段。"]


def test_split_subscript_and_bracket_are_rejoined():
    assert paragraphs("细颗粒物（PM\n2.5\n）浓度继续下降。\n") == ["细颗粒物（PM2.5）浓度继续下降。"]


def test_title_split_over_lines_is_rejoined():
    assert paragraphs("国务院关于印发国家职业教育改革\n实施方案的通知\n国发〔2019〕4号\n")[0] == (
        "国务院关于印发国家职业教育改革实施方案的通知"
    )
    assert paragraphs("政府工作报\n告\n")[0] == "政府工作报告"


def test_table_cells_are_not_glued_together():
    cells = "类别\n序号\n一级指标\n1\n既有居住建筑改造\n万平方米\n25\n"
    assert len(paragraphs(cells)) == 7


def test_full_width_digits_and_invisible_characters_are_fixed():
    assert paragraphs("\ufeff增长１２．５％\u200b，ＬＮＧ\n") == ["增长12.5%，LNG"]


def test_every_piece_keeps_its_source_line():
    (paragraph,) = normalise(source_from_text("交出一份人\n\u200b\n民满意的答卷。\n"))
    assert [(offset, line) for offset, line, _ in paragraph.pieces] == [(0, 1), (5, 3)]


def test_a_bracket_left_open_is_closed_by_the_line_below_across_a_blank():
    text = (
        "上海市城市更新条例\n\n（2021年8月25日上海市第十五届人民代表大会\n常务委员会第三十四次会议通过）\n\n"
        "开展数字交通应用。（牵头部\n\n门：市交通委、市水务局）\n\n（一）加强领导（组织\n二、保障（措施）\n"
    )
    assert paragraphs(text) == [
        "上海市城市更新条例",
        "（2021年8月25日上海市第十五届人民代表大会常务委员会第三十四次会议通过）",
        "开展数字交通应用。（牵头部门：市交通委、市水务局）",
        "（一）加强领导（组织",
        "二、保障（措施）",
    ]


def test_a_prose_line_cut_mid_word_goes_on_after_the_blank_line():
    text = (
        "3.加强北斗精准时空应用技术研究。推进时空信息融合处理及应用技术，加快北斗与新一代信息技术融合，探\n\n"
        "索区块链、同态加密等新兴技术融合，开展北斗应用。\n\n"
        "推进愚园路627弄项目、西藏北路970弄项目，加快推进各类旧住房更新改造项目、彭一住宅小区项目\n\n6\n\n"
        "二、保障措施，加强组织领导，完善工作机制，强化资金保障，确保各项任务落地见效\n\n（一）加强组织领导，明确责任分工。\n"
    )
    assert paragraphs(text) == [
        "3.加强北斗精准时空应用技术研究。推进时空信息融合处理及应用技术，加快北斗与新一代信息技术融合，"
        "探索区块链、同态加密等新兴技术融合，开展北斗应用。",
        "推进愚园路627弄项目、西藏北路970弄项目，加快推进各类旧住房更新改造项目、彭一住宅小区项目",
        "6",
        "二、保障措施，加强组织领导，完善工作机制，强化资金保障，确保各项任务落地见效",
        "（一）加强组织领导，明确责任分工。",
    ]


def test_a_report_byline_broken_over_two_lines_is_one_paragraph():
    text = "政府工作报告\n——2026年1月26日在广东省第十四届\n人民代表大会第五次会议上\n广东省省长 孟凡利\n各位代表：\n"
    assert paragraphs(text) == [
        "政府工作报告",
        "——2026年1月26日在广东省第十四届人民代表大会第五次会议上",
        "广东省省长 孟凡利",
        "各位代表：",
    ]


def test_a_title_set_close_above_the_first_paragraph_of_a_blank_separated_text_stands_alone():
    # a web page's title over its body (通知 / 新华社…电): no blank between them, yet no cut sentence
    body = "\n\n".join(["第二段，推进各项工作。", "第三段，加强组织保障。", "第四段，抓好督促落实。"])
    assert paragraphs("通知\n新华社北京12月14日电 近日，国务院印发了规划。\n\n" + body)[:2] == [
        "通知",
        "新华社北京12月14日电 近日，国务院印发了规划。",
    ]
    # a short line cut out of a sentence still rejoins it (…积极推动加入 / 全面与进步… / （CPTPP）等…)
    cut = "（四）更大力度吸引外资。积极推动加入\n全面与进步跨太平洋伙伴关系协定\n（CPTPP）等高标准经贸协议。"
    assert "全面与进步跨太平洋伙伴关系协定（CPTPP）等高标准经贸协议。" in paragraphs(cut + "\n\n" + body)


def test_a_header_cell_measured_in_a_unit_does_not_complete_a_title():
    """建设区域 / 十四五装机计划（MW）: cells of a flattened table's header, not a title split over two lines."""
    cells = ["序号", "交通子行业", "建设区域", "十四五装机计划（MW）", "年度目标（万千瓦）", "1", "地铁"]
    text = "某市交通光伏实施方案\n\n" + "\n\n".join(cells) + "\n"
    assert [p.text for p in normalise(source_from_text(text, path="t", name="t"))][1:] == cells
    split = "上海杨浦生活秀带国家文物保护利用示范区\n\n深化建设三年行动计划（2024—2026年）\n\n一、总体要求\n"
    assert normalise(source_from_text(split, path="t", name="t"))[0].text.endswith("行动计划（2024—2026年）")
