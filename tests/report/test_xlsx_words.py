"""The meeting workbook's words: Vietnamese and English say the same things in the same places."""

from __future__ import annotations

import string

import pytest

from mtqg_cli.words.xlsx import XLSX_WORDS


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_both_languages_have_the_same_words() -> None:
    assert set(XLSX_WORDS) == {"vi", "en"}
    assert XLSX_WORDS["vi"].keys() == XLSX_WORDS["en"].keys()


@pytest.mark.parametrize("key", sorted(XLSX_WORDS["vi"]))
def test_each_list_has_as_many_items_and_the_same_placeholders(key: str) -> None:
    vi, en = XLSX_WORDS["vi"][key], XLSX_WORDS["en"][key]
    assert len(vi.split("|")) == len(en.split("|"))
    assert _fields(vi) == _fields(en)
    assert all(item.strip() for item in vi.split("|") + en.split("|"))


def test_one_name_and_one_title_per_sheet() -> None:
    for words in XLSX_WORDS.values():
        names = words["sheets"].split("|")
        assert len(names) == len(words["titles"].split("|")) == 5
        assert all(len(name) <= 31 and not set(name) & set("[]:*?/\\") for name in names)
