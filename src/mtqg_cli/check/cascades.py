"""Cascades: which finding explains which (`caused_by`), always naming the root.

A correction (a hint's, or a parent set to its children's sum) is carried up through the sums that
repeat it; every finding it clears points at the root finding that names it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from mtqg_cli.check.cause_search import Cause
from mtqg_cli.form.line_figures import children_sum, effective
from mtqg_cli.model.rates import computed_rate
from mtqg_cli.model.report import Finding, Hint
from mtqg_cli.model.sheet import Line, Table

LINKED = frozenset({"SUM_MISMATCH", "TOTAL_MISMATCH", "UNIT_SUSPECT", "RATE_MISMATCH",
                    "OVER_DISBURSED", "UNALLOCATED_MISMATCH"})  # fmt: skip
"""The rules whose findings may be a root or a consequence."""
HINT_COPIED = frozenset({"SUM_MISMATCH", "TOTAL_MISMATCH"})
"""A consequence of these rules without a hint of its own takes its root's."""


@dataclass(frozen=True)
class Place:
    """Where a finding is: its table, line and field."""

    table: Table
    line: Line
    field: str
    position: int = 0
    """The line's index in `table.lines` (its neighbours are the rows above and below)."""


@dataclass(frozen=True)
class Fix:
    """A correction: the cell of `field` on `line` set to `after`, named by finding `owner`."""

    table: Table
    line: Line
    field: str
    after: int
    owner: int


def link_findings(
    findings: Sequence[Finding], places: dict[int, Place], causes: dict[int, Cause], tolerance: int
) -> None:
    """Set `caused_by` on every finding another finding's correction explains."""
    links = Links(findings, places, tolerance)
    for fix in sorted(links.named_fixes(causes), key=_deepest_parts_first):
        if fix.owner not in links.caused:
            links.explain(fix)
    for fix in links.parent_fixes(causes):
        if fix.owner not in links.caused:
            links.explain(fix)
    links.write_roots()


def _deepest_parts_first(fix: Fix) -> tuple[int, bool]:
    """Fixes low in the tree first, and a part (ĐTPT, SN) before the total that adds it up."""
    return (-depth(fix.line), fix.field.endswith(".total"))


def depth(line: Line) -> int:
    count = 0
    while line.parent is not None:
        line, count = line.parent, count + 1
    return count


class Links:
    """The findings by line and field, and the links found so far (finding → its explainer)."""

    def __init__(
        self, findings: Sequence[Finding], places: dict[int, Place], tolerance: int
    ) -> None:
        self.findings, self.places, self.tolerance = findings, places, tolerance
        self.caused: dict[int, int] = {}
        self.moved: dict[int, dict[str, int]] = {}
        """Each line's figures moved by the corrections explained so far: line → field → delta."""
        self.spots: dict[tuple[int, str], list[int]] = {}
        for index, place in places.items():
            self.spots.setdefault((id(place.line), place.field), []).append(index)

    def named_fixes(self, causes: dict[int, Cause]) -> list[Fix]:
        """One fix per distinct correction the hints name; the findings naming the same one
        point at the finding nearest its cell (on the cell, then on its row, then the deepest)."""
        named: dict[tuple[int, str, int], list[int]] = {}
        for index, cause in causes.items():
            named.setdefault((id(cause.at), cause.field, cause.after), []).append(index)
        fixes: list[Fix] = []
        for indexes in named.values():
            cause = causes[indexes[0]]
            owner = min(indexes, key=lambda i: self._nearness(i, cause))
            for index in indexes:
                if index != owner:
                    self.caused.setdefault(index, owner)
            fixes.append(Fix(self.places[owner].table, cause.at, cause.field, cause.after, owner))
        return fixes

    def _nearness(self, index: int, cause: Cause) -> tuple[int, int, int]:
        place = self.places[index]
        on_row = place.line is cause.at
        spot = 0 if on_row and place.field == cause.field else 1 if on_row else 2
        return (spot, -depth(place.line), index)

    def parent_fixes(self, causes: dict[int, Cause]) -> list[Fix]:
        """A mismatch no hint explains, as the correction of the parent to its children's sum;
        the deepest first, so a parent's is only used where its children's did not explain it."""
        fixes = []
        for index, place in self.places.items():
            if self.findings[index].rule != "SUM_MISMATCH" or index in causes:
                continue
            expected = children_sum(place.line, place.field)
            if expected is not None:
                fixes.append(Fix(place.table, place.line, place.field, expected, index))
        return sorted(fixes, key=lambda f: -depth(f.line))

    def explain(self, fix: Fix) -> None:
        """Carry the fix up through the sums that repeat it; link what it clears on the way. A
        part (ĐTPT, SN) under a total that adds it up moves that total too, and its sums."""
        field = fix.field
        before = fix.line.amounts.get(field)
        if before is None:
            return
        delta = fix.after - before
        self._carry(fix, field, delta)
        group, kind = field.split(".")
        total = f"{group}.total"
        if kind != "total" and Shifted(fix.line, {}).row_gap(group) == 0:
            expected = children_sum(fix.line, total)  # a total its lines disagree with has
            stated = fix.line.amounts.get(total)  # its own mismatch, and its own correction
            if expected is None or stated is None or abs(stated - expected) <= self.tolerance:
                self._carry(fix, total, delta, at_fix=False)

    def _carry(self, fix: Fix, field: str, delta: int, *, at_fix: bool = True) -> None:
        self._clear(fix.owner, fix.line, field, delta, at_fix=at_fix)
        line = fix.line
        while (parent := line.parent) is not None:
            stated, expected = parent.amounts.get(field), children_sum(parent, field)
            if expected is None:
                return
            if stated is not None and abs(stated - expected) > self.tolerance:
                if abs(stated - expected - delta) <= self.tolerance:
                    self._link(parent, field, "SUM_MISMATCH", fix.owner)
                return
            self._clear(fix.owner, parent, field, delta, at_fix=False)  # a sum wrong with it
            line = parent

    def _clear(self, owner: int, line: Line, field: str, delta: int, *, at_fix: bool) -> None:
        """Link the findings on `line` that moving its `field` by delta clears, together with
        the corrections already carried to the line (a rate needs its plan's and disbursed's)."""
        group, kind = field.split(".")
        deltas = self.moved.setdefault(id(line), {})
        deltas[field] = deltas.get(field, 0) + delta
        shifted = Shifted(line, deltas)
        if abs(shifted.row_gap(group)) <= self.tolerance:
            self._link(line, f"{group}.total", "TOTAL_MISMATCH", owner)
        if not at_fix:
            moved = (line.amounts.get(field) or 0) + delta
            self._link(line, field, "UNIT_SUSPECT", owner, moved)
        if group in ("plan", "carried_over", "disbursed"):
            self._rate(line, kind, shifted, owner)
            if shifted.spent(kind) - shifted.base(kind, True) <= self.tolerance:
                self._link(line, f"disbursed.{kind}", "OVER_DISBURSED", owner)
        if group in ("plan", "carried_over", "allocated", "unallocated"):
            share = shifted.get(f"allocated.{kind}") + shifted.get(f"unallocated.{kind}")
            if abs(share - shifted.base(kind, True)) <= self.tolerance:
                self._link(line, f"unallocated.{kind}", "UNALLOCATED_MISMATCH", owner)

    def _rate(self, line: Line, kind: str, shifted: Shifted, owner: int) -> None:
        stated = line.rates.get(f"rate.{kind}")
        indexes = self.spots.get((id(line), f"rate.{kind}"), [])
        if stated is None or not indexes:
            return
        finding = self.findings[indexes[0]]
        plan_only = _plan_only(line, kind, finding.expected)
        base, spent = shifted.base(kind, not plan_only), shifted.spent(kind)
        rate = computed_rate(spent, base) if base > 0 else None
        if rate is not None and stated.agrees(rate):
            self._link(line, f"rate.{kind}", "RATE_MISMATCH", owner)

    def _link(
        self, line: Line, field: str, rule: str, owner: int, moved: int | None = None
    ) -> None:
        """Link the finding of `rule` on the line's field to `owner`; one without a hint takes
        the owner's, and so does a unit slip of a sum whose own division (not `moved`, the figure
        the owner's correction gives it) would be wrong."""
        for index in self.spots.get((id(line), field), []):
            finding = self.findings[index]
            if finding.rule != rule or index == owner or index in self.caused:
                continue
            self.caused[index] = owner
            root_hint = self.findings[owner].hint
            if root_hint is None:
                continue
            own = finding.hint
            if (own is None and rule in HINT_COPIED) or _wrong_division(own, moved, self.tolerance):
                finding.hint = root_hint.model_copy()

    def write_roots(self) -> None:
        """Each link followed to its root; a link that would loop is dropped."""
        for index in self.caused:
            seen, root = {index}, self.caused[index]
            while root in self.caused and root not in seen:
                seen.add(root)
                root = self.caused[root]
            if root not in seen:
                self.findings[index].caused_by = self.findings[root].id


def _wrong_division(hint: Hint | None, moved: int | None, tolerance: int) -> bool:
    """A hint whose figure is not the one the root's correction leads to."""
    if hint is None or moved is None or hint.suggested is None:
        return False
    return abs(hint.suggested - moved) > tolerance


def _plan_only(line: Line, kind: str, computed: int | float | None) -> bool:
    """Whether the rate the finding recomputed divides by the plan alone (not plan + carried)."""
    spent, plan = effective(line, f"disbursed.{kind}"), effective(line, f"plan.{kind}")
    carried = effective(line, f"carried_over.{kind}") or 0
    if computed is None or spent is None or not plan or not carried or plan + carried <= 0:
        return False
    on_plan, on_both = computed_rate(spent, plan), computed_rate(spent, plan + carried)
    assert on_plan is not None and on_both is not None  # both bases are above 0 here
    return abs(on_plan - computed) < abs(on_both - computed)


class Shifted:
    """A line's figures with the corrections carried to it so far: field → how far it moves."""

    def __init__(self, line: Line, deltas: dict[str, int]) -> None:
        self.line, self.deltas = line, deltas

    def value(self, name: str) -> int | None:
        value = effective(self.line, name)
        if name in self.deltas:
            return (value or 0) + self.deltas[name]
        return value

    def get(self, name: str) -> int:
        return self.value(name) or 0

    def row_gap(self, group: str) -> int:
        total = self.value(f"{group}.total")
        dtpt, sn = self.value(f"{group}.dtpt"), self.value(f"{group}.sn")
        if total is None or (dtpt is None and sn is None):
            return 1 << 62
        return total - (dtpt or 0) - (sn or 0)

    def base(self, kind: str, carried: bool) -> int:
        plan = self.get(f"plan.{kind}")
        return plan + self.get(f"carried_over.{kind}") if carried else plan

    def spent(self, kind: str) -> int:
        return self.get(f"disbursed.{kind}")
