"""Properties of parse on arbitrary text: it never fails, and nothing is lost or duplicated."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from policykit.pipeline import parse_text
from policykit.zh.chars import halfwidth_alnum, strip_invisible

PIECES = [
    "一、",
    "二、",
    "（一）",
    "（二）",
    "1.",
    "2.",
    "（1）",
    "①",
    "②",
    "第一章",
    "第二章 ",
    "第一条 ",
    "第二条　",
    "一是",
    "二是",
    "——",
    "专栏1",
    ">>",
    "<<",
    "目录",
    "目 录",
    "□本报记者 王",
    "\n",
    "\n\n",
    "　　",
    " ",
    "\u200b",
    "。",
    "，",
    "；",
    "：",
    "到2025年",
    "1.3万台",
    "４４００亿元",
    "PM",
    "2.5",
    "）",
    "任务",
    "十项重点任务",
    "十四五",
    "、",
    "一百二",
    "推进城市更新",
    "建设示范区",
    "完成",
    "类别",
    "序号",
    "25",
    "表",
    "第一部分",
    "第二篇 ",
    "附件1",
    "附表",
    "名词解释",
    "青山市人民政府文件",
    "国发〔2019〕4号",
    "签发人：张三",
    "各有关单位：",
    "2019年1月24日",
    "（此件公开发布）",
    "抄送：市委办公厅。",
    "青山市人民政府办公厅  2019年1月25日印发",
    "共印2份",
]


def visible(text: str) -> str:
    return re.sub(r"\s", "", halfwidth_alnum(strip_invisible(text)))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=60))
def test_parse_partitions_any_text(pieces):
    text = "".join(pieces)
    document = parse_text(text)
    pieces = sorted(
        [(c.start, c.text) for c in document.walk()] + [(f.start, f.text) for f in document.furniture]
    )
    assert "".join(text for _, text in pieces) == document.text
    assert visible(document.text) == visible(text)
    ids = [clause.id for clause in document.walk()]
    assert len(ids) == len(set(ids))
    assert all(clause.line >= 1 for clause in document.walk())
