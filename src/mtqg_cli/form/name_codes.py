"""Codes written in a line's name: "Dự án 5", "DA5 - TDA3", "Dự án 10, Tiểu dự án 1, Nội dung số 2".

A name is read on its folded form (no diacritics, lower case). Only numbers the name writes are
read here: a project number, then a sub-project and a content number, each with or without the
others, in the orders forms use ("Tiểu dự án 1 thuộc Dự án 3" too). The seeds' "Tiêu dự án"
folds to the same words as "Tiểu dự án".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_SEP = r"\s*[,\-–—:;/|.]*\s*"
_NUMBER = r"\s*(?:so\s*)?0*(\d+)(?!\d)"
_PROJECT_WORD = r"(?:du an|da)"
_SUB_WORD = r"(?:tieu\s*(?:du an|da)|tda)"
_CONTENT_WORD = r"(?:noi dung|nd)"

_PROJECT = re.compile(rf"^{_PROJECT_WORD}{_NUMBER}(?:\s*[.,]\s*(\d+)(?!\d))?")
_SUB = re.compile(rf"^{_SUB_WORD}{_NUMBER}")
_CONTENT = re.compile(rf"^{_CONTENT_WORD}{_NUMBER}")
_SUB_OWNER = re.compile(rf"^{_SEP}(?:\(?\s*thuoc\s*)?{_PROJECT_WORD}{_NUMBER}")
_THEN_SUB = re.compile(rf"^{_SEP}{_SUB_WORD}{_NUMBER}")
_THEN_CONTENT = re.compile(rf"^{_SEP}{_CONTENT_WORD}{_NUMBER}")


@dataclass(frozen=True)
class WrittenCode:
    """The numbers a name writes: project, sub-project, content (None where not written)."""

    project: int | None = None
    sub: int | None = None
    content: int | None = None

    @property
    def kind(self) -> str:
        """The line's kind from its deepest written number."""
        if self.content is not None:
            return "content"
        return "subproject" if self.sub is not None else "project"

    def code(self, context: str | None = None) -> str | None:
        """The full code, the missing upper levels taken from `context` (the nearest coded
        line above): "Tiểu dự án 2" under DA3 is DA3.TDA2. None when a level is missing."""
        project = f"DA{self.project}" if self.project is not None else _level(context, 0)
        if project is None:
            return None
        if self.sub is None and self.content is None:
            return project
        sub: str | None = project
        if self.sub is not None:
            sub = f"{project}.TDA{self.sub}"
        elif self.project is None and context is not None and ".TDA" in context:
            sub = _level(context, 1)
        if sub is None:
            return None
        return sub if self.content is None else f"{sub}.ND{self.content}"

    @property
    def full(self) -> bool:
        """Whether the name writes its whole path (starts at the project)."""
        return self.project is not None


def _level(context: str | None, depth: int) -> str | None:
    """The code of `context` cut to `depth` + 1 levels ("DA3.TDA2.ND1", 0 → "DA3")."""
    if context is None:
        return None
    parts = context.split(".")
    if ".ND" in context and depth >= len(parts) - 1:
        return None
    return ".".join(parts[: depth + 1]) if len(parts) > depth else None


@lru_cache(maxsize=16384)
def written_code(body: str) -> WrittenCode | None:
    """The code numbers a folded name body writes at its start (None: no number written)."""
    project = _PROJECT.match(body)
    if project:
        rest = body[project.end() :]
        sub_number = int(project.group(2)) if project.group(2) else None
        if sub_number is None and (sub := _THEN_SUB.match(rest)):
            sub_number, rest = int(sub.group(1)), rest[sub.end() :]
        content = _THEN_CONTENT.match(rest)
        return WrittenCode(
            int(project.group(1)), sub_number, int(content.group(1)) if content else None
        )
    sub = _SUB.match(body)
    if sub:
        rest = body[sub.end() :]
        owner = _SUB_OWNER.match(rest)
        if owner:
            rest = rest[owner.end() :]
        content = _THEN_CONTENT.match(rest)
        return WrittenCode(
            int(owner.group(1)) if owner else None,
            int(sub.group(1)),
            int(content.group(1)) if content else None,
        )
    content = _CONTENT.match(body)
    if content:
        return WrittenCode(content=int(content.group(1)))
    return None
