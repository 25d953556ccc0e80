"""The language a person reads: every table of words is keyed by it, Vietnamese by default."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

T = TypeVar("T")


def for_language(table: Mapping[str, T], lang: str) -> T:
    """The entry of `table` for `lang`; the Vietnamese one for a language it does not have."""
    return table.get(lang, table["vi"])
