"""Annotated copies: the cells at fault filled and commented, the inputs left byte for byte."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from mtqg_cli.app.run import reconcile_paths
from mtqg_cli.form.options import Options
from mtqg_cli.report.annotate import annotate_copies

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "data" / "samples"
FIXTURES = ROOT / "tests" / "fixtures"
FAULTY = SAMPLES / "bach-thong-6-thang-2023-sai-lech.xlsx"
CLEAN = SAMPLES / "bach-thong-6-thang-2023.xlsx"
NO_UNIT = FIXTURES / "no-unit-line.xlsx"  # one finding, UNIT_ASSUMED, with no cell
RED, YELLOW = "FFC7CE", "FFEB9C"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def form_sheet(path: Path) -> Worksheet:
    ws = openpyxl.load_workbook(path)["Biểu 01"]
    assert isinstance(ws, Worksheet)
    return ws


def test_cells_at_fault_are_filled_and_commented(tmp_path: Path) -> None:
    before = digest(FAULTY)
    report = reconcile_paths([FAULTY, CLEAN], Options())
    written = annotate_copies(report, tmp_path / "out")
    assert written == [tmp_path / "out" / FAULTY.name]  # the clean form needs no copy
    assert digest(FAULTY) == before
    ws = form_sheet(written[0])
    k38 = ws["K38"]
    assert k38.fill.fill_type == "solid" and k38.fill.fgColor.rgb.endswith(RED)
    assert k38.comment is not None and k38.comment.author == "mtqg"
    assert k38.comment.text.startswith("[lỗi] RATE_MISMATCH: Tỷ lệ giải ngân (tổng số) ghi 18,14%")
    e12 = ws["E12"].comment  # an error and a warning on one cell: one comment with both
    assert e12 is not None and "SUM_MISMATCH" in e12.text and "[cảnh báo] NUMBER_FORMAT" in e12.text
    assert ws["E12"].fill.fgColor.rgb.endswith(RED)  # the worst of the two
    assert ws["G26"].fill.fgColor.rgb.endswith(YELLOW)  # a warning alone
    assert ws["B38"].comment is None and ws["B38"].fill.fill_type is None
    marked = {c.coordinate for row in ws.iter_rows() for c in row if c.comment is not None}
    cells = {f.cell for f in report.files[0].findings if f.cell}
    assert marked == cells
    assert ws["B38"].value == openpyxl.load_workbook(FAULTY)["Biểu 01"]["B38"].value


def test_english_comments(tmp_path: Path) -> None:
    report = reconcile_paths([FAULTY], Options(lang="en"))
    (copy,) = annotate_copies(report, tmp_path, lang="en")
    comment = form_sheet(copy)["K38"].comment
    assert comment is not None and comment.text.startswith("[error] RATE_MISMATCH: ")


def test_files_without_cell_findings_or_unreadable_are_skipped(tmp_path: Path) -> None:
    report = reconcile_paths([CLEAN, NO_UNIT, FIXTURES / "corrupt.xlsx"], Options())
    assert report.files[1].findings and not any(f.cell for f in report.files[1].findings)
    assert annotate_copies(report, tmp_path / "out") == []


def test_never_overwrites_the_input_in_its_own_folder(tmp_path: Path) -> None:
    source = tmp_path / "xa.xlsx"
    shutil.copy(FAULTY, source)
    before = digest(source)
    report = reconcile_paths([source], Options())
    (copy,) = annotate_copies(report, tmp_path)
    assert copy == tmp_path / "xa.annotated.xlsx"
    assert digest(source) == before
    assert form_sheet(copy)["K38"].comment is not None
    assert sorted(p.name for p in tmp_path.iterdir()) == ["xa.annotated.xlsx", "xa.xlsx"]


def test_namesakes_from_two_folders_get_two_copies(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        shutil.copy(FAULTY, tmp_path / folder / "bao-cao.xlsx")
    report = reconcile_paths([tmp_path / "a", tmp_path / "b"], Options())
    written = annotate_copies(report, tmp_path / "out")
    out = tmp_path / "out"
    assert written == [out / "a" / "bao-cao.xlsx", out / "b" / "bao-cao.xlsx"]  # the sub-folders


def test_copies_mirror_nested_sub_folders(tmp_path: Path) -> None:
    for folder in ("huyen-1/xa-a", "huyen-2", "huyen-2/xa-b"):
        (tmp_path / "in" / folder).mkdir(parents=True)
        shutil.copy(FAULTY, tmp_path / "in" / folder / "bao-cao.xlsx")
    report = reconcile_paths([tmp_path / "in"], Options(recursive=True))
    written = annotate_copies(report, tmp_path / "out")
    relative = sorted(str(p.relative_to(tmp_path / "out")) for p in written)
    assert relative == [
        "huyen-1/xa-a/bao-cao.xlsx",
        "huyen-2/bao-cao.xlsx",
        "huyen-2/xa-b/bao-cao.xlsx",
    ]


def test_a_copy_lists_its_findings_in_rows_that_fit(tmp_path: Path) -> None:
    report = reconcile_paths([FAULTY], Options())
    (copy,) = annotate_copies(report, tmp_path)
    book = openpyxl.load_workbook(copy)
    assert book.sheetnames[-1] == "Sai lệch"
    sheet = book["Sai lệch"]
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    assert len(rows) == len(report.files[0].findings)
    by_cell = {(r[0], r[1], str(r[3]).lstrip("↳ ")): r for r in rows}
    c39 = by_cell["Biểu 01", "C39", "SUM_MISMATCH"]
    assert str(c39[3]).startswith("↳ ")  # under the unit slip that explains it
    assert c39[2] == "lỗi" and c39[4] == "DA9"
    assert c39[5] == pytest.approx(345_244_000.0) and c39[6] == pytest.approx(345.244)
    assert "345.244.000,000 triệu đồng" in c39[8]
    link = sheet["B3"].hyperlink
    assert link is not None and link.location == f"'Biểu 01'!{sheet['B3'].value}"
    for row in range(3, sheet.max_row + 1):
        text = str(sheet.cell(row, 9).value)
        lines = -(-len(text) * 1.15 // 69)  # the explanation column is 70 characters wide
        assert sheet.row_dimensions[row].height >= 15 * lines, (row, text)


def test_macro_workbooks_keep_their_suffix(tmp_path: Path) -> None:
    source = tmp_path / "xa.xlsm"
    shutil.copy(FAULTY, source)
    report = reconcile_paths([source], Options())
    if report.files[0].status == "error":
        pytest.skip("this reader does not take an .xlsx renamed .xlsm")
    (copy,) = annotate_copies(report, tmp_path / "out")
    assert copy.suffix == ".xlsm"
    assert form_sheet(copy)["K38"].comment is not None
