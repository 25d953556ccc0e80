"""Text normalisation for matching, and the programme's catalog of projects."""

from __future__ import annotations

import re
import sys
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mtqg_cli.form.catalog import load_catalog
from mtqg_cli.model.text import clean, column_letter, fold, words

PHRASES = [
    ("Kế hoạch vốn năm 2023", "ke hoach von nam 2023"),
    ("Tiểu dự án 1", "tieu du an 1"),
    ("Vốn ĐTPT", "von dtpt"),
    ("ĐƠN VỊ TÍNH: TRIỆU ĐỒNG", "don vi tinh: trieu dong"),
    ("Giải ngân đến 30/6/2023", "giai ngan den 30/6/2023"),
    ("Lũy kế  giải   ngân", "luy ke giai ngan"),
    ("Hỗ trợ nhà ở", "ho tro nha o"),
]


# --------------------------------------------------------------------------- text
@pytest.mark.parametrize(("text", "ascii_form"), PHRASES)
def test_fold_nfc_and_nfd_agree(text: str, ascii_form: str) -> None:
    nfc = unicodedata.normalize("NFC", text)
    nfd = unicodedata.normalize("NFD", text)
    assert nfc != nfd or text.isascii()
    assert fold(nfc) == fold(nfd) == ascii_form
    assert fold(nfd).isascii()


def test_clean_collapses_line_breaks_and_spaces() -> None:
    assert clean("Kế hoạch vốn\nnăm 2023\r\n  (trđ)\t") == "Kế hoạch vốn năm 2023 (trđ)"


def test_clean_gives_nfc() -> None:
    nfd = unicodedata.normalize("NFD", "Dự án 8")
    assert clean(nfd) == unicodedata.normalize("NFC", "Dự án 8")


@pytest.mark.parametrize(("value", "text"), [(None, ""), (3.0, "3"), (3.5, "3.5"), (7, "7")])
def test_clean_of_non_text(value: object, text: str) -> None:
    assert clean(value) == text


def test_words_are_folded_tokens() -> None:
    assert words("Dự án 5: Phát triển giáo dục") == [
        "du",
        "an",
        "5",
        "phat",
        "trien",
        "giao",
        "duc",
    ]


@pytest.mark.parametrize(
    ("index", "letters"),
    [(0, "A"), (1, "B"), (25, "Z"), (26, "AA"), (27, "AB"), (701, "ZZ"), (702, "AAA")],
)
def test_column_letter(index: int, letters: str) -> None:
    assert column_letter(index) == letters


# --------------------------------------------------------------------------- catalog
@pytest.mark.parametrize("number", range(1, 11))
def test_catalog_has_the_ten_projects(number: int) -> None:
    item = load_catalog().get(f"DA{number}")
    assert item is not None
    assert item.parent_code is None


@pytest.mark.parametrize(
    "code",
    ["DA3.TDA1", "DA3.TDA2", "DA4.TDA1", "DA4.TDA2", "DA5.TDA1", "DA5.TDA2", "DA5.TDA3",
     "DA5.TDA4", "DA9.TDA1", "DA9.TDA2", "DA10.TDA1", "DA10.TDA2", "DA10.TDA3", "DA1.ND1",
     "DA1.ND2", "DA1.ND3", "DA1.ND4", "DA7.ND3", "DA8.ND4"],
)  # fmt: skip
def test_catalog_has_domain_codes(code: str) -> None:
    item = load_catalog().get(code)
    assert item is not None
    assert load_catalog().get(item.parent_code or "") is not None


@pytest.mark.parametrize("code", ["DA11", "DA0", "DA3.TDA3", "DA5.TDA5", "DA2.TDA1", "DA1.ND5"])
def test_catalog_lacks_what_the_programme_does_not_have(code: str) -> None:
    assert load_catalog().get(code) is None


def test_catalog_projects_and_children() -> None:
    catalog = load_catalog()
    assert [item.code for item in catalog.projects()] == [f"DA{n}" for n in range(1, 11)]
    assert [item.code for item in catalog.children("DA5")] == [
        "DA5.TDA1", "DA5.TDA2", "DA5.TDA3", "DA5.TDA4"
    ]  # fmt: skip
    assert catalog.get("DA5.TDA3").parent_code == "DA5"  # type: ignore[union-attr]


def test_children_of_every_code_are_the_items_naming_it_as_parent_in_order() -> None:
    catalog = load_catalog()
    for code in [None, *catalog.items, "DA99"]:
        expected = [item for item in catalog.items.values() if item.parent_code == code]
        found = catalog.projects() if code is None else catalog.children(code)
        assert found == expected
    catalog.children("DA1").clear()  # a caller's list is its own: the index is untouched
    assert [c.code for c in catalog.children("DA1")][:2] == ["DA1.ND1", "DA1.ND2"]


@pytest.mark.parametrize(
    ("parent", "name", "code"),
    [
        ("DA1", "Hỗ trợ nhà ở", "DA1.ND2"),
        ("DA1", unicodedata.normalize("NFD", "Hỗ trợ nhà ở"), "DA1.ND2"),
        ("DA1", "HỖ TRỢ ĐẤT Ở", "DA1.ND1"),
        ("DA1", "Ho tro nha o", "DA1.ND2"),  # typed without diacritics
        ("DA1", "Hỗ trợ nước sinh hoạt phân tán", "DA1.ND4"),
        ("DA1", "Chuyển đổi nghề", "DA1.ND3"),
        ("DA3.TDA2", "Vùng trồng dược liệu quý", "DA3.TDA2.ND2"),
        ("DA4.TDA1", "Đầu tư xây dựng, cải tạo chợ", "DA4.TDA1.ND2"),
        ("DA1", "Hỗ trợ đất ở và nhà ở", None),  # two contents: no guess
        ("DA1", "Chi khác", None),
        ("DA6", "Hỗ trợ nhà ở", None),  # DA6 has no contents
    ],
)
def test_match_keywords(parent: str, name: str, code: str | None) -> None:
    assert load_catalog().match_keywords(parent, name) == code


def test_match_keywords_respects_diacritics() -> None:
    # "chợ" (market) is DA4.TDA1.ND2's keyword; "cho" (for) is one of the commonest words.
    name = "Duy tu, bảo dưỡng công trình cho các xã"
    assert load_catalog().match_keywords("DA4.TDA1", name) is None


def _plain_fold(value: str) -> str:
    """fold as first written: every character's category looked up."""
    text = unicodedata.normalize("NFD", value.lower())
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    text = text.replace("đ", "d").replace("ð", "d")
    return re.sub(r"\s+", " ", text).strip()


_VIETNAMESE = "ăâđêôơưàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ"


@settings(max_examples=500)
@given(st.text(_VIETNAMESE + _VIETNAMESE.upper() + "ab Z\u0301\u0323\u0483\u05b0ð\n\t") | st.text())
def test_fold_answers_as_the_category_loop(text: str) -> None:
    assert fold.__wrapped__(text) == _plain_fold(text)


def _plain_clean(value: str) -> str:
    """clean of a text as first written: a regex over runs of whitespace."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", value)).strip()


@settings(max_examples=500)
@given(st.text(" \t\n\r\x0b\x0c\x1c\x85\xa0\u2028\u3000ab\u0301ế") | st.text())
def test_clean_collapses_whitespace_as_the_regex(text: str) -> None:
    assert clean(text) == _plain_clean(text)


def test_whitespace_is_the_same_to_the_regex_and_to_split() -> None:
    space = re.compile(r"\s")
    assert all(bool(space.match(chr(c))) == chr(c).isspace() for c in range(sys.maxunicode + 1))
