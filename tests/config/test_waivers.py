"""Waivers: an accepted discrepancy stops failing the run but stays in every report, until the
day after its expiry; waivers that expired or match nothing are reported."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from mtqg_cli.cli import app
from mtqg_cli.config.settings import PlacedWaiver, Waiver
from mtqg_cli.config.waivers import apply_waivers, stale_notes, waiver_matches
from mtqg_cli.model.report import FileReport, Finding, Report

ROOT = Path(__file__).resolve().parents[2]
CLEAN = ROOT / "data" / "samples" / "bach-thong-6-thang-2023.xlsx"
FAULTY = ROOT / "data" / "samples" / "bach-thong-6-thang-2023-sai-lech.xlsx"
ONE = "nop-bao-cao/xa-01.xlsx"
WAIVER = """
# Phòng Tài chính - Kế hoạch đã xem xét
[[waivers]]
file = "nop-bao-cao/xa-*.xlsx"
rule = "RATE_MISMATCH"
project = "DA1.ND4"
column = "rate.total"
reason = "Xã ghi tỷ lệ theo số giải ngân đến 30/6, đã giải trình tại CV 123/UBND"
accepted_by = "Nguyễn Thị Lan (TCKH)"
expires = 2025-06-30
"""

runner = CliRunner()


@pytest.fixture(autouse=True)
def submissions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder of submissions holding one form with one discrepancy: the stated rate of
    DA1.ND4 (K17) is 5 % where 18 / 753 triệu đồng = 2,39 %."""
    monkeypatch.chdir(tmp_path)
    book = openpyxl.load_workbook(CLEAN, data_only=True)
    book.active["K17"] = 5.0
    (tmp_path / "nop-bao-cao").mkdir()
    book.save(tmp_path / ONE)
    return tmp_path


def run(*args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(app, ["reconcile", *(str(a) for a in args)])
    return result.exit_code, result.stdout, result.stderr


def as_json(*args: str | Path) -> tuple[int, dict, str]:
    code, out, err = run(*args, "--format", "json")
    return code, json.loads(out), err


def test_a_waiver_turns_exit_1_into_0_and_the_finding_stays_shown(submissions: Path) -> None:
    code, before, _ = as_json(ONE)
    assert code == 1
    assert [(f["rule"], f["cell"]) for f in before["files"][0]["findings"]] == [
        ("RATE_MISMATCH", "K17")
    ]
    (submissions / "mtqg-waivers.toml").write_text(WAIVER, encoding="utf-8")
    code, after, err = as_json(ONE, "--today", "2025-06-30")
    assert code == 0 and err == ""
    (finding,) = after["files"][0]["findings"]
    assert finding["rule"] == "RATE_MISMATCH" and finding["cell"] == "K17"
    assert finding["severity"] == "error" and finding["waived"] is True
    assert finding["waived_by"] == "Nguyễn Thị Lan (TCKH)"
    assert finding["waiver_expires"] == "2025-06-30"
    assert finding["waiver_source"] == "mtqg-waivers.toml:3"
    assert finding["waiver_reason"].startswith("Xã ghi tỷ lệ")
    assert "[Đã chấp nhận: Xã ghi tỷ lệ" in finding["message"]
    assert "đến hết ngày 30/06/2025]" in finding["message"]
    (status,) = after["waivers"]
    assert status["status"] == "active" and status["matches"] == 1


def test_the_waived_finding_shows_in_the_table_and_csv(submissions: Path) -> None:
    (submissions / "mtqg-waivers.toml").write_text(WAIVER, encoding="utf-8")
    code, out, _ = run(ONE, "--today", "2025-01-01", "--width", "200")
    assert code == 0 and "RATE_MISMATCH" in out and "lỗi (đã miễn trừ)" in out
    assert "0 lỗi, 0 cảnh báo, 0 thông tin, 1 đã chấp nhận" in out
    code, out, _ = run(ONE, "--today", "2025-01-01", "--format", "csv", "--lang", "en")
    rows = list(csv.DictReader(io.StringIO(out.lstrip("\ufeff"))))
    assert code == 0 and len(rows) == 1 and "[Waived: Xã ghi tỷ lệ" in rows[0]["message"]


def test_after_its_expiry_date_the_finding_fails_again(submissions: Path) -> None:
    (submissions / "mtqg-waivers.toml").write_text(WAIVER, encoding="utf-8")
    code, data, err = as_json(ONE, "--today", "2025-07-01")
    assert code == 1
    (finding,) = data["files"][0]["findings"]
    assert finding["waived"] is False
    assert "[Miễn trừ đã hết hạn ngày 30/06/2025: Xã ghi tỷ lệ" in finding["message"]
    assert data["waivers"][0]["status"] == "expired" and data["waivers"][0]["matches"] == 1
    assert "mtqg-waivers.toml:3" in err and "đã hết hạn ngày 30/06/2025" in err
    code, out, _ = run(ONE, "--today", "2025-07-01", "--format", "github")
    assert code == 1
    assert "::warning file=mtqg-waivers.toml,title=mtqg%3A miễn trừ,line=3::" in out
    assert "::error file=nop-bao-cao/xa-01.xlsx,title=RATE_MISMATCH Biểu 01!K17::" in out


def test_a_waiver_without_expiry_and_a_folder_argument(submissions: Path) -> None:
    (submissions / "mtqg-waivers.toml").write_text(
        WAIVER.replace("expires = 2025-06-30\n", ""), encoding="utf-8"
    )
    code, data, _ = as_json("nop-bao-cao")
    assert code == 0 and data["files"][0]["findings"][0]["waived"] is True


def test_matching_ignores_the_row_so_a_moved_line_is_still_waived(submissions: Path) -> None:
    source = openpyxl.load_workbook(submissions / ONE).active
    book = openpyxl.Workbook()  # the same form one row lower (a title line more)
    sheet = book.active
    sheet.title = source.title
    for row in source.iter_rows():
        for cell in row:
            if cell.value is not None:
                sheet.cell(cell.row + 1, cell.column, cell.value)
    for merged in source.merged_cells.ranges:
        sheet.merge_cells(
            start_row=merged.min_row + 1,
            end_row=merged.max_row + 1,
            start_column=merged.min_col,
            end_column=merged.max_col,
        )
    book.save(submissions / ONE)
    (submissions / "mtqg-waivers.toml").write_text(WAIVER, encoding="utf-8")
    code, data, _ = as_json(ONE, "--today", "2025-01-01")
    (finding,) = data["files"][0]["findings"]
    assert code == 0 and finding["cell"] == "K18" and finding["waived"] is True


def test_waivers_in_the_configuration_and_unused_ones(submissions: Path) -> None:
    config = WAIVER + (
        '\n[[waivers]]\nfile = "nop-bao-cao/*.xlsx"\nrule = "SUM_MISMATCH"\nproject = "DA5"\n'
        'reason = "Đã sửa"\naccepted_by = "A"\n'
        '\n[[waivers]]\nfile = "huyen-khac/*.xlsx"\nrule = "SUM_MISMATCH"\n'
        'reason = "Chưa nộp"\naccepted_by = "B"\n'
    )
    (submissions / "mtqg.toml").write_text('fail_on = "error"\n' + config, encoding="utf-8")
    code, data, err = as_json(ONE, "--today", "2025-01-01", "--lang", "en")
    assert code == 0
    assert [(w["source"], w["status"], w["matches"]) for w in data["waivers"]] == [
        ("mtqg.toml:4", "active", 1),
        ("mtqg.toml:13", "unused", 0),
        ("mtqg.toml:20", "not_checked", 0),
    ]
    assert "Waiver mtqg.toml:13 (SUM_MISMATCH DA5 nop-bao-cao/*.xlsx) no longer matches" in err
    assert "mtqg.toml:20" not in err


def test_waivers_option_names_the_file(submissions: Path) -> None:
    elsewhere = submissions / "chap-nhan" / "quy-3.toml"
    elsewhere.parent.mkdir()
    elsewhere.write_text(WAIVER.replace("nop-bao-cao/xa-*", "xa-*"), encoding="utf-8")
    code, data, _ = as_json(ONE, "--waivers", elsewhere, "--today", "2025-01-01")
    assert code == 0 and data["waivers"][0]["source"] == "chap-nhan/quy-3.toml:3"
    code, _, err = run(ONE, "--waivers", "khong-co.toml")
    assert code == 2 and "khong-co.toml" in err


# --------------------------------------------------------------------------- matching
def finding(**fields: object) -> Finding:
    base: dict[str, object] = {"rule": "SUM_MISMATCH", "severity": "error", "sheet": "Biểu 01"}
    return Finding.model_validate({**base, **fields})


def waiver(**fields: object) -> Waiver:
    base = {"file": "*.xlsx", "rule": "SUM_MISMATCH", "reason": "r", "accepted_by": "a"}
    return Waiver.model_validate({**base, **fields})


@pytest.mark.parametrize(
    ("fields", "wanted", "hit"),
    [
        ({"project": "DA5.TDA3", "column": "plan.sn"}, {"project": "DA5.TDA3"}, True),
        ({"project": "DA5.TDA3"}, {"project": "DA5"}, False),
        ({"project": "DA5.TDA3"}, {"project": "da5.*"}, True),
        ({"project": None}, {"project": "DA5"}, False),
        ({"column": "plan.sn"}, {"column": "plan.*"}, True),
        ({"column": "disbursed.sn"}, {"column": "plan.*"}, False),
        ({"sheet": "Biểu 01"}, {"sheet": "biểu 0?"}, True),
        ({"unit": "Xã số 1"}, {"unit": "Xã số 2"}, False),
        ({"rule": "RATE_MISMATCH"}, {}, False),
    ],
)
def test_waiver_matches(fields: dict, wanted: dict, hit: bool) -> None:
    assert waiver_matches(waiver(**wanted), finding(**fields)) is hit


@pytest.mark.parametrize(
    ("pattern", "path", "hit"),
    [
        ("xa-01.xlsx", "nop-bao-cao/quy-3/xa-01.xlsx", True),
        ("nop-bao-cao/*.xlsx", "nop-bao-cao/quy-3/xa-01.xlsx", False),
        ("nop-bao-cao/**/*.xlsx", "nop-bao-cao/quy-3/xa-01.xlsx", True),
        ("**/XA-0[1-3].xlsx", "./nop-bao-cao/xa-02.xlsx", True),
        ("**/xa-0[!1].xlsx", "nop-bao-cao/xa-01.xlsx", False),
    ],
)
def test_file_patterns(pattern: str, path: str, hit: bool) -> None:
    placed = PlacedWaiver(waiver(file=pattern), Path("w.toml"), 1, Path.cwd())
    report = Report(version="1", files=[FileReport(path=path, status="findings")])
    report.files[0].findings.append(finding())
    apply_waivers(report, [placed], today=date(2025, 1, 1))
    assert report.files[0].findings[0].waived is hit


def test_the_first_waiver_in_force_is_recorded_and_expired_ones_add_no_note() -> None:
    report = Report(
        version="1",
        files=[FileReport(path="a.xlsx", status="findings", findings=[finding(project="DA1")])],
    )
    old = PlacedWaiver(waiver(reason="cũ", expires=date(2024, 1, 1)), Path("w.toml"), 1, Path())
    first = PlacedWaiver(waiver(reason="một", project="DA1"), Path("w.toml"), 8, Path())
    second = PlacedWaiver(waiver(reason="hai"), Path("w.toml"), 15, Path())
    statuses = apply_waivers(report, [old, first, second], today=date(2025, 1, 1))
    (found,) = report.files[0].findings
    assert found.waived and found.waiver_reason == "một" and found.waiver_source == "w.toml:8"
    assert "hết hạn" not in found.message
    assert [(s.status, s.matches) for s in statuses] == [
        ("expired", 1),
        ("active", 1),
        ("active", 1),
    ]
    assert len(stale_notes(report)) == 1


def test_waivers_also_accept_findings_of_the_faulty_sample() -> None:
    runner_args = [str(FAULTY), "--format", "json"]
    toml = (
        '[[waivers]]\nfile = "*sai-lech*"\nrule = "UNIT_SUSPECT"\nproject = "DA9.TDA2"\n'
        'reason = "Xã nhập theo đồng"\naccepted_by = "Kế toán"\n'
    )
    Path("mtqg-waivers.toml").write_text(toml, encoding="utf-8")
    result = runner.invoke(app, ["reconcile", *runner_args])
    data = json.loads(result.stdout)
    waived = [f["cell"] for f in data["files"][0]["findings"] if f["waived"]]
    assert waived == ["C41", "E41", "F41"] and result.exit_code == 1  # other errors remain


def test_patterns_are_relative_to_the_waivers_folder_when_run_below_it(
    submissions: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (submissions / "mtqg-waivers.toml").write_text(WAIVER, encoding="utf-8")
    monkeypatch.chdir(submissions / "nop-bao-cao")
    code, data, _ = as_json("xa-01.xlsx", "--today", "2025-01-01")
    assert code == 0 and data["files"][0]["findings"][0]["waived"] is True
    assert data["waivers"][0]["source"] == str(submissions / "mtqg-waivers.toml") + ":3"
