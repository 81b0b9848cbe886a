"""Render a segmented document: words separated by spaces per paragraph, or one record per paragraph."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from policykit.model import Segmented
from policykit.render import iter_rows

COLUMNS = ("document", "line", "page", "words", "tags")


def iter_segmented(paragraphs: Iterable[Segmented], fmt: str) -> Iterator[str]:
    """text: a paragraph a line, its words (word/tag with tags) between spaces; else records in `fmt`.

    CSV holds the words (and tags) of a paragraph in one cell each, space-separated like the text view.
    """
    if fmt == "text":
        for paragraph in paragraphs:
            if paragraph.tags is None:
                yield " ".join(paragraph.words) + "\n"
            else:
                yield (
                    " ".join(
                        f"{word}/{tag}" for word, tag in zip(paragraph.words, paragraph.tags, strict=True)
                    )
                    + "\n"
                )
        return
    records = (paragraph.to_dict() for paragraph in paragraphs)
    if fmt == "csv":
        records = (
            {**record, **{k: " ".join(v) for k, v in record.items() if isinstance(v, list)}}
            for record in records
        )
    yield from iter_rows(records, fmt, columns=COLUMNS)
