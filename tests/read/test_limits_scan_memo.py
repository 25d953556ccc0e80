"""A part of a template scanned once answers the same for the next file, kept bytes and all."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from build_bad_inputs import num_cell, sheet, write_xlsx
from mtqg_cli.model.errors import InputError
from mtqg_cli.read import limits as limits_module
from mtqg_cli.read.limits import DEFAULT_LIMITS, Limits, open_within_limits


def _form(path: Path, last_row: int) -> Path:
    rows = [f'<row r="{r}">'.encode() + num_cell(f"A{r}", "1") + b"</row>" for r in (1, last_row)]
    path = write_xlsx(path, [("S", lambda: sheet(rows))])
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "xl/theme/theme1.xml", b'<a:theme xmlns:a="t">' + b"<a:x/>" * 400 + b"</a:theme>"
        )
    return path


def test_a_shared_part_is_scanned_once_and_kept_for_each_file(tmp_path: Path) -> None:
    limits_module._KNOWN_SCANS.clear()
    kept = []
    for name in ("a.xlsx", "b.xlsx"):
        archive = open_within_limits(_form(tmp_path / name, 5), DEFAULT_LIMITS)
        assert archive is not None
        with archive:
            kept.append(archive.kept["xl/theme/theme1.xml"])
            assert archive.read("xl/theme/theme1.xml") == kept[-1]
        if name == "a.xlsx":
            remembered = len(limits_module._KNOWN_SCANS)
    assert remembered and len(limits_module._KNOWN_SCANS) == remembered  # nothing new scanned
    assert kept[0] == kept[1]


def test_the_sheets_of_a_template_are_still_counted_each_time(tmp_path: Path) -> None:
    limits_module._KNOWN_SCANS.clear()
    archive = open_within_limits(_form(tmp_path / "a.xlsx", 5), Limits(max_rows=50))
    assert archive is not None
    archive.close()
    with pytest.raises(InputError) as refused:
        open_within_limits(_form(tmp_path / "b.xlsx", 60), Limits(max_rows=50))
    assert refused.value.key == "too_many_rows" and refused.value.params["count"] == 60
