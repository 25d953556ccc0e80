"""The files a run checks: those named, and the supported files of the folders named."""

from __future__ import annotations

import os
import re
from pathlib import Path

from mtqg_cli.read.readers import SUPPORTED_SUFFIXES


def list_inputs(paths: list[Path], *, recursive: bool = False) -> list[Path]:
    """Files named, and supported files in folders named (not hidden, sorted)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(_folder_files(path, recursive)))
        else:
            found.append(path)
    return found


def _folder_files(folder: Path, recursive: bool) -> list[Path]:
    """Supported, non-hidden files of a folder; with `recursive`, of its sub-folders too
    (symbolic links to folders are not followed, so a link loop cannot trap the walk)."""
    files: list[Path] = []
    for root, dirs, names in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".")) if recursive else []
        files.extend(Path(root) / n for n in names if _wanted(n))
    return files


_COPY = re.compile(r"\.annotated(-[0-9]+)?\.xls[xm]$", re.IGNORECASE)
"""The names `--annotate` gives copies written beside their inputs: never read back."""


def _wanted(name: str) -> bool:
    if name.startswith((".", "~$")) or _COPY.search(name):
        return False
    return Path(name).suffix.lower() in SUPPORTED_SUFFIXES
