"""Word 97 automatic numbering: the list tables (LST, LFO), styles and paragraph properties of a .doc/.wps;
and the character properties that mark tracked deletions.

A numbered paragraph of a Word 97 file ("一、", "（一）" made by the list, not typed) carries a list
override index (sprmPIlfo) and a level (sprmPIlvl), directly in its PAPX or through its paragraph
style ([MS-DOC] 2.6.2). The override (LFO) names a list (LST, by lsid) and may restart or
reformat levels; each list has nine levels (LVL) with a start value, a number format (nfc) and the
printed text with placeholders 0x00-0x08 for the levels' numbers. The counters are kept as the
.docx reader keeps them (`docx.advance`), per list.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from dataclasses import dataclass, field

from policykit.formats.docx import Level, advance

_FC_STSHF = 162  # FibRgFcLcb97.fcStshf, lcbStshf: the style sheet
_FC_PLCF_BTE_CHPX = 250  # fcPlcfBteChpx, lcbPlcfBteChpx: where the character properties are
_FC_PLCF_BTE_PAPX = 258  # fcPlcfBtePapx, lcbPlcfBtePapx: where the paragraph properties are
_FC_PLF_LST = 738  # fcPlfLst, lcbPlfLst: the lists (LVLs follow the LSTFs)
_FC_PLF_LFO = 746  # fcPlfLfo, lcbPlfLfo: the list overrides paragraphs point to
_SPRM_DELETED = 0x0800  # sprmCFRMarkDel: a tracked deletion (1, or 0x81: the opposite of the style's 0)
_SPRM_TTP = 0x2417  # sprmPFTtp: this paragraph mark ends a table row
_SPRM_ILVL = 0x260A  # sprmPIlvl: the list level
_SPRM_ILFO = 0x460B  # sprmPIlfo: the 1-based list override (0: no list)
_SPRM_TDEF_TABLE = 0xD608  # sprmTDefTable: a row's cell edges (rgdxaCenter) and cells (TC80: fVertMerge...)
_TC_VERT_MERGE, _TC_VERT_RESTART = 0x20, 0x40  # TC80.tcgrf: merged with the cell above, unless it restarts
_NO_STYLE = 0x0FFF
# MSONFC, in the order of OOXML's ST_NumberFormat, which names them for `docx.format_number`.
_NFC = [
    "decimal",
    "upperRoman",
    "lowerRoman",
    "upperLetter",
    "lowerLetter",
    "ordinal",
    "cardinalText",
    "ordinalText",
    "hex",
    "chicago",
    "ideographDigital",
    "japaneseCounting",
    "aiueo",
    "iroha",
    "decimalFullWidth",
    "decimalHalfWidth",
    "japaneseLegal",
    "japaneseDigitalTenThousand",
    "decimalEnclosedCircle",
    "decimalFullWidth2",
    "aiueoFullWidth",
    "irohaFullWidth",
    "decimalZero",
    "bullet",
    "ganada",
    "chosung",
    "decimalEnclosedFullstop",
    "decimalEnclosedParen",
    "decimalEnclosedCircleChinese",
    "ideographEnclosedCircle",
    "ideographTraditional",
    "ideographZodiac",
    "ideographZodiacTraditional",
    "taiwaneseCounting",
    "ideographLegalTraditional",
    "taiwaneseCountingThousand",
    "taiwaneseDigital",
    "chineseCounting",
    "chineseLegalSimplified",
    "chineseCountingThousand",
]
_SUFFIX = ("tab", "space", "nothing")


@dataclass(frozen=True)
class Paragraph:
    """What a paragraph's PAPX says: its style, list override and level, and whether it ends a row."""

    istd: int = 0
    ilfo: int | None = None  # None: not set here (the style's holds)
    ilvl: int | None = None
    row_end: bool = False
    cells: tuple[
        tuple[int, bool], ...
    ] = ()  # a row end's cells: right edge (twips), merged with the one above
    left: int | None = (
        None  # a row end's left edge (twips): right of the table's, cells before it are missing
    )


@dataclass
class Lists:
    """The document's lists, overrides and style lists, with the counters kept while reading."""

    levels: dict[int, dict[int, Level]] = field(default_factory=dict)  # lsid → ilvl → Level
    overrides: list[tuple[int, dict[int, int], dict[int, Level]]] = field(default_factory=list)
    styles: dict[int, tuple[int | None, int | None, int]] = field(
        default_factory=dict
    )  # istd → (ilfo, ilvl, base)
    counters: dict[int, dict[int, int]] = field(default_factory=dict)
    started: set[int] = field(default_factory=set)

    def label(self, paragraph: Paragraph) -> str:
        """Advance the counters for a paragraph and return its printed number, or ""."""
        ilfo, ilvl = self._style_list(paragraph.istd)
        ilfo = paragraph.ilfo if paragraph.ilfo is not None else ilfo
        ilvl = paragraph.ilvl if paragraph.ilvl is not None else ilvl
        if not ilfo or not 1 <= ilfo <= len(self.overrides):
            return ""
        lsid, starts, formats = self.overrides[ilfo - 1]
        levels = {**self.levels.get(lsid, {}), **formats}
        level = ilvl or 0
        if level not in levels:
            return ""
        counters = self.counters.setdefault(lsid, {})
        if ilfo not in self.started:
            self.started.add(ilfo)
            for lvl, start in starts.items():
                counters[lvl] = start - 1
                for deeper in [k for k in counters if k > lvl]:
                    del counters[deeper]
        return advance(levels, counters, level)

    def _style_list(self, istd: int) -> tuple[int | None, int]:
        seen = set()
        ilfo: int | None = None
        ilvl: int | None = None
        while istd in self.styles and istd not in seen:
            seen.add(istd)
            style_ilfo, style_ilvl, base = self.styles[istd]
            ilfo = style_ilfo if ilfo is None else ilfo
            ilvl = style_ilvl if ilvl is None else ilvl
            istd = base
        return ilfo, ilvl or 0


def sprms(grpprl: bytes) -> Iterator[tuple[int, bytes]]:
    """Yield each (sprm, operand) of a property list ([MS-DOC] 2.2.5.1: the size is in the sprm's spra)."""
    i = 0
    while i + 2 <= len(grpprl):
        sprm = struct.unpack_from("<H", grpprl, i)[0]
        i += 2
        spra = sprm >> 13
        if spra == 6:  # variable length: a size byte, or a 2-byte size for sprmTDefTable
            if sprm == 0xD608 and i + 2 <= len(grpprl):
                size = 2 + struct.unpack_from("<H", grpprl, i)[0] - 1
            else:
                size = 1 + grpprl[i] if i < len(grpprl) else 0
        else:
            size = (1, 1, 2, 4, 2, 2, 0, 3)[spra]
        yield sprm, grpprl[i : i + size]
        i += size


def _papx_of(grpprl: bytes, istd: int) -> Paragraph:
    ilfo = ilvl = None
    row_end = False
    cells: tuple[tuple[int, bool], ...] = ()
    left = None
    for sprm, operand in sprms(grpprl):
        if sprm == _SPRM_TTP and operand[:1] == b"\x01":
            row_end = True
        elif sprm == _SPRM_TDEF_TABLE:
            cells = _row_cells(operand)
            left = struct.unpack_from("<h", operand, 3)[0] if cells else None  # rgdxaCenter[0]
        elif sprm == _SPRM_ILFO and len(operand) == 2:
            ilfo = struct.unpack_from("<h", operand)[0]
        elif sprm == _SPRM_ILVL and operand:
            ilvl = operand[0]
    return Paragraph(istd, ilfo, ilvl, row_end, cells, left)


def _row_cells(operand: bytes) -> tuple[tuple[int, bool], ...]:
    """A row's cells from sprmTDefTable ([MS-DOC] 2.9.324): each one's right edge, and whether it is the
    lower part of a cell merged down (fVertMerge without fVertRestart); () where the operand is cut short."""
    if len(operand) < 3:
        return ()
    count = operand[2]  # after the operand's 2-byte size
    centres_end = 3 + 2 * (count + 1)
    if count == 0 or len(operand) < centres_end:
        return ()
    edges = struct.unpack_from(f"<{count + 1}h", operand, 3)
    cells = []
    for k in range(count):
        at = centres_end + 20 * k  # TC80: tcgrf (2 bytes), wWidth, four borders
        flags = struct.unpack_from("<H", operand, at)[0] if at + 2 <= len(operand) else 0
        cells.append((edges[k + 1], bool(flags & _TC_VERT_MERGE) and not flags & _TC_VERT_RESTART))
    return tuple(cells)


def _fkp_pages(word: bytes, table: bytes, bin_table_at: int) -> Iterator[bytes]:
    """The 512-byte formatted disk pages a bin table (PlcfBtePapx, PlcfBteChpx) points at; cut ones are skipped."""
    fc, lcb = struct.unpack_from("<Ii", word, bin_table_at)
    if lcb <= 4 or fc + lcb > len(table):
        return
    count = (lcb - 4) // 8
    for pn in struct.unpack_from(f"<{count}I", table, fc + 4 * (count + 1)):
        page = word[(pn & 0x3FFFFF) * 512 : (pn & 0x3FFFFF) * 512 + 512]
        if len(page) == 512:
            yield page


def paragraphs(word: bytes, table: bytes) -> dict[int, Paragraph]:
    """Each paragraph's properties, by the file offset just after its mark, read from the PAPX FKPs."""
    found = {}
    for page in _fkp_pages(word, table, _FC_PLCF_BTE_PAPX):
        runs = page[511]
        marks = struct.unpack_from(f"<{runs + 1}I", page, 0)
        for k in range(runs):
            offset = 2 * page[4 * (runs + 1) + 13 * k]
            if not offset:
                found[marks[k + 1]] = Paragraph()
                continue
            size = 2 * page[offset] - 1 if page[offset] else 2 * page[offset + 1]
            start = offset + 1 if page[offset] else offset + 2
            papx = page[start : start + size]
            istd = struct.unpack_from("<H", papx)[0] if len(papx) >= 2 else 0
            found[marks[k + 1]] = _papx_of(papx[2:], istd)  # after the 2-byte style index
    return found


def deleted_runs(word: bytes, table: bytes) -> list[tuple[int, int]]:
    """The file offset ranges of tracked deletions (sprmCFRMarkDel in the CHPX FKPs), sorted.

    Word keeps deleted text in the piece table until the revision is accepted, and shows it struck
    through; the document as it reads once accepted (what the .docx reader reads) leaves it out.
    """
    runs = []
    for page in _fkp_pages(word, table, _FC_PLCF_BTE_CHPX):
        crun = page[511]
        bounds = struct.unpack_from(f"<{crun + 1}I", page, 0)
        for k in range(crun):
            offset = 2 * page[4 * (crun + 1) + k]
            if offset and any(
                sprm == _SPRM_DELETED and operand[:1] in (b"\x01", b"\x81")
                for sprm, operand in sprms(page[offset + 1 : offset + 1 + page[offset]])
            ):
                runs.append((bounds[k], bounds[k + 1]))
    return sorted(runs)


def read_lists(word: bytes, table: bytes) -> Lists:
    """Read the lists, their overrides and the paragraph styles that number; empty where a table is absent."""
    lists = Lists()
    with _tolerant():
        lists.levels = _lists(word, table)
    with _tolerant():
        lists.overrides = _overrides(word, table)
    with _tolerant():
        lists.styles = _styles(word, table)
    return lists


class _tolerant:
    """Leave a damaged table out (a list that cannot be read is a list not numbered), not the document."""

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: type | None, error: BaseException | None, trace: object) -> bool:
        return kind is not None and issubclass(kind, (struct.error, IndexError, ValueError))


def _lists(word: bytes, table: bytes) -> dict[int, dict[int, Level]]:
    fc, lcb = struct.unpack_from("<Ii", word, _FC_PLF_LST)
    if lcb < 2 or fc + lcb > len(table):
        return {}
    count = struct.unpack_from("<h", table, fc)[0]
    position = fc + 2 + 28 * count  # the LVLs follow the LSTFs
    lists = {}
    for index in range(count):
        lsid = struct.unpack_from("<i", table, fc + 2 + 28 * index)[0]
        simple = table[fc + 2 + 28 * index + 26] & 0x01
        levels = {}
        for level in range(1 if simple else 9):
            levels[level], position = _level(table, position)
        lists[lsid] = levels
    return lists


def _level(table: bytes, position: int) -> tuple[Level, int]:
    """One LVL at `position`: the level and where the next one starts."""
    start, nfc, flags = struct.unpack_from("<iBB", table, position)
    follow = table[position + 15]
    chpx, papx = table[position + 24], table[position + 25]
    position += 28 + papx + chpx
    cch = struct.unpack_from("<H", table, position)[0]
    xst = table[position + 2 : position + 2 + 2 * cch].decode("utf-16-le", errors="replace")
    if len(xst) != cch:
        raise ValueError("truncated level text")
    text = "".join(f"%{ord(c) + 1}" if ord(c) < 9 else c for c in xst)
    level = Level(
        fmt="none" if nfc == 0xFF else (_NFC[nfc] if nfc < len(_NFC) else "decimal"),
        text=text,
        start=start,
        suffix=_SUFFIX[follow] if follow < len(_SUFFIX) else "nothing",
        legal=bool(flags & 0x04),
    )
    return level, position + 2 + 2 * cch


def _overrides(word: bytes, table: bytes) -> list[tuple[int, dict[int, int], dict[int, Level]]]:
    """Each LFO's list and its level overrides: restart values and replaced levels."""
    fc, lcb = struct.unpack_from("<Ii", word, _FC_PLF_LFO)
    if lcb < 4 or fc + lcb > len(table):
        return []
    count = struct.unpack_from("<i", table, fc)[0]
    heads = [struct.unpack_from("<i8xB", table, fc + 4 + 16 * k) for k in range(count)]
    position = fc + 4 + 16 * count  # then one LFOData per LFO: a cp and its LFOLVLs
    overrides = []
    for lsid, levels in heads:
        starts: dict[int, int] = {}
        formats: dict[int, Level] = {}
        position += 4  # the LFOData's cp
        for _ in range(levels):
            start, bits = struct.unpack_from("<iI", table, position)
            position += 8
            level = bits & 0x0F
            if bits & 0x10:  # fStartAt
                starts[level] = start
            if bits & 0x20:  # fFormatting: a whole LVL follows
                formats[level], position = _level(table, position)
                starts.setdefault(level, formats[level].start)
        overrides.append((lsid, starts, formats))
    return overrides


def _styles(word: bytes, table: bytes) -> dict[int, tuple[int | None, int | None, int]]:
    """The paragraph styles' list override and level, and the style each is based on."""
    fc, lcb = struct.unpack_from("<Ii", word, _FC_STSHF)
    if lcb < 4 or fc + lcb > len(table):
        return {}
    data = table[fc : fc + lcb]
    header = struct.unpack_from("<H", data)[0]
    count, base_size = struct.unpack_from("<HH", data, 2)
    position = 2 + header
    styles = {}
    for istd in range(count):
        size = struct.unpack_from("<H", data, position)[0]
        std = data[position + 2 : position + 2 + size]
        position += 2 + size
        if size < base_size + 2:
            continue
        kind_base, cupx = struct.unpack_from("<HH", std, 2)
        if kind_base & 0x0F != 1 or cupx & 0x0F == 0:  # only paragraph styles number paragraphs
            continue
        name = struct.unpack_from("<H", std, base_size)[0]
        upx = base_size + 2 + 2 * name + 2
        upx += upx % 2
        length = struct.unpack_from("<H", std, upx)[0]
        papx = _papx_of(std[upx + 4 : upx + 2 + length], istd)  # after cbUpx and the style index
        if papx.ilfo is not None or papx.ilvl is not None or kind_base >> 4 != _NO_STYLE:
            styles[istd] = (papx.ilfo, papx.ilvl, kind_base >> 4)
    return styles
