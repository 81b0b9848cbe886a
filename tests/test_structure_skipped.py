"""A top-level section numeral that skips one (一、 … 三、): a heading where it is a title, text where not."""

from __future__ import annotations

import pytest

from policykit.pipeline import parse_text
from tests.test_structure_cases import shape

_REVIEW = "某区水务规划\n\n一、工作回顾\n\n建成海塘100公里。\n\n"


def test_a_titled_section_after_a_skipped_numeral_is_a_top_level_section():
    text = _REVIEW + "三、发展目标\n\n新建海塘50公里。\n\n四、保障措施\n\n加强领导。\n"
    assert shape(parse_text(text)) == (
        "p1 preamble\n1 section 一、工作回顾\n  1.p1 paragraph\n3 section 三、发展目标\n  3.p1 paragraph\n"
        "4 section 四、保障措施\n  4.p1 paragraph\n"
    )


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(_REVIEW + "三、加强海塘建设，新建海塘50公里。\n", id="numbered-sentence"),
        pytest.param(_REVIEW + "四、发展目标\n\n新建海塘50公里。\n", id="skips-two"),
        pytest.param(
            "某区水务规划\n\n一、加强组织领导。各部门要落实责任。\n\n三、发展目标\n\n新建海塘50公里。\n",
            id="sibling-is-a-sentence",
        ),
    ],
)
def test_a_skipped_numeral_that_is_no_title_stays_text_of_the_open_section(text):
    top_level = [line.split()[0] for line in shape(parse_text(text)).splitlines() if not line.startswith(" ")]
    assert top_level == ["p1", "1"]
