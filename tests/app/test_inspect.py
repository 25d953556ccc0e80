"""`mtqg inspect` shows what `reconcile` used; a pinned `[layout]` corrects a wrong guess."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import xlsxwriter
from typer.testing import CliRunner

from mtqg_cli.app.inspection import inspect_file
from mtqg_cli.app.run import reconcile_file
from mtqg_cli.cli import app
from mtqg_cli.form.options import Options
from mtqg_cli.form.pinning import load_pin
from mtqg_cli.model.errors import InputError
from mtqg_cli.model.vocabulary import Unit

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "data" / "samples"
FIXTURES = ROOT / "tests" / "fixtures"
FAULTY = SAMPLES / "bach-thong-6-thang-2023-sai-lech.xlsx"
READABLE = [
    p
    for p in sorted([*SAMPLES.glob("*.xlsx"), *FIXTURES.glob("*.xlsx")])
    if not json.loads(p.with_suffix(".expected.json").read_text("utf-8")).get("error")
]
runner = CliRunner()


@pytest.mark.parametrize("path", READABLE, ids=lambda p: p.name)
def test_inspect_agrees_with_reconcile(path: Path) -> None:
    seen = inspect_file(path, Options())
    report = reconcile_file(path, Options())
    tables = [s for s in seen.sheets if s.table]
    assert [s.info for s in tables] == report.sheet_info
    coded = [ln.code for s in tables for ln in s.lines if ln.code]
    assert coded == [e.project for e in report.summary if e.project != "TOTAL"]
    skipped = {f.sheet for f in report.findings if f.rule == "SHEET_SKIPPED"}
    assert skipped == {s.name for s in seen.sheets if not s.table}


def test_inspect_json_shows_columns_tree_and_text_numbers() -> None:
    result = runner.invoke(app, ["inspect", str(FAULTY), "--format", "json"])
    assert result.exit_code == 0, result.output
    sheet = json.loads(result.stdout)["sheets"][0]
    assert sheet["info"]["first_row"] == 12 and sheet["info"]["last_row"] == 45
    assert sheet["info"]["header_rows"] == [8, 9, 10]
    assert sheet["info"]["unit"] == "trieu_dong" and sheet["info"]["unit_source"] == "J7"
    fields = {c["column"]: c["field"] for c in sheet["columns"]}
    assert fields["C"] == "plan.total" and fields["K"] == "rate.total" and fields["L"] == "reason"
    rows = {ln["row"]: ln for ln in sheet["lines"]}
    assert rows[12]["kind"] == "total" and rows[12]["parent_row"] is None
    assert rows[41]["code"] == "DA9.TDA2" and rows[41]["parent_row"] == 39
    text = {t["cell"]: t for t in sheet["text_numbers"]}
    assert text["E12"]["issue"] == "malformed" and text["E12"]["read"] == "46929.385459"
    assert text["C38"]["read"] == "3379.979" and text["C38"]["issue"] is None


def test_inspect_table_view_names_cells_and_codes() -> None:
    result = runner.invoke(app, ["inspect", str(FAULTY), "--width", "160"])
    assert result.exit_code == 0, result.output
    assert "dòng 12–45" in result.stdout and "ô J7" in result.stdout
    assert "[DA9.TDA2]" in result.stdout and "Kế hoạch vốn (tổng số)" in result.stdout
    assert "plan.total" not in result.stdout and "triệu đồng (ô J7)" in result.stdout
    english = runner.invoke(app, ["inspect", str(FAULTY), "--lang", "en", "--width", "160"])
    assert "rows 12–45" in english.stdout and "cell J7" in english.stdout
    assert "Plan (total)" in english.stdout and "million VND" in english.stdout


def test_inspect_shows_headers_as_written_and_units_in_words() -> None:
    sample = FAULTY.parent / "xa-mau-nghin-dong.xlsx"
    result = runner.invoke(app, ["inspect", str(sample), "--width", "160"])
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert "nghìn đồng (ô I3)" in text and "nghin_dong" not in text
    assert "KH vốn giao năm 2023 | Chia ra | Vốn ĐT" in text  # the marks the sheet has
    assert "kh von giao" not in text
    assert "tiểu dự án" in text and "subproject" not in text


def test_inspect_rejects_other_formats_and_missing_files(tmp_path: Path) -> None:
    result = runner.invoke(app, ["inspect", str(FAULTY), "--format", "csv"])
    assert result.exit_code == 2 and "table" in result.stderr
    result = runner.invoke(app, ["inspect", str(tmp_path / "none.xlsx")])
    assert result.exit_code == 2 and "none.xlsx" in result.stderr


def _unguessable(path: Path) -> None:
    """A form whose headers say nothing the tool knows: only a pinned layout can read it."""
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Biểu 01")
    ws.write_row(0, 0, ["Mục", "Diễn giải", "Cột 3", "Cột 4"])
    ws.write_row(1, 0, ["", "TỔNG CỘNG", 300.5, 90])
    ws.write_row(2, 0, ["1", "Dự án 1", 100.5, 40])
    ws.write_row(3, 0, ["2", "Dự án 4", 150, 50])  # plan: 250.5 ≠ 300.5
    wb.close()


def _pin(path: Path, text: str) -> Path:
    path.write_text(text, "utf-8")
    return path


def test_pinned_layout_reads_a_form_the_guess_cannot(tmp_path: Path) -> None:
    book = tmp_path / "bieu.xlsx"
    _unguessable(book)
    assert reconcile_file(book, Options()).status == "error"
    pin = _pin(
        tmp_path / "layout.toml",
        '[layout]\nheader_rows = [1]\nunit = "trieu"\n'
        '[layout.columns]\nA = "stt"\nB = "name"\nC = "plan.total"\nD = "disbursed.total"\n',
    )
    options = Options(layout=load_pin(pin))
    report = reconcile_file(book, options)
    assert report.status == "findings", report.error
    mismatch = [f for f in report.findings if f.rule == "SUM_MISMATCH"]
    assert [(f.cell, f.expected, f.actual) for f in mismatch] == [("C2", 250_500_000, 300_500_000)]
    seen = inspect_file(book, options)
    assert seen.sheets[0].pinned and seen.sheets[0].info == report.sheet_info[0]
    result = runner.invoke(app, ["reconcile", str(book), "--layout", str(pin), "-f", "json"])
    assert result.exit_code == 1
    assert json.loads(result.stdout)["files"][0]["findings"][0]["cell"] == "C2"


def test_pinned_unit_and_rows_override_the_guess(tmp_path: Path) -> None:
    pin = _pin(tmp_path / "p.toml", '[layout]\nsheet = "Biểu 01"\nunit = "nghin"\nlast_row = 20\n')
    seen = inspect_file(FAULTY, Options(layout=load_pin(pin)))
    info = seen.sheets[0].info
    assert info is not None and info.unit == Unit.nghin_dong.value and info.unit_source is None
    assert info.last_row == 20
    other = _pin(tmp_path / "o.toml", '[layout]\nsheet = "Khác"\nunit = "nghin"\n')
    assert inspect_file(FAULTY, Options(layout=load_pin(other))).sheets[0].info == info.model_copy(
        update={"unit": "trieu_dong", "unit_source": "J7", "last_row": 45, "lines": 34,
                "project_lines": 33}
    )  # fmt: skip


@pytest.mark.parametrize(
    "text",
    [
        "[layout]\nunit = 'lakh'\n",
        "[layout]\nheader_rows = [0]\n",
        "[layout.columns]\nA = 'planned'\n",
        "[layout.columns]\n'1A' = 'name'\n",
        "[layout]\ncolour = 'red'\n",
        "[layout\n",
    ],
)
def test_bad_layout_is_a_clear_error(tmp_path: Path, text: str) -> None:
    pin = _pin(tmp_path / "bad.toml", text)
    with pytest.raises(InputError) as caught:
        load_pin(pin)
    assert caught.value.key == "bad_layout"
    result = runner.invoke(app, ["reconcile", str(FAULTY), "--layout", str(pin)])
    assert result.exit_code == 2 and "[layout]" in result.stderr


def test_inspect_and_reconcile_both_take_the_layout_of_the_configuration(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "mtqg.toml").write_text('[layout]\nunit = "nghin"\nlast_row = 30\n', "utf-8")
    monkeypatch.chdir(tmp_path)
    seen = runner.invoke(app, ["inspect", str(FAULTY), "--format", "json"])
    used = runner.invoke(app, ["reconcile", str(FAULTY), "--format", "json"])
    info = json.loads(seen.stdout)["sheets"][0]["info"]
    assert info == json.loads(used.stdout)["files"][0]["sheet_info"][0]
    assert info["unit"] == "nghin_dong" and info["last_row"] == 30


def _text_form(path: Path, rows: list[list[str]]) -> Path:
    """A sheet of the rows given, every cell written as text."""
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Biểu 01")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            sheet.write_string(r, c, value)
    book.close()
    return path


def test_inspect_says_a_sheet_of_english_style_text_numbers_is_read_so(tmp_path: Path) -> None:
    path = _text_form(tmp_path / "english.xlsx", [
        ["Đơn vị tính: triệu đồng"],
        ["STT", "Nội dung", "Kế hoạch vốn", "Giải ngân"],
        ["", "Tổng cộng", "3,379.979", "1,262.282"],
        ["1", "Dự án 1", "3,117.697", "1,000.000"],
        ["2", "Dự án 3", "262.282", "262.282"],
    ])  # fmt: skip
    result = runner.invoke(app, ["inspect", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    read = json.loads(result.stdout)["sheets"][0]
    assert read["number_style"] == "en"
    assert {t["cell"]: t["read"] for t in read["text_numbers"]}["C5"] == "262.282"
    shown = runner.invoke(app, ["inspect", str(path), "--width", "160"])
    assert "kiểu tiếng Anh" in shown.stdout
    checked = runner.invoke(app, ["reconcile", str(path), "--format", "json"])
    assert checked.exit_code == 0, checked.output


def _rates_form(path: Path, carried_in_base: bool) -> Path:
    """Two projects with carried-over money; their rates divide by plan (+ carried over)."""
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Biểu 01")
    header = ["STT", "Nội dung", "Kế hoạch vốn", "Vốn năm trước chuyển sang", "Giải ngân"]
    lines = [("", "Tổng cộng", 300, 100, 200), ("1", "Dự án 1", 200, 50, 150)]
    lines.append(("2", "Dự án 3", 100, 50, 50))
    sheet.write_row(0, 0, ["Đơn vị tính: triệu đồng"])
    sheet.write_row(1, 0, [*header, "Tỷ lệ giải ngân (%)"])
    for r, (stt, name, plan, carried, disbursed) in enumerate(lines, start=2):
        base = plan + carried if carried_in_base else plan
        sheet.write_row(
            r, 0, [stt, name, plan, carried, disbursed, round(100 * disbursed / base, 2)]
        )
    book.close()
    return path


@pytest.mark.parametrize("carried_in_base", [True, False])
def test_inspect_says_what_the_rates_divide_by_and_why(
    tmp_path: Path, carried_in_base: bool
) -> None:
    path = _rates_form(tmp_path / "rates.xlsx", carried_in_base)
    result = runner.invoke(app, ["inspect", str(path), "--format", "json"])
    base = json.loads(result.stdout)["sheets"][0]["rate_base"]
    agree = (3, 0) if carried_in_base else (0, 3)
    assert base == {
        "plan_only": not carried_in_base,
        "agree_with_carried": agree[0],
        "agree_plan_only": agree[1],
    }
    shown = runner.invoke(app, ["inspect", str(path), "--width", "160"]).stdout
    words = "không cộng vốn năm trước" if not carried_in_base else "cộng vốn năm trước chuyển sang"
    assert words in shown and "vì 3 tỷ lệ khớp theo cách này, 0 tỷ lệ khớp" in shown
    checked = runner.invoke(app, ["reconcile", str(path), "--format", "json", "--no-store"])
    assert checked.exit_code == 0, checked.output


def test_inspect_has_no_rate_base_where_nothing_was_carried_over() -> None:
    seen = inspect_file(FAULTY, Options())
    assert all(s.rate_base is None for s in seen.sheets if s.table)


def test_inspect_says_how_each_style_of_text_figures_fared_where_the_figures_chose(
    tmp_path: Path,
) -> None:
    """Every text figure reads both ways ("822,751"): the style whose figures have no
    fractions of a đồng (in nghìn đồng) is kept, and inspect shows both scores."""
    path = _text_form(tmp_path / "ambiguous.xlsx", [
        ["Đơn vị tính: nghìn đồng"],
        ["STT", "Nội dung", "Kế hoạch vốn", "Giải ngân"],
        ["", "Tổng cộng", "1,000,751", "523,123"],
        ["1", "Dự án 1", "178,000", "100,000"],
        ["2", "Dự án 3", "822,751", "423,123"],
    ])  # fmt: skip
    result = runner.invoke(app, ["inspect", str(path), "--format", "json"])
    read = json.loads(result.stdout)["sheets"][0]
    assert read["number_style"] == "en"
    scores = {s["style"]: s for s in read["number_style_scores"]}
    assert list(scores) == ["en", "vi"]
    assert scores["en"]["too_many_decimals"] == 0 and scores["vi"]["too_many_decimals"] > 0
    shown = runner.invoke(app, ["inspect", str(path), "--width", "160"]).stdout
    assert "đọc theo kiểu tiếng Anh (1,234.5): 0 số lệch, 0 số lẻ dưới 1 đồng" in shown
