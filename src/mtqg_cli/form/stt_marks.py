"""STT marks and line kinds: the style and rank a mark gives a line, and what its words add."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from mtqg_cli.form.line_codes import name_body
from mtqg_cli.form.name_codes import written_code
from mtqg_cli.model.text import fold

_ROMAN = re.compile(r"^(?=[ivxlcdm]+$)m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")
_TOTAL_NAMES = re.compile(
    r"^(tong cong|tong so|tong|cong|toan (tinh|huyen|xa))"
    r"(\s+(chung|toan \w+( \w+)?|cac (du an|xa|huyen|don vi)))?\s*(\(.*\))?$"
)
_CAPITAL_SECTION = re.compile(
    r"\b(von dau tu|von dtpt|von su nghiep|von sn|nguon von|ngan sach|nstw|nsdp|dau tu phat trien)"
)
RANK_TOTAL = 0
RANK_NONE = 99
RANK_UNIT = 2
"""The rank of a unit's section head ("Xã Vi Hương" read as a unit, as under a mark "I")."""


@dataclass(frozen=True)
class SttStyle:
    """The style of an STT mark and the depth it usually stands for."""

    style: str  # upper | roman | integer | dotted | lower | dash | plus | star | none
    rank: int


_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}


def roman_value(mark: str) -> int:
    """The number a roman numeral stands for ('XLIX' → 49)."""
    values = [_ROMAN_VALUES[ch] for ch in mark.lower()]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def stt_style(stt: str, previous_roman: int = 0) -> SttStyle:
    """Classify an STT cell: 'A' upper, 'II' roman, '1' integer, '1.2' dotted, 'a' lower, '-'…

    A lone L, C, D or M is a letter, unless it follows the roman numeral just before it
    (L after XLIX): `previous_roman` is the value of the last roman numeral seen."""
    if previous_roman:  # a lone L, C, D or M can only follow a roman numeral (and 0 is none)
        mark = stt_mark(stt)
        if mark in ("L", "C", "D", "M") and previous_roman == roman_value(mark) - 1:
            return SttStyle("roman", 2)
    return style_of_stt(stt)


@lru_cache(maxsize=4096)
def style_of_stt(stt: str) -> SttStyle:
    """`style_of_mark` of the STT's mark, in one cached call per line."""
    return style_of_mark(stt_mark(stt))


@lru_cache(maxsize=4096)
def stt_mark(stt: str) -> str:
    return stt.strip().strip("().:[] ")


@lru_cache(maxsize=4096)
def style_of_mark(mark: str) -> SttStyle:
    """The style of a bare mark, whatever came before it (a sheet repeats a few marks)."""
    if not mark:
        return SttStyle("none", RANK_NONE)
    if mark[0] in "-–—•":
        return SttStyle("dash", 7)
    if mark[0] == "+":
        return SttStyle("plus", 8)
    if mark[0] == "*":
        return SttStyle("star", 9)
    if re.fullmatch(r"\d+", mark):
        return SttStyle("integer", 3)
    if re.fullmatch(r"\d+(\.\d+)+\.?", mark):
        return SttStyle("dotted", 3 + mark.rstrip(".").count("."))
    if _ROMAN.match(mark.lower()) and mark.isupper() and (len(mark) > 1 or mark in "IVX"):
        return SttStyle("roman", 2)
    if re.fullmatch(r"[A-Z]", mark):
        return SttStyle("upper", 1)
    if re.fullmatch(r"[a-zđ]", mark):
        return SttStyle("lower", 6)
    return SttStyle("none", RANK_NONE)


@lru_cache(maxsize=16384)
def is_total_name(name: str) -> bool:
    """Whether a line's name marks the grand total ('TỔNG CỘNG', 'Tổng số', 'Cộng'): asked of
    every line, kept per name (a province's sheet names the same lines in every commune)."""
    folded = fold(name).strip(" :.")
    return bool(_TOTAL_NAMES.match(folded))


_RANK_OF_KIND = {"project": 3, "subproject": 4, "content": 5}


@lru_cache(maxsize=16384)
def kind_and_rank(name: str, style: str, style_rank: int) -> tuple[str | None, int]:
    """The kind a line's words and STT style give it (None: left as it is), and its rank.

    The style comes as its two fields: a cache key of plain str and int hashes in C, where an
    `SttStyle` would call its dataclass `__hash__` on every line."""
    body = name_body(name)
    if body.startswith("trong do"):
        return "breakdown", RANK_NONE
    written = written_code(body)
    if written is not None:
        return written.kind, _RANK_OF_KIND[written.kind]
    if style in ("upper", "roman"):
        return ("section" if _CAPITAL_SECTION.search(body) else "unit"), style_rank
    return None, style_rank
