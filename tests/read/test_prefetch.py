"""A one-file run's read is started in its worker before the checks are imported: same report,
a crash still the file's own error, and a prefetch that does not serve the run is dropped."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from build_bad_inputs import GOOD, _form, far_cell_elsewhere
from mtqg_cli.app.run import reconcile_files
from mtqg_cli.cli import app
from mtqg_cli.form.options import Options
from mtqg_cli.read.limits import DEFAULT_LIMITS, Limits
from mtqg_cli.read.prefetch import start_prefetch

NO_LIMITS = Limits(max_rows=2_000_000, max_columns=20_000, max_cells=10**14)
SAMPLE = (
    Path(__file__).resolve().parents[2]
    / "data"
    / "samples"
    / "bach-thong-6-thang-2023-sai-lech.xlsx"
)


def _without_timing(report: object) -> dict[str, object]:
    data = json.loads(report.model_dump_json())  # type: ignore[attr-defined]
    data.pop("generated_at", None)
    for file in data["files"]:
        file.pop("duration_ms", None)
    return data


def test_a_prefetched_read_gives_the_report_of_the_ordinary_way() -> None:
    prefetch = start_prefetch([SAMPLE], DEFAULT_LIMITS, "calamine", quiet=True)
    assert prefetch is not None
    early = reconcile_files([SAMPLE], Options(), prefetch=prefetch)
    ordinary = reconcile_files([SAMPLE], Options())
    assert _without_timing(early) == _without_timing(ordinary)
    assert early.files[0].status == "findings"
    assert {f.rule for f in early.files[0].findings} >= {"SUM_MISMATCH"}
    assert not prefetch.pool.workers  # closed with the run


def test_a_reader_abort_in_the_prefetched_read_is_the_files_error(tmp_path: Path) -> None:
    bad = far_cell_elsewhere(tmp_path)
    prefetch = start_prefetch([bad], NO_LIMITS, "calamine", quiet=True)
    assert prefetch is not None
    report = reconcile_files([bad], Options(limits=NO_LIMITS), prefetch=prefetch)
    assert report.files[0].status == "error"
    assert "SIGABRT" in (report.files[0].error or "")


def test_a_prefetch_read_with_other_limits_is_dropped_and_the_run_reads_again(
    tmp_path: Path,
) -> None:
    form = _form(tmp_path / "xa.xlsx", GOOD)
    prefetch = start_prefetch([form], NO_LIMITS, "calamine", quiet=True)
    assert prefetch is not None
    tight = Limits(max_rows=3)
    report = reconcile_files([form], Options(limits=tight), prefetch=prefetch)
    assert report.files[0].status == "error" and "--max-rows" in (report.files[0].error or "")
    assert not prefetch.pool.workers


def test_only_one_regular_file_is_prefetched(tmp_path: Path) -> None:
    form = _form(tmp_path / "xa.xlsx", GOOD)
    assert start_prefetch([tmp_path], DEFAULT_LIMITS, "calamine", quiet=True) is None
    assert start_prefetch([form, form], DEFAULT_LIMITS, "calamine", quiet=True) is None
    assert start_prefetch([tmp_path / "none.xlsx"], DEFAULT_LIMITS, "calamine", quiet=True) is None


def test_the_command_line_run_of_one_file_reads_it_early_and_reports_it(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["reconcile", str(SAMPLE), "--format", "json", "--no-store"])
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    assert data["files"][0]["status"] == "findings"
    bad = CliRunner().invoke(
        app, ["reconcile", str(tmp_path / "none.xlsx"), "--format", "json", "--no-store"]
    )
    assert bad.exit_code == 2
    assert "none.xlsx" in bad.output and "Traceback" not in bad.output
