"""The rich console: fixed width on request, and safe on consoles that cannot print Vietnamese."""

from __future__ import annotations

import codecs
import errno
import os
import sys
from typing import IO, cast

from rich.console import Console
from rich.text import Text

from mtqg_cli.render.stdio import (
    ERRORS as DEGRADE,  # letters lose their marks instead of becoming "?"
)

PIPED_WIDTH = 160
"""Width of output that is not a terminal: figures and explanations on one line each."""


class _ReplacingStream:
    """A text stream that replaces what its encoding cannot hold instead of raising."""

    def __init__(self, stream: IO[str], encoding: str) -> None:
        self._stream = stream
        self.encoding = encoding
        self.errors = DEGRADE

    def write(self, text: str) -> int:
        safe = text.encode(self.encoding, errors=DEGRADE).decode(self.encoding)
        return self._stream.write(safe)

    def flush(self) -> None:
        self._stream.flush()

    def isatty(self) -> bool:
        return bool(getattr(self._stream, "isatty", lambda: False)())

    def fileno(self) -> int:
        return self._stream.fileno()


def _safe_stream(file: IO[str] | None) -> IO[str] | None:
    """`file` (or stdout) wrapped to replace unencodable characters when it is not UTF-8."""
    stream = file if file is not None else sys.stdout
    encoding = getattr(stream, "encoding", None)
    if not isinstance(encoding, str) or _is_utf(encoding):
        return file
    return cast(IO[str], _ReplacingStream(stream, encoding))


def _is_utf(encoding: str) -> bool:
    try:
        return codecs.lookup(encoding).name.startswith("utf")
    except LookupError:
        return False


class _Console(Console):
    """A console that leaves a closed pipe to the command's guard instead of exiting with 1."""

    def on_broken_pipe(self) -> None:
        raise BrokenPipeError(errno.EPIPE, "Broken pipe")


def make_console(
    *, width: int | None = None, file: IO[str] | None = None, color: bool | None = None
) -> Console:
    """A console for reports: fixed width and no colour when asked, safe on any encoding; output
    that is not a terminal (a pipe, a file) is as wide as $COLUMNS says, else PIPED_WIDTH."""
    if width is None and not _is_terminal(file if file is not None else sys.stdout):
        width = _columns() or PIPED_WIDTH
    return _Console(
        file=_safe_stream(file),
        width=width,
        force_terminal=color,
        color_system=None if color is False else "auto",
        legacy_windows=False,
        soft_wrap=False,
        highlight=False,
        emoji=False,
    )


def _is_terminal(stream: IO[str]) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


def _columns() -> int | None:
    value = os.environ.get("COLUMNS", "")
    return int(value) if value.isdigit() and int(value) > 0 else None


def render_error(message: str, console: Console) -> None:
    """One red line for an error that stops the run (exit code 2)."""
    console.print(Text(message, style="bold red"), soft_wrap=True)
