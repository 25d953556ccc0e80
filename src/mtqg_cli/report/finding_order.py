"""A file's findings as roots, each followed by its consequences, with the roots counted apart."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from mtqg_cli.model.report import Finding
from mtqg_cli.model.vocabulary import Severity


@dataclass(frozen=True)
class Placed:
    """A finding in cascade order: 0 for a root, 1 for a finding its root explains, and so on."""

    finding: Finding
    depth: int
    cause: Finding | None
    """The finding that explains this one (its `caused_by`, found); None for a root."""


@dataclass(frozen=True)
class CascadeCounts:
    """Of the findings that fail (errors neither waived nor in the baseline): how many have no
    cause among the file's findings, and how many are explained by another finding."""

    roots: int
    consequences: int


def has_causes(findings: Sequence[Finding]) -> bool:
    """Some finding points at another one of the same list that explains it."""
    return any(cause is not None for cause in _causes(findings).values())


def causes_of(findings: Sequence[Finding]) -> list[Finding | None]:
    """For each finding, in the order given, the finding that explains it, or None (a root)."""
    causes = _causes(findings)
    return [None if (cause := causes[i]) is None else findings[cause] for i in causes]


def explains_any(findings: Sequence[Finding]) -> bool:
    """Some finding has a cause among the others or a hint: the views then show ids and hints."""
    return any(f.hint is not None for f in findings) or has_causes(findings)


def cascade_order(findings: Sequence[Finding]) -> list[Placed]:
    """Every finding once: each root followed by its consequences (depth first), groups placed
    where their earliest member stands in `findings`, members of a group in the order given.
    A `caused_by` naming no finding of the list, the finding itself or a loop counts as a root."""
    causes = _causes(findings)
    children: dict[int, list[int]] = {}
    for index, cause in causes.items():
        if cause is not None:
            children.setdefault(cause, []).append(index)
    group_of = {i: _root_index(i, causes) for i in causes}
    first: dict[int, int] = {}
    for index in causes:
        first.setdefault(group_of[index], index)
    placed: list[Placed] = []
    for root in first:  # in the order of each group's earliest member
        stack = [(root, 0)]
        while stack:
            index, depth = stack.pop()
            cause = causes[index]
            explained_by = None if cause is None else findings[cause]
            placed.append(Placed(findings[index], depth, explained_by))
            stack.extend((child, depth + 1) for child in reversed(children.get(index, [])))
    return placed


def cascade_counts(findings: Sequence[Finding]) -> CascadeCounts:
    """Roots and consequences among the errors that count, as the verdict counts errors (not
    waived, not in the baseline); a consequence's root may be a finding that does not count."""
    causes = _causes(findings)
    counted = [i for i, f in enumerate(findings) if _counts(f)]
    consequences = sum(1 for i in counted if causes[i] is not None)
    return CascadeCounts(roots=len(counted) - consequences, consequences=consequences)


def _counts(finding: Finding) -> bool:
    return not finding.accepted and Severity(finding.severity) is Severity.error


def _root_index(index: int, causes: dict[int, int | None]) -> int:
    cause = causes[index]
    while cause is not None:
        index, cause = cause, causes[cause]
    return index


def _causes(findings: Sequence[Finding]) -> dict[int, int | None]:
    """Each finding's index with the index of the finding that explains it, or None."""
    by_id: dict[str, int] = {}
    for index, finding in enumerate(findings):
        if finding.id is not None:
            by_id.setdefault(finding.id, index)
    direct = {
        i: by_id.get(f.caused_by) if f.caused_by is not None else None
        for i, f in enumerate(findings)
    }
    return {i: (None if _loops(i, direct) else direct[i]) for i in direct}


def _loops(index: int, direct: dict[int, int | None]) -> bool:
    """Following the causes from `index` comes back to it (or to a loop): no root at the end."""
    seen = {index}
    current = direct[index]
    while current is not None:
        if current in seen:
            return True
        seen.add(current)
        current = direct[current]
    return False
