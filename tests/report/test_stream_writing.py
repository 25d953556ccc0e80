"""A report written to a stream goes straight into it; one written to a file, through a rename."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from mtqg_cli import files
from mtqg_cli.model.errors import UsageError


def _no_temporary(*args: object, **kwargs: object) -> tuple[int, str]:
    raise AssertionError("a temporary file was made")


def test_bytes_and_text_go_into_a_fifo_without_a_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    monkeypatch.setattr(tempfile, "mkstemp", _no_temporary)
    fifo = tmp_path / "ong"
    os.mkfifo(fifo)
    got: list[bytes] = []
    for text in ("Đối soát\r\n", b"\x00{}"):
        reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
        reader.start()
        files.write_atomically(fifo, text, inputs=[])
        reader.join(10)
        assert files.WRITTEN[-1] == fifo
    assert got == ["Đối soát\r\n".encode(), b"\x00{}"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ong"]


def test_a_fifo_the_run_reads_is_not_written(tmp_path: Path) -> None:
    fifo = tmp_path / "vao"
    os.mkfifo(fifo)
    with pytest.raises(UsageError):
        files.write_atomically(fifo, b"{}", inputs=[fifo])


def test_a_file_gets_the_text_as_utf8_bytes_line_ends_kept(tmp_path: Path) -> None:
    target = tmp_path / "bao-cao.md"
    files.write_atomically(target, "Xã A\r\nXã B\n", inputs=[])
    assert target.read_bytes() == "Xã A\r\nXã B\n".encode()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bao-cao.md"]
