"""A cell reference with more column letters than Excel allows is refused before loading."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_bad_inputs import num_cell, sheet, write_xlsx
from mtqg_cli.errors import InputError
from mtqg_cli.limits import DEFAULT_LIMITS, check_before_loading


@pytest.mark.parametrize("ref", ["AAAAA1", "ZZZZZZZZZZ7"])
def test_column_letters_beyond_excel_are_refused(tmp_path: Path, ref: str) -> None:
    row = int("".join(ch for ch in ref if ch.isdigit()))
    rows = [f'<row r="{row}">'.encode() + num_cell(ref, "1") + b"</row>"]
    path = write_xlsx(tmp_path / "many-letters.xlsx", [("S", lambda: sheet(rows))])
    with pytest.raises(InputError) as raised:
        check_before_loading(path, DEFAULT_LIMITS)
    assert "column" in raised.value.key or "cells" in raised.value.key


def test_an_ordinary_reference_passes(tmp_path: Path) -> None:
    rows = [b'<row r="3">' + num_cell("C3", "1") + b"</row>"]
    path = write_xlsx(tmp_path / "ok.xlsx", [("S", lambda: sheet(rows))])
    check_before_loading(path, DEFAULT_LIMITS)
