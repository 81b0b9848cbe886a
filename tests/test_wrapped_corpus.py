"""Every corpus document, hard-wrapped as a PDF-to-text tool leaves it, must give the same clause tree.

The seed came from a PDF with lines broken at the column edge; the corpus is one paragraph per line.
Typesetting a corpus document into a column (first lines indented two ideographic spaces, as in a
公文 or a newspaper) and parsing it back checks the unwrapping on 33 real documents, not on the seed
alone: headings cut by the column, regulations of short articles, lines that only look like headings.
"""

from __future__ import annotations

import unicodedata

import pytest

from policykit.pipeline import parse_text
from tests.conftest import CORPUS_FILES
from tests.test_structure import assert_lossless, visible

COLUMNS = {"newspaper": 30, "gongwen": 56}
"""Column widths in half-width columns: a newspaper's 15 ideographs, a 公文 page's 28."""


def typeset(text: str, width: int, indent: str = "\u3000\u3000") -> str:
    """Break each paragraph into lines of at most `width` columns, its first line indented."""
    out = []
    for paragraph in text.split("\n"):
        paragraph = paragraph.strip()
        if not paragraph:
            continue
        line, used = indent, 2 * len(indent)
        for char in paragraph:
            size = 2 if unicodedata.east_asian_width(char) in "WFA" else 1
            if used + size > width:
                out.append(line)
                line, used = "", 0
            line += char
            used += size
        out.append(line)
    return "\n".join(out) + "\n"


def outline(text: str) -> list[tuple[str, str, str]]:
    return [
        (clause.kind, clause.number, clause.heading)
        for clause in parse_text(text).walk()
        if clause.kind not in ("paragraph", "preamble")
    ]


def test_typeset_breaks_at_the_column():
    lines = typeset("一二三四五六七八九十", 10).splitlines()
    assert lines == ["\u3000\u3000一二三", "四五六七八", "九十"]


@pytest.mark.parametrize("column", COLUMNS, ids=str)
@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.stem)
def test_a_hard_wrapped_document_gives_the_same_outline(path, column):
    text = path.read_text(encoding="utf-8")
    wrapped = typeset(text, COLUMNS[column])
    assert outline(wrapped) == outline(text)
    document = parse_text(wrapped)
    assert_lossless(document)
    assert visible(document.text) == visible(wrapped)  # the unwrapping lost or doubled nothing


def test_corpus_is_present_for_the_wrapped_outlines(corpus_dir):
    assert len(CORPUS_FILES) >= 30, f"expected the 33 corpus documents in {corpus_dir}"
