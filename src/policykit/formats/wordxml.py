"""Word's single-file XML (.xml) → `Source`: "Word XML Document" (flat OPC, pkg:package, Word 2007+) and
"Word 2003 XML Document" (w:wordDocument), as some CMS exports and older systems still save them.

A flat OPC file is a .docx's parts written one after another in one XML file: it is put back into a
package and read by the .docx reader. Word 2003 XML uses the same paragraph, run and table elements
under an older namespace, and writes what the reader needs in place: each list number as printed
(wx:t), notes inside the run that refers to them (w:footnote), tracked changes and comments as
aml:annotation. The tree is renamed into the .docx namespace, comments, deletions and notes are dropped
(none is body text in a .docx either), and the .docx reader's body walk reads the rest.
"""

from __future__ import annotations

from policykit.errors import InputError
from policykit.formats import Element, make_source, parse_xml, spaced_label
from policykit.model import Source

PKG = "http://schemas.microsoft.com/office/2006/xmlPackage"
WML_2003 = "http://schemas.microsoft.com/office/word/2003/wordml"
WX = "http://schemas.microsoft.com/office/word/2003/auxHint"
AML = "http://schemas.microsoft.com/aml/2001/core"
_DROPPED = ("Word.Comment", "Word.Deletion")
_WAY_OUT = "open it in Word or WPS and save it as .docx"


def read_word_xml(data: bytes, *, path: str, name: str) -> Source:
    """Read a Word XML file (flat OPC or Word 2003 XML) into numbered lines."""
    root = parse_xml(
        data, path=path, damaged=f"this Word XML file is damaged or cut short ({{error}}): {_WAY_OUT}"
    )
    if root.tag == f"{{{PKG}}}package":
        from policykit.formats.docx import read_docx

        return read_docx(_package(root, path), path=path, name=name)
    return _read_2003(root, path=path, name=name)


def _package(root: Element, path: str) -> bytes:
    """Write a flat OPC file's parts back into a ZIP package, with the content types it names."""
    import base64
    import binascii
    import io
    import zipfile
    from xml.sax.saxutils import quoteattr

    from lxml import etree

    types = [
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    ]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as package:  # in memory: deflating only costs
        for part in root.findall(f"{{{PKG}}}part"):
            name = part.get(f"{{{PKG}}}name", "").lstrip("/")
            if not name:
                continue
            xml = part.find(f"{{{PKG}}}xmlData")
            binary = part.find(f"{{{PKG}}}binaryData")
            try:
                if xml is not None and len(xml):
                    blob = etree.tostring(xml[0], xml_declaration=True, encoding="UTF-8", standalone=True)
                else:
                    blob = base64.b64decode(binary.text or "") if binary is not None else b""
            except (binascii.Error, ValueError):
                raise InputError(
                    f"this Word XML file has a damaged part ({name}): {_WAY_OUT}", path=path
                ) from None
            package.writestr(name, blob)
            if not name.endswith(".rels"):
                kind = part.get(f"{{{PKG}}}contentType", "application/xml")
                types.append(f"<Override PartName={quoteattr('/' + name)} ContentType={quoteattr(kind)}/>")
        package.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">{"".join(types)}</Types>',
        )
    return out.getvalue()


def _read_2003(root: Element, *, path: str, name: str) -> Source:
    """Read a Word 2003 XML document's body with the .docx reader's walk."""
    from policykit.formats.docx import Context, Numbering, W, body_lines

    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag.startswith(f"{{{WML_2003}}}"):
            element.tag = f"{{{W}}}" + element.tag.split("}", 1)[1]
        for key in [key for key in element.attrib if key.startswith(f"{{{WML_2003}}}")]:
            element.attrib[f"{{{W}}}" + key.split("}", 1)[1]] = element.attrib.pop(key)
    body = root.find(f"{{{W}}}body")
    if body is None:
        raise InputError(f"this Word 2003 XML file has no body: {_WAY_OUT}", path=path)
    for annotation in list(body.iter(f"{{{AML}}}annotation")):
        if annotation.get(f"{{{W}}}type") in _DROPPED and annotation.getparent() is not None:
            annotation.getparent().remove(annotation)
    _print_list_numbers(body)
    for note in list(body.iter(f"{{{W}}}footnote", f"{{{W}}}endnote")):  # not body text, as in a .docx
        note.getparent().remove(note)
    for wrapper in [
        e for e in body.iter() if isinstance(e.tag, str) and e.tag.startswith((f"{{{WX}}}", f"{{{AML}}}"))
    ]:
        _unwrap(wrapper)
    context = Context(Numbering(), None, path)
    return make_source(body_lines(body, context), path=path, name=name, encoding="docx")


def _print_list_numbers(body: Element) -> None:
    """Put each list paragraph's printed number (w:listPr/wx:t) at its start, as a run of text; bullets not."""
    from lxml import etree

    from policykit.formats.docx import W

    for label in list(body.iter(f"{{{WX}}}t")):
        text = (label.get(f"{{{WX}}}val") or "").strip()
        paragraph = next(label.iterancestors(f"{{{W}}}p"), None)
        if paragraph is None or not text or (len(text) == 1 and not text.isalnum()):
            continue
        run = etree.Element(f"{{{W}}}r")
        etree.SubElement(run, f"{{{W}}}t").text = spaced_label(text, True)
        properties = paragraph.find(f"{{{W}}}pPr")
        paragraph.insert(paragraph.index(properties) + 1 if properties is not None else 0, run)


def _unwrap(element: Element) -> None:
    """Put an element's children in its place (wx:sect, aml:content: wrappers the .docx walk does not know)."""
    parent = element.getparent()
    if parent is None:
        return
    index = parent.index(element)
    for child in reversed(list(element)):
        parent.insert(index, child)
    parent.remove(element)
