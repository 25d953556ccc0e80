"""Who reports: the unit's name from its issuing-unit lines, a "Đơn vị:" line or the title's place."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from mtqg_cli.model.text import clean, fold

MAX_ISSUER_CHARS = 90
"""An issuing-unit line is short; a longer text starting with "Ban…" is prose or a title."""

_MOTTO = ("cong hoa xa hoi chu nghia", "doc lap - tu do", "doc lap tu do", "doc lap-tu do")
_PEOPLES_COMMITTEE = (("ubnd",), ("uy", "ban", "nhan", "dan"))
_AGENCY_HEADS: tuple[tuple[str, ...], ...] = (
    ("kho", "bac", "nha", "nuoc"),
    ("van", "phong"),
    ("chi", "cuc"),
    ("trung", "tam"),
    ("kbnn",),
    ("so",),
    ("ban",),
    ("phong",),
    ("cuc",),
)
_NOT_AGENCY = {"số", "bản", "bán", "bàn", "bạn", "cúc"}
"""First words that fold like an agency's ("Số: 12/BC", "Bản …") but are not one."""
_LEVELS: tuple[tuple[str, ...], ...] = (
    ("thành", "phố"),
    ("thị", "xã"),
    ("thị", "trấn"),
    ("tp.",),
    ("tp",),
    ("tx.",),
    ("huyện",),
    ("xã",),
    ("tỉnh",),
    ("quận",),
    ("phường",),
)
"""Levels of local government, matched with their tones ("tình hình" is no "tỉnh"); a word
written without any diacritics matches its folded form."""
_LEVEL_NAMES = {"tp.": "thành phố", "tp": "thành phố", "tx.": "thị xã"}
_NOT_A_PLACE = {
    "hoi", "vien", "dac", "khu", "vung", "bien", "bai", "nong", "an", "thuoc", "va", "tren",
    "trong", "co", "duoc", "ven", "mien", "thon", "diem", "ngheo", "kho", "la", "de", "nay",
    "cac", "doan", "giao", "hinh", "...", "…",
}  # fmt: skip
"""Words after "xã"/"huyện"… that make it a common noun ("xã hội", "xã đặc biệt khó khăn")."""
_BEFORE_NO_PLACE = {"cac", "cap", "nhung", "moi", "tung", "toan"}
_PLACE_STOPS = {
    "nam", "den", "thang", "quy", "giai", "ve", "bao", "ket", "dot", "ngay", "theo", "cua",
    "tai", "va", "tinh", "huyen", "xa", "so", "kem", "thuc", "bieu", "phan", "von",
}  # fmt: skip
_MONEY = re.compile(
    r"(^|[\s(])(ty |trieu |nghin |ngan |1\.?000 )?(dong|vnd|trd|(tr|ng|ngh)\.?\s?(dong|d)|d)"
    r"($|[\s).,;])"
)
"""The unit of the amounts ("Đơn vị: triệu đồng", "Tr.đồng"), which is not the reporting unit."""
_EXPLICIT = re.compile(r"^don vi(?: bao cao| thuc hien| chu quan| gui)?\s*:\s*\S")
_TREASURY = (("kho", "bac", "nha", "nuoc"), ("kbnn",))


def find_reporting_unit(rows: Sequence[Sequence[object]], title: str | None) -> str | None:
    """The reporting unit named in the rows above a table: a "Đơn vị báo cáo:" line, else the
    issuing-unit lines ("UBND HUYỆN BẠCH THÔNG" → "Huyện Bạch Thông"), else a place the title
    names after huyện / xã / tỉnh / thành phố; None when there is none (the caller then uses
    the file's name). The national motto and the title's other words are never a unit."""
    lines = _top_lines(rows)
    named = (_explicit(text) for _, _, text in lines if _EXPLICIT.match(fold(text)))
    explicit = next((name for name in named if name), None)  # "Đơn vị: triệu đồng" names none
    return explicit or _issuer(lines) or (place_in(title) if title else None)


def _top_lines(rows: Sequence[Sequence[object]]) -> list[tuple[float, int, str]]:
    """(row, column, text) of each line of text above the table; a cell's second line of text
    is placed a hundredth of a row below its first."""
    found: list[tuple[float, int, str]] = []
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, str) and value:
                parts = _lines_of(value)
                found.extend((r + k / 100, c, part) for k, part in enumerate(parts))
    return [(r, c, t) for r, c, t in found if not is_motto(t)]


@lru_cache(maxsize=4096)
def _lines_of(value: str) -> tuple[str, ...]:
    """A cell's lines of text, cleaned (none for a blank cell)."""
    if not value.strip():
        return ()
    return tuple(clean(part) for part in value.splitlines() if part.strip())


@lru_cache(maxsize=4096)
def is_motto(text: str) -> bool:
    """The national motto lines above every form ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc"): never a unit, never the title."""
    return fold(text).lstrip("- ").startswith(_MOTTO)


def _explicit(text: str) -> str | None:
    """The unit a "Đơn vị báo cáo: UBND xã Cẩm Giàng" line names (not "Đơn vị: triệu đồng")."""
    value = text.split(":", 1)[1].strip(" .;")
    named = unit_name(value)
    if named or _MONEY.search(fold(value)) or not _has_letters(value):
        return named
    return _cased(value)


def _issuer(lines: list[tuple[float, int, str]]) -> str | None:
    """The first block of issuing-unit lines: an agency under its people's committee (UBND
    TỈNH … / SỞ NGOẠI VỤ) is the unit, a division (PHÒNG …) reports for its committee's place."""
    issuers = [(r, c, t) for r, c, t in lines if _head(t) is not None]
    for index, (row, col, text) in enumerate(issuers):
        name = unit_name(text)
        below = next(
            (t for r, c, t in issuers[index + 1 :] if 0 < r - row <= 2 and abs(c - col) <= 3),
            None,
        )
        if below is not None and _head(text) == "committee" and fold(below).split()[0] != "phong":
            name = unit_name(below) or name
        if name:
            return name
    return None


@lru_cache(maxsize=4096)
def _head(text: str) -> str | None:
    """'committee' (UBND …), 'agency' (SỞ, BAN, PHÒNG, KHO BẠC …) or None."""
    if len(text) > MAX_ISSUER_CHARS:
        return None
    words = fold(text).split()
    if any(_starts(words, head) for head in _PEOPLES_COMMITTEE):
        return "committee"
    first = text.split()[0].lower().strip(".:")
    if first in _NOT_AGENCY or (len(words) > 1 and words[1].startswith(("lieu", ":"))):
        return None
    if any(_starts(words, head) for head in _AGENCY_HEADS):
        return "agency"
    return None


def _starts(words: list[str], head: tuple[str, ...]) -> bool:
    return tuple(w.strip(".:,") for w in words[: len(head)]) == head


@lru_cache(maxsize=4096)
def unit_name(text: str) -> str | None:
    """A unit's name as Vietnamese writes it: 'UBND HUYỆN BẠCH THÔNG' → 'Huyện Bạch Thông',
    'SỞ NGOẠI VỤ' → 'Sở Ngoại vụ', 'KHO BẠC NHÀ NƯỚC BẠCH THÔNG' → 'Kho bạc Nhà nước Bạch
    Thông'; None when the text names no unit (a placeholder 'ỦY BAN NHÂN DÂN ……')."""
    words = clean(text).split()
    folded = [fold(w) for w in words]
    for head in _PEOPLES_COMMITTEE:
        if tuple(w.strip(".:,") for w in folded[: len(head)]) == head:
            return place_in(" ".join(words[len(head) :]), at_start=True)
    if _level_at(words, 0):
        return place_in(text, at_start=True)
    if _head(" ".join(words)) == "agency":
        return _agency(words)
    return None


def _agency(words: list[str]) -> str | None:
    """'BAN DÂN TỘC TỈNH BẮC KẠN' → 'Ban Dân tộc tỉnh Bắc Kạn' (text not in capitals is kept)."""
    words = _cut_title(words)
    text = " ".join(words)
    if not words or text != text.upper():
        return text or None
    folded = [fold(w).strip(".:,") for w in words]
    head = next(h for h in _AGENCY_HEADS if _starts(folded, h))
    treasury = head in _TREASURY  # "Nhà nước", and the place it serves after it
    out = [_capital(words[0]), *(w.lower() for w in words[1 : len(head)])]
    if treasury:
        kho, bac, nha, nuoc = [*words, "", "", ""][:4]  # "Kho bạc Nhà nước", or unaccented
        out = [_capital(kho), bac.lower(), _capital(nha), nuoc.lower()]
        out = ["KBNN"] if head == ("kbnn",) else out
    capital_next = not treasury  # the first word of the agency's field
    index = len(head)
    while index < len(words):
        level = _level_at(words, index)
        place = _place_words(words[index + len(level) :]) if level else []
        if level and place:
            out += [w.lower() for w in words[index : index + len(level)]]
            out += [_capital(w) for w in place]
            index += len(level) + len(place)
            continue
        word = words[index]
        out.append(_capital(word) if capital_next or treasury else word.lower())
        capital_next = folded[index] in {"-", "–", "va"}
        index += 1
    return " ".join(out)


def _cut_title(words: list[str]) -> list[str]:
    """The unit's words without a title run after a dash ('… - KẾT QUẢ GIẢI NGÂN …')."""
    for index, word in enumerate(words):
        after = fold(words[index + 1]) if index + 1 < len(words) else ""
        if word in {"-", "–", "—"} and after in {"bao", "ket", "bieu", "tinh", "tong", "danh"}:
            return words[:index]
    return words


def _level_at(words: list[str], index: int) -> tuple[str, ...] | None:
    """The level of government whose words start at `index`, or None."""
    for level in _LEVELS:
        found = words[index : index + len(level)]
        if len(found) == len(level) and all(map(_same_word, found, level)):
            return level
    return None


def _same_word(word: str, level_word: str) -> bool:
    bare = word.lower().strip(",;:()")
    return bare == level_word or (bare.isascii() and bare == fold(level_word))


@lru_cache(maxsize=4096)
def place_in(text: str, *, at_start: bool = False) -> str | None:
    """'Huyện Bạch Thông' from the first place a text names after huyện / xã / tỉnh / thành phố…
    ('… CỦA HUYỆN BẠCH THÔNG NĂM 2023'); never from 'xã hội' or 'các xã đặc biệt khó khăn'."""
    words = clean(text).split()
    folded = [fold(w).strip(",;:()") for w in words]
    starts = [0] if at_start else range(len(words))
    for index in starts:
        level = _level_at(words, index)
        if level is None or (index and folded[index - 1] in _BEFORE_NO_PLACE):
            continue
        place = _place_words(words[index + len(level) :])
        if place:
            shown = _LEVEL_NAMES.get(folded[index], " ".join(words[index : index + len(level)]))
            return " ".join([_capital(shown.lower()), *(_capital(w) for w in place)])
    return None


def _place_words(words: list[str]) -> list[str]:
    """The place's name at the start of `words`: up to four words, to punctuation or a stop."""
    place: list[str] = []
    for word in words[:4]:
        bare = word.strip(",;:()")
        folded = fold(bare)
        if not bare or (not _has_letters(bare) and not (bare.isdigit() and not place)):
            break
        if not place and folded in _NOT_A_PLACE:
            return []
        if place and (folded in _PLACE_STOPS or bare.isdigit()):
            break
        place.append(bare)
        if bare != word or bare.isdigit():  # punctuation ends the name (Phường 3 ends there)
            break
    return place


def _has_letters(text: str) -> bool:
    return any(ch.isalpha() for ch in text)


def _capital(word: str) -> str:
    return word[:1].upper() + word[1:].lower()


def _cased(text: str) -> str:
    """A name in capitals title-cased word by word; any other writing kept."""
    return " ".join(_capital(w) for w in text.split()) if text == text.upper() else text
