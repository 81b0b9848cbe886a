"""Properties of extract on arbitrary mixes of target phrases: it never fails and every target is evidenced."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from policykit.pipeline import parse_text
from policykit.targets import extract_targets

PIECES = [
    "到2025年", "，", "。", "；", "分别达到", "1500家", "、", "和", "13家", "突破", "96万人", "不低于", "35%", "左右",
    "增长", "5%", "下降", "一百二十", "万", "亿元", "以上", "今年", "“", "”", "（", "）", "个百分点", "6%-6.5%",
    "500多亿", "数百万", "2至5个", "其中", "预计", "发挥", "9个", "以", "为", "目标", "：", "高新技术企业", "人才总量",
    "\n", "一、主要目标\n", "万千瓦", "吨/年", "七成", "第十条", "国发〔2019〕4号", "十四五", "5G", "PM2.5",
]  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40))
def test_every_target_points_at_its_quantity_in_its_clause(pieces):
    document = parse_text("".join(pieces))
    for target in extract_targets(document, include_all=True):
        clause = document.find(target.clause)
        assert clause is not None
        assert target.quantity in clause.text
        assert target.value == target.value  # never NaN
        assert target.kind in ("target", "achieved", "figure")
