"""Baselines: a baseline written from one run makes the same run pass, and a new discrepancy
fails it; findings are matched by file, rule, project and column, never by row."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from mtqg_cli.cli import app
from mtqg_cli.config.baseline import apply_baseline, baseline_of
from mtqg_cli.model.report import FileReport, Finding, Report

ROOT = Path(__file__).resolve().parents[2]
FAULTY = ROOT / "data" / "samples" / "bach-thong-6-thang-2023-sai-lech.xlsx"
FORM = "nop-bao-cao/bach-thong.xlsx"

runner = CliRunner()


@pytest.fixture(autouse=True)
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The faulty sample (13 errors, 3 warnings) as a submission in an empty folder."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "nop-bao-cao").mkdir()
    openpyxl.load_workbook(FAULTY, data_only=True).save(tmp_path / FORM)
    return tmp_path


def run(*args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(app, ["reconcile", *(str(a) for a in args)])
    return result.exit_code, result.stdout, result.stderr


def as_json(*args: str | Path) -> tuple[int, dict]:
    code, out, _ = run(*args, "--format", "json")
    return code, json.loads(out)


def edit(folder: Path, **cells: object) -> None:
    book = openpyxl.load_workbook(folder / FORM)
    for cell, value in cells.items():
        book.active[cell] = value
    book.save(folder / FORM)


def test_a_baseline_makes_the_same_run_pass_and_a_new_discrepancy_fail(folder: Path) -> None:
    assert run(FORM)[0] == 1
    code, out, err = run(FORM, "--write-baseline", "--format", "json")
    assert code == 0 and "Đã ghi baseline vào mtqg-baseline.json (16 sai lệch)" in err
    written = json.loads((folder / "mtqg-baseline.json").read_text("utf-8"))
    assert len(written["files"][0]["findings"]) == 16
    assert json.loads(out)["baseline"] == {"path": "mtqg-baseline.json", "known": 16, "new": 0,
                                           "fixed": 0}  # fmt: skip

    code, data = as_json(FORM, "--baseline", "mtqg-baseline.json")
    assert code == 0
    assert all(f["in_baseline"] for f in data["files"][0]["findings"])
    assert data["baseline"]["known"] == 16 and data["baseline"]["new"] == 0

    edit(folder, K17=5.0)  # DA1.ND4: 18 / 753 triệu đồng is 2,39 %, not 5 %
    code, data = as_json(FORM, "--baseline", "mtqg-baseline.json")
    assert code == 1
    new = [f for f in data["files"][0]["findings"] if not f["in_baseline"]]
    assert [(f["rule"], f["cell"], f["project"]) for f in new] == [
        ("RATE_MISMATCH", "K17", "DA1.ND4")
    ]
    assert data["baseline"] == {"path": "mtqg-baseline.json", "known": 16, "new": 1, "fixed": 0}
    code, out, err = run(FORM, "--baseline", "mtqg-baseline.json", "--format", "github")
    assert code == 1
    errors = [ln for ln in out.splitlines() if ln.startswith("::error")]
    assert len(errors) == 1 and "RATE_MISMATCH Biểu 01!K17" in errors[0]
    assert out.count("::notice ") == 16 and "[đã biết]" in out


def test_a_fixed_discrepancy_is_counted_and_known_ones_are_marked(folder: Path) -> None:
    run(FORM, "--write-baseline", "--baseline", "ci/baseline.json")
    assert (folder / "ci" / "baseline.json").is_file()
    edit(folder, K38=18.34)  # the stated rate of DA8 corrected
    code, data = as_json(FORM, "--baseline", "ci/baseline.json")
    assert code == 0
    assert data["baseline"]["fixed"] == 1 and data["baseline"]["new"] == 0
    assert "RATE_MISMATCH" not in {f["rule"] for f in data["files"][0]["findings"]}
    known = data["files"][0]["findings"][0]
    assert known["message"].endswith("[Sai lệch đã biết: có trong baseline]")
    code, _, err = run(FORM, "--baseline", "ci/baseline.json")
    assert "So với baseline ci/baseline.json: 0 sai lệch mới, 15 đã biết, 1 đã được sửa" in err


def test_the_configuration_names_the_baseline(folder: Path) -> None:
    (folder / "mtqg.toml").write_text('baseline = "ci/mtqg-baseline.json"\n', encoding="utf-8")
    code, _, err = run(FORM)
    assert code == 2 and "ci/mtqg-baseline.json" in err and "--write-baseline" in err
    assert run(FORM, "--write-baseline")[0] == 0
    assert (folder / "ci" / "mtqg-baseline.json").is_file()
    assert run(FORM)[0] == 0


def test_a_broken_baseline_is_a_usage_error(folder: Path) -> None:
    (folder / "broken.json").write_text("{ not json", encoding="utf-8")
    code, out, err = run(FORM, "--baseline", "broken.json", "--lang", "en")
    assert code == 2 and out == "" and "broken.json is not an mtqg JSON report" in err


def test_any_earlier_json_report_is_a_baseline(folder: Path) -> None:
    assert run(FORM, "--format", "json", "--output", "earlier.json")[0] == 1
    assert run(FORM, "--baseline", "earlier.json")[0] == 0


def test_waived_findings_stay_out_of_the_baseline_so_expiry_still_fails(folder: Path) -> None:
    (folder / "mtqg-waivers.toml").write_text(
        '[[waivers]]\nfile = "**/bach-thong.xlsx"\nrule = "RATE_MISMATCH"\nproject = "DA8"\n'
        'reason = "Làm tròn theo công văn"\naccepted_by = "KBNN huyện"\nexpires = 2025-12-31\n',
        encoding="utf-8",
    )
    code, _, _ = run(FORM, "--write-baseline", "--today", "2025-12-01")
    assert code == 0
    written = json.loads((folder / "mtqg-baseline.json").read_text("utf-8"))
    assert "RATE_MISMATCH" not in {f["rule"] for f in written["files"][0]["findings"]}
    assert run(FORM, "--baseline", "mtqg-baseline.json", "--today", "2025-12-31")[0] == 0
    code, data = as_json(FORM, "--baseline", "mtqg-baseline.json", "--today", "2026-01-01")
    assert code == 1
    new = [f for f in data["files"][0]["findings"] if not f["in_baseline"]]
    assert [(f["rule"], f["cell"]) for f in new] == [("RATE_MISMATCH", "K38")]


def _finding(cell: str, row: int) -> Finding:
    return Finding(
        rule="NUMBER_FORMAT", severity="warning", sheet="Biểu 01", cell=cell, row=row,
        column="plan.sn", project="DA5",
    )  # fmt: skip


def test_findings_with_the_same_key_are_counted_cell_first() -> None:
    earlier = Report(
        version="1",
        files=[FileReport(path="./a.xlsx", status="ok", findings=[_finding("E30", 30)])],
    )
    now = Report(
        version="1",
        files=[
            FileReport(
                path="a.xlsx", status="ok", findings=[_finding("E20", 20), _finding("E30", 30)]
            )
        ],
    )
    info = apply_baseline(now, baseline_of(earlier), path="b.json")
    assert [f.in_baseline for f in now.files[0].findings] == [False, True]
    assert (info.known, info.new, info.fixed) == (1, 1, 0)
    moved = Report(
        version="1",
        files=[FileReport(path="a.xlsx", status="ok", findings=[_finding("E31", 31)])],
    )
    apply_baseline(moved, earlier, path="b.json")
    assert moved.files[0].findings[0].in_baseline  # a row inserted above: still known
