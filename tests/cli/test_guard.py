"""Every command says what it wrote, and every failure to read or write is one Vietnamese
sentence naming the file and the likely reason, exit 2, no traceback (issue 20)."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mtqg_cli.cli import app

ROOT = Path(__file__).resolve().parents[2]
PLANTED = ROOT / "data" / "samples" / "bach-thong-6-thang-2023-sai-lech.xlsx"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def one_clean_sentence(output: str) -> str:
    lines = [line for line in output.splitlines() if line.strip()]
    assert len(lines) == 1, output
    assert "Traceback" not in output and ".tmp" not in output and "Error" not in output
    return lines[0]


def test_output_naming_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "bao-cao"
    folder.mkdir()
    code, output = run("reconcile", str(PLANTED), "--no-store", "-f", "xlsx", "-o", str(folder))
    assert code == 2
    line = one_clean_sentence(output)
    assert line.startswith(f"Không ghi được {folder}") and "là một thư mục" in line


@pytest.mark.parametrize(
    ("number", "reason"),
    [
        (errno.EACCES, "đang mở trong một chương trình khác"),
        (errno.ENOSPC, "ổ đĩa đã đầy"),
        (errno.EROFS, "ổ đĩa chỉ cho đọc"),
    ],
)
@pytest.mark.parametrize("fmt", ["xlsx", "json", "html"])
def test_a_report_that_cannot_be_saved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, number: int, reason: str, fmt: str
) -> None:
    target = tmp_path / f"hop.{fmt}"

    def refuse(source: str, destination: str) -> None:
        raise OSError(number, os.strerror(number), source, None, destination)

    monkeypatch.setattr(os, "replace", refuse)
    code, output = run("reconcile", str(PLANTED), "--no-store", "-f", fmt, "-o", str(target))
    assert code == 2
    line = one_clean_sentence(output)
    assert line == f"Không ghi được {target}: {line.split(': ', 1)[1]}"
    assert reason in line
    assert [p.name for p in tmp_path.iterdir()] == []  # nothing half-written left behind


def test_a_disk_full_while_the_report_is_written_names_the_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The failure comes from the writer's temporary file; the sentence names the report."""
    from mtqg_cli import files

    target = tmp_path / "hop.json"
    real_write = files.write_atomically

    def full(path: Path, text: str | bytes, *, inputs: list[Path]) -> None:
        def fill(tmp: Path) -> None:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(tmp))

        files.write_file_atomically(path, fill, inputs=inputs)

    monkeypatch.setattr(files, "write_atomically", full)
    code, output = run("reconcile", str(PLANTED), "--no-store", "-f", "json", "-o", str(target))
    monkeypatch.setattr(files, "write_atomically", real_write)
    assert code == 2
    line = one_clean_sentence(output)
    assert line.startswith(f"Không ghi được {target}:") and "ổ đĩa đã đầy" in line
    assert [p.name for p in tmp_path.iterdir()] == []


def test_english_sentence_with_lang_en(tmp_path: Path) -> None:
    code, output = run(
        "reconcile", str(PLANTED), "--no-store", "-f", "json", "-o", str(tmp_path), "--lang", "en"
    )
    assert code == 2
    assert one_clean_sentence(output).startswith(f"Cannot write {tmp_path}: it is a folder")


def test_demo_copy_to_an_existing_file(tmp_path: Path) -> None:
    existing = tmp_path / "co-san.xlsx"
    existing.write_bytes(b"x")
    code, output = run("demo", "--copy-to", str(existing))
    assert code == 2
    assert "đã có một tệp cùng tên ở chỗ cần một thư mục" in one_clean_sentence(output)


def test_template_where_a_file_stands_for_the_folder(tmp_path: Path) -> None:
    (tmp_path / "bieu").write_bytes(b"x")
    code, output = run("template", str(tmp_path / "bieu" / "mau.xlsx"))
    assert code == 2
    assert one_clean_sentence(output).startswith("Không ghi được")


def test_template_into_an_unwritable_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(source: str, destination: str) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", source, None, destination)

    monkeypatch.setattr(os, "replace", refuse)
    target = tmp_path / "mau.xlsx"
    code, output = run("template", str(target))
    assert code == 2
    assert one_clean_sentence(output).startswith(f"Không ghi được {target}: tệp đang mở")


def test_each_report_written_is_said(tmp_path: Path) -> None:
    target = tmp_path / "hop.xlsx"
    code, output = run("reconcile", str(PLANTED), "--no-store", "-f", "xlsx", "-o", str(target))
    assert code == 1 and target.is_file()
    assert f"Đã ghi {target}" in output
    copies = tmp_path / "danh-dau"
    code, output = run("reconcile", str(PLANTED), "--no-store", "-q", "--annotate", str(copies))
    assert "Đã ghi 1 bản sao có đánh dấu vào" in output
    assert str(copies / PLANTED.name) in output


def test_history_xlsx_says_where_it_went(tmp_path: Path) -> None:
    store = tmp_path / "h.sqlite"
    run("reconcile", str(PLANTED), "--store", str(store), "-q")
    target = tmp_path / "lich-su.xlsx"
    code, output = run("history", "--store", str(store), "-f", "xlsx", "-o", str(target))
    assert code == 0 and target.is_file()
    assert f"Đã ghi {target}" in output


def test_a_closed_pipe_ends_quietly() -> None:
    code = "from mtqg_cli.cli import main; main()"
    process = subprocess.Popen(
        [sys.executable, "-c", code, "reconcile", str(PLANTED), "--no-store", "-q"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # the reader (`| head`) is gone before mtqg writes
    error = process.stderr.read().decode("utf-8")
    assert process.wait(timeout=300) == 141
    assert error == ""


def test_every_command_runs_in_the_guard() -> None:
    commands = [c.callback for c in app.registered_commands]
    assert len(commands) >= 7
    assert all(getattr(c, "__wrapped__", None) is not None for c in commands), commands
