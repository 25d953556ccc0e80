"""What a damaged or protected input tells: zip part errors, encrypted packages, short reasons."""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

ZIP_PART_ERRORS = (
    KeyError,
    OSError,
    EOFError,
    ValueError,
    zipfile.BadZipFile,
    zlib.error,
    NotImplementedError,
)
"""What reading a small part of a damaged or odd zip may raise (absent, truncated, unsupported)."""


_ENCRYPTED_STREAMS = tuple(
    name.encode("utf-16-le") for name in ("EncryptedPackage", "EncryptionInfo")
)


def encrypted_package(path: Path) -> bool:
    """An OLE container holding an encrypted Office document (a password-protected .xlsx,
    whatever its name): its directory names the EncryptedPackage and EncryptionInfo streams."""
    try:
        with path.open("rb") as handle:
            data = handle.read()
    except OSError:
        return False
    return data.startswith(b"\xd0\xcf\x11\xe0") and all(n in data for n in _ENCRYPTED_STREAMS)


def short_reason(exc: BaseException) -> str:
    """The first line of an error's text (else its type's name), cut at 160 characters."""
    text = str(exc).strip().splitlines()
    return (text[0] if text else type(exc).__name__)[:160]
