"""What a new user runs into first (issue 20): a file with no command, sheet names typed without
marks, this year's template, a blank form, and a history that is short and never created."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from mtqg_cli.app.run import reconcile_paths
from mtqg_cli.cli import app
from mtqg_cli.form.options import Options
from mtqg_cli.store.history import open_store, record_report

ROOT = Path(__file__).resolve().parents[2]
PLANTED = ROOT / "data" / "samples" / "bach-thong-6-thang-2023-sai-lech.xlsx"
CLEAN = ROOT / "data" / "samples" / "bach-thong-6-thang-2023.xlsx"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def test_a_file_with_no_command_is_checked() -> None:
    code = "from mtqg_cli.cli import main; main()"
    result = subprocess.run(
        [sys.executable, "-c", code, str(PLANTED), "--no-store", "-q", "--width", "160"],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 1, result.stderr
    assert "Kết luận: 13 lỗi (9 lỗi gốc, 4 lỗi kéo theo), 3 cảnh báo" in result.stdout
    assert "No such command" not in result.stderr


@pytest.fixture(scope="module")
def renamed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The clean sample with its sheet named «BC 6 tháng» and a second sheet «Ghi chú»."""
    book = openpyxl.load_workbook(CLEAN)
    book.active.title = "BC 6 tháng"
    book.create_sheet("Ghi chú")
    path = tmp_path_factory.mktemp("sheets") / "bc.xlsx"
    book.save(path)
    return path


@settings(max_examples=15, deadline=None)
@given(
    typed=st.sampled_from(["bc 6 thang", "BC 6 THÁNG", "Bc 6 Tháng", "bc  6 thang", "BC 6 tháng"])
)
def test_sheet_matches_without_marks_or_case(renamed: Path, typed: str) -> None:
    code, output = run("reconcile", str(renamed), "--no-store", "-f", "json", "--sheet", typed)
    assert code == 0, output
    assert json.loads(output)["files"][0]["sheets"] == ["BC 6 tháng"]


def test_an_unknown_sheet_lists_the_sheets(renamed: Path) -> None:
    code, output = run("reconcile", str(renamed), "--no-store", "--sheet", "quy 3")
    assert code == 2
    assert "Không có trang tính «quy 3»" in output
    assert "các trang có: «BC 6 tháng», «Ghi chú»" in " ".join(output.split())


def test_template_is_for_this_year_by_default(tmp_path: Path) -> None:
    target = tmp_path / "mau.xlsx"
    code, _ = run("template", str(target))
    assert code == 0
    sheet = openpyxl.load_workbook(target)["Biểu 01"]
    texts = [str(c.value) for row in sheet.iter_rows(max_row=12) for c in row if c.value]
    assert any(f"NĂM {datetime.now().year}" in t for t in texts), texts


def test_a_blank_template_has_no_figures_and_has_not_passed(tmp_path: Path) -> None:
    target = tmp_path / "mau.xlsx"
    run("template", str(target), "--year", "2025")
    code, output = run("reconcile", str(target), "--no-store", "--width", "160")
    assert code == 0
    assert f"Tệp: {target} — chưa có số liệu" in output
    assert "chưa thể coi là đạt" in output and "SHEET_SKIPPED" not in output
    code, text = run("reconcile", str(target), "--no-store", "-f", "json")
    report = json.loads(text)
    assert report["files"][0]["status"] == "ok"  # the contract's status is unchanged
    assert [f["rule"] for f in report["files"][0]["findings"]] == []  # «Hướng dẫn» not skipped
    code, output = run("reconcile", str(PLANTED), str(target), "--no-store", "--width", "160")
    assert "chưa có số liệu" in output


def test_reading_a_history_never_creates_it(tmp_path: Path) -> None:
    store = tmp_path / "moi.sqlite"
    code, output = run("history", "--store", str(store))
    assert code == 2
    assert "Không có lịch sử ở" in output and "Traceback" not in output
    assert not store.exists()


def test_history_shows_the_last_20_runs_unless_asked(tmp_path: Path) -> None:
    store = tmp_path / "h.sqlite"
    report = reconcile_paths([CLEAN], Options())
    opened = open_store(str(store))
    try:
        for number in range(1, 23):
            report.files[0].reporting_unit = f"Xã số {number:02d}"
            record_report(opened, report)
    finally:
        opened.close()

    def units(*args: str) -> set[str]:
        code, text = run("history", "--store", str(store), "-f", "json", "--project", "DA8", *args)
        assert code == 0, text
        return {row["unit"] for row in json.loads(text)["rows"]}

    assert units() == {f"Xã số {n:02d}" for n in range(3, 23)}
    assert len(units("--all")) == 22
    assert units("--last", "2") == {"Xã số 21", "Xã số 22"}
