"""Readers for published file formats (Word, Word 97, OFD, HTML, MHTML, RTF, ODT, spreadsheets): each turns bytes
into a `Source`.

Detection goes by content first (magic bytes, the entries of a ZIP, the streams of an OLE2 file,
HTML markup or a MIME header block near the start), then by suffix, because published files are often
misnamed: a saved web page called .txt, a .wps that is Word 97 inside, a .doc that is RTF or MHTML. Each reader is imported only when
its format is met, so reading a .txt never loads lxml.
"""

from __future__ import annotations

import io
import re
import struct
import zlib
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from policykit import pattern_cache
from policykit.config import DOCUMENT_SUFFIXES  # folders give these (README.md and the like left out)
from policykit.errors import InputError
from policykit.model import Metadata, Source, SourceLine

if TYPE_CHECKING:
    import zipfile

Element = Any
"""An lxml element: lxml ships no type information, so the readers annotate with this name."""

"""What a damaged, encrypted or exotic ZIP raises while a member is read (zlib.error: corrupt data)."""
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HTML_START = re.compile(rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta\s[^>]*charset", re.I)
_FLAT_ODT = re.compile(
    rb"<office:document\s[^>]*office:mimetype=\"application/vnd\.oasis\.opendocument\.(text|spreadsheet)"
)
_MIME_HEADER = re.compile(rb"[A-Za-z][A-Za-z0-9-]*:|[ \t]")  # a header line, or the folded rest of one
_MIME_RELATED = re.compile(rb"^content-type:\s*multipart/related", re.I | re.M)
_MIME_HTML = re.compile(rb"^content-type:\s*(?:multipart/|text/html|application/xhtml)", re.I | re.M)
_SUFFIX_KIND = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".docm": "docx",
    ".dotx": "docx",
    ".dotm": "docx",
    ".dot": "word97",
    ".doc": "word97",
    ".wps": "word97",
    ".ofd": "ofd",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".md": "markdown",
    ".markdown": "markdown",
    ".mht": "mhtml",
    ".mhtml": "mhtml",
    ".rtf": "rtf",
    ".odt": "odt",
    ".fodt": "odt",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".xls": "xls",
    ".et": "xls",
    ".ods": "ods",
    ".fods": "ods",
    ".uot": "uof",
}
_ZIP_KINDS = (
    ("word/", "docx"),
    ("xl/", "xlsx"),
    ("ppt/", "a PowerPoint deck (.pptx)"),
)
_OLE_KINDS = (("PowerPoint Document", "a PowerPoint 97 deck (.ppt)"),)
_OCR = "OCR it first (e.g. ocrmypdf) and give the PDF"
_SIGNATURES = (
    (b"\x89PNG", "a PNG image", _OCR),
    (b"\xff\xd8\xff", "a JPEG image", _OCR),
    (b"GIF8", "a GIF image", _OCR),
    (b"II*\x00", "a TIFF image", _OCR),
    (b"MM\x00*", "a TIFF image", _OCR),
    (b"Rar!", "a RAR archive", "unpack it and give the documents inside"),
    (b"7z\xbc\xaf", "a 7-Zip archive", "unpack it and give the documents inside"),
    (b"\x1f\x8b", "a gzip archive", "unpack it and give the documents inside"),
)
_WAY_OUT = "save it as .docx, .pdf or .txt and try again"
_WORD = pattern_cache.compile(r"\w")
_SHORTEST = 16
"""Fewer ASCII bytes than this cannot be a .docx, .doc, .rtf, .mht, .odt, .ofd or workbook: the file was cut
short (a few Chinese characters under such a name are read as the text they are)."""
_TEXTUAL = ("text", "html", "markdown", "pdf")  # a short file of these says what is wrong in its own reader
NUMBER_END = frozenset("、，,.．)）]】:：")
"""The marks that end a list number (一、 1. （一）): such a number needs no space before its text."""


MAX_DEPTH = 256
"""How deep a document's XML may nest (libxml2's own limit without XML_PARSE_HUGE, and python-docx's): real
documents nest tens deep; the readers walk the tree recursively, and Python stops at ~1,000 frames."""
_XML_NOISE = pattern_cache.compile(r",? (?:use|try) XML_PARSE_HUGE(?: option)?|\s*\(<string>, line \d+\)$")


def parse_xml(data: bytes, *, path: str, damaged: str) -> Element:
    """Parse a file's XML safely: entities never expanded nor fetched (no billion laughs, no XXE), no network,
    no deeper than MAX_DEPTH; a syntax error becomes one line naming the file, `damaged` with the parser's
    message in place of {error}.

    huge_tree lets a text node pass 10 MB (a flat .fodt's embedded image): what it holds is bounded by the
    file itself, or by open_zip for a member of a package.
    """
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise InputError(damaged.format(error=xml_problem(error)), path=path) from None
    if root.xpath("boolean(" + "*/" * (MAX_DEPTH - 1) + "*)"):
        raise InputError(
            f"its XML nests elements too deeply (past {MAX_DEPTH} levels: a crafted file?): not a document to read",
            path=path,
        )
    return root


def xml_problem(error: BaseException) -> str:
    """An XML parser's message in a user's words: without the advice to lxml's caller, nor the "<string>"
    it parsed.

    >>> xml_problem(SyntaxError("Excessive depth in document: 256 use XML_PARSE_HUGE option, line 2, column 9 (<string>, line 2)"))
    'Excessive depth in document: 256, line 2, column 9'
    >>> xml_problem(SyntaxError("Resource limit exceeded: Text node too long, try XML_PARSE_HUGE, line 2"))
    'Resource limit exceeded: Text node too long, line 2'
    """
    return _XML_NOISE.sub("", str(error))


MAX_MEMBERS = 10_000
"""The most members a document package may hold: tens in a .docx, one a page and resource in an OFD."""
MAX_INFLATED = 512 << 20
"""What a package's members may inflate to in all: a 1,000-page document is tens of MB of XML."""
_BOMB_SIZE, _BOMB_RATIO = 16 << 20, 200
"""A member past _BOMB_SIZE that inflates more than _BOMB_RATIO times is one byte repeated: a ZIP bomb."""


def open_zip(data: bytes, path: str | None = None) -> zipfile.ZipFile:
    """Open a document package, refusing a ZIP bomb or a ZIP of too many members before any member is read.

    The sizes checked are those the central directory declares, and zipfile never inflates a member past
    its declared size (it fails its CRC instead), so no member read later can exceed them. A damaged ZIP
    raises what `zip_errors` names, for the reader to word.
    """
    import zipfile

    declared = _declared_members(data)
    package = zipfile.ZipFile(io.BytesIO(data)) if declared <= MAX_MEMBERS else None
    members = package.infolist() if package else []
    if package is None or len(members) > MAX_MEMBERS:
        raise InputError(
            f"this ZIP package holds {max(declared, len(members)):,} members (a document has tens): "
            "not a document to read",
            path=path,
        )
    names = [member.filename for member in members]
    if len(set(names)) < len(names):
        twice = next(name for name in names if names.count(name) > 1)
        raise InputError(
            f"this ZIP package holds two members named {twice} (tampered with?): re-save it", path=path
        )
    total = 0
    for member in members:
        total += member.file_size
        if member.file_size > _BOMB_SIZE and member.file_size > _BOMB_RATIO * max(member.compress_size, 1):
            raise InputError(
                f"{member.filename} inflates {member.file_size // max(member.compress_size, 1):,} times, to "
                f"{member.file_size >> 20:,} MB (a ZIP bomb?): not a document to read",
                path=path,
            )
    if total > MAX_INFLATED:
        raise InputError(
            f"this ZIP package inflates to {total >> 20:,} MB (a ZIP bomb?): not a document to read",
            path=path,
        )
    return package


def _declared_members(data: bytes) -> int:
    """How many members a ZIP's end record (or its ZIP64 one) declares, read before zipfile builds an object
    for each of them; 0 when there is no end record (zipfile then says what is wrong)."""
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if end < 0 or end + 22 > len(data):
        return 0
    count = struct.unpack_from("<H", data, end + 10)[0]
    end64 = data.rfind(b"PK\x06\x06", max(0, end - 4096), end)
    if count == 0xFFFF and end64 >= 0 and end64 + 40 <= len(data):
        count = struct.unpack_from("<Q", data, end64 + 32)[0]
    return count


def zip_errors(*more: type[BaseException]) -> tuple[type[BaseException], ...]:
    """What opening or reading a damaged ZIP package raises (and `more`). zipfile (with shutil, bz2 and
    lzma) is imported here, on first use: ~4 ms that a search or a .txt parse never needs."""
    import zipfile

    return (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, OSError, *more)


def detect_format(data: bytes, suffix: str = "") -> str:
    """Name a file's format from its bytes, then its suffix: pdf, docx, odt, ofd, word97, rtf, mhtml, html,
    wordxml, uof, xlsx, xls, ods, markdown or text.

    >>> detect_format(b"%PDF-1.7 ..."), detect_format(b"<!DOCTYPE html><html>", ".txt")
    ('pdf', 'html')
    >>> detect_format("第一条　为了规范管理".encode(), ".txt")
    'text'
    """
    head = data[:2048]
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(data)
    if head.startswith(OLE_MAGIC):
        return _ole_kind(data, suffix)
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{\\rtf"):
        return "rtf"  # also the .doc files that are RTF inside, as many sites serve them
    flat = _FLAT_ODT.search(data[:8192])
    if flat:  # LibreOffice's flat XML (.fodt, .fods): its root names the mimetype
        return "odt" if flat.group(1) == b"text" else "ods"
    xml_kind = _xml_kind(data[:4096]) if b"<" in head else None
    if xml_kind:
        return xml_kind
    if _is_mhtml(data[:8192], suffix):  # Snapshot-Content-Location can be a long URL
        return "mhtml"
    for signature, kind, way_out in _SIGNATURES:
        if head.startswith(signature):
            raise InputError(f"binary file: {kind}, not a document policykit reads: {way_out or _WAY_OUT}")
    if _HTML_START.search(head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1024]):
        return "html"
    kind = _SUFFIX_KIND.get(suffix.lower(), "text")
    if kind not in _TEXTUAL and len(data.strip()) < _SHORTEST and data.isascii():
        raise InputError(
            f"only {len(data)} byte(s): too short to be a {suffix} document (cut short, or still downloading?)"
        )
    if kind in ("html", "markdown") and b"\x00" in head and not _utf16(head):
        raise InputError(f"binary file: named {suffix} but not a text or web page inside: {_WAY_OUT}")
    if kind in ("mhtml", "rtf"):
        return "text"  # named so, but neither a MIME message nor RTF inside: read what it is
    if kind in ("docx", "odt", "ofd", "word97", "xlsx", "xls", "ods", "uof"):
        if b"\x00" in head:  # binary, but not the container this suffix promises
            raise InputError(
                f"binary file: named {suffix} but not a {suffix} inside (an old WPS or Word 6 file?): "
                "open it in WPS or Word and save it as .docx"
            )
        return "text"  # a .doc that is really plain text
    return kind


def _utf16(head: bytes) -> bool:
    """Whether text starts as UTF-16 does: a byte-order mark, or a NUL in every other byte (ASCII markup).

    >>> _utf16("<html>".encode("utf-16-le")), _utf16(b"\\x89PNG\\x00\\x01")
    (True, False)
    """
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    half = len(head) // 2
    return half > 0 and max(head[0::2].count(0), head[1::2].count(0)) > 0.4 * half


def has_words(text: str) -> bool:
    """Whether `text` holds a letter, digit or Chinese character: marks and spaces alone are not a document.

    >>> has_words("——  。\\n"), has_words("第一条")
    (False, True)
    """
    return _WORD.search(text) is not None


def _xml_kind(head: bytes) -> str | None:
    """Word's single-file XML (Word 2003 XML, flat OPC) or a UOF document, by the namespace its root
    declares near the start; None for any other file.

    >>> _xml_kind(b'<?xml version="1.0"?><uof:UOF xmlns:uof="http://schemas.uof.org/cn/2003/uof">')
    'uof'
    """
    if b"schemas.microsoft.com/office/word/2003/wordml" in head and b"wordDocument" in head:
        return "wordxml"
    if b"schemas.microsoft.com/office/2006/xmlPackage" in head and b"package" in head:
        return "wordxml"
    if b"schemas.uof.org/cn/2003/uof" in head and b"UOF" in head:
        return "uof"
    return None


def _is_mhtml(head: bytes, suffix: str) -> bool:
    r"""Whether a file starts with a MIME header block that holds a web page (a saved .mht/.mhtml).

    >>> _is_mhtml(b"From: <Saved by Blink>\nMIME-Version: 1.0\nContent-Type: multipart/related;\n\tboundary=x\n\n", "")
    True
    >>> _is_mhtml(b"Content-Type: text/html\n\n<p>x</p>", ".txt"), _is_mhtml(b"Content-Type: text/html\n\n", ".mht")
    (False, True)
    """
    block = re.split(rb"\r?\n\r?\n", head.lstrip(b"\xef\xbb\xbf\r\n"), maxsplit=1)[0]
    lines = block.splitlines()
    if not lines or not all(_MIME_HEADER.match(line) for line in lines):
        return False
    if _MIME_RELATED.search(block):
        return True
    return suffix.lower() in (".mht", ".mhtml") and bool(_MIME_HTML.search(block))


def _zip_kind(data: bytes) -> str:
    try:
        package = open_zip(data)
        names = package.namelist()
        mimetype = package.read("mimetype")[:100].strip() if "mimetype" in names else b""
    except zip_errors(ValueError):
        raise InputError("a ZIP file that cannot be opened (truncated or corrupt?): " + _WAY_OUT) from None
    if any(name.lower() == "ofd.xml" for name in names):
        return "ofd"
    if mimetype.startswith(b"application/vnd.oasis.opendocument.text") or (  # also -template, -master
        not mimetype and "content.xml" in names and "word/document.xml" not in names
    ):
        return "odt"
    if mimetype.startswith(b"application/vnd.oasis.opendocument.spreadsheet"):
        return "ods"
    if mimetype.startswith(b"application/vnd.oasis.opendocument."):
        kind = mimetype.decode("ascii", "replace").rsplit(".", 1)[-1]
        raise InputError(
            f"this is an OpenDocument {kind} file, not a text document policykit reads: {_WAY_OUT}"
        )
    for prefix, kind in _ZIP_KINDS:
        if any(name.startswith(prefix) for name in names):
            if kind in ("docx", "xlsx"):
                return kind
            raise InputError(f"this is {kind}, not a document policykit reads: {_WAY_OUT}")
    if any(name.lower().endswith(".epub") or name == "mimetype" for name in names):
        raise InputError(f"this is an e-book, not a document policykit reads: {_WAY_OUT}")
    raise InputError(f"this is a ZIP archive: unpack it and give the documents inside ({_WAY_OUT})")


def _ole_kind(data: bytes, suffix: str = "") -> str:
    import olefile

    try:
        streams = {"/".join(entry) for entry in olefile.OleFileIO(io.BytesIO(data)).listdir()}
    except (OSError, ValueError, IndexError, struct.error):
        # A damaged compound file: the reader its name calls for says what to do (xlrd's error for a
        # workbook; the Word reader's, LibreOffice or .docx, for anything else).
        return "xls" if _SUFFIX_KIND.get(suffix.lower()) == "xls" else "word97"
    if "WordDocument" in streams:
        return "word97"
    if "Workbook" in streams or "Book" in streams:  # Excel 97 (BIFF8) or 5; WPS writes .et the same way
        return "xls"
    if "EncryptedPackage" in streams:  # a .docx or .xlsx under "Encrypt with Password": a ZIP no longer
        raise InputError(
            "this Office file is encrypted with a password: open it in Word, WPS or Excel, remove the password "
            "(File > Info > Protect) and save it again"
        )
    for stream, kind in _OLE_KINDS:
        if stream in streams:
            raise InputError(f"this is {kind}, not a document policykit reads: {_WAY_OUT}")
    raise InputError(f"this is an OLE2 compound file of unknown kind, not a Word document: {_WAY_OUT}")


def read_format(kind: str, data: bytes, *, path: str, name: str) -> Source:
    """Read bytes of a detected format (docx, odt, word97, rtf, ofd, html, mhtml, markdown, xlsx, xls, ods)."""
    if kind == "docx":
        from policykit.formats.docx import read_docx as reader
    elif kind == "word97":
        from policykit.formats.word97 import read_word97 as reader
    elif kind == "ofd":
        from policykit.formats.ofd import read_ofd as reader
    elif kind == "html":
        from policykit.formats.html import read_html as reader
    elif kind == "odt":
        from policykit.formats.odt import read_odt as reader
    elif kind == "rtf":
        from policykit.formats.rtf import read_rtf as reader
    elif kind == "mhtml":
        from policykit.formats.mhtml import read_mhtml as reader
    elif kind == "markdown":
        from policykit.formats.markdown import read_markdown as reader
    elif kind == "wordxml":
        from policykit.formats.wordxml import read_word_xml as reader
    elif kind == "uof":
        from policykit.formats.uof import read_uof as reader
    elif kind == "xlsx":
        from policykit.formats.sheet import read_xlsx as reader
    elif kind == "xls":
        from policykit.formats.sheet import read_xls as reader
    elif kind == "ods":
        from policykit.formats.sheet import read_ods as reader
    else:
        raise ValueError(f"no reader for {kind!r}")
    return reader(data, path=path, name=name)


def table_lines(rows: Iterable[Sequence[str]]) -> list[str]:
    """Write a table as one line per row, cells joined by tabs, with a blank line before and after.

    >>> table_lines([["指标", "目标"], ["森林覆盖率", "42%"]])
    ['', '指标\\t目标', '森林覆盖率\\t42%', '']
    """
    out = [""]
    for row in rows:
        cells = [" ".join(cell.replace("\t", " ").split()) for cell in row]
        if any(cells):
            out.append("\t".join(cells))
    return [*out, ""]


def spaced_label(label: str, followed: bool) -> str:
    """Print a list number as the Word readers do: a tab or space after it (`followed`) becomes one U+3000,
    unless the number ends in its own mark.

    >>> spaced_label("第一条", True), spaced_label("一、", True), spaced_label("（一）", False)
    ('第一条\u3000', '一、', '（一）')
    """
    return label + "\u3000" if followed and label[-1:] not in NUMBER_END else label


def make_source(
    lines: Iterable[str | tuple[str, int | None]],
    *,
    path: str,
    name: str,
    encoding: str,
    pages: int | None = None,
    metadata: Metadata | None = None,
) -> Source:
    """Number a reader's lines from 1 (each a text, or a (text, page) pair) into a `Source`."""
    numbered = []
    for number, item in enumerate(lines, 1):
        text, page = item if isinstance(item, tuple) else (item, None)
        numbered.append(SourceLine(text, number, page))
    if not any(has_words(line.text) for line in numbered):
        raise InputError(f"no text found in this {encoding} file: is it scanned or empty?", path=path)
    return Source(
        path=path, name=name, lines=tuple(numbered), encoding=encoding, pages=pages, metadata=metadata
    )


__all__ = [
    "DOCUMENT_SUFFIXES",
    "NUMBER_END",
    "OLE_MAGIC",
    "Element",
    "detect_format",
    "has_words",
    "make_source",
    "open_zip",
    "parse_xml",
    "read_format",
    "spaced_label",
    "table_lines",
    "xml_problem",
    "zip_errors",
]
