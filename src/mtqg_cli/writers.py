"""Reports as files: JSON (the contract), text made safe for spreadsheets; written atomically."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from mtqg_cli.errors import UsageError
from mtqg_cli.models import Report

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def json_bytes(report: Report) -> bytes:
    """The report as the contract's JSON, UTF-8 bytes straight from pydantic's serializer: a
    province's report is 20 MB, which as a `str` of Vietnamese text takes twice that in memory
    and is encoded again to be written (`model_dump_json` is this, decoded)."""
    return report.__pydantic_serializer__.to_json(report, indent=2) + b"\n"


def safe_text(value: object) -> str:
    """Text a spreadsheet will not run: a leading = + - @ tab or CR gets a quote in front."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS) and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def safe_target(target: Path, *, inputs: Iterable[Path]) -> Path:
    """Where a report for `target` may be written: the path with links resolved. Refuse a
    symbolic link that leads out of the output's folder and a path that is one of the inputs."""
    folder = target.absolute().parent.resolve()
    resolved = target.resolve()
    if target.is_symlink() and resolved.parent != folder:
        raise UsageError("output_symlink", path=str(target))
    if any(resolved == p.resolve() for p in inputs if p.exists()):
        raise UsageError("overwrite_input", path=str(target))
    return resolved


def write_file_atomically(
    target: Path, fill: Callable[[Path], None], *, inputs: Iterable[Path]
) -> Path:
    """Check `target` with `safe_target`, let `fill` write a temporary file beside it, then
    rename that over the target: a reader sees the old file or the whole new one, never half.
    Returns the path written."""
    resolved = safe_target(target, inputs=inputs)
    resolved.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=resolved.parent, prefix=f".{resolved.name}.", suffix=".tmp")
    os.close(fd)
    try:
        fill(Path(tmp))
        os.chmod(tmp, 0o666 & ~_umask())  # a report is as readable as any file the user saves
        os.replace(tmp, resolved)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return resolved


def write_atomically(target: Path, text: str | bytes, *, inputs: list[Path]) -> None:
    """Write text (or UTF-8 bytes) through a temporary file and a rename; never over one of the
    inputs, never through a link out of the output's folder."""

    def fill(tmp: Path) -> None:
        if isinstance(text, bytes):
            tmp.write_bytes(text)
            return
        with tmp.open("w", encoding="utf-8", newline="") as handle:
            handle.write(text)

    write_file_atomically(target, fill, inputs=inputs)
