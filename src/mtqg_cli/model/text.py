"""Text normalisation for matching Vietnamese words: NFC, case, diacritics, whitespace."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_LATIN_MARKS = re.compile("[\u0300-\u036f]")
"""The combining marks below U+0370: every character of that range is one (category Mn)."""
_BEYOND_LATIN = re.compile("[^\x00-\u036f]")
"""A character from U+0370 on, where other scripts' marks (category Mn) lie."""
_WORD = re.compile(r"[a-z0-9]+")


def clean(value: object) -> str:
    """A cell's text in NFC with runs of whitespace (line breaks included) collapsed."""
    if type(value) is str:  # the usual cell, tested first ("" cleans to "")
        return _clean_text(value)
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        return _clean_text(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return _clean_text(str(value))


@lru_cache(maxsize=65536)
def _clean_text(text: str) -> str:
    # " ".join(text.split()) collapses runs of whitespace as re.sub(r"\s+", " ", …).strip()
    # does: str.split and \s know the same whitespace (test_text_catalog), split is faster.
    return " ".join(unicodedata.normalize("NFC", text).split())


@lru_cache(maxsize=16384)
def clean_fold(text: str) -> str:
    """`fold(clean(text))` of a cell's text, remembered: layout passes read each cell again."""
    return fold(_clean_text(text))


@lru_cache(maxsize=65536)
def fold(value: str) -> str:
    """Lower-case ASCII form for matching: no diacritics, đ→d, single spaces."""
    text = unicodedata.normalize("NFD", value.lower())
    if not text.isascii():  # ASCII holds no marks to drop
        text = _LATIN_MARKS.sub("", text)  # a Latin letter's marks: all of them
        if _BEYOND_LATIN.search(text):  # another script's marks, looked up one by one
            text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    text = text.replace("đ", "d").replace("ð", "d")
    return " ".join(text.split())


def words(value: str) -> list[str]:
    """The folded word tokens of a text (letters and digits only)."""
    return _WORD.findall(fold(value))


@lru_cache(maxsize=1024, typed=True)  # an int only: a float index fails as before
def column_letter(index: int) -> str:
    """0-based column index → Excel letters (0 → A, 27 → AB)."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters
