"""`mtqg fix` on the command line: the summary, the refusals (exit 2, a sentence, the input
untouched), and what the copy keeps of its input."""

from __future__ import annotations

import hashlib
import random
import shutil
from pathlib import Path

import openpyxl
import pytest
from openpyxl.comments import Comment
from openpyxl.styles import Font
from typer.testing import CliRunner

from fix_forms import SHEET, generate, plant
from mtqg_cli.app.run import reconcile_file
from mtqg_cli.cli import app
from mtqg_cli.form.options import Options
from mtqg_cli.report.fix_copy import save_values
from rate_forms import RATE_STYLES, RateForm, write_csv, write_ods, write_xlsx

runner = CliRunner()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def faulty(tmp_path: Path) -> Path:
    form = generate(9)
    plant(form, "omitted_line", random.Random(9))
    return form.save(tmp_path / "don-vi.xlsx")


def test_summary_in_vietnamese_and_english(faulty: Path, tmp_path: Path) -> None:
    out = tmp_path / "sua.xlsx"
    result = runner.invoke(app, ["fix", str(faulty), "--output", str(out)])
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())
    assert "Đã ghi bản sửa" in said and "1 ô đổi giá trị" in said
    assert "Bằng tổng các dòng con (công thức SUM)" in result.output
    again = runner.invoke(app, ["fix", str(faulty), "-o", str(out), "--force", "--lang", "en"])
    assert again.exit_code == 0, again.output
    said = " ".join(again.output.split())
    assert "Wrote the corrected copy" in said and "cells with a new value: 1 " in said
    assert openpyxl.load_workbook(out).sheetnames == [SHEET, "Changes"]


def refused(args: list[str], words: str) -> None:
    result = runner.invoke(app, ["fix", *args])
    assert result.exit_code == 2, result.output
    assert words in result.output
    assert "Traceback" not in result.output


def test_never_over_its_input(
    faulty: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = digest(faulty)
    link = tmp_path / "lien-ket.xlsx"
    link.symlink_to(faulty)
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path)
    for output in (str(faulty), str(link), "sub/../don-vi.xlsx", "./don-vi.xlsx"):
        refused([str(faulty), "-o", output, "--force"], "Không ghi bản sửa lên chính tệp đầu vào")
    hard = tmp_path / "cung-tep.xlsx"
    hard.hardlink_to(faulty)
    refused([str(faulty), "-o", str(hard), "--force"], "chính tệp đầu vào")
    assert digest(faulty) == before


def test_existing_output_needs_force(faulty: Path, tmp_path: Path) -> None:
    out = tmp_path / "sua.xlsx"
    out.write_bytes(b"keep me")
    refused([str(faulty), "-o", str(out)], "dùng --force để ghi đè")
    assert out.read_bytes() == b"keep me"
    assert runner.invoke(app, ["fix", str(faulty), "-o", str(out), "--force"]).exit_code == 0
    assert openpyxl.load_workbook(out).sheetnames == [SHEET, "Sửa đổi"]


def test_other_formats_are_refused(tmp_path: Path) -> None:
    form = RateForm([(100, 40), (200, 50)], ["plain"] * 3)
    for path in (write_csv(form, tmp_path / "a.csv"), write_ods(form, tmp_path / "a.ods")):
        refused([str(path), "-o", str(tmp_path / "b.xlsx")], "lưu thành .xlsx")
    xls = tmp_path / "c.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0")
    refused([str(xls), "-o", str(tmp_path / "b.xlsx"), "--lang", "en"], "save it as .xlsx")


def test_bad_inputs_and_outputs(faulty: Path, tmp_path: Path) -> None:
    refused([str(tmp_path / "khong-co.xlsx"), "-o", str(tmp_path / "b.xlsx")], "Không tìm thấy")
    refused([str(faulty), "-o", str(tmp_path / "b.xls")], "đuôi .xlsx")
    broken = tmp_path / "hong.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")
    refused([str(broken), "-o", str(tmp_path / "b.xlsx")], "hong.xlsx")
    assert not (tmp_path / "b.xlsx").exists()
    empty = openpyxl.Workbook()
    empty.save(tmp_path / "trong.xlsx")
    refused([str(tmp_path / "trong.xlsx"), "-o", str(tmp_path / "b.xlsx")], "Không tìm thấy bảng")


def test_copy_keeps_the_rest_of_its_input(faulty: Path, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(faulty)
    sheet = book[SHEET]
    changed = next(c for c in sheet["E"] if c.row > 7 and str(c.value or "") and c.row == 8)
    sheet["B8"].font = Font(bold=True, color="FF0000")
    changed.comment = Comment("Số của phòng Tài chính", "Kế toán")
    book.create_sheet("Ghi chú")["A1"] = "Gửi kèm công văn số 12"
    book.save(faulty)
    out = tmp_path / "sua.xlsx"
    assert runner.invoke(app, ["fix", str(faulty), "-o", str(out)]).exit_code == 0
    copy = openpyxl.load_workbook(out)
    assert copy.sheetnames == [SHEET, "Ghi chú", "Sửa đổi"]
    assert copy["Ghi chú"]["A1"].value == "Gửi kèm công văn số 12"
    assert copy[SHEET]["B8"].font.bold and {str(r) for r in copy[SHEET].merged_cells.ranges} == {
        str(r) for r in sheet.merged_cells.ranges
    }
    assert copy[SHEET]["A5"].value == "STT" and copy[SHEET]["B9"].value == sheet["B9"].value


def test_sender_comment_is_kept_on_a_changed_cell(tmp_path: Path) -> None:
    form = generate(9)
    mistake = plant(form, "omitted_line", random.Random(9))
    path = form.save(tmp_path / "in.xlsx")
    book = openpyxl.load_workbook(path)
    book[SHEET][mistake.cell].comment = Comment("Số của phòng Tài chính", "Kế toán")
    book.save(path)
    assert runner.invoke(app, ["fix", str(path), "-o", str(tmp_path / "out.xlsx")]).exit_code == 0
    comment = openpyxl.load_workbook(tmp_path / "out.xlsx")[SHEET][mistake.cell].comment
    assert comment is not None
    assert comment.text.startswith("Số của phòng Tài chính") and "mtqg đã sửa" in comment.text


@pytest.mark.parametrize("style", RATE_STYLES)
def test_rates_become_formulas_in_the_style_of_their_cell(style: str, tmp_path: Path) -> None:
    form = RateForm([(1200, 431), (830, 95), (2400, 1777)], [style] * 4, wrong_row=8)
    source = write_xlsx(form, tmp_path / "rates.xlsx")
    shutil.copy(source, tmp_path / "keep.xlsx")
    out = tmp_path / "out.xlsx"
    result = runner.invoke(app, ["fix", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    cell = openpyxl.load_workbook(out)["Biểu 01"]["E8"]
    saved = openpyxl.load_workbook(out, data_only=True)["Biểu 01"]["E8"].value
    if style == "excel":
        assert cell.value == "=ROUND(D8/C8,4)" and cell.number_format == "0.00%"
        assert saved == pytest.approx(0.3592)
    else:
        assert cell.value == "=ROUND(D8/C8*100,2)" and saved == pytest.approx(35.92)
        assert cell.number_format == ("0.00" if style.startswith("text") else "General")
    assert cell.fill.fill_type == "solid"
    report = reconcile_file(out, Options())
    assert not [f for f in report.findings if f.rule == "RATE_MISMATCH"]
    assert digest(source) == digest(tmp_path / "keep.xlsx")


def test_formulas_of_the_input_reading_a_changed_cell_are_computed_again(tmp_path: Path) -> None:
    form = generate(9)
    mistake = plant(form, "omitted_line", random.Random(9))
    path = form.save(tmp_path / "in.xlsx")
    book = openpyxl.load_workbook(path)
    other = book.create_sheet("Tổng hợp")
    other["A1"] = f"='{SHEET}'!{mistake.cell}*2"
    other["A2"] = '=LEN("abc")'
    book.save(path)
    typed = float(book[SHEET][mistake.cell].value)
    save_values(path, book, {"Tổng hợp": {"A1": typed * 2, "A2": 3}})  # as Excel saves them
    assert runner.invoke(app, ["fix", str(path), "-o", str(tmp_path / "out.xlsx")]).exit_code == 0
    values = openpyxl.load_workbook(tmp_path / "out.xlsx", data_only=True)["Tổng hợp"]
    assert values["A1"].value == pytest.approx(mistake.true / 1_000_000 * 2)
    assert values["A2"].value == 3  # reads no changed cell: its saved value kept
    assert openpyxl.load_workbook(tmp_path / "out.xlsx")["Tổng hợp"]["A1"].value.startswith("='")


def test_only_the_sheet_asked_for_is_corrected(faulty: Path, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(faulty)
    book.copy_worksheet(book[SHEET]).title = "Biểu 02"
    book.save(faulty)
    out = tmp_path / "sua.xlsx"
    result = runner.invoke(app, ["fix", str(faulty), "-o", str(out), "--sheet", "biểu 01"])
    assert result.exit_code == 0, result.output
    copy = openpyxl.load_workbook(out)
    assert str(copy[SHEET]["C7"].value).startswith("=SUM(")
    assert copy["Biểu 02"]["C7"].value == book["Biểu 02"]["C7"].value  # a figure, as typed
    refused([str(faulty), "-o", str(tmp_path / "x.xlsx"), "--sheet", "Biểu 09"], "Biểu 09")
