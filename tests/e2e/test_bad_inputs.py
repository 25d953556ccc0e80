"""Every hostile or broken input ends with exit 0/1, or exit 2 and one clear line; never a
traceback, within the time and memory set here (the CLI runs in a subprocess under RLIMIT_AS)."""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from build_bad_inputs import GOOD, _form, build_corpus
from mtqg_cli.app.run import reconcile_files
from mtqg_cli.form.options import Options

MTQG = Path(sys.executable).with_name("mtqg")
TIMEOUT = 60  # seconds per run; each case takes a few at most
MEMORY = 1536 * 1024 * 1024  # address space of the process, bytes
REGRESSIONS = Path(__file__).parents[1] / "regressions"

# Case → what the run must end with: an exit code and, for exit 2, words of the message.
EXPECTED: dict[str, tuple[int, str]] = {
    "truncated": (2, "hỏng"),
    "corrupted": (2, "hỏng"),
    "zip_bomb": (2, "--max-size"),
    "lying_zip_bomb": (2, "bom nén"),
    "entity_sheet": (2, "hỏng"),
    "entity_strings": (2, "hỏng"),
    "formatted_rows": (2, "--max-rows"),
    "wide": (2, "--max-columns"),
    "far_cell": (2, "--max-"),
    "far_cell_elsewhere": (2, "--max-rows"),
    "upper_case_part": (2, "--max-rows"),
    "entity_reference": (2, "--max-rows"),
    "rich_text_runs": (2, "--max-cell-length"),
    "ods_nested_table": (2, "hỏng"),
    "ods_repeated_spaces": (2, "--max-cell-length"),
    "xls_far_dimensions": (2, "--max-rows"),
    "csv_many_lines": (2, "--max-rows"),
    "csv_quoted_rows": (2, "--max-rows"),
    "lying_strings": (2, "bom nén"),
    "megabyte_cell": (2, "--max-cell-length"),
    "megabyte_shared_string": (2, "--max-cell-length"),
    "no_cached_values": (-1, ""),
    "circular_merges": (-1, ""),
    "dates_as_amounts": (-1, ""),
    "odd_numbers": (-1, ""),
    "header_only": (2, "bảng"),
    "data_only": (-1, ""),
    "many_sheets": (-1, ""),
    "directory": (2, "thư mục"),
    "vietnamese_path": (0, ""),
    "empty_csv": (2, "bảng"),
    "long_csv_cell": (2, ""),
    "binary_as_csv": (2, ""),
}


def _bounded() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def run_cli(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "400", "NO_COLOR": "1"}
    return subprocess.run(
        [str(MTQG), *map(str, args)],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        preexec_fn=_bounded,
        env=env,
        cwd=cwd,
        check=False,
    )


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return build_corpus(tmp_path_factory.mktemp("bad"))


def assert_clean_end(result: subprocess.CompletedProcess[str], expected: tuple[int, str]) -> None:
    code, words = expected
    assert "Traceback" not in result.stderr + result.stdout
    assert "Lỗi không mong đợi" not in result.stderr + result.stdout
    if code == -1:
        assert result.returncode in (0, 1, 2), result.stderr
    else:
        assert result.returncode == code, result.stderr
    if result.returncode == 2:
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        assert len(lines) == 1, result.stderr
        assert words in lines[0]


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_each_bad_input_ends_cleanly(corpus: dict[str, Path], case: str) -> None:
    assert_clean_end(run_cli("reconcile", corpus[case], "--width", "400"), EXPECTED[case])


def test_the_whole_corpus_as_one_batch_reports_every_file(corpus: dict[str, Path]) -> None:
    files = [p for p in corpus.values() if p.is_file()]
    result = run_cli("reconcile", *files, "--format", "json", "-j", "2")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    report = json.loads(result.stdout)
    assert len(report["files"]) == len(files)
    for file in report["files"]:
        assert "--debug" not in (file["error"] or ""), file


def _special_files(folder: Path) -> dict[str, str]:
    """A FIFO, a link to /dev/zero and a socket named as inputs: {name: words of the error}."""
    import socket

    os.mkfifo(folder / "ong-dan.xlsx")
    (folder / "so-khong.csv").symlink_to("/dev/zero")
    bound = socket.socket(socket.AF_UNIX)
    bound.bind(str(folder / "socket.xlsx"))
    bound.close()
    return {name: "không phải là tệp thường" for name in
            ("ong-dan.xlsx", "so-khong.csv", "socket.xlsx")}  # fmt: skip


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_folder_of_every_bad_input_beside_a_good_form(
    tmp_path: Path, corpus: dict[str, Path], workers: str
) -> None:
    """The issue's test: every bad file refused alone with its reason, the good one reported,
    exit 2, within the time and memory of `run_cli`, no traceback."""
    folder = tmp_path / "nop bao cao"
    folder.mkdir()
    reasons = {}
    for case, path in corpus.items():
        if path.is_file() and EXPECTED[case][0] == 2:
            shutil.copy(path, folder / path.name)
            reasons[path.name] = EXPECTED[case][1]
    reasons.update(_special_files(folder))
    _form(folder / "xa-tot.xlsx", GOOD)
    result = run_cli("reconcile", folder, "--format", "json", "-j", workers, "--no-store")
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and "backtrace" not in result.stderr
    files = {Path(f["path"]).name: f for f in json.loads(result.stdout)["files"]}
    assert files.pop("xa-tot.xlsx")["status"] == "ok"
    assert sorted(files) == sorted(reasons)
    for name, file in files.items():
        assert file["status"] == "error", name
        assert reasons[name] in file["error"], (name, file["error"])


def test_limits_can_be_raised(corpus: dict[str, Path]) -> None:
    result = run_cli("reconcile", corpus["wide"], "--max-columns", "20000", "--max-cells", "20000")
    assert_clean_end(result, (2, "bảng"))  # read, and found to hold no table


def test_million_formatted_rows_read_when_the_limit_allows(corpus: dict[str, Path]) -> None:
    result = run_cli(
        "reconcile", corpus["formatted_rows"], "--max-rows", "2000000", "--max-cells", "9000000"
    )
    assert_clean_end(result, (-1, ""))


def test_a_symlink_loop_in_a_folder_does_not_stop_the_batch(tmp_path: Path) -> None:
    folder = tmp_path / "nop bao cao"
    folder.mkdir()
    _form(folder / "xa-1.xlsx", GOOD)
    (folder / "vong.xlsx").symlink_to(folder / "vong-2.xlsx")
    (folder / "vong-2.xlsx").symlink_to(folder / "vong.xlsx")
    (folder / "thu-muc-me").symlink_to(folder)
    result = run_cli("reconcile", folder, "--recursive", "--format", "json")
    assert "Traceback" not in result.stderr
    report = json.loads(result.stdout)
    statuses = {Path(f["path"]).name: f["status"] for f in report["files"]}
    assert statuses["xa-1.xlsx"] == "ok"
    assert statuses["vong.xlsx"] == "error"
    assert result.returncode == 2


def test_a_file_that_disappears_mid_batch_does_not_stop_it(tmp_path: Path) -> None:
    files = [_form(tmp_path / f"xa-{i}.xlsx", GOOD) for i in range(4)]

    def remove_later(report: object) -> None:
        # the file after the one checked is being read already (ReadAhead): the one after it
        files[2].unlink(missing_ok=True)

    report = reconcile_files(files, Options(workers=1), remove_later)
    assert [f.status for f in report.files] == ["ok", "ok", "error", "ok"]
    assert report.files[2].error and "Không tìm thấy" in report.files[2].error


def test_a_vietnamese_path_with_spaces_reads(corpus: dict[str, Path]) -> None:
    path = corpus["vietnamese_path"]
    result = run_cli("reconcile", path.name, "--format", "json", cwd=path.parent)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["files"][0]["path"] == path.name


@pytest.mark.parametrize(
    "path", sorted(REGRESSIONS.glob("*.*")) if REGRESSIONS.is_dir() else [], ids=lambda p: p.name
)
def test_crashes_the_fuzzer_once_found_stay_fixed(path: Path) -> None:
    from fuzz_reader import check_one

    check_one(path.read_bytes(), path.suffix)
