"""Every dimension of shape a generated form varies along, and which values the default test draws.

`SPACE` is the whole space (`make soak` draws from it); `SUPPORTED` is the part the default test
(`tests/test_forms.py`) draws from: what mtqg reads right today, the whole space but the values
listed in `OUTSIDE`. Take a value out of `OUTSIDE` as its reading is fixed; never put one in to
make a failure pass.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

SPACE: dict[str, tuple[str, ...]] = {
    # how the file is stored
    "file_type": ("xlsx", "csv", "xlsx_tcvn3", "xlsx_vni", "csv_tcvn3", "csv_vni", "xls", "ods"),
    # the header of the table
    "header_depth": ("1", "2", "3"),
    "column_numbers": ("none", "plain", "with_formula", "ints", "letters"),
    "column_order": (
        "standard",
        "types_first",
        "reason_before_rates",
        "disbursed_before_allocated",
    ),
    "extra_columns": ("none", "spacer", "sources", "note", "old_hidden", "estimate"),
    "repeated_header": ("none", "print_titles", "copied_rows"),
    "table_offset": ("none", "shifted"),
    # the lines of the table
    "total_position": ("first", "last", "none"),
    "total_stt": ("none", "A", "I", "3"),
    "stt_style": ("numeric", "roman", "letters", "dashes", "skip_level", "none"),
    "capital": ("columns", "total_only", "breakdown_rows", "sections", "sheets", "stacked"),
    "carried_over": ("no", "yes"),
    "allocation": ("no", "yes"),
    "rates": ("none", "total", "per_type"),
    "rate_base": ("with_carried", "plan_only"),  # what the rates divide by
    "depth": ("projects", "subprojects", "contents"),
    # the unit of the amounts and where it is said
    "unit": ("trieu", "nghin", "dong", "ty"),
    "unit_line": ("above_right", "above_left", "under_title", "in_header", "none"),
    "issuer": ("huyen", "xa", "so", "ban_dan_toc", "none"),
    "unit_name_checked": ("no", "yes"),  # whether the reporting unit's name is asserted
    # how the cells are written
    "numbers": ("numbers", "vi_text", "en_text", "spaced_text", "mixed"),
    "zeros": ("zero", "dash", "blank"),
    "rate_format": ("percent", "excel_percent", "text", "mixed"),
    "diacritics": ("nfc", "nfd", "none"),
    "names": ("full", "short", "abbreviated", "misspelt_tieu", "numbered"),
    "list_style": ("tree", "flat_compound"),
    "formulas": ("none", "saved", "unsaved"),
    # the Excel habits around the table
    "footer": ("none", "signatures", "notes_and_signatures"),
    "prose_sheet": ("none", "before", "after"),
    "hidden_rows": ("none", "some"),
    "merged_cells": ("header_only", "title_and_unit", "name_across"),
    "of_which_rows": ("none", "some"),
    # a consolidated form of several units: a section per unit under the total, a sheet each
    # (with or without a summary sheet before them), see tests/forms/units.py
    "units": ("one", "sections", "sheets", "sheets_summary"),
}
"""Every dimension and its values: the space `make soak` draws from."""

OUTSIDE: dict[str, tuple[str, ...]] = {
    # .xls and .ods pass in the soak but need LibreOffice (~0.7 s a file): soak only
    "file_type": ("xls", "ods"),
    "unit_name_checked": ("yes",),
}
"""The values of `SPACE` the default test leaves to the soak, and why."""

SUPPORTED: dict[str, tuple[str, ...]] = {
    dimension: tuple(v for v in values if v not in OUTSIDE.get(dimension, ()))
    for dimension, values in SPACE.items()
}
"""The values the default test draws: what mtqg reads right on this branch today."""

PLANTS: dict[str, tuple[str, ...]] = {
    "space": (
        "SUM_MISMATCH", "TOTAL_MISMATCH", "RATE_MISMATCH", "OVER_DISBURSED",
        "UNALLOCATED_MISMATCH", "UNALLOCATED_NO_REASON", "UNIT_SUSPECT", "NEGATIVE_AMOUNT",
        "UNKNOWN_PROJECT", "FORMULA_RANGE",
    ),
    "supported": (
        "SUM_MISMATCH", "TOTAL_MISMATCH", "RATE_MISMATCH", "OVER_DISBURSED",
        "UNALLOCATED_MISMATCH", "UNALLOCATED_NO_REASON", "UNIT_SUSPECT", "NEGATIVE_AMOUNT",
        "UNKNOWN_PROJECT", "FORMULA_RANGE",
    ),
}  # fmt: skip
"""Rules the generator may plant: all of them for soak, those found today for the default test."""


@dataclass(frozen=True)
class Shape:
    """One point of the space: a value for every dimension, and the rules that may be planted."""

    values: tuple[tuple[str, str], ...]
    plants: tuple[str, ...]

    def __getitem__(self, dimension: str) -> str:
        return dict(self.values)[dimension]

    def as_dict(self) -> dict[str, str]:
        return dict(self.values)


def draw_shape(
    rng: random.Random, supported_only: bool, overrides: dict[str, str] | None = None
) -> Shape:
    """A shape drawn uniformly, value by value, then made coherent (see `coherent`)."""
    space = SUPPORTED if supported_only else SPACE
    values = {name: rng.choice(choices) for name, choices in space.items()}
    values.update(overrides or {})
    plants = PLANTS["supported" if supported_only else "space"]
    return Shape(tuple(sorted(coherent(values).items())), plants)


def coherent(values: dict[str, str]) -> dict[str, str]:
    """Drop combinations no real form has (each rule here says which and why)."""
    fixed = dict(values)
    if fixed["unit_line"] == "none":
        fixed["unit"] = "trieu"  # a form with no unit line is read as triệu đồng, by contract
    if fixed["capital"] in ("total_only", "sections", "sheets", "stacked", "breakdown_rows"):
        if fixed["rates"] == "per_type":
            fixed["rates"] = "total"  # one set of amount columns: one rate column
        if fixed["column_order"] == "types_first":
            fixed["column_order"] = "standard"
    if fixed["capital"] != "columns" and fixed["header_depth"] == "3":
        fixed["header_depth"] = "2"  # one column per group: nothing to put in a third row
    if fixed["capital"] == "breakdown_rows":
        fixed["of_which_rows"] = "none"  # the breakdown rows are the "of which" of each line
    if fixed["carried_over"] == "no" or fixed["rates"] == "none":
        fixed["rate_base"] = "with_carried"  # the same rates either way
    if fixed["formulas"] != "none":
        fixed["numbers"] = "numbers"  # SUM skips numbers stored as text: no clerk mixes them
    if fixed["capital"] == "sections" and fixed["total_stt"] == "A":
        fixed["total_stt"] = "none"  # the sections are A and B
    if fixed["file_type"].startswith("csv"):
        fixed["formulas"] = "none"  # a CSV keeps values only
        fixed["rate_format"] = (
            "text" if fixed["rate_format"] == "excel_percent" else fixed["rate_format"]
        )
        fixed["hidden_rows"] = "none"
        fixed["prose_sheet"] = "none"  # one sheet per CSV
        if fixed["capital"] == "sheets":
            fixed["capital"] = "stacked"
        fixed["merged_cells"] = "header_only"
        if fixed["extra_columns"] == "old_hidden":
            fixed["extra_columns"] = "none"  # a CSV has no hidden columns
        fixed["repeated_header"] = (
            "none" if fixed["repeated_header"] == "print_titles" else fixed["repeated_header"]
        )
    if fixed["file_type"] in ("xls", "ods") and fixed["formulas"] == "unsaved":
        fixed["formulas"] = "saved"  # LibreOffice computes every formula when it converts
    if fixed["list_style"] == "flat_compound":
        fixed["total_position"] = (
            "first" if fixed["total_position"] == "none" else fixed["total_position"]
        )
    from forms.units import coherent_units

    coherent_units(fixed)
    return fixed
