"""The fast reader (python-calamine) and the reference reader (openpyxl) give the same reports.

Every .xlsx/.xlsm under data/samples and tests/fixtures (found by glob, so a new sample is covered
the day it is added) is checked with both readers and the two reports must be equal; a sample
the fast reader cannot open must fail the same way with openpyxl. Below that, the grids, merged
ranges and visibility of both readers are compared cell by cell (type included), on the samples
and on a workbook written to hold what the two libraries read differently before normalisation.
"""

from __future__ import annotations

import json
import zipfile
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
import xlsxwriter
from typer.testing import CliRunner

from mtqg_cli.app.run import reconcile_files
from mtqg_cli.cli import app
from mtqg_cli.form.options import Options
from mtqg_cli.model.errors import InputError
from mtqg_cli.read import readers
from mtqg_cli.read.raw import RawWorkbook
from mtqg_cli.read.readers import read_workbook

ROOT = Path(__file__).resolve().parents[2]
WORKBOOKS = sorted(
    path
    for folder in (ROOT / "data" / "samples", ROOT / "tests" / "fixtures")
    for pattern in ("*.xlsx", "*.xlsm")
    for path in folder.rglob(pattern)
)
SAMPLE = ROOT / "data" / "samples" / "bach-thong-6-thang-2023-sai-lech.xlsx"


def _id(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _report(path: Path, reader: str) -> dict[str, object]:
    return reconcile_files([path], Options(workers=1, reader=reader)).model_dump()


def test_every_sample_is_found() -> None:
    names = {p.name for p in WORKBOOKS}
    assert {p.name for p in (ROOT / "data" / "samples").glob("*.xlsx")} <= names
    assert {"capital-sections.xlsx", "corrupt.xlsx", "bach-thong-2023-09-30.xlsx"} <= names


@pytest.mark.parametrize("path", WORKBOOKS, ids=_id)
def test_both_readers_give_the_same_report(path: Path) -> None:
    fast, reference = _report(path, "calamine"), _report(path, "openpyxl")
    files = fast["files"]
    assert isinstance(files, list) and len(files) == 1
    if files[0]["status"] == "error":  # unreadable: openpyxl must refuse it for the same reason
        assert reference == fast
        return
    assert files[0]["summary"], "a readable sample gives figures, or the comparison proves little"
    assert reference == fast


def _cells(book: RawWorkbook) -> list[tuple[str, bool, list[object], list[list[object]]]]:
    """Each sheet's name, visibility, merged ranges and grid with every value's type."""
    return [
        (s.name, s.visible, list(s.merged), [[(type(v), v) for v in row] for row in s.rows])
        for s in book.sheets
    ]


SAMPLES_TO_COMPARE = [
    SAMPLE,
    ROOT / "tests" / "fixtures" / "multi-sheet-with-prose.xlsx",
    ROOT / "tests" / "fixtures" / "consolidated-communes.xlsx",
    ROOT / "tests" / "fixtures" / "periods" / "kbnn-bach-thong-2023-05-31.xlsx",
]


@pytest.mark.parametrize("path", SAMPLES_TO_COMPARE, ids=_id)
def test_both_readers_read_the_same_grid(path: Path) -> None:
    fast = read_workbook(path)
    reference = read_workbook(path, reader="openpyxl")
    assert fast.sheets and any(s.merged for s in fast.sheets)
    assert _cells(reference) == _cells(fast)
    assert reference.properties == fast.properties
    assert all(s.formats is not None for s in reference.sheets)


EMPTY_TEXT_RESULT = "EMPTY-TEXT-RESULT"


def _odd_workbook(path: Path) -> Path:
    """Cells openpyxl reads differently from calamine until normalised: integers, dates and
    times, an escaped carriage return, errors, an empty text result of a formula at the edge of
    the grid, formatted cells without a value beyond it, merged ranges written out of order,
    hidden and very hidden sheets, a chart sheet."""
    book = xlsxwriter.Workbook(str(path))
    day = book.add_format({"num_format": "dd/mm/yyyy"})
    stamp = book.add_format({"num_format": "dd/mm/yyyy hh:mm"})
    clock = book.add_format({"num_format": "hh:mm"})
    elapsed = book.add_format({"num_format": "[h]:mm"})
    bold = book.add_format({"bold": True})
    sheet = book.add_worksheet("Biểu 01")
    sheet.merge_range("B8:C8", "cuối", bold)
    sheet.merge_range("A1:C1", "BIỂU TỔNG HỢP", bold)
    sheet.write_row("A2", ["STT", "Tên", 3379, 18.34, True, ""])
    sheet.write_string("A3", "dòng\r\nhai")
    sheet.write_number("B3", 45107, day)  # 30/06/2023
    sheet.write_number("C3", 45107.5, stamp)
    sheet.write_number("D3", 0.75, clock)
    sheet.write_number("E3", -0.25, clock)  # below 1: calamine reads a time of day
    sheet.write_number("F3", 1.5, elapsed)
    sheet.write_formula("A4", "=1/0", None, "#DIV/0!")
    sheet.write_formula("B4", "=A2", None, "STT")
    sheet.write_formula("G5", '=IF(C2>0,"","x")', None, EMPTY_TEXT_RESULT)
    sheet.write_blank("K20", None, bold)
    hidden = book.add_worksheet("Ẩn")
    hidden.write_formula("C2", "=1/0", None, "#N/A")  # an error alone still spans the grid
    hidden.hide()
    secret = book.add_worksheet("Rất ẩn")
    secret.write_string("A1", "")
    secret.very_hidden()
    chart = book.add_chart({"type": "bar"})
    chart.add_series({"values": "='Biểu 01'!$C$2:$D$2"})
    book.add_chartsheet("Biểu đồ").set_chart(chart)
    book.add_worksheet("Trống").write_blank("B2", None, bold)
    book.close()
    # xlsxwriter writes no t="str" for an empty result; Excel does, as `<c t="str"><v></v>`
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"].replace(
        EMPTY_TEXT_RESULT.encode(), b""
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def test_normalised_cells_match_calamine(tmp_path: Path) -> None:
    path = _odd_workbook(tmp_path / "odd.xlsx")
    fast = read_workbook(path)
    reference = read_workbook(path, reader="openpyxl")
    assert _cells(reference) == _cells(fast)
    main = {s.name: s for s in reference.sheets}["Biểu 01"]
    assert (len(main.rows), len(main.rows[0])) == (8, 7)  # to G5's empty text and row 8
    assert main.merged == [(0, 0, 0, 2), (7, 1, 7, 2)]
    assert main.rows[1][2:6] == [3379.0, 18.34, True, ""] and type(main.rows[1][2]) is float
    assert main.rows[2] == [
        "dòng\r\nhai",
        date(2023, 6, 30),
        datetime(2023, 6, 30, 12),
        time(18),
        time(18),
        timedelta(days=1.5),
        "",
    ]
    assert main.rows[3][:2] == ["", "STT"] and main.rows[4][6] == ""
    assert [(s.name, s.visible, len(s.rows)) for s in reference.sheets] == [
        ("Biểu 01", True, 8),
        ("Ẩn", False, 2),
        ("Rất ẩn", False, 1),
        ("Biểu đồ", True, 0),
        ("Trống", True, 0),
    ]


def test_openpyxl_reader_reads_without_calamine(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(path: Path, suffix: str) -> None:
        raise AssertionError("calamine read an .xlsx the openpyxl reader was asked for")

    monkeypatch.setattr(readers, "_read_with_calamine", refuse)
    book = read_workbook(SAMPLE, reader="openpyxl")
    assert book.sheets[0].rows


ODS_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest'
    ' xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry'
    ' manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)
ODS_CONTENT = (
    '<?xml version="1.0" encoding="UTF-8"?><office:document-content'
    ' xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
    ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
    ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body>'
    '<office:spreadsheet><table:table table:name="Biểu"><table:table-row>'
    '<table:table-cell office:value-type="float" office:value="5"><text:p>5</text:p>'
    "</table:table-cell></table:table-row></table:table></office:spreadsheet>"
    "</office:body></office:document-content>"
)


def _tiny_ods(path: Path) -> Path:
    """A one-cell OpenDocument spreadsheet (5 in A1), written by hand."""
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("META-INF/manifest.xml", ODS_MANIFEST)
        archive.writestr("content.xml", ODS_CONTENT)
    return path


def test_formats_openpyxl_cannot_read_fall_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(path: Path) -> None:
        raise AssertionError("openpyxl was handed a format it cannot read")

    monkeypatch.setattr(readers, "read_with_openpyxl", refuse)
    csv_file = tmp_path / "bieu.csv"
    csv_file.write_text("STT;Tên;Kế hoạch\n1;Dự án 1;3.379,979\n", encoding="utf-8")
    rows = read_workbook(csv_file, reader="openpyxl").sheets[0].rows
    assert rows == read_workbook(csv_file).sheets[0].rows and rows[1][1] == "Dự án 1"
    ods = _tiny_ods(tmp_path / "bieu.ods")
    assert read_workbook(ods, reader="openpyxl").sheets[0].rows == [[5.0]]


def test_a_broken_workbook_is_the_same_error_with_both(tmp_path: Path) -> None:
    path = tmp_path / "hong.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "not xml at all")
    keys = []
    for reader in ("calamine", "openpyxl"):
        with pytest.raises(InputError) as caught:
            read_workbook(path, reader=reader)
        keys.append(caught.value.key)
    assert keys == ["corrupt", "corrupt"]


def test_an_unknown_reader_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown reader"):
        read_workbook(SAMPLE, reader="xlrd")


def test_cli_reader_option_gives_the_same_json() -> None:
    runner = CliRunner()
    args = ["reconcile", str(SAMPLE), "--format", "json", "--no-store"]
    fast = runner.invoke(app, args)
    reference = runner.invoke(app, [*args, "--reader", "openpyxl"])
    assert fast.exit_code == reference.exit_code == 1  # the sample has errors
    assert json.loads(fast.stdout)["files"][0]["findings"]
    assert reference.stdout == fast.stdout


def test_cli_refuses_an_unknown_reader() -> None:
    result = CliRunner().invoke(app, ["reconcile", str(SAMPLE), "--reader", "xlrd"])
    assert result.exit_code == 2
