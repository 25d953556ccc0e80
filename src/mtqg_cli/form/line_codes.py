"""Catalog codes of the lines of a tree: from the numbers a name writes, else from a confident
match of its words with a catalog entry that fits under its parent; flat lists nested by code."""

from __future__ import annotations

import re
from functools import lru_cache

from mtqg_cli.form.catalog import Catalog
from mtqg_cli.form.name_codes import written_code
from mtqg_cli.model.sheet import Line
from mtqg_cli.model.text import fold, words

_LEADING_MARK = re.compile(
    r"^[\s(\[]*(?:(?:\d+(?:\.\d+)*|[ivxlcdm]+|[a-z])[.):\]]+|\d+\s|[-–—•+*])\s*"
)
_NAME_CODE_PREFIX = re.compile(r"^(?:(?:du an|tieu du an|noi dung)\s*(?:so\s*)?\d+\s*[:.\-–]?\s*)+")
_FILLER = frozenset({"va", "cac", "cho", "cua", "o", "the", "tai", "de", "voi", "theo", "vung"})
NAME_COVER = 0.8
"""Share of a line's words a catalog name must hold for the line to take its code."""
ENTRY_COVER = 0.6
"""Share of the catalog name's words the line must hold: a few shared words are no match."""

CodeMemo = dict[tuple[str, str, str | None], str | None]
_UNSEEN = "\0unseen"
"""A memo's answer for a key not looked up yet (no code is this text)."""


@lru_cache(maxsize=16384)
def name_body(name: str) -> str:
    """The folded name without a leading number or bullet ('(3). Dự án 3' → 'du an 3')."""
    folded = fold(name)
    for _ in range(2):
        match = _LEADING_MARK.match(folded)
        if not match or not _starts_with_word(folded[match.end() :]):
            break
        folded = folded[match.end() :]
    return folded


def _starts_with_word(rest: str) -> bool:
    return bool(re.match(r"(du an|da|tieu|tda|noi dung|nd)\b", rest))


def assign_codes(
    line: Line, catalog: Catalog, unit: str | None = None, memo: CodeMemo | None = None
) -> None:
    """Give codes to the line's children, depth first, carrying the section's unit name.

    `memo` keeps the code found for each (name, kind, context): a province sheet names the same
    projects in every commune's section, and a batch of forms in every file."""
    memo = _memo_of(catalog) if memo is None else memo
    context = nearest_code(line)
    for child in line.children:
        key = (child.name, child.kind, context)
        code = memo.get(key, _UNSEEN)
        if code is _UNSEEN:
            code = memo[key] = code_for(*key, catalog)
        if code is not None:  # most lines have none: no call for them
            _settle(child, catalog, code)
        child_unit = child.name if child.kind == "unit" else unit
        child.section_unit = child_unit
        if child.children:  # a leaf has nothing to give codes to
            assign_codes(child, catalog, child_unit, memo)


MEMO_SIZE = 65_536
"""Codes kept from form to form; past this many the memo starts afresh."""
_memos: list[tuple[Catalog, CodeMemo]] = []


def _memo_of(catalog: Catalog) -> CodeMemo:
    """The codes found so far under `catalog` (`code_for` answers from the key and the catalog
    alone): one memo, started afresh for another catalog or when it has grown past MEMO_SIZE."""
    if not _memos or _memos[0][0] is not catalog or len(_memos[0][1]) > MEMO_SIZE:
        _memos[:] = [(catalog, {})]
    return _memos[0][1]


def nearest_code(line: Line | None) -> str | None:
    """The code of the line or of its nearest coded ancestor."""
    while line is not None:
        if line.code:
            return line.code
        line = line.parent
    return None


def code_for(name: str, kind: str, context: str | None, catalog: Catalog) -> str | None:
    """The catalog code a line's name stands for, given its kind and its nearest coded parent."""
    if kind == "breakdown":
        return None
    written = written_code(name_body(name))
    if written is not None and kind in ("project", "subproject", "content"):
        if written.full or written.sub is not None:
            return written.code(context)
        code = written.code(context)
        base = code.rsplit(".", 1)[0] if code else None
        has_contents = base is not None and any(".ND" in c.code for c in catalog.children(base))
        return code if has_contents else None
    if kind == "item" and context:
        return None if ".ND" in context else catalog.match_keywords(context, name)
    if kind in ("unit", "item"):
        return guess_project_by_name(name, catalog)
    return None


def _settle(line: Line, catalog: Catalog, code: str) -> None:
    if catalog.get(code):
        line.code = code
        if line.kind in ("item", "unit"):
            line.kind = kind_of_code(code)
    else:
        line.unknown_code = code


def kind_of_code(code: str) -> str:
    """project / subproject / content, from the code's last level."""
    return "content" if ".ND" in code else ("subproject" if ".TDA" in code else "project")


def _distinct(text: str) -> set[str]:
    """The words that tell a name apart (no one-letter words, no fillers, no code prefix)."""
    body = _NAME_CODE_PREFIX.sub("", fold(text))
    return {w for w in words(body) if len(w) > 1 and w not in _FILLER}


def guess_project_by_name(name: str, catalog: Catalog) -> str | None:
    """A project named without its number, on a confident match only: nearly all of the line's
    words in one catalog name, most of that name's words in the line, and no other project as
    close. Words that merely occur in a project's name ("Vốn đầu tư phát triển" in DA9's) are
    no match."""
    tokens = _distinct(name)
    if len(tokens) < 4:
        return None
    scored: list[tuple[float, str]] = []
    for item in catalog.projects():
        entry = _distinct(item.name)
        common = len(tokens & entry)
        if common / len(tokens) >= NAME_COVER and common / max(len(entry), 1) >= ENTRY_COVER:
            scored.append((common / len(tokens | entry), item.code))
    scored.sort(reverse=True)
    if len(scored) == 1 or (len(scored) > 1 and scored[0][0] - scored[1][0] >= 0.2):
        return scored[0][1]
    return None


def nest_by_codes(root: Line, catalog: Catalog) -> None:
    """In a flat list (lines named by their whole path, all at one level), each coded line goes
    under the line of its catalog parent in the same section, wherever that line is written:
    DA3.TDA1 under DA3. A line under a line its code does not fit goes up to one it fits."""
    lines, astray = _astray(root, catalog)
    if not astray:
        return  # every coded line is under its catalog parent already
    scopes: dict[int, dict[str, Line]] = {}
    for line in lines:
        if line.code:
            scopes.setdefault(id(_scope_of(line)), {}).setdefault(line.code, line)
    moves: list[tuple[Line, Line | None]] = []
    for line, wanted, above in astray:
        assert line.code is not None
        target = scopes.get(id(_scope_of(line)), {}).get(wanted)
        if target is None and above is not None and not line.code.startswith(above + "."):
            target = _fitting_ancestor(line)  # under a line its code does not fit
        if above is None or wanted.startswith(above + ".") or target is not None:
            moves.append((line, target))
    for line, target in moves:
        if target is not None and target is not line.parent and not _is_within(target, line):
            _move(line, target)


def _astray(root: Line, catalog: Catalog) -> tuple[list[Line], list[tuple[Line, str, str | None]]]:
    """The root's descendants in pre-order, and each coded line that is not under its catalog
    parent, with that parent's code and the code of the nearest coded line above it (carried
    down the walk, not looked up again for every line)."""
    lines: list[Line] = []
    astray: list[tuple[Line, str, str | None]] = []
    parents: dict[str, str | None] = {}  # code -> its catalog parent's code (None: no item)
    top = nearest_code(root)
    stack = [(child, top) for child in reversed(root.children)]
    while stack:
        line, above = stack.pop()
        lines.append(line)
        code = line.code
        if code:
            if code in parents:
                wanted = parents[code]
            else:
                item = catalog.get(code)
                wanted = parents[code] = item.parent_code if item else None
            if wanted is not None and above != wanted:
                astray.append((line, wanted, above))
        if line.children:
            below = code or above
            stack.extend((child, below) for child in reversed(line.children))
    return lines, astray


def _fitting_ancestor(line: Line) -> Line | None:
    """The nearest ancestor the line's code fits under: uncoded, or coded with a prefix of it."""
    parent = line.parent
    code = line.code or ""
    while parent is not None and parent.code and not code.startswith(parent.code + "."):
        parent = parent.parent
    return parent


def _scope_of(line: Line) -> Line | None:
    parent = line.parent
    while parent is not None and parent.kind not in ("unit", "section", "total", "root"):
        parent = parent.parent
    return parent


def _is_within(line: Line, ancestor: Line) -> bool:
    while line is not None:
        if line is ancestor:
            return True
        line = line.parent  # type: ignore[assignment]
    return False


def _move(line: Line, target: Line) -> None:
    if line.parent is not None:
        line.parent.children.remove(line)
    line.parent = target
    target.children.append(line)
    target.children.sort(key=lambda child: child.row)
    _relevel(line, target.level + 1)


def _relevel(line: Line, level: int) -> None:
    line.level = level
    for child in line.children:
        _relevel(child, level + 1)


def coded_tree(lines: list[Line], catalog: Catalog, codes: dict[int, str]) -> Line:
    """Each line under the line of its catalog parent; the uncoded first (or last) line is the
    grand total; a line whose code is not in the catalog keeps it as `unknown_code`."""
    uncoded = [ln for ln in lines if not codes.get(ln.row)]
    total = next((ln for ln in lines[:1] + lines[-1:] if ln in uncoded), None)
    root = total or Line(row=0, stt="", name="", kind="root")
    root.kind = "total" if total else "root"
    by_code: dict[str, Line] = {}
    for line in lines:
        if line is total:
            continue
        code = codes.get(line.row, "").strip().upper()
        item = catalog.get(code) if code else None
        parent = root
        if item is not None:
            line.code = code
            line.kind = kind_of_code(code)
            parent = by_code.get(item.parent_code or "", root)
            by_code[code] = line
        elif code:
            line.unknown_code = code
        line.parent, line.level = parent, parent.level + 1
        parent.children.append(line)
    return root
