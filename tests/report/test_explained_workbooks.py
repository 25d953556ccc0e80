"""The meeting workbook and the annotated copies group findings under the one explaining them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest

from explained_reports import CAUSES, FORM, HINT_EN, HINT_VI, explained_report
from mtqg_cli.report.annotate import annotate_copies
from mtqg_cli.report.xlsx import write_xlsx_report
from mtqg_cli.report.xlsx_sheet import HEAD

SHEET = "BC giải ngân"
ORDER = ["C9", "E9", "H9", "L9", "H25", "M20", "L21"]


def _findings_sheet(tmp_path: Path, lang: str) -> list[tuple[Any, ...]]:
    target = tmp_path / "meeting.xlsx"
    write_xlsx_report(explained_report(lang), target, lang=lang, inputs=[])
    book = openpyxl.load_workbook(target)
    return list(book.worksheets[1].iter_rows(values_only=True))


@pytest.mark.parametrize(
    ("lang", "heads", "note"),
    [
        ("vi", ("Mã sai lệch", "Do lỗi", "Gợi ý"), "3 lỗi gốc, 4 lỗi kéo theo"),
        ("en", ("Finding id", "Caused by", "Hint"), "3 root errors, 4 consequences"),
    ],
)
def test_meeting_workbook_groups_findings_with_ids_causes_and_hints(
    tmp_path: Path, lang: str, heads: tuple[str, ...], note: str
) -> None:
    rows = _findings_sheet(tmp_path, lang)
    assert str(rows[1][0]).endswith(note)
    assert rows[HEAD][-3:] == heads
    body = rows[HEAD + 1 :]
    assert [r[3] for r in body] == ORDER
    rules = {r[3]: r[4] for r in body}
    assert rules["C9"] == "SUM_MISMATCH" and rules["M20"] == "UNALLOCATED_NO_REASON"
    assert rules["E9"] == "↳ SUM_MISMATCH" and rules["L9"] == "   ↳ RATE_MISMATCH"
    ids = {f.cell: f.id for f in explained_report().files[0].findings}
    by_cell = {r[3]: r[-3:] for r in body}
    assert by_cell["C9"] == (ids["C9"], "", HINT_EN if lang == "en" else HINT_VI)
    for cell, cause in CAUSES.items():
        assert by_cell[cell][:2] == (ids[cell], f"{ids[cause]} ({cause})")
    assert by_cell["L21"][1:] == ("", "")


def _annotated(tmp_path: Path, lang: str) -> openpyxl.Workbook:
    (copy,) = annotate_copies(explained_report(lang), tmp_path / "out", lang=lang)
    return openpyxl.load_workbook(copy)


def test_comments_say_the_root_cell_and_the_hint(tmp_path: Path) -> None:
    before = FORM.read_bytes()
    sheet = _annotated(tmp_path, "vi")[SHEET]
    root = sheet["C9"].comment.text
    assert root.endswith(f"\nGợi ý: {HINT_VI}")
    assert sheet["E9"].comment.text.endswith("\nKéo theo từ sai lệch SUM_MISMATCH ở ô C9.")
    assert sheet["L9"].comment.text.endswith("\nKéo theo từ sai lệch UNALLOCATED_MISMATCH ở ô H9.")
    assert "Kéo theo" not in root and "Gợi ý" not in sheet["M20"].comment.text
    assert FORM.read_bytes() == before


def test_the_copys_findings_sheet_is_grouped_too(tmp_path: Path) -> None:
    rows = list(_annotated(tmp_path, "en")["Sai lệch"].iter_rows(min_row=3, values_only=True))
    assert [r[1] for r in rows] == ORDER
    rules = {r[1]: r[3] for r in rows}
    assert rules["H9"] == "↳ UNALLOCATED_MISMATCH" and rules["L9"] == "   ↳ RATE_MISMATCH"
    explanations = {r[1]: r[8] for r in rows}
    assert explanations["C9"].endswith(f"\nHint: {HINT_EN}")
    assert explanations["H25"].endswith("\nFollows from the SUM_MISMATCH finding at cell C9.")
    assert "\n" not in explanations["L21"]
