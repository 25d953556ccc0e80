"""Standard output on any console: Windows code pages (cp1252, cp1258…) included.

Text for a person degrades (Vietnamese letters lose the marks the code page cannot show: "Đối
soát" → "Doi soát" on cp1252) instead of stopping the run; reports meant for programs (JSON,
CSV, Markdown, HTML) are written to stdout as UTF-8 bytes whatever the console's encoding.
"""

from __future__ import annotations

import codecs
import io
import sys
import unicodedata
from typing import IO

ERRORS = "mtqg.degrade"


def _degrade(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: each character that cannot be encoded becomes its base letters
    (NFD without combining marks, đ → d), or "?" when even those cannot be encoded."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    out = []
    for char in error.object[error.start : error.end]:
        base = "".join(
            c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c)
        )
        base = base.replace("đ", "d").replace("Đ", "D")
        try:
            base.encode(error.encoding)
        except (UnicodeEncodeError, LookupError):
            base = "?"
        out.append(base or "?")
    return "".join(out), error.end


codecs.register_error(ERRORS, _degrade)


def is_utf(encoding: str | None) -> bool:
    """Whether `encoding` can hold every character (a UTF encoding)."""
    if not encoding:
        return False
    try:
        return codecs.lookup(encoding).name.startswith("utf")
    except LookupError:
        return False


def protect_stdio() -> None:
    """Make stdout and stderr degrade letters they cannot encode instead of raising."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper) and not is_utf(stream.encoding):
            stream.reconfigure(errors=ERRORS)


def write_report(text: str | bytes, stream: IO[str] | None = None) -> None:
    """Write a machine-readable report to stdout: as UTF-8 bytes when it comes as bytes or the
    console's encoding could not hold it (so `> report.json` on Windows gives the same file as
    elsewhere)."""
    out = stream if stream is not None else sys.stdout
    buffer = getattr(out, "buffer", None)
    if buffer is None:
        out.write(text.decode("utf-8") if isinstance(text, bytes) else text)
        return
    if isinstance(text, str) and is_utf(getattr(out, "encoding", None)):
        out.write(text)
        return
    out.flush()
    buffer.write(text if isinstance(text, bytes) else text.encode("utf-8"))
    buffer.flush()
