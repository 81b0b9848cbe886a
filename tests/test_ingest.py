"""Reading documents: encodings, stdin, and one clear error for each kind of bad input."""

from __future__ import annotations

import pytest

from policykit.errors import InputError
from policykit.ingest import decode_text, read_source
from tests.conftest import matrix_sample

TEXT = "一、总体要求\n到2025年，充电桩保有量达1.3万台。\n"


@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "utf-16", "gb18030", "gbk", "utf-16-le", "utf-16-be"]
)
def test_common_chinese_encodings_are_detected(tmp_path, encoding):
    path = tmp_path / "plan.txt"
    path.write_bytes(TEXT.encode(encoding))
    source = read_source(path)
    assert [line.text for line in source.lines][:2] == TEXT.split("\n")[:2]
    assert source.lines[1].line == 2


def test_explicit_encoding_overrides_detection(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_bytes(TEXT.encode("big5", errors="ignore"))
    assert read_source(path, encoding="big5").encoding == "big5"


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda p: None, "no such file"),
        (lambda p: p.mkdir(), "is a directory"),
        (lambda p: p.write_bytes(b""), "empty"),
        (lambda p: p.write_bytes(b"  \n\n"), "empty"),
        (lambda p: p.write_bytes(b"\xef\xbb\xbf"), "empty"),
        (lambda p: p.write_bytes("\ufeff \u3000\n".encode("utf-16")), "empty"),
        (lambda p: p.symlink_to(p.with_name("elsewhere.txt")), "symbolic link that leads nowhere"),
        (lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64)), "binary"),
    ],
)
def test_bad_input_raises_one_clear_error(tmp_path, setup, message):
    path = tmp_path / "doc.txt"
    setup(path)
    with pytest.raises(InputError, match=message) as caught:
        read_source(path)
    assert str(path) in str(caught.value)


def test_undecodable_bytes_name_the_line_and_what_to_try():
    data = "第一行\n第二行".encode() + b"\n\xff\xfe\xfa"
    with pytest.raises(InputError) as caught:
        decode_text(data, "doc.txt", "utf-8")
    assert "doc.txt:3" in str(caught.value)
    assert "--encoding" in str(caught.value)


def test_unknown_encoding_is_an_input_error():
    with pytest.raises(InputError, match="unknown encoding"):
        decode_text("文本".encode(), "doc.txt", "no-such-codec")


TRADITIONAL = (
    "政府工作報告。過去一年，我們堅持穩中求進工作總基調，完整、準確、全面貫徹新發展理念，"
    "加快構建新發展格局，著力推動高質量發展。國內生產總值增長百分之五點二。\n"
    "城鄉居民收入穩步增長，臺灣地區與香港特別行政區的經濟合作不斷加強。\n"
)


def test_a_big5_file_is_read_as_big5_not_as_gb18030_garbage(tmp_path):
    path = tmp_path / "traditional.txt"
    path.write_bytes(TRADITIONAL.encode("big5"))
    source = read_source(path)
    assert source.encoding in ("big5", "cp950", "big5hkscs")
    assert "\n".join(line.text for line in source.lines).startswith(TRADITIONAL.strip().splitlines()[0])


def test_every_corpus_document_saved_as_gb18030_stays_gb18030(corpus_dir):
    from policykit.ingest import detect_encoding

    for path in sorted(corpus_dir.glob("*.txt")):
        data = path.read_text(encoding="utf-8").encode("gb18030")
        assert detect_encoding(data) == "gb18030", path.name


def test_a_decode_error_points_at_the_first_bad_utf8_byte():
    """Past a few stray bytes (which are read as U+FFFD) the file is refused, pointing at the first."""
    good = "第一行\n第二行\n".encode()
    data = good + (b"\xff\xfe\xff" + "第三行".encode()) * 4
    with pytest.raises(InputError) as caught:
        decode_text(data, "plan.txt")
    assert f"not valid UTF-8 at byte {len(good)}" in str(caught.value)
    assert caught.value.line == 3


def test_a_word_file_or_web_page_named_pdf_is_read_as_what_it_is(tmp_path):
    """Sites serve Word files and web pages under .pdf names; the bytes decide, as for every other suffix."""
    from tests.pdf_probe import build_docx

    text = "一、总体要求\n到2025年，氢能产业产值达到100亿元。"
    build_docx(text, tmp_path / "plan.pdf", "plain")
    page = tmp_path / "page.pdf"
    page.write_text(
        "<!DOCTYPE html><html><body><p>一、总体要求</p><p>到2025年，产值达到100亿元。</p></body></html>"
    )
    for path, kind in ((tmp_path / "plan.pdf", "docx"), (page, "html")):
        source = read_source(path)
        assert source.encoding == kind
        assert any("100亿元" in line.text for line in source.lines)


def test_an_image_named_pdf_says_it_is_an_image(tmp_path):
    image = tmp_path / "scan.pdf"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    with pytest.raises(InputError, match="PNG image"):
        read_source(image)


@pytest.mark.parametrize("codec", ["utf-8", "gb18030"])
def test_a_stray_byte_costs_one_mark_not_the_document(tmp_path, caplog, codec):
    """A bad copy or a cut download leaves a byte that fits no encoding: the rest is read, the spot is
    U+FFFD and a warning names the line."""
    lines = ["一、总体要求", "到2025年，氢能产业产值达到100亿元。", "二、重点任务", "（一）建设加氢站50座。"]
    data = "\n".join(lines).encode(codec)
    cut = data.index("二".encode(codec))
    path = tmp_path / "plan.txt"
    path.write_bytes(data[:cut] + b"\xff" + data[cut:])
    with caplog.at_level("WARNING", logger="policykit"):
        source = read_source(path)
    assert source.encoding == codec
    assert [line.text for line in source.lines] == [*lines[:2], "\ufffd" + lines[2], lines[3]]
    assert "line(s) 3" in caplog.text and str(path) in caplog.text


def test_stray_bytes_in_every_corpus_document_leave_the_rest_intact(corpus_dir, tmp_path):
    import random

    chooser = random.Random(7)
    documents = {path.name: path for path in corpus_dir.glob("*.txt")}
    for name in matrix_sample(sorted(documents), 11):  # every one of them under make test-full
        document = documents[name]
        text = document.read_text(encoding="utf-8")
        for codec in ("utf-8", "gb18030"):
            data = text.encode(codec)
            spots = sorted(chooser.sample(range(1, len(data)), 2))
            damaged = data[: spots[0]] + b"\xff" + data[spots[0] : spots[1]] + b"\xff" + data[spots[1] :]
            path = tmp_path / f"{document.stem}.txt"
            path.write_bytes(damaged)
            got, used = decode_text(damaged, str(path))
            assert used == codec, document.name
            # each stray byte costs at most the character it landed in (and, in GB18030, the next)
            kept = got.replace("\ufffd", "")
            assert len(text) - 4 <= len(kept) <= len(text), document.name
            assert got.count("\ufffd") >= 1


def test_a_file_of_many_bad_bytes_is_still_refused(tmp_path):
    data = "到2025年，产值达到100亿元。".encode() * 50
    damaged = b"".join(data[i : i + 20] + b"\xff" for i in range(0, len(data), 20))
    with pytest.raises(InputError, match="not valid UTF-8"):
        decode_text(damaged, "bad.txt")
