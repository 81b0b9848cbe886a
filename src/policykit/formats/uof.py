"""UOF (标文通, GB/T 20916) text documents (.uot, one XML file as LibreOffice, RedOffice and 永中 save it) →
`Source`: the paragraphs and tables of 字:主体 in order.

UOF names its elements in Chinese: a paragraph (字:段落) holds runs (字:句) of text (字:文本串), spaces
(字:空格), tabs (字:制表符) and line breaks (字:换行符); a table (字:文字表) holds rows (字:行) of cells
(字:单元格) whose 字:跨列 and 字:跨行 say how far they are merged. As in the other Word-like readers,
notes (字:脚注, 字:尾注), field codes (字:域代码), comments and deleted text are left out. Automatic list
numbers are not printed (UOF stores the rule, not the number); a typed number (第一条, 一、) is text.
A UOF spreadsheet or presentation is refused by name.
"""

from __future__ import annotations

from collections.abc import Iterator

from policykit.errors import InputError
from policykit.formats import Element, make_source, parse_xml, table_lines
from policykit.formats.grid import GridCell, lay_out
from policykit.model import Source

UOF = "http://schemas.uof.org/cn/2003/uof"
WORD = "http://schemas.uof.org/cn/2003/uof-wordproc"
_KINDS = {
    "vnd.uof.spreadsheet": "a UOF spreadsheet (.uos)",
    "vnd.uof.presentation": "a UOF presentation (.uop)",
}
_SKIPPED = {
    f"{{{WORD}}}{tag}" for tag in ("脚注", "尾注", "域代码", "批注", "句属性", "段落属性", "单元格属性")
}
_MAX_SPAN = 63
_MAX_REPEAT = (
    1000  # spaces or tabs one 字:空格 stands for, as the .odt reader's text:s: 字:数="10^9" is no text
)
_PRINTED = {
    f"{{{WORD}}}文本串": "",
    f"{{{WORD}}}空格": " ",
    f"{{{WORD}}}制表符": "\t",
    f"{{{WORD}}}换行符": "\n",
    f"{{{WORD}}}分页符": "\n",
}
"""The leaves of a run that print: its text, and the spaces, tabs and breaks (字:数 times)."""


def _z(tag: str) -> str:
    return f"{{{WORD}}}{tag}"


def read_uof(data: bytes, *, path: str, name: str) -> Source:
    """Read a UOF text document (.uot) into numbered lines."""
    root = parse_xml(
        data,
        path=path,
        damaged="this UOF file is damaged or cut short ({error}): open it in WPS or LibreOffice and save it as .docx",
    )
    kind = root.get(f"{{{UOF}}}mimetype", "vnd.uof.text")
    if kind in _KINDS:
        raise InputError(
            f"this is {_KINDS[kind]}, not a text document policykit reads: save it as .docx, .pdf or .txt",
            path=path,
        )
    body = root.find(f"{{{UOF}}}文字处理/{_z('主体')}")
    if body is None:
        body = next(root.iter(_z("主体")), None)
    if body is None:
        raise InputError("this UOF file holds no text body (字:主体): save it as .docx", path=path)
    return make_source(list(_block_lines(body)), path=path, name=name, encoding="uof")


def _block_lines(container: Element) -> Iterator[str]:
    """Yield the lines of a body, cell or section: paragraphs and tables in order."""
    for child in container:
        if child.tag == _z("段落"):
            yield from _paragraph_lines(child)
        elif child.tag == _z("文字表"):
            yield from _table_lines(child)
        elif isinstance(child.tag, str) and child.tag not in _SKIPPED:
            yield from _block_lines(child)  # 字:分节, 字:逻辑章节 and other wrappers


def _paragraph_lines(paragraph: Element) -> list[str]:
    """A paragraph's text, split at its line breaks."""
    parts: list[str] = []
    _collect(paragraph, parts, [False])
    return [line.replace("\t", " ") for line in "".join(parts).split("\n")]


def _collect(element: Element, parts: list[str], deleted: list[bool]) -> None:
    """Add a paragraph's text to `parts`; `deleted` holds whether a tracked deletion is open (字:修订开始 of
    type delete up to its 字:修订结束, which may sit in another run)."""
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIPPED:
            continue
        if tag == _z("修订开始"):
            deleted[0] = child.get(_z("类型")) in ("delete", "删除")
        elif tag == _z("修订结束"):
            deleted[0] = False
        elif tag in _PRINTED:
            if not deleted[0]:
                parts.append(
                    _PRINTED[tag] * min(_count(child.get(_z("数"))), _MAX_REPEAT)
                    if tag != _z("文本串")
                    else child.text or ""
                )
        else:
            _collect(child, parts, deleted)


def _table_lines(table: Element) -> list[str]:
    """A data table becomes tab-separated rows; a one-column or nesting (layout) table gives its paragraphs."""
    rows = table.findall(_z("行"))
    cells_by_row = [row.findall(_z("单元格")) for row in rows]
    if max((len(cells) for cells in cells_by_row), default=0) <= 1 or any(
        inner is not table for inner in table.iter(_z("文字表"))
    ):
        return [line for cells in cells_by_row for cell in cells for line in _block_lines(cell)]
    grid = []
    for cells in cells_by_row:
        grid.append(
            [
                GridCell(
                    " ".join(line.strip() for line in _block_lines(cell) if line.strip()),
                    rows=_span(cell, "跨行"),
                    columns=_span(cell, "跨列"),
                )
                for cell in cells
            ]
        )
    return table_lines(lay_out(grid))


def _span(cell: Element, what: str) -> int:
    """How many rows or columns a cell spans (字:单元格属性/字:跨行 or 字:跨列), 1 when it says nothing."""
    found = cell.find(f"{_z('单元格属性')}/{_z(what)}")
    return min(_count(found.get(_z("值")) if found is not None else None), _MAX_SPAN)


def _count(value: str | None) -> int:
    try:
        return max(1, int(value or 1))
    except ValueError:
        return 1
