"""A summary sheet against its detail sheets (CROSS_SHEET_MISMATCH), and capital-type sections."""

from __future__ import annotations

import json
from pathlib import Path

import xlsxwriter
from typer.testing import CliRunner

from helpers import make_table, trd
from mtqg_cli.app.run import reconcile_file
from mtqg_cli.check.rules.workbook import cross_sheet
from mtqg_cli.cli import app
from mtqg_cli.form.options import Options
from mtqg_cli.form.sections import is_summary_sheet
from mtqg_cli.model.report import Finding

ROOT = Path(__file__).resolve().parents[2]
CAPITAL = ROOT / "tests" / "fixtures" / "capital-sections.xlsx"

# (stt, name, plan, disbursed) in triệu đồng; the first row is the total.
QUAN_HA = [
    ("", "TỔNG CỘNG", 250.5, 60),
    ("1", "Dự án 1: Giải quyết tình trạng thiếu đất ở, nhà ở", 100.5, 20),
    ("2", "Dự án 4: Đầu tư cơ sở hạ tầng thiết yếu", 150, 40),
]
NGUYEN_PHUC = [
    ("", "TỔNG CỘNG", 300, 90),
    ("1", "Dự án 1: Giải quyết tình trạng thiếu đất ở, nhà ở", 120, 30),
    ("2", "Dự án 4: Đầu tư cơ sở hạ tầng thiết yếu", 180, 60),
]


def form(ws: object, rows: list[tuple], title: str) -> None:
    ws.write(0, 0, title)  # type: ignore[attr-defined]
    ws.write(1, 3, "Đơn vị tính: Triệu đồng")  # type: ignore[attr-defined]
    ws.write_row(2, 0, ["STT", "Nội dung", "Kế hoạch vốn năm 2023", "Giải ngân"])  # type: ignore[attr-defined]
    ws.write_row(3, 0, ["(1)", "(2)", "(3)", "(4)"])  # type: ignore[attr-defined]
    for index, row in enumerate(rows):
        ws.write_row(4 + index, 0, list(row))  # type: ignore[attr-defined]


def workbook(path: Path, summary: list[tuple]) -> Path:
    book = xlsxwriter.Workbook(str(path))
    form(book.add_worksheet("Tổng hợp"), summary, "BIỂU TỔNG HỢP GIẢI NGÂN HUYỆN BẠCH THÔNG")
    form(book.add_worksheet("Xã Quân Hà"), QUAN_HA, "XÃ QUÂN HÀ")
    form(book.add_worksheet("Xã Nguyên Phúc"), NGUYEN_PHUC, "XÃ NGUYÊN PHÚC")
    book.close()
    return path


SUMMED = [
    ("", "TỔNG CỘNG", 550.5, 150),
    ("1", "Dự án 1: Giải quyết tình trạng thiếu đất ở, nhà ở", 220.5, 50),
    ("2", "Dự án 4: Đầu tư cơ sở hạ tầng thiết yếu", 330, 100),
]


def test_a_summary_that_adds_up_is_clean(tmp_path: Path) -> None:
    report = reconcile_file(workbook(tmp_path / "ok.xlsx", SUMMED), Options())
    assert report.status == "ok", [f.message for f in report.findings]
    assert report.sheets == ["Tổng hợp", "Xã Quân Hà", "Xã Nguyên Phúc"]


def test_a_summary_figure_that_differs_from_the_details_is_caught(tmp_path: Path) -> None:
    typo = [SUMMED[0], SUMMED[1], ("2", SUMMED[2][1], 330, 110)]  # DA4 disbursed 110, not 100
    typo[0] = ("", "TỔNG CỘNG", 550.5, 160)  # the summary's own total agrees with its lines
    report = reconcile_file(workbook(tmp_path / "typo.xlsx", typo), Options())
    found = [f for f in report.findings if f.rule == "CROSS_SHEET_MISMATCH"]
    assert [(f.sheet, f.cell, f.project, f.expected, f.actual) for f in found] == [
        ("Tổng hợp", "D5", None, trd(150), trd(160)),
        ("Tổng hợp", "D7", "DA4", trd(100), trd(110)),
    ]
    da4 = found[-1]
    assert da4.severity == "error" and da4.column == "disbursed.total"
    assert "«Xã Quân Hà»!D7 = 40,000" in da4.message
    assert "«Xã Nguyên Phúc»!D7 = 60,000" in da4.message
    assert report.status == "findings"
    assert not [f for f in report.findings if f.rule == "SUM_MISMATCH"]


def test_the_detail_cells_of_a_cross_sheet_finding_are_a_field_of_their_own(
    tmp_path: Path,
) -> None:
    typo = [("", "TỔNG CỘNG", 550.5, 160), SUMMED[1], ("2", SUMMED[2][1], 330, 110)]
    path = workbook(tmp_path / "typo.xlsx", typo)
    result = CliRunner().invoke(app, ["reconcile", str(path), "-f", "json"])
    assert result.exit_code == 1
    found = json.loads(result.stdout)["files"][0]["findings"]
    cross = [f for f in found if f["rule"] == "CROSS_SHEET_MISMATCH"]
    assert [(f["cell"], f["related"]) for f in cross] == [
        ("D5", [
            {"sheet": "Xã Quân Hà", "cell": "D5", "value": trd(60)},
            {"sheet": "Xã Nguyên Phúc", "cell": "D5", "value": trd(90)},
        ]),
        ("D7", [
            {"sheet": "Xã Quân Hà", "cell": "D7", "value": trd(40)},
            {"sheet": "Xã Nguyên Phúc", "cell": "D7", "value": trd(60)},
        ]),
    ]  # fmt: skip
    assert "«Xã Quân Hà»!D7" in cross[1]["message"]  # still named in the message too
    assert all(f["related"] is None for f in found if f["rule"] != "CROSS_SHEET_MISMATCH")


def test_cross_sheet_in_both_languages() -> None:
    def table(sheet: str, plan: int) -> object:
        return make_table(
            [
                (5, "", "TỔNG CỘNG", {"plan.total": trd(plan)}),
                (6, "1", "Dự án 4", {"plan.total": trd(plan)}),
            ],
            sheet=sheet,
        )

    tables = [table("TH huyện", 30), table("Xã A", 10), table("Xã B", 10)]
    vi: list[Finding] = list(cross_sheet(tables, 1_000, "vi"))  # type: ignore[arg-type]
    en: list[Finding] = list(cross_sheet(tables, 1_000, "en"))  # type: ignore[arg-type]
    assert [(f.cell, f.expected, f.actual) for f in vi] == [
        ("C5", trd(20), trd(30)),
        ("C6", trd(20), trd(30)),
    ]
    assert "trang chi tiết" in vi[1].message and "detail sheets" in en[1].message


def test_which_sheet_is_the_summary() -> None:
    assert is_summary_sheet("Tổng hợp") and is_summary_sheet("TH huyện")
    assert is_summary_sheet("Biểu tổng hợp") and is_summary_sheet("TONG HOP")
    assert not is_summary_sheet("Biểu 01") and not is_summary_sheet("Xã Thanh Hà")


def test_capital_sections_carry_their_capital_type() -> None:
    report = reconcile_file(CAPITAL, Options())
    by_row = {e.row: e for e in report.summary}
    da1_dtpt, da1_sn = by_row[9], by_row[17]
    assert da1_dtpt.project == da1_sn.project == "DA1"
    assert (da1_dtpt.plan.dtpt, da1_dtpt.plan.sn, da1_dtpt.plan.total) == (
        1_850_000_000, None, 1_850_000_000,
    )  # fmt: skip
    assert (da1_sn.plan.dtpt, da1_sn.plan.sn) == (None, 1_560_800_000)
    assert da1_sn.disbursed.sn == 586_100_000 and da1_sn.rate.sn == 37.55
    total = next(e for e in report.summary if e.project == "TOTAL")
    assert total.plan.dtpt == 28_296_500_000 and total.plan.sn == 23_386_450_000
    assert total.plan.dtpt + total.plan.sn == total.plan.total == 51_682_950_000
    assert total.disbursed.dtpt + total.disbursed.sn == total.disbursed.total
    assert (total.rate.dtpt, total.rate.sn, total.rate.total) == (33.81, 19.54, 27.35)


def workbook_findings(code: str, lang: str) -> list[Finding]:
    """What a workbook-level rule reports on a small triggering input (for test_registry)."""
    if code == "LEGACY_ENCODING":
        from mtqg_cli.check.rules.workbook import legacy_encoding

        return [legacy_encoding("tcvn3", 40, "Biểu 01", "B5", lang)]
    tables = [
        make_table([(5, "", "TỔNG CỘNG", {"plan.total": trd(30)})], sheet="Tổng hợp"),
        make_table([(5, "", "TỔNG CỘNG", {"plan.total": trd(10)})], sheet="Xã A"),
        make_table([(5, "", "TỔNG CỘNG", {"plan.total": trd(10)})], sheet="Xã B"),
    ]
    return list(cross_sheet(tables, 1_000, lang))  # type: ignore[arg-type]
