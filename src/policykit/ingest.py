"""Ingest: a path, stdin or bytes → `Source` lines with their line (and page) numbers."""

from __future__ import annotations

import codecs
import os
import sys
from collections.abc import Callable
from dataclasses import replace

from policykit.errors import InputError
from policykit.formats import detect_format, has_words, read_format
from policykit.model import Source, SourceLine
from policykit.zh.chars import common_hanzi_share

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _plausible_text(text: str) -> bool:
    """Tell whether decoded text looks like a Chinese document rather than decoded noise."""
    if not text:
        return False
    sample = text[:4000]
    good = sum(
        1
        for c in sample
        if c.isspace()
        or " " <= c <= "~"
        or "\u4e00" <= c <= "\u9fff"
        or "\u2000" <= c <= "\u303f"
        or "\uff00" <= c <= "\uffef"
    )
    return good >= 0.95 * len(sample)


def detect_encoding(data: bytes) -> str:
    """Guess the encoding of a Chinese text file: BOM, then UTF-8, UTF-16 without BOM, GB18030 or Big5.

    >>> detect_encoding("行动计划".encode("gb18030")), detect_encoding("行动计划".encode("utf-8"))
    ('gb18030', 'utf-8')
    >>> detect_encoding("國務院關於實施行動計劃的通知，推動經濟發展。".encode("big5"))
    'big5'
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    if b"\x00" in data[:4000]:
        for name in ("utf-16-le", "utf-16-be"):
            try:
                if _plausible_text(data[: len(data) // 2 * 2].decode(name)):
                    return name
            except UnicodeDecodeError:
                continue
    return _gb_or_big5(data)


def _gb_or_big5(data: bytes) -> str:
    """GB18030 decodes almost any bytes, Big5 files included, into rare characters: keep the codec whose
    decoding reads as common Chinese, and GB18030 unless Big5 is clearly better."""
    sample = data[:65536]
    gb = common_hanzi_share(sample.decode("gb18030", errors="replace"))
    if gb >= 0.9:
        return "gb18030"
    for name in ("big5", "cp950", "big5hkscs"):
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        return name if common_hanzi_share(text) > gb + 0.2 else "gb18030"
    return "gb18030"


def decode_text(data: bytes, name: str, encoding: str | None = None) -> tuple[str, str]:
    """Decode a text file's bytes, refusing empty, binary and undecodable input with a useful message."""
    if not data.strip():
        raise InputError("the file is empty: nothing to parse", path=name)
    chosen = encoding or detect_encoding(data)
    if encoding is None and not chosen.startswith("utf-16") and b"\x00" in data[:8000]:
        raise InputError(
            "looks like a binary file of unknown format: give a .txt, .pdf, .docx, .doc/.wps, .odt, .rtf, .ofd, "
            ".html or .mht document",
            path=name,
        )
    try:
        text = data.decode(chosen)
    except LookupError:
        raise InputError(f"unknown encoding {encoding!r}: try utf-8, gb18030 or utf-16", path=name) from None
    except UnicodeDecodeError as error:
        if encoding:
            where = error.start
            message = f"cannot decode as {chosen} at byte {where}: try another --encoding"
        else:
            salvaged = _salvage(data, chosen, name)
            if salvaged is not None:
                return salvaged
            # Nothing guessed fits; UTF-8 is what most files are meant to be, so point at its first bad byte.
            where = _first_bad_utf8(data)
            message = (
                f"not valid UTF-8 at byte {where} (nor {chosen}): try --encoding gb18030, big5 or utf-16"
            )
        raise InputError(message, path=name, line=data[:where].count(b"\n") + 1) from None
    text = text.lstrip("\ufeff")
    if not text.strip():  # a byte-order mark, or UTF-16 spaces, and nothing else
        raise InputError("the file is empty: nothing to parse", path=name)
    if not has_words(text):
        raise InputError("no words in this file, only marks and spaces: nothing to parse", path=name)
    return text, chosen


def _salvage(data: bytes, guessed: str, name: str) -> tuple[str, str] | None:
    """Decode a file that is one encoding but for a few stray bytes (a bad copy, a truncated download),
    each stray byte read as U+FFFD and reported; None when no codec fits that well.

    Of UTF-8 and the guessed codec, the one with few enough bad spots whose text reads most like
    common Chinese wins: GB18030 reads UTF-8 bytes as rare characters with few errors.
    """
    limit = min(max(8, len(data) // 20_000), 256)
    best: tuple[float, str, str, int, list[int]] | None = None
    for codec in dict.fromkeys(("utf-8", guessed)):
        if codec.startswith("utf-16"):
            continue
        decoded = _decode_with_gaps(data, codec, limit)
        if decoded is None:
            continue
        text, bad, lines = decoded
        share = common_hanzi_share(text[:65536])
        if share >= 0.9 and (best is None or share > best[0]):
            best = (share, codec, text, bad, sorted(set(lines)))
    if best is None:
        return None
    _, codec, text, bad, lines = best
    shown = ", ".join(map(str, lines[:5])) + (f" and {len(lines) - 5} more" if len(lines) > 5 else "")
    from policykit.errors import logger

    logger(__name__).warning(
        "%s: %d undecodable byte sequence(s) read as U+FFFD (the rest is %s), on line(s) %s",
        name,
        bad,
        codec,
        shown,
    )
    return text.lstrip("\ufeff"), codec


def _decode_with_gaps(data: bytes, codec: str, limit: int) -> tuple[str, int, list[int]] | None:
    """Decode in one pass with each undecodable sequence as U+FFFD: (text, how many, the lines holding a
    U+FFFD), or None past `limit` of them. U+FFFD the file itself spells out is not counted."""
    text = data.decode(codec, errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode(codec))
    if bad > limit:
        return None
    lines: list[int] = []
    line, scanned = 1, 0
    at = text.find("\ufffd")
    while at >= 0:
        line += text.count("\n", scanned, at)
        scanned = at
        lines.append(line)
        at = text.find("\ufffd", at + 1)
    return text, bad, lines


def _first_bad_utf8(data: bytes) -> int:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        return error.start
    return 0


def source_from_text(
    text: str, *, path: str = "-", name: str | None = None, encoding: str = "utf-8"
) -> Source:
    """Wrap already-decoded text as a `Source`, numbering its lines from 1."""
    lines = tuple(
        SourceLine(t, n) for n, t in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1)
    )
    return Source(path=path, name=name or _stem(path), lines=lines, encoding=encoding)


def read_source(
    path: str | os.PathLike[str],
    *,
    encoding: str | None = None,
    password: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Source:
    """Read a document from a path, or stdin for '-': .txt (any Chinese encoding), .pdf, Word, .odt, .rtf, .ofd, HTML, MHTML."""
    shown = str(path)
    if shown == "-":
        data = sys.stdin.buffer.read()
        try:
            return _read_bytes(data, "-", "stdin", encoding, password, progress)
        except InputError as error:
            error.path = "stdin" if error.path == "-" else error.path  # an error names what a user gave
            raise
    file = os.fspath(path)
    if not os.path.exists(file):
        if os.path.islink(file):
            raise InputError("a symbolic link that leads nowhere (broken, or a loop)", path=shown)
        raise InputError("no such file: check the path", path=shown)
    if os.path.isdir(file):
        raise InputError("is a directory: give a document file (search takes folders)", path=shown)
    try:
        with open(file, "rb") as handle:
            data = handle.read()
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror}", path=shown) from None
    return _read_bytes(data, shown, _stem(file), encoding, password, progress)


def _read_bytes(
    data: bytes,
    shown: str,
    name: str,
    encoding: str | None,
    password: str | None,
    progress: Callable[[int, int], None] | None,
) -> Source:
    """Read a document's bytes by the format they (then the name `shown`) call for."""
    try:
        kind = detect_format(data, _suffix(shown))
    except InputError as error:
        raise InputError(str(error), path=shown) from None
    # A file named .pdf is read as a PDF (whose header may sit past leading junk) unless its bytes
    # say it is another document: sites serve Word and web pages under .pdf names.
    if kind == "pdf":
        from policykit.pdf import read_pdf

        source = read_pdf(data, password=password, name=name, label=shown, progress=progress)
        return replace(source, path=shown, name=name)
    if kind != "text":
        return read_format(kind, data, path=shown, name=name)
    text, used = decode_text(data, shown, encoding)
    del data  # the bytes are 1.5x the text they decode to; only the text is needed from here
    return source_from_text(text, path=shown, name=name, encoding=used)


def _suffix(path: str) -> str:
    """What pathlib calls a path's suffix (".txt"; "" for ".profile" or "notes."), without importing it."""
    name = os.path.basename(path)
    dot = name.rfind(".")
    return name[dot:] if 0 < dot < len(name) - 1 else ""


def _stem(path: str) -> str:
    """What pathlib calls a path's stem: the name without its suffix."""
    name = os.path.basename(path)
    return name[: len(name) - len(_suffix(name))]
