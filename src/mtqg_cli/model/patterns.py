"""Glob patterns for sheets, files, projects and columns, matched the way a finance officer expects.

Matching ignores case and Unicode normalisation (a name typed on Windows in NFC matches one saved
on a Mac in NFD). In file patterns `*` and `?` stay within one folder and `**` crosses folders;
a pattern without a `/` is matched against the file's name alone, as in `.gitignore`.
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from functools import lru_cache
from pathlib import Path, PurePosixPath

GLOB_CHARS = frozenset("*?[")


def norm(text: str) -> str:
    """NFC and case-folded: the form every comparison here uses."""
    return unicodedata.normalize("NFC", text).casefold()


def has_glob(pattern: str) -> bool:
    return any(ch in GLOB_CHARS for ch in pattern)


@lru_cache(maxsize=1024)
def _compile(pattern: str, path: bool) -> re.Pattern[str]:
    out: list[str] = []
    i, n = 0, len(pattern)
    any_char = "[^/]" if path else "."
    while i < n:
        ch = pattern[i]
        if ch == "*" and path and pattern.startswith("**", i):
            i += 2
            if i < n and pattern[i] == "/":
                out.append("(?:.*/)?")
                i += 1
            else:
                out.append(".*")
            continue
        if ch == "*":
            out.append(f"{any_char}*")
        elif ch == "?":
            out.append(any_char)
        elif ch == "[" and (end := pattern.find("]", i + 2)) != -1:
            body = pattern[i + 1 : end]
            negate = body.startswith("!")
            body = re.escape(body[1:] if negate else body).replace("\\-", "-")
            out.append(f"[{'^' if negate else ''}{body}]")
            i = end + 1
            continue
        else:
            out.append(re.escape(ch))
        i += 1
    return re.compile("".join(out) + r"\Z", re.DOTALL)


def matches(pattern: str, text: str | None) -> bool:
    """`text` matches the glob `pattern` (`*`, `?`, `[…]`), ignoring case and normalisation."""
    if text is None:
        return False
    return _compile(norm(pattern), False).match(norm(text)) is not None


def path_key(path: str | Path, root: Path | None = None) -> str:
    """A file's path as reports compare it: relative to `root` (default: the working folder)
    when it lies inside it, with forward slashes and no leading `./`, NFC and case-folded."""
    candidate = Path(path)
    base = root if root is not None else Path.cwd()
    if candidate.is_absolute():
        try:
            candidate = candidate.relative_to(base)
        except ValueError:
            with contextlib.suppress(ValueError, OSError):
                candidate = candidate.resolve().relative_to(base.resolve())
    text = candidate.as_posix()
    while text.startswith("./"):
        text = text[2:]
    return norm(text)


def path_matches(pattern: str, path: str, *, roots: list[Path] | None = None) -> bool:
    """The report path `path` matches the file pattern, as written or seen from one of `roots`."""
    wanted = norm(pattern.replace("\\", "/"))
    while wanted.startswith("./"):
        wanted = wanted[2:]
    regex = _compile(wanted, True)
    candidates = {path_key(path)}
    for root in roots or []:
        try:
            resolved = Path(path).resolve()
            candidates.add(norm(resolved.relative_to(root.resolve()).as_posix()))
        except (ValueError, OSError):
            continue
    if "/" not in wanted:
        candidates |= {PurePosixPath(c).name for c in candidates}
    return any(regex.match(c) for c in candidates)
