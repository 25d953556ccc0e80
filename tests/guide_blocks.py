"""The commands of the user guide (docs/huong-dan-su-dung.md) and the output it shows for them.

A block ```console holds commands after a "$ " prompt, each followed by the output the guide shows:
the output must have those lines, in that order and next to each other, except where a line "…"
stands for any number of lines, or a "…" inside a line for any text. Trailing spaces do not count.
A block ```console install holds the installation (Windows prompt "> "), run by test_packaging.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "docs" / "huong-dan-su-dung.md"
SKIP = "…"
_BLOCK = re.compile(r"^```console( install)?[ \t]*\n(.*?)^```", re.M | re.S)


@dataclass
class Step:
    """One command of the guide, the output lines it shows, and the guide's line it is on."""

    command: str
    line: int
    expected: list[str] = field(default_factory=list)


def guide_steps(text: str | None = None, *, install: bool = False) -> list[Step]:
    """Every command of the guide's console blocks (or of its install block), in order."""
    text = GUIDE.read_text("utf-8") if text is None else text
    prompt = "> " if install else "$ "
    steps: list[Step] = []
    for block in _BLOCK.finditer(text):
        if bool(block.group(1)) != install:
            continue
        first = text.count("\n", 0, block.start(2)) + 1
        for offset, line in enumerate(block.group(2).splitlines()):
            if line.startswith(prompt):
                steps.append(Step(line[len(prompt) :].strip(), first + offset))
            elif steps and steps[-1].line >= first:
                steps[-1].expected.append(line)
            else:
                raise ValueError(f"guide line {first + offset}: output before any command")
    return steps


def shows(output: str, expected: list[str]) -> bool:
    """Whether `output` shows the `expected` lines as the guide means it (see the module doc)."""
    out = [line.rstrip() for line in output.splitlines()]
    want = [line.rstrip() for line in expected]
    while out and not out[-1]:
        out.pop()
    while want and not want[-1]:
        want.pop()
    while want and not want[0]:
        want.pop(0)
    patterns = [
        None if line.strip() == SKIP else re.compile(".*".join(map(re.escape, line.split(SKIP))))
        for line in want
    ]

    @cache
    def match(i: int, j: int) -> bool:
        if j == len(patterns):
            return i == len(out)
        pattern = patterns[j]
        if pattern is None:
            return any(match(k, j + 1) for k in range(i, len(out) + 1))
        return i < len(out) and pattern.fullmatch(out[i]) is not None and match(i + 1, j + 1)

    return match(0, 0)


def first_difference(output: str, expected: list[str]) -> str:
    """A hint for a failing step: the first expected line the output does not contain."""
    lines = [line.rstrip() for line in output.splitlines()]
    for line in expected:
        parts = [p for p in line.strip().split(SKIP) if p]
        if parts and not any(all(p in out for p in parts) for out in lines):
            return f"not in the output: {line.strip()!r}"
    return "the lines are there, but not in this order or not next to each other"
