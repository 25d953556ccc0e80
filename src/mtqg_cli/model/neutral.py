"""Text from inputs made safe for every medium: control, escape and direction characters shown as
escapes, bytes of a file name that are not UTF-8 shown as \\xNN.

A cell, a sheet name, the issuer line or a file name can carry ESC sequences (a terminal would
change its title, clear the screen or show a link), C0 characters (XML 1.0 forbids them: a JUnit
report or an xlsx comments part would no longer open), CR (a Markdown table row would split)
or lone surrogates (a name that is not UTF-8: no report could be encoded). They are replaced
once, in each file's report, before any output is made of it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pydantic import BaseModel

UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff\ud800-\udfff]"
)
"""C0 controls but tab and line feed, DEL, C1 controls, line and paragraph separators,
bidirectional overrides and isolates, the two non-characters XML forbids, and surrogates."""


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a file name that is not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """The text with every unsafe character written as an escape (`\\x1b`, `\\u202e`)."""
    return UNSAFE.sub(_escape, text) if UNSAFE.search(text) else text


def any_unsafe(texts: Iterable[str]) -> bool:
    """Whether any of the texts holds an unsafe character: one search over them joined (a sheet's
    hundreds of thousands of cells cost one pass in C, not a call each)."""
    return UNSAFE.search("\n".join(texts)) is not None


def neutralise(model: BaseModel) -> None:
    """Replace, in place, every unsafe character of the model's text, nested models included."""
    for name, value in vars(model).items():
        if type(value) is str:
            if UNSAFE.search(value):
                setattr(model, name, visible(value))
        elif isinstance(value, BaseModel):
            neutralise(value)
        elif isinstance(value, list) and value:
            _neutralise_list(model, name, value)


def _neutralise_list(model: BaseModel, name: str, values: list[object]) -> None:
    first = values[0]
    if isinstance(first, BaseModel):
        for item in values:
            if isinstance(item, BaseModel):
                neutralise(item)
    elif isinstance(first, str):
        setattr(model, name, [visible(v) if isinstance(v, str) else v for v in values])
