"""The fast paths of layout.py (compiled word alternations, remembered answers) answer as the
plain word-list loops they replaced (hypothesis, on texts built of the words themselves)."""

from __future__ import annotations

import re
from collections.abc import Callable

from hypothesis import given, settings
from hypothesis import strategies as st

from mtqg_cli.form import header_fields, layout, unit_title
from mtqg_cli.form.cell_numbers import parse_number
from mtqg_cli.form.header_fields import field_of
from mtqg_cli.form.layout import is_figure
from mtqg_cli.form.unit_title import unit_from_text
from mtqg_cli.model.text import clean, clean_fold, fold
from mtqg_cli.model.vocabulary import Unit

_WORDS = sorted(
    {
        *(w.strip() for _, words in header_fields._GROUP_WORDS for w in words),
        *header_fields._IGNORED_WORDS,
        *layout._HEADER_HINTS,
        *header_fields.STT_LABELS,
        *header_fields._NAME_WORDS,
        *(w for w, _ in unit_title._UNIT_WORDS),
        "trong do",
        "uoc",
        "ten don vi",
        "tong so",
        "von dtpt",
        "su nghiep",
        "don vi tinh:",
        "dvt",
        "(%)",
        "%",
        "kh",
        "(",
        ")",
        "-",
        ":",
        "1.000",
        "2023",
        "tr.d",
    }
)
_PIECES = st.one_of(st.sampled_from(_WORDS), st.text("abdhkgnortuvy .:(%)-|", max_size=6))
_LABEL_PARTS = st.lists(
    st.lists(_PIECES, min_size=1, max_size=4).map(" ".join), min_size=1, max_size=3
)
_LABELS = _LABEL_PARTS.map(lambda parts: " | ".join(p.strip() for p in parts if p.strip()))


def _plain_field_of(label: str) -> str | None:
    """field_of as it was written first: loops over the word lists."""
    parts = label.split(" | ")
    whole = label.replace(" | ", " ")
    if parts[0] in header_fields.STT_LABELS or whole in header_fields.STT_LABELS:
        return "stt"
    if len(parts) == 1 and (
        parts[0].startswith(header_fields._NAME_WORDS)
        or re.search(r"\b(noi dung|ten du an|ten don vi)\b", whole)
    ):
        return "name"
    if any(
        w in f" {part} " for part in parts[1:] for w in header_fields._IGNORED_WORDS
    ) or re.search(r"\buoc\b", whole):
        return None
    if header_fields._OF_WHICH_SOURCE.search(whole):
        return None
    for group, words in header_fields._GROUP_WORDS:
        if any(w in f"{whole} " for w in words):
            return group if group == "reason" else f"{group}.{header_fields._kind_of(parts)}"
    return None


@settings(max_examples=400)
@given(_LABELS)
def test_field_of_answers_as_the_word_loops(label: str) -> None:
    assert field_of(label) == _plain_field_of(label)


def _plain_is_header_texts(texts: list[str]) -> bool:
    has_anchor = any(
        t in header_fields.STT_LABELS
        or t.startswith(("noi dung", "ten du an", "chi tieu", "danh muc"))
        for t in texts
    )
    hints = sum(1 for t in texts if t and any(h in t for h in layout._HEADER_HINTS))
    return has_anchor and hints >= 2


@settings(max_examples=400)
@given(st.lists(st.one_of(st.just(""), _LABELS), max_size=8))
def test_header_test_answers_as_the_word_loops(texts: list[str]) -> None:
    assert layout._is_header_texts(texts) == _plain_is_header_texts(texts)


def _plain_unit_from_text(text: str, *, need_prefix: bool) -> Unit | None:
    folded = fold(clean(text))
    if need_prefix:
        match = unit_title._UNIT_LINE.search(folded)
        if not match:
            return None
        stated = match.group(2)
        return next((u for words, u in unit_title._UNIT_AFTER_LABEL if words.match(stated)), None)
    if "(" not in folded:
        return None
    for words, unit in unit_title._UNIT_WORDS:
        if re.search(rf"(^|[\s(:]){re.escape(words)}($|[\s).,;])", folded):
            return unit
    return None


_UNIT_TEXTS = st.lists(
    st.one_of(
        _PIECES,
        st.sampled_from(["Đơn vị tính", "ĐVT", "Triệu đồng", "đồng", "VNĐ", "Tỷ", "nghìn"]),
    ),
    max_size=5,
).map(" ".join)


@settings(max_examples=400)
@given(_UNIT_TEXTS, st.booleans())
def test_unit_from_text_answers_as_before(text: str, need_prefix: bool) -> None:
    expected = _plain_unit_from_text(text, need_prefix=need_prefix)
    assert unit_from_text(text, need_prefix=need_prefix) == expected


def _plain_is_figure(value: object) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float):
        return True
    if not isinstance(value, str):
        return False
    text = clean(value)
    if text in ("-", "–", "—"):
        return True
    if not any(ch.isdigit() for ch in text) or layout._COLUMN_NUMBER.match(fold(text)):
        return False
    read = parse_number(text)
    return read.value is not None and read.issue in (None, "english_style")


_CELLS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=True),
    st.text("0123456789.,- ()–x\n", max_size=12),
    st.text(max_size=6),
)


@settings(max_examples=600)
@given(_CELLS)
def test_is_figure_answers_as_before(value: object) -> None:
    assert is_figure(value) == _plain_is_figure(value)


@given(st.text(max_size=12))
def test_clean_fold_is_fold_of_clean(text: str) -> None:
    assert clean_fold(text) == fold(clean(text))


def _plain_is_column_numbers(row: list[object]) -> bool:
    cells = [clean(v) for v in row if clean(v)]
    if len(cells) < 3:
        return False
    numbered = sum(1 for c in cells if layout._COLUMN_NUMBER.match(fold(c)))
    in_order = [int(c) for c in cells if c.isdigit()]
    if in_order != sorted(set(in_order)):
        return False
    words = [c for c in cells if not layout._COLUMN_NUMBER.match(fold(c)) and "=" not in c]
    if any(len(c) > 3 for c in words):
        return False
    return numbered >= max(3, int(len(cells) * 0.8)) and all(len(c) <= 24 for c in cells)


_NUMBER_CELLS = st.one_of(
    _CELLS,
    st.integers(0, 20),
    st.sampled_from(["(1)", "(2)", "3", "(4)=(5)+(6)", "a", "B", "(c)", "x", "=", "", " "]),
)


@settings(max_examples=600)
@given(st.lists(_NUMBER_CELLS, max_size=9))
def test_column_numbers_answer_as_before(row: list[object]) -> None:
    assert _outcome(layout._is_column_numbers, row) == _outcome(_plain_is_column_numbers, row)


def test_column_numbers_fail_as_before_on_a_digit_int_cannot_read() -> None:
    row: list[object] = ["(1)", "²", "(3)", "(4)"]
    assert _outcome(layout._is_column_numbers, row) == ("raised", "ValueError")


def _outcome(test: Callable[[list[object]], bool], row: list[object]) -> object:
    """The answer, or the error raised ("²".isdigit() holds, int("²") fails)."""
    try:
        return test(row)
    except ValueError as error:
        return ("raised", type(error).__name__)
