"""Legacy Vietnamese encodings (TCVN3/ABC and VNI Windows): detection and conversion to Unicode.

Old workbooks hold Vietnamese typed with a .VnTime (TCVN3) or VNI-Times (VNI) font: each byte is
stored as the Latin-1 character of its code, so "Dự án" arrives as "Dù ¸n" (TCVN3) or "Döï aùn"
(VNI). No maintained PyPI package converts both correctly, so the tables are here, built from
the standards' layout: TCVN3 gives each toned lower-case letter one code (upper-case toned
letters exist only through the ".VnTimeH" capital fonts, which reuse the lower-case codes); VNI
writes a base letter followed by a mark character (tone, or circumflex/breve with the tone).

Detection looks at the whole workbook: the font names of an .xlsx (.VnTime, .VnArial…, VNI-…)
and the characters of its cells. A cell holding any letter only Unicode has (ư, ơ, đ, ộ…, or a
combining mark) is Unicode and never converted; a workbook is legacy only when its cells carry
characters no Unicode Vietnamese text uses (¸ µ ¶ for TCVN3; "aø", "ö", "ñ" for VNI), more of
them than Unicode cells. "Xã" or "Cộng" in Unicode therefore never reads as legacy.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from mtqg_cli.read.raw import RawWorkbook

TCVN3 = "tcvn3"
VNI = "vni"

# Vowels and tones in the order: none, sắc (acute), huyền (grave), hỏi (hook), ngã (tilde), nặng (dot)
TONES = ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")
VOWELS = ("a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y")


def letter(vowel: str, tone: int) -> str:
    """The precomposed letter of a vowel with a tone (0..5)."""
    return unicodedata.normalize("NFC", vowel + TONES[tone])


# TCVN3: per vowel, the codes for tones none, sắc, huyền, hỏi, ngã, nặng (lower case).
_TCVN3_CODES = {
    "a": "a¸µ¶·¹",
    "ă": "¨¾»¼½Æ",
    "â": "©ÊÇÈÉË",
    "e": "eÐÌÎÏÑ",
    "ê": "ªÕÒÓÔÖ",
    "i": "iÝ×ØÜÞ",
    "o": "oãßáâä",
    "ô": "«èåæçé",
    "ơ": "¬íêëìî",
    "u": "uóïñòô",
    "ư": "\xadøõö÷ù",
    "y": "yýúûüþ",
}
_TCVN3_CAPITALS = {"Ă": "¡", "Â": "¢", "Ê": "£", "Ô": "¤", "Ơ": "¥", "Ư": "¦", "Đ": "§", "đ": "®"}

# VNI: a base letter, then one mark character (lower-case marks; upper-case ones follow).
_VNI_TONE = ("", "ù", "ø", "û", "õ", "ï")
_VNI_CIRCUMFLEX = ("â", "á", "à", "å", "ã", "ä")
_VNI_BREVE = ("ê", "é", "è", "ú", "ü", "ë")
_VNI_I = ("i", "í", "ì", "æ", "ó", "ò")  # i with a tone is one character


def _vni_lower(vowel: str, tone: int) -> str:
    if vowel == "i":
        return _VNI_I[tone]
    if vowel == "y" and tone == 5:
        return "î"
    if vowel in ("â", "ê", "ô"):
        return {"â": "a", "ê": "e", "ô": "o"}[vowel] + _VNI_CIRCUMFLEX[tone]
    if vowel == "ă":
        return "a" + _VNI_BREVE[tone]
    base = {"ơ": "ô", "ư": "ö"}.get(vowel, vowel)
    return base + _VNI_TONE[tone]


def _build_tables() -> tuple[dict[str, str], dict[str, str]]:
    """Unicode letter -> TCVN3 code, and Unicode letter -> VNI sequence (both cases for VNI)."""
    tcvn3: dict[str, str] = {}
    vni: dict[str, str] = {"đ": "ñ", "Đ": "Ñ"}
    for vowel in VOWELS:
        for tone in range(6):
            lower = letter(vowel, tone)
            tcvn3[lower] = _TCVN3_CODES[vowel][tone]
            vni[lower] = _vni_lower(vowel, tone)
            vni[lower.upper()] = vni[lower].upper()
    tcvn3.update(_TCVN3_CAPITALS)
    return tcvn3, vni


TO_TCVN3, TO_VNI = _build_tables()
_FROM_TCVN3 = {code: uni for uni, code in TO_TCVN3.items() if len(code) == 1 and ord(code) > 127}
_FROM_VNI = {seq: uni for uni, seq in TO_VNI.items() if seq != uni}
_FROM_VNI.update(  # a capital typed before a lower-case mark ("Aù" for "Á")
    {seq[0] + seq[1:].lower(): uni for seq, uni in list(_FROM_VNI.items()) if len(seq) == 2}
)
_VNI_PATTERN = re.compile("|".join(re.escape(s) for s in sorted(_FROM_VNI, key=len, reverse=True)))
_TCVN3_TABLE = str.maketrans(_FROM_TCVN3)

_UNICODE_ONLY = re.compile(
    "[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9\u0300-\u0323]"
)
"""Letters (or combining marks) that exist in Unicode Vietnamese and in no legacy encoding."""
_TCVN3_MARKS = re.compile("[\xa1-\xae\xb5-\xb9\xbb-\xbe\xc7\xd0\xd7\xde\xdf\xf7\xfe]")
"""TCVN3 codes that neither Unicode Vietnamese nor VNI uses (¸ µ ¶ · ¹ ® « ¬ …)."""
_VNI_MARKS = re.compile("[aAeEoOuUyYôÔöÖ][øûïäåëüØÛÏÄÅËÜ]")
"""VNI sequences no Unicode Vietnamese text holds: a vowel with a VNI mark."""
_VNI_LETTERS = re.compile("[ñÑöÖ]")
"""VNI's đ, Đ, ư, Ư: also TCVN3 codes (ủ, ẹ, ử, ệ), so weaker evidence."""


def to_tcvn3(text: str) -> str:
    """Unicode -> TCVN3 (lower-case codes for toned capitals, as a .VnTimeH font would show)."""
    nfc = unicodedata.normalize("NFC", text)
    return "".join(TO_TCVN3.get(ch) or _capital_code(ch) for ch in nfc)


def _capital_code(ch: str) -> str:
    code = TO_TCVN3.get(ch.lower(), ch)
    return code if ord(code[0]) > 127 else ch


def to_vni(text: str) -> str:
    """Unicode -> VNI Windows."""
    return "".join(TO_VNI.get(ch, ch) for ch in unicodedata.normalize("NFC", text))


def from_tcvn3(text: str, *, capitals: bool = False) -> str:
    """TCVN3 -> Unicode NFC; `capitals` for text set in a .VnTimeH (capital) font."""
    converted = text.translate(_TCVN3_TABLE)
    return unicodedata.normalize("NFC", converted.upper() if capitals else converted)


def from_vni(text: str) -> str:
    """VNI Windows -> Unicode NFC."""
    return unicodedata.normalize("NFC", _VNI_PATTERN.sub(lambda m: _FROM_VNI[m.group(0)], text))


def decode(text: str, encoding: str) -> str:
    return from_tcvn3(text) if encoding == TCVN3 else from_vni(text)


def is_unicode(text: str) -> bool:
    """Whether a text holds a letter only Unicode has: it is never legacy."""
    return bool(_UNICODE_ONLY.search(text))


def detect(texts: Iterable[str], fonts: Iterable[str] = ()) -> str | None:
    """The legacy encoding of a workbook's texts, or None for Unicode (or plain ASCII)."""
    return _decide(_tally(texts), _font_hint(fonts))


@dataclass(frozen=True)
class _Tally:
    """The evidence of a workbook's texts: marks of each encoding, cells holding them, and
    cells that are Unicode."""

    tcvn3: float
    vni: float
    tcvn3_cells: int
    vni_cells: int
    unicode_cells: int


def _tally(texts: Iterable[str]) -> _Tally:
    tcvn3 = vni = 0.0
    tcvn3_cells = vni_cells = unicode_cells = 0
    for text, times in Counter(texts).items():  # a sheet repeats its names: read each once
        if text.isascii():  # no Unicode-only letter, no mark of either encoding: adds nothing
            continue
        if is_unicode(text):
            unicode_cells += times
            continue
        t = len(_TCVN3_MARKS.findall(text))
        v = len(_VNI_MARKS.findall(text)) + len(_VNI_LETTERS.findall(text)) / 2
        tcvn3, vni = tcvn3 + t * times, vni + v * times
        tcvn3_cells, vni_cells = tcvn3_cells + (t > 0) * times, vni_cells + (v > 0) * times
    return _Tally(tcvn3, vni, tcvn3_cells, vni_cells, unicode_cells)


def _decide(tally: _Tally, hint: str | None) -> str | None:
    if tally.tcvn3 > tally.vni or (tally.tcvn3 == tally.vni and hint == TCVN3):
        best, cells = TCVN3, tally.tcvn3_cells
    else:
        best, cells = VNI, tally.vni_cells
    if cells < (1 if hint else 2) or cells <= tally.unicode_cells:
        return None
    return best


def _font_hint(fonts: Iterable[str]) -> str | None:
    names = [f.strip().lower() for f in fonts]
    if any(n.startswith(".vn") for n in names):
        return TCVN3
    if any(n.startswith("vni") for n in names):
        return VNI
    return None


def xlsx_fonts(path: Path) -> list[str]:
    """The font names an .xlsx/.xlsm declares in its styles (no openpyxl: one small XML part)."""
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        return []
    try:
        with zipfile.ZipFile(path) as archive, archive.open("xl/styles.xml") as part:
            styles = part.read(2_000_000).decode("utf-8", "replace")  # bounded: never all of it
    except (OSError, KeyError, zipfile.BadZipFile):
        return []
    return re.findall(r'<(?:\w+:)?name\s+val="([^"]*)"', styles)


def _has_capital_font(fonts: list[str]) -> bool:
    return any(f.lower().startswith(".vn") and f.lower().endswith("h") for f in fonts)


def _capital_cells(path: Path) -> set[tuple[str, int, int]]:
    """Text cells set in a TCVN3 capital font (.VnTimeH, .VnArialH…): their lower-case codes
    show as capitals. Read with openpyxl, only for the rare workbooks that use such a font."""
    import openpyxl

    found: set[tuple[str, int, int]] = set()
    try:
        book = openpyxl.load_workbook(path, read_only=True)
    except Exception:  # the fonts refine the conversion; without them, lower case stands
        return found
    try:
        for ws in book.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    name = getattr(getattr(cell, "font", None), "name", None) or ""
                    if isinstance(cell.value, str) and _has_capital_font([name]):
                        found.add((ws.title, cell.row - 1, cell.column - 1))
    finally:
        book.close()
    return found


@dataclass(frozen=True)
class LegacyText:
    """What was converted: the encoding, how many cells, and the first cell (sheet, row, col)."""

    encoding: str
    cells: int
    sheet: str
    row: int
    column: int


def convert_workbook(book: RawWorkbook) -> LegacyText | None:
    """Convert a legacy-encoded workbook's text cells to Unicode NFC in place."""
    # `type(v) is str`: the readers give text as str itself, and the test costs half what
    # isinstance does over the 150,000 cells of a province's sheet
    texts = [v for sheet in book.sheets for row in sheet.rows for v in row if type(v) is str and v]
    tally = _tally(texts)
    if all(_decide(tally, hint) is None for hint in (None, TCVN3, VNI)):
        return None  # whatever fonts the workbook names: no need to read them
    fonts = xlsx_fonts(book.path)
    encoding = _decide(tally, _font_hint(fonts))
    if encoding is None:
        return None
    capitals = (
        _capital_cells(book.path) if encoding == TCVN3 and _has_capital_font(fonts) else set()
    )
    count = 0
    first: tuple[str, int, int] | None = None
    for sheet in book.sheets:
        for r, row in enumerate(sheet.rows):
            for c, value in enumerate(row):
                if not isinstance(value, str) or not value or is_unicode(value):
                    continue
                if (sheet.name, r, c) in capitals:
                    converted = from_tcvn3(value, capitals=True)
                else:
                    converted = decode(value, encoding)
                if converted != value:
                    row[c] = converted
                    count += 1
                    first = first or (sheet.name, r, c)
    if first is None:
        return None
    return LegacyText(encoding, count, *first)
