"""The parts of a Word package the .docx reader needs beyond the body: the main part under the names Word
and WPS give it (.docm, .dotx, .dotm, .wpt), and the documents a body embeds with w:altChunk.

python-docx opens only a package whose main part has the plain document content type, yet a macro-enabled
document or a template is the same WordprocessingML under another content type: the package is rewritten
with the plain type before it is opened. A CMS that exports "Word" often writes the article as an HTML or
.mht part that the body pulls in with w:altChunk; Word shows it in place, so it is read in place by the
reader its bytes call for.
"""

from __future__ import annotations

import contextvars
import io
from typing import Any

MAIN = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_OTHER_MAINS = (
    b"application/vnd.ms-word.document.macroEnabled.main+xml",
    b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    b"application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
)
_CHUNK_SUFFIX = {
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "message/rfc822": ".mht",
    "multipart/related": ".mht",
    "application/rtf": ".rtf",
    "text/rtf": ".rtf",
    "text/plain": ".txt",
}
MAX_DEPTH = 2
"""How deep embedded documents are followed: a page in a .docx, or a .docx in one, is real; a .docx in a
.docx in a .docx is a bomb (each level can embed the next many times, 10^depth reads)."""
_depth: contextvars.ContextVar[int] = contextvars.ContextVar("policykit_chunk_depth", default=0)


def as_document_package(data: bytes, path: str | None = None) -> bytes:
    """The package with a macro-enabled or template main part given the plain document content type,
    which is all that tells them apart for reading; other packages come back as they are."""
    import zipfile

    from policykit.formats import open_zip

    with open_zip(data, path) as package:
        types = package.read("[Content_Types].xml")
        if not any(kind in types for kind in _OTHER_MAINS):
            return data
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for info in package.infolist():
                blob = package.read(info)
                if info.filename == "[Content_Types].xml":
                    for kind in _OTHER_MAINS:
                        blob = blob.replace(kind, MAIN)
                target.writestr(info, blob)
    return out.getvalue()


def chunk_lines(document_part: Any, rel_id: str | None, path: str, seen: dict[str, list[str]]) -> list[str]:
    """The lines of the part a w:altChunk embeds (HTML, .mht, RTF, text or a .docx), read by its own reader,
    once per document however often it is embedded (`seen`, by part name); none when the part is missing
    or unreadable, as Word shows nothing for it, or nested past MAX_DEPTH documents."""
    from policykit.errors import InputError, logger

    try:
        part = document_part.related_parts[rel_id]
    except KeyError:
        return []
    name = str(part.partname)
    if name not in seen:
        if _depth.get() >= MAX_DEPTH:
            logger(__name__).warning(
                "%s: %s is a document embedded %d deep: not read (a nesting bomb?)", path, name, MAX_DEPTH + 1
            )
            seen[name] = []
        else:
            token = _depth.set(_depth.get() + 1)
            try:
                seen[name] = _read_chunk(part, path)
            except InputError:
                seen[name] = []
            finally:
                _depth.reset(token)
    return seen[name]


def _read_chunk(part: Any, path: str) -> list[str]:
    """An embedded part's lines, read by the reader its bytes call for."""
    from policykit.formats import detect_format, read_format

    try:
        blob: bytes = part.blob
        suffix = _CHUNK_SUFFIX.get(part.content_type.split(";")[0].strip().lower(), "")
        suffix = suffix or "." + str(part.partname).rsplit(".", 1)[-1].lower()
        kind = detect_format(blob, suffix)
        if kind == "text":
            return _text_lines(blob)
        source = read_format(kind, blob, path=f"{path}#{part.partname}", name=path)
    except (KeyError, AttributeError):
        return []
    return [line.text for line in source.lines]


def _text_lines(blob: bytes) -> list[str]:
    """A plain-text chunk's lines: UTF-8 (with or without a BOM), UTF-16 with a BOM, else GB18030."""
    if blob.startswith((b"\xff\xfe", b"\xfe\xff")):
        return blob.decode("utf-16", "replace").splitlines()
    try:
        return blob.decode("utf-8-sig").splitlines()
    except UnicodeDecodeError:
        return blob.decode("gb18030", "replace").splitlines()
