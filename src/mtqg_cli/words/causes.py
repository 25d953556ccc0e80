"""The words of a hint: what the likely cause of a mismatch is, in Vietnamese and English."""

from __future__ import annotations

from mtqg_cli.words.messages import unit_name
from mtqg_cli.words.numbers import ShownUnit, format_amount

HINT_WORDS: dict[str, dict[str, str]] = {
    "vi": {
        "transposed_digits": "Có lẽ hai chữ số của {cell} bị đảo: {before} → {after}",
        "omitted_line": "Có lẽ {cell} được cộng thiếu dòng {row} ({name}: {figure}); "
        "đúng ra là {after}",
        "double_counted": "Có lẽ {cell} cộng dòng {row} ({name}: {figure}) hai lần; "
        "đúng ra là {after}",
        "unit_slip": "Có lẽ {cell} được nhập theo {typed_unit} (lớn gấp {factor} lần): "
        "{before} → {after}",
        "sign_flip": "Có lẽ {cell} bị nhập sai dấu: {before} → {after}",
        "sign_flip_parent": "Có lẽ {cell} đã trừ dòng {row} ({name}: {figure}) thay vì cộng; "
        "đúng ra là {after}",
        "neighbour_row": "Có lẽ {cell} lấy vốn ĐTPT + vốn SN của dòng {row} ({figure}); "
        "đúng ra là {after}",
    },
    "en": {
        "transposed_digits": "Two digits of {cell} were probably swapped: {before} → {after}",
        "omitted_line": "{cell} probably leaves out row {row} ({name}: {figure}); "
        "it should be {after}",
        "double_counted": "{cell} probably counts row {row} ({name}: {figure}) twice; "
        "it should be {after}",
        "unit_slip": "{cell} was probably typed in {typed_unit} ({factor} times too large): "
        "{before} → {after}",
        "sign_flip": "{cell} probably has the wrong sign: {before} → {after}",
        "sign_flip_parent": "{cell} probably subtracts row {row} ({name}: {figure}) instead of "
        "adding it; it should be {after}",
        "neighbour_row": "{cell} probably holds investment + recurrent of row {row} ({figure}); "
        "it should be {after}",
    },
}
SMALLER_UNIT = {"vi": "đơn vị nhỏ hơn", "en": "a smaller unit"}
NAME_LIMIT = 40


def hint_message(
    wording: str,
    lang: str,
    unit: ShownUnit,
    *,
    cell: str,
    before: int,
    after: int,
    row: int | None = None,
    name: str = "",
    figure: int | None = None,
    factor: int = 0,
    typed_unit: str | None = None,
) -> str:
    """The hint's sentence: `wording` is a key of HINT_WORDS, figures are in đồng and shown in
    the sheet's unit as the form shows them; `typed_unit` is the unit `factor` times smaller
    than the sheet's (None when there is none)."""
    words = HINT_WORDS["en" if lang == "en" else "vi"]
    return words[wording].format(
        cell=cell,
        before=format_amount(before, unit, lang),
        after=format_amount(after, unit, lang),
        row=row,
        name=_short(name),
        figure=format_amount(figure, unit, lang),
        factor=_grouped(factor, lang),
        typed_unit=_typed_unit(typed_unit, factor, lang),
    )


def _short(name: str) -> str:
    return name if len(name) <= NAME_LIMIT else name[: NAME_LIMIT - 1].rstrip() + "…"


def _grouped(value: int, lang: str) -> str:
    return f"{value:,}".replace(",", "," if lang == "en" else ".")


def _typed_unit(typed_unit: str | None, factor: int, lang: str) -> str:
    if not factor:
        return ""
    if typed_unit is not None:
        return unit_name(typed_unit, lang)
    return SMALLER_UNIT["en" if lang == "en" else "vi"]
