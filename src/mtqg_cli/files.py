"""Files the run reads and writes: none written over an input, every one written atomically."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable
from pathlib import Path

from mtqg_cli.model.errors import UsageError

WRITTEN: list[Path] = []
"""Reports and copies written in full by this run (each write here adds one; the stop line of
interrupt.py names them)."""


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


READ_BY_RUN: dict[tuple[int, int], Path] = {}
"""Files this run reads (inputs, the --against source, baseline, waivers, configuration), by
device and inode: no report or copy is ever written over one, whatever the path names it."""


def protect(path: Path) -> None:
    """Record a file the run reads, so that nothing the run writes replaces it."""
    try:
        found = path.stat()
    except (OSError, ValueError):
        return
    if stat.S_ISREG(found.st_mode):
        READ_BY_RUN[found.st_dev, found.st_ino] = path


def _is_read_by_run(path: Path, inputs: Iterable[Path]) -> bool:
    try:
        found = path.stat()
    except (OSError, ValueError):
        return False
    if (found.st_dev, found.st_ino) in READ_BY_RUN:
        return True
    for other in inputs:
        try:
            if os.path.samefile(path, other):
                return True
        except (OSError, ValueError):
            continue
    return False


def is_stream(target: Path) -> bool:
    """A device, a pipe, a socket or a terminal named as the output (`-o /dev/null`,
    `-o /dev/stdout`): written into directly, never replaced by a rename."""
    try:
        mode = target.stat().st_mode
    except (OSError, ValueError):
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def safe_target(target: Path, *, inputs: Iterable[Path]) -> Path:
    """Where a report for `target` may be written: the path with links resolved. Refuse a
    symbolic link that leads out of the output's folder and a file the run reads."""
    folder = target.absolute().parent.resolve()
    resolved = target.resolve()
    if _is_read_by_run(resolved, inputs):
        raise UsageError("overwrite_input", path=str(target))
    if target.is_symlink() and resolved.parent != folder:
        raise UsageError("output_symlink", path=str(target))
    return resolved


def write_file_atomically(
    target: Path, fill: Callable[[Path], None], *, inputs: Iterable[Path]
) -> Path:
    """Check `target` with `safe_target`, let `fill` write a temporary file beside it, then
    rename that over the target: a reader sees the old file or the whole new one, never half.
    A device, pipe or terminal named as the target is written into instead (never replaced).
    Returns the path written."""
    if _is_writable_stream(target, inputs):
        _write_into(target, fill)
        return target
    resolved = safe_target(target, inputs=inputs)
    resolved.parent.mkdir(parents=True, exist_ok=True)
    import tempfile  # here, not at the top: `mtqg --help` imports this module (through interrupt)

    # a short fixed prefix: a name near the 255-byte limit still leaves room for the temporary
    fd, tmp = tempfile.mkstemp(dir=resolved.parent, prefix=".mtqg-", suffix=".tmp")
    os.close(fd)
    try:
        fill(Path(tmp))
        os.chmod(tmp, 0o666 & ~_umask())  # a report is as readable as any file the user saves
        os.replace(tmp, resolved)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError) and exc.filename == tmp:  # the person named the target
            exc.filename = str(resolved)
        raise
    WRITTEN.append(resolved)
    return resolved


def _is_writable_stream(target: Path, inputs: Iterable[Path]) -> bool:
    """Whether `target` is a stream (`is_stream`); refuse one the run reads from (a FIFO)."""
    if not is_stream(target):
        return False
    if _is_read_by_run(target, inputs):
        raise UsageError("overwrite_input", path=str(target))
    return True


def _write_into(target: Path, fill: Callable[[Path], None]) -> None:
    """Fill a temporary file elsewhere, then copy its bytes into the stream `target` names."""
    import shutil
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix="mtqg-", suffix=".tmp")
    os.close(fd)
    try:
        fill(Path(tmp))
        with open(tmp, "rb") as source, open(target, "wb") as sink:
            shutil.copyfileobj(source, sink)
    finally:
        Path(tmp).unlink(missing_ok=True)
    WRITTEN.append(target)


def write_atomically(target: Path, text: str | bytes, *, inputs: list[Path]) -> None:
    """Write text (or UTF-8 bytes) through a temporary file and a rename; never over one of the
    inputs, never through a link out of the output's folder. A stream (`-o /dev/null`) gets the
    bytes directly: a 20 MB report copied through a temporary file cost 50 ms."""
    data = text if isinstance(text, bytes) else text.encode("utf-8")
    if _is_writable_stream(target, inputs):  # the bytes are at hand: no file between
        with open(target, "wb") as sink:
            sink.write(data)
        WRITTEN.append(target)
        return

    def fill(tmp: Path) -> None:
        tmp.write_bytes(data)

    write_file_atomically(target, fill, inputs=inputs)
