"""MHTML (.mht/.mhtml, a web page saved as one file by Chrome, Edge, IE or 360) → `Source` via the HTML reader.

The file is a MIME message (multipart/related): the page is its first text/html part, or the part the
message names as its start or its snapshot location; images and styles are the other parts and are
not read. The part's transfer encoding (quoted-printable, base64) is undone by the stdlib `email`
package and its text decoded as UTF-8 when it is valid UTF-8 (savers re-encode pages and leave the old
labels), else by the part's charset, else the page's own <meta charset>, else GB18030. The page then
goes through the HTML reader, so chrome, metadata and article logic is shared.
"""

from __future__ import annotations

from dataclasses import replace
from email.message import EmailMessage

from policykit.errors import InputError
from policykit.model import Metadata, Source

_SHORT_PAGE = 500  # characters of text: fewer, and the page may hold its article in a frame
_MAX_FRAMES = 20  # a saved page has a few frames; thousands of HTML parts are a file made to stall the reader
_MAX_NESTING = 16  # multipart inside multipart: a saved page nests two or three deep
_MAX_PARTS = (
    5_000  # a saved page's images, styles and fonts are tens to hundreds; email parses ~2,000 a second
)
_PAGE_TYPES = ("text/html", "application/xhtml+xml")
_ALIASES = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "cp936": "gb18030",
    "big5": "big5hkscs",
}


def read_mhtml(data: bytes, *, path: str, name: str) -> Source:
    """Read the web page inside an MHTML file into numbered lines, with the page's metadata.

    A page whose article sits in a frame (an <iframe> saved as its own part) keeps little text of its
    own: when a frame holds several times more, the frame is the document (the page's metadata stays).
    """
    from policykit.formats.html import read_html

    page, *frames = page_htmls(data, path)
    try:
        own_source: Source | None = read_html(_utf8(page), path=path, name=name)
    except InputError:
        own_source = None  # nothing but a frame: the frames below decide
    source, own = own_source, _size(own_source)
    if own < _SHORT_PAGE:
        for frame in frames:
            try:
                candidate = read_html(_utf8(frame), path=path, name=name)
            except InputError:
                continue
            if _size(candidate) > max(3 * own, _size(source) if source is not None else 0):
                metadata = candidate.metadata or _page_metadata(page, own_source)
                source = replace(candidate, metadata=metadata)
    if source is None:
        raise InputError("no text found in the web page inside this MHTML file: is it empty?", path=path)
    return replace(source, encoding="mhtml")


def _page_metadata(page: str, source: Source | None) -> Metadata | None:
    """The page's own metadata (标题, 文号, 成文日期), also when the page has no text of its own."""
    if source is not None:
        return source.metadata
    import lxml.html
    from lxml import etree

    from policykit.formats.html import page_metadata

    try:
        return page_metadata(lxml.html.document_fromstring(page))[0]
    except (etree.ParserError, ValueError):
        return None


def _utf8(page: str) -> bytes:
    return b"\xef\xbb\xbf" + page.encode("utf-8")  # the BOM outranks any stale <meta charset>


def _size(source: Source | None) -> int:
    return sum(len("".join(line.text.split())) for line in source.lines) if source is not None else 0


def page_html(data: bytes, path: str = "-") -> str:
    """The saved page's HTML as text, from the MIME part that holds it."""
    return page_htmls(data, path)[0]


def page_htmls(data: bytes, path: str = "-") -> list[str]:
    """The saved page's HTML as text, then that of its frames (the other HTML parts), in file order."""
    import email
    from email import policy

    parts_seen = data.count(b"\n--")  # each part opens with a --boundary line (a few body lines may too)
    if parts_seen > _MAX_PARTS:
        raise InputError(
            f"this MHTML file holds ~{parts_seen:,} parts (a saved page holds hundreds at most): not a saved "
            "page to read",
            path=path,
        )
    try:
        message = email.message_from_bytes(data.lstrip(b"\xef\xbb\xbf\r\n"), policy=policy.default)
        parts = _page_parts(message)[: 1 + _MAX_FRAMES]
    except RecursionError:  # the email package parses nested parts recursively
        parts = None
    if parts is None:
        raise InputError(
            "this MHTML file nests its parts too deeply (a crafted file?): not a saved page to read",
            path=path,
        )
    if not parts:
        raise InputError(
            "no web page inside this MHTML file (truncated, or not a saved page?): open it in a browser "
            "and save it as .html",
            path=path,
        )
    pages = []
    for part in parts:
        try:
            payload = part.get_payload(decode=True)
        except (ValueError, TypeError, LookupError):
            payload = None
        if isinstance(payload, bytes) and payload.strip():
            pages.append(decode_part(payload, part.get_content_charset()))
        elif not pages:
            raise InputError("the web page inside this MHTML file is empty or cannot be decoded", path=path)
    return pages


def _page_parts(message: EmailMessage) -> list[EmailMessage]:
    """The HTML parts, the page first: the one the message names (its start=, its Snapshot-Content-Location),
    else the first."""
    if not message.is_multipart():
        return [message] if message.get_content_type() in _PAGE_TYPES else []
    parts = [p for p in _leaves(message) if p.get_content_type() in _PAGE_TYPES]
    start = (message.get_param("start", header="content-type") or "").strip("<>")  # type: ignore[union-attr]
    location = message.get("Snapshot-Content-Location", "")
    for index, part in enumerate(parts):
        named = (start and (part.get("Content-ID") or "").strip("<>") == start) or (
            location and part.get("Content-Location", "") == location
        )
        if named:
            return [part, *parts[:index], *parts[index + 1 :]]
    return parts


def _leaves(message: EmailMessage) -> list[EmailMessage]:
    """The message's parts that are not multiparts, in file order, walked without recursion; RecursionError
    past _MAX_NESTING levels, as the parser itself raises for deeper ones."""
    leaves = []
    stack: list[tuple[EmailMessage, int]] = [(message, 0)]
    while stack:
        part, depth = stack.pop()
        if not part.is_multipart():
            leaves.append(part)
        elif depth >= _MAX_NESTING:
            raise RecursionError
        else:
            children = part.get_payload()
            for child in reversed(children if isinstance(children, list) else []):
                if isinstance(child, EmailMessage):
                    stack.append((child, depth + 1))
    return leaves


def decode_part(payload: bytes, charset: str | None) -> str:
    """Decode a page part: as UTF-8 when that is valid and reads as Chinese, else by the part's charset,
    else by the page's own <meta charset>, as the HTML reader decodes a page.

    >>> decode_part("通知".encode("gbk"), "gb2312"), decode_part("<meta charset=gbk>通知".encode("gbk"), None)[-2:]
    ('通知', '通知')
    >>> decode_part("<meta charset=gb2312>通知".encode("utf-8"), "gb2312")[-2:]  # re-encoded, labels left stale
    '通知'
    """
    from policykit.formats.html import decode_html, reads_as_chinese

    if not (charset or "").lower().startswith(("utf-16", "utf-32")):
        try:
            text = payload.decode("utf-8").lstrip("\ufeff")
        except UnicodeDecodeError:
            text = ""
        if text and reads_as_chinese(text):
            return text
    if charset:
        try:
            return payload.decode(_ALIASES.get(charset.lower(), charset)).lstrip("\ufeff")
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_html(payload)
