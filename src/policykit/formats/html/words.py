"""The words of data/html.yaml that the HTML reader uses, and whitespace as a browser collapses it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from policykit import pattern_cache
from policykit.config import data_yaml

SPACES = pattern_cache.compile(r"[ \t\r\n\f]+")


@dataclass(frozen=True)
class PageWords:
    """The words of data/html.yaml, compiled once."""

    related: frozenset[str]
    footer_start: tuple[str, ...]
    footer_anywhere: tuple[str, ...]
    labels: dict[str, tuple[str, ...]]
    index_labels: frozenset[str]  # labels of a metadata box that name no Metadata field (统一编号, 失效日期)
    meta_tags: dict[str, tuple[str, ...]]
    furniture: re.Pattern[str]
    footer_marks: re.Pattern[str]  # class or id words of the site's footer beside the article
    breadcrumb: tuple[str, ...]  # the words a breadcrumb trail starts with (当前位置, 首页)
    columns: frozenset[str]  # the names of a site's columns (政府信息公开, 新闻动态): no document's title
    attachment_labels: frozenset[str]
    file_name: re.Pattern[str]  # a link's text that names a file to download


@lru_cache(maxsize=1)
def page_words() -> PageWords:
    """Load data/html.yaml once."""
    raw = data_yaml("html.yaml")
    return PageWords(
        related=frozenset(raw["related"]),
        footer_start=tuple(raw["footer_start"]),
        footer_anywhere=tuple(raw["footer_anywhere"]),
        labels={k: tuple(v) for k, v in raw["labels"].items()},
        index_labels=frozenset(raw["index_labels"]),
        meta_tags={k: tuple(v) for k, v in raw["meta_tags"].items()},
        furniture=pattern_cache.compile("|".join(map(re.escape, raw["furniture"])), re.I),
        footer_marks=pattern_cache.compile("|".join(map(re.escape, raw["footer_marks"])), re.I),
        breadcrumb=tuple(raw["breadcrumb"]),
        columns=frozenset(raw["columns"]),
        attachment_labels=frozenset(raw["attachment_labels"]),
        file_name=pattern_cache.compile(
            r"\.(?:" + "|".join(map(re.escape, raw["file_suffixes"])) + r")\s*[)）]?$", re.I
        ),
    )


def collapse(text: str) -> str:
    """Collapse HTML whitespace to one space; no-break and ideographic spaces stay, as in a browser."""
    return SPACES.sub(" ", text)
