"""The meeting workbook, read back with openpyxl: sheets, rows, formulas and their cached values,
number formats, filters, colours, charts, formula-like text, inputs never overwritten."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from ci_needs import missing
from mtqg_cli.app.run import reconcile_paths
from mtqg_cli.form.options import Options
from mtqg_cli.model.errors import UsageError
from mtqg_cli.model.report import FileReport, Finding, Report, SummaryEntry, Triple
from mtqg_cli.model.vocabulary import Unit
from mtqg_cli.report.xlsx import write_xlsx_report

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "data" / "samples"
FIXTURES = ROOT / "tests" / "fixtures"
FAULTY = SAMPLES / "bach-thong-6-thang-2023-sai-lech.xlsx"
UNREADABLE = {"corrupt.xlsx", "empty.xlsx", "not-a-workbook.xlsx"}
HEAD = 4  # 1-based header row of every table sheet
SHEETS = ["Tổng quan", "Sai lệch", "Tổng hợp", "Theo đơn vị", "Biểu đồ"]
MILLION = 1_000_000


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> tuple[Report, Path]:
    inputs = [SAMPLES, FIXTURES]
    report = reconcile_paths(inputs, Options())
    target = tmp_path_factory.mktemp("xlsx") / "hop-quy-3.xlsx"
    write_xlsx_report(report, target, inputs=inputs)
    return report, target


def sheet(path: Path, name: str, *, data_only: bool = False) -> Worksheet:
    ws = openpyxl.load_workbook(path, data_only=data_only)[name]
    assert isinstance(ws, Worksheet)
    return ws


def table(ws: Worksheet) -> list[tuple[object, ...]]:
    """The rows under the header, up to the first empty one."""
    rows = []
    for values in ws.iter_rows(min_row=HEAD + 1, values_only=True):
        if all(v in (None, "") for v in values):
            break
        rows.append(values)
    return rows


def test_sheets_in_order(batch: tuple[Report, Path]) -> None:
    _, path = batch
    assert openpyxl.load_workbook(path).sheetnames == SHEETS


def test_overview_one_row_per_file_worst_first(batch: tuple[Report, Path]) -> None:
    report, path = batch
    ws = sheet(path, "Tổng quan")
    assert ws["A1"].value.startswith("KẾT QUẢ ĐỐI SOÁT") and "Ngày lập" in ws["A2"].value
    rows = table(ws)
    assert len(rows) == len(report.files) >= 10
    words = {"ok": "Đạt", "findings": "Có sai lệch", "error": "Lỗi đọc tệp"}
    by_path = {row[0]: row for row in rows}
    for file in report.files:
        assert by_path[file.path][2] == words[file.status]
    unreadable = [Path(str(r[0])).name for r in rows if r[2] == "Lỗi đọc tệp"]
    assert set(unreadable) == UNREADABLE
    assert [Path(str(r[0])).name for r in rows[:3]] == sorted(UNREADABLE)  # worst first
    assert all(r[9] for r in rows[:3])  # the reason each could not be read
    errors = [r[3] for r in rows[3:]]
    assert errors == sorted(errors, reverse=True)
    faulty = by_path[str(FAULTY)]
    assert faulty[1] == "Huyện Bạch Thông"
    assert report.consolidated is not None
    resubmitted = [Path(x.path).name for x in report.consolidated.left_out]
    assert resubmitted in (
        ["bach-thong-6-thang-2023-sai-lech.xlsx"],
        ["bach-thong-6-thang-2023.xlsx"],
    )
    older = resubmitted == [FAULTY.name]  # the two samples are one unit's resubmission
    assert faulty[3:6] == (13, 3 + older, 0)  # DUPLICATE_UNIT on the older
    assert faulty[6] == pytest.approx(76250.184915)  # its projects added up, as everywhere
    assert faulty[8] == pytest.approx(9.30)
    assert "dòng TỔNG CỘNG của biểu ghi kế hoạch 73.673,385" in faulty[9]  # why, in place
    assert ("không cộng vào toàn tỉnh: đã có bản nộp lại" in faulty[9]) == older


def test_findings_one_row_per_finding_with_units(batch: tuple[Report, Path]) -> None:
    report, path = batch
    ws = sheet(path, "Sai lệch")
    rows = table(ws)
    assert len(rows) == sum(len(f.findings) for f in report.files)
    k38 = next(r for r in rows if str(r[0]).endswith(FAULTY.name) and r[3] == "K38")
    assert k38[2] == "Biểu 01" and k38[4] == "RATE_MISMATCH" and k38[5] == "lỗi"
    assert k38[6] == "DA8" and str(k38[7]).startswith("Tỷ lệ giải ngân")
    assert k38[8:11] == (pytest.approx(18.34), pytest.approx(18.14), pytest.approx(-0.2))
    faulty_file = next(f for f in report.files if f.path.endswith(FAULTY.name))
    assert k38[11] == next(f.id for f in faulty_file.findings if f.cell == "K38")  # its id
    c12 = next(r for r in rows if str(r[0]).endswith(FAULTY.name) and r[3] == "C12")
    assert c12[8:11] == (
        pytest.approx(76250.184915),
        pytest.approx(73673.385459),
        pytest.approx(-2576.799456),
    )
    row = HEAD + 1 + rows.index(k38)
    assert ws.cell(row, 9).number_format == '0.00"%"'
    assert ws.cell(HEAD + 1 + rows.index(c12), 9).number_format == "#,##0.000"
    assert ws.cell(row, 8).alignment.wrap_text


def test_frozen_headers_and_filters(batch: tuple[Report, Path]) -> None:
    _, path = batch
    book = openpyxl.load_workbook(path)
    for name in SHEETS[:4]:
        assert book[name].freeze_panes == f"A{HEAD + 1}"
    assert book["Tổng quan"].auto_filter.ref.startswith(f"A{HEAD}:J")
    # three more columns (id, cause, hint): some findings of the batch explain others
    assert book["Sai lệch"].auto_filter.ref.startswith(f"A{HEAD}:N")
    assert book["Theo đơn vị"].auto_filter.ref.startswith(f"A{HEAD}:J")
    widths = book["Sai lệch"].column_dimensions
    assert widths["H"].width > widths["D"].width  # the explanation is wide, the cell narrow


def test_total_row_is_formulas_caching_the_consolidated_figures(batch: tuple[Report, Path]) -> None:
    report, path = batch
    assert report.consolidated is not None
    total = report.consolidated.lines[-1]
    assert total.project == "TOTAL"
    ws = sheet(path, "Tổng hợp")
    heads = [c.value for c in ws[HEAD]]
    row = HEAD + 1
    assert ws.cell(row, 2).value == "TỔNG CỘNG"
    columns = {
        "KH vốn ĐTPT": total.plan.dtpt,
        "KH vốn SN": total.plan.sn,
        "KH vốn tổng số": total.plan.total,
        "Giải ngân tổng số": total.disbursed.total,
        "Chưa phân bổ": total.unallocated,
    }
    end = next(r for r in range(row + 1, ws.max_row + 2) if ws.cell(r, 1).value is None)
    tops = {r: ws.cell(r, 1).value for r in range(row + 1, end)}  # notes follow a blank row
    top_rows = {r for r, code in tops.items() if code and "." not in str(code)}
    for head in columns:
        formula = ws.cell(row, heads.index(head) + 1).value
        assert isinstance(formula, str) and formula.startswith("=SUM(")
        assert {int(n) for n in re.findall(r"[A-Z]+(\d+)", formula)} == top_rows
    rate = ws.cell(row, heads.index("Tỷ lệ GN %") + 1).value
    assert isinstance(rate, str) and rate.startswith("=IF(") and "ROUND(" in rate
    cached = sheet(path, "Tổng hợp", data_only=True)
    for head, dong in columns.items():
        assert dong is not None
        assert cached.cell(row, heads.index(head) + 1).value == pytest.approx(dong / MILLION)
    assert cached.cell(row, heads.index("Tỷ lệ GN %") + 1).value == total.rate.total
    assert ws.cell(row, heads.index("KH vốn tổng số") + 1).number_format == "#,##0.000"


def test_rates_are_coloured_and_charts_drawn(batch: tuple[Report, Path]) -> None:
    _, path = batch
    book = openpyxl.load_workbook(path)
    for name in ("Tổng quan", "Tổng hợp", "Theo đơn vị"):
        rules = [r for cf in book[name].conditional_formatting for r in cf.rules]
        assert len(rules) == 3 and all(r.dxf.fill is not None for r in rules)
        assert any("<30" in r.formula[0] for r in rules)
    charts = book["Biểu đồ"]._charts  # type: ignore[attr-defined]
    assert len(charts) == 2  # per project, and per unit


def test_rate_charts_run_from_0_to_100_percent(batch: tuple[Report, Path]) -> None:
    _, path = batch
    with zipfile.ZipFile(path) as archive:
        names = [n for n in archive.namelist() if n.startswith("xl/charts/chart")]
        xml = [archive.read(n).decode("utf-8") for n in names]
    assert len(xml) == 2
    for chart in xml:  # a 0–20 % axis makes a 2-point gap look like a collapse
        assert '<c:max val="100"/>' in chart and '<c:min val="0"/>' in chart


def test_units_sheet_lists_each_unit_beside_the_overall_rate(batch: tuple[Report, Path]) -> None:
    report, path = batch
    assert report.consolidated is not None
    total = report.consolidated.lines[-1]
    rows = [r for r in table(sheet(path, "Theo đơn vị")) if r[1] == "TỔNG CỘNG"]
    assert all(r[0] in (None, "") for r in rows)  # no English "TOTAL" in a Vietnamese sheet
    assert len(rows) == len([u for u in total.units if u.plan or u.disbursed])
    for values, unit in zip(rows, total.units, strict=True):
        assert values[2] == unit.unit and values[7] == unit.rate and values[8] == total.rate.total


def test_single_file_builds_the_summary_and_shows_the_stated_total(tmp_path: Path) -> None:
    report = reconcile_paths([FAULTY], Options())
    assert report.consolidated is None
    target = tmp_path / "one.xlsx"
    write_xlsx_report(report, target, inputs=[FAULTY], display_unit=Unit.nghin_dong)
    assert "Theo đơn vị" not in openpyxl.load_workbook(target).sheetnames
    stated = report.files[0].summary[-1]
    ws = sheet(target, "Tổng hợp")
    cached = sheet(target, "Tổng hợp", data_only=True)
    assert str(ws["E5"].value).startswith("=SUM(")  # plan total, recomputed from the projects
    assert cached["E5"].value == pytest.approx(76_250_184.915)  # nghìn đồng
    assert ws["B6"].value == "Tổng cộng ghi trên biểu"
    assert ws["E6"].value == pytest.approx(stated.plan.total / 1000)  # type: ignore[operator]
    assert ws["E6"].number_format == "#,##0"
    assert ws["G6"].value == stated.rate.total == pytest.approx(9.63)


def test_english_labels(tmp_path: Path) -> None:
    report = reconcile_paths([FAULTY], Options(lang="en"))
    write_xlsx_report(report, tmp_path / "en.xlsx", lang="en", inputs=[FAULTY])
    book = openpyxl.load_workbook(tmp_path / "en.xlsx")
    assert book.sheetnames == ["Overview", "Findings", "Consolidated", "Charts"]
    assert book["Overview"]["C5"].value == "Discrepancies"


def hostile_report() -> Report:
    evil = '=HYPERLINK("http://example.com","x")'
    finding = Finding(
        rule="SUM_MISMATCH", severity="error", sheet="+Biểu", cell="C5", column="plan.total",
        project="-DA1", expected=1_000_000, actual=2_000_000, difference=1_000_000, message=evil,
    )  # fmt: skip
    entry = SummaryEntry(
        project="DA1", name="@SUM(1,2)", plan=Triple(total=1_000_000),
        disbursed=Triple(total=0), rate=Triple(total=0.0),
    )  # fmt: skip
    total = SummaryEntry(project="TOTAL", name="TỔNG CỘNG", plan=Triple(total=1_000_000))
    file = FileReport(
        path="=cmd.xlsx", status="findings", reporting_unit="=1+1",
        findings=[finding], summary=[entry, total],
    )  # fmt: skip
    return Report(version="1.0.0", files=[file])


def test_formula_like_text_is_written_as_text(tmp_path: Path) -> None:
    target = tmp_path / "evil.xlsx"
    write_xlsx_report(hostile_report(), target, inputs=[])
    book = openpyxl.load_workbook(target)
    texts = {
        ("Tổng quan", "A5"): "=cmd.xlsx",
        ("Tổng quan", "B5"): "=1+1",
        ("Sai lệch", "C5"): "+Biểu",
        ("Sai lệch", "G5"): "-DA1",
        ("Sai lệch", "H5"): '=HYPERLINK("http://example.com","x")',
        ("Tổng hợp", "B6"): "@SUM(1,2)",
    }
    for (name, ref), text in texts.items():
        cell = book[name][ref]
        assert cell.data_type == "s" and cell.value == text, (name, ref)
        assert cell.quotePrefix, (name, ref)  # Excel keeps it text even when edited
    with zipfile.ZipFile(target) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
        formulas = [n for n in sheets if "<f>" in archive.read(n).decode()]
    assert formulas == ["xl/worksheets/sheet3.xml", "xl/worksheets/sheet4.xml"]  # ours only
    assert "HYPERLINK" not in "".join(zipfile.ZipFile(target).read(n).decode() for n in formulas)


def test_refuses_to_overwrite_an_input(tmp_path: Path) -> None:
    source = tmp_path / "xa.xlsx"
    shutil.copy(FAULTY, source)
    before = hashlib.sha256(source.read_bytes()).hexdigest()
    report = reconcile_paths([tmp_path], Options())
    with pytest.raises(UsageError) as caught:
        write_xlsx_report(report, source, inputs=[tmp_path])
    assert caught.value.key == "overwrite_input"
    with pytest.raises(UsageError):  # the same file reached through another path
        write_xlsx_report(report, tmp_path / "." / "xa.xlsx", inputs=[source])
    assert hashlib.sha256(source.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["xa.xlsx"]  # no temporary left


def test_replaces_an_older_report_atomically(tmp_path: Path) -> None:
    target = tmp_path / "bao-cao.xlsx"
    target.write_bytes(b"old")
    write_xlsx_report(hostile_report(), target, inputs=[FAULTY])
    assert zipfile.is_zipfile(target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bao-cao.xlsx"]


def test_libreoffice_renders_the_report(batch: tuple[Report, Path], tmp_path: Path) -> None:
    office = shutil.which("libreoffice") or shutil.which("soffice")
    if office is None:
        missing("LibreOffice")
    _, path = batch
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        [office, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(path)],
        check=True, timeout=120, capture_output=True,
    )  # fmt: skip
    pdf = tmp_path / f"{path.stem}.pdf"
    assert pdf.exists() and pdf.stat().st_size > 0
    assert pdf.read_bytes().startswith(b"%PDF")
