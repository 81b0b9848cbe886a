"""Hostile and damaged files through every reader: one line naming the file, exit 1, bounded time, nothing else read.

Every file is generated from code (tests/hostile_files.py) into tmp_path: a valid sample of each format (.txt to
.ofd), then what people and attackers make of it (empty, cut short, misnamed, a ZIP or XML bomb, an external entity, a broken compound
file, an encrypted package). Each goes through `policykit parse` (and some through `extract`) in process with
a CliRunner; the bombs go through a subprocess with an address-space limit, so a reader that inflates one
fails its test instead of the machine. The big cases (a 50 MB text node, 10,000 PDF pages, 30 MB on one
line, 60,000 ZIP members) run at full size only under POLICYKIT_FULL_MATRIX (`make test-full`).
"""

from __future__ import annotations

import io
import os
import random
import re
import shutil
import struct
import zipfile
from pathlib import Path

import pytest

from tests.conftest import FULL_MATRIX
from tests.hostile_files import (
    _OFD_NS,
    CANARY,
    DEPTHS,
    LINES,
    READERS,
    XML_ATTACKS,
    Reader,
    _bomb_member,
    _concat_zips,
    _crc_error,
    _doc,
    _docx,
    _first_text,
    _html,
    _junk_members,
    _members,
    _ofd,
    _pdf,
    _rezip,
    _with_bomb,
    _word97_streams,
    _xls,
    _xlsx,
    _xml_attack,
    _zip,
    cfb,
    check,
    hostile,
    run_cli,
    run_process,
)
from tests.test_formats_odt import build_odt
from tests.test_formats_uof import cell, para, text, uot


@pytest.fixture(scope="module")
def samples() -> dict[str, bytes]:
    return {name: reader.build() for name, reader in READERS.items()}


@pytest.fixture(autouse=True)
def _no_libreoffice(monkeypatch):
    """The Word 97 reader hands what it cannot read to LibreOffice (up to 120 s a file): these cases test
    the readers' own refusals, so soffice is hidden."""
    real = shutil.which
    monkeypatch.setattr(
        shutil, "which", lambda command, *a, **k: None if "office" in command else real(command, *a, **k)
    )


@pytest.fixture
def canary(tmp_path: Path) -> Path:
    """A secret file beside the input: an external entity pointing at it must not be read."""
    path = tmp_path / "secret.txt"
    path.write_text(CANARY)
    return path


# ---------------------------------------------------------------- every reader: the files people really produce


def test_every_sample_is_read(tmp_path, samples):
    """The samples themselves read (else every damaged case below would pass for the wrong reason)."""
    for name, reader in READERS.items():
        outcome, shown = hostile(tmp_path, f"{name}{reader.suffix}", samples[name])
        check(outcome, shown, "ok")
        assert "规范管理" in outcome.stdout, name


GENERIC = {
    "empty": lambda data: b"",
    "one-byte": lambda data: data[:1],
    "cut-10": lambda data: data[: len(data) // 10],
    "cut-50": lambda data: data[: len(data) // 2],
    "cut-90": lambda data: data[: len(data) * 9 // 10],
    "png": lambda data: b"\x89PNG\r\n\x1a\n" + random.Random(1).randbytes(2000),
    "garbage": lambda data: random.Random(2).randbytes(4000),
    "html-inside": lambda data: _html(),
    "docx-inside": lambda data: _docx(),
}
# A text format cut short is still text; a misnamed file is read by what it is (content first).
_EITHER = {"cut-10", "cut-50", "cut-90", "html-inside", "docx-inside"}


@pytest.mark.parametrize("kind", list(GENERIC))
@pytest.mark.parametrize("reader", list(READERS))
def test_damaged_or_misnamed_file(tmp_path, samples, reader, kind):
    data = GENERIC[kind](samples[reader])
    outcome, shown = hostile(tmp_path, f"x{READERS[reader].suffix}", data)
    check(outcome, shown, "either" if kind in _EITHER else "error")


@pytest.mark.parametrize("reader", list(READERS))
def test_directory_and_unreadable_file(tmp_path, samples, reader):
    suffix = READERS[reader].suffix
    (tmp_path / f"folder{suffix}").mkdir()
    check(*hostile(tmp_path, f"folder{suffix}", None))
    locked = tmp_path / f"locked{suffix}"
    locked.write_bytes(samples[reader])
    locked.chmod(0)
    if os.access(locked, os.R_OK):  # root reads any file: an unreadable one is a read that fails
        locked.unlink()
        locked.symlink_to("/proc/self/mem")
    check(*hostile(tmp_path, locked.name, None))


def test_extract_gives_the_same_one_line(tmp_path, samples):
    for reader in ("docx", "pdf", "odt", "doc", "txt"):
        for kind in ("empty", "cut-50", "garbage"):
            data = GENERIC[kind](samples[reader])
            outcome, shown = hostile(
                tmp_path, f"{reader}-{kind}{READERS[reader].suffix}", data, command="extract"
            )
            check(outcome, shown, "either" if kind in _EITHER else "error")


# ---------------------------------------------------------------- ZIP packages

ZIPPED = [name for name, reader in READERS.items() if reader.family == "zip"]
MANY = 60_000 if FULL_MATRIX else 20_000  # a plain ZIP's end record counts 65,535 at most


def _zip_case(kind: str, reader: Reader, data: bytes) -> bytes:
    member = reader.member
    assert member is not None
    if kind == "bomb":  # the text member inflates ~1000×: 1 GB from 1 MB
        return _with_bomb(data, member, 1024)
    if kind == "nested":  # the text member is itself a ZIP of a bomb
        return _rezip(data, {member: lambda _: _bomb_member("inner.xml", 64)})
    if kind == "traversal":  # a member that would land outside a folder it is extracted to
        return _rezip(data, {}, [("../../../../tmp/evil.xml", b"<x/>"), ("/etc/cron.d/evil", b"x")])
    if kind == "duplicate":
        return _rezip(data, {}, [(member, b"<not-the-document/>")])
    if kind == "missing-main":
        return _rezip(data, {member: lambda _: None})
    if kind == "crc":
        return _crc_error(data, member)
    if kind == "many-members":
        return _concat_zips(_zip(_members(data), zipfile.ZIP_STORED), _junk_members(MANY))
    raise ValueError(kind)


ZIP_KINDS = ("bomb", "nested", "traversal", "duplicate", "missing-main", "crc", "many-members")
_ZIP_EITHER = {"traversal", "duplicate"}  # harmless names, read or refused


@pytest.mark.parametrize("kind", ZIP_KINDS)
@pytest.mark.parametrize("reader", ZIPPED)
def test_hostile_zip_package(tmp_path, samples, reader, kind):
    data = _zip_case(kind, READERS[reader], samples[reader])
    outcome, shown = hostile(
        tmp_path, f"x{READERS[reader].suffix}", data, process=kind == "bomb" and reader == "docx"
    )
    check(outcome, shown, "either" if kind in _ZIP_EITHER else "error")
    assert not Path("/tmp/evil.xml").exists()


def test_docx_alt_chunks_nested_ten_wide_and_deep_stay_bounded(tmp_path):
    """A .docx whose body embeds the same .docx part ten times, which embeds the next ten times, five deep:
    10^5 reads of the innermost if each altChunk were followed blindly."""
    inner = _docx()
    for _ in range(5):
        inner = _alt_chunk_docx(inner, 10)
    outcome, shown = hostile(tmp_path, "nested.docx", inner)
    check(outcome, shown, "either")


def _alt_chunk_docx(chunk: bytes, times: int) -> bytes:
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk"
    data = _docx()
    chunks = "".join('<w:altChunk r:id="rIdChunk"/>' for _ in range(times))
    return _rezip(
        data,
        {
            "word/document.xml": lambda blob: (
                blob.replace(b"<w:sectPr", chunks.encode() + b"<w:sectPr", 1).replace(
                    b"<w:document ",
                    b'<w:document xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" ',
                    1,
                )
                if b"xmlns:r=" not in blob
                else blob.replace(b"<w:sectPr", chunks.encode() + b"<w:sectPr", 1)
            ),
            "word/_rels/document.xml.rels": lambda blob: blob.replace(
                b"</Relationships>",
                f'<Relationship Id="rIdChunk" Type="{rel}" Target="chunk.docx"/></Relationships>'.encode(),
            ),
            "[Content_Types].xml": lambda blob: blob.replace(
                b"</Types>",
                b'<Override PartName="/word/chunk.docx" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document"/></Types>',
            ),
        },
        [("word/chunk.docx", chunk)],
    )


# ---------------------------------------------------------------- XML inside every XML reader

XML_READERS = [name for name, reader in READERS.items() if reader.family == "xml" or reader.member]


def _xml_case(kind: str, reader: Reader, data: bytes, canary: Path) -> bytes:
    if reader.family == "xml":
        if kind in DEPTHS:
            return _first_text(data, reader.deep(DEPTHS[kind]))
        return _xml_attack(kind, data, canary, tag=reader.nest)
    member = reader.member
    assert member is not None

    def attack(blob: bytes) -> bytes:
        if kind in DEPTHS:
            return _first_text(blob, reader.deep(DEPTHS[kind]))
        return _xml_attack(kind, blob, canary, tag=reader.nest)

    return _rezip(data, {member: attack})


# A 50 MB text node costs seconds a reader: make test takes 4 MB through one reader, the full run 50 MB all.
_HUGE = set(XML_READERS) if FULL_MATRIX else {"uot"}
XML_CASES = [(r, k) for r in XML_READERS for k in XML_ATTACKS if k != "huge-text" or r in _HUGE]


@pytest.mark.parametrize(("reader", "kind"), XML_CASES)
def test_hostile_xml(tmp_path, samples, canary, reader, kind):
    data = _xml_case(kind, READERS[reader], samples[reader], canary)
    outcome, shown = hostile(
        tmp_path,
        f"x{READERS[reader].suffix}",
        data,
        process=reader == "uot" and kind == "billion-laughs",
    )
    check(outcome, shown, "error" if kind == "bad-utf8" else "either")
    if outcome.code == 0 and kind == "billion-laughs":
        assert len(outcome.stdout) < 1 << 20, "entities were expanded"


# ---------------------------------------------------------------- encrypted documents


@pytest.mark.parametrize("suffix", [".docx", ".xlsx", ".doc"])
def test_encrypted_office_package_says_it_needs_a_password(tmp_path, suffix):
    """Office's "Encrypt with Password": a compound file holding EncryptionInfo and EncryptedPackage."""
    data = cfb(
        {"EncryptionInfo": struct.pack("<HHI", 4, 4, 0x40) + bytes(200), "EncryptedPackage": os.urandom(5000)}
    )
    outcome, shown = hostile(tmp_path, f"secret{suffix}", data)
    check(outcome, shown)
    assert "password" in outcome.stderr


def test_encrypted_pdf_says_it_needs_a_password(tmp_path):
    outcome, shown = hostile(tmp_path, "secret.pdf", _pdf(encrypt="s3cret"))
    check(outcome, shown)
    assert "password" in outcome.stderr


def test_encrypted_doc_says_it_is_encrypted(tmp_path):
    streams = _word97_streams()
    word = bytearray(streams["WordDocument"])
    struct.pack_into("<H", word, 0x0A, 0x0200 | 0x0100)  # fEncrypted
    outcome, shown = hostile(tmp_path, "secret.doc", cfb({**streams, "WordDocument": bytes(word)}))
    check(outcome, shown)
    assert "encrypted" in outcome.stderr or "password" in outcome.stderr


# ---------------------------------------------------------------- PDF


def test_pdf_with_a_broken_xref(tmp_path, samples):
    data = samples["pdf"]
    at = data.rindex(b"startxref") + len(b"startxref")
    broken = data[:at] + b"\n99999999\n%%EOF\n"
    broken = broken.replace(b"xref\n0 ", b"xref\n7 ", 1)
    check(*hostile(tmp_path, "xref.pdf", broken), "either")


def test_pdf_with_thousands_of_empty_pages_is_refused_in_bounded_time(tmp_path):
    """10,000 blank pages (500 in make test): no text layer, said within the bound, not minutes later."""
    outcome, shown = hostile(
        tmp_path, "blank.pdf", _pdf(pages=10_000 if FULL_MATRIX else 500, blank=True), process=True
    )
    check(outcome, shown, "either")


@pytest.mark.skipif(not FULL_MATRIX, reason="10,000 pages: make test-full")
def test_pdf_pages_of_one_line_then_thousands_blank_are_read_in_bounded_time(tmp_path):
    outcome, shown = hostile(tmp_path, "mostly-blank.pdf", _pdf(pages=10_000), process=True)
    check(outcome, shown, "either")


# ---------------------------------------------------------------- Word 97 compound files


def _broken_fat(table: list[int], starts: dict[str, int]) -> None:
    table[starts["WordDocument"]] = 50_000  # past the end of the file


def _fat_loop(table: list[int], starts: dict[str, int]) -> None:
    first = starts["WordDocument"]
    table[first + 2] = first  # the chain comes back to its start


def _fat_self(table: list[int], starts: dict[str, int]) -> None:
    table[starts["1Table"]] = starts["1Table"]


CFB_CASES = {
    "broken-fat": lambda: cfb(_word97_streams(), fat=_broken_fat),
    "fat-loop": lambda: cfb(_word97_streams(), fat=_fat_loop),
    "fat-self-loop": lambda: cfb(_word97_streams(), fat=_fat_self),
    "short-stream": lambda: cfb(_word97_streams(), sizes={"WordDocument": 300}),
    "text-past-stream": lambda: cfb(_word97_streams(fc=1 << 20)),
    "size-past-file": lambda: cfb(_word97_streams(), sizes={"WordDocument": 1 << 30}),
    "no-table": lambda: cfb({"WordDocument": _word97_streams()["WordDocument"]}),
    "header-only": lambda: _doc()[:512],
}


@pytest.mark.parametrize("suffix", [".doc", ".wps"])
@pytest.mark.parametrize("kind", list(CFB_CASES))
def test_damaged_word97_compound_file(tmp_path, kind, suffix):
    check(*hostile(tmp_path, f"x{suffix}", CFB_CASES[kind]()))


@pytest.mark.parametrize("kind", ["broken-fat", "fat-loop", "short-stream"])
def test_damaged_excel97_compound_file(tmp_path, kind):
    data = cfb(
        {"Workbook": _xls()[:3000]},
        fat=(lambda t, s: t.__setitem__(s["Workbook"], 50_000)) if kind == "broken-fat" else None,
    )
    if kind == "fat-loop":
        data = cfb(
            {"Workbook": bytes(8000)}, fat=lambda t, s: t.__setitem__(s["Workbook"] + 1, s["Workbook"])
        )
    check(*hostile(tmp_path, "x.xls", data))


# ---------------------------------------------------------------- text


def _mixed_encodings() -> bytes:
    return (
        "第一条　为了规范管理。\n".encode()
        + "第二条　本办法自发布之日起施行。\n".encode("gb18030") * 40
        + "第三條　附則。\n".encode("big5")
    )


TEXT_CASES = {
    # (bytes, what is expected)
    "nul-bytes": (lambda: "第一条　规范管理。".encode() + b"\x00" * 50 + "第二条".encode(), "error"),
    "mixed-encodings": (_mixed_encodings, "either"),
    "utf16-no-bom": (lambda: "\n".join(LINES).encode("utf-16-le"), "ok"),
    "utf16be-no-bom": (lambda: "\n".join(LINES).encode("utf-16-be"), "ok"),
    "bom-only": (lambda: b"\xef\xbb\xbf", "error"),
    "utf16-bom-only": (lambda: b"\xff\xfe", "error"),
    "bom-and-spaces": (lambda: b"\xef\xbb\xbf \r\n\t\n", "error"),
    "one-line-1mb": (lambda: ("为了规范管理，制定本办法" * 30_000).encode(), "either"),
}


@pytest.mark.parametrize("kind", list(TEXT_CASES))
def test_hostile_text(tmp_path, kind):
    build, expect = TEXT_CASES[kind]
    check(*hostile(tmp_path, "x.txt", build()), expect)


@pytest.mark.skipif(not FULL_MATRIX, reason="30 MB through the pipeline: make test-full")
def test_thirty_megabytes_without_a_line_break(tmp_path):
    outcome, shown = hostile(tmp_path, "x.txt", ("为了规范管理，制定本办法" * 900_000).encode(), process=True)
    check(outcome, shown, "either")


def test_stdin_fed_binary_garbage():
    garbage = b"\x00\x01\xfe\xff" + random.Random(3).randbytes(5000)
    for run in (run_cli, run_process):
        outcome = run("parse", "-", stdin=garbage)
        check(outcome, "stdin")


def test_stdin_fed_a_zip_bomb():
    outcome = run_process("parse", "-", stdin=_with_bomb(_docx(), "word/document.xml", 1024))
    check(outcome, "stdin")


# ---------------------------------------------------------------- OFD


def test_ofd_delta_x_run_of_a_billion_advances_is_not_expanded(tmp_path):
    """DeltaX "g N V" stands for N advances: N = 10^9 was a list of a billion floats."""
    member = "Doc_0/Pages/Page_0/Content.xml"
    before = dict(_members(_ofd()))[member]
    after = before.replace(b'DeltaX="g 16 5"', b'DeltaX="g 1000000000 5"')
    assert after != before
    page = _rezip(_ofd(), {member: lambda _: after})
    check(*hostile(tmp_path, "x.ofd", page), "ok")


def test_ofd_page_list_naming_one_page_again_and_again_stays_bounded(tmp_path):
    """A page list naming one 2 MB page 500 times (1 GB of XML to parse) is refused, not parsed 500 times."""
    big = f'<ofd:Page {_OFD_NS}><ofd:Content><ofd:Layer ID="1">{"<ofd:PathObject/>" * 110_000}</ofd:Layer></ofd:Content></ofd:Page>'
    pages = "".join(f'<ofd:Page ID="{i}" BaseLoc="Pages/Page_0/Content.xml"/>' for i in range(500))
    data = _rezip(
        _ofd(big),
        {
            "Doc_0/Document.xml": lambda blob: re.sub(
                rb"<ofd:Pages>.*</ofd:Pages>", f"<ofd:Pages>{pages}</ofd:Pages>".encode(), blob
            )
        },
    )
    check(*hostile(tmp_path, "x.ofd", data))


# ---------------------------------------------------------------- MHTML and RTF: the parsers' own limits

_MHT_HEAD = b"From: <Saved by Blink>\r\nMIME-Version: 1.0\r\n"


def _nested_mht(depth: int) -> bytes:
    out = _MHT_HEAD + b'Content-Type: multipart/related; boundary="b0"\r\n\r\n'
    for i in range(1, depth):
        out += f'--b{i - 1}\r\nContent-Type: multipart/related; boundary="b{i}"\r\n\r\n'.encode()
    out += f"--b{depth - 1}\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>{LINES[0]}</p>\r\n".encode()
    return out + b"".join(f"--b{i}--\r\n".encode() for i in reversed(range(depth)))


MHT_CASES = {
    # the email package parses nested multiparts recursively: RecursionError, an internal error
    "nested-2000": lambda: _nested_mht(2000),
    # 100,000 one-line HTML parts: ~50 s in the email package, then every part read as a frame
    "100000-parts": lambda: (
        _MHT_HEAD
        + b'Content-Type: multipart/related; boundary="B"\r\n\r\n'
        + b"--B\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>x</p>\r\n" * 100_000
        + b"--B--\r\n"
    ),
    "base64-junk": lambda: (
        _MHT_HEAD + b'Content-Type: multipart/related; boundary="B"\r\n\r\n--B\r\nContent-Type: text/html\r\n'
        b"Content-Transfer-Encoding: base64\r\n\r\n!!!!@@@@####\r\n--B--\r\n"
    ),
    "headers-only": lambda: _MHT_HEAD + b'Content-Type: multipart/related; boundary="B"\r\n\r\n',
}


@pytest.mark.parametrize("kind", list(MHT_CASES))
def test_hostile_mhtml(tmp_path, kind):
    check(*hostile(tmp_path, "x.mht", MHT_CASES[kind]()))


def test_mhtml_nested_three_deep_is_read(tmp_path):
    check(*hostile(tmp_path, "x.mht", _nested_mht(3)), "ok")


RTF_CASES = {
    "200000-groups": (b"{\\rtf1\\ansi " + b"{" * 200_000 + b"\\u31532?" + b"}" * 200_001, "either"),
    "unclosed-groups": (b"{\\rtf1\\ansi " + b"{" * 200_000 + b"text", "error"),
    "bin-past-the-end": (b"{\\rtf1\\ansi \\bin999999999999 abc}", "error"),
    "huge-unicode": (b"{\\rtf1\\ansi \\u99999999999999? \\uc999999999 \\u31532? abc}", "either"),
    "1mb-control-word": (b"{\\rtf1\\ansi \\" + b"a" * 1_000_000 + b" x}", "either"),
}


@pytest.mark.parametrize("kind", list(RTF_CASES))
def test_hostile_rtf(tmp_path, kind):
    data, expect = RTF_CASES[kind]
    check(*hostile(tmp_path, "x.rtf", data), expect)


# ---------------------------------------------------------------- PDF object structure


def _pdf_of(*objects: bytes) -> bytes:
    """A PDF of these objects (1 0 obj the catalog), with a correct xref table."""
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    return out + f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()


_CATALOG = b"<< /Type /Catalog /Pages 2 0 R >>"
PDF_CASES = {
    "kids-loop": lambda: _pdf_of(_CATALOG, b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>"),
    "count-a-billion": lambda: _pdf_of(
        _CATALOG,
        b"<< /Type /Pages /Kids [3 0 R] /Count 999999999 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] >>",
    ),
    "reference-loop": lambda: _pdf_of(_CATALOG, b"3 0 R", b"2 0 R"),
    "100000-deep-array": lambda: _pdf_of(
        b"<< /Type /Catalog /Pages 2 0 R /X " + b"[" * 100_000 + b"]" * 100_000 + b" >>",
        b"<< /Type /Pages /Kids [] /Count 0 >>",
    ),
    "garbage-after-header": lambda: b"%PDF-1.7\n" + random.Random(5).randbytes(200_000),
    "header-only": lambda: b"%PDF-1.7\n%%EOF\n",
    "zeroed-middle": lambda: (lambda d: d[: len(d) // 3] + bytes(len(d) // 3) + d[2 * len(d) // 3 :])(_pdf()),
}


@pytest.mark.parametrize("kind", list(PDF_CASES))
def test_hostile_pdf_structure(tmp_path, monkeypatch, kind):
    """pdfminer, the fallback, spun forever on the reference loop: a reader gets OPEN_SECONDS of CPU to open
    a file (one second here in make test, its real ten in the full run)."""
    from policykit.pdf import extract

    if not FULL_MATRIX:
        monkeypatch.setattr(extract, "OPEN_SECONDS", 1.0)
    check(*hostile(tmp_path, "x.pdf", PDF_CASES[kind]()))


# ---------------------------------------------------------------- counts that span the world: merged cells, repeats


def _xls_merging(last_row: int, last_column: int) -> bytes:
    """An .xls whose MERGEDCELLS record is patched to span rows 1..last_row and columns 0..last_column."""
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("表1")
    sheet.write(0, 0, LINES[0])
    sheet.merge(1, 2, 0, 1)
    out = io.BytesIO()
    book.save(out)
    record = b"\xe5\x00\x0a\x00\x01\x00"
    small = record + struct.pack("<HHHH", 1, 2, 0, 1)
    assert small in out.getvalue()
    return out.getvalue().replace(small, record + struct.pack("<HHHH", 1, last_row, 0, last_column))


SPAN_CASES = {
    # openpyxl makes an object for every merged cell as it loads: A1:XFD1048576 is 17 billion
    "xlsx-whole-sheet-merged": (
        ".xlsx",
        lambda: _rezip(
            _xlsx(),
            {
                "xl/worksheets/sheet1.xml": lambda blob: blob.replace(
                    b"</sheetData>",
                    b'</sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>',
                )
            },
        ),
        "error",
    ),
    "xls-whole-sheet-merged": (".xls", lambda: _xls_merging(65535, 255), "error"),
    # a span of 10^9 columns was a list of 10^9 empty cells on the grid
    "docx-grid-span": (
        ".docx",
        lambda: _rezip(
            _docx(),
            {
                "word/document.xml": lambda blob: blob.replace(
                    b"<w:body>",
                    b'<w:body><w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="1000000000"/></w:tcPr>'
                    b"<w:p><w:r><w:t>\xe8\xa1\xa8</w:t></w:r></w:p></w:tc></w:tr></w:tbl>",
                )
            },
        ),
        "ok",
    ),
    "odt-spans": (
        ".odt",
        lambda: build_odt(
            '<table:table><table:table-row><table:table-cell table:number-columns-spanned="1000000000" '
            f'table:number-rows-spanned="1000000000"><text:p>{LINES[0]}</text:p></table:table-cell>'
            "</table:table-row></table:table>"
        ),
        "ok",
    ),
    # one 字:空格 standing for 10^9 spaces was a 1-4 GB string
    "uot-space-count": (
        ".uot",
        lambda: uot(para(text("第一条"), '<字:空格 字:数="1000000000"/>', text("规范"))),
        "ok",
    ),
    "uot-spans": (
        ".uot",
        lambda: uot(f"<字:文字表><字:行>{cell(LINES[0], rows=10**9, columns=10**9)}</字:行></字:文字表>"),
        "ok",
    ),
}


@pytest.mark.parametrize("kind", list(SPAN_CASES))
def test_merged_cells_spanning_the_world(tmp_path, kind):
    suffix, build, expect = SPAN_CASES[kind]
    outcome, shown = hostile(
        tmp_path,
        f"x{suffix}",
        build(),
    )
    check(outcome, shown, expect)


@pytest.mark.skipif(not FULL_MATRIX, reason="a LibreOffice conversion: make test-full")
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_damaged_doc_that_libreoffice_cannot_convert_either_says_so(tmp_path):
    """The native reader hands a .doc it cannot read to LibreOffice; when that fails too, the line says so
    (it said "install LibreOffice", installed or not)."""
    outcome, shown = hostile(tmp_path, "x.doc", CFB_CASES["broken-fat"](), process=True)
    check(outcome, shown)
    assert "LibreOffice could not convert it either" in outcome.stderr
