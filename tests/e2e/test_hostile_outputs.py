"""What a run writes stays safe whatever its inputs and options: a device, a pipe or standard
output named by --output is written into (never replaced), no file the run reads is ever
overwritten, names that are not UTF-8 and control characters from inputs are neutralised for
each medium, annotated copies are made one by one and never read back."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import threading
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from build_bad_inputs import GOOD, _form

MTQG = Path(sys.executable).with_name("mtqg")
FAULTY = [["", "TỔNG CỘNG", "300", "999"], *GOOD[1:]]  # the total disagrees with its lines
SAMPLE = (
    Path(__file__).resolve().parents[2]
    / "data"
    / "samples"
    / "bach-thong-6-thang-2023-sai-lech.xlsx"
)
ESC = "_x001B_]0;pwned_x0007__x001B_[2J"
"""Escape sequences as a workbook holds them (Excel writes control characters as _xHHHH_;
raw, they would make the XML not well-formed, and the file is refused as damaged)."""


def run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1"}
    return subprocess.run(
        [str(MTQG), *map(os.fsencode, args), *([b"--no-store"] if args[0] == "reconcile" else [])],
        capture_output=True, timeout=120, env=env, cwd=cwd, check=False,
    )  # fmt: skip


# --------------------------------------------------------------------------- streams
def test_a_fifo_named_as_output_is_written_into_and_stays_a_fifo(tmp_path: Path) -> None:
    form = _form(tmp_path / "xa.xlsx", FAULTY)
    fifo = tmp_path / "ong-dan.json"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    result = run("reconcile", form, "--format", "json", "--output", fifo)
    reader.join(30)
    assert result.returncode == 1, result.stderr
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert json.loads(got[0])["files"][0]["status"] == "findings"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ong-dan.json", "xa.xlsx"]


def test_a_character_device_named_as_output_stays_a_device(tmp_path: Path) -> None:
    device = tmp_path / "null"
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # a second /dev/null
    except PermissionError:
        pytest.skip("creating a device needs root")
    form = _form(tmp_path / "xa.xlsx", GOOD)
    for fmt in ("json", "xlsx", "markdown", "table"):
        result = run("reconcile", form, "--format", fmt, "--output", device)
        assert result.returncode == 0, result.stderr
        assert stat.S_ISCHR(device.lstat().st_mode), fmt
    assert sorted(p.name for p in tmp_path.iterdir()) == ["null", "xa.xlsx"]


def test_dev_stdout_as_output_writes_to_standard_output(tmp_path: Path) -> None:
    form = _form(tmp_path / "xa.xlsx", GOOD)
    result = run("reconcile", form, "--format", "json", "--output", "/dev/stdout")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["files"][0]["status"] == "ok"


# --------------------------------------------------------------------------- files the run reads
READ_OPTIONS = ["input", "against", "baseline", "config", "waivers", "hard link to input"]


def _read_files(tmp_path: Path) -> dict[str, tuple[list[str | Path], Path]]:
    """For each kind of file a run reads: the options that make it read it, and the file."""
    form = _form(tmp_path / "xa.xlsx", FAULTY)
    source = _form(tmp_path / "kho-bac.xlsx", GOOD)
    config = tmp_path / "mtqg.toml"
    config.write_text("tolerance = 1000\n", encoding="utf-8")
    waivers = tmp_path / "mien-tru.toml"
    waivers.write_text("", encoding="utf-8")
    baseline = tmp_path / "baseline.json"
    baseline.write_bytes(run("reconcile", form, "--format", "json").stdout)
    link = tmp_path / "lien-ket-cung.xlsx"
    os.link(form, link)
    return {
        "input": ([form], form),
        "against": ([form, "--against", source], source),
        "baseline": ([form, "--baseline", baseline], baseline),
        "config": ([form, "--config", config], config),
        "waivers": ([form, "--waivers", waivers], waivers),
        "hard link to input": ([form], link),
    }


@pytest.mark.parametrize("what", READ_OPTIONS)
@pytest.mark.parametrize("fmt", ["json", "xlsx", "markdown"])
def test_no_file_the_run_reads_is_overwritten(tmp_path: Path, what: str, fmt: str) -> None:
    args, victim = _read_files(tmp_path)[what]
    before = victim.read_bytes()
    result = run("reconcile", *args, "--format", fmt, "--output", victim)
    assert result.returncode == 2, result.stderr
    assert "Không ghi đè" in result.stderr.decode()
    assert victim.read_bytes() == before


def test_write_baseline_over_the_against_source_is_refused(tmp_path: Path) -> None:
    args, victim = _read_files(tmp_path)["against"]
    before = victim.read_bytes()
    result = run("reconcile", *args, "--baseline", victim, "--write-baseline")
    assert result.returncode == 2, result.stderr
    assert victim.read_bytes() == before


# --------------------------------------------------------------------------- names and controls
def test_a_name_that_is_not_utf8_does_not_stop_any_report(tmp_path: Path) -> None:
    folder = tmp_path / "nop"
    folder.mkdir()
    odd = os.fsdecode(os.fsencode(folder) + b"/xa-\xff\xfe.xlsx")
    _form(Path(odd), GOOD)
    _form(folder / "xa-tot.xlsx", GOOD)
    for fmt in ("json", "csv", "markdown", "junit", "sarif", "github", "html", "xlsx"):
        out = tmp_path / f"bao-cao.{fmt}"
        result = run("reconcile", folder, "--format", fmt, "--output", out)
        assert result.returncode == 0, (fmt, result.stderr)
        assert out.stat().st_size > 0
    paths = [f["path"] for f in json.loads((tmp_path / "bao-cao.json").read_bytes())["files"]]
    assert any(p.endswith("xa-\\xff\\xfe.xlsx") for p in paths), paths


def _hostile_form(path: Path) -> Path:
    """The faulty sample with escape sequences in its title, its project names (shown in the
    figures) and its sheet's name, written as Excel writes control characters."""
    import openpyxl

    book = openpyxl.load_workbook(SAMPLE)
    sheet_ = book.worksheets[0]
    sheet_.title = "Biểu _x001B_(0"
    for row in sheet_.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith(("Dự án", "BIỂU")):
                cell.value += " [x](javascript:alert(1)) _x000D_| x |" + ESC
    book.save(path)
    return path


def test_control_characters_never_reach_any_output(tmp_path: Path) -> None:
    form = _hostile_form(tmp_path / ("xa" + "\x1b[2J" + ".xlsx"))
    table = run("reconcile", form, "--width", "200")
    assert table.returncode == 1, table.stderr
    assert b"\x1b" not in table.stdout + table.stderr and b"\x07" not in table.stdout
    junit = run("reconcile", form, "--format", "junit")
    ET.fromstring(junit.stdout)  # well-formed: no control character left raw
    github = run("reconcile", form, "--format", "github").stdout.decode()
    assert "\x1b" not in github
    assert all(line.startswith(("::", "mtqg:")) for line in github.splitlines() if line)
    assert "\\x1b" in table.stdout.decode()  # shown, as an escape
    markdown = run("reconcile", form, "--format", "markdown").stdout.decode()
    assert "\x1b" not in markdown and "\r" not in markdown and "](javascript" not in markdown
    for line in markdown.splitlines():
        if line.startswith("| DA") or line.startswith("| SUM"):
            assert line.replace("\\|", "").count("|") in (5, 6), line


def test_annotated_copies_of_hostile_text_open_again(tmp_path: Path) -> None:
    import openpyxl

    form = _hostile_form(tmp_path / "xa.xlsx")
    out = tmp_path / "danh-dau"
    result = run("reconcile", form, "--annotate", out)
    assert result.returncode == 1, result.stderr
    (copy,) = out.iterdir()
    book = openpyxl.load_workbook(copy)
    comments = [c.comment.text for ws in book for row in ws.iter_rows() for c in row if c.comment]
    assert comments and not any("\x1b" in text for text in comments)


# --------------------------------------------------------------------------- annotate
def test_annotate_into_the_input_folder_never_reads_the_copies_back(tmp_path: Path) -> None:
    for index in range(2):
        _form(tmp_path / f"xa-{index}.xlsx", FAULTY)
    plans = []
    for _ in range(3):
        result = run("reconcile", tmp_path, "--annotate", tmp_path, "--format", "json")
        assert result.returncode == 1, result.stderr
        report = json.loads(result.stdout)
        assert len(report["files"]) == 2
        plans.append(report["consolidated"])
    assert plans[0] == plans[1] == plans[2]


def test_a_copy_that_cannot_be_made_is_told_and_the_others_are_made(tmp_path: Path) -> None:
    from mtqg_cli.app.run import reconcile_files
    from mtqg_cli.form.options import Options
    from mtqg_cli.report.annotate import annotate_copies

    files = [_form(tmp_path / f"xa-{i}.xlsx", FAULTY) for i in range(3)]
    report = reconcile_files(files, Options(workers=1))
    files[1].write_bytes(b"PK\x03\x04 no longer a workbook")
    failed: list[str] = []
    written = annotate_copies(report, tmp_path / "danh-dau", failed=failed)
    assert sorted(p.name for p in written) == ["xa-0.xlsx", "xa-2.xlsx"]
    assert len(failed) == 1 and "xa-1.xlsx" in failed[0]
    assert failed[0].startswith("Không tạo được bản đánh dấu")


def test_a_copy_with_a_name_near_the_limit_is_made(tmp_path: Path) -> None:
    name = "x" * (250 - len(".xlsx")) + ".xlsx"
    form = _form(tmp_path / name, FAULTY)
    result = run("reconcile", form, "--annotate", tmp_path / "danh-dau")
    assert result.returncode == 1, result.stderr
    assert (tmp_path / "danh-dau" / name).is_file()


# --------------------------------------------------------------------------- nesting
@settings(
    max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(depth=st.integers(5_000, 200_000))
def test_nested_configuration_and_baseline_are_invalid_files(tmp_path: Path, depth: int) -> None:
    form = _form(tmp_path / "xa.xlsx", GOOD)
    config = tmp_path / "mtqg.toml"
    config.write_text("x = " + "[" * depth + "]" * depth + "\n", encoding="utf-8")
    baseline = tmp_path / "baseline.json"
    baseline.write_text("[" * depth + "]" * depth, encoding="utf-8")
    for option, path, words in (
        ("--config", config, "cú pháp"),
        ("--baseline", baseline, "baseline"),
    ):
        result = run("reconcile", form, option, path)
        assert result.returncode == 2, result.stderr
        err = result.stderr.decode()
        assert "RecursionError" not in err and "Lỗi không mong đợi" not in err
        assert words in err


def test_inspect_shows_escape_sequences_as_escapes(tmp_path: Path) -> None:
    form = _hostile_form(tmp_path / "xa.xlsx")
    for fmt in ("table", "json"):
        result = run("inspect", form, "--format", fmt)
        assert result.returncode == 0, result.stderr
        assert b"\x1b" not in result.stdout and b"\\x1b" in result.stdout, fmt
