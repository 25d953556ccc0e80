"""Batches: a folder of submissions checked in one run, the batch view, the consolidation."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mtqg_cli.app.run import reconcile_paths
from mtqg_cli.cli import app
from mtqg_cli.figures.consolidation import consolidate
from mtqg_cli.form.options import Options

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "data" / "samples"
FIXTURES = ROOT / "tests" / "fixtures"
runner = CliRunner()


@pytest.fixture
def meeting_folder(tmp_path: Path) -> Path:
    """13 submissions: 10 clean, 1 with discrepancies, 1 corrupt, 1 empty workbook (copies of
    two samples, so of two units only: every one counted needs --keep-duplicates)."""
    folder = tmp_path / "nop-bao-cao"
    folder.mkdir()
    clean = [SAMPLES / "bach-thong-6-thang-2023.xlsx", SAMPLES / "xa-mau-nghin-dong.xlsx"]
    for index in range(10):
        shutil.copy(clean[index % 2], folder / f"xa-{index:02d}.xlsx")
    shutil.copy(SAMPLES / "bach-thong-6-thang-2023-sai-lech.xlsx", folder / "xa-10-sai.xlsx")
    shutil.copy(FIXTURES / "corrupt.xlsx", folder / "xa-11-hong.xlsx")
    shutil.copy(FIXTURES / "empty.xlsx", folder / "xa-12-rong.xlsx")
    return folder


def test_thirteen_submissions_in_one_run(meeting_folder: Path) -> None:
    result = runner.invoke(app, ["reconcile", str(meeting_folder), "-f", "json", "-j", "2"])
    assert result.exit_code == 2
    files = json.loads(result.stdout)["files"]
    assert len(files) == 13
    statuses = {Path(f["path"]).name: f["status"] for f in files}
    assert [n for n, s in statuses.items() if s == "ok"] == [f"xa-{i:02d}.xlsx" for i in range(10)]
    assert statuses["xa-10-sai.xlsx"] == "findings"
    assert statuses["xa-11-hong.xlsx"] == statuses["xa-12-rong.xlsx"] == "error"


def test_batch_table_says_the_same(meeting_folder: Path) -> None:
    result = runner.invoke(app, ["reconcile", str(meeting_folder), "--width", "140"])
    assert result.exit_code == 2
    out = result.stdout
    assert "Kết quả kiểm tra 13 tệp" in out
    assert "10 tệp đạt, 1 tệp có sai lệch, 2 tệp không đọc được" in out
    # worst first: unreadable files, then the one with findings, then the clean ones
    assert out.index("xa-11-hong.xlsx") < out.index("xa-10-sai.xlsx") < out.index("xa-00.xlsx")
    assert "Tổng hợp toàn tỉnh theo dự án" in out
    assert "Sai lệch của Huyện Bạch Thông" in out


def test_parallel_and_serial_runs_agree(meeting_folder: Path) -> None:
    one = reconcile_paths([meeting_folder], Options(workers=1))
    two = reconcile_paths([meeting_folder], Options(workers=2))
    assert one.model_dump() == two.model_dump()


def test_consolidation_adds_up_units(meeting_folder: Path) -> None:
    report = reconcile_paths([meeting_folder], Options(workers=1, keep_duplicates=True))
    consolidated = report.consolidated
    assert consolidated is not None
    assert consolidated.units_included == 11
    assert sorted(Path(p).name for p in consolidated.excluded) == [
        "xa-11-hong.xlsx",
        "xa-12-rong.xlsx",
    ]
    lines = {line.project: line for line in consolidated.lines}
    da4 = [e for f in report.files for e in f.summary if e.project == "DA4"]
    assert lines["DA4"].plan.total == sum(e.plan.total or 0 for e in da4)
    assert lines["DA4"].disbursed.total == sum(e.disbursed.total or 0 for e in da4)
    assert len(lines["TOTAL"].units) == 11
    total = lines["TOTAL"]
    base = total.plan.total + (total.carried_over.total or 0)  # rate = disbursed / (plan + carried)
    assert total.carried_over.total  # the commune form carries money over from 2022
    assert total.rate.total == round(total.disbursed.total * 100 / base, 2)


def test_exclude_errors_leaves_out_faulty_units(meeting_folder: Path) -> None:
    report = reconcile_paths(
        [meeting_folder], Options(workers=1, exclude_errors=True, keep_duplicates=True)
    )
    assert report.consolidated is not None
    assert report.consolidated.units_included == 10
    assert any(p.endswith("xa-10-sai.xlsx") for p in report.consolidated.excluded)
    again = consolidate(report.files, exclude_errors=False)
    assert again.units_included == 11


def test_consolidated_sheet_gives_per_unit_view() -> None:
    report = reconcile_paths([FIXTURES / "consolidated-communes.xlsx"], Options())
    assert report.consolidated is not None
    total = next(ln for ln in report.consolidated.lines if ln.project == "TOTAL")
    assert [u.unit for u in total.units] == ["Xã Vi Hương", "Xã Quân Hà", "Xã Cẩm Giàng"]
    result = runner.invoke(app, ["reconcile", str(FIXTURES / "consolidated-communes.xlsx")])
    assert "Tỷ lệ giải ngân từng đơn vị so với toàn tỉnh" in result.stdout


def test_recursive_finds_sub_folders_and_survives_link_loops(tmp_path: Path) -> None:
    sub = tmp_path / "huyen" / "xa"
    sub.mkdir(parents=True)
    shutil.copy(SAMPLES / "xa-mau-nghin-dong.xlsx", sub / "a.xlsx")
    (sub / "loop").symlink_to(tmp_path, target_is_directory=True)
    flat = runner.invoke(app, ["reconcile", str(tmp_path), "-f", "json"])
    assert flat.exit_code == 2  # no spreadsheet at the top level
    deep = runner.invoke(app, ["reconcile", str(tmp_path), "-r", "-f", "json"])
    assert deep.exit_code == 0
    assert [Path(f["path"]).name for f in json.loads(deep.stdout)["files"]] == ["a.xlsx"]


def test_table_report_written_to_a_file(meeting_folder: Path, tmp_path: Path) -> None:
    target = tmp_path / "bao-cao.txt"
    result = runner.invoke(app, ["reconcile", str(meeting_folder), "-o", str(target), "-q"])
    assert result.exit_code == 2
    text = target.read_text("utf-8")
    assert "Kết quả kiểm tra 13 tệp" in text and "\x1b[" not in text
