"""Hostile files made from code for tests/test_formats_hostile.py: a valid sample of every format policykit
reads, a compound-file (OLE2) writer, ZIP and XML attacks, and the CLI runs with the error contract checked."""

from __future__ import annotations

import contextlib
import functools
import io
import os
import re
import signal
import struct
import subprocess
import sys
import time
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

from policykit.cli import app
from tests.conftest import FULL_MATRIX
from tests.test_formats_odt import build_odt
from tests.test_formats_uof import para, text, uot

BOUND = 20.0  # CPU seconds a hostile file may take (wall time: three times that, then the case fails as hung)
LINES = ("第一条　为了规范管理，制定本办法。", "第二条　本办法自发布之日起施行。")
CANARY = "CANARY-" + "9f3e1b" * 3  # a secret outside the input: no reader may put it in its output
_EXCEPTION_NAME = re.compile(
    r"\b[A-Z][a-z]+(?:[A-Z][a-z]+)*(?:Error|Exception|Warning)\b|Traceback|internal error"
)


# ---------------------------------------------------------------- valid samples, one per reader


def _txt() -> bytes:
    return "\n".join(LINES).encode()


def _md() -> bytes:
    return ("# 管理办法\n\n" + "\n\n".join(LINES)).encode()


def _html() -> bytes:
    body = "".join(f"<p>{line}</p>" for line in LINES)
    return f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>办法</title></head><body>{body}</body></html>'.encode()


def _mht() -> bytes:
    import base64

    page = base64.encodebytes(_html()).decode()
    return (
        "From: <Saved by Blink>\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/related; type="text/html"; boundary="B"\r\n\r\n'
        "--B\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n"
        f"Content-Location: http://example.org/a.html\r\n\r\n{page}\r\n--B--\r\n"
    ).encode()


def _rtf() -> bytes:
    body = r"\par ".join("".join(f"\\u{ord(c)}?" for c in line) for line in LINES)
    return (r"{\rtf1\ansi\ansicpg936\deff0{\fonttbl{\f0 SimSun;}}\uc1 " + body + r"\par}").encode()


def _docx(content_type: str | None = None) -> bytes:
    import docx

    document = docx.Document()
    for line in LINES:
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    data = out.getvalue()
    if content_type:
        data = _rezip(
            data, {"[Content_Types].xml": lambda blob: blob.replace(_DOCX_MAIN, content_type.encode())}
        )
    return data


_DOCX_MAIN = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def _odt() -> bytes:
    return build_odt("".join(f"<text:p>{line}</text:p>" for line in LINES))


def _ods() -> bytes:
    ns = (
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
    )
    rows = "".join(
        f"<table:table-row><table:table-cell><text:p>{line}</text:p></table:table-cell></table:table-row>"
        for line in LINES
    )
    content = f'<?xml version="1.0"?><office:document-content {ns}><office:body><office:spreadsheet><table:table table:name="表1">{rows}</table:table></office:spreadsheet></office:body></office:document-content>'
    return _zip(
        {"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": content.encode()}
    )


def _uot() -> bytes:
    return uot("".join(para(text(line)) for line in LINES))


_W2003 = "http://schemas.microsoft.com/office/word/2003/wordml"


def _word2003(body: str | None = None) -> bytes:
    body = body if body is not None else "".join(f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>" for line in LINES)
    return f'<?xml version="1.0" encoding="UTF-8"?><w:wordDocument xmlns:w="{_W2003}"><w:body>{body}</w:body></w:wordDocument>'.encode()


def _flat_opc() -> bytes:
    pkg = "http://schemas.microsoft.com/office/2006/xmlPackage"
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    rels = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'
    )
    paras = "".join(f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>" for line in LINES)
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><pkg:package xmlns:pkg="{pkg}">'
        '<pkg:part pkg:name="/_rels/.rels" pkg:contentType="application/vnd.openxmlformats-package.relationships+xml">'
        f"<pkg:xmlData>{rels}</pkg:xmlData></pkg:part>"
        f'<pkg:part pkg:name="/word/document.xml" pkg:contentType="{_DOCX_MAIN.decode()}">'
        f'<pkg:xmlData><w:document xmlns:w="{w}"><w:body>{paras}</w:body></w:document></pkg:xmlData></pkg:part>'
        "</pkg:package>"
    ).encode()


_OFD_NS = 'xmlns:ofd="http://www.ofdspec.org/2016"'


def _ofd(content: str | None = None) -> bytes:
    codes = "".join(
        f'<ofd:TextObject ID="{i + 2}" Boundary="20 {30 + 10 * i} 170 10" Font="1" Size="5">'
        f'<ofd:TextCode X="0" Y="5" DeltaX="g {len(line) - 1} 5">{line}</ofd:TextCode></ofd:TextObject>'
        for i, line in enumerate(LINES)
    )
    page = (
        content
        or f'<ofd:Page {_OFD_NS}><ofd:Content><ofd:Layer ID="1">{codes}</ofd:Layer></ofd:Content></ofd:Page>'
    )
    return _zip(
        {
            "OFD.xml": f'<ofd:OFD {_OFD_NS} Version="1.0"><ofd:DocBody><ofd:DocInfo/><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>'.encode(),
            "Doc_0/Document.xml": f'<ofd:Document {_OFD_NS}><ofd:CommonData><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea></ofd:CommonData><ofd:Pages><ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/></ofd:Pages></ofd:Document>'.encode(),
            "Doc_0/Pages/Page_0/Content.xml": page.encode(),
        }
    )


def _xlsx() -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    for line in LINES:
        book.active.append([line])
    out = io.BytesIO()
    book.save(out)
    # openpyxl writes every non-ASCII character as a reference: the first line as text, for the XML cases
    spelled = "".join(f"&#{ord(c)};" for c in LINES[0]).encode()
    return _rezip(
        out.getvalue(), {"xl/worksheets/sheet1.xml": lambda blob: blob.replace(spelled, LINES[0].encode())}
    )


def _xls() -> bytes:
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("表1")
    for row, line in enumerate(LINES):
        sheet.write(row, 0, line)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _pdf(pages: int = 1, encrypt: str | None = None, *, blank: bool = False) -> bytes:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen.canvas import Canvas

    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    out = io.BytesIO()
    canvas = Canvas(out, encrypt=encrypt, invariant=1)
    canvas.setFont("STSong-Light", 14)
    for number in range(pages):
        if number == 0 and not blank:
            for i, line in enumerate(LINES):
                canvas.drawString(72, 760 - 24 * i, line)
        canvas.showPage()
    canvas.save()
    return out.getvalue()


# ---------------------------------------------------------------- a compound file (OLE2) writer, for .doc and .wps

ENDOFCHAIN, FREESECT, FATSECT, NOSTREAM = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def cfb(
    streams: dict[str, bytes],
    *,
    sizes: dict[str, int] | None = None,
    fat: Callable[[list[int], dict[str, int]], None] | None = None,
) -> bytes:
    """A version 3 compound file holding up to three streams, each at least 4096 bytes (no mini stream);
    `sizes` overrides a stream's declared size, `fat` edits the FAT given each stream's first sector."""
    table = [FATSECT, ENDOFCHAIN]
    payload = b""
    entries = [_entry("Root Entry", 5, ENDOFCHAIN, 0, child=1)]
    starts = {}
    for number, (name, data) in enumerate(streams.items(), 1):
        data = data.ljust(4096, b"\0")
        data = data.ljust(-(-len(data) // 512) * 512, b"\0")
        starts[name] = len(table)
        count = len(data) // 512
        table += [len(table) + i + 1 for i in range(count - 1)] + [ENDOFCHAIN]
        right = number + 1 if number < len(streams) else NOSTREAM
        entries.append(_entry(name, 2, starts[name], (sizes or {}).get(name, len(data)), right=right))
        payload += data
    assert len(table) <= 128 and len(entries) <= 4
    if fat:
        fat(table, starts)
    entries += [_entry("", 0, 0, 0)] * (4 - len(entries))
    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII",
        _OLE_MAGIC,
        b"",
        0x3E,
        3,
        0xFFFE,
        9,
        6,
        b"",
        0,
        1,
        1,
        0,
        4096,
        ENDOFCHAIN,
        0,
        ENDOFCHAIN,
        0,
    ) + struct.pack("<109I", 0, *[FREESECT] * 108)
    return (
        header + struct.pack("<128I", *table, *[FREESECT] * (128 - len(table))) + b"".join(entries) + payload
    )


def _entry(
    name: str, kind: int, start: int, size: int, *, child: int = NOSTREAM, right: int = NOSTREAM
) -> bytes:
    encoded = (name + "\0").encode("utf-16-le") if name else b""
    return struct.pack(
        "<64sHBBIII16sIQQIQ",
        encoded,
        len(encoded),
        kind,
        1,
        NOSTREAM,
        right,
        child,
        b"",
        0,
        0,
        0,
        start,
        size,
    )


def _word97_streams(*, fc: int = 1024) -> dict[str, bytes]:
    """A minimal Word 97 document: a FIB, the text as UTF-16 at 1024, a one-piece table in 1Table."""
    chars = "\r".join(LINES) + "\r"
    word = bytearray(1024) + chars.encode("utf-16-le")
    struct.pack_into("<HH", word, 0, 0xA5EC, 0x00C1)
    struct.pack_into("<H", word, 0x0A, 0x0200)  # fWhichTblStm: 1Table
    struct.pack_into("<i", word, 76, len(chars))  # ccpText
    plc = struct.pack("<iiHIH", 0, len(chars), 0, fc, 0)
    clx = b"\x02" + struct.pack("<I", len(plc)) + plc
    struct.pack_into("<Ii", word, 418, 0, len(clx))  # fcClx, lcbClx
    return {"WordDocument": bytes(word), "1Table": clx}


def _doc() -> bytes:
    return cfb(_word97_streams())


# ---------------------------------------------------------------- ZIP and XML helpers


def _zip(
    members: dict[str, bytes] | list[tuple[str, bytes]], compression: int = zipfile.ZIP_DEFLATED
) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as package, warnings_off():
        for name, blob in members.items() if isinstance(members, dict) else members:
            package.writestr(name, blob)
    return out.getvalue()


@contextlib.contextmanager
def warnings_off():
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns of a duplicate name: the point of that case
        yield


def _members(data: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return [(info.filename, package.read(info)) for info in package.infolist()]


def _rezip(
    data: bytes, edits: dict[str, Callable[[bytes], bytes | None]], extra: list[tuple[str, bytes]] = ()
) -> bytes:
    """The package with members edited (None drops one) and `extra` members appended."""
    out = []
    members = _members(data)
    assert set(edits) <= {name for name, _ in members}, "an edit names no member"
    for name, blob in members:
        if name in edits:
            blob = edits[name](blob)
            if blob is None:
                continue
        out.append((name, blob))
    return _zip(out + list(extra))


def _bomb_member(name: str, megabytes: int) -> bytes:
    """A ZIP holding `name`, `megabytes` MB of one repeated byte deflated ~1000×, built without the MB in memory."""
    stream, crc = _bomb_stream(megabytes)
    size = megabytes << 20
    encoded = name.encode()
    local = struct.pack(
        "<4sHHHHHIIIHH", b"PK\x03\x04", 20, 0, 8, 0, 0, crc, len(stream), size, len(encoded), 0
    )
    central = struct.pack(
        "<4sHHHHHHIIIHHHHHII",
        b"PK\x01\x02",
        20,
        20,
        0,
        8,
        0,
        0,
        crc,
        len(stream),
        size,
        len(encoded),
        0,
        0,
        0,
        0,
        0,
        0,
    )
    body = local + encoded + stream
    end = struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, 1, 1, len(central) + len(encoded), len(body), 0)
    return body + central + encoded + end


@functools.cache
def _bomb_stream(megabytes: int) -> tuple[bytes, int]:
    """`megabytes` MB of "A" deflated, and their CRC-32: a full-flushed block inflates alone to 1 MB, so the
    stream is that block repeated, then an empty final block."""
    block = zlib.compressobj(9, zlib.DEFLATED, -15)
    one = block.compress(b"A" * (1 << 20)) + block.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    chunk = b"A" * (1 << 20)
    for _ in range(megabytes):
        crc = zlib.crc32(chunk, crc)
    return one * megabytes + b"\x03\x00", crc


@functools.cache
def _junk_members(count: int) -> bytes:
    """A stored ZIP of `count` empty members, to append to a package."""
    return _zip([(f"junk/{i}", b"") for i in range(count)], zipfile.ZIP_STORED)


def _with_bomb(data: bytes, member: str, megabytes: int) -> bytes:
    """`data`'s package with `member` replaced by one that inflates to `megabytes` MB."""
    bomb_member = _members(_bomb_member(member, megabytes))[0] if megabytes <= 8 else None
    if bomb_member is not None:
        return _rezip(data, {member: lambda _: bomb_member[1]})
    # Too big to rebuild through zipfile: splice the other members around the raw bomb entry.
    others = _zip([(n, b) for n, b in _members(data) if n != member], zipfile.ZIP_STORED)
    return _concat_zips(others, _bomb_member(member, megabytes))


def _concat_zips(first: bytes, second: bytes) -> bytes:
    """One ZIP holding the entries of two ZIPs each of whose central directory ends the file."""

    def split(data: bytes) -> tuple[bytes, bytes, int]:
        end = data.rindex(b"PK\x05\x06")
        count, size, offset = struct.unpack_from("<HII", data, end + 10)
        return data[:offset], data[offset : offset + size], count

    body1, central1, count1 = split(first)
    body2, central2, count2 = split(second)
    shifted = bytearray(central2)
    at = 0
    while at < len(shifted):
        name, extra, comment = struct.unpack_from("<HHH", shifted, at + 28)
        struct.pack_into("<I", shifted, at + 42, struct.unpack_from("<I", shifted, at + 42)[0] + len(body1))
        at += 46 + name + extra + comment
    central = central1 + bytes(shifted)
    body = body1 + body2
    count = count1 + count2
    return (
        body
        + central
        + struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, count, count, len(central), len(body), 0)
    )


def _crc_error(data: bytes, member: str) -> bytes:
    """The package with one byte of `member`'s stored data changed: its CRC no longer matches."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        for name, blob in _members(data):
            package.writestr(name, blob, zipfile.ZIP_STORED)
    raw = bytearray(out.getvalue())
    with zipfile.ZipFile(io.BytesIO(bytes(raw))) as package:
        info = package.getinfo(member)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    raw[start + info.compress_size // 2] ^= 0x20
    return bytes(raw)


LAUGHS = (
    '<!DOCTYPE r [<!ENTITY a0 "第一条　哈哈哈哈哈哈哈哈哈哈">'
    + "".join(f'<!ENTITY a{i} "{("&a" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    + "]>"
)


def _xxe(path: Path) -> str:
    return f'<!DOCTYPE r [<!ENTITY xxe SYSTEM "{path.as_uri()}">]>'


def _with_doctype(xml: bytes, doctype: str) -> bytes:
    """Insert a DOCTYPE after the XML declaration (or at the start)."""
    if xml.startswith(b"<?xml"):
        end = xml.index(b"?>") + 2
        return xml[:end] + doctype.encode() + xml[end:]
    return doctype.encode() + xml


def _first_text(xml: bytes, replacement: str) -> bytes:
    """The XML with the first sample line replaced by `replacement` (markup allowed)."""
    assert LINES[0].encode() in xml
    return xml.replace(LINES[0].encode(), replacement.encode(), 1)


def _deep(depth: int, tag: str) -> str:
    return f"<{tag}>" * depth + "第一条" + f"</{tag}>" * depth


def _xml_attack(kind: str, xml: bytes, canary: Path, *, tag: str) -> bytes:
    """`xml` (a sample's text-bearing XML) turned into the attack `kind`."""
    if kind == "billion-laughs":
        return _with_doctype(_first_text(xml, "&a9;"), LAUGHS)
    if kind == "xxe":
        return _with_doctype(_first_text(xml, "&xxe;"), _xxe(canary))
    if kind == "huge-text":
        return _first_text(xml, "第一条" + "条" * (((50 if FULL_MATRIX else 4) << 20) // 3))
    if kind == "bad-utf8":
        return xml.replace(LINES[0].encode(), LINES[0].encode()[:-4] + b"\xff\xfe\xc3\x28", 1)
    raise ValueError(kind)


XML_ATTACKS = ("billion-laughs", "xxe", "deep", "deep-1500", "huge-text", "bad-utf8")
DEPTHS = {"deep": 10_000, "deep-1500": 1_500}  # past libxml2's limit with huge_tree (2,048); under it


def _docx_nest(depth: int) -> str:
    """Runs inside `depth` nested tracked insertions, closing and reopening the w:t the first line sits in."""
    return (
        "第一条</w:t></w:r>"
        + "<w:ins>" * depth
        + "<w:r><w:t>深</w:t></w:r>"
        + "</w:ins>" * depth
        + "<w:r><w:t>"
    )


# ---------------------------------------------------------------- the readers


class Reader:
    """A reader's sample file: its suffix, how to build it, its family and the XML member that carries its text."""

    def __init__(
        self, suffix: str, build: Callable[[], bytes], family: str, member: str | None = None, nest: str = "x"
    ):
        self.suffix, self.build, self.family, self.member, self.nest = suffix, build, family, member, nest

    def deep(self, depth: int) -> str:
        if self.nest == "w:ins":
            return _docx_nest(depth)
        return _deep(depth, self.nest)


_DOCM = "application/vnd.ms-word.document.macroEnabled.main+xml"
_DOTX = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
READERS = {
    "txt": Reader(".txt", _txt, "text"),
    "md": Reader(".md", _md, "text"),
    "html": Reader(".html", _html, "text"),
    "mht": Reader(".mht", _mht, "text"),
    "rtf": Reader(".rtf", _rtf, "text"),
    "docx": Reader(".docx", _docx, "zip", "word/document.xml", "w:ins"),
    "docm": Reader(".docm", lambda: _docx(_DOCM), "zip", "word/document.xml", "w:ins"),
    "dotx": Reader(".dotx", lambda: _docx(_DOTX), "zip", "word/document.xml", "w:ins"),
    "odt": Reader(".odt", _odt, "zip", "content.xml", "text:span"),
    "ods": Reader(".ods", _ods, "zip", "content.xml", "text:span"),
    "ofd": Reader(".ofd", _ofd, "zip", "Doc_0/Pages/Page_0/Content.xml"),
    "xlsx": Reader(".xlsx", _xlsx, "zip", "xl/worksheets/sheet1.xml"),
    "uot": Reader(".uot", _uot, "xml"),
    "word2003": Reader(".xml", _word2003, "xml", nest="w:ins"),
    "flat-opc": Reader(".xml", _flat_opc, "xml", nest="w:ins"),
    "pdf": Reader(".pdf", _pdf, "pdf"),
    "doc": Reader(".doc", _doc, "cfb"),
    "wps": Reader(".wps", _doc, "cfb"),
    "xls": Reader(".xls", _xls, "cfb"),
    "et": Reader(".et", _xls, "cfb"),
}


# ---------------------------------------------------------------- running the CLI


class Outcome:
    """What a run gave: exit status, output, and the CPU seconds it took (a loaded machine's waits not counted)."""

    def __init__(
        self, code: int, stdout: str, stderr: str, seconds: float, error: BaseException | None = None
    ):
        self.code, self.stdout, self.stderr, self.seconds, self.error = code, stdout, stderr, seconds, error

    def __repr__(self) -> str:
        return f"Outcome(exit {self.code}, {self.seconds:.1f} s CPU, stderr={self.stderr[-600:]!r}, error={self.error!r})"


class _Hung(Exception):
    pass


@contextlib.contextmanager
def _alarm(seconds: float):
    """Raise in the test after `seconds`: a reader that hangs fails its case instead of the run."""

    def ring(*_):
        raise _Hung(f"still reading after {seconds:.0f} s")

    old = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def run_cli(*args: str, stdin: bytes | None = None) -> Outcome:
    """`policykit ARGS` in this process (typer's path), with a hang alarm."""
    from typer.testing import CliRunner

    runner = CliRunner(env={"COLUMNS": "120", "NO_COLOR": "1", "TERM": "dumb"})
    started = time.process_time()
    with _alarm(3 * BOUND):
        result = runner.invoke(app, list(args), input=stdin)
    error = result.exception if not isinstance(result.exception, SystemExit) else None
    return Outcome(result.exit_code, result.stdout, result.stderr, time.process_time() - started, error)


def run_process(*args: str, stdin: bytes | None = None, memory: int = 3 << 30) -> Outcome:
    """`policykit ARGS` in a subprocess (the console script's lean path) with `memory` bytes of address space."""

    def limit() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    import resource

    def cpu() -> float:
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        return usage.ru_utime + usage.ru_stime

    started = cpu()
    try:
        done = subprocess.run(
            [sys.executable, "-c", "from policykit.entry import main; main()", *args],
            input=stdin if stdin is not None else b"",
            capture_output=True,
            timeout=3 * BOUND,
            preexec_fn=limit,
            env={**os.environ, "POLICYKIT_BACKGROUND_INDEX": "0"},
        )
    except subprocess.TimeoutExpired:
        return Outcome(-1, "", "", 3 * BOUND, _Hung("timed out"))
    return Outcome(
        done.returncode,
        done.stdout.decode("utf-8", "replace"),
        done.stderr.decode("utf-8", "replace"),
        cpu() - started,
    )


def check(outcome: Outcome, shown: str, expect: str = "error") -> None:
    """The contract: an error is exit 1 and one plain line naming the file; anything within BOUND seconds.

    `expect` is "error", "ok" (the file is readable, and read) or "either" (read, or refused in one line).
    """
    assert outcome.error is None, outcome
    assert outcome.seconds < BOUND, outcome
    assert CANARY not in outcome.stdout + outcome.stderr, "a file outside the input was read"
    if expect == "ok" or (expect == "either" and outcome.code == 0):
        assert outcome.code == 0, outcome
        assert outcome.stdout.strip(), outcome
        return
    assert outcome.code == 1, outcome
    lines = outcome.stderr.strip().splitlines()
    assert len(lines) == 1, outcome
    assert shown in lines[0], outcome
    assert not _EXCEPTION_NAME.search(lines[0]), outcome


def hostile(
    tmp_path: Path, name: str, data: bytes | None, *, process: bool = False, command: str = "parse"
) -> tuple[Outcome, str]:
    """Write `data` as `name` in tmp_path (None: leave it to the caller) and run `policykit COMMAND` on it."""
    path = tmp_path / name
    if data is not None:
        path.write_bytes(data)
    run = run_process if process else run_cli
    return run(command, str(path)), str(path)
