"""Configuration errors a person can act on: which line of the TOML file, and what is wrong.

`tomllib` keeps no positions, so `key_lines` reads the text once more and notes the line of
every table header and key; a pydantic error's location is looked up there, shortened until found.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from pydantic import ValidationError

from mtqg_cli.words.config import CONFIG_WORDS
from mtqg_cli.words.language import for_language

Loc = tuple[str | int, ...]

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY = r"""(?:"[^"]*"|'[^']*'|[A-Za-z0-9_-]+)"""
_ASSIGN = re.compile(rf"^\s*({_KEY}(?:\s*\.\s*{_KEY})*)\s*=(.*)$")
_INLINE_KEY = re.compile(rf"[{{,]\s*({_KEY})\s*=")
_AT = re.compile(r"\s*\(at line (\d+), column \d+\)|\s*\(at end of document\)")


def syntax_line(exc: Exception) -> tuple[int | str, str]:
    """The line a TOML syntax error is on, and the error without its position."""
    text = str(exc)
    found = re.search(r"\(at line (\d+), column \d+\)", text)
    line: int | str = int(found.group(1)) if found else "?"
    return line, _AT.sub("", text).strip()


def _split_key(text: str) -> list[str]:
    parts = re.findall(_KEY, text)
    return [p[1:-1] if p[:1] in "\"'" else p for p in parts]


def key_lines(text: str) -> dict[Loc, int]:
    """The 1-based line of every table header and key of a TOML text, by its path.

    Array tables (`[[waivers]]`) get their index: `("waivers", 0)`, `("waivers", 0, "rule")`.
    Good enough for configuration files; a line it cannot place is simply not listed.
    """
    lines: dict[Loc, int] = {}
    current: Loc = ()
    counts: dict[Loc, int] = {}
    depth = 0
    fence: str | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        if fence is not None:
            if raw.count(fence) % 2 == 1:
                fence = None
            continue
        if depth > 0:
            depth = max(0, depth + _brackets(raw))
            continue
        header = _HEADER.match(raw)
        if header and not _ASSIGN.match(raw):
            parts: Loc = tuple(_split_key(header.group(2)))
            if header.group(1) == "[[":
                index = counts.get(parts, 0)
                counts[parts] = index + 1
                lines.setdefault(parts, number)
                current = (*parts, index)
            else:
                current = parts
            lines.setdefault(current, number)
            continue
        assign = _ASSIGN.match(raw)
        if not assign:
            continue
        path: Loc = (*current, *_split_key(assign.group(1)))
        lines.setdefault(path, number)
        value = assign.group(2)
        for key in _INLINE_KEY.findall(value):
            lines.setdefault((*path, *_split_key(key)), number)
        for quote in ('"""', "'''"):
            if value.count(quote) % 2 == 1:
                fence = quote
        depth = max(0, _brackets(value))
    return lines


def _brackets(text: str) -> int:
    """Open minus closed brackets outside strings and comments, roughly."""
    text = re.sub(r'"(?:\\.|[^"\\])*"|\'[^\']*\'', "", text).split("#", 1)[0]
    return text.count("[") + text.count("{") - text.count("]") - text.count("}")


def locate(lines: dict[Loc, int], loc: Loc) -> int | None:
    """The line of `loc`, or of the nearest enclosing key or table that has one."""
    for end in range(len(loc), 0, -1):
        if loc[:end] in lines:
            return lines[loc[:end]]
    return None


def describe_errors(
    exc: ValidationError,
    text: str,
    prefix: tuple[str, ...],
    lang: str,
    keys_of: Callable[[Loc], Sequence[str]] | None = None,
) -> str:
    """Each validation error as "line N: what is wrong", in the language, joined by "; "."""
    words = for_language(CONFIG_WORDS, lang)
    lines = key_lines(text)
    out: list[str] = []
    for error in exc.errors(include_url=False):
        loc: Loc = (*prefix, *(p for p in error["loc"] if p != "[key]"))
        ctx: dict[str, Any] = dict(error.get("ctx") or {})
        extra = ctx.get("code") or ctx.get("column")
        line = locate(lines, (*loc, extra)) if isinstance(extra, str) else None
        line = line or locate(lines, loc)
        what = _what(error, loc, ctx, words, keys_of)
        out.append((words["line"].format(line=line) if line else "") + what)
    return "; ".join(out)


def _what(
    error: Any,
    loc: Loc,
    ctx: dict[str, Any],
    words: dict[str, str],
    keys_of: Callable[[Loc], Sequence[str]] | None,
) -> str:
    from mtqg_cli.check.rules import REGISTRY

    kind = str(error["type"])
    names = [str(p) for p in loc if not isinstance(p, int)]
    key = names[-1] if names else ""
    choices = ", ".join(keys_of(loc[:-1])) if keys_of else ""
    params = {
        "key": key,
        "input": _shown(error.get("input")),
        "choices": choices,
        "rules": ", ".join(REGISTRY),
        "msg": error.get("msg", ""),
        **{k: str(v) for k, v in ctx.items()},
    }
    if kind == "literal_error":
        params["expected"] = params.get("expected", "").replace(" or ", ", ")
    template = words.get(kind, words["other"])
    try:
        return template.format(**params)
    except (KeyError, IndexError):
        return words["other"].format(**params)


def _shown(value: object) -> str:
    if isinstance(value, str):
        return f'"{value}"'
    return repr(value) if not isinstance(value, dict | list) else type(value).__name__
