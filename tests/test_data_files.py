"""The language data under src/policykit/data: every key some code reads, every date pattern in one place."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from policykit.pipeline import parse_text
from policykit.zh.dates import period

SRC = Path(__file__).resolve().parent.parent / "src" / "policykit"
DATA_FILES = sorted((SRC / "data").glob("*.yaml"))


def _code() -> str:
    return "\n".join(path.read_text(encoding="utf-8") for path in SRC.rglob("*.py"))


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: p.name)
def test_every_key_of_a_data_file_is_read_by_some_code(path):
    keys = yaml.safe_load(path.read_text(encoding="utf-8")).keys()
    code = _code()
    unread = [key for key in keys if not re.search(rf"""["']{re.escape(str(key))}["']""", code)]
    assert not unread, f"{path.name}: keys no code reads (remove them or use them): {unread}"


@pytest.mark.parametrize(
    "text",
    [
        "（2023-2025年）",
        "（2023－2025年）",
        "（2023—2025年）",
        "（2023~2025年）",
        "（2023至2025年）",
        "2023年–2025年",
    ],
)
def test_a_period_is_read_whatever_dash_joins_its_years(text):
    assert period(text) == (2023, 2025)


def test_a_title_with_a_full_width_hyphen_gives_the_document_its_period():
    document = parse_text(
        "某区绿色低碳发展三年行动方案（2023－2025年）\n\n一、主要目标\n\n到2025年，建成10个污水处理厂。"
    )
    assert document.metadata.period == "2023-2025"
