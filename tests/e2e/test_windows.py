"""Ready for Windows: worker processes started with `spawn`, folders and files named in Vietnamese
with spaces, and consoles whose code page cannot print Vietnamese (cp1252): letters may degrade,
the run may not fail."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from mtqg_cli.app.run import PARALLEL_FROM, reconcile_paths
from mtqg_cli.form.options import Options
from mtqg_cli.render.stdio import ERRORS, write_report

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "data" / "samples"
FIXTURES = ROOT / "tests" / "fixtures"
FAULTY = SAMPLES / "bach-thong-6-thang-2023-sai-lech.xlsx"
SUBMISSIONS = {
    "Huyện Bạch Thông (sai lệch).xlsx": FAULTY,
    "Xã Đồng Phúc.xlsx": SAMPLES / "bach-thong-6-thang-2023.xlsx",
    "Xã Lục Bình – bản sửa.xlsx": SAMPLES / "xa-mau-nghin-dong.xlsx",
    "Tổng hợp các xã.xlsx": FIXTURES / "consolidated-communes.xlsx",
    "tệp hỏng.xlsx": FIXTURES / "corrupt.xlsx",
}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Five submissions in a folder whose name, like theirs, has accents and spaces."""
    target = tmp_path / "Báo cáo quý 3" / "Nộp bài đợt 1"
    target.mkdir(parents=True)
    for name, source in SUBMISSIONS.items():
        shutil.copy(source, target / name)
    return target


def test_batch_with_spawn_gives_what_a_single_process_gives(folder: Path) -> None:
    assert len(SUBMISSIONS) >= PARALLEL_FROM  # enough files for the process pool
    serial = reconcile_paths([folder], Options(workers=1))
    spawned = reconcile_paths([folder], Options(workers=2, start_method="spawn"))
    assert spawned.model_dump() == serial.model_dump()
    names = [Path(f.path).name for f in spawned.files]
    assert names == sorted(SUBMISSIONS)
    statuses = {Path(f.path).name: f.status for f in spawned.files}
    assert statuses["tệp hỏng.xlsx"] == "error"
    assert statuses["Huyện Bạch Thông (sai lệch).xlsx"] == "findings"
    assert all(Path(f.path).parent == folder for f in spawned.files)


SPAWN_MAIN = """
import multiprocessing, sys
multiprocessing.set_start_method("spawn")
from mtqg_cli.cli import main
sys.argv[0] = "mtqg"
main()
"""


def test_the_command_runs_a_batch_where_spawn_is_the_default(folder: Path) -> None:
    """As on Windows and macOS: each worker process imports mtqg afresh."""
    command = [sys.executable, "-c", SPAWN_MAIN, "reconcile", str(folder), "-j", "2", "-f", "json"]
    result = subprocess.run(command, capture_output=True, timeout=300, check=False)
    assert result.returncode == 2, result.stderr.decode("utf-8", "replace")  # one file unreadable
    files = json.loads(result.stdout.decode("utf-8"))["files"]
    assert [Path(f["path"]).name for f in files] == sorted(SUBMISSIONS)


def cp1252(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    """`python -m mtqg_cli ARGS` on a console that speaks cp1252 (a western Windows code page)."""
    env = {**os.environ, "PYTHONIOENCODING": "cp1252", "PYTHONUTF8": "0", "COLUMNS": "100"}
    command = [sys.executable, "-m", "mtqg_cli", *map(str, args)]
    return subprocess.run(command, capture_output=True, env=env, cwd=cwd, timeout=300, check=False)


def assert_clean_run(result: subprocess.CompletedProcess[bytes], code: int) -> tuple[str, str]:
    """The exit code expected, no traceback, and output a cp1252 console can show."""
    out, err = result.stdout.decode("cp1252"), result.stderr.decode("cp1252")
    assert result.returncode == code, err
    assert "Traceback" not in err and "UnicodeEncodeError" not in out + err
    return out, err


@pytest.mark.parametrize(
    ("args", "code", "shown"),
    [
        (["--help"], 0, "reconcile"),
        (["reconcile", "--help"], 0, "--tolerance"),
        (["--version"], 0, "mtqg "),
        (["reconcile", FAULTY, "--width", "100"], 1, "SUM_MISMATCH"),
        (["demo"], 0, "UNIT_SUSPECT"),
        (["reconcile", "không-có-tệp-này.xlsx"], 2, ""),
        (["reconcile", FAULTY, "--format", "pdf"], 2, ""),
    ],
)
def test_a_cp1252_console_never_fails_the_run(
    args: list[str | Path], code: int, shown: str
) -> None:
    out, err = assert_clean_run(cp1252(*args), code)
    assert shown in out
    if code == 2:
        assert err.strip()  # one clear line, in letters the console has


def test_on_cp1252_letters_degrade_to_their_base_letters() -> None:
    out, _ = assert_clean_run(cp1252("--help"), 0)
    assert "Doi so" in out and "CTMTQG DTTS&MN" in out  # "Đối soát", without the marks it lacks
    assert "Đối soát".encode("cp1252", errors=ERRORS) == "Doi soát".encode("cp1252")
    assert "Kết luận: 13 lỗi".encode("ascii", errors=ERRORS) == b"Ket luan: 13 loi"
    assert "漢".encode("cp1252", errors=ERRORS) == b"?"


def test_reports_for_programs_stay_utf8_on_cp1252(folder: Path) -> None:
    out = cp1252("reconcile", folder / "Huyện Bạch Thông (sai lệch).xlsx", "-f", "json")
    assert out.returncode == 1
    report = json.loads(out.stdout.decode("utf-8"))  # the same bytes as anywhere else
    assert report["files"][0]["reporting_unit"] == "Huyện Bạch Thông"
    assert "Nộp bài đợt 1" in report["files"][0]["path"]
    markdown = cp1252("reconcile", folder / "Xã Đồng Phúc.xlsx", "-f", "markdown")
    assert markdown.returncode == 0 and "Huyện Bạch Thông" not in markdown.stdout.decode("utf-8")
    assert "Đơn vị: triệu đồng" in markdown.stdout.decode("utf-8")
    csv = cp1252("reconcile", folder, "-f", "csv")
    assert csv.returncode == 2 and csv.stdout.startswith("\ufeff".encode())
    assert "tệp hỏng.xlsx" in csv.stdout.decode("utf-8-sig")


def test_html_and_xlsx_into_a_vietnamese_folder_on_cp1252(folder: Path) -> None:
    html = folder.parent / "Kết quả" / "báo cáo quý 3.html"
    xlsx = folder.parent / "Kết quả" / "họp quý 3.xlsx"
    assert_clean_run(cp1252("reconcile", folder, "-f", "html", "-o", html, "-j", "2"), 2)
    assert_clean_run(cp1252("reconcile", folder, "-f", "xlsx", "-o", xlsx), 2)
    page = html.read_text("utf-8")
    assert "Tổng hợp các xã.xlsx" in page and "Xã Cẩm Giàng" in page
    assert xlsx.stat().st_size > 5_000


def test_write_report_falls_back_to_utf8_bytes() -> None:
    import io

    raw = io.BytesIO()
    console = io.TextIOWrapper(raw, encoding="cp1252")
    write_report('{"đơn vị": "Xã Đồng Phúc"}\n', console)
    assert raw.getvalue().decode("utf-8") == '{"đơn vị": "Xã Đồng Phúc"}\n'


@pytest.mark.parametrize("encoding", ["cp1252", "utf-8"])
def test_a_report_given_as_bytes_goes_out_unchanged(encoding: str) -> None:
    import io

    raw = io.BytesIO()
    console = io.TextIOWrapper(raw, encoding=encoding)
    console.write("before ")  # what was written before stays before
    write_report('{"đơn vị": "Xã Đồng Phúc"}\n'.encode(), console)
    assert raw.getvalue().decode("utf-8").endswith('{"đơn vị": "Xã Đồng Phúc"}\n')
    assert raw.getvalue().startswith(b"before {")


def test_a_report_given_as_bytes_to_a_stream_without_buffer_is_decoded() -> None:
    import io

    stream = io.StringIO()
    write_report('{"đơn vị": "Xã Đồng Phúc"}\n'.encode(), stream)
    assert stream.getvalue() == '{"đơn vị": "Xã Đồng Phúc"}\n'


POSIX_ONLY = re.compile(
    r"^\s*(?:import|from)\s+(?:fcntl|termios|pwd|grp|resource|posix)\b"
    r"|os\.(?:fork|getuid|geteuid|chown|killpg|setsid)\("
    r"|[\"']/(?:tmp|dev|proc|etc)/",
    re.MULTILINE,
)


def test_no_posix_only_calls_in_the_package() -> None:
    offenders = [
        f"{path.relative_to(ROOT)}: {match.group(0).strip()}"
        for path in sorted((ROOT / "src" / "mtqg_cli").rglob("*.py"))
        for match in POSIX_ONLY.finditer(path.read_text("utf-8"))
    ]
    assert offenders == []
